"""Submissions that try to get points without doing the work, and unusual but correct ones (tests/test_trust.py grades
them all for real; tests/test_integrity.py reads notebook 1's).

One module per assignment (01_padding.py, 03_conv_backward.py, 04_pooling.py, 05_vectorize.py, 06_layers.py) defines
the two dicts below, and IN_BATCH = False when it is too slow for the batch of tests/test_trust.py:

CHEATS -- {student_id: {
    "what": the trick in words,
    "defence": what in the design stops it, one of DEFENCES,
    "cells": {exercise grade_id: source}, the exercise cells' new sources,
    "added": [(grade_id of the cell to insert after, source)], new code cells without nbgrader metadata,
    "edits": [edit, ...] (optional) duplicated, pasted, deleted, moved or stripped cells (see `apply_edits`),
    "loses": {the exercises it tried to steal}: each loses every test cell of its own (test_<exercise>...), and no
             other test cell loses anything,
    "fools_visible": {exercises} (optional): the trick does fool the visible check (its ✔ line is printed), so that
                     the test shows the mechanism worked and that the hidden tests are what stop it,
    "leaks": True (optional): it tries to get hidden inputs, expected values or the hidden tests' source into the
             student's feedback,
    "floods": True (optional): it tries to make the grader keep more output than the cap (memory, stored notebook)}}
HONEST -- {student_id: {"what", "cells", "added", "edits", "file"}}: correct solutions, written or arranged in an
          unusual way; full marks. "file" (optional): how the file is saved, {"nbformat_minor": 4} (an old Jupyter, no
          cell ids), {"bom": True} (a byte-order mark).

In sources, {course} stands for the course folder being graded (an absolute path an attack tries to read) and
{other} for the id of another student of the batch whose notebook is correct (one of the HONEST ones).
Student ids are unique across all modules, so that one batch can grade every fixture.
"""

import copy
import importlib
import json

import nbformat
from course import SOLUTIONS, notebook_name, solved

# What stops an attack (the "defence" of a cheat):
DEFENCES = {
    "outside": "test cells are judged in the grader's process (visible checks and hidden tests); whatever the kernel "
               "does to its own copy of numpy, the checks, the IPython shell or the probe changes nothing there",
    "data": "only plain data (numbers, NumPy arrays of numbers) comes back from the kernel; any other object stays "
            "there as a handle, which no check accepts as a value",
    "hidden": "hidden tests call the student's functions on inputs drawn from the course's secret, which the kernel "
              "never sees in advance: an answer that does not compute fails them",
    "sandbox": "the grading kernel sees no instructor file, no other submission, no reference of the graded notebook "
               "and none of the libraries that compute convolutions",
    "precheck": "symbolic links and special files in a submission are refused before anything runs, never followed",
    "feedback": "the feedback shows the checks' messages only: no hidden test source, no expected value",
    "cap": "what a cell keeps of its output is capped (output_limit)",
}

MODULES = ("01_padding", "03_conv_backward", "04_pooling", "05_vectorize", "06_layers")
ASSIGNMENT = "01_padding"  # the assignment of CHEATS and HONEST below (tests/test_integrity.py)


def _load(assignment):
    return importlib.import_module(f"{__name__}.{assignment}")


_module = _load(ASSIGNMENT)
CHEATS, HONEST = _module.CHEATS, _module.HONEST


def fixtures(everything=False):
    """{assignment: (CHEATS, HONEST)} for every module (but those whose IN_BATCH is False, unless `everything`)."""
    modules = {assignment: _load(assignment) for assignment in MODULES}
    return {assignment: (module.CHEATS, module.HONEST) for assignment, module in modules.items()
            if everything or getattr(module, "IN_BATCH", True)}


def _grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _index(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells) if _grade_id(c) == grade_id)


def _fill(source, course, other):
    return source.strip("\n").replace("{course}", str(course)).replace("{other}", str(other))


