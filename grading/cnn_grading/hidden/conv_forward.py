"""Hidden tests of notebook 2 (02_conv_forward): conv_forward, element-wise against the reference."""

from cnn_utils.checks.convolution import forward_case


def test_conv_forward(student, rng):
    """conv_forward on five cases (one input channel, pad 0, 1x1 filters, stride 3, a "same" convolution, a pad
    larger than needed, non-square images): Z value by value and the cache. forward_case draws A_prev, W and b from
    the generator it is given (np.random.default_rng returns a Generator unchanged)."""
    conv_forward = student.conv_forward
    for shape_A, shape_W, stride, pad in [
            ((2, 6, 5, 1), (3, 3, 1, 2), 2, 0),    # one input channel, pad 0, stride 2, floor matters
            ((1, 4, 6, 3), (1, 1, 3, 2), 1, 0),    # 1x1 filters, non-square
            ((1, 7, 8, 2), (2, 2, 2, 3), 3, 1),    # stride 3, floor matters
            ((2, 3, 3, 2), (3, 3, 2, 1), 1, 1),    # "same" convolution, one filter
            ((1, 5, 4, 2), (2, 2, 2, 2), 2, 2)]:   # pad larger than needed, non-square
        forward_case(conv_forward, rng, shape_A, shape_W, stride, pad)
