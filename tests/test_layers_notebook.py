"""Notebook 6 (06_layers, layers as objects) without nbgrader: the reference, the visible checks, the hidden tests.

- the instructor's reference (cnn_grading.reference.layers) against the course's layer library (cnn_utils.layers)
  and against numeric gradients, and the state rules of the interface;
- the visible checks (cnn_utils.checks.layers) pass on the solution notebook's code and fail, with the message a
  learner needs, on each wrong submission of tests/wrong_submissions/06_layers.py; a wrong submission never makes
  another exercise's visible check fail (at worst, that check says it could not judge);
- the hidden tests (cnn_grading.hidden.layers) pass on the solution with a local stand-in for the grader's `student`
  and fail on each wrong submission of their own exercise only.
"""

import contextlib
import importlib
import io
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from cnn_grading.hidden import layers as hidden
from cnn_grading.hidden import questions
from cnn_grading.reference import layers as reference
from cnn_utils import checks
from cnn_utils import layers as L
from cnn_utils.checks import layers as layer_checks
from cnn_utils.checks.core import CheckFailure, NotImplementedYet
from cnn_utils.gradcheck import numeric_gradient, relative_error
from cnn_utils.runner import remote
from cnn_utils.runner.verdict import MissingHelper

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "solutions" / "06_layers" / "06_layers.ipynb"
WRONG = importlib.import_module("wrong_submissions.06_layers").WRONG
# Wrong submissions that no visible check can explain with a message of its own: a cell that does not run (the
# grader and validate say that its name is not defined; the checks that use it say they cannot judge) and a backward
# pass by numeric differentiation (right values: only the hidden tests' larger, timed cases catch it).
BEYOND_THE_VISIBLE_CHECK = {"im2col_cell_does_not_run", "dense_cell_does_not_run",
                            "dense_backward_by_numeric_differentiation"}
WRONG_LAYERS = sorted(student_id for student_id, (exercise, _) in WRONG.items()
                      if exercise != "answers" and student_id not in BEYOND_THE_VISIBLE_CHECK)
WRONG_ANSWERS = sorted(student_id for student_id, (exercise, _) in WRONG.items() if exercise == "answers")
# The answer key the notebook's questions were written with (its home: cnn_grading.hidden.questions.KEYS).
ANSWER_KEY = {"test_question_1": ("answer_1", "c"), "test_question_2": ("answer_2", "b"),
              "test_question_3": ("answer_3", "b")}

# The visible check of each exercise, as its test cell calls it (the names are the notebook's).
VISIBLE = {
    "im2col": lambda ns: layer_checks.check_im2col(ns["im2col"]),
    "col2im": lambda ns: layer_checks.check_col2im(ns["col2im"]),
    "Conv2D": lambda ns: layer_checks.check_conv2d(ns["Conv2D"], ns["im2col"], ns["col2im"]),
    "conv_input_gradient": lambda ns: layer_checks.check_conv_input_gradient(ns["conv_input_gradient"], ns["im2col"]),
    "ReLU": lambda ns: layer_checks.check_relu(ns["ReLU"]),
    "MaxPool2D": lambda ns: layer_checks.check_maxpool2d(ns["MaxPool2D"], ns["im2col"], ns["col2im"]),
    "Flatten": lambda ns: layer_checks.check_flatten(ns["Flatten"]),
    "Dense": lambda ns: layer_checks.check_dense(ns["Dense"]),
    "SoftmaxCrossEntropy": lambda ns: layer_checks.check_softmax_cross_entropy(ns["SoftmaxCrossEntropy"]),
    "Sequential": lambda ns: layer_checks.check_sequential(ns["Sequential"], ns["Dense"], ns["ReLU"]),
    "SGD": lambda ns: layer_checks.check_sgd(ns["SGD"], ns["Dense"]),
}
EXERCISES = list(VISIBLE)

