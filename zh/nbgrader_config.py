"""nbgrader configuration of the Chinese edition (中文版): zh/ is its course folder; run nbgrader commands from here.

Everything is the English course's configuration (../nbgrader_config.py, loaded below), with its own course id so
that its exchange and gradebook never mix with the English edition's. Assignments keep the English ids (01_padding
...), so the same hidden tests grade both editions. zh/solutions and zh/notebooks are generated from the English
solutions and zh/translations by `python -m cnn_grading.translations build` (docs/translating.md).
"""

from pathlib import Path

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)
load_subconfig(str(Path(__file__).resolve().parent.parent / "nbgrader_config.py"))  # noqa: F821  (traitlets too)

c.CourseDirectory.course_id = "cnn-from-scratch-zh"
