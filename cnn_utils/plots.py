"""Figures the notebooks show, kept here so that the notebooks stay short."""

import matplotlib.colors
import matplotlib.pyplot as plt
import numpy as np

from .fonts import use_course_fonts
from .i18n import class_name, tr

# Chinese titles and labels need a font with hanzi: the course's, registered as matplotlib's fallback.
use_course_fonts()


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
            label = class_name(classes[label]) if classes is not None else str(label)
        _gray(ax, X[k], label)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def show_padding(image, padded, pad, border_color="tab:blue"):
    """An image beside its zero-padded version, drawn at the same scale, with the original area outlined.

    The added pixels are 0, as black as the background of a Fashion-MNIST image, so on their own they would not
    show: the border is tinted with border_color and each of its pixels is labelled 0 (when the image is small enough
    for the labels to be read)."""
    fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.9), gridspec_kw={"width_ratios": [image.shape[1], padded.shape[1]]})
    vmin, vmax = float(np.min(padded)), float(np.max(padded))
    n_H, n_W = padded.shape[:2]
    _gray(axes[0], image, tr("original {n_H}x{n_W}", n_H=image.shape[0], n_W=image.shape[1]), vmin, vmax)
    _gray(axes[1], padded, tr("zero-padded, pad={pad}: {n_H}x{n_W}\n(tinted: the {added} added zeros)", pad=pad,
                              n_H=n_H, n_W=n_W, added=n_H * n_W - image.shape[0] * image.shape[1]), vmin, vmax)
    border = np.ones((n_H, n_W), dtype=bool)
    border[pad:n_H - pad, pad:n_W - pad] = False
    overlay = np.zeros((n_H, n_W, 4))
    overlay[border] = matplotlib.colors.to_rgba(border_color, 0.55)
    axes[1].imshow(overlay, interpolation="nearest")
    if max(n_H, n_W) <= 40:
        for r, c in np.argwhere(border):
            axes[1].text(c, r, "0", ha="center", va="center", fontsize=4.5, color="white")
    axes[1].add_patch(plt.Rectangle((pad - 0.5, pad - 0.5), image.shape[1], image.shape[0],
                                    fill=False, edgecolor="tab:orange", linewidth=1.5))
    fig.tight_layout()
    return fig


def _write_values(ax, grid, fmt):
    """Write each value of a small 2-D array in its cell of the image drawn on ax, in black or white, whichever reads
    better on the cell's colour."""
    shown = ax.images[0]
    grid = np.asarray(grid, dtype=float)
    if grid.ndim == 3 and grid.shape[-1] == 1:
        grid = grid[..., 0]
    for (r, c), value in np.ndenumerate(grid):
        if not np.isfinite(value):
            continue
        red, green, blue, _ = shown.cmap(shown.norm(value))
        light = 0.299 * red + 0.587 * green + 0.114 * blue > 0.5
        ax.text(c, r, fmt.format(value), ha="center", va="center", fontsize=9, color="black" if light else "white")


