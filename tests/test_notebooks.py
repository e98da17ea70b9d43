"""The notebooks themselves: solutions run clean, and notebooks/ is exactly what nbgrader generates from solutions/."""

import json

import nbformat
import pytest
from course import ASSIGNMENTS, RELEASE, SOLUTIONS, notebook_name


def errors(nb):
    return [(i, out) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for out in cell.get("outputs", []) if out.output_type == "error"]


def printed(cell):
    return "".join(out.get("text", "") for out in cell.get("outputs", []) if out.output_type == "stream")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_runs_top_to_bottom(executed_solutions, assignment):
    found = errors(executed_solutions[assignment])
    assert not found, "the solution notebook raised: " + "; ".join(
        f"cell {i}: {out.ename}: {out.evalue}" for i, out in found)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_visible_check_prints_its_pass_line(executed_solutions, assignment):
    for cell in executed_solutions[assignment].cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            assert "✔" in printed(cell), f"check cell {cell.metadata['nbgrader']['grade_id']} printed no pass line"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_is_what_nbgrader_generates(graded_course, assignment):
    """notebooks/ is generated from solutions/ by `nbgrader generate_assignment`, never edited by hand."""
    committed = RELEASE / assignment / notebook_name(assignment)
    assert committed.exists(), f"{committed} is missing: run `nbgrader generate_assignment {assignment} --force`"
    generated = graded_course.release(assignment)
    assert comparable(nbformat.read(committed, as_version=4)) == comparable(generated), (
        f"{committed} differs from what nbgrader generates from solutions/: run "
        f"`nbgrader generate_assignment {assignment} --force` from the repository root and commit the result")


def comparable(nb):
    """The notebook as JSON text without what changes from one generation to the next by itself."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.metadata.pop("language_info", None)
    return json.dumps(nb, sort_keys=True, indent=1)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_cell_errors_come_only_from_unfinished_exercises(graded_course, assignment):
    """Run as handed out, the student version fails only where an exercise is still to be written."""
    found = errors(graded_course.autograded("blank", assignment))
    assert found, "the blank student version raised no error at all: are the exercises stubbed?"
    # a demonstration that borrows a reference withheld while this notebook is graded says so (docs/integrity.md)
    foreign = [(i, out.ename, out.evalue) for i, out in found
               if out.ename not in ("NotImplementedError", "NotImplementedYet")
               and not (out.ename == "ImportError" and "While a notebook is graded" in out.evalue)]
    assert not foreign, f"errors not caused by an unfinished exercise: {foreign}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_solution_or_hidden_test_leaks_into_release(assignment):
    text = (RELEASE / assignment / notebook_name(assignment)).read_text()
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "compare_with_reference"):
        assert marker not in text, f"{marker!r} appears in the student version of {assignment}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_notebook_frame(assignment):
    """Every notebook follows the course frame: title, grading table, locked setup cell, last cell the self-check."""
    nb = nbformat.read(SOLUTIONS / assignment / notebook_name(assignment), as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert "| Exercise |" in nb.cells[0].source, "the first cell must say how the notebook is graded"
    setup = nb.cells[1]
    assert setup.metadata["nbgrader"]["grade_id"] == "setup" and setup.metadata["nbgrader"]["locked"]
    assert "checks.summary(" in nb.cells[-1].source
    exercises = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    headings = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("### Exercise")]
    assert len(headings) == len(exercises), "each exercise needs a '### Exercise N — name (P points)' heading"
