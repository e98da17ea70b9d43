"""Autograde step (in place of nbgrader's Execute): the submission runs in the sandbox, its tests are judged outside.

`GradingExecute` is `cnn_utils.runner.execute.ResilientExecute` (the pipeline the students' `validate` runs too)
with what only the grader has: the instructor's test sources from the gradebook, the hidden tests
(`cnn_grading.hidden`), and their inputs drawn from the course's secret and the submission's identity. The kernel
manager learns which assignment it grades, so that the sandbox mounts that notebook's copy of cnn_utils.
"""

from pathlib import Path

from nbgrader.api import Gradebook
from traitlets import Unicode

from cnn_utils.runner.execute import ResilientExecute

from ..course import hidden_test
from ..secret import course_secret, hidden_rng, submission_digest
from .restore import reference_from_gradebook


class InstructorTests:
    """tests(grade_id, cell) -> (the instructor's source, the hidden test, its generator); `order`: the grade ids in
    the instructor's order."""

    def __init__(self, reference, assignment, student, secret, submission):
        self.sources = {ref.grade_id: ref.source for ref in reference if ref.grade}
        self.order = [ref.grade_id for ref in reference if ref.grade]
        self.assignment, self.student, self.secret, self.submission = assignment, student, secret, submission

    def __call__(self, grade_id, cell):
        rng = hidden_rng(self.secret, self.assignment, self.student, grade_id, self.submission)
        return self.sources.get(grade_id, cell.source), hidden_test(self.assignment, grade_id), rng


class GradingExecute(ResilientExecute):
    """ResilientExecute with the instructor's tests (see the module's docstring)."""

    secret_folder = Unicode("", help="The folder of the course's secret (.cnn_grading_secret); default: the course "
                                     "directory. The batch grader sets it for its private work "
                                     "folders.").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        from nbgrader.coursedir import CourseDirectory

        info = resources["nbgrader"]
        self._assignment = info["assignment"]
        with Gradebook(info["db_url"]) as gradebook:
            reference = reference_from_gradebook(gradebook, info["notebook"], info["assignment"])
        folder = self.secret_folder or CourseDirectory(config=self.config).root
        self.tests = InstructorTests(reference, info["assignment"], info["student"], course_secret(Path(folder)),
                                     submission_digest(nb))
        # ResilientExecute.preprocess runs the cells and judges the tests (visible checks and hidden tests alike) in
        # the notebook's language, from its metadata cnn_course.language, and restores the grader's language after:
        # a Chinese notebook gets Chinese feedback. That metadata changes the language of messages only, never a
        # score: the hidden tests' inputs, tolerances and verdicts do not depend on it.
        return super().preprocess(nb, resources, km)

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if hasattr(km, "assignment"):
            km.assignment = self._assignment
        return km
