"""Attacks on notebook 1's grading, and correct solutions that look unusual (see __init__.py for the format).

Notebook 1 ships no correct implementation to its grading kernel, so every attack here has to make the grader accept
values nobody computed: by forging the answers the kernel sends, by objects that are not what they claim to be, by
reaching the instructor's files, or by changing the checks (which do not run in the kernel). Where an attack has two
halves, one per exercise, each half must cost its own exercise only.
"""

CORRECT_ZERO_PAD = '''
def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
'''

CORRECT_CONV_SINGLE_STEP = '''
def conv_single_step(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W)) + b.item()
'''

WRONG_ZERO_PAD = '''
def zero_pad(X, pad):
    return X
'''

WRONG_CONV_SINGLE_STEP = '''
def conv_single_step(a_slice_prev, W, b):
    return 0.0
'''

# The visible checks' inputs are seeded (np.random.seed(1)), so their answers are known in advance; the helpers below
# write them as the grader's wire format does (cnn_utils/runner/wire.py), for the attacks that forge answers.
VISIBLE_ANSWERS = '''
import base64
import io
import json

np.random.seed(1)
_x = np.random.randn(4, 3, 3, 2)                      # the visible check's input, seeded as the check seeds it
_VISIBLE = {"zero_pad": np.zeros((4, 7, 7, 2)), "conv_single_step": -6.999089450680221}
_VISIBLE["zero_pad"][:, 2:5, 2:5, :] = _x


def _encoded(value):
    """`value` as the wire format encodes it."""
    if isinstance(value, float):
        return {"$float": repr(value)}
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(value), allow_pickle=False)
    return {"$array": base64.b64encode(buffer.getvalue()).decode("ascii")}


def _forged(name):
    """The probe's answer to a call of `name`, as the grader reads it."""
    return json.dumps({"value": _encoded(_VISIBLE[name]), "args_after": [[], {"$dict": []}]})
'''

