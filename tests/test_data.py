"""The shipped dataset files and cnn_utils.data."""

import hashlib
import shutil

import h5py
import numpy as np
import pytest
from course import REPO

from cnn_utils import data

DATASETS = REPO / "datasets"


def shipped_checksums():
    lines = (DATASETS / "SHA256SUMS").read_text().split("\n")
    return {name: digest for digest, name in (line.split() for line in lines if line.strip())}


def test_shipped_files_match_their_checksums():
    checksums = shipped_checksums()
    assert set(checksums) == {data.TRAIN_FILE, data.TEST_FILE}
    for name, digest in checksums.items():
        assert hashlib.sha256((DATASETS / name).read_bytes()).hexdigest() == digest, f"{name} changed"


def test_shipped_files_record_their_sources():
    import sys
    sys.path.insert(0, str(DATASETS))
    from make_fashion_mnist import SOURCE_SHA256
    with h5py.File(DATASETS / data.TRAIN_FILE) as f:
        assert f.attrs["source_images_sha256"] == SOURCE_SHA256["train-images-idx3-ubyte.gz"]
        assert "MIT" in f.attrs["source"]


@pytest.fixture(scope="module")
def dataset():
    return data.load_dataset()


def test_load_dataset_shapes_and_dtypes(dataset):
    train_x, train_y, test_x, test_y, classes = dataset
    assert train_x.shape == (60000, 28, 28, 1) and train_x.dtype == np.uint8
    assert test_x.shape == (10000, 28, 28, 1) and test_x.dtype == np.uint8
    assert train_y.shape == (1, 60000) and test_y.shape == (1, 10000)
    assert list(classes[:3]) == ["T-shirt/top", "Trouser", "Pullover"] and len(classes) == 10
    assert train_x.max() == 255 and train_x.min() == 0


def test_load_dataset_is_available_at_the_top_of_the_package():
    import cnn_utils
    from cnn_utils.data import load_dataset

    assert cnn_utils.load_dataset is load_dataset


def test_labels_are_balanced(dataset):
    _, train_y, _, test_y, _ = dataset
    assert np.bincount(train_y.ravel()).tolist() == [6000] * 10
    assert np.bincount(test_y.ravel()).tolist() == [1000] * 10


def test_first_images_are_the_published_ones(dataset):
    """Fashion-MNIST's first training labels are 9 0 0 3 0 2 7 2 5 5 (ankle boot, T-shirt, ...)."""
    assert dataset[1][0, :10].tolist() == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]


def test_load_dataset_works_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert data.load_dataset()[0].shape[0] == 60000


def test_missing_file_names_it_and_says_how_to_restore(tmp_path, monkeypatch):
    shutil.copy(DATASETS / data.TRAIN_FILE, tmp_path)
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(data.DatasetError, match=r"test_fashion_mnist\.h5 is missing.*git checkout -- datasets/"):
        data.load_dataset()


def test_damaged_file_names_it_and_says_how_to_restore(tmp_path, monkeypatch):
    (tmp_path / data.TRAIN_FILE).write_bytes(b"not an hdf5 file at all")
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(data.DatasetError, match=r"train_fashion_mnist\.h5 is damaged.*make_fashion_mnist\.py"):
        data.load_dataset()


def test_lfs_pointer_is_recognised(tmp_path, monkeypatch):
    (tmp_path / data.TRAIN_FILE).write_text("version https://git-lfs.github.com/spec/v1\noid sha256:abc\n")
    monkeypatch.setenv(data.DATA_DIR_VARIABLE, str(tmp_path))
    with pytest.raises(data.DatasetError, match="Git LFS pointer"):
        data.load_dataset()


def test_convert_to_one_hot():
    one_hot = data.convert_to_one_hot(np.array([[2, 0, 1, 2]]), 3)
    assert one_hot.tolist() == [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]]
    with pytest.raises(ValueError, match=r"labels must lie in 0\.\.2"):
        data.convert_to_one_hot(np.array([3]), 3)


def test_random_mini_batches_cover_every_example_once():
    X = np.arange(10 * 2 * 2 * 1, dtype=float).reshape(10, 2, 2, 1)
    Y = np.arange(10).reshape(1, 10)
    batches = data.random_mini_batches(X, Y, mini_batch_size=4, seed=3)
    assert [b[0].shape[0] for b in batches] == [4, 4, 2]
    labels = np.concatenate([b[1] for b in batches], axis=1).ravel()
    assert sorted(labels.tolist()) == list(range(10)) and labels.tolist() != list(range(10))
    for batch_x, batch_y in batches:  # every image still travels with its own label
        assert np.array_equal(batch_x[:, 0, 0, 0], batch_y.ravel() * 4.0)
    again = data.random_mini_batches(X, Y, mini_batch_size=4, seed=3)
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(batches, again))


def test_random_mini_batches_accepts_examples_first_labels():
    X = np.zeros((6, 2, 2, 1))
    batches = data.random_mini_batches(X, np.eye(6), mini_batch_size=5)
    assert [b[1].shape for b in batches] == [(5, 6), (1, 6)]


def test_random_mini_batches_rejects_wrong_shapes():
    with pytest.raises(ValueError, match=r"X must have shape \(m, n_H, n_W, n_C\), got shape \(6, 4\)"):
        data.random_mini_batches(np.zeros((6, 4)), np.zeros((1, 6)))
    with pytest.raises(ValueError, match=r"X holds 6 examples but Y has shape \(1, 5\)"):
        data.random_mini_batches(np.zeros((6, 2, 2, 1)), np.zeros((1, 5)))
