"""nbgrader extensions that let a batch of real submissions be graded without babysitting.

nbgrader does the grading; this module only closes the gaps that show up with a few hundred real submissions:

* `ResilientExecute` (replaces nbgrader's `Execute` in `Autograde.autograde_preprocessors`): a kernel that dies
  (`os._exit`, a crash in compiled code, the out-of-memory killer) or hangs in a loop that swallows
  KeyboardInterrupt costs only the cell it happened in. The cell gets an error output that explains what happened,
  a fresh kernel is started, the earlier non-test code cells are replayed silently, and grading goes on. Each kernel
  gets an address-space limit, so a runaway allocation becomes a MemoryError in the student's cell.
* `RestoreCells` (replaces `OverwriteCells` in `Autograde.sanitize_preprocessors`): test cells that were deleted,
  moved above their exercise, retyped, or stripped of their nbgrader metadata are put back where they run after the
  code they test (nbgrader's own `add_missing_cells` fails when the cell before the missing one has no metadata),
  and cells stripped of their metadata get it back when they are recognisably the instructor's.
* `LMSFileNameCollector`: a `zip_collect` plugin that recognises the file names of common LMS bulk downloads.
* The batch machinery used by `python -m cnn_utils.grade`: pre-checking submissions, grading students in parallel
  (each in a private course directory with its own copy of the gradebook, merged back one at a time), and turning
  the gradebook plus the autograded notebooks into a readable reason for every lost point.

Everything is configured in nbgrader_config.py, so plain `nbgrader autograde` gets the same behaviour.
"""

import ast
import builtins
import copy
import json
import os
import re
import shutil
import sqlite3
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from traitlets import Integer, default

from nbgrader import utils as nbutils
from nbgrader.plugins.zipcollect import FileNameCollectorPlugin
from nbgrader.preprocessors import Execute, OverwriteCells

from .integrity import python_source

try:  # POSIX only; elsewhere kernels simply run without a memory limit
    import resource
except ImportError:  # pragma: no cover
    resource = None

# Error names written into cells by the grader; the summary and the self-check recognise them.
DIED = "DeadKernelError"
TIMEOUT = "CellTimeoutError"
NOT_RUN = "NotRunError"

# Thread pools of the numerical libraries: one thread per kernel, since the batch runs one kernel per core.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


def error_output(ename, evalue):
    """An error output as the kernel would have sent it (the traceback is what the feedback HTML shows)."""
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"])


def _limit_kernel(memory_bytes):
    """Runs in the kernel process just before it starts (Popen preexec_fn): cap its address space."""
    try:
        if memory_bytes:
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
            # soft = hard: student code cannot raise the limit again
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashing kernel leaves no core file behind
    except (ValueError, OSError):
        pass


class _KernelLimits:
    """A picklable, printable preexec_fn."""

    def __init__(self, memory_bytes):
        self.memory_bytes = memory_bytes

    def __call__(self):
        _limit_kernel(self.memory_bytes)


