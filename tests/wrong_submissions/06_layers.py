"""Wrong answers to notebook 6 (layers as objects), each a real mistake: {student_id: (exercise cell grade_id, source of
that cell)}.

Each must lose the points of its exercise and keep all the others: Conv2D, MaxPool2D and conv_input_gradient are
graded with a correct im2col and col2im, Sequential and SGD with correct layers, so a wrong im2col or Dense costs only
its own points.
"""

WRONG = {
    # --- im2col --------------------------------------------------------------------------------------------------
    "im2col_channels_first": ("im2col", '''
def im2col(x, f, stride=1, pad=0):
    m, n_H_prev, n_W_prev, n_C = x.shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    x_pad = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    windows = np.empty((m, n_H, n_W, n_C, f, f))
    for p in range(f):
        for q in range(f):
            windows[:, :, :, :, p, q] = x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :]
    return windows.reshape(m * n_H * n_W, f * f * n_C)
'''),
    "im2col_stride_ignored": ("im2col", '''
def im2col(x, f, stride=1, pad=0):
    m, n_H_prev, n_W_prev, n_C = x.shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    x_pad = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    windows = np.empty((m, n_H, n_W, f, f, n_C))
    for p in range(f):
        for q in range(f):
            windows[:, :, :, p, q, :] = x_pad[:, p:p + n_H, q:q + n_W, :]
    return windows.reshape(m * n_H * n_W, f * f * n_C)
'''),
    "im2col_one_column_per_window": ("im2col", '''
def im2col(x, f, stride=1, pad=0):
    m, n_H_prev, n_W_prev, n_C = x.shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    x_pad = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    windows = np.empty((m, n_H, n_W, f, f, n_C))
    for p in range(f):
        for q in range(f):
            windows[:, :, :, p, q, :] = x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :]
    return windows.reshape(m * n_H * n_W, f * f * n_C).T
'''),
    "im2col_window_transposed": ("im2col", '''
def im2col(x, f, stride=1, pad=0):
    m, n_H_prev, n_W_prev, n_C = x.shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    x_pad = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    rows = []
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                window = x_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                rows.append(window.transpose(1, 0, 2).ravel())
    return np.array(rows)
'''),
    "im2col_cell_does_not_run": ("im2col", '''
def im2col(x, f, stride=1, pad=0):
    m, n_H_prev, n_W_prev, n_C = x.shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    x_pad = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0))
    windows = np.empty((m, n_H, n_W, f, f, n_C), dtype=x.dtype)
    for p in range(f):
        for q in range(f):
            windows[:, :, :, p, q, :] = x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :]
    return windows.reshape(m * n_H * n_W, f * f * n_C)
'''),
    # --- col2im --------------------------------------------------------------------------------------------------
    "col2im_assigns": ("col2im", '''
def col2im(cols, x_shape, f, stride=1, pad=0):
    m, n_H_prev, n_W_prev, n_C = x_shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    windows = cols.reshape(m, n_H, n_W, f, f, n_C)
    x_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C))
    for p in range(f):
        for q in range(f):
            x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :] = windows[:, :, :, p, q, :]
    return x_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]
'''),
    "col2im_crop_minus_pad": ("col2im", '''
def col2im(cols, x_shape, f, stride=1, pad=0):
    m, n_H_prev, n_W_prev, n_C = x_shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    windows = cols.reshape(m, n_H, n_W, f, f, n_C)
    x_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C))
    for p in range(f):
        for q in range(f):
            x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :] += windows[:, :, :, p, q, :]
    return x_pad[:, pad:-pad, pad:-pad, :]
'''),
    "col2im_averages": ("col2im", '''
def col2im(cols, x_shape, f, stride=1, pad=0):
    m, n_H_prev, n_W_prev, n_C = x_shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    windows = cols.reshape(m, n_H, n_W, f, f, n_C)
    x_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C))
    counts = np.zeros_like(x_pad)
    for p in range(f):
        for q in range(f):
            x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :] += windows[:, :, :, p, q, :]
            counts[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :] += 1
    x_pad = x_pad / np.maximum(counts, 1)
    return x_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]
'''),
    "col2im_padding_kept": ("col2im", '''
def col2im(cols, x_shape, f, stride=1, pad=0):
    m, n_H_prev, n_W_prev, n_C = x_shape
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    windows = cols.reshape(m, n_H, n_W, f, f, n_C)
    x_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C))
    for p in range(f):
        for q in range(f):
            x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :] += windows[:, :, :, p, q, :]
    return x_pad
'''),
    # --- Conv2D --------------------------------------------------------------------------------------------------
    "conv_no_bias_gradient": ("Conv2D", '''
class Conv2D(Layer):
    def __init__(self, n_C_prev, n_C, f, stride=1, pad=0, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((f, f, n_C_prev, n_C)) * np.sqrt(2.0 / (f * f * n_C_prev))
        self.params["b"] = np.zeros(n_C)
        self.f, self.stride, self.pad = f, stride, pad

    def forward(self, x):
        W, b = self.params["W"], self.params["b"]
        f, _, n_C_prev, n_C = W.shape
        m, n_H_prev, n_W_prev, _ = x.shape
        n_H = (n_H_prev + 2 * self.pad - f) // self.stride + 1
        n_W = (n_W_prev + 2 * self.pad - f) // self.stride + 1
        cols = im2col(x, f, self.stride, self.pad)
        self.cache = (x.shape, cols)
        return (cols @ W.reshape(f * f * n_C_prev, n_C) + b).reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Conv2D.backward was called before Conv2D.forward: run forward first.")
        W = self.params["W"]
        f, _, n_C_prev, n_C = W.shape
        x_shape, cols = self.cache
        dout_mat = dout.reshape(-1, n_C)
        self.grads["W"] = (cols.T @ dout_mat).reshape(W.shape)
        return col2im(dout_mat @ W.reshape(f * f * n_C_prev, n_C).T, x_shape, f, self.stride, self.pad)
'''),
    "conv_forward_without_bias": ("Conv2D", '''
class Conv2D(Layer):
    def __init__(self, n_C_prev, n_C, f, stride=1, pad=0, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((f, f, n_C_prev, n_C)) * np.sqrt(2.0 / (f * f * n_C_prev))
        self.params["b"] = np.zeros(n_C)
        self.f, self.stride, self.pad = f, stride, pad

    def forward(self, x):
        W = self.params["W"]
        f, _, n_C_prev, n_C = W.shape
        m, n_H_prev, n_W_prev, _ = x.shape
        n_H = (n_H_prev + 2 * self.pad - f) // self.stride + 1
        n_W = (n_W_prev + 2 * self.pad - f) // self.stride + 1
        cols = im2col(x, f, self.stride, self.pad)
        self.cache = (x.shape, cols)
        return (cols @ W.reshape(f * f * n_C_prev, n_C)).reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Conv2D.backward was called before Conv2D.forward: run forward first.")
        W = self.params["W"]
        f, _, n_C_prev, n_C = W.shape
        x_shape, cols = self.cache
        dout_mat = dout.reshape(-1, n_C)
        self.grads["W"] = (cols.T @ dout_mat).reshape(W.shape)
        self.grads["b"] = dout_mat.sum(axis=0)
        return col2im(dout_mat @ W.reshape(f * f * n_C_prev, n_C).T, x_shape, f, self.stride, self.pad)
'''),
    "conv_dW_averaged": ("Conv2D", '''
class Conv2D(Layer):
    def __init__(self, n_C_prev, n_C, f, stride=1, pad=0, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((f, f, n_C_prev, n_C)) * np.sqrt(2.0 / (f * f * n_C_prev))
        self.params["b"] = np.zeros(n_C)
        self.f, self.stride, self.pad = f, stride, pad

    def forward(self, x):
        W, b = self.params["W"], self.params["b"]
        f, _, n_C_prev, n_C = W.shape
        m, n_H_prev, n_W_prev, _ = x.shape
        n_H = (n_H_prev + 2 * self.pad - f) // self.stride + 1
        n_W = (n_W_prev + 2 * self.pad - f) // self.stride + 1
        cols = im2col(x, f, self.stride, self.pad)
        self.cache = (x.shape, cols)
        return (cols @ W.reshape(f * f * n_C_prev, n_C) + b).reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Conv2D.backward was called before Conv2D.forward: run forward first.")
        W = self.params["W"]
        f, _, n_C_prev, n_C = W.shape
        x_shape, cols = self.cache
        m = x_shape[0]
        dout_mat = dout.reshape(-1, n_C)
        self.grads["W"] = (cols.T @ dout_mat).reshape(W.shape) / m
        self.grads["b"] = dout_mat.sum(axis=0) / m
        return col2im(dout_mat @ W.reshape(f * f * n_C_prev, n_C).T, x_shape, f, self.stride, self.pad)
'''),
    "conv_grads_accumulated": ("Conv2D", '''
class Conv2D(Layer):
    def __init__(self, n_C_prev, n_C, f, stride=1, pad=0, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((f, f, n_C_prev, n_C)) * np.sqrt(2.0 / (f * f * n_C_prev))
        self.params["b"] = np.zeros(n_C)
        self.f, self.stride, self.pad = f, stride, pad

    def forward(self, x):
        W, b = self.params["W"], self.params["b"]
        f, _, n_C_prev, n_C = W.shape
        m, n_H_prev, n_W_prev, _ = x.shape
        n_H = (n_H_prev + 2 * self.pad - f) // self.stride + 1
        n_W = (n_W_prev + 2 * self.pad - f) // self.stride + 1
        cols = im2col(x, f, self.stride, self.pad)
        self.cache = (x.shape, cols)
        return (cols @ W.reshape(f * f * n_C_prev, n_C) + b).reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Conv2D.backward was called before Conv2D.forward: run forward first.")
        W = self.params["W"]
        f, _, n_C_prev, n_C = W.shape
        x_shape, cols = self.cache
        dout_mat = dout.reshape(-1, n_C)
        self.grads["W"] = self.grads.get("W", 0) + (cols.T @ dout_mat).reshape(W.shape)
        self.grads["b"] = self.grads.get("b", 0) + dout_mat.sum(axis=0)
        return col2im(dout_mat @ W.reshape(f * f * n_C_prev, n_C).T, x_shape, f, self.stride, self.pad)
'''),
    "conv_backward_without_guard": ("Conv2D", '''
class Conv2D(Layer):
    def __init__(self, n_C_prev, n_C, f, stride=1, pad=0, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((f, f, n_C_prev, n_C)) * np.sqrt(2.0 / (f * f * n_C_prev))
        self.params["b"] = np.zeros(n_C)
        self.f, self.stride, self.pad = f, stride, pad

    def forward(self, x):
        W, b = self.params["W"], self.params["b"]
        f, _, n_C_prev, n_C = W.shape
        m, n_H_prev, n_W_prev, _ = x.shape
        n_H = (n_H_prev + 2 * self.pad - f) // self.stride + 1
        n_W = (n_W_prev + 2 * self.pad - f) // self.stride + 1
        cols = im2col(x, f, self.stride, self.pad)
        self.cache = (x.shape, cols)
        return (cols @ W.reshape(f * f * n_C_prev, n_C) + b).reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        W = self.params["W"]
        f, _, n_C_prev, n_C = W.shape
        x_shape, cols = self.cache
        dout_mat = dout.reshape(-1, n_C)
        self.grads["W"] = (cols.T @ dout_mat).reshape(W.shape)
        self.grads["b"] = dout_mat.sum(axis=0)
        return col2im(dout_mat @ W.reshape(f * f * n_C_prev, n_C).T, x_shape, f, self.stride, self.pad)
'''),
    # --- conv_input_gradient -------------------------------------------------------------------------------------
    "input_gradient_not_rotated": ("conv_input_gradient", '''
def conv_input_gradient(dZ, W, pad):
    m, n_H, n_W, n_C = dZ.shape
    f, _, n_C_prev, _ = W.shape
    n_H_prev = n_H + f - 1 - 2 * pad
    n_W_prev = n_W + f - 1 - 2 * pad
    W_swapped = W.transpose(0, 1, 3, 2)
    cols = im2col(dZ, f, 1, f - 1 - pad)
    return (cols @ W_swapped.reshape(f * f * n_C, n_C_prev)).reshape(m, n_H_prev, n_W_prev, n_C_prev)
'''),
    "input_gradient_full_padding": ("conv_input_gradient", '''
def conv_input_gradient(dZ, W, pad):
    m, n_H, n_W, n_C = dZ.shape
    f, _, n_C_prev, _ = W.shape
    W_rot = W[::-1, ::-1].transpose(0, 1, 3, 2)
    cols = im2col(dZ, f, 1, f - 1)
    return (cols @ W_rot.reshape(f * f * n_C, n_C_prev)).reshape(m, n_H + f - 1, n_W + f - 1, n_C_prev)
'''),
    "input_gradient_channels_not_swapped": ("conv_input_gradient", '''
def conv_input_gradient(dZ, W, pad):
    m, n_H, n_W, n_C = dZ.shape
    f, _, n_C_prev, _ = W.shape
    n_H_prev = n_H + f - 1 - 2 * pad
    n_W_prev = n_W + f - 1 - 2 * pad
    W_rot = W[::-1, ::-1]
    cols = im2col(dZ, f, 1, f - 1 - pad)
    return (cols @ W_rot.reshape(f * f * n_C, n_C_prev)).reshape(m, n_H_prev, n_W_prev, n_C_prev)
'''),
    # --- ReLU ----------------------------------------------------------------------------------------------------
    "relu_of_the_gradient": ("ReLU", '''
class ReLU(Layer):
    def forward(self, x):
        self.cache = x > 0
        return np.maximum(x, 0)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("ReLU.backward was called before ReLU.forward: run forward first.")
        return np.maximum(dout, 0)
'''),
    "relu_times_output": ("ReLU", '''
class ReLU(Layer):
    def forward(self, x):
        out = np.maximum(x, 0)
        self.cache = out
        return out

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("ReLU.backward was called before ReLU.forward: run forward first.")
        return dout * self.cache
'''),
    "relu_backward_without_guard": ("ReLU", '''
class ReLU(Layer):
    def forward(self, x):
        self.cache = x > 0
        return np.maximum(x, 0)

    def backward(self, dout):
        return dout * self.cache
'''),
    # --- MaxPool2D -----------------------------------------------------------------------------------------------
    "maxpool_gradient_to_every_position": ("MaxPool2D", '''
class MaxPool2D(Layer):
    def __init__(self, f=2, stride=2):
        super().__init__()
        self.f, self.stride = f, stride

    def forward(self, x):
        m, n_H_prev, n_W_prev, n_C = x.shape
        n_H = (n_H_prev - self.f) // self.stride + 1
        n_W = (n_W_prev - self.f) // self.stride + 1
        windows = im2col(x, self.f, self.stride, 0).reshape(-1, self.f * self.f, n_C)
        self.cache = x.shape
        return windows.max(axis=1).reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("MaxPool2D.backward was called before MaxPool2D.forward: run forward first.")
        n_C = self.cache[3]
        dwindows = np.repeat(dout.reshape(-1, 1, n_C), self.f * self.f, axis=1)
        return col2im(dwindows.reshape(len(dwindows), -1), self.cache, self.f, self.stride, 0)
'''),
    "maxpool_average_gradient": ("MaxPool2D", '''
class MaxPool2D(Layer):
    def __init__(self, f=2, stride=2):
        super().__init__()
        self.f, self.stride = f, stride

    def forward(self, x):
        m, n_H_prev, n_W_prev, n_C = x.shape
        n_H = (n_H_prev - self.f) // self.stride + 1
        n_W = (n_W_prev - self.f) // self.stride + 1
        windows = im2col(x, self.f, self.stride, 0).reshape(-1, self.f * self.f, n_C)
        self.cache = x.shape
        return windows.max(axis=1).reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("MaxPool2D.backward was called before MaxPool2D.forward: run forward first.")
        n_C = self.cache[3]
        share = dout.reshape(-1, 1, n_C) / (self.f * self.f)
        dwindows = np.repeat(share, self.f * self.f, axis=1)
        return col2im(dwindows.reshape(len(dwindows), -1), self.cache, self.f, self.stride, 0)
'''),
    "maxpool_first_maximum_only": ("MaxPool2D", '''
class MaxPool2D(Layer):
    def __init__(self, f=2, stride=2):
        super().__init__()
        self.f, self.stride = f, stride

    def forward(self, x):
        m, n_H_prev, n_W_prev, n_C = x.shape
        n_H = (n_H_prev - self.f) // self.stride + 1
        n_W = (n_W_prev - self.f) // self.stride + 1
        windows = im2col(x, self.f, self.stride, 0).reshape(-1, self.f * self.f, n_C)
        self.cache = (x.shape, windows.argmax(axis=1))
        return windows.max(axis=1).reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("MaxPool2D.backward was called before MaxPool2D.forward: run forward first.")
        x_shape, where = self.cache
        n_C = x_shape[3]
        dwindows = np.zeros((len(where), self.f * self.f, n_C))
        np.put_along_axis(dwindows, where[:, None, :], dout.reshape(-1, 1, n_C), axis=1)
        return col2im(dwindows.reshape(len(where), -1), x_shape, self.f, self.stride, 0)
'''),
    # --- Flatten -------------------------------------------------------------------------------------------------
    "flatten_examples_in_columns": ("Flatten", '''
class Flatten(Layer):
    def forward(self, x):
        self.cache = x.shape
        return x.reshape(x.shape[0], -1).T

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Flatten.backward was called before Flatten.forward: run forward first.")
        return dout.T.reshape(self.cache)
'''),
    "flatten_backward_not_reshaped": ("Flatten", '''
class Flatten(Layer):
    def forward(self, x):
        self.cache = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Flatten.backward was called before Flatten.forward: run forward first.")
        return dout
'''),
    "flatten_cache_without_examples_axis": ("Flatten", '''
class Flatten(Layer):
    def forward(self, x):
        self.cache = x.shape[1:]
        return x.reshape(x.shape[0], -1)

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Flatten.backward was called before Flatten.forward: run forward first.")
        return dout.reshape(self.cache)
'''),
    # --- Dense ---------------------------------------------------------------------------------------------------
    "dense_cell_does_not_run": ("Dense", '''
class Dense(Layer):
    def __init__(self, n_in, n_out, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        self.params["b"] = np.zeros(n_out)

    def forward(self, x)
        self.cache = x
        return x @ self.params["W"] + self.params["b"]
'''),
    "dense_grads_accumulated": ("Dense", '''
class Dense(Layer):
    def __init__(self, n_in, n_out, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        self.params["b"] = np.zeros(n_out)
        self.grads = {"W": np.zeros((n_in, n_out)), "b": np.zeros(n_out)}

    def forward(self, x):
        self.cache = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Dense.backward was called before Dense.forward: run forward first.")
        self.grads["W"] += self.cache.T @ dout
        self.grads["b"] += dout.sum(axis=0)
        return dout @ self.params["W"].T
'''),
    "dense_dicts_shared_by_all_instances": ("Dense", '''
class Dense(Layer):
    params = {}
    grads = {}

    def __init__(self, n_in, n_out, seed=0):
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        self.params["b"] = np.zeros(n_out)
        self.cache = None

    def forward(self, x):
        self.cache = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Dense.backward was called before Dense.forward: run forward first.")
        self.grads["W"] = self.cache.T @ dout
        self.grads["b"] = dout.sum(axis=0)
        return dout @ self.params["W"].T
'''),
    "dense_bias_gradient_averaged": ("Dense", '''
class Dense(Layer):
    def __init__(self, n_in, n_out, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        self.params["b"] = np.zeros(n_out)

    def forward(self, x):
        self.cache = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("Dense.backward was called before Dense.forward: run forward first.")
        self.grads["W"] = self.cache.T @ dout
        self.grads["b"] = dout.mean(axis=0)
        return dout @ self.params["W"].T
'''),
    "dense_backward_without_guard": ("Dense", '''
class Dense(Layer):
    def __init__(self, n_in, n_out, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        self.params["b"] = np.zeros(n_out)

    def forward(self, x):
        self.cache = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout):
        self.grads["W"] = self.cache.T @ dout
        self.grads["b"] = dout.sum(axis=0)
        return dout @ self.params["W"].T
'''),
    # Right values on every input (the layer is linear, so centred differences are exact up to rounding), but two
    # forward passes per entry of x, W and b: seconds on the hidden tests' timed medium size (64 x 320 -> 64), where
    # the limit is 2 s; it fails there, before the large size, on which it would take half a minute.
    "dense_backward_by_numeric_differentiation": ("Dense", '''
class Dense(Layer):
    def __init__(self, n_in, n_out, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        self.params["b"] = np.zeros(n_out)

    def forward(self, x):
        self.cache = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout, h=1e-5):
        if self.cache is None:
            raise RuntimeError("Dense.backward was called before Dense.forward: run forward first.")
        x = self.cache.copy()

        def centred_differences(value):
            # d sum(out * dout) / d value, one entry of value at a time (value is x, W or b, nudged in place)
            grad = np.zeros_like(value)
            for index in np.ndindex(value.shape):
                saved = value[index]
                value[index] = saved + h
                plus = np.sum((x @ self.params["W"] + self.params["b"]) * dout)
                value[index] = saved - h
                minus = np.sum((x @ self.params["W"] + self.params["b"]) * dout)
                value[index] = saved
                grad[index] = (plus - minus) / (2 * h)
            return grad

        self.grads["W"] = centred_differences(self.params["W"])
        self.grads["b"] = centred_differences(self.params["b"])
        return centred_differences(x)
'''),
    # --- SoftmaxCrossEntropy -------------------------------------------------------------------------------------
    "softmax_without_max_shift": ("SoftmaxCrossEntropy", '''
class SoftmaxCrossEntropy(Layer):
    def forward(self, scores, y):
        m = scores.shape[0]
        exp = np.exp(scores)
        probs = exp / exp.sum(axis=1, keepdims=True)
        self.cache = (probs, y)
        return float(-np.log(probs[np.arange(m), y]).mean())

    def backward(self, dout=1.0):
        if self.cache is None:
            raise RuntimeError("SoftmaxCrossEntropy.backward was called before forward: run forward first.")
        probs, y = self.cache
        m = probs.shape[0]
        dscores = probs.copy()
        dscores[np.arange(m), y] -= 1
        return dscores * dout / m
'''),
    "softmax_gradient_not_divided_by_m": ("SoftmaxCrossEntropy", '''
class SoftmaxCrossEntropy(Layer):
    def forward(self, scores, y):
        m = scores.shape[0]
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.cache = (np.exp(log_probs), y)
        return float(-log_probs[np.arange(m), y].mean())

    def backward(self, dout=1.0):
        if self.cache is None:
            raise RuntimeError("SoftmaxCrossEntropy.backward was called before forward: run forward first.")
        probs, y = self.cache
        dscores = probs.copy()
        dscores[np.arange(probs.shape[0]), y] -= 1
        return dscores * dout
'''),
    "softmax_loss_summed": ("SoftmaxCrossEntropy", '''
class SoftmaxCrossEntropy(Layer):
    def forward(self, scores, y):
        m = scores.shape[0]
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.cache = (np.exp(log_probs), y)
        return float(-log_probs[np.arange(m), y].sum())

    def backward(self, dout=1.0):
        if self.cache is None:
            raise RuntimeError("SoftmaxCrossEntropy.backward was called before forward: run forward first.")
        probs, y = self.cache
        m = probs.shape[0]
        dscores = probs.copy()
        dscores[np.arange(m), y] -= 1
        return dscores * dout / m
'''),
    "softmax_cache_changed_in_place": ("SoftmaxCrossEntropy", '''
class SoftmaxCrossEntropy(Layer):
    def forward(self, scores, y):
        m = scores.shape[0]
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.cache = (np.exp(log_probs), y)
        return float(-log_probs[np.arange(m), y].mean())

    def backward(self, dout=1.0):
        if self.cache is None:
            raise RuntimeError("SoftmaxCrossEntropy.backward was called before forward: run forward first.")
        dscores, y = self.cache
        m = dscores.shape[0]
        dscores[np.arange(m), y] -= 1
        return dscores * dout / m
'''),
    # --- Sequential ----------------------------------------------------------------------------------------------
    "sequential_backward_in_forward_order": ("Sequential", '''
class Sequential:
    def __init__(self, layers):
        self.layers = list(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, dout):
        for layer in self.layers:
            dout = layer.backward(dout)
        return dout
'''),
    "sequential_every_layer_gets_x": ("Sequential", '''
class Sequential:
    def __init__(self, layers):
        self.layers = list(layers)

    def forward(self, x):
        for layer in self.layers:
            out = layer.forward(x)
        return out

    def backward(self, dout):
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout
'''),
    "sequential_list_shared_by_all_instances": ("Sequential", '''
class Sequential:
    layers = []

    def __init__(self, layers):
        self.layers.extend(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, dout):
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout
'''),
    "sequential_gradient_not_chained": ("Sequential", '''
class Sequential:
    def __init__(self, layers):
        self.layers = list(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, dout):
        for layer in reversed(self.layers):
            dx = layer.backward(dout)
        return dx
'''),
    # --- SGD -----------------------------------------------------------------------------------------------------
    "sgd_not_in_place": ("SGD", '''
class SGD:
    def __init__(self, layers, lr=0.01, momentum=0.9):
        self.layers = list(layers)
        self.lr = lr
        self.momentum = momentum
        self.velocities = [{} for _ in self.layers]

    def step(self):
        for layer, velocity in zip(self.layers, self.velocities):
            for name, param in layer.params.items():
                v = self.momentum * velocity.get(name, 0) - self.lr * layer.grads[name]
                velocity[name] = v
                layer.params[name] = param + v
'''),
    "sgd_without_memory": ("SGD", '''
class SGD:
    def __init__(self, layers, lr=0.01, momentum=0.9):
        self.layers = list(layers)
        self.lr = lr
        self.momentum = momentum

    def step(self):
        for layer in self.layers:
            for name, param in layer.params.items():
                v = np.zeros_like(param)
                v = self.momentum * v - self.lr * layer.grads[name]
                param += v
'''),
    "sgd_one_velocity_per_name": ("SGD", '''
class SGD:
    def __init__(self, layers, lr=0.01, momentum=0.9):
        self.layers = list(layers)
        self.lr = lr
        self.momentum = momentum
        self.velocity = {}

    def step(self):
        for layer in self.layers:
            for name, param in layer.params.items():
                v = self.velocity.get(name, 0)
                v = self.momentum * v - self.lr * layer.grads[name]
                self.velocity[name] = v
                param += v
'''),
    "sgd_rebinds_a_local_name": ("SGD", '''
class SGD:
    def __init__(self, layers, lr=0.01, momentum=0.9):
        self.layers = list(layers)
        self.lr = lr
        self.momentum = momentum
        self.velocities = [{} for _ in self.layers]

    def step(self):
        for layer, velocity in zip(self.layers, self.velocities):
            for name, param in layer.params.items():
                v = self.momentum * velocity.get(name, 0) - self.lr * layer.grads[name]
                velocity[name] = v
                param = param + v
'''),
    # --- the answers cell -------------------------------------------------------------------------------------------
    "answers_not_answered": ("answers", '''
# the placeholders kept, the raise line deleted
answer_1 = None
answer_2 = None
answer_3 = None
'''),
    "answers_wrong_form": ("answers", '''
answer_1 = 9
answer_2 = "the second one"
answer_3 = ["b"]
'''),
    "answers_wrong": ("answers", '''
answer_1 = "b"
answer_2 = "a"
answer_3 = "c"
'''),
}
