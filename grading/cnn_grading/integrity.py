"""A static reading of a submission's cells, for the instructor's report: never a gate.

`check_notebook` reads every code cell the student could write (solution cells, unlocked example cells, cells the
student added), turns IPython syntax into Python with IPython's own TransformerManager, and walks the syntax tree
looking for code that reaches into the machinery around the exercise instead of solving it: changing NumPy's or the
course's modules, rebinding builtins, IPython's hooks and input history, introspection (`__code__`, `__globals__`,
frames, `gc`, `inspect`, `ctypes`), code built from strings (`eval`, `exec`, `pickle`, `%run`), shell commands.

Since verdicts are made outside the kernel (docs/integrity.md), none of this can change a grade: the findings are
warnings in the instructor's summary (`cnn_grading.preprocessors.report`), worth a look, never a lost point.
"""

import ast
import importlib
import importlib.util
import os
import re
import sys

from nbgrader import utils

# --- what is not allowed in a student's cell ---------------------------------------------------------------------

# Modules whose only use in a submission would be to reach into the kernel or the checks, run code the check cannot
# see, or escape the notebook. A dotted entry bans that module and its submodules.
BANNED_MODULES = {
    "builtins": "it holds the functions every check relies on",
    "__builtin__": "it holds the functions every check relies on",
    "gc": "it hands out every live object, the checks' own included",
    "ctypes": "it writes to the interpreter's memory",
    "cffi": "it writes to the interpreter's memory",
    "inspect": "it reads frames, code and the globals of the checks",
    "importlib": "it imports, reloads and replaces modules behind the notebook's back",
    "imp": "it imports and replaces modules behind the notebook's back",
    "pkgutil": "it imports modules by computed names",
    "zipimport": "it imports code from files",
    "runpy": "it runs code from files",
    "code": "it runs code given as strings",
    "codeop": "it compiles code given as strings",
    "pickle": "loading a pickle calls arbitrary functions",
    "cPickle": "loading a pickle calls arbitrary functions",
    "dill": "loading a pickle calls arbitrary functions",
    "cloudpickle": "loading a pickle calls arbitrary functions",
    "joblib": "loading a pickle calls arbitrary functions",
    "marshal": "it builds code objects from bytes",
    "shelve": "loading a shelf calls arbitrary functions",
    "copyreg": "it changes how objects are copied, which the checks rely on",
    "IPython": "it gives access to the kernel's hooks and input history (only IPython.display is allowed)",
    "ipykernel": "it gives access to the kernel itself",
    "jupyter_client": "it talks to kernels",
    "zmq": "it talks to the kernel's sockets",
    "traitlets": "it reconfigures the kernel",
    "nbgrader": "it is the grader",
    "nbformat": "it reads notebooks, the graded one included",
    "nbclient": "it runs notebooks",
    "signal": "signal handlers can interrupt or silence the test cells",
    "subprocess": "it runs programs the check cannot see",
    "pty": "it runs programs the check cannot see",
    "pdb": "a debugger stops and inspects the running checks",
    "bdb": "a debugger stops and inspects the running checks",
    "trace": "it traces the running checks",
    "doctest": "it runs code given as strings",
    "pydoc": "it imports modules by computed names",
}
ALLOWED_SUBMODULES = {"IPython.display", "IPython.core.display"}

