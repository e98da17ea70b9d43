"""Wrong answers to notebook 4, each a real mistake: {student_id: (exercise cell grade_id, source of that cell)}.

Each must lose the points of its exercise and keep all the others. The pool_backward answers that call the helpers
show that a wrong helper does not cost pool_backward's points (the checks swap in the course's helpers), and the
helper answers show the converse.
"""

_POOL_LOOPS = '''
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
'''

WRONG = {
    # --- pool_forward ---
    "forward_modes_swapped": ("pool_forward", '''
def pool_forward(A_prev, hparameters, mode="max"):''' + _POOL_LOOPS + '''
                    window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]
                    A[i, h, w, c] = np.mean(window) if mode == "max" else np.max(window)
    return A, (A_prev, hparameters)
'''),
    "forward_stride_ignored": ("pool_forward", '''
def pool_forward(A_prev, hparameters, mode="max"):''' + _POOL_LOOPS + '''
                    window = A_prev[i, h:h + f, w:w + f, c]
                    A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)
    return A, (A_prev, hparameters)
'''),
    "forward_max_starts_at_zero": ("pool_forward", '''
def pool_forward(A_prev, hparameters, mode="max"):''' + _POOL_LOOPS + '''
                    window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]
                    if mode == "max":
                        best = 0.0
                        for value in window.ravel():
                            if value > best:
                                best = value
                        A[i, h, w, c] = best
                    else:
                        A[i, h, w, c] = np.mean(window)
    return A, (A_prev, hparameters)
'''),
    "forward_constant_mean": ("pool_forward", '''
def pool_forward(A_prev, hparameters, mode="max"):''' + _POOL_LOOPS + '''
                    window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]
                    A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)
    return np.full(A.shape, A.mean()), (A_prev, hparameters)
'''),
    "forward_calls_reference": ("pool_forward", '''
from cnn_utils import reference as ref

def pool_forward(A_prev, hparameters, mode="max"):
    return ref.pool_forward(A_prev, hparameters, mode)
'''),
    # --- create_mask_from_window ---
    "mask_is_argmax_index": ("create_mask_from_window", '''
def create_mask_from_window(x):
    return np.argmax(x)
'''),
    "mask_per_column_max": ("create_mask_from_window", '''
def create_mask_from_window(x):
    return x == np.max(x, axis=0)
'''),
    "mask_of_minimum": ("create_mask_from_window", '''
def create_mask_from_window(x):
    return x == np.min(x)
'''),
    "mask_calls_reference": ("create_mask_from_window", '''
from cnn_utils.reference import create_mask_from_window as course_mask

def create_mask_from_window(x):
    return course_mask(x)
'''),
    # --- distribute_value ---
    "distribute_dz_everywhere": ("distribute_value", '''
def distribute_value(dz, shape):
    return np.full(shape, float(dz))
'''),
    "distribute_by_n_H_plus_n_W": ("distribute_value", '''
def distribute_value(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * dz / (n_H + n_W)
'''),
    "distribute_constant_half": ("distribute_value", '''
def distribute_value(dz, shape):
    return np.full(shape, 0.5)
'''),
    "distribute_integer_division": ("distribute_value", '''
def distribute_value(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * (dz // (n_H * n_W))
'''),
    "distribute_calls_reference": ("distribute_value", '''
import cnn_utils.reference

def distribute_value(dz, shape):
    return cnn_utils.reference.distribute_value(dz, shape)
'''),
    # --- pool_backward ---
    "backward_mask_across_channels": ("pool_backward", '''
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
                for c in range(n_C):
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, rows, cols, :])
                        dA_prev[i, rows, cols, c] += mask[:, :, c] * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
'''),
    "backward_average_not_divided": ("pool_backward", '''
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
                for c in range(n_C):
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])
                        dA_prev[i, rows, cols, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += np.ones((f, f)) * dA[i, h, w, c]
    return dA_prev
'''),
    "backward_stride_ignored": ("pool_backward", '''
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f = hparameters["f"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows, cols = slice(h, h + f), slice(w, w + f)
                for c in range(n_C):
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])
                        dA_prev[i, rows, cols, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
'''),
    "backward_assigned_not_accumulated": ("pool_backward", '''
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
                for c in range(n_C):
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])
                        dA_prev[i, rows, cols, c] = mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] = distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
'''),
    "backward_modes_swapped": ("pool_backward", '''
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
                for c in range(n_C):
                    if mode == "average":
                        mask = create_mask_from_window(A_prev[i, rows, cols, c])
                        dA_prev[i, rows, cols, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, rows, cols, c] += distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
'''),
    "backward_constant_mean": ("pool_backward", '''
def pool_backward(dA, cache, mode="max"):
    A_prev, _ = cache
    return np.full(A_prev.shape, dA.sum() / A_prev.size)
'''),
    "backward_calls_reference": ("pool_backward", '''
from cnn_utils.reference import pool_backward as course_pool_backward

def pool_backward(dA, cache, mode="max"):
    return course_pool_backward(dA, cache, mode)
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
answer_1 = 1
answer_2 = '4'
answer_3 = '8/4'
answer_4 = '(10, 13, 13, 16)'
'''),
    "answers_wrong": ("answers", '''
answer_1 = "c"
answer_2 = 1
answer_3 = 8
answer_4 = "b"
'''),
}
