"""Visible checks of notebook 4: pooling forward and backward.

pool_backward calls two helpers the student writes in the same notebook (create_mask_from_window and
distribute_value). Its checks run it with the course's correct helpers (`course_helpers`), so that a mistake in a
helper costs only that helper's points; the visible check then says whether the student's own helpers would change
the result.
"""

import numpy as np

from .. import reference
from ..i18n import tr
from .core import (
    assert_close,
    assert_gradients_match,
    assert_shape,
    assert_type,
    call,
    exercise_check,
    fail,
    passed,
    stand_ins,
    unpack,
)

POOL_HELPERS = ("create_mask_from_window", "distribute_value")


def course_helpers(function, names=POOL_HELPERS):
    """A context in which `function` (the student's pool_backward) calls the course's correct versions of `names`
    instead of the student's: a function that inlined the helpers' logic is unaffected (see core.stand_ins)."""
    return stand_ins(function, **{name: getattr(reference, name) for name in names})


# --- pool_forward ------------------------------------------------------------------------------------------------

_FORWARD_EXPECTED = {
    "max": np.array([[[[1.74481176, 1.6924546, 2.10025514]]], [[[1.19891788, 1.51981682, 2.18557541]]]]),
    "average": np.array([[[[-0.09498456, 0.11180064, -0.14263511]]], [[[-0.09525108, 0.28325018, 0.33035185]]]]),
}


def _other(mode):
    return "average" if mode == "max" else "max"


@exercise_check("pool_forward")
def check_pool_forward(pool_forward):
    np.random.seed(1)
    A_prev = np.random.randn(2, 4, 4, 3)

    # The reference values: f 4, stride 1, one window per channel.
    hparameters = {"stride": 1, "f": 4}
    for mode in ("max", "average"):
        label = tr('A = pool_forward(A_prev, {{"stride": 1, "f": 4}}, mode="{mode}") with A_prev of shape (2, 4, 4, '
                   "3)", mode=mode)
        A, cache = unpack(call(pool_forward, A_prev, hparameters, mode=mode), ("A", "cache"), "pool_forward")
        assert_shape(A, (2, 1, 1, 3), label, hints=[
            ((2, 4, 4, 3), tr("the output is smaller than the input: n_H = floor((n_H_prev - f) / stride) + 1.")),
            ((2, 1, 1, 1), tr("pool each channel on its own: the output keeps the n_C channels of the input.")),
            ((1, 1, 1, 3), tr("loop over the m examples too: the output keeps the examples axis.")),
        ])
        other = _FORWARD_EXPECTED[_other(mode)]
        window_sum = np.sum(A_prev, axis=(1, 2), keepdims=True)
        assert_close(A, _FORWARD_EXPECTED[mode], label, rtol=1e-6, atol=1e-8, hints=[
            (lambda got, other=other: np.allclose(got, other, atol=1e-7),
             tr('these are the {other} values: check how your function tests `mode` ("max" or "average").',
                other=_other(mode))),
            (lambda got: np.allclose(got, window_sum, atol=1e-7),
             tr("you returned the sum of each window: average pooling divides it by the number of entries, f * f.")),
            (lambda got: np.allclose(got, np.max(np.abs(A_prev), axis=(1, 2), keepdims=True), atol=1e-7),
             tr("you took the largest absolute value: max pooling keeps the largest value, signs included.")),
        ])
        if not isinstance(cache, tuple) or len(cache) != 2:
            if isinstance(cache, tuple):
                fail(tr("pool_forward's cache should be the tuple (A_prev, hparameters), but it is a {cache_type} of "
                        "length {length}.", cache_type=type(cache).__name__, length=len(cache)))
            fail(tr("pool_forward's cache should be the tuple (A_prev, hparameters), but it is a {cache_type}.",
                    cache_type=type(cache).__name__))
        assert_close(cache[0], A_prev, tr("cache[0] (it should be A_prev, the input of pool_forward)"))
        if not isinstance(cache[1], dict) or dict(cache[1]) != hparameters:
            fail(tr("cache[1] should be hparameters, {hparameters}, but it is {got!r}.",
                    hparameters=hparameters, got=cache[1]))

    # The default mode is max.
    A_default, _ = unpack(call(pool_forward, A_prev, hparameters), ("A", "cache"), "pool_forward")
    assert_close(A_default, _FORWARD_EXPECTED["max"], tr("A = pool_forward(A_prev, hparameters) (default mode)"),
                 rtol=1e-6, atol=1e-8,
                 hints=[(lambda got: True, tr("without a mode argument pool_forward must do max pooling: keep the "
                                              'default mode="max" of the signature.'))])

    # A stride of 2: the windows jump by 2 and the output shrinks.
    hparameters = {"stride": 2, "f": 2}
    for mode in ("max", "average"):
        label = tr('A = pool_forward(A_prev, {{"stride": 2, "f": 2}}, mode="{mode}") with A_prev of shape (2, 4, 4, '
                   "3)", mode=mode)
        A, _ = unpack(call(pool_forward, A_prev, hparameters, mode=mode), ("A", "cache"), "pool_forward")
        assert_shape(A, (2, 2, 2, 3), label, hints=[
            ((2, 3, 3, 3), tr("the stride is missing from the output size: n_H = floor((n_H_prev - f) / stride) + 1.")),
            ((2, 1, 1, 3), tr("n_H = floor((n_H_prev - f) / stride) + 1: did you forget the + 1?")),
        ])
        expected, _ = reference.pool_forward(A_prev, hparameters, mode)
        stride_one, _ = reference.pool_forward(A_prev, {"stride": 1, "f": 2}, mode)
        assert_close(A, expected, label, hints=[
            (lambda got, e=expected: mode == "max" and np.allclose(got, np.maximum(e, 0)),
             tr("a window whose values are all negative has a negative maximum: do not start the maximum at 0 "
                "(np.max(window) needs no starting value).")),
            (lambda got, s=stride_one: np.allclose(got, s[:, :2, :2, :]),
             tr("these windows start at (h, w), next to each other: with a stride the window of output (h, w) "
                "starts at (h * stride, w * stride).")),
        ])
    passed(tr("pool_forward: max and average pooling give the expected values, with stride 1 and stride 2."))


