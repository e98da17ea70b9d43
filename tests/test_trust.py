"""Can a grade be trusted? Every submission of tests/cheating_submissions graded for real, once, in one batch.

A temporary course is generated from solutions/ (notebooks/ may be stale), every attack and every unusual but correct
notebook is handed in (plus submissions that are symbolic links), and the whole class is graded once with
`python -m cnn_grading autograde --jobs 2`, as an instructor does; then feedback, summary and export. The tests
read the outcome:

* each attack loses exactly the points it tried to steal, and no other;
* every honest notebook keeps full marks;
* no student's feedback shows the hidden tests' source, or the values of the hidden cases (their inputs or the
  expected results): the inputs depend on the student and the assignment only, so a value seen in the feedback
  is a value known for the next submission;
* links are refused with a reason in the summary, never followed;
* every student is in the summary and in nbgrader's CSV export, whatever their submission did;
* what a cell keeps of its output is capped.

Attacks that currently succeed (a hole in the design, not in the test) are marked xfail(strict=True) with the
hole's description in KNOWN_HOLES: when the design closes one, its test passes, and the strict xfail says so.
"""

import csv
import html
import json
import os
import re
import time
from pathlib import Path

import nbformat
import numpy as np
import pytest
from cheating_submissions import fixtures, notebook_bytes, submission
from course import SOLUTIONS, belongs_to, cnn_grading, make_course, notebook_name, read_scores

FIXTURES = fixtures(everything=os.environ.get("CNN_TRUST_ALL") == "1")
OTHER = "unusual_but_right"  # an honest student of notebook 1: the attacks try to read this student's files
OUTPUT_LIMIT_KIB = 1024  # c.GradingExecute.output_limit in nbgrader_config.py

# Submissions that are symbolic links: {student: what}
LINKS = {
    "link_to_notebook": "the notebook file is a symbolic link to another student's notebook",
    "link_to_folder": "the assignment folder is a symbolic link to another student's assignment folder",
    "link_to_gradebook": "the notebook file is a symbolic link to the course's gradebook",
    "link_as_student": "the student's whole submission folder is a symbolic link to another student's",
}
# Files handed in under a notebook's name that are not notebooks: {student: (what, content)}
MALFORMED = {
    "plain_text": ("a Python file saved under the notebook's name", "def zero_pad(X, pad):\n    return X\n"),
    "metadata_not_a_dict": ("a notebook whose cell has nbgrader metadata that is a list", json.dumps(
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
            {"cell_type": "code", "id": "a", "metadata": {"nbgrader": ["grade", "solution"]}, "source": "1",
             "outputs": [], "execution_count": None}]})),
}
LINKS_INSIDE = "duplicated_and_pasted"  # an honest notebook handed in next to links to the gradebook and solutions/

# --- holes found by these tests (the design's, not the tests'): each test concerned is xfail(strict=True) --------
STAND_INS = ("the stand-in machinery (runner.remote.Student.stand_ins -> probe._stand_in) sends the WHOLE module of "
             "a stand-in function into the kernel and binds the function there; the student's function reaches "
             "the module's other functions through `helper.__globals__` while its own tests run. In notebook 4, "
             "cnn_utils/reference/pooling.py (sent for create_mask_from_window / distribute_value, "
             "grading/cnn_grading/hidden/pooling.py _course_helpers and cnn_utils/checks/pooling.py course_helpers) "
             "holds the course's pool_backward")
FIGURES = ("cnn_utils/plots.py is mounted in every kernel (grading/cnn_grading/course.py ALWAYS) but computes what "
           "exercises compute: show_pooling_example computes max and average pooling, show_pooling_gradient their "
           "gradients (per channel), _correlate_same a stride-1 convolution; replacing plots._number_grid catches "
           "the grids they would draw")
NUMERIC = ("numeric gradients pass the backward exercises: a convolution is linear in each input, so centred "
           "differences (cnn_utils.gradcheck.numeric_gradient, mounted everywhere) of a forward pass (the "
           "reference conv_forward mounted for notebook 3; in notebook 5 the loop conv_forward standing in for "
           "conv_forward_fast) are exact to ~1e-10, far inside the checks' rtol 1e-6; nothing bounds the number of "
           "forward calls or the time of a backward call relative to the reference")
STAND_IN_IMPORTS = ("in notebook 5, the stand-in for pool_forward_fast is cnn_utils/reference/pooling.py, which "
                    "imports .forward_conv (conv_output_size), a module withheld from notebook 5's kernel "
                    "(course.py COMPUTES); executing the stand-in raises ModuleNotFoundError in the kernel, reported "
                    "as the student's error: every submission, the course's solution included, loses "
                    "test_pool_backward_fast (10 points)")
