"""Run every grading kernel inside a bubblewrap sandbox, so that a submission cannot read the instructor's files.

nbgrader runs a student's notebook in a Jupyter kernel with the grader's own rights: without a sandbox, a solution
cell can open `../../../solutions/...`, the gradebook, or another student's submission. `SandboxedKernelManager`
starts that kernel through bubblewrap (`bwrap`, Debian package `bubblewrap`) in a fresh, empty root file system
where only what the kernel needs is mounted:

- read-only: the system's /usr (and the /bin, /lib... links into it), a few harmless files of /etc, the Python
  installation and its site-packages, the course's datasets/ folder, and in place of the cnn_utils package a copy
  made for the notebook being graded (cnn_grading/course.py: the modules of earlier notebooks only, none that
  computes what the graded exercises compute, and a do-nothing stand-in for the checks). Not cnn_grading, and not
  the libraries that compute convolutions (MASKED_LIBRARIES), even where they are installed in site-packages;
- read-write: a private /tmp (also the kernel's HOME), and a private folder holding the kernel's connection file
  and its ZeroMQ sockets;
- the kernel's working directory is the notebook's folder path, but as an empty private folder: the autograded
  notebook that nbgrader keeps there during execution contains the hidden tests, so it must not be readable.

Nothing else exists inside: not the course folder (solutions/, source/, gradebook.db, submitted/, autograded/,
feedback/), not the instructor's home, not /proc of other processes. The kernel runs in new user, PID, IPC, UTS
and network namespaces, as uid/gid 65534 ("nobody") with no capabilities, and dies with its parent. With a private
network namespace the kernel only has its own loopback, so the kernel talks to nbgrader over ZeroMQ's `ipc`
transport (Unix sockets in the private folder) instead of TCP.

Configuration (nbgrader_config.py), see docs/integrity.md:

    c.Execute.kernel_manager_class = "cnn_grading.sandbox.SandboxedKernelManager"
    c.SandboxedKernelManager.sandbox = "auto"    # "auto" (default), "require" or "off"

"auto" sandboxes when bwrap works on this machine (tried once per process) and logs a loud warning when it does not;
"require" refuses to start a kernel without the sandbox; "off" starts kernels as plain nbgrader does. The environment
variable CNN_GRADING_SANDBOX (auto/require/off) sets the default; the config file wins over it.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import weakref
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, CaselessStrEnum, Integer, List, Unicode, default

from .cgroups import JoinThenRun, SandboxCgroup

SANDBOX_VARIABLE = "CNN_GRADING_SANDBOX"
NOBODY = 65534
TMP_SIZE = 1024 * 2**20  # bytes of each in-memory folder (/tmp, the working folder), where bubblewrap can bound it

# Files of /etc a Python kernel may read; everything else there (e.g. /etc/shadow) stays out of the sandbox.
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "alternatives", "fonts",
             "mime.types", "nsswitch.conf", "locale.alias", "os-release", "ssl/openssl.cnf")

# Environment variables passed into the sandbox; the rest of the grader's environment (tokens, paths of the course
# folder, JPY_PARENT_PID whose host pid means nothing inside) is dropped.
ENV_KEEP = {"PATH", "LANG", "LANGUAGE", "TZ", "TERM", "PYTHONPATH", "PYTHONHASHSEED", "PYTHONIOENCODING",
            "PYTHONUTF8", "PYTHONWARNINGS", "MPLBACKEND", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS", "VIRTUAL_ENV", "CONDA_PREFIX", "NBGRADER_EXECUTION",
            "JPY_SESSION_NAME", "PYDEVD_DISABLE_FILE_VALIDATION"}
ENV_KEEP_PREFIXES = ("LC_", "CNN_")
ENV_DROP = {"CNN_GRADING_SECRET"}

# Installed libraries that compute convolutions or pooling: hidden from every grading kernel (an empty folder over
# each), so that a thin call to one of them cannot answer an exercise. The course needs none of them.
MASKED_LIBRARIES = ("cnn_grading", "torch", "torchvision", "tensorflow", "keras", "jax", "jaxlib", "scipy", "skimage",
                    "cv2", "sklearn", "mxnet", "chainer", "theano")


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create the sandbox on this machine."""


