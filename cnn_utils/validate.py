"""`python -m cnn_utils.validate NOTEBOOK`: check a notebook exactly as the grader runs it \
(cnn_utils.runner.validate)."""

import sys

from .runner.validate import main

if __name__ == "__main__":
    sys.exit(main())
