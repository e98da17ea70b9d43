"""Visible checks of notebook 5: the vectorized convolution and pooling, compared with the loops.

The expected values always come from the loop versions in cnn_utils.reference (correct by construction), never from
the student's own loops. The loops are not in the grading sandbox of this notebook (cnn_grading/course.py): a
function that only calls them fails when graded.

Each exercise is graded on its own: while one is checked, the notebook's earlier fast functions are replaced, in the
student's namespace, by the loops (so a pool_backward_fast that calls pool_forward_fast does not lose points for a
wrong pool_forward_fast). The hidden tests use `compare_with_loops` and `check_gradients` from here.
"""

import copy

import numpy as np

from .. import reference
from ..i18n import tr
from .convolution import random_conv_inputs
from .core import (
    CheckFailure,
    assert_close,
    assert_gradients_match,
    assert_shape,
    call,
    exercise_check,
    fail,
    hidden_case,
    passed,
    stand_ins,
    unpack,
)
from .core import stand_ins as core_stand_ins

# The notebook's exercises and the loops that compute the same thing, with the same interface.
LOOPS = {
    "conv_forward_fast": "conv_forward",
    "conv_backward_fast": "conv_backward",
    "pool_forward_fast": "pool_forward",
    "pool_backward_fast": "pool_backward",
}


def _graded_alone(function, name):
    """A context in which the notebook's fast functions that come before `name` are the correct loops, as `function`
    sees them: a mistake in an earlier exercise costs only that exercise's points. (Only earlier ones: when the
    notebook is graded, a correct version of a function enters the kernel only after that function's own verdict.)"""
    earlier = list(LOOPS)[:list(LOOPS).index(name)]
    return stand_ins(function, **{other: getattr(reference, LOOPS[other]) for other in earlier})


def _call(function, *args, name):
    with _graded_alone(function, name):
        return call(function, *args, name=name)


def _conv_shape(shape, f, stride, pad, n_C):
    m, n_H_prev, n_W_prev, _ = shape
    return (m, reference.conv_output_size(n_H_prev, f, pad, stride),
            reference.conv_output_size(n_W_prev, f, pad, stride), n_C)


def _check_cache(cache, args, function_name, names):
    """The cache must hold the forward's inputs, in the loops' order: the backward pass reads it."""
    if not isinstance(cache, tuple) or len(cache) != len(names):
        fail(tr("{function_name}'s cache should be the tuple ({names}), the same as the loop version's, but it "
                "is {cache!r:.80}.", function_name=function_name, names=', '.join(names), cache=cache))
    for item_name, got, given in zip(names, cache, args):
        if isinstance(given, dict):
            if got != given:
                fail(tr("{function_name}'s cache holds {item_name} = {got!r:.80}; expected the hparameters it was "
                        "given, {given!r}.", function_name=function_name, item_name=item_name, got=got, given=given))
        else:
            assert_close(got, given, tr("{item_name} in {function_name}'s cache",
                                        item_name=item_name, function_name=function_name),
                         hints=[(lambda g: True,
                                 tr("store the {item_name} the function received, unchanged (not padded).",
                                    item_name=item_name))])


def compare_with_loops(function, name, cases, output_names=None, rtol=1e-6, atol=1e-9):
    """Compare a fast function with its loop version on several cases, element by element.

    Arguments:
    function -- the student's fast function
    name -- its exercise name, a key of LOOPS
    cases -- list of (args, label): positional arguments and the case in words (shapes and hyperparameters)
    output_names -- for a function returning a tuple, the name of each item ("cache" for a cache, which is checked
                    against the inputs); for a function returning one array, the name of that array
    """
    loop = getattr(reference, LOOPS[name])
    for args, label in cases:
        expected = loop(*copy.deepcopy(args))
        got = _call(function, *args, name=name)
        if output_names is None or isinstance(output_names, str):
            got, expected, names = (got,), (expected,), (output_names or tr("{name}'s result", name=name),)
        else:
            got, names = unpack(got, output_names, name), output_names
        for output_name, got_item, expected_item in zip(names, got, expected):
            if output_name == "cache":
                cache_names = ("A_prev", "W", "b", "hparameters") if len(args) >= 4 else ("A_prev", "hparameters")
                _check_cache(got_item, args, name, cache_names)
            elif output_name is not None:
                assert_close(got_item, expected_item, output_name, rtol=rtol, atol=atol,
                             context=hidden_case(label), hidden=True)


