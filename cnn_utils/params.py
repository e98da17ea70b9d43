"""Saving a model's parameters to disk and loading them back, so that a trained network can be reused without
training it again.

A model's parameters are a dict of NumPy arrays, e.g. {"W1": ..., "b1": ..., "W2": ...}. They are stored with
`np.savez_compressed` in one .npz file, one array per name, and come back as the same dict: same names, shapes,
dtypes and values.
"""

from pathlib import Path

import numpy as np

from .i18n import tr


def save_parameters(path, parameters):
    """Save a dict of parameter arrays to `path` (a .npz file; the suffix is added when missing).

    Arguments:
    path -- file name, str or pathlib.Path; its folder is created if needed
    parameters -- dict name -> NumPy array; names must be valid as keyword arguments (letters, digits, _)

    Returns:
    path -- the pathlib.Path actually written (with the .npz suffix)
    """
    path = Path(path)
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    if not isinstance(parameters, dict) or not parameters:
        raise ValueError(tr("save_parameters: parameters must be a non-empty dict of arrays, got {parameters_type}",
                            parameters_type=type(parameters).__name__))
    arrays = {}
    for name, value in parameters.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(tr("save_parameters: parameter names must be identifiers such as 'W1', got {name!r}",
                                name=name))
        arrays[name] = np.asarray(value)
        if arrays[name].dtype == object:
            raise ValueError(tr("save_parameters: parameter {name!r} is not an array of numbers", name=name))
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)
    return path


def load_parameters(path):
    """Load parameters saved by save_parameters.

    Arguments:
    path -- the .npz file (the suffix may be left out)

    Returns:
    parameters -- dict name -> NumPy array, in the order they were saved
    """
    path = Path(path)
    if not path.exists() and path.suffix != ".npz" and path.with_name(path.name + ".npz").exists():
        path = path.with_name(path.name + ".npz")
    if not path.exists():
        raise FileNotFoundError(tr("load_parameters: no saved parameters at {path}. Train the model and call "
                                   "save_parameters first, or check the file name.", path=path))
    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}
