"""Convert the original Fashion-MNIST IDX files into the course's compressed h5 files.

Usage (from the repository root):
    apt-get install dataset-fashion-mnist          # Debian: installs the IDX files
    python datasets/make_fashion_mnist.py [SOURCE_DIR]

SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist. The sha256 of every source file is checked against the
values below and stored in the h5 attributes, so a shipped file says exactly what it was made from.
"""

import gzip
import hashlib
import sys
from pathlib import Path

import h5py
import numpy as np

DEFAULT_SOURCE = Path("/usr/share/datasets/fashion-mnist")
HERE = Path(__file__).resolve().parent

SOURCE_SHA256 = {
    "train-images-idx3-ubyte.gz": "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7",
    "train-labels-idx1-ubyte.gz": "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056",
    "t10k-images-idx3-ubyte.gz": "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa",
    "t10k-labels-idx1-ubyte.gz": "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05",
}

CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

# (output file, split prefix in the h5 keys, images file, labels file)
SPLITS = [
    ("train_fashion_mnist.h5", "train", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    ("test_fashion_mnist.h5", "test", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
]


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def read_idx(path):
    """Read a gzipped IDX file (the format of the original MNIST files) into a uint8 array."""
    raw = gzip.decompress(Path(path).read_bytes())
    magic = int.from_bytes(raw[0:4], "big")
    if magic >> 8 != 0x08:  # 0x08 = unsigned byte data
        raise ValueError(f"{path}: not an IDX file of unsigned bytes (magic number {magic:#x})")
    n_dims = magic & 0xFF
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(n_dims))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * n_dims).reshape(shape)


def convert(source_dir, out_dir):
    source_dir = Path(source_dir)
    for name, expected in SOURCE_SHA256.items():
        actual = sha256(source_dir / name)
        if actual != expected:
            raise SystemExit(f"{source_dir / name}: sha256 {actual} is not the published file's {expected}")
    for out_name, split, images_name, labels_name in SPLITS:
        images = read_idx(source_dir / images_name)[..., np.newaxis]  # (m, 28, 28, 1)
        labels = read_idx(source_dir / labels_name).astype(np.int64)
        with h5py.File(out_dir / out_name, "w", track_order=True) as f:
            # Fixed creation times keep the file byte-identical from one run to the next.
            kwargs = dict(compression="gzip", compression_opts=9, shuffle=True, track_times=False)
            f.create_dataset(f"{split}_set_x", data=images, chunks=(1000, 28, 28, 1), **kwargs)
            f.create_dataset(f"{split}_set_y", data=labels, **kwargs)
            f.create_dataset("list_classes", data=np.array(CLASSES, dtype="S"), track_times=False)
            f.attrs["source"] = "Fashion-MNIST, Zalando SE (MIT license), https://github.com/zalandoresearch/fashion-mnist"
            f.attrs["source_images_sha256"] = SOURCE_SHA256[images_name]
            f.attrs["source_labels_sha256"] = SOURCE_SHA256[labels_name]
        print(f"wrote {out_dir / out_name}: {images.shape[0]} images, sha256 {sha256(out_dir / out_name)}")


if __name__ == "__main__":
    convert(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SOURCE, HERE)
