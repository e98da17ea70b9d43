"""How a test cell is judged: in the grader's process, against the kernel through proxies (docs/authoring.md).

The cell's source is the instructor's (never the submitted copy). It runs here with `checks` and `np` as they are in
a notebook and every other name it uses standing for the kernel's object of that name (`remote.Student`). The cell's
hidden tests, when there are any, run after it. The outcome is a list of notebook outputs for the test cell: the
pass lines the checks printed, and an error output with the first failure's message when one failed, so that
nbgrader's SaveAutoGrades scores the cell as it scores any cell.
"""

import ast
import builtins
import contextlib
import io
import re

from nbformat import NotebookNode

from ..i18n import tr
from . import remote, wire

# Error names written into cells by the grader; the summary and the self-check recognise them.
DIED = "DeadKernelError"
TIMEOUT = "CellTimeoutError"
NOT_RUN = "NotRunError"
NO_ANSWER = "NoAnswerError"

HIDDEN_REGION = re.compile(r"^[ \t]*#+ *BEGIN HIDDEN TESTS.*?^[ \t]*#+ *END HIDDEN TESTS[^\n]*\n?", re.M | re.S)

def kernel_lost(kind):
    """(ename, evalue) for a test during which the kernel was lost ("died" or "timed out"), or None; in the language
    of the moment (the grader switches it per notebook)."""
    if kind == "died":
        return DIED, tr("the kernel died while the grader ran this test: Python stopped at once, without an error "
                        "message (os._exit(), a crash inside compiled code, or too much memory). The grader started a "
                        "new kernel, re-ran the notebook's cells and went on with the next test.")
    if kind == "timed out":
        return TIMEOUT, tr("the function under test was still running when the time limit for one test ran out. Look "
                           "for a loop that never ends, or for code far slower than it needs to be.")
    return None


def error_output(ename, evalue):
    """An error output as the kernel would have sent it (the traceback is what the feedback HTML shows)."""
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"])


def without_hidden_region(source):
    return HIDDEN_REGION.sub("", source)


def local_names():
    """What a test cell's `checks` and `np` are (imported when needed: the kernel side never imports this)."""
    import numpy

    from .. import checks

    return {"checks": checks, "np": numpy}


def student_names(source):
    """The names a test cell reads that stand for the student's objects: all but builtins, `checks` and `np`, and
    what the cell assigns itself."""
    tree = ast.parse(source)
    read, assigned = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                read.append(node.id)
            else:
                assigned.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
            names = [node.name] if hasattr(node, "name") else [(a.asname or a.name).split(".")[0] for a in node.names]
            assigned.update(names)
    ignore = assigned | set(dir(builtins)) | set(local_names())
    return list(dict.fromkeys(name for name in read if name not in ignore))


def _without_data(message, limit=400):
    """A student's error message as the feedback shows it: long numbers (values of the test's inputs, which the
    student's code may have put there) replaced by an ellipsis, and the whole cut to `limit` characters."""
    message = re.sub(r"-?\d*\.\d{4,}(?:e[-+]?\d+)?", "…", message)
    return message if len(message) <= limit else message[:limit - 1] + "…"


def explain(error):
    """(ename, evalue) for an exception raised while a test ran."""
    if isinstance(error, remote.KernelLost):
        return kernel_lost(error.kind) or (DIED, str(error))
    if isinstance(error, remote.StudentRaised):
        function = getattr(error, "function", None)
        if function is None and error.type_name == "NameError":
            name = re.search(r"name '(\w+)'", str(error))
            name = name.group(1) if name else tr("a name the test uses")
            return "NameError", tr("{name} is not defined in the notebook. Run the cell that defines it, and keep the "
                                   "name the exercise gives it.", name=name)
        if error.type_name == "NotImplementedError":
            return "NotImplementedError", tr("{function} is not written yet: replace `raise NotImplementedError()` "
                                             "with your code.", function=function or tr("a function this test uses"))
        return error.type_name, _without_data(error.describe(function or tr("your code")))
    if isinstance(error, (remote.NoAnswer, wire.WireError)):
        return NO_ANSWER, tr("the grader could not read what your code returned ({error}). Return NumPy arrays, "
                             "numbers, or tuples, lists and dicts of them, and leave the notebook's display machinery "
                             "alone.", error=error)
    return type(error).__name__, str(error) or type(error).__name__


class MissingHelper:
    """What a test cell gets for another exercise's function or class (a helper its check runs) that the notebook does
    not define, because its cell failed or never ran. Any use raises the kernel's NameError: the check then says that
    it cannot judge this exercise with the student's helper (as for a wrong helper), and the hidden tests judge the
    exercise on its own, with a correct helper. So a broken cell costs the points of its own exercise only."""

    def __init__(self, error):
        self._error = error

    def __call__(self, *args, **kwargs):
        raise self._error

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise self._error


def _lookup(student, name, helpers):
    try:
        return getattr(student, name)
    except remote.StudentRaised as error:
        if name in helpers and error.type_name == "NameError":
            return MissingHelper(error)
        raise


def judge(source, student, hidden=None, rng=None, helpers=()):
    """Run a test cell's visible checks (`source`) and then its hidden tests; return the cell's outputs. `helpers`:
    the names of the notebook's other exercises, which the hidden tests replace by correct versions when they need
    them (MissingHelper; validate, without hidden tests, says the same: the check could not judge)."""
    source = without_hidden_region(source)
    printed = io.StringIO()
    failure = None
    try:
        with contextlib.redirect_stdout(printed):
            namespace = dict(local_names())
            namespace.update((name, _lookup(student, name, helpers)) for name in student_names(source))
            exec(compile(source, "<test cell>", "exec"), namespace)
            if hidden is not None:
                hidden(student, rng)
    except remote.KernelLost as error:
        failure = error
    except Exception as error:  # a failed check, or the student's code raising: the cell fails with its message
        failure = error
    outputs = []
    if printed.getvalue():
        outputs.append(NotebookNode(output_type="stream", name="stdout", text=printed.getvalue()))
    if failure is not None:
        outputs.append(error_output(*explain(failure)))
    return outputs, failure
