"""The grading pipeline's parts, each on its own: the wire format, the cell rule, what each kernel may import, the
secret, and a real kernel judged from outside (docs/integrity.md)."""

import json
from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from cnn_grading import course, secret
from cnn_utils.runner import cells, remote, wire
from cnn_utils.runner.execute import ResilientExecute
from cnn_utils.runner.validate import VisibleTests

# --- the wire: plain data only ---------------------------------------------------------------------------------------


def roundtrip(value):
    kept = []
    data = json.loads(json.dumps(wire.encode(value, lambda obj: kept.append(obj) or len(kept))))
    return wire.decode(data, lambda handle, type_name, is_callable: ("handle", handle, type_name, is_callable)), kept


def test_plain_values_cross_exactly():
    value = {"a": np.arange(6.0).reshape(2, 3), "b": (1, 2.5, float("nan"), True, None, "x"), 3: [np.float32(1.5)],
             "c": np.array(2.0), "d": np.int64(7), "e": np.array([True, False])}
    back, kept = roundtrip(value)
    assert kept == []
    np.testing.assert_array_equal(back["a"], value["a"])
    assert back["b"][:2] == (1, 2.5) and np.isnan(back["b"][2]) and back["b"][3:] == (True, None, "x")
    assert type(back[3][0]) is np.float32 and back[3][0] == np.float32(1.5)
    assert type(back["c"]) is np.ndarray and back["c"].shape == ()
    assert type(back["d"]) is np.int64
    assert type(back["b"][1]) is float and type(back["b"][0]) is int


@pytest.mark.parametrize("value", [
    type("AlwaysRight", (float,), {"__eq__": lambda self, other: True})(1.0),
    type("Rigged", (np.ndarray,), {})((2,)),
    np.array([object()], dtype=object),
    lambda x: x,
])
def test_anything_with_behaviour_stays_in_the_kernel(value):
    back, kept = roundtrip(value)
    assert kept == [value] and back[0] == "handle"


@pytest.mark.parametrize("data", [
    {"$array": "not base64!"},
    {"$array": ""},
    {"$scalar": wire.encode(np.zeros(2), None)["$array"]},
    {"$float": "1e5000x"},
    {"$handle": "1"},
    {"unknown": 1},
    {},
    1.5,
    {"$dict": [[1]]},
    {"$dict": [[[1], 2]]},
])
def test_malformed_data_is_refused(data):
    with pytest.raises(wire.WireError):
        wire.decode(data, lambda *a: None)


def test_an_object_array_cannot_be_smuggled_as_npy():
    import base64
    import io

    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(wire.WireError):
        wire.decode({"$array": base64.b64encode(buffer.getvalue()).decode()}, lambda *a: None)


# --- the cell rule ---------------------------------------------------------------------------------------------------

def instructor_notebook():
    def meta(grade_id, **flags):
        return {"nbgrader": {"grade_id": grade_id, "grade": False, "solution": False, "locked": False,
                             "schema_version": 3, **flags}}
    nb = new_notebook()
    nb.cells = [new_code_cell("import numpy as np", metadata=meta("setup", locked=True)),
                new_code_cell("def f(x):\n    raise NotImplementedError()", metadata=meta("f", solution=True)),
                new_code_cell("checks.check_f(f)", metadata=meta("test_f", grade=True, locked=True, points=3))]
    return nb


def test_duplicates_keep_the_last_and_drop_copies_of_tests():
    reference = cells.reference_from_notebook(instructor_notebook())
    nb = instructor_notebook()
    nb.cells[1].source = "def f(x):\n    return 1"
    first_copy = nbformat.from_dict(json.loads(json.dumps(nb.cells[1])))
    first_copy.source = "def f(x):\n    return 0"
    nb.cells.insert(1, first_copy)
    nb.cells.append(nbformat.from_dict(json.loads(json.dumps(nb.cells[-1]))))
    notes = cells.tidy(nb, reference)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    assert ids == ["setup", None, "f", "test_f"]
    assert nb.cells[1].source.endswith("return 0") and nb.cells[2].source.endswith("return 1")
    assert any("duplicate of test_f was not run" in n for n in notes)


