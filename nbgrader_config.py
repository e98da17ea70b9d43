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
