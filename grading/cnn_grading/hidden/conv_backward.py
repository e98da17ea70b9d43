"""Hidden tests of notebook 3 (03_conv_backward): conv_backward against the reference and the numeric gradient."""

from cnn_utils.checks.convolution import backward_case, gradient_case

from ._draws import on_a_well_posed_draw


def test_conv_backward(student, rng):
    """dA_prev, dW and db value by value against the reference, for a random dZ, on six cases (pad 0, stride 2 and
    3, 1x1 filters, one input channel, stride equal to f, pad 2, non-square, and one large enough that only a backward
    pass, not a numeric differentiation of conv_forward, finishes within the time limit). The helper draws A_prev, W,
    b and dZ from the generator it is given (np.random.default_rng returns a Generator unchanged)."""
    conv_backward = student.conv_backward
    for shape_A, shape_W, stride, pad in [
            ((2, 5, 6, 2), (3, 3, 2, 2), 2, 0),    # pad 0, stride 2, non-square
            ((1, 4, 3, 1), (1, 1, 1, 3), 1, 0),    # 1x1 filters, one input channel
            ((2, 7, 5, 1), (3, 3, 1, 2), 3, 1),    # stride 3: some pixels are in no window
            ((1, 4, 4, 3), (2, 2, 3, 2), 2, 1),    # stride equal to f: no overlap
            ((2, 3, 4, 2), (3, 3, 2, 1), 1, 2),    # stride 1, pad 2, one filter
            ((4, 20, 20, 4), (3, 3, 4, 8), 1, 1)]:  # larger: loops take a second, a numeric gradient takes hours
        backward_case(conv_backward, rng, shape_A, shape_W, stride, pad)


def test_conv_backward_gradcheck(student, rng):
    """dA_prev, dW and db against centred differences of the reference conv_forward on four small cases (pad 0 and
    1, stride 2 and 3, 1x1 filters, one input channel, non-square), each on a draw the reference passes."""
    from cnn_utils import reference

    conv_backward = student.conv_backward
    for shape_A, shape_W, stride, pad in [
            ((1, 4, 5, 1), (2, 2, 1, 2), 2, 0),    # pad 0, stride 2, one input channel, non-square
            ((2, 5, 4, 2), (3, 3, 2, 2), 2, 1),    # pad 1, stride 2, non-square
            ((1, 5, 5, 2), (1, 1, 2, 3), 2, 0),    # 1x1 filters, stride 2
            ((1, 6, 5, 1), (3, 3, 1, 2), 3, 1)]:   # stride 3: the last rows are in no window
        on_a_well_posed_draw(
            rng, lambda function, rng: gradient_case(function, rng, shape_A, shape_W, stride, pad),
            conv_backward, reference.conv_backward)
