"""Visible checks of notebook 6, "Layers as objects": im2col, col2im, the input gradient as a full convolution, the
layer classes (Conv2D, ReLU, MaxPool2D, Flatten, Dense, SoftmaxCrossEntropy), Sequential and SGD with momentum.

How the checks treat the student's code (docs/authoring.md): a class is only called (to make an instance), an
instance only through its methods (`forward`, `backward`, `set_params`, `step`) and by reading its attributes
(`params`, `grads`, `layers`), with plain arrays in and out. Identity questions (is a parameter updated in place? do
two layers share a dict?) go through `object_id`. So the same check runs on a notebook's own classes and, when a
notebook is graded, on proxies of the objects in the grading kernel.

Expected values come from a correct implementation: `CourseTruth` computes them with `cnn_utils.layers` (imported
inside the functions, never at module level; im2col and col2im are a convolution with identity filters and its input
gradient) and, for the loss, the softmax formula written out. The case functions (`im2col_case`, `layer_case`, ...)
take the truth as an argument: the hidden tests run them with the instructor's reference instead.

Graded alone: Conv2D and MaxPool2D call the student's im2col and col2im, conv_input_gradient calls im2col, and the
checks of Sequential and SGD need the student's Dense and ReLU to build a network. When one of those helpers is
wrong (or not written) on the check's inputs, a failure may not be the checked exercise's fault: the check then says
so, and is not counted as passed or failed ("not checked"). The hidden tests give the exercise correct helpers.
"""

import copy

import numpy as np

from ..i18n import tr
from . import core
from .core import (
    CheckFailure,
    NotChecked,
    NotImplementedYet,
    assert_close,
    assert_gradients_match,
    assert_shape,
    call,
    exercise_check,
    fail,
    object_id,
    passed,
    plain_array,
)

# --- where the expected values come from ----------------------------------------------------------------------

class CourseTruth:
    """Expected values from cnn_utils.layers (the course's layer library), for the visible checks."""

    @staticmethod
    def unfold(x, f, stride, pad):
        """Every window of x as a row, in the course's order (what im2col returns)."""
        # A convolution with one "identity" filter per window entry copies each window into a row, in (p, q, c) order.
        from ..layers import conv2d_forward
        n_C = x.shape[3]
        size = f * f * n_C
        out, _ = conv2d_forward(np.asarray(x, dtype=float), np.eye(size).reshape(f, f, n_C, size), np.zeros(size),
                                stride, pad)
        return out.reshape(-1, size)

    @staticmethod
    def fold(cols, x_shape, f, stride, pad):
        """The rows added back into their windows (what col2im returns)."""
        # The input gradient of that same convolution adds each row back into its window: the adjoint of im2col.
        from ..layers import conv2d_backward, conv2d_forward
        n_C = x_shape[3]
        size = f * f * n_C
        out, cache = conv2d_forward(np.zeros(x_shape), np.eye(size).reshape(f, f, n_C, size), np.zeros(size),
                                    stride, pad)
        dx, _, _ = conv2d_backward(np.asarray(cols, dtype=float).reshape(out.shape), cache)
        return dx

    @staticmethod
    def conv_input_gradient(dZ, W, pad):
        from ..layers import conv2d_backward, conv2d_forward
        m, n_H, n_W, n_C = dZ.shape
        f, _, n_C_prev, _ = W.shape
        x_shape = (m, n_H + f - 1 - 2 * pad, n_W + f - 1 - 2 * pad, n_C_prev)
        _, cache = conv2d_forward(np.zeros(x_shape), W, np.zeros(n_C), 1, pad)
        return conv2d_backward(dZ, cache)[0]

    @staticmethod
    def layer(kind, hyper, params, x, dout=None):
        """(out, dx, grads) of one layer; dx and grads are None when dout is None."""
        from .. import layers as L
        if kind == "Conv2D":
            out, cache = L.conv2d_forward(x, params["W"], params["b"], hyper["stride"], hyper["pad"])
            if dout is None:
                return out, None, None
            dx, dW, db = L.conv2d_backward(dout, cache)
            return out, dx, {"W": dW, "b": db}
        if kind == "Dense":
            out, cache = L.affine_forward(x, params["W"], params["b"])
            if dout is None:
                return out, None, None
            dx, dW, db = L.affine_backward(dout, cache)
            return out, dx, {"W": dW, "b": db}
        forward, backward, args = {
            "ReLU": (L.relu_forward, L.relu_backward, ()),
            "MaxPool2D": (L.maxpool_forward, L.maxpool_backward, (hyper.get("f"), hyper.get("stride"))),
            "Flatten": (L.flatten_forward, L.flatten_backward, ()),
        }[kind]
        out, cache = forward(x, *args)
        if dout is None:
            return out, None, None
        return out, backward(dout, cache), {}

    @staticmethod
    def softmax_cross_entropy(scores, y):
        """(loss, dscores) for dout = 1: the mean of -log softmax(scores)[i, y_i], and (softmax - one_hot) / m."""
        m = scores.shape[0]
        y = np.asarray(y).reshape(-1)
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        dscores = np.exp(log_probs)
        dscores[np.arange(m), y] -= 1
        return float(-log_probs[np.arange(m), y].mean()), dscores / m

    @staticmethod
    def sgd_step(params, grads, state, lr, momentum):
        """One step of SGD with momentum on copies: returns the new params (dict), state updated in place."""
        from ..layers import sgd_momentum
        new = {name: np.array(value, dtype=float) for name, value in params.items()}
        sgd_momentum(new, grads, state, lr=lr, momentum=momentum)
        return new


# --- calling the student's code --------------------------------------------------------------------------------

def _student_call(function, *args, name, context="", **kwargs):
    """checks.call, with an exception of the student's code turned into a failure that names the case."""
    try:
        return call(function, *args, name=name, **kwargs)
    except (CheckFailure, NotImplementedError):
        raise
    except Exception as error:
        where = f" {context}" if context else ""
        raise CheckFailure(f"{_raised(error, name)}{where}.") from error


def _raised(error, label):
    """What the student's code raised, in words (with the notebook line when the grader knows it)."""
    describe = getattr(error, "describe", None)
    if callable(describe):
        return describe(label)
    return tr("{label} raised {error_type}: {error}", label=label, error_type=type(error).__name__, error=error)


def _is_runtime_error(error):
    if isinstance(error, NotImplementedError):
        return False
    return (isinstance(error, RuntimeError) or type(error).__name__ == "RuntimeError"
            or getattr(error, "ename", None) == "RuntimeError")


def method(obj, name, owner, *args, context="", hints=(), **kwargs):
    """Call obj.<name>(*args, **kwargs) as every check does (checks.call: arguments copied, in-place changes caught).

    An exception other than NotImplementedError becomes a failure that names the call, the case and the hints.
    """
    label = f"{owner}.{name}"
    try:
        bound = getattr(obj, name)
    except AttributeError:
        fail(tr("{owner} has no method `{name}`. Keep the class's methods as the exercise defines them.",
                owner=owner, name=name))
    try:
        return call(bound, *args, name=label, **kwargs)
    except (CheckFailure, NotImplementedYet):
        raise
    except NotImplementedError as error:
        raise NotImplementedYet(tr("{label} is not written yet: replace `raise NotImplementedError()` with your "
                                   "code, then run this cell again.", label=label)) from error
    except Exception as error:
        where = f" {context}" if context else ""
        message = f"{_raised(error, label)}{where}."
        message += "".join(f" Hint: {hint}" for hint in hints)
        raise CheckFailure(message) from error


def construct(cls, owner, *args, **kwargs):
    """Make an instance of the student's class (arguments passed as they are: they may be other instances)."""
    if not callable(cls):
        fail(tr("{owner} should be a class, but it is {described}. Did you overwrite it with a value?",
                owner=owner, described=core.describe(cls)))
    shown = ", ".join([repr(a) if not isinstance(a, (list, tuple)) else tr("[{count} layers]", count=len(a))
                       for a in args]
                      + [f"{k}={v!r}" for k, v in kwargs.items()])
    try:
        return cls(*args, **kwargs)
    except NotImplementedError as error:
        raise NotImplementedYet(tr("{owner}.__init__ is not written yet: replace `raise NotImplementedError()` with "
                                   "your code, then run this cell again.", owner=owner)) from error
    except CheckFailure:
        raise
    except Exception as error:
        raise CheckFailure(_raised(error, f"{owner}({shown})") + ".") from error


