"""The reference of notebook 6, "Layers as objects": im2col, col2im, the input gradient as a full convolution, the
layer classes, Sequential and SGD with momentum.

The single copy the verdicts of notebook 6 use (hidden tests and their stand-ins). Instructor-only: it is never
installed for students and never mounted into a grading kernel, except that a hidden test may send one of its
functions or classes into the kernel as a stand-in for an earlier exercise (`student.stand_ins(...)` sends the whole
module): so the module imports NumPy and nothing else.

Layout: images are (m, n_H, n_W, n_C), examples first, channels last. A convolution's filters are
(f, f, n_C_prev, n_C) and its bias (n_C,); a dense layer's weights are (n_in, n_out) and its bias (n_out,).

Every layer keeps:
  params -- dict name -> array, the learnable parameters ({} for a layer without any)
  grads  -- dict name -> array, their gradients; backward overwrites them (it never adds to the previous step's)
  cache  -- what forward keeps for backward; None until forward has run (backward then raises RuntimeError)
"""

import numpy as np


def conv_output_size(n_prev, f, stride, pad):
    """Number of window positions along one axis: (n_prev + 2*pad - f) // stride + 1."""
    return (n_prev + 2 * pad - f) // stride + 1


def im2col(x, f, stride=1, pad=0):
    """Unroll every f x f window of a batch into one row of a matrix.

    Inputs:
    - x: images, (m, n_H_prev, n_W_prev, n_C)
    - f: window height and width
    - stride: step between two windows
    - pad: zeros added on each side of the height and the width

    Returns:
    - cols: (m * n_H * n_W, f * f * n_C), n_H = (n_H_prev + 2*pad - f) // stride + 1 (n_W likewise).
      Row (i * n_H + h) * n_W + w is the window x_pad[i, h*stride : h*stride + f, w*stride : w*stride + f, :]
      flattened in (p, q, c) order: column (p * f + q) * n_C + c.
    """
    m, n_H_prev, n_W_prev, n_C = x.shape
    n_H = conv_output_size(n_H_prev, f, stride, pad)
    n_W = conv_output_size(n_W_prev, f, stride, pad)
    x_pad = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    cols = np.empty((m, n_H, n_W, f, f, n_C), dtype=x.dtype)
    for p in range(f):
        for q in range(f):
            # offset (p, q) of every window: one strided slice of x_pad, (m, n_H, n_W, n_C)
            cols[:, :, :, p, q, :] = x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :]
    return cols.reshape(m * n_H * n_W, f * f * n_C)


def col2im(cols, x_shape, f, stride=1, pad=0):
    """The adjoint of im2col: add every row back into the window it came from.

    Inputs:
    - cols: (m * n_H * n_W, f * f * n_C), laid out as im2col returns it
    - x_shape: (m, n_H_prev, n_W_prev, n_C), the shape of the images im2col unrolled
    - f, stride, pad: as given to im2col

    Returns:
    - x: (m, n_H_prev, n_W_prev, n_C). A pixel that lies in several windows gets the sum of their entries; a pixel
      in no window gets 0; the padding is cropped. For every x and y: sum(im2col(x) * y) == sum(x * col2im(y)).
    """
    m, n_H_prev, n_W_prev, n_C = x_shape
    n_H = conv_output_size(n_H_prev, f, stride, pad)
    n_W = conv_output_size(n_W_prev, f, stride, pad)
    cols = cols.reshape(m, n_H, n_W, f, f, n_C)
    x_pad = np.zeros((m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C), dtype=cols.dtype)
    for p in range(f):
        for q in range(f):
            # within one offset the windows' pixels are distinct, so one += adds each contribution once
            x_pad[:, p:p + stride * n_H:stride, q:q + stride * n_W:stride, :] += cols[:, :, :, p, q, :]
    return x_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]


def conv_input_gradient(dZ, W, pad):
    """dA_prev of a stride-1 convolution, as the "full" convolution of dZ with the filters rotated by 180 degrees.

    Inputs:
    - dZ: gradient with respect to the convolution's output, (m, n_H, n_W, n_C)
    - W: the forward pass's filters, (f, f, n_C_prev, n_C)
    - pad: the forward pass's padding, 0 <= pad <= f - 1

    Returns:
    - dA_prev: (m, n_H + f - 1 - 2*pad, n_W + f - 1 - 2*pad, n_C_prev)
      dA_prev = conv(dZ padded by f - 1 - pad, W_rot), W_rot[p, q, k, c] = W[f-1-p, f-1-q, c, k]
    """
    m, n_H, n_W, n_C = dZ.shape
    f, _, n_C_prev, _ = W.shape
    W_rot = W[::-1, ::-1].transpose(0, 1, 3, 2)                       # (f, f, n_C, n_C_prev)
    full = f - 1 - pad                                                # the "full" padding, less the forward's own
    cols = im2col(dZ, f, 1, full)                                     # (m * n_H_prev * n_W_prev, f * f * n_C)
    n_H_prev = n_H + 2 * full - f + 1
    n_W_prev = n_W + 2 * full - f + 1
    return (cols @ W_rot.reshape(f * f * n_C, n_C_prev)).reshape(m, n_H_prev, n_W_prev, n_C_prev)


