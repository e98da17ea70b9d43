"""Grading on a Dask cluster: `python -m cnn_grading autograde --cluster tcp://host:8786`. See docs/grading.md.

The instructor's process (the parent) plans the batch as for local grading (cnn_grading.batch.BatchRun) and sends
each unit (one student's submission of one assignment) to the `dask.distributed` workers as a task whose arguments
are plain bytes, so a worker needs no access to the course folder:

- per assignment, once (a task of its own, so each worker fetches it once and the scheduler can make it again if
  the worker holding it dies): the course's nbgrader_config.py, the assignment's source folder, the course secret
  (the hidden tests' inputs depend on it) and a snapshot of the gradebook;
- per unit: the submission after the pre-check (plain files only; links and special files are never followed).

The worker unpacks both into a temporary course folder and grades the unit as the local batch does: in a fresh
process, with the same sandbox and limits, once more if that process is killed or nbgrader fails. It returns the
report, what autograding wrote into its private gradebook (as plain data) and the autograded notebooks. The parent
merges each unit into the course as it comes back, one at a time: the gradebook is written here only.

Faults: a worker that dies mid-unit makes the scheduler run the unit on another worker (the parent merges each unit
once, when its task completes); after `distributed.scheduler.allowed-failures` deaths the unit is recorded as not
graded. A worker without bubblewrap grades as the sandbox policy says: under "require" it refuses, and the unit is
recorded as not graded with that reason.
"""

import concurrent.futures
import io
import itertools
import json
import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import uuid
from pathlib import Path

from cnn_utils.runner.course import load_config

from .batch import (
    GradingError,
    _materialize,
    _unit_main,
    crashed_report,
    died_again,
    graded_again,
    nbgrader_failed,
    read_graded,
    unit_context,
)
from .precheck import precheck
from .secret import SECRET_FILE, SECRET_VARIABLE, course_secret

CONNECT_TIMEOUT = 10  # seconds to reach the scheduler before saying it cannot be reached
WORKER_WAIT = 30  # seconds to wait for a first worker to join the scheduler
# "student/assignment,...": the Dask worker that starts one of those units kills itself (SIGKILL, tests only)
KILL_WORKER_VARIABLE = "CNN_GRADING_KILL_WORKER_UNITS"
REPLY = "cnn-grading-unit "  # the start of the helper process's answer lines (anything else it prints is ignored)