class ResilientExecute(Execute):
    """nbgrader's Execute, made to survive kernels that die or hang, with a memory limit per kernel."""

    max_restarts = Integer(3, help=(
        "How many times the kernel may be restarted in one notebook after it died or hung. After that, the remaining "
        "code cells are not run; each gets an error output saying so (and test cells score zero).")).tag(config=True)

    memory_limit = Integer(4096, help=(
        "Address-space limit of each kernel in MiB (RLIMIT_AS, POSIX only); 0 for no limit. A cell that allocates "
        "more gets a MemoryError instead of exhausting the machine.")).tag(config=True)

    kernel_threads = Integer(1, help=(
        "Threads for the kernel's numerical libraries (OMP/OPENBLAS/MKL_NUM_THREADS, unless already set); "
        "0 leaves the environment alone. One thread per kernel suits grading one student per core.")).tag(config=True)

    @default("error_on_timeout")
    def _default_error_on_timeout(self):
        out = error_output(TIMEOUT, (
            f"this cell was still running after {self.timeout} seconds, the time limit for one cell, and was "
            "interrupted. Look for a loop that never ends (a while loop whose condition never changes?) or for code "
            "far slower than it needs to be."))
        return {"ename": out.ename, "evalue": out.evalue, "traceback": out.traceback}

    # -- kernel start -------------------------------------------------------------------------------------------
    #: True: the kernel's own stderr (start-up warnings) is discarded; for the students' self-check
    quiet_kernel = False

    def start_new_kernel(self, **kwargs):
        if self.quiet_kernel:
            import subprocess

            kwargs.setdefault("stderr", subprocess.DEVNULL)
        if self.memory_limit > 0 and resource is not None:
            kwargs.setdefault("preexec_fn", _KernelLimits(self.memory_limit * 2**20))
        if self.kernel_threads > 0:
            env = dict(kwargs.get("env") or os.environ)
            for name in THREAD_VARIABLES:
                env.setdefault(name, str(self.kernel_threads))
            kwargs["env"] = env
        return super().start_new_kernel(**kwargs)

    # -- execution ----------------------------------------------------------------------------------------------
    def preprocess(self, nb, resources=None, km=None):
        self._restarts = 0
        self._stopped = None  # once set, the reason why the remaining cells are not run
        self._no_replay = set()  # indices of cells never to run again (they died, hung or timed out)
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return super().preprocess_cell(cell, resources, index)
        if self._stopped:
            cell.outputs = [error_output(NOT_RUN, self._stopped)]
            return cell, self.resources
        try:
            cell, _ = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._lost_kernel(cell, index, error_output(DIED, (
                "the kernel died while running this cell: Python stopped at once, without an error message. This "
                "happens with os._exit(), a crash inside compiled code (a segmentation fault), or when the kernel is "
                "killed for using too much memory. The grader started a new kernel, re-ran the earlier cells that are "
                "not tests, and went on with the next cell: exercises checked before this point keep their points, "
                "but whatever this cell would have defined is missing.")))
        except CellTimeoutError:
            self._lost_kernel(cell, index, error_output(TIMEOUT, (
                f"this cell was still running after {self.timeout} seconds, the time limit for one cell, and did "
                "not stop when interrupted (does a loop catch KeyboardInterrupt, or use a bare `except:`?). The "
                "grader stopped the kernel, started a new one, re-ran the earlier cells that are not tests, and went "
                "on with the next cell: exercises checked before this point keep their points.")))
        else:
            if any(out.output_type == "error" and out.ename == TIMEOUT for out in cell.outputs):
                self._no_replay.add(index)  # it was interrupted in time; a replay would cost the timeout again
        return cell, self.resources

    def _lost_kernel(self, cell, index, explanation):
        self.log.warning("Cell %d: %s: %s", index, explanation.ename, explanation.evalue.split(":")[0])
        cell.setdefault("outputs", []).append(explanation)
        self.nb.cells[index] = cell
        self._no_replay.add(index)
        while True:
            if self._restarts >= self.max_restarts:
                self._stopped = (
                    f"not run: the kernel died or hung {self._restarts + 1} times in this notebook, so the grader "
                    "stopped running it. Exercises checked before the first crash keep their points.")
                return
            self._restarts += 1
            try:
                self._restart_kernel()
            except Exception as error:  # a kernel that cannot start again: nothing more can run
                self.log.error("Could not restart the kernel: %s", error)
                self._stopped = f"not run: the grader could not start a new kernel after a crash ({error})."
                return
            try:
                self._replay(index)
                return
            except (DeadKernelError, CellTimeoutError):
                continue  # _replay marked the culprit; restart again without it

    def _restart_kernel(self):
        run_sync(self._async_stop_kernel)()
        self.km = self.create_kernel_manager()
        self.start_new_kernel()
        self.start_new_kernel_client()

    async def _async_stop_kernel(self):
        km, kc = self.km, self.kc
        self.kc = None
        if kc is not None:
            try:
                await ensure_async(kc.stop_channels())
            except Exception:
                pass
        if km is not None:
            try:
                if km.has_kernel:
                    await ensure_async(km.shutdown_kernel(now=True))
            except Exception as error:
                self.log.warning("Stopping the old kernel: %s", error)
            try:
                await ensure_async(km.cleanup_resources())
            except Exception:
                pass

    def _replay(self, upto):
        """Run the code cells before `upto` that are not tests again, on copies: the notebook keeps its outputs."""
        for j in range(upto):
            original = self.nb.cells[j]
            if (original.cell_type != "code" or not original.source.strip() or nbutils.is_grade(original)
                    or j in self._no_replay):
                continue
            clone = copy.deepcopy(original)
            try:
                self.execute_cell(clone, j, store_history=False)
            except (DeadKernelError, CellTimeoutError):
                self.log.warning("Cell %d took the kernel down again when replayed; it is skipped from now on", j)
                self._no_replay.add(j)
                raise
            finally:
                self.nb.cells[j] = original


# -- restoring the instructor's test cells ------------------------------------------------------------------------
def _names(source):
    """(names a cell reads, names it defines), read from the cell as the kernel runs it (magics and !shell lines turned
    into Python); when it does not compile, only the functions and classes it visibly defines."""
    try:
        tree = ast.parse(python_source(source))
    except Exception:  # a syntax error, or IPython's transformer failing on it (the kernel would fail too)
        defined = set(re.findall(r"^\s*(?:async\s+)?def\s+(\w+)|^\s*class\s+(\w+)", source, re.M))
        return set(), {n for pair in defined for n in pair if n}
    used, defined = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (defined if isinstance(node.ctx, (ast.Store, ast.Del)) else used).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return used, defined


def _dependencies(source):
    """The names a test cell needs from earlier cells: what it reads, minus what it defines itself and builtins."""
    # nbgrader's restore notice is a comment line; hidden-test markers are comments too
    used, defined = _names(source)
    return used - defined - set(dir(builtins))