# What the visible check must say about each wrong submission (a regular expression searched in its message).
EXPECTED_MESSAGE = {
    "im2col_channels_first": r"columns are in \(c, p, q\) order",
    "im2col_stride_ignored": r"stride 2, pad 1\).*values are wrong. First difference",
    "im2col_one_column_per_window": r"wrong shape.*Hint: this is the transpose: one ROW per window",
    "im2col_window_transposed": r"each window is transposed",
    "col2im_assigns": r"must receive the SUM of their entries: add \(\+=\)",
    "col2im_crop_minus_pad": r"is empty when pad = 0",
    "col2im_averages": r"this is the average of the windows' entries",
    "col2im_padding_kept": r"this is the padded shape: crop the padding",
    "conv_no_bias_gradient": r"grads has the keys \['W'\]; expected \['W', 'b'\].*\(missing: \['b'\]\)",
    "conv_forward_without_bias": r"Conv2D.forward\(x\).*Hint: the bias is missing",
    "conv_dW_averaged": r"dW was divided by m",
    "conv_grads_accumulated": r"second forward/backward step.*OVERWRITE grads",
    "conv_backward_without_guard": r"Conv2D.backward, called on a new Conv2D whose forward never ran, raised TypeError",
    "input_gradient_not_rotated": r"the filters are not rotated",
    "input_gradient_full_padding": r"wrong shape.*dZ gets f - 1 - pad zeros on each side, not f - 1",
    "input_gradient_channels_not_swapped": r"conv_input_gradient\(dZ, W, pad=1\).*values are wrong",
    "relu_of_the_gradient": r"this is ReLU applied to dout",
    "relu_times_output": r"this is dout times the forward's output",
    "relu_backward_without_guard": r"ReLU.backward, called on a new ReLU whose forward never ran, raised TypeError",
    "maxpool_gradient_to_every_position": r"dout was sent to every position of its window",
    "maxpool_average_gradient": r"dout was spread evenly over the window",
    "maxpool_first_maximum_only": r"tie for the maximum.*yours gives it to one",
    "flatten_examples_in_columns": r"wrong shape.*Hint: one ROW per example",
    "flatten_backward_not_reshaped": r"Flatten.backward\(dout\).*wrong shape.*with respect to the layer's INPUT",
    "flatten_cache_without_examples_axis": r"Flatten.backward raised ValueError: cannot reshape",
    "dense_grads_accumulated": r"second forward/backward step.*OVERWRITE grads",
    "dense_dicts_shared_by_all_instances": r"Two Dense layers share the same params dict",
    "dense_bias_gradient_averaged": r"grads\['b'\].*db was divided by m",
    "dense_backward_without_guard": r"Dense.backward, called on a new Dense whose forward never ran, raised "
                                    r"AttributeError",
    "softmax_without_max_shift": r"scores around 1000.*exp of a large score overflows",
    "softmax_gradient_not_divided_by_m": r"backward\(\).*Hint: divide by m",
    "softmax_loss_summed": r"this is the sum over the examples: the loss is the mean",
    "softmax_cache_changed_in_place": r"the first backward changed the cached probabilities in place",
    "sequential_backward_in_forward_order": r"Sequential.backward.*REVERSE order",
    "sequential_every_layer_gets_x": r"Sequential.forward.*previous layer's output",
    "sequential_list_shared_by_all_instances": r"Sequential.layers should be the list of the \d layers it was given",
    "sequential_gradient_not_chained": r"Sequential.backward.*REVERSE order",
    "sgd_not_in_place": r"replaced layer 0 \(Dense\).params\['W'\] by a new array",
    "sgd_without_memory": r"after step 2.*this is plain gradient descent",
    "sgd_one_velocity_per_name": r"SGD.step raised ValueError|layer 1 \(Dense\).params",
    "sgd_rebinds_a_local_name": r"the parameter did not change",
}


# --- the notebook's code, run in a namespace as the kernel runs it --------------------------------------------------

def _code_cells(replacements=None):
    """(grade_id, source) of the setup cell, the given Layer cell and the exercise cells, in order."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta.get("grade_id")
        if cell.cell_type == "code" and grade_id and not meta.get("grade") and grade_id != "self_check":
            cells.append((grade_id, (replacements or {}).get(grade_id, cell.source)))
    return cells


def notebook_namespace(replacements=None):
    """The notebook's functions and classes, with replacements {exercise grade_id: source}. A replaced cell that
    raises (a syntax error) stops there and the next cell runs, as in a kernel; the solution's cells never raise."""
    namespace = {"__name__": "__main__"}
    for grade_id, source in _code_cells(replacements):
        source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))
        try:
            exec(compile(source, f"<cell {grade_id}>", "exec"), namespace)
        except Exception:
            if grade_id not in (replacements or {}):
                raise
    return namespace


