"""Grading a class: one unit of work per student and assignment, each in its own process, merged one at a time.

Each unit is graded by nbgrader's autograder in a private course folder with its own copy of the gradebook (the
SQLite gradebook is written by the parent only, one unit at a time). A unit whose process dies (the out-of-memory
killer, a crash) or on which nbgrader fails (a kernel that did not start, say; student code cannot make nbgrader fail,
its errors are written into the notebook) is tried once more, in a fresh process; if it fails again the student is
recorded as "not graded", with the reason, so that nobody is ever missing from the summary or the export. Submission
folders are read, never modified: what is graded is a copy, and symbolic links and special files are refused, never
followed (cnn_grading.precheck).
"""

import os
import pickle
import shutil
import signal
import sqlite3
import time
import traceback
from pathlib import Path

from cnn_utils.runner.course import load_config

from .precheck import precheck

NOT_GRADED = "NOT_GRADED.txt"  # autograded/<student>/<assignment>/NOT_GRADED.txt: why a unit could not be graded
PRELOAD = ["cnn_grading.batch", "cnn_grading.preprocessors.execute", "cnn_grading.preprocessors.restore",
           "cnn_grading.preprocessors.report", "cnn_grading.hidden", "nbgrader.converters", "nbconvert",
           "cnn_utils.checks", "cnn_utils.plots", "cnn_utils.gradcheck", "cnn_utils.layers", "cnn_utils.data",
           "matplotlib.pyplot", "tqdm.auto"]


def course_directory(root, overrides=None):
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=load_config(root, overrides))


# -- grading one unit in a private course directory (runs in a worker process) --------------------------------
def _materialize(checks, extra, source, destination):
    """Copy a submission folder to a worker's course: plain files and folders as they are (symbolic links and special
    files are left out, never followed), then the notebooks to grade."""
    from cnn_utils.runner.course import special_file

    def refused(folder, names):
        return [name for name in names if special_file(Path(folder) / name)]

    destination.mkdir(parents=True)
    for item in source.iterdir():
        if item.suffix == ".ipynb" or special_file(item):
            continue
        if item.is_dir():
            shutil.copytree(item, destination / item.name, ignore=refused)
        else:
            shutil.copy2(item, destination / item.name)
    for name in extra:
        if not special_file(source / name):
            shutil.copy2(source / name, destination / name)  # nbgrader skips unknown notebooks with a warning
    for check in checks:
        if check.status != "ok":
            continue
        target = destination / f"{check.name}.ipynb"
        if check.text:
            target.write_text(check.text, encoding="utf-8")
        else:
            shutil.copy2(source / check.source, target)


