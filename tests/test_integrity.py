"""Around the verdicts (docs/integrity.md): the static reading of the student's cells (a report for the instructor,
never a gate), the feedback filter, the course's configuration and the sandbox, with a real kernel and its limits.
The attacks and the honest-but-unusual notebooks graded for real are in test_trust.py."""

import json
from pathlib import Path

import nbformat
import pytest
from cheating_submissions import ASSIGNMENT, submission
from course import REPO, SOLUTIONS, notebook_name

from cnn_grading import integrity, sandbox
from cnn_grading.cgroups import SandboxCgroup  # noqa: F401 (sandbox.SandboxCgroup in the skip condition)
from cnn_grading.preprocessors.feedback import HideHiddenTests
from cnn_grading.preprocessors.report import ReportFindings

SOLUTION = nbformat.read(SOLUTIONS / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)


def notebook_with(cells=None, added=()):
    """The solution notebook with some exercise cells replaced and some cells added, as a student might submit it."""
    return submission(SOLUTION, SOLUTION, cells or {}, added)


def findings_of(nb):
    return [f for _, found in integrity.check_notebook(nb) for f in found]


# --- the static reading, without a kernel ------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(SOLUTIONS.glob("*/*.ipynb")), ids=lambda p: p.parent.name)
def test_the_instructors_notebooks_have_no_findings(path):
    """Every notebook's own cells (solutions, examples, setup) read clean: the report does not cry wolf."""
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
def test_tampering_is_reported(source):
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


def test_findings_are_recorded_for_the_summary_and_cost_nothing():
    nb = notebook_with({"zero_pad": SOLUTION_SOURCE["zero_pad"] + "\nnp.allclose = print"})
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    ReportFindings().preprocess(nb, {})
    (finding,) = nb.metadata["cnn_grading"]["findings"]
    assert finding["cell"].endswith("(your `zero_pad` cell)") and "changing `np.allclose`" in finding["what"]
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "a finding never fails a cell"


SOLUTION_SOURCE = {c.metadata["nbgrader"]["grade_id"]: c.source for c in SOLUTION.cells
                   if c.metadata.get("nbgrader", {}).get("solution")}


# --- the feedback filter, on a notebook ------------------------------------------------------------------------

def test_feedback_keeps_the_message_and_drops_any_hidden_region():
    nb = nbformat.from_dict(SOLUTION)
    test = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_zero_pad")
    hidden_line = "_secret_case = np.random.default_rng(12345).standard_normal((3, 4, 6, 3))"
    test.source = f"checks.check_zero_pad(zero_pad)\n### BEGIN HIDDEN TESTS\n{hidden_line}\n### END HIDDEN TESTS\n"
    test.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="✔ zero_pad: fine\ndebug (3, 4, 6, 3)\n"),
        nbformat.v4.new_output("error", ename="CheckFailure", evalue="zero_pad's result is wrong",
                               traceback=["Traceback ...", hidden_line, "CheckFailure: zero_pad's result is wrong"])]
    other = nb.cells[-1]
    other.outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"look: {hidden_line}\n")]
    HideHiddenTests().preprocess(nb, {})
    assert "BEGIN HIDDEN TESTS" not in test.source and "default_rng" not in test.source
    assert "checks.check_zero_pad(zero_pad)" in test.source
    assert [o.get("text") for o in test.outputs if o.output_type == "stream"] == ["✔ zero_pad: fine\n"]
    error, = [o for o in test.outputs if o.output_type == "error"]
    assert error.traceback == ["CheckFailure: zero_pad's result is wrong"]
    assert "default_rng" not in other.outputs[0].text and "removed" in other.outputs[0].text


# --- the sandbox, with a kernel ----------------------------------------------------------------------------------

needs_sandbox = pytest.mark.skipif(not sandbox.status()[0], reason=f"no sandbox here: {sandbox.status()[1]}")