# --- create_mask_from_window -------------------------------------------------------------------------------------

def _assert_boolean_mask(mask, x, name):
    if isinstance(mask, (int, np.integer, tuple)) and not isinstance(mask, (bool, np.bool_)):
        fail(tr("{name} should be a boolean NumPy array of the same shape as x, but it is {mask!r}. Hint: that "
                "looks like the index of the maximum (np.argmax); return a mask instead, True where x is largest: x "
                "== np.max(x).", name=name, mask=mask))
    assert_type(mask, np.ndarray, name, tr("a boolean NumPy array of the same shape as x"))
    if mask.dtype != np.bool_:
        message = tr("{name} should be a boolean array (dtype bool), but its dtype is {mask_dtype}.",
                     name=name, mask_dtype=mask.dtype)
        if np.issubdtype(mask.dtype, np.integer) and mask.shape != x.shape:
            message += tr(" Hint: it looks like an index (np.argmax): return a mask instead, True where x is "
                          "largest.")
        else:
            message += tr(" Hint: compare x with its maximum, x == np.max(x): a comparison gives True/False values.")
        fail(message)
    assert_shape(mask, x.shape, name)


@exercise_check("create_mask_from_window")
def check_create_mask_from_window(create_mask_from_window):
    np.random.seed(1)
    x = np.random.randn(2, 3)
    mask = call(create_mask_from_window, x)
    name = tr("mask = create_mask_from_window(x) with x of shape (2, 3)")
    _assert_boolean_mask(mask, x, name)
    expected = np.array([[True, False, False], [False, False, False]])
    assert_close(mask, expected, name, hints=[
        (lambda got: got.sum() > 1, tr("exactly one entry of this x holds its maximum: compare x with np.max(x), "
                                       "the maximum of the whole window.")),
        (lambda got: got.sum() == 0, tr("no entry is True: x == np.max(x) is True where x holds its maximum.")),
    ])
    passed(tr("create_mask_from_window: a boolean mask, True only at the maximum of x."))


# --- distribute_value --------------------------------------------------------------------------------------------

