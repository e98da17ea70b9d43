"""The grader's hand inside a kernel: it carries out one request and shows the answer as plain data.

A request asks for the value of a name in the notebook, a call of a function or method, an attribute, or the
identity of an object; the answer is encoded by `wire` and written to a file of the folder the grader and the kernel
share, where the grader reads it. Nothing here decides anything and nothing here is secret: whatever a student's
code does to this module can only change the outputs the grader receives, which it checks against values the kernel
never sees. See docs/integrity.md.
"""

import builtins
import json
import sys
import traceback
import types

from . import wire

_kept = {}  # handle id -> an object that stays in the kernel
_standing_in = {}  # name -> what the notebook had under that name before a stand-in replaced it
_MISSING = object()


def _namespace():
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - always inside IPython
        shell = None
    return shell.user_ns if shell is not None else sys.modules["__main__"].__dict__


def _keep(obj):
    handle = len(_kept) + 1
    _kept[handle] = obj
    return handle


def _kept_object(handle, type_name, is_callable):
    try:
        return _kept[handle]
    except KeyError:
        raise LookupError(f"the grader referred to an object the kernel no longer has (handle {handle})") from None


def _where(error):
    """The lines of the notebook's own cells in the error's traceback, innermost last."""
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if f.filename.startswith(("<ipython-input", "/tmp/ipykernel", "<cell"))]
    return [f"line {f.lineno} in {f.name}: {(f.line or '').strip()[:160]}" for f in frames[-3:]]


def _fingerprint(value):
    """What a call could change in its arguments, cheaply: array contents (a checksum), containers' structure."""
    import zlib

    import numpy as np

    if isinstance(value, np.ndarray):
        data = value if value.flags.c_contiguous else np.ascontiguousarray(value)
        return ("a", value.shape, value.dtype.str, zlib.crc32(data.view(np.uint8).reshape(-1)))
    if isinstance(value, dict):
        return ("d", tuple((repr(k), _fingerprint(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_fingerprint(v) for v in value))
    if value is None or isinstance(value, (bool, int, float, str)):
        return ("v", repr(value))
    return ("o", id(value))


def _follow(obj, path):
    for step in path:
        obj = obj[step] if isinstance(obj, dict) else getattr(obj, step)
    return obj


def _stand_in(modules, bind):
    loaded = []
    for module in modules:
        instance = types.ModuleType(module["name"])
        exec(compile(module["source"], f"<stand-in {module['name']}>", "exec"), instance.__dict__)
        loaded.append(instance)
    namespace = _namespace()
    for name, (index, attribute) in bind.items():
        _standing_in.setdefault(name, namespace.get(name, _MISSING))
        namespace[name] = getattr(loaded[index], attribute)


def _restore():
    namespace = _namespace()
    for name, value in _standing_in.items():
        if value is _MISSING:
            namespace.pop(name, None)
        else:
            namespace[name] = value
    _standing_in.clear()


def _answer(request):
    op = request["op"]
    if op == "get":
        namespace = _namespace()
        if request["name"] not in namespace:
            raise NameError(f"name '{request['name']}' is not defined")
        return {"value": wire.encode(namespace[request["name"]], _keep)}
    if op == "call":
        target = _kept_object(request["target"], "", True)
        if request.get("method"):  # obj.method(...) in one request
            target = getattr(target, request["method"])
        args = wire.decode(request["args"], _kept_object)
        kwargs = wire.decode(request["kwargs"], _kept_object)
        before = _fingerprint([args, kwargs])
        result = target(*args, **kwargs)
        changed = _fingerprint([args, kwargs]) != before  # send the arguments back only when the call changed them
        return {"value": wire.encode(result, _keep),
                "args_after": wire.encode([args, kwargs], _keep) if changed else None}
    if op == "getattr":
        return {"value": wire.encode(getattr(_kept_object(request["target"], "", False), request["name"]), _keep)}
    if op == "id":
        return {"value": id(_follow(_kept_object(request["target"], "", False), request["path"]))}
    if op == "stand_in":
        _stand_in(request["modules"], request["bind"])
        return {"value": None}
    if op == "restore":
        _restore()
        return {"value": None}
    raise ValueError(f"unknown request {op!r}")


def handle(request_path):
    """Carry out the request in the file `request_path` (JSON) and write the answer next to it (`.answer`).

    Files, not the cell's source and outputs: a request or an answer can hold megabytes of arrays, which IPython would
    otherwise tokenize as code and the notebook would store as output."""
    import os

    try:
        with open(request_path, encoding="utf-8") as file:
            request = json.load(file)
        os.remove(request_path)
        answer = _answer(request)
    except Exception as error:  # the student's code raised: that is an answer too
        # the nearest built-in class of the student's exception (RuntimeError for `class NoCache(RuntimeError)`),
        # so that a check that expects a RuntimeError accepts its subclasses, as `except RuntimeError` does
        base = next((c.__name__ for c in type(error).__mro__ if getattr(builtins, c.__name__, None) is c),
                    "Exception")
        answer = {"error": {"type": type(error).__name__, "base": base,
                            "message": str(error)[:2000], "where": _where(error)}}
    with open(request_path + ".part", "w", encoding="utf-8") as file:
        json.dump(answer, file)
    os.replace(request_path + ".part", request_path + ".answer")