def submission(release, solution, cells, added=(), course="", edits=(), other=""):
    """The release notebook solved from the solution, with exercise cells replaced by `cells`, new code cells
    (without nbgrader metadata, as a student adds them) inserted after the cells named in `added`, then `edits`."""
    nb = solved(release, solution, cells)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = _fill(cell.source, course, other)
    for after, source in added:
        nb.cells.insert(_index(nb, after) + 1, nbformat.v4.new_code_cell(_fill(source, course, other)))
    apply_edits(nb, edits, course, other)
    return nb


def _solution_cell(assignment, grade_id):
    nb = nbformat.read(SOLUTIONS / assignment / notebook_name(assignment), as_version=4)
    cell = copy.deepcopy(nb.cells[_index(nb, grade_id)])
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell


def apply_edits(nb, edits, course="", other=""):
    """Change a notebook as students do by hand. Each edit is a tuple:

    ("duplicate", grade_id, source or None) -- JupyterLab's "duplicate cell": a copy with the same nbgrader metadata
        just above the cell; the copy gets `source` (an earlier draft) or keeps the cell's source
    ("paste", assignment, grade_id, after) -- the solution notebook's cell `grade_id` of another assignment, with its
        nbgrader metadata, pasted after the cell `after`
    ("delete", grade_id) -- the cell is deleted
    ("move", grade_id, after) -- the cell is moved after the cell `after` (None: to the top)
    ("strip", grade_id) -- the cell loses its nbgrader metadata (copied through a tool that drops it)
    ("kernelspec", name) -- the notebook was saved with another kernel
    ("same_ids", grade_id, other_grade_id) -- the two cells have the same cell id (a hand-merged notebook)
    ("scratch", index, source) -- a new code cell at position `index` (negative: from the end)
    ("prefix", grade_id, text) -- `text` put in front of the cell's source (a cell magic such as %%time)
    """
    for edit in edits:
        kind = edit[0]
        if kind == "duplicate":
            _, grade_id, source = edit
            index = _index(nb, grade_id)
            twin = copy.deepcopy(nb.cells[index])
            twin["id"] = f"{twin.get('id', 'cell')}-copy"[:64]
            if source is not None:
                twin.source = _fill(source, course, other)
            nb.cells.insert(index, twin)
        elif kind == "paste":
            _, assignment, grade_id, after = edit
            nb.cells.insert(_index(nb, after) + 1, _solution_cell(assignment, grade_id))
        elif kind == "delete":
            del nb.cells[_index(nb, edit[1])]
        elif kind == "move":
            _, grade_id, after = edit
            cell = nb.cells.pop(_index(nb, grade_id))
            nb.cells.insert(0 if after is None else _index(nb, after) + 1, cell)
        elif kind == "strip":
            del nb.cells[_index(nb, edit[1])].metadata["nbgrader"]
        elif kind == "kernelspec":
            nb.metadata["kernelspec"] = {"name": edit[1], "display_name": edit[1], "language": "python"}
        elif kind == "same_ids":
            nb.cells[_index(nb, edit[2])]["id"] = nb.cells[_index(nb, edit[1])]["id"]
        elif kind == "scratch":
            _, index, source = edit
            nb.cells.insert(index if index >= 0 else len(nb.cells) + index + 1,
                            nbformat.v4.new_code_cell(_fill(source, course, other)))
        elif kind == "prefix":
            cell = nb.cells[_index(nb, edit[1])]
            cell.source = edit[2] + cell.source
        else:
            raise ValueError(f"unknown edit {kind!r}")
    return nb


def notebook_bytes(nb, file=None):
    """The notebook file as a student's Jupyter would have saved it (see HONEST's "file")."""
    file = file or {}
    data = json.loads(json.dumps(nb))
    if file.get("nbformat_minor") is not None:
        data["nbformat_minor"] = file["nbformat_minor"]
        if file["nbformat_minor"] < 5:
            for cell in data["cells"]:
                cell.pop("id", None)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    return (b"\xef\xbb\xbf" if file.get("bom") else b"") + text.encode("utf-8")
