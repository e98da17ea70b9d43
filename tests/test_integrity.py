"""Grading integrity (docs/integrity.md): the static tamper check, the sandbox, the feedback filter, and the attacks of
tests/cheating_submissions graded for real by nbgrader: each loses exactly the points it tried to steal, and unusual
but correct solutions keep full marks."""

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import nbformat
import pytest

from cheating_submissions import ASSIGNMENT, CHEATS, HONEST, submission
from course import (REPO, SOLUTIONS, belongs_to, environment, nbgrader, notebook_name, read_scores, solved,
                    submit)
from cnn_utils import integrity, sandbox

SOLUTION = nbformat.read(SOLUTIONS / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)


def notebook_with(cells=None, added=()):
    """The solution notebook with some exercise cells replaced and some cells added, as a student might submit it."""
    return submission(SOLUTION, SOLUTION, cells or {}, added)


def findings_of(nb):
    return [f for _, found in integrity.check_notebook(nb) for f in found]


# --- the static check, without a kernel --------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(SOLUTIONS.glob("*/*.ipynb")), ids=lambda p: p.parent.name)
def test_the_instructors_notebooks_have_no_findings(path):
    """Every notebook's own cells (solutions, examples, setup) pass: the check does not trip on the course itself."""
    assert integrity.check_notebook(nbformat.read(path, as_version=4)) == []


TAMPERING = {
    "patch np.allclose": "np.allclose = lambda *a, **k: True",
    "patch np.testing": "np.testing.assert_allclose = lambda *a, **k: None",
    "patch through an import alias": "import numpy.testing as npt\nnpt.assert_allclose = print",
    "patch through a variable": "m = np\nm.isclose = print",
    "setattr on numpy": "setattr(np, 'array_equal', print)",
    "patch the checks": "checks.compare_with_reference = lambda *a, **k: None",
    "patch checks.core": "from cnn_utils.checks import core\ncore.assert_close = print",
    "patch a submodule by full name": "import cnn_utils.checks.core\ncnn_utils.checks.core.plain_array = print",
    "module handed to a function": "def patch(m):\n    m.call = print\npatch(checks)",
    "module in a default": "def patch(m=checks):\n    pass",
    "private state of the checks": "checks.core._outcomes['zero_pad'] = 'passed'",
    "clearing the tripwire list": "from cnn_utils.reference import FORBIDDEN_FOR\nFORBIDDEN_FOR.clear()",
    "mutating module data": "import sys\nsys.path.insert(0, '/tmp')",
    "builtins module": "import builtins\nbuiltins.isinstance = lambda *a: True",
    "__builtins__": "__builtins__.AssertionError = Exception",
    "redefine AssertionError": "class AssertionError(Exception):\n    pass",
    "rebind AssertionError": "AssertionError = Exception",
    "rebind checks": "class checks:\n    compare_with_reference = staticmethod(print)",
    "rebind np": "np = None",
    "rebind checks to numpy": "import numpy as checks",
    "delete checks": "del checks",
    "loop variable np": "for np in [1]:\n    pass",
    "walrus": "[(checks := 1) for _ in range(1)]",
    "global in a function": "def f():\n    global checks\n    checks = None\nf()",
    "set_custom_exc": "get_ipython().set_custom_exc((Exception,), lambda *a, **k: None)",
    "showtraceback": "ip = get_ipython()\nip.showtraceback = lambda *a, **k: None",
    "input transformers": "get_ipython().input_transformers_cleanup.append(lambda lines: [])",
    "events": "get_ipython().events.register('post_run_cell', print)",
    "excepthook": "import sys\nsys.excepthook = print",
    "sys.modules": "import sys\nsys.modules['numpy'].allclose = print",
    "input history": "print(In[-1])",
    "input history, short name": "print(_ih[3], _i4)",
    "%history": "%history",
    "%tb": "%tb",
    "%run": "%run ../../../solutions/x.py",
    "%%capture": "%%capture\nx = 1",
    "%%writefile": "%%writefile mine.py\nx = 1",
    "shell": "!cat ../../../gradebook.db",
    "shell through pip": "%pip install numpy; cat /etc/shadow",
    "__code__": "def f():\n    pass\nf.__code__ = print.__code__",
    "__globals__": "checks.call.__globals__['_array'] = print",
    "__subclasses__": "().__class__.__base__.__subclasses__()",
    "object.__setattr__": "object.__setattr__(np, 'allclose', print)",
    "spoofed __class__": "class Fake:\n    __class__ = property(lambda self: np.ndarray)",
    "computed getattr": "getattr(checks, 'ca' + 'll')",
    "getattr of a dunder": "getattr(print, '__self__')",
    "vars": "vars(np)['allclose'] = print",
    "globals": "globals()['checks'] = None",
    "gc": "import gc",
    "ctypes": "import ctypes",
    "inspect": "import inspect",
    "importlib": "from importlib import reload",
    "eval": "eval('1 + 1')",
    "exec": "exec('x = 1')",
    "compile": "compile('x = 1', 'x', 'exec')",
    "__import__": "__import__('os')",
    "pickle": "import pickle",
    "allow_pickle": "np.load('x.npy', allow_pickle=True)",
    "subprocess": "import subprocess",
    "os.system": "import os\nos.system('ls')",
    "from os import system": "from os import system",
    "signal": "import signal",
    "frames": "import sys\nsys._getframe(0)",
    "traceback frames": "try:\n    1 / 0\nexcept Exception as e:\n    e.__traceback__",
    "tb_frame": "import sys\nsys.exc_info()[2].tb_frame.f_globals",
    "types.FunctionType": "import types\ntypes.FunctionType",
    "attrgetter": "from operator import attrgetter",
    "a module written at run time": "import my_helpers",
    "relative import": "from . import x",
    "code given to timeit": "import timeit\ntimeit.timeit('import numpy; numpy.allclose = None', number=1)",
    "code given to %timeit": "%timeit np.allclose.__code__",
    "threading.settrace": "import threading\nthreading.settrace(print)",
    "IPython": "import IPython",
    "dunder by string": "x = '__globals__'",
}


