"""The full-model notebook's exercises, correct: the one copy used by its checks, its hidden tests and the benchmark.

CONV 3x3 (n_C1) -> ReLU -> max pool 2 -> CONV 3x3 (n_C2) -> ReLU -> max pool 2 -> flatten -> dense (n_classes),
trained with softmax cross-entropy and Adam. Built on cnn_utils.layers; the loss and Adam live here, not there,
because the full-model notebook's students write them (this module is never in that notebook's grading sandbox).
"""

import numpy as np

from .. import layers
from ..data import random_mini_batches


def softmax_cross_entropy(scores, y):
    """Softmax followed by the mean cross-entropy loss, and its gradient.

    Arguments:
    scores -- class scores (logits), (m, K)
    y -- integer labels in 0..K-1, m of them: (m,), or (1, m) as load_dataset returns them

    Returns:
    loss -- float, mean over the m examples of -log softmax(scores)[y]
    dscores -- (m, K), gradient of loss with respect to scores: (softmax(scores) - one_hot(y)) / m
    """
    m = scores.shape[0]
    y = np.asarray(y).reshape(-1)
    shifted = scores - scores.max(axis=1, keepdims=True)           # exp never overflows: the largest score is 0
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(m), y].mean()
    dscores = np.exp(log_probs)
    dscores[np.arange(m), y] -= 1
    dscores /= m
    return float(loss), dscores


def adam(params, grads, state, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    """One step of Adam, in place.

    m = beta1 * m + (1 - beta1) * grad            running mean of the gradient
    v = beta2 * v + (1 - beta2) * grad**2         running mean of its square
    param -= lr * m_hat / (sqrt(v_hat) + eps)     with m_hat, v_hat corrected for starting at zero

    Arguments:
    params -- dict name -> array, updated in place
    grads -- dict name -> gradient, same keys and shapes
    state -- dict the caller keeps between steps (start with {}); holds the step count t and the running means
    lr, beta1, beta2, eps -- the usual Adam hyper-parameters
    """
    state["t"] = t = state.get("t", 0) + 1
    first = state.setdefault("m", {})
    second = state.setdefault("v", {})
    for name, param in params.items():
        g = grads[name]
        m = first.setdefault(name, np.zeros_like(param))
        v = second.setdefault(name, np.zeros_like(param))
        m *= beta1
        m += (1 - beta1) * g
        v *= beta2
        v += (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)                               # m and v start at 0: undo that bias
        v_hat = v / (1 - beta2 ** t)
        param -= lr * m_hat / (np.sqrt(v_hat) + eps)


def initialize_parameters(input_shape=(28, 28, 1), n_C1=16, n_C2=32, n_classes=10, seed=0):
    """He-initialised weights (from one generator, in the order W1, W2, W3) and zero biases, float32.

    Returns parameters -- {"W1": (3, 3, n_C, n_C1), "b1": (n_C1,), "W2": (3, 3, n_C1, n_C2), "b2": (n_C2,),
                           "W3": ((n_H // 4) * (n_W // 4) * n_C2, n_classes), "b3": (n_classes,)}
    """
    n_H, n_W, n_C = input_shape
    rng = np.random.default_rng(seed)
    W1 = layers.he_init((3, 3, n_C, n_C1), rng)
    W2 = layers.he_init((3, 3, n_C1, n_C2), rng)
    W3 = layers.he_init(((n_H // 4) * (n_W // 4) * n_C2, n_classes), rng)
    return {"W1": W1, "b1": np.zeros(n_C1, np.float32), "W2": W2, "b2": np.zeros(n_C2, np.float32),
            "W3": W3, "b3": np.zeros(n_classes, np.float32)}


def model_forward(X, parameters):
    """X -- (m, n_H, n_W, n_C). Returns scores -- (m, n_classes), caches -- list of the eight layers' caches."""
    z1, conv1 = layers.conv2d_forward(X, parameters["W1"], parameters["b1"], stride=1, pad=1)
    a1, relu1 = layers.relu_forward(z1)
    p1, pool1 = layers.maxpool_forward(a1, size=2, stride=2)
    z2, conv2 = layers.conv2d_forward(p1, parameters["W2"], parameters["b2"], stride=1, pad=1)
    a2, relu2 = layers.relu_forward(z2)
    p2, pool2 = layers.maxpool_forward(a2, size=2, stride=2)
    flat, flatten = layers.flatten_forward(p2)
    scores, dense = layers.affine_forward(flat, parameters["W3"], parameters["b3"])
    return scores, [conv1, relu1, pool1, conv2, relu2, pool2, flatten, dense]


def compute_loss(scores, Y):
    """Returns (loss, dscores): softmax cross-entropy and its gradient with respect to the scores."""
    return softmax_cross_entropy(scores, Y)


def model_backward(dscores, caches):
    """Returns grads -- {"W1", "b1", "W2", "b2", "W3", "b3"}: the gradients of the loss, shaped like the parameters."""
    conv1, relu1, pool1, conv2, relu2, pool2, flatten, dense = caches
    grads = {}
    d, grads["W3"], grads["b3"] = layers.affine_backward(dscores, dense)
    d = layers.relu_backward(layers.maxpool_backward(layers.flatten_backward(d, flatten), pool2), relu2)
    d, grads["W2"], grads["b2"] = layers.conv2d_backward(d, conv2)
    d = layers.relu_backward(layers.maxpool_backward(d, pool1), relu1)
    _, grads["W1"], grads["b1"] = layers.conv2d_backward(d, conv1, input_grad=False)
    return grads


def update_parameters(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One Adam step, in place; returns parameters."""
    adam(parameters, grads, state, lr=learning_rate, beta1=beta1, beta2=beta2, eps=epsilon)
    return parameters


def train(X, Y, parameters, num_epochs=1, mini_batch_size=64, learning_rate=0.001, seed=0, progress=True):
    """Mini-batch training with Adam; epoch e shuffles with seed + e.

    Returns parameters, history -- {"loss": [one per step], "accuracy": [training accuracy of each mini-batch]}
    """
    state, history = {}, {"loss": [], "accuracy": []}
    for epoch in range(num_epochs):
        for X_batch, Y_batch in random_mini_batches(X, Y, mini_batch_size, seed=seed + epoch):
            scores, caches = model_forward(X_batch, parameters)
            loss, dscores = compute_loss(scores, Y_batch)
            parameters = update_parameters(parameters, model_backward(dscores, caches), state, learning_rate)
            history["loss"].append(loss)
            history["accuracy"].append(float(np.mean(np.argmax(scores, axis=1) == Y_batch)))
    return parameters, history


def predict(X, parameters, batch_size=1000):
    """The predicted class of each image, computed batch_size images at a time. Returns labels -- (m,) int."""
    return np.concatenate([np.argmax(model_forward(X[i:i + batch_size], parameters)[0], axis=1)
                           for i in range(0, X.shape[0], batch_size)])
