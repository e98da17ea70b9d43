"""A small, fast layer library in NumPy for the full-model notebook.

Every layer is a pair of flat functions:

    out, cache = <layer>_forward(x, ...)        # cache holds what the backward pass needs
    dx, dw, db = <layer>_backward(dout, cache)  # parameterless layers return dx only

Layout: images are (m, H, W, C) (examples, height, width, channels); a convolution's weights are (f, f, C_prev, C)
and its bias (C,); a dense layer's weights are (D, K) and its bias (K,). The functions keep the dtype they are given:
float32 in, float32 out (the speed the training loop wants), float64 in, float64 out (what a gradient check needs).

The convolution lowers to one matrix product (im2col): each output pixel's f x f x C_prev window becomes a row, so
the whole layer is rows @ weights, done by BLAS. Its backward scatters the rows' gradients back with one strided
addition per kernel offset (f*f of them), which is cheap and needs no index arrays.

reuse_freed_memory() is a process-wide speed-up for training loops on Linux: call it once before training.

These are not the notebooks' exercises: the graded functions have other names and interfaces. Because they compute
what the exercises of notebooks 2 to 5 compute, this module is not in the grading sandbox until the full-model
notebook (cnn_grading/course.py). The loss and Adam, which that notebook's students write, are in
cnn_utils.reference.full_model.
"""

import ctypes
import sys

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .i18n import tr

# --- convolution ------------------------------------------------------------------------------------------------

def conv2d_forward(x, w, b, stride=1, pad=0):
    """Convolution (cross-correlation, as in every deep-learning library), vectorized.

    Arguments:
    x -- input (m, H, W, C_prev)
    w -- filters (f, f, C_prev, C)
    b -- biases (C,)
    stride -- step between two windows, int >= 1
    pad -- zeros added on each side of H and W, int >= 0

    Returns:
    out -- (m, H_out, W_out, C) with H_out = (H + 2*pad - f) // stride + 1, W_out likewise
    cache -- (x_shape, cols, w, stride, pad) for conv2d_backward; cols is (m*H_out*W_out, f*f*C_prev)
    """
    m, H, W, C_prev = x.shape
    f, _, _, C = w.shape
    if w.shape[2] != C_prev:
        raise ValueError(tr("conv2d_forward: x has {C_prev} channels (shape {x_shape}) but w expects {w_shape_2} "
                            "(shape {w_shape}); w must be (f, f, C_prev, C)",
                            C_prev=C_prev, x_shape=x.shape, w_shape_2=w.shape[2], w_shape=w.shape))
    H_out = (H + 2 * pad - f) // stride + 1
    W_out = (W + 2 * pad - f) // stride + 1
    xp = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0))) if pad else x
    if C_prev == 1:
        # One channel: copying whole rows of W_out pixels per kernel offset beats copying runs of f values.
        cols = np.empty((m, H_out, W_out, f, f, 1), dtype=x.dtype)
        for i in range(f):
            for j in range(f):
                cols[:, :, :, i, j, :] = xp[:, i:i + stride * H_out:stride, j:j + stride * W_out:stride, :]
    else:
        # The window view is (m, H', W', C_prev, f, f); reorder to (f, f, C_prev) to match w, then copy once.
        windows = sliding_window_view(xp, (f, f), axis=(1, 2))[:, :stride * H_out:stride, :stride * W_out:stride]
        cols = windows.transpose(0, 1, 2, 4, 5, 3)
    cols = cols.reshape(m * H_out * W_out, f * f * C_prev)         # one row per output pixel (a copy for the view)
    out = (cols @ w.reshape(f * f * C_prev, C)).reshape(m, H_out, W_out, C)   # the whole layer: one product
    # Add b to whole rows of W_out*C values (b tiled W_out times): NumPy's inner loop then runs over a row, not over
    # C values; in place, so that a float64 b keeps out float32.
    out.reshape(m * H_out, W_out * C)[...] += np.tile(b, W_out)
    return out, (x.shape, cols, w, stride, pad)