# Attributes (or names imported from) a module that are banned while the module itself is fine.
BANNED_MODULE_ATTRIBUTES = {
    "sys": {"modules": "it holds every imported module, the checks included",
            "excepthook": "it decides how errors are shown", "displayhook": "it decides how results are shown",
            "settrace": "a trace function sees the checks' frames", "setprofile": "a profile function sees the "
            "checks' frames", "_getframe": "it reads the frames of the running code", "meta_path": "it changes "
            "how modules are imported", "path_hooks": "it changes how modules are imported",
            "path_importer_cache": "it changes how modules are imported", "addaudithook": "it hooks into the "
            "interpreter", "monitoring": "it hooks into the interpreter", "exit": "it stops the checks"},
    "os": {name: "it runs programs the check cannot see" for name in (
        "system", "popen", "execl", "execle", "execlp", "execlpe", "execv", "execve", "execvp", "execvpe",
        "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe", "posix_spawn",
        "posix_spawnp", "fork", "forkpty")},
    "threading": {"settrace": "a trace function sees the checks' frames", "setprofile": "a profile function sees "
                  "the checks' frames", "settrace_all_threads": "a trace function sees the checks' frames",
                  "setprofile_all_threads": "a profile function sees the checks' frames"},
    "types": {name: "it builds functions or modules from their internals" for name in (
        "FunctionType", "LambdaType", "CodeType", "ModuleType", "FrameType", "TracebackType", "CellType")},
    "operator": {"attrgetter": "it reads attributes by computed names",
                 "methodcaller": "it calls methods by computed names"},
    "functools": {"_lru_cache_wrapper": "private"},
}

# Private names a submission may use: os._exit ends the kernel, which the grader survives (a crash, not tampering).
ALLOWED_PRIVATE = {"os._exit"}

# Names that are banned wherever they appear.
BANNED_NAMES = {
    "eval": "it runs code given as a string, which this check cannot read",
    "exec": "it runs code given as a string, which this check cannot read",
    "compile": "it builds code from a string, which this check cannot read",
    "__import__": "it imports modules by computed names",
    "globals": "it hands out the notebook's namespace, where the test cells look up their names",
    "locals": "it hands out a namespace by reference",
    "vars": "it hands out an object's or module's namespace by reference",
    "breakpoint": "a debugger stops and inspects the running checks",
    "get_ipython": "it gives access to the kernel's hooks (error display, input transformers, events) and history",
    "__builtins__": "it holds the functions every check relies on",
    "__builtin__": "it holds the functions every check relies on",
    "__loader__": "it loads and replaces modules",
    "__spec__": "it describes how modules are loaded",
}
# IPython's history variables: reading them is not allowed unless the cell binds the name itself (`for _i in ...`).
HISTORY_NAMES = {"In": "input", "_ih": "input", "_i": "input", "_ii": "input", "_iii": "input", "Out": "output",
                 "_oh": "output", "_dh": "folder"}
INPUT_HISTORY = re.compile(r"^_i\d+$")

# Dunder attributes an honest solution uses; every other one (__code__, __globals__, __dict__, __class__,
# __subclasses__, __setattr__, __closure__, __defaults__, __mro__, ...) opens the interpreter's internals.
ALLOWED_DUNDERS = {"__name__", "__qualname__", "__doc__", "__version__", "__module__", "__init__", "__len__",
                   "__main__"}
# Attributes of frames, tracebacks, generators and code objects: the way from an object to the checks' globals.
INTERNAL_ATTRIBUTES = {"f_globals", "f_locals", "f_builtins", "f_back", "f_code", "f_trace", "tb_frame", "tb_next",
                       "gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code", "co_code", "co_consts",
                       "co_names", "func_globals", "func_code"}

# Names the test cells of other notebooks might use, protected even when a notebook's test cells do not name them.
ALWAYS_PROTECTED = {"AssertionError", "BaseException", "Exception", "isinstance", "issubclass", "getattr",
                    "hasattr", "callable", "super"}

# Methods that change a container in place: called on an object that belongs to a module, they change the module.
MUTATORS = {"clear", "update", "pop", "popitem", "setdefault", "append", "extend", "insert", "remove", "add",
            "discard", "sort", "reverse", "fill", "put", "itemset", "setflags", "resize", "__setitem__",
            "__delitem__", "register", "unregister"}

# Built-in functions that may receive a module as an argument: they only look at it.
MODULE_VIEWERS = {"print", "dir", "help", "repr", "str", "type", "hasattr", "isinstance", "id"}

# IPython magics and shell commands a student may use; everything else (%run, %load, %history, %tb, %config,
# %%capture, %%writefile, %%javascript, ...) reaches beyond the notebook.
ALLOWED_LINE_MAGICS = {"matplotlib", "time", "timeit", "precision", "pprint", "pinfo", "pinfo2", "pdoc", "pdef",
                       "who", "whos", "who_ls", "pwd", "lsmagic", "magic", "quickref", "autoreload", "pip",
                       "conda", "mamba"}
