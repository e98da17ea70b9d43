"""The hidden tests (cnn_grading.hidden) on the solutions and on the wrong submissions, without a kernel.

Each notebook's setup cell and exercise cells run in a namespace dict, as in the student's kernel; the hidden tests
see it through `LocalStudent`, a stand-in for the grader's proxy (cnn_utils.runner.remote.Student): attribute access
gives the notebook's function, results come back as copies, and `stand_ins` swaps names in the namespace, only for
functions whose test cells come earlier. While the notebook's code runs (its cells and every call), the modules the
grading sandbox leaves out for that notebook (cnn_grading.course) cannot be imported, so that an exercise that calls
the course's reference fails here as it does when graded.
"""

import contextlib
import importlib
import re
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from cnn_grading import course as grading_course
from cnn_utils import checks

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"
ASSIGNMENTS = sorted(grading_course.HIDDEN_MODULES)
SEEDS = (11, 2024)   # two per-submission generators for the solutions; the wrong submissions use the first
# A wrong submission of one exercise runs the hidden tests of the others that could see it: those of exercises whose
# code names it (directly or through another exercise). test_train has every function it calls stand in (and trains
# for 200 steps), so only train's own wrong submissions run it.
ONLY_FOR_OWN_EXERCISE = {"test_train"}


def wrong_submissions(assignment):
    """{student_id: (exercise grade_id, source)} from tests/wrong_submissions/<assignment>.py, {} when absent."""
    try:
        return importlib.import_module(f"wrong_submissions.{assignment}").WRONG
    except ModuleNotFoundError:
        return {}


class Notebook:
    """A solution notebook's cells: which run in the kernel, the grade cells, and which exercise each belongs to."""

    def __init__(self, assignment):
        self.assignment = assignment
        self.nb = nbformat.read(SOLUTIONS / assignment / f"{assignment}.ipynb", as_version=4)
        self.code_cells = []     # (grade_id, source) of the setup cell, locked helpers and exercise cells, in order
        self.grade_cells = []    # (grade_id, source, exercise grade_id)
        self.exercise_of_test = {}
        exercise = None
        for cell in self.nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            grade_id = meta.get("grade_id")
            if cell.cell_type != "code" or not grade_id or grade_id == "self_check":
                continue
            if meta.get("grade"):
                self.grade_cells.append((grade_id, cell.source, exercise))
                self.exercise_of_test[grade_id] = exercise
            else:
                self.code_cells.append((grade_id, cell.source))
                if meta.get("solution"):
                    exercise = grade_id
        self.uses = self._uses()
        order = [grade_id for grade_id, _, _ in self.grade_cells]
        # Each exercise's position: that of its first test cell (stand-ins may replace only earlier ones).
        self.test_position = {}
        for position, (_, _, exercise) in enumerate(self.grade_cells):
            self.test_position.setdefault(exercise, position)
        self.position = {grade_id: order.index(grade_id) for grade_id in order}

    def _uses(self):
        """{exercise: the exercises its cell names, directly or through another exercise}"""
        sources = {grade_id: source for grade_id, source in self.code_cells}
        exercises = set(self.exercise_of_test.values())
        direct = {name: {other for other in exercises - {name}
                         if re.search(rf"\b{re.escape(other)}\b", sources.get(name, ""))} for name in exercises}
        uses = {}
        for name in exercises:
            seen, todo = set(), list(direct[name])
            while todo:
                other = todo.pop()
                if other not in seen:
                    seen.add(other)
                    todo.extend(direct[other])
            uses[name] = seen
        return uses

    def namespace(self, replacements=None):
        """Run the notebook's cells (with replacements {exercise grade_id: source}) as the kernel would: a cell that
        raises stops there, and the next cell runs."""
        namespace = {"__name__": "__main__"}
        with sandbox(self.assignment):
            for grade_id, source in self.code_cells:
                source = (replacements or {}).get(grade_id, source)
                source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))
                try:
                    exec(compile(source, f"<cell {grade_id}>", "exec"), namespace)
                except Exception:
                    pass
        return namespace


@contextlib.contextmanager
def sandbox(assignment):
    """While the block runs, the cnn_utils modules the grading sandbox of `assignment` does not mount cannot be
    imported (the lazy cnn_utils.reference raises ImportError for their names)."""
    mounted = set(grading_course.mounted_modules(assignment))
    blocked = ["cnn_utils." + path[:-3].replace("/", ".") for path in grading_course.COMPUTES if path not in mounted]
    saved = {name: sys.modules.get(name) for name in blocked}
    for name in blocked:
        sys.modules[name] = None
    try:
        yield
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module