def test_cells_of_another_notebook_run_as_code_and_their_tests_do_not():
    reference = cells.reference_from_notebook(instructor_notebook())
    nb = instructor_notebook()
    nb.cells.append(new_code_cell("def g(): pass", metadata={"nbgrader": {"grade_id": "g", "solution": True}}))
    nb.cells.append(new_code_cell("checks.check_g(g)", metadata={"nbgrader": {"grade_id": "test_g", "grade": True}}))
    cells.tidy(nb, reference)
    assert [c.source for c in nb.cells][-1] == "def g(): pass"
    assert "nbgrader" not in nb.cells[-1].metadata


def test_stripped_cells_are_recognised_and_missing_tests_restored():
    reference = cells.reference_from_notebook(instructor_notebook())
    nb = instructor_notebook()
    for cell in nb.cells:
        del cell.metadata["nbgrader"]
    del nb.cells[2]
    notes = cells.tidy(nb, reference) + cells.restore(nb, reference)
    assert [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells] == ["setup", "f", "test_f"]
    assert nb.cells[2].source == "checks.check_f(f)" and nb.cells[2].metadata.nbgrader.points == 3
    assert any("was missing" in n for n in notes)


def test_an_edited_locked_cell_runs_as_the_instructor_wrote_it():
    reference = cells.reference_from_notebook(instructor_notebook())
    nb = instructor_notebook()
    nb.cells[0].source = "import numpy as np\nimport os  # edited"
    nb.cells[2].metadata.nbgrader.points = 100
    notes = cells.tidy(nb, reference) + cells.restore(nb, reference)
    assert nb.cells[0].source == "import numpy as np" and nb.cells[2].metadata.nbgrader.points == 3
    assert any("setup was edited" in n for n in notes)


# --- what a grading kernel may import -----------------------------------------------------------------------------

def test_every_module_of_cnn_utils_is_classified_once():
    root = course.package_root()
    modules = {str(p.relative_to(root)) for p in root.rglob("*.py") if "checks" not in p.relative_to(root).parts}
    listed = list(course.ALWAYS) + list(course.COMPUTES) + list(course.NEVER)
    assert len(listed) == len(set(listed))
    assert modules == set(listed)


@pytest.mark.parametrize("assignment,present,absent", [
    ("01_padding", [], ["reference/padding.py", "layers.py"]),
    ("02_conv_forward", ["reference/padding.py"], ["reference/forward_conv.py", "layers.py"]),
    ("03_conv_backward", ["reference/forward_conv.py"], ["reference/backward_conv.py", "layers.py"]),
    ("05_vectorize", ["reference/padding.py"], ["reference/forward_conv.py", "reference/backward_conv.py",
                                                "reference/pooling.py", "layers.py"]),
    ("06_layers", ["reference/padding.py"], ["layers.py", "reference/full_model.py", "reference/forward_conv.py",
                                           "reference/backward_conv.py", "reference/pooling.py"]),
    ("07_full_model", ["layers.py", "reference/pooling.py"], ["reference/full_model.py"]),
])
def test_no_correct_version_of_a_graded_function_is_mounted(tmp_path, assignment, present, absent):
    package = course.student_package(assignment, tmp_path)
    for module in present:
        assert (package / module).exists(), module
    for module in absent:
        assert not (package / module).exists(), module
    assert not (package / "bench.py").exists() and not list(package.rglob("__pycache__"))
    assert "grader runs the checks outside" in (package / "checks" / "__init__.py").read_text()


# --- the secret -------------------------------------------------------------------------------------------------------

