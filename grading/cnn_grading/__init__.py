"""The instructor's side of the course: what grades a submission, and nothing a student's kernel can reach.

`cnn_utils` is what notebooks import. This package holds what decides a grade: the hidden tests, the references the
verdicts use, the secret that seeds the hidden inputs, the sandbox, nbgrader's preprocessors and the batch commands
(`python -m cnn_grading`). It is installed from grading/ for instructors and tests only, and never mounted into a
grading kernel. See docs/integrity.md.
"""
