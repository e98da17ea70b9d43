"""Hidden tests of notebook 6, "Layers as objects": one function per grade cell, named as its grade_id.

Each is called as test_<...>(student, rng) by the verdict, in the grader's process: `student.<name>` is the student's
function or class (a proxy whose calls run in the grading kernel), `rng` a NumPy Generator seeded per submission.
Shapes and hyperparameters are fixed to cover the edge cases (stride > 1, pad 0, f = 1, non-square, one channel,
rows and columns no window reaches, tied maxima, large scores); the values come from rng. Expected values come from
cnn_grading.reference.layers, through the same case functions as the visible checks (cnn_utils.checks.layers), so
the messages are as precise.

Each exercise whose result a numeric differentiation of a forward pass could produce (col2im, Conv2D,
conv_input_gradient, ReLU, MaxPool2D, Dense, SoftmaxCrossEntropy) ends with a larger case (TIMED_...), values against
the reference, every call timed with notebook 5's rule (cnn_utils.checks.vectorized.check_speed): correct code takes
milliseconds there, a numeric differentiation seconds.

Numeric gradient checks run on draws the reference passes (`on_a_well_posed_draw`): a correct gradient never fails on an
unlucky draw (an entry so small that rounding dominates its relative error).

Graded alone: an exercise that uses an earlier one runs with the reference in its place
(`with student.stand_ins(...)`): Conv2D and MaxPool2D with the reference im2col and col2im, conv_input_gradient with
the reference im2col, Sequential and SGD on layers of the reference classes.

The conceptual questions (test_question_1 to 3) are graded with their key in cnn_grading.hidden.questions.
"""

import numpy as np

from cnn_utils.checks import layers as cases
from cnn_utils.checks.core import assert_close, assert_shape, fail
from cnn_utils.checks.vectorized import check_speed
from cnn_utils.i18n import tr

from ..reference import layers as reference
from ._draws import on_a_well_posed_draw


class ReferenceTruth:
    """The expected values, from the reference: the same interface as cnn_utils.checks.layers.CourseTruth."""

    @staticmethod
    def unfold(x, f, stride, pad):
        return reference.im2col(np.array(x, dtype=float), f, stride, pad)

    @staticmethod
    def fold(cols, x_shape, f, stride, pad):
        return reference.col2im(np.array(cols, dtype=float), tuple(x_shape), f, stride, pad)

    @staticmethod
    def conv_input_gradient(dZ, W, pad):
        return reference.conv_input_gradient(np.array(dZ, dtype=float), np.array(W, dtype=float), pad)

    @staticmethod
    def layer(kind, hyper, params, x, dout=None):
        layer = _reference_layer(kind, hyper, params)
        out = layer.forward(np.array(x, dtype=float))
        if dout is None:
            return out, None, None
        dx = layer.backward(np.array(dout, dtype=float))
        return out, dx, {key: value.copy() for key, value in layer.grads.items()}

    @staticmethod
    def softmax_cross_entropy(scores, y):
        loss_fn = reference.SoftmaxCrossEntropy()
        loss = loss_fn.forward(np.array(scores, dtype=float), y)
        return loss, loss_fn.backward()

    @staticmethod
    def sgd_step(params, grads, state, lr, momentum):
        class Holder:
            pass

        holder = Holder()
        holder.params = {name: np.array(value, dtype=float) for name, value in params.items()}
        holder.grads = grads
        optimizer = reference.SGD([holder], lr=lr, momentum=momentum)
        optimizer.velocities[0] = state.setdefault("velocity", {})
        optimizer.step()
        return holder.params


def _reference_layer(kind, hyper, params):
    """The reference's layer `kind` with these hyperparameters and parameters (copies)."""
    if kind == "Conv2D":
        f, _, n_C_prev, n_C = np.shape(params["W"])
        layer = reference.Conv2D(n_C_prev, n_C, f, hyper["stride"], hyper["pad"])
    elif kind == "Dense":
        layer = reference.Dense(*np.shape(params["W"]))
    elif kind == "MaxPool2D":
        layer = reference.MaxPool2D(hyper["f"], hyper["stride"])
    else:
        layer = {"ReLU": reference.ReLU, "Flatten": reference.Flatten}[kind]()
    layer.params = {key: np.array(value, dtype=float) for key, value in params.items()}
    return layer


