"""Putting a submitted notebook's cells in order before it runs: the same steps for the grader and for `validate`.

`reference` is the instructor's list of nbgrader cells (from the gradebook when grading, from the released notebook
when validating). The rule, applied the same way everywhere (docs/integrity.md):

* Cells stripped of their nbgrader metadata (pasted into a new notebook, converted by another tool) get it back when
  they are recognisably the instructor's: the same source as a locked cell, or an exercise cell defining the
  exercise's functions.
* Duplicates: when several cells carry the same grade_id (JupyterLab's "duplicate cell" keeps the metadata), the
  last one keeps it. An earlier copy of a test cell is dropped (it is the instructor's code, not the student's, and
  tests are judged once, outside the kernel); an earlier copy of any other cell stays and runs as ordinary code, so
  the last definition run wins, as in the kernel.
* A cell carrying the grade_id of another notebook (pasted with its metadata) is treated the same way: a test cell
  is dropped, any other cell runs as ordinary code.
* Locked cells get the instructor's source back, test cells their points; missing test cells are put back.

Nothing here runs code or reads the student's cells beyond their text.
"""

import ast
import re
from dataclasses import dataclass

from nbformat import from_dict
from nbgrader import utils as nbutils

from .verdict import HIDDEN_REGION

MISSING_NOTE = ("test cell {grade_id} was missing from the submitted notebook (deleted, or its metadata removed): the "
                "grader put the instructor's copy back")


@dataclass
class ReferenceCell:
    grade_id: str
    cell_type: str
    source: str
    locked: bool
    grade: bool
    solution: bool
    task: bool = False
    points: float = 0.0
    checksum: str = ""


def reference_from_notebook(nb):
    """The instructor's cells of a released (or source) notebook."""
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade_id"):
            continue
        cells.append(ReferenceCell(meta["grade_id"], cell.cell_type, cell.source, bool(meta.get("locked")),
                                   bool(meta.get("grade")), bool(meta.get("solution")), bool(meta.get("task")),
                                   float(meta.get("points", 0) or 0), nbutils.compute_checksum(cell)))
    return cells


def functions_defined(source):
    """The names of the functions and classes a cell defines at its top level."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set(re.findall(r"^(?:async\s+)?(?:def|class)\s+(\w+)", source, re.M))
    return {node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def _normalized(source):
    """The source without blank lines, trailing spaces and hidden-test region (the gradebook keeps it; the
    released notebook does not)."""
    source = HIDDEN_REGION.sub("", source)
    return "\n".join(line.rstrip() for line in source.strip().splitlines() if line.strip())


def _grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _metadata(ref):
    meta = {"grade": ref.grade, "grade_id": ref.grade_id, "locked": ref.locked, "solution": ref.solution,
            "task": ref.task, "schema_version": 3}
    if ref.grade:
        meta["points"] = ref.points
    return meta


def _is_test(cell):
    meta = cell.metadata.get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def tidy(nb, reference):
    """Apply the rule for stripped, duplicated and pasted cells (module docstring). Returns notes for people."""
    notes = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta is not None and not (isinstance(meta, dict) and isinstance(meta.get("grade_id", ""), str)):
            del cell.metadata["nbgrader"]
            notes.append("a cell's nbgrader metadata was not readable: the cell was taken as the student's code")
    known = {ref.grade_id: ref for ref in reference}
    present = {_grade_id(c) for c in nb.cells} - {None}
    # 1. metadata back on recognisable instructor cells
    candidates = [ref for ref in reference if ref.grade_id not in present]
    for cell in nb.cells:
        if not candidates or _grade_id(cell):
            continue
        for ref in candidates:
            if ref.locked:
                same = _normalized(cell.source) == _normalized(ref.source)
            else:
                wanted = functions_defined(ref.source) if ref.cell_type == "code" else set()
                same = cell.cell_type == "code" and bool(wanted) and wanted <= functions_defined(cell.source)
            if same:
                cell.metadata["nbgrader"] = from_dict(_metadata(ref))
                candidates.remove(ref)
                notes.append(f"a cell without nbgrader metadata was recognised as {ref.grade_id}")
                break
    # 2. duplicates and cells of other notebooks: the last known copy keeps its metadata
    kept, cells = set(), []
    for cell in reversed(nb.cells):
        grade_id = _grade_id(cell)
        if grade_id is None or (grade_id in known and grade_id not in kept):
            kept.add(grade_id)
            cells.append(cell)
            continue
        why = "a duplicate of" if grade_id in known else "pasted from another notebook:"
        if _is_test(cell):
            notes.append(f"a test cell that is {why} {grade_id} was not run")
            continue
        notes.append(f"a cell that is {why} {grade_id} runs as ordinary code")
        del cell.metadata["nbgrader"]
        cells.append(cell)
    nb.cells = cells[::-1]
    return notes


def restore(nb, reference):
    """Locked cells and test cells as the instructor wrote them; missing test cells put back. Returns notes."""
    notes = []
    known = {ref.grade_id: ref for ref in reference}
    for cell in nb.cells:
        ref = known.get(_grade_id(cell))
        if ref is None:
            continue
        if cell.cell_type != ref.cell_type:
            notes.append(f"{ref.grade_id} was turned into a {cell.cell_type} cell: made a {ref.cell_type} cell again")
            cell.cell_type = ref.cell_type
            cell.pop("attachments", None)
            if ref.cell_type == "code":
                cell.setdefault("outputs", [])
                cell.setdefault("execution_count", None)
            else:
                cell.pop("outputs", None)
                cell.pop("execution_count", None)
        meta = cell.metadata["nbgrader"]
        meta.update(locked=ref.locked, grade=ref.grade, solution=ref.solution, task=ref.task)
        if ref.grade:
            meta["points"] = ref.points
        if ref.checksum:
            meta["checksum"] = ref.checksum
        if ref.locked and cell.source != ref.source:
            if _normalized(cell.source) != _normalized(ref.source):
                notes.append(f"the locked cell {ref.grade_id} was edited: the instructor's version runs")
            cell.source = ref.source
    present = {_grade_id(c) for c in nb.cells}
    order = [ref.grade_id for ref in reference]
    for ref in reference:
        if not ref.grade or ref.grade_id in present:
            continue
        cell = from_dict({"cell_type": ref.cell_type, "source": ref.source,
                          "metadata": {"nbgrader": _metadata(ref) | {"checksum": ref.checksum}}})
        if ref.cell_type == "code":
            cell.update(outputs=[], execution_count=None)
        position = len(nb.cells)
        for previous in reversed(order[:order.index(ref.grade_id)]):
            indices = [i for i, c in enumerate(nb.cells) if _grade_id(c) == previous]
            if indices:
                position = indices[0] + 1
                break
        nb.cells.insert(position, cell)
        present.add(ref.grade_id)
        notes.append(MISSING_NOTE.format(grade_id=ref.grade_id))
    return notes