@pytest.mark.parametrize("source", TAMPERING.values(), ids=TAMPERING.keys())
def test_tampering_is_found(source):
    nb = notebook_with(added=[("test_conv_single_step", source)])
    assert findings_of(nb), f"not found: {source!r}"


HONEST_CODE = {
    "vectorized": """
def conv_single_step(a_slice_prev, W, b):
    return float(np.einsum('ijk,ijk->', a_slice_prev, W) + b.squeeze())""",
    "np.float64": """
def conv_single_step(a_slice_prev, W, b):
    return np.float64(np.sum(a_slice_prev * W)) + b.item()""",
    "0-d array": """
def conv_single_step(a_slice_prev, W, b):
    return np.array(np.sum(a_slice_prev * W) + b.item())""",
    "slicing into zeros": """
def zero_pad(X, pad):
    m, h, w, c = X.shape
    out = np.zeros((m, h + 2 * pad, w + 2 * pad, c))
    out[:, pad:pad + h, pad:pad + w, :] = X
    return out""",
    "helpers and a class": """
class Padder:
    def __init__(self, pad):
        self.pad = pad

    def __repr__(self):
        return f'Padder({self.pad})'

    def __call__(self, X):
        return np.pad(X, self.widths())

    def widths(self):
        return ((0, 0), (self.pad, self.pad), (self.pad, self.pad), (0, 0))

def zero_pad(X, pad):
    padder = Padder(pad)
    padder.pad = pad
    return padder(X)""",
    "prints": """
def zero_pad(X, pad):
    print('X:', X.shape, type(X).__name__, np.__version__)
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))""",
    "magics and imports again": """
%matplotlib inline
%timeit -n 3 zero_pad(np.ones((1, 2, 2, 1)), 1)
import numpy as np
from cnn_utils import checks
import matplotlib.pyplot as plt
plt.rcParams['figure.figsize'] = (8, 4)
np.pad?""",
    "cell magic": """
%%time
x = zero_pad(np.ones((1, 2, 2, 1)), 1)""",
    "own checks": """
checks.check_zero_pad(zero_pad)
np.testing.assert_allclose(zero_pad(np.ones((1, 1, 1, 1)), 0), 1)
assert isinstance(zero_pad(np.ones((1, 1, 1, 1)), 1), np.ndarray), 'not an array'""",
    "errors caught": """
try:
    checks.check_zero_pad(lambda X, pad: X)
except AssertionError as error:
    print(error)""",
    "standard library": """
import os, sys, time, timeit, math
from functools import lru_cache
print(sys.version, os.environ.get('HOME'), time.perf_counter(), math.pi)
timeit.timeit(lambda: np.ones(3), number=2)
timeit.timeit('1 + 1', number=2)""",
    "NumPy extras": """
from numpy.lib.stride_tricks import sliding_window_view, as_strided
rng = np.random.default_rng(0)
np.random.seed(0)
filter = rng.standard_normal((3, 3))
x = np.zeros(3)
x.flags.writeable = False""",
    "display and pip": """
from IPython.display import display, Markdown
display(Markdown('**done**'))
!pip list
%pip install numpy""",
    "main guard": """
if __name__ == '__main__':
    print(dir(np)[:3], help is not None)""",
    "history names as variables": """
for _i in range(2):
    In = _i
print(In, _i)""",
    "globals of your own": """
counter = 0
def bump():
    global counter
    counter += 1
bump()""",
}


