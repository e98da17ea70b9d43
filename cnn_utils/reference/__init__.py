"""Correct versions of the course's exercises, one module per notebook, for the notebooks that come after.

Later notebooks use these where they need an earlier exercise (notebook 2 uses `zero_pad`), notebook 5 compares its
vectorized functions with the loops, and the checks compute their expected values with them. Layout everywhere:
(m, n_H, n_W, n_C) — examples, height, width, channels.

While a notebook is graded, the sandbox holds only the modules of earlier notebooks, and none that computes what the
graded notebook's exercises compute (cnn_grading/course.py): `from cnn_utils.reference import conv_forward` then
raises ImportError with the reason. Names are looked up lazily, so that importing this package always works.
"""

import importlib

_MODULES = {
    "zero_pad": "padding", "conv_single_step": "padding",
    "conv_output_size": "forward_conv", "conv_forward": "forward_conv",
    "conv_backward": "backward_conv",
    "pool_forward": "pooling", "create_mask_from_window": "pooling", "distribute_value": "pooling",
    "pool_backward": "pooling",
    "softmax_cross_entropy": "full_model", "adam": "full_model",
}

__all__ = sorted(_MODULES)


def __getattr__(name):
    if name not in _MODULES:
        raise AttributeError(f"module 'cnn_utils.reference' has no attribute '{name}'")
    try:
        module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    except ImportError as error:
        raise ImportError(f"cnn_utils.reference.{name} is not available here ({error}). While a notebook is graded, "
                          "the kernel has the correct versions of earlier notebooks' exercises only, and none that "
                          "computes what the graded exercises compute: write this one yourself.") from None
    return getattr(module, name)


def __dir__():
    return __all__
