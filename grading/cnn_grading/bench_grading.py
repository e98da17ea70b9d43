"""Benchmark of autograding: `python -m cnn_grading.bench_grading [--students 30] [--jobs 1 2] [--cluster]`.

It copies the course (nbgrader_config.py and solutions/) into a temporary folder, generates every assignment, hands
in `--students` complete submissions of the whole course (every exercise solved, as the solutions solve it: the
slowest kind of submission, since every cell runs), and then, for each value of `--jobs`, autogrades all of them
from scratch with `python -m cnn_grading autograde --jobs N`. It prints the time of one complete submission
graded alone, the time of the batch for each number of jobs, the speed-up, and checks that every student got full
marks. With `--cluster`, each batch is also graded with `autograde --cluster` on a Dask scheduler and as many workers
started on this machine (the same number of processes as `--jobs N`), and the overhead of the cluster is printed.
Nothing in the course folder itself is touched.

Timings on a shared machine vary with what else runs on it: the load average is printed next to every figure.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from cnn_utils.bench import _cpu_name, _load

from . import summary
from .cli import child_environment


def cells_by_grade_id(nb):
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}


def solved(release_nb, solution_nb, replacements=None):
    """The release notebook with every exercise cell filled in from the solution notebook, as a student who solved
    everything would hand it in; `replacements` maps an exercise cell's grade_id to other source code."""
    nb = nbformat.from_dict(release_nb)
    solution_cells = cells_by_grade_id(solution_nb)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            grade_id = meta["grade_id"]
            cell.source = (replacements or {}).get(grade_id, solution_cells[grade_id].source)
    return nb


@contextlib.contextmanager
def local_cluster(folder, environments):
    """A Dask cluster of real processes on this machine, started with the commands an instructor runs: `dask
    scheduler` and one `dask worker` per environment in `environments` (None: this process's), each with one thread
    and without a nanny (a worker that dies stays dead). Yields (the scheduler's address, [worker processes]); every
    process is stopped on the way out."""
    from distributed import Client

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    processes = []

    def start(name, arguments, environment=None):
        with open(folder / f"{name}.log", "wb") as log:
            processes.append(subprocess.Popen([sys.executable, "-m", "dask", *arguments], cwd=folder, stdout=log,
                                              stderr=subprocess.STDOUT, env=environment or child_environment()))
        return processes[-1]

    try:
        start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                            "--scheduler-file", str(scheduler_file)])
        deadline, address = time.monotonic() + 120, None
        while address is None:
            if processes[0].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Dask scheduler did not start: {(folder / 'scheduler.log').read_text()}")
            time.sleep(0.2)
            try:
                address = json.loads(scheduler_file.read_text())["address"]
            except (OSError, ValueError, KeyError):  # not written yet, or only in part
                continue
        workers = [start(f"worker-{k}", ["worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                                         "--no-dashboard", "--memory-limit", "0", "--name", f"worker-{k}",
                                         "--local-directory", str(folder / f"worker-{k}")], environment)
                   for k, environment in enumerate(environments)]
        with Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(len(workers), timeout=120)
        yield address, workers
    finally:  # a killed worker loses nothing here (its units are done), and a graceful close takes seconds
        for process in processes:
            process.kill()
            process.wait()