def check_gradients(function, name, cases, tolerance=1e-6):
    """Gradient check of a fast backward function against the numeric gradient of the loop forward.

    Arguments:
    function -- the student's conv_backward_fast or pool_backward_fast
    name -- "conv_backward_fast" or "pool_backward_fast"
    cases -- conv: list of ((A_prev, W, b, hparameters), label); pool: list of ((A_prev, hparameters, mode), label).
             Keep them tiny: the numeric gradient runs the loop forward twice per input entry.
    """
    for args, label in cases:
        args = copy.deepcopy(args)
        if name == "conv_backward_fast":
            A_prev, W, b, hparameters = args
            Z, cache = reference.conv_forward(A_prev, W, b, hparameters)
            dZ = np.random.default_rng(A_prev.size).standard_normal(Z.shape)
            result = unpack(_call(function, dZ, cache, name=name), ("dA_prev", "dW", "db"), name)
            gradients = dict(zip(("A_prev", "W", "b"), result))

            def forward(A_prev, W, b, hparameters=hparameters):
                return reference.conv_forward(A_prev, W, b, hparameters)[0]

            inputs = {"A_prev": A_prev, "W": W, "b": b}
        else:
            A_prev, hparameters, mode = args
            A, cache = reference.pool_forward(A_prev, hparameters, mode)
            dZ = np.random.default_rng(A_prev.size).standard_normal(A.shape)
            gradients = {"A_prev": _call(function, dZ, cache, mode, name=name)}

            def forward(A_prev, hparameters=hparameters, mode=mode):
                return reference.pool_forward(A_prev, hparameters, mode)[0]

            inputs = {"A_prev": A_prev}
        assert_gradients_match(gradients, forward, inputs, dZ, tr("gradient check, {label}", label=label),
                               tolerance=tolerance)


# --- the visible checks ----------------------------------------------------------------------------------------


@exercise_check("conv_forward_fast")
def check_conv_forward_fast(conv_forward_fast):
    for seed, shape, f, n_C, stride, pad in [(1, (2, 5, 7, 3), 3, 4, 2, 1), (2, (3, 6, 4, 1), 2, 1, 1, 2)]:
        A_prev, W, b, _ = random_conv_inputs(seed, shape, (f, f, shape[3], n_C))
        hparameters = {"stride": stride, "pad": pad}
        case = f"(A_prev {shape}, W {W.shape}, stride {stride}, pad {pad})"
        expected, _ = reference.conv_forward(A_prev, W, b, hparameters)
        Z, cache = unpack(_call(conv_forward_fast, A_prev, W, b, hparameters, name="conv_forward_fast"),
                          ("Z", "cache"), "conv_forward_fast")
        assert_shape(Z, expected.shape, f"Z {case}", hints=[
            (_conv_shape(shape, f, 1, pad, n_C), tr("this is the shape with stride 1: keep only every stride-th "
                                                    "window (`windows(A_pad, f, stride)`, not `windows(A_pad, f, "
                                                    "1)`).")),
            (_conv_shape(shape, f, stride, 0, n_C), tr("this is the shape without padding: pad A_prev first.")),
            (_conv_shape(shape, f, stride, pad, shape[3]), tr("the last axis of Z has one entry per filter, "
                                                              "W.shape[3].")),
        ])
        flipped, _ = reference.conv_forward(A_prev, W.transpose(1, 0, 2, 3), b, hparameters)
        no_bias = expected - b
        assert_close(Z, expected, "Z", context=case, hints=[
            (lambda got: np.allclose(got, flipped), tr("this is the convolution with the filter's rows and columns "
                                                       "swapped: the window axes of `windows(...)` are (..., rows, "
                                                       "cols) = (..., i, j), and they must meet the filter's axes 0 "
                                                       "(rows) and 1 (cols) in that order.")),
            (lambda got: np.allclose(got, no_bias), tr("the bias b is missing: add it once per output value (b "
                                                       "broadcasts over m, n_H and n_W).")),
        ])
        _check_cache(cache, (A_prev, W, b, hparameters), "conv_forward_fast", ("A_prev", "W", "b", "hparameters"))
    passed(tr("conv_forward_fast: Z matches the loop version element by element (stride 2 and pad 1; stride 1 and "
              "pad 2), and the cache is (A_prev, W, b, hparameters)."))
    _passes_speed("conv_forward_fast", conv_forward_fast, seed=11)