def _functions(source):
    """The names of the functions and classes a cell defines at its top level."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set(re.findall(r"^(?:async\s+)?def\s+(\w+)|^class\s+(\w+)", source, re.M)) - {""}
    return {node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def _normalized(source):
    return "\n".join(line.rstrip() for line in source.strip().splitlines() if line.strip())


def _without_hidden_tests(source):
    return re.sub(r"^[ \t]*#+ *BEGIN HIDDEN TESTS.*?^[ \t]*#+ *END HIDDEN TESTS[^\n]*\n?", "", source,
                  flags=re.M | re.S)


def _first_definitions(cells, skip):
    """{name: index of the first code cell that defines it}, ignoring the cell at index `skip`."""
    first = {}
    for i, cell in enumerate(cells):
        if i == skip or cell.cell_type != "code" or nbutils.is_grade(cell):
            continue
        for name in _names(cell.source)[1]:
            first.setdefault(name, i)
    return first


class RestoreCells(OverwriteCells):
    """nbgrader's OverwriteCells (locked cells restored, cell types and points reset), plus test cells put back where
    they can run.

    - Cells whose nbgrader metadata was removed get it back when they are recognisably the instructor's cells (see
      `_reattach_metadata`), so such a notebook is graded like an intact one.
    - A test cell that is still missing (deleted) is re-inserted right after the first cell that defines what it
      tests (its function), or, when nothing defines it, after the cell the instructor's notebook has before it, or
      at the end. nbgrader's own add_missing_cells fails when that previous cell has no metadata.
    - A test cell moved above the cell that defines what it tests is moved back below it.
    """

    @default("missing_cell_notification")
    def _default_notification(self):
        # a code cell gets "# " in front: keep it to one line
        return ("This test cell ({cell_id}) was missing from the submitted notebook (deleted, or its nbgrader metadata "
                "removed); the grader put the instructor's copy back.\n")

    def update_cell_type(self, cell, cell_type):
        # raw and markdown cells may carry attachments, which a code cell may not have
        if cell.cell_type != cell_type:
            cell.pop("attachments", None)
        return super().update_cell_type(cell, cell_type)

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook

        with Gradebook(resources["nbgrader"]["db_url"]) as gradebook:
            source_nb = gradebook.find_notebook(resources["nbgrader"]["notebook"], resources["nbgrader"]["assignment"])
            self._reattach_metadata(nb, source_nb)
        nb, resources = super().preprocess(nb, resources)  # restores sources/types; adds missing cells (see below)
        return self._reposition_tests(nb), resources

    def _reattach_metadata(self, nb, source_nb):
        """Give cells whose nbgrader metadata was removed (a copy-paste into a new notebook, a format conversion)
        their identity back: a cell is the instructor's locked cell when its source is that cell's source (as
        released, without hidden tests), and an exercise cell when it defines the exercise's functions."""
        present = {cell.metadata["nbgrader"].get("grade_id") for cell in nb.cells if "nbgrader" in cell.metadata}
        grades = {cell.name: cell for cell in source_nb.grade_cells}
        solutions = {cell.name for cell in source_nb.solution_cells}
        tasks = {cell.name for cell in source_nb.task_cells}
        candidates = [cell for cell in source_nb.source_cells if cell.name not in present]
        for cell in nb.cells:
            if not candidates or cell.metadata.get("nbgrader", {}).get("grade_id"):
                continue
            for source in candidates:
                if source.locked:
                    same = _normalized(cell.source) in (_normalized(source.source),
                                                        _normalized(_without_hidden_tests(source.source)))
                else:
                    wanted = _functions(source.source) if source.cell_type == "code" else set()
                    same = cell.cell_type == "code" and bool(wanted) and wanted <= _functions(cell.source)
                if not same:
                    continue
                meta = {"grade": source.name in grades, "grade_id": source.name, "locked": source.locked,
                        "solution": source.name in solutions, "task": source.name in tasks, "schema_version": 3}
                if source.name in grades:
                    meta["points"] = grades[source.name].max_score
                cell.metadata["nbgrader"] = meta
                candidates.remove(source)
                self.log.warning("Cell without nbgrader metadata recognised as %s", source.name)
                break

    def add_missing_grade_cells(self, nb, resources):
        source_nb = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
        source_cells = list(source_nb.source_cells)
        order = [cell.name for cell in source_cells]
        solution_ids = {cell.name for cell in source_nb.solution_cells}
        present = {cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells
                   if nbutils.is_grade(cell) or nbutils.is_solution(cell)}
        for grade_cell in source_nb.grade_cells:
            if grade_cell.name in present:
                continue
            self.log.warning("Missing grade cell %s: putting the instructor's copy back", grade_cell.name)
            source = source_cells[order.index(grade_cell.name)]
            new = self.missing_cell_transform(source, grade_cell.max_score,
                                              is_solution=grade_cell.name in solution_ids)
            nb.cells.insert(self._place(nb, new, order), new)
            present.add(grade_cell.name)
        return nb, resources

    def _place(self, nb, cell, order):
        """The index at which a restored cell runs after what it needs."""
        needs = _dependencies(cell.source)
        first = _first_definitions(nb.cells, skip=None)
        after = [first[name] for name in needs if name in first]
        if after:
            return max(after) + 1
        # nothing defines what it needs: follow the instructor's order where the previous cell is still there
        ids = {c.metadata.get("nbgrader", {}).get("grade_id"): i for i, c in enumerate(nb.cells)}
        position = order.index(cell.metadata.nbgrader["grade_id"])
        for previous in reversed(order[:position]):
            if previous in ids:
                return ids[previous] + 1
        return len(nb.cells)

    def _reposition_tests(self, nb):
        """Move every test cell that would run before the code it tests to just after that code."""
        moved = True
        while moved:  # one move can shift indices: repeat until stable (at most one pass per test cell)
            moved = False
            for i, cell in enumerate(nb.cells):
                if not (nbutils.is_grade(cell) and cell.cell_type == "code" and nbutils.is_locked(cell)):
                    continue
                first = _first_definitions(nb.cells, skip=i)
                later = [first[name] for name in _dependencies(cell.source) if first.get(name, -1) > i]
                if later:
                    target = max(later)
                    self.log.warning("Test cell %s ran before the code it tests; moved after cell %d",
                                     cell.metadata.nbgrader["grade_id"], target)
                    nb.cells.insert(target, nb.cells.pop(i))  # after the pop, index `target` is just after it
                    moved = True
                    break
        return nb


# -- collecting from an LMS ----------------------------------------------------------------------------------------
LMS_PATTERNS = [
    # Canvas "Download Submissions": doejane_12345_6789012_01_padding.ipynb,
    # doejane_LATE_12345_6789012_01_padding-1.ipynb (late, second upload)
    ("canvas", r"^(?P<name>[a-z]+)_(?:late_)?(?P<user>\d+)_\d+_(?P<file>.+?)(?:-\d+)?\.ipynb$"),
    # Blackboard: 01_padding_jdoe_attempt_2024-01-30-15-00-00_01_padding.ipynb
    ("blackboard",
     r"^.*?_(?P<student>[^_]+)_attempt_(?P<timestamp>\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d)_(?P<file>.+)\.ipynb$"),
    # Moodle "Download all submissions": Jane Doe_123456_assignsubmission_file_/01_padding.ipynb
    ("moodle", r"^(?P<name>[^/]+?)_(?P<user>\d+)_assignsubmission_file_?/(?P<file>[^/]+)\.ipynb$"),
    # a folder per student: jdoe/01_padding.ipynb
    ("folder", r"^(?P<student>[^/]+)/(?P<file>[^/]+)\.ipynb$"),
]


