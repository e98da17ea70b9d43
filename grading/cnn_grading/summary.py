"""Why every point was lost: the gradebook, the autograded notebooks and a fresh pre-check of submitted/, in words an
instructor can pass on. It can be re-run at any time; it changes nothing."""

from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from cnn_utils.runner.validate import cell_label, describe_error
from cnn_utils.runner.verdict import DIED, NOT_RUN, TIMEOUT

from .batch import NOT_GRADED, course_directory
from .precheck import NotebookCheck, precheck


def notebook_events(nb):
    """[(index, kind, text)] for the crashes, hangs, timeouts and memory errors anywhere in an autograded notebook."""
    events = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") != "error":
                continue
            kind = {DIED: "kernel died", TIMEOUT: "timed out", "MemoryError": "ran out of memory"}.get(out.ename)
            if kind:
                events.append((i, kind, f"{kind} in {cell_label(cell, i)}"))
    return events


@dataclass
class Loss:
    """One reason a submission lost points (points == 0 for a note that cost nothing)."""
    student: str
    assignment: str
    where: str  # grade id of the test cell, or the notebook
    points: float
    reason: str


@dataclass
class SubmissionScore:
    student: str
    assignment: str
    score: float
    max_score: float
    losses: list = field(default_factory=list)


def explain(root, assignments=None, students=None):
    """[SubmissionScore] for every submission in the gradebook, with a reason for every lost point, computed from the
    gradebook, the autograded notebooks and a fresh pre-check of submitted/ (so it can be re-run at any time)."""
    from nbgrader.api import Gradebook

    coursedir = course_directory(root)
    results = []
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        for assignment in gb.assignments:
            if assignments and assignment.name not in assignments:
                continue
            names = [nb.name for nb in assignment.notebooks]
            for submission in sorted(gb.assignment_submissions(assignment.name), key=lambda s: s.student.id):
                student = submission.student.id
                if students and student not in students:
                    continue
                row = SubmissionScore(student, assignment.name, submission.score, submission.max_score)
                try:
                    folder = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment.name))
                    checks, extra = precheck(folder, names) if folder.is_dir() else (
                        [NotebookCheck(n, "missing", "nothing submitted for this assignment") for n in names], [])
                    by_name = {c.name: c for c in checks}
                    for name in extra:
                        row.losses.append(Loss(student, assignment.name, name, 0,
                                               f"unexpected extra notebook {name}: not graded"))
                    for notebook in submission.notebooks:
                        check = by_name[notebook.name]
                        row.losses += [Loss(student, assignment.name, f"{notebook.name}.ipynb", 0, n)
                                       for n in check.notes]
                        lost = [g for g in notebook.grades if g.max_score and (g.score or 0) < g.max_score]
                        path = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment.name),
                                    f"{notebook.name}.ipynb")
                        if check.status != "ok":
                            total = sum(g.max_score - (g.score or 0) for g in lost)
                            row.losses.append(Loss(student, assignment.name, f"{notebook.name}.ipynb", total,
                                                   check.reason))
                            continue
                        not_graded = path.parent / NOT_GRADED
                        if not_graded.exists():
                            total = sum(g.max_score - (g.score or 0) for g in lost)
                            row.losses.append(Loss(student, assignment.name, f"{notebook.name}.ipynb", total,
                                                   not_graded.read_text(encoding="utf-8").strip()))
                            continue
                        if not path.exists():
                            total = sum(g.max_score - (g.score or 0) for g in lost)
                            row.losses.append(Loss(student, assignment.name, f"{notebook.name}.ipynb", total,
                                                   "not graded: nbgrader failed on this notebook (see .nbgrader.log)"))
                            continue
                        nb = nbformat.read(path, as_version=4)
                        row.losses += _cell_losses(nb, lost, student, assignment.name)
                        graded = nb.metadata.get("cnn_grading", {})
                        row.losses += [Loss(student, assignment.name, f"{notebook.name}.ipynb", 0, f"note: {note}")
                                       for note in graded.get("notes", [])]
                        row.losses += [Loss(student, assignment.name, f"{notebook.name}.ipynb", 0,
                                            f"warning, worth a look (costs nothing): {f['cell']}: {f['what']}")
                                       for f in graded.get("findings", [])]
                except Exception as error:  # one unreadable submission must not hide the others
                    row.losses.append(Loss(student, assignment.name, assignment.name, 0,
                                           f"the summary could not read this submission ({type(error).__name__}: "
                                           f"{error}); its score is the gradebook's"))
                results.append(row)
    return results


def _cell_losses(nb, lost, student, assignment):
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): (i, c) for i, c in enumerate(nb.cells)}
    events = notebook_events(nb)
    losses = []
    for grade in lost:
        points = grade.max_score - (grade.score or 0)
        if grade.manual_score is not None:
            losses.append(Loss(student, assignment, grade.name, points, "graded by hand"))
            continue
        index, cell = cells.get(grade.name, (None, None))
        if cell is None:
            losses.append(Loss(student, assignment, grade.name, points, "test cell not found in the graded notebook"))
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        special = [o for o in errors if o.ename in (DIED, TIMEOUT, NOT_RUN, "MemoryError")]
        chosen = (special or errors or [None])[0]
        if chosen is None:
            stderr = any(o.get("output_type") == "stream" and o.get("name") == "stderr"
                         for o in cell.get("outputs", []))
            reason = "the test cell wrote to stderr (nbgrader scores that as a failure)" if stderr \
                else "lost points without an error output"
        else:
            special_error = chosen.ename in (DIED, TIMEOUT, NOT_RUN, "MemoryError")
            reason = describe_error(chosen, cell_label(cell, index) if special_error else "")
        earlier = [text for i, kind, text in events if i < index]
        if earlier and (chosen is None or chosen.ename not in (DIED, TIMEOUT, "MemoryError")):
            reason += f" — after: {'; '.join(earlier)}"
        losses.append(Loss(student, assignment, grade.name, points, reason))
    return losses