ALLOWED_CELL_MAGICS = {"time", "timeit"}
CODE_MAGICS = {"time", "timeit"}  # their argument (and cell body) is Python code, checked like any other
ALLOWED_SHELL_COMMANDS = {"pip", "pip3", "conda", "mamba", "ls", "pwd", "echo", "nproc", "free", "nvidia-smi"}
SHELL_METACHARACTERS = set(";&|`$(){}<>\n")

# Modules the check may import in the grader to learn what a dotted name is (a module, a function, a dict).
SAFE_TO_IMPORT = {"numpy", "cnn_utils", "math", "cmath", "copy", "contextlib", "collections", "functools",
                  "itertools", "operator", "os", "sys", "time", "timeit", "random", "statistics", "types", "typing",
                  "threading", "warnings", "json", "re", "string", "dataclasses", "abc", "enum", "h5py",
                  "matplotlib", "heapq", "bisect", "array", "fractions", "decimal", "numbers", "pprint", "textwrap"}
_UNKNOWN = object()


class Finding:
    """One construct that is not allowed: where it is and why."""

    def __init__(self, line, construct, reason):
        self.line, self.construct, self.reason = line, construct, reason

    def describe(self):
        return f"Line {self.line}: {self.construct} — {self.reason}"

    def __repr__(self):
        return f"Finding({self.describe()!r})"


# --- reading a cell ------------------------------------------------------------------------------------------------

def python_source(source):
    """The cell as the kernel runs it: IPython syntax (magics, !shell, ?help) turned into plain Python."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def parse(source):
    """The syntax tree of a cell, or None when it does not compile (then the kernel cannot run it either)."""
    try:
        return compile(python_source(source), "<cell>", "exec",
                       flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    except Exception:  # IPython's transformer failed: the kernel, using the same one, cannot run the cell either
        return None


def dotted(node):
    """'np.random.seed' for the expression np.random.seed; None when it is not a plain dotted name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id] + parts[::-1])
    return None


def root_name(node):
    """The name at the root of a chain of attributes, subscripts and calls: 'np' for np.random.seed(0)[1].x."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call, ast.Starred)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def is_dunder(name):
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _bound_names(tree):
    """Every name a cell binds anywhere (assignments, parameters, loop variables, imports, definitions)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def _imports(tree):
    """{name: dotted path} for the names a cell's import statements bind."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    bound[alias.name.split(".")[0]] = alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if alias.name != "*":
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bound


def _module_imports(tree):
    """The names a cell's `import x` / `import x.y as z` statements bind: modules by definition."""
    return {alias.asname or alias.name.split(".")[0]
            for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}


def resolve(path):
    """The object a dotted path names, imported in the grader when its package is safe to import; _UNKNOWN else."""
    parts = path.split(".")
    if parts[0] not in SAFE_TO_IMPORT:
        return _UNKNOWN
    for cut in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except Exception:
            continue
        for attribute in parts[cut:]:
            try:
                value = getattr(value, attribute)
            except Exception:
                return _UNKNOWN
        return value
    return _UNKNOWN


def is_module_path(path, imported_as_module):
    """Whether a dotted path names a module: known from the import statement, or found by resolving it."""
    if imported_as_module:
        return True
    return type(resolve(path)).__name__ == "module"


def module_exists(name):
    """Whether a top-level module can be imported on the grader, without running any of its code. The folder
    nbgrader runs in (the course) is not searched: the kernel does not see it either."""
    if name in sys.builtin_module_names or name in sys.modules:
        return True
    here = {os.path.realpath(p) for p in ("", os.getcwd())}
    saved = list(sys.path)
    sys.path[:] = [p for p in saved if p and os.path.realpath(p) not in here]
    try:
        return importlib.util.find_spec(name) is not None  # meta-path finders too (editable installs)
    except (ImportError, ValueError):
        return False
    finally:
        sys.path[:] = saved


# --- the notebook-level context ------------------------------------------------------------------------------------

