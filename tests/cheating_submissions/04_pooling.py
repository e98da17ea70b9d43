"""Attacks on notebook 4's grading (see __init__.py for the format).

pool_backward is graded with the course's create_mask_from_window and distribute_value standing in for the
student's; the stand-ins are sent into the kernel as source. The figures module, cnn_utils.plots, is in every
kernel: it draws pooling examples, computing them.
"""

# The exercise cells of the release (the student did not write them).
NOT_WRITTEN = {
    "create_mask_from_window": '''
def create_mask_from_window(x):
    raise NotImplementedError()
''',
    "distribute_value": '''
def distribute_value(dz, shape):
    raise NotImplementedError()
''',
}

CHEATS = {
    "steals_pool_backward_from_the_stand_ins": {
        "what": "pool_backward without a line of its own: while its tests run, the course's helpers stand in for "
                "the student's, and their module (sent whole into the kernel) has the course's pool_backward; "
                "the student's own helpers are not written",
        "defence": "sandbox",
        "cells": {**NOT_WRITTEN, "pool_backward": '''
_course = {}


def pool_backward(dA, cache, mode="max"):
    helper = globals().get("create_mask_from_window")
    found = getattr(helper, "__globals__", {}).get("pool_backward")
    if found is not None and found is not pool_backward:
        _course["pool_backward"] = found
    return _course["pool_backward"](dA, cache, mode)
'''},
        "loses": {"create_mask_from_window", "distribute_value", "pool_backward"},
    },
    "pooling_from_the_figures": {
        "what": "pool_forward and pool_backward as thin calls to cnn_utils.plots: show_pooling_example and "
                "show_pooling_gradient compute max and average pooling and their gradients for one channel; "
                "plots._number_grid is replaced to catch the grids they would draw (and plt, to skip drawing)",
        "defence": "sandbox",
        "cells": {"pool_forward": '''
import types

from cnn_utils import plots as _plots

_grids = []
_plots._number_grid = lambda ax, grid, *args, **kwargs: _grids.append(np.array(grid, dtype=float))
_figure = types.SimpleNamespace(tight_layout=lambda: None)
_plots.plt = types.SimpleNamespace(get_cmap=_plots.plt.get_cmap, Rectangle=None,
                                   subplots=lambda *args, **kwargs: (_figure, [None] * 4))


def _per_channel(show, arrays, pick):
    """Run a figure of the course on every (example, channel) and keep one of the grids it would draw."""
    m, n_C = arrays[0].shape[0], arrays[0].shape[-1]
    out = None
    for i in range(m):
        for c in range(n_C):
            del _grids[:]
            show(*[a[i, :, :, c] for a in arrays])
            grid = pick(_grids)
            if out is None:
                out = np.zeros((m,) + grid.shape + (n_C,))
            out[i, :, :, c] = grid
    return out


def pool_forward(A_prev, hparameters, mode="max"):
    f, stride = hparameters["f"], hparameters["stride"]
    A = _per_channel(lambda x: _plots.show_pooling_example(x, f, stride), [A_prev],
                     lambda grids: grids[1] if mode == "max" else grids[2])
    return A, (A_prev, hparameters)
''', "pool_backward": '''
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    return _per_channel(lambda x, d: _plots.show_pooling_gradient(x, d, f, stride), [A_prev, dA],
                        lambda grids: grids[2] if mode == "max" else grids[3])
'''},
        "loses": {"pool_forward", "pool_backward"},
    },
}

HONEST = {}
