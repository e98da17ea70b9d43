"""Limits for a whole sandbox: the memory of all its processes and of its in-memory folders, and how many processes
it may have, through a Linux control group (cgroup v2, or the memory and pids controllers of cgroup v1).

A limit per process (RLIMIT_AS, which ResilientExecute sets) does not bound a kernel that starts children or fills
its in-memory /tmp: a cgroup does, because the pages of a tmpfs are charged to the cgroup of the process that writes
them. When the machine gives the grader no cgroup it may create (a container without delegation, no root), the
sandbox falls back to the per-process limit and the size of each in-memory folder, and says so once in the log
(docs/integrity.md, "Limits").
"""

import itertools
import os
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
_counter = itertools.count()


def _own_paths():
    """{controller or "": path of this process's cgroup} from /proc/self/cgroup ("" is the v2 hierarchy)."""
    paths = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path.lstrip("/")
    return paths


def _write(path, value):
    Path(path).write_text(str(value))


class SandboxCgroup:
    """The cgroup(s) of one sandbox; `join()` runs in the sandbox's first process, before it starts anything."""

    def __init__(self, folders):
        self.folders = folders

    @classmethod
    def create(cls, memory_bytes, max_processes):
        """(SandboxCgroup, "") or (None, why not)."""
        try:
            paths = _own_paths()
        except OSError as error:
            return None, f"no /proc/self/cgroup ({error.strerror})"
        name = f"cnn-sandbox-{os.getpid()}-{next(_counter)}"
        made = []
        try:
            if "memory" in paths and (ROOT / "memory").is_dir():  # cgroup v1
                _sweep(ROOT / "memory" / paths["memory"])
                _sweep(ROOT / "pids" / paths.get("pids", ""))
                memory = ROOT / "memory" / paths["memory"] / name
                memory.mkdir()
                made.append(memory)
                _write(memory / "memory.limit_in_bytes", memory_bytes)
                if (memory / "memory.memsw.limit_in_bytes").exists():  # swap counts too, where it is accounted
                    _write(memory / "memory.memsw.limit_in_bytes", memory_bytes)
                if "pids" in paths and (ROOT / "pids").is_dir():
                    pids = ROOT / "pids" / paths["pids"] / name
                    pids.mkdir()
                    made.append(pids)
                    _write(pids / "pids.max", max_processes)
                else:
                    raise OSError(0, "no pids controller")
            elif "" in paths and (ROOT / "cgroup.controllers").exists():  # cgroup v2
                parent = ROOT / paths[""]
                _sweep(parent)
                enabled = (parent / "cgroup.subtree_control").read_text().split()
                missing = [c for c in ("memory", "pids") if c not in enabled]
                if missing:
                    _write(parent / "cgroup.subtree_control", " ".join(f"+{c}" for c in missing))
                folder = parent / name
                folder.mkdir()
                made.append(folder)
                _write(folder / "memory.max", memory_bytes)
                if (folder / "memory.swap.max").exists():
                    _write(folder / "memory.swap.max", 0)
                _write(folder / "pids.max", max_processes)
            else:
                return None, "no cgroup hierarchy with memory and pids controllers"
        except OSError as error:
            for folder in reversed(made):
                try:
                    folder.rmdir()
                except OSError:
                    pass
            return None, f"cannot create a cgroup here ({error.strerror or error})"
        return cls(made), ""

    def join(self):
        for folder in self.folders:
            _write(folder / "cgroup.procs", os.getpid())

    def remove(self):
        for folder in self.folders:
            _remove(folder)


def _remove(folder, attempts=50):
    """Kill what is left in a cgroup and remove it (a cgroup can only be removed once its processes are gone)."""
    for _ in range(attempts):
        try:
            for pid in (folder / "cgroup.procs").read_text().split():
                try:
                    os.kill(int(pid), 9)
                except (ProcessLookupError, PermissionError, ValueError):
                    pass
            folder.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.02)


def _sweep(parent):
    """Remove the cgroups that graders which are no longer running left behind (killed before cleaning up)."""
    for folder in parent.glob("cnn-sandbox-*-*"):
        try:
            os.kill(int(folder.name.split("-")[2]), 0)
        except ProcessLookupError:
            _remove(folder, attempts=5)
        except (PermissionError, ValueError):
            pass


class JoinThenRun:
    """A picklable preexec_fn: join the sandbox's cgroup, then run the kernel's own preexec_fn (its rlimits)."""

    def __init__(self, cgroup, then=None):
        self.cgroup, self.then = cgroup, then

    def __call__(self):
        self.cgroup.join()
        if self.then is not None:
            self.then()
