"""Visible checks of notebook 1: zero padding and the single convolution step."""

import numpy as np

from ..i18n import tr
from .core import assert_close, assert_scalar, assert_shape, call, exercise_check, passed


@exercise_check("zero_pad")
def check_zero_pad(zero_pad):
    np.random.seed(1)
    x = np.random.randn(4, 3, 3, 2)
    x_pad = call(zero_pad, x, 2)
    assert_shape(x_pad, (4, 7, 7, 2), tr("zero_pad(x, 2) with x of shape (4, 3, 3, 2)"), hints=[
        ((8, 7, 7, 6), tr("all four axes were padded (this is what np.pad(X, pad) does): give np.pad one (before, "
                          "after) pair per axis, (0, 0) for the examples and the channels.")),
        ((4, 7, 7, 6), tr("the channel axis was padded too: pad only height and width (axes 1 and 2).")),
        ((8, 7, 7, 2), tr("the examples axis was padded too: pad only height and width (axes 1 and 2).")),
        ((4, 5, 5, 2), tr("pad is the number of zeros on *each* side, so each dimension grows by 2 * pad.")),
        ((4, 3, 7, 2), tr("only the width was padded: pad the height (axis 1) too.")),
        ((4, 7, 3, 2), tr("only the height was padded: pad the width (axis 2) too.")),
    ])
    assert_close(x_pad[1, 1], np.zeros((7, 2)), tr("x_pad[1, 1] (a row of the border)"))
    assert_close(x_pad[:, 2:5, 2:5, :], x, tr("the inside of x_pad, x_pad[:, 2:5, 2:5, :]"),
                 hints=[(lambda got: np.allclose(got, 0), tr("the original values must be copied into the middle."))])
    assert_close(x_pad, np.pad(x, ((0, 0), (2, 2), (2, 2), (0, 0))), "x_pad",
                 hints=[(lambda got: not np.allclose(got[:, :2], 0), tr("the border must hold zeros only."))])
    passed(tr("zero_pad: the shape, the zero border and the copied values are right."))


@exercise_check("conv_single_step")
def check_conv_single_step(conv_single_step):
    np.random.seed(1)
    a_slice_prev = np.random.randn(4, 4, 3)
    W = np.random.randn(4, 4, 3)
    b = np.random.randn(1, 1, 1)
    Z = call(conv_single_step, a_slice_prev, W, b)
    assert_scalar(Z, "Z")
    window_sum = float(np.sum(a_slice_prev * W))
    bias = float(b.item())
    assert_close(Z, -6.999089450680221, "Z = conv_single_step(a_slice_prev, W, b)", hints=[
        (lambda got: abs(got - (window_sum + a_slice_prev.size * bias)) < 1e-6,
         tr("the bias was added to every product (inside the sum); add b once, after summing.")),
        (lambda got: abs(got - window_sum) < 1e-6, tr("the bias b is missing: Z = sum(a_slice_prev * W) + b.")),
        (lambda got: abs(got - (float(np.sum(a_slice_prev @ W)) + bias)) < 1e-6,
         tr("use the element-wise product (*), not the matrix product (@ or np.dot).")),
    ])
    passed(tr("conv_single_step: Z = {Z:.10f} as expected.",
              Z=float(np.asarray(Z).item())))