DISPLAY_INDEX = ("runner/execute.py ResilientExecute.output removes an output over the cap AFTER nbclient recorded "
                 "its index for its display_id (nbclient _display_id_map); a later update of that display "
                 "(display handle .update(), update_display) makes nbclient index past the end of the cell's "
                 "outputs: IndexError in the grader, outside every handler (preprocess_cell catches only "
                 "DeadKernelError and CellTimeoutError), nbgrader fails on the notebook and it scores 0")
DISPLAY_LEAK = ("a display_id update sent while a test is judged rewrites the output of any earlier cell (nbclient "
                "_update_display_id works on self.nb, across cells, after they ran): the student's function writes "
                "the hidden inputs it receives into a visible output, which the feedback shows; the student's "
                "error messages (StudentRaised, up to 2000 characters) carry them into the test cell's feedback too. "
                "Hidden inputs depend on (secret, assignment, student, grade_id) only (cnn_grading/secret.py "
                "hidden_rng), so they are the same at the next submission")
EXPECTED_IN_MESSAGES = ("the checks' failure messages on hidden cases quote the expected value (checks/core.py "
                        "assert_close: 'expected {expected:.10g}, got ...', and the first differing element of an "
                        "array), and HideHiddenTests keeps every error's evalue: the feedback shows expected values "
                        "of hidden cases, which are the same at the next submission (hidden_rng)")
BOM = ("a notebook file that starts with a UTF-8 byte-order mark passes the precheck (cnn_utils/runner/course.py "
       "check_notebook_file decodes it with utf-8-sig but returns no repaired text), so batch._materialize copies "
       "the original bytes, which nbgrader's reader refuses (nbformat NotJSONError: Unexpected UTF-8 BOM): 'not "
       "graded: nbgrader failed on this notebook', 0 points for a correct notebook")
MIME_CAP = ("outputs with the probe's MIME type are exempt from the output cap (runner/execute.py "
            "ResilientExecute.output: `probe.MIME in out['data']` returns before counting), and so is the data an "
            "update_display_data message puts into an earlier output (nbclient _update_display_id, which never "
            "goes through output()): any cell can make the grader hold and store megabytes (here 14 MiB in one "
            "notebook; the grader's memory grows with it)")
STUDENT_LINK = ("a student folder that is a symbolic link (submitted/<student> -> submitted/<other>) is followed: "
                "batch.plan lists it (Path.is_dir follows links) and precheck only tests the assignment folder and "
                "the notebook file with lstat, so the other student's notebook is graded under this name")
DEEP_JSON = ("a submitted file of deeply nested JSON ('[' * 100000) raises RecursionError in json.loads "
             "(cnn_utils/runner/course.py check_notebook_file catches only JSONDecodeError); the unit is recorded "
             "'not graded', but `python -m cnn_grading summary` (summary.explain re-runs the precheck) crashes for "
             "the whole class, and so does the end of `autograde` (exit status 1)")

KNOWN_HOLES = {
    # (assignment, student): why the test fails today
}
FEEDBACK_HOLES = {}
CAP_HOLES = {}
LINK_HOLES = {}


def _param(key, reason, id_):
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(*key, marks=marks, id=id_)


def _students(kind):
    """[(assignment, student, fixture)] of CHEATS (kind 0) or HONEST (kind 1) of every module."""
    return [(a, s, f) for a, pair in FIXTURES.items() for s, f in pair[kind].items()]


CHEAT_CASES = [_param((a, s), KNOWN_HOLES.get((a, s)), f"{a}/{s}") for a, s, _ in _students(0)]
HONEST_CASES = [_param((a, s), KNOWN_HOLES.get((a, s)), f"{a}/{s}") for a, s, _ in _students(1)]
PADDING_STUDENTS = [s for s in FIXTURES["01_padding"][0]] + [s for s in FIXTURES["01_padding"][1]]


# --- the batch ----------------------------------------------------------------------------------------------------

class GradedBatch:
    """The course folder after one autograde of every fixture, and what the grading commands printed."""

    def __init__(self, folder):
        self.dir = Path(folder)
        self.autograde = self.feedback = self.summary = self.export = None
        self.seconds = 0.0
        self._scores = {}

    def scores(self, assignment):
        if assignment not in self._scores:
            self._scores[assignment] = read_scores(self.dir, assignment)
        return self._scores[assignment]

    def autograded(self, student, assignment):
        path = self.dir / "autograded" / student / assignment / notebook_name(assignment)
        return nbformat.read(path, as_version=4) if path.exists() else None

    def feedback_text(self, student, assignment):
        """The text of the student's feedback page (tags removed, entities decoded), or None."""
        path = self.dir / "feedback" / student / assignment / notebook_name(assignment).replace(".ipynb", ".html")
        if not path.exists():
            return None
        return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8", errors="replace")))

    def summary_lines(self, student):
        return [line for line in self.summary.stdout.splitlines() if line.split(" ", 1)[0] == student]