# -- the parent: the instructor's process ----------------------------------------------------------------------------
def connect(cluster):
    """A Client of the scheduler at the address `cluster` (or the Client `cluster` itself) with at least one worker,
    or a GradingError that says why not. The security settings (TLS) are those of Dask's configuration."""
    from distributed import Client

    if isinstance(cluster, str):
        try:
            client = Client(cluster, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise GradingError(f"cannot reach the Dask scheduler at {cluster}: {error}") from None
    else:
        client = cluster
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError:
        if client is not cluster:
            client.close()
        raise GradingError(f"the Dask scheduler at {client.scheduler.address} has no workers (waited {WORKER_WAIT} "
                           "s): start them with `dask worker ADDRESS --nthreads 1`") from None
    return client


def versions():
    """The versions of the two packages that decide a grade: the workers must have the instructor's."""
    from importlib.metadata import version

    return {name: version(name) for name in ("cnn-grading", "cnn-utils")}


def grade_on_cluster(client, run):
    """Grade the units of `run` (a started batch.BatchRun) on the cluster of `client`, merging each as it returns."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    from .sandbox import SandboxedKernelManager

    overrides = json.loads(json.dumps(run.overrides))  # plain data, as it travels
    # the instructor's sandbox policy (the config file, else $CNN_GRADING_SANDBOX here) decides on every worker
    policy = SandboxedKernelManager(config=load_config(run.root, run.overrides)).sandbox
    overrides.setdefault("SandboxedKernelManager", {})["sandbox"] = policy
    coursedir = run.coursedir
    common = {"overrides": overrides, "versions": versions(), "course_id": coursedir.course_id,
              "submitted_directory": coursedir.submitted_directory,
              "autograded_directory": coursedir.autograded_directory}
    batch_id = uuid.uuid4().hex[:8]
    courses, units = {}, {}
    for index, (student, assignment) in enumerate(run.units):
        if assignment not in courses:
            courses[assignment] = client.submit(_shipped, _course_package(run, assignment),
                                                key=f"cnn-grading-course-{assignment}-{batch_id}")
        name = f"{index:05d}"
        submission, checks = _submission_package(run, student, assignment, name)
        spec = common | {"student": student, "assignment": assignment, "names": run.expected[assignment]}
        future = client.submit(grade_unit, courses[assignment], submission, spec,
                               key=f"cnn-grading-unit-{name}-{batch_id}")
        units[future] = (student, assignment, name, checks)
    for future in as_completed(units, loop=client.loop):
        student, assignment, name, checks = units.pop(future)  # each unit once, when its task has completed
        try:
            report = future.result()
        except KilledWorker as error:
            deaths = error.args[2] + 1 if len(error.args) > 2 else "several"
            report = crashed_report(student, assignment, f"its grading worker died {deaths} times")
        except concurrent.futures.CancelledError:
            raise GradingError(f"lost the Dask scheduler: {len(units) + 1} units were not graded; run the same "
                               "command again when the cluster is back") from None
        except Exception as error:  # the task itself failed on the worker, e.g. a package it cannot import
            report = crashed_report(student, assignment, f"the grading worker failed: {type(error).__name__}: {error}")
        future.release()
        if not report.get("crashed"):
            report["assignments"][assignment]["checks"] = checks  # the pre-check of the submission as it was
            private = run.work / name
            autograded = report.pop("autograded")
            if autograded is not None:
                _unpack(autograded, private / coursedir.autograded_directory / student / assignment)
            report["private"] = str(private)
        with open(run.log_path, "a", encoding="utf-8") as log:
            log.write(report.pop("output", ""))
        run.finish(student, assignment, report)


def _shipped(package):
    """A task whose result is its argument: the course's package of an assignment, fetched once per worker."""
    return package


def _pack(files):
    """A gzipped tar (bytes) of {name in the archive: path or bytes}; folders whole, links stored as links."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as archive:
        for name, content in files.items():
            if isinstance(content, bytes):
                info = tarfile.TarInfo(name)
                info.size, info.mode, info.mtime = len(content), 0o600, time.time()
                archive.addfile(info, io.BytesIO(content))
            elif Path(content).exists():
                archive.add(content, arcname=name)
    return buffer.getvalue()


def _unpack(package, folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(package), mode="r:gz") as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(folder, filter="data")  # nothing outside the folder, no special files
        else:
            archive.extractall(folder)


def _course_package(run, assignment):
    """What every unit of `assignment` needs from the course folder."""
    source = run.coursedir.source_directory
    return _pack({"course/nbgrader_config.py": run.root / "nbgrader_config.py",
                  f"course/{source}/{assignment}": run.root / source / assignment,
                  f"course/{SECRET_FILE}": course_secret(run.root).hex().encode() + b"\n",
                  "work/gradebook.db": run.work / "gradebook.db"})


def _submission_package(run, student, assignment, name):
    """(the submission's folder after the pre-check, packed; the pre-check's findings for the report)."""
    folder = run.submitted / student / assignment
    checks, extra = precheck(folder, run.expected[assignment])
    copy = run.work / "shipping" / name
    _materialize(checks, extra, folder, copy)
    try:
        package = _pack({entry.name: entry for entry in copy.iterdir()})
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    return package, [c.__dict__ | {"text": ""} for c in checks]


# -- the worker: one unit, as a Dask task --------------------------------------------------------------------------
def grade_unit(course, submission, spec):
    """Grade one unit on this Dask worker (see the module's docstring) and return its report, with what autograding
    wrote into the gradebook (`graded`), the autograded folder (`autograded`, packed) and the processes' output."""
    from distributed import get_worker

    worker = get_worker()
    where = f"{worker.address} ({socket.gethostname()})"
    student, assignment = spec["student"], spec["assignment"]
    folder = Path(tempfile.mkdtemp(prefix="cnn-grading-unit-", dir=worker.local_directory))
    try:
        _unpack(course, folder)
        _unpack(submission, folder / "course" / spec["submitted_directory"] / student / assignment)
        refusal = _refusal(folder / "course", spec, where)
        if refusal:
            report = crashed_report(student, assignment, refusal)
        else:
            if f"{student}/{assignment}" in os.environ.get(KILL_WORKER_VARIABLE, "").split(","):
                os.kill(os.getpid(), signal.SIGKILL)  # fault injection: a worker lost in the middle of a unit
            report = _grade_in_child(folder, spec)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    report["worker"] = where
    return report


def _refusal(course, spec, where):
    """Why this worker must not grade the unit ("" when it may): other package versions than the instructor's, or no
    sandbox when the policy requires one."""
    from .sandbox import SandboxedKernelManager, status

    here = versions()
    if here != spec["versions"]:
        return (f"the worker {where} has {', '.join(f'{k} {v}' for k, v in here.items())}, the instructor "
                f"{', '.join(f'{k} {v}' for k, v in spec['versions'].items())}: install the same on every worker")
    policy = SandboxedKernelManager(config=load_config(course, spec["overrides"])).sandbox
    available, description = status()
    if policy == "require" and not available:
        return (f"the worker {where} has no grading sandbox ({description}), and the sandbox policy \"require\" "
                "refuses to grade there")
    return ""


def _grade_in_child(folder, spec):
    """Grade the unpacked unit in a fresh process, once more if that process is killed or nbgrader fails, as the
    local batch does."""
    student, assignment = spec["student"], spec["assignment"]
    course, work = folder / "course", folder / "work"
    overrides = json.loads(json.dumps(spec["overrides"]))
    overrides.setdefault("GradingExecute", {})["secret_folder"] = str(course)
    args = [str(course), str(work), student, {assignment: spec["names"]}, overrides, "unit"]
    log_path = folder / "output.log"
    report = first = None
    for attempt in (1, 2):
        result = work / f"attempt-{attempt}.report"
        exitcode = _runner().grade(result, log_path, args)
        if result.exists():
            with open(result, "rb") as file:
                report = pickle.load(file)
            if attempt == 1 and nbgrader_failed(report):
                first, report = report, None
                continue
            break
    report = graded_again(report or crashed_report(student, assignment, died_again(exitcode, first)), first)
    if not report.get("crashed"):
        private = work / "unit"
        report["graded"] = read_graded(f"sqlite:///{private / 'gradebook.db'}", spec["course_id"], student,
                                       [assignment])
        autograded = private / spec["autograded_directory"] / student / assignment
        report["autograded"] = _pack({entry.name: entry for entry in autograded.iterdir()}) \
            if autograded.is_dir() else None  # none when no notebook could be graded
    report["output"] = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    return report


class UnitRunner:
    """A helper process on a worker (`python -m cnn_grading.cluster`) that grades each unit it is sent in a fresh
    process forked from a server with nbgrader already imported, as the local batch does (seconds saved per unit).
    A plain subprocess: a Dask worker under a nanny is a daemonic process, which multiprocessing forbids children."""

    def __init__(self, folder):
        folder.mkdir(parents=True, exist_ok=True)
        environment = {k: v for k, v in os.environ.items() if k != SECRET_VARIABLE}  # the shipped secret decides
        self.process = subprocess.Popen([sys.executable, "-m", "cnn_grading.cluster"], cwd=folder, env=environment,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        self.lock = threading.Lock()
        self.waiting = {}
        self.requests = itertools.count()
        threading.Thread(target=self._read_replies, daemon=True).start()

    def alive(self):
        return self.process.poll() is None

    def _read_replies(self):
        for line in self.process.stdout:
            if line.startswith(REPLY):
                request, exitcode = json.loads(line[len(REPLY):])
                with self.lock:
                    self.waiting.pop(request).set_result(exitcode)
        self.process.wait()
        with self.lock:  # the helper is gone: so are the processes it was running
            for future in self.waiting.values():
                future.set_result(None)
            self.waiting.clear()

    def grade(self, result_path, log_path, args):
        """Grade one unit (batch._unit_main's arguments); the exit status of its process (None: the helper died)."""
        future = concurrent.futures.Future()
        with self.lock:
            if not self.alive():
                return None
            request = next(self.requests)
            self.waiting[request] = future
            try:
                self.process.stdin.write(json.dumps([request, str(result_path), str(log_path), args]) + "\n")
                self.process.stdin.flush()
            except OSError:
                del self.waiting[request]
                return None
        return future.result()


_runner_lock = threading.Lock()
_unit_runner = None


def _runner():
    """This worker's helper process, started at its first unit (and again if it died)."""
    global _unit_runner
    from distributed import get_worker

    with _runner_lock:
        if _unit_runner is None or not _unit_runner.alive():
            _unit_runner = UnitRunner(Path(get_worker().local_directory) / "cnn-grading-runner")
        return _unit_runner


def serve():
    """The helper process: grade each unit read from standard input in its own process, answer with its exit status;
    stop when the worker goes away (standard input closes), ending the units still running (daemonic processes)."""
    context = unit_context()
    answer = threading.Lock()

    def grade(request, result_path, log_path, args):
        process = context.Process(target=_unit_main, args=(result_path, log_path, tuple(args)), daemon=True)
        process.start()
        process.join()
        with answer:
            sys.stdout.write(REPLY + json.dumps([request, process.exitcode]) + "\n")
            sys.stdout.flush()

    for line in sys.stdin:
        threading.Thread(target=grade, args=json.loads(line), daemon=True).start()


if __name__ == "__main__":
    serve()