def _size(n, f, stride, pad):
    return (n + 2 * pad - f) // stride + 1


def _label(shape, f, stride, pad, name="x"):
    return tr("(a hidden test case: {name} {shape}, f {f}, stride {stride}, pad {pad})",
              name=name, shape=shape, f=f, stride=stride, pad=pad)


def _pool_label(f, stride, shape, ties):
    if ties:
        return tr("(a hidden test case: MaxPool2D(f={f}, stride={stride}), x {shape} with tied maxima)", f=f,
                  stride=stride, shape=shape)
    return tr("(a hidden test case: MaxPool2D(f={f}, stride={stride}), x {shape})", f=f, stride=stride, shape=shape)


# --- larger cases, timed ----------------------------------------------------------------------------------------

# On the small cases, a backward pass written as centred differences of the layer's own forward pass
# (cnn_utils.gradcheck.numeric_gradient, or by hand) gives the right values. So every exercise whose result it could
# produce ends with a larger case: values compared with the reference, and every call into the student's code timed
# with notebook 5's rule (check_speed: within max(2 s, 50 times the reference, timed here)). Correct code takes
# milliseconds there, a numeric differentiation 4-5 s (on the course's 2-core machine): it fails in seconds, far from
# the 60 s a call may take. (The loops of notebooks 2-4, which could compute these too, are not in notebook 6's grading
# kernel: cnn_grading/course.py.)
TIMED_COL2IM = [((10, 16, 16, 4), 3, 1, 1)]                                    # (x_shape, f, stride, pad)
TIMED_INPUT_GRADIENT = [(10, 16, 16, 4, 8, 3, 1)]                              # as INPUT_GRADIENT_CASES
TIMED_CONV = [(10, 16, 16, 4, 8, 3, 1, 1)]                                     # as CONV_CASES
TIMED_POOL = [((16, 16, 16, 4), 2, 2)]                                         # (x shape, f, stride)
TIMED_RELU = [(48, 16, 16, 4)]                                                 # x shape
TIMED_DENSE = [(64, 320, 64)]                                                  # (m, n_in, n_out)
TIMED_SOFTMAX = [(320, 64)]                                                    # (m, K)


def _timed(function, name, args, shapes, fast):
    """function(*args), called once and timed by check_speed against fast() (a call that raises fails there); returns
    its result, which the caller compares with the reference. shapes -- the input in words, for the speed message."""
    results = []

    def timed(*call_args):
        results.append(function(*call_args))
        return results[-1]

    check_speed(timed, name, args, shapes, fast, hint=tr(
        "In this notebook the layers compute with im2col, col2im and matrix products, and backward computes its "
        "gradients from what forward cached; centred differences of a forward pass (a numeric gradient) only check a "
        "gradient: they cost one forward pass per input value."))
    return results[0]


def _timed_function(function, name, args, shapes, reference_function, context):
    """A larger case of a function: one call, timed against reference_function(*args), its result against that."""
    got = _timed(function, name, args, shapes, lambda: reference_function(*args))
    expected = reference_function(*args)
    assert_shape(got, expected.shape, f"{name} {context}")
    assert_close(got, expected, name, context=context)


