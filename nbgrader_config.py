"""nbgrader configuration for the course; run every nbgrader command from the repository root.

Each notebook is its own assignment (see README, "Grading"): solutions/<assignment>/<assignment>.ipynb is the
instructor source, notebooks/<assignment>/<assignment>.ipynb the generated student version.
`python -m cnn_grading` (docs/grading.md) wraps the nbgrader commands; plain nbgrader commands use the same
settings below. How a grade is made, and why it can be trusted: docs/integrity.md.
"""

from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import DeduplicateIds, Execute, GetGrades, OverwriteCells, SaveAutoGrades

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "cnn-from-scratch"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"

# Limits of one notebook's run. A cell (or one test's call into the student's code) still running after `timeout`
# seconds is interrupted and fails; the notebook as a whole (cells, replays after crashes, tests) gets `time_budget`
# seconds. The slowest cells of the solutions take a few seconds (naive loops); 60 s leaves room for slow but correct
# code and bounds what an endless loop costs.
c.Execute.timeout = 60
c.GradingExecute.time_budget = 600
c.GradingExecute.memory_limit = 4096  # MiB of address space per kernel process; 0 for none
c.GradingExecute.max_restarts = 3  # kernel restarts per notebook before the remaining cells are skipped
c.GradingExecute.output_limit = 1024  # KiB of output a cell keeps; the rest is cut with a note

# nbgrader's default preprocessors, with these replacements (one per file in cnn_grading/preprocessors/):
# - RestoreCells (for DeduplicateIds and OverwriteCells): the rule for duplicated, pasted and stripped cells, locked
#   cells and test cells restored, missing test cells put back;
# - GradingExecute (for Execute): every cell but the tests runs in the sandboxed kernel; then each test is judged
#   outside it, by its visible checks and its hidden tests; kernels that die or hang cost only what they touched;
# - ReportFindings (before SaveAutoGrades): the static reading of the student's cells, as warnings for the summary;
# - HideHiddenTests (after GetGrades, in feedback): test cells show their messages only.
_sanitize = [p for p in Autograde.class_traits()["sanitize_preprocessors"].default() if p is not DeduplicateIds]
c.Autograde.sanitize_preprocessors = ["cnn_grading.preprocessors.restore.RestoreCells" if p is OverwriteCells else p
                                      for p in _sanitize]
_autograde = ["cnn_grading.preprocessors.execute.GradingExecute" if p is Execute else p
              for p in Autograde.class_traits()["autograde_preprocessors"].default()]
_autograde.insert(_autograde.index(SaveAutoGrades), "cnn_grading.preprocessors.report.ReportFindings")
c.Autograde.autograde_preprocessors = _autograde
_feedback = list(GenerateFeedback.class_traits()["preprocessors"].default())
_feedback.insert(_feedback.index(GetGrades) + 1, "cnn_grading.preprocessors.feedback.HideHiddenTests")
c.GenerateFeedback.preprocessors = _feedback

# Every grading kernel runs in a bubblewrap sandbox (cnn_grading/sandbox.py): Python and the course's data read-only,
# the notebook's own copy of cnn_utils (no correct version of the graded exercises), an empty private working
# folder, no network, no instructor file. Default "auto": sandboxed when `bwrap` works here, a loud warning when it
# does not; "require" refuses to grade without it; "off" turns it off. CNN_GRADING_SANDBOX sets the same default.
c.GradingExecute.kernel_manager_class = "cnn_grading.sandbox.SandboxedKernelManager"
# c.SandboxedKernelManager.sandbox = "require"

# `nbgrader zip_collect` (and `python -m cnn_grading collect --from-lms`): file names of Canvas, Blackboard and
# Moodle bulk downloads, or one folder per student; see docs/grading.md. Set c.FileNameCollectorPlugin.named_regexp
# to use your own regular expression instead.
c.ZipCollectApp.collector_plugin = "cnn_grading.collect.LMSFileNameCollector"