def _correlate_same(image, kernel):
    """The stride-1 cross-correlation of a 2-D image with an odd f x f kernel, zero-padded so that the output keeps
    the image's size, computed by the course's conv_forward (None where it is not available: see `_course`)."""
    f = kernel.shape[0]
    if f % 2 == 0 or kernel.shape != (f, f):
        raise ValueError(tr("the kernel must be square with an odd size, got shape {kernel_shape}",
                            kernel_shape=kernel.shape))
    conv_forward = _course("forward_conv", "conv_forward")
    if conv_forward is None:
        return None
    A = np.asarray(image, dtype=float)[None, :, :, None]
    W = np.asarray(kernel, dtype=float)[:, :, None, None]
    Z, _ = conv_forward(A, W, np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": f // 2})
    return Z[0, :, :, 0]


def _course(module, name):
    """The course's correct `name` from cnn_utils.reference.<module>, or None with a note where it is not there: the
    figures borrow what they compute from the reference, which a grading kernel does not have while the notebook
    whose exercises it answers is graded (docs/integrity.md). The figure is then simply not drawn."""
    import importlib

    try:
        return getattr(importlib.import_module(f"cnn_utils.reference.{module}"), name)
    except ImportError:
        print(tr("(This figure is drawn in your own Jupyter; it is left out while the notebook is graded.)"))
        return None


def _shift(image, rows, cols):
    """image moved down by rows and right by cols (negative: up, left); the pixels that come in are 0."""
    n_H, n_W = image.shape
    out = np.zeros_like(image)
    out[max(rows, 0):n_H + min(rows, 0), max(cols, 0):n_W + min(cols, 0)] = \
        image[max(-rows, 0):n_H - max(rows, 0), max(-cols, 0):n_W - max(cols, 0)]
    return out


def show_equivariance(image, kernel, shift=(3, 5)):
    """Translation equivariance, seen on one image: convolving and then shifting gives what shifting and then
    convolving gives.

    Arguments:
    image -- a 2-D image, or (n_H, n_W, 1)
    kernel -- an odd f x f filter; the convolution (a cross-correlation, as everywhere in the course) has stride 1 and
              the zero padding that keeps the size
    shift -- (rows, columns): how far the image moves (down and right when positive); zeros come in at the edge

    Draws the image, the shifted image, and their two outputs, with a cross on the strongest response of the first
    output (among those the shift keeps in view) and at the same place, shifted, on the second. Returns (figure, the
    largest difference between "shift the output" and "the output of the shifted image" at the pixels the shift kept
    inside the image and away from the padding).
    """
    image = np.asarray(image, dtype=float)
    if image.ndim == 3:
        image = image[..., 0]
    kernel = np.asarray(kernel, dtype=float)
    kernel = kernel[..., 0] if kernel.ndim == 3 else kernel
    rows, cols = shift
    moved = _shift(image, rows, cols)
    out, out_moved = _correlate_same(image, kernel), _correlate_same(moved, kernel)
    if out is None:
        return None, float("nan")
    # Compare where neither the zeros that came in nor the padding reach: p + |shift| pixels from every edge.
    margin_r, margin_c = kernel.shape[0] // 2 + abs(rows), kernel.shape[0] // 2 + abs(cols)
    inside = (slice(margin_r, image.shape[0] - margin_r), slice(margin_c, image.shape[1] - margin_c))
    difference = float(np.max(np.abs(_shift(out, rows, cols)[inside] - out_moved[inside])))
    strength = np.zeros(out.shape)
    strength[inside] = np.abs(out[inside])                    # the strongest response that stays in view
    r, c = np.unravel_index(np.argmax(strength), out.shape)
    extent = float(np.max(np.abs(out))) or 1.0
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.6))
    _gray(axes[0], image, tr("image"))
    _gray(axes[1], moved, tr("image shifted by {shift}", shift=shift))
    _gray(axes[2], out, tr("output of the image"), -extent, extent, cmap="bwr")
    _gray(axes[3], out_moved, tr("output of the shifted image\n= the output, shifted by {shift}", shift=shift),
          -extent, extent, cmap="bwr")
    for ax, (y, x) in zip(axes, [(r, c), (r + rows, c + cols), (r, c), (r + rows, c + cols)]):
        ax.plot(x, y, marker="+", color="tab:green", markersize=14, markeredgewidth=2.5)
    axes[3].plot(c, r, marker="+", color="tab:green", markersize=14, markeredgewidth=1, alpha=0.6)
    axes[3].annotate("", xy=(c + cols, r + rows), xytext=(c, r),
                     arrowprops={"arrowstyle": "->", "color": "tab:green", "linewidth": 1.5})
    for ax in axes:
        ax.set_xlim(-0.5, image.shape[1] - 0.5)
        ax.set_ylim(image.shape[0] - 0.5, -0.5)
    fig.tight_layout()
    return fig, difference


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


