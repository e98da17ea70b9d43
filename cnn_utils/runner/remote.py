"""The notebook's namespace seen from the grader's process: proxies whose every use is a request to the kernel.

`Student(transport)` gives, for `student.zero_pad`, what the kernel has under that name: plain data comes back as
plain data; a function, a class or any other object stays in the kernel and comes back as a proxy. Calling a proxy
runs the call in the kernel with the arguments sent as data and returns the result as data (or a new proxy);
arrays the call changed in place are changed in the caller's copies too, so checks see the same effects as with a
local function. A proxy is never a number or an array: the checks' comparisons refuse it.
"""

import builtins
import contextlib
import inspect
import sys

import numpy as np

from ..i18n import tr
from . import wire


class KernelLost(Exception):
    """The kernel died or hung while answering; `kind` is "died" or "timed out"."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


class NoAnswer(Exception):
    """The kernel answered, but not with something the grader can read."""


class StudentRaised(Exception):
    """The student's code raised an exception in the kernel. Subclasses also derive from the built-in exception of
    the same name, so that a check written as `except NotImplementedError` works with a proxy as with a function."""

    type_name = "Exception"
    where = ()

    def describe(self, function_name):
        if self.where:
            return tr("{function} raised {error}: {message} (at {where})", function=function_name,
                      error=self.type_name, message=self, where=self.where[-1])
        return tr("{function} raised {error}: {message}", function=function_name, error=self.type_name, message=self)


_raised_classes = {}


def student_error(type_name, base, message, where):
    """A StudentRaised instance for an exception the kernel reported: `type_name` is its class's name, `base` the
    name of the nearest built-in exception class among its bases (the class itself when it is built in)."""
    base = getattr(builtins, str(base), None)
    if not (isinstance(base, type) and issubclass(base, Exception)):
        base = None
    key = base.__name__ if base else None
    if key not in _raised_classes:
        bases = (StudentRaised, base) if base else (StudentRaised,)
        _raised_classes[key] = type(f"Student{key or 'Exception'}", bases, {})
    error = _raised_classes[key](str(message))
    error.type_name = str(type_name)[:100]
    error.where = tuple(str(w) for w in where)[:3] if isinstance(where, list) else ()
    return error


def _write_back(original, after):
    """Make the caller's arguments show what the call did to the kernel's copies of them."""
    if isinstance(original, np.ndarray) and isinstance(after, np.ndarray):
        if original.shape == after.shape and original.flags.writeable:
            np.copyto(original, after, casting="unsafe")
    elif isinstance(original, (dict, list)) and type(after) is type(original):
        if isinstance(original, list) and len(original) != len(after):
            original[:] = after
            return
        if isinstance(original, dict):
            for key in [k for k in original if k not in after]:
                del original[key]
        for key, value in (after.items() if isinstance(after, dict) else enumerate(after)):
            current = original.get(key) if isinstance(original, dict) else original[key]
            if isinstance(current, np.ndarray) and isinstance(value, np.ndarray) and current.shape == value.shape \
                    and current.dtype == value.dtype \
                    or isinstance(current, (dict, list)) and type(value) is type(current):
                _write_back(current, value)
            else:
                original[key] = value
    elif isinstance(original, tuple) and isinstance(after, tuple) and len(original) == len(after):
        for a, b in zip(original, after):
            _write_back(a, b)


class RemoteObject:
    """An object that stays in the kernel."""

    def __init__(self, student, handle, type_name, label):
        self._student, self._handle, self._type_name, self._label = student, handle, type_name, label

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if (self._type_name, name) in self._student._methods:
            return RemoteCallable(self._student, self._handle, "method", f"{self._label}.{name}", method=name)
        answer = self._student.request({"op": "getattr", "target": self._handle, "name": name})
        value = self._student.value(answer, f"{self._label}.{name}")
        if isinstance(value, RemoteCallable) and value._type_name == "method":
            self._student._methods.add((self._type_name, name))  # next time: obj.name(...) in one request
        return value

    def __repr__(self):
        return f"<{self._type_name} {self._label} in the notebook>"


class RemoteCallable(RemoteObject):
    """A function, a class or a method that stays in the kernel; calling it runs it there."""

    def __init__(self, student, handle, type_name, label, method=None):
        super().__init__(student, handle, type_name, label)
        self.__name__ = label.rsplit(".", 1)[-1]
        self._method = method  # call the method of that name of the object `handle`

    def __call__(self, *args, **kwargs):
        try:
            answer = self._student.request({"op": "call", "target": self._handle, "method": self._method,
                                            "args": self._student.encode(list(args)),
                                            "kwargs": self._student.encode(kwargs)})
        except StudentRaised as error:
            error.function = self.__name__  # for the message: which of the student's functions raised
            raise
        after = answer.get("args_after")
        if after is not None:
            try:
                after_args, after_kwargs = self._student.decode(after)
                for a, b in zip(args, after_args):
                    _write_back(a, b)
                _write_back(kwargs, after_kwargs)
            except (wire.WireError, TypeError, ValueError):
                pass  # the arguments came back unreadable: nothing to mirror
        return self._student.value(answer, f"the result of {self.__name__}")


class Student:
    """The student's notebook as the grader sees it: `student.name` is what the kernel has under `name`.

    transport -- function(request dict) -> answer dict; raises KernelLost when the kernel dies or hangs
    before_stand_in -- function(names): called before a stand-in replaces those names (the verdict uses it to make
                       sure only functions whose own verdicts are written are ever replaced)
    """

    def __init__(self, transport, before_stand_in=None):
        self._transport = transport
        self._before_stand_in = before_stand_in
        self._methods = set()  # (type name, attribute) known to be methods: called without fetching them first

    # -- the protocol ---------------------------------------------------------------------------------------------
    def request(self, request):
        answer = self._transport(request)
        if not isinstance(answer, dict):
            raise NoAnswer("the kernel's answer is not readable")
        error = answer.get("error")
        if error is not None:
            if not isinstance(error, dict):
                raise NoAnswer("the kernel's answer is not readable")
            raise student_error(error.get("type", "Exception"), error.get("base", "Exception"),
                                error.get("message", ""), error.get("where") or [])
        return answer

    def encode(self, value):
        def keep(obj):
            if isinstance(obj, RemoteObject):
                return obj._handle
            raise TypeError(f"cannot send {type(obj).__name__} to the kernel")
        return wire.encode(value, keep)

    def decode(self, data, label="a value"):
        def make_handle(handle, type_name, is_callable):
            kind = RemoteCallable if is_callable else RemoteObject
            return kind(self, handle, type_name, label)
        return wire.decode(data, make_handle)

    def value(self, answer, label):
        try:
            return self.decode(answer.get("value"), label)
        except wire.WireError as error:
            raise NoAnswer(f"{label} came back unreadable: {error}") from None

    # -- what checks and hidden tests use ---------------------------------------------------------------------------
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self.value(self.request({"op": "get", "name": name}), name)

    def object_id(self, obj, *path):
        """The kernel's id() of obj.<path>, following attribute names and dict keys."""
        return self.request({"op": "id", "target": obj._handle, "path": list(path)})["value"]

    @contextlib.contextmanager
    def stand_ins(self, **replacements):
        """While the block runs, the notebook's `name` is the given function (a reference), for each name given.

        Only what those functions need is sent to the kernel (`stand_in_source`): their own source and that of the
        course's functions and classes they call, never the rest of their module. Only functions whose own verdicts
        are already written may enter the kernel: every name the source defines is checked first."""
        source, defined = stand_in_source(replacements)
        if self._before_stand_in:
            self._before_stand_in(sorted(set(replacements) | defined))
        modules = [{"name": "cnn_stand_ins", "source": source}]
        bind = {name: [0, function.__name__] for name, function in replacements.items()}
        self.request({"op": "stand_in", "modules": modules, "bind": bind})
        try:
            yield
        finally:
            try:
                self.request({"op": "restore"})
            except (KernelLost, NoAnswer, StudentRaised):
                pass  # a kernel that died took the stand-ins with it


