"""Set up the course and run its main jobs. Needs only Python 3.10+ with venv and pip.

    python3 run.py lab     set up (first time) and open the course in JupyterLab
    python3 run.py lab --lang zh    the same, in Simplified Chinese (中文版)
    python3 run.py test    set up (first time) and run the test suite; extra arguments go to pytest
    python3 run.py setup   only set up: a virtual environment in .venv with the course installed

Set-up is redone only when pyproject.toml or grading/pyproject.toml changes. Conda users: see environment.yml and \
the README.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".course-installed"
# The student package (cnn_utils) and the instructor's (cnn_grading, in grading/): set-up is redone when either changes
PROJECT_FILES = ("pyproject.toml", "grading/pyproject.toml")


def setup():
    wanted = hashlib.sha256(b"".join((ROOT / f).read_bytes() for f in PROJECT_FILES)).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing the course and its dependencies (a few minutes the first time) ...", flush=True)
    subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]", "-e", ROOT / "grading"],
                   check=True)
    STAMP.write_text(wanted)


def ensure_bubblewrap():
    """The grading sandbox needs bubblewrap (Linux). Install it where this user may (root with apt-get); elsewhere say
    what the tests will skip. Students never need it: only grading runs kernels in the sandbox."""
    if not sys.platform.startswith("linux") or shutil.which("bwrap"):
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing bubblewrap for the grading sandbox (apt-get) ...", flush=True)
        quiet = {"stdout": subprocess.DEVNULL, "env": dict(os.environ, DEBIAN_FRONTEND="noninteractive")}
        if subprocess.run(["apt-get", "update", "-qq"], **quiet).returncode == 0 and \
                subprocess.run(["apt-get", "install", "-y", "-qq", "bubblewrap"], **quiet).returncode == 0:
            return
    print("Note: bubblewrap (bwrap) is not installed, so the grading sandbox is not available here and the tests "
          "that need it are skipped. On Debian or Ubuntu: sudo apt-get install bubblewrap", flush=True)


def in_venv(*args, **variables):
    """Run a command with the virtual environment's bin folder first on PATH (nbgrader calls its own tools)."""
    env = dict(os.environ, PATH=str(BIN) + os.pathsep + os.environ.get("PATH", ""), VIRTUAL_ENV=str(VENV), **variables)
    return subprocess.run([str(a) for a in args], cwd=ROOT, env=env).returncode


EDITIONS = {"en": ROOT / "notebooks", "zh": ROOT / "zh" / "notebooks"}


def lab_command(args):
    """The JupyterLab command for `lab [--lang en|zh] [jupyter arguments]`: the edition's notebooks, and the
    language of the checks' messages for every kernel it starts (the Chinese notebooks also set it themselves)."""
    lang = "en"
    if "--lang" in args:
        at = args.index("--lang")
        lang = args[at + 1] if at + 1 < len(args) else ""
        args = args[:at] + args[at + 2:]
    if lang not in EDITIONS:
        raise SystemExit(f"--lang must be one of {', '.join(EDITIONS)}")
    # Jupyter refuses to start as root, which is the usual user in containers and fresh cloud machines
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [PYTHON, "-m", "jupyter", "lab", "--notebook-dir", EDITIONS[lang], *as_root, *args], {"CNN_LANG": lang}


def main(argv):
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if command not in ("setup", "lab", "test"):
        print(__doc__)
        return 0 if command in ("help", "-h", "--help") else 2
    setup()
    if command == "lab":
        command, variables = lab_command(rest)
        return in_venv(*command, **variables)
    if command == "test":
        ensure_bubblewrap()
        return in_venv(PYTHON, "-m", "pytest", *rest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