# What a kernel grading notebook 3 can import: True for what it may, False for what it must not find.
MODULES = {"cnn_utils.reference.padding": True, "cnn_utils.reference.forward_conv": True,
           "cnn_utils.reference.backward_conv": False, "cnn_utils.reference.pooling": False,
           "cnn_utils.layers": False, "cnn_utils.bench": False, "cnn_grading": False, "scipy": False}


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
        "import numpy, importlib.util\n"
        "from cnn_utils import checks\n"
        "from cnn_utils.data import load_dataset\n"
        "def importable(name):\n"
        "    try:\n        return importlib.import_module(name) is not None\n"
        "    except ImportError:\n        return False\n"
        "modules = {m: importable(m) for m in " + repr(MODULES) + "}\n"
        "print(json.dumps({'seen': seen, 'net': net, 'uid': os.getuid(), 'cwd': os.getcwd(), "
        "'data': load_dataset()[0].shape[0] > 0, 'mem': os.access('/proc/self/mem', os.W_OK), "
        "'shadowed': colorsys.__file__.startswith(os.getcwd()), 'modules': modules, "
        "'checks': checks.check_zero_pad(None) is None}))"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(probe)])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(nb, timeout=60, kernel_manager_class=sandbox.SandboxedKernelManager,
                            resources={"metadata": {"path": str(folder)}})
    client.km = client.create_kernel_manager()
    client.km.assignment = "03_conv_backward"
    client.execute()

    report = json.loads(nb.cells[0].outputs[-1].text)
    assert not any(report["seen"].values()), report["seen"]
    assert report["cwd"] == str(folder.resolve()) and report["data"]
    assert not report["net"] and not report["mem"] and not report["shadowed"]
    assert report["modules"] == MODULES, "notebook 3's kernel has notebooks 1-2's references only, no cnn_grading"
    assert report["checks"], "the checks are a do-nothing stand-in inside a grading kernel"
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


def test_the_course_config_uses_the_sandbox_and_the_grading_preprocessors():
    from traitlets.config import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config()
    assert config.GradingExecute.kernel_manager_class == "cnn_grading.sandbox.SandboxedKernelManager"
    sanitize = [p if isinstance(p, str) else p.__name__ for p in config.Autograde.sanitize_preprocessors]
    assert "cnn_grading.preprocessors.restore.RestoreCells" in sanitize
    assert "DeduplicateIds" not in sanitize and "OverwriteCells" not in sanitize
    autograde = [p if isinstance(p, str) else p.__name__ for p in config.Autograde.autograde_preprocessors]
    assert autograde[0] == "cnn_grading.preprocessors.execute.GradingExecute"
    assert autograde.index("cnn_grading.preprocessors.report.ReportFindings") == autograde.index("SaveAutoGrades") - 1
    feedback = [p if isinstance(p, str) else p.__name__ for p in config.GenerateFeedback.preprocessors]
    assert feedback[:2] == ["GetGrades", "cnn_grading.preprocessors.feedback.HideHiddenTests"]


def run_in_sandbox(source, folder, **limits):
    """Run one cell in a sandboxed kernel working in `folder`, with the given SandboxedKernelManager limits; return
    the cell, or None when the kernel died."""
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    client = NotebookClient(nb, timeout=120, kernel_manager_class=sandbox.SandboxedKernelManager,
                            allow_errors=True, resources={"metadata": {"path": str(folder)}})
    client.km = client.create_kernel_manager()
    for name, value in limits.items():
        setattr(client.km, name, value)
    try:
        client.execute()
    except DeadKernelError:
        return None
    return nb.cells[0]


needs_cgroup = pytest.mark.skipif(
    not sandbox.status()[0] or sandbox.SandboxCgroup.create(2**20, 8)[0] is None,
    reason="no sandbox or no cgroup on this machine (the fallback is the per-process limit)")


@needs_cgroup
@pytest.mark.parametrize("source", [
    "with open('/tmp/big', 'wb') as f:\n    for _ in range(300):\n        f.write(b'x' * 2**20)\nprint('survived')",
    "import subprocess, sys\nmine = bytearray(150 * 2**20)\nmine[::4096] = b'x' * len(mine[::4096])\n"
    "child = subprocess.run([sys.executable, '-c', "
    "'b = bytearray(150 * 2**20); b[::4096] = b\"x\" * len(b[::4096])'])\n"
    "print('survived' if child.returncode == 0 else 'child killed')",
], ids=["in-memory /tmp", "a child process"])
def test_the_memory_limit_holds_for_the_whole_sandbox(tmp_path, source):
    """256 MiB for the whole sandbox: 300 MiB written to its in-memory /tmp, or 150 MiB in the kernel and 150 MiB in
    a child, do not fit (each alone is under the per-process limit)."""
    cell = run_in_sandbox(source, tmp_path, memory_limit=256)
    assert cell is None or not any("survived" in o.get("text", "") for o in cell.outputs)


@needs_cgroup
def test_the_process_limit_holds(tmp_path):
    cell = run_in_sandbox(
        "import subprocess, sys\n"
        "children = []\n"
        "try:\n"
        "    for _ in range(100):\n"
        "        children.append(subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)']))\n"
        "except OSError as error:\n"
        "    print('refused after', len(children))\n"
        "for child in children:\n"
        "    child.kill()", tmp_path, process_limit=40)
    assert cell is not None and any("refused after" in o.get("text", "") for o in cell.outputs), cell