def _record_ungradable(db_url, course_id, assignment, student, names, timestamp):
    """Zero every test cell of notebooks that cannot be graded, as nbgrader does for a missing notebook."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gb:
        gb.update_or_create_student(student)
        extra = {"timestamp": timestamp} if timestamp else {}
        gb.update_or_create_submission(assignment, student, **extra)
        for name in names:
            notebook = gb.find_submission_notebook(name, assignment, student)
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


def grade_student(root, work, student, expected, overrides=None, private_name=None):
    """Autograde every assignment in `expected` ({assignment: [notebook names]}) for one student, in a private
    course directory work/<private_name or student> with its own copy of work/gradebook.db. Returns a picklable
    report."""
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    started = time.monotonic()
    _quiet_sqlalchemy()
    root, work = Path(root), Path(work)
    config = load_config(root, overrides)
    main = CourseDirectory(config=config)
    private = work / (private_name or student)
    if private.exists():
        shutil.rmtree(private)
    private.mkdir(parents=True)
    shutil.copy(work / "gradebook.db", private / "gradebook.db")
    (private / main.source_directory).symlink_to(Path(main.root) / main.source_directory)
    config.CourseDirectory.root = str(private)
    config.CourseDirectory.db_url = f"sqlite:///{private / 'gradebook.db'}"
    report = {"student": student, "private": str(private), "assignments": {}}
    for assignment, names in expected.items():
        submitted = Path(main.format_path(main.submitted_directory, student, assignment))
        checks, extra = precheck(submitted, names)
        entry = report["assignments"][assignment] = {
            "checks": [c.__dict__ | {"text": ""} for c in checks], "extra": extra, "success": True, "error": ""}
        destination = private / main.submitted_directory / student / assignment
        _materialize(checks, extra, submitted, destination)
        gradable = [c.name for c in checks if c.status == "ok"]
        config.CourseDirectory.assignment_id = assignment
        config.CourseDirectory.student_id = student
        coursedir = CourseDirectory(config=config)
        if not gradable:
            timestamp = coursedir.get_existing_timestamp(str(destination))
            try:
                _record_ungradable(coursedir.db_url, coursedir.course_id, assignment, student, names, timestamp)
            except Exception:
                entry.update(success=False, error=traceback.format_exc())
            continue
        converter = Autograde(coursedir=coursedir, config=config)
        converter.force = True
        converter.create_student = True
        result = _injected_failure(work, student, assignment) or capture_log(converter)
        entry["log"] = result.get("log", "")
        if not result["success"]:
            entry.update(success=False, error=result.get("error", ""))
    report["seconds"] = time.monotonic() - started
    return report


def _injected_failure(work, student, assignment):
    """Fault injection for the tests: nbgrader "fails" on the first attempt at each unit named in FAIL_ONCE_VARIABLE
    (the attempts of a unit share `work`, where the first leaves a mark)."""
    unit = f"{student}/{assignment}"
    mark = work / f"failed-once-{student}-{assignment}"
    if unit not in os.environ.get(FAIL_ONCE_VARIABLE, "").split(",") or mark.exists():
        return None
    mark.touch()
    return {"success": False, "error": f"fault injection: nbgrader failed on {unit}", "log": ""}


def _worker_init(log_path):
    """Pool initializer: the worker's own output and its kernels' go to a log file, not over the progress lines."""
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


# -- merging a worker's gradebook into the course's ---------------------------------------------------------------
def snapshot_gradebook(db_path, copy_path):
    """A consistent copy of an SQLite gradebook, even while another program (formgrader) has it open."""
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    target = sqlite3.connect(copy_path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _quiet_sqlalchemy():
    """nbgrader's Gradebook.add_submission builds objects before adding them to the session, which makes SQLAlchemy
    warn (harmlessly) on every new submission; keep those warnings out of the progress lines."""
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)


def read_graded(worker_url, course_id, student, assignments):
    """What autograding wrote for `student` in a private gradebook, as plain data (None when the student is not in it):
    the student, and per submission its timestamp, the notebooks' flags and late penalties, and every grade's
    auto_score and needs_manual_grade and comment's auto_comment."""
    from nbgrader.api import Gradebook, MissingEntry

    _quiet_sqlalchemy()
    with Gradebook(worker_url, course_id) as worker:
        try:
            person = worker.find_student(student)
        except MissingEntry:
            return None
        graded = {"student": {"first_name": person.first_name, "last_name": person.last_name,
                              "email": person.email, "lms_user_id": person.lms_user_id}, "submissions": {}}
        for assignment in assignments:
            try:
                submission = worker.find_submission(assignment, student)
            except MissingEntry:
                continue
            graded["submissions"][assignment] = {"timestamp": submission.timestamp, "notebooks": {
                notebook.name: {"flagged": notebook.flagged,
                                "late_submission_penalty": notebook.late_submission_penalty,
                                "grades": {g.name: (g.auto_score, g.needs_manual_grade) for g in notebook.grades},
                                "comments": {c.name: c.auto_comment for c in notebook.comments}}
                for notebook in submission.notebooks}}
    return graded


def write_graded(main_url, course_id, student, graded):
    """Write what read_graded returned into the course's gradebook. Manual grades and extensions stay."""
    from nbgrader.api import Gradebook

    _quiet_sqlalchemy()
    with Gradebook(main_url, course_id) as main:
        main.update_or_create_student(student, **graded["student"])
        for assignment, submission in graded["submissions"].items():
            target = main.update_or_create_submission(assignment, student)
            target.timestamp = submission["timestamp"]
            for name, notebook in submission["notebooks"].items():
                into = main.find_submission_notebook(name, assignment, student)
                into.flagged = notebook["flagged"]
                into.late_submission_penalty = notebook["late_submission_penalty"]
                grades = {g.name: g for g in into.grades}
                for grade_name, (auto_score, needs_manual_grade) in notebook["grades"].items():
                    grades[grade_name].auto_score = auto_score
                    grades[grade_name].needs_manual_grade = needs_manual_grade
                comments = {c.name: c for c in into.comments}
                for comment_name, auto_comment in notebook["comments"].items():
                    comments[comment_name].auto_comment = auto_comment
            main.db.commit()