def student_id_from(text):
    """A folder-safe student id: lower case letters, digits and underscores."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def match_lms_filename(relative_path, notebook_names=()):
    """{student_id, file_id[, timestamp]} for a path relative to the extracted folder, or None.

    LMS downloads often add a copy suffix to a re-uploaded file ("01_padding (1)", "01_padding-Copy1"): when the
    file name contains exactly one of the assignment's notebook names, that name is the file_id.
    """
    path = relative_path.replace(os.sep, "/")
    for kind, pattern in LMS_PATTERNS:
        tail = "/".join(path.split("/")[-2:]) if "/" in pattern else path.split("/")[-1]
        match = re.match(pattern, tail, re.I)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("student"):
            student = student_id_from(groups["student"])
        else:
            student = student_id_from(f"{groups['name']}_{groups['user']}")
        file_id = groups["file"]
        known = [name for name in notebook_names if name in file_id]
        if len(known) == 1:
            file_id = known[0]
        elif kind == "folder" and notebook_names:
            return None  # a stray file next to the student folders, not a submission
        found = {"student_id": student, "file_id": file_id}
        if groups.get("timestamp"):
            y, mo, d, h, mi, s = groups["timestamp"].split("-")
            found["timestamp"] = f"{y}-{mo}-{d} {h}:{mi}:{s}"
        return found
    return None


class LMSFileNameCollector(FileNameCollectorPlugin):
    """zip_collect plugin for LMS bulk downloads (Canvas, Blackboard, Moodle, or one folder per student).

    When `named_regexp` is configured it is used exactly as nbgrader's FileNameCollectorPlugin uses it; otherwise
    the patterns in LMS_PATTERNS are tried on the path relative to the extracted folder.
    """

    def collect(self, submitted_file):
        if self.named_regexp:
            return super().collect(submitted_file)
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            return None
        app = self.parent
        relative = submitted_file
        names = ()
        if app is not None and hasattr(app, "coursedir"):
            extracted = app._format_collect_path(app.extracted_directory)
            relative = os.path.relpath(submitted_file, extracted)
            release = Path(app.coursedir.format_path(app.coursedir.release_directory, ".", app.coursedir.assignment_id))
            names = [p.stem for p in release.glob("*.ipynb")]
        found = match_lms_filename(relative, names)
        if found is None:
            self.log.warning("No LMS file-name pattern matches %s; skipped", relative)
        return found


# -- pre-checking a submission ------------------------------------------------------------------------------------
@dataclass
class NotebookCheck:
    """What the pre-check found for one expected notebook of a submission."""
    name: str
    status: str  # "ok", "missing", "empty", "invalid"
    reason: str = ""  # why it cannot be graded (status != ok)
    notes: list = field(default_factory=list)  # graded, but worth telling the instructor
    source: str = ""  # the submitted file that is graded under this name
    text: str = ""  # notebook JSON to grade when it differs from the file (upgraded or repaired)


def check_notebook_file(path):
    """(status, reason, notes, text) for one submitted notebook file; never modifies the file."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return "invalid", f"unreadable file ({error.strerror})", [], ""
    if not raw.strip():
        return "empty", f"empty file ({len(raw)} bytes)", [], ""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "invalid", "invalid notebook file: not a text (UTF-8) file", [], ""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"{error.msg} at line {error.lineno}, column {error.colno}"
        return "invalid", f"invalid notebook file: not JSON ({where})", [], ""
    if not isinstance(data, dict) or not ("cells" in data or "worksheets" in data):
        return "invalid", "invalid notebook file: JSON, but not a Jupyter notebook", [], ""
    major = data.get("nbformat")
    if not isinstance(major, int) or major > nbformat.current_nbformat:
        return "invalid", f"invalid notebook file: unknown notebook format version {major!r}", [], ""
    notes, upgraded = [], ""
    try:
        nb = nbformat.reads(text, as_version=4, capture_validation_error={})
        if major < 4:
            notes.append(f"saved in the old notebook format {major} (by an old Jupyter): converted to format 4 "
                         "for grading")
            upgraded = nbformat.writes(nb)
        try:
            nbformat.validate(nb)
        except nbformat.ValidationError:
            _, nb = nbformat.validator.normalize(nb)
            nbformat.validate(nb)
            notes.append("the notebook file had structural errors that were repaired for grading")
            upgraded = nbformat.writes(nbformat.from_dict(nb))
    except Exception as error:  # any other reason nbformat cannot use it
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return "invalid", f"invalid notebook file: {message[:150]}", [], ""
    return "ok", "", notes, upgraded


