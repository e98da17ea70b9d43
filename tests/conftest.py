"""Shared, expensive fixtures: each notebook is executed once per test session and the results shared."""

import importlib
from pathlib import Path

import nbformat
import pytest
from course import ASSIGNMENTS, SOLUTIONS, cnn_grading, environment, make_course, notebook_name, solved, submit
from nbclient import NotebookClient


def wrong_submissions(assignment):
    """{student_id: (exercise grade_id, source)} from tests/wrong_submissions/<assignment>.py, {} when absent."""
    try:
        return importlib.import_module(f"wrong_submissions.{assignment}").WRONG
    except ModuleNotFoundError:
        return {}


def wrong_packs(assignment):
    """{pack student id: {exercise: (wrong submission id, source)}}: the wrong submissions of an assignment packed into
    as few students as possible, at most one wrong version of each exercise per student. Each exercise is graded on
    its own, so a pack must lose exactly the points of the exercises it breaks (and that is tested too); packing keeps
    the round trip's time in proportion to the number of exercises, not of mistakes."""
    by_exercise = {}
    for student, (exercise, source) in wrong_submissions(assignment).items():
        by_exercise.setdefault(exercise, []).append((student, source))
    depth = max((len(v) for v in by_exercise.values()), default=0)
    return {f"wrong_{k:02d}": {e: versions[k] for e, versions in by_exercise.items() if k < len(versions)}
            for k in range(depth)}


def _execute_solution(assignment):
    """The solution notebook of `assignment` executed top to bottom by nbclient, in its own folder, as JSON text."""
    import os

    os.environ.update(environment())  # CNN_FAST for the kernel, which inherits this process's environment
    path = SOLUTIONS / assignment / notebook_name(assignment)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nbformat.writes(nb)


@pytest.fixture(scope="session")
def executed_solutions():
    """{assignment: the solution notebook executed top to bottom by nbclient}: two at a time, each in a process of
    its own (the slowest first), so that both cores work."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    order = sorted(ASSIGNMENTS, reverse=True)  # the later notebooks run longest
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork")) as pool:
        texts = dict(zip(order, pool.map(_execute_solution, order)))
    return {assignment: nbformat.reads(texts[assignment], as_version=4) for assignment in ASSIGNMENTS}


class GradedCourse:
    """A course folder where every assignment was generated, submitted by several students, and autograded."""

    def __init__(self, course_dir):
        self.dir = Path(course_dir)

    def release(self, assignment):
        return nbformat.read(self.dir / "notebooks" / assignment / notebook_name(assignment), as_version=4)

    def autograded(self, student, assignment):
        return nbformat.read(self.dir / "autograded" / student / assignment / notebook_name(assignment), as_version=4)

    def feedback_html(self, student, assignment):
        return (self.dir / "feedback" / student / assignment
                / notebook_name(assignment).replace(".ipynb", ".html")).read_text()


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory):
    """The nbgrader round trip, run for real with the instructor's commands (`python -m cnn_grading`): release
    (nbgrader's generate_assignment), submit (a full solution, the blank release, and the wrong submissions of
    tests/wrong_submissions), autograde (every student at once, two in parallel), feedback, export."""
    course = GradedCourse(make_course(tmp_path_factory.mktemp("course")))
    cnn_grading(course.dir, "release")
    for assignment in ASSIGNMENTS:
        release = course.release(assignment)
        solution = nbformat.read(SOLUTIONS / assignment / notebook_name(assignment), as_version=4)
        submit(course.dir, "solution", assignment, solved(release, solution))
        submit(course.dir, "blank", assignment, release)
        for pack, wrong in wrong_packs(assignment).items():
            cells = {exercise: source.strip("\n") for exercise, (_, source) in wrong.items()}
            submit(course.dir, pack, assignment, solved(release, solution, cells))
    course.autograde_output = cnn_grading(course.dir, "autograde", "--jobs", "2").stdout
    cnn_grading(course.dir, "feedback")
    cnn_grading(course.dir, "export")
    return course


SLOW_FIXTURES = {"executed_solutions", "graded_course", "batch", "trust_course"}


def pytest_collection_modifyitems(items):
    """Tests that run whole notebooks or nbgrader round trips are `slow`; `-m "not slow"` is the fast tier."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
