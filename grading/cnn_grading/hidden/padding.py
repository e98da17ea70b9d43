"""Hidden tests of notebook 1 (01_padding): zero_pad and conv_single_step, against the course's reference."""

from cnn_utils import checks
from cnn_utils.i18n import tr


def test_zero_pad(student, rng):
    """zero_pad on four shapes: pad 0 with one channel, pad 1 non-square, a pad larger than the image, many
    channels; element-wise against the reference."""
    zero_pad = student.zero_pad
    cases = []
    for shape, pad in [((2, 5, 3, 1), 0), ((3, 4, 6, 3), 1), ((1, 2, 2, 5), 3), ((2, 7, 5, 2), 2)]:
        cases.append(((rng.standard_normal(shape), pad), tr("X of shape {shape}, pad {pad}", shape=shape, pad=pad)))
    checks.compare_with_reference(zero_pad, "zero_pad", cases)


def test_conv_single_step(student, rng):
    """conv_single_step on windows of f = 1, 3, 5, 2 with 1 to 8 channels: a single number, equal to the
    reference's."""
    conv_single_step = student.conv_single_step
    cases = []
    for f, n_C in [(1, 1), (3, 1), (5, 4), (2, 8)]:
        args = (rng.standard_normal((f, f, n_C)), rng.standard_normal((f, f, n_C)), rng.standard_normal((1, 1, 1)))
        checks.assert_scalar(checks.call(conv_single_step, *args), "Z")
        cases.append((args, tr("window and filter of shape {shape}", shape=(f, f, n_C))))
    checks.compare_with_reference(conv_single_step, "conv_single_step", cases)
