"""Checks of notebooks 2 and 3: the convolution forward and backward passes.

The visible checks run the reference cases of issue 3 (np.random.seed(1), then randn in the order A_prev, W, b).
Means alone would let a constant array with the right mean pass, so every output is also compared element by element
with the course's reference implementation on the same inputs. The hidden tests call `forward_case`,
`backward_case` and `gradient_case` on small inputs the student never saw.

When a result is wrong, the arrays that classic mistakes produce (bias added inside the sum, stride ignored, `=`
instead of `+=`, ...) are computed from the reference and compared with the student's: a match names the mistake.
"""

import numpy as np

from ..i18n import tr
from .core import (
    CheckFailure,
    assert_close,
    assert_gradients_match,
    assert_shape,
    call,
    exercise_check,
    fail,
    hint_text,
    passed,
    plain_array,
    unpack,
)


# Hints are functions, not constants: a message is in the language of the moment it is shown (cnn_utils.i18n).
def _stride_hint():
    return tr("with stride 1 your result was right, so look at the stride: the window of output position (h, w) "
              "starts at row h * stride and column w * stride.")


def _non_square_hint():
    return tr("the square cases were right, so look at what differs here: a height (5) different from the width (7), "
              "f = 3 and pad 1. h runs over rows (A_prev.shape[1]), w over columns (A_prev.shape[2]), and f, pad and "
              "stride must come from W and hparameters, never be fixed.")


def _pad_zero_hint(earlier):
    return (tr("the cases with {earlier} were right, so look at pad 0: a slice pad:-pad is empty when pad is 0 (-0 "
               "is 0, so A[:, 0:-0] is A[:, 0:0]). Pad with zero_pad, and cut the padding off with pad:pad + "
               "n_H_prev and pad:pad + n_W_prev, which work for every pad.", earlier=earlier))


def _sizes_hint():
    return tr("cut every window out of the padded input (A_prev_pad, not A_prev), and take every size from the "
              "arrays and from hparameters: pad can be 0 (then A[:, pad:-pad] is empty: use zero_pad, or "
              "pad:pad + n), f can be 1, images need not be square, and n_H = (n_H_prev - f + 2 * pad) // "
              "stride + 1 rounds down so that every window fits inside the padded input.")


def _reference():
    """The course's correct implementations, which give every expected value. Imported when a check runs, never when
    this module is imported: a grading sandbox leaves out the references of the notebook being graded and of later
    ones (docs/authoring.md), and the notebooks' setup cells must still import the checks."""
    from .. import reference

    return reference


def _is_constant(got):
    return got.size > 1 and np.ptp(got) == 0


def _constant_hint():
    return (_is_constant, tr("every value is the same: each output must be computed from its own window."))


def _matches(predicate, got):
    try:
        return bool(predicate(got))
    except Exception:
        return False


def _hints(mistakes, passed_before=None):
    """Hints for assert_close from [(the array a classic mistake gives, its hint)]: one list for the mean of the
    result, one for the whole array. passed_before is a hint shown when no precise hint explains the failure (what
    an earlier, passed case rules out)."""
    mean_hints = [(lambda got, wrong=wrong: np.isclose(got, np.mean(wrong), rtol=1e-9, atol=1e-12), hint)
                  for wrong, hint in mistakes]
    hints = [(lambda got, wrong=wrong: got.shape == wrong.shape and np.allclose(got, wrong), hint)
             for wrong, hint in mistakes] + [_constant_hint()]
    if passed_before:
        for found in (mean_hints, hints):
            precise = list(found[:len(mistakes)])
            found.append((lambda got, precise=precise: not any(_matches(p, got) for p, _ in precise), passed_before))
    return mean_hints, hints


