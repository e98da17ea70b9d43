"""Test helpers: a throwaway nbgrader course built from the repository's solutions, and submissions for it."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from cnn_grading.bench_grading import solved  # noqa: F401 (re-exported for the tests; one copy, shared with the benchmark)
from cnn_grading.cli import child_environment
from cnn_grading.integrity import belongs_to  # noqa: F401 (re-exported for the tests)

REPO = Path(__file__).resolve().parent.parent
SOLUTIONS = REPO / "solutions"
RELEASE = REPO / "notebooks"
ASSIGNMENTS = sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and not p.name.startswith("."))


def notebook_name(assignment):
    return f"{assignment}.ipynb"


def environment(**extra):
    """The environment for child processes: this interpreter's bin folder first, and notebook 6's FAST switch on."""
    env = child_environment()
    env["CNN_FAST"] = "1"
    env.update(extra)
    return env


def nbgrader(course_dir, *args, check=True):
    """Run an nbgrader command in course_dir, as an instructor would from the repository root."""
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course_dir, env=environment(),
                            capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


def cnn_grading(course_dir, *args, check=True, env=None):
    """Run the instructor's command `python -m cnn_grading ARGS` in course_dir (env: the environment, default
    environment()); with `check`, a failure raises with what it printed."""
    result = subprocess.run([sys.executable, "-m", "cnn_grading", *args], cwd=course_dir, env=env or environment(),
                            capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"python -m cnn_grading {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


def make_course(course_dir):
    """A course folder like the repository root: the config and the solutions, nothing generated yet."""
    course_dir = Path(course_dir)
    course_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "nbgrader_config.py", course_dir)
    shutil.copytree(SOLUTIONS, course_dir / "solutions")
    return course_dir


def submit(course_dir, student, assignment, nb):
    folder = Path(course_dir) / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / notebook_name(assignment))


def read_scores(course_dir, assignment):
    """{student: {grade_id: (score, max_score)}} for every autograded test cell, from nbgrader's gradebook."""
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{Path(course_dir) / 'gradebook.db'}") as gradebook:
        for submission in gradebook.assignment_submissions(assignment):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.auto_score is not None or grade.max_score:
                        scores.setdefault(submission.student_id, {})[grade.name] = (grade.score, grade.max_score)
    return scores
