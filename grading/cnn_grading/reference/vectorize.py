"""Notebook 5's exercises, vectorized and correct: the stand-ins its speed checks use for the exercises a function
calls (NumPy only, so that they run in the notebook's grading kernel, where neither the loops nor cnn_utils.layers
are). The values of notebook 5 are always compared with the loops of cnn_utils.reference."""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _windows(A, f, stride):
    """(m, n_H, n_W, n_C, f, f): every f x f window of A at the given stride."""
    return sliding_window_view(A, (f, f), axis=(1, 2))[:, ::stride, ::stride]


def conv_forward_fast(A_prev, W, b, hparameters):
    """A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C).
    Returns Z (m, n_H, n_W, n_C), cache (A_prev, W, b, hparameters)."""
    stride, pad = hparameters["stride"], hparameters["pad"]
    padded = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    windows = _windows(padded, W.shape[0], stride)                   # (m, n_H, n_W, n_C_prev, f, f)
    Z = np.tensordot(windows, W, axes=([4, 5, 3], [0, 1, 2])) + b.reshape(-1)
    return Z, (A_prev, W, b, hparameters)


def pool_forward_fast(A_prev, hparameters, mode="max"):
    """A_prev (m, n_H_prev, n_W_prev, n_C). Returns A (m, n_H, n_W, n_C), cache (A_prev, hparameters)."""
    windows = _windows(A_prev, hparameters["f"], hparameters["stride"])
    A = windows.max(axis=(4, 5)) if mode == "max" else windows.mean(axis=(4, 5))
    return A, (A_prev, hparameters)
