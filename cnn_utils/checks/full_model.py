"""Visible checks of notebook 7: the full model.

The model is CONV(3x3, pad 1) -> RELU -> POOL(2x2) -> CONV(3x3, pad 1) -> RELU -> POOL(2x2) -> FLATTEN -> DENSE, built
from cnn_utils.layers, with the softmax cross-entropy loss and Adam. The exercises build on each other: model_backward
needs the caches of model_forward, train calls everything. A visible check that needs another exercise runs that
exercise's own check first (quietly); when it fails, the check says so and is skipped instead of blaming the function
under test. The hidden tests grade every function on its own, with correct versions of the others.

This module holds no correct version of the exercises: the expected values below were computed once with the
course's solution and are compared here, and the gradients are checked against numeric derivatives.
"""

import contextlib
import functools
import io
import math

import numpy as np

from .. import layers
from ..gradcheck import numeric_gradient, relative_error
from ..i18n import tr
from ..reference import full_model
from . import core
from .core import (
    NotChecked,
    NotImplementedYet,
    assert_close,
    assert_scalar,
    assert_shape,
    assert_type,
    call,
    describe,
    exercise_check,
    fail,
    passed,
    plain_array,
    unpack,
)

PARAMETER_NAMES = ("W1", "b1", "W2", "b2", "W3", "b3")
CACHE_NAMES = ("conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "dense")


# --- inputs the checks use -----------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _training_images():
    from ..data import load_dataset

    train_x, train_y, _, _, _ = load_dataset()
    return train_x[:64].copy(), train_y.reshape(-1)[:64].copy()


def training_batch(m=8, dtype=np.float64):
    """The first m (<= 64) training images scaled to [0, 1] and their labels (m,): a fixed batch for the checks."""
    images, labels = _training_images()
    return (images[:m] / 255.0).astype(dtype), labels[:m].copy()


def case_parameters(input_shape, n_C1, n_C2, n_classes, seed, dtype=np.float64, zero_bias=False):
    """Parameters for a check: He-initialised weights and (unless zero_bias) small random biases, so that a forgotten
    bias shows. Drawn in the order W1, b1, W2, b2, W3, b3 from np.random.default_rng(seed)."""
    n_H, n_W, n_C = input_shape
    rng = np.random.default_rng(seed)
    shapes = {"W1": (3, 3, n_C, n_C1), "b1": (n_C1,), "W2": (3, 3, n_C1, n_C2), "b2": (n_C2,),
              "W3": ((n_H // 4) * (n_W // 4) * n_C2, n_classes), "b3": (n_classes,)}
    parameters = {}
    for name, shape in shapes.items():
        if name.startswith("W"):
            parameters[name] = layers.he_init(shape, rng, dtype=dtype)
        else:
            bias = np.zeros(shape) if zero_bias else 0.1 * rng.standard_normal(shape)
            parameters[name] = bias.astype(dtype)
    return parameters


def copy_parameters(parameters):
    """A dict of copies of the arrays."""
    return {name: np.array(value, copy=True) for name, value in parameters.items()}


# --- calling the student's functions -------------------------------------------------------------------------------

def _is_stub(function, args=None):
    """True when function still raises NotImplementedError, called with args (default: None for every argument
    without a default value; a stub raises before it looks at them)."""
    if args is None:
        try:
            args = [None] * (function.__code__.co_argcount - len(function.__defaults__ or ()))
        except AttributeError:
            return False
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            function(*args)
    except NotImplementedError:
        return True
    except Exception:
        return False
    return False


def _not_written(function, name):
    return NotImplementedYet(tr("{name} is not written yet: replace `raise NotImplementedError()` with your code, "
                                "then run this cell again.", name=name))


def _require(exercise, function, prerequisites, probe=None):
    """Raise NotImplementedYet if `function` is a stub (probe: the arguments to try it with), NotChecked if a
    prerequisite fails its quiet check."""
    if _is_stub(function, probe):
        raise _not_written(function, exercise)
    failing = {}
    for name, (check, *args) in prerequisites.items():
        if name == "model_backward" and ("model_forward" in failing or "compute_loss" in failing):
            continue                       # its check runs them: their failure is the one to report
        reason = _quietly(check, *args)
        if reason is not None:
            failing[name] = reason
    if failing:
        raise _prerequisites_failing(exercise, failing)


def _prerequisites_failing(exercise, failing):
    """NotChecked for `exercise`, whose check runs the exercises in `failing` ({name: why its check fails})."""
    names = tr(" and ").join(failing)
    reasons = "; ".join(f"{name}: {reason}" for name, reason in failing.items())
    if len(failing) == 1:
        message = tr("this check runs your {names}, which does not pass its own check yet ({reasons}). Fix it first, "
                     "then run this cell again. (When the notebook is graded, {exercise} is tested on its own, with "
                     "correct versions of the other functions.)", exercise=exercise, names=names, reasons=reasons)
    else:
        message = tr("this check runs your {names}, which do not pass their own check yet ({reasons}). Fix them "
                     "first, then run this cell again. (When the notebook is graded, {exercise} is tested on its own, "
                     "with correct versions of the other functions.)", exercise=exercise, names=names, reasons=reasons)
    return NotChecked(message, outcome=tr("not checked yet: needs {names} to pass first", names=names))


def _quietly(check, *args):
    """Run an (undecorated) check without printing; None when it passes, else the first line of the reason."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            check(*args)
    except NotImplementedError:
        return tr("not written yet")
    except Exception as error:
        return (str(error).splitlines() or [type(error).__name__])[0][:200]
    return None


def _call_explained(function, name, hint, *args, **kwargs):
    """call(), turning a ValueError/IndexError/TypeError raised inside the student's function into a failure that
    says where to look (a shape mismatch deep inside a layer is otherwise hard to trace back)."""
    try:
        return call(function, *args, name=name, **kwargs)
    except (ValueError, IndexError, TypeError) as error:
        fail(tr("{name} raised {error_type}: {error}. Hint: {hint}",
                name=name, error_type=type(error).__name__, error=error, hint=hint))


def call_compute_loss(compute_loss, scores, Y):
    """Call the student's compute_loss; returns (loss, dscores)."""
    return unpack(call(compute_loss, scores, Y, name="compute_loss"), ("loss", "dscores"), "compute_loss")


def call_update_parameters(update_parameters, parameters, grads, state, **hyperparameters):
    """One call of the student's update_parameters on copies of parameters and grads, with the same `state` object
    (Adam's memory must live in it between calls). Returns the updated
    parameters as a dict of float64 copies."""
    parameters_in = copy_parameters(parameters)
    grads_in = copy_parameters(grads)
    try:
        result = update_parameters(parameters_in, grads_in, state, **hyperparameters)
    except NotImplementedError as error:
        raise _not_written(update_parameters, "update_parameters") from error
    for name in grads:
        if not np.array_equal(np.asarray(grads_in[name]), grads[name]):
            fail(tr("update_parameters changed grads[{name!r}] in place. Read the gradients, do not modify them.",
                    name=name))
    if result is None:
        fail(tr("update_parameters returned None. Did you forget `return parameters`?"))
    return check_parameter_dict(result, {name: value.shape for name, value in parameters.items()},
                                tr("the parameters update_parameters returned"))


def call_train(train, X, Y, parameters, **options):
    """Call the student's train on copies; check X and Y are left unchanged and the result is (parameters, history)."""
    X_in, Y_in, parameters_in = X.copy(), Y.copy(), copy_parameters(parameters)
    try:
        result = train(X_in, Y_in, parameters_in, **options)
    except NotImplementedError as error:
        raise _not_written(train, "train") from error
    if not (np.array_equal(X_in, X) and np.array_equal(Y_in, Y)):
        fail(tr("train changed X or Y in place. Shuffle with random_mini_batches, which returns new arrays."))
    trained, history = unpack(result, ("parameters", "history"), "train")
    if not isinstance(history, dict) or set(history) != {"loss", "accuracy"}:
        keys = sorted(history) if isinstance(history, dict) else None
        if keys is not None:
            fail(tr("history should be a dict with the two keys 'loss' and 'accuracy', but it is {described} with keys "
                    "{keys}.", described=describe(history), keys=keys))
        fail(tr("history should be a dict with the two keys 'loss' and 'accuracy', but it is {described}.",
                described=describe(history)))
    return trained, history


def check_parameter_dict(parameters, shapes, label):
    """Check a dict of parameters has exactly the names of `shapes`, with those shapes; return float64 copies."""
    if not isinstance(parameters, dict):
        fail(tr("{label} should be a dict name -> array, but it is {described}.",
                label=label, described=describe(parameters)))
    missing = [name for name in shapes if name not in parameters]
    extra = [name for name in parameters if name not in shapes]
    if missing or extra:
        problems = ([tr("missing {missing}", missing=missing)] if missing else []) + (
            [tr("unexpected {extra}", extra=extra)] if extra else [])
        fail(tr("{label} should have the keys {keys}; {problems}.", label=label, keys=list(shapes),
                problems="; ".join(problems)))
    copies = {}
    for name, shape in shapes.items():
        copies[name] = plain_array(parameters[name], f"{label}[{name!r}]")
        others = [(tuple(other_shape), tr("that is the shape of {other!r}: did you store it under the wrong name?",
                                          other=other))
                  for other, other_shape in shapes.items() if other != name and tuple(other_shape) != tuple(shape)]
        assert_shape(copies[name], shape, f"{label}[{name!r}]", hints=others)
    return copies


def compare_parameter_dicts(got, expected, label, rtol=1e-6, atol=1e-9, hints=()):
    """Check got has the names and shapes of expected, then compare every array; hints apply to every name."""
    got = check_parameter_dict(got, {name: np.shape(value) for name, value in expected.items()}, label)
    for name, value in expected.items():
        assert_close(got[name], value, f"{label}[{name!r}]", rtol=rtol, atol=atol, hints=hints)


def check_dtypes(parameters, dtype, label):
    """Every array of the dict has the given dtype."""
    for name, value in parameters.items():
        if not isinstance(value, np.ndarray) or value.dtype != dtype:
            fail(tr("{label}[{name!r}] should be a {dtype} array, but it is {described}.",
                    label=label, name=name, dtype=np.dtype(dtype).name, described=describe(value)))


def check_caches_work(caches, shape_info, backward, dscores, expected_grads, label):
    """The caches model_forward returned have the form and shapes of the layers' caches, in the order of the
    forward pass, and the layers' backward functions, given them, compute the correct gradients.

    shape_info -- (m, n_H, n_W, n_C1, n_C2); backward -- a correct model_backward(dscores, caches)."""
    _intermediate_shapes(caches, *shape_info)
    try:
        grads = backward(dscores, list(caches))
    except Exception as error:
        fail(tr("the caches model_forward returned ({label}) do not work with the layers' backward functions ("
                "{error_type}: {error}). Keep, for each layer, the second value its forward function returned, in "
                "the order of the forward pass.", label=label, error_type=type(error).__name__, error=error))
    for name in PARAMETER_NAMES:
        assert_close(grads[name], expected_grads[name], tr("the gradient of {name} computed from your caches",
                                                           name=name),
                     context=core.hidden_case(label), hidden=True,
                     hints=[(lambda got: True, tr("each cache must come from its own layer, and each layer must get "
                                                  "the previous layer's output as its input."))])


# --- exercise 1: initialize_parameters ------------------------------------------------------------------------------

_INIT_DEFAULT_SHAPES = {"W1": (3, 3, 1, 16), "b1": (16,), "W2": (3, 3, 16, 32), "b2": (32,), "W3": (1568, 10),
                        "b3": (10,)}
# initialize_parameters(seed=0): W1[:, :, 0, 0] and the sum of each weight array, from the course's solution.
_INIT_W1_FIRST = np.array([[0.059269793331623077, -0.25656613707542419, -0.075059391558170319],
                  [0.84929883480072021, 0.15507777035236359, 0.088868796825408936],
                  [0.075900644063949585, -0.035686042159795761, -0.26801678538322449]])
_INIT_SUMS = {"W1": 5.292316840495914, "W2": -5.183860381028353, "W3": 4.842221604608312}


def _check_initialize_parameters(initialize_parameters):
    parameters = call(initialize_parameters, seed=0, name="initialize_parameters")
    label = "initialize_parameters(seed=0)"
    if not isinstance(parameters, dict):
        fail(tr("{label} should return a dict of arrays, but it returned {described}.",
                label=label, described=describe(parameters)))
    missing = [name for name in PARAMETER_NAMES if name not in parameters]
    if missing:
        fail(tr("{label} has no {missing}: the dict needs the keys {names}.",
                label=label, missing=missing, names=list(PARAMETER_NAMES)))
    for name, shape in _INIT_DEFAULT_SHAPES.items():
        hints = []
        if name == "W3":
            hints = [((14 * 14 * 32, 10), tr("that is 14 * 14 * 32 rows: the image is pooled twice, 28 -> 14 -> 7, "
                                             "so the dense layer receives 7 * 7 * n_C2 values per image.")),
                     ((28 * 28 * 32, 10), tr("that is 28 * 28 * 32 rows: each 2x2 pooling halves height and width, "
                                             "so the dense layer receives (28 // 4) * (28 // 4) * n_C2 values.")),
                     ((10, 1568), tr("a dense layer's weights are (inputs, outputs): (1568, 10).")),
                     ((7 * 7 * 16, 10), tr("the second convolution has n_C2 = 32 filters: 7 * 7 * n_C2 rows."))]
        if name.startswith("b"):
            hints = [((1, 1, 1, shape[0]), tr("cnn_utils.layers wants one bias per filter as a 1-D array: shape ("
                                              "{n},), not (1, 1, 1, {n}).", n=shape[0])),
                     ((1, shape[0]), tr("cnn_utils.layers wants biases of shape ({n},).", n=shape[0]))]
        if name == "W1":
            hints = [((3, 3, 16, 1), tr("a convolution's weights are (f, f, n_C_prev, n_C): the input has 1 "
                                        "channel, the layer 16 filters: (3, 3, 1, 16)."))]
        assert_shape(parameters[name], shape, f"{label}[{name!r}]", hints=hints)
        if not isinstance(parameters[name], np.ndarray) or parameters[name].dtype != np.float32:
            fail(tr("{label}[{name!r}] should be a float32 array (the speed the training wants), but it is "
                    "{described}. he_init returns float32; for the biases use np.zeros(n, "
                    "dtype=np.float32).", label=label, name=name, described=describe(parameters[name])))
    for name in ("b1", "b2", "b3"):
        assert_close(parameters[name], np.zeros(_INIT_DEFAULT_SHAPES[name]), f"{label}[{name!r}]",
                     hints=[(lambda got: True, tr("the biases start at zero."))])
    for name in ("W1", "W2", "W3"):
        fan_in = int(np.prod(_INIT_DEFAULT_SHAPES[name][:-1]))
        std, he_std = float(np.std(parameters[name])), math.sqrt(2.0 / fan_in)
        if not 0.7 * he_std < std < 1.3 * he_std:
            fail(tr("{label}[{name!r}] has a standard deviation of {std:.4f}, but He initialisation gives about "
                    "sqrt(2 / fan_in) = sqrt(2 / {fan_in}) = {he_std:.4f}. Hint: draw the weights with "
                    "he_init(shape, rng), which scales them for you.",
                    label=label, name=name, std=std, fan_in=fan_in, he_std=he_std))
    assert_close(parameters["W1"][:, :, 0, 0], _INIT_W1_FIRST, f"{label}['W1'][:, :, 0, 0]", rtol=1e-5, atol=1e-7,
                 hints=[(lambda got: True, tr("the shapes and the scale are right but not the values. Create one "
                                              "generator, rng = np.random.default_rng(seed), and pass it to he_init "
                                              "for W1, then W2, then W3, in this order."))])
    for name, total in _INIT_SUMS.items():
        assert_close(float(np.sum(parameters[name], dtype=np.float64)), total, tr("the sum of {label}[{name!r}]",
                                                                                  label=label, name=name),
                     rtol=1e-4, atol=1e-4,
                     hints=[(lambda got: True, tr("W1 is right, so look at the order: one generator, passed to "
                                                  "he_init for W1, then W2, then W3 (a new generator per weight "
                                                  "repeats the same numbers)."))])

    other = call(initialize_parameters, input_shape=(12, 10, 3), n_C1=4, n_C2=6, n_classes=5, seed=1,
                 name="initialize_parameters")
    label = tr("initialize_parameters(input_shape=(12, 10, 3), n_C1=4, n_C2=6, n_classes=5, seed=1)")
    shapes = {"W1": (3, 3, 3, 4), "b1": (4,), "W2": (3, 3, 4, 6), "b2": (6,), "W3": (3 * 2 * 6, 5), "b3": (5,)}
    if not isinstance(other, dict):
        fail(tr("{label} should return a dict of arrays, but it returned {described}.",
                label=label, described=describe(other)))
    for name, shape in shapes.items():
        if name not in other:
            fail(tr("{label} has no {name!r}.", label=label, name=name))
        assert_shape(other[name], shape, f"{label}[{name!r}]", hints=[
            ((7 * 7 * 6, 5), tr("W3 has 7 * 7 * n_C2 rows only for 28x28 images: compute (n_H // 4) * (n_W // 4) * "
                                "n_C2 from input_shape.")),
            ((3, 3, 1, 4), tr("the input has n_C = input_shape[2] channels (3 here), not always 1.")),
        ])


@exercise_check("initialize_parameters")
def check_initialize_parameters(initialize_parameters):
    """Keys, shapes, float32, zero biases, He scale and the values of initialize_parameters(seed=0); shapes for
    another input shape."""
    _check_initialize_parameters(initialize_parameters)
    passed(tr("initialize_parameters: every parameter has the right shape, dtype, scale and values."))


# --- exercise 2: model_forward --------------------------------------------------------------------------------------

# model_forward on training_batch(8) with case_parameters((28, 28, 1), 4, 8, 10, seed=1), from the course's solution.
_FORWARD_SCORES = np.array([
    [-0.035295201701127231, 0.12665157825395701, -0.059007510052870513, -0.086434027010591524, -0.81470703451599646,
     -0.068687357112979699, -0.5795888257579237, 0.15463183327131813, -0.028687375119685249, 0.16380497738324906],
    [0.54063959231962588, 0.11580576168402064, 0.25193272124042043, -0.31223306605971396, -0.82919162950748859,
     -0.095729390678801457, -0.40470057543900384, 0.46420110697772904, -0.1501514064150048, 0.038552750563984675],
    [-0.012646421938086037, -0.0067883599258234464, 0.0090153511749191326, -0.1009156646490601, -0.2027329853353968,
     -0.017735216275309072, -0.21442210844962589, -0.086753295318446472, -0.2404558189793336, 0.069360593937448436],
    [0.15427241792554669, 0.1200050792385334, 0.029078198912829034, -0.23495687718944055, -0.64329984097981596,
     0.042160820224832453, -0.34969634952894718, -0.19416035019924952, -0.34352020576508491, 0.09836128790626697],
    [0.21351911570267404, 0.076612471163207574, -0.18557870377721813, -0.63973431329075814, -0.53106350256564705,
     0.096968193293791527, -0.40106814375341054, -0.090587656731862073, -0.32355538402633571, 0.077122607864284168],
    [-0.029042834828294617, 0.22998813728546463, 0.18172141554094964, -0.26619740310709888, -0.64539505062021429,
     0.052247437969358899, -0.73640069366262206, -0.28368441485758294, -0.2450293501130672, 0.1162088924256048],
    [-0.21311765097914992, 0.22987911882081508, 0.11646412949852727, 0.25845947629758592, -0.44711613840001019,
     0.068232328655325525, 0.0061312450943887681, -0.087105521898982199, -0.23585242086251951, -0.16126981316168632],
    [-0.30850135638537951, 0.34930643273236517, 0.017800254417081815, -0.29978055022702688, -0.82319022391848773,
     -0.019807560301510738, -0.7869620239240307, 0.12367140291096877, -0.40576518890025232, 0.060207759688394327],
])
_FORWARD_LOSS = 2.124387543489239
# The mean of the scores some classic mistakes give on the same batch.
def _forward_mistakes():
    return [
        (-0.19636383865205093, tr("there is no ReLU after the first convolution.")),
        (-0.1627957310001378, tr("there is no ReLU after the second convolution.")),
        (-0.25333426625126665, tr("there is no ReLU at all: each convolution is followed by a ReLU.")),
        (-0.08647594730469157, tr("the biases are missing: pass each layer its b.")),
    ]


def _intermediate_shapes(caches, m, n_H, n_W, n_C1, n_C2):
    """Check every cache has the form its layer returns and the shape of what flows through the network there;
    return the printed summary of the shapes."""
    if not isinstance(caches, (list, tuple)) or len(caches) != 8:
        length = tr(" of length {length}", length=len(caches)) if isinstance(caches, (list, tuple)) else ""
        fail(tr("caches should be a list of the 8 layer caches [{names}], but it is {described}{length}. Keep the "
                "second value every layer function returns, in order.", names=", ".join(CACHE_NAMES),
                described=describe(caches), length=length))
    h1, w1, h2, w2 = n_H // 2, n_W // 2, n_H // 4, n_W // 4
    expected = {
        "conv1": (tr("its input"), (m, n_H, n_W, None)),
        "relu1": (tr("the first convolution's output"), (m, n_H, n_W, n_C1)),
        "pool1": (tr("the first pooling's output"), (m, h1, w1, n_C1)),
        "conv2": (tr("its input"), (m, h1, w1, n_C1)),
        "relu2": (tr("the second convolution's output"), (m, h1, w1, n_C2)),
        "pool2": (tr("the second pooling's output"), (m, h2, w2, n_C2)),
        "flatten": (tr("the shape it flattened"), (m, h2, w2, n_C2)),
        "dense": (tr("its input"), (m, h2 * w2 * n_C2)),
    }
    forms = {"conv": (tuple, 5, "(x_shape, cols, w, stride, pad)"), "relu": (np.ndarray, None, tr("the array x")),
             "pool": (tuple, 4, "(x, out, size, stride)"), "flatten": (tuple, None, tr("x's shape")),
             "dense": (tuple, 2, "(x, w)")}
    summary = []
    for k, (name, cache) in enumerate(zip(CACHE_NAMES, caches)):
        kind = name.rstrip("12")
        form_type, form_length, form_text = forms[kind]
        function = {"conv": "conv2d_forward", "pool": "maxpool_forward", "dense": "affine_forward"}.get(
            kind, f"{kind}_forward")
        where = tr("caches[{k}] should be the cache of {name} (what {function} returned as its second value, {form})",
                   k=k, name=name, function=function, form=form_text)
        if not isinstance(cache, form_type) or (form_length is not None and len(cache) != form_length):
            length = tr(" of length {length}", length=len(cache)) if isinstance(cache, tuple) else ""
            fail(tr("{where}, but it is {described}{length}. Did you store the caches in another order, or the same "
                    "cache twice?", where=where, described=describe(cache), length=length))
        if kind == "conv":
            shape = tuple(cache[0])
        elif kind == "relu":
            shape = cache.shape
        elif kind == "pool":
            shape = np.shape(cache[1])
        elif kind == "flatten":
            shape = tuple(cache)
        else:
            shape = np.shape(cache[0])
        what, want = expected[name]
        if len(shape) != len(want) or any(w is not None and s != w for s, w in zip(shape, want)):
            fail(tr("{where}; {what} should have the shape {want}, but it has the shape {shape}. Did you store the "
                    "caches in another order, reuse one layer's cache for another, or use the wrong pad (pad=1 keeps a "
                    "3x3 convolution's output as large as its input)?", where=where, what=what,
                    want=tuple(w if w is not None else "?" for w in want), shape=tuple(shape)))
        summary.append(shape)
    return summary


def _forward_hint():
    return tr("a shape mismatch inside a layer usually comes from a wrong pad (pad=1 keeps a 3x3 convolution's "
              "output as large as its input: 28x28 stays 28x28), a missing pooling, or a layer fed the wrong "
              "input (each layer takes the previous layer's output).")


def _check_model_forward(model_forward, quiet=False):
    X, Y = training_batch(8)
    parameters = case_parameters((28, 28, 1), 4, 8, 10, seed=1)
    result = _call_explained(model_forward, "model_forward", _forward_hint(), X, parameters)
    scores, caches = unpack(result, ("scores", "caches"), "model_forward")
    label = tr("scores = model_forward(X, parameters) on the first 8 training images (n_C1 = 4, n_C2 = 8)")
    assert_shape(scores, (8, 10), label, hints=[((10, 8), tr("one row per image, one column per class: (m, 10)."))])
    shapes = _intermediate_shapes(caches, 8, 28, 28, 4, 8)
    got = plain_array(scores, "scores")
    mistakes = [(lambda g, mean=mean: abs(float(np.mean(g)) - mean) < 1e-9, hint) for mean, hint in _forward_mistakes()]
    mistakes.append((lambda g: np.all(g >= 0) and np.allclose(g.sum(axis=1), 1),
                     tr("each row sums to 1: you applied the softmax. model_forward returns the scores (logits); "
                        "the softmax belongs to the loss.")))
    mistakes.append((lambda g: np.all(g >= 0) and not np.allclose(g.sum(axis=1), 1),
                     tr("every score is >= 0: there is no ReLU after the dense layer; the scores come straight out "
                        "of it.")))
    assert_close(got, _FORWARD_SCORES, label, rtol=1e-6, atol=1e-8, hints=mistakes)
    loss, _ = full_model.softmax_cross_entropy(got, Y)
    if not quiet:
        arrow = " -> ".join(f"{name} {shape}" for name, shape in
                            zip(("input", "conv1", "pool1", "conv2", "pool2", "flatten", "scores"),
                                (shapes[0], shapes[1], shapes[2], shapes[4], shapes[5], shapes[7], tuple(got.shape))))
        print(tr("Shapes through the network (relu keeps the shape):\n  ") + arrow.replace(" -> ", "\n  -> "))
        print(tr("Loss of these scores on the batch (the course's softmax cross-entropy): {loss:.6f}", loss=loss))
    return loss


@exercise_check("model_forward")
def check_model_forward(model_forward):
    """The shape of every intermediate (read from the caches), the scores and the loss on a fixed batch."""
    loss = _check_model_forward(model_forward)
    assert_close(loss, _FORWARD_LOSS, tr("the loss on the fixed batch"), rtol=1e-6)
    passed(tr("model_forward: every intermediate has the right shape, and the scores (and their loss, {loss:.6f}) "
              "are right.", loss=loss))


# --- exercise 3: compute_loss ----------------------------------------------------------------------------------------

def loss_case(compute_loss, scores, Y, label, rtol=1e-6):
    """compute_loss on one case against the course's softmax_cross_entropy, with hints for classic mistakes."""
    loss, dscores = call_compute_loss(compute_loss, scores, Y)
    expected_loss, expected_dscores = full_model.softmax_cross_entropy(scores.copy(), Y)
    m = scores.shape[0]
    got_loss = assert_scalar(loss, f"loss ({label})")
    if not np.isfinite(got_loss):
        fail(tr("loss ({label}) is {got_loss}: exp overflowed. Subtract each row's largest score before exp (it "
                "does not change the softmax).", label=label, got_loss=float(got_loss)))
    loss_hints = [
        (lambda g: m > 1 and abs(float(g) - m * expected_loss) < 1e-6 * max(1, m * abs(expected_loss)),
         tr("your loss is {m} times too large: average over the m = {m} examples (np.mean), do not sum.", m=m)),
        (lambda g: abs(float(g) + expected_loss) < 1e-9, tr("the sign is wrong: the loss is -log(probability).")),
    ]
    assert_close(got_loss, expected_loss, f"loss ({label})", rtol=rtol, atol=1e-9, hints=loss_hints)
    assert_shape(dscores, scores.shape, f"dscores ({label})")
    probabilities = expected_dscores * m
    probabilities[np.arange(m), Y] += 1
    dscore_hints = [
        (lambda g: m > 1 and np.allclose(g, expected_dscores * m), tr("dscores is {m} times too large: the loss is "
                                                                      "a mean, so divide its gradient by m = {m}.",
                                                                      m=m)),
        (lambda g: np.allclose(g, probabilities / m) or np.allclose(g, probabilities),
         tr("subtract 1 at the correct class of each row: dscores = (softmax(scores) - one_hot(Y)) / m.")),
        (lambda g: np.allclose(g, -expected_dscores), tr("the sign is wrong: dscores = (softmax - one_hot) / m.")),
        (lambda g: np.isnan(g).any(), tr("there are NaNs: exp overflowed. Subtract each row's largest score first.")),
    ]
    assert_close(dscores, expected_dscores, f"dscores ({label})", rtol=rtol, atol=1e-10 if rtol <= 1e-6 else 1e-7,
                 hints=dscore_hints)


def _check_compute_loss(compute_loss):
    scores = np.array([[1.0, 2.0, 3.0], [2.0, 0.0, -1.0], [0.5, 0.5, 0.5], [-1.0, 4.0, 0.0]])
    loss_case(compute_loss, scores, np.array([2, 0, 1, 0]), tr("4 examples, 3 classes"))
    loss_case(compute_loss, scores[1:2], np.array([1]), tr("1 example"))
    big = np.array([[1000.0, 990.0, 1010.0], [-800.0, -805.0, -790.0]])
    loss_case(compute_loss, big, np.array([0, 2]), tr("scores around +1000 and -800, where exp overflows"))


@exercise_check("compute_loss")
def check_compute_loss(compute_loss):
    """Loss and gradient against the course's softmax_cross_entropy (which compute_loss may not call), including
    scores of +-1000 where a plain exp overflows."""
    _check_compute_loss(compute_loss)
    passed(tr("compute_loss: the loss and its gradient are right, averaged over the batch, and stable for large "
              "scores."))


# --- exercise 4: model_backward --------------------------------------------------------------------------------------

def gradient_check_model(grads, loss_of_parameters, parameters, label, tolerance=1e-6):
    """Compare grads with centred differences of loss_of_parameters(), one parameter entry at a time.

    parameters is the dict loss_of_parameters reads (its arrays are nudged in place and restored)."""
    shapes = {name: value.shape for name, value in parameters.items()}
    got = check_parameter_dict(grads, shapes, "grads")
    errors = {}
    for name in PARAMETER_NAMES:
        numeric = numeric_gradient(loss_of_parameters, parameters[name])
        result = relative_error(got[name], numeric, name="d" + name, tolerance=tolerance)
        errors[name] = result
    wrong = [name for name in PARAMETER_NAMES if not errors[name].passed]
    if wrong:
        first = errors[wrong[0]]
        right = [name for name in PARAMETER_NAMES if errors[name].passed]
        message = (tr("grads[{name!r}] ({label}) does not match the numeric gradient of the loss: relative error "
                      "{relative_error:.2e} (tolerance {tolerance:.0e}); worst at index {worst_index}: yours "
                      "{analytic:.8g}, numeric {numeric:.8g}. Wrong: {wrong}; right: {right_or_none}.",
                      name=wrong[0], label=label, relative_error=first.relative_error, tolerance=tolerance,
                      worst_index=first.worst_index, analytic=first.analytic, numeric=first.numeric, wrong=wrong,
                      right_or_none=right or 'none'))
        if "W3" in right and "b3" in right:
            message += (tr(" Hint: the dense layer's gradients are right, so the mistake comes after it in the "
                           "backward pass: go back through flatten, pool2, relu2, conv2, pool1, relu1, conv1, in "
                           "this order, each with its own cache."))
        elif set(wrong) == set(PARAMETER_NAMES):
            message += tr(" Hint: even the dense layer's gradients are wrong: start from dscores and the dense "
                          "cache.")
        fail(message)
    return errors


def _tiny_case(seed=2):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((3, 8, 8, 1))
    Y = rng.integers(0, 4, 3)
    return X, Y, case_parameters((8, 8, 1), 2, 3, 4, seed=seed)


def _check_model_backward(model_backward, model_forward, compute_loss):
    X, Y, parameters = _tiny_case()
    scores, caches = model_forward(X, parameters)
    loss, dscores = compute_loss(scores, Y)
    grads = _call_explained(model_backward, "model_backward",
                            tr("go back through the layers in reverse order, each backward function with the cache "
                               "of its own layer, and give each the gradient the layer after it returned."),
                            dscores, caches)
    return gradient_check_model(grads, lambda: compute_loss(model_forward(X, parameters)[0], Y)[0], parameters,
                                tr("3 images 8x8, n_C1 = 2, n_C2 = 3, 4 classes"))


@exercise_check("model_backward")
def check_model_backward(model_backward, model_forward, compute_loss):
    """A gradient check of the whole model on a tiny batch (float64): every entry of every parameter."""
    _require("model_backward", model_backward, {"model_forward": (_check_model_forward, model_forward, True),
                                                "compute_loss": (_check_compute_loss, compute_loss)},
             probe=(None, [None] * 8))
    errors = _check_model_backward(model_backward, model_forward, compute_loss)
    worst = max(errors.values(), key=lambda result: result.relative_error)
    passed(tr("model_backward: every gradient matches the numeric gradient of the loss (largest relative error "
              "{relative_error:.1e}, in {name}).", relative_error=worst.relative_error, name=worst.name))


# --- exercise 5: update_parameters -----------------------------------------------------------------------------------

def adam_case(seed, shapes, steps):
    """Parameters and a sequence of gradients for an Adam check (float64)."""
    rng = np.random.default_rng(seed)
    parameters = {name: rng.standard_normal(shape) for name, shape in shapes.items()}
    grads = [{name: rng.standard_normal(shape) for name, shape in shapes.items()} for _ in range(steps)]
    return parameters, grads


def compare_adam_steps(update_parameters, parameters, grads_sequence, label, **hyperparameters):
    """Run the student's update_parameters for len(grads_sequence) steps with one state, and compare the
    parameters after every step with the course's Adam (cnn_utils.reference.full_model.adam)."""
    state, expected_state = {}, {}
    expected = copy_parameters(parameters)
    current = copy_parameters(parameters)
    adam_kwargs = {{"learning_rate": "lr", "epsilon": "eps"}.get(k, k): v for k, v in hyperparameters.items()}
    lr = hyperparameters.get("learning_rate", 0.001)
    for step, grads in enumerate(grads_sequence, start=1):
        before = copy_parameters(expected)
        full_model.adam(expected, copy_parameters(grads), expected_state, **adam_kwargs)
        got = call_update_parameters(update_parameters, current, grads, state, **hyperparameters)
        first_name = next(iter(parameters))
        change = expected[first_name] - before[first_name]
        gradient = grads[first_name]
        first_hints = [
            (lambda g: np.allclose(g - before[first_name], -change, rtol=1e-6, atol=1e-12),
             tr("the parameters moved the wrong way: gradient descent subtracts, parameter -= learning_rate * ...")),
            (lambda g: np.allclose(g - before[first_name], -lr * gradient, rtol=1e-6, atol=1e-12),
             tr("this is plain gradient descent, parameter -= learning_rate * gradient: Adam moves by learning_rate "
                "* m_hat / (sqrt(v_hat) + epsilon).")),
        ]
        if step == 1:
            first_hints.append((lambda g: np.allclose(np.abs(g - before[first_name]), lr * 0.1 / math.sqrt(0.001),
                                                      rtol=1e-3),
                                tr("the bias correction is missing: m_hat = m / (1 - beta1 ** t), v_hat = v / (1 - "
                                   "beta2 ** t).")))
        else:
            first_hints.append((lambda g: True, tr("the first step was right but not this one: keep t, m and v in "
                                                   "`state` between calls, and add 1 to t once per call.")))
        later_hints = [(lambda g: True, tr("parameters[{first_name!r}] was right after this step, so look at what "
                                           "changes from one parameter to the next: count the step t once per call "
                                           "(not once per parameter), and keep separate m and v for each parameter.",
                                           first_name=first_name))]
        for name in parameters:
            assert_close(got[name], expected[name], tr("parameters[{name!r}] after step {step}", name=name, step=step),
                         rtol=1e-6,
                         atol=1e-10, hints=first_hints if name == first_name else later_hints,
                         context=f"({label})")
        current = got
    return current


def one_step_lowers_the_loss(update_parameters, loss_and_grads, parameters, label, learning_rate=0.001):
    """One step of the student's update_parameters, on the gradient of a real loss, must lower that loss."""
    loss_before, grads = loss_and_grads(parameters)
    updated = call_update_parameters(update_parameters, parameters, grads, {}, learning_rate=learning_rate)
    loss_after, _ = loss_and_grads(updated)
    if not loss_after < loss_before:
        fail(tr("one step of update_parameters ({label}) did not lower the loss: {loss_before:.6f} before, "
                "{loss_after:.6f} after. Hint: a step goes against the gradient, parameter -= learning_rate * ...",
                label=label, loss_before=loss_before, loss_after=loss_after))
    return loss_before, loss_after


def _softmax_regression():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((20, 5))
    Y = rng.integers(0, 3, 20)

    def loss_and_grads(parameters):
        scores, cache = layers.affine_forward(X, parameters["W"], parameters["b"])
        loss, dscores = full_model.softmax_cross_entropy(scores, Y)
        _, dW, db = layers.affine_backward(dscores, cache)
        return loss, {"W": dW, "b": db}
    return loss_and_grads, {"W": 0.1 * rng.standard_normal((5, 3)), "b": np.zeros(3)}


def _check_update_parameters(update_parameters):
    parameters, grads = adam_case(5, {"W": (2, 3), "b": (3,)}, steps=3)
    compare_adam_steps(update_parameters, parameters, grads, "W (2, 3), b (3,), learning_rate 0.001",
                       learning_rate=0.001)
    loss_and_grads, start = _softmax_regression()
    return one_step_lowers_the_loss(update_parameters, loss_and_grads, start, tr("a softmax classifier"), 0.01)


@exercise_check("update_parameters")
def check_update_parameters(update_parameters):
    """Three Adam steps against the course's Adam; one step lowers a loss."""
    before, after = _check_update_parameters(update_parameters)
    passed(tr("update_parameters: three Adam steps are right, and one step lowers a loss ({before:.4f} -> "
              "{after:.4f}).", before=before, after=after))


# --- exercise 6: train -----------------------------------------------------------------------------------------------

# The first mini-batch of train(X, Y, ..., mini_batch_size=16, seed=0) on training_batch(64) with
# case_parameters((28, 28, 1), 4, 8, 10, seed=0, float32, zero biases): its loss and accuracy, before any update.
_TRAIN_FIRST_LOSS = 2.3504812717437744
_TRAIN_FIRST_ACCURACY = 0.1875
OVERFIT = {"num_epochs": 50, "mini_batch_size": 16, "learning_rate": 0.01, "seed": 0}


def overfit_case():
    """64 training images (float32), their labels, and small starting parameters (n_C1 = 4, n_C2 = 8)."""
    X, Y = training_batch(64, np.float32)
    return X, Y, case_parameters((28, 28, 1), 4, 8, 10, seed=0, dtype=np.float32, zero_bias=True)


def check_history(history, n_steps, num_epochs, label):
    for key in ("loss", "accuracy"):
        values = history[key]
        if not isinstance(values, list):
            fail(tr("history[{key!r}] should be a list with one value per step, but it is {described}.",
                    key=key, described=describe(values)))
        if len(values) != n_steps:
            hint = ""
            if len(values) == num_epochs:
                hint = tr(" Hint: append one value per mini-batch step, inside the loop over the mini-batches.")
            fail(tr("history[{key!r}] ({label}) should have one value per step, {n_steps}, but it has {count}."
                    "{hint}", key=key, label=label, n_steps=n_steps, count=len(values), hint=hint))
        for k, value in enumerate(values):
            if plain_array(value, f"history[{key!r}][{k}]").size != 1:
                fail(tr("history[{key!r}][{k}] should be one number (a float), but it is {described}.",
                        key=key, k=k, described=describe(value)))
    accuracy = np.array([float(np.asarray(value).item()) for value in history["accuracy"]])
    if np.any(accuracy < 0) or np.any(accuracy > 1):
        fail(tr("history['accuracy'] should hold fractions between 0 and 1 (the share of the mini-batch classified "
                "right), but some values are outside."))


def _check_train(train, model_forward):
    X, Y, parameters = overfit_case()
    n_steps = OVERFIT["num_epochs"] * 4
    trained, history = call_train(train, X, Y, parameters, progress=False, **OVERFIT)
    check_history(history, n_steps, OVERFIT["num_epochs"], tr("64 images, mini_batch_size 16, 50 epochs"))
    assert_close(history["loss"][0], _TRAIN_FIRST_LOSS, tr("history['loss'][0], the loss of the first mini-batch"),
                 rtol=1e-4, hints=[(lambda g: True, tr("epoch e must shuffle with random_mini_batches(X, Y, "
                                                       "mini_batch_size, seed=seed + e), and record the loss of "
                                                       "each step before updating."))])
    assert_close(history["accuracy"][0], _TRAIN_FIRST_ACCURACY,
                 tr("history['accuracy'][0], the accuracy of the first mini-batch"), rtol=1e-6,
                 hints=[(lambda g: True, tr("the accuracy of a step is the mean of (np.argmax(scores, axis=1) == "
                                            "Y_batch) over its mini-batch."))])
    trained = check_parameter_dict(trained, {name: value.shape for name, value in parameters.items()},
                                   tr("the parameters train returned"))
    scores, _ = model_forward(X, {name: value.astype(np.float32) for name, value in trained.items()})
    accuracy = float(np.mean(np.argmax(scores, axis=1) == Y))
    first, last = float(np.mean(history["loss"][:8])), float(np.mean(history["loss"][-8:]))
    if not last < first:
        fail(tr("the loss did not go down during training: {first:.4f} on average over the first 8 steps, {last:.4f}"
                " over the last 8. Hint: use the parameters update_parameters returns, and keep one `state` for the "
                "whole training.", first=first, last=last))
    if accuracy < 1.0:
        fail(tr("after {n_steps} steps on the same 64 images the model should know them all by heart (100% training "
                "accuracy), but it gets {accuracy:.1%}. Hint: pass learning_rate to update_parameters and use the "
                "parameters it returns in the next step.", n_steps=n_steps, accuracy=accuracy))
    return first, last, n_steps


@exercise_check("train")
def check_train(train, model_forward, compute_loss, model_backward, update_parameters):
    """Train a small model on 64 images for 200 steps: the history, the first step, and 100% training accuracy."""
    _require("train", train, {"model_forward": (_check_model_forward, model_forward, True),
                              "compute_loss": (_check_compute_loss, compute_loss),
                              "model_backward": (_check_model_backward, model_backward, model_forward, compute_loss),
                              "update_parameters": (_check_update_parameters, update_parameters)})
    first, last, n_steps = _check_train(train, model_forward)
    passed(tr("train: {n_steps} steps on 64 images took the loss from {first:.3f} to {last:.4f} and the training "
              "accuracy to 100%.", n_steps=n_steps, first=first, last=last))


def compare_histories(got, expected, label, rtol=1e-6):
    """Compare two training histories value by value."""
    for key in ("loss", "accuracy"):
        got_values = np.array([float(np.asarray(value).item()) for value in got[key]])
        assert_close(got_values, np.array(expected[key], dtype=float), f"history[{key!r}]", rtol=rtol, atol=1e-9,
                     context=core.hidden_case(label), hidden=True, hints=[
                         (lambda g: True, tr("the steps must follow the docstring: epoch e shuffles with "
                                             "random_mini_batches(X, Y, mini_batch_size, seed=seed + e); each step "
                                             "runs model_forward, compute_loss, model_backward and "
                                             "update_parameters (with learning_rate), and records the loss and the "
                                             "accuracy of that forward pass."))])


# --- exercise 7: predict ---------------------------------------------------------------------------------------------

def check_labels(labels, expected, label, batch_size, n_classes):
    """predict's labels against the expected ones, with hints for the classic mistakes."""
    assert_type(labels, np.ndarray, f"labels ({label})", tr("a NumPy array of integer labels"))
    m = expected.shape[0]
    n_batches = -(-m // batch_size)
    hints = [((m, n_classes), tr("these are the scores: return the class with the highest score, np.argmax(scores, "
                                 "axis=1).")),
             ((n_batches * n_classes,), tr("np.argmax over axis 0 picks an image per class: take it over the "
                                           "classes, axis=1.")),
             ((m, 1), tr("return a 1-D array of shape (m,)."))]
    if m % batch_size:
        hints.append(((m - m % batch_size,), tr("the last, smaller batch is missing: loop with range(0, m, "
                                                "batch_size), which includes it.")))
    assert_shape(labels, (m,), f"labels ({label})", hints=hints)
    if not np.issubdtype(labels.dtype, np.integer):
        fail(tr("labels ({label}) should be integers (class numbers), but their dtype is {labels_dtype}.",
                label=label, labels_dtype=labels.dtype))
    assert_close(labels, expected, f"labels ({label})", rtol=0, atol=0)


def _check_predict(predict, model_forward):
    X, _, parameters = _tiny_case(seed=6)
    X = np.random.default_rng(6).standard_normal((25, 8, 8, 1))
    expected = np.argmax(model_forward(X, parameters)[0], axis=1)
    labels = call(predict, X, parameters, batch_size=10, name="predict")
    check_labels(labels, expected, tr("25 images, batch_size 10"), 10, 4)
    labels = call(predict, X[:4], parameters, name="predict")
    check_labels(labels, expected[:4], tr("4 images, default batch_size"), 1000, 4)


@exercise_check("predict")
def check_predict(predict, model_forward):
    """Labels of 25 images predicted 10 at a time, against the argmax of model_forward's scores."""
    _require("predict", predict, {"model_forward": (_check_model_forward, model_forward, True)})
    _check_predict(predict, model_forward)
    passed(tr("predict: the labels are right, for a batch_size that divides m and for one that does not."))


# --- the cells after the exercises -----------------------------------------------------------------------------------

def require_written(*functions):
    """Stop a cell early, with a clear message, when an exercise it uses still raises NotImplementedError.

    Cells that show the trained model use variables the training cell sets; without this, an unfinished exercise
    would show up there as a confusing NameError."""
    for function in functions:
        if _is_stub(function):
            raise NotImplementedYet(tr("This cell needs {function}, which is not written yet: "
                                       "finish that exercise, then run the cells from the training on.",
                                       function=getattr(function, "__name__", tr("an exercise"))))
