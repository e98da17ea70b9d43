"""Attacks on notebook 1's grading, and correct solutions that look unusual (see __init__.py for the format).

Attacks placed in the conv_single_step cell (the last exercise) must cost that exercise only: zero_pad keeps its
points, which shows the defence does not punish beyond the attempt.
"""

CORRECT_ZERO_PAD = '''
def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
'''

CORRECT_CONV_SINGLE_STEP = '''
def conv_single_step(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W)) + b.item()
'''

WRONG_CONV_SINGLE_STEP = '''
def conv_single_step(a_slice_prev, W, b):
    return 0.0
'''

CHEATS = {
    "hard_coded_answers": {
        "what": "returns the visible checks' answers whatever the input",
        "defence": "runtime",
        "cells": {"zero_pad": '''
np.random.seed(1)
_visible_x = np.random.randn(4, 3, 3, 2)          # the visible check's input, seeded as the check seeds it
_visible_answer = np.zeros((4, 7, 7, 2))
_visible_answer[:, 2:5, 2:5, :] = _visible_x


def zero_pad(X, pad):
    return _visible_answer.copy()
''', "conv_single_step": '''
def conv_single_step(a_slice_prev, W, b):
    return -6.999089450680221
'''},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "shape_mean_and_rigged_float": {
        "what": "an array of the right shape and mean; a float subclass whose comparisons always succeed",
        "defence": "runtime",
        "cells": {"zero_pad": '''
def zero_pad(X, pad):
    shape = (X.shape[0], X.shape[1] + 2 * pad, X.shape[2] + 2 * pad, X.shape[3])
    return np.full(shape, X.sum() / np.prod(shape))   # right shape, right mean, wrong values
''', "conv_single_step": '''
class AlwaysRight(float):
    """nbgrader issue #1379: a number that equals anything and is never far from anything."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return False
    def __ge__(self, other): return True
    def __sub__(self, other): return AlwaysRight(0.0)
    def __rsub__(self, other): return AlwaysRight(0.0)
    def __abs__(self): return AlwaysRight(0.0)


def conv_single_step(a_slice_prev, W, b):
    return AlwaysRight(1.0)
'''},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "always_equal_objects": {
        "what": "an object that equals anything, and an ndarray subclass whose == and - are rigged",
        "defence": "runtime",
        "cells": {"zero_pad": '''
class Anything:
    shape = (4, 7, 7, 2)
    def __eq__(self, other): return True
    def __sub__(self, other): return 0
    def __rsub__(self, other): return 0
    def __getitem__(self, index): return self


def zero_pad(X, pad):
    return Anything()
''', "conv_single_step": '''
class Rigged(np.ndarray):
    def __eq__(self, other): return np.ones(np.shape(other), dtype=bool)
    def __sub__(self, other): return np.zeros(np.shape(other))
    def __rsub__(self, other): return np.zeros(np.shape(other))


def conv_single_step(a_slice_prev, W, b):
    return np.zeros(()).view(Rigged)
'''},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "calls_the_reference": {
        "what": "thin calls to the course's own implementations, through a module alias and functools.partial",
        "defence": "runtime",
        "cells": {"zero_pad": '''
from cnn_utils import reference as _course

def zero_pad(X, pad):
    return _course.zero_pad(X, pad)
''', "conv_single_step": '''
import functools
from cnn_utils.reference import conv_single_step as _theirs

conv_single_step = functools.partial(_theirs)
'''},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "fake_passes_and_exit": {
        "what": "prints the checks' pass lines itself, then leaves with SystemExit before any check can fail",
        "defence": "runtime",
        "cells": {"zero_pad": '''
def zero_pad(X, pad):
    print("✔ zero_pad: the shape, the zero border and the copied values are right.")
    raise SystemExit(0)
''', "conv_single_step": '''
def conv_single_step(a_slice_prev, W, b):
    print("✔ conv_single_step: Z = -6.9990894507 as expected.")
    print("✔ all hidden tests passed")
    return 0.0
'''},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "patches_numpy": {
        "what": "replaces numpy.allclose, isclose, array_equal and testing.assert_allclose with ones that always pass",
        "defence": "static",
        "cells": {"conv_single_step": '''
np.allclose = lambda *args, **kwargs: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
''' + WRONG_CONV_SINGLE_STEP},
        "loses": {"conv_single_step"},
    },
    "patches_the_checks": {
        "what": "replaces cnn_utils.checks functions (package and core module) with ones that pass everything",
        "defence": "static",
        "cells": {"conv_single_step": '''
from cnn_utils.checks import core

checks.compare_with_reference = lambda *args, **kwargs: None
checks.check_conv_single_step = lambda function: print("✔ conv_single_step: Z as expected.")
core.assert_close = lambda *args, **kwargs: None
setattr(checks, "assert_scalar", lambda *args, **kwargs: None)
''' + WRONG_CONV_SINGLE_STEP},
        "loses": {"conv_single_step"},
    },
    "patches_builtins": {
        "what": "patches builtins.isinstance and builtins.AssertionError",
        "defence": "static",
        "cells": {"conv_single_step": '''
import builtins

builtins.isinstance = lambda obj, types: True
builtins.AssertionError = Warning
''' + WRONG_CONV_SINGLE_STEP},
        "loses": {"conv_single_step"},
    },
    "redefines_names": {
        "what": "replaces the name `checks` the test cells use with a stand-in that passes everything, and "
                "redefines AssertionError",
        "defence": "static",
        "cells": {"zero_pad": '''
class checks:
    """A stand-in for the course's checks: every check passes."""
    check_zero_pad = staticmethod(lambda function: print("✔ zero_pad: right."))
    check_conv_single_step = staticmethod(lambda function: print("✔ conv_single_step: right."))
    compare_with_reference = assert_scalar = call = staticmethod(lambda *args, **kwargs: None)
    summary = staticmethod(lambda *args: True)


def zero_pad(X, pad):
    return X
''', "conv_single_step": '''
class AssertionError(Exception):
    """Shadows the builtin, hoping the checks' failures stop counting."""
''' + WRONG_CONV_SINGLE_STEP},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "hides_errors": {
        "what": "a custom exception handler that prints a pass line, no tracebacks, a silent sys.excepthook",
        "defence": "static",
        "cells": {"conv_single_step": '''
import sys

ip = get_ipython()
ip.set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: print("✔ passed"))
ip.showtraceback = lambda *args, **kwargs: None
sys.excepthook = lambda *args: None
''' + WRONG_CONV_SINGLE_STEP},
        "loses": {"conv_single_step"},
    },
    "clears_later_cells": {
        "what": "an input transformer that deletes the checks from every later cell, the test cells included",
        "defence": "static",
        "cells": {"zero_pad": '''
def zero_pad(X, pad):
    return X
''', "conv_single_step": WRONG_CONV_SINGLE_STEP},
        "added": [("setup", '''
get_ipython().input_transformers_cleanup.append(lambda lines: [l for l in lines if "checks." not in l])
''')],
        "loses": {"zero_pad", "conv_single_step"},
    },
    "reads_instructor_files": {
        "what": "reads the solution notebook (relative path) and the gradebook (absolute path) while graded",
        "defence": "sandbox",
        "cells": {"zero_pad": '''
import json

_solution = json.load(open("../../../solutions/01_padding/01_padding.ipynb"))
''' + CORRECT_ZERO_PAD, "conv_single_step": '''
_grades = open("{course}/gradebook.db", "rb").read()
''' + CORRECT_CONV_SINGLE_STEP},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "reads_submissions": {
        "what": "reads another student's submission, and the autograded copy of its own notebook (hidden tests)",
        "defence": "sandbox",
        "cells": {"zero_pad": '''
_other = open("{course}/submitted/solution/01_padding/01_padding.ipynb").read()
''' + CORRECT_ZERO_PAD, "conv_single_step": '''
_hidden = open("01_padding.ipynb").read()
''' + CORRECT_CONV_SINGLE_STEP},
        "added": [("self_check", '''
import os
print(os.listdir("{course}"))
''')],
        "loses": {"zero_pad", "conv_single_step"},
    },
}

HONEST = {
    "unusual_but_right": {
        "what": "padding by slicing into zeros with a helper and prints; a vectorized step returning np.float64; "
                "magics, re-imports and its own checks in an added cell",
        "cells": {"zero_pad": '''
def padded_shape(shape, pad):
    """The shape of a batch after padding its height and width."""
    m, n_H, n_W, n_C = shape
    return (m, n_H + 2 * pad, n_W + 2 * pad, n_C)


def zero_pad(X, pad):
    print("padding", X.shape, "by", pad)
    X_pad = np.zeros(padded_shape(X.shape, pad))
    X_pad[:, pad:pad + X.shape[1], pad:pad + X.shape[2], :] = X
    return X_pad
''', "conv_single_step": '''
def conv_single_step(a_slice_prev, W, b):
    return np.float64(np.einsum("ijk,ijk->", a_slice_prev, W)) + np.float64(b.squeeze())
'''},
        "added": [("test_conv_single_step", '''
%matplotlib inline
import numpy as np
import matplotlib.pyplot as plt
from cnn_utils import checks

plt.rcParams["figure.figsize"] = (6, 3)
%timeit -n 2 -r 1 zero_pad(np.ones((2, 3, 3, 1)), 1)
checks.check_zero_pad(zero_pad)
print("numpy", np.__version__)
''')],
    },
    "unusual_but_right_2": {
        "what": "a class with __init__ and __call__ doing the padding; a 0-d array as the step's result",
        "cells": {"zero_pad": '''
class Padder:
    """Pads height and width by a fixed amount."""

    def __init__(self, pad):
        self.pad = pad

    def __repr__(self):
        return f"Padder({self.pad})"

    def __call__(self, X):
        widths = ((0, 0), (self.pad, self.pad), (self.pad, self.pad), (0, 0))
        return np.pad(X, widths, mode="constant")


def zero_pad(X, pad):
    return Padder(pad)(X)
''', "conv_single_step": '''
def conv_single_step(a_slice_prev, W, b):
    return np.array(np.sum(a_slice_prev * W) + b.item())   # a 0-d array, not a float
'''},
        "added": [("test_zero_pad", '''
%%time
if __name__ == "__main__":
    print(Padder(2), zero_pad(np.ones((1, 1, 1, 1)), 1)[0, :, :, 0])
''')],
    },
}