def show_maps_with_windows(maps, titles=None, windows=None, cmaps="gray", columns=None, size=2.8, suptitle=None,
                           colorbar=False, values=None):
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
    values -- a format such as "{:.2f}" to write every value in its cell (for small maps), None for no numbers
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
        if values:
            _write_values(ax, image, values)
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
    (by the course's pool_forward), each output cell outlined in the colour of its window; the maximum of each window
    is bold."""
    x = np.asarray(x, dtype=float)
    pool_forward = _course("pooling", "pool_forward")
    if pool_forward is None:
        return None
    corners, n_H_out, n_W_out = _pooling_windows(*x.shape, f, stride)
    pooled = {mode: pool_forward(x[None, :, :, None], {"f": f, "stride": stride}, mode)[0][0, :, :, 0]
              for mode in ("max", "average")}
    marks = []
    for h, w, _ in corners:
        window = x[h * stride:h * stride + f, w * stride:w * stride + f]
        r, c = np.unravel_index(np.argmax(window), window.shape)
        marks.append((h * stride + r, w * stride + c))
    fig, axes = plt.subplots(1, 3, figsize=(9, 3.4), gridspec_kw={"width_ratios": [x.shape[1], n_W_out, n_W_out]})
    _number_grid(axes[0], x, tr("input {n_H}x{n_W}, f={f}, stride={stride}", n_H=x.shape[0], n_W=x.shape[1], f=f,
                                stride=stride),
                 [(h * stride, w * stride, f, f, color) for h, w, color in corners], marks)
    for ax, mode in zip(axes[1:], ("max", "average")):
        title = tr("max pooling") if mode == "max" else tr("average pooling")
        _number_grid(ax, pooled[mode], title, [(h, w, 1, 1, color) for h, w, color in corners])
    fig.tight_layout()
    return fig


def show_pooling_gradient(x, dA, f, stride):
    """Where the upstream gradient dA (n_H_out, n_W_out) goes in a pooling layer's backward pass, on a small
    single-channel input x, by the course's pool_backward: to each window's maximum (max pooling; every tied maximum,
    as in the course) or spread evenly over the window (average pooling). Each dA value and its window share a
    colour."""
    x, dA = np.asarray(x, dtype=float), np.asarray(dA, dtype=float)
    pool_backward = _course("pooling", "pool_backward")
    if pool_backward is None:
        return None
    corners, _, _ = _pooling_windows(*x.shape, f, stride)
    cache = (x[None, :, :, None], {"f": f, "stride": stride})
    grads = {mode: pool_backward(dA[None, :, :, None], cache, mode)[0, :, :, 0] for mode in ("max", "average")}
    marks = []
    for h, w, _ in corners:
        window = x[h * stride:h * stride + f, w * stride:w * stride + f]
        marks += [(h * stride + r, w * stride + c) for r, c in np.argwhere(window == window.max())]
    boxes = [(h * stride, w * stride, f, f, color) for h, w, color in corners]
    fig, axes = plt.subplots(1, 4, figsize=(12, 3.4),
                             gridspec_kw={"width_ratios": [x.shape[1], dA.shape[1], x.shape[1], x.shape[1]]})
    _number_grid(axes[0], x, tr("forward input A_prev"), boxes, marks)
    _number_grid(axes[1], dA, tr("upstream gradient dA"), [(h, w, 1, 1, color) for h, w, color in corners])
    _number_grid(axes[2], grads["max"], tr("dA_prev, max pooling"), boxes, marks)
    _number_grid(axes[3], grads["average"], tr("dA_prev, average pooling"), boxes)
    fig.tight_layout()
    return fig


def show_pooled_maps(image, maps, titles):
    """A real image, then feature maps of different sizes (e.g. a map and its max and average pooling) drawn at the
    same size and on one shared grey scale (0 to the largest value of maps[0]), so that brightness compares across
    panels: a pooled map that looks darker really holds smaller values."""
    vmax = float(np.max(maps[0])) or 1.0
    fig, axes = plt.subplots(1, len(maps) + 1, figsize=(2.5 * (len(maps) + 1) + 0.6, 2.8))
    _gray(axes[0], image, tr("image"))
    for ax, feature_map, title in zip(axes[1:], maps, titles):
        shown = ax.imshow(np.squeeze(feature_map), cmap="gray", vmin=0, vmax=vmax, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title, fontsize=9)
    fig.colorbar(shown, ax=list(axes[1:]), fraction=0.02, pad=0.02)
    return fig


def show_im2col(n=4, f=2, stride=1):
    """im2col on an n x n single-channel image whose pixels are numbered: the image with two overlapping windows
    outlined, and the matrix with one row per window (its pixels, row by row). The centre pixels appear in several
    rows, which is why col2im must add, not copy, when it puts the rows back."""
    image = np.arange(n * n).reshape(n, n)
    n_out = (n - f) // stride + 1
    rows = [image[h * stride:h * stride + f, w * stride:w * stride + f].ravel()
            for h in range(n_out) for w in range(n_out)]
    cols = np.array(rows)
    counts = np.bincount(cols.ravel(), minlength=n * n)
    shared = int(np.argmax(counts))
    cmap = plt.get_cmap("tab20")
    fig, axes = plt.subplots(1, 2, figsize=(8, 4.2), gridspec_kw={"width_ratios": [n, cols.shape[1] * 1.2]})
    for ax, grid, title in ((axes[0], image, tr("image {n}x{n} (pixel numbers)", n=n)),
                            (axes[1], cols, tr("im2col: {windows} windows x {pixels} pixels",
                                               windows=len(rows), pixels=f * f))):
        ax.imshow(grid % 20, cmap=cmap, vmin=0, vmax=19, alpha=0.45, interpolation="nearest")
        for (r, c), value in np.ndenumerate(grid):
            bold = value == shared
            ax.text(c, r, str(value), ha="center", va="center", fontsize=11 if bold else 9,
                    fontweight="bold" if bold else "normal", color="black")
            if bold:
                ax.add_patch(plt.Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, edgecolor="tab:red", linewidth=2))
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title, fontsize=10)
    for k, color in ((0, "tab:orange"), (1, "tab:blue")):
        top, left = divmod(k, n_out)
        axes[0].add_patch(plt.Rectangle((left * stride - 0.5, top * stride - 0.5), f, f, fill=False, edgecolor=color,
                                        linewidth=2.5, linestyle="-" if k == 0 else "--"))
        axes[1].add_patch(plt.Rectangle((-0.5, k - 0.5), f * f, 1, fill=False, edgecolor=color, linewidth=2.5,
                                        linestyle="-" if k == 0 else "--"))
    axes[1].set_yticks(range(len(rows)))
    axes[1].set_yticklabels([tr("window ({h}, {w})", h=h, w=w) for h in range(n_out) for w in range(n_out)],
                            fontsize=8)
    fig.suptitle(tr("f = {f}, stride = {stride}: pixel {shared} (red) lies in {count} windows, so it appears in "
                    "{count} rows", f=f, stride=stride, shared=shared, count=counts[shared]), fontsize=10)
    fig.tight_layout()
    return fig


def show_speedup(labels, naive_seconds, fast_seconds, title=None):
    """Grouped bars (log scale) of the time of the loop and the vectorized version of each operation, with the
    speed-up written above each pair; title None: "loops vs vectorized", in the course's language."""
    title = tr("loops vs vectorized") if title is None else title
    x = np.arange(len(labels))
    naive_seconds = np.asarray(naive_seconds, dtype=float)
    fast_seconds = np.asarray(fast_seconds, dtype=float)
    fig, ax = plt.subplots(figsize=(max(7.0, 1.1 * len(labels) + 3.5), 4))
    ax.bar(x - 0.2, naive_seconds * 1e3, width=0.4, label=tr("loops (cnn_utils.reference)"), color="tab:gray")
    ax.bar(x + 0.2, fast_seconds * 1e3, width=0.4, label=tr("vectorized (yours)"), color="tab:green")
    ax.set_yscale("log")
    ax.set_ylabel(tr("time per call (ms, log scale)"))
    ax.set_xticks(x)
    ax.set_xticklabels(labels, fontsize=8)
    for k in range(len(labels)):
        ax.text(x[k], naive_seconds[k] * 1e3 * 1.3, f"{naive_seconds[k] / fast_seconds[k]:.0f}x", ha="center",
                fontsize=9, fontweight="bold")
    ax.set_ylim(top=ax.get_ylim()[1] * 3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def show_window_grid(view, title=None):
    """The windows of one image and one channel, view of shape (n_H, n_W, f, f), each drawn in its place with a
    small gap between neighbours, all on the same gray scale."""
    n_H, n_W = view.shape[:2]
    fig, axes = plt.subplots(n_H, n_W, figsize=(0.9 * n_W + 0.4, 0.9 * n_H + 0.6), squeeze=False)
    vmin, vmax = float(np.min(view)), float(np.max(view))
    for (h, w), ax in np.ndenumerate(axes):
        _gray(ax, view[h, w], vmin=vmin, vmax=vmax)
    fig.subplots_adjust(wspace=0.08, hspace=0.08)
    if title:
        fig.suptitle(title, fontsize=10)
    return fig


def show_coverage(counts, titles):
    """Integer maps (e.g. how many windows contain each pixel) side by side, on one colour scale, with the numbers
    written in the cells."""
    vmax = max(float(np.max(c)) for c in counts)
    fig, axes = plt.subplots(1, len(counts), figsize=(2.8 * len(counts), 3.0), squeeze=False)
    for ax, c, title in zip(axes[0], counts, titles):
        ax.imshow(c, cmap="viridis", vmin=0, vmax=vmax, interpolation="nearest")
        for (r, q), n in np.ndenumerate(c):
            ax.text(q, r, int(n), ha="center", va="center", fontsize=6, color="white" if n < vmax / 2 else "black")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title, fontsize=9)
    fig.tight_layout()
    return fig


def show_training_curves(history, steps_per_epoch=None, window=50, test_accuracy=None):
    """The loss and the accuracy of every training step (thin lines) with their moving average over `window` steps
    (thick lines), side by side.

    Arguments:
    history -- dict with "loss" and "accuracy", one value per mini-batch step (what the notebook's train returns)
    steps_per_epoch -- when given, the x axis counts epochs instead of steps
    window -- steps in the moving average (shortened when there are fewer steps)
    test_accuracy -- when given, drawn as a dashed line on the accuracy panel
    """
    loss = np.asarray(history["loss"], dtype=float)
    accuracy = np.asarray(history["accuracy"], dtype=float)
    x = np.arange(1, len(loss) + 1, dtype=float)
    unit = tr("step")
    if steps_per_epoch:
        x, unit = x / steps_per_epoch, tr("epoch")
    window = max(1, min(window, len(loss) // 5 or 1))
    kernel = np.ones(window) / window
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    for ax, values, title in ((axes[0], loss, tr("training loss")), (axes[1], accuracy, tr("training accuracy"))):
        ax.plot(x, values, color="tab:blue", alpha=0.25, linewidth=0.8, label=tr("one mini-batch"))
        if len(values) >= window:
            smooth = np.convolve(values, kernel, mode="valid")
            ax.plot(x[window - 1:], smooth, color="tab:blue", linewidth=2, label=tr("average of {window} steps",
                                                                                    window=window))
        ax.set_xlabel(unit)
        ax.set_title(title)
        ax.grid(alpha=0.3)
    axes[0].set_ylim(bottom=0)
    axes[1].set_ylim(top=1.0)
    if test_accuracy is not None:
        axes[1].axhline(test_accuracy, color="tab:orange", linestyle="--",
                        label=tr("test accuracy {test_accuracy:.1%}", test_accuracy=test_accuracy))
    axes[0].legend(fontsize=8)
    axes[1].legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def show_confusion_matrix(confusion, classes, title=None):
    """A confusion matrix (n_classes, n_classes) of counts, coloured by the share of each row (each true class),
    with the counts written in the cells; title None: "confusion matrix (rows: true class, columns: predicted)", in
    the course's language."""
    title = tr("confusion matrix (rows: true class, columns: predicted)") if title is None else title
    confusion = np.asarray(confusion)
    shares = confusion / np.maximum(confusion.sum(axis=1, keepdims=True), 1)
    n = len(classes)
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
    for (i, j), count in np.ndenumerate(confusion):
        if count:
            ax.text(j, i, str(count), ha="center", va="center", fontsize=8,
                    color="white" if shares[i, j] > 0.5 else "black")
    ax.set_xticks(range(n))
    ax.set_xticklabels([class_name(c) for c in classes], rotation=45, ha="right", fontsize=9)
    ax.set_yticks(range(n))
    ax.set_yticklabels([class_name(c) for c in classes], fontsize=9)
    ax.set_xlabel(tr("predicted class"))
    ax.set_ylabel(tr("true class"))
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def show_confused_examples(X, y_true, y_pred, classes, pairs, n=8):
    """For each (true class, predicted class) pair, one row of up to n test images of the true class that the model
    took for the predicted one."""
    y_true, y_pred = np.ravel(y_true), np.ravel(y_pred)
    fig, axes = plt.subplots(len(pairs), n, figsize=(1.3 * n, 1.55 * len(pairs) + 0.2), squeeze=False)
    for row, (true_class, predicted_class) in enumerate(pairs):
        index = np.flatnonzero((y_true == true_class) & (y_pred == predicted_class))[:n]
        for k, ax in enumerate(axes[row]):
            if k < len(index):
                _gray(ax, X[index[k]])
            else:
                ax.axis("off")
        axes[row, 0].set_title(tr("{true_class} taken for {predicted_class}",
                                  true_class=class_name(classes[true_class]),
                                  predicted_class=class_name(classes[predicted_class])), fontsize=9,
                               loc="left")
    fig.tight_layout()
    return fig


def show_learned_filters(W, feature_maps=None, image=None, columns=8):
    """The filters of a first convolution layer, W (f, f, 1, n_C), as images (red: positive weight, blue: negative,
    white: 0, each filter on its own symmetric scale); when feature_maps (n_H, n_W, n_C) is given, each filter's
    output on `image` is drawn under it."""
    W = np.asarray(W)
    n_C = W.shape[-1]
    rows_per_group = 2 if feature_maps is not None else 1
    groups = int(np.ceil(n_C / columns))
    extra = 1 if image is not None else 0
    fig, axes = plt.subplots(groups * rows_per_group, columns + extra,
                             figsize=(1.25 * (columns + extra), 1.35 * groups * rows_per_group), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    if image is not None:
        _gray(axes[0, 0], image, "input")
        axes[0, 0].axis("on")
    for c in range(n_C):
        group, column = divmod(c, columns)
        ax = axes[group * rows_per_group, column + extra]
        kernel = W[:, :, 0, c]
        extent = float(np.max(np.abs(kernel))) or 1.0
        _gray(ax, kernel, f"filter {c}", -extent, extent, cmap="bwr")
        ax.axis("on")
        if feature_maps is not None:
            below = axes[group * rows_per_group + 1, column + extra]
            _gray(below, feature_maps[..., c])
            below.axis("on")
    fig.tight_layout()
    return fig
