"""`python -m cnn_grading COMMAND`: the instructor's grading commands (cnn_grading.cli)."""

import sys

from .cli import main

sys.exit(main())
