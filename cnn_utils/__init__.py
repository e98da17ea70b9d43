"""Helpers for the course "Convolutional Networks from Scratch in NumPy": data, checks, gradient checking, plots,
layers and grading. `cnn_utils.load_dataset()` loads Fashion-MNIST from the course's h5 files."""

from .data import load_dataset

__all__ = ["load_dataset"]