def precheck(folder, expected):
    """([NotebookCheck per expected notebook name], [unexpected notebook files]) for a submission folder."""
    folder = Path(folder)
    present = sorted(p.name for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    extra = [name for name in present if name[:-len(".ipynb")] not in expected]
    checks = []
    missing = [name for name in expected if f"{name}.ipynb" not in present]
    for name in expected:
        if name in missing:
            # a single unexpected notebook in place of a single missing one: the same work under another name
            if len(missing) == 1 and len(extra) == 1:
                substitute = extra.pop()
                status, reason, notes, text = check_notebook_file(folder / substitute)
                notes.insert(0, f"notebook {name}.ipynb missing: graded {substitute} in its place")
                if status != "ok":
                    reason = f"notebook {name}.ipynb missing, and {substitute} in its place is an {reason}"
                checks.append(NotebookCheck(name, status, reason, notes, substitute, text))
            else:
                checks.append(NotebookCheck(name, "missing", f"notebook missing: no {name}.ipynb was submitted"))
            continue
        status, reason, notes, text = check_notebook_file(folder / f"{name}.ipynb")
        checks.append(NotebookCheck(name, status, reason, notes, f"{name}.ipynb", text))
    return checks, extra


# -- course configuration -----------------------------------------------------------------------------------------
def load_config(root, overrides=None):
    """The configuration `nbgrader` would use when run in `root` (its config files), plus `overrides`."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    for directory in list(reversed(jupyter_config_path())) + [str(root)]:
        if (Path(directory) / "nbgrader_config.py").is_file():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=directory).load_config())
    config.CourseDirectory.root = str(root)
    for section, values in (overrides or {}).items():
        for name, value in values.items():
            config[section][name] = value
    return config


def course_directory(root, overrides=None):
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=load_config(root, overrides))


# -- grading one student in a private course directory (runs in a worker process) -------------------------------
def _materialize(checks, extra, source, destination):
    """Copy a submission folder to a worker's course: non-notebook files as they are, then the notebooks to grade."""
    destination.mkdir(parents=True)
    for item in source.iterdir():
        if item.suffix == ".ipynb":
            continue
        if item.is_dir():
            shutil.copytree(item, destination / item.name, symlinks=True)
        else:
            shutil.copy2(item, destination / item.name)
    for name in extra:
        shutil.copy2(source / name, destination / name)  # nbgrader skips unknown notebooks with a warning
    for check in checks:
        if check.status != "ok":
            continue
        target = destination / f"{check.name}.ipynb"
        if check.text:
            target.write_text(check.text, encoding="utf-8")
        else:
            shutil.copy2(source / check.source, target)


def _record_ungradable(db_url, course_id, assignment, student, names, timestamp):
    """Zero every test cell of notebooks that cannot be graded, as nbgrader does for a missing notebook."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gb:
        gb.update_or_create_student(student)
        extra = {"timestamp": timestamp} if timestamp else {}
        gb.update_or_create_submission(assignment, student, **extra)
        for name in names:
            notebook = gb.find_submission_notebook(name, assignment, student)
            for grade in notebook.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gb.db.commit()


def grade_student(root, work, student, expected, overrides=None, private_name=None):
    """Autograde every assignment in `expected` ({assignment: [notebook names]}) for one student, in a private
    course directory work/<private_name or student> with its own copy of work/gradebook.db. Returns a picklable
    report."""
    from nbgrader.converters import Autograde
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    started = time.monotonic()
    _quiet_sqlalchemy()
    root, work = Path(root), Path(work)
    config = load_config(root, overrides)
    main = CourseDirectory(config=config)
    private = work / (private_name or student)
    if private.exists():
        shutil.rmtree(private)
    private.mkdir(parents=True)
    shutil.copy(work / "gradebook.db", private / "gradebook.db")
    (private / main.source_directory).symlink_to(Path(main.root) / main.source_directory)
    config.CourseDirectory.root = str(private)
    config.CourseDirectory.db_url = f"sqlite:///{private / 'gradebook.db'}"
    report = {"student": student, "private": str(private), "assignments": {}}
    for assignment, names in expected.items():
        submitted = Path(main.format_path(main.submitted_directory, student, assignment))
        checks, extra = precheck(submitted, names)
        entry = report["assignments"][assignment] = {
            "checks": [c.__dict__ | {"text": ""} for c in checks], "extra": extra, "success": True, "error": ""}
        destination = private / main.submitted_directory / student / assignment
        _materialize(checks, extra, submitted, destination)
        gradable = [c.name for c in checks if c.status == "ok"]
        config.CourseDirectory.assignment_id = assignment
        config.CourseDirectory.student_id = student
        coursedir = CourseDirectory(config=config)
        if not gradable:
            timestamp = coursedir.get_existing_timestamp(str(destination))
            try:
                _record_ungradable(coursedir.db_url, coursedir.course_id, assignment, student, names, timestamp)
            except Exception:
                entry.update(success=False, error=traceback.format_exc())
            continue
        converter = Autograde(coursedir=coursedir, config=config)
        converter.force = True
        converter.create_student = True
        result = capture_log(converter)
        entry["log"] = result.get("log", "")
        if not result["success"]:
            entry.update(success=False, error=result.get("error", ""))
    report["seconds"] = time.monotonic() - started
    return report


def _worker_init(log_path):
    """Pool initializer: the worker's own output and its kernels' go to a log file, not over the progress lines."""
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


# -- merging a worker's gradebook into the course's ---------------------------------------------------------------
def snapshot_gradebook(db_path, copy_path):
    """A consistent copy of an SQLite gradebook, even while another program (formgrader) has it open."""
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    target = sqlite3.connect(copy_path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _quiet_sqlalchemy():
    """nbgrader's Gradebook.add_submission builds objects before adding them to the session, which makes SQLAlchemy
    warn (harmlessly) on every new submission; keep those warnings out of the progress lines."""
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)


def merge_submissions(main_url, worker_url, course_id, student, assignments):
    """Copy what autograding wrote for `student` from a worker's gradebook into the main one: the student, and per
    submission its timestamp, the notebooks' flags and late penalties, and every grade's auto_score and
    needs_manual_grade and comment's auto_comment. Manual grades and extensions in the main gradebook stay."""
    from nbgrader.api import Gradebook, MissingEntry

    _quiet_sqlalchemy()
    with Gradebook(worker_url, course_id) as worker, Gradebook(main_url, course_id) as main:
        try:
            person = worker.find_student(student)
        except MissingEntry:
            return
        main.update_or_create_student(student, first_name=person.first_name, last_name=person.last_name,
                                      email=person.email, lms_user_id=person.lms_user_id)
        for assignment in assignments:
            try:
                graded = worker.find_submission(assignment, student)
            except MissingEntry:
                continue
            target = main.update_or_create_submission(assignment, student)
            target.timestamp = graded.timestamp
            for notebook in graded.notebooks:
                into = main.find_submission_notebook(notebook.name, assignment, student)
                into.flagged = notebook.flagged
                into.late_submission_penalty = notebook.late_submission_penalty
                grades = {g.name: g for g in into.grades}
                for grade in notebook.grades:
                    grades[grade.name].auto_score = grade.auto_score
                    grades[grade.name].needs_manual_grade = grade.needs_manual_grade
                comments = {c.name: c for c in into.comments}
                for comment in notebook.comments:
                    comments[comment.name].auto_comment = comment.auto_comment
            main.db.commit()


def install_autograded(private, root, autograded_directory, student, assignments):
    """Move work/<student>/autograded/<student>/<assignment> over the course's autograded folder of that student."""
    for assignment in assignments:
        source = Path(private) / autograded_directory / student / assignment
        target = Path(root) / autograded_directory / student / assignment
        if target.exists():
            shutil.rmtree(target)
        if source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(source), str(target))


