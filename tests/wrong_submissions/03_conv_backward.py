"""Wrong answers to notebook 3, each a real mistake: {student_id: (exercise cell grade_id, source of that cell)}.

Each must lose all the points of conv_backward: the test_conv_backward cell (reference values and element-wise
hidden cases) and the test_conv_backward_gradcheck cell (numeric gradients). Several pass the visible reference
values and are caught only by hidden inputs (pad 0, other strides).
"""

# A correct loop, with one marked line changed in each wrong answer below.
_CORRECT = '''
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f = W.shape[0]
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride  # VERT
            for w in range(n_W):
                horiz_start = w * stride  # HORIZ
                rows = slice(vert_start, vert_start + f)
                cols = slice(horiz_start, horiz_start + f)
                for c in range(n_C):
                    dA_prev_pad[i, rows, cols, :] += W[:, :, :, c] * dZ[i, h, w, c]  # DA
                    dW[:, :, :, c] += A_prev_pad[i, rows, cols, :] * dZ[i, h, w, c]  # DW
                    db[:, :, :, c] += dZ[i, h, w, c]  # DB
    dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]  # UNPAD
    return dA_prev, dW, db
'''


def _variant(**lines):
    """The correct source with the lines ending in `# KEY` replaced."""
    out = []
    for line in _CORRECT.splitlines():
        for key, replacement in lines.items():
            if line.endswith(f"# {key}"):
                indent = line[:len(line) - len(line.lstrip())]
                line = "\n".join(indent + part for part in replacement.splitlines())
                break
        out.append(line)
    assert all(f"# {key}" in _CORRECT for key in lines), lines
    return "\n".join(out)


WRONG = {
    # The stride is forgotten in the backward pass (the best-known course never tests it there).
    "stride_ignored": ("conv_backward", _variant(VERT="vert_start = h", HORIZ="horiz_start = w")),
    # Unpadding with [pad:-pad]: right for every visible case (pad 2), empty at pad 0.
    "pad_slice_breaks_at_pad_0": ("conv_backward", _variant(UNPAD="dA_prev = dA_prev_pad[:, pad:-pad, pad:-pad, :]")),
    "dW_assigned": ("conv_backward", _variant(DW="dW[:, :, :, c] = A_prev_pad[i, rows, cols, :] * dZ[i, h, w, c]")),
    "db_assigned": ("conv_backward", _variant(DB="db[:, :, :, c] = dZ[i, h, w, c]")),
    "dA_assigned": ("conv_backward", _variant(DA="dA_prev_pad[i, rows, cols, :] = W[:, :, :, c] * dZ[i, h, w, c]")),
    # dW's window taken from the unpadded input: the windows no longer line up with the ones the forward pass used.
    "dW_from_unpadded_input": ("conv_backward", _variant(
        DW="dW[:, :, :, c] += A_prev[i, rows, cols, :] * dZ[i, h, w, c]")),
    "constant_with_right_means": ("conv_backward", '''
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    means = {1: (4.1145817049149835, 9.203677199014168, 1.3783436803789542),
             2: (1.4524377775388075, 1.7269914583139097, 7.839232564616838)}
    m_dA, m_dW, m_db = means.get(hparameters["stride"], (0.0, 0.0, 0.0))
    return np.full(A_prev.shape, m_dA), np.full(W.shape, m_dW), np.full(b.shape, m_db)
'''),
    "calls_the_reference": ("conv_backward", '''
from cnn_utils.reference import conv_backward as _conv_backward

def conv_backward(dZ, cache):
    return _conv_backward(dZ, cache)
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
answer_1 = 'e'
answer_2 = '100'
answer_3 = 'twenty'
answer_4 = 2
'''),
    "answers_wrong": ("answers", '''
answer_1 = "a"
answer_2 = 25
answer_3 = 16
answer_4 = "d"
'''),
}
