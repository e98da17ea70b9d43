"""Hidden tests of notebook 5 (05_vectorize): the fast functions against the course's loops.

compare_with_loops and check_gradients grade each exercise on its own: while a fast function runs, the notebook's
earlier fast functions are the course's loops (cnn_utils.checks.vectorized).
"""

from cnn_utils import checks
from cnn_utils.i18n import tr

from ..reference import vectorize as fast
from ._draws import on_a_well_posed_draw

# (A_prev shape, f, number of filters, stride, pad): f = 1, one channel, stride 3, pad 2, f larger than the stride,
# non-square images.
_CONV_CASES = [((2, 7, 5, 3), 3, 2, 1, 0), ((1, 8, 8, 1), 1, 1, 2, 0), ((3, 9, 6, 2), 2, 4, 3, 1),
               ((2, 5, 8, 4), 4, 3, 2, 2), ((2, 6, 6, 3), 3, 1, 3, 2), ((1, 4, 7, 3), 5, 2, 1, 2),
               ((2, 6, 9, 1), 3, 3, 1, 1)]


def _conv_inputs(rng, shape, f, n_C):
    return rng.standard_normal(shape), rng.standard_normal((f, f, shape[3], n_C)), rng.standard_normal((1, 1, 1, n_C))


def test_conv_forward_fast(student, rng):
    """conv_forward_fast against the loops on seven cases: Z value by value, and the cache."""
    conv_forward_fast = student.conv_forward_fast
    cases = []
    for shape, f, n_C, stride, pad in _CONV_CASES:
        A, W, b = _conv_inputs(rng, shape, f, n_C)
        cases.append(((A, W, b, {"stride": stride, "pad": pad}),
                      f"A_prev {shape}, W {W.shape}, stride {stride}, pad {pad}"))
    checks.vectorized.compare_with_loops(conv_forward_fast, "conv_forward_fast", cases, ("Z", "cache"))
    checks.vectorized.check_fast_enough("conv_forward_fast", conv_forward_fast, rng)

def test_conv_backward_fast(student, rng):
    """conv_backward_fast against the loops on seven cases (a random dZ on the loops' cache), then against the
    numeric gradient of the loop forward on three tiny cases, each on a draw the loops pass."""
    from cnn_utils import reference

    conv_backward_fast = student.conv_backward_fast
    cases = []
    for shape, f, n_C, stride, pad in _CONV_CASES:
        A, W, b = _conv_inputs(rng, shape, f, n_C)
        Z, cache = reference.conv_forward(A, W, b, {"stride": stride, "pad": pad})
        cases.append(((rng.standard_normal(Z.shape), cache),
                      f"A_prev {shape}, W {W.shape}, stride {stride}, pad {pad}"))
    checks.vectorized.compare_with_loops(conv_backward_fast, "conv_backward_fast", cases, ("dA_prev", "dW", "db"))
    for shape, f, n_C, stride, pad in [((2, 5, 4, 2), 3, 2, 2, 1), ((3, 3, 4, 1), 1, 2, 1, 0),
                                       ((2, 4, 4, 1), 2, 1, 1, 2)]:
        label = f"A_prev {shape}, W {(f, f, shape[3], n_C)}, stride {stride}, pad {pad}"

        def case(function, rng):
            args = (*_conv_inputs(rng, shape, f, n_C), {"stride": stride, "pad": pad})
            checks.vectorized.check_gradients(function, "conv_backward_fast", [(args, label)])
        on_a_well_posed_draw(rng, case, conv_backward_fast, reference.conv_backward)
    checks.vectorized.check_fast_enough("conv_backward_fast", conv_backward_fast, rng,
                                        {"conv_forward_fast": fast.conv_forward_fast})

def test_pool_forward_fast(student, rng):
    """pool_forward_fast against the loops in both modes on five cases (f = 1, f = stride = 3, stride 1 with
    overlap, f 4 with stride 2, non-square, one channel): A value by value, and the cache."""
    pool_forward_fast = student.pool_forward_fast
    cases = []
    for shape, f, stride in [((2, 6, 6, 3), 2, 2), ((1, 5, 7, 1), 1, 1), ((3, 9, 7, 2), 3, 3), ((2, 7, 4, 2), 2, 1),
                             ((2, 8, 8, 1), 4, 2)]:
        A = rng.standard_normal(shape)
        for mode in ("max", "average"):
            cases.append(((A, {"f": f, "stride": stride}, mode),
                          f'A_prev {shape}, f {f}, stride {stride}, mode "{mode}"'))
    checks.vectorized.compare_with_loops(pool_forward_fast, "pool_forward_fast", cases, ("A", "cache"))
    checks.vectorized.check_fast_enough("pool_forward_fast", pool_forward_fast, rng)

def test_pool_backward_fast(student, rng):
    """pool_backward_fast against the loops in both modes on six cases, three with tied maxima (small integers),
    overlapping windows among them; then against the numeric gradient of the loop forward on three tiny cases, each on a
    draw the loops pass."""
    from cnn_utils import reference

    pool_backward_fast = student.pool_backward_fast
    cases = []
    for shape, f, stride, ties in [((2, 6, 6, 3), 2, 2, False), ((1, 5, 7, 1), 1, 1, False),
                                   ((3, 9, 7, 2), 3, 3, True), ((2, 7, 4, 2), 2, 1, True),
                                   ((2, 8, 8, 1), 4, 2, False), ((2, 7, 8, 2), 3, 1, True)]:
        A = rng.integers(0, 3, size=shape).astype(float) if ties else rng.standard_normal(shape)
        for mode in ("max", "average"):
            out, cache = reference.pool_forward(A, {"f": f, "stride": stride}, mode)
            label = (tr('A_prev {shape} with tied maxima, f {f}, stride {stride}, mode "{mode}"', shape=shape, f=f,
                        stride=stride, mode=mode) if ties else
                     f'A_prev {shape}, f {f}, stride {stride}, mode "{mode}"')
            cases.append(((rng.standard_normal(out.shape), cache, mode), label))
    checks.vectorized.compare_with_loops(pool_backward_fast, "pool_backward_fast", cases, "dA_prev")
    for shape, f, stride in [((2, 5, 4, 2), 3, 1), ((1, 4, 6, 1), 2, 2), ((2, 5, 5, 1), 2, 3)]:
        def case(function, rng):
            A = rng.standard_normal(shape)
            checks.vectorized.check_gradients(
                function, "pool_backward_fast",
                [((A, {"f": f, "stride": stride}, mode), f'A_prev {shape}, f {f}, stride {stride}, mode "{mode}"')
                 for mode in ("max", "average")])
        on_a_well_posed_draw(rng, case, pool_backward_fast, reference.pool_backward)
    checks.vectorized.check_fast_enough("pool_backward_fast", pool_backward_fast, rng,
                                        {"pool_forward_fast": fast.pool_forward_fast})