def read_dict(obj, attribute, owner):
    """obj.<attribute> as a plain dict of float64 copies (the student's own dict is never touched)."""
    try:
        value = getattr(obj, attribute)
    except AttributeError:
        fail(tr("{owner} has no attribute `{attribute}`. Every layer keeps `self.{attribute}`, a dict created in "
                "Layer.__init__: does your __init__ call `super().__init__()` first?",
                owner=owner, attribute=attribute))
    if not isinstance(value, dict):
        fail(tr("{owner}.{attribute} should be a dict of arrays, but it is {described}.",
                owner=owner, attribute=attribute, described=core.describe(value)))
    return {key: plain_array(item, f"{owner}.{attribute}[{key!r}]") for key, item in value.items()}


def _expect_runtime_error(layer, owner, *args):
    """backward on a layer whose forward never ran must raise RuntimeError."""
    try:
        bound = layer.backward
    except AttributeError:
        fail(tr("{owner} has no method `backward`.", owner=owner))
    try:
        bound(*copy.deepcopy(args))
    except NotImplementedError as error:
        raise NotImplementedYet(tr("{owner}.backward is not written yet: replace `raise NotImplementedError()` with "
                                   "your code, then run this cell again.", owner=owner)) from error
    except Exception as error:
        if _is_runtime_error(error):
            return
        raised = getattr(error, "type_name", type(error).__name__)
        fail(tr("{owner}.backward, called on a new {owner} whose forward never ran, raised {raised} ({error}). "
                "Nothing is cached yet, so backward cannot work: check `self.cache is None` first and raise a "
                "RuntimeError whose message says that forward must run before backward.",
                owner=owner, raised=raised, error=error))
    fail(tr("{owner}.backward, called on a new {owner} whose forward never ran, returned a result instead of "
            "raising an error. Nothing is cached yet, so any result is made up: raise a RuntimeError that says that "
            "forward must run before backward.", owner=owner))


def _skip_unless_helpers_right(error, probes, exercise):
    """After a failure: when a helper (an earlier exercise) is wrong on the check's inputs, raise NotChecked instead."""
    for helper, probe in probes:
        reason = probe()
        if reason:
            raise NotChecked(tr("{helper} {reason}, and your {exercise} runs with your {helper} here, so this failure "
                             "may come from {helper}: {failure} Make {helper}'s check pass, then "
                             "run this cell again. (When graded, {exercise} is checked with a correct {helper}.)",
                             helper=helper, reason=reason, exercise=exercise,
                             failure=str(error).splitlines()[0][:200])
                          ) from error


def _probe(function, name, args, expected):
    """A probe for _skip_unless_helpers_right: None when function(*args) gives expected, else the reason."""
    def probe():
        try:
            got = _student_call(function, *args, name=name)
            got = np.array(got, dtype=float)
        except NotImplementedError:
            return tr("is not written yet")
        except Exception as error:
            return tr("raises {error_type} on this check's inputs", error_type=type(error).__name__)
        if got.shape != expected.shape or not np.allclose(got, expected, rtol=1e-6, atol=1e-9):
            return tr("gives wrong results on this check's inputs")
        return None
    return probe


def _conv_size(n, f, stride, pad):
    return (n + 2 * pad - f) // stride + 1


# --- im2col and col2im -----------------------------------------------------------------------------------------

def im2col_case(im2col, x, f, stride, pad, truth, label):
    """Check im2col(x, f, stride, pad) element by element, and the identity <im2col(x), y> = <x, col2im(y)>."""
    m, n_H_prev, n_W_prev, n_C = x.shape
    n_H, n_W = _conv_size(n_H_prev, f, stride, pad), _conv_size(n_W_prev, f, stride, pad)
    rows, size = m * n_H * n_W, f * f * n_C
    expected = truth.unfold(x, f, stride, pad)
    name = f"im2col(x, f={f}, stride={stride}, pad={pad})"
    got = _student_call(im2col, x, f, stride, pad, name="im2col", context=label)
    assert_shape(got, (rows, size), f"{name} {label}", hints=[
        ((size, rows), tr("this is the transpose: one ROW per window (m * n_H * n_W rows), one column per window "
                          "entry.")),
        ((m, n_H, n_W, f, f, n_C), tr("reshape the windows to a 2-D matrix, (m * n_H * n_W, f * f * n_C).")),
        ((m * _conv_size(n_H_prev, f, 1, pad) * _conv_size(n_W_prev, f, 1, pad), size),
         tr("this is the number of windows with stride 1: the window of output (h, w) starts at row h * stride.")),
        ((m * _conv_size(n_H_prev, f, stride, 0) * _conv_size(n_W_prev, f, stride, 0), size),
         tr("this is the number of windows without padding: pad x first.")),
    ])
    as6 = expected.reshape(m, n_H, n_W, f, f, n_C)
    step_one = truth.unfold(x, f, 1, pad).reshape(m, _conv_size(n_H_prev, f, 1, pad), _conv_size(n_W_prev, f, 1, pad),
                                                  size)[:, :n_H, :n_W].reshape(rows, size)
    assert_close(got, expected, name, context=label, hints=[
        (lambda g: stride > 1 and np.allclose(g, step_one), tr("these are the windows of stride 1: the window of "
                                                               "output (h, w) starts at row h * stride and column w "
                                                               "* stride, so the slice of offset (p, q) steps by "
                                                               "the stride, x_pad[:, p : p + stride * n_H : stride, "
                                                               "...].")),
        (lambda g: np.allclose(g, as6.transpose(0, 1, 2, 5, 3, 4).reshape(rows, size)),
         tr("the columns are in (c, p, q) order, channel first; the course's order is (p, q, c), the order of "
            "W.reshape(f * f * n_C_prev, n_C) for filters of shape (f, f, n_C_prev, n_C).")),
        (lambda g: np.allclose(g, as6.transpose(0, 1, 2, 4, 3, 5).reshape(rows, size)),
         tr("each window is transposed: its rows (p) must come first, then its columns (q).")),
        (lambda g: np.allclose(g, as6.transpose(0, 2, 1, 3, 4, 5).reshape(rows, size)),
         tr("the rows are in the wrong order: row (i * n_H + h) * n_W + w holds window (h, w) of example i, so the "
            "output column w changes fastest, then the output row h, then the example i.")),
        (lambda g: np.allclose(g, 0), tr("every value is 0: did you fill a new array with the windows?")),
    ])


def col2im_case(col2im, cols, x_shape, f, stride, pad, truth, label, x=None):
    """Check col2im(cols, x_shape, f, stride, pad) element by element, and the adjoint identity with a random x."""
    m, n_H_prev, n_W_prev, n_C = x_shape
    name = f"col2im(cols, x_shape, f={f}, stride={stride}, pad={pad})"
    expected = truth.fold(cols, x_shape, f, stride, pad)
    got = _student_call(col2im, cols, tuple(x_shape), f, stride, pad, name="col2im", context=label)
    padded = (m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C)
    assert_shape(got, x_shape, f"{name} {label}", hints=[
        (padded, tr("this is the padded shape: crop the padding, x_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, "
                    ":].")),
        ((m, 0, 0, n_C), tr("x_pad[:, pad:-pad, pad:-pad, :] is empty when pad = 0 (-0 is 0): crop with pad:pad + "
                            "n_H_prev and pad:pad + n_W_prev.")),
    ])
    counts = truth.fold(np.ones_like(cols), x_shape, f, stride, pad)
    assigned = _col2im_assigned(cols, x_shape, f, stride, pad)
    assert_close(got, expected, name, context=label, hints=[
        (lambda g: np.allclose(g, assigned), tr("a pixel that lies in several windows must receive the SUM of their "
                                                "entries: add (+=), do not assign (=).")),
        (lambda g: np.allclose(g, np.where(counts > 0, expected / np.maximum(counts, 1), 0)),
         tr("this is the average of the windows' entries: col2im adds them (it is the adjoint of im2col, not its "
            "inverse).")),
    ])
    rng = np.random.default_rng(int(np.prod(x_shape)) + f)
    x = rng.standard_normal(x_shape) if x is None else x
    left = float(np.sum(truth.unfold(x, f, stride, pad) * cols))
    right = float(np.sum(x * plain_array(got, name)))
    if not np.isclose(left, right, rtol=1e-8, atol=1e-8):
        fail(tr("{name} is not the adjoint of im2col {label}: <im2col(x), cols> = {left:.10g} but <x, col2im(cols)> "
                "= {right:.10g}.", name=name, label=label, left=left, right=right))