# -- the batch ------------------------------------------------------------------------------------------------------
class GradingError(Exception):
    """A problem with the course set-up (not with a submission): the instructor must fix something first."""


def default_jobs(memory_limit_mib=4096):
    """One worker per core, but no more kernels than fit in the available memory at their limit."""
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        with open("/proc/meminfo") as f:
            available = next(int(line.split()[1]) for line in f if line.startswith("MemAvailable")) // 1024
        if memory_limit_mib:
            jobs = min(jobs, max(1, available // memory_limit_mib))
    except (OSError, StopIteration, ValueError):
        pass
    return max(1, jobs)


def plan(root, assignments=None, students=None):
    """({assignment: [notebook names]}, [students with a submission folder]) from the gradebook and submitted/."""
    from nbgrader.api import Gradebook

    coursedir = course_directory(root)
    if not Path(coursedir.root, "gradebook.db").exists() and coursedir.db_url.startswith("sqlite:///"):
        raise GradingError("no gradebook.db here: run `python -m cnn_utils.grade release` first")
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        known = {a.name: [nb.name for nb in a.notebooks] for a in gb.assignments}
    if assignments:
        unknown = [a for a in assignments if a not in known]
        if unknown:
            raise GradingError(f"not in the gradebook: {', '.join(unknown)}. Generate them first: "
                               f"`python -m cnn_utils.grade release {' '.join(unknown)}`")
        known = {a: known[a] for a in assignments}
    submitted = Path(coursedir.root, coursedir.submitted_directory)
    everyone = sorted(p.name for p in submitted.iterdir() if p.is_dir() and not p.name.startswith(".")) \
        if submitted.is_dir() else []
    if students:
        missing = [s for s in students if s not in everyone]
        if missing:
            raise GradingError(f"no folder {submitted}/<student> for: {', '.join(missing)}")
        everyone = [s for s in everyone if s in students]
    return known, [s for s in everyone if any((submitted / s / a).is_dir() for a in known)]


def autograde_batch(root, assignments=None, students=None, jobs=None, overrides=None, progress=None):
    """Autograde the submissions of `students` (default: all) for `assignments` (default: all in the gradebook) with
    `jobs` worker processes. Returns {student: report}. Raises GradingError for set-up problems only.

    A unit of work is one student's submission of one assignment, graded in its own private course directory; the
    parent merges each unit into the course as soon as it is done, one at a time, and calls
    `progress(student, report, students_done, students_total, elapsed)` when all of a student's units are in."""
    import concurrent.futures
    import multiprocessing

    root = Path(root).resolve()
    coursedir = course_directory(root, overrides)
    expected, everyone = plan(root, assignments, students)
    if not coursedir.db_url.startswith("sqlite:///"):
        raise GradingError(f"parallel grading copies an SQLite gradebook; {coursedir.db_url} is not one. "
                           "Use plain `nbgrader autograde` instead.")
    jobs = jobs or default_jobs(ResilientExecute(config=load_config(root, overrides)).memory_limit)
    submitted = root / coursedir.submitted_directory
    units = [(s, a) for s in everyone for a in expected if (submitted / s / a).is_dir()]
    reports, started = {}, time.monotonic()
    if not units:
        return reports
    for stale in Path(root, coursedir.autograded_directory).glob(".work-*"):
        if not _running(stale.name[len(".work-"):]):  # left behind by a batch that was killed
            shutil.rmtree(stale, ignore_errors=True)
    work = Path(root, coursedir.autograded_directory, f".work-{os.getpid()}")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    snapshot_gradebook(Path(coursedir.db_url[len("sqlite:///"):]), work / "gradebook.db")
    log_path = work / "workers.log"
    remaining = {s: sum(1 for u in units if u[0] == s) for s in everyone}
    done = []

    def finish(student, assignment, report):
        private = Path(report["private"])
        if not report.get("crashed"):
            try:
                merge_submissions(coursedir.db_url, f"sqlite:///{private / 'gradebook.db'}", coursedir.course_id,
                                  student, [assignment])
                install_autograded(private, root, coursedir.autograded_directory, student, [assignment])
            except Exception as error:  # the course's gradebook or folders, not the submission: tell the instructor
                for entry in report["assignments"].values():
                    entry.update(success=False, error=f"merging into the course failed: {error}", merge_failed=True)
        shutil.rmtree(private, ignore_errors=True)
        total = reports.setdefault(student, {"student": student, "assignments": {}, "seconds": 0.0})
        total["assignments"].update(report["assignments"])
        total["seconds"] += report["seconds"]
        remaining[student] -= 1
        if remaining[student] == 0:
            done.append(student)
            if progress:
                progress(student, total, len(done), len(remaining), time.monotonic() - started)

    def crashed(unit, error):
        return {"student": unit[0], "private": str(work / private_name(unit)), "seconds": 0.0, "crashed": True,
                "assignments": {unit[1]: {"checks": [], "extra": [], "success": False,
                                          "error": f"the grading worker crashed: {error}"}}}

    def private_name(unit):
        return f"{units.index(unit):05d}"

    context = multiprocessing.get_context("forkserver") if "forkserver" in multiprocessing.get_all_start_methods() \
        else multiprocessing.get_context()
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(["cnn_utils.autograde"])
    todo, attempts = list(units), {}
    try:
        while todo:
            retry = []
            with concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context,
                                                        initializer=_worker_init, initargs=(str(log_path),)) as pool:
                futures = {pool.submit(grade_student, str(root), str(work), s, {a: expected[a]}, overrides,
                                       private_name((s, a))): (s, a) for s, a in todo}
                for future in concurrent.futures.as_completed(futures):
                    unit = futures[future]
                    try:
                        report = future.result()
                    except concurrent.futures.process.BrokenProcessPool as error:
                        attempts[unit] = attempts.get(unit, 0) + 1
                        if attempts[unit] < 2:
                            retry.append(unit)  # maybe another unit's crash: try once more in a new pool
                        else:
                            finish(*unit, crashed(unit, error))
                        continue
                    except Exception as error:
                        report = crashed(unit, f"{type(error).__name__}: {error}")
                    finish(*unit, report)
            todo = retry
    finally:
        _append_logs(root, reports, log_path)
        shutil.rmtree(work, ignore_errors=True)
    return reports


def _running(pid):
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _append_logs(root, reports, worker_log):
    """nbgrader's log lines of every graded submission (and the kernels' own output) go to .nbgrader.log."""
    try:
        with open(Path(root) / ".nbgrader.log", "a", encoding="utf-8") as log:
            for student, report in sorted(reports.items()):
                for assignment, entry in report["assignments"].items():
                    text = (entry.get("log") or "") + (entry.get("error") or "")
                    if text:
                        log.write(f"==> autograde {assignment} for {student}\n{text}\n")
            if Path(worker_log).exists():
                log.write(Path(worker_log).read_text(encoding="utf-8", errors="replace"))
    except OSError:
        pass


# -- explaining scores ----------------------------------------------------------------------------------------------
def first_line(text, limit=220):
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(text)).strip()
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[:limit - 1] + "…"


