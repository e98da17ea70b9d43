"""cnn_utils.checks.convolution: right answers pass; the classic convolution mistakes fail with their own hint."""

import numpy as np
import pytest

from cnn_utils import checks
from cnn_utils.checks import convolution
from cnn_utils.reference import conv_single_step, zero_pad


def conv_forward(A_prev, W, b, hparameters, bias_inside=False, use_stride=True, ceil=False, pad_by_hand=False):
    """A loop forward pass with switchable mistakes (named conv_forward, as the checks expect)."""
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f, n_C = W.shape[0], W.shape[-1]
    stride, pad = hparameters["stride"], hparameters["pad"]
    size = (lambda n: -(-(n - f + 2 * pad) // stride) + 1) if ceil else (lambda n: (n - f + 2 * pad) // stride + 1)
    n_H, n_W = size(n_H_prev), size(n_W_prev)
    step = stride if use_stride else 1
    A_pad = zero_pad(A_prev, pad)
    if pad_by_hand:  # zeros, then the input copied into [pad:-pad]: right for pad >= 1, nothing fits at pad 0
        A_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, A_prev.shape[3]))
        A_pad[:, pad:-pad, pad:-pad, :] = A_prev
    Z = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                window = A_pad[i, h * step:h * step + f, w * step:w * step + f, :]
                for c in range(n_C):
                    if bias_inside:
                        Z[i, h, w, c] = np.sum(window * W[..., c] + b[..., c])
                    else:
                        Z[i, h, w, c] = conv_single_step(window, W[..., c], b[..., c])
    return Z, (A_prev, W, b, hparameters)


def with_mistake(**mistake):
    def conv_forward_with_mistake(A_prev, W, b, hparameters):
        return conv_forward(A_prev, W, b, hparameters, **mistake)
    conv_forward_with_mistake.__name__ = "conv_forward"
    return conv_forward_with_mistake


