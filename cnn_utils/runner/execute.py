"""Running a notebook as the grader does: every cell but the tests in the kernel, then each test judged outside it.

`ResilientExecute` replaces nbgrader's `Execute`. It is used by the grader (cnn_grading) and by the students'
`validate` alike, so that both see the same thing:

* The notebook's cells run top to bottom in a fresh kernel, **except the test cells**. When all have run, each test
  cell is judged in the grader's process (`verdict.judge`), against the kernel's final state: where a function is
  defined twice, the last definition run wins, as in the kernel.
* A kernel that dies (`os._exit`, a crash in compiled code, the out-of-memory killer) or hangs in a loop that
  swallows KeyboardInterrupt costs only the cell it happened in: the cell gets an error output that explains what
  happened, a fresh kernel is started, the earlier cells are replayed silently, and the run goes on.
* Limits: a time limit per cell (`timeout`), a time budget for the whole notebook (`time_budget`), an
  address-space limit per kernel (`memory_limit`; the grader's sandbox adds a limit for all of the sandbox's
  processes) and a cap on what the notebook's cells print (`output_limit`), cut with a note.
"""

import copy
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from jupyter_core.utils import ensure_async, run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader import utils as nbutils
from nbgrader.preprocessors import Execute
from traitlets import Any, Integer, default

from ..i18n import notebook_language, tr, using_language
from . import remote, verdict
from .verdict import DIED, NOT_RUN, TIMEOUT, error_output

try:  # POSIX only; elsewhere kernels simply run without a memory limit
    import resource
except ImportError:  # pragma: no cover
    resource = None

# Thread pools of the numerical libraries: one thread per kernel, since the batch runs one kernel per core.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")
# The largest answer the grader reads from the kernel for one request.
MAX_ANSWER_BYTES = 256 * 2**20


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


def _size(output):
    return len(json.dumps(output, default=str))


def other_exercises(grade_id, test_cells):
    """The exercises of a notebook other than the one test cell `grade_id` tests: the names after `test_` of its test
    cells' grade ids (test_<exercise> or test_<exercise>_<aspect>), without this cell's exercise."""
    names = {cell.metadata.nbgrader["grade_id"][len("test_"):] for cell in test_cells
             if cell.metadata.nbgrader["grade_id"].startswith("test_")}
    return {name for name in names if grade_id != f"test_{name}" and not grade_id.startswith(f"test_{name}_")}