def _timed_layer(cls, kind, args, hyper, values, inputs, dout, shapes, context):
    """A larger case of a layer: a new one (`args`), set_params(**values), then forward(*inputs) and backward(*dout),
    each timed against the reference layer's, and out, dx and grads compared with it."""
    layer = cases.construct(cls, kind, *args)
    if values:
        cases.method(layer, "set_params", kind, context=context, **values)
    if kind == "SoftmaxCrossEntropy":
        truth = reference.SoftmaxCrossEntropy()
        forward_name, backward_name = tr("SoftmaxCrossEntropy.forward(scores, y)"), "SoftmaxCrossEntropy.backward()"
    else:
        truth = _reference_layer(kind, hyper, values)
        forward_name, backward_name = f"{kind}.forward(x)", f"{kind}.backward(dout)"
    out = _timed(layer.forward, f"{kind}.forward", inputs, shapes, lambda: truth.forward(*inputs))
    assert_close(out, truth.forward(*inputs), forward_name, context=context)
    dx = _timed(layer.backward, f"{kind}.backward", dout, shapes, lambda: truth.backward(*dout))
    assert_close(dx, truth.backward(*dout), backward_name, context=context)
    if truth.grads:
        grads = cases.read_dict(layer, "grads", kind)
        if sorted(grads) != sorted(truth.grads):
            fail(tr("After {kind}.backward{which} {where}, grads has the keys {keys}; expected {expected}, one per "
                    "parameter. backward fills self.grads[name] for every name in self.params.", kind=kind,
                    which="", where=context, keys=sorted(grads), expected=sorted(truth.grads)))
        for key, expected in truth.grads.items():
            assert_close(grads[key], expected, f"{kind}.grads[{key!r}]", context=context)


# --- im2col, col2im ---------------------------------------------------------------------------------------------

# (x shape, f, stride, pad): stride > 1 with pad 0, f = 1, non-square, one channel, rows/columns no window reaches,
# f equal to the image (one window), stride 3 with pad 2.
IM2COL_CASES = [((2, 7, 5, 3), 3, 2, 0), ((1, 4, 6, 2), 1, 1, 0), ((2, 6, 9, 1), 2, 3, 1), ((3, 5, 4, 2), 3, 1, 2),
                ((1, 4, 4, 3), 4, 1, 0), ((2, 8, 7, 2), 3, 3, 2), ((1, 5, 5, 1), 1, 2, 0)]


def _adjoint_identity(name, left, right, label):
    if not np.isclose(left, right, rtol=1e-8, atol=1e-8):
        fail(tr("{name} fails the adjoint identity <im2col(x), y> = <x, col2im(y)> {label}: the left side is "
                "{left:.10g}, the right side {right:.10g}.", name=name, label=label, left=left, right=right))


def test_im2col(student, rng):
    for shape, f, stride, pad in IM2COL_CASES:
        label = _label(shape, f, stride, pad)
        x = rng.standard_normal(shape)
        cases.im2col_case(student.im2col, x, f, stride, pad, ReferenceTruth, label)
        got = np.array(cases._student_call(student.im2col, x, f, stride, pad, name="im2col"), dtype=float)
        y = rng.standard_normal(got.shape)
        _adjoint_identity("im2col", float(np.sum(got * y)),
                          float(np.sum(x * reference.col2im(y, shape, f, stride, pad))), label)


def test_col2im(student, rng):
    for shape, f, stride, pad in IM2COL_CASES:
        m, n_H_prev, n_W_prev, n_C = shape
        cols = rng.standard_normal((m * _size(n_H_prev, f, stride, pad) * _size(n_W_prev, f, stride, pad),
                                    f * f * n_C))
        cases.col2im_case(student.col2im, cols, shape, f, stride, pad, ReferenceTruth,
                          _label(shape, f, stride, pad, name="x_shape"), x=rng.standard_normal(shape))
    for shape, f, stride, pad in TIMED_COL2IM:
        m, n_H_prev, n_W_prev, n_C = shape
        cols = rng.standard_normal((m * _size(n_H_prev, f, stride, pad) * _size(n_W_prev, f, stride, pad),
                                    f * f * n_C))
        _timed_function(student.col2im, "col2im", (cols, shape, f, stride, pad),
                        f"cols {cols.shape}, x_shape {shape}, f {f}, stride {stride}, pad {pad}", reference.col2im,
                        _label(shape, f, stride, pad, name="x_shape"))


# --- Conv2D and the input gradient ------------------------------------------------------------------------------

