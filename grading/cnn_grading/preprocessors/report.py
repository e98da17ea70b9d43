"""Autograde step: the static reading of the student's cells, recorded for the instructor's summary, never a gate.

The findings (cnn_grading.integrity) go into the autograded notebook's metadata, `cnn_grading.findings`, and the
log; `python -m cnn_grading summary` lists them as warnings that cost nothing. A grade depends only on what the
student's functions return (docs/integrity.md).
"""

from nbgrader.preprocessors import NbGraderPreprocessor

from ..integrity import cell_label, check_notebook


class ReportFindings(NbGraderPreprocessor):
    """Record what the static reading of the submission found (see the module's docstring)."""

    def preprocess(self, nb, resources):
        found = []
        for index, findings in check_notebook(nb):
            for finding in findings:
                found.append({"cell": cell_label(nb, index), "what": finding.describe()})
                self.log.warning("Static reading, %s: %s", cell_label(nb, index), finding.describe())
        nb.metadata.setdefault("cnn_grading", {})["findings"] = found
        return nb, resources