def describe_error(output, where=""):
    """A one-line reason for an error output, in words an instructor can pass on; `where` names the cell."""
    ename, evalue = output.get("ename", "Error"), output.get("evalue", "")
    at = f" in {where}" if where else ""
    if ename == DIED:
        return f"kernel died{at}" if where else "the kernel died while running it"
    if ename == TIMEOUT:
        return first_line(f"timed out{at}: " + evalue.split(",")[0].replace("this cell ", ""))
    if ename == NOT_RUN:
        return f"not run{at}: the kernel had died too often before it"
    if ename in ("NotImplementedError", "NotImplementedYet") and not evalue.strip():
        return "NotImplementedError: an exercise this cell uses is not written yet"
    if ename == "MemoryError":
        return first_line(f"ran out of memory{at} (MemoryError{': ' + evalue if evalue else ''})")
    return first_line(f"{ename}: {evalue}")


def cell_label(cell, index):
    meta = cell.metadata.get("nbgrader", {})
    if meta.get("grade"):
        return f"cell {index + 1} ({meta.get('grade_id')})"
    if meta.get("solution"):
        return f"cell {index + 1} (exercise {meta.get('grade_id')})"
    return f"cell {index + 1}"


def notebook_events(nb):
    """[(index, kind, text)] for the crashes, hangs, timeouts and memory errors anywhere in an autograded notebook."""
    events = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") != "error":
                continue
            kind = {DIED: "kernel died", TIMEOUT: "timed out", "MemoryError": "ran out of memory"}.get(out.ename)
            if kind:
                events.append((i, kind, f"{kind} in {cell_label(cell, i)}"))
    return events


@dataclass
class Loss:
    """One reason a submission lost points (points == 0 for a note that cost nothing)."""
    student: str
    assignment: str
    where: str  # grade id of the test cell, or the notebook
    points: float
    reason: str


@dataclass
class SubmissionScore:
    student: str
    assignment: str
    score: float
    max_score: float
    losses: list = field(default_factory=list)


def _identity_notes(path, text, source_nb):
    """Notes for a submitted notebook whose test cells or nbgrader metadata are gone (the grader restores them)."""
    try:
        nb = nbformat.reads(text, as_version=4) if text else nbformat.read(path, as_version=4)
    except Exception:
        return []
    ids = {c.metadata["nbgrader"].get("grade_id") for c in nb.cells if "nbgrader" in c.metadata}
    if not ids - {None}:
        return ["no nbgrader metadata in the submitted notebook: its cells were recognised by their content and "
                "the instructor's tests run"]
    missing = [cell.name for cell in source_nb.grade_cells if cell.name not in ids]
    return [f"test cell {name} missing from the submitted notebook: the instructor's copy was put back and run"
            for name in missing]


