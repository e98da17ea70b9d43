"""Notebook 5's visible checks time each fast function on the hidden tests' larger input, so that a correct but slow
function fails where the student sees it (and in `validate`), not only when graded."""

import functools
import time

import pytest
from test_hidden import notebook

from cnn_utils import checks

EXERCISES = ["conv_forward_fast", "conv_backward_fast", "pool_forward_fast", "pool_backward_fast"]


@functools.cache
def solution():
    """The functions of notebook 5's solution."""
    return notebook("05_vectorize").namespace()


@pytest.mark.parametrize("name", EXERCISES)
def test_a_fast_function_passes_and_sees_its_time(name, capsys):
    getattr(checks, f"check_{name}")(solution()[name])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith(f"✔ {name}: ") and "ms on a larger input (A_prev (32, " in last, last


@pytest.mark.parametrize("name", ["conv_backward_fast", "pool_forward_fast"])
def test_a_correct_but_slow_function_fails_the_visible_check(name, monkeypatch):
    monkeypatch.setattr(checks.vectorized, "SPEED_FACTOR", 0)  # the limit is the 2 s floor, however busy the machine
    right = solution()[name]

    def slow(*args):
        if max(getattr(a, "shape", (0,))[0] for a in args if hasattr(a, "shape")) == 32:  # the larger input only
            time.sleep(2.2)  # over the 2 s floor, as loops over the examples and positions are there
        return right(*args)

    with pytest.raises(AssertionError, match=rf"{name} took 2\.\d\d s on a larger input \(A_prev \(32, .*more than "
                                             r"the 2\.0 s it may take"):
        getattr(checks, f"check_{name}")(slow)


def test_a_function_that_gives_up_on_the_larger_input_fails():
    """Raising at once on the larger input is not being fast: the check says that the function raised there."""
    right = solution()["conv_forward_fast"]

    def gives_up(A_prev, *args):
        if A_prev.shape[0] == 32:
            raise MemoryError("too large for me")
        return right(A_prev, *args)

    with pytest.raises(AssertionError, match=r"conv_forward_fast raised MemoryError on a larger input \(A_prev "
                                             r"\(32, 28, 28, 8\).*too large for me"):
        checks.check_conv_forward_fast(gives_up)
