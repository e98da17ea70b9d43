"""Notebook 2's exercise, correct: the convolution's forward pass, with loops."""

import numpy as np

from .padding import conv_single_step, zero_pad


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
