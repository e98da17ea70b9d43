"""Kept for notebooks that name the old command: `python -m cnn_utils.grade validate NOTEBOOK` runs
`python -m cnn_utils.validate NOTEBOOK`. The instructor's commands are `python -m cnn_grading` (docs/grading.md)."""

import sys

from .runner.validate import main

if __name__ == "__main__":
    if sys.argv[1:2] != ["validate"]:
        sys.exit("The grading commands moved: instructors use `python -m cnn_grading --help`; students check a "
                 "notebook with `python -m cnn_utils.validate NOTEBOOK`.")
    sys.exit(main(sys.argv[2:]))
