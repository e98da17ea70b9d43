"""Correct, loop-based implementations of the course's exercises.

Later notebooks call these where they need an earlier exercise (e.g. notebook 2 uses `zero_pad`), notebook 5
compares the vectorized exercises against them, and the hidden tests compute their expected values with them.
While a graded function is being checked, calling its own reference from here is detected and fails the check:
the point of an exercise is to write it.

Layout everywhere: (m, n_H, n_W, n_C) — examples, height, width, channels.
"""

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


def conv_output_size(n_prev, f, pad, stride):
    """floor((n_prev - f + 2*pad) / stride) + 1"""
    return (n_prev - f + 2 * pad) // stride + 1


def conv_forward(A_prev, W, b, hparameters):
    """Convolution forward pass, with loops.

    A_prev -- (m, n_H_prev, n_W_prev, n_C_prev); W -- (f, f, n_C_prev, n_C); b -- (1, 1, 1, n_C)
    hparameters -- {"stride": s, "pad": p}
    Returns Z -- (m, n_H, n_W, n_C), cache -- (A_prev, W, b, hparameters)
    """
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, _, _, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = conv_output_size(n_H_prev, f, pad, stride)
    n_W = conv_output_size(n_W_prev, f, pad, stride)
    A_prev_pad = zero_pad(A_prev, pad)
    Z = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            for w in range(n_W):
                horiz_start = w * stride
                a_slice = A_prev_pad[i, vert_start:vert_start + f, horiz_start:horiz_start + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice, W[..., c], b[..., c])
    return Z, (A_prev, W, b, hparameters)


def conv_backward(dZ, cache):
    """Convolution backward pass, with loops.

    dZ -- (m, n_H, n_W, n_C), gradient of the cost with respect to conv_forward's output
    cache -- (A_prev, W, b, hparameters) from conv_forward
    Returns dA_prev -- shape of A_prev, dW -- shape of W, db -- shape of b
    """
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            for w in range(n_W):
                horiz_start = w * stride
                window = (i, slice(vert_start, vert_start + f), slice(horiz_start, horiz_start + f), slice(None))
                for c in range(n_C):
                    dA_prev_pad[window] += W[..., c] * dZ[i, h, w, c]
                    dW[..., c] += A_prev_pad[window] * dZ[i, h, w, c]
                    db[..., c] += dZ[i, h, w, c]
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    return dA_prev, dW, db


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
    """Spread the scalar dz evenly over an array of the given (n_H, n_W) shape."""
    n_H, n_W = shape
    return np.ones(shape) * dz / (n_H * n_W)


def pool_backward(dA, cache, mode="max"):
    """Pooling backward pass, with loops.

    dA -- (m, n_H, n_W, n_C), gradient with respect to pool_forward's output
    cache -- (A_prev, hparameters) from pool_forward; mode -- "max" or "average"
    Returns dA_prev -- shape of A_prev

    In max mode the gradient goes to the position of the window's maximum (to every position when tied, as the
    mask marks them all: the convention of this course, shared by the tests).
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


# The graded functions that must not call a function of this module, beyond their own namesake (see
# cnn_utils.checks.core.call): the vectorized exercises of notebook 5 are checked against these loops.
FORBIDDEN_FOR = {
    "conv_forward_fast": ["conv_forward"],
    "conv_backward_fast": ["conv_backward"],
    "pool_forward_fast": ["pool_forward"],
    "pool_backward_fast": ["pool_backward"],
}