def _col2im_assigned(cols, x_shape, f, stride, pad):
    """The classic wrong col2im: windows written with = instead of +=, offset by offset."""
    m, n_H_prev, n_W_prev, n_C = x_shape
    n_H, n_W = _conv_size(n_H_prev, f, stride, pad), _conv_size(n_W_prev, f, stride, pad)
    windows = np.asarray(cols, dtype=float).reshape(m, n_H, n_W, f, f, n_C)
    x_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C))
    for p in range(f):
        for q in range(f):
            x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :] = windows[:, :, :, p, q, :]
    return x_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]


@exercise_check("im2col")
def check_im2col(im2col):
    rng = np.random.default_rng(1)
    cases = [((2, 5, 7, 3), 3, 2, 1), ((1, 4, 4, 2), 2, 1, 0), ((2, 3, 5, 1), 1, 2, 0)]
    for shape, f, stride, pad in cases:
        x = rng.standard_normal(shape)
        im2col_case(im2col, x, f, stride, pad, CourseTruth, f"(x {shape}, f {f}, stride {stride}, pad {pad})")
    passed(tr("im2col: every row is the right window, in (p, q, c) order, for stride 2 with pad 1, overlapping "
              "windows (f 2, stride 1), and f 1 with stride 2 on a non-square image."))


@exercise_check("col2im")
def check_col2im(col2im):
    rng = np.random.default_rng(2)
    cases = [((2, 5, 7, 3), 3, 2, 1), ((1, 4, 4, 2), 2, 1, 0), ((2, 6, 5, 1), 2, 2, 0)]
    for shape, f, stride, pad in cases:
        n_H, n_W = _conv_size(shape[1], f, stride, pad), _conv_size(shape[2], f, stride, pad)
        cols = rng.standard_normal((shape[0] * n_H * n_W, f * f * shape[3]))
        col2im_case(col2im, cols, shape, f, stride, pad, CourseTruth,
                    f"(x_shape {shape}, f {f}, stride {stride}, pad {pad})")
    passed(tr("col2im: overlapping windows add up, the padding is cropped, pixels in no window get 0, and "
              "<im2col(x), y> = <x, col2im(y)> holds (stride 2 with pad 1, f 2 with stride 1, a column no window "
              "reaches)."))


# --- layers: the shared case -----------------------------------------------------------------------------------

def fresh_layer_case(cls, kind, args, kwargs, dout, param_shapes):
    """A new layer: params and grads are dicts (params of the announced shapes, grads empty), and backward before
    forward raises RuntimeError."""
    layer = construct(cls, kind, *args, **kwargs)
    params = read_dict(layer, "params", kind)
    if sorted(params) != sorted(param_shapes):
        fail(tr("A new {kind}'s params has the keys {sorted_params}; expected {expected}.",
                kind=kind, sorted_params=sorted(params), expected=sorted(param_shapes)))
    for key, shape in param_shapes.items():
        assert_shape(params[key], shape, f"{kind}.params[{key!r}]")
    grads = read_dict(layer, "grads", kind)
    for key, value in grads.items():   # empty until backward runs, or zeros made in advance: both are fine
        if key not in param_shapes or value.shape != tuple(param_shapes[key]):
            fail(tr("A new {kind}'s grads holds {key!r} of shape {value_shape}; grads has the names and shapes of "
                    "params, {shapes}. Are params and grads shared with another instance (a class "
                    "attribute or a default argument)?",
                    kind=kind, key=key, value_shape=value.shape, shapes=dict(param_shapes)))
    _expect_runtime_error(layer, kind, dout)
    return layer


def layer_case(cls, kind, args, kwargs, hyper, x, douts, truth, label, values=None, x2=None, hints=None,
               gradient_check=False):
    """One layer checked end to end.

    Arguments:
    cls -- the student's class; kind -- its name ("Conv2D", ...); args, kwargs -- the constructor's arguments
    hyper -- {"stride", "pad"} or {"f", "stride"}: what the truth needs besides params
    x -- the input; douts -- two upstream gradients, for two forward/backward steps (x2 the second step's input,
         x when None)
    truth -- CourseTruth or the reference's; label -- the case in words
    values -- when given, {name: array} passed to set_params before the forward pass
    hints -- optional function(stage, params, x, dout) -> list of (predicate, message) for assert_close
    gradient_check -- also compare the gradients with centred differences of the truth's forward
    """
    x2 = x if x2 is None else x2
    hints = hints or (lambda *a: [])
    layer = construct(cls, kind, *args, **kwargs)
    if values:
        method(layer, "set_params", kind, context=label, **values)
    params = read_dict(layer, "params", kind)
    if values:
        for key, value in values.items():
            if key not in params or params[key].shape != np.shape(value) or not np.allclose(params[key], value):
                fail(tr("After {kind}.set_params({key}=...), {kind}.params[{key!r}] does not hold the given values. "
                        "Keep the Layer base class's set_params (and create params in __init__ with the announced "
                        "shapes).", kind=kind, key=key))
    where = f"{label}"
    out = method(layer, "forward", kind, x, context=tr("on x of shape {x_shape} {where}", x_shape=x.shape, where=where))
    expected_out, _, _ = truth.layer(kind, hyper, params, x)
    assert_shape(out, expected_out.shape, f"{kind}.forward(x) {where}", hints=hints("shape", params, x, None))
    assert_close(out, expected_out, f"{kind}.forward(x)", context=where, hints=hints("forward", params, x, None))

    step_grads = []
    for step, (x_step, dout) in enumerate(((x, douts[0]), (x2, douts[1]))):
        if step:
            method(layer, "forward", kind, x_step, context=tr("on x of shape {shape} {where}",
                                                              shape=x_step.shape, where=where))
        dx = method(layer, "backward", kind, dout, context=tr("on dout of shape {dout_shape} {where}",
                                                              dout_shape=dout.shape, where=where))
        _, expected_dx, expected_grads = truth.layer(kind, hyper, params, x_step, dout)
        which = "" if not step else tr(" (second forward/backward step)")
        assert_shape(dx, x_step.shape, f"{kind}.backward(dout){which} {where}", hints=[
            (np.shape(dout), tr("backward returns the gradient with respect to the layer's INPUT: it has x's shape."))])
        assert_close(dx, expected_dx, f"{kind}.backward(dout){which}", context=where,
                     hints=hints("backward", params, x_step, dout))
        grads = read_dict(layer, "grads", kind)
        if sorted(grads) != sorted(expected_grads):
            missing = sorted(set(expected_grads) - set(grads))
            if missing:
                fail(tr("After {kind}.backward{which} {where}, grads has the keys {keys}; expected {expected}, one per "
                        "parameter (missing: {missing}). backward fills self.grads[name] for every name in "
                        "self.params.", kind=kind, which=which, where=where, keys=sorted(grads),
                        expected=sorted(expected_grads), missing=missing))
            fail(tr("After {kind}.backward{which} {where}, grads has the keys {keys}; expected {expected}, one per "
                    "parameter. backward fills self.grads[name] for every name in self.params.", kind=kind,
                    which=which, where=where, keys=sorted(grads), expected=sorted(expected_grads)))
        for key, expected in expected_grads.items():
            assert_shape(grads[key], expected.shape, f"{kind}.grads[{key!r}]{which} {where}", hints=[
                ((x_step.shape[0],) + expected.shape, tr("sum over the examples (axis 0) too.")),
            ])
            extra = []
            if step:
                before = step_grads[0][key]
                extra.append((lambda g, s=before + expected: np.allclose(g, s),
                              tr("this is the sum of this step's gradient and the previous step's: backward must "
                                 "OVERWRITE grads (self.grads[name] = ...), not add to them. The optimizer reads "
                                 "the gradient of the last mini-batch only.")))
            assert_close(grads[key], expected, f"{kind}.grads[{key!r}]{which}", context=where,
                         hints=extra + hints(f"grad_{key}", params, x_step, dout))
        step_grads.append(expected_grads)

    if gradient_check:
        inputs = {"x": np.array(x2, dtype=float)}
        inputs.update({key: np.array(value) for key, value in params.items()})
        gradients = {"x": dx}
        gradients.update(grads)

        def forward(x, **p):
            return truth.layer(kind, hyper, p, x)[0]

        assert_gradients_match(gradients, forward, inputs, douts[1], tr("{kind}, gradient check, {label}",
                                                                        kind=kind, label=label))
    return layer