@exercise_check("distribute_value")
def check_distribute_value(distribute_value):
    for dz, shape in [(2, (2, 2)), (3.0, (2, 3))]:
        name = tr("a = distribute_value({dz}, {shape})", dz=dz, shape=shape)
        a = call(distribute_value, dz, shape)
        assert_type(a, np.ndarray, name, tr("a NumPy array of shape {shape}", shape=shape))
        assert_shape(a, shape, name, hints=[(shape[::-1], tr("shape is (f_H, f_W), the window's height and width: "
                                                             "use it as it is given."))])
        f_H, f_W = shape
        assert_close(a, np.full(shape, dz / (f_H * f_W)), name, hints=[
            (lambda got, dz=dz: np.allclose(got, dz), tr("every entry holds dz: divide it by the number of entries, "
                                                         "f_H * f_W, so that they add up to dz.")),
            (lambda got, dz=dz: np.allclose(got, dz / (f_H + f_W)), tr("the window has f_H * f_W entries, not f_H + "
                                                                       "f_W.")),
            (lambda got, dz=dz: np.allclose(got, dz // (f_H * f_W)),
             tr("integer division (//) drops the fraction: use /.")),
        ])
    passed(tr("distribute_value: dz is spread evenly, and the entries add up to dz."))


# --- pool_backward -----------------------------------------------------------------------------------------------

_BACKWARD_EXPECTED = {
    "max": np.array([[0.0, 0.0], [5.05844394, -1.68282702], [0.0, 0.0]]),
    "average": np.array([[0.08485462, 0.2787552], [1.26461098, -0.25749373], [1.17975636, -0.53624893]]),
}
_HELPER_OF_MODE = {"max": "create_mask_from_window", "average": "distribute_value"}


def _pool_backward_case():
    np.random.seed(1)
    A_prev = np.random.randn(5, 5, 3, 2)
    hparameters = {"stride": 1, "f": 2}
    dA = np.random.randn(5, 4, 2, 2)
    return A_prev, hparameters, dA


def _own_helpers_note(pool_backward, dA, cache, mode, expected):
    """A note (not a failure) when the student's own helper changes what pool_backward returns."""
    helper = _HELPER_OF_MODE[mode]
    namespace = getattr(pool_backward, "__globals__", None)
    if not isinstance(namespace, dict) or namespace.get(helper) is getattr(reference, helper):
        return
    try:
        got = call(pool_backward, dA, cache, mode=mode)
        same = np.shape(got) == expected.shape and np.allclose(np.asarray(got, dtype=float), expected)
        problem = tr("gives different values")
    except NotImplementedError:
        print(tr("⚠ Note: your {helper} is not written yet, so this check used the course's correct one for "
                 'pool_backward(..., mode="{mode}"). Write {helper} too: the rest of the notebook uses yours.',
                 helper=helper, mode=mode))
        return
    except Exception as error:  # the note is informative only; the graded result is above
        same, problem = False, f"raises {type(error).__name__}"
    if not same:
        print(tr('⚠ Note: with your own {helper}, pool_backward(..., mode="{mode}") {problem}. This check used the '
                 "course's correct {helper}, so pool_backward itself is fine: fix {helper} (its own check says what "
                 "is wrong).", helper=helper, mode=mode, problem=problem))


@exercise_check("pool_backward")
def check_pool_backward(pool_backward):
    A_prev, hparameters, dA = _pool_backward_case()
    cache = (A_prev, hparameters)
    for mode in ("max", "average"):
        name = f'dA_prev = pool_backward(dA, cache, mode="{mode}") (f 2, stride 1)'
        expected = reference.pool_backward(dA, cache, mode)
        with course_helpers(pool_backward):
            dA_prev = call(pool_backward, dA, cache, mode=mode)
        assert_shape(dA_prev, A_prev.shape, name, hints=[
            (dA.shape, tr("dA_prev is the gradient of A_prev: it has A_prev's shape, not dA's.")),
        ])
        other = reference.pool_backward(dA, cache, _other(mode))
        across = _mask_across_channels(dA, cache)
        assert_close(np.asarray(dA_prev)[1, 1], _BACKWARD_EXPECTED[mode], name.replace("dA_prev =", tr("dA_prev[1, "
                                                                                                       "1] of")),
                     rtol=1e-6, atol=1e-8, hints=[
                         (lambda got, o=other: np.allclose(got, o[1, 1]),
                          tr("these are the {other} values: check how your function tests `mode`.",
                             other=_other(mode))),
                         (lambda got: mode == "average" and np.allclose(got, 4 * _BACKWARD_EXPECTED[mode]),
                          tr("each window's gradient must be divided by the f * f entries it is spread over.")),
                         (lambda got, a=across: mode == "max" and np.allclose(got, a[1, 1]),
                          tr("the mask was taken over all the channels of the window at once: take it from one "
                             "channel, A_prev[i, rows, cols, c].")),
                     ])
        assigned = _assigned_instead_of_accumulated(dA, cache, mode)
        assert_close(dA_prev, expected, name, hints=[
            (lambda got, o=other: np.allclose(got, o), tr("these are the {other} values: check how your "
                                                          "function tests `mode`.", other=_other(mode))),
            (lambda got, a=assigned: np.allclose(got, a),
             tr("the windows overlap here (stride 1 < f 2): add each window's gradient to dA_prev with +=, do not "
                "overwrite what earlier windows put there.")),
            (lambda got, a=across: mode == "max" and np.allclose(got, a),
             tr("the mask was taken over all the channels of the window at once: take it from one channel, "
                "A_prev[i, rows, cols, c].")),
        ])
        _own_helpers_note(pool_backward, dA, cache, mode, expected)
    with course_helpers(pool_backward):
        dA_prev = call(pool_backward, dA, cache)
    assert_close(dA_prev, reference.pool_backward(dA, cache, "max"), tr("pool_backward(dA, cache) (default mode)"),
                 hints=[(lambda got: True, tr("without a mode argument pool_backward must do max pooling: keep the "
                                              'default mode="max" of the signature.'))])
    passed(tr("pool_backward: the gradients of max and average pooling are right, every element of dA_prev."))


def _mask_across_channels(dA, cache):
    """What max-mode pool_backward returns when the mask compares the window with its maximum over all channels."""
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    result = np.zeros(A_prev.shape)
    for i, h, w, c in np.ndindex(dA.shape):
        rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
        block = A_prev[i, rows, cols, :]
        result[i, rows, cols, c] += (block == np.max(block))[:, :, c] * dA[i, h, w, c]
    return result


def _assigned_instead_of_accumulated(dA, cache, mode):
    """What pool_backward returns when it writes `=` instead of `+=` (for the hint)."""
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    result = np.zeros(A_prev.shape)
    for i, h, w, c in np.ndindex(dA.shape):
        rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
        window = A_prev[i, rows, cols, c]
        if mode == "max":
            result[i, rows, cols, c] = (window == np.max(window)) * dA[i, h, w, c]
        else:
            result[i, rows, cols, c] = dA[i, h, w, c] / (f * f)
    return result


@exercise_check("pool_backward (gradient check)")
def check_pool_backward_gradient(pool_backward):
    """pool_backward against the numeric gradient of the course's pool_forward, stride 1 and stride 2."""
    A_prev, hparameters, dA = _pool_backward_case()
    cases = [(A_prev, hparameters, dA, tr("A_prev of shape (5, 5, 3, 2), f 2, stride 1"))]
    rng = np.random.default_rng(2)
    A_prev2 = rng.standard_normal((2, 5, 5, 2))
    hparameters2 = {"stride": 2, "f": 3}
    dA2 = rng.standard_normal(reference.pool_forward(A_prev2, hparameters2)[0].shape)
    cases.append((A_prev2, hparameters2, dA2, tr("A_prev of shape (2, 5, 5, 2), f 3, stride 2")))
    for A_prev, hparameters, dA, label in cases:
        for mode in ("max", "average"):
            with course_helpers(pool_backward):
                dA_prev = call(pool_backward, dA, (A_prev, hparameters), mode=mode)
            assert_gradients_match(
                {"A_prev": dA_prev},
                lambda A_prev, hparameters=hparameters, mode=mode: reference.pool_forward(A_prev, hparameters, mode)[0],
                {"A_prev": A_prev}, dA, tr('{label}, mode "{mode}"', label=label, mode=mode))
    passed(tr("pool_backward matches the numeric gradient of pool_forward, with stride 1 and stride 2, in both "
              "modes."))


# --- building blocks of the hidden tests --------------------------------------------------------------------------

def check_mask_case(create_mask_from_window, x, label):
    """One hidden case of create_mask_from_window: a boolean mask of x's shape, True only where x holds its maximum.

    Without a tie the mask must be exactly x == max(x). With a tie the course's mask marks every tied position;
    marking only some of them (at least one) is accepted too, as frameworks that route the gradient to a single
    maximum do.
    """
    name = tr("create_mask_from_window's result on a hidden test case ({label})", label=label)
    mask = call(create_mask_from_window, x)
    _assert_boolean_mask(mask, x, name)
    is_max = x == np.max(x)
    if int(np.sum(is_max)) == 1:
        assert_close(mask, is_max, name)
        return
    if np.any(mask & ~is_max):
        where = tuple(int(i) for i in np.argwhere(mask & ~is_max)[0])
        fail(tr("{name} is True at {where}, where x does not hold its maximum. The mask must be True only where x "
                "equals np.max(x).", name=name, where=where))
    if not np.any(mask):
        fail(tr("{name} has no True entry. Here several entries of x tie for the maximum: x == np.max(x) marks all "
                "of them.", name=name))


def check_average_gradient_sums(pool_backward, dA, cache, label):
    """Average pooling spreads each upstream gradient over its window: for every example i and channel c the
    entries of dA_prev[i, :, :, c] add up to those of dA[i, :, :, c]."""
    dA_prev = np.asarray(call(pool_backward, dA, cache, mode="average"), dtype=float)
    assert_shape(dA_prev, cache[0].shape, tr("dA_prev ({label})", label=label))
    got, expected = dA_prev.sum(axis=(1, 2)), dA.sum(axis=(1, 2))
    f = cache[1]["f"]
    assert_close(got, expected, tr('the sums of dA_prev[i, :, :, c] over height and width, mode "average" ({label})',
                                   label=label),
                 hints=[(lambda g: np.allclose(g, f * f * expected),
                         tr("they come out f * f times too large: each window's gradient is dA[i, h, w, c] / (f * "
                            "f) on each of its f * f entries.")),
                        (lambda g: True, tr("every upstream gradient dA[i, h, w, c] is spread over its window "
                                            "without loss or gain, so these sums equal the sums of dA[i, :, :, c]."))])


def check_max_ties(pool_backward, A_prev, hparameters, dA, label):
    """Max pooling with tied maxima, on windows that do not overlap (stride = f): in every window the gradient
    reaches only positions holding the window's maximum, none of them gets more than the window's dA (nor the
    opposite sign), and together they receive at least dA. The course's convention (every tied position gets dA)
    passes, and so do "the first maximum gets dA" and "tied positions share dA"."""
    f, stride = hparameters["f"], hparameters["stride"]
    assert stride == f, "check_max_ties needs windows that do not overlap"
    dA_prev = np.asarray(call(pool_backward, dA, (A_prev, hparameters), mode="max"), dtype=float)
    assert_shape(dA_prev, A_prev.shape, tr("dA_prev ({label})", label=label))
    for i, h, w, c in np.ndindex(dA.shape):
        rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
        window, grad, dz = A_prev[i, rows, cols, c], dA_prev[i, rows, cols, c], dA[i, h, w, c]
        is_max = window == np.max(window)
        where = tr("the window of output ({i}, {h}, {w}, {c}) ({label}, {n_tied} tied maxima)",
                   i=i, h=h, w=w, c=c, label=label, n_tied=int(is_max.sum()))
        if np.any(np.abs(grad[~is_max]) > 1e-9):
            fail(tr("In {where}, dA_prev is not 0 at a position that does not hold the window's maximum. In max "
                    "pooling only the maximum affected the output, so only the maximum receives gradient.",
                    where=where))
        share = grad[is_max] / dz
        if np.any(share < -1e-9) or np.any(share > 1 + 1e-9) or np.sum(share) < 1 - 1e-9:
            fail(tr("In {where}, the tied maxima receive {received} for an upstream gradient of "
                    "{dz:.6g}. The course gives each tied maximum dA[i, h, w, c] (its mask marks them all); giving "
                    "it all to one of them, or sharing it among them, is accepted too, but no position may get more "
                    "than dA[i, h, w, c] and together they must get at least that.",
                    where=where, received=np.round(grad[is_max], 6).tolist(), dz=dz))