_namespaces = {}


def namespace_of(student_id=None):
    if student_id not in _namespaces:
        replacements = None
        if student_id is not None:
            exercise, source = WRONG[student_id]
            replacements = {exercise: source.strip("\n")}
        _namespaces[student_id] = notebook_namespace(replacements)
    return _namespaces[student_id]


class LocalStudent:
    """A stand-in for the grader's `student`: attribute access reads the notebook's namespace, `stand_ins` replaces
    names for the duration of a block (only by functions of exercises graded earlier, as the grader allows)."""

    def __init__(self, namespace, grading=None):
        self._namespace = namespace
        self._grading = grading

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._namespace[name]
        except KeyError:
            raise NameError(f"name {name!r} is not defined") from None

    @contextlib.contextmanager
    def stand_ins(self, **replacements):
        order = EXERCISES + ["answers"]
        for name in replacements:
            assert order.index(name) < order.index(self._grading), f"{self._grading} replaces {name}, graded later"
        saved = {name: self._namespace[name] for name in replacements}
        self._namespace.update(replacements)
        try:
            yield
        finally:
            self._namespace.update(saved)

    def object_id(self, obj, *path):
        for step in path:
            obj = obj[step] if isinstance(obj, dict) else getattr(obj, step)
        return id(obj)


def run_hidden(namespace, grade_id, seed):
    exercise = grade_id[len("test_"):]
    student = LocalStudent(namespace, grading=exercise if exercise in EXERCISES else "answers")
    with contextlib.redirect_stdout(io.StringIO()), np.errstate(all="ignore"):
        getattr(hidden, grade_id)(student, np.random.default_rng(seed))


def keys_written():
    """The questions' key is in cnn_grading.hidden.questions once notebook 6 (layers) has its entry there."""
    return "06_layers" in questions.KEYS


def run_question(namespace, grade_id):
    name = questions.entry("06_layers", grade_id)[0]
    questions.check_key("06_layers", grade_id, namespace[name])


class _AsTheGraderSees(dict):
    """A notebook's namespace as a test cell gets it: a name the notebook does not define is a MissingHelper."""

    def __missing__(self, name):
        return MissingHelper(remote.student_error("NameError", "NameError", f"name '{name}' is not defined", []))


