"""Wrong answers to notebook 2, each a real mistake: {student_id: (exercise cell grade_id, source of that cell)}.

Each must lose all the points of conv_forward (every test_conv_forward* cell). Several pass the visible check and are
caught only by the hidden tests (stride or pad values, or sizes, that the visible cases do not have).
"""

# A correct loop, with one marked line changed in each wrong answer below.
_CORRECT = '''
def conv_forward(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev - f + 2 * pad) // stride + 1  # N_H
    n_W = (n_W_prev - f + 2 * pad) // stride + 1  # N_W
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)  # PAD
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride  # VERT
            for w in range(n_W):
                horiz_start = w * stride  # HORIZ
                a_slice_prev = A_prev_pad[i, vert_start:vert_start + f, horiz_start:horiz_start + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])  # STEP
    return Z, (A_prev, W, b, hparameters)
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
    source = "\n".join(out)
    assert all(f"# {key}" in _CORRECT for key in lines), lines
    return source


WRONG = {
    # The widely copied version: the bias is added to each of the f * f * n_C_prev products (visible mean 0.1558...).
    "bias_inside_sum": ("conv_forward", _variant(
        STEP="Z[i, h, w, c] = np.sum(a_slice_prev * W[:, :, :, c] + b[:, :, :, c])")),
    # The window does not move by the stride: right for stride 1, wrong (and the wrong values) for stride 2.
    "stride_ignored": ("conv_forward", _variant(VERT="vert_start = h", HORIZ="horiz_start = w")),
    # Padding by hand with [pad:-pad]: at pad 0 the slice is empty (only hidden tests use pad 0).
    "pad_slice_breaks_at_pad_0": ("conv_forward", _variant(
        PAD="A_prev_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C_prev))\n"
            "A_prev_pad[:, pad:-pad, pad:-pad, :] = A_prev")),
    # Rounding up: every visible case divides exactly, so only hidden sizes show it.
    "ceil_instead_of_floor": ("conv_forward", _variant(
        N_H="n_H = int(np.ceil((n_H_prev - f + 2 * pad) / stride)) + 1",
        N_W="n_W = int(np.ceil((n_W_prev - f + 2 * pad) / stride)) + 1")),
    # Square images assumed: the width is computed from the height.
    "square_only": ("conv_forward", _variant(N_W="n_W = n_H")),
    "constant_with_right_mean": ("conv_forward", '''
def conv_forward(A_prev, W, b, hparameters):
    stride, pad = hparameters["stride"], hparameters["pad"]
    f, n_C = W.shape[0], W.shape[-1]
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    shape = (m, (n_H_prev - f + 2 * pad) // stride + 1, (n_W_prev - f + 2 * pad) // stride + 1, n_C)
    means = {(10, 7, 7, 8): 0.0028129462864862967, (10, 4, 4, 8): 0.048995203528855794,
             (2, 3, 4, 8): 0.5511276474566768}
    return np.full(shape, means.get(shape, 0.0)), (A_prev, W, b, hparameters)
'''),
    "calls_the_reference": ("conv_forward", '''
import cnn_utils.reference

def conv_forward(A_prev, W, b, hparameters):
    return cnn_utils.reference.conv_forward(A_prev, W, b, hparameters)
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
answer_1 = '13'
answer_2 = '62,720'
answer_3 = 'B or C'
answer_4 = 'yes'
'''),
    "answers_wrong": ("answers", '''
answer_1 = 14
answer_2 = 7840
answer_3 = "a"
answer_4 = "d"
'''),
}