# --- what the sandbox can do on this machine, found out once per process --------------------------------------------

_probe = None


def status():
    """(available, description): whether grading kernels can be sandboxed here, and how (or why not).

    Runs bubblewrap once per process (a few tens of milliseconds) and remembers the answer.
    """
    global _probe
    if _probe is None:
        _probe = _run_probe()
    return _probe["available"], _probe["description"]


def _run_probe():
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return {"available": False, "description": "bubblewrap (bwrap) is not installed; on Debian or Ubuntu: "
                                                   "apt-get install bubblewrap"}
    try:
        usage = subprocess.run([bwrap, "--help"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as error:
        return {"available": False, "description": f"bubblewrap ({bwrap}) does not run: {error}"}
    errors = []
    with tempfile.TemporaryDirectory(prefix="cnn-sandbox-probe-") as folder:
        # The strongest options first: some machines forbid user namespaces, or network namespaces.
        for private_network in (True, False):
            for user_namespace in (True, False):
                options = {"private_network": private_network, "user_namespace": user_namespace,
                           # options of bubblewrap 0.8 and later
                           "no_nested_namespaces": "--disable-userns" in usage, "tmpfs_size": "--size" in usage}
                command = _bwrap_arguments(bwrap, folder, folder, {"PATH": os.defpath}, options)
                command += ["--", os.path.abspath(sys.executable), "-I", "-c", "pass"]
                try:
                    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
                except (OSError, subprocess.TimeoutExpired) as error:
                    errors.append(str(error))
                    continue
                if result.returncode == 0:
                    return {"available": True, "bwrap": bwrap, "options": options, "description": (
                        f"bubblewrap sandbox ({bwrap}): "
                        + ("uid 65534 in a user namespace" if user_namespace else "grader's uid, capabilities dropped")
                        + ", " + ("no network (ipc transport)" if private_network else "shared network")
                    )}
                errors.append(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else
                              f"exit status {result.returncode}")
    return {"available": False, "description": f"bubblewrap ({bwrap}) cannot create a sandbox here: {errors[0]}"}


# --- the bwrap command line -------------------------------------------------------------------------------------------

def _is_within(path, folder):
    try:
        Path(path).relative_to(folder)
        return True
    except ValueError:
        return False


def _forbidden_binds(cwd):
    """Folders that must never be mounted whole: each holds (or is) something the kernel must not see."""
    roots = {Path("/"), Path(cwd).resolve(), Path.cwd().resolve(), Path.home().resolve()}
    from cnn_utils import __file__ as student_package

    # the course repository, with solutions/, when the packages are installed from it (editable installs)
    roots.add(Path(student_package).resolve().parent.parent)
    roots.update(Path(__file__).resolve().parents[1:3])
    return roots


def _python_paths(cwd):
    """The folders the kernel's Python needs: its installation prefixes, and the folders on sys.path.

    Never a folder that contains (or is) the notebook's folder, the course folder, the repository or the home
    folder; and of the folders inside those, only site-packages folders and what lies within a prefix (a virtual
    environment kept in the course folder is fine, the course's tests/ or solutions/ on PYTHONPATH are not)."""
    forbidden = _forbidden_binds(cwd)
    prefixes = {Path(os.path.realpath(p)) for p in (sys.prefix, sys.exec_prefix, sys.base_prefix,
                                                     sys.base_exec_prefix)}
    prefixes.add(Path(os.path.realpath(sys.executable)).parent.parent)
    chosen = []
    for candidate in sorted(prefixes) + [Path(os.path.realpath(p)) for p in sys.path if p]:
        if not candidate.is_dir() or any(_is_within(f, candidate) for f in forbidden):
            continue  # a folder that contains a forbidden one would expose it
        inside = any(_is_within(candidate, f) for f in forbidden if f != Path("/"))
        if inside and not (candidate.name in ("site-packages", "dist-packages")
                           or any(_is_within(candidate, p) for p in prefixes)):
            continue
        if _is_within(candidate, "/usr") or any(_is_within(candidate, c) for c in chosen):
            continue
        chosen = [c for c in chosen if not _is_within(c, candidate)] + [candidate]
    return [str(p) for p in chosen]


def _datasets_path():
    """The course's datasets folder (read-only), when there is one."""
    try:
        from cnn_utils.data import find_data_dir

        path = Path(find_data_dir()).resolve()
    except Exception:  # no datasets on this machine: notebooks that load data will say so themselves
        return []
    return [str(path)] if path.exists() else []


def _library_folders():
    """Where each of MASKED_LIBRARIES is installed (without importing it)."""
    import importlib.util

    folders = []
    for name in MASKED_LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        for location in (spec.submodule_search_locations or []) if spec else []:
            folders.append(os.path.realpath(location))
    return folders


def _package_binds(private_dir, assignment, mounted):
    """bwrap arguments that put the notebook's own copy of cnn_utils where Python finds cnn_utils, and an empty
    folder over each masked library inside the mounted folders."""
    from cnn_utils import __file__ as package_file

    from .course import student_package

    copy = student_package(assignment, Path(private_dir) / "package")
    empty = Path(private_dir) / "empty"
    empty.mkdir(exist_ok=True)
    args = ["--ro-bind", str(copy), os.path.realpath(os.path.dirname(package_file))]
    for folder in _library_folders():
        if any(_is_within(folder, m) for m in mounted):
            args += ["--ro-bind", str(empty), folder]
    return args


def _bwrap_arguments(bwrap, private_dir, cwd, env, options, extra_paths=(), assignment=""):
    """The bwrap command (without the command to run) for a kernel whose working directory is cwd."""
    args = [bwrap, "--die-with-parent", "--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try",
            "--hostname", "grading", "--cap-drop", "ALL"]
    if options["private_network"]:
        args.append("--unshare-net")
    if options["user_namespace"]:
        args += ["--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY)]
    if options.get("no_nested_namespaces"):
        args.append("--disable-userns")
    # The system: /usr read-only, and /bin, /lib, ... as on the host (links into /usr, or folders).
    args += ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in ETC_FILES:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    # A made-up passwd and group, outside the folder the kernel may write to (the grader rewrites them on a restart).
    identity = Path(private_dir) / "etc"
    identity.mkdir(exist_ok=True)
    (identity / "passwd").write_text(f"root:x:0:0:root:/root:/usr/sbin/nologin\n"
                                     f"nobody:x:{NOBODY}:{NOBODY}:nobody:/tmp:/usr/sbin/nologin\n")
    (identity / "group").write_text(f"root:x:0:\nnogroup:x:{NOBODY}:\n")
    args += ["--ro-bind", str(identity / "passwd"), "/etc/passwd", "--ro-bind", str(identity / "group"), "/etc/group"]
    # /proc shows only the sandbox's own processes, read-only: /proc/self/mem cannot be opened for writing, which
    # closes the way to rewrite the checks' memory from pure Python. /tmp lives in memory: bounded when possible.
    args += ["--dev", "/dev", "--proc", "/proc", "--remount-ro", "/proc"]
    args += (["--size", str(TMP_SIZE)] if options.get("tmpfs_size") else []) + ["--tmpfs", "/tmp"]
    # Python, the course's data and the notebook's own copy of cnn_utils, read-only.
    mounted = _python_paths(cwd) + _datasets_path() + [str(p) for p in extra_paths]
    for path in mounted:
        args += ["--ro-bind", path, path]
    args += _package_binds(private_dir, assignment, mounted)
    # The shared part of the private folder (connection file, sockets, matplotlib's cache) read-write; the
    # notebook's folder as an empty, writable folder at its own path.
    shared = shared_folder(private_dir)
    shared.mkdir(exist_ok=True)
    args += ["--bind", str(shared), str(shared)]
    args += (["--size", str(TMP_SIZE)] if options.get("tmpfs_size") else []) + ["--tmpfs", str(cwd)]
    args += ["--chdir", str(cwd)]
    args.append("--clearenv")
    for key, value in sorted(env.items()):
        args += ["--setenv", key, value]
    return args


def shared_folder(private_dir):
    """The part of a kernel's private folder that the kernel sees, read-write, at the same path."""
    return Path(private_dir) / "shared"


def kernel_environment(env, private_dir):
    """The environment inside the sandbox: a short allow-list of the grader's variables, and a private HOME."""
    kept = {k: v for k, v in env.items()
            if (k in ENV_KEEP or k.startswith(ENV_KEEP_PREFIXES)) and k not in ENV_DROP}
    kept.update({"HOME": "/tmp", "TMPDIR": "/tmp", "USER": "nobody", "LOGNAME": "nobody",
                 "MPLCONFIGDIR": str(shared_folder(private_dir) / "matplotlib"),
                 # the kernel's parent is the sandbox's pid 1: no parent polling, no "Ctrl-C will not work" banner
                 "JPY_PARENT_PID": "1",
                 # the working folder is not on sys.path (Python's -P, which IPython honours too), nor is a user
                 # site folder: a module the notebook writes cannot shadow an installed one
                 "PYTHONSAFEPATH": "1", "PYTHONNOUSERSITE": "1"})
    kept.setdefault("PATH", os.defpath)
    return kept


def _seed_matplotlib_cache(private_dir):
    """Copy the grader's matplotlib font cache in, so that each kernel does not rebuild it (about a second)."""
    target = shared_folder(private_dir) / "matplotlib"
    target.mkdir(parents=True, exist_ok=True)
    source = os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "matplotlib")
    for font_list in Path(source).glob("fontlist-*.json"):
        shutil.copy(font_list, target / font_list.name)


# --- the kernel manager -----------------------------------------------------------------------------------------------

class SandboxedKernelManager(AsyncKernelManager):
    """An AsyncKernelManager whose kernels run inside bubblewrap (see the module's docstring)."""

    sandbox = CaselessStrEnum(
        ["auto", "require", "off"], config=True,
        help="auto: sandbox when bwrap works here, warn loudly when not; require: refuse to start a kernel "
             "without the sandbox; off: no sandbox. Default: $CNN_GRADING_SANDBOX, else auto.")

    share_network = Bool(
        False, config=True,
        help="Give the kernel the host's network (TCP transport) instead of a private network namespace.")

    memory_limit = Integer(4096, config=True, help=(
        "MiB of memory for all of a sandbox's processes and its in-memory folders together (a cgroup; 0 for none). "
        "Where no cgroup can be made, each process keeps its own address-space limit (GradingExecute.memory_limit) "
        "and each in-memory folder its size."))

    process_limit = Integer(128, config=True, help=(
        "Processes and threads a sandbox may run at once (the cgroup's pids.max; a kernel uses about 10)."))

    assignment = Unicode("", help="The assignment being graded (set by the grader): which cnn_utils modules the "
                                  "kernel gets (cnn_grading/course.py).")

    extra_readonly_paths = List(
        Unicode(), config=True,
        help="More folders or files mounted read-only at the same path, e.g. a data folder a notebook reads.")

    _warned = False  # class-level: warn once per process

    @default("sandbox")
    def _sandbox_default(self):
        value = os.environ.get(SANDBOX_VARIABLE, "auto").strip().lower()
        return value if value in ("auto", "require", "off") else "auto"

    def _sandbox_options(self):
        """The probe's options when this kernel is to be sandboxed, None when it runs unsandboxed."""
        if self.sandbox == "off":
            return None
        available, description = status()
        if available:
            options = dict(_probe["options"])
            if self.share_network:
                options["private_network"] = False
            return options
        if self.sandbox == "require":
            raise SandboxUnavailable(f"The grading sandbox is required but unavailable: {description}")
        if os.environ.get("NBGRADER_EXECUTION") == "validate":
            self.log.info("Validating without the grading sandbox: %s", description)  # a student's own check
        elif not SandboxedKernelManager._warned:
            SandboxedKernelManager._warned = True
            self.log.warning(
                "\n" + "!" * 100 + "\nGRADING WITHOUT A SANDBOX: %s.\nStudent code runs with your rights and can "
                "read solutions/, the gradebook and other submissions. See docs/integrity.md.\n" + "!" * 100,
                description)
        return None

    async def _async_pre_start_kernel(self, **kw):
        options = self._sandbox_options()
        self._sandboxed = options is not None
        if options is None:
            return await super()._async_pre_start_kernel(**kw)
        cwd = os.path.realpath(kw.get("cwd") or os.getcwd())
        private_dir = getattr(self, "_private_dir", None)
        if private_dir is None or not os.path.isdir(private_dir):
            private_dir = self._private_dir = tempfile.mkdtemp(prefix="cnn-sandbox-")
            weakref.finalize(self, shutil.rmtree, private_dir, True)
            _seed_matplotlib_cache(private_dir)
        shared = shared_folder(private_dir)
        if not _is_within(self.connection_file or "/", shared):
            self.connection_file = str(shared / "kernel.json")
        if options["private_network"]:
            self.transport = "ipc"
            self.ip = str(shared / "ipc")
            self.cache_ports = False
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        env = kernel_environment(kw.get("env") or os.environ, private_dir)
        command = _bwrap_arguments(_probe["bwrap"], private_dir, cwd, env, options, self.extra_readonly_paths,
                                   self.assignment)
        kw["env"] = {"PATH": os.environ.get("PATH", os.defpath)}
        cgroup = self._sandbox_cgroup()
        if cgroup is not None:
            kw["preexec_fn"] = JoinThenRun(cgroup, kw.get("preexec_fn"))
        # a relative interpreter path (`../.venv/bin/python`) names nothing inside the sandbox: make it absolute
        kernel_cmd = [os.path.abspath(kernel_cmd[0])] + list(kernel_cmd[1:]) if os.sep in kernel_cmd[0] else kernel_cmd
        return command + ["--"] + kernel_cmd, kw

    def exchange_folder(self):
        """The folder the grader and the sandboxed kernel share (read-write for both), or None when not sandboxed."""
        private_dir = getattr(self, "_private_dir", None)
        return str(shared_folder(private_dir)) if getattr(self, "_sandboxed", False) and private_dir else None

    _cgroup_warned = False  # class-level: say once per process why there is no cgroup

    def _sandbox_cgroup(self):
        """This sandbox's cgroup (made at its first start, kept across restarts), or None."""
        if not self.memory_limit:
            return None
        if getattr(self, "_cgroup", None) is None:
            self._cgroup, why = SandboxCgroup.create(self.memory_limit * 2**20, self.process_limit)
            if self._cgroup is not None:
                weakref.finalize(self, self._cgroup.remove)
            if self._cgroup is None and not SandboxedKernelManager._cgroup_warned:
                SandboxedKernelManager._cgroup_warned = True
                self.log.warning("No cgroup for the grading sandboxes (%s): each kernel process keeps its own memory "
                                 "limit, without a limit for the sandbox as a whole. See docs/integrity.md.", why)
        return self._cgroup

    pre_start_kernel = _async_pre_start_kernel

    async def _async_interrupt_kernel(self):
        # A signal to the process group would reach bwrap, which dies of SIGINT and takes the kernel with it; ask
        # the kernel to interrupt itself instead (its control channel has its own thread: a busy cell is no obstacle).
        if getattr(self, "_sandboxed", False) and self.has_kernel:
            self._connect_control_socket()
            self.session.send(self._control_socket, self.session.msg("interrupt_request", content={}))
            return
        await super()._async_interrupt_kernel()

    interrupt_kernel = _async_interrupt_kernel

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        private_dir = getattr(self, "_private_dir", None)
        if not restart and private_dir:
            shutil.rmtree(private_dir, ignore_errors=True)
            self._private_dir = None
        if not restart and getattr(self, "_cgroup", None) is not None:
            self._cgroup.remove()
            self._cgroup = None

    cleanup_resources = _async_cleanup_resources
