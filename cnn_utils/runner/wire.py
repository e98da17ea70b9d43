"""The data that crosses between a grading kernel and the grader: plain values in JSON, nothing that can run.

Encoded exactly: None, bool, int, float, str; NumPy arrays and scalars of numbers or booleans (as .npy bytes, read
back with allow_pickle=False); tuples, lists and dicts of these. Anything else (a function, an instance of a
student's class, a float subclass with rigged comparisons) never leaves the kernel: it is kept there and sent as a
handle, which the grader can only use to ask the kernel for more.

The kernel encodes with `encode(value, keep)`; the grader decodes with `decode(data, make_handle)`, which refuses
anything it does not recognise. The grader must never trust what the kernel sends beyond "these are some numbers".
"""

import base64
import io

import numpy as np

MAX_DEPTH = 32
_NUMERIC_KINDS = "biufc"  # bool, signed and unsigned int, float, complex


class WireError(ValueError):
    """Data from the kernel that is not a well-formed encoded value."""


def _npy(array):
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _from_npy(text):
    try:
        array = np.load(io.BytesIO(base64.b64decode(text, validate=True)), allow_pickle=False)
    except Exception as error:
        raise WireError(f"not a NumPy array ({type(error).__name__})") from None
    if type(array) is not np.ndarray or array.dtype.kind not in _NUMERIC_KINDS:
        raise WireError("an array that is not made of numbers")
    return array


def encode(value, keep, depth=0):
    """JSON-ready data for `value`; `keep(obj)` stores an object that cannot be sent and returns its handle id."""
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return {"$float": repr(value)}  # repr round-trips exactly, and covers nan and inf, which JSON lacks
    if depth > MAX_DEPTH:
        return {"$handle": keep(value), "type": kind.__name__, "callable": callable(value)}
    if kind is np.ndarray and value.dtype.kind in _NUMERIC_KINDS:
        return {"$array": _npy(value)}
    if isinstance(value, np.generic) and kind.__module__ == "numpy" and value.dtype.kind in _NUMERIC_KINDS:
        return {"$scalar": _npy(np.asarray(value))}
    if kind is tuple:
        return {"$tuple": [encode(v, keep, depth + 1) for v in value]}
    if kind is list:
        return [encode(v, keep, depth + 1) for v in value]
    if kind is dict or (isinstance(value, dict) and kind.__module__ == "collections"):  # OrderedDict, defaultdict
        return {"$dict": [[encode(k, keep, depth + 1), encode(v, keep, depth + 1)] for k, v in value.items()]}
    return {"$handle": keep(value), "type": kind.__name__, "callable": callable(value)}


def decode(data, make_handle, depth=0):
    """The value `data` encodes; handles become `make_handle(id, type_name, is_callable)`."""
    if depth > MAX_DEPTH + 1:
        raise WireError("nested too deeply")
    if data is None or type(data) in (bool, int, str):
        return data
    if type(data) is list:
        return [decode(v, make_handle, depth + 1) for v in data]
    if type(data) is not dict or len(data) == 0:
        raise WireError(f"unexpected {type(data).__name__}")
    if "$float" in data:
        try:
            return float(str(data["$float"]))
        except ValueError:
            raise WireError("not a number") from None
    if "$array" in data:
        return _from_npy(str(data["$array"]))
    if "$scalar" in data:
        array = _from_npy(str(data["$scalar"]))
        if array.ndim != 0:
            raise WireError("a scalar that is not 0-dimensional")
        return array[()]
    if "$tuple" in data and type(data["$tuple"]) is list:
        return tuple(decode(v, make_handle, depth + 1) for v in data["$tuple"])
    if "$dict" in data and type(data["$dict"]) is list:
        result = {}
        for pair in data["$dict"]:
            if type(pair) is not list or len(pair) != 2:
                raise WireError("a malformed dict")
            key = decode(pair[0], make_handle, depth + 1)
            try:
                result[key] = decode(pair[1], make_handle, depth + 1)
            except TypeError:
                raise WireError("a dict key that cannot be a key") from None
        return result
    if "$handle" in data and type(data["$handle"]) is int:
        return make_handle(data["$handle"], str(data.get("type", "object"))[:100], data.get("callable") is True)
    raise WireError("an unknown kind of value")