def test_hidden_inputs_are_the_same_for_a_regrade_and_differ_between_students(tmp_path, monkeypatch):
    monkeypatch.delenv(secret.SECRET_VARIABLE, raising=False)
    key = secret.course_secret(tmp_path)
    assert key == secret.course_secret(tmp_path) and len(key) == 32
    assert oct((tmp_path / secret.SECRET_FILE).stat().st_mode)[-3:] == "600"
    draw = secret.hidden_rng(key, "01_padding", "ana", "test_zero_pad").standard_normal(4)
    np.testing.assert_array_equal(draw, secret.hidden_rng(key, "01_padding", "ana", "test_zero_pad").standard_normal(4))
    assert not np.allclose(draw, secret.hidden_rng(key, "01_padding", "bo", "test_zero_pad").standard_normal(4))
    (tmp_path / "elsewhere").mkdir()
    other = secret.course_secret(tmp_path / "elsewhere")
    assert not np.allclose(draw, secret.hidden_rng(other, "01_padding", "ana", "test_zero_pad").standard_normal(4))


# --- a real kernel, judged from outside ------------------------------------------------------------------------------

STUDENT = '''
import numpy as np

def double(x):
    return 2 * x

def broken(x):
    return x[10]

def unfinished(x):
    raise NotImplementedError()

def in_place(x):
    x += 1
    return x

class Counter:
    def __init__(self):
        self.params = {"w": np.zeros(2)}
    def step(self):
        self.params["w"] += 1
        return self.params["w"]

def forged(x):
    from IPython.display import display
    display({"application/x-cnn-grading": '{"value": {"$float": "6.0"}}'}, raw=True)
    return 0.0
'''

CHECKS = {
    "test_double": "checks.assert_close(checks.call(double, np.arange(3.0)), np.arange(3.0) * 2, 'double')\n"
                   "print('✔ double')",
    "test_broken": "broken(np.zeros(2))",
    "test_unfinished": "checks.call(unfinished, 1)",
    "test_in_place": "checks.call(in_place, np.zeros(2))",
    "test_counter": "c = Counter()\nbefore = checks.object_id(c, 'params', 'w')\nc.step()\n"
                    "assert checks.object_id(c, 'params', 'w') == before, 'not in place'\n"
                    "checks.assert_close(c.params['w'], np.ones(2), 'w')",
    "test_forged": "checks.assert_close(forged(3.0), 6.0, 'forged')",
    "test_missing": "missing_function(1)",
}


@pytest.fixture(scope="module")
def judged():
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# a notebook"), new_code_cell(STUDENT)]
    for grade_id, source in CHECKS.items():
        nb.cells.append(new_code_cell(source, metadata={"nbgrader": {
            "grade": True, "grade_id": grade_id, "locked": True, "points": 1, "solution": False,
            "schema_version": 3}}))
    executor = ResilientExecute(timeout=30, kernel_name="python3")
    executor.tests = VisibleTests(cells.reference_from_notebook(nb))
    executor.preprocess(nb, {"metadata": {"path": str(Path.cwd())}})
    return {c.metadata.nbgrader.grade_id: c.outputs for c in nb.cells if "nbgrader" in c.metadata}


def error_of(outputs):
    errors = [o for o in outputs if o.output_type == "error"]
    return (errors[0].ename, errors[0].evalue) if errors else None


def test_a_right_function_passes_and_its_pass_line_is_kept(judged):
    assert error_of(judged["test_double"]) is None
    assert judged["test_double"][0].text == "✔ double\n"


def test_the_students_error_is_named_with_its_line(judged):
    ename, evalue = error_of(judged["test_broken"])
    assert ename == "IndexError" and "broken raised IndexError" in evalue and "return x[10]" in evalue


def test_an_unfinished_exercise_says_so(judged):
    assert "unfinished is not written yet" in error_of(judged["test_unfinished"])[1]


