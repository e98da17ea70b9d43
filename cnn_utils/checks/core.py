"""The machinery every check uses: safe calls, comparisons with messages a learner can act on, pass lines.

A failed check raises CheckFailure (an AssertionError) whose message says what was expected, what came back, where
the first difference is, and a hint when a classic mistake explains it. Values are compared as plain float64 copies,
with NumPy functions captured when this module is imported (before any student code runs), so that objects with
rigged comparison operators or a patched `np.allclose` change nothing.
"""

import contextlib
import copy

import numpy as np

from ..i18n import tr

# Captured at import time: the checks never look these up on the numpy module again.
_array = np.array
_abs = np.abs
_isnan = np.isnan
_argwhere = np.argwhere
_ndarray = np.ndarray
_generic = np.generic
_float64 = np.float64
_max = np.max
_maximum = np.maximum
_sum = np.sum


class CheckFailure(AssertionError):
    """A check failed; the message explains what is wrong."""


class NotImplementedYet(NotImplementedError):
    """The function under test still raises NotImplementedError: its exercise is not done."""


def fail(message):
    raise CheckFailure(message)


def hint_text(hint):
    """ " Hint: <hint>", in the current language, to append to a failure's message."""
    return tr(" Hint: {hint}", hint=hint)


# Contexts that say "this is a hidden test case", in every language of the course: on such a case assert_close keeps
# the expected values to itself. A check that knows the case is hidden says so with assert_close(..., hidden=True).
HIDDEN_MARKERS = ("hidden test case", "隐藏测试")


def is_hidden_context(context):
    """True when a context (a case described in words, in either language) is a hidden test case."""
    return any(marker in str(context) for marker in HIDDEN_MARKERS)


def hidden_case(label):
    """The context of a hidden test case, "on a hidden test case (<label>)", in the current language."""
    return tr("on a hidden test case ({label})", label=label)


def passed(message):
    """Print the pass line of a check."""
    print(f"✔ {message}")


def describe(value):
    """A short description of a value's type and shape, for messages."""
    if isinstance(value, _ndarray):
        return tr("a NumPy array of shape {value_shape} and dtype {value_dtype}",
                  value_shape=value.shape, value_dtype=value.dtype)
    return tr("a value of type {value_type}", value_type=type(value).__name__)


def plain_array(value, name):
    """Copy value into a float64 ndarray, refusing anything that is not a number or an array of numbers.

    The copy has no behaviour of its own: whatever the student's object does in `__eq__` or `__sub__` is gone.
    """
    if value is None:
        fail(tr("{name} is None. Did your function forget to `return` its result?", name=name))
    if not isinstance(value, (_ndarray, _generic, int, float)):
        fail(tr("{name} should be a NumPy array or a number, but it is {describe_value}.",
                name=name, describe_value=describe(value)))
    try:
        result = _array(value, dtype=_float64, copy=True)
    except (TypeError, ValueError) as error:
        fail(tr("{name} could not be read as numbers ({error}).", name=name, error=error))
    if type(result) is not _ndarray:
        fail(tr("{name} could not be read as a plain NumPy array.", name=name))
    return result


def assert_shape(got, expected_shape, name, hints=()):
    """Check an array's shape; hints is a list of (shape, message) pairs for shapes a classic mistake produces."""
    array = got if isinstance(got, _ndarray) else plain_array(got, name)
    if tuple(array.shape) != tuple(expected_shape):
        message = tr("{name} has the wrong shape: expected {expected_shape}, got {tuple_array_shape}.",
                     name=name, expected_shape=tuple(expected_shape), tuple_array_shape=tuple(array.shape))
        for shape, hint in hints:
            if tuple(array.shape) == tuple(shape):
                message += hint_text(hint)
        fail(message)


