"""One command per grading step, from the repository root (the nbgrader course directory). See docs/grading.md.

    python -m cnn_grading release [ASSIGNMENT...]            generate the student version (+ exchange release)
    python -m cnn_grading collect ASSIGNMENT [--from-lms DIR]  collect from the exchange or an LMS download
    python -m cnn_grading autograde [ASSIGNMENT...] [--jobs N | --cluster ADDRESS] [--student S]...
    python -m cnn_grading summary [ASSIGNMENT...]             scores, and a reason for every lost point
    python -m cnn_grading feedback [ASSIGNMENT...]            HTML feedback per student
    python -m cnn_grading export [--to grades.csv]            grades as CSV
    python -m cnn_grading validate NOTEBOOK                   a student's check (python -m cnn_utils.validate)
    python -m cnn_grading similarity ASSIGNMENT [...]         a report of similar exercise cells (never a grade)

Everything is nbgrader underneath (the gradebook is nbgrader's gradebook.db); this wrapper adds progress, parallel
grading, a pre-check of every submission and a summary. Exit status: 0 when the step worked, whatever the
submissions contained; 2 for a problem with the course set-up.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from cnn_utils.runner.course import load_config

from . import batch, similarity, summary


def child_environment():
    """This process's environment with this interpreter's bin folder first on PATH, for the commands it starts
    (nbgrader calls `alembic`, which a virtual environment that is not activated does not put on PATH)."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def nbgrader(*args, root=".", quiet=False):
    """Run an nbgrader command."""
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env=child_environment(),
                            capture_output=quiet, text=True)
    if result.returncode != 0 and quiet:
        sys.stderr.write(result.stdout + result.stderr)
    return result.returncode


def nbgrader_api(root, overrides=None):
    """nbgrader's Python API for the course in `root`, configured as the `nbgrader` command run there would be (plus
    `overrides`, {section: {name: value}}). A command's steps (one per assignment) then run in this process: each
    `nbgrader` process costs ~2 s of start-up."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    os.environ["PATH"] = child_environment()["PATH"]  # a new gradebook runs `alembic`, from this interpreter's bin
    config = load_config(Path(root).resolve(), overrides)
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def failed(result, step):
    """Print a failed API step's log and error, then its error line; None when the step worked."""
    if result is None or result["success"]:  # None: exchange steps, which nbgrader skips on Windows
        return None
    sys.stderr.write(result.get("log", "") + result.get("error", ""))
    return fail(f"nbgrader {step} failed (output above)")


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    return 2


def all_assignments(root):
    coursedir = batch.course_directory(root)
    source = Path(root, coursedir.source_directory)
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if source.is_dir() else []


def exchange_root(root):
    """The exchange folder when one is set up (it exists), else None."""
    config = load_config(root)
    folder = config.Exchange.get("root", "/srv/nbgrader/exchange")
    return folder if Path(folder).is_dir() else None


# -- commands -------------------------------------------------------------------------------------------------------
def cmd_release(args):
    assignments = args.assignments or all_assignments(args.root)
    if not assignments:
        return fail("no assignment folders in the source directory")
    exchange = None if args.no_exchange else exchange_root(args.root)
    api = nbgrader_api(args.root, {"ExchangeReleaseAssignment": {"force": True}})  # a new version replaces the old
    for assignment in assignments:
        print(f"generate_assignment {assignment}", flush=True)
        error = failed(api.generate_assignment(assignment, force=True), f"generate_assignment {assignment}")
        if error:
            return error
        if exchange:
            error = failed(api.release_assignment(assignment), f"release_assignment {assignment}")
            if error:
                return error
            print(f"  released to the exchange {exchange}")
    if not exchange:
        coursedir = batch.course_directory(args.root)
        print(f"Student versions are in {coursedir.release_directory}/. No nbgrader exchange is set up here, so hand "
              "them out another way (the repository, your LMS).")
    return 0


def cmd_collect(args):
    coursedir = batch.course_directory(args.root)
    if args.from_lms:
        source = Path(args.from_lms)
        if not source.exists():
            return fail(f"{source} does not exist")
        archive = Path(args.root, "downloaded", args.assignment, "archive")
        if archive.exists():
            shutil.rmtree(archive)
        archive.mkdir(parents=True)
        if source.is_dir():
            shutil.copytree(source, archive, dirs_exist_ok=True)
        else:
            shutil.copy2(source, archive)
        print(f"Copied {source} to {archive}; collecting with nbgrader zip_collect", flush=True)
        if nbgrader("zip_collect", args.assignment, "--force", root=args.root, quiet=True):
            return fail("nbgrader zip_collect failed (output above)")
    else:
        if not exchange_root(args.root):
            return fail("no nbgrader exchange is set up here: use --from-lms FOLDER for files downloaded from an LMS")
        if nbgrader("collect", args.assignment, "--update", root=args.root, quiet=True):
            return fail("nbgrader collect failed (output above)")
    submitted = Path(args.root, coursedir.submitted_directory)
    students = sorted(p.parent.name for p in submitted.glob(f"*/{args.assignment}") if p.is_dir())
    print(f"{len(students)} submissions of {args.assignment} in {coursedir.submitted_directory}/"
          + (f": {', '.join(students[:10])}{' …' if len(students) > 10 else ''}" if students else ""))
    return 0