def instances_case(cls, kind, args, kwargs, x, dout, truth):
    """Two instances share no dict and no array: set_params, forward and backward on one leave the other as it was."""
    first = construct(cls, kind, *args, **kwargs)
    second = construct(cls, kind, *args, **kwargs)
    for attribute in ("params", "grads"):
        if object_id(first, attribute) == object_id(second, attribute):
            fail(tr("Two {kind} layers share the same {attribute} dict: what one stores, the other sees. Create it "
                    "in __init__ (`self.{attribute} = {{}}`, which Layer.__init__ does), not as a class attribute "
                    "or a default argument.", kind=kind, attribute=attribute))
    before = read_dict(second, "params", kind)
    grads_before = read_dict(second, "grads", kind)
    for key in before:
        if object_id(first, "params", key) == object_id(second, "params", key):
            fail(tr("Two {kind} layers share the same params[{key!r}] array: an update of one would change both. "
                    "Create a new array in __init__ for every instance.", kind=kind, key=key))
    if before:
        changed = {key: value + 1.0 for key, value in read_dict(first, "params", kind).items()}
        method(first, "set_params", kind, **changed)
    method(first, "forward", kind, x)
    method(first, "backward", kind, dout)
    after = read_dict(second, "params", kind)
    for key, value in before.items():
        if not np.array_equal(after[key], value):
            fail(tr("Changing the parameters of one {kind} changed another {kind}'s params[{key!r}]: the two share "
                    "their arrays. Create new arrays in __init__ for every instance.", kind=kind, key=key))
    grads_after = read_dict(second, "grads", kind)
    if sorted(grads_after) != sorted(grads_before) or any(not np.array_equal(grads_after[k], grads_before[k])
                                                          for k in grads_before):
        fail(tr("A backward pass of one {kind} changed another {kind}'s grads: the two share their gradients. "
                "Create them in __init__ for every instance (Layer.__init__ makes a new dict), not as a class "
                "attribute.", kind=kind))


# --- Conv2D ----------------------------------------------------------------------------------------------------

def _conv_hints(hyper, truth):
    def hints(stage, params, x, dout):
        W, b = params["W"], params["b"]
        if stage == "shape":
            m, n_H_prev, n_W_prev, _ = x.shape
            f, n_C = W.shape[0], W.shape[3]
            s, p = hyper["stride"], hyper["pad"]
            return [
                ((m, _conv_size(n_H_prev, f, 1, p), _conv_size(n_W_prev, f, 1, p), n_C),
                 tr("this is the output size with stride 1: pass self.stride to im2col.")),
                ((m, _conv_size(n_H_prev, f, s, 0), _conv_size(n_W_prev, f, s, 0), n_C),
                 tr("this is the output size without padding: pass self.pad to im2col.")),
            ]
        if stage == "forward":
            no_bias = truth.layer("Conv2D", hyper, {"W": W, "b": 0 * b}, x)[0]
            transposed = truth.layer("Conv2D", hyper, {"W": W.transpose(1, 0, 2, 3), "b": b}, x)[0]
            return [
                (lambda g: np.allclose(g, no_bias), tr("the bias is missing: add params['b'] (one number per "
                                                       "filter) to every output position.")),
                (lambda g: np.allclose(g, transposed), tr("this is the convolution with every filter transposed: "
                                                          "W.reshape(f * f * n_C_prev, n_C) lists the filter's "
                                                          "entries in (p, q, c) order, as im2col's columns; do not "
                                                          "transpose W's first two axes.")),
            ]
        if stage == "grad_b":
            m = x.shape[0]
            total = dout.reshape(-1, dout.shape[-1]).sum(axis=0)
            return [
                (lambda g: np.allclose(g, 0), tr("db is all zeros: the bias gradient is dout summed over the "
                                                 "examples, the height and the width (one number per filter).")),
                (lambda g: np.allclose(g, total / m), tr("db was divided by m: a layer's backward sums over the "
                                                         "examples; the loss takes care of the average.")),
                (lambda g: np.allclose(g, total / (dout.size / dout.shape[-1])), tr("db is a mean; it is a sum.")),
            ]
        if stage == "grad_W":
            m = x.shape[0]
            expected = truth.layer("Conv2D", hyper, params, x, dout)[2]["W"]
            return [
                (lambda g: np.allclose(g, expected / m), tr("dW was divided by m: a layer's backward sums over the "
                                                            "examples; the loss takes care of the average.")),
                (lambda g: np.allclose(g, expected.transpose(1, 0, 2, 3)), tr("dW's first two axes are swapped: "
                                                                              "reshape cols.T @ dout2 to W's shape "
                                                                              "(f, f, n_C_prev, n_C) directly.")),
            ]
        return []
    return hints


def conv2d_case(Conv2D, n_C_prev, n_C, f, stride, pad, x, W, b, douts, truth, label, gradient_check=False):
    hyper = {"stride": stride, "pad": pad}
    layer_case(Conv2D, "Conv2D", (n_C_prev, n_C, f), {"stride": stride, "pad": pad, "seed": 0}, hyper, x, douts,
               truth, label, values={"W": W, "b": b}, hints=_conv_hints(hyper, truth), gradient_check=gradient_check)


def _conv_probes(im2col, col2im, cases, truth):
    probes = []
    for shape, f, stride, pad in cases:
        x = np.random.default_rng(99).standard_normal(shape)
        probes.append(("im2col", _probe(im2col, "im2col", (x, f, stride, pad), truth.unfold(x, f, stride, pad))))
        if col2im is not None:
            cols = truth.unfold(x, f, stride, pad)
            probes.append(("col2im", _probe(col2im, "col2im", (cols, shape, f, stride, pad),
                                            truth.fold(cols, shape, f, stride, pad))))
    return probes


@exercise_check("Conv2D")
def check_conv2d(Conv2D, im2col, col2im):
    """Conv2D forward and backward against cnn_utils.layers; im2col and col2im are the student's, which Conv2D uses."""
    rng = np.random.default_rng(3)
    cases = [(2, 5, 7, 3, 4, 3, 2, 1), (2, 4, 5, 2, 3, 2, 1, 0), (1, 3, 4, 2, 2, 2, 2, 1)]
    try:
        for k, (m, n_H_prev, n_W_prev, n_C_prev, n_C, f, stride, pad) in enumerate(cases):
            shape = (m, n_H_prev, n_W_prev, n_C_prev)
            label = f"(Conv2D({n_C_prev}, {n_C}, f={f}, stride={stride}, pad={pad}), x {shape})"
            x = rng.standard_normal((m, n_H_prev, n_W_prev, n_C_prev))
            W = rng.standard_normal((f, f, n_C_prev, n_C))
            b = rng.standard_normal(n_C)
            out_shape = (m, _conv_size(n_H_prev, f, stride, pad), _conv_size(n_W_prev, f, stride, pad), n_C)
            douts = [rng.standard_normal(out_shape), rng.standard_normal(out_shape)]
            if k == 0:
                fresh_layer_case(Conv2D, "Conv2D", (n_C_prev, n_C, f), {"stride": stride, "pad": pad}, douts[0],
                                 {"W": (f, f, n_C_prev, n_C), "b": (n_C,)})
            conv2d_case(Conv2D, n_C_prev, n_C, f, stride, pad, x, W, b, douts, CourseTruth, label,
                        gradient_check=k == len(cases) - 1)
        instances_case(Conv2D, "Conv2D", (2, 3, 2), {"stride": 1, "pad": 0, "seed": 0},
                       rng.standard_normal((1, 3, 3, 2)), rng.standard_normal((1, 2, 2, 3)), CourseTruth)
    except (CheckFailure, NotImplementedYet) as error:
        shapes = [((c[0], c[1], c[2], c[3]), c[5], c[6], c[7]) for c in cases]
        _skip_unless_helpers_right(error, _conv_probes(im2col, col2im, shapes, CourseTruth), "Conv2D")
        raise
    passed(tr("Conv2D: forward, dx, dW and db match the course's convolution (stride 2 with pad 1, overlapping 2x2 "
              "windows, stride 2 with pad 1 on a small image), the gradients pass a numeric gradient check, a "
              "second step overwrites grads, backward before forward raises RuntimeError, and two layers share no "
              "arrays."))