def _assigned_variants(dZ, W, padded_shape, stride):
    """dA_prev_pad as a scatter that assigns (=) instead of adding (+=), for both orders of the offset loops."""
    f = W.shape[0]
    n_H, n_W = dZ.shape[1:3]
    variants = []
    for order in ([(i, j) for i in range(f) for j in range(f)], [(i, j) for j in range(f) for i in range(f)]):
        out = np.zeros(padded_shape)
        for i, j in order:
            out[:, i:i + stride * (n_H - 1) + 1:stride, j:j + stride * (n_W - 1) + 1:stride, :] = dZ @ W[i, j].T
        variants.append(out)
    return variants


@exercise_check("conv_backward_fast")
def check_conv_backward_fast(conv_backward_fast):
    for seed, shape, f, n_C, stride, pad in [(3, (2, 5, 6, 3), 3, 2, 1, 1), (4, (2, 7, 5, 2), 3, 3, 2, 2)]:
        A_prev, W, b, rng = random_conv_inputs(seed, shape, (f, f, shape[3], n_C))
        hparameters = {"stride": stride, "pad": pad}
        case = f"(A_prev {shape}, W {W.shape}, stride {stride}, pad {pad})"
        Z, cache = reference.conv_forward(A_prev, W, b, hparameters)
        dZ = rng.standard_normal(Z.shape)
        dA_expected, dW_expected, db_expected = reference.conv_backward(dZ, cache)
        dA_prev, dW, db = unpack(_call(conv_backward_fast, dZ, cache, name="conv_backward_fast"),
                                 ("dA_prev", "dW", "db"), "conv_backward_fast")
        m, n_H_prev, n_W_prev, n_C_prev = shape
        assert_shape(dA_prev, shape, f"dA_prev {case}", hints=[
            ((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C_prev), tr("this is the padded shape: crop the padding, "
                                                                       "dA_prev_pad[:, pad:pad + n_H_prev, pad:pad "
                                                                       "+ n_W_prev, :].")),
        ])
        padded = (m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C_prev)
        assigned = [v[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :] for v in _assigned_variants(dZ, W, padded, stride)]
        assert_close(dA_prev, dA_expected, "dA_prev", context=case, hints=[
            (lambda got: any(np.allclose(got, v) for v in assigned), tr("a pixel that lies in several windows gets "
                                                                        "a gradient from each of them: add the "
                                                                        "contributions of the f * f offsets (+=), "
                                                                        "do not assign (=).")),
            (lambda got: np.allclose(got, reference.conv_backward(dZ, (A_prev, W.transpose(1, 0, 2, 3), b,
                                                                       hparameters))[0]),
             tr("the filter's rows and columns are swapped: use W[i, j] for the offset (i, j).")),
        ])
        assert_shape(dW, W.shape, f"dW {case}", hints=[
            ((n_C_prev, f, f, n_C), tr("tensordot puts the axes of its first argument first: move the window axes "
                                       "(i, j) in front of the channel axis, e.g. with .transpose(1, 2, 0, 3).")),
        ])
        assert_close(dW, dW_expected, "dW", context=case, hints=[
            (lambda got: np.allclose(got, dW_expected.transpose(1, 0, 2, 3)), tr("dW's rows and columns are "
                                                                                 "swapped: the window axes come as "
                                                                                 "(i, j), rows first.")),
            (lambda got: np.allclose(got, dW_expected / m), tr("dW was divided by m: the backward pass of one layer "
                                                               "sums over the examples, the cost decides about "
                                                               "averaging.")),
        ])
        assert_shape(db, b.shape, f"db {case}", hints=[
            ((m, 1, 1, n_C), tr("db must be summed over the examples too (axes 0, 1 and 2).")),
            ((n_C,), tr("reshape db to b's shape (1, 1, 1, n_C).")),
        ])
        assert_close(db, db_expected, "db", context=case, hints=[
            (lambda got: np.allclose(got, dZ[:1].sum(axis=(1, 2), keepdims=True)), tr("db holds the first example "
                                                                                      "only: sum dZ over the "
                                                                                      "examples, the height and the "
                                                                                      "width (axes 0, 1 and 2).")),
            (lambda got: np.allclose(got, dZ.mean(axis=(0, 1, 2), keepdims=True)),
             tr("db is a mean: it is the sum of dZ.")),
        ])
    passed(tr("conv_backward_fast: dA_prev, dW and db match the loop version element by element (overlapping "
              "windows with stride 1; stride 2 and pad 2)."))
    rng = np.random.default_rng(5)
    tiny = (rng.standard_normal((2, 4, 3, 2)), rng.standard_normal((2, 2, 2, 3)), rng.standard_normal((1, 1, 1, 3)),
            {"stride": 1, "pad": 1})
    check_gradients(conv_backward_fast, "conv_backward_fast", [(tiny, "A_prev (2, 4, 3, 2), W (2, 2, 2, 3), "
                                                                     "stride 1, pad 1")])
    passed(tr("conv_backward_fast: gradient check against the numeric gradient of the loop conv_forward, relative "
              "error below 1e-6 for dA_prev, dW and db."))
    _passes_speed("conv_backward_fast", conv_backward_fast, seed=12)