def overrides_from(args):
    overrides = {}
    if getattr(args, "timeout", None):
        overrides.setdefault("Execute", {})["timeout"] = args.timeout
    if getattr(args, "memory_limit", None) is not None:
        overrides.setdefault("GradingExecute", {})["memory_limit"] = args.memory_limit
    return overrides


def cmd_autograde(args):
    overrides = overrides_from(args)
    root = Path(args.root).resolve()
    try:
        expected, students = batch.plan(root, args.assignments, args.student)
    except batch.GradingError as error:
        return fail(str(error))
    if not students:
        print("Nothing to grade: no submitted/<student>/<assignment> folders for "
              f"{', '.join(expected) or 'any assignment'}.")
        return 0
    if args.cluster:
        jobs, where = None, f"on the Dask cluster at {args.cluster}"
    else:
        jobs = args.jobs or batch.default_jobs(overrides.get("GradingExecute", {}).get("memory_limit", 4096))
        where = f"with {jobs} worker{'s' if jobs > 1 else ''}"
    print(f"Autograding {', '.join(expected)} for {len(students)} students {where}", flush=True)
    width = max(len(s) for s in students)

    def progress(student, report, done, total, elapsed):
        parts = []
        for assignment, entry in report["assignments"].items():
            problems = [c["reason"] for c in entry["checks"] if c["status"] != "ok"]
            parts.append(f"{assignment}{' (' + problems[0] + ')' if problems else ''}"
                         f"{' FAILED' if not entry['success'] else ''}")
        workers = sorted(set(report.get("workers", {}).values()))
        print(f"[{done:>{len(str(total))}}/{total}] {student:<{width}}  {report['seconds']:5.1f} s  "
              f"elapsed {elapsed:6.1f} s  {', '.join(parts)}" + (f"  on {', '.join(workers)}" if workers else ""),
              flush=True)

    started = time.monotonic()
    try:
        reports = batch.autograde_batch(root, list(expected), students, jobs, overrides, progress, args.cluster)
    except batch.GradingError as error:
        return fail(str(error))
    print(f"Done: {len(reports)} students in {time.monotonic() - started:.1f} s.\n", flush=True)
    logs = "".join(e.get("log") or "" for r in reports.values() for e in r["assignments"].values())
    if "WITHOUT A SANDBOX" in logs:
        print("WARNING: the kernels ran WITHOUT the grading sandbox: student code could read your files. "
              "See .nbgrader.log and docs/integrity.md.\n", flush=True)
    print_summary(root, list(expected), students if args.student else None)
    failures = [(s, a) for s, r in reports.items() for a, e in r["assignments"].items()
                if e.get("merge_failed")]
    for student, assignment in failures:
        print(f"error: could not record {student}'s {assignment} in the course: "
              f"{reports[student]['assignments'][assignment]['error']}", file=sys.stderr)
    return 1 if failures else 0


def print_summary(root, assignments=None, students=None, out=None):
    out = out or sys.stdout
    rows = summary.explain(root, assignments, students)
    if not rows:
        print("No graded submissions yet.", file=out)
        return rows
    names = sorted({r.assignment for r in rows})
    students = sorted({r.student for r in rows})
    table = {(r.student, r.assignment): r for r in rows}
    maxima = {r.assignment: r.max_score for r in rows}
    width = max(len("student"), *(len(s) for s in students))
    columns = {a: max(len(a), len(f"{maxima[a]:g}") * 2 + 3) for a in names}
    print("Scores", file=out)
    print(f"{'student':<{width}}  " + "  ".join(f"{a:>{columns[a]}}" for a in names) + "  total", file=out)
    for student in students:
        cells, got, best = [], 0.0, 0.0
        for a in names:
            row = table.get((student, a))
            cells.append(f"{(f'{row.score:g}/{row.max_score:g}' if row else '—'):>{columns[a]}}")
            got += row.score if row else 0
            best += maxima[a]
        print(f"{student:<{width}}  " + "  ".join(cells) + f"  {got:g}/{best:g}", file=out)
    losses = [loss for r in rows for loss in r.losses]
    if losses:
        print("\nLost points and notes (−0 = graded normally, worth knowing)", file=out)
        for loss in sorted(losses, key=lambda x: (x.student, x.assignment, -x.points)):
            print(f"{loss.student:<{width}}  {loss.assignment}  {loss.where}  −{loss.points:g}: {loss.reason}",
                  file=out)
    return rows


def cmd_summary(args):
    try:
        print_summary(Path(args.root).resolve(), args.assignments or None)
    except batch.GradingError as error:
        return fail(str(error))
    return 0


