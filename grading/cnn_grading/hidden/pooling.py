"""Hidden tests of notebook 4 (04_pooling): pool_forward, create_mask_from_window, distribute_value, pool_backward.

pool_backward is graded on its own: while its tests run, the course's create_mask_from_window and distribute_value
stand in for the student's (their test cells come earlier), so a wrong helper costs only the helper's points.
"""

import numpy as np

from cnn_utils import checks
from cnn_utils.i18n import tr

from ._draws import on_a_well_posed_draw


def _course_helpers(pool_backward):
    from cnn_utils import reference

    return checks.stand_ins(pool_backward, create_mask_from_window=reference.create_mask_from_window,
                            distribute_value=reference.distribute_value)


def test_pool_forward(student, rng):
    """pool_forward in both modes on six cases (stride 1, 2 and 3, f = 1, f = stride, non-square, one channel), and
    max pooling of only negative values; A value by value against the reference."""
    pool_forward = student.pool_forward
    cases = []
    for shape, f, stride in [((2, 5, 5, 3), 2, 2), ((1, 6, 4, 2), 3, 1), ((2, 4, 5, 1), 1, 1),
                             ((1, 7, 5, 2), 3, 2), ((2, 3, 3, 2), 3, 3), ((1, 7, 8, 1), 2, 3)]:
        A_prev = rng.standard_normal(shape)
        for mode in ("max", "average"):
            cases.append(((A_prev, {"f": f, "stride": stride}, mode),
                          tr('A_prev of shape {shape}, f {f}, stride {stride}, mode "{mode}"',
                             shape=shape, f=f, stride=stride, mode=mode)))
    A_negative = -1.0 - np.abs(rng.standard_normal((1, 4, 4, 2)))
    cases.append(((A_negative, {"f": 2, "stride": 2}, "max"),
                  tr('A_prev of shape (1, 4, 4, 2) with only negative values, f 2, stride 2, mode "max"')))
    checks.compare_with_reference(pool_forward, "pool_forward", cases, output_names=("A", None))


def test_create_mask_from_window(student, rng):
    """create_mask_from_window on windows of several shapes (1x1, non-square), only negative values, tied maxima
    (every tied position, or at least one of them, is accepted) and all entries equal."""
    create_mask_from_window = student.create_mask_from_window
    for shape in [(3, 3), (2, 4), (1, 1), (4, 2), (3, 3)]:
        checks.pooling.check_mask_case(create_mask_from_window, rng.standard_normal(shape), tr("x of shape {shape}",
                                                                                               shape=shape))
    checks.pooling.check_mask_case(create_mask_from_window, -1.0 - np.abs(rng.standard_normal((3, 2))),
                                   tr("x of shape (3, 2) with only negative values"))
    for shape in [(2, 2), (3, 3)]:
        x = rng.integers(0, 2, shape).astype(float)
        x[0, 0] = x[-1, -1] = 1.0
        checks.pooling.check_mask_case(create_mask_from_window, x, tr("x of shape {shape} with a tied maximum",
                                                                      shape=shape))
    checks.pooling.check_mask_case(create_mask_from_window, np.zeros((2, 2)), tr("x of shape (2, 2), all entries "
                                                                                 "equal"))


def test_distribute_value(student, rng):
    """distribute_value for NumPy float, float and int dz on shapes 1x1 to 4x4 (non-square too): a NumPy array equal
    to the reference's."""
    distribute_value = student.distribute_value
    # The int dz on (3, 3) is not a multiple of 9, so that dz / 9 has a fractional part.
    cases = [((np.float64(rng.uniform(-3, 3)), (2, 3)), tr("a NumPy float dz, shape (2, 3)")),
             ((float(rng.uniform(-3, 3)), (3, 2)), tr("a float dz, shape (3, 2)")),
             ((int(rng.integers(1, 10)), (1, 1)), tr("an int dz, shape (1, 1)")),
             ((np.float64(rng.uniform(-3, 3)), (4, 4)), tr("a NumPy float dz, shape (4, 4)")),
             ((int(rng.integers(1, 9)), (3, 3)), tr("an int dz, shape (3, 3)"))]
    for args, label in cases:
        checks.assert_type(checks.call(distribute_value, *args), np.ndarray, tr("distribute_value's result ({label})",
                                                                                label=label),
                           tr("a NumPy array"))
    checks.compare_with_reference(distribute_value, "distribute_value", cases)