def run_visible(namespace, exercise):
    """The printed output of an exercise's visible check."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), np.errstate(all="ignore"):
        VISIBLE[exercise](_AsTheGraderSees(namespace))
    return printed.getvalue()


# --- the reference --------------------------------------------------------------------------------------------------

CONV_CASES = [(2, 5, 5, 3, 4, 3, 1, 1), (2, 7, 6, 1, 3, 3, 2, 0), (1, 6, 5, 2, 3, 2, 2, 1), (1, 8, 5, 2, 2, 1, 3, 0),
              (2, 7, 9, 2, 3, 3, 3, 2)]


@pytest.mark.parametrize("m,H,W,C,n_C,f,stride,pad", CONV_CASES)
def test_reference_convolution_matches_the_course_layers(m, H, W, C, n_C, f, stride, pad):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((m, H, W, C))
    conv = reference.Conv2D(C, n_C, f, stride, pad, seed=1)
    conv.params["b"][...] = rng.standard_normal(n_C)
    out = conv.forward(x)
    expected, cache = L.conv2d_forward(x, conv.params["W"], conv.params["b"], stride, pad)
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)
    dout = rng.standard_normal(out.shape)
    dx = conv.backward(dout)
    dx_expected, dW_expected, db_expected = L.conv2d_backward(dout, cache)
    np.testing.assert_allclose(dx, dx_expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(conv.grads["W"], dW_expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(conv.grads["b"], db_expected, rtol=1e-12, atol=1e-12)
    cols = reference.im2col(x, f, stride, pad)
    np.testing.assert_array_equal(cols, layer_checks.CourseTruth.unfold(x, f, stride, pad))
    y = rng.standard_normal(cols.shape)
    np.testing.assert_allclose(reference.col2im(y, x.shape, f, stride, pad),
                               layer_checks.CourseTruth.fold(y, x.shape, f, stride, pad), rtol=1e-12, atol=1e-12)
    assert np.isclose(np.sum(cols * y), np.sum(x * reference.col2im(y, x.shape, f, stride, pad)), rtol=1e-12)
    if stride == 1 and pad <= f - 1:
        np.testing.assert_allclose(reference.conv_input_gradient(dout, conv.params["W"], pad), dx_expected,
                                   rtol=1e-12, atol=1e-12)


def test_reference_layers_match_the_course_layers():
    rng = np.random.default_rng(1)
    x = rng.integers(0, 3, size=(2, 7, 6, 3)).astype(float)   # tied maxima
    for f, stride in [(2, 2), (3, 2), (2, 1)]:
        pool = reference.MaxPool2D(f, stride)
        out = pool.forward(x)
        expected, cache = L.maxpool_forward(x, f, stride)
        np.testing.assert_array_equal(out, expected)
        dout = rng.standard_normal(out.shape)
        np.testing.assert_allclose(pool.backward(dout), L.maxpool_backward(dout, cache), rtol=1e-12, atol=1e-12)
    x = rng.standard_normal((4, 5))
    relu, dense = reference.ReLU(), reference.Dense(5, 3, seed=2)
    np.testing.assert_array_equal(relu.forward(x), L.relu_forward(x)[0])
    np.testing.assert_array_equal(relu.backward(x), L.relu_backward(x, x))
    dense.params["b"][...] = rng.standard_normal(3)
    out, cache = L.affine_forward(x, dense.params["W"], dense.params["b"])
    np.testing.assert_allclose(dense.forward(x), out, rtol=1e-12)
    dout = rng.standard_normal(out.shape)
    dx = dense.backward(dout)
    for got, expected in zip((dx, dense.grads["W"], dense.grads["b"]), L.affine_backward(dout, cache)):
        np.testing.assert_allclose(got, expected, rtol=1e-12)
    flat = reference.Flatten()
    x4 = rng.standard_normal((3, 2, 4, 5))
    np.testing.assert_array_equal(flat.forward(x4), L.flatten_forward(x4)[0])
    np.testing.assert_array_equal(flat.backward(np.ones((3, 40))), np.ones(x4.shape))
    scores, y = rng.standard_normal((6, 4)) * 300, rng.integers(0, 4, 6)
    loss_fn = reference.SoftmaxCrossEntropy()
    loss, dscores = layer_checks.CourseTruth.softmax_cross_entropy(scores, y)
    assert np.isclose(loss_fn.forward(scores, y), loss) and np.isfinite(loss)
    np.testing.assert_allclose(loss_fn.backward(), dscores, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(loss_fn.backward(0.5), dscores / 2, rtol=1e-12, atol=1e-15)


def test_reference_sgd_matches_sgd_momentum_and_updates_in_place():
    rng = np.random.default_rng(2)
    layers = [reference.Dense(3, 3, seed=1), reference.ReLU(), reference.Dense(3, 3, seed=2)]
    optimizer = reference.SGD(layers, lr=0.1, momentum=0.9)
    expected = [{k: v.copy() for k, v in layer.params.items()} for layer in layers]
    states = [{} for _ in layers]
    ids = [{k: id(v) for k, v in layer.params.items()} for layer in layers]
    for _ in range(3):
        for layer in layers:
            layer.grads.update({k: rng.standard_normal(v.shape) for k, v in layer.params.items()})
        for params, layer, state in zip(expected, layers, states):
            L.sgd_momentum(params, layer.grads, state, lr=0.1, momentum=0.9)
        optimizer.step()
        for params, layer, identity in zip(expected, layers, ids):
            for key in params:
                np.testing.assert_allclose(layer.params[key], params[key], rtol=1e-12)
                assert id(layer.params[key]) == identity[key]


def _spread(rng, shape):
    return layer_checks.spread_values(rng, shape)


@pytest.mark.parametrize("kind", ["Conv2D", "MaxPool2D", "ReLU", "Flatten", "Dense"])
def test_reference_gradients_match_numeric_gradients(kind):
    rng = np.random.default_rng(3)
    make = {"Conv2D": lambda: reference.Conv2D(2, 3, 3, stride=2, pad=1, seed=4),
            "MaxPool2D": lambda: reference.MaxPool2D(2, 1), "ReLU": reference.ReLU, "Flatten": reference.Flatten,
            "Dense": lambda: reference.Dense(6, 4, seed=5)}[kind]
    x = _spread(rng, (2, 5, 4, 2)) + 0.05 if kind != "Dense" else rng.standard_normal((3, 6))   # no 0: ReLU's kink
    layer = make()
    if "b" in layer.params:
        layer.params["b"][...] = rng.standard_normal(layer.params["b"].shape)
    out = layer.forward(x)
    dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout)
    result = relative_error(dx, numeric_gradient(lambda: layer.forward(x), x, dout), tolerance=1e-7)
    assert result.passed, str(result)
    for name, param in layer.params.items():   # forward reads the parameter, nudged in place
        result = relative_error(layer.grads[name], numeric_gradient(lambda: layer.forward(x), param, dout),
                                name=name, tolerance=1e-7)
        assert result.passed, str(result)


def test_reference_softmax_gradient_matches_numeric_gradient():
    rng = np.random.default_rng(4)
    scores, y = rng.standard_normal((5, 4)), rng.integers(0, 4, 5)
    loss_fn = reference.SoftmaxCrossEntropy()
    loss_fn.forward(scores, y)
    dscores = loss_fn.backward()
    result = relative_error(dscores, numeric_gradient(lambda: loss_fn.forward(scores, y), scores), tolerance=1e-7)
    assert result.passed, str(result)


@pytest.mark.parametrize("make", [lambda: reference.Conv2D(1, 2, 3), reference.ReLU, lambda: reference.MaxPool2D(),
                                  reference.Flatten, lambda: reference.Dense(3, 2), reference.SoftmaxCrossEntropy])
def test_reference_backward_before_forward_raises_runtime_error(make):
    layer = make()
    with pytest.raises(RuntimeError, match="before"):
        layer.backward(np.ones((1, 2))) if not isinstance(layer, reference.SoftmaxCrossEntropy) else layer.backward()


def test_reference_overwrites_gradients_and_shares_nothing():
    rng = np.random.default_rng(5)
    first, second = reference.Dense(3, 2, seed=1), reference.Dense(3, 2, seed=1)
    assert first.params is not second.params and first.params["W"] is not second.params["W"]
    x, d1, d2 = rng.standard_normal((4, 3)), rng.standard_normal((4, 2)), rng.standard_normal((4, 2))
    first.forward(x)
    first.backward(d1)
    first.backward(d2)
    np.testing.assert_allclose(first.grads["W"], x.T @ d2)
    assert second.grads == {}


# --- the visible checks ---------------------------------------------------------------------------------------------

def test_the_solution_passes_every_visible_check():
    namespace = namespace_of(None)
    for exercise in EXERCISES:
        printed = run_visible(namespace, exercise)
        assert printed.startswith("✔") and "⚠" not in printed, f"{exercise}: {printed}"


@pytest.mark.parametrize("student_id", ["im2col_cell_does_not_run", "dense_cell_does_not_run"])
def test_a_cell_that_does_not_run_leaves_its_name_undefined(student_id):
    exercise, _ = WRONG[student_id]
    assert exercise not in namespace_of(student_id)


def test_an_sgd_that_replaces_the_parameter_arrays_fails():
    """SGD.__init__ giving each layer equal-valued copies of its parameters: whoever held the arrays before (a saved
    model, a tied weight) would never see an update."""
    copies = notebook_namespace({"SGD": """