def like_the_wire(value):
    """What the grader gets from the kernel: plain data as a copy, any other object (a layer, an optimizer) as itself,
    as a handle to the kernel's object is."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return type(value)(like_the_wire(item) for item in value) if type(value) in (list, tuple) else value
    if isinstance(value, dict):
        return {key: like_the_wire(item) for key, item in value.items()}
    return value


class LocalStudent:
    """What the hidden tests get as `student`, for a notebook run in this process."""

    def __init__(self, notebook, namespace):
        self._notebook, self._namespace = notebook, namespace
        self._grading = None            # the grade_id whose hidden test is running

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._namespace:
            raise NameError(f"name {name!r} is not defined")
        value = self._namespace[name]
        if not callable(value):
            return like_the_wire(value)
        student, assignment = self, self._notebook.assignment

        def proxy(*args, **kwargs):
            with sandbox(assignment):
                result = value(*args, **kwargs)
            return like_the_wire(result)
        proxy.__name__ = name
        proxy._student = student
        return proxy

    @contextlib.contextmanager
    def stand_ins(self, **replacements):
        for name in replacements:
            position = self._notebook.test_position.get(name)
            assert position is not None and position < self._notebook.position[self._grading], (
                f"{self._grading} replaces {name}, whose test cell does not come earlier")
        missing = object()
        saved = {name: self._namespace.get(name, missing) for name in replacements}
        self._namespace.update(replacements)
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is missing:
                    self._namespace.pop(name, None)
                else:
                    self._namespace[name] = value

    def object_id(self, obj, *path):
        for step in path:
            obj = obj[step] if isinstance(obj, dict) else getattr(obj, step)
        return id(obj)

    def run_hidden(self, grade_id, seed):
        """Run the hidden test of a grade cell with np.random.default_rng(seed); return None or the failure."""
        test = grading_course.hidden_test(self._notebook.assignment, grade_id)
        if test is None:
            assert grade_id.startswith("test_question_"), f"{grade_id} has no hidden test"
            return None
        self._grading = grade_id
        try:
            test(self, np.random.default_rng(seed))
        except Exception as error:     # a failed check, or anything the student's code raised
            return error
        finally:
            self._grading = None
        return None

    def run_visible(self, source):
        """Run a test cell's visible check on the notebook's own functions; return None or the failure."""
        try:
            with contextlib.redirect_stdout(None):
                exec(compile(source, "<test cell>", "exec"), {**self._namespace, "checks": checks})
        except Exception as error:
            return error
        return None


_notebooks = {}


def notebook(assignment):
    if assignment not in _notebooks:
        _notebooks[assignment] = Notebook(assignment)
    return _notebooks[assignment]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_grade_cell_has_its_hidden_test_and_only_the_visible_check(assignment):
    nb = notebook(assignment)
    module = importlib.import_module(f"cnn_grading.hidden.{grading_course.HIDDEN_MODULES[assignment]}")
    grade_ids = {grade_id for grade_id, _, _ in nb.grade_cells}
    for grade_id, source, _ in nb.grade_cells:
        assert "HIDDEN TESTS" not in source, f"{assignment} {grade_id} still holds hidden tests"
        if not grade_id.startswith("test_question_"):
            assert callable(getattr(module, grade_id, None)), f"no hidden test {grade_id} in {module.__name__}"
    functions = {name for name in vars(module) if name.startswith("test_") and callable(getattr(module, name))}
    assert functions <= grade_ids, f"hidden tests without a grade cell: {sorted(functions - grade_ids)}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_solution_passes_every_hidden_test(assignment):
    nb = notebook(assignment)
    student = LocalStudent(nb, nb.namespace())
    for seed in SEEDS:
        for grade_id, _, _ in nb.grade_cells:
            error = student.run_hidden(grade_id, seed)
            assert error is None, f"{assignment} {grade_id} (seed {seed}): {type(error).__name__}: {error}"


WRONG = [(assignment, student_id) for assignment in ASSIGNMENTS for student_id in wrong_submissions(assignment)]


@pytest.mark.filterwarnings("ignore::RuntimeWarning")   # the overflow of a wrong compute_loss
@pytest.mark.parametrize("assignment,student_id", WRONG)
def test_a_wrong_submission_loses_only_its_own_exercise(assignment, student_id):
    exercise, source = wrong_submissions(assignment)[student_id]
    nb = notebook(assignment)
    student = LocalStudent(nb, nb.namespace({exercise: source.strip("\n")}))
    for grade_id, test_source, own in nb.grade_cells:
        if own != exercise and (grade_id in ONLY_FOR_OWN_EXERCISE or exercise not in nb.uses[own]):
            continue
        error = student.run_hidden(grade_id, SEEDS[0])
        if own == exercise:
            if error is None:        # accepted when the visible check catches it
                visible = student.run_visible(test_source)
                assert visible is not None, f"{student_id} passes {grade_id}, hidden tests and visible check alike"
        else:
            assert error is None, (f"{student_id} (a wrong {exercise}) fails {grade_id}: "
                                   f"{type(error).__name__}: {error}")
