"""Notebook 1's exercises, correct: zero padding and the single convolution step."""

import numpy as np


def zero_pad(X, pad):
    """Pad the height and width of a batch of images with zeros.

    X -- (m, n_H, n_W, n_C); pad -- int >= 0
    Returns X_pad -- (m, n_H + 2*pad, n_W + 2*pad, n_C)
    """
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)


def conv_single_step(a_slice_prev, W, b):
    """One filter applied to one window.

    a_slice_prev -- (f, f, n_C_prev); W -- (f, f, n_C_prev); b -- (1, 1, 1)
    Returns Z -- float, sum(a_slice_prev * W) + b
    """
    return float(np.sum(a_slice_prev * W) + np.asarray(b).item())
