"""The similarity report (cnn_grading.similarity): copies are found, independent solutions are not, nothing crashes.

A temporary course holds the repository's real release and solution notebooks of 02_conv_forward and 04_pooling, and
hand-written submissions: a student's own solution and a near-copy of it (variables renamed, helper functions
reordered, comments and spacing changed), disguised copies of another student and of the public solution,
independent correct solutions of different shapes (loops with helpers, the notebook's recipe, sliding windows +
tensordot, einsum over gathered windows, loops over positions only), and broken submissions. Every hand-written
solution is first checked against the public solution, so the independent ones are really correct.

The scores these cases get are the numbers behind the default threshold (docs/grading.md, "Similarity report").
"""

import csv
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from cnn_grading import similarity

REPO = Path(__file__).resolve().parent.parent
THRESHOLD = similarity.DEFAULT_THRESHOLD

# --- 02_conv_forward: one exercise ---------------------------------------------------------------------------------

# Alice's own loops, with two helper functions of her own.
ALICE = '''
def _out_size(n, f, pad, stride):
    return 1 + (n + 2 * pad - f) // stride


def _patch(padded, row, col, f, stride):
    top, left = row * stride, col * stride
    return padded[top:top + f, left:left + f, :]


def conv_forward(A_prev, W, b, hparameters):
    stride, pad = hparameters["stride"], hparameters["pad"]
    batch, height, width, _ = A_prev.shape
    size, _, _, filters = W.shape
    out_h = _out_size(height, size, pad, stride)
    out_w = _out_size(width, size, pad, stride)
    padded = zero_pad(A_prev, pad)
    Z = np.empty((batch, out_h, out_w, filters))
    for example in range(batch):
        image = padded[example]
        for row in range(out_h):
            for col in range(out_w):
                patch = _patch(image, row, col, size, stride)
                for k in range(filters):
                    Z[example, row, col, k] = np.sum(patch * W[..., k]) + b[0, 0, 0, k]
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

# Bob's copy of Alice: every name changed, the helpers after the function, other comments and spacing.
BOB = '''
def conv_forward(A_prev, W, b, hparameters):
    # convolution: slide each filter over the padded input
    s, p = hparameters["stride"], hparameters["pad"]
    n_img, H, Wd, _ = A_prev.shape
    fsz, _, _, nf = W.shape
    H_out = output_dim(H, fsz, p, s)
    W_out = output_dim(Wd, fsz, p, s)
    Xp = zero_pad(A_prev, p)
    Z = np.empty((n_img, H_out, W_out, nf))
    for n in range(n_img):
        img = Xp[n]
        for y in range(H_out):
            for x in range(W_out):
                win = get_window(img, y, x, fsz, s)   # the f x f window
                for q in range(nf):
                    Z[n, y, x, q] = np.sum(win * W[..., q]) + b[0, 0, 0, q]
    cache = (A_prev, W, b, hparameters)
    return Z, cache


def get_window(img, y, x, fsz, s):
    y0, x0 = y * s, x * s
    return img[y0:y0 + fsz, x0:x0 + fsz, :]


def output_dim(size, fsz, p, s):
    # size of the output along one axis
    return 1 + (size + 2 * p - fsz) // s
'''

# Bert's copy of Alice rewritten line by line: every statement reformulated, the row and column loops swapped.
BERT = '''
def conv_forward(A_prev, W, b, hparameters):
    n_img, H, Wd, _ = A_prev.shape
    fsz, _, _, nf = W.shape
    s = hparameters["stride"]
    p = hparameters["pad"]
    Xp = zero_pad(A_prev, p)
    H_out, W_out = output_dim(H, fsz, p, s), output_dim(Wd, fsz, p, s)
    Z = np.zeros((n_img, H_out, W_out, nf))
    for n in range(n_img):
        img = Xp[n]
        for x in range(W_out):
            for y in range(H_out):
                win = get_window(img, y, x, fsz, s)
                for q in range(nf):
                    Z[n, y, x, q] = (win * W[..., q]).sum() + b[0, 0, 0, q]
    cache = (A_prev, W, b, hparameters)
    return Z, cache