# --- the input gradient as a full convolution -------------------------------------------------------------------

def conv_input_gradient_case(conv_input_gradient, dZ, W, pad, truth, label):
    m, n_H, n_W, n_C = dZ.shape
    f, _, n_C_prev, _ = W.shape
    name = f"conv_input_gradient(dZ, W, pad={pad})"
    expected = truth.conv_input_gradient(dZ, W, pad)
    got = _student_call(conv_input_gradient, dZ, W, pad, name="conv_input_gradient", context=label)
    assert_shape(got, expected.shape, f"{name} {label}", hints=[
        ((m, n_H + f - 1, n_W + f - 1, n_C_prev), tr("this is the size with pad = 0 in the forward pass: dZ gets f "
                                                     "- 1 - pad zeros on each side, not f - 1.")),
        ((m, n_H + f - 1 - 2 * pad, n_W + f - 1 - 2 * pad, n_C), tr("the last axis of dA_prev has n_C_prev entries: "
                                                                    "swap the rotated filters' channel axes, W_rot "
                                                                    "= W[::-1, ::-1].transpose(0, 1, 3, 2).")),
    ])
    unrotated = truth.conv_input_gradient(dZ, W[::-1, ::-1], pad)
    not_swapped = (truth.unfold(dZ, f, 1, f - 1 - pad) @ W[::-1, ::-1].reshape(f * f * n_C, n_C_prev)).reshape(
        expected.shape)
    assert_close(got, expected, name, context=label, hints=[
        (lambda g: np.allclose(g, unrotated), tr("the filters are not rotated: W[::-1, ::-1] turns each f x f "
                                                 "filter by 180 degrees.")),
        (lambda g: np.allclose(g, not_swapped), tr("the rotated filters' channel axes are not swapped: in the "
                                                   "backward pass the forward's n_C output channels are the inputs, "
                                                   "so use W[::-1, ::-1].transpose(0, 1, 3, 2), of shape (f, f, "
                                                   "n_C, n_C_prev), before the reshape.")),
    ])


@exercise_check("conv_input_gradient")
def check_conv_input_gradient(conv_input_gradient, im2col):
    rng = np.random.default_rng(4)
    cases = [(2, 5, 6, 2, 3, 3, 1), (1, 4, 4, 3, 2, 2, 0), (2, 6, 5, 1, 2, 3, 2)]
    try:
        for m, n_H_prev, n_W_prev, n_C_prev, n_C, f, pad in cases:
            W = rng.standard_normal((f, f, n_C_prev, n_C))
            dZ = rng.standard_normal((m, _conv_size(n_H_prev, f, 1, pad), _conv_size(n_W_prev, f, 1, pad), n_C))
            conv_input_gradient_case(conv_input_gradient, dZ, W, pad, CourseTruth,
                                     f"(A_prev {(m, n_H_prev, n_W_prev, n_C_prev)}, f {f}, pad {pad})")
    except (CheckFailure, NotImplementedYet) as error:
        probes = []
        for m, n_H_prev, n_W_prev, _, n_C, f, pad in cases:
            shape = (m, _conv_size(n_H_prev, f, 1, pad), _conv_size(n_W_prev, f, 1, pad), n_C)
            probes += _conv_probes(im2col, None, [(shape, f, 1, f - 1 - pad)], CourseTruth)
        _skip_unless_helpers_right(error, probes, "conv_input_gradient")
        raise
    passed(tr("conv_input_gradient: the full convolution of dZ with the rotated filters equals the convolution's "
              "dA_prev (pad 1, pad 0 with 2x2 filters, pad 2 with one input channel)."))


# --- ReLU, MaxPool2D, Flatten ----------------------------------------------------------------------------------

def _relu_hints(stage, params, x, dout):
    if stage == "forward":
        return [(lambda g: np.allclose(g, x > 0), tr("forward returned the mask x > 0; return max(x, 0) and keep "
                                                     "the mask in the cache."))]
    if stage == "backward":
        return [
            (lambda g: np.allclose(g, np.maximum(dout, 0)), tr("this is ReLU applied to dout: the mask comes from "
                                                               "the forward pass's INPUT x (kept in the cache), not "
                                                               "from the sign of dout.")),
            (lambda g: np.allclose(g, dout * np.maximum(x, 0)), tr("this is dout times the forward's output: "
                                                                   "multiply by the mask x > 0 (0 or 1), not by the "
                                                                   "output values.")),
            (lambda g: np.allclose(g, dout), tr("dout came back unchanged: where x <= 0 the gradient is 0.")),
        ]
    return []


def relu_case(ReLU, x, douts, truth, label, gradient_check=False):
    layer_case(ReLU, "ReLU", (), {}, {}, x, douts, truth, label, hints=_relu_hints, gradient_check=gradient_check)


@exercise_check("ReLU")
def check_relu(ReLU):
    rng = np.random.default_rng(5)
    fresh_layer_case(ReLU, "ReLU", (), {}, rng.standard_normal((2, 3)), {})
    x = rng.standard_normal((2, 4, 3, 2))
    x[np.abs(x) < 0.05] = 0.5                                        # no value within a gradient step of the kink
    relu_case(ReLU, x, [rng.standard_normal(x.shape), rng.standard_normal(x.shape)], CourseTruth,
              tr("(x of shape (2, 4, 3, 2))"), gradient_check=True)
    x2 = rng.standard_normal((5, 7))
    relu_case(ReLU, x2, [rng.standard_normal(x2.shape), rng.standard_normal(x2.shape)], CourseTruth,
              tr("(x of shape (5, 7))"))
    passed(tr("ReLU: forward and backward match max(x, 0) and its gradient on 4-D and 2-D inputs, the gradient "
              "check passes, and backward before forward raises RuntimeError."))


def _pool_hints(hyper, truth):
    def hints(stage, params, x, dout):
        f, stride = hyper["f"], hyper["stride"]
        if stage == "shape":
            m, n_H_prev, n_W_prev, n_C = x.shape
            return [((m, n_H_prev - f + 1, n_W_prev - f + 1, n_C), tr("this is the size with stride 1: pass "
                                                                      "self.stride to im2col."))]
        if stage == "forward":
            m, n_H_prev, n_W_prev, n_C = x.shape
            n_H, n_W = _conv_size(n_H_prev, f, stride, 0), _conv_size(n_W_prev, f, stride, 0)
            windows = truth.unfold(x, f, stride, 0).reshape(m, n_H, n_W, f * f, n_C)
            return [
                (lambda g: np.allclose(g, windows.mean(axis=3)), tr("this is average pooling: take the max.")),
                (lambda g: np.allclose(g, windows.reshape(m, n_H, n_W, f * f * n_C).max(axis=3, keepdims=True)),
                 tr("the max was taken over the channels too: reshape each window to (f * f, n_C) and take the max "
                    "over the f * f positions only, one per channel.")),
            ]
        if stage == "backward":
            m, n_H_prev, n_W_prev, n_C = x.shape
            spread = truth.fold(np.repeat(dout.reshape(-1, 1, n_C), f * f, axis=1).reshape(-1, f * f * n_C),
                                  x.shape, f, stride, 0)
            return [
                (lambda g: np.allclose(g, spread), tr("dout was sent to every position of its window: only the "
                                                      "maximum (mask windows == max) gets it.")),
                (lambda g: np.allclose(g, spread / (f * f)), tr("dout was spread evenly over the window: that is "
                                                                "average pooling's backward. Max pooling sends it "
                                                                "to the maximum only.")),
                (lambda g: np.allclose(g, _first_max_only(x, dout, f, stride, truth)),
                 tr("when several positions of a window tie for the maximum, the course gives the gradient to every "
                    "one of them (the mask windows == max marks them all); yours gives it to one.")),
            ]
        return []
    return hints


def _first_max_only(x, dout, f, stride, truth):
    m, n_H_prev, n_W_prev, n_C = x.shape
    windows = truth.unfold(x, f, stride, 0).reshape(-1, f * f, n_C)
    first = np.zeros_like(windows)
    np.put_along_axis(first, windows.argmax(axis=1)[:, None, :], 1.0, axis=1)
    return truth.fold((first * dout.reshape(-1, 1, n_C)).reshape(len(windows), -1), x.shape, f, stride, 0)