@pytest.mark.parametrize("source", HONEST_CODE.values(), ids=HONEST_CODE.keys())
def test_honest_code_is_not_flagged(source):
    exercise = next((e for e in ("zero_pad", "conv_single_step") if f"def {e}(" in source), None)
    nb = notebook_with({exercise: source} if exercise else {}, [] if exercise else [("test_zero_pad", source)])
    assert findings_of(nb) == []


def test_a_finding_fails_its_exercise_and_every_later_test():
    nb = notebook_with({"zero_pad": SOLUTION_SOURCE["zero_pad"] + "\nnp.allclose = print"})
    failed = _failed_tests(nb)
    assert failed == {"test_zero_pad", "test_conv_single_step"}

    nb = notebook_with({"conv_single_step": SOLUTION_SOURCE["conv_single_step"] + "\nnp.allclose = print"})
    assert _failed_tests(nb) == {"test_conv_single_step"}

    nb = notebook_with(added=[("test_conv_single_step", "np.allclose = print")])  # after the last test: no effect
    assert _failed_tests(nb) == set()
    added = next(c for c in nb.cells if c.cell_type == "code" and c.source == "np.allclose = print")
    message = [o.evalue for o in added.outputs if o.output_type == "error"]  # the cell itself says why
    assert message and message[0].startswith("This cell reaches into the grading machinery. Line 1: changing "
                                             "`np.allclose`")


SOLUTION_SOURCE = {c.metadata["nbgrader"]["grade_id"]: c.source for c in SOLUTION.cells
                   if c.metadata.get("nbgrader", {}).get("solution")}


def _failed_tests(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    integrity.CheckIntegrity().preprocess(nb, {})
    return {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and any(o.output_type == "error" for o in c.outputs)}


def test_the_message_names_the_construct_the_cell_and_the_reason():
    nb = notebook_with({"conv_single_step": "checks.compare_with_reference = print\n"
                                            + SOLUTION_SOURCE["conv_single_step"]})
    (index, found), = integrity.check_notebook(nb)
    message = integrity.integrity_message(nb, index, found)
    assert message.startswith("Code cell 6 (your `conv_single_step` cell) reaches into the grading machinery")
    assert "Line 1: changing `checks.compare_with_reference` — it belongs to an imported module" in message
    assert "Remove that code and submit again." in message


# --- the feedback filter, on a notebook ------------------------------------------------------------------------

def test_feedback_keeps_the_message_and_drops_the_hidden_tests():
    nb = nbformat.from_dict(SOLUTION)
    test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_zero_pad")
    hidden_line = next(line for line in test.source.splitlines() if "default_rng" in line)
    test.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="✔ zero_pad: fine\ndebug (3, 4, 6, 3)\n"),
        nbformat.v4.new_output("error", ename="CheckFailure", evalue="zero_pad's result is wrong",
                               traceback=["Traceback ...", hidden_line, "CheckFailure: zero_pad's result is wrong"])]
    other = nb.cells[-1]
    other.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"look: {hidden_line.strip()}\n")]
    integrity.HideHiddenTests().preprocess(nb, {})
    assert "BEGIN HIDDEN TESTS" not in test.source and "default_rng" not in test.source
    assert "checks.check_zero_pad(zero_pad)" in test.source
    assert [o.get("text") for o in test.outputs if o.output_type == "stream"] == ["✔ zero_pad: fine\n"]
    error, = [o for o in test.outputs if o.output_type == "error"]
    assert error.traceback == ["CheckFailure: zero_pad's result is wrong"]
    assert "default_rng" not in other.outputs[0].text and "removed" in other.outputs[0].text


# --- the sandbox, with a kernel ----------------------------------------------------------------------------------

needs_sandbox = pytest.mark.skipif(not sandbox.status()[0], reason=f"no sandbox here: {sandbox.status()[1]}")