# (m, n_H_prev, n_W_prev, n_C_prev, n_C, f, stride, pad)
CONV_CASES = [(2, 7, 5, 3, 2, 3, 2, 0), (1, 6, 4, 1, 3, 1, 1, 0), (2, 6, 9, 2, 4, 2, 3, 1), (3, 5, 5, 4, 1, 3, 1, 2),
              (2, 8, 6, 1, 2, 4, 2, 1)]
CONV_GRADIENT_CASES = [(1, 4, 3, 2, 2, 2, 1, 0), (1, 5, 4, 1, 2, 3, 2, 1)]


def _conv_label(spec, x_shape):
    _, _, _, n_C_prev, n_C, f, stride, pad = spec
    return tr("(a hidden test case: Conv2D({n_C_prev}, {n_C}, f={f}, stride={stride}, pad={pad}), x {x_shape})",
              n_C_prev=n_C_prev, n_C=n_C, f=f, stride=stride, pad=pad, x_shape=x_shape)


def _conv_case(spec, gradient_check):
    """A case function(Conv2D, rng) for one Conv2D spec: draws x, W, b and two douts, checks everything."""
    m, n_H_prev, n_W_prev, n_C_prev, n_C, f, stride, pad = spec

    def case(Conv2D, rng):
        x = rng.standard_normal((m, n_H_prev, n_W_prev, n_C_prev))
        out_shape = (m, _size(n_H_prev, f, stride, pad), _size(n_W_prev, f, stride, pad), n_C)
        douts = [rng.standard_normal(out_shape), rng.standard_normal(out_shape)]
        label = _conv_label(spec, x.shape)
        cases.conv2d_case(Conv2D, n_C_prev, n_C, f, stride, pad, x, rng.standard_normal((f, f, n_C_prev, n_C)),
                          rng.standard_normal(n_C), douts, ReferenceTruth, label, gradient_check=gradient_check)
    return case


def test_Conv2D(student, rng):
    with student.stand_ins(im2col=reference.im2col, col2im=reference.col2im):
        m, n_H_prev, n_W_prev, n_C_prev, n_C, f, stride, pad = CONV_CASES[0]
        out_shape = (m, _size(n_H_prev, f, stride, pad), _size(n_W_prev, f, stride, pad), n_C)
        cases.fresh_layer_case(student.Conv2D, "Conv2D", (n_C_prev, n_C, f), {"stride": stride, "pad": pad},
                               rng.standard_normal(out_shape), {"W": (f, f, n_C_prev, n_C), "b": (n_C,)})
        for spec in CONV_CASES:
            _conv_case(spec, gradient_check=False)(student.Conv2D, rng)
        for spec in CONV_GRADIENT_CASES:
            on_a_well_posed_draw(rng, _conv_case(spec, gradient_check=True), student.Conv2D, reference.Conv2D)
        cases.instances_case(student.Conv2D, "Conv2D", (1, 2, 3), {"stride": 2, "pad": 1, "seed": 3},
                             rng.standard_normal((2, 5, 4, 1)), rng.standard_normal((2, 3, 2, 2)), ReferenceTruth)
        for spec in TIMED_CONV:
            m, n_H_prev, n_W_prev, n_C_prev, n_C, f, stride, pad = spec
            x = rng.standard_normal((m, n_H_prev, n_W_prev, n_C_prev))
            values = {"W": rng.standard_normal((f, f, n_C_prev, n_C)), "b": rng.standard_normal(n_C)}
            dout = rng.standard_normal((m, _size(n_H_prev, f, stride, pad), _size(n_W_prev, f, stride, pad), n_C))
            _timed_layer(student.Conv2D, "Conv2D", (n_C_prev, n_C, f, stride, pad), {"stride": stride, "pad": pad},
                         values, (x,), (dout,),
                         f"Conv2D({n_C_prev}, {n_C}, f={f}, stride={stride}, pad={pad}), x {x.shape}",
                         _conv_label(spec, x.shape))