def test_pool_backward(student, rng):
    """pool_backward with the course's helpers, in both modes on five cases (stride 1, 2 and 3, f = 1, non-square,
    one channel): dA_prev value by value against the reference, the sums of the average gradient, and max pooling
    with tied maxima (the course's convention, the first maximum, or a share are accepted)."""
    from cnn_utils import reference

    pool_backward = student.pool_backward
    with _course_helpers(pool_backward):
        cases = []
        for shape, f, stride in [((2, 4, 4, 2), 2, 2), ((1, 7, 5, 2), 3, 2), ((2, 3, 4, 1), 1, 1),
                                 ((1, 5, 3, 3), 2, 1), ((1, 7, 7, 1), 2, 3)]:
            A_prev = rng.standard_normal(shape)
            hparameters = {"f": f, "stride": stride}
            dA = rng.standard_normal(reference.pool_forward(A_prev, hparameters)[0].shape)
            for mode in ("max", "average"):
                cases.append(((dA, (A_prev, hparameters), mode),
                              tr('A_prev of shape {shape}, f {f}, stride {stride}, mode "{mode}"',
                                 shape=shape, f=f, stride=stride, mode=mode)))
            checks.pooling.check_average_gradient_sums(pool_backward, dA, (A_prev, hparameters),
                                                       tr("A_prev of shape {shape}, f {f}, stride {stride}",
                                                          shape=shape, f=f, stride=stride))
        checks.compare_with_reference(pool_backward, "pool_backward", cases)

        # Ties: ReLU-like inputs with few distinct values, windows that do not overlap.
        A_prev = rng.integers(0, 3, (2, 4, 6, 2)).astype(float)
        A_prev[0, :2, :2, 0] = 0.0
        dA = rng.standard_normal((2, 2, 3, 2))
        checks.pooling.check_max_ties(pool_backward, A_prev, {"f": 2, "stride": 2}, dA,
                                      tr("A_prev of shape (2, 4, 6, 2) with tied maxima, f 2, stride 2"))


def test_pool_backward_gradcheck(student, rng):
    """pool_backward with the course's helpers against centred differences of the reference pool_forward, in both
    modes on four cases (f = stride = 2 and 3, f = 1, overlapping windows, non-square), each on a draw the reference
    passes (no two entries of a window within the nudge of each other)."""
    from cnn_utils import reference

    pool_backward = student.pool_backward
    with _course_helpers(pool_backward):
        for shape, f, stride in [((1, 5, 4, 2), 2, 2), ((2, 3, 5, 1), 1, 1), ((1, 6, 6, 1), 3, 3),
                                 ((1, 7, 5, 2), 3, 2)]:
            on_a_well_posed_draw(rng, lambda function, rng: _gradient_case(function, rng, shape, f, stride),
                                 pool_backward, reference.pool_backward)


def _gradient_case(pool_backward, rng, shape, f, stride):
    from cnn_utils import reference

    A_prev = rng.standard_normal(shape)
    hparameters = {"f": f, "stride": stride}
    dA = rng.standard_normal(reference.pool_forward(A_prev, hparameters)[0].shape)
    for mode in ("max", "average"):
        dA_prev = checks.call(pool_backward, dA, (A_prev, hparameters), mode=mode, name="pool_backward")
        checks.assert_gradients_match(
            {"A_prev": dA_prev},
            lambda A_prev, mode=mode: reference.pool_forward(A_prev, hparameters, mode)[0],
            {"A_prev": A_prev}, dA, tr('hidden test case: A_prev of shape {shape}, f {f}, stride {stride}, mode "'
                                       '{mode}"', shape=shape, f=f, stride=stride, mode=mode))