CHEATS = {
    "hard_coded_answers": {
        "what": "returns the visible checks' answers whatever the input",
        "defence": "hidden",
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
        "fools_visible": {"zero_pad", "conv_single_step"},
    },
    "rigged_values": {
        "what": "an ndarray subclass of the right shape whose ==, - and ufuncs are rigged; a float subclass whose "
                "comparisons always succeed (nbgrader issue #1379)",
        "defence": "data",
        "cells": {"zero_pad": '''
class Rigged(np.ndarray):
    def __eq__(self, other): return np.ones(np.shape(other), dtype=bool)
    def __sub__(self, other): return np.zeros(np.shape(other))
    def __rsub__(self, other): return np.zeros(np.shape(other))
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(np.broadcast_shapes(*[np.shape(i) for i in inputs]))


def zero_pad(X, pad):
    shape = (X.shape[0], X.shape[1] + 2 * pad, X.shape[2] + 2 * pad, X.shape[3])
    return np.zeros(shape).view(Rigged)
''', "conv_single_step": '''
class AlwaysRight(float):
    """A number that equals anything and is never far from anything."""
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return False
    def __ge__(self, other): return True
    def __sub__(self, other): return AlwaysRight(0.0)
    def __rsub__(self, other): return AlwaysRight(0.0)
    def __abs__(self): return AlwaysRight(0.0)
    def __float__(self): return -6.999089450680221
    __hash__ = float.__hash__


def conv_single_step(a_slice_prev, W, b):
    return AlwaysRight(1.0)
'''},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "lazy_values": {
        "what": "objects whose value is computed only when the grader converts them, by the course's own reference "
                "(__array__, __array_interface__, __float__, __index__); conv_single_step answers the visible case "
                "from a table, and the hidden ones with a np.float64 subclass that claims to live in the numpy "
                "module (the wire's test for NumPy scalars) and whose comparisons always succeed",
        "defence": "data",
        "cells": {"zero_pad": '''
class LazyPadded:
    """Becomes an array only when someone asks: by then the course's reference is at hand."""

    def __init__(self, X, pad):
        self.X, self.pad = X, pad
        self.shape = (X.shape[0], X.shape[1] + 2 * pad, X.shape[2] + 2 * pad, X.shape[3])

    def _value(self):
        from cnn_utils import reference
        return reference.zero_pad(self.X, self.pad)

    def __array__(self, dtype=None, copy=None):
        return self._value()

    @property
    def __array_interface__(self):
        return self._value().__array_interface__

    def __getitem__(self, index):
        return self._value()[index]


def zero_pad(X, pad):
    return LazyPadded(X, pad)
''', "conv_single_step": '''
class Spoofed(np.float64):
    __module__ = "numpy"               # type(value).__module__ == "numpy", as the wire asks of NumPy scalars
    def __eq__(self, other): return True
    def __sub__(self, other): return np.float64(0.0)
    def __rsub__(self, other): return np.float64(0.0)
    def __abs__(self): return np.float64(0.0)
    def __float__(self): return -6.999089450680221
    def __array__(self, dtype=None, copy=None): return np.array(-6.999089450680221)
    __hash__ = np.float64.__hash__




class LazyNumber:
    def __init__(self, *args):
        self.args = args

    def __float__(self):
        from cnn_utils.reference import conv_single_step as course
        return float(course(*self.args))

    __index__ = __int__ = lambda self: int(self.__float__())


_calls = []


def conv_single_step(a_slice_prev, W, b):
    """The visible case from a table; then a NumPy float that passes for NumPy's (the hidden tests' first calls
    only ask for a number), then lazy numbers (the calls whose values are compared)."""
    _calls.append(1)
    if a_slice_prev.shape == (4, 4, 3):
        return -6.999089450680221
    return Spoofed(0.0) if len(_calls) <= 5 else LazyNumber(a_slice_prev, W, b)
'''},
        "loses": {"zero_pad", "conv_single_step"},
        "fools_visible": {"conv_single_step"},
    },
    "thin_calls": {
        "what": "thin calls to the course's implementations: through a module alias, functools.partial, importlib, "
                "the editable install's source folder read and executed, cnn_grading's modules; convolution "
                "libraries (scipy, torch); each with a fallback, so that the function is defined whatever fails",
        "defence": "sandbox",
        "cells": {"zero_pad": '''
import importlib
import os
import sys


def _course_zero_pad():
    """The course's zero_pad, wherever it can be found."""
    try:
        from cnn_utils import reference as _course
        return _course.zero_pad
    except ImportError:
        pass
    for name in ("cnn_utils.reference.padding", "cnn_grading.reference.padding", "cnn_utils.layers"):
        try:
            return importlib.import_module(name).zero_pad
        except (ImportError, AttributeError):
            pass
    package = os.path.dirname(sys.modules["cnn_utils"].__file__)
    for path in [os.path.join(package, "reference", "padding.py"), "/work/main/cnn_utils/reference/padding.py",
                 os.path.join(package, "..", "grading", "cnn_grading", "hidden", "padding.py")]:
        try:
            namespace = {}
            exec(open(path).read(), namespace)
            return namespace["zero_pad"]
        except (OSError, KeyError, ImportError, SyntaxError):
            pass
    return lambda X, pad: X


def zero_pad(X, pad):
    return _course_zero_pad()(X, pad)
''', "conv_single_step": '''
import functools

try:
    from cnn_utils.reference import conv_single_step as _theirs
    conv_single_step = functools.partial(_theirs)
except ImportError:
    _theirs = None


def _elsewhere(a_slice_prev, W, b):
    try:
        from scipy.signal import correlate
        return float(correlate(a_slice_prev, W, mode="valid").item()) + b.item()
    except ImportError:
        pass
    try:
        import torch
        return float(torch.nn.functional.conv2d(torch.tensor(a_slice_prev).permute(2, 0, 1)[None],
                                                torch.tensor(W).permute(2, 0, 1)[None]).item()) + b.item()
    except ImportError:
        return 0.0


if _theirs is None:
    conv_single_step = _elsewhere
'''},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "fake_passes_and_exit": {
        "what": "prints the checks' pass lines itself, then leaves with SystemExit, or kills the kernel with "
                "os._exit before any check can fail",
        "defence": "outside",
        "cells": {"zero_pad": '''
def zero_pad(X, pad):
    print("✔ zero_pad: the shape, the zero border and the copied values are right.")
    raise SystemExit(0)
''', "conv_single_step": '''
import os


def conv_single_step(a_slice_prev, W, b):
    print("✔ conv_single_step: Z = -6.9990894507 as expected.")
    print("✔ all hidden tests passed")
    os._exit(0)
'''},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "patches_the_kernels_copies": {
        "what": "replaces numpy's comparisons, the checks and builtins inside the kernel: directly, through "
                "setattr and names built from strings, vars(builtins), and code run from a string annotation by "
                "typing.get_type_hints",
        "defence": "outside",
        "cells": {"zero_pad": '''
np.allclose = lambda *args, **kwargs: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
checks.check_zero_pad = lambda function: print("✔ zero_pad: the shape, the zero border and the copied values are "
                                               "right.")
checks.compare_with_reference = lambda *args, **kwargs: None
try:
    from cnn_utils.checks import core
    core.assert_close = core.plain_array = lambda *args, **kwargs: None
except ImportError:
    pass
''' + WRONG_ZERO_PAD, "conv_single_step": '''
import builtins
import typing

_numpy = __import__("".join(["n", "u", "m", "p", "y"]))
setattr(_numpy, "is" + "close", lambda a, b, *args, **kwargs: _numpy.ones(_numpy.shape(a), dtype=bool))
setattr(vars(builtins)["__import__"]("cnn_utils").checks, "assert_" + "scalar", lambda *args, **kwargs: None)


def _hint(x: "__import__('numpy').testing.__setattr__('assert_allclose', lambda *a, **k: None) or int"):
    pass


typing.get_type_hints(_hint)                  # evaluates the annotation: code run from a string
vars(builtins)["AssertionError"] = Warning
''' + WRONG_CONV_SINGLE_STEP},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "redefines_names_and_hides_errors": {
        "what": "replaces the name `checks` the test cells use with a stand-in that passes everything, redefines "
                "AssertionError; a custom exception handler that prints a pass line, no tracebacks, a silent "
                "sys.excepthook",
        "defence": "outside",
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
import sys


class AssertionError(Exception):
    """Shadows the builtin, hoping the checks' failures stop counting."""


ip = get_ipython()
ip.set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: print("✔ passed"))
ip.showtraceback = lambda *args, **kwargs: None
sys.excepthook = lambda *args: None
''' + WRONG_CONV_SINGLE_STEP},
        "loses": {"zero_pad", "conv_single_step"},
    },
    "forges_answers_with_ipython_hooks": {
        "what": "the shell reached through sys.modules and IPython.core.getipython: an input transformer that turns "
                "every request of the grader into a display of a forged answer (the probe's MIME type, the visible "
                "answers hard-coded), another that deletes the checks from every later cell, a pre_run_cell hook "
                "that logs the requests, and a post_run_cell hook that displays a forged answer after the real one",
        "defence": "hidden",
        "cells": {"zero_pad": WRONG_ZERO_PAD, "conv_single_step": WRONG_CONV_SINGLE_STEP},
        "added": [("setup", VISIBLE_ANSWERS + '''
import sys

_shell = sys.modules["IPython"].get_ipython()
_PROBE = "cnn_utils" + ".runner.probe"
_requests = []


def _name_of(request_text):
    """The name of the function a call request targets, or None."""
    request = json.loads(request_text)
    if request.get("op") != "call":
        return None
    function = sys.modules[_PROBE]._kept.get(request["target"])
    return getattr(function, "__name__", None)


def _forge(request_text):
    name = _name_of(request_text)
    if name not in _VISIBLE:
        return __import__(_PROBE, fromlist=["handle"]).handle(request_text)
    display({"application/x-cnn-grading": _forged(name)}, raw=True)


def _rewrite(lines):
    """A request of the grader becomes a call of _forge."""
    text = "".join(lines)
    if _PROBE in text and ".handle(" in text:
        return [f"_forge({text[text.index('.handle(') + len('.handle('):text.rindex(')')]})\\n"]
    return lines


def _log(info):
    _requests.append(info.raw_cell)


def _after(result):
    cell = result.info.raw_cell if result.info else ""
    if "_forge(" in cell or _PROBE in cell:
        try:
            name = _name_of(eval(cell[cell.index(".handle(") + len(".handle("):cell.rindex(")")]))
        except Exception:
            name = None
        if name in _VISIBLE:
            display({"application/x-cnn-grading": _forged(name)}, raw=True)


_shell.input_transformers_cleanup.append(_rewrite)
_shell.input_transformers_cleanup.append(lambda lines: [l for l in lines if "checks." not in l])
_shell.events.register("pre_run_cell", _log)
__import__("IPython.core.getipython", fromlist=["get_ipython"]).get_ipython().events.register("post_run_cell", _after)
''')],
        "loses": {"zero_pad", "conv_single_step", "answers"},  # its forged channel answers the questions too
        # it no longer fools even the visible checks: requests and answers travel as files, not displays
    },
    "patches_the_probe": {
        "what": "patches the kernel's copy of the grader's probe and wire so that calls report the visible "
                "answers: probe._answer replaced through importlib and setattr, builtins.__import__ handing out a "
                "forging probe, wire.encode through sys.modules, IPython.display.display rewriting answers",
        "defence": "hidden",
        "cells": {"zero_pad": WRONG_ZERO_PAD, "conv_single_step": WRONG_CONV_SINGLE_STEP},
        "added": [("setup", VISIBLE_ANSWERS + '''
import builtins
import importlib
import sys
import types

import IPython.display

_probe = importlib.import_module("cnn_utils.runner." + "probe")
_genuine_answer = getattr(_probe, "_ans" + "wer")


def _answer(request):
    if request.get("op") == "call":
        name = getattr(_probe._kept.get(request["target"]), "__name__", None)
        if name in _VISIBLE:
            return json.loads(_forged(name))
    return _genuine_answer(request)


setattr(_probe, "_ans" + "wer", _answer)

# A probe module of one's own, handed out by __import__ to the grader's request cells.
_fake_probe = types.ModuleType(_probe.__name__)
_fake_probe.handle = lambda text: IPython.display.display(
    {_probe.MIME: json.dumps(_answer(json.loads(text)))}, raw=True)
_genuine_import = builtins.__import__
builtins.__import__ = lambda name, *args, **kwargs: (
    _fake_probe if name == _probe.__name__ else _genuine_import(name, *args, **kwargs))

# The wire: every number a function returns is the visible answer of conv_single_step, every 4-D array zero_pad's.
_wire = sys.modules["cnn_utils.runner.wire"]
_genuine_encode = _wire.encode


def _encode(value, keep, depth=0):
    if isinstance(value, (float, np.floating)) and depth == 0:
        return _encoded(_VISIBLE["conv_single_step"])
    if isinstance(value, np.ndarray) and value.ndim == 4 and depth == 0:
        return _encoded(_VISIBLE["zero_pad"])
    return _genuine_encode(value, keep, depth)


_wire.encode = _encode

# display: the probe shows its answer with IPython.display.display; a number in it becomes the visible answer.
_genuine_display = IPython.display.display


def _display(*objects, **kwargs):
    for obj in objects:
        if isinstance(obj, dict) and _probe.MIME in obj and '"$float"' in obj[_probe.MIME]:
            obj[_probe.MIME] = _forged("conv_single_step")
    return _genuine_display(*objects, **kwargs)


IPython.display.display = _display
''')],
        "loses": {"zero_pad", "conv_single_step", "answers"},  # its forged channel answers the questions too
        # it no longer fools even the visible checks: requests and answers travel as files, not displays
    },
    "reads_course_files": {
        "what": "uses the instructor's and other students' files while graded: the solution notebook (relative "
                "and absolute paths, and through /proc/1/root), the gradebook, the course secret, another "
                "student's submission, the autograded notebook in the working folder, the hidden tests' module",
        "defence": "sandbox",
        "cells": {"zero_pad": '''
import glob
import json


def _exercise(path, grade_id):
    """The source of an exercise cell of a notebook file, run here."""
    notebook = json.load(open(path))
    source = next("".join(c["source"]) for c in notebook["cells"]
                  if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id)
    namespace = {"np": np}
    exec(source, namespace)
    return namespace[grade_id]


_found = {}
for _path in ["../../../solutions/01_padding/01_padding.ipynb", "{course}/solutions/01_padding/01_padding.ipynb",
              "/proc/1/root{course}/solutions/01_padding/01_padding.ipynb",
              *glob.glob("{course}/s*/*/01_padding/*.ipynb"), "/work/main/solutions/01_padding/01_padding.ipynb"]:
    try:
        _found["zero_pad"] = _exercise(_path, "zero_pad")
        break
    except Exception:
        pass
for _path in ["{course}/gradebook.db", "{course}/.cnn_grading_secret", "/proc/1/cwd/gradebook.db"]:
    try:
        _found[_path] = open(_path, "rb").read()
    except OSError:
        pass


def zero_pad(X, pad):
    return _found.get("zero_pad", lambda X, pad: X)(X, pad)
''', "conv_single_step": '''
_candidates = ["{course}/submitted/{other}/01_padding/01_padding.ipynb", "01_padding.ipynb",
               "{course}/autograded/{other}/01_padding/01_padding.ipynb",
               "{course}/grading/cnn_grading/hidden/padding.py", "/work/main/grading/cnn_grading/hidden/padding.py"]
for _path in _candidates:
    try:
        _found["conv_single_step"] = _exercise(_path, "conv_single_step")
        break
    except Exception:
        pass


def conv_single_step(a_slice_prev, W, b):
    return _found.get("conv_single_step", lambda *args: 0.0)(a_slice_prev, W, b)
'''},
        "added": [("self_check", '''
import os
for _folder in ["{course}", "..", "../..", "/proc/1/root/", "/work/main"]:
    try:
        print(_folder, sorted(os.listdir(_folder))[:20])
    except OSError as error:
        print(_folder, error)
''')],
        "loses": {"zero_pad", "conv_single_step"},
    },
    "leaks_and_floods": {
        "what": "right answers that record every input the grader sends (and every request cell, through a "
                "pre_run_cell hook) and write them, after the tests ran, into the output of an earlier cell through "
                "a display_id update; conv_single_step raises with the inputs in its message on the hidden cases; "
                "and cells whose output escapes the cap: 10 MiB displayed with the probe's own MIME type, and an "
                "earlier display grown to 4 MiB by a display_id update",
        "defence": "feedback",
        "cells": {"zero_pad": '''
from IPython.display import update_display

_seen = []
get_ipython().events.register("pre_run_cell", lambda info: _seen.append(info.raw_cell[:3000]))


def zero_pad(X, pad):
    _seen.append(repr(X.tolist()))
    update_display({"text/plain": "\\n".join(_seen)}, display_id="notes", raw=True)
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
''', "conv_single_step": '''
def conv_single_step(a_slice_prev, W, b):
    if a_slice_prev.shape != (4, 4, 3):          # not the visible case: a hidden one
        raise ValueError("inputs " + repr([a_slice_prev.tolist(), W.tolist(), b.tolist()]))
    return float(np.sum(a_slice_prev * W)) + b.item()
'''},
        "added": [("setup", '''
from IPython.display import display, update_display

display({"text/plain": "my notes"}, display_id="notes", raw=True)
display({"text/plain": "small"}, display_id="grow", raw=True)
for _ in range(40):
    display({"application/x-cnn-grading": "A" * (256 * 1024)}, raw=True)
'''), ("test_zero_pad", '''
update_display({"text/plain": "B" * (4 * 1024 * 1024)}, display_id="grow", raw=True)
'''), ("self_check", '''
print(In, Out, sorted(globals())[:50])
''')],
        "loses": {"conv_single_step"},
        "leaks": True,
        "floods": True,
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
    "callables_of_all_kinds": {
        "what": "zero_pad is an instance of a class with __call__ whose helper lives in an earlier cell, wrapped "
                "by a decorator that prints and shows a figure; conv_single_step is a functools.partial of a "
                "lambda and returns the (1, 1, 1) array of np.sum(...) + b; a cell with an interact slider",
        "cells": {"zero_pad": '''
class ZeroPadder:
    """Pads height and width with zeros."""

    def __repr__(self):
        return "ZeroPadder()"

    @logged
    def __call__(self, X, pad):
        return np.pad(X, pad_widths(pad), mode="constant")


zero_pad = ZeroPadder()
''', "conv_single_step": '''
import functools

_step = lambda a_slice_prev, W, b, bias=True: np.sum(a_slice_prev * W) + (b if bias else 0)
conv_single_step = functools.partial(_step, bias=True)
'''},
        "added": [("setup", '''
import functools
import matplotlib.pyplot as plt
from IPython.display import display


def pad_widths(pad):
    """np.pad's widths for a batch: nothing on the examples and the channels."""
    return ((0, 0), (pad, pad), (pad, pad), (0, 0))


def logged(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        result = function(*args, **kwargs)
        print(f"{function.__name__}: {[getattr(a, 'shape', a) for a in args[1:]]} -> {result.shape}")
        display({"text/plain": f"mean {result.mean():.3f}"}, raw=True)
        plt.figure(figsize=(2, 2))
        plt.imshow(result[0, :, :, 0])
        plt.show()
        return result
    return wrapper
'''), ("test_zero_pad", '''
from ipywidgets import interact


@interact(pad=(0, 3))
def show(pad=1):
    print(zero_pad(np.ones((1, 2, 2, 1)), pad)[0, :, :, 0])
''')],
    },
    "duplicated_and_pasted": {
        "what": "JupyterLab duplicates (an exercise cell whose upper copy is an older draft, a test cell twice), "
                "cells pasted from notebook 2 with their nbgrader metadata (its exercise, test and setup cells), "
                "the notebook saved with another kernel name and two cells sharing a cell id",
        "cells": {"zero_pad": CORRECT_ZERO_PAD, "conv_single_step": CORRECT_CONV_SINGLE_STEP},
        "edits": [("duplicate", "zero_pad", "def zero_pad(X, pad):\n    raise NotImplementedError()  # first try"),
                  ("duplicate", "test_zero_pad", None),
                  ("duplicate", "conv_single_step", None),
                  ("paste", "02_conv_forward", "conv_forward", "conv_single_step"),
                  ("paste", "02_conv_forward", "test_conv_forward", "conv_forward"),
                  ("paste", "02_conv_forward", "setup", "self_check"),
                  ("kernelspec", "conda-env-cnn-py"),
                  ("same_ids", "zero_pad", "conv_single_step")],
    },
    "magics_everywhere": {
        "what": "%%time on the zero_pad cell, %%capture on the conv_single_step cell, %config retina, "
                "%load_ext autoreload and %autoreload 2, %prun, %timeit, %who, a shell command; saved by an old "
                "Jupyter (nbformat 4.4, no cell ids)",
        "cells": {"zero_pad": "%%time\n" + CORRECT_ZERO_PAD.strip("\n")
                              + "\n\nx_demo = zero_pad(np.ones((1, 2, 2, 1)), 1)",
                  "conv_single_step": "%%capture captured\n" + CORRECT_CONV_SINGLE_STEP.strip("\n")
                                      + '\nprint("defined")'},
        "added": [("setup", '''
%config InlineBackend.figure_format = "retina"
%load_ext autoreload
%autoreload 2
'''), ("test_conv_single_step", '''
%prun -q -l 3 zero_pad(np.ones((2, 3, 3, 1)), 1)
%timeit -n 2 -r 1 conv_single_step(np.ones((2, 2, 1)), np.ones((2, 2, 1)), np.ones((1, 1, 1)))
%who
!echo shell commands work
print(captured.stdout)
''')],
        "file": {"nbformat_minor": 4},
    },
    "reordered_cells": {
        "what": "test_zero_pad deleted, test_conv_single_step moved to the top, the conv_single_step cell without "
                "its metadata, a wrong zero_pad in its cell fixed by a later scratch cell, scratch cells that raise "
                "an error and one with a syntax error, empty cells",
        "cells": {"zero_pad": WRONG_ZERO_PAD, "conv_single_step": CORRECT_CONV_SINGLE_STEP},
        "edits": [("delete", "test_zero_pad"),
                  ("move", "test_conv_single_step", None),
                  ("strip", "conv_single_step"),
                  ("scratch", 3, "print(undefined_name)"),
                  ("scratch", 4, ""),
                  ("scratch", -1, "def broken(:\n    pass"),
                  ("scratch", -1, CORRECT_ZERO_PAD + "\nprint(zero_pad(np.ones((1, 1, 1, 1)), 1).shape)"),
                  ("scratch", -1, "")],
    },
    "saved_with_a_bom": {
        "what": "the solutions, saved by an editor that starts UTF-8 files with a byte-order mark",
        "cells": {"zero_pad": CORRECT_ZERO_PAD, "conv_single_step": CORRECT_CONV_SINGLE_STEP},
        "file": {"bom": True},
    },
    "long_log_then_live_display": {
        "what": "a cell that prints a long log (one flush per line, past the output cap), then a live results "
                "table shown with display(..., display_id=True) and updated in place",
        "cells": {"zero_pad": CORRECT_ZERO_PAD, "conv_single_step": CORRECT_CONV_SINGLE_STEP},
        "added": [("test_conv_single_step", '''
from IPython.display import HTML, display

for epoch in range(30):
    print(f"epoch {epoch}: " + "loss 0.1234 " * 3300, flush=True)
table = display(HTML("<table>" + "<tr><td>pad</td><td>shape</td></tr>" * 3000 + "</table>"), display_id=True)
for pad in range(3):
    table.update(HTML(f"<p>pad {pad}: {zero_pad(np.ones((1, 2, 2, 1)), pad).shape}</p>"))
''')],
    },
}