# (m, n_H_prev, n_W_prev, n_C_prev, n_C, f, pad): pad 0, one channel, f = 1, non-square, pad = f - 1, f even
INPUT_GRADIENT_CASES = [(2, 6, 5, 3, 2, 3, 0), (1, 5, 7, 1, 3, 3, 1), (2, 4, 6, 2, 2, 1, 0), (1, 6, 6, 2, 4, 3, 2),
                        (2, 5, 4, 2, 3, 2, 1), (1, 7, 5, 3, 1, 4, 1)]


def _input_gradient_case(rng, spec):
    """(dZ, W, pad, label) of one INPUT_GRADIENT_CASES spec, drawn from rng."""
    m, n_H_prev, n_W_prev, n_C_prev, n_C, f, pad = spec
    W = rng.standard_normal((f, f, n_C_prev, n_C))
    dZ = rng.standard_normal((m, _size(n_H_prev, f, 1, pad), _size(n_W_prev, f, 1, pad), n_C))
    return dZ, W, pad, tr("(a hidden test case: A_prev {shape}, W {W_shape}, pad {pad})",
                          shape=(m, n_H_prev, n_W_prev, n_C_prev), W_shape=W.shape, pad=pad)


def test_conv_input_gradient(student, rng):
    with student.stand_ins(im2col=reference.im2col):
        for spec in INPUT_GRADIENT_CASES:
            dZ, W, pad, label = _input_gradient_case(rng, spec)
            cases.conv_input_gradient_case(student.conv_input_gradient, dZ, W, pad, ReferenceTruth, label)
        for spec in TIMED_INPUT_GRADIENT:
            dZ, W, pad, label = _input_gradient_case(rng, spec)
            _timed_function(student.conv_input_gradient, "conv_input_gradient", (dZ, W, pad),
                            f"dZ {dZ.shape}, W {W.shape}, pad {pad}", reference.conv_input_gradient, label)


# --- layers without parameters ----------------------------------------------------------------------------------

def test_ReLU(student, rng):
    cases.fresh_layer_case(student.ReLU, "ReLU", (), {}, rng.standard_normal((3, 2)), {})
    for shape, gradient_check in [((3, 5, 4, 2), False), ((4, 6), True), ((2, 3, 3, 1), True)]:
        def case(ReLU, rng, shape=shape, gradient_check=gradient_check):
            x = rng.standard_normal(shape)
            x[np.abs(x) < 0.05] = -0.5                               # no value within a gradient step of the kink
            cases.relu_case(ReLU, x, [rng.standard_normal(shape), rng.standard_normal(shape)], ReferenceTruth,
                            tr("(a hidden test case: x {shape})", shape=shape), gradient_check=gradient_check)
        on_a_well_posed_draw(rng, case, student.ReLU, reference.ReLU)
    for shape in TIMED_RELU:
        _timed_layer(student.ReLU, "ReLU", (), {}, {}, (rng.standard_normal(shape),), (rng.standard_normal(shape),),
                     f"ReLU, x {shape}", tr("(a hidden test case: x {shape})", shape=shape))


# (x shape, f, stride, tied values)
POOL_CASES = [((2, 6, 8, 3), 2, 2, True), ((1, 7, 5, 2), 3, 2, True), ((2, 5, 5, 1), 2, 1, True),
              ((2, 4, 6, 2), 1, 1, False), ((1, 8, 7, 2), 3, 3, True), ((2, 6, 5, 1), 2, 2, False),
              ((1, 5, 6, 2), 3, 1, False)]


