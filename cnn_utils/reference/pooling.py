"""Notebook 4's exercises, correct: pooling forward and backward, with loops."""

import numpy as np

from .forward_conv import conv_output_size


def pool_forward(A_prev, hparameters, mode="max"):
    """Pooling forward pass, with loops.

    A_prev -- (m, n_H_prev, n_W_prev, n_C); hparameters -- {"f": f, "stride": s}; mode -- "max" or "average"
    Returns A -- (m, n_H, n_W, n_C) with n_H = floor((n_H_prev - f) / s) + 1, cache -- (A_prev, hparameters)
    """
    if mode not in ("max", "average"):
        raise ValueError(f'mode must be "max" or "average", got {mode!r}')
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = conv_output_size(n_H_prev, f, 0, stride)
    n_W = conv_output_size(n_W_prev, f, 0, stride)
    reduce = np.max if mode == "max" else np.mean
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]
                    A[i, h, w, c] = reduce(window)
    return A, (A_prev, hparameters)


def create_mask_from_window(x):
    """Boolean mask of the maximum of x (every position that holds the maximum, when it is tied)."""
    return x == np.max(x)


def distribute_value(dz, shape):
    """Spread the scalar dz evenly over a window of the given shape (f_H, f_W): every entry gets dz / (f_H * f_W)."""
    f_H, f_W = shape
    return np.ones(shape) * dz / (f_H * f_W)


def pool_backward(dA, cache, mode="max"):
    """Pooling backward pass, with loops.

    dA -- (m, n_H, n_W, n_C), gradient with respect to pool_forward's output
    cache -- (A_prev, hparameters) from pool_forward; mode -- "max" or "average"
    Returns dA_prev -- shape of A_prev

    In max mode the gradient goes to the position of the window's maximum. When several positions tie, the mask
    marks them all and each gets the window's whole gradient: the course's convention (one comparison, which the
    vectorized version of notebook 5 repeats), not a subgradient, which would share the gradient among the tied
    positions (notebook 4 explains it; its hidden tests accept both).
    """
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    rows = slice(h * stride, h * stride + f)
                    cols = slice(w * stride, w * stride + f)
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])
                        dA_prev[i, rows, cols, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