@needs_sandbox
def test_the_sandboxed_kernel_sees_only_what_it_needs(tmp_path):
    from nbclient import NotebookClient

    course = tmp_path / "course"
    folder = course / "autograded" / "alice" / ASSIGNMENT
    folder.mkdir(parents=True)
    (folder / notebook_name(ASSIGNMENT)).write_text("the hidden tests")
    (course / "gradebook.db").write_text("grades")
    paths = [str(course / "gradebook.db"), str(folder / notebook_name(ASSIGNMENT)), str(REPO / "solutions"),
             str(Path.home() / ".bashrc"), notebook_name(ASSIGNMENT), "../../../gradebook.db"]
    probe = (
        "import os, json, socket\n"
        "paths = " + repr(paths) + "\n"
        "seen = {p: os.path.exists(p) for p in paths}\n"
        "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=1); net = True\n"
        "except OSError:\n    net = False\n"
        "open('scratch.txt', 'w').write('ok')\n"
        "open('colorsys.py', 'w').write('raise SystemExit')\n"
        "import colorsys\n"
        "import numpy, cnn_utils.checks\n"
        "from cnn_utils.data import load_dataset\n"
        "print(json.dumps({'seen': seen, 'net': net, 'uid': os.getuid(), 'cwd': os.getcwd(), "
        "'data': load_dataset()[0].shape[0] > 0, 'mem': os.access('/proc/self/mem', os.W_OK), "
        "'shadowed': colorsys.__file__.startswith(os.getcwd())}))"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe)])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, timeout=60, kernel_manager_class=sandbox.SandboxedKernelManager,
                   resources={"metadata": {"path": str(folder)}}).execute()
    import json

    report = json.loads(nb.cells[0].outputs[-1].text)
    assert not any(report["seen"].values()), report["seen"]
    assert report["cwd"] == str(folder.resolve()) and report["data"]
    assert not report["net"] and not report["mem"] and not report["shadowed"]
    assert report["uid"] == 65534 or sandbox._probe["options"]["user_namespace"] is False
    assert not (folder / "scratch.txt").exists(), "the kernel's writes must stay in its private folder"
    assert (folder / notebook_name(ASSIGNMENT)).read_text() == "the hidden tests"


def test_the_sandbox_can_be_turned_off(monkeypatch):
    monkeypatch.setenv(sandbox.SANDBOX_VARIABLE, "off")
    assert sandbox.SandboxedKernelManager().sandbox == "off"
    assert sandbox.SandboxedKernelManager()._sandbox_options() is None


def test_missing_bubblewrap_is_loud_or_fatal(monkeypatch, caplog):
    monkeypatch.setattr(sandbox, "_probe", {"available": False, "description": "bubblewrap is not installed"})
    monkeypatch.setattr(sandbox.SandboxedKernelManager, "_warned", False)
    manager = sandbox.SandboxedKernelManager(sandbox="auto")
    with caplog.at_level("WARNING"):
        assert manager._sandbox_options() is None
    assert "GRADING WITHOUT A SANDBOX" in caplog.text
    with pytest.raises(sandbox.SandboxUnavailable, match="bubblewrap is not installed"):
        sandbox.SandboxedKernelManager(sandbox="require")._sandbox_options()


def test_the_course_config_uses_the_sandbox_and_both_preprocessors():
    from traitlets.config import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config()
    assert config.Execute.kernel_manager_class == "cnn_utils.sandbox.SandboxedKernelManager"
    autograde = [p if isinstance(p, str) else p.__name__ for p in config.Autograde.autograde_preprocessors]
    assert autograde.index("cnn_utils.integrity.CheckIntegrity") == autograde.index("SaveAutoGrades") - 1
    feedback = [p if isinstance(p, str) else p.__name__ for p in config.GenerateFeedback.preprocessors]
    assert feedback[:2] == ["GetGrades", "cnn_utils.integrity.HideHiddenTests"]


# --- the attacks, graded for real ----------------------------------------------------------------------------------

class CheatingCourse:
    def __init__(self, course_dir):
        self.dir = Path(course_dir)

    def autograded(self, student):
        return nbformat.read(self.dir / "autograded" / student / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)

    def feedback_text(self, student):
        page = (self.dir / "feedback" / student / ASSIGNMENT / notebook_name(ASSIGNMENT).replace(".ipynb", ".html"))
        return unescape(re.sub(r"<[^>]+>", "", page.read_text()))


