"""Attacks on notebook 6's grading, and unusual honest notebooks (see __init__.py for the format).

Found by the red team of session 5: the loops of notebooks 2-4 were mounted for notebook 6 (a convolution with identity
filters is im2col), the SGD check believed what the optimizer said it held, a RuntimeError subclass raised in the
kernel came back as a plain exception, and the reference layers that stand in for the student's had no __call__.
Attacks on different exercises share a student, to keep the batch short.
"""

import re

from course import SOLUTIONS, notebook_name

ASSIGNMENT = "06_layers"


def _solution(grade_id):
    """The solution's cell `grade_id`, without the solution markers."""
    import nbformat

    nb = nbformat.read(SOLUTIONS / ASSIGNMENT / notebook_name(ASSIGNMENT), as_version=4)
    source = next(c.source for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION\n", "", source, flags=re.M)


_LAYERS_THAT_RAISE = ("Conv2D", "ReLU", "MaxPool2D", "Flatten", "Dense", "SoftmaxCrossEntropy")
_CALLABLE = ("Conv2D", "ReLU", "MaxPool2D", "Flatten", "Dense")

CHEATS = {
    "thin_loop_calls_and_sgd_empties_params": {
        "what": "im2col, col2im and conv_input_gradient as thin calls to the loops conv_forward / conv_backward of "
                "notebooks 2-3 (identity filters); SGD.__init__ replaces every layer's params by {} and step does "
                "nothing",
        "defence": "sandbox",
        "cells": {
            "im2col": '''
from cnn_utils.reference import conv_forward as _loop_forward, conv_backward as _loop_backward


def im2col(x, f, stride=1, pad=0):
    """Thin call: the mounted loop conv_forward with one identity filter per window entry."""
    n_C = x.shape[3]
    size = f * f * n_C
    Z, _ = _loop_forward(np.asarray(x, dtype=float), np.eye(size).reshape(f, f, n_C, size),
                         np.zeros((1, 1, 1, size)), {"stride": stride, "pad": pad})
    return Z.reshape(-1, size)
''',
            "col2im": '''
def col2im(cols, x_shape, f, stride=1, pad=0):
    """Thin call: the mounted loop conv_backward of that identity convolution (its dA_prev is the adjoint)."""
    m, n_H_prev, n_W_prev, n_C = x_shape
    size = f * f * n_C
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    cache = (np.zeros(x_shape), np.eye(size).reshape(f, f, n_C, size), np.zeros((1, 1, 1, size)),
             {"stride": stride, "pad": pad})
    dA, _, _ = _loop_backward(np.asarray(cols, dtype=float).reshape(m, n_H, n_W, size), cache)
    return dA
''',
            "conv_input_gradient": '''
def conv_input_gradient(dZ, W, pad):
    """Thin call: dA_prev of the mounted loop conv_backward, stride 1."""
    m, n_H, n_W, n_C = dZ.shape
    f, _, n_C_prev, _ = W.shape
    shape = (m, n_H + f - 1 - 2 * pad, n_W + f - 1 - 2 * pad, n_C_prev)
    dA, _, _ = _loop_backward(np.asarray(dZ, dtype=float),
                              (np.zeros(shape), W, np.zeros((1, 1, 1, n_C)), {"stride": 1, "pad": pad}))
    return dA
''',
            "SGD": '''
class SGD:
    def __init__(self, layers, lr=0.01, momentum=0.9):
        self.layers = list(layers)
        self.lr = lr
        self.momentum = momentum

        for layer in self.layers:          # the optimizer "takes over" the parameters: nothing left to check
            layer.params = {}

    def step(self):
        pass
''',
        },
        "loses": {"im2col", "col2im", "conv_input_gradient", "SGD"},
    },
    "thin_loop_layers_and_sgd_keeps_other_layers": {
        "what": "Conv2D and MaxPool2D as thin calls to the loops of notebooks 2-4 (through importlib and through "
                "cnn_utils.reference); SGD keeps empty layers of its own in self.layers and step does nothing",
        "defence": "sandbox",
        "cells": {
            "Conv2D": '''
import importlib

_fwd = importlib.import_module("cnn_utils.reference.forward_conv").conv_forward
_bwd = importlib.import_module("cnn_utils.reference.backward_conv").conv_backward


class Conv2D(Layer):
    """Thin calls to the loops of notebooks 2 and 3 (mounted for notebook 6)."""

    def __init__(self, n_C_prev, n_C, f, stride=1, pad=0, seed=0):
        super().__init__()
        rng = np.random.default_rng(seed)
        self.params["W"] = rng.standard_normal((f, f, n_C_prev, n_C)) * np.sqrt(2.0 / (f * f * n_C_prev))
        self.params["b"] = np.zeros(n_C)
        self.f, self.stride, self.pad = f, stride, pad

    def forward(self, x):
        Z, self.cache = _fwd(np.asarray(x, dtype=float), self.params["W"], self.params["b"].reshape(1, 1, 1, -1),
                             {"stride": self.stride, "pad": self.pad})
        return Z

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("forward first")
        dx, dW, db = _bwd(np.asarray(dout, dtype=float), self.cache)
        self.grads["W"] = dW
        self.grads["b"] = db.reshape(-1)
        return dx
''',
            "MaxPool2D": '''
from cnn_utils import reference as _course


class MaxPool2D(Layer):
    """Thin calls to the loops of notebook 4 (mounted for notebook 6)."""

    def __init__(self, f=2, stride=2):
        super().__init__()
        self.f, self.stride = f, stride

    def forward(self, x):
        A, self.cache = _course.pool_forward(np.asarray(x, dtype=float), {"f": self.f, "stride": self.stride}, "max")
        return A

    def backward(self, dout):
        if self.cache is None:
            raise RuntimeError("forward first")
        return _course.pool_backward(np.asarray(dout, dtype=float), self.cache, "max")
''',
            "SGD": '''
class SGD:
    """Keeps stand-ins of its own instead of the layers it was given; step does nothing."""

    def __init__(self, layers, lr=0.01, momentum=0.9):
        self.given = list(layers)
        self.layers = [Layer() for _ in self.given]
        self.lr, self.momentum = lr, momentum

    def step(self):
        pass
''',
        },
        "loses": {"Conv2D", "MaxPool2D", "SGD"},
    },
    "sgd_layers_property": {
        "what": "SGD.layers is a property that returns empty namespaces every time it is read; step does nothing",
        "defence": "outside",
        "cells": {"SGD": '''
import types


class SGD:
    """self.layers is a property: fresh empty namespaces every time the grader asks; step does nothing."""

    def __init__(self, layers, lr=0.01, momentum=0.9):
        self._given, self.lr, self.momentum = list(layers), lr, momentum

    @property
    def layers(self):
        return [types.SimpleNamespace(params={}, grads={}) for _ in self._given]

    def step(self):
        pass
'''},
        "loses": {"SGD"},
    },
    "sgd_zeroes_the_gradients": {
        "what": "SGD.__init__ swaps each layer's class for a subclass whose backward reports zero gradients, so that "
                "a step that does nothing looks right",
        "defence": "outside",
        "cells": {"SGD": '''
class SGD:
    def __init__(self, layers, lr=0.01, momentum=0.9):
        self.layers = list(layers)
        self.lr = lr
        self.momentum = momentum

        for layer in self.layers:          # every later backward of these layers reports zero gradients
            cls = type(layer)

            def backward(self, dout, _original=cls.backward):
                dx = _original(self, dout)
                for name in list(self.grads):
                    self.grads[name] = np.zeros_like(self.grads[name])
                return dx

            layer.__class__ = type(cls.__name__, (cls,), {"backward": backward})

    def step(self):
        pass
'''},
        "loses": {"SGD"},
    },
}

_OWN_ERROR = 'class ForwardNotRunError(RuntimeError):\n    """backward was called before forward."""\n\n\n'
_CALL = "\n\n    def __call__(self, x):\n        return self.forward(x)\n"

HONEST = {
    "own_runtime_error_class": {
        "what": "every layer raises ForwardNotRunError, a subclass of RuntimeError, for backward before forward",
        "cells": {name: (_OWN_ERROR if name == "Conv2D" else "")
                  + _solution(name).replace("raise RuntimeError(", "raise ForwardNotRunError(")
                  for name in _LAYERS_THAT_RAISE},
    },
    "callable_layers": {
        "what": "layers callable as layer(x), as in the deep-learning libraries, and a Sequential that calls them so",
        "cells": {**{name: _solution(name).rstrip("\n") + _CALL for name in _CALLABLE},
                  "Sequential": _solution("Sequential").replace("x = layer.forward(x)", "x = layer(x)")},
    },
}