class ResilientExecute(Execute):
    """nbgrader's Execute: tests judged outside the kernel, crashes survived, limits enforced (module docstring)."""

    max_restarts = Integer(3, help=(
        "How many times the kernel may be restarted in one notebook after it died or hung. After that, the remaining "
        "code cells are not run; each gets an error output saying so (and test cells score zero).")).tag(config=True)

    memory_limit = Integer(4096, help=(
        "Address-space limit of each kernel in MiB (RLIMIT_AS, POSIX only); 0 for no limit. A cell that allocates "
        "more gets a MemoryError instead of exhausting the machine.")).tag(config=True)

    kernel_threads = Integer(1, help=(
        "Threads for the kernel's numerical libraries (OMP/OPENBLAS/MKL_NUM_THREADS, unless already set); "
        "0 leaves the environment alone. One thread per kernel suits grading one student per core.")).tag(config=True)

    time_budget = Integer(600, help=(
        "Seconds one notebook may take in all (its cells, replays after crashes, and its tests); 0 for no budget. "
        "When it runs out, the remaining cells are not run and the remaining tests fail with a note.")).tag(config=True)

    output_limit = Integer(1024, help=(
        "KiB of output a cell may keep (text, images); what comes after is cut with a note. 0 for no limit. Keeps the "
        "grader's memory and the stored notebooks small whatever a notebook prints.")).tag(config=True)

    tests = Any(None, help=(
        "Set by the grader and by validate: function(grade_id, cell) -> (source, hidden, rng) giving the instructor's "
        "test source for a test cell, its hidden tests (function(student, rng) or None) and their random generator. "
        "None runs test cells in the kernel like any cell.")).tag(config=False)

    _timeout_output = None  # the course's error_on_timeout, as last computed (None: a configured one is used)

    @default("error_on_timeout")
    def _default_error_on_timeout(self):
        self._timeout_output = self._course_timeout_output()
        return self._timeout_output

    def _course_timeout_output(self):
        out = error_output(TIMEOUT, (
            tr("this cell was still running after {timeout} seconds, the time limit for one cell, and was "
               "interrupted. Look for a loop that never ends (a while loop whose condition never changes?) or for "
               "code far slower than it needs to be.", timeout=self.timeout)))
        return {"ename": out.ename, "evalue": out.evalue, "traceback": out.traceback}

    # -- kernel start -------------------------------------------------------------------------------------------
    #: True: the kernel's own stderr (start-up warnings) is discarded; for the students' self-check
    quiet_kernel = False
    _judging = _asking = False  # the tests are being judged; the grader waits for an answer of the probe

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
        # What the grader writes into the notebook (verdicts, check messages, notes on crashes and limits) is in the
        # notebook's language: its metadata cnn_course.language ("zh" for the Chinese edition, else "en"), for this
        # notebook only. A student who edits that metadata changes the language of the messages, never a score: the
        # same checks run on the same inputs with the same tolerances in both languages, and nothing decides a
        # verdict from a message's text.
        with using_language(notebook_language(nb)):
            if self.error_on_timeout == self._timeout_output:  # the course's text (not a configured one): retell it
                self.error_on_timeout = self._timeout_output = self._course_timeout_output()
            return self._preprocess(nb, resources, km)

    def _preprocess(self, nb, resources=None, km=None):
        from nbclient import NotebookClient

        NotebookClient.__init__(self, nb, km)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self._restarts = 0
        self._stopped = None  # once set, the reason why the remaining cells are not run
        self._no_replay = set()  # indices of cells never to run again (they died, hung or timed out)
        self._started = time.monotonic()
        self._judged = []  # grade ids whose verdicts are written, in order
        self._judging = self._asking = False
        self._exchange, self._requests = None, 0
        with self.setup_kernel():
            info = self.wait_for_reply(self.kc.kernel_info())
            self.nb.metadata["language_info"] = info["content"]["language_info"]
            for index, cell in enumerate(self.nb.cells):
                self.preprocess_cell(cell, resources, index)
            if self.tests is not None:
                self._judging = True
                try:
                    self._judge_tests()
                finally:
                    if self._exchange is not None:
                        shutil.rmtree(self._exchange, ignore_errors=True)
        self.set_widgets_metadata()
        return self.nb, self.resources

    def _out_of_time(self):
        if self.time_budget and time.monotonic() - self._started > self.time_budget and not self._stopped:
            self._stopped = (tr("not run: the notebook used up its time budget of {time_budget} seconds (its cells, "
                                "replays after crashes and tests together). Exercises judged before keep their "
                                "points.", time_budget=self.time_budget))
        return self._stopped

    def _is_test(self, cell):
        return self.tests is not None and cell.cell_type == "code" and nbutils.is_grade(cell)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, self.resources
        if self._is_test(cell):
            cell.outputs = []  # judged after every other cell has run
            return cell, self.resources
        if self._out_of_time():
            cell.outputs = [error_output(NOT_RUN, self._stopped)]
            return cell, self.resources
        try:
            cell, _ = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._lost_kernel(cell, index, error_output(DIED, (
                tr("the kernel died while running this cell: Python stopped at once, without an error message. This "
                   "happens with os._exit(), a crash inside compiled code (a segmentation fault), or when the "
                   "kernel is killed for using too much memory. The grader started a new kernel, re-ran the earlier "
                   "cells and went on with the next cell, but whatever this cell would have defined is missing."))))
        except CellTimeoutError:
            self._lost_kernel(cell, index, error_output(TIMEOUT, (
                tr("this cell was still running after {timeout} seconds, the time limit for one cell, and did not "
                   "stop when interrupted (does a loop catch KeyboardInterrupt, or use a bare `except:`?). The "
                   "grader stopped the kernel, started a new one, re-ran the earlier cells and went on with the "
                   "next cell.", timeout=self.timeout))))
        except Exception as error:  # the grader's own failure on this cell: the cell fails, the notebook goes on
            self.log.error("Cell %d could not be run: %s", index, error)
            cell.setdefault("outputs", []).append(error_output("GraderError", (
                tr("the grader could not run this cell ({error_type}: {reason}); the next cells were run as "
                   "usual.", error_type=type(error).__name__, reason=str(error)[:200]))))
        else:
            if any(out.output_type == "error" and out.ename == TIMEOUT for out in cell.outputs):
                self._no_replay.add(index)  # it was interrupted in time; a replay would cost the timeout again
        return cell, self.resources

    def output(self, outs, msg, display_id, cell_index):
        """nbclient's output handling, with what a cell keeps capped at output_limit KiB."""
        out = super().output(outs, msg, display_id, cell_index)
        if out is None or not self.output_limit:
            return out
        kept = sum(_size(o) for o in outs if o.get("name") != "cut")
        if kept > self.output_limit * 1024:
            outs.remove(out)
            if display_id:  # nbclient recorded where this output was: forget it with the output
                indices = self._display_id_map.get(display_id, {}).get(cell_index, [])
                if indices:
                    indices.pop()
            if not any(o.get("name") == "cut" for o in outs):
                outs.append(NotebookNode(output_type="stream", name="cut", text=(
                    tr("[output cut: this cell printed more than {output_limit} KiB; the grader kept the first "
                       "part]\n", output_limit=self.output_limit))))
        return out

    def _update_display_id(self, display_id, msg):
        """Updates of a displayed output: ignored while the tests are judged (nothing a test's call does may change
        what another cell shows), and when larger than a cell may keep."""
        if self._judging or (self.output_limit and _size(msg.get("content", {})) > self.output_limit * 1024):
            return
        super()._update_display_id(display_id, msg)

    # -- crashes ------------------------------------------------------------------------------------------------
    def _lost_kernel(self, cell, index, explanation):
        self.log.warning("Cell %d: %s: %s", index, explanation.ename, explanation.evalue.split(":")[0])
        cell.setdefault("outputs", []).append(explanation)
        self.nb.cells[index] = cell
        self._no_replay.add(index)
        self._new_kernel(upto=index)

    def _new_kernel(self, upto):
        """Start a fresh kernel and replay the code cells before `upto`; stop the run when that is impossible."""
        while True:
            if self._restarts >= self.max_restarts:
                self._stopped = (
                    tr("not run: the kernel died or hung {times} times in this notebook, so the grader "
                       "stopped running it. Exercises judged before the first crash keep their points.",
                       times=self._restarts + 1))
                return
            self._restarts += 1
            try:
                self._restart_kernel()
            except Exception as error:  # a kernel that cannot start again: nothing more can run
                self.log.error("Could not restart the kernel: %s", error)
                self._stopped = tr("not run: the grader could not start a new kernel after a crash ({error}).",
                                   error=error)
                return
            try:
                self._replay(upto)
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
        for j in range(min(upto, len(self.nb.cells))):
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

    # -- the tests, judged outside the kernel --------------------------------------------------------------------
    def _exchange_folder(self):
        """A folder both the grader and the kernel can read and write: the sandbox's shared folder when the kernel
        manager has one, else a private temporary folder."""
        shared = getattr(self.km, "exchange_folder", lambda: None)()
        if shared:
            return Path(shared)
        if self._exchange is None:
            self._exchange = Path(tempfile.mkdtemp(prefix="cnn-exchange-"))
        return self._exchange

    def _ask(self, request, index):
        """Send one request to the kernel's probe and return its answer (see cnn_utils.runner.remote)."""
        if self._out_of_time():
            raise remote.KernelLost("timed out", self._stopped)
        self._requests += 1
        path = self._exchange_folder() / f"request-{self._requests}.json"
        answer_path = Path(str(path) + ".answer")
        path.write_text(json.dumps(request), encoding="utf-8")
        os.chmod(path, 0o644)
        code = f"__import__('cnn_utils.runner.probe', fromlist=['handle']).handle({str(path)!r})"
        # Sent as a silent execution, waiting only for its reply: the answer is a file, so nothing on the iopub
        # channel matters (what the call printed is dropped), and a request costs one round trip.
        self._asking = True
        try:
            msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
            reply = self.wait_for_reply(msg_id)
        except DeadKernelError:
            raise remote.KernelLost("died", "the kernel died") from None
        except CellTimeoutError:
            raise remote.KernelLost("timed out", "the kernel did not answer in time") from None
        finally:
            self._asking = False
            path.unlink(missing_ok=True)
            run_sync(self._async_drain_iopub)()
        if reply is None:  # the time limit ran out: nbclient interrupted the kernel
            raise remote.KernelLost("timed out", "the call was interrupted at the time limit")
        try:
            if not answer_path.is_file() or answer_path.is_symlink():
                content = reply.get("content", {})
                error = f" ({content.get('ename')}: {str(content.get('evalue'))[:200]})" \
                    if content.get("status") == "error" else ""
                raise remote.NoAnswer(tr("no answer from the kernel{error}", error=error))
            if answer_path.stat().st_size > MAX_ANSWER_BYTES:
                raise remote.NoAnswer(tr("the answer is larger than the grader reads"))
            try:
                return json.loads(answer_path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError, RecursionError):
                raise remote.NoAnswer(tr("the answer is not JSON")) from None
        finally:
            answer_path.unlink(missing_ok=True)

    async def _async_drain_iopub(self):
        """Drop what the kernel published while answering (prints, status messages): nobody reads it."""
        from queue import Empty

        while True:
            try:
                await ensure_async(self.kc.iopub_channel.get_msg(timeout=0))
            except Empty:
                return

    def _judge_tests(self):
        """Judge every test cell, in the order the tests function says (the instructor's), after all cells ran."""
        tests = [(i, c) for i, c in enumerate(self.nb.cells) if self._is_test(c)]
        order = getattr(self.tests, "order", None)
        if order:
            tests.sort(key=lambda item: order.index(item[1].metadata.nbgrader["grade_id"])
                       if item[1].metadata.nbgrader["grade_id"] in order else len(order))
        for index, cell in tests:
            grade_id = cell.metadata.nbgrader["grade_id"]
            if self._out_of_time():
                cell.outputs = [error_output(NOT_RUN, self._stopped)]
                continue
            source, hidden, rng = self.tests(grade_id, cell)

            def before_stand_in(names, grade_id=grade_id):
                pending = [n for n in names if f"test_{n}" in (order or []) and f"test_{n}" not in self._judged]
                if pending:
                    raise RuntimeError(f"the tests of {grade_id} may not stand in for {', '.join(pending)}: their own "
                                       "verdicts are not written yet")

            student = remote.Student(lambda request, index=index: self._ask(request, index), before_stand_in)
            cell.outputs, failure = verdict.judge(source, student, hidden, rng,
                                                  helpers=other_exercises(grade_id, [c for _, c in tests]))
            self._judged.append(grade_id)
            if isinstance(failure, remote.KernelLost):
                self._no_replay.update(i for i, _ in tests)
                self._new_kernel(upto=len(self.nb.cells))