def test_changing_an_input_in_place_is_seen_from_outside(judged):
    assert "changed one of its input arrays in place" in error_of(judged["test_in_place"])[1]


def test_objects_stay_in_the_kernel_and_their_identity_is_visible(judged):
    assert error_of(judged["test_counter"]) is None


def test_a_forged_answer_changes_nothing(judged):
    """The probe's answer is the last one displayed, so a function that displays a fake answer loses it; and a fake
    answer could only claim values, which the check compares with what it expects."""
    assert error_of(judged["test_forged"]) is not None


def test_a_missing_function_is_named(judged):
    assert "missing_function is not defined in the notebook" in error_of(judged["test_missing"])[1]


def test_a_dead_kernel_costs_only_the_test_that_killed_it():
    nb = new_notebook()
    nb.cells = [new_code_cell("import os\ndef die():\n    os._exit(1)\ndef fine():\n    return 1.0")]
    for grade_id, source in [("test_die", "die()"), ("test_fine", "checks.assert_close(fine(), 1.0, 'fine')")]:
        nb.cells.append(new_code_cell(source, metadata={"nbgrader": {
            "grade": True, "grade_id": grade_id, "locked": True, "points": 1, "solution": False,
            "schema_version": 3}}))
    executor = ResilientExecute(timeout=30, kernel_name="python3")
    executor.tests = VisibleTests(cells.reference_from_notebook(nb))
    executor.preprocess(nb, {"metadata": {"path": str(Path.cwd())}})
    assert error_of(nb.cells[1].outputs)[0] == "DeadKernelError"
    assert error_of(nb.cells[2].outputs) is None


def test_printed_output_is_capped():
    nb = new_notebook()
    nb.cells = [new_code_cell("import sys\nfor i in range(3):\n    print('x' * 200_000, flush=True)\n"
                              "    sys.stdout.flush()")]
    executor = ResilientExecute(timeout=30, kernel_name="python3", output_limit=64)
    executor.preprocess(nb, {"metadata": {"path": str(Path.cwd())}})
    size = sum(len(o.get("text", "")) for o in nb.cells[0].outputs)
    assert size < 80 * 1024 and "output cut" in nb.cells[0].outputs[-1].text


def test_stand_ins_reach_the_kernel_and_leave_again():
    nb = new_notebook()
    nb.cells = [new_code_cell("def helper(*args):\n    return -1\ndef uses(*args):\n    return helper(*args)")]
    results = {}

    class Tests:
        order = ["test_helper", "test_uses"]

        def __call__(self, grade_id, cell):
            def hidden(student, rng):
                from cnn_utils.reference import padding

                if grade_id == "test_uses":
                    with student.stand_ins(helper=padding.zero_pad):
                        results["inside"] = student.uses(np.ones((1, 1, 1, 1)), 1).shape
                    results["after"] = student.uses(0)
                else:
                    with pytest.raises(RuntimeError, match="verdicts are not written yet"):
                        with student.stand_ins(uses=padding.zero_pad):
                            pass
            return "", hidden, None
    for grade_id in Tests.order:
        nb.cells.append(new_code_cell("", metadata={"nbgrader": {
            "grade": True, "grade_id": grade_id, "locked": True, "points": 1, "solution": False,
            "schema_version": 3}}))
    executor = ResilientExecute(timeout=30, kernel_name="python3")
    executor.tests = Tests()
    executor.preprocess(nb, {"metadata": {"path": str(Path.cwd())}})
    assert [error_of(c.outputs) for c in nb.cells[1:]] == [None, None]
    assert results == {"inside": (1, 3, 3, 1), "after": -1}