class NotebookContext:
    """What the check needs to know about the notebook as a whole.

    imports -- {name: dotted path} bound by import statements anywhere in the notebook (aliases added later)
    module_names -- names bound to modules by `import x` / `import x.y as z` (known modules without resolving)
    protected -- {name: dotted path of the instructor's binding, or None}: names the test cells look up in the
                 notebook's namespace (`checks`, `np`, ...); a student cell must not rebind them
    """

    def __init__(self, instructor_trees, student_trees, exercises):
        self.imports, self.module_names = {}, set()
        for tree in instructor_trees + student_trees:
            self._collect_imports(tree)
        instructor_imports = {}
        for tree in instructor_trees:
            instructor_imports.update(_imports(tree))
        self.protected = {name: instructor_imports.get(name) for name in ALWAYS_PROTECTED}
        for tree in instructor_trees:
            loaded = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
            for name in loaded - _bound_names(tree) - set(exercises):
                self.protected[name] = instructor_imports.get(name)
            for name, path in _imports(tree).items():
                if name not in exercises and is_module_path(path, name in _module_imports(tree)):
                    self.protected[name] = path  # the setup cell's modules (np, checks, ...)
        self.aliases = {}
        for tree in student_trees:
            self._collect_aliases(tree)

    def extended(self, tree):
        """A copy that also knows the imports and aliases of `tree` (code given as a string to %timeit or timeit)."""
        import copy

        context = copy.copy(self)
        context.imports, context.module_names, context.aliases = (dict(self.imports), set(self.module_names),
                                                                  dict(self.aliases))
        context._collect_imports(tree)
        context._collect_aliases(tree)
        return context

    def _collect_imports(self, tree):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    name = alias.asname or alias.name.split(".")[0]
                    self.imports[name] = alias.name if alias.asname else alias.name.split(".")[0]
                    self.module_names.add(name)
        self.imports.update({k: v for k, v in _imports(tree).items() if k not in self.imports})

    def _collect_aliases(self, tree):
        """`m = np` or `f = checks.core`: m and f stand for what they were assigned, for the rest of the notebook."""
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                chain = dotted(node.value)
                if chain and chain.split(".")[0] in self.imports:
                    path = self.path_of(chain)
                    value = resolve(path)
                    if chain in self.module_names or type(value).__name__ == "module" \
                            or isinstance(value, (dict, list, set, bytearray)):
                        self.aliases[node.targets[0].id] = path  # only modules and their mutable data matter

    def path_of(self, chain):
        """The full dotted path of a chain rooted at an imported name: 'numpy.random' for np.random."""
        head, _, rest = chain.partition(".")
        base = self.aliases.get(head) or self.imports.get(head)
        if base is None:
            return None
        return f"{base}.{rest}" if rest else base

    def belongs_to_module(self, name):
        return name in self.imports or name in self.aliases

    def is_module(self, chain):
        """Whether a chain rooted at an imported name (np, np.random, an alias) stands for a module."""
        path = self.path_of(chain)
        return path is not None and is_module_path(path, chain in self.module_names)


# --- the check of one cell -----------------------------------------------------------------------------------------