def get_window(img, y, x, fsz, s):
    return img[y * s:y * s + fsz, x * s:x * s + fsz, :]


def output_dim(size, fsz, p, s):
    return (size + 2 * p - fsz) // s + 1
'''

# Carol: no loops, sliding windows and one tensordot.
CAROL = '''
def conv_forward(A_prev, W, b, hparameters):
    from numpy.lib.stride_tricks import sliding_window_view
    s = hparameters["stride"]
    p = hparameters["pad"]
    f = W.shape[0]
    padded = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    windows = sliding_window_view(padded, (f, f), axis=(1, 2))[:, ::s, ::s]
    Z = np.tensordot(windows, W, axes=([3, 4, 5], [2, 0, 1])) + b.reshape(1, 1, 1, -1)
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

# Dave: the windows gathered with index arrays (im2col), then einsum.
DAVE = '''
def conv_forward(A_prev, W, b, hparameters):
    n_images, rows_in, cols_in, channels_in = A_prev.shape
    k = W.shape[0]
    st, pd = hparameters["stride"], hparameters["pad"]
    rows_out = (rows_in + 2 * pd - k) // st + 1
    cols_out = (cols_in + 2 * pd - k) // st + 1
    X = zero_pad(A_prev, pd)
    r = (np.arange(rows_out) * st)[:, None] + np.arange(k)[None, :]
    q = (np.arange(cols_out) * st)[:, None] + np.arange(k)[None, :]
    patches = X[:, r[:, None, :, None], q[None, :, None, :], :]
    Z = np.einsum("mhwijc,ijcn->mhwn", patches, W) + b[0, 0, 0]
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

# Erin: the public solution's loops, names changed.
ERIN = '''
def conv_forward(A_prev, W, b, hparameters):
    n, H_in, W_in, C_in = A_prev.shape
    f, f, C_in, C_out = W.shape
    s = hparameters["stride"]
    p = hparameters["pad"]

    H_out = (H_in - f + 2 * p) // s + 1
    W_out = (W_in - f + 2 * p) // s + 1
    Z = np.zeros((n, H_out, W_out, C_out))

    padded = zero_pad(A_prev, p)
    for ex in range(n):
        img = padded[ex]
        for row in range(H_out):
            top = row * s
            bottom = top + f
            for col in range(W_out):
                left = col * s
                right = left + f
                window = img[top:bottom, left:right, :]
                for k in range(C_out):
                    Z[ex, row, col, k] = conv_single_step(window, W[:, :, :, k], b[:, :, :, k])
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

