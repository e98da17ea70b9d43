"""The grading pipeline shared by the grader and the students' `validate`: cells put in order, run, tests judged \
outside the kernel."""
