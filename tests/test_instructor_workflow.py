"""The instructor's workflow on a batch that mixes good and broken submissions (tests/broken_submissions), graded by
`python -m cnn_grading` for real: every submission gets its exact score and a reason, the batch finishes, no
submitted file changes, the gradebook and the CSV agree, and parallel grading gives the same gradebook as serial."""

import csv
import hashlib
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from broken_submissions import build
from course import REPO, SOLUTIONS, environment, make_course, notebook_name, solved
from course import cnn_grading as grade

ASSIGNMENT = "01_padding"  # the bank runs on any notebook; one keeps this file within its time budget
# A short cell time limit keeps the endless loops quick to grade (the configured memory limit stays).
LIMITS = ["--timeout", "15"]
SERIAL_SUBSET = ["good_one", "exits_kernel", "invalid_json", "missing_notebook", "deleted_test"]


def tree_hashes(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def gradebook_rows(course_dir, students=None):
    """{(student, grade cell): (auto_score, needs_manual_grade)} plus each submission's timestamp."""
    from nbgrader.api import Gradebook

    rows = {}
    with Gradebook(f"sqlite:///{Path(course_dir) / 'gradebook.db'}") as gb:
        for submission in gb.assignment_submissions(ASSIGNMENT):
            if students and submission.student.id not in students:
                continue
            rows[(submission.student.id, "timestamp")] = submission.timestamp
            for notebook in submission.notebooks:
                for g in notebook.grades:
                    rows[(submission.student.id, g.name)] = (g.auto_score, g.needs_manual_grade)
                for c in notebook.comments:
                    rows[(submission.student.id, "comment " + c.name)] = c.auto_comment
    return rows


class Batch:
    def __init__(self, course_dir, bank, output, before, after, serial_dir):
        self.dir, self.bank, self.output = Path(course_dir), bank, output
        self.before, self.after, self.serial_dir = before, after, serial_dir


@pytest.fixture(scope="session")
def batch(tmp_path_factory):
    course_dir = make_course(tmp_path_factory.mktemp("workflow"))
    for other in (course_dir / "solutions").iterdir():
        if other.name != ASSIGNMENT:
            shutil.rmtree(other)
    grade(course_dir, "release")
    release = nbformat.read(course_dir / "notebooks" / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)
    solution = nbformat.read(SOLUTIONS / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)
    bank = build(release, solution, ASSIGNMENT)
    for student, fixture in bank.items():
        folder = course_dir / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        for name, content in fixture.files.items():
            (folder / name).write_bytes(content)
    # the same course, before grading, with a few of the students: graded with one job for comparison
    serial_dir = tmp_path_factory.mktemp("serial") / "course"
    shutil.copytree(course_dir, serial_dir, symlinks=True)
    for folder in (serial_dir / "submitted").iterdir():
        if folder.name not in SERIAL_SUBSET:
            shutil.rmtree(folder)

    before = tree_hashes(course_dir / "submitted")
    output = grade(course_dir, "autograde", "--jobs", "2", *LIMITS).stdout
    after = tree_hashes(course_dir / "submitted")
    grade(course_dir, "feedback")
    grade(course_dir, "export")
    grade(serial_dir, "autograde", "--jobs", "1", *LIMITS)
    return Batch(course_dir, bank, output, before, after, serial_dir)


def summary_lines(batch, student):
    return [line for line in batch.output.splitlines() if line.split(" ")[0] == student]


def test_every_submission_gets_its_exact_score(batch):
    from course import read_scores

    scores = read_scores(batch.dir, ASSIGNMENT)
    got = {s: sum(v[0] for v in scores[s].values()) for s in batch.bank}
    expected = {s: f.score for s, f in batch.bank.items()}
    assert got == expected


def test_every_lost_point_has_a_reason_in_the_summary(batch):
    for student, fixture in batch.bank.items():
        lines = summary_lines(batch, student)
        score_line = next(line for line in lines if "/" in line and "−" not in line)
        assert f"{fixture.score:g}/{fixture.max_score:g}" in score_line, (student, score_line)
        reasons = [line for line in lines if "−" in line]
        lost = sum(float(line.split("−")[1].split(":")[0]) for line in reasons)
        assert lost == fixture.max_score - fixture.score, f"{student}: the reasons do not add up: {reasons}"
        if fixture.reason:
            assert any(fixture.reason in line for line in reasons), f"{student}: no {fixture.reason!r} in {reasons}"
        else:
            assert not reasons, f"{student} should have a clean summary: {reasons}"


def test_the_batch_finishes_with_progress_lines(batch):
    progress = [line for line in batch.output.splitlines() if line.startswith("[")]
    assert len(progress) == len(batch.bank)
    assert progress[-1].startswith(f"[{len(batch.bank)}/{len(batch.bank)}]")
    assert "elapsed" in progress[-1]


def test_no_submitted_file_is_modified(batch):
    assert batch.before == batch.after


def test_crash_feedback_tells_the_student_what_happened(batch):
    html = (batch.dir / "feedback" / "exits_kernel" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "the kernel died while running this cell" in html
    assert "re-ran the earlier cells" in html
    html = (batch.dir / "feedback" / "ignores_interrupt" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "did not stop when interrupted" in html
    page = (batch.dir / "feedback" / "invalid_json" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "not JSON" in page


def test_memory_hog_gets_a_memory_error_in_its_cell(batch):
    nb = nbformat.read(batch.dir / "autograded" / "hogs_memory" / ASSIGNMENT / notebook_name(ASSIGNMENT), 4)
    errors = [o.ename for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert "MemoryError" in errors and "DeadKernelError" not in errors


def test_restored_test_cells_ran(batch):
    """The tampered test cells were replaced by the instructor's and judged (wherever they stand: tests are judged
    after every other cell has run)."""
    release = nbformat.read(batch.dir / "notebooks" / ASSIGNMENT / notebook_name(ASSIGNMENT), 4)
    instructor = {c.metadata.nbgrader.grade_id: c.source for c in release.cells
                  if c.metadata.get("nbgrader", {}).get("grade")}
    for student in ("deleted_test", "edited_test", "retyped_test", "stripped_metadata", "moved_test"):
        nb = nbformat.read(batch.dir / "autograded" / student / ASSIGNMENT / notebook_name(ASSIGNMENT), 4)
        tests = {c.metadata.nbgrader.grade_id: c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
        assert set(tests) == set(instructor), student
        for grade_id, cell in tests.items():
            assert cell.cell_type == "code" and cell.source.strip() == instructor[grade_id].strip(), student
            assert cell.outputs, f"{student}: {grade_id} was not judged"


def test_gradebook_and_csv_agree(batch):
    from course import read_scores

    with open(batch.dir / "grades.csv") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f) if r["assignment"] == ASSIGNMENT}
    scores = read_scores(batch.dir, ASSIGNMENT)
    assert set(rows) == set(batch.bank)
    for student in batch.bank:
        assert float(rows[student]["score"]) == pytest.approx(sum(s for s, _ in scores[student].values()))
        assert float(rows[student]["max_score"]) == pytest.approx(batch.bank[student].max_score)


def test_parallel_gives_the_same_gradebook_as_serial(batch):
    parallel = gradebook_rows(batch.dir, SERIAL_SUBSET)
    serial = gradebook_rows(batch.serial_dir, SERIAL_SUBSET)
    assert parallel and parallel == serial


def test_plain_nbgrader_autograde_survives_a_dead_kernel(batch, tmp_path):
    """The preprocessors are in nbgrader_config.py, so plain nbgrader gets them too (and exits 0)."""
    course_dir = tmp_path / "plain"
    shutil.copytree(batch.serial_dir, course_dir, symlinks=True)
    result = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--student", "exits_kernel",
                             "--force", "--Execute.timeout=15"], cwd=course_dir, env=environment(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    from course import read_scores

    assert sum(s for s, _ in read_scores(course_dir, ASSIGNMENT)["exits_kernel"].values()) == \
        batch.bank["exits_kernel"].score


@pytest.mark.slow
def test_kernel_restarts_are_bounded():
    from cnn_utils.runner.execute import ResilientExecute
    from cnn_utils.runner.verdict import NOT_RUN

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")] + [
        nbformat.v4.new_code_cell("import os\nos._exit(1)") for _ in range(3)] + [
        nbformat.v4.new_code_cell("print(x)"), nbformat.v4.new_code_cell("print(x)")]
    ResilientExecute(timeout=20, max_restarts=2, kernel_name="python3").preprocess(nb, {"metadata": {"path": "."}})
    names = [[o.get("ename") or o.get("text") for o in c.outputs] for c in nb.cells]
    assert names == [[], ["DeadKernelError"], ["DeadKernelError"], ["DeadKernelError"], [NOT_RUN], [NOT_RUN]]


@pytest.mark.slow
def test_collect_from_an_lms_download(tmp_path):
    """Canvas, Blackboard and Moodle file names, zipped as they are downloaded, end up in submitted/<student>/."""
    course_dir = tmp_path / "lms"
    course_dir.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", course_dir)
    shutil.copytree(REPO / "notebooks" / ASSIGNMENT, course_dir / "notebooks" / ASSIGNMENT)
    content = (REPO / "notebooks" / ASSIGNMENT / notebook_name(ASSIGNMENT)).read_bytes()
    download = io.BytesIO()
    with zipfile.ZipFile(download, "w") as archive:
        archive.writestr("doejane_12345_6789012_01_padding.ipynb", content)
        archive.writestr("smithjohn_LATE_23456_7890123_01_padding-1.ipynb", content)
        archive.writestr("01_padding_kimlee_attempt_2024-01-30-15-00-00_01_padding.ipynb", content)
        archive.writestr("Ana Lima_345678_assignsubmission_file_/01_padding.ipynb", content)
    (tmp_path / "download").mkdir()
    (tmp_path / "download" / "submissions.zip").write_bytes(download.getvalue())
    grade(course_dir, "collect", ASSIGNMENT, "--from-lms", str(tmp_path / "download"))
    found = sorted(p.parent.parent.name for p in (course_dir / "submitted").glob(f"*/{ASSIGNMENT}/*.ipynb"))
    assert found == ["ana_lima_345678", "doejane_12345", "kimlee", "smithjohn_23456"]
    assert (course_dir / "submitted" / "kimlee" / ASSIGNMENT / "timestamp.txt").read_text().startswith("2024-01-30")


@pytest.mark.slow
def test_the_exchange_round_trip(tmp_path):
    """With an nbgrader exchange (JupyterHub's usual set-up): release puts the student version there (again, over an
    earlier release), a student fetches and submits with nbgrader's own commands, collect, autograde and feedback
    bring the graded page back to the exchange, and the student fetches it."""
    exchange, student_dir = tmp_path / "exchange", tmp_path / "student"
    exchange.mkdir(mode=0o777)
    exchange.chmod(0o777)                 # every student writes into the exchange's inbound folder
    student_dir.mkdir()
    course_dir = make_course(tmp_path / "course")
    for other in (course_dir / "solutions").iterdir():
        if other.name != ASSIGNMENT:
            shutil.rmtree(other)
    with open(course_dir / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    (student_dir / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = 'cnn-from-scratch'\n")

    for _ in range(2):
        assert "released to the exchange" in grade(course_dir, "release").stdout
    released = exchange / "cnn-from-scratch" / "outbound" / ASSIGNMENT / notebook_name(ASSIGNMENT)
    assert released.read_bytes() == (course_dir / "notebooks" / ASSIGNMENT / notebook_name(ASSIGNMENT)).read_bytes()

    def as_student(*args):
        result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=student_dir, env=environment(),
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr

    as_student("fetch_assignment", ASSIGNMENT)
    fetched = student_dir / ASSIGNMENT / notebook_name(ASSIGNMENT)
    solution = nbformat.read(SOLUTIONS / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)
    nbformat.write(solved(nbformat.read(fetched, as_version=4), solution), fetched)
    as_student("submit", ASSIGNMENT)

    grade(course_dir, "collect", ASSIGNMENT)
    (student,) = [p.name for p in (course_dir / "submitted").iterdir()]
    graded = grade(course_dir, "autograde", ASSIGNMENT).stdout
    assert re.search(rf"^{re.escape(student)}\s+(\d+)/\1\s", graded.split("Scores")[-1], re.M), graded
    grade(course_dir, "feedback", ASSIGNMENT)
    as_student("fetch_feedback", ASSIGNMENT)
    (page,) = (student_dir / ASSIGNMENT / "feedback").glob(f"*/{ASSIGNMENT}.html")
    total = re.search(r"Score: ([\d.]+) / ([\d.]+)", page.read_text())  # the first is the notebook's total
    assert total and total[1] == total[2] and float(total[2]) > 0, total


def test_lms_file_names():
    from cnn_grading.collect import match_lms_filename

    names = ["01_padding"]
    assert match_lms_filename("doejane_12345_6789012_01_padding (1).ipynb", names) == {
        "student_id": "doejane_12345", "file_id": "01_padding"}
    assert match_lms_filename("a/jdoe/01_padding.ipynb", names) == {"student_id": "jdoe", "file_id": "01_padding"}
    assert match_lms_filename("notes.ipynb", names) is None


@pytest.mark.slow
def test_student_self_check(tmp_path):
    """`validate` runs the notebook like the grader and lists each check; unfinished exercises are named."""
    release = nbformat.read(REPO / "notebooks" / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)
    solution = nbformat.read(SOLUTIONS / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)
    half = solved(release, solution)
    stub = next(c for c in release.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "conv_single_step")
    next(c for c in half.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "conv_single_step").source = \
        stub.source
    path = tmp_path / notebook_name(ASSIGNMENT)
    nbformat.write(half, path)
    result = grade(REPO, "validate", str(path), "--timeout", "30", check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("✔ test_zero_pad") for line in lines), lines
    assert any(line.startswith("✘ test_conv_single_step") for line in lines), lines
    assert any("conv_single_step: still contains `raise NotImplementedError()`" in line for line in lines), lines
    tests = sum(1 for line in lines if line.startswith(("✔", "✘ test")))
    assert tests >= 2 and lines[-1].startswith(f"{tests - 1} of {tests} checks pass"), lines


@pytest.mark.slow
def test_a_unit_whose_process_is_killed_twice_is_reported_not_lost(batch, tmp_path):
    """The out-of-memory killer takes a grading process (twice): that student is still in the summary and the
    export, with the reason; the others are graded normally."""
    from cnn_grading.batch import KILL_VARIABLE

    course_dir = tmp_path / "killed"
    shutil.copytree(batch.serial_dir, course_dir, symlinks=True)
    for folder in (course_dir / "submitted").iterdir():
        if folder.name not in ("good_one", "exits_kernel"):
            shutil.rmtree(folder)
    result = grade(course_dir, "autograde", "--jobs", "2", *LIMITS,
                   env=environment(**{KILL_VARIABLE: f"good_one/{ASSIGNMENT}"}))
    killed = [line for line in result.stdout.splitlines() if line.startswith("good_one")]
    assert any("0/" in line for line in killed), killed
    assert any("not graded: its grading process was killed (SIGKILL" in line and "twice" in line
               for line in killed), killed
    grade(course_dir, "export")
    with open(course_dir / "grades.csv") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f) if r["assignment"] == ASSIGNMENT}
    assert {"good_one", "exits_kernel"} <= set(rows) and float(rows["good_one"]["score"]) == 0


@pytest.mark.slow
def test_a_unit_on_which_nbgrader_fails_once_is_graded_again(batch, tmp_path):
    """nbgrader fails on a unit for a reason of the machine's (a kernel that did not start in time): the unit is
    graded once more, in a fresh process, and scores what it is worth; the log keeps the first failure."""
    from course import read_scores

    from cnn_grading.batch import FAIL_ONCE_VARIABLE

    course_dir = tmp_path / "failed_once"
    shutil.copytree(batch.serial_dir, course_dir, symlinks=True)
    for folder in (course_dir / "submitted").iterdir():
        if folder.name != "good_one":
            shutil.rmtree(folder)
    result = grade(course_dir, "autograde", "--jobs", "1", *LIMITS,
                   env=environment(**{FAIL_ONCE_VARIABLE: f"good_one/{ASSIGNMENT}"}))
    assert "FAILED" not in result.stdout, result.stdout
    assert sum(v[0] for v in read_scores(course_dir, ASSIGNMENT)["good_one"].values()) == batch.bank["good_one"].score
    assert (course_dir / "autograded" / "good_one" / ASSIGNMENT / notebook_name(ASSIGNMENT)).exists()
    log = (course_dir / ".nbgrader.log").read_text()
    assert f"the first attempt failed, graded once more: fault injection: nbgrader failed on good_one/{ASSIGNMENT}" \
        in log, log[-2000:]
