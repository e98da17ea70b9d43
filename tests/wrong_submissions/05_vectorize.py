"""Wrong answers to notebook 5, each a real mistake: {student_id: (exercise cell grade_id, source of that cell)}.

Each must lose the points of its exercise and keep all the others.
"""

WRONG = {
    # --- conv_forward_fast ---------------------------------------------------------------------------------------
    "conv_fwd_stride_ignored": ("conv_forward_fast", '''
def conv_forward_fast(A_prev, W, b, hparameters):
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    view = windows(zero_pad(A_prev, pad), f, 1)
    Z = np.tensordot(view, W, axes=([4, 5, 3], [0, 1, 2])) + b
    return Z, (A_prev, W, b, hparameters)
'''),
    "conv_fwd_filter_transposed": ("conv_forward_fast", '''
def conv_forward_fast(A_prev, W, b, hparameters):
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    view = windows(zero_pad(A_prev, pad), f, stride)
    Z = np.einsum("ihwcpq,qpck->ihwk", view, W, optimize=True) + b
    return Z, (A_prev, W, b, hparameters)
'''),
    "conv_fwd_pad_forgotten": ("conv_forward_fast", '''
def conv_forward_fast(A_prev, W, b, hparameters):
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    view = windows(A_prev, f, stride)
    Z = np.tensordot(view, W, axes=([4, 5, 3], [0, 1, 2])) + b
    return Z, (A_prev, W, b, hparameters)
'''),
    "conv_fwd_calls_the_loops": ("conv_forward_fast", '''
from cnn_utils.reference import conv_forward as _loops

def conv_forward_fast(A_prev, W, b, hparameters):
    return _loops(A_prev, W, b, hparameters)
'''),
    "conv_fwd_constant_mean": ("conv_forward_fast", '''
def conv_forward_fast(A_prev, W, b, hparameters):
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    Z = np.tensordot(windows(zero_pad(A_prev, pad), f, stride), W, axes=([4, 5, 3], [0, 1, 2])) + b
    return np.full(Z.shape, Z.mean()), (A_prev, W, b, hparameters)
'''),
    "conv_fwd_padded_cache": ("conv_forward_fast", '''
def conv_forward_fast(A_prev, W, b, hparameters):
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    A_prev = zero_pad(A_prev, pad)
    Z = np.tensordot(windows(A_prev, f, stride), W, axes=([4, 5, 3], [0, 1, 2])) + b
    return Z, (A_prev, W, b, hparameters)
'''),
    # --- conv_backward_fast --------------------------------------------------------------------------------------
    "conv_bwd_overlap_assigned": ("conv_backward_fast", '''
def conv_backward_fast(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    n_H_prev, n_W_prev = A_prev.shape[1], A_prev.shape[2]
    A_pad = zero_pad(A_prev, pad)
    dW = np.tensordot(windows(A_pad, f, stride), dZ, axes=([0, 1, 2], [0, 1, 2])).transpose(1, 2, 0, 3)
    db = np.sum(dZ, axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    dA_prev_pad = np.zeros(A_pad.shape)
    for p in range(f):
        for q in range(f):
            rows = slice(p, p + stride * (n_H - 1) + 1, stride)
            cols = slice(q, q + stride * (n_W - 1) + 1, stride)
            dA_prev_pad[:, rows, cols, :] = dZ @ W[p, q].T
    return dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW, db
'''),
    "conv_bwd_db_first_example": ("conv_backward_fast", '''
def conv_backward_fast(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    n_H_prev, n_W_prev = A_prev.shape[1], A_prev.shape[2]
    A_pad = zero_pad(A_prev, pad)
    dW = np.tensordot(windows(A_pad, f, stride), dZ, axes=([0, 1, 2], [0, 1, 2])).transpose(1, 2, 0, 3)
    db = np.sum(dZ[0], axis=(0, 1)).reshape(1, 1, 1, n_C)
    dA_prev_pad = np.zeros(A_pad.shape)
    for p in range(f):
        for q in range(f):
            rows = slice(p, p + stride * (n_H - 1) + 1, stride)
            cols = slice(q, q + stride * (n_W - 1) + 1, stride)
            dA_prev_pad[:, rows, cols, :] += dZ @ W[p, q].T
    return dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW, db
'''),
    "conv_bwd_dW_transposed": ("conv_backward_fast", '''
def conv_backward_fast(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    n_H_prev, n_W_prev = A_prev.shape[1], A_prev.shape[2]
    A_pad = zero_pad(A_prev, pad)
    dW = np.tensordot(windows(A_pad, f, stride), dZ, axes=([0, 1, 2], [0, 1, 2])).transpose(2, 1, 0, 3)
    db = np.sum(dZ, axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    dA_prev_pad = np.zeros(A_pad.shape)
    for p in range(f):
        for q in range(f):
            rows = slice(p, p + stride * (n_H - 1) + 1, stride)
            cols = slice(q, q + stride * (n_W - 1) + 1, stride)
            dA_prev_pad[:, rows, cols, :] += dZ @ W[p, q].T
    return dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW, db
'''),
    "conv_bwd_calls_the_loops": ("conv_backward_fast", '''
from cnn_utils import reference as _ref

def conv_backward_fast(dZ, cache):
    return _ref.conv_backward(dZ, cache)
'''),
    "conv_bwd_padding_not_cropped": ("conv_backward_fast", '''
def conv_backward_fast(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_pad = zero_pad(A_prev, pad)
    dW = np.tensordot(windows(A_pad, f, stride), dZ, axes=([0, 1, 2], [0, 1, 2])).transpose(1, 2, 0, 3)
    db = np.sum(dZ, axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    dA_prev_pad = np.zeros(A_pad.shape)
    for p in range(f):
        for q in range(f):
            rows = slice(p, p + stride * (n_H - 1) + 1, stride)
            cols = slice(q, q + stride * (n_W - 1) + 1, stride)
            dA_prev_pad[:, rows, cols, :] += dZ @ W[p, q].T
    return dA_prev_pad, dW, db
'''),
    # --- pool_forward_fast ---------------------------------------------------------------------------------------
    "pool_fwd_mode_ignored": ("pool_forward_fast", '''
def pool_forward_fast(A_prev, hparameters, mode="max"):
    f, stride = hparameters["f"], hparameters["stride"]
    return windows(A_prev, f, stride).max(axis=(4, 5)), (A_prev, hparameters)
'''),
    "pool_fwd_stride_ignored": ("pool_forward_fast", '''
def pool_forward_fast(A_prev, hparameters, mode="max"):
    f, stride = hparameters["f"], hparameters["stride"]
    view = windows(A_prev, f, 1)
    A = view.max(axis=(4, 5)) if mode == "max" else view.mean(axis=(4, 5))
    return A, (A_prev, hparameters)
'''),
    "pool_fwd_sum_not_mean": ("pool_forward_fast", '''
def pool_forward_fast(A_prev, hparameters, mode="max"):
    f, stride = hparameters["f"], hparameters["stride"]
    view = windows(A_prev, f, stride)
    A = view.max(axis=(4, 5)) if mode == "max" else view.sum(axis=(4, 5))
    return A, (A_prev, hparameters)
'''),
    "pool_fwd_calls_the_loops": ("pool_forward_fast", '''
import cnn_utils.reference

def pool_forward_fast(A_prev, hparameters, mode="max"):
    return cnn_utils.reference.pool_forward(A_prev, hparameters, mode)
'''),
    # --- pool_backward_fast --------------------------------------------------------------------------------------
    "pool_bwd_average_not_divided": ("pool_backward_fast", '''
def pool_backward_fast(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    A = windows(A_prev, f, stride).max(axis=(4, 5))
    for p in range(f):
        for q in range(f):
            rows = slice(p, p + stride * (n_H - 1) + 1, stride)
            cols = slice(q, q + stride * (n_W - 1) + 1, stride)
            if mode == "max":
                dA_prev[:, rows, cols, :] += (A_prev[:, rows, cols, :] == A) * dA
            else:
                dA_prev[:, rows, cols, :] += dA
    return dA_prev
'''),
    "pool_bwd_overlap_assigned": ("pool_backward_fast", '''
def pool_backward_fast(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    A = windows(A_prev, f, stride).max(axis=(4, 5))
    for p in range(f):
        for q in range(f):
            rows = slice(p, p + stride * (n_H - 1) + 1, stride)
            cols = slice(q, q + stride * (n_W - 1) + 1, stride)
            if mode == "max":
                dA_prev[:, rows, cols, :] = (A_prev[:, rows, cols, :] == A) * dA
            else:
                dA_prev[:, rows, cols, :] = dA / (f * f)
    return dA_prev
'''),
    "pool_bwd_one_tied_max": ("pool_backward_fast", '''
def pool_backward_fast(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    view = windows(A_prev, f, stride)
    if mode == "max":
        # the gradient goes to the first maximum of each window only
        first = view.reshape(m, n_H, n_W, n_C, f * f).argmax(axis=-1)
        for p in range(f):
            for q in range(f):
                rows = slice(p, p + stride * (n_H - 1) + 1, stride)
                cols = slice(q, q + stride * (n_W - 1) + 1, stride)
                dA_prev[:, rows, cols, :] += (first == p * f + q) * dA
    else:
        for p in range(f):
            for q in range(f):
                rows = slice(p, p + stride * (n_H - 1) + 1, stride)
                cols = slice(q, q + stride * (n_W - 1) + 1, stride)
                dA_prev[:, rows, cols, :] += dA / (f * f)
    return dA_prev
'''),
    "pool_bwd_calls_the_loops": ("pool_backward_fast", '''
from cnn_utils.reference import pool_backward

def pool_backward_fast(dA, cache, mode="max"):
    return pool_backward(dA, cache, mode)
'''),
    "pool_bwd_constant_mean": ("pool_backward_fast", '''
def pool_backward_fast(dA, cache, mode="max"):
    A_prev, hparameters = cache
    return np.full(A_prev.shape, dA.sum() / A_prev.size)
'''),
    # The conceptual questions: all of them fail, through the visible check (form) or the hidden key (value).
    "answers_not_answered": ("answers", '''
# the placeholders kept, the raise line deleted
answer_1 = None
answer_2 = None
answer_3 = None
answer_4 = None
'''),
    "answers_wrong_form": ("answers", '''
answer_1 = '([4, 5, 3], [0, 1, 2])'
answer_2 = 'c)'
answer_3 = '25'
answer_4 = 'f * f'
'''),
    "answers_wrong": ("answers", '''
answer_1 = "a"
answer_2 = "b"
answer_3 = 5
answer_4 = 3
'''),
}