def _grade(course, *args):
    result = subprocess.run([sys.executable, "-m", "cnn_grading", *args], cwd=course, env=child_environment(),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"`python -m cnn_grading {' '.join(args)}` failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def make_course(source, folder, students):
    """A copy of the course in `folder` with every assignment generated and `students` complete submissions."""
    shutil.copy(Path(source, "nbgrader_config.py"), folder)
    shutil.copytree(Path(source, "solutions"), Path(folder, "solutions"))
    _grade(folder, "release", "--no-exchange")
    assignments = sorted(p.name for p in Path(folder, "solutions").iterdir() if p.is_dir())
    for assignment in assignments:
        name = f"{assignment}.ipynb"
        release = nbformat.read(Path(folder, "notebooks", assignment, name), as_version=4)
        solution = nbformat.read(Path(folder, "solutions", assignment, name), as_version=4)
        submission = solved(release, solution)
        for k in range(students):
            target = Path(folder, "submitted", f"student{k + 1:03d}", assignment)
            target.mkdir(parents=True)
            nbformat.write(submission, target / name)
    return assignments


def autograde(course, where, student=None):
    """(seconds of the whole run, {student: seconds}) of one `autograde` run from scratch; `where` is the option that
    says where to grade (["--jobs", "2"] or ["--cluster", address])."""
    for generated in ("autograded", "feedback"):
        shutil.rmtree(Path(course, generated), ignore_errors=True)
    args = ["autograde", *where] + (["--student", student] if student else [])
    start = time.perf_counter()
    output = _grade(course, *args)
    seconds = time.perf_counter() - start
    per_student = {m.group(1): float(m.group(2))
                   for m in re.finditer(r"^\[\s*\d+/\d+\] (\S+)\s+([\d.]+) s", output, re.M)}
    return seconds, per_student


def full_marks(course, students):
    rows = summary.explain(Path(course).resolve())
    wrong = [f"{r.student} {r.assignment} {r.score:g}/{r.max_score:g}" for r in rows if r.score != r.max_score]
    graded = {r.student for r in rows}
    missing = [s for s in students if s not in graded]
    return wrong + [f"{s} not graded" for s in missing]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m cnn_grading.bench_grading", description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="complete submissions in the batch (default 30)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="numbers of workers to compare")
    parser.add_argument("--course", default=".", help="the course folder (default: the current directory)")
    parser.add_argument("--cluster", action="store_true",
                        help="also grade through a Dask cluster of as many workers on this machine (dask scheduler "
                             "+ dask worker) and print its overhead over --jobs")
    args = parser.parse_args(argv)
    if not Path(args.course, "nbgrader_config.py").exists():
        parser.error(f"no nbgrader_config.py in {Path(args.course).resolve()}: run from the course folder "
                     "or give --course")
    print(f"Grading benchmark on {_cpu_name()}, {os.cpu_count()} cores; {_load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as folder:
        students = [f"student{k + 1:03d}" for k in range(args.students)]
        assignments = make_course(args.course, folder, args.students)
        print(f"{args.students} complete submissions of {len(assignments)} notebooks "
              f"({', '.join(assignments)})\n", flush=True)

        alone, per_student = autograde(folder, ["--jobs", "1"], students[0])
        print(f"one complete submission, graded alone: {per_student[students[0]]:.1f} s of grading "
              f"({alone:.1f} s with the command's start-up); {_load()}", flush=True)
        batch, failed = {}, False

        def timed(label, where):
            nonlocal failed
            seconds, per_student = autograde(folder, where)
            problems = full_marks(folder, students)
            failed = failed or bool(problems)
            per = sorted(per_student.values())
            print(f"{args.students} submissions, {label}: {seconds:.1f} s "
                  f"({seconds / args.students:.1f} s per submission; one student's grading took "
                  f"{per[0]:.1f}-{per[-1]:.1f} s); {_load()}"
                  + (f"\n  NOT FULL MARKS: {'; '.join(problems[:5])}" if problems else ", all full marks"),
                  flush=True)
            return seconds

        for jobs in args.jobs:
            batch[jobs] = timed(f"--jobs {jobs}", ["--jobs", str(jobs)])
            if args.cluster:
                # a standing cluster, as an instructor would use one: its start-up is not part of the batch
                with local_cluster(Path(folder, f"dask-{jobs}"), [None] * jobs) as (address, _):
                    seconds = timed(f"--cluster with {jobs} local worker{'s' if jobs > 1 else ''}",
                                    ["--cluster", address])
                print(f"overhead of the cluster over --jobs {jobs}: {seconds - batch[jobs]:+.1f} s "
                      f"({seconds / batch[jobs] - 1:+.1%})", flush=True)
        if len(batch) > 1:
            base = min(batch)
            for jobs in sorted(batch):
                if jobs != base:
                    print(f"speed-up of --jobs {jobs} over --jobs {base}: {batch[base] / batch[jobs]:.2f}x")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
