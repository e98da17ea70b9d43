"""cnn_utils.checks and cnn_utils.gradcheck: right answers pass, wrong ones fail with a message that says why."""

import numpy as np
import pytest

from cnn_utils import checks, gradcheck


def good_zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))


def test_correct_functions_pass(capsys):
    checks.check_zero_pad(good_zero_pad)
    checks.check_conv_single_step(lambda a, W, b: np.sum(a * W) + b.item())
    assert capsys.readouterr().out.count("✔") == 2


@pytest.mark.parametrize("wrong,message", [
    (lambda X, pad: np.pad(X, pad), r"expected \(4, 7, 7, 2\), got \(8, 7, 7, 6\).*all four axes were padded"),
    (lambda X, pad: None, r"is None\. Did your function forget to `return`"),
    (lambda X, pad: [[0]], r"should be a NumPy array or a number, but it is a value of type list"),
    (lambda X, pad: np.zeros((4, 7, 7, 2)),
     r"72 of its 72 values are wrong\. First difference at index \(0, 0, 0, 0\)"),
])
def test_zero_pad_mistakes_are_explained(wrong, message):
    wrong.__name__ = "zero_pad"
    with pytest.raises(AssertionError, match=message):
        checks.check_zero_pad(wrong)


def test_bias_inside_the_sum_gets_its_hint():
    def conv_single_step(a, W, b):
        return np.sum(a * W + b)
    with pytest.raises(AssertionError, match=r"expected -6\.999089451, got .*added to every product"):
        checks.check_conv_single_step(conv_single_step)


def test_unfinished_exercise_says_so():
    def zero_pad(X, pad):
        raise NotImplementedError()
    with pytest.raises(NotImplementedError, match="zero_pad is not written yet"):
        checks.check_zero_pad(zero_pad)


def test_changing_the_input_in_place_is_reported():
    def zero_pad(X, pad):
        X *= 1.0000001
        return good_zero_pad(X, pad)
    with pytest.raises(AssertionError, match="changed one of its input arrays in place"):
        checks.check_zero_pad(zero_pad)


def test_rigged_objects_do_not_pass():
    class AlwaysEqual(float):
        def __eq__(self, other):
            return True

        def __sub__(self, other):
            return 0.0
    with pytest.raises(AssertionError, match="expected -6.999089451, got 1"):
        checks.check_conv_single_step(lambda a, W, b: AlwaysEqual(1.0))

    class Anything:
        __eq__ = lambda self, other: True  # noqa: E731
    with pytest.raises(AssertionError, match="should be a NumPy array or a number"):
        checks.check_conv_single_step(lambda a, W, b: Anything())


def test_patched_allclose_changes_nothing(monkeypatch):
    monkeypatch.setattr(np, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(np, "isclose", lambda *a, **k: True)
    with pytest.raises(AssertionError):
        checks.assert_close(np.ones(3), np.zeros(3), "x")


def test_unusual_but_correct_answers_pass():
    checks.check_conv_single_step(lambda a, W, b: np.float64(np.sum(a * W) + b.item()))
    checks.check_conv_single_step(lambda a, W, b: np.array(np.sum(a * W) + b.item()))
    checks.check_conv_single_step(lambda a, W, b: np.sum(a * W) + b)  # a (1, 1, 1) array holding the number


def test_summary_reports_each_exercise(capsys):
    checks.check_zero_pad(good_zero_pad)
    with pytest.raises(AssertionError):
        checks.check_conv_single_step(lambda a, W, b: 0.0)
    assert not checks.summary(["zero_pad", "conv_single_step", "not_an_exercise"])
    out = capsys.readouterr().out
    assert "✔ zero_pad: passed" in out and "✘ conv_single_step: failing: Z = " in out
    assert "✘ not_an_exercise: not checked yet" in out


def test_summary_of_a_finished_notebook_points_to_the_graders_run(capsys):
    checks.check_zero_pad(good_zero_pad)
    assert checks.summary(["zero_pad"])
    out = capsys.readouterr().out
    assert "All visible checks pass" in out and "python -m cnn_utils.validate" in out


def test_gradcheck_reports_relative_error_and_worst_index(capsys):
    x = np.array([[1.0, 2.0], [3.0, -1.0]])
    result = gradcheck.check_gradient(lambda: x ** 2, x, 2 * x, name="dx")
    assert result.passed and result.relative_error < 1e-9
    wrong = 2 * x
    wrong[1, 0] += 0.5
    result = gradcheck.check_gradient(lambda: x ** 2, x, wrong, name="dx")
    assert not result.passed and result.worst_index == (1, 0)
    assert result.numeric == pytest.approx(6.0) and result.analytic == pytest.approx(6.5)
    assert "✘ dx: relative error" in capsys.readouterr().out
    assert np.array_equal(x, [[1.0, 2.0], [3.0, -1.0]]), "x must be restored"


def test_gradcheck_with_upstream_gradient():
    x = np.array([1.0, -2.0, 3.0])
    dout = np.array([0.5, 2.0, -1.0])
    numeric = gradcheck.numeric_gradient(lambda: np.sin(x), x, dout)
    np.testing.assert_allclose(numeric, np.cos(x) * dout, rtol=1e-8)


def test_gradcheck_shape_mismatch_is_explained():
    with pytest.raises(ValueError, match=r"analytic gradient has shape \(2,\) but the numeric one has shape \(3,\)"):
        gradcheck.relative_error(np.zeros(2), np.zeros(3))