def _is_course_object(value):
    module = getattr(value, "__module__", "") or ""
    return (inspect.isfunction(value) or inspect.isclass(value)) and module.split(".")[0] in COURSE_PACKAGES


COURSE_PACKAGES = ("cnn_utils", "cnn_grading")


def _names_used(obj):
    """The global names a function or class (its methods and nested code included) refers to."""
    codes = []
    if inspect.isclass(obj):
        for value in vars(obj).values():
            value = getattr(value, "__func__", value)
            if inspect.isfunction(value):
                codes.append(value.__code__)
        bases = [b for b in obj.__bases__ if b is not object]
    else:
        codes.append(obj.__code__)
        bases = []
    names = set()
    while codes:
        code = codes.pop()
        names.update(code.co_names)
        codes.extend(c for c in code.co_consts if inspect.iscode(c))
    return names, bases


def stand_in_source(replacements):
    """(source, names it defines): a module holding the given course functions and, recursively, the course
    functions and classes they use (by source), the modules they use (by import) and simple constants."""
    imports, constants, order, seen = {}, {}, [], set()

    def visit(obj):
        if obj in seen:
            return
        seen.add(obj)
        names, bases = _names_used(obj)
        module_globals = sys.modules[obj.__module__].__dict__
        for base in bases:
            if not _is_course_object(base):
                raise TypeError(f"a stand-in cannot send {obj.__name__}: its base {base.__name__} is not the course's")
            visit(base)
        for name in sorted(names):
            if name not in module_globals:
                continue  # a builtin, or an attribute name
            value = module_globals[name]
            if inspect.ismodule(value):
                imports[name] = value.__name__
            elif _is_course_object(value):
                visit(value)
            elif isinstance(value, (int, float, str, tuple, frozenset, bool, type(None))):
                constants[name] = value
            elif inspect.isfunction(value) or inspect.isclass(value) or callable(value):
                imports[name] = None  # from a library: imported by name from where it lives
                constants[name] = value
        order.append(obj)

    for function in replacements.values():
        visit(function)
    lines = []
    for name, module in sorted(imports.items()):
        if module is not None:
            lines.append(f"import {module} as {name}")
        else:
            value = constants.pop(name)
            lines.append(f"from {value.__module__} import {value.__name__} as {name}")
    lines += [f"{name} = {value!r}" for name, value in sorted(constants.items())]
    source = "\n".join(lines) + "\n\n" + "\n\n".join(inspect.getsource(obj) for obj in order)
    return source, {obj.__name__ for obj in order}
