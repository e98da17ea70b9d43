"""Attacks on notebook 5's grading (see __init__.py for the format).

Each fast function is graded with the course's loops standing in for the student's earlier fast functions; the
loops are sent into the kernel as the source of their modules.
"""

CHEATS = {
    "steals_pool_backward_fast_from_the_stand_ins": {
        "what": "pool_backward_fast as a thin call to the loop pool_backward, found in the module of the loop "
                "pool_forward that stands in for pool_forward_fast while pool_backward_fast is graded",
        "defence": "sandbox",
        "cells": {"pool_backward_fast": '''
_course = {}


def pool_backward_fast(dA, cache, mode="max"):
    found = getattr(globals().get("pool_forward_fast"), "__globals__", {}).get("pool_backward")
    if found is not None:
        _course["loops"] = found
    return _course["loops"](dA, cache, mode)
'''},
        "loses": {"pool_backward_fast"},
    },
    "numeric_gradient_of_the_stand_in": {
        "what": "conv_forward_fast not written; conv_backward_fast as centred differences "
                "(cnn_utils.gradcheck.numeric_gradient) of conv_forward_fast, which is the course's loop "
                "conv_forward while conv_backward_fast is graded",
        "defence": "hidden",
        "cells": {"conv_forward_fast": '''
def conv_forward_fast(A_prev, W, b, hparameters):
    raise NotImplementedError()
''', "conv_backward_fast": '''
from cnn_utils.gradcheck import numeric_gradient


def conv_backward_fast(dZ, cache):
    A_prev, W, b, hparameters = cache
    A, Wc, bc = A_prev.astype(float).copy(), W.astype(float).copy(), b.astype(float).copy()
    forward = lambda: conv_forward_fast(A, Wc, bc, hparameters)[0]
    return numeric_gradient(forward, A, dZ), numeric_gradient(forward, Wc, dZ), numeric_gradient(forward, bc, dZ)
'''},
        "loses": {"conv_forward_fast", "conv_backward_fast"},
    },
}

HONEST = {
    "vectorized_with_a_timer": {
        "what": "the vectorized solutions, each exercise cell under %%time, with a helper cell of its own",
        "cells": {},
        "added": [("setup", '''
def shapes(*arrays):
    return [a.shape for a in arrays]
''')],
        "edits": [("prefix", name, "%%time\n") for name in ("conv_forward_fast", "conv_backward_fast",
                                                             "pool_forward_fast", "pool_backward_fast")],
    },
}