def _call(function, args, output_names, label, expected_shapes, pad=None):
    """call() the student's function; an exception raised by their code is reported with the case it happened on
    (hidden inputs are invisible to the student otherwise). With pad 0, the hint names the pad:-pad slice first."""
    name = getattr(function, "__name__", tr("your function"))
    try:
        result = call(function, *args)
    except (AssertionError, NotImplementedError):
        raise
    except Exception as error:
        shapes = ", ".join(tr("{n} of shape {s}", n=n, s=s) for n, s in zip(output_names, expected_shapes))
        where = label if not label.startswith("(") else tr("on the case {label}", label=label)
        hint = (tr("with pad 0, a slice pad:-pad is empty (-0 is 0, so A[:, 0:-0] is A[:, 0:0]) and nothing fits "
                   "into it: pad with zero_pad, and write pad:pad + n_H_prev, pad:pad + n_W_prev where you cut the "
                   "padding off. If that is not it: take every size from the arrays and from hparameters (f can be "
                   "1, images need not be square), and n_H = (n_H_prev - f + 2 * pad) // stride + 1 rounds down.")
                if pad == 0 else _sizes_hint())
        fail(tr("{name} raised {error_type} ({error}) {where}, which should give {shapes}. Hint: {hint}",
                name=name, error_type=type(error).__name__, error=error, where=where, shapes=shapes, hint=hint))
    return unpack(result, output_names, name)


def _seeded_inputs(shape_A, shape_W):
    np.random.seed(1)
    A_prev = np.random.randn(*shape_A)
    W = np.random.randn(*shape_W)
    b = np.random.randn(1, 1, 1, shape_W[-1])
    return A_prev, W, b


def random_conv_inputs(seed, shape_A, shape_W):
    """A_prev, W, b of the given shapes (b: (1, 1, 1, n_C)) drawn in that order from np.random.default_rng(seed),
    and the generator, for the draws that follow."""
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(shape_A), rng.standard_normal(shape_W),
            rng.standard_normal((1, 1, 1, shape_W[-1])), rng)


# --- forward -----------------------------------------------------------------------------------------------------