def test_MaxPool2D(student, rng):
    with student.stand_ins(im2col=reference.im2col, col2im=reference.col2im):
        cases.fresh_layer_case(student.MaxPool2D, "MaxPool2D", (3, 2), {}, rng.standard_normal((1, 2, 2, 1)), {})
        for shape, f, stride, ties in POOL_CASES:
            def case(MaxPool2D, rng, shape=shape, f=f, stride=stride, ties=ties):
                x = rng.integers(0, 3, size=shape).astype(float) if ties else cases.spread_values(rng, shape)
                out_shape = (shape[0], _size(shape[1], f, stride, 0), _size(shape[2], f, stride, 0), shape[3])
                cases.maxpool2d_case(MaxPool2D, f, stride, x,
                                     [rng.standard_normal(out_shape), rng.standard_normal(out_shape)], ReferenceTruth,
                                     _pool_label(f, stride, shape, ties), gradient_check=not ties)
            on_a_well_posed_draw(rng, case, student.MaxPool2D, reference.MaxPool2D)
        for shape, f, stride in TIMED_POOL:
            # normal values: a tie within a window is practically impossible
            out_shape = (shape[0], _size(shape[1], f, stride, 0), _size(shape[2], f, stride, 0), shape[3])
            _timed_layer(student.MaxPool2D, "MaxPool2D", (f, stride), {"f": f, "stride": stride}, {},
                         (rng.standard_normal(shape),), (rng.standard_normal(out_shape),),
                         f"MaxPool2D(f={f}, stride={stride}), x {shape}", _pool_label(f, stride, shape, False))


def test_Flatten(student, rng):
    cases.fresh_layer_case(student.Flatten, "Flatten", (), {}, rng.standard_normal((2, 4)), {})
    for shape, gradient_check in [((3, 4, 2, 5), True), ((1, 6, 6, 1), False), ((4, 3, 5), False), ((2, 7), False)]:
        x = rng.standard_normal(shape)
        flat = (shape[0], int(np.prod(shape[1:])))
        cases.flatten_case(student.Flatten, x, [rng.standard_normal(flat), rng.standard_normal(flat)],
                           ReferenceTruth, tr("(a hidden test case: x {shape})", shape=shape),
                           gradient_check=gradient_check)


# --- Dense and the loss ------------------------------------------------------------------------------------------

def test_Dense(student, rng):
    cases.fresh_layer_case(student.Dense, "Dense", (5, 2), {}, rng.standard_normal((3, 2)), {"W": (5, 2), "b": (2,)})
    for m, n_in, n_out, gradient_check in [(6, 5, 3, True), (1, 3, 4, True), (4, 10, 1, False), (3, 7, 7, False)]:
        def case(Dense, rng, m=m, n_in=n_in, n_out=n_out, gradient_check=gradient_check):
            x = rng.standard_normal((m, n_in))
            douts = [rng.standard_normal((m, n_out)), rng.standard_normal((m, n_out))]
            cases.dense_case(Dense, n_in, n_out, x, rng.standard_normal((n_in, n_out)), rng.standard_normal(n_out),
                             douts, ReferenceTruth, tr("(a hidden test case: Dense({n_in}, {n_out}), x {x_shape})",
                                                       n_in=n_in, n_out=n_out, x_shape=x.shape),
                             gradient_check=gradient_check, x2=rng.standard_normal((m, n_in)))
        on_a_well_posed_draw(rng, case, student.Dense, reference.Dense)
    cases.instances_case(student.Dense, "Dense", (4, 3), {"seed": 5}, rng.standard_normal((2, 4)),
                         rng.standard_normal((2, 3)), ReferenceTruth)
    for m, n_in, n_out in TIMED_DENSE:
        values = {"W": rng.standard_normal((n_in, n_out)), "b": rng.standard_normal(n_out)}
        _timed_layer(student.Dense, "Dense", (n_in, n_out), {}, values, (rng.standard_normal((m, n_in)),),
                     (rng.standard_normal((m, n_out)),), f"Dense({n_in}, {n_out}), x {(m, n_in)}",
                     tr("(a hidden test case: Dense({n_in}, {n_out}), x {x_shape})", n_in=n_in, n_out=n_out,
                        x_shape=(m, n_in)))