def explain(root, assignments=None, students=None):
    """[SubmissionScore] for every submission in the gradebook, with a reason for every lost point, computed from the
    gradebook, the autograded notebooks and a fresh pre-check of submitted/ (so it can be re-run at any time)."""
    from nbgrader.api import Gradebook

    coursedir = course_directory(root)
    results = []
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        for assignment in gb.assignments:
            if assignments and assignment.name not in assignments:
                continue
            names = [nb.name for nb in assignment.notebooks]
            for submission in sorted(gb.assignment_submissions(assignment.name), key=lambda s: s.student.id):
                student = submission.student.id
                if students and student not in students:
                    continue
                row = SubmissionScore(student, assignment.name, submission.score, submission.max_score)
                folder = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment.name))
                checks, extra = precheck(folder, names) if folder.is_dir() else (
                    [NotebookCheck(n, "missing", "nothing submitted for this assignment") for n in names], [])
                by_name = {c.name: c for c in checks}
                for name in extra:
                    row.losses.append(Loss(student, assignment.name, name, 0,
                                           f"unexpected extra notebook {name}: not graded"))
                for notebook in submission.notebooks:
                    check = by_name[notebook.name]
                    notes = list(check.notes)
                    if check.status == "ok":
                        notes += _identity_notes(folder / check.source, check.text, notebook.notebook)
                    row.losses += [Loss(student, assignment.name, f"{notebook.name}.ipynb", 0, n) for n in notes]
                    lost = [g for g in notebook.grades if g.max_score and (g.score or 0) < g.max_score]
                    path = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment.name),
                                f"{notebook.name}.ipynb")
                    if check.status != "ok":
                        total = sum(g.max_score - (g.score or 0) for g in lost)
                        row.losses.append(Loss(student, assignment.name, f"{notebook.name}.ipynb", total, check.reason))
                        continue
                    if not path.exists():
                        total = sum(g.max_score - (g.score or 0) for g in lost)
                        row.losses.append(Loss(student, assignment.name, f"{notebook.name}.ipynb", total,
                                               "not graded: nbgrader failed on this notebook (see .nbgrader.log)"))
                        continue
                    nb = nbformat.read(path, as_version=4)
                    row.losses += _cell_losses(nb, lost, student, assignment.name)
                results.append(row)
    return results


def _cell_losses(nb, lost, student, assignment):
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): (i, c) for i, c in enumerate(nb.cells)}
    events = notebook_events(nb)
    losses = []
    for grade in lost:
        points = grade.max_score - (grade.score or 0)
        if grade.manual_score is not None:
            losses.append(Loss(student, assignment, grade.name, points, "graded by hand"))
            continue
        index, cell = cells.get(grade.name, (None, None))
        if cell is None:
            losses.append(Loss(student, assignment, grade.name, points, "test cell not found in the graded notebook"))
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        special = [o for o in errors if o.ename in (DIED, TIMEOUT, NOT_RUN, "MemoryError")]
        chosen = (special or errors or [None])[0]
        if chosen is None:
            stderr = any(o.get("output_type") == "stream" and o.get("name") == "stderr"
                         for o in cell.get("outputs", []))
            reason = "the test cell wrote to stderr (nbgrader scores that as a failure)" if stderr \
                else "lost points without an error output"
        else:
            special_error = chosen.ename in (DIED, TIMEOUT, NOT_RUN, "MemoryError")
            reason = describe_error(chosen, cell_label(cell, index) if special_error else "")
        earlier = [text for i, kind, text in events if i < index]
        if earlier and (chosen is None or chosen.ename not in (DIED, TIMEOUT, "MemoryError")):
            reason += f" — after: {'; '.join(earlier)}"
        losses.append(Loss(student, assignment, grade.name, points, reason))
    return losses


# -- the student's self-check ---------------------------------------------------------------------------------------
def self_check(path, timeout=None, release=None):
    """Run a notebook top to bottom in a fresh kernel, as the grader does, and return (lines, all_good)."""
    path = Path(path)
    if not path.exists():
        return [f"✘ {path}: no such file"], False
    status, reason, _, text = check_notebook_file(path)
    if status != "ok":
        return [f"✘ {path.name}: {reason}"], False
    nb = nbformat.reads(text, as_version=4) if text else nbformat.read(path, as_version=4)
    root = next((p for p in [Path.cwd(), *path.resolve().parents] if (p / "nbgrader_config.py").is_file()), None)
    executor = ResilientExecute()  # the student's own kernel, with the course's limits
    if root:
        configured = ResilientExecute(config=load_config(root))
        executor.timeout, executor.memory_limit = configured.timeout, configured.memory_limit
        executor.max_restarts = configured.max_restarts
    if timeout:
        executor.timeout = timeout
    executor.kernel_name = "python3"
    executor.quiet_kernel = True
    executor.preprocess(nb, {"metadata": {"path": str(path.parent.resolve())}})
    lines, good = [], True
    expected = []
    if release and Path(release).exists():
        reference = nbformat.read(release, as_version=4)
        expected = [c.metadata["nbgrader"]["grade_id"] for c in reference.cells if nbutils.is_grade(c)]
    present = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells if nbutils.is_grade(c)}
    for i, cell in enumerate(nb.cells):
        if not nbutils.is_grade(cell):
            continue
        meta = cell.metadata["nbgrader"]
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        points = f"{meta.get('points', 0):g} points"
        if errors:
            good = False
            lines.append(f"✘ {meta['grade_id']} ({points}): {describe_error(errors[0])}")
        else:
            lines.append(f"✔ {meta['grade_id']} ({points})")
    for grade_id in expected:
        if grade_id not in present:
            good = False
            lines.append(f"✘ {grade_id}: this test cell is missing from your notebook (deleted, or its metadata "
                         "removed); copy it back from the original notebook")
    for i, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("solution") and re.search(r"^\s*raise NotImplementedError", cell.source, re.M):
            good = False
            lines.append(f"✘ exercise {meta['grade_id']}: still contains `raise NotImplementedError()`: write your "
                         "code and delete that line")
        if meta.get("grade"):
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "error" and not (meta.get("solution") and out.ename == "NotImplementedError"):
                good = False
                lines.append(f"✘ {cell_label(cell, i)}: {describe_error(out)}")
    tests = sum(1 for line in lines if line.startswith(("✔", "✘ test")))
    passed = sum(1 for line in lines if line.startswith("✔"))
    lines.append(f"{passed} of {tests} checks pass" + (": ready to submit." if good else
                 ". Fix the lines marked ✘, then run this again. (Hidden tests run when your notebook is graded.)"))
    return lines, good