# --- layers ---------------------------------------------------------------------------------------------------

class Layer:
    """params, grads and cache, as the notebook's Layer; set_params copies values into the parameters in place."""

    def __init__(self):
        self.params = {}
        self.grads = {}
        self.cache = None

    def __call__(self, *inputs):
        """layer(x) is layer.forward(x), as in most frameworks: a student's Sequential that calls its layers works
        with these (they stand in for the student's own layers when Sequential and SGD are graded)."""
        return self.forward(*inputs)

    def set_params(self, **values):
        for name, value in values.items():
            if np.shape(value) != self.params[name].shape:
                raise ValueError(f"{name} has shape {self.params[name].shape}, the new value {np.shape(value)}")
            self.params[name][...] = value


class Conv2D(Layer):
    """Convolution (cross-correlation) of n_C filters of size f x f, through im2col.

    params: "W" (f, f, n_C_prev, n_C), He initialised from np.random.default_rng(seed); "b" (n_C,), zeros.
    """

    def __init__(self, n_C_prev, n_C, f, stride=1, pad=0, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((f, f, n_C_prev, n_C)) * np.sqrt(2.0 / (f * f * n_C_prev))
        self.params["b"] = np.zeros(n_C)
        self.f, self.stride, self.pad = f, stride, pad

    def forward(self, x):
        """
        Inputs:
        - x: (m, n_H_prev, n_W_prev, n_C_prev)

        Returns:
        - out: (m, n_H, n_W, n_C), n_H = (n_H_prev + 2*pad - f) // stride + 1 (n_W likewise)
        """
        W, b = self.params["W"], self.params["b"]
        f, _, n_C_prev, n_C = W.shape
        m, n_H_prev, n_W_prev, _ = x.shape
        n_H = conv_output_size(n_H_prev, f, self.stride, self.pad)
        n_W = conv_output_size(n_W_prev, f, self.stride, self.pad)
        cols = im2col(x, f, self.stride, self.pad)                    # (m * n_H * n_W, f * f * n_C_prev)
        out = cols @ W.reshape(f * f * n_C_prev, n_C) + b              # (m * n_H * n_W, n_C)
        self.cache = (x.shape, cols)
        return out.reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        """
        Inputs:
        - dout: (m, n_H, n_W, n_C)

        Returns:
        - dx: (m, n_H_prev, n_W_prev, n_C_prev); fills grads["W"] (f, f, n_C_prev, n_C) and grads["b"] (n_C,)
        """
        if self.cache is None:
            raise RuntimeError("Conv2D.backward was called before Conv2D.forward: there is nothing to differentiate.")
        x_shape, cols = self.cache
        W = self.params["W"]
        f, _, n_C_prev, n_C = W.shape
        dout2 = dout.reshape(-1, n_C)                                  # (m * n_H * n_W, n_C), rows as in cols
        self.grads["W"] = (cols.T @ dout2).reshape(W.shape)
        self.grads["b"] = dout2.sum(axis=0)
        dcols = dout2 @ W.reshape(f * f * n_C_prev, n_C).T             # (m * n_H * n_W, f * f * n_C_prev)
        return col2im(dcols, x_shape, f, self.stride, self.pad)


class ReLU(Layer):
    """max(x, 0), element-wise. No parameters."""

    def forward(self, x):
        """x: any shape. Returns out: shape of x."""
        self.cache = x > 0
        return np.maximum(x, 0)

    def backward(self, dout):
        """dout: shape of x. Returns dx: shape of x, dout where x > 0 and 0 elsewhere."""
        if self.cache is None:
            raise RuntimeError("ReLU.backward was called before ReLU.forward: there is nothing to differentiate.")
        return dout * self.cache


class MaxPool2D(Layer):
    """Max pooling over f x f windows, through im2col. No parameters.

    A tied maximum sends the window's gradient to every position that holds it (the course's convention).
    """

    def __init__(self, f=2, stride=2):
        super().__init__()
        self.f, self.stride = f, stride

    def forward(self, x):
        """
        Inputs:
        - x: (m, n_H_prev, n_W_prev, n_C)

        Returns:
        - out: (m, n_H, n_W, n_C), n_H = (n_H_prev - f) // stride + 1 (n_W likewise)
        """
        m, n_H_prev, n_W_prev, n_C = x.shape
        n_H = conv_output_size(n_H_prev, self.f, self.stride, 0)
        n_W = conv_output_size(n_W_prev, self.f, self.stride, 0)
        windows = im2col(x, self.f, self.stride, 0).reshape(-1, self.f * self.f, n_C)   # (m * n_H * n_W, f*f, n_C)
        out = windows.max(axis=1)                                      # (m * n_H * n_W, n_C)
        self.cache = (x.shape, windows, out)
        return out.reshape(m, n_H, n_W, n_C)

    def backward(self, dout):
        """
        Inputs:
        - dout: (m, n_H, n_W, n_C)

        Returns:
        - dx: (m, n_H_prev, n_W_prev, n_C)
        """
        if self.cache is None:
            raise RuntimeError("MaxPool2D.backward was called before MaxPool2D.forward: there is nothing to "
                               "differentiate.")
        x_shape, windows, out = self.cache
        n_C = x_shape[3]
        mask = windows == out[:, None, :]                              # (m * n_H * n_W, f*f, n_C)
        dwindows = mask * dout.reshape(-1, 1, n_C)                      # each window's gradient to its maximum
        return col2im(dwindows.reshape(len(windows), -1), x_shape, self.f, self.stride, 0)


class Flatten(Layer):
    """(m, n_H, n_W, n_C) -> (m, n_H * n_W * n_C), one row per example. No parameters."""

    def forward(self, x):
        """x: (m, ...). Returns out: (m, D), D the product of the other axes."""
        self.cache = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, dout):
        """dout: (m, D). Returns dx: the shape forward received."""
        if self.cache is None:
            raise RuntimeError("Flatten.backward was called before Flatten.forward: there is nothing to "
                               "differentiate.")
        return dout.reshape(self.cache)