def test_student_errors_keep_their_builtin_type():
    error = remote.student_error("ValueError", "ValueError", "bad", ["line 1 in f: x"])
    assert isinstance(error, ValueError) and isinstance(error, remote.StudentRaised)
    assert error.describe("f") == "f raised ValueError: bad (at line 1 in f: x)"
    subclass = remote.student_error("ForwardNotRunError", "RuntimeError", "run forward first", [])
    assert isinstance(subclass, RuntimeError) and subclass.type_name == "ForwardNotRunError"
    for base in ("Exception", "exit", "BaseException", "KeyboardInterrupt", "no such name", None):
        error = remote.student_error("ValueError", base, "x", [])  # a class named ValueError of the student's
        assert isinstance(error, remote.StudentRaised) and not isinstance(error, (ValueError, KeyboardInterrupt)), base


def test_a_subclass_of_a_builtin_exception_is_reported_with_its_builtin_base(tmp_path):
    """An honest `class ForwardNotRunError(RuntimeError)` raised in the kernel is a RuntimeError for the checks."""
    import json

    from cnn_utils.runner import probe, wire

    class ForwardNotRunError(RuntimeError):
        pass

    def backward():
        raise ForwardNotRunError("forward must run before backward")

    request = tmp_path / "request.json"
    request.write_text(json.dumps({"op": "call", "target": probe._keep(backward), "args": wire.encode([], None),
                                   "kwargs": wire.encode({}, None)}))
    probe.handle(str(request))
    error = json.loads((tmp_path / "request.json.answer").read_text())["error"]
    assert (error["type"], error["base"]) == ("ForwardNotRunError", "RuntimeError")
    raised = remote.student_error(error["type"], error["base"], error["message"], error["where"])
    assert isinstance(raised, RuntimeError) and "ForwardNotRunError" in raised.describe("backward")

    pretender = type("RuntimeError", (ValueError,), {"__module__": "builtins"})  # names itself as a built-in

    def lies():
        raise pretender("not a RuntimeError")

    request.write_text(json.dumps({"op": "call", "target": probe._keep(lies), "args": wire.encode([], None),
                                   "kwargs": wire.encode({}, None)}))
    probe.handle(str(request))
    error = json.loads((tmp_path / "request.json.answer").read_text())["error"]
    assert (error["type"], error["base"]) == ("RuntimeError", "ValueError")


def test_nbgrader_metadata_that_nbgrader_would_refuse_is_put_right(tmp_path):
    """A cell whose nbgrader metadata claims another schema version makes nbgrader refuse the whole notebook before
    anything can restore the cell; a `task` flag on a test cell makes its metadata invalid. Neither costs a point:
    the pre-check sets nbgrader's schema version, and restoring the cells sets `task` from the instructor's cell."""
    from nbgrader.nbgraderformat import SCHEMA_VERSION

    from cnn_utils.runner.course import check_notebook_file

    meta = {"grade": True, "grade_id": "test_f", "locked": True, "points": 2, "schema_version": 99, "solution": False,
            "task": True}
    nb = new_notebook(cells=[new_code_cell("checks.check_f(f)", metadata={"nbgrader": meta})])
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    status, _, notes, text = check_notebook_file(path)
    assert status == "ok" and any("schema version" in note for note in notes), notes
    fixed = nbformat.reads(text, as_version=4)
    assert fixed.cells[0].metadata.nbgrader["schema_version"] == SCHEMA_VERSION
    reference = [cells.ReferenceCell("test_f", "code", "checks.check_f(f)", True, True, False, False, 2.0, "")]
    cells.restore(fixed, reference)
    assert fixed.cells[0].metadata.nbgrader["task"] is False

    nb.cells[0].metadata.nbgrader.pop("schema_version")
    nb.cells.append(new_markdown_cell("notes", metadata={"nbgrader": {"task": True}}))  # no schema, no grade id
    nbformat.write(nb, path)
    status, _, notes, text = check_notebook_file(path)
    fixed = nbformat.reads(text, as_version=4)
    assert status == "ok" and fixed.cells[0].metadata.nbgrader["schema_version"] == SCHEMA_VERSION
    assert "nbgrader" not in fixed.cells[1].metadata
