"""What a submission folder holds, before anything runs: which notebooks can be graded, and why not the others."""

from dataclasses import dataclass, field
from pathlib import Path

from cnn_utils.runner.course import check_notebook_file, special_file


@dataclass
class NotebookCheck:
    """What the pre-check found for one expected notebook of a submission."""
    name: str
    status: str  # "ok", "missing", "empty", "invalid"
    reason: str = ""  # why it cannot be graded (status != ok)
    notes: list = field(default_factory=list)  # graded, but worth telling the instructor
    source: str = ""  # the submitted file that is graded under this name
    text: str = ""  # notebook JSON to grade when it differs from the file (upgraded or repaired)


def precheck(folder, expected):
    """([NotebookCheck per expected notebook name], [unexpected notebook files]) for a submission folder."""
    folder = Path(folder)
    for level, what in ((folder, "the submission folder"), (folder.parent, "the student's folder")):
        refused = special_file(level) if level.is_symlink() else ""
        if refused:
            return [NotebookCheck(name, "invalid", f"{what} is {refused}") for name in expected], []
    present = sorted(p.name for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    extra = [name for name in present if name[:-len(".ipynb")] not in expected]
    checks = []
    missing = [name for name in expected if f"{name}.ipynb" not in present]
    for name in expected:
        if name in missing:
            # a single unexpected notebook in place of a single missing one: the same work under another name
            if len(missing) == 1 and len(extra) == 1:
                substitute = extra.pop()
                status, reason, notes, text = check_notebook_file(folder / substitute)
                notes.insert(0, f"notebook {name}.ipynb missing: graded {substitute} in its place")
                if status != "ok":
                    reason = f"notebook {name}.ipynb missing, and {substitute} in its place is an {reason}"
                checks.append(NotebookCheck(name, status, reason, notes, substitute, text))
            else:
                checks.append(NotebookCheck(name, "missing", f"notebook missing: no {name}.ipynb was submitted"))
            continue
        status, reason, notes, text = check_notebook_file(folder / f"{name}.ipynb")
        checks.append(NotebookCheck(name, status, reason, notes, f"{name}.ipynb", text))
    return checks, extra