class Dense(Layer):
    """Fully connected layer, out = x @ W + b.

    params: "W" (n_in, n_out), He initialised from np.random.default_rng(seed); "b" (n_out,), zeros.
    """

    def __init__(self, n_in, n_out, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        self.params["b"] = np.zeros(n_out)

    def forward(self, x):
        """x: (m, n_in). Returns out: (m, n_out)."""
        self.cache = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, dout):
        """dout: (m, n_out). Returns dx: (m, n_in); fills grads["W"] (n_in, n_out) and grads["b"] (n_out,)."""
        if self.cache is None:
            raise RuntimeError("Dense.backward was called before Dense.forward: there is nothing to differentiate.")
        x = self.cache
        self.grads["W"] = x.T @ dout
        self.grads["b"] = dout.sum(axis=0)
        return dout @ self.params["W"].T


class SoftmaxCrossEntropy(Layer):
    """Softmax of the scores followed by the mean cross-entropy with the labels. No parameters."""

    def forward(self, scores, y):
        """
        Inputs:
        - scores: (m, K) class scores
        - y: (m,) integer labels in 0..K-1

        Returns:
        - loss: float, mean over the m examples of -log softmax(scores)[i, y[i]]
        """
        m = scores.shape[0]
        y = np.asarray(y).reshape(-1).astype(int)
        shifted = scores - scores.max(axis=1, keepdims=True)           # exp(shifted) <= 1: no overflow
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.cache = (np.exp(log_probs), y)
        return float(-log_probs[np.arange(m), y].mean())

    def backward(self, dout=1.0):
        """
        Inputs:
        - dout: gradient with respect to the loss (1.0 when the loss is the objective)

        Returns:
        - dscores: (m, K), dout * (softmax(scores) - one_hot(y)) / m
        """
        if self.cache is None:
            raise RuntimeError("SoftmaxCrossEntropy.backward was called before SoftmaxCrossEntropy.forward: there "
                               "is nothing to differentiate.")
        probs, y = self.cache
        m = len(y)
        dscores = probs.copy()
        dscores[np.arange(m), y] -= 1
        return dscores * (dout / m)


class Sequential:
    """Layers applied one after the other. layers: the list given to the constructor (kept as self.layers)."""

    def __init__(self, layers):
        self.layers = list(layers)

    def forward(self, x):
        """x: the first layer's input. Returns the last layer's output."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, dout):
        """dout: gradient with respect to the last output. Returns the gradient with respect to the first input."""
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout


class SGD:
    """Stochastic gradient descent with momentum over every parameter of a list of layers, in place.

    For each layer and each name in its params:  v = momentum * v - lr * grad;  param += v  (v starts at 0).
    """

    def __init__(self, layers, lr=0.01, momentum=0.9):
        self.layers = list(layers)
        self.lr = lr
        self.momentum = momentum
        self.velocities = [{} for _ in self.layers]                    # one velocity per layer and parameter

    def step(self):
        """Update every parameter of every layer in place from the gradients its last backward left."""
        for layer, velocity in zip(self.layers, self.velocities):
            for name, param in layer.params.items():
                v = velocity.setdefault(name, np.zeros_like(param))
                v *= self.momentum
                v -= self.lr * layer.grads[name]
                param += v
