"""generate_feedback step: test cells show their visible part and each failed check's message, nothing more."""

from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode


class HideHiddenTests(NbGraderPreprocessor):
    """Feedback step: test cells show their visible part and each failed check's message, never the hidden tests.

    - the region between the hidden-test delimiters is removed from every test cell's source;
    - a test cell's errors keep their name and message only: the traceback, which quotes the failing lines of the
      hidden test, is dropped; of its printed output only the checks' pass lines (starting with ✔) are kept;
    - any output anywhere that still quotes a line of the hidden tests is replaced by a note.
    """

    begin_delimiter = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end_delimiter = Unicode("END HIDDEN TESTS").tag(config=True)
    placeholder = Unicode("# (hidden tests: they run when your notebook is graded)").tag(config=True)

    def preprocess(self, nb, resources):
        hidden = set()
        for cell in nb.cells:
            if cell.cell_type == "code" and utils.is_grade(cell):
                visible, lines = self._split(cell.source)
                hidden.update(line.strip() for line in lines if len(line.strip()) >= 12)
                cell.source = visible
                cell.outputs = [self._test_output(o) for o in cell.outputs]
                cell.outputs = [o for o in cell.outputs if o is not None]
        visible_text = "\n".join(c.source for c in nb.cells)
        hidden = {line for line in hidden if line not in visible_text}
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = [self._redact(o, hidden) for o in cell.outputs]
        return nb, resources

    def _split(self, source):
        visible, hidden, inside = [], [], False
        for line in source.split("\n"):
            if self.begin_delimiter in line:
                inside = True
                visible.append(line[:len(line) - len(line.lstrip())] + self.placeholder)
            elif self.end_delimiter in line:
                inside = False
            elif inside:
                hidden.append(line)
            else:
                visible.append(line)
        return "\n".join(visible), hidden

    @staticmethod
    def _test_output(output):
        if output.output_type == "error":
            message = f"{output.ename}: {output.evalue}" if output.evalue else output.ename
            return NotebookNode(output_type="error", ename=output.ename, evalue=output.evalue, traceback=[message])
        if output.output_type == "stream":
            kept = [line for line in output.text.splitlines(keepends=True) if line.startswith("✔")]
            return NotebookNode(output_type="stream", name=output.name, text="".join(kept)) if kept else None
        return None  # figures or values shown by a test cell come from the hidden tests' inputs

    @staticmethod
    def _redact(output, hidden):
        if not hidden:
            return output
        texts = [output.get("text", ""), output.get("evalue", "")] + list(output.get("traceback", []))
        texts += [v for v in output.get("data", {}).values() if isinstance(v, str)]
        if any(line in text for text in texts for line in hidden):
            return NotebookNode(output_type="stream", name="stdout",
                                text="[output removed from the feedback: it quoted the hidden tests]\n")
        return output
