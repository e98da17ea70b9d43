"""The students' check before they submit: the grader's own pipeline, on their machine, with the visible tests.

    python -m cnn_utils.validate NOTEBOOK

The notebook's cells are put in order by the same rule (`cells.tidy`, `cells.restore`), run by the same executor
(`execute.ResilientExecute`: every cell but the tests, then each test judged outside the kernel) and judged by the
same verdict code as when it is graded. Only the hidden tests are missing: they belong to the instructor. So "ready
to submit" means: graded now, this notebook would pass every visible test the same way.
"""

import argparse
import os
import re
import sys
from pathlib import Path

import nbformat
from nbgrader import utils as nbutils

from ..i18n import notebook_language, tr, using_language
from . import cells
from .course import check_notebook_file, load_config
from .execute import ResilientExecute
from .verdict import DIED, NOT_RUN, TIMEOUT


def first_line(text, limit=220):
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(text)).strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[:limit - 1] + "…"


def describe_error(output, where=""):
    """A one-line reason for an error output, in words an instructor can pass on; `where` names the cell."""
    ename, evalue = output.get("ename", "Error"), output.get("evalue", "")
    at = tr(" in {where}", where=where) if where else ""
    if ename == DIED:
        return tr("kernel died{at}", at=at) if where else tr("the kernel died while running it")
    if ename == TIMEOUT:
        first = re.split("[,，]", evalue)[0].replace("this cell ", "")
        return first_line(tr("timed out{at}: {reason}", at=at, reason=first))
    if ename == NOT_RUN:
        return tr("not run{at}: the kernel had died too often before it", at=at)
    if ename in ("NotImplementedError", "NotImplementedYet") and not evalue.strip():
        return tr("NotImplementedError: an exercise this cell uses is not written yet")
    if ename == "MemoryError":
        if evalue:
            return first_line(tr("ran out of memory{at} (MemoryError: {evalue})", at=at, evalue=evalue))
        return first_line(tr("ran out of memory{at} (MemoryError)", at=at))
    return first_line(f"{ename}: {evalue}")


def cell_label(cell, index):
    meta = cell.metadata.get("nbgrader", {})
    if meta.get("grade"):
        return tr("cell {number} ({grade_id})", number=index + 1, grade_id=meta.get("grade_id"))
    if meta.get("solution"):
        return tr("cell {number} (exercise {grade_id})", number=index + 1, grade_id=meta.get("grade_id"))
    return tr("cell {number}", number=index + 1)


class VisibleTests:
    """The tests function of validate: the instructor's visible source of each test cell, no hidden tests."""

    def __init__(self, reference):
        self.sources = {ref.grade_id: ref.source for ref in reference if ref.grade}
        self.order = [ref.grade_id for ref in reference if ref.grade]

    def __call__(self, grade_id, cell):
        return self.sources.get(grade_id, cell.source), None, None


def find_reference(path, root="."):
    """The instructor's notebook of the same name (course folder's solutions/ or notebooks/), or None."""
    path = Path(path)
    candidates = [Path(root, folder, path.stem, path.name) for folder in ("solutions", "notebooks")]
    candidates += [parent / folder / path.stem / path.name for parent in path.resolve().parents[:3]
                   for folder in ("solutions", "notebooks")]
    return next((c for c in candidates if c.exists() and c.resolve() != path.resolve()), None)


def self_check(path, timeout=None, release=None):
    """Run a notebook as the grader does and return (lines, all_good)."""
    path = Path(path)
    if not path.exists():
        return [tr("✘ {path}: no such file", path=path)], False
    status, reason, _, text = check_notebook_file(path)
    if status != "ok":
        return [f"✘ {path.name}: {reason}"], False
    nb = nbformat.reads(text, as_version=4) if text else nbformat.read(path, as_version=4)
    # The notebook's language (its metadata cnn_course.language) for everything the check writes; a student who
    # edits that metadata changes the language of the messages only, never a verdict (see ResilientExecute).
    with using_language(notebook_language(nb)):
        return _self_check(path, nb, timeout, release)


def _self_check(path, nb, timeout, release):
    reference = cells.reference_from_notebook(nbformat.read(release, as_version=4) if release else nb)
    notes = cells.tidy(nb, reference) + cells.restore(nb, reference)
    root = next((p for p in [Path.cwd(), *path.resolve().parents] if (p / "nbgrader_config.py").is_file()), None)
    executor = ResilientExecute(config=load_config(root)) if root else ResilientExecute()
    executor.kernel_manager_class = "jupyter_client.manager.AsyncKernelManager"  # the student's own kernel
    if timeout:
        executor.timeout = timeout
    executor.kernel_name = "python3"
    executor.quiet_kernel = True
    executor.tests = VisibleTests(reference)
    # the kernel inherits this: notebooks train in their short FAST form, as when they are graded
    os.environ.setdefault("CNN_FAST", "1")
    executor.preprocess(nb, {"metadata": {"path": str(path.parent.resolve())}})
    lines, good = [f"ℹ {note}" for note in notes], True
    for cell in nb.cells:
        if cell.cell_type != "code" or not nbutils.is_grade(cell):
            continue
        meta = cell.metadata["nbgrader"]
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        points = tr("{points:g} points", points=meta.get("points", 0))
        if errors:
            good = False
            lines.append(f"✘ {meta['grade_id']} ({points}): {describe_error(errors[-1])}")
        else:
            lines.append(f"✔ {meta['grade_id']} ({points})")
    for i, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade"):
            continue
        if meta.get("solution") and re.search(r"^\s*raise NotImplementedError", cell.source, re.M):
            good = False
            lines.append(tr("✘ exercise {grade_id}: still contains `raise NotImplementedError()`: write your code "
                            "and delete that line", grade_id=meta["grade_id"]))
        for out in cell.get("outputs", []):
            if out.output_type == "error" and not (meta.get("solution") and out.ename == "NotImplementedError"):
                good = False
                lines.append(f"✘ {cell_label(cell, i)}: {describe_error(out)}")
    tests = sum(1 for line in lines if line.startswith(("✔", "✘ test")))
    passed = sum(1 for line in lines if line.startswith("✔"))
    lines.append(tr("{passed} of {tests} checks pass: ready to submit.", passed=passed, tests=tests) if good else
                 tr("{passed} of {tests} checks pass. Fix the lines marked ✘, then run this again. (Hidden tests run "
                    "when your notebook is graded.)", passed=passed, tests=tests))
    return lines, good


def _file_language(path):
    """The language of the notebook at path, "en" when it cannot be read (self_check then says why)."""
    try:
        return notebook_language(nbformat.read(path, as_version=4))
    except Exception:
        return "en"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m cnn_utils.validate", description=(
        "Run a notebook as the grader does (every cell, then each visible test judged outside the kernel) and list "
        "every check. Exit status 0 when all pass."))
    parser.add_argument("notebook")
    parser.add_argument("--timeout", type=int, help="seconds per cell (default: the course's setting)")
    parser.add_argument("--root", default=".", help="the course folder, to find the instructor's version")
    args = parser.parse_args(argv)
    with using_language(_file_language(args.notebook)):
        print(tr("Running {notebook} from top to bottom in a fresh kernel, as the grader does ...",
                 notebook=args.notebook), flush=True)
    lines, good = self_check(args.notebook, timeout=args.timeout, release=find_reference(args.notebook, args.root))
    print("\n".join(lines))
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