def assert_close(got, expected, name, rtol=1e-6, atol=1e-9, hints=(), context="", hidden=None):
    """Check got against expected element by element.

    Arguments:
    got -- the student's value (array or number)
    expected -- the correct value
    name -- what the value is called in the message, e.g. "Z" or "dA_prev[1, 1]"
    rtol, atol -- an element passes when |got - expected| <= atol + rtol * |expected|
    hints -- list of (predicate, message): predicate(got_array) True adds that hint to the message
    context -- appended to the message to say which case failed, e.g. "(stride 2, pad 0)"
    hidden -- True on a hidden test case: the message gives no expected value. None (the default): hidden when the
              context says so ("hidden test case" or, in Chinese, "隐藏测试"; see is_hidden_context)
    """
    got_array = plain_array(got, name)
    expected_array = _array(expected, dtype=_float64, copy=True)
    where = f" {context}" if context else ""
    if got_array.shape != expected_array.shape:
        if got_array.size == 1 and expected_array.size == 1:
            got_array = got_array.reshape(expected_array.shape)
        else:
            fail(tr("{name}{where} has the wrong shape: expected {expected_array_shape}, got {got_array_shape}.",
                    name=name, where=where, expected_array_shape=expected_array.shape, got_array_shape=got_array.shape)
                 + _matching_hints(got_array, hints))
    error = _abs(got_array - expected_array)
    tolerance = atol + rtol * _abs(expected_array)
    wrong = _isnan(got_array) != _isnan(expected_array)
    wrong = wrong | (~_isnan(error) & (error > tolerance))
    if not wrong.any():
        return
    first = tuple(int(i) for i in _argwhere(wrong)[0])
    n_wrong = int(_sum(wrong))
    finite = ~_isnan(error)
    max_abs = float(_max(error[finite])) if finite.any() else float("nan")
    max_rel = float(_max((error / _maximum(_abs(expected_array), 1e-12))[finite])) if finite.any() else float("nan")
    # On a hidden case the values stay with the grader: where it differs and by how much says enough to debug
    hidden = is_hidden_context(context) if hidden is None else hidden
    if got_array.ndim == 0:
        if hidden:
            message = tr("{name}{where} is wrong: relative error {max_rel:.3g}.", name=name, where=where,
                         max_rel=max_rel)
        else:
            message = tr("{name}{where} is wrong: expected {expected:.10g}, got {got:.10g}.", name=name, where=where,
                         expected=expected_array.item(), got=got_array.item())
    elif hidden:
        message = tr("{name}{where} has the right shape {shape} but {n_wrong} of its {size} values are wrong. First "
                     "difference at index {first}. Largest absolute error {max_abs:.3g}, largest relative error "
                     "{max_rel:.3g}.", name=name, where=where, shape=got_array.shape, n_wrong=n_wrong,
                     size=got_array.size, first=first, max_abs=max_abs, max_rel=max_rel)
    else:
        message = tr("{name}{where} has the right shape {shape} but {n_wrong} of its {size} values are wrong. First "
                     "difference at index {first}: expected {expected:.10g}, got {got:.10g}. Largest absolute error "
                     "{max_abs:.3g}, largest relative error {max_rel:.3g}.", name=name, where=where,
                     shape=got_array.shape, n_wrong=n_wrong, size=got_array.size, first=first,
                     expected=expected_array[first], got=got_array[first], max_abs=max_abs, max_rel=max_rel)
    fail(message + _matching_hints(got_array, hints))


def _matching_hints(got_array, hints):
    found = []
    for predicate, hint in hints:
        try:
            if predicate(got_array):
                found.append(hint)
        except Exception:  # a hint is a guess about the mistake; one that does not apply must not hide the failure
            continue
    return "".join(hint_text(hint) for hint in found)


def assert_type(got, expected_types, name, expectation):
    """Check isinstance(got, expected_types); expectation says it in words, e.g. 'a boolean NumPy array'."""
    if not isinstance(got, expected_types):
        fail(tr("{name} should be {expectation}, but it is {describe_got}.",
                name=name, expectation=expectation, describe_got=describe(got)))


def assert_scalar(got, name):
    """Accept a Python number, a NumPy scalar or an array holding exactly one number."""
    if isinstance(got, _ndarray) and got.size != 1:
        fail(tr("{name} should be a single number, but it is {describe_got}. Did you forget to sum over the window?",
                name=name, describe_got=describe(got)))
    return plain_array(got, name)


# --- calling the student's function ---------------------------------------------------------------------------

@contextlib.contextmanager
def stand_ins(function, **replacements):
    """While the block runs, `function` finds the given functions under these names: each exercise is graded on its
    own, so a mistake in a helper it calls costs only the helper's points.

    For a function of the notebook (in the student's own Jupyter), its global namespace is changed for the block; for
    a function judged by the grader (a proxy of a function in the grading kernel), the kernel's namespace is. The
    student's own versions are put back afterwards, even after a failure."""
    student = getattr(function, "_student", None)
    if student is not None:
        with student.stand_ins(**replacements):
            yield
        return
    namespace = getattr(function, "__globals__", None)
    missing = object()
    saved = {}
    if isinstance(namespace, dict):
        for name, replacement in replacements.items():
            saved[name] = namespace.get(name, missing)
            namespace[name] = replacement
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value