def _link_submissions(course):
    submitted = course / "submitted"
    other = submitted / OTHER / "01_padding"
    for student in ("link_to_notebook", "link_to_gradebook"):
        (submitted / student / "01_padding").mkdir(parents=True)
    (submitted / "link_to_notebook" / "01_padding" / "01_padding.ipynb").symlink_to(other / "01_padding.ipynb")
    (submitted / "link_to_gradebook" / "01_padding" / "01_padding.ipynb").symlink_to(course / "gradebook.db")
    (submitted / "link_to_folder").mkdir()
    (submitted / "link_to_folder" / "01_padding").symlink_to(other, target_is_directory=True)
    (submitted / "link_as_student").symlink_to(submitted / OTHER, target_is_directory=True)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("trust"))
    batch = GradedBatch(course)
    seen = set()
    cnn_grading(course, "release", *FIXTURES)
    for assignment, (cheats, honest) in FIXTURES.items():
        release = nbformat.read(course / "notebooks" / assignment / notebook_name(assignment), as_version=4)
        solution = nbformat.read(SOLUTIONS / assignment / notebook_name(assignment), as_version=4)
        for student, fixture in {**cheats, **honest}.items():
            assert student not in seen, f"student id {student} is used twice in tests/cheating_submissions"
            seen.add(student)
            nb = submission(release, solution, fixture.get("cells", {}), fixture.get("added", ()), course,
                            fixture.get("edits", ()), OTHER)
            folder = course / "submitted" / student / assignment
            folder.mkdir(parents=True)
            (folder / notebook_name(assignment)).write_bytes(notebook_bytes(nb, fixture.get("file")))
    inside = course / "submitted" / LINKS_INSIDE / "01_padding"
    (inside / "data.npy").symlink_to(course / "gradebook.db")
    (inside / "notes").symlink_to(course / "solutions", target_is_directory=True)
    _link_submissions(course)
    for student, (_, text) in MALFORMED.items():
        folder = course / "submitted" / student / "01_padding"
        folder.mkdir(parents=True)
        (folder / "01_padding.ipynb").write_text(text)

    started = time.monotonic()
    batch.autograde = cnn_grading(course, "autograde", "--jobs", "2", check=False)
    batch.seconds = time.monotonic() - started
    units = sorted(re.findall(r"^\[\s*\d+/\d+\] (\S+)\s+([\d.]+) s", batch.autograde.stdout, re.M),
                   key=lambda unit: -float(unit[1]))
    print(f"\nautograde of {len(seen) + len(LINKS) + len(MALFORMED)} submissions: {batch.seconds:.1f} s; slowest: "
          + ", ".join(f"{student} {seconds} s" for student, seconds in units[:5]))
    batch.feedback = cnn_grading(course, "feedback", "01_padding", check=False)  # the feedback tests read notebook 1's
    batch.summary = cnn_grading(course, "summary", check=False)
    batch.export = cnn_grading(course, "export", check=False)
    return batch


# --- the batch ran ------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_batch_grades_without_errors(batch):
    assert batch.autograde.returncode == 0, f"autograde failed:\n{batch.autograde.stdout}\n{batch.autograde.stderr}"
    assert batch.feedback.returncode == 0, f"feedback failed:\n{batch.feedback.stdout}\n{batch.feedback.stderr}"
    assert batch.summary.returncode == 0, f"summary failed:\n{batch.summary.stderr}"
    assert batch.export.returncode == 0, f"export failed:\n{batch.export.stderr}"


# --- points -------------------------------------------------------------------------------------------------------

def _test_cells(batch, assignment, student):
    scores = batch.scores(assignment).get(student)
    assert scores, f"{student} has no grades for {assignment}"
    return scores


def _stdout_of(nb, grade_id):
    cell = next((c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id), None)
    return "".join(o.get("text", "") for o in (cell.outputs if cell else []) if o.get("output_type") == "stream")


