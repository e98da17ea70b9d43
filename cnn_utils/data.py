"""Loading Fashion-MNIST from the course's h5 files, and the mini-batch helpers of the full model."""

import os
from pathlib import Path

import numpy as np

from .i18n import tr

TRAIN_FILE = "train_fashion_mnist.h5"
TEST_FILE = "test_fashion_mnist.h5"
DATA_DIR_VARIABLE = "CNN_UTILS_DATA_DIR"

def _restore_hint():
    return tr("Restore it with `git checkout -- datasets/` from the course folder, or rebuild it from the original "
              "files with `python datasets/make_fashion_mnist.py` (needs Debian's dataset-fashion-mnist package).")


class DatasetError(RuntimeError):
    """A dataset file is missing or damaged; the message names the file and how to restore it."""


def find_data_dir():
    """The folder that holds the course's h5 files.

    Looked for, in this order: the folder named by the environment variable CNN_UTILS_DATA_DIR; `datasets/` beside
    the cnn_utils package (the course repository); `datasets/` in the current folder or any folder above it.
    """
    if os.environ.get(DATA_DIR_VARIABLE):
        return Path(os.environ[DATA_DIR_VARIABLE])
    candidates = [Path(__file__).resolve().parent.parent / "datasets"]
    cwd = Path.cwd().resolve()
    candidates += [folder / "datasets" for folder in (cwd, *cwd.parents)]
    for candidate in candidates:
        if (candidate / TRAIN_FILE).exists():
            return candidate
    raise DatasetError(
        tr("Cannot find the course's dataset file {file}. Looked in: {folders} and the folders above. Set {variable} "
           "to the folder holding it, or run from inside the course repository. {hint}", file=TRAIN_FILE,
           folders=", ".join(str(c) for c in candidates[:3]), variable=DATA_DIR_VARIABLE, hint=_restore_hint())
    )


def _read_h5(path, keys):
    import h5py  # imported here so that `import cnn_utils` stays fast for the notebooks that never load data

    if not path.exists():
        raise DatasetError(tr("Dataset file {path} is missing. {hint}", path=path, hint=_restore_hint()))
    try:
        with h5py.File(path, "r") as f:
            return [f[key][()] for key in keys]
    except (OSError, KeyError) as error:
        head = path.read_bytes()[:40]
        reason = tr("it is a Git LFS pointer, not the data") if head.startswith(b"version https://git-lfs") else error
        raise DatasetError(tr("Dataset file {path} is damaged ({reason}). {hint}", path=path, reason=reason,
                              hint=_restore_hint())) from error


def load_dataset():
    """Load Fashion-MNIST as the course uses it.

    Returns:
    train_set_x_orig -- uint8 array (60000, 28, 28, 1), pixel values 0..255
    train_set_y_orig -- int64 array (1, 60000), labels 0..9
    test_set_x_orig  -- uint8 array (10000, 28, 28, 1)
    test_set_y_orig  -- int64 array (1, 10000)
    classes          -- str array (10,), the class names, index = label
    """
    data_dir = find_data_dir()
    train_x, train_y, classes = _read_h5(data_dir / TRAIN_FILE, ["train_set_x", "train_set_y", "list_classes"])
    test_x, test_y = _read_h5(data_dir / TEST_FILE, ["test_set_x", "test_set_y"])
    classes = np.array([name.decode() for name in classes])
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes


def convert_to_one_hot(Y, C):
    """One-hot encode labels.

    Arguments:
    Y -- integer labels in 0..C-1, any shape with m elements (e.g. (1, m) as load_dataset returns them)
    C -- number of classes

    Returns:
    one_hot -- float array (C, m); column j is the one-hot vector of the j-th label
    """
    labels = np.asarray(Y).reshape(-1)
    if labels.size and (labels.min() < 0 or labels.max() >= C):
        raise ValueError(tr("convert_to_one_hot: labels must lie in 0..{largest}, got values from {labels_min} to "
                            "{labels_max}", largest=C - 1, labels_min=labels.min(), labels_max=labels.max()))
    return np.eye(C)[labels].T


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """Shuffle (X, Y) together and cut them into mini-batches.

    Arguments:
    X -- input data (m, n_H, n_W, n_C)
    Y -- labels, either (m, C) one-hot / (m,) integers (examples on the first axis), or (C, m) / (1, m) as
         convert_to_one_hot and load_dataset return them (examples on the last axis)
    mini_batch_size -- size of each mini-batch; the last one holds the remainder
    seed -- seed of the shuffle, so that a run can be repeated

    Returns:
    mini_batches -- list of (mini_batch_X, mini_batch_Y), X slices (size, n_H, n_W, n_C), Y sliced along the same
                    examples axis it came with
    """
    X = np.asarray(X)
    Y = np.asarray(Y)
    if X.ndim != 4:
        raise ValueError(tr("random_mini_batches: X must have shape (m, n_H, n_W, n_C), got shape {X_shape}",
                            X_shape=X.shape))
    m = X.shape[0]
    if Y.shape[0] == m:
        examples_axis = 0
    elif Y.ndim == 2 and Y.shape[1] == m:
        examples_axis = 1
    else:
        raise ValueError(tr("random_mini_batches: X holds {m} examples but Y has shape {Y_shape}; expected ({m}, "
                            "...) or (C, {m})", m=m, Y_shape=Y.shape))
    if mini_batch_size < 1:
        raise ValueError(tr("random_mini_batches: mini_batch_size must be at least 1, got {mini_batch_size}",
                            mini_batch_size=mini_batch_size))
    permutation = np.random.default_rng(seed).permutation(m)
    batches = []
    for start in range(0, m, mini_batch_size):
        index = permutation[start:start + mini_batch_size]
        batches.append((X[index], np.take(Y, index, axis=examples_axis)))
    return batches
