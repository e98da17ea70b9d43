"""Grading on a Dask cluster (`autograde --cluster ADDRESS`, cnn_grading/cluster.py), with a real scheduler and real
workers on this machine started by the `dask scheduler` and `dask worker` commands: the grades equal those of
`--jobs 1`, a worker killed in the middle of a unit costs nothing, a worker without bubblewrap refuses to grade under
the "require" policy, and an unreachable scheduler is an error before anything is written."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import wrong_packs
from course import SOLUTIONS, cnn_grading, environment, make_course, notebook_name, read_scores, solved, submit

from cnn_grading.bench_grading import local_cluster

ASSIGNMENT = "01_padding"  # the quickest notebook to grade (a few seconds a unit)
STUDENTS = ["blank", "solution", "wrong_00"]


def grade(course_dir, *args, env=None):
    return subprocess.run([sys.executable, "-m", "cnn_grading", "autograde", *args], cwd=course_dir,
                          env=env or environment(), capture_output=True, text=True)


def copy_course(template, folder):
    shutil.copytree(template, folder, symlinks=True)
    return folder


@pytest.fixture(scope="module")
def course_template(tmp_path_factory):
    """A course of one assignment, released, with three submissions (complete, blank, wrong), not graded yet."""
    course_dir = make_course(tmp_path_factory.mktemp("cluster") / "course")
    for other in (course_dir / "solutions").iterdir():
        if other.name != ASSIGNMENT:
            shutil.rmtree(other)
    cnn_grading(course_dir, "release")
    release = nbformat.read(course_dir / "notebooks" / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)
    solution = nbformat.read(SOLUTIONS / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)
    submit(course_dir, "solution", ASSIGNMENT, solved(release, solution))
    submit(course_dir, "blank", ASSIGNMENT, release)
    wrong = wrong_packs(ASSIGNMENT)["wrong_00"]
    submit(course_dir, "wrong_00", ASSIGNMENT,
           solved(release, solution, {exercise: source.strip("\n") for exercise, (_, source) in wrong.items()}))
    return course_dir


@pytest.fixture(scope="module")
def serial_scores(course_template, tmp_path_factory):
    """A function that returns {student: {grade cell: (score, max)}} of the same course graded locally with
    `--jobs 1`; the grading runs in the background meanwhile (it uses one core), so the tests wait for it only at
    the end."""
    course_dir = copy_course(course_template, tmp_path_factory.mktemp("serial") / "course")
    process = subprocess.Popen([sys.executable, "-m", "cnn_grading", "autograde", "--jobs", "1"], cwd=course_dir,
                               env=environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def scores():
        output, _ = process.communicate()
        assert process.returncode == 0, output
        return read_scores(course_dir, ASSIGNMENT)

    yield scores
    process.kill()
    process.wait()


def progress_lines(output):
    return [line for line in output.splitlines() if line.startswith("[")]


@pytest.mark.slow
def test_the_cluster_grades_as_jobs_1_even_when_a_worker_is_killed(course_template, serial_scores, tmp_path):
    """Two workers; the second kills itself (SIGKILL) when it starts a unit, whichever: the scheduler gives that
    unit to the first worker, and every student is graded once, with the grades of --jobs 1. On the first worker
    nbgrader fails once on the solution: the worker grades it again, and the log keeps the first failure."""
    from cnn_grading.batch import FAIL_ONCE_VARIABLE
    from cnn_grading.cluster import KILL_WORKER_VARIABLE

    failing_once = environment(**{FAIL_ONCE_VARIABLE: f"solution/{ASSIGNMENT}"})
    doomed = environment(**{KILL_WORKER_VARIABLE: ",".join(f"{s}/{ASSIGNMENT}" for s in STUDENTS)})
    course_dir = copy_course(course_template, tmp_path / "course")
    with local_cluster(tmp_path / "dask", [failing_once, doomed]) as (address, workers):
        result = grade(course_dir, "--cluster", address)
        assert workers[1].poll() == -9, "the worker with the fault injection never started a unit"
    assert result.returncode == 0, result.stdout + result.stderr
    lines = progress_lines(result.stdout)
    assert len(lines) == len(STUDENTS), result.stdout
    assert len({line.split(" on ")[-1] for line in lines}) == 1 and " on tcp://127.0.0.1:" in lines[0], lines
    assert "not graded" not in result.stdout
    for student in STUDENTS:
        assert (course_dir / "autograded" / student / ASSIGNMENT / notebook_name(ASSIGNMENT)).is_file(), student
    assert not list((course_dir / "autograded").glob(".work-*"))
    assert read_scores(course_dir, ASSIGNMENT) == serial_scores()
    assert (f"the first attempt failed, graded once more: fault injection: nbgrader failed on solution/{ASSIGNMENT}"
            in (course_dir / ".nbgrader.log").read_text())


@pytest.mark.slow
def test_a_worker_without_bubblewrap_refuses_to_grade_under_require(course_template, tmp_path):
    """The instructor's sandbox policy travels with the task: "require" on a worker where bwrap cannot be found
    records the unit as not graded, with the reason, instead of grading it without the sandbox."""
    from cnn_grading.batch import NOT_GRADED

    no_bubblewrap = environment(PATH=str(Path(sys.executable).parent))
    course_dir = copy_course(course_template, tmp_path / "course")
    with local_cluster(tmp_path / "dask", [no_bubblewrap]) as (address, _):
        result = grade(course_dir, "--cluster", address, "--student", "solution",
                       env=environment(CNN_GRADING_SANDBOX="require"))
    assert result.returncode == 0, result.stdout + result.stderr
    refusal = [line for line in result.stdout.splitlines() if line.startswith("solution ") and "−" in line]
    assert any("not graded: the worker tcp://127.0.0.1:" in line and "has no grading sandbox (bubblewrap" in line
               and '"require" refuses to grade there' in line for line in refusal), result.stdout
    assert sum(score for score, _ in read_scores(course_dir, ASSIGNMENT)["solution"].values()) == 0
    assert (course_dir / "autograded" / "solution" / ASSIGNMENT / NOT_GRADED).is_file()


def test_an_unreachable_scheduler_is_an_error_before_anything_is_written(tmp_path, monkeypatch):
    import socket

    from cnn_grading import batch, cli, cluster

    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(batch.GradingError, match=f"cannot reach the Dask scheduler at {address}"):
        batch.autograde_batch(tmp_path, cluster=address)
    assert sorted(os.listdir(tmp_path)) == before
    with pytest.raises(SystemExit):
        cli.parser().parse_args(["autograde", "--jobs", "2", "--cluster", address])