@pytest.fixture(scope="module")
def cheating_course(tmp_path_factory):
    """Notebook 1 only (to stay quick): generated, submitted by the solution, every cheat and every honest variant,
    autograded by the course's grading command (nbgrader with the course's configuration, sandbox and all, two
    students at a time) and given feedback."""
    course = CheatingCourse(tmp_path_factory.mktemp("cheating") / "course")
    (course.dir / "solutions").mkdir(parents=True)
    (course.dir / "nbgrader_config.py").write_text((REPO / "nbgrader_config.py").read_text())
    import shutil

    shutil.copytree(SOLUTIONS / ASSIGNMENT, course.dir / "solutions" / ASSIGNMENT)
    nbgrader(course.dir, "generate_assignment", ASSIGNMENT, "--force")
    release = nbformat.read(course.dir / "notebooks" / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)
    submit(course.dir, "solution", ASSIGNMENT, solved(release, SOLUTION))
    for student, spec in {**CHEATS, **HONEST}.items():
        nb = submission(release, SOLUTION, spec.get("cells", {}), spec.get("added", ()), course=course.dir.resolve())
        submit(course.dir, student, ASSIGNMENT, nb)
    graded = subprocess.run([sys.executable, "-m", "cnn_utils.grade", "autograde", "--jobs", "2"], cwd=course.dir,
                            env=environment(), capture_output=True, text=True)  # the course's grading command
    assert graded.returncode == 0, f"autograde failed:\n{graded.stdout}\n{graded.stderr}"
    others = sorted({"solution", *CHEATS, *HONEST} - set(FEEDBACK_STUDENTS))
    nbgrader(course.dir, "generate_feedback", ASSIGNMENT, "--force",
             f"--CourseDirectory.student_id_exclude={','.join(others)}")
    return course


FEEDBACK_STUDENTS = ("hard_coded_answers", "shape_mean_and_rigged_float", "patches_the_checks", "reads_submissions")


def _scores(course):
    return read_scores(course.dir, ASSIGNMENT)


def _errors(cell):
    return [o for o in cell.outputs if o.output_type == "error"]


@pytest.mark.parametrize("student", CHEATS)
def test_each_cheat_loses_exactly_what_it_tried_to_steal(cheating_course, student):
    spec = CHEATS[student]
    if spec["defence"] == "sandbox" and not sandbox.status()[0]:
        pytest.skip(f"no sandbox here: {sandbox.status()[1]}")
    scores = _scores(cheating_course)[student]
    kept = {g: s for g, s in scores.items() if any(belongs_to(g, e) for e in spec["loses"]) and s[0] != 0}
    lost = {g: s for g, s in scores.items() if not any(belongs_to(g, e) for e in spec["loses"]) and s[0] != s[1]}
    assert not kept, f"{student} ({spec['what']}) still earned {kept}"
    assert not lost, f"{student} also lost points it did not try to steal: {lost}"

    nb = cheating_course.autograded(student)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
             and any(belongs_to(c.metadata["nbgrader"]["grade_id"], e) for e in spec["loses"])]
    flagged = [c for c in tests if any(o.ename == integrity.ENAME for o in _errors(c))]
    if spec["defence"] == "static":
        assert flagged == tests, "the tamper check should explain each lost test"
    else:
        assert not flagged, f"{student} should be stopped by the {spec['defence']} defence, not the tamper check"
    if spec["defence"] == "sandbox":
        for exercise in spec["loses"]:
            cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == exercise)
            assert [o.ename for o in _errors(cell)] == ["FileNotFoundError"], "the read must fail in the sandbox"


@pytest.mark.parametrize("student", ["solution", *HONEST])
def test_correct_solutions_keep_full_marks(cheating_course, student):
    scores = _scores(cheating_course)[student]
    lost = {g: s for g, s in scores.items() if s[0] != s[1]}
    assert scores and not lost, f"{student} ({HONEST.get(student, {}).get('what', 'the solution')}) lost {lost}"
    assert not any(o.get("ename") == integrity.ENAME for c in cheating_course.autograded(student).cells
                   for o in c.get("outputs", []))


def test_feedback_shows_the_message_but_not_the_hidden_tests(cheating_course):
    hidden = [line.strip() for c in SOLUTION.cells if c.metadata.get("nbgrader", {}).get("grade")
              for line in c.source.split("### BEGIN HIDDEN TESTS")[-1].splitlines() if len(line.strip()) > 12]
    for student in FEEDBACK_STUDENTS:
        text = cheating_course.feedback_text(student)
        own_code = "\n".join(CHEATS[student]["cells"].values())
        for leak in ["BEGIN HIDDEN TESTS", "compare_with_reference", "default_rng", "(3, (2, 5, 3, 1), 0)", "_seed",
                     *hidden]:
            if leak not in own_code:  # a student's own code may name a check; the hidden tests' code may not show
                assert leak not in text, f"{student}'s feedback shows {leak!r}"
    text = cheating_course.feedback_text("hard_coded_answers")
    assert "on a hidden test case (X of shape (2, 5, 3, 1), pad 0)" in text, "the failed check's message is shown"
    assert "checks.check_zero_pad(zero_pad)" in text, "the visible check stays visible"
    text = cheating_course.feedback_text("patches_the_checks")
    assert "reaches into the grading machinery" in text and "checks.compare_with_reference" in text