@exercise_check("pool_forward_fast")
def check_pool_forward_fast(pool_forward_fast):
    rng = np.random.default_rng(6)
    for shape, f, stride in [((2, 5, 7, 3), 3, 2), ((3, 6, 4, 1), 2, 2)]:
        A_prev = rng.standard_normal(shape)
        hparameters = {"f": f, "stride": stride}
        expected = {mode: reference.pool_forward(A_prev, hparameters, mode)[0] for mode in ("max", "average")}
        for mode, other in (("max", "average"), ("average", "max")):
            case = f'(A_prev {shape}, f {f}, stride {stride}, mode "{mode}")'
            A, cache = unpack(_call(pool_forward_fast, A_prev, hparameters, mode, name="pool_forward_fast"),
                              ("A", "cache"), "pool_forward_fast")
            m, n_H_prev, n_W_prev, n_C = shape
            assert_shape(A, expected[mode].shape, f"A {case}", hints=[
                ((m, n_H_prev - f + 1, n_W_prev - f + 1, n_C), tr("this is the shape with stride 1: keep only every "
                                                                  "stride-th window.")),
                ((m, n_H_prev, n_W_prev, n_C), tr("pooling reduces each window to one number: take the max (or the "
                                                  "mean) over the two window axes, the last two of `windows(...)`.")),
            ])
            assert_close(A, expected[mode], "A", context=case, hints=[
                (lambda got: np.allclose(got, expected[other]), tr('this is the "{other}" pooling: look at `mode`.',
                                                                   other=other)),
                (lambda got: np.allclose(got, expected["average"] * f * f), tr("this is the sum of each window: "
                                                                               "average pooling divides it by f * f "
                                                                               "(np.mean does).")),
            ])
            _check_cache(cache, (A_prev, hparameters), "pool_forward_fast", ("A_prev", "hparameters"))
    passed(tr('pool_forward_fast: A matches the loop version in "max" and "average" mode (f 3 with stride 2, f 2 '
              "with stride 2), and the cache is (A_prev, hparameters)."))
    _passes_speed("pool_forward_fast", pool_forward_fast, seed=13)


def _pool_variants(A_prev, dA, f, stride, mode):
    """Two classic wrong dA_prev: assigning (=) instead of adding, and (max mode) the gradient to one tied maximum."""
    n_H, n_W = dA.shape[1:3]
    assigned = np.zeros(A_prev.shape)
    one_max = np.zeros(A_prev.shape)
    A = reference.pool_forward(A_prev, {"f": f, "stride": stride}, "max")[0]
    for i in range(f):
        for j in range(f):
            rows = slice(i, i + stride * (n_H - 1) + 1, stride)
            cols = slice(j, j + stride * (n_W - 1) + 1, stride)
            assigned[:, rows, cols, :] = (A_prev[:, rows, cols, :] == A) * dA if mode == "max" else dA / (f * f)
    for i in range(A_prev.shape[0]):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(A_prev.shape[3]):
                    window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]
                    r, s = np.unravel_index(np.argmax(window), window.shape)
                    one_max[i, h * stride + r, w * stride + s, c] += dA[i, h, w, c]
    return assigned, one_max