def object_id(obj, *path):
    """The identity of obj.<path> (attribute names and dict keys, in order), wherever obj lives: id() for an object
    of this process, the kernel's id() for an object the grader sees through a proxy. For checks of state: is a
    parameter updated in place, do two instances share an array?"""
    student = getattr(obj, "_student", None)
    if student is not None:
        return student.object_id(obj, *path)
    for step in path:
        obj = obj[step] if isinstance(obj, dict) else getattr(obj, step)
    return id(obj)


def call(function, *args, name=None, **kwargs):
    """Call a student's function the way every check does.

    The arguments are deep-copied (a function that changes its input in place fails with a clear message), and a
    function that still raises NotImplementedError gets a message saying so.
    """
    name = name or getattr(function, "__name__", tr("your function"))
    if not callable(function):
        fail(tr("{name} should be a function, but it is {describe_function}. Did you overwrite it with a value?",
                name=name, describe_function=describe(function)))
    originals = copy.deepcopy((args, kwargs))
    call_args, call_kwargs = copy.deepcopy((args, kwargs))
    try:
        result = function(*call_args, **call_kwargs)
    except NotImplementedError as error:
        raise NotImplementedYet(
            tr("{name} is not written yet: replace `raise NotImplementedError()` with your code, then run this cell "
               "again.", name=name)
        ) from error
    for original, after in zip(_flat_arrays(originals), _flat_arrays((call_args, call_kwargs))):
        if original.shape != after.shape or not (original == after).all():
            fail(tr("{name} changed one of its input arrays in place. Work on a copy (or on new arrays): the caller "
                    "still needs its inputs unchanged.", name=name))
    return result