def conv2d_backward(dout, cache, input_grad=True):
    """Backward pass of conv2d_forward.

    Arguments:
    dout -- gradient of the loss with respect to conv2d_forward's out, (m, H_out, W_out, C)
    cache -- from conv2d_forward
    input_grad -- False skips dx (returned as None): the first layer's input is the data, which needs no gradient

    Returns:
    dx -- (m, H, W, C_prev), or None when input_grad is False
    dw -- (f, f, C_prev, C)
    db -- (C,)
    """
    x_shape, cols, w, stride, pad = cache
    m, H, W, C_prev = x_shape
    f, _, _, C = w.shape
    _, H_out, W_out, _ = dout.shape
    dout2 = dout.reshape(-1, C)                                    # (m*H_out*W_out, C), rows as in cols
    dw = (cols.T @ dout2).reshape(w.shape)                         # every window's input times its output gradient
    db = np.ones(len(dout2), dout.dtype) @ dout2                   # as a product: ~20x faster than sum(axis=0)
    if not input_grad:
        return None, dw, db
    dxp = np.zeros((m, H + 2 * pad, W + 2 * pad, C_prev), dtype=dout.dtype)
    share = np.empty((m, H_out, W_out, C_prev), dtype=dout.dtype)  # reused for every offset: fewer fresh pages
    for i in range(f):
        for j in range(f):
            # Offset (i, j) of every window saw the input pixels xp[s*h + i, s*w + j]: send their share back there.
            np.matmul(dout2, w[i, j].T, out=share.reshape(-1, C_prev))
            dxp[:, i:i + stride * H_out:stride, j:j + stride * W_out:stride, :] += share
    return dxp[:, pad:pad + H, pad:pad + W, :], dw, db


# --- activation, pooling, reshaping -----------------------------------------------------------------------------

def relu_forward(x):
    """ReLU, max(x, 0). x -- any shape. Returns out -- shape of x, cache -- x."""
    return np.maximum(x, 0), x


def relu_backward(dout, cache):
    """Backward pass of relu_forward. dout -- shape of x. Returns dx -- shape of x (zero where x <= 0)."""
    x = cache
    return dout * (x > 0)                                          # multiplying by a bool mask keeps the dtype


def maxpool_forward(x, size=2, stride=2):
    """Max pooling over size x size windows, vectorized.

    Arguments:
    x -- input (m, H, W, C)
    size -- side of the window
    stride -- step between two windows (stride == size: non-overlapping windows)

    Returns:
    out -- (m, H_out, W_out, C) with H_out = (H - size) // stride + 1, W_out likewise
    cache -- (x, out, size, stride) for maxpool_backward
    """
    m, H, W, C = x.shape
    H_out = (H - size) // stride + 1
    W_out = (W - size) // stride + 1
    # The max of size*size strided slices, one per window offset: each is a whole-array operation.
    out = x[:, :stride * H_out:stride, :stride * W_out:stride, :].copy()
    for i in range(size):
        for j in range(size):
            np.maximum(out, x[:, i:i + stride * H_out:stride, j:j + stride * W_out:stride, :], out=out)
    return out, (x, out, size, stride)


def maxpool_backward(dout, cache):
    """Backward pass of maxpool_forward.

    Arguments:
    dout -- gradient with respect to maxpool_forward's out, (m, H_out, W_out, C)
    cache -- from maxpool_forward

    Returns:
    dx -- (m, H, W, C): each window's gradient goes to the position of its maximum (to every position holding it,
          when tied, the convention of the course's pool_backward)
    """
    x, out, size, stride = cache
    m, H_out, W_out, C = dout.shape
    dx = np.zeros_like(x, dtype=dout.dtype)
    if size == stride:
        # Non-overlapping windows tile x: view it as (m, H_out, size, W_out*size, C), a band of `size` rows per
        # window row. Repeating each window's max and gradient `size` times along the width leaves broadcasting
        # along the band only, so NumPy's inner loops run over whole rows (twice as fast as a 6-d broadcast).
        band = (m, H_out, size, W_out * size, C)
        tiles = x[:, :size * H_out, :size * W_out, :].reshape(band)
        mask = tiles == np.repeat(out, size, axis=2)[:, :, None]
        dx_tiles = dx[:, :size * H_out, :size * W_out, :].reshape(band)   # a view: only axis 1 is split
        np.multiply(mask, np.repeat(dout, size, axis=2)[:, :, None], out=dx_tiles)
        return dx
    for i in range(size):
        for j in range(size):
            # Overlapping windows share pixels: add, one window offset at a time.
            rows = slice(i, i + stride * H_out, stride)
            columns = slice(j, j + stride * W_out, stride)
            dx[:, rows, columns, :] += (x[:, rows, columns, :] == out) * dout
    return dx