def _forward_shape_hints(shape_A, shape_W, stride, pad, expected_shape):
    m, n_H_prev, n_W_prev, _ = shape_A
    f, n_C = shape_W[0], shape_W[-1]
    hints = [
        ((m, n_H_prev - f + 1, n_W_prev - f + 1, n_C),
         tr("the padding is missing from n_H and n_W: n_H = (n_H_prev - f + 2 * pad) // stride + 1.")),
        ((m, expected_shape[1] - 1, expected_shape[2] - 1, n_C),
         tr("did you forget the + 1 in n_H = (n_H_prev - f + 2 * pad) // stride + 1?")),
        ((m, expected_shape[2], expected_shape[1], n_C),
         tr("height and width are swapped: n_H comes from A_prev.shape[1], n_W from A_prev.shape[2].")),
    ]
    if stride > 1:
        hints.append(((m, n_H_prev - f + 2 * pad + 1, n_W_prev - f + 2 * pad + 1, n_C),
                      tr("divide by the stride: n_H = (n_H_prev - f + 2 * pad) // stride + 1.")))
        hints.append(((m, -(-(n_H_prev - f + 2 * pad) // stride) + 1, -(-(n_W_prev - f + 2 * pad) // stride) + 1,
                       n_C), tr("round down (floor, //), not up: a window that does not fit entirely is not used.")))
    return [(shape, hint) for shape, hint in hints if shape != tuple(expected_shape)]


def _forward_mistakes(A_prev, W, b, hparameters, expected):
    f, n_C_prev = W.shape[0], W.shape[2]
    bias = np.broadcast_to(b, expected.shape)
    mistakes = [
        (expected + (f * f * n_C_prev - 1) * bias,
         tr("the bias was added inside the sum, to each of the f * f * n_C_prev = {products} products (a widely "
            "copied version of this exercise does this; on the first visible case it gives the mean "
            "0.15585932488906465). conv_single_step adds b once: pass it b[:, :, :, c] and add nothing yourself.",
            products=f * f * n_C_prev)),
        (expected - bias, tr("the bias is missing: Z[i, h, w, c] includes b[..., c].")),
    ]
    if hparameters["stride"] > 1:
        unstrided, _ = _reference().conv_forward(A_prev, W, b, {"stride": 1, "pad": hparameters["pad"]})
        mistakes.append((unstrided[:, :expected.shape[1], :expected.shape[2], :],
                         tr("the windows start at row h and column w: multiply by the stride, vert_start = h * "
                            "stride.")))
    return mistakes


def _check_cache(cache, A_prev, W, b, hparameters):
    if not isinstance(cache, tuple) or len(cache) != 4:
        length = tr(" of length {len_cache}", len_cache=len(cache)) if isinstance(cache, (tuple, list)) else ""
        fail(tr("cache should be the tuple (A_prev, W, b, hparameters), but it is {cache_type}{length}. "
                "conv_backward reads its inputs back from it.", cache_type=type(cache).__name__, length=length))
    for item, expected, item_name in zip(cache[:3], (A_prev, W, b), ("A_prev", "W", "b")):
        assert_close(item, expected, tr("cache item {item_name}", item_name=item_name),
                     hints=[(lambda got, shape=expected.shape: got.shape != shape,
                             tr("keep the arrays you were given in the cache, not the padded input or a slice."))])
    if not isinstance(cache[3], dict) or cache[3] != hparameters:
        fail(tr("the last item of cache should be the hparameters dictionary {hparameters}, but it is {got!r}.",
                hparameters=hparameters, got=cache[3]))


def _compare_forward(conv_forward, A_prev, W, b, hparameters, label, expected_mean=None, passed_before=None):
    expected, _ = _reference().conv_forward(A_prev, W, b, hparameters)
    Z, cache = _call(conv_forward, (A_prev, W, b, hparameters), ("Z", "cache"), label, (expected.shape,),
                     hparameters["pad"])
    assert_shape(Z, expected.shape, f"Z {label}",
                 hints=_forward_shape_hints(A_prev.shape, W.shape, hparameters["stride"], hparameters["pad"],
                                            expected.shape))
    mean_hints, hints = _hints(_forward_mistakes(A_prev, W, b, hparameters, expected), passed_before)
    if expected_mean is not None:
        assert_close(np.mean(plain_array(Z, "Z")), expected_mean, f"mean(Z) {label}", hints=mean_hints)
    assert_close(Z, expected, f"Z {label}", hints=hints)
    _check_cache(cache, A_prev, W, b, hparameters)
    return Z


def _visible_forward(conv_forward, shape_A, shape_W, stride, pad, expected_mean, passed_before=None):
    A_prev, W, b = _seeded_inputs(shape_A, shape_W)
    label = f"(A_prev {shape_A}, W {shape_W}, pad {pad}, stride {stride})"
    return _compare_forward(conv_forward, A_prev, W, b, {"stride": stride, "pad": pad}, label, expected_mean,
                            passed_before)


@exercise_check("conv_forward")
def check_conv_forward(conv_forward):
    """The three reference cases of issue 3 (pad 2 with stride 1 and 2, a non-square input with stride 2 and pad 1),
    then pad 0 with stride 2, where a `[pad:-pad]` slice is empty. The expected values of the pad-0 case come from
    the course's reference conv_forward (no published mean)."""
    Z = _visible_forward(conv_forward, (10, 4, 4, 3), (2, 2, 3, 8), 1, 2, 0.0028129462864862967)
    _visible_forward(conv_forward, (10, 4, 4, 3), (2, 2, 3, 8), 2, 2, 0.048995203528855794, _stride_hint())
    _visible_forward(conv_forward, (2, 5, 7, 4), (3, 3, 4, 8), 2, 1, 0.5511276474566768, _non_square_hint())
    _visible_forward(conv_forward, (10, 4, 4, 3), (2, 2, 3, 8), 2, 0, None, _pad_zero_hint(tr("pad 2 and pad 1")))
    passed(tr("conv_forward: mean(Z) = {mean!r} for pad 2 / stride 1; the shapes, every value of Z and the "
              "cache are right in all four cases (stride 1 and 2, pad 2, 1 and 0, square and non-square).",
              mean=float(np.mean(Z))))


def forward_case(conv_forward, seed, shape_A, shape_W, stride, pad):
    """A hidden test: conv_forward on random inputs of these shapes, compared with the reference value by value."""
    A_prev, W, b, _ = random_conv_inputs(seed, shape_A, shape_W)
    label = tr("on a hidden test case (A_prev {shape_A}, W {shape_W}, stride {stride}, pad {pad})",
               shape_A=shape_A, shape_W=shape_W, stride=stride, pad=pad)
    _compare_forward(conv_forward, A_prev, W, b, {"stride": stride, "pad": pad}, label)


# --- backward ----------------------------------------------------------------------------------------------------

def _backward_shape_hints(A_prev, W, b, pad):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    hints = {
        "dA_prev": [((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C_prev),
                     tr("this is the shape of the padded input: cut the padding off at the end, dA_prev = "
                        "dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]."))],
        "dW": [(W.shape[:3], tr("dW holds one filter per output channel: it has the shape of W, (f, f, n_C_prev, "
                                "n_C)."))],
        "db": [((b.shape[-1],), tr("db must keep the shape of b, (1, 1, 1, n_C).")),
               ((1, 1, 1, 1), tr("db[..., c] sums dZ[..., c] over examples and positions: one value per channel c."))],
    }
    if pad == 0:
        hints["dA_prev"] = [((m, 0, 0, n_C_prev), tr("with pad 0, dA_prev_pad[:, pad:-pad, pad:-pad, :] is "
                                                     "dA_prev_pad[:, 0:0, 0:0, :], an empty array: cut the padding "
                                                     "off with pad:pad + n_H_prev and pad:pad + n_W_prev."))]
    for name in hints:
        hints[name] = [(shape, hint) for shape, hint in hints[name] if shape != {"dA_prev": A_prev, "dW": W,
                                                                                "db": b}[name].shape]
    return hints


def _backward_mistakes(dZ, cache):
    """{gradient name: [(the array a classic mistake gives, its hint)]}"""
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    _, n_H, n_W, _ = dZ.shape
    # `=` instead of `+=`: only the last window of the last example is left.
    top, left = (n_H - 1) * stride, (n_W - 1) * stride
    last_window = _reference().zero_pad(A_prev, pad)[-1, top:top + f, left:left + f, :]
    mistakes = {
        "dA_prev": [],
        "dW": [(last_window[..., None] * dZ[-1, -1, -1],
                tr("dW only holds the last window's contribution: accumulate with dW[:, :, :, c] += ..., do not "
                   "assign with =. Every window of every example adds to it."))],
        "db": [(dZ[-1, -1, -1].reshape(b.shape),
                tr("db only holds the last dZ value: accumulate with db[:, :, :, c] += dZ[i, h, w, c], do not "
                   "assign with =."))],
    }
    if stride > 1:
        # The stride forgotten: the reference reads n_H and n_W from dZ, so with stride 1 it puts the windows at h, w.
        unstrided = _reference().conv_backward(dZ, (A_prev, W, b, {"stride": 1, "pad": pad}))
        for name, wrong in zip(("dA_prev", "dW"), unstrided):
            mistakes[name].append((wrong, tr("the windows start at row h and column w: in the backward pass too "
                                             "they are the forward pass's windows, starting at h * stride and w * "
                                             "stride.")))
    return mistakes


def _compare_backward(conv_backward, dZ, cache, label, expected_means=None, passed_before=None):
    A_prev, W, b, hparameters = cache
    expected = _reference().conv_backward(dZ, cache)
    names = ("dA_prev", "dW", "db")
    result = _call(conv_backward, (dZ, cache), names, label, [e.shape for e in expected], hparameters["pad"])
    shape_hints = _backward_shape_hints(A_prev, W, b, hparameters["pad"])
    for name, got in zip(names, result):
        assert_shape(got, {"dA_prev": A_prev, "dW": W, "db": b}[name].shape, f"{name} {label}",
                     hints=shape_hints[name])
    mistakes = _backward_mistakes(dZ, cache)
    for k, (name, got, want) in enumerate(zip(names, result, expected)):
        mean_hints, hints = _hints(mistakes[name], passed_before)
        if expected_means is not None:
            assert_close(np.mean(plain_array(got, name)), expected_means[k], f"mean({name}) {label}",
                         hints=mean_hints)
        assert_close(got, want, f"{name} {label}", hints=hints)
    return [float(np.mean(plain_array(g, name))) for g, name in zip(result, names)]


def _visible_backward(conv_backward, stride, expected_means, passed_before=None, pad=2):
    A_prev, W, b = _seeded_inputs((10, 4, 4, 3), (2, 2, 3, 8))
    Z, cache = _reference().conv_forward(A_prev, W, b, {"stride": stride, "pad": pad})
    return _compare_backward(conv_backward, Z, cache, f"(pad {pad}, stride {stride}, dZ = Z)", expected_means,
                             passed_before)


@exercise_check("conv_backward")
def check_conv_backward(conv_backward):
    """Issue 3's reference means for pad 2 with stride 1 and stride 2 (dZ = Z), then pad 0 with stride 2, where a
    `[pad:-pad]` slice is empty; every value is compared with the course's reference conv_backward."""
    _visible_backward(conv_backward, 1, (4.1145817049149835, 9.203677199014168, 1.3783436803789542))
    means = _visible_backward(conv_backward, 2, (1.4524377775388075, 1.7269914583139097, 7.839232564616838),
                              _stride_hint())
    _visible_backward(conv_backward, 2, None, _pad_zero_hint(tr("pad 2")), pad=0)
    passed(tr("conv_backward: mean(dA_prev) = {dA_prev!r}, mean(dW) = {dW!r}, mean(db) = {db!r} for pad 2 and "
              "stride 2; every value of dA_prev, dW and db is right for stride 1 and 2, pad 2 and pad 0.",
              dA_prev=means[0], dW=means[1], db=means[2]))


def backward_case(conv_backward, seed, shape_A, shape_W, stride, pad):
    """A hidden test: conv_backward with a random dZ on the cache of random inputs, compared value by value."""
    A_prev, W, b, rng = random_conv_inputs(seed, shape_A, shape_W)
    Z, cache = _reference().conv_forward(A_prev, W, b, {"stride": stride, "pad": pad})
    dZ = rng.standard_normal(Z.shape)
    label = tr("on a hidden test case (A_prev {shape_A}, W {shape_W}, stride {stride}, pad {pad})",
               shape_A=shape_A, shape_W=shape_W, stride=stride, pad=pad)
    _compare_backward(conv_backward, dZ, cache, label)


def _gradient_hints():
    return {
        "dA_prev": tr("each dZ[i, h, w, c] adds W[:, :, :, c] * dZ[i, h, w, c] to the window of dA_prev_pad it came "
                      "from (rows h * stride to h * stride + f, and the same for the columns); then cut the padding "
                      "off."),
        "dW": tr("each dZ[i, h, w, c] adds (its window of the padded input) * dZ[i, h, w, c] to dW[:, :, :, c], for "
                 "every example and every position."),
        "db": tr("db[:, :, :, c] is the sum of dZ[:, :, :, c] over all examples and positions."),
    }


def gradient_case(conv_backward, seed, shape_A, shape_W, stride, pad):
    """Check conv_backward against the numeric gradient of the reference conv_forward on one small random case.

    The upstream gradient dZ is random, so that every output position weighs differently.
    """
    A_prev, W, b, rng = random_conv_inputs(seed, shape_A, shape_W)
    hparameters = {"stride": stride, "pad": pad}
    Z, cache = _reference().conv_forward(A_prev, W, b, hparameters)
    dZ = rng.standard_normal(Z.shape)
    case = f"A_prev {shape_A}, W {shape_W}, stride {stride}, pad {pad}"
    gradients = _call(conv_backward, (dZ, cache), ("dA_prev", "dW", "db"), f"({case})",
                      (A_prev.shape, W.shape, b.shape), pad)
    shape_hints = _backward_shape_hints(A_prev, W, b, pad)
    for name, got, variable in zip(("dA_prev", "dW", "db"), gradients, (A_prev, W, b)):
        assert_shape(got, variable.shape, f"{name} ({case})", hints=shape_hints[name])
    try:
        assert_gradients_match(dict(zip(("A_prev", "W", "b"), gradients)),
                               lambda A_prev, W, b: _reference().conv_forward(A_prev, W, b, hparameters)[0],
                               {"A_prev": A_prev, "W": W, "b": b}, dZ, label=case)
    except CheckFailure as failure:
        hint = _gradient_hints().get(getattr(failure, "gradient", None))
        fail(str(failure) + (hint_text(hint) if hint else ""))


@exercise_check("conv_backward (gradient check)")
def check_conv_backward_gradient(conv_backward):
    """dA_prev, dW and db against centred differences of the convolution, on a small case with stride 2 and pad 1."""
    gradient_case(conv_backward, 0, (2, 5, 5, 2), (3, 3, 2, 3), stride=2, pad=1)
    passed(tr("conv_backward: dA_prev, dW and db match the numeric gradient of the convolution (A_prev (2, 5, 5, "
              "2), W (3, 3, 2, 3), stride 2, pad 1)."))