def maxpool2d_case(MaxPool2D, f, stride, x, douts, truth, label, gradient_check=False):
    hyper = {"f": f, "stride": stride}
    layer_case(MaxPool2D, "MaxPool2D", (f, stride), {}, hyper, x, douts, truth, label, hints=_pool_hints(hyper, truth),
               gradient_check=gradient_check)


def spread_values(rng, shape, gap=0.1):
    """Distinct values at least `gap` apart, shuffled: no ties and no kink within a numeric-gradient step."""
    return rng.permutation(int(np.prod(shape))).reshape(shape) * gap - 0.5 * gap * np.prod(shape)


@exercise_check("MaxPool2D")
def check_maxpool2d(MaxPool2D, im2col, col2im):
    rng = np.random.default_rng(6)
    cases = [((2, 6, 6, 3), 2, 2, True), ((2, 5, 7, 2), 3, 2, True), ((1, 4, 5, 2), 2, 1, False)]
    try:
        fresh_layer_case(MaxPool2D, "MaxPool2D", (2, 2), {}, rng.standard_normal((1, 1, 1, 1)), {})
        for shape, f, stride, ties in cases:
            # small integers: many windows have a tied maximum; otherwise distinct values for the gradient check
            x = rng.integers(0, 3, size=shape).astype(float) if ties else spread_values(rng, shape)
            out_shape = (shape[0], _conv_size(shape[1], f, stride, 0), _conv_size(shape[2], f, stride, 0), shape[3])
            douts = [rng.standard_normal(out_shape), rng.standard_normal(out_shape)]
            maxpool2d_case(MaxPool2D, f, stride, x, douts, CourseTruth,
                           f"(MaxPool2D(f={f}, stride={stride}), x {shape}{tr(' with tied maxima') if ties else ''})",
                           gradient_check=not ties)
    except (CheckFailure, NotImplementedYet) as error:
        _skip_unless_helpers_right(error, _conv_probes(im2col, col2im, [(s, f, st, 0) for s, f, st, _ in cases],
                                                       CourseTruth), "MaxPool2D")
        raise
    passed(tr("MaxPool2D: forward and backward match the course's max pooling (2x2 stride 2, 3x3 stride 2, "
              "overlapping 2x2 stride 1), tied maxima all get the gradient, the gradient check passes, and backward "
              "before forward raises RuntimeError."))


def _flatten_hints(stage, params, x, dout):
    if stage == "shape":
        m = x.shape[0]
        return [((int(np.prod(x.shape[1:])), m), tr("one ROW per example: x.reshape(m, -1), without the .T of a "
                                                    "(features, examples) layout.")),
                ((x.size,), tr("keep the examples axis: x.reshape(m, -1) is 2-D."))]
    return []


def flatten_case(Flatten, x, douts, truth, label, gradient_check=False):
    layer_case(Flatten, "Flatten", (), {}, {}, x, douts, truth, label, hints=_flatten_hints,
               gradient_check=gradient_check)


@exercise_check("Flatten")
def check_flatten(Flatten):
    rng = np.random.default_rng(7)
    fresh_layer_case(Flatten, "Flatten", (), {}, rng.standard_normal((2, 3)), {})
    x = rng.standard_normal((2, 3, 4, 5))
    flatten_case(Flatten, x, [rng.standard_normal((2, 60)), rng.standard_normal((2, 60))], CourseTruth,
                 tr("(x of shape (2, 3, 4, 5))"), gradient_check=True)
    x = rng.standard_normal((3, 2, 5, 1))
    flatten_case(Flatten, x, [rng.standard_normal((3, 10)), rng.standard_normal((3, 10))], CourseTruth,
                 tr("(x of shape (3, 2, 5, 1))"))
    passed(tr("Flatten: (m, n_H, n_W, n_C) -> (m, n_H * n_W * n_C) and back, on two shapes; backward before forward "
              "raises RuntimeError."))


# --- Dense -----------------------------------------------------------------------------------------------------

def _dense_hints(stage, params, x, dout):
    W = params["W"]
    if stage == "forward":
        return [(lambda g: np.allclose(g, x @ W), tr("the bias is missing: out = x @ W + b."))]
    if stage == "grad_W":
        m = x.shape[0]
        return [(lambda g: np.allclose(g, x.T @ dout / m), tr("dW was divided by m: a layer's backward sums over "
                                                              "the examples; the loss takes care of the average."))]
    if stage == "grad_b":
        m = x.shape[0]
        return [(lambda g: np.allclose(g, dout.sum(axis=0) / m), tr("db was divided by m: it is dout summed over "
                                                                    "the examples.")),
                (lambda g: np.allclose(g, 0), tr("db is all zeros: it is dout summed over the examples (axis 0)."))]
    return []


def dense_case(Dense, n_in, n_out, x, W, b, douts, truth, label, gradient_check=False, x2=None):
    layer_case(Dense, "Dense", (n_in, n_out), {"seed": 0}, {}, x, douts, truth, label, values={"W": W, "b": b},
               hints=_dense_hints, gradient_check=gradient_check, x2=x2)


@exercise_check("Dense")
def check_dense(Dense):
    rng = np.random.default_rng(8)
    fresh_layer_case(Dense, "Dense", (4, 3), {}, rng.standard_normal((2, 3)), {"W": (4, 3), "b": (3,)})
    for m, n_in, n_out, check_gradients in [(5, 4, 3, True), (2, 6, 6, False)]:
        x = rng.standard_normal((m, n_in))
        douts = [rng.standard_normal((m, n_out)), rng.standard_normal((m, n_out))]
        dense_case(Dense, n_in, n_out, x, rng.standard_normal((n_in, n_out)), rng.standard_normal(n_out), douts,
                   CourseTruth, f"(Dense({n_in}, {n_out}), x {x.shape})", gradient_check=check_gradients,
                   x2=rng.standard_normal((m, n_in)))
    instances_case(Dense, "Dense", (3, 2), {"seed": 0}, rng.standard_normal((4, 3)), rng.standard_normal((4, 2)),
                   CourseTruth)
    passed(tr("Dense: forward, dx, dW and db match x @ W + b and its gradients, the gradient check passes, a second "
              "step overwrites grads, backward before forward raises RuntimeError, and two layers share no arrays."))


# --- SoftmaxCrossEntropy ---------------------------------------------------------------------------------------

def softmax_case(SoftmaxCrossEntropy, scores, y, truth, label, gradient_check=False):
    loss_fn = construct(SoftmaxCrossEntropy, "SoftmaxCrossEntropy")
    m = scores.shape[0]
    expected_loss, expected_dscores = truth.softmax_cross_entropy(scores, y)
    loss = method(loss_fn, "forward", "SoftmaxCrossEntropy", scores, y, context=label)
    got = core.assert_scalar(loss, tr("SoftmaxCrossEntropy.forward(scores, y) {label}", label=label))
    hints = [
        (lambda g: not np.isfinite(g).all(), tr("the loss is not finite: exp of a large score overflows. Subtract "
                                                "each row's largest score before np.exp; the softmax does not "
                                                "change.")),
        (lambda g: np.allclose(g, expected_loss * m), tr("this is the sum over the examples: the loss is the mean.")),
    ]
    assert_close(got, expected_loss, tr("SoftmaxCrossEntropy.forward(scores, y)"), context=label, hints=hints)
    dscores = method(loss_fn, "backward", "SoftmaxCrossEntropy", context=label)
    assert_shape(dscores, scores.shape, f"SoftmaxCrossEntropy.backward() {label}")
    assert_close(dscores, expected_dscores, "SoftmaxCrossEntropy.backward()", context=label, hints=[
        (lambda g: not np.isfinite(g).all(), tr("dscores is not finite: subtract each row's largest score before "
                                                "np.exp.")),
        (lambda g: np.allclose(g, expected_dscores * m), tr("divide by m: the loss is a mean over the m examples, "
                                                            "so each example's gradient carries a factor 1/m.")),
        (lambda g: np.allclose(g, expected_dscores * m * m), tr("dscores is m * m times too large: dividing by m "
                                                                "once is right.")),
        (lambda g: np.allclose(g, expected_dscores / m), tr("dscores was divided by m twice.")),
    ])
    scaled = method(loss_fn, "backward", "SoftmaxCrossEntropy", 0.5, context=label)
    one_hot = np.zeros(scores.shape)
    one_hot[np.arange(m), np.asarray(y).reshape(-1)] = 1.0
    assert_close(scaled, 0.5 * expected_dscores, tr("SoftmaxCrossEntropy.backward(0.5) (called after backward())"),
                 context=label, hints=[
        (lambda g: np.allclose(g, expected_dscores), tr("backward(dout) must multiply by dout (chain rule); with "
                                                        "the default dout = 1.0 nothing changes.")),
        (lambda g: np.allclose(g, 0.5 * (expected_dscores - one_hot / m)), tr("the second call subtracted the "
                                                                              "one-hot labels again: the first "
                                                                              "backward changed the cached "
                                                                              "probabilities in place. Copy them "
                                                                              "before subtracting (dscores = "
                                                                              "probs.copy()), so that backward can "
                                                                              "run more than once.")),
    ])
    params = read_dict(loss_fn, "params", "SoftmaxCrossEntropy")
    if params:
        fail(tr("SoftmaxCrossEntropy has no parameters, but its params holds {sorted_params}.",
                sorted_params=sorted(params)))
    if gradient_check:
        assert_gradients_match({"scores": dscores}, lambda scores: truth.softmax_cross_entropy(scores, y)[0],
                               {"scores": scores}, None, tr("SoftmaxCrossEntropy, gradient check, {label}",
                                                            label=label))