@exercise_check("pool_backward_fast")
def check_pool_backward_fast(pool_backward_fast):
    rng = np.random.default_rng(7)
    for shape, f, stride in [((2, 6, 5, 2), 2, 1), ((2, 7, 7, 3), 3, 2)]:
        # Small integers: many windows have a tied maximum, which the loops give the gradient to every tied position.
        A_prev = rng.integers(0, 4, size=shape).astype(float)
        hparameters = {"f": f, "stride": stride}
        for mode in ("max", "average"):
            case = tr('(A_prev {shape} with tied maxima, f {f}, stride {stride}, mode "{mode}")',
                      shape=shape, f=f, stride=stride, mode=mode)
            A, cache = reference.pool_forward(A_prev, hparameters, mode)
            dA = rng.standard_normal(A.shape)
            expected = reference.pool_backward(dA, cache, mode)
            dA_prev = _call(pool_backward_fast, dA, cache, mode, name="pool_backward_fast")
            assert_shape(dA_prev, shape, f"dA_prev {case}")
            assigned, one_max = _pool_variants(A_prev, dA, f, stride, mode)
            hints = [
                (lambda got: np.allclose(got, assigned), tr("a pixel that lies in several windows gets a gradient "
                                                            "from each of them: add the contributions of the f * f "
                                                            "offsets (+=), do not assign (=).")),
            ]
            if mode == "max":
                hints.append((lambda got: np.allclose(got, one_max), tr("when several positions of a window tie for "
                                                                        "the maximum, this course gives the "
                                                                        "gradient to every one of them (the mask "
                                                                        "A_prev == max marks them all, like "
                                                                        "create_mask_from_window); yours gives it "
                                                                        "to one.")))
            else:
                hints.append((lambda got: np.allclose(got, expected * f * f), tr("average pooling spreads dA evenly "
                                                                                 "over the f * f positions of the "
                                                                                 "window: divide by f * f.")))
            assert_close(dA_prev, expected, "dA_prev", context=case, hints=hints)
    passed(tr('pool_backward_fast: dA_prev matches the loop version in "max" (with tied maxima) and "average" mode, '
              "with overlapping (f 2, stride 1) and strided (f 3, stride 2) windows."))
    rng = np.random.default_rng(8)
    tiny = rng.standard_normal((2, 4, 5, 2))
    check_gradients(pool_backward_fast, "pool_backward_fast", [
        ((tiny, {"f": 2, "stride": 1}, mode), f'A_prev (2, 4, 5, 2), f 2, stride 1, mode "{mode}"')
        for mode in ("max", "average")])
    passed(tr("pool_backward_fast: gradient check against the numeric gradient of the loop pool_forward, relative "
              "error below 1e-6 in both modes."))
    _passes_speed("pool_backward_fast", pool_backward_fast, seed=14)



SPEED_FLOOR, SPEED_FACTOR = 2.0, 50  # seconds, and times the course's vectorized version: the limit is the larger