def merge_submissions(main_url, worker_url, course_id, student, assignments):
    """Copy what autograding wrote for `student` from a worker's gradebook into the main one (read_graded)."""
    graded = read_graded(worker_url, course_id, student, assignments)
    if graded:
        write_graded(main_url, course_id, student, graded)


def install_autograded(private, root, autograded_directory, student, assignments):
    """Move work/<student>/autograded/<student>/<assignment> over the course's autograded folder of that student."""
    for assignment in assignments:
        source = Path(private) / autograded_directory / student / assignment
        target = Path(root) / autograded_directory / student / assignment
        if target.exists():
            shutil.rmtree(target)
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(source), str(target))


# -- the batch ------------------------------------------------------------------------------------------------------
class GradingError(Exception):
    """A problem with the course set-up (not with a submission): the instructor must fix something first."""


def default_jobs(memory_limit_mib=4096):
    """One worker per core, but no more kernels than fit in the available memory at their limit."""
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        with open("/proc/meminfo") as f:
            available = next(int(line.split()[1]) for line in f if line.startswith("MemAvailable")) // 1024
        if memory_limit_mib:
            jobs = min(jobs, max(1, available // memory_limit_mib))
    except (OSError, StopIteration, ValueError):
        pass
    return max(1, jobs)


def plan(root, assignments=None, students=None):
    """({assignment: [notebook names]}, [students with a submission folder]) from the gradebook and submitted/."""
    from nbgrader.api import Gradebook

    coursedir = course_directory(root)
    if not Path(coursedir.root, "gradebook.db").exists() and coursedir.db_url.startswith("sqlite:///"):
        raise GradingError("no gradebook.db here: run `python -m cnn_grading release` first")
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        known = {a.name: [nb.name for nb in a.notebooks] for a in gb.assignments}
    if assignments:
        unknown = [a for a in assignments if a not in known]
        if unknown:
            raise GradingError(f"not in the gradebook: {', '.join(unknown)}. Generate them first: "
                               f"`python -m cnn_grading release {' '.join(unknown)}`")
        known = {a: known[a] for a in assignments}
    submitted = Path(coursedir.root, coursedir.submitted_directory)
    everyone = sorted(p.name for p in submitted.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if submitted.is_dir() else []
    if students:
        missing = [s for s in students if s not in everyone]
        if missing:
            raise GradingError(f"no folder {submitted}/<student> for: {', '.join(missing)}")
        everyone = [s for s in everyone if s in students]
    return known, [s for s in everyone if any((submitted / s / a).is_dir() for a in known)]


KILL_VARIABLE = "CNN_GRADING_KILL_UNITS"  # "student/assignment,...": those units' processes kill themselves (tests)
FAIL_ONCE_VARIABLE = "CNN_GRADING_FAIL_ONCE_UNITS"  # "student/assignment,...": nbgrader fails once on those (tests)


def _unit_main(result_path, log_path, args):
    """A worker process: grade one unit and leave the report in result_path (its absence means it died)."""
    _worker_init(log_path)
    if f"{args[2]}/{next(iter(args[3]))}" in os.environ.get(KILL_VARIABLE, "").split(","):
        os.kill(os.getpid(), signal.SIGKILL)  # fault injection: what the out-of-memory killer does
    try:
        report = grade_student(*args)
    except Exception:
        report = crashed_report(args[2], next(iter(args[3])),
                                f"the grader failed on this unit: {traceback.format_exc()[-800:]}")
    with open(result_path, "wb") as file:
        pickle.dump(report, file)


def _death(exitcode):
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return ("its grading process was killed "
                f"({name}{', as the out-of-memory killer does' if name == 'SIGKILL' else ''})")
    return f"its grading process stopped with exit status {exitcode}"


def record_not_graded(root, coursedir, student, assignment, names, reason):
    """A unit that could not be graded: zero scores in the gradebook (so the student is in every export) and the
    reason next to the autograded notebooks (so the summary says why)."""
    _record_ungradable(coursedir.db_url, coursedir.course_id, assignment, student, names, None)
    folder = Path(root, coursedir.autograded_directory, student, assignment)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / NOT_GRADED).write_text(reason + "\n", encoding="utf-8")


class BatchRun:
    """What grading a batch locally and on a Dask cluster share: the plan (one unit per student and assignment), a
    private work folder with a snapshot of the gradebook, and the merge of each finished unit into the course, one at
    a time, by this process alone."""

    def __init__(self, root, assignments=None, students=None, overrides=None, progress=None):
        self.root = Path(root).resolve()
        self.coursedir = course_directory(self.root, overrides)
        self.expected, everyone = plan(self.root, assignments, students)
        if not self.coursedir.db_url.startswith("sqlite:///"):
            raise GradingError(f"parallel grading copies an SQLite gradebook; {self.coursedir.db_url} is not one. "
                               "Use plain `nbgrader autograde` instead.")
        self.overrides = dict(overrides or {})
        self.progress = progress
        self.submitted = self.root / self.coursedir.submitted_directory
        self.units = [(s, a) for s in everyone for a in self.expected if (self.submitted / s / a).is_dir()]
        self.remaining = {s: sum(1 for u in self.units if u[0] == s) for s in everyone}
        self.reports, self.done, self.started = {}, [], time.monotonic()
        self.work = Path(self.root, self.coursedir.autograded_directory, f".work-{os.getpid()}")
        self.log_path = self.work / "workers.log"

    def open(self):
        """Make the work folder (removing those of killed batches) and snapshot the gradebook into it."""
        for stale in Path(self.root, self.coursedir.autograded_directory).glob(".work-*"):
            if not _running(stale.name[len(".work-"):]):  # left behind by a batch that was killed
                shutil.rmtree(stale, ignore_errors=True)
        if self.work.exists():
            shutil.rmtree(self.work)
        self.work.mkdir(parents=True)
        snapshot_gradebook(Path(self.coursedir.db_url[len("sqlite:///"):]), self.work / "gradebook.db")

    def close(self):
        _append_logs(self.root, self.reports, self.log_path)
        shutil.rmtree(self.work, ignore_errors=True)

    def finish(self, student, assignment, report):
        """Merge one finished unit into the course (or record why it was not graded) and report progress."""
        private = Path(report["private"]) if report.get("private") else None
        if report.get("crashed"):
            reason = "not graded: " + report["assignments"][assignment]["error"]
            try:
                record_not_graded(self.root, self.coursedir, student, assignment, self.expected[assignment], reason)
            except Exception as error:
                report["assignments"][assignment].update(error=f"{reason}; recording it failed: {error}",
                                                         merge_failed=True)
        else:
            try:
                if "graded" in report:  # read in the private gradebook by the worker that graded it
                    if report["graded"]:
                        write_graded(self.coursedir.db_url, self.coursedir.course_id, student, report.pop("graded"))
                else:
                    merge_submissions(self.coursedir.db_url, f"sqlite:///{private / 'gradebook.db'}",
                                      self.coursedir.course_id, student, [assignment])
                install_autograded(private, self.root, self.coursedir.autograded_directory, student, [assignment])
            except Exception as error:  # the course's gradebook or folders, not the submission: tell the instructor
                for entry in report["assignments"].values():
                    entry.update(success=False, error=f"merging into the course failed: {error}", merge_failed=True)
        if private:
            shutil.rmtree(private, ignore_errors=True)
        total = self.reports.setdefault(student, {"student": student, "assignments": {}, "seconds": 0.0})
        total["assignments"].update(report["assignments"])
        total["seconds"] += report["seconds"]
        if report.get("worker"):
            total.setdefault("workers", {})[assignment] = report["worker"]
        self.remaining[student] -= 1
        if self.remaining[student] == 0:
            self.done.append(student)
            if self.progress:
                self.progress(student, total, len(self.done), len(self.remaining), time.monotonic() - self.started)


def autograde_batch(root, assignments=None, students=None, jobs=None, overrides=None, progress=None, cluster=None):
    """Autograde the submissions of `students` (default: all) for `assignments` (default: all in the gradebook) with
    `jobs` worker processes, or on a Dask cluster: `cluster` is its scheduler's address, or a connected
    `distributed.Client` (which stays open). Returns {student: report}. Raises GradingError for set-up problems only
    (an unreachable scheduler among them).

    A unit of work is one student's submission of one assignment, graded in its own process and private course
    directory; the parent merges each unit into the course as soon as it is done, one at a time, and calls
    `progress(student, report, students_done, students_total, elapsed)` when all of a student's units are in."""
    client = None
    if cluster:
        from .cluster import connect

        client = connect(cluster)  # first of all: an unreachable scheduler is an error before anything is written
    try:
        run = BatchRun(root, assignments, students, overrides, progress)
        if not run.units:
            return run.reports
        run.open()
        try:
            if client is not None:
                from .cluster import grade_on_cluster

                grade_on_cluster(client, run)
            else:
                _grade_locally(run, jobs)
        finally:
            run.close()
        return run.reports
    finally:
        if client is not None and client is not cluster:
            client.close()


def unit_context():
    """The multiprocessing context that starts the process of each unit."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    # each unit is a fresh process forked from the server: import once there what every unit needs (nbgrader, the
    # checks and what the static report resolves, matplotlib among them), not once per unit
    context.set_forkserver_preload(PRELOAD)
    return context


def _grade_locally(run, jobs):
    """Grade the units of `run` in `jobs` processes of this machine, each unit in a fresh process."""
    from .preprocessors.execute import GradingExecute

    jobs = jobs or default_jobs(GradingExecute(config=load_config(run.root, run.overrides)).memory_limit)
    overrides = dict(run.overrides)
    overrides.setdefault("GradingExecute", {})["secret_folder"] = str(run.root)
    context = unit_context()
    queue = [(unit, 1) for unit in run.units]
    running, first_failures = {}, {}  # first_failures: {unit: the report of an attempt on which nbgrader failed}
    try:
        while queue or running:
            while queue and len(running) < jobs:
                (student, assignment), attempt = queue.pop(0)
                name = f"{run.units.index((student, assignment)):05d}-{attempt}"
                result = run.work / f"{name}.report"
                args = (str(run.root), str(run.work), student, {assignment: run.expected[assignment]}, overrides, name)
                process = context.Process(target=_unit_main, args=(str(result), str(run.log_path), args), daemon=True)
                process.start()
                running[process] = ((student, assignment), attempt, result, run.work / name)
            time.sleep(0.05)
            for process in [p for p in running if not p.is_alive()]:
                process.join()
                unit, attempt, result, private = running.pop(process)
                report = None
                if result.exists():
                    with open(result, "rb") as file:
                        report = pickle.load(file)
                if attempt < 2 and (report is None or nbgrader_failed(report)):
                    shutil.rmtree(private, ignore_errors=True)
                    if report is not None:
                        first_failures[unit] = report
                    queue.append((unit, attempt + 1))  # maybe the machine, not the submission: once more
                    continue
                if report is None:
                    shutil.rmtree(private, ignore_errors=True)
                    report = crashed_report(*unit, died_again(process.exitcode, first_failures.get(unit)))
                run.finish(*unit, graded_again(report, first_failures.pop(unit, None)))
    finally:
        for process in running:
            process.kill()


def nbgrader_failed(report):
    """Whether nbgrader itself failed on a unit that was graded (its process did not die)."""
    return not report.get("crashed") and any(not e["success"] for e in report["assignments"].values())


def graded_again(report, first):
    """The report of a unit's second attempt, its log prefixed with why the first failed (None: no first)."""
    if first is not None:
        for assignment, entry in report["assignments"].items():
            error = first["assignments"].get(assignment, {}).get("error", "")
            entry["log"] = f"the first attempt failed, graded once more: {error}\n" + (entry.get("log") or "")
    return report


def died_again(exitcode, first):
    """Why a unit's second attempt is not graded: its process died (`exitcode`) after the first attempt died too, or
    after nbgrader failed on it (`first`: that attempt's report)."""
    return f"nbgrader failed on it, then {_death(exitcode)}" if first is not None else f"{_death(exitcode)}, twice"


def crashed_report(student, assignment, error):
    """The report of a unit that could not be graded (recorded with zero scores and `error` as the reason)."""
    return {"student": student, "private": "", "seconds": 0.0, "crashed": True,
            "assignments": {assignment: {"checks": [], "extra": [], "success": False, "error": error}}}


def _running(pid):
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _append_logs(root, reports, worker_log):
    """nbgrader's log lines of every graded submission (and the kernels' own output) go to .nbgrader.log."""
    try:
        with open(Path(root) / ".nbgrader.log", "a", encoding="utf-8") as log:
            for student, report in sorted(reports.items()):
                for assignment, entry in report["assignments"].items():
                    text = (entry.get("log") or "") + (entry.get("error") or "")
                    if text:
                        log.write(f"==> autograde {assignment} for {student}\n{text}\n")
            if Path(worker_log).exists():
                log.write(Path(worker_log).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        pass