@pytest.mark.slow
@pytest.mark.parametrize("assignment,student", CHEAT_CASES)
def test_an_attack_loses_exactly_what_it_tried_to_steal(batch, assignment, student):
    cheat = FIXTURES[assignment][0][student]
    scores = _test_cells(batch, assignment, student)
    targeted = {gid: s for gid, s in scores.items() if any(belongs_to(gid, e) for e in cheat["loses"])}
    assert {e for e in cheat["loses"] if not any(belongs_to(g, e) for g in scores)} == set(), "a target has no test"
    stolen = {gid: s for gid, s in targeted.items() if s[0] != 0}
    assert not stolen, f"{student} ({cheat['what']}) earned points it should not have: {stolen}"
    others = {gid: s for gid, s in scores.items() if gid not in targeted and s[0] != s[1]}
    assert not others, f"{student} also lost points it did not try to steal: {others}"
    nb = batch.autograded(student, assignment)
    for exercise in cheat.get("fools_visible", ()):
        assert nb is not None and f"✔ {exercise}" in _stdout_of(nb, f"test_{exercise}"), (
            f"the trick was meant to fool the visible check of {exercise} (so that the hidden tests are what stop "
            f"it), but the visible check failed: the fixture no longer shows the mechanism working")


@pytest.mark.slow
@pytest.mark.parametrize("assignment,student", HONEST_CASES)
def test_an_honest_notebook_keeps_full_marks(batch, assignment, student):
    scores = _test_cells(batch, assignment, student)
    lost = {gid: s for gid, s in scores.items() if s[0] != s[1]}
    reasons = "\n".join(batch.summary_lines(student))
    assert not lost, f"{student} ({FIXTURES[assignment][1][student]['what']}) lost {lost}:\n{reasons}"


# --- feedback -----------------------------------------------------------------------------------------------------

class _NotAnExercise(Exception):
    """A hidden test asked for a name that is not an exercise of the references (a conceptual question's answer)."""


class _Recorder:
    """A student whose functions are the course's references, recording every call: the hidden cases' values."""

    def __init__(self):
        self.values = []

    def __getattr__(self, name):
        from cnn_utils import reference

        if name not in reference.__all__:
            raise _NotAnExercise(name)
        function = getattr(reference, name)

        def record(*args, **kwargs):
            result = function(*args, **kwargs)
            self.values += [*args, *kwargs.values(), result]
            return result
        record.__name__ = name
        return record


def _hidden_values(course, assignment, student):
    """The tokens (as the checks and repr print them) of every hidden input and expected result of a student."""
    from cnn_grading.course import hidden_test
    from cnn_grading.secret import course_secret, hidden_rng, submission_digest

    secret = course_secret(course.dir)
    graded = course.autograded(student, assignment)
    digest = submission_digest(graded) if graded is not None else ""
    tokens = set()
    for grade_id in course.scores(assignment).get(student, {}):
        test = hidden_test(assignment, grade_id)
        if test is None:
            continue
        recorder = _Recorder()
        try:
            test(recorder, hidden_rng(secret, assignment, student, grade_id, digest))
        except _NotAnExercise:
            continue
        except Exception as error:  # the references pass their own hidden tests; a failure here is the test's bug
            raise AssertionError(f"the hidden test {grade_id} fails on the references: {error}") from error
        for value in recorder.values:
            if isinstance(value, (np.ndarray, np.generic, float)):
                for v in np.asarray(value, dtype=float).ravel():
                    if np.isfinite(v) and abs(v) >= 1e-3:
                        tokens.update({f"{v:.10g}", repr(float(v))})
    return tokens


def _hidden_source_lines(assignment):
    """Lines of the notebook's hidden tests (cnn_grading/hidden/<module>.py) long enough to be telling."""
    import cnn_grading
    from cnn_grading.course import HIDDEN_MODULES

    path = Path(cnn_grading.__file__).parent / "hidden" / f"{HIDDEN_MODULES[assignment]}.py"
    lines = {line.strip() for line in path.read_text().splitlines()} if path.exists() else set()
    release = (SOLUTIONS / assignment / notebook_name(assignment)).read_text()
    return {line for line in lines if len(line) >= 30 and not line.startswith(("#", '"""')) and line not in release}


@pytest.mark.slow
@pytest.mark.parametrize("student", [_param((s,), FEEDBACK_HOLES.get(s), s) for s in PADDING_STUDENTS])
def test_feedback_shows_no_hidden_test_and_no_hidden_value(batch, student):
    text = batch.feedback_text(student, "01_padding")
    if text is None:
        pytest.skip(f"{student} has no feedback page (not graded: see the summary tests)")
    quoted = [line for line in _hidden_source_lines("01_padding") if line in text]
    assert not quoted, f"{student}'s feedback quotes the hidden tests: {quoted[:3]}"
    values = sorted(t for t in _hidden_values(batch, "01_padding", student) if t in text)
    assert not values, (f"{student}'s feedback shows {len(values)} values of its hidden cases (inputs or expected "
                        f"results), e.g. {values[:4]}")