# Frank, Fay and Finn: the recipe of the notebook's instructions followed line by line, three ways (the canonical
# loops, which the public solution also is).
FRANK = '''
def conv_forward(A_prev, W, b, hparameters):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters['stride']
    pad = hparameters['pad']
    n_H = int((n_H_prev - f + 2 * pad) / stride) + 1
    n_W = int((n_W_prev - f + 2 * pad) / stride) + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vert_start = h * stride
                    vert_end = vert_start + f
                    horiz_start = w * stride
                    horiz_end = horiz_start + f
                    a_slice_prev = A_prev_pad[i, vert_start:vert_end, horiz_start:horiz_end, :]
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

FAY = '''
def conv_forward(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f = W.shape[0]
    n_C = W.shape[3]
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    n_H = (n_H_prev - f + 2 * pad) // stride + 1
    n_W = (n_W_prev - f + 2 * pad) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_slice_prev = A_prev_pad[i][vert_start:vert_end, horiz_start:horiz_end, :]
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

FINN = '''
def conv_forward(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = 1 + (n_H_prev + 2 * pad - f) // stride
    n_W = 1 + (n_W_prev + 2 * pad - f) // stride
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            for w in range(n_W):
                vert_start, horiz_start = h * stride, w * stride
                a_slice_prev = a_prev_pad[vert_start:vert_start + f, horiz_start:horiz_start + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

# Gina: loops over the output positions only, every example and filter at once.
GINA = '''
def conv_forward(A_prev, W, b, hparameters):
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    f = W.shape[0]
    padded = zero_pad(A_prev, pad)
    n_H = (padded.shape[1] - f) // stride + 1
    n_W = (padded.shape[2] - f) // stride + 1
    Z = np.zeros((A_prev.shape[0], n_H, n_W, W.shape[3]))
    for h in range(n_H):
        for w in range(n_W):
            block = padded[:, h * stride:h * stride + f, w * stride:w * stride + f, :]
            Z[:, h, w, :] = np.tensordot(block, W, axes=3)
    Z += b.reshape(-1)
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

# Ivan's copy of Dave: names changed, statements split and moved, the letters of the einsum changed.
IVAN = '''
def conv_forward(A_prev, W, b, hparameters):
    stride = hparameters["stride"]
    padding = hparameters["pad"]
    m, H, Wi, C = A_prev.shape
    ksize = W.shape[0]
    H2 = (H + 2 * padding - ksize) // stride + 1
    W2 = (Wi + 2 * padding - ksize) // stride + 1
    A_pad = zero_pad(A_prev, padding)
    rows = (np.arange(H2) * stride)[:, None] + np.arange(ksize)[None, :]
    cols = (np.arange(W2) * stride)[:, None] + np.arange(ksize)[None, :]
    windows = A_pad[:, rows[:, None, :, None], cols[None, :, None, :], :]
    Z = np.einsum("nhwabc,abcd->nhwd", windows, W)
    Z = Z + b[0, 0, 0]
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''

# --- 04_pooling --------------------------------------------------------------------------------------------------

# Kim: her own; the forward pass loops over positions only, the backward pass likewise.
KIM = {
    "pool_forward": '''
def pool_forward(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    m, H, W, C = A_prev.shape
    out = np.zeros((m, (H - f) // s + 1, (W - f) // s + 1, C))
    reducer = {"max": np.max, "average": np.mean}[mode]
    for r in range(out.shape[1]):
        for q in range(out.shape[2]):
            out[:, r, q, :] = reducer(A_prev[:, r * s:r * s + f, q * s:q * s + f, :], axis=(1, 2))
    A = out
    cache = (A_prev, hparameters)
    return A, cache
''',
    "create_mask_from_window": '''
def create_mask_from_window(x):
    mask = x >= x.max()
    return mask
''',
    "distribute_value": '''
def distribute_value(dz, shape):
    a = np.ones(shape) * (dz / np.prod(shape))
    return a
''',
    "pool_backward": '''
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    dA_prev = np.zeros(A_prev.shape)
    for r in range(dA.shape[1]):
        for q in range(dA.shape[2]):
            rows, cols = slice(r * s, r * s + f), slice(q * s, q * s + f)
            if mode == "max":
                win = A_prev[:, rows, cols, :]
                hit = win == win.max(axis=(1, 2), keepdims=True)
                dA_prev[:, rows, cols, :] += hit * dA[:, r, q, None, None, :]
            else:
                dA_prev[:, rows, cols, :] += dA[:, r, q, None, None, :] / (f * f)
    return dA_prev
''',
}

# Leo: his own vectorized forward pass and helpers, and Kim's backward pass with other names.
LEO = {
    "pool_forward": '''
def pool_forward(A_prev, hparameters, mode="max"):
    from numpy.lib.stride_tricks import sliding_window_view
    size = hparameters["f"]
    step = hparameters["stride"]
    views = sliding_window_view(A_prev, (size, size), axis=(1, 2))[:, ::step, ::step]
    A = views.max(axis=(-2, -1)) if mode == "max" else views.mean(axis=(-2, -1))
    cache = (A_prev, hparameters)
    return A, cache
''',
    "create_mask_from_window": '''
def create_mask_from_window(x):
    mask = np.equal(x, np.amax(x))
    return mask
''',
    "distribute_value": '''
def distribute_value(dz, shape):
    a = np.full(shape, dz / (shape[0] * shape[1]))
    return a
''',
    "pool_backward": '''
def pool_backward(dA, cache, mode="max"):
    X, hp = cache
    size, step = hp["f"], hp["stride"]
    grad = np.zeros(X.shape)
    for i in range(dA.shape[1]):
        for j in range(dA.shape[2]):
            rs, cs = slice(i * step, i * step + size), slice(j * step, j * step + size)
            if mode == "max":
                patch = X[:, rs, cs, :]
                is_max = patch == patch.max(axis=(1, 2), keepdims=True)
                grad[:, rs, cs, :] += is_max * dA[:, i, j, None, None, :]
            else:
                grad[:, rs, cs, :] += dA[:, i, j, None, None, :] / (size * size)
    dA_prev = grad
    return dA_prev
''',
}

# Mia: the public solution's loops, names changed, the helper exercises left as the solution wrote them.
MIA = {
    "pool_forward": '''
def pool_forward(A_prev, hparameters, mode="max"):
    n, H_in, W_in, C = A_prev.shape
    k = hparameters["f"]
    s = hparameters["stride"]

    H_out = (H_in - k) // s + 1
    W_out = (W_in - k) // s + 1
    A = np.zeros((n, H_out, W_out, C))

    for ex in range(n):
        for row in range(H_out):
            top = row * s
            bottom = top + k
            for col in range(W_out):
                left = col * s
                right = left + k
                for ch in range(C):
                    patch = A_prev[ex, top:bottom, left:right, ch]
                    if mode == "max":
                        A[ex, row, col, ch] = np.max(patch)
                    elif mode == "average":
                        A[ex, row, col, ch] = np.mean(patch)
    cache = (A_prev, hparameters)
    return A, cache
''',
    "create_mask_from_window": '''
def create_mask_from_window(x):
    mask = x == np.max(x)
    return mask
''',
    "distribute_value": '''
def distribute_value(dz, shape):
    n_H, n_W = shape
    a = np.full(shape, dz / (n_H * n_W), dtype=float)
    return a
''',
    "pool_backward": '''
def pool_backward(dA, cache, mode="max"):
    A_prev, hp = cache
    k = hp["f"]
    s = hp["stride"]
    n, H_out, W_out, C = dA.shape

    dA_prev = np.zeros(A_prev.shape)
    for ex in range(n):
        for row in range(H_out):
            top = row * s
            bottom = top + k
            for col in range(W_out):
                left = col * s
                right = left + k
                for ch in range(C):
                    if mode == "max":
                        patch = A_prev[ex, top:bottom, left:right, ch]
                        mask = create_mask_from_window(patch)
                        dA_prev[ex, top:bottom, left:right, ch] += mask * dA[ex, row, col, ch]
                    elif mode == "average":
                        dA_prev[ex, top:bottom, left:right, ch] += distribute_value(
                            dA[ex, row, col, ch], (k, k))
    return dA_prev
''',
}

# Ned: everything vectorized; the backward pass scatters through the offsets of the window.
NED = {
    "pool_forward": '''
def pool_forward(A_prev, hparameters, mode="max"):
    f = hparameters["f"]
    st = hparameters["stride"]
    m, h_in, w_in, c = A_prev.shape
    h_out, w_out = (h_in - f) // st + 1, (w_in - f) // st + 1
    stack = np.stack([A_prev[:, di:di + st * (h_out - 1) + 1:st, dj:dj + st * (w_out - 1) + 1:st, :]
                      for di in range(f) for dj in range(f)])
    A = stack.max(axis=0) if mode == "max" else stack.mean(axis=0)
    cache = (A_prev, hparameters)
    return A, cache
''',
    "create_mask_from_window": '''
def create_mask_from_window(x):
    flat = x.ravel()
    mask = (flat == flat[np.argmax(flat)]).reshape(x.shape)
    return mask
''',
    "distribute_value": '''
def distribute_value(dz, shape):
    count = shape[0] * shape[1]
    a = dz / count + np.zeros(shape)
    return a
''',
    "pool_backward": '''
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f = hparameters["f"]
    st = hparameters["stride"]
    h_out, w_out = dA.shape[1], dA.shape[2]
    dA_prev = np.zeros_like(A_prev, dtype=float)
    if mode == "max":
        best = pool_forward(A_prev, hparameters, "max")[0]
    for di in range(f):
        for dj in range(f):
            sl = (slice(None), slice(di, di + st * (h_out - 1) + 1, st), slice(dj, dj + st * (w_out - 1) + 1, st))
            if mode == "max":
                dA_prev[sl] += (A_prev[sl] == best) * dA
            else:
                dA_prev[sl] += dA / (f * f)
    return dA_prev
''',
}

# Oli: the canonical loops of this exercise, as the recipe and many web pages write them.
OLI = {
    "pool_forward": '''
def pool_forward(A_prev, hparameters, mode="max"):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f = hparameters["f"]
    stride = hparameters["stride"]
    n_H = int(1 + (n_H_prev - f) / stride)
    n_W = int(1 + (n_W_prev - f) / stride)
    n_C = n_C_prev
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    elif mode == "average":
                        A[i, h, w, c] = np.mean(a_prev_slice)
    cache = (A_prev, hparameters)
    return A, cache
''',
    "create_mask_from_window": '''
def create_mask_from_window(x):
    mask = (x == np.max(x))
    return mask
''',
    "distribute_value": '''
def distribute_value(dz, shape):
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    return a
''',
    "pool_backward": '''
def pool_backward(dA, cache, mode="max"):
    (A_prev, hparameters) = cache
    stride = hparameters["stride"]
    f = hparameters["f"]
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vert_start = h * stride
                    vert_end = vert_start + f
                    horiz_start = w * stride
                    horiz_end = horiz_start + f
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += np.multiply(mask, dA[i, h, w, c])
                    elif mode == "average":
                        da = dA[i, h, w, c]
                        shape = (f, f)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += distribute_value(da, shape)
    return dA_prev
''',
}


# --- the course -----------------------------------------------------------------------------------------------------

def release_notebook(assignment):
    return nbformat.read(REPO / "notebooks" / assignment / f"{assignment}.ipynb", as_version=4)


def solution_cells(assignment):
    return similarity.exercise_cells(nbformat.read(REPO / "solutions" / assignment / f"{assignment}.ipynb",
                                                   as_version=4))


def handed_in(assignment, codes):
    """The release notebook with each exercise cell written as a student does: their code, the template's signature,
    docstring and last lines kept (the docstring goes back under the `def` line of the code)."""
    nb = release_notebook(assignment)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and meta["grade_id"] in codes:
            docstring = re.search(r'\n(\s*""".*?""")\n', cell.source, re.DOTALL).group(1)
            cell.source = re.sub(rf"(def {meta['grade_id']}\(.*?\):\n)", lambda m: m.group(1) + docstring + "\n",
                                 codes[meta["grade_id"]].strip("\n"), count=1)
    return nb


def make_course(root, assignment, submissions):
    """A course folder: the repository's release and solution notebooks of the assignment, and `submissions`
    ({student: notebook, or bytes written as the file})."""
    for folder in ("notebooks", "solutions"):
        shutil.copytree(REPO / folder / assignment, root / folder / assignment)
    for student, nb in submissions.items():
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True)
        if isinstance(nb, bytes):
            (folder / f"{assignment}.ipynb").write_bytes(nb)
        else:
            nbformat.write(nb, folder / f"{assignment}.ipynb")
    return root


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def score(row):
    return max(float(row["similarity_a_b"]), float(row["similarity_b_a"]))


def rows_of(rows, a, b, exercise="all"):
    """The row of the pair (either order) and exercise."""
    found = [r for r in rows if r["exercise"] == exercise and {r["student_a"], r["student_b"]} == {a, b}]
    assert len(found) == 1, (a, b, exercise, found)
    return found[0]


def snapshot(root):
    """sha256 of every file of the course."""
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


# --- the hand-written solutions are correct -------------------------------------------------------------------------

def functions(*cell_groups):
    namespace = {"np": np}
    for cells in cell_groups:
        for source in cells.values():
            exec(source, namespace)
    return namespace


def test_the_conv_forward_submissions_are_correct():
    padding = solution_cells("01_padding")  # zero_pad and conv_single_step, which the exercise may call
    expected = functions(padding, solution_cells("02_conv_forward"))["conv_forward"]
    rng = np.random.default_rng(0)
    for name in ("ALICE", "BOB", "BERT", "CAROL", "DAVE", "ERIN", "FRANK", "FAY", "FINN", "GINA", "IVAN"):
        conv_forward = functions(padding, {"": globals()[name]})["conv_forward"]
        for m, n_h, n_w, n_c_prev, f, n_c, stride, pad in [(2, 5, 7, 3, 3, 4, 1, 1), (3, 9, 6, 2, 3, 5, 2, 0),
                                                            (1, 4, 4, 1, 1, 2, 1, 2), (2, 8, 8, 3, 2, 3, 3, 1)]:
            A = rng.normal(size=(m, n_h, n_w, n_c_prev))
            W = rng.normal(size=(f, f, n_c_prev, n_c))
            b = rng.normal(size=(1, 1, 1, n_c))
            hparameters = {"stride": stride, "pad": pad}
            np.testing.assert_allclose(conv_forward(A, W, b, hparameters)[0], expected(A, W, b, hparameters)[0],
                                       err_msg=name)


def test_the_pooling_submissions_are_correct():
    expected = functions(solution_cells("04_pooling"))
    rng = np.random.default_rng(1)
    for name in ("KIM", "LEO", "MIA", "NED", "OLI"):
        got = functions(globals()[name])
        for m, n_h, n_w, n_c, f, stride in [(2, 5, 7, 3, 2, 1), (3, 9, 6, 2, 3, 2), (1, 4, 4, 1, 1, 1),
                                            (2, 8, 8, 3, 2, 3), (2, 6, 6, 2, 2, 2)]:
            A = rng.normal(size=(m, n_h, n_w, n_c))
            A[0, 0, 0, 0] = A[0, 0, 1, 0]  # a tie
            hparameters = {"f": f, "stride": stride}
            for mode in ("max", "average"):
                out, cache = got["pool_forward"](A, hparameters, mode)
                np.testing.assert_allclose(out, expected["pool_forward"](A, hparameters, mode)[0], err_msg=name)
                dA = rng.normal(size=out.shape)
                np.testing.assert_allclose(got["pool_backward"](dA, cache, mode),
                                           expected["pool_backward"](dA, (A, hparameters), mode), err_msg=name)
        x = np.array([[1.0, 3.0], [3.0, 2.0]])
        assert (got["create_mask_from_window"](x) == expected["create_mask_from_window"](x)).all(), name
        np.testing.assert_allclose(got["distribute_value"](2.0, (2, 3)), expected["distribute_value"](2.0, (2, 3)))


# --- 02_conv_forward -------------------------------------------------------------------------------------------------

OWN_02 = ["alice", "carol", "dave", "frank", "gina"]  # independent of each other, of different shapes


@pytest.fixture(scope="module")
def conv_course(tmp_path_factory):
    """The report of 02_conv_forward, made with main() as the command line does, and the course it was made in."""
    assignment = "02_conv_forward"
    codes = {"alice": ALICE, "bob": BOB, "bert": BERT, "carol": CAROL, "dave": DAVE, "erin": ERIN, "frank": FRANK,
             "fay": FAY, "finn": FINN, "gina": GINA, "ivan": IVAN}
    submissions = {student: handed_in(assignment, {"conv_forward": code}) for student, code in codes.items()}
    no_metadata = handed_in(assignment, {"conv_forward": GINA})  # Gina's code pasted into a new notebook
    for cell in no_metadata.cells:
        cell.metadata.pop("nbgrader", None)
    submissions["wes"] = no_metadata
    submissions["xia"] = release_notebook(assignment)  # handed in without writing anything
    submissions["yan"] = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("I ran out of time.")])
    submissions["zoe"] = b'{"cells": [{"cell_type": "code", "source": "def conv_forward('  # cut off mid-upload
    root = make_course(tmp_path_factory.mktemp("course"), assignment, submissions)
    before = snapshot(root)
    out = tmp_path_factory.mktemp("report")
    assert similarity.main([assignment, "--root", str(root), "--out", str(out)]) == 0
    return {"root": root, "out": out, "before": before, "rows": read_csv(out / "similarity.csv"),
            "skipped": {r["student"]: r["reason"] for r in read_csv(out / "skipped.csv")},
            "html": (out / "report.html").read_text(encoding="utf-8")}


def test_near_copies_are_flagged(conv_course):
    rows = conv_course["rows"]
    assert score(rows_of(rows, "alice", "bob")) >= 0.95  # renamed, helpers reordered: all of it matches
    assert score(rows_of(rows, "dave", "ivan")) >= THRESHOLD  # renamed, statements split and moved
    assert score(rows_of(rows, "gina", "wes")) >= 0.95  # the same code in a notebook without nbgrader metadata
    for a, b in [("alice", "bob"), ("dave", "ivan"), ("gina", "wes")]:
        assert rows_of(rows, a, b)["flagged"] == "1"


def test_a_copy_of_the_public_solution_is_flagged_against_solution(conv_course):
    row = rows_of(conv_course["rows"], "erin", "solution")
    assert row["kind_b"] == "solution" and row["flagged"] == "1" and score(row) >= 0.95


def test_independent_solutions_of_different_shapes_are_not_flagged(conv_course):
    rows = conv_course["rows"]
    for i, a in enumerate(OWN_02):
        for b in OWN_02[i + 1:] + ["solution", "reference"]:
            row = rows_of(rows, a, b)
            assert row["flagged"] == "0" and score(row) < THRESHOLD - 0.1, row  # with a margin


def test_canonical_loops_rank_below_every_copy(conv_course):
    """Frank, Fay and Finn each follow the notebook's recipe, as the public solution does: their code is close to the
    solution and to each other (up to about 0.7, so some of these pairs are flagged), but every deliberate copy
    scores higher. The report ranks; reading the pair is the instructor's job."""
    rows = conv_course["rows"]
    canonical = ["frank", "fay", "finn", "solution", "reference"]
    highest = max(score(rows_of(rows, a, b)) for i, a in enumerate(canonical) for b in canonical[i + 1:]
                  if {a, b} != {"solution", "reference"})
    lowest_copy = min(score(rows_of(rows, a, b)) for a, b in [("alice", "bob"), ("dave", "ivan"), ("erin", "solution")])
    assert highest < lowest_copy


def test_a_copy_rewritten_line_by_line_is_not_found(conv_course):
    """The limit of fingerprinting (docs/grading.md): Bert kept Alice's design and reformulated every statement."""
    assert score(rows_of(conv_course["rows"], "alice", "bert")) < THRESHOLD


def test_every_student_is_compared_or_skipped_with_a_reason(conv_course):
    rows, skipped = conv_course["rows"], conv_course["skipped"]
    students = {p.name for p in (conv_course["root"] / "submitted").iterdir()}
    in_csv = {r["student_a"] for r in rows} | {r["student_b"] for r in rows if r["kind_b"] == "student"}
    assert in_csv | set(skipped) == students and not in_csv & set(skipped)
    assert set(skipped) == {"xia", "yan", "zoe"}
    assert "not a valid notebook" in skipped["zoe"]
    assert "no exercise cells" in skipped["yan"]
    assert "nothing written" in skipped["xia"]


def test_the_html_report_shows_flagged_pairs_side_by_side_with_the_shared_code_highlighted(conv_course):
    html = conv_course["html"]
    sections = dict(re.findall(r"<div class='pair' id='pair\d+'><h3>\d+\. (.*?) \(all\).*?</h3>(.*?)</div></div>",
                               html, re.DOTALL))
    assert set(sections) >= {"alice &harr; bob", "dave &harr; ivan", "gina &harr; wes",
                             "erin &harr; the public solution"}
    assert not any(a in pair and b in pair for pair in sections for a in OWN_02 for b in OWN_02 if a < b)
    left, right = re.findall(r"<pre>(.*?)</pre>", sections["alice &harr; bob"], re.DOTALL)
    assert "_patch(image, row, col, size, stride)" in left and "get_window(img, y, x, fsz, s)" in right
    for side in (left, right):  # both sides highlighted, nearly all of them
        highlighted = "".join(re.findall(r"<span class='hl'>(.*?)</span>", side, re.DOTALL))
        assert len(highlighted) > 0.8 * len(re.sub(r"<.*?>", "", side))
    assert "Forward pass of a convolutional layer" not in left  # the template's docstring was removed
    for student in ("xia", "yan", "zoe"):
        assert f"<td>{student}</td>" in html.split("<h2>Skipped")[1]
    assert "never changes a grade" in html


def test_the_report_changes_nothing_in_the_course(conv_course):
    assert snapshot(conv_course["root"]) == conv_course["before"]
    assert not (conv_course["root"] / "gradebook.db").exists()


# --- 04_pooling: four exercises, through the command line ------------------------------------------------------------

def test_pooling_per_exercise_and_the_command_line(tmp_path):
    assignment = "04_pooling"
    submissions = {student: handed_in(assignment, codes) for student, codes in
                   [("kim", KIM), ("leo", LEO), ("mia", MIA), ("ned", NED), ("oli", OLI),
                    ("solution", NED)]}  # a student whose id is "solution", who handed in Ned's code
    root = make_course(tmp_path, assignment, submissions)
    result = subprocess.run([sys.executable, "-m", "cnn_grading.similarity", assignment], cwd=root,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    out = root / "reports" / "similarity" / assignment  # the default --out
    assert ("kim ~ leo" in result.stdout
            and str(Path("reports", "similarity", assignment, "report.html")) in result.stdout)
    rows = read_csv(out / "similarity.csv")
    assert read_csv(out / "skipped.csv") == []

    def row(a, b, exercise, kind="student"):
        found = [r for r in rows if r["exercise"] == exercise and r["kind_b"] == kind
                 and {r["student_a"], r["student_b"]} == {a, b}]
        assert len(found) == 1, (a, b, exercise, kind)
        return found[0]

    # the exercises long enough to compare on their own; the one-liners only count in "all"
    assert {r["exercise"] for r in rows} == {"all", "pool_forward", "pool_backward"}
    # Leo copied Kim's backward pass only: flagged there, and on the whole
    assert score(row("kim", "leo", "pool_backward")) >= 0.95
    assert score(row("kim", "leo", "pool_forward")) < THRESHOLD
    assert row("kim", "leo", "all")["flagged"] == "1"
    # Mia's renamed public solution, exercise by exercise and as a whole
    for exercise in ("all", "pool_forward", "pool_backward"):
        assert score(row("mia", "solution", exercise, kind="solution")) >= 0.95
    assert score(row("oli", "solution", "all", kind="solution")) < score(row("mia", "solution", "all", "solution"))
    # the student called "solution" is a student, and a copy of Ned
    assert score(row("ned", "solution", "all")) >= 0.95
    # Ned's own vectorized code is close to nobody else
    for other, kind in [("kim", "student"), ("leo", "student"), ("mia", "student"), ("oli", "student"),
                        ("solution", "solution"), ("reference", "reference")]:
        for exercise in ("all", "pool_forward", "pool_backward"):
            assert row("ned", other, exercise, kind)["flagged"] == "0"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Flagged exercises: pool_backward" in html