class CellChecker(ast.NodeVisitor):
    """Walks one student cell and collects Findings."""

    def __init__(self, context):
        self.context = context
        self.findings = []
        self.scopes = [("module", set())]  # (kind, names declared global in it)
        self.parents = {}

    def check(self, tree):
        self.bound = _bound_names(tree)
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent
        self.visit(tree)
        unique = {}
        for finding in self.findings:  # a chain like a.__class__.__base__ is one finding per line and construct
            unique.setdefault((finding.line, finding.construct), finding)
        return list(unique.values())

    def report(self, node, construct, reason):
        self.findings.append(Finding(getattr(node, "lineno", 1), construct, reason))

    # -- scopes -------------------------------------------------------------------------------------------------
    def _in_scope(self, kind, node):
        self.scopes.append((kind, set()))
        self.generic_visit(node)
        self.scopes.pop()

    def visit_FunctionDef(self, node):
        self._check_binding(node, node.name)
        for decorator in node.decorator_list:
            self.visit(decorator)
        self.visit(node.args)
        if node.returns:
            self.visit(node.returns)
        self.scopes.append(("function", set()))
        for statement in node.body:
            self.visit(statement)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self.visit(node.args)
        self.scopes.append(("function", set()))
        self.visit(node.body)
        self.scopes.pop()

    def visit_ClassDef(self, node):
        self._check_binding(node, node.name)
        for expression in node.bases + [k.value for k in node.keywords] + node.decorator_list:
            self.visit(expression)
        self.scopes.append(("class", set()))
        for statement in node.body:
            self.visit(statement)
        self.scopes.pop()

    def visit_ListComp(self, node):
        self._in_scope("comprehension", node)

    visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_ListComp

    def visit_Global(self, node):
        self.scopes[-1][1].update(node.names)

    def _binds_module_level(self, name):
        kind, declared = self.scopes[-1]
        return kind == "module" or (kind == "function" and name in declared)

    def _check_binding(self, node, name, imported_path=None):
        """A student cell binding `name` in the notebook's namespace: not allowed for the test cells' names."""
        if not self._binds_module_level(name) or name not in self.context.protected:
            return
        allowed = self.context.protected[name]
        if imported_path is not None and allowed is not None and imported_path == allowed:
            return  # `import numpy as np` again: the same module under the same name
        self.report(node, f"rebinding `{name}`", f"the test cells use `{name}`, so giving it another value "
                                                 f"changes what they check")

    # -- imports -----------------------------------------------------------------------------------------------
    def _check_module(self, node, path):
        if path in ALLOWED_SUBMODULES or any(path.startswith(a + ".") for a in ALLOWED_SUBMODULES):
            return
        parts = path.split(".")
        for cut in range(1, len(parts) + 1):
            reason = BANNED_MODULES.get(".".join(parts[:cut]))
            if reason:
                self.report(node, f"import of `{path}`", reason)
                return
        if any(part.startswith("_") and part != "__future__" for part in parts):
            self.report(node, f"import of `{path}`", "private modules of Python or of the course are not part of "
                                                     "any exercise")
        elif not module_exists(parts[0]):
            self.report(node, f"import of `{path}`", "no such module is installed for grading (files next to your "
                                                     "notebook, or written by it, do not exist when it is graded)")

    def visit_Import(self, node):
        for alias in node.names:
            self._check_module(node, alias.name)
            name = alias.asname or alias.name.split(".")[0]
            self._check_binding(node, name, alias.name if alias.asname else alias.name.split(".")[0])

    def visit_ImportFrom(self, node):
        if node.level:
            self.report(node, "a relative import", "a notebook is not a package")
            return
        self._check_module(node, node.module)
        for alias in node.names:
            if alias.name == "*":
                self._check_star_import(node)
                continue
            banned = BANNED_MODULE_ATTRIBUTES.get(node.module, {}).get(alias.name)
            if banned:
                self.report(node, f"import of `{node.module}.{alias.name}`", banned)
            elif (is_dunder(alias.name) or alias.name.startswith("_")) \
                    and f"{node.module}.{alias.name}" not in ALLOWED_PRIVATE:
                self.report(node, f"import of `{node.module}.{alias.name}`", "private or internal names are not "
                                                                            "part of any exercise")
            self._check_binding(node, alias.asname or alias.name, f"{node.module}.{alias.name}")

    def _check_star_import(self, node):
        module = resolve(node.module)
        if module is _UNKNOWN:
            self.report(node, f"`from {node.module} import *`", "it may rebind names the test cells use; import "
                                                                 "the names you need")
            return
        names = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
        clash = sorted(set(names) & set(self.context.protected))
        if clash and self._binds_module_level(clash[0]):
            self.report(node, f"`from {node.module} import *`", f"it rebinds {', '.join(clash[:5])}, which the "
                                                                 f"test cells use")

    # -- names ----------------------------------------------------------------------------------------------------
    def visit_Name(self, node):
        name = node.id
        if name in BANNED_NAMES:
            self.report(node, f"`{name}`", BANNED_NAMES[name])
        elif (name in HISTORY_NAMES or INPUT_HISTORY.match(name)) and isinstance(node.ctx, ast.Load) \
                and name not in self.bound:
            self.report(node, f"`{name}`", "the kernel's history holds the test cells' code (hidden tests included) "
                                           "and results")
        elif is_dunder(name) and name not in ALLOWED_DUNDERS:
            in_class = self.scopes[-1][0] == "class"
            if not (in_class and isinstance(node.ctx, ast.Store) and name != "__class__"):
                self.report(node, f"`{name}`", "the interpreter's internals are not part of any exercise")
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self._check_binding(node, name)
        elif isinstance(node.ctx, ast.Load) and self.context.belongs_to_module(name):
            self._check_module_use(node, name)

    def visit_NamedExpr(self, node):
        # `(x := value)` binds x in the enclosing function or module, even from inside a comprehension
        scopes = [s for s in self.scopes if s[0] != "comprehension"]
        if scopes[-1][0] == "module" or node.target.id in scopes[-1][1]:
            if node.target.id in self.context.protected:
                self.report(node, f"rebinding `{node.target.id}`", "the test cells use it")
        self.visit(node.value)

    def visit_ExceptHandler(self, node):
        if node.name:
            self._check_binding(node, node.name)
        self.generic_visit(node)

    def visit_MatchAs(self, node):
        if node.name:
            self._check_binding(node, node.name)
        self.generic_visit(node)

    visit_MatchStar = visit_MatchAs

    def _check_module_use(self, node, chain):
        """A module may be used through its attributes (np.pad), not passed around as a value (f(np), [np])."""
        if not self.context.is_module(chain):
            return
        parent = self.parents.get(node)
        outer = node
        if isinstance(parent, ast.Attribute) and parent.value is node:
            return  # np.something: checked as an attribute
        if isinstance(parent, ast.Call) and parent.func is node:
            return
        if isinstance(parent, ast.Assign) and parent.value is node and len(parent.targets) == 1 \
                and isinstance(parent.targets[0], ast.Name):
            return  # m = np: an alias, followed by the check
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Name) and parent.func.id in MODULE_VIEWERS:
            return
        self.report(outer, f"using the module `{chain}` as a value", "a module handed to other code can be changed "
                                                                     "there; use its functions directly")

    # -- attributes -------------------------------------------------------------------------------------------------
    def visit_Attribute(self, node):
        attribute = node.attr
        if is_dunder(attribute) and attribute not in ALLOWED_DUNDERS:
            self.report(node, f"`.{attribute}`", "the interpreter's internals are not part of any exercise")
        elif attribute in INTERNAL_ATTRIBUTES:
            self.report(node, f"`.{attribute}`", "frames and code objects lead to the checks' own variables")
        chain = dotted(node)
        root = root_name(node)
        if root is not None and self.context.belongs_to_module(root):
            path = self.context.path_of(chain) if chain else None
            if path:
                module, _, name = path.rpartition(".")
                banned = BANNED_MODULE_ATTRIBUTES.get(module, {}).get(name)
                if banned:
                    self.report(node, f"`{chain}`", banned)
            if attribute.startswith("_") and not is_dunder(attribute) and path not in ALLOWED_PRIVATE:
                self.report(node, f"`{chain or attribute}`", "the private internals of a module are not part of "
                                                             "any exercise")
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                self._check_module_change(node)
            elif chain and isinstance(node.ctx, ast.Load):
                self._check_module_use(node, chain)
        self.generic_visit(node)

    def visit_Subscript(self, node):
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            root = root_name(node)
            if root is not None and self.context.belongs_to_module(root):
                self._check_module_change(node)
        self.generic_visit(node)

    def _check_module_change(self, node):
        target = node
        names = []
        while isinstance(target, (ast.Attribute, ast.Subscript)):
            if isinstance(target, ast.Attribute):
                names.append(target.attr)
            target = target.value
        if "rcParams" in names:
            return  # plt.rcParams["figure.figsize"] = ...: matplotlib's settings are meant to be changed
        description = dotted(node) or ast.unparse(node)
        self.report(node, f"changing `{description}`", "it belongs to an imported module, and the checks rely "
                                                       "on NumPy's and the course's modules being unchanged")

    # -- calls ------------------------------------------------------------------------------------------------------
    def visit_Call(self, node):
        function = node.func
        if self._is_magic(node):
            return
        if isinstance(function, ast.Name) and function.id in ("setattr", "delattr"):
            target = node.args[0] if node.args else None
            attribute = node.args[1] if len(node.args) > 1 else None
            if not (isinstance(target, ast.Name) and target.id in ("self", "cls")
                    and isinstance(attribute, ast.Constant) and isinstance(attribute.value, str)
                    and not is_dunder(attribute.value)):
                self.report(node, f"`{function.id}(...)`", "changing attributes by computed names can change "
                                                           "modules the checks rely on; assign to self.name instead")
        elif isinstance(function, ast.Name) and function.id in ("getattr", "hasattr"):
            attribute = node.args[1] if len(node.args) > 1 else None
            if not (isinstance(attribute, ast.Constant) and isinstance(attribute.value, str)):
                self.report(node, f"`{function.id}` with a computed name", "attributes reached by computed names "
                                                                          "cannot be checked; write obj.name")
            elif function.id == "getattr" and node.args and root_name(node.args[0]) \
                    and self.context.belongs_to_module(root_name(node.args[0])):
                self.report(node, "`getattr` on a module", "write module.name instead")
        elif isinstance(function, ast.Attribute) and function.attr in MUTATORS:
            owner = function.value
            chain = dotted(owner)
            root = root_name(owner)
            if chain and root and self.context.belongs_to_module(root) and not self.context.is_module(chain) \
                    and "rcParams" not in chain.split("."):
                path = self.context.path_of(chain)
                if path is None or resolve(path) is not _UNKNOWN:
                    self.report(node, f"`{chain}.{function.attr}(...)`", "it changes an object that belongs to an "
                                                                         "imported module; the checks rely on it")
        for keyword in node.keywords:
            if keyword.arg == "allow_pickle" and not (isinstance(keyword.value, ast.Constant)
                                                      and keyword.value.value is False):
                self.report(node, "`allow_pickle`", "loading a pickle calls arbitrary functions")
        self._check_timeit(node)
        self.generic_visit(node)

    def _check_timeit(self, node):
        """timeit runs statements given as strings: check them as code, and refuse strings built at run time."""
        chain = dotted(node.func)
        path = self.context.path_of(chain) if chain else None
        if path not in ("timeit.timeit", "timeit.repeat", "timeit.Timer"):
            return
        statements = node.args[:2] + [k.value for k in node.keywords if k.arg in ("stmt", "setup")]
        for statement in statements:
            if isinstance(statement, ast.Constant) and isinstance(statement.value, str):
                self._check_code_string(node, statement.value, "timeit")
            elif not isinstance(statement, (ast.Lambda, ast.Name, ast.Attribute)):
                self.report(node, "timeit with a computed statement", "code given as a string built at run time "
                                                                     "cannot be checked; pass a function")

    def _check_code_string(self, node, code, what):
        tree = parse(code)
        if tree is None:
            self.report(node, f"the code given to {what}", "it is not valid Python")
            return
        for finding in CellChecker(self.context.extended(tree)).check(tree):
            self.findings.append(Finding(node.lineno, finding.construct, finding.reason + f", inside {what}"))

    def _is_magic(self, node):
        """get_ipython().run_line_magic(...) and friends, as IPython writes magics and !commands: allowed ones are
        checked (their code included) and True is returned; any other use of get_ipython is reported by visit_Name."""
        function = node.func
        if not (isinstance(function, ast.Attribute) and isinstance(function.value, ast.Call)
                and isinstance(function.value.func, ast.Name) and function.value.func.id == "get_ipython"
                and not function.value.args and not node.keywords
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)):
            return False
        args = [a.value for a in node.args]
        kind = function.attr
        if kind == "run_line_magic" and len(args) == 2:
            name, line = args
            if name == "load_ext" and line.strip() == "autoreload":
                return True
            if name not in ALLOWED_LINE_MAGICS:
                self.report(node, f"the magic %{name}", "only %matplotlib, %time, %timeit, %pip and the help "
                                                        "magics are allowed in a graded notebook")
            elif name in CODE_MAGICS:
                self._check_code_string(node, _strip_magic_options(line), f"%{name}")
            elif name in ("pip", "conda", "mamba") and SHELL_METACHARACTERS & set(line):
                self.report(node, f"%{name} {line[:40]}", "it runs through the shell; only plain package "
                                                          "commands are allowed")
            return True
        if kind == "run_cell_magic" and len(args) == 3:
            name, line, body = args
            if name not in ALLOWED_CELL_MAGICS:
                self.report(node, f"the cell magic %%{name}", "only %%time and %%timeit are allowed in a graded "
                                                              "notebook")
            else:
                if line.strip():
                    self._check_code_string(node, _strip_magic_options(line), f"%%{name}")
                self._check_code_string(node, body, f"%%{name}")
            return True
        if kind in ("system", "getoutput") and len(args) == 1:
            command = args[0].strip()
            words = command.split()
            if not words or words[0] not in ALLOWED_SHELL_COMMANDS or SHELL_METACHARACTERS & set(command):
                self.report(node, f"the shell command !{command[:40]}", "shell commands run programs this check "
                                                                        "cannot read (only pip, conda and ls are "
                                                                        "allowed)")
            return True
        return False

    # -- strings --------------------------------------------------------------------------------------------------
    def visit_Constant(self, node):
        if isinstance(node.value, str) and is_dunder(node.value) and node.value not in ALLOWED_DUNDERS:
            self.report(node, f"the string '{node.value}'", "names of the interpreter's internals are a way to reach "
                                                           "them by computed names")