# --- links, and everyone in the summary and the export ----------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("student", [_param((s,), LINK_HOLES.get(s), s) for s in LINKS])
def test_a_link_is_refused_with_a_reason_never_followed(batch, student):
    scores = batch.scores("01_padding").get(student, {})
    earned = {gid: s for gid, s in scores.items() if s[0]}
    assert not earned, f"{student} ({LINKS[student]}) was followed and graded: {earned}"
    reasons = [line for line in batch.summary_lines(student) if "01_padding" in line and "symbolic link" in line]
    assert reasons, (f"the summary gives no reason for {student} ({LINKS[student]}):\n"
                     + "\n".join(batch.summary_lines(student)))


@pytest.mark.slow
def test_links_inside_a_submission_are_left_out(batch):
    """An honest notebook handed in next to links (to the gradebook, to solutions/): graded, the links not copied."""
    graded = batch.dir / "autograded" / LINKS_INSIDE / "01_padding"
    assert not (graded / "data.npy").exists() and not (graded / "notes").exists(), "a link was followed and copied"


@pytest.mark.slow
def test_every_student_is_in_the_summary_and_the_export(batch):
    submitted = {(p.parent.name, p.name) for p in (batch.dir / "submitted").glob("*/*")}
    assert batch.summary.returncode == 0, batch.summary.stderr
    table = batch.summary.stdout.split("\n\n")[0]
    missing = sorted(s for s, _ in submitted if not re.search(rf"^{re.escape(s)}\s", table, re.M))
    assert not missing, f"not in the summary's table: {missing}"
    with open(batch.dir / "grades.csv", newline="") as file:
        rows = {(r["student_id"], r["assignment"]) for r in csv.DictReader(file)}
    assert not sorted(submitted - rows), f"not in nbgrader's export: {sorted(submitted - rows)}"


# --- the grader's own resources -----------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("assignment,student", [_param((a, s), CAP_HOLES.get(s), f"{a}/{s}")
                                                for a, s, f in _students(0) if f.get("floods")])
def test_what_a_cell_keeps_is_capped(batch, assignment, student):
    nb = batch.autograded(student, assignment)
    assert nb is not None, f"{student} was not graded"
    slack = 64 * 1024
    sizes = {i: sum(len(json.dumps(o)) for o in c.get("outputs", [])) for i, c in enumerate(nb.cells)}
    over = {i: size for i, size in sizes.items() if size > OUTPUT_LIMIT_KIB * 1024 + slack}
    assert not over, f"cells keep more than the cap of {OUTPUT_LIMIT_KIB} KiB: {over} bytes"


# --- files that are not notebooks at all --------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("student", sorted(MALFORMED))
def test_a_file_that_is_not_a_notebook_is_listed_with_a_reason(batch, student):
    scores = batch.scores("01_padding").get(student, {})
    assert scores and not any(s[0] for s in scores.values()), f"{student}: {scores}"
    reasons = [line for line in batch.summary_lines(student) if "01_padding.ipynb" in line and "−" in line]
    assert reasons, f"the summary gives no reason for {student} ({MALFORMED[student][0]})"


@pytest.mark.slow
def test_a_deeply_nested_file_leaves_the_summary_working(batch, tmp_path):
    """Graded in a copy of the batch's course (it would break the other tests' summary): autograde of that one
    student, then the summary of everyone."""
    import shutil

    course = tmp_path / "course"
    shutil.copytree(batch.dir, course, symlinks=True, ignore=shutil.ignore_patterns("feedback", "*.html"))
    folder = course / "submitted" / "deeply_nested" / "01_padding"
    folder.mkdir(parents=True)
    (folder / "01_padding.ipynb").write_text('{"cells": ' + "[" * 100000 + "]" * 100000 + "}")
    graded = cnn_grading(course, "autograde", "01_padding", "--student", "deeply_nested", check=False)
    assert graded.returncode == 0, f"autograde failed:\n{graded.stdout[-1500:]}\n{graded.stderr[-1500:]}"
    summary = cnn_grading(course, "summary", check=False)
    assert summary.returncode == 0, f"summary failed:\n{summary.stderr[-1500:]}"
    listed = {line.split(" ", 1)[0] for line in summary.stdout.split("\n\n")[0].splitlines()[2:]}
    assert {"deeply_nested", OTHER} <= listed, f"missing from the summary: {{'deeply_nested', OTHER}} - {listed}"