def check_speed(function, name, args, label, reference, stand_ins=None, hint=None):
    """The point of notebook 5 is speed: on a large input, `function` must finish within max(SPEED_FLOOR seconds,
    SPEED_FACTOR times the course's vectorized version of the same computation, `reference()`, timed here). The loops
    of notebooks 2-4 take seconds there; vectorized code takes milliseconds.

    The values are judged by the other cases, not here. A call that raises (say, because an earlier exercise it calls
    is not written) is timed again with `stand_ins` ({name: a fast correct version} of the notebook's earlier
    functions) in their place, so that a wrong earlier exercise costs nothing here, while a function that only works
    on top of the loops the other cases stand in (a numeric differentiation of them) is timed as it is graded. A call
    that still raises fails (a function must work on the large input, not give up on it quickly), and so does one
    still running at the grader's time limit for one call."""
    import time

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        reference()
        best = min(best, time.perf_counter() - start)

    def timed():
        start = time.perf_counter()
        try:
            call(function, *copy.deepcopy(args), name=name)
            raised = None
        except (CheckFailure, NotImplementedError):  # their messages say what is wrong
            raise
        except Exception as error:
            if type(error).__name__ == "KernelLost":  # the grader's time limit for one call: a speed failure
                raise
            raised = error
        return time.perf_counter() - start, raised

    elapsed, raised = timed()
    if raised is not None and stand_ins:
        with core_stand_ins(function, **stand_ins):
            elapsed, raised = timed()
    if raised is not None:
        fail(tr("{name} raised {error_type} on a larger input ({label}): {message} It must work on inputs of any "
                "size, and fast.", name=name, label=label, error_type=getattr(raised, "type_name",
                                                                              type(raised).__name__),
                message=str(raised).splitlines()[0][:200] if str(raised) else ""))
    limit = max(SPEED_FLOOR, SPEED_FACTOR * best)
    if elapsed > limit:
        hint = hint or tr("Loops over the examples and positions take seconds there. Hint: the exercise is to replace "
                          "the loops of the earlier notebooks with array operations (sliding windows and a tensordot), "
                          "with loops at most over the f x f offsets.")
        fail(tr("{name} took {elapsed:.2f} s on a larger input ({label}), more than the {limit:.1f} s it may take: "
                "vectorized code needs about {fast_ms:.0f} ms there. {hint}",
                name=name, elapsed=elapsed, label=label, limit=limit, fast_ms=1000 * best, hint=hint))
    return elapsed


# The larger inputs of the speed checks, visible and hidden alike: the loops of notebooks 2-4 take seconds on them
# (about 3 s and 4 s on the course's 2-core machine), vectorized code milliseconds.
SPEED_CONV = ((32, 28, 28, 8), 3, 16, 1, 1)  # A_prev's shape, f, number of filters, stride, pad
SPEED_POOL = ((32, 56, 56, 8), 2, 1)         # A_prev's shape, f, stride


def check_fast_enough(name, function, rng, stand_ins=None):
    """check_speed of the exercise `name` on the larger input of its kind (SPEED_CONV, SPEED_POOL), drawn from `rng`,
    against the course's vectorized layers. Returns (seconds, the input in words)."""
    from .. import layers

    if name.startswith("conv"):
        shape, f, n_C, stride, pad = SPEED_CONV
        A, W = rng.standard_normal(shape), rng.standard_normal((f, f, shape[3], n_C))
        b, hparameters = rng.standard_normal((1, 1, 1, n_C)), {"stride": stride, "pad": pad}
        label = f"A_prev {shape}, W {W.shape}, stride {stride}, pad {pad}"
        if name == "conv_forward_fast":
            args, fast = (A, W, b, hparameters), lambda: layers.conv2d_forward(A, W, b.reshape(-1), stride, pad)
        else:
            out, cache = layers.conv2d_forward(A, W, b.reshape(-1), stride, pad)
            dZ = rng.standard_normal(out.shape)
            args, fast = (dZ, (A, W, b, hparameters)), lambda: layers.conv2d_backward(dZ, cache)
    else:
        shape, f, stride = SPEED_POOL
        A, hparameters = rng.standard_normal(shape), {"f": f, "stride": stride}
        label = f"A_prev {shape}, f {f}, stride {stride}"
        if name == "pool_forward_fast":
            args, fast = (A, hparameters, "max"), lambda: layers.maxpool_forward(A, f, stride)
        else:
            out, cache = layers.maxpool_forward(A, f, stride)
            dA = rng.standard_normal(out.shape)
            args, fast = (dA, (A, hparameters), "max"), lambda: layers.maxpool_backward(dA, cache)
    return check_speed(function, name, args, label, fast, stand_ins), label


def _passes_speed(name, function, seed):
    """The visible speed check: the same size as the hidden one, so that a correct but slow function fails here too."""
    elapsed, label = check_fast_enough(name, function, np.random.default_rng(seed))
    passed(tr("{name}: {ms:.0f} ms on a larger input ({label}), where the loops take seconds.",
              name=name, ms=1000 * elapsed, label=label))
