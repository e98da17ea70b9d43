"""Checks the notebooks call after each exercise.

Every `check_<function>` runs the visible reference cases of one exercise and prints a pass line, or raises an
AssertionError whose message says what is wrong. The same code judges a notebook when it is graded, outside the
kernel (docs/authoring.md); the hidden tests use the same building blocks (`call`, `assert_close`, ...).
"""

from .convolution import check_conv_backward, check_conv_backward_gradient, check_conv_forward
from .core import (
    CheckFailure,
    NotImplementedYet,
    assert_close,
    assert_gradients_match,
    assert_scalar,
    assert_shape,
    assert_type,
    call,
    compare_with_reference,
    exercise_check,
    fail,
    object_id,
    passed,
    plain_array,
    stand_ins,
    summary,
    unpack,
)
from .full_model import (
    check_compute_loss,
    check_initialize_parameters,
    check_model_backward,
    check_model_forward,
    check_predict,
    check_train,
    check_update_parameters,
    require_written,
)
from .layers import (
    check_col2im,
    check_conv2d,
    check_conv_input_gradient,
    check_dense,
    check_flatten,
    check_im2col,
    check_maxpool2d,
    check_relu,
    check_sequential,
    check_sgd,
    check_softmax_cross_entropy,
)
from .padding import check_conv_single_step, check_zero_pad
from .pooling import (
    check_create_mask_from_window,
    check_distribute_value,
    check_pool_backward,
    check_pool_backward_gradient,
    check_pool_forward,
    course_helpers,
)
from .questions import check_answer
from .vectorized import (
    check_conv_backward_fast,
    check_conv_forward_fast,
    check_pool_backward_fast,
    check_pool_forward_fast,
)

__all__ = [
    "CheckFailure", "NotImplementedYet", "assert_close", "assert_gradients_match", "assert_scalar", "assert_shape",
    "assert_type", "call", "check_answer", "check_compute_loss", "check_conv_backward", "check_conv_backward_fast",
    "check_conv_backward_gradient", "check_conv_forward", "check_conv_forward_fast", "check_conv_single_step",
    "check_create_mask_from_window", "check_distribute_value", "check_initialize_parameters", "check_model_backward",
    "check_model_forward", "check_pool_backward", "check_pool_backward_fast", "check_pool_backward_gradient",
    "check_pool_forward", "check_pool_forward_fast", "check_predict", "check_train", "check_update_parameters",
    "check_zero_pad", "compare_with_reference", "course_helpers", "exercise_check", "fail", "object_id", "passed",
    "plain_array", "require_written", "stand_ins", "summary", "unpack",
    "check_col2im", "check_conv2d", "check_conv_input_gradient", "check_dense", "check_flatten", "check_im2col",
    "check_maxpool2d", "check_relu", "check_sequential", "check_sgd", "check_softmax_cross_entropy",
]