def _strip_magic_options(line):
    """The code of a %timeit/%time line without its options (-n 10 -r 3 -o -q ...)."""
    words = line.split()
    while words and words[0].startswith("-"):
        option = words.pop(0)
        if option in ("-n", "-r", "-p", "-c") and words:
            words.pop(0)
    return " ".join(words)


# --- the notebook ----------------------------------------------------------------------------------------------------

def _grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def is_instructor_cell(cell):
    """Test cells and locked cells: nbgrader restored their source from the instructor's version."""
    return utils.is_grade(cell) or utils.is_locked(cell)


def belongs_to(test_grade_id, exercise):
    """test_<function> and test_<function>_<aspect> grade the exercise cell <function>; test_question_<n> grade the
    `answers` cell."""
    if exercise == "answers":
        return test_grade_id.startswith("test_question_")
    return test_grade_id == f"test_{exercise}" or test_grade_id.startswith(f"test_{exercise}_")


def check_notebook(nb):
    """[(cell index, [Finding, ...])] for every student cell of nb with findings."""
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    exercises = {_grade_id(c) for _, c in code if utils.is_solution(c) and _grade_id(c)}
    for _, cell in code:  # what the exercise cells are meant to define (functions, answer_1 ...), test cells read
        tree = parse(cell.source) if utils.is_solution(cell) else None
        exercises |= _bound_names(tree) if tree is not None else set()
    instructor = [t for t in (parse(c.source) for _, c in code if is_instructor_cell(c)) if t is not None]
    student = [(i, parse(c.source)) for i, c in code if not is_instructor_cell(c)]
    context = NotebookContext(instructor, [t for _, t in student if t is not None], exercises)
    results = []
    for index, tree in student:
        if tree is None:
            continue
        try:
            findings = CellChecker(context).check(tree)
        except Exception as error:  # a cell this check cannot read must not slip through unchecked
            findings = [Finding(1, "code this check could not read", f"{type(error).__name__}: {error}")]
        if findings:
            results.append((index, findings))
    return results


def cell_label(nb, index):
    cell = nb.cells[index]
    number = sum(1 for c in nb.cells[:index + 1] if c.cell_type == "code")
    if utils.is_solution(cell) and _grade_id(cell):
        return f"code cell {number} (your `{_grade_id(cell)}` cell)"
    return f"code cell {number}"
