"""Submissions that try to get points without doing the work, and unusual but correct ones (tests/test_integrity.py).

Each assignment module (e.g. 01_padding.py) defines:
CHEATS -- {student_id: {"what": the trick in words, "defence": which layer stops it ("static": the tamper check,
          "runtime": the checks themselves, "sandbox": the grading sandbox), "cells": {exercise grade_id: source},
          "added": [(grade_id of the cell to insert after, source)], "loses": {the exercises it tried to steal}}}
HONEST -- {student_id: {"what": ..., "cells": ..., "added": ...}}: correct solutions written differently; full marks.
In sources, {course} stands for the course folder being graded (an absolute path the attack tries to read).
"""

import importlib

import nbformat

from course import solved

ASSIGNMENT = "01_padding"
_module = importlib.import_module(f"{__name__}.{ASSIGNMENT}")
CHEATS, HONEST = _module.CHEATS, _module.HONEST


def submission(release, solution, cells, added=(), course=""):
    """The release notebook solved from the solution, with exercise cells replaced by `cells` and new code cells
    (without nbgrader metadata, as a student adds them) inserted after the cells named in `added`."""
    nb = solved(release, solution, cells)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = cell.source.strip("\n").replace("{course}", str(course))
    for after, source in added:
        index = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == after)
        nb.cells.insert(index + 1, nbformat.v4.new_code_cell(source.strip("\n").replace("{course}", str(course))))
    return nb
