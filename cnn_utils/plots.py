"""Figures the notebooks show, kept here so that the notebooks stay short."""

import matplotlib.pyplot as plt
import numpy as np


def _gray(ax, image, title=None, vmin=None, vmax=None, cmap="gray"):
    image = np.asarray(image)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    ax.imshow(image, cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=9)


def show_images(X, y=None, classes=None, n=10, columns=10, title=None):
    """Show the first n images of X (m, n_H, n_W, 1 or 3), each with its label's class name when given."""
    n = min(n, len(X))
    rows = int(np.ceil(n / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(1.3 * columns, 1.5 * rows), squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= n:
            ax.axis("off")
            continue
        label = None
        if y is not None:
            label = int(np.ravel(y)[k])
            label = classes[label] if classes is not None else str(label)
        _gray(ax, X[k], label)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def show_padding(image, padded, pad):
    """An image beside its zero-padded version, drawn at the same scale, with the original area outlined."""
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.6), gridspec_kw={"width_ratios": [image.shape[1], padded.shape[1]]})
    vmin, vmax = float(np.min(padded)), float(np.max(padded))
    _gray(axes[0], image, f"original {image.shape[0]}x{image.shape[1]}", vmin, vmax)
    _gray(axes[1], padded, f"zero-padded, pad={pad}: {padded.shape[0]}x{padded.shape[1]}", vmin, vmax)
    axes[1].add_patch(plt.Rectangle((pad - 0.5, pad - 0.5), image.shape[1], image.shape[0],
                                    fill=False, edgecolor="tab:orange", linewidth=1.5))
    fig.tight_layout()
    return fig


def show_window(image, top, left, f, stride=None, title=None):
    """An image with one f x f window outlined (and the next window to the right, when a stride is given)."""
    fig, ax = plt.subplots(figsize=(3.6, 3.6))
    _gray(ax, image, title)
    ax.add_patch(plt.Rectangle((left - 0.5, top - 0.5), f, f, fill=False, edgecolor="tab:orange", linewidth=2))
    if stride:
        ax.add_patch(plt.Rectangle((left + stride - 0.5, top - 0.5), f, f, fill=False, edgecolor="tab:cyan",
                                   linewidth=1.5, linestyle="--"))
    fig.tight_layout()
    return fig


def show_feature_maps(maps, titles=None, columns=4, cmap="gray", suptitle=None):
    """Show feature maps, either a list of 2-D arrays or one array (n_H, n_W, n_C) shown channel by channel."""
    if isinstance(maps, np.ndarray) and maps.ndim == 3:
        maps = [maps[..., c] for c in range(maps.shape[-1])]
    columns = min(columns, len(maps))
    rows = int(np.ceil(len(maps) / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(2.4 * columns, 2.5 * rows), squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= len(maps):
            ax.axis("off")
            continue
        _gray(ax, maps[k], titles[k] if titles else None, cmap=cmap)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def show_filters(W, title=None, columns=8):
    """Show conv filters W (f, f, n_C_prev, n_C): one image per output channel (the first input channel)."""
    maps = [W[:, :, 0, c] for c in range(W.shape[-1])]
    return show_feature_maps(maps, [f"filter {c}" for c in range(len(maps))], columns=columns, cmap="bwr",
                             suptitle=title)