@exercise_check("SoftmaxCrossEntropy")
def check_softmax_cross_entropy(SoftmaxCrossEntropy):
    rng = np.random.default_rng(9)
    _expect_runtime_error(construct(SoftmaxCrossEntropy, "SoftmaxCrossEntropy"), "SoftmaxCrossEntropy")
    scores = rng.standard_normal((5, 4)) * 2
    softmax_case(SoftmaxCrossEntropy, scores, np.array([0, 3, 1, 1, 2]), CourseTruth, tr("(5 examples, 4 classes)"),
                 gradient_check=True)
    large = rng.standard_normal((3, 6)) * 50 + 1000
    softmax_case(SoftmaxCrossEntropy, large, np.array([5, 0, 2]), CourseTruth,
                 tr("(3 examples, 6 classes, scores around 1000)"))
    passed(tr("SoftmaxCrossEntropy: the mean loss and dscores = (softmax - one_hot) / m match, also for scores "
              "around 1000 (no overflow), backward(dout) scales by dout, the gradient check passes, and backward "
              "before forward raises RuntimeError."))


# --- Sequential ------------------------------------------------------------------------------------------------

def _build(factories, owner):
    """Instances from [(cls, kind, args), ...]; a failure there is not the checked exercise's fault."""
    try:
        return [construct(cls, kind, *args) for cls, kind, args in factories]
    except (CheckFailure, NotImplementedYet) as error:
        raise NotChecked(tr("{owner} is checked on a network of your layers, and making them failed: "
                         "{reason}. Make their checks pass first, then run this cell again. "
                         "(When graded, {owner} is checked with correct layers.)",
                         owner=owner, reason=str(error).splitlines()[0][:200])) from error


def _chain(layers, kinds, x, dout, owner):
    """The layers' own forward in order and backward in reverse, by hand: what Sequential must do."""
    try:
        out = x
        for layer, kind in zip(layers, kinds):
            out = method(layer, "forward", kind, out)
        grad = dout
        for layer, kind in zip(reversed(layers), reversed(kinds)):
            grad = method(layer, "backward", kind, grad)
        grads = [read_dict(layer, "grads", kind) for layer, kind in zip(layers, kinds)]
        return plain_array(out, "out"), plain_array(grad, "dx"), grads
    except (CheckFailure, NotImplementedYet) as error:
        raise NotChecked(tr("{owner} is checked on a network of your layers, and running them by hand failed: "
                         "{reason}. Make their checks pass first, then run this cell again. "
                         "(When graded, {owner} is checked with correct layers.)",
                         owner=owner, reason=str(error).splitlines()[0][:200])) from error


def _independent(layers, kinds, owner):
    """Layers that share their params or grads dicts (an earlier exercise's bug) make the check meaningless."""
    seen = {}
    for k, (layer, kind) in enumerate(zip(layers, kinds)):
        for attribute in ("params", "grads"):
            try:
                identity = object_id(layer, attribute)
            except Exception as error:
                raise NotChecked(tr("{owner} is checked on a network of your layers, and layer {k} ({kind}) has no `"
                                 "{attribute}` ({error_type}). Make its check pass first.",
                                 owner=owner, k=k, kind=kind, attribute=attribute,
                                 error_type=type(error).__name__)) from error
            if identity in seen and read_dict(layer, "params", kind):
                raise NotChecked(tr("{owner} is checked on a network of your layers, and layers {first} and {k}"
                                 " ({kind}) share the same `{attribute}` dict, so no network of them can work. Make "
                                 "{kind}'s check pass first, then run this cell again. (When graded, {owner} is "
                                 "checked with correct layers.)",
                                 owner=owner, first=seen[identity], k=k, kind=kind, attribute=attribute))
            seen[identity] = k


def _layers_of(obj, owner, count):
    """obj.layers, which must hold the `count` layers obj was given, in order."""
    try:
        layers = obj.layers
    except AttributeError:
        fail(tr("{owner} has no attribute `layers`: keep the layers it was given in self.layers, a list, in order.",
                owner=owner))
    if not isinstance(layers, (list, tuple)):
        fail(tr("{owner}.layers should be the list of the {count} layers it was given, in order, but it is "
                "{described}. Keep self.layers = list(layers): a new list of the same layers.",
                owner=owner, count=count, described=core.describe(layers)))
    if len(layers) != count:
        fail(tr("{owner}.layers should be the list of the {count} layers it was given, in order, but it holds "
                "{len_layers}. A list made at class level (`layers = []` in the class body) or as a default "
                "argument is shared by every {owner}, and each new one adds its layers to it. Keep self.layers = "
                "list(layers), made in __init__.", owner=owner, count=count, len_layers=len(layers)))
    return list(layers)


def sequential_case(Sequential, factories, x, dout, label):
    """Sequential(layers) must give what the same layers give when chained by hand."""
    kinds = [kind for _, kind, _ in factories]
    by_hand = _build(factories, "Sequential")
    _independent(by_hand, kinds, "Sequential")
    expected_out, expected_dx, expected_grads = _chain(by_hand, kinds, x, dout, "Sequential")
    model = construct(Sequential, "Sequential", _build(factories, "Sequential"))
    layers = _layers_of(model, "Sequential", len(factories))
    names = " -> ".join(kinds)
    where = f"({names}) {label}"
    out = method(model, "forward", "Sequential", x, context=where, hints=[
        tr("forward gives each layer the previous layer's output: x = layer.forward(x), in order.")])
    assert_close(out, expected_out, "Sequential.forward(x)", context=where, hints=[
        (lambda g: True, tr("the output must be what the layers give when each receives the previous one's output, "
                            "first layer first: x = layer.forward(x) for layer in self.layers."))])
    dx = method(model, "backward", "Sequential", dout, context=where, hints=[
        tr("backward visits the layers in REVERSE order (reversed(self.layers)), each receiving the gradient the "
           "layer after it returned.")])
    assert_close(dx, expected_dx, "Sequential.backward(dout)", context=where, hints=[
        (lambda g: True, tr("backward visits the layers in REVERSE order (reversed(self.layers)), passes each the "
                            "gradient the previous call returned, and returns the last one (the first layer's dx)."))])
    for k, (layer, kind, expected) in enumerate(zip(layers, kinds, expected_grads)):
        grads = read_dict(layer, "grads", kind)
        for key, value in expected.items():
            if key not in grads:
                fail(tr("After Sequential.backward {where}, layer {k} ({kind}) has no grads[{key!r}]: was its "
                        "backward called?", where=where, k=k, kind=kind, key=key))
            assert_close(grads[key], value, tr("layer {k} ({kind}).grads[{key!r}] after Sequential.backward",
                                               k=k, kind=kind, key=key),
                         context=where)
    return model


