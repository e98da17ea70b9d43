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


def show_maps_with_windows(maps, titles=None, windows=None, cmaps="gray", columns=None, size=2.8, suptitle=None,
                           colorbar=False):
    """Show 2-D maps side by side, with rectangles (windows) drawn on them.

    Arguments:
    maps -- list of 2-D arrays (an (n_H, n_W, 1) array is accepted too)
    titles -- list of titles, one per map, or None
    windows -- list with one entry per map: None, or a list of (top, left, height, width, color) rectangles
               in pixel coordinates of that map
    cmaps -- one colormap for all maps, or a list with one per map; "bwr" maps are drawn with limits symmetric
             around 0 (white = 0, red > 0, blue < 0), as suits edges and gradients. NaN values (e.g. "not
             computed yet") are drawn grey.
    columns -- maps per row (all on one row when None); size -- inches per map
    colorbar -- True to give every map that is not drawn in gray a colorbar, to read its values
    """
    n = len(maps)
    columns = columns or n
    rows = int(np.ceil(n / columns))
    cmaps = [cmaps] * n if isinstance(cmaps, str) else list(cmaps)
    fig, axes = plt.subplots(rows, columns, figsize=(size * columns, (size + 0.25) * rows), squeeze=False)
    for k, ax in enumerate(axes.flat):
        if k >= n:
            ax.axis("off")
            continue
        image = np.asarray(maps[k], dtype=float)
        limits = (None, None)
        if cmaps[k] == "bwr":
            finite = np.abs(image[np.isfinite(image)])
            extent = float(np.max(finite)) if finite.size and np.max(finite) > 0 else 1.0
            limits = (-extent, extent)
        ax.set_facecolor("0.8")  # shows through NaN pixels only
        _gray(ax, image, titles[k] if titles else None, *limits, cmap=cmaps[k])
        if colorbar and cmaps[k] != "gray":
            fig.colorbar(ax.images[0], ax=ax, fraction=0.046, pad=0.04)
        for top, left, height, width, color in (windows[k] if windows and windows[k] else []):
            ax.add_patch(plt.Rectangle((left - 0.5, top - 0.5), width, height, fill=False, edgecolor=color,
                                       linewidth=2))
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def _number_grid(ax, grid, title=None, windows=(), marks=(), fmt="{:.3g}"):
    """Draw a small 2-D array as a table of numbers (pooling figures): light background, coloured windows
    (top, left, height, width, color) outlined, marked cells (row, col) written in bold."""
    grid = np.asarray(grid, dtype=float)
    extent = float(np.max(np.abs(grid))) or 1.0
    ax.imshow(grid, cmap="coolwarm", vmin=-2 * extent, vmax=2 * extent, interpolation="nearest")
    marks = {tuple(m) for m in marks}
    for (r, c), value in np.ndenumerate(grid):
        bold = (r, c) in marks
        ax.text(c, r, fmt.format(value), ha="center", va="center", fontsize=11 if bold else 9,
                fontweight="bold" if bold else "normal")
    for k, (top, left, height, width, color) in enumerate(windows):
        # inside the cells, and staggered, so that overlapping windows stay distinguishable
        inset = 0.05 + 0.07 * (k % 3) if max(height, width) > 1 else 0.08
        ax.add_patch(plt.Rectangle((left - 0.5 + inset, top - 0.5 + inset), width - 2 * inset, height - 2 * inset,
                                   fill=False, edgecolor=color, linewidth=2.5))
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=10)


def _pooling_windows(n_H, n_W, f, stride):
    """The top-left corners of the pooling windows and one colour per window."""
    n_H_out, n_W_out = (n_H - f) // stride + 1, (n_W - f) // stride + 1
    colors = plt.get_cmap("tab10").colors
    return [(h, w, colors[(h * n_W_out + w) % 10]) for h in range(n_H_out) for w in range(n_W_out)], n_H_out, n_W_out


def show_pooling_example(x, f, stride):
    """A small single-channel input x (n_H, n_W) with its f x f windows outlined, and its max and average pooling
    (computed here), each output cell outlined in the colour of its window; the maximum of each window is bold."""
    x = np.asarray(x, dtype=float)
    corners, n_H_out, n_W_out = _pooling_windows(*x.shape, f, stride)
    pooled = {mode: np.zeros((n_H_out, n_W_out)) for mode in ("max", "average")}
    marks = []
    for h, w, _ in corners:
        window = x[h * stride:h * stride + f, w * stride:w * stride + f]
        pooled["max"][h, w], pooled["average"][h, w] = window.max(), window.mean()
        r, c = np.unravel_index(np.argmax(window), window.shape)
        marks.append((h * stride + r, w * stride + c))
    fig, axes = plt.subplots(1, 3, figsize=(9, 3.4), gridspec_kw={"width_ratios": [x.shape[1], n_W_out, n_W_out]})
    _number_grid(axes[0], x, f"input {x.shape[0]}x{x.shape[1]}, f={f}, stride={stride}",
                 [(h * stride, w * stride, f, f, color) for h, w, color in corners], marks)
    for ax, mode in zip(axes[1:], ("max", "average")):
        _number_grid(ax, pooled[mode], f"{mode} pooling", [(h, w, 1, 1, color) for h, w, color in corners])
    fig.tight_layout()
    return fig


def show_pooling_gradient(x, dA, f, stride):
    """Where the upstream gradient dA (n_H_out, n_W_out) goes in a pooling layer's backward pass, on a small
    single-channel input x: to each window's maximum (max pooling; every tied maximum, as in the course) or
    spread evenly over the window (average pooling). Each dA value and its window share a colour."""
    x, dA = np.asarray(x, dtype=float), np.asarray(dA, dtype=float)
    corners, _, _ = _pooling_windows(*x.shape, f, stride)
    grads = {mode: np.zeros(x.shape) for mode in ("max", "average")}
    marks = []
    for h, w, _ in corners:
        rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
        window = x[rows, cols]
        grads["max"][rows, cols] += (window == window.max()) * dA[h, w]
        grads["average"][rows, cols] += dA[h, w] / (f * f)
        marks += [(h * stride + r, w * stride + c) for r, c in np.argwhere(window == window.max())]
    boxes = [(h * stride, w * stride, f, f, color) for h, w, color in corners]
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.4),
                             gridspec_kw={"width_ratios": [x.shape[1], dA.shape[1], x.shape[1], x.shape[1]]})
    _number_grid(axes[0], x, "forward input A_prev", boxes, marks)
    _number_grid(axes[1], dA, "upstream gradient dA", [(h, w, 1, 1, color) for h, w, color in corners])
    _number_grid(axes[2], grads["max"], "dA_prev, max pooling", boxes, marks)
    _number_grid(axes[3], grads["average"], "dA_prev, average pooling", boxes)
    fig.tight_layout()
    return fig


def show_pooled_maps(image, maps, titles):
    """A real image, then feature maps of different sizes (e.g. a map and its max and average pooling) drawn at the
    same size and on one shared grey scale (0 to the largest value of maps[0]), so that brightness compares across
    panels: a pooled map that looks darker really holds smaller values."""
    vmax = float(np.max(maps[0])) or 1.0
    fig, axes = plt.subplots(1, len(maps) + 1, figsize=(2.5 * (len(maps) + 1) + 0.6, 2.8))
    _gray(axes[0], image, "image")
    for ax, feature_map, title in zip(axes[1:], maps, titles):
        shown = ax.imshow(np.squeeze(feature_map), cmap="gray", vmin=0, vmax=vmax, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title, fontsize=9)
    fig.colorbar(shown, ax=list(axes[1:]), fraction=0.02, pad=0.02)
    return fig
