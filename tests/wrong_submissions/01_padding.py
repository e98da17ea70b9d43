"""Wrong answers to notebook 1, each a real mistake: {student_id: (exercise cell grade_id, source of that cell)}.

Each must lose the points of its exercise and keep all the others.
"""

WRONG = {
    "pads_channels": ("zero_pad", '''
def zero_pad(X, pad):
    return np.pad(X, pad)
'''),
    "pads_one_side": ("zero_pad", '''
def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (0, 2 * pad), (0, 2 * pad), (0, 0)))
'''),
    "hard_coded_shape": ("zero_pad", '''
def zero_pad(X, pad):
    X_pad = np.zeros((4, 7, 7, 2))
    X_pad[:, 2:-2, 2:-2, :] = X
    return X_pad
'''),
    "calls_the_reference": ("zero_pad", '''
from cnn_utils.reference import zero_pad as _zp

def zero_pad(X, pad):
    return _zp(X, pad)
'''),
    "bias_inside_sum": ("conv_single_step", '''
def conv_single_step(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W + b))
'''),
    "matrix_product": ("conv_single_step", '''
def conv_single_step(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev @ W) + b.item())
'''),
    "hard_coded_value": ("conv_single_step", '''
def conv_single_step(a_slice_prev, W, b):
    return -6.999089450680221
'''),
    "no_bias": ("conv_single_step", '''
def conv_single_step(a_slice_prev, W, b):
    return float(np.sum(a_slice_prev * W))
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
answer_1 = '2'
answer_2 = '760'
answer_3 = 'seven'
answer_4 = 'e'
'''),
    "answers_wrong": ("answers", '''
answer_1 = 1
answer_2 = 750
answer_3 = 5
answer_4 = "a"
'''),
}