def _flat_arrays(value):
    if isinstance(value, _ndarray):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _flat_arrays(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flat_arrays(item)


def unpack(result, names, function_name):
    """Check that a function returned a tuple of len(names) items, and return it."""
    if not isinstance(result, tuple) or len(result) != len(names):
        expected = "(" + ", ".join(names) + ")"
        if isinstance(result, tuple):
            fail(tr("{function_name} should return the tuple {expected}, but it returned {described} of length "
                    "{length}.", function_name=function_name, expected=expected, described=describe(result),
                    length=len(result)))
        fail(tr("{function_name} should return the tuple {expected}, but it returned {described}.",
                function_name=function_name, expected=expected, described=describe(result)))
    return result


def compare_with_reference(function, name, cases, output_names=None, rtol=1e-6, atol=1e-9):
    """Compare a student's function with the course's reference on several cases, element by element.

    Arguments:
    function -- the student's function
    name -- its exercise name, which is also the name of its reference in cnn_utils.reference
    cases -- list of (args, label): args is the tuple of positional arguments, label describes the case in words
             for the message (shapes and hyperparameters, never the values)
    output_names -- for functions returning a tuple, the name of each item; None for an item not to compare
                    (e.g. a cache). Leave None for a function that returns one value.
    """
    from .. import reference

    reference_function = getattr(reference, name)
    for args, label in cases:
        expected = reference_function(*copy.deepcopy(args))
        got = call(function, *args, name=name)
        if output_names is None:
            got, expected, names = (got,), (expected,), (tr("{name}'s result", name=name),)
        else:
            got, names = unpack(got, output_names, name), output_names
        for output_name, got_item, expected_item in zip(names, got, expected):
            if output_name is not None:
                assert_close(got_item, expected_item, output_name, rtol=rtol, atol=atol,
                             context=hidden_case(label), hidden=True)


# --- the self-check at the end of each notebook ------------------------------------------------------------------

_outcomes = {}


class NotChecked(Exception):
    """A visible check that cannot judge its exercise yet: code of another exercise that it runs is wrong or not
    written. The message says which and what to fix first; `outcome` is the self-check's line ("not checked: ...")."""

    def __init__(self, message, outcome=None):
        super().__init__(message)
        self.outcome = outcome or tr("not checked: {reason}", reason=message[:150])


def exercise_check(exercise):
    """Decorator for a notebook's visible check: records its outcome for `summary`, and passes errors on. A check
    that raises NotChecked prints why and returns None: the exercise is neither passed nor failed (when graded, it
    is judged on its own by its hidden tests, with correct versions of the other exercises)."""
    def decorate(check):
        def run(*args, **kwargs):
            try:
                result = check(*args, **kwargs)
            except NotChecked as skipped:
                _outcomes[exercise] = skipped.outcome
                print(tr("⚠ {exercise} could not be checked: {skipped}", exercise=exercise, skipped=skipped))
                return None
            except NotImplementedYet:
                _outcomes[exercise] = tr("not written yet")
                raise
            except AssertionError as error:
                _outcomes[exercise] = tr("failing: {reason}", reason=str(error).splitlines()[0][:150])
                raise
            except Exception as error:
                _outcomes[exercise] = tr("raised {error_type}: {reason}",
                                         error_type=type(error).__name__, reason=str(error)[:150])
                raise
            _outcomes[exercise] = "passed"  # a code, shown in the current language by summary()
            return result
        run.__name__ = check.__name__
        run.__doc__ = check.__doc__
        return run
    return decorate


def exercise_title(exercise):
    """An exercise's name as the self-check lists it: "question 2" and "... (gradient check)" in the current
    language, function and class names as they are."""
    if exercise.startswith("question "):
        return tr("question {number}", number=exercise[len("question "):])
    if exercise.endswith(" (gradient check)"):
        return tr("{name} (gradient check)", name=exercise[:-len(" (gradient check)")])
    return exercise


def summary(exercises):
    """Print one line per exercise: passed, failing (with the reason), or not checked in this session."""
    all_passed = True
    for exercise in exercises:
        outcome = _outcomes.get(exercise, tr("not checked yet: run its check cell"))
        all_passed &= outcome == "passed"
        shown = tr("passed") if outcome == "passed" else outcome
        print(f"{'✔' if outcome == 'passed' else '✘'} {exercise_title(exercise)}: {shown}")
    if all_passed:
        print(tr("All visible checks pass. Hidden tests run on other inputs when your notebook is graded. Before "
                 "submitting, save the notebook and run it from top to bottom as the grader will: Kernel > Restart "
                 "Kernel and Run All Cells, or in a terminal `python -m cnn_utils.validate <your notebook>`."))
    return all_passed


def assert_gradients_match(gradients, forward, inputs, dout, label, tolerance=1e-6):
    """Check gradients against centred differences of a forward function.

    Arguments:
    gradients -- {input name: the student's gradient}, e.g. {"A_prev": dA_prev, "W": dW, "b": db}
    forward -- function(**inputs) returning the forward output (an array); the reference forward, or the student's
    inputs -- {name: float64 array} the forward's array arguments; each named in `gradients` is nudged in turn
    dout -- the upstream gradient the backward pass received (shape of the forward output)
    label -- the case in words, for the message, e.g. "stride 2, pad 0"
    """
    from ..gradcheck import numeric_gradient, relative_error

    inputs = {name: _array(value, copy=True) for name, value in inputs.items()}
    for name, gradient in gradients.items():
        grad_name = "d" + name
        analytic = plain_array(gradient, grad_name)
        numeric = numeric_gradient(lambda: forward(**inputs), inputs[name], dout)
        if analytic.shape != numeric.shape:
            fail(tr("{grad_name} ({label}) has shape {analytic_shape}; a gradient has the shape of its variable, "
                    "{numeric_shape}.",
                    grad_name=grad_name, label=label, analytic_shape=analytic.shape, numeric_shape=numeric.shape))
        result = relative_error(analytic, numeric, name=grad_name, tolerance=tolerance)
        if not result.passed:
            failure = CheckFailure(tr(
                "{grad_name} ({label}) does not match the numeric gradient: relative error {relative_error:.2e} "
                "(tolerance {tolerance:.0e}); worst at index {worst_index}: yours {analytic:.8g}, numeric "
                "{numeric:.8g}.",
                grad_name=grad_name, label=label, relative_error=result.relative_error, tolerance=tolerance,
                worst_index=result.worst_index, analytic=result.analytic, numeric=result.numeric))
            failure.gradient = grad_name  # which gradient is wrong, for the caller's hint (in any language)
            raise failure