def conv_backward(dZ, cache, use_stride=True, assign_db=False, unpad="right"):
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    step = stride if use_stride else 1
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_pad = zero_pad(A_prev, pad)
    dA_pad, dW, db = np.zeros(A_pad.shape), np.zeros(W.shape), np.zeros(b.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows, cols = slice(h * step, h * step + f), slice(w * step, w * step + f)
                for c in range(n_C):
                    dA_pad[i, rows, cols, :] += W[..., c] * dZ[i, h, w, c]
                    dW[..., c] += A_pad[i, rows, cols, :] * dZ[i, h, w, c]
                    if assign_db:
                        db[..., c] = dZ[i, h, w, c]
                    else:
                        db[..., c] += dZ[i, h, w, c]
    if unpad == "minus":
        return dA_pad[:, pad:-pad, pad:-pad, :], dW, db
    return dA_pad[:, pad:pad + A_prev.shape[1], pad:pad + A_prev.shape[2], :], dW, db


def backward_with_mistake(**mistake):
    def conv_backward_with_mistake(dZ, cache):
        return conv_backward(dZ, cache, **mistake)
    conv_backward_with_mistake.__name__ = "conv_backward"
    return conv_backward_with_mistake


def test_correct_functions_pass(capsys):
    checks.check_conv_forward(conv_forward)
    checks.check_conv_backward(conv_backward)
    checks.check_conv_backward_gradient(conv_backward)
    out = capsys.readouterr().out
    assert out.count("✔") == 3 and "mean(Z) = 0.0028129462864862967" in out
    convolution.forward_case(conv_forward, 1, (2, 5, 4, 1), (1, 1, 1, 2), 2, 0)
    convolution.backward_case(conv_backward, 2, (1, 5, 6, 2), (3, 3, 2, 2), 3, 0)
    convolution.gradient_case(conv_backward, 3, (1, 4, 5, 1), (2, 2, 1, 2), 2, 0)


def test_bias_inside_the_sum_gets_its_hint():
    with pytest.raises(AssertionError, match=r"expected 0\.002812946286, got 0\.1558593249\. Hint: the bias was "
                                             r"added inside the sum"):
        checks.check_conv_forward(with_mistake(bias_inside=True))


def test_forward_stride_ignored_gets_its_hint():
    with pytest.raises(AssertionError, match=r"stride 2\) is wrong.*Hint: the windows start at row h and column w"):
        checks.check_conv_forward(with_mistake(use_stride=False))


def test_constant_with_the_right_mean_fails_visibly():
    def constant(A_prev, W, b, hparameters):
        Z, cache = conv_forward(A_prev, W, b, hparameters)
        return np.full(Z.shape, np.mean(Z)), cache
    constant.__name__ = "conv_forward"
    with pytest.raises(AssertionError, match=r"Z \(A_prev \(10, 4, 4, 3\).*values are wrong.*every value is the same"):
        checks.check_conv_forward(constant)


def test_a_wrong_cache_is_explained():
    def conv_forward_bad_cache(A_prev, W, b, hparameters):
        Z, _ = conv_forward(A_prev, W, b, hparameters)
        return Z, (zero_pad(A_prev, hparameters["pad"]), W, b, hparameters)
    conv_forward_bad_cache.__name__ = "conv_forward"
    with pytest.raises(AssertionError, match=r"cache item A_prev has the wrong shape.*not the padded input"):
        checks.check_conv_forward(conv_forward_bad_cache)


def test_hidden_forward_case_reports_a_crash_with_its_case():
    with pytest.raises(AssertionError, match=r"conv_forward raised ValueError .* on a hidden test case "
                                             r"\(A_prev \(1, 6, 5, 1\), W \(3, 3, 1, 1\), stride 2, pad 0\), "
                                             r"which should give Z of shape \(1, 2, 2, 1\)\..*"
                                             r"rounds down"):
        convolution.forward_case(with_mistake(ceil=True), 4, (1, 6, 5, 1), (3, 3, 1, 1), 2, 0)


def test_backward_stride_ignored_gets_its_hint():
    with pytest.raises(AssertionError, match=r"stride 2, dZ = Z\) is wrong.*in the backward pass too"):
        checks.check_conv_backward(backward_with_mistake(use_stride=False))


def test_db_assigned_gets_its_hint():
    with pytest.raises(AssertionError, match=r"mean\(db\).*db only holds the last dZ value"):
        checks.check_conv_backward(backward_with_mistake(assign_db=True))


def test_pad_minus_pad_slicing_fails_the_visible_check_at_pad_0():
    """The visible check has a pad-0 case (after issue 3's pad-2 cases), so `[pad:-pad]` fails where the student sees
    it, with the hint that names the slice; the hidden cases explain it too."""
    with pytest.raises(AssertionError, match=r"dA_prev \(pad 0, stride 2, dZ = Z\) has the wrong shape: expected "
                                             r"\(10, 4, 4, 3\), got \(10, 0, 0, 3\)\. Hint: with pad 0, "
                                             r"dA_prev_pad\[:, pad:-pad, pad:-pad, :\] is .*an empty array"):
        checks.check_conv_backward(backward_with_mistake(unpad="minus"))
    with pytest.raises(AssertionError, match=r"expected \(1, 4, 5, 1\), got \(1, 0, 0, 1\)\. Hint: with pad 0.*empty"):
        convolution.backward_case(backward_with_mistake(unpad="minus"), 5, (1, 4, 5, 1), (2, 2, 1, 1), 2, 0)
    with pytest.raises(AssertionError, match=r"empty array"):
        convolution.gradient_case(backward_with_mistake(unpad="minus"), 6, (1, 4, 5, 1), (2, 2, 1, 1), 2, 0)


def test_forward_padding_by_hand_with_minus_pad_fails_the_visible_check_at_pad_0():
    wrong = with_mistake(pad_by_hand=True)
    for shape_A, shape_W, stride, pad in [((10, 4, 4, 3), (2, 2, 3, 8), 1, 2), ((2, 5, 7, 4), (3, 3, 4, 8), 2, 1)]:
        convolution.forward_case(wrong, 7, shape_A, shape_W, stride, pad)  # right whenever pad >= 1
    with pytest.raises(AssertionError, match=r"conv_forward raised ValueError .* on the case \(A_prev \(10, 4, 4, 3\), "
                                             r"W \(2, 2, 3, 8\), pad 0, stride 2\), which should give Z of shape "
                                             r"\(10, 2, 2, 8\)\. Hint: with pad 0, a slice pad:-pad is empty"):
        checks.check_conv_forward(wrong)


def test_the_pad_0_cases_come_last_and_compare_every_value(capsys):
    """A function right for pad 1 and 2 but wrong at pad 0 only is caught by the pad-0 case, with its hint."""
    def conv_forward_wrong_at_pad_0(A_prev, W, b, hparameters):
        Z, cache = conv_forward(A_prev, W, b, hparameters)
        return (Z[:, ::-1] if hparameters["pad"] == 0 else Z), cache
    conv_forward_wrong_at_pad_0.__name__ = "conv_forward"
    with pytest.raises(AssertionError, match=r"Z \(A_prev \(10, 4, 4, 3\), W \(2, 2, 3, 8\), pad 0, stride 2\) has the "
                                             r"right shape.*Hint: the cases with pad 2 and pad 1 were right, so look "
                                             r"at pad 0"):
        checks.check_conv_forward(conv_forward_wrong_at_pad_0)

    def conv_backward_wrong_at_pad_0(dZ, cache):
        dA_prev, dW, db = conv_backward(dZ, cache)
        return (2 * dA_prev if cache[3]["pad"] == 0 else dA_prev), dW, db
    conv_backward_wrong_at_pad_0.__name__ = "conv_backward"
    with pytest.raises(AssertionError, match=r"dA_prev \(pad 0, stride 2, dZ = Z\) has the right shape.*Hint: the "
                                             r"cases with pad 2 were right, so look at pad 0"):
        checks.check_conv_backward(conv_backward_wrong_at_pad_0)
    checks.check_conv_forward(conv_forward)
    checks.check_conv_backward(conv_backward)
    out = capsys.readouterr().out
    assert "in all four cases (stride 1 and 2, pad 2, 1 and 0" in out and "pad 2 and pad 0" in out


def test_gradient_check_names_the_wrong_gradient():
    with pytest.raises(AssertionError, match=r"^db \(.*does not match the numeric gradient.*Hint: db\[:, :, :, c\] "
                                             r"is the sum"):
        checks.check_conv_backward_gradient(backward_with_mistake(assign_db=True))
