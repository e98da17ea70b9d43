"""Notebook 3's exercise, correct: the convolution's backward pass, with loops."""

import numpy as np

from .padding import zero_pad


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