def flatten_forward(x):
    """Flatten every example into a row. x -- (m, ...). Returns out -- (m, prod(...)), cache -- x's shape."""
    return x.reshape(x.shape[0], -1), x.shape


def flatten_backward(dout, cache):
    """Backward pass of flatten_forward. dout -- (m, D). Returns dx -- the shape flatten_forward received."""
    return dout.reshape(cache)


# --- dense layer ----------------------------------------------------------------------------------------------

def affine_forward(x, w, b):
    """Dense (fully connected) layer, x @ w + b.

    x -- (m, D); w -- (D, K); b -- (K,)
    Returns out -- (m, K), cache -- (x, w)
    """
    out = x @ w
    out += b                                                       # in place: a float64 b keeps out float32
    return out, (x, w)


def affine_backward(dout, cache):
    """Backward pass of affine_forward.

    dout -- (m, K)
    Returns dx -- (m, D), dw -- (D, K), db -- (K,)
    """
    x, w = cache
    return dout @ w.T, x.T @ dout, dout.sum(axis=0)


# --- initialisation and optimizers ------------------------------------------------------------------------------

def he_init(shape, rng=None, dtype=np.float32):
    """He initialisation: normal weights with variance 2 / fan_in, which keeps ReLU activations' scale stable.

    Arguments:
    shape -- (f, f, C_prev, C) for a convolution or (D, K) for a dense layer; fan_in is the product of all but the
             last dimension (f*f*C_prev, or D): the number of inputs each output unit sums
    rng -- a numpy.random.Generator, an int seed, or None for a fresh unseeded generator
    dtype -- of the result

    Returns:
    w -- array of the given shape and dtype
    """
    rng = np.random.default_rng(rng)
    fan_in = int(np.prod(shape[:-1]))
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(dtype)


def sgd_momentum(params, grads, state, lr=0.01, momentum=0.9):
    """One step of SGD with momentum, in place: v = momentum * v - lr * grad; param += v.

    Arguments:
    params -- dict name -> array, updated in place
    grads -- dict name -> gradient, same keys and shapes
    state -- dict the caller keeps between steps (start with {}); holds the velocities
    lr, momentum -- learning rate and momentum coefficient
    """
    velocity = state.setdefault("velocity", {})
    for name, param in params.items():
        v = velocity.setdefault(name, np.zeros_like(param))
        v *= momentum
        v -= lr * grads[name]
        param += v


# --- memory -----------------------------------------------------------------------------------------------------

def reuse_freed_memory():
    """Let the process keep the memory it frees and reuse it (Linux with glibc; elsewhere a no-op).

    A training step allocates the same large arrays again and again (activations, im2col rows, gradients). By
    default glibc gives big freed blocks back to the operating system, so every step pays a page fault for each
    4 KiB of fresh memory; on a 2-core machine that made training about 1.5x slower. This raises glibc's
    thresholds so freed blocks are reused instead. It affects the whole process (its memory use stays at its peak)
    and cannot be undone except by restarting it: call it once, before training.

    Returns:
    applied -- True when glibc accepted the settings
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):                              # not glibc (e.g. musl): nothing to tune
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3                    # constants from glibc's malloc.h
    return bool(mallopt(m_mmap_threshold, 1 << 30) and mallopt(m_trim_threshold, (1 << 31) - 1))
