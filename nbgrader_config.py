"""nbgrader configuration for the course; run every nbgrader command from the repository root.

Each notebook is its own assignment (see README, "Grading"): solutions/<assignment>/<assignment>.ipynb is the
instructor source, notebooks/<assignment>/<assignment>.ipynb the generated student version.
"""

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "cnn-from-scratch"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"

# Each student's notebook runs in a fresh kernel; a cell that runs longer than this is interrupted.
c.ExecutePreprocessor.timeout = 120