class SGD:
    def __init__(self, layers, lr=0.01, momentum=0.9):
        self.layers, self.lr, self.momentum = list(layers), lr, momentum
        self.velocities = [{} for _ in self.layers]
        for layer in self.layers:
            layer.params = {key: value.copy() for key, value in layer.params.items()}

    def step(self):
        for layer, velocity in zip(self.layers, self.velocities):
            for key, param in layer.params.items():
                v = velocity.setdefault(key, np.zeros_like(param))
                v *= self.momentum
                v -= self.lr * layer.grads[key]
                param += v
"""})
    with pytest.raises(CheckFailure, match="making an SGD changed the parameters that layer 0 .*the same arrays"):
        run_visible(copies, "SGD")


def test_every_exercise_has_at_least_three_wrong_submissions():
    counts = {exercise: sum(1 for own, _ in WRONG.values() if own == exercise) for exercise in EXERCISES + ["answers"]}
    assert all(count >= 3 for count in counts.values()), counts
    assert set(EXPECTED_MESSAGE) == set(WRONG_LAYERS)


@pytest.mark.parametrize("student_id", WRONG_LAYERS)
def test_the_visible_check_explains_each_wrong_submission(student_id):
    exercise, _ = WRONG[student_id]
    with pytest.raises(AssertionError) as failure:
        run_visible(namespace_of(student_id), exercise)
    assert isinstance(failure.value, CheckFailure), f"{type(failure.value).__name__}: {failure.value}"
    message = str(failure.value)
    assert re.search(EXPECTED_MESSAGE[student_id], message, re.S), message


@pytest.mark.parametrize("student_id", sorted(WRONG))
def test_a_wrong_submission_fails_no_other_visible_check(student_id):
    exercise, _ = WRONG[student_id]
    namespace = namespace_of(student_id)
    for other in EXERCISES:
        if other != exercise:
            printed = run_visible(namespace, other)   # raises when the check fails
            assert printed.startswith(("✔", "⚠")), f"{other}: {printed}"


def test_a_check_that_cannot_judge_says_why_and_counts_as_not_checked():
    namespace = namespace_of("im2col_channels_first")
    printed = run_visible(namespace, "Conv2D")
    assert printed.startswith("⚠ Conv2D could not be checked: im2col gives wrong results on this check's inputs, and "
                              "your Conv2D runs with your im2col here")
    assert "When graded, Conv2D is checked with a correct im2col" in printed
    from cnn_utils.checks import core
    assert core._outcomes["Conv2D"].startswith("not checked")


def test_an_unwritten_exercise_says_so():
    blank = notebook_namespace({"Dense": "class Dense(Layer):\n    def __init__(self, n_in, n_out, seed=0):\n"
                                         "        raise NotImplementedError()"})
    with pytest.raises(NotImplementedYet, match="Dense.__init__ is not written yet"):
        run_visible(blank, "Dense")


# --- the hidden tests -----------------------------------------------------------------------------------------------

GRADE_IDS = [f"test_{exercise}" for exercise in EXERCISES]
QUESTION_IDS = ["test_question_1", "test_question_2", "test_question_3"]


def test_every_grade_cell_has_its_hidden_test():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cells = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert cells == GRADE_IDS + QUESTION_IDS
    assert {name for name in vars(hidden) if name.startswith("test_")} == set(GRADE_IDS)


def test_the_solution_answers_with_the_key():
    namespace = namespace_of(None)
    for name, key in ANSWER_KEY.values():
        assert namespace[name] == key
    if keys_written():
        assert {grade_id: item[:2] for grade_id, item in questions.KEYS["06_layers"].items()} == ANSWER_KEY


@pytest.mark.parametrize("seed", [11, 2024])
def test_the_solution_passes_every_hidden_test(seed):
    namespace = namespace_of(None)
    for grade_id in GRADE_IDS:
        run_hidden(namespace, grade_id, seed)
    if keys_written():
        for grade_id in QUESTION_IDS:
            run_question(namespace, grade_id)


@pytest.mark.parametrize("student_id", WRONG_LAYERS)
def test_a_wrong_submission_fails_its_own_hidden_test_only(student_id):
    exercise, _ = WRONG[student_id]
    namespace = namespace_of(student_id)
    for grade_id in GRADE_IDS:
        if grade_id == f"test_{exercise}":
            with pytest.raises(CheckFailure):
                run_hidden(namespace, grade_id, 11)
        else:
            run_hidden(namespace, grade_id, 11)


@pytest.mark.parametrize("student_id", WRONG_ANSWERS)
def test_a_wrong_answers_cell_passes_every_exercise_and_fails_every_question(student_id):
    namespace = namespace_of(student_id)
    for grade_id in GRADE_IDS:
        run_hidden(namespace, grade_id, 11)
    for number in (1, 2, 3):
        value = namespace[f"answer_{number}"]
        if value is None:
            with pytest.raises(NotImplementedYet):
                checks.check_answer(f"answer_{number}", value, choices="abcd")
        elif not isinstance(value, str):
            with pytest.raises(CheckFailure):
                checks.check_answer(f"answer_{number}", value, choices="abcd")
    if not keys_written():
        pytest.skip("cnn_grading.hidden.questions.KEYS has no entry for 06_layers yet")
    for grade_id in QUESTION_IDS:
        with pytest.raises((AssertionError, NotImplementedError)):   # CheckFailure; NotImplementedYet when unanswered
            run_question(namespace, grade_id)