def cmd_feedback(args):
    try:
        expected, _ = batch.plan(Path(args.root).resolve(), args.assignments)
    except batch.GradingError as error:
        return fail(str(error))
    exchange = exchange_root(args.root)
    api = nbgrader_api(args.root)
    for assignment in expected:
        print(f"generate_feedback {assignment}", flush=True)
        error = failed(api.generate_feedback(assignment, force=True), f"generate_feedback {assignment}") or \
            exchange and failed(api.release_feedback(assignment), f"release_feedback {assignment}")
        if error:
            return error
        written = write_ungradable_feedback(Path(args.root).resolve(), assignment)
        if written:
            print(f"  {written} students whose notebook could not be graded get a page saying why")
    return 0


def write_ungradable_feedback(root, assignment):
    """nbgrader writes feedback only for graded notebooks; a student whose file could not be graded (missing,
    empty, not a notebook) gets a short page with the reason instead of nothing."""
    import html

    coursedir = batch.course_directory(root)
    count = 0
    for row in summary.explain(root, [assignment]):
        for loss in row.losses:
            if not loss.where.endswith(".ipynb") or loss.points == 0 or "not graded: nbgrader" in loss.reason:
                continue
            folder = Path(coursedir.format_path(coursedir.feedback_directory, row.student, assignment))
            page = folder / loss.where.replace(".ipynb", ".html")
            if page.exists():
                continue
            folder.mkdir(parents=True, exist_ok=True)
            page.write_text(
                f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(assignment)}</title></head>"
                f"<body><h1>{html.escape(assignment)}: not graded</h1><p>Your submission could not be graded: "
                f"{html.escape(loss.reason)}.</p><p>Score: {row.score:g} / {row.max_score:g}. Ask your instructor "
                "whether you can hand in a working notebook.</p></body></html>", encoding="utf-8")
            count += 1
    return count


def cmd_export(args):
    extra = ["--to", args.to] if args.to else []
    if nbgrader("export", *extra, root=args.root, quiet=True):
        return fail("nbgrader export failed (output above)")
    print(f"Grades written to {args.to or 'grades.csv'}")
    return 0


def cmd_validate(args):
    from cnn_utils.runner.validate import main as validate

    return validate([args.notebook, "--root", args.root] + (["--timeout", str(args.timeout)] if args.timeout else []))


def parser():
    p = argparse.ArgumentParser(prog="python -m cnn_grading", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--root", default=".", help="the course directory (default: the current directory)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("release", help="generate the student versions; release them to the exchange if there is one")
    s.add_argument("assignments", nargs="*", help="default: every folder in the source directory")
    s.add_argument("--no-exchange", action="store_true", help="only generate, even if an exchange is set up")
    s.set_defaults(run=cmd_release)

    s = sub.add_parser("collect", help="collect submissions from the exchange or from an LMS download")
    s.add_argument("assignment")
    s.add_argument("--from-lms", metavar="FOLDER", help="a downloaded LMS archive (zip) or folder of files")
    s.set_defaults(run=cmd_collect)

    s = sub.add_parser("autograde", help="autograde submissions, in parallel, then print the summary")
    s.add_argument("assignments", nargs="*", help="default: every assignment in the gradebook")
    where = s.add_mutually_exclusive_group()
    where.add_argument("--jobs", "-j", type=int, help="worker processes (default: one per core, memory permitting)")
    where.add_argument("--cluster", metavar="ADDRESS", help="grade on the workers of the Dask scheduler at ADDRESS "
                                                            "(tcp://host:8786 or tls://...; docs/grading.md)")
    s.add_argument("--student", action="append", help="only this student (repeatable)")
    s.add_argument("--timeout", type=int, help="seconds per cell (default: c.Execute.timeout in nbgrader_config.py)")
    s.add_argument("--memory-limit", type=int, metavar="MIB", help="address space per kernel in MiB (0: no limit)")
    s.set_defaults(run=cmd_autograde)

    s = sub.add_parser("summary", help="scores per student and assignment, and the reason for every lost point")
    s.add_argument("assignments", nargs="*")
    s.set_defaults(run=cmd_summary)

    s = sub.add_parser("feedback", help="generate the HTML feedback (and release it to the exchange if there is one)")
    s.add_argument("assignments", nargs="*")
    s.set_defaults(run=cmd_feedback)

    s = sub.add_parser("export", help="export the gradebook to CSV (nbgrader export)")
    s.add_argument("--to", help="file name (default: grades.csv)")
    s.set_defaults(run=cmd_export)

    s = sub.add_parser("validate", help="what students run (python -m cnn_utils.validate): a notebook run as the "
                                        "grader runs it, with the visible tests")
    s.add_argument("notebook")
    s.add_argument("--timeout", type=int, help="seconds per cell")
    s.set_defaults(run=cmd_validate)

    similarity.add_parser(sub)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    if args.command not in ("validate", "similarity") and not Path(args.root, "nbgrader_config.py").is_file():
        return fail(f"no nbgrader_config.py in {Path(args.root).resolve()}: run this from the course directory")
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
