"""The course's secret, and the random generator of a submission's hidden tests derived from it.

Hidden tests draw their inputs from `hidden_rng(secret, assignment, student, grade_id, submission)`: the same
submission gets the same inputs every time it is graded (a regrade gives the same result), another student or
another version of the notebook gets other inputs (so inputs a submission managed to print are worth nothing to the
next one), and without the secret nobody can compute them. The secret is 32 random bytes in
`<course>/.cnn_grading_secret` (created on first use, readable by its owner only, never mounted into a kernel and never
committed; keep it with the gradebook). CNN_GRADING_SECRET (hex) overrides the file, e.g. for graders on other
machines.
"""

import hashlib
import hmac
import os
import secrets
from pathlib import Path

import numpy as np

SECRET_FILE = ".cnn_grading_secret"
SECRET_VARIABLE = "CNN_GRADING_SECRET"


def course_secret(root):
    """The secret of the course in folder `root`, created when there is none yet."""
    if os.environ.get(SECRET_VARIABLE):
        return bytes.fromhex(os.environ[SECRET_VARIABLE])
    path = Path(root) / SECRET_FILE
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32) + "\n")
    return bytes.fromhex(path.read_text().strip())


def submission_digest(nb):
    """A fingerprint of what a submission runs: the sources of its code cells, in order."""
    sources = "\0".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    return hashlib.sha256(sources.encode()).hexdigest()


def hidden_rng(secret, assignment, student, grade_id, submission=""):
    """The generator of one grade cell's hidden inputs for one submission (`submission`: its digest)."""
    message = "\0".join((assignment, student, grade_id, submission)).encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))
