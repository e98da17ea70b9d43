"""nbgrader configuration for the course; run every nbgrader command from the repository root.

Each notebook is its own assignment (see README, "Grading"): solutions/<assignment>/<assignment>.ipynb is the
instructor source, notebooks/<assignment>/<assignment>.ipynb the generated student version.
`python -m cnn_utils.grade` (docs/grading.md) wraps the nbgrader commands; plain nbgrader commands use the same
settings below.
"""

from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute, OverwriteCells

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "cnn-from-scratch"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"

# Each student's notebook runs in a fresh kernel. A cell still running after this many seconds is interrupted and
# scored as failed; the rest of the notebook is still graded. The slowest cells of the solutions take a few seconds
# (naive loops); 60 s leaves room for slow but correct student code and bounds what an endless loop costs.
c.Execute.timeout = 60

# nbgrader's default preprocessor lists with two replacements (cnn_utils/autograde.py), everything else unchanged:
# - ResilientExecute: a kernel that dies or hangs costs only that cell (fresh kernel, earlier cells replayed), and
#   each kernel has an address-space limit so a runaway allocation is a MemoryError, not a dead machine;
# - RestoreCells: deleted, moved or stripped test cells are put back (after the code they test) and run.
c.Autograde.autograde_preprocessors = [
    "cnn_utils.autograde.ResilientExecute" if p is Execute else p
    for p in Autograde.class_traits()["autograde_preprocessors"].default()]
c.Autograde.sanitize_preprocessors = [
    "cnn_utils.autograde.RestoreCells" if p is OverwriteCells else p
    for p in Autograde.class_traits()["sanitize_preprocessors"].default()]
c.OverwriteCells.add_missing_cells = True
c.ResilientExecute.memory_limit = 4096  # MiB per kernel; 0 for none
c.ResilientExecute.max_restarts = 3  # kernel restarts per notebook before the remaining cells are skipped

# `nbgrader zip_collect` (and `python -m cnn_utils.grade collect --from-lms`): file names of Canvas, Blackboard and
# Moodle bulk downloads, or one folder per student; see docs/grading.md. Set c.FileNameCollectorPlugin.named_regexp
# to use your own regular expression instead.
c.ZipCollectApp.collector_plugin = "cnn_utils.autograde.LMSFileNameCollector"

# --- Grading integrity (cnn_utils/sandbox.py, cnn_utils/integrity.py; see docs/integrity.md) ------------------------
# 1. Every grading kernel runs inside a bubblewrap sandbox: it sees Python, cnn_utils and datasets/, read-only, and an
#    empty private working folder; not solutions/, the gradebook, submitted/ or other students' folders. Default
#    "auto": sandboxed when `bwrap` works on this machine, a loud warning in the log when it does not. Uncomment to
#    refuse grading without the sandbox ("require") or to turn it off ("off"); the environment variable
#    CNN_GRADING_SANDBOX sets the same default.
c.Execute.kernel_manager_class = "cnn_utils.sandbox.SandboxedKernelManager"
# c.SandboxedKernelManager.sandbox = "require"
# 2. After execution, a static check of the student's cells: code that reaches into the grading machinery
#    (patching NumPy or the checks, builtins, IPython hooks, introspection, ...) fails the test cells it could
#    influence, with a message that says why. It runs before SaveAutoGrades, so the gradebook holds the result.
# 3. Feedback shows each failed check's message, never the hidden tests' code or traceback.
from nbgrader.converters import Autograde as _Autograde, GenerateFeedback as _GenerateFeedback  # noqa: E402
from nbgrader.preprocessors import GetGrades as _GetGrades, SaveAutoGrades as _SaveAutoGrades  # noqa: E402


def _insert(preprocessors, default_of, anchor, new, after=False):
    items = preprocessors if isinstance(preprocessors, list) else default_of.class_traits()[
        "preprocessors" if default_of is _GenerateFeedback else "autograde_preprocessors"].default()
    items = [p for p in items if p != new]
    position = next(i for i, p in enumerate(items) if p is anchor or p == f"{anchor.__module__}.{anchor.__name__}")
    items.insert(position + after, new)
    return items


c.Autograde.autograde_preprocessors = _insert(
    c.Autograde.autograde_preprocessors, _Autograde, _SaveAutoGrades, "cnn_utils.integrity.CheckIntegrity")
c.GenerateFeedback.preprocessors = _insert(
    c.GenerateFeedback.preprocessors, _GenerateFeedback, _GetGrades, "cnn_utils.integrity.HideHiddenTests", after=True)