@exercise_check("Sequential")
def check_sequential(Sequential, Dense, ReLU):
    rng = np.random.default_rng(10)
    x = rng.standard_normal((5, 4))
    sequential_case(Sequential, [(Dense, "Dense", (4, 6, 1)), (ReLU, "ReLU", ()), (Dense, "Dense", (6, 3, 2))],
                    x, rng.standard_normal((5, 3)), tr("(x of shape (5, 4))"))
    sequential_case(Sequential, [(Dense, "Dense", (4, 4, 3)), (ReLU, "ReLU", ()), (Dense, "Dense", (4, 4, 4)),
                                 (ReLU, "ReLU", ())], x, rng.standard_normal((5, 4)), tr("(x of shape (5, 4))"))
    sequential_case(Sequential, [(Dense, "Dense", (4, 2, 5))], x, rng.standard_normal((5, 2)),
                    tr("(one layer, made after two other networks)"))
    passed(tr("Sequential: forward chains the layers in order, backward in reverse order, the layers' grads are "
              "filled, and a new Sequential starts from its own list of layers."))


# --- SGD with momentum -----------------------------------------------------------------------------------------

def _fill_grads(layers, kinds, rng, owner):
    """One forward and backward on every layer with parameters, each on its own random input."""
    try:
        for layer, kind in zip(layers, kinds):
            params = read_dict(layer, "params", kind)
            if not params:
                continue
            W = params["W"]
            x = rng.standard_normal((2, 4, 5, W.shape[2]) if W.ndim == 4 else (3, W.shape[0]))
            out = method(layer, "forward", kind, x)
            method(layer, "backward", kind, rng.standard_normal(np.shape(out)))
            grads = read_dict(layer, "grads", kind)
            if sorted(grads) != sorted(params):
                fail(tr("{kind}.backward filled grads {sorted_grads} for params {sorted_params}.",
                        kind=kind, sorted_grads=sorted(grads), sorted_params=sorted(params)))
    except (CheckFailure, NotImplementedYet) as error:
        raise NotChecked(tr("{owner} is checked on layers of yours, and their forward/backward failed: "
                         "{reason}. Make their checks pass first, then run this cell again. "
                         "(When graded, {owner} is checked with correct layers.)",
                         owner=owner, reason=str(error).splitlines()[0][:200])) from error


def _gradients_for(layers, kinds, seed):
    """The layers' grads after one forward and backward on inputs drawn from `seed` (_fill_grads)."""
    _fill_grads(layers, kinds, np.random.default_rng(seed), "SGD")
    return [read_dict(layer, "grads", kind) for layer, kind in zip(layers, kinds)]


def _same_gradients(first, second):
    return all(sorted(a) == sorted(b) and all(np.array_equal(a[key], b[key]) for key in a)
               for a, b in zip(first, second))


def _param_ids(layers, names):
    return [{key: object_id(layer, "params", key) for key in keys} for layer, keys in zip(layers, names)]


def _same_layers(layers, kinds, names, ids, grads, seed):
    """After SGD(layers): every layer still has the same parameter arrays (`names`, `ids`), and the same inputs still
    give the same gradients (`grads`, from before the optimizer was made): an optimizer only reads params and grads."""
    for k, (layer, kind) in enumerate(zip(layers, kinds)):
        if sorted(read_dict(layer, "params", kind)) != names[k] or _param_ids([layer], [names[k]])[0] != ids[k]:
            fail(tr("making an SGD changed the parameters that layer {k} ({kind}) has: its params should still be "
                    "{names}, the same arrays. The optimizer updates the arrays in params, it never replaces or "
                    "removes them.", k=k, kind=kind, names=names[k]))
    if not _same_gradients(_gradients_for(layers, kinds, seed), grads):
        fail(tr("after SGD(layers), the layers compute other gradients for the same input: the optimizer must leave "
                "the layers as they are and only read their params and grads."))


def sgd_case(SGD, layers, kinds, lr, momentum, rng, truth, label, steps=3):
    """Several steps of the student's SGD on the given layers, against the truth's SGD with momentum.

    What is compared is read from the layers the check made and gave to SGD (the same objects in a kernel), never
    from what the optimizer says it holds."""
    _independent(layers, kinds, "SGD")
    names = [sorted(read_dict(layer, "params", kind)) for layer, kind in zip(layers, kinds)]
    ids = _param_ids(layers, names)
    seed = int(rng.integers(2**31))
    grads_before = _gradients_for(layers, kinds, seed)
    if not _same_gradients(_gradients_for(layers, kinds, seed), grads_before):
        raise NotChecked(tr("SGD is checked on layers of yours, and they give other gradients when the same input "
                            "comes twice (grads added up instead of overwritten?). Make their checks pass first, then "
                            "run this cell again. (When graded, SGD is checked with correct layers.)"))
    optimizer = construct(SGD, "SGD", layers, lr=lr, momentum=momentum)
    _layers_of(optimizer, "SGD", len(layers))
    _same_layers(layers, kinds, names, ids, grads_before, seed)
    states = [{} for _ in layers]
    for step in range(steps):
        _fill_grads(layers, kinds, rng, "SGD")
        before = [read_dict(layer, "params", kind) for layer, kind in zip(layers, kinds)]
        grads = [read_dict(layer, "grads", kind) for layer, kind in zip(layers, kinds)]
        expected = [truth.sgd_step(p, g, s, lr, momentum) for p, g, s in zip(before, grads, states)]
        method(optimizer, "step", "SGD", context=label, hints=[
            tr("an error about shapes here usually means that one velocity serves parameters of several layers: two "
               "layers both have a 'W', often of different shapes. Keep one velocity per layer AND per parameter, "
               "e.g. self.velocities = [{{}} for _ in self.layers].")])
        which = tr("after step {step} {label}", step=step + 1, label=label)
        for k, (layer, kind) in enumerate(zip(layers, kinds)):
            after = read_dict(layer, "params", kind)
            if sorted(after) != names[k]:
                fail(tr("SGD.step changed the parameters that layer {k} ({kind}) has: its params should still be "
                        "{names}. The optimizer updates the arrays in params, it never replaces or removes them.",
                        k=k, kind=kind, names=names[k]))
            for key, value in expected[k].items():
                hints = [
                    (lambda g, p=before[k][key]: np.allclose(g, p), tr("the parameter did not change: step must "
                                                                       "update every parameter of every layer.")),
                    (lambda g, p=before[k][key], d=grads[k][key]: np.allclose(g, p - lr * d),
                     tr("this is plain gradient descent: the velocity v = momentum * v - lr * grad must be kept "
                        "between steps, one per layer and parameter, and added to the parameter.")),
                    (lambda g, p=before[k][key], d=grads[k][key]: np.allclose(g, p + lr * d),
                     tr("the parameter moved UP the gradient: subtract lr * grad.")),
                ]
                assert_close(after[key], value, tr("layer {k} ({kind}).params[{key!r}]", k=k, kind=kind, key=key),
                             context=which, hints=hints)
                if object_id(layer, "params", key) != ids[k][key]:
                    fail(tr("SGD.step replaced layer {k} ({kind}).params[{key!r}] by a new array (its values are "
                            "right). Update it in place, `param += v` or `param[...] = ...`: anything else holding "
                            "that array (a layer's cache, a tied weight, the model you saved a reference to) would "
                            "keep the old values.", k=k, kind=kind, key=key))
            unchanged = read_dict(layer, "grads", kind)
            for key, value in grads[k].items():
                if not np.array_equal(unchanged.get(key), value):
                    fail(tr("SGD.step changed layer {k} ({kind}).grads[{key!r}]: the optimizer reads gradients, it "
                            "never writes them.", k=k, kind=kind, key=key))


@exercise_check("SGD")
def check_sgd(SGD, Dense):
    rng = np.random.default_rng(11)
    kinds = ["Dense", "Dense", "Dense"]
    # Two layers with parameters of the same names and shapes: a velocity kept per name only would mix them up.
    layers = _build([(Dense, "Dense", (3, 3, 1)), (Dense, "Dense", (3, 3, 2)), (Dense, "Dense", (3, 2, 3))], "SGD")
    sgd_case(SGD, layers, kinds, 0.1, 0.9, rng, CourseTruth, tr("(three Dense layers, lr 0.1, momentum 0.9)"))
    other = _build([(Dense, "Dense", (2, 2, 4))], "SGD")
    sgd_case(SGD, other, ["Dense"], 0.05, 0.5, rng, CourseTruth, tr("(a second optimizer, lr 0.05, momentum 0.5)"),
             steps=2)
    passed(tr("SGD: three steps of momentum updates match v = momentum * v - lr * grad, param += v, with one "
              "velocity per layer and parameter, parameters updated in place, grads left alone, and a second "
              "optimizer independent of the first."))
