"""Sanitize step (in place of nbgrader's DeduplicateIds and OverwriteCells): the submission's cells put in order.

The rule for stripped, duplicated and pasted cells and the restoring of locked and test cells are those of
`cnn_utils.runner.cells`, which the students' `validate` applies too; here the instructor's cells come from the
gradebook. The notes are kept in the notebook's metadata (`cnn_grading.notes`) for the summary.
"""

from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from cnn_utils.runner import cells


def reference_from_gradebook(gradebook, notebook, assignment):
    """The instructor's nbgrader cells of a notebook, in the instructor's order, as cells.ReferenceCell."""
    source_nb = gradebook.find_notebook(notebook, assignment)
    grades = {cell.name: cell.max_score for cell in source_nb.grade_cells}
    solutions = {cell.name for cell in source_nb.solution_cells}
    tasks = {cell.name for cell in source_nb.task_cells}
    return [cells.ReferenceCell(cell.name, cell.cell_type, cell.source, bool(cell.locked), cell.name in grades,
                                cell.name in solutions, cell.name in tasks, float(grades.get(cell.name, 0) or 0),
                                cell.checksum or "")
            for cell in source_nb.source_cells]


class RestoreCells(NbGraderPreprocessor):
    """Put the submission's cells in order (see the module's docstring)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            reference = reference_from_gradebook(gradebook, info["notebook"], info["assignment"])
        notes = cells.tidy(nb, reference) + cells.restore(nb, reference)
        for note in notes:
            self.log.warning("%s", note)
        nb.metadata.setdefault("cnn_grading", {})["notes"] = notes
        return nb, resources