def test_SoftmaxCrossEntropy(student, rng):
    cases._expect_runtime_error(cases.construct(student.SoftmaxCrossEntropy, "SoftmaxCrossEntropy"),
                                "SoftmaxCrossEntropy")
    for m, K, scale, offset, gradient_check in [(6, 5, 2.0, 0.0, True), (1, 3, 1.0, 0.0, True),
                                                (4, 10, 100.0, 800.0, False), (5, 2, 30.0, -900.0, False)]:
        def case(SoftmaxCrossEntropy, rng, m=m, K=K, scale=scale, offset=offset, gradient_check=gradient_check):
            scores = rng.standard_normal((m, K)) * scale + offset
            y = rng.integers(0, K, size=m)
            cases.softmax_case(SoftmaxCrossEntropy, scores, y, ReferenceTruth,
                               tr("(a hidden test case: {m} examples, {K} classes, scores around {offset:g} with "
                                  "spread {scale:g})", m=m, K=K, offset=offset, scale=scale),
                               gradient_check=gradient_check)
        on_a_well_posed_draw(rng, case, student.SoftmaxCrossEntropy, reference.SoftmaxCrossEntropy)
    for m, K in TIMED_SOFTMAX:
        scores, y = rng.standard_normal((m, K)) * 2.0, rng.integers(0, K, size=m)
        _timed_layer(student.SoftmaxCrossEntropy, "SoftmaxCrossEntropy", (), {}, {}, (scores, y), (),
                     f"SoftmaxCrossEntropy, scores {scores.shape}",
                     tr("(a hidden test case: {m} examples, {K} classes, scores around {offset:g} with spread "
                        "{scale:g})", m=m, K=K, offset=0.0, scale=2.0))


# --- Sequential and SGD ------------------------------------------------------------------------------------------

def _reference_layers(student):
    return student.stand_ins(im2col=reference.im2col, col2im=reference.col2im, Conv2D=reference.Conv2D,
                             ReLU=reference.ReLU, MaxPool2D=reference.MaxPool2D, Flatten=reference.Flatten,
                             Dense=reference.Dense)


def test_Sequential(student, rng):
    with _reference_layers(student):
        conv_net = [(student.Conv2D, "Conv2D", (1, 2, 3, 1, 1, 7)), (student.ReLU, "ReLU", ()),
                    (student.MaxPool2D, "MaxPool2D", (2, 2)), (student.Flatten, "Flatten", ()),
                    (student.Dense, "Dense", (2 * 3 * 2, 4, 8))]
        cases.sequential_case(student.Sequential, conv_net, rng.standard_normal((3, 6, 5, 1)),
                              rng.standard_normal((3, 4)), tr("(a hidden test case: x (3, 6, 5, 1))"))
        square = [(student.Dense, "Dense", (3, 3, 9)), (student.ReLU, "ReLU", ()), (student.Dense, "Dense", (3, 3, 10))]
        cases.sequential_case(student.Sequential, square, rng.standard_normal((4, 3)), rng.standard_normal((4, 3)),
                              tr("(a hidden test case: x (4, 3))"))
        cases.sequential_case(student.Sequential, [(student.ReLU, "ReLU", ())], rng.standard_normal((2, 5)),
                              rng.standard_normal((2, 5)), tr("(a hidden test case: one ReLU)"))


def test_SGD(student, rng):
    with _reference_layers(student):
        layers = cases._build([(student.Conv2D, "Conv2D", (2, 3, 2, 1, 0, 11)), (student.ReLU, "ReLU", ()),
                               (student.Dense, "Dense", (4, 4, 12)), (student.Dense, "Dense", (4, 4, 13))], "SGD")
        cases.sgd_case(student.SGD, layers, ["Conv2D", "ReLU", "Dense", "Dense"], 0.03, 0.8, rng, ReferenceTruth,
                       tr("(a hidden test case: Conv2D, ReLU and two Dense layers, lr 0.03, momentum 0.8)"), steps=4)
        other = cases._build([(student.Dense, "Dense", (2, 3, 14))], "SGD")
        cases.sgd_case(student.SGD, other, ["Dense"], 0.2, 0.0, rng, ReferenceTruth,
                       tr("(a hidden test case: a second optimizer, lr 0.2, momentum 0)"), steps=2)
