"""Wrong answers to notebook 7, each a real mistake: {student_id: (exercise cell grade_id, source of that cell)}.

Each must lose the points of its exercise and keep all the others: the hidden tests give train and predict correct
versions of the functions they call, and grade model_backward on caches made by a correct forward pass. A cell that
does not even run (a syntax error) leaves its function undefined: the exercises that call it keep their points too.
"""

WRONG = {
    # --- initialize_parameters
    "one_pooling_counted": ("initialize_parameters", '''
def initialize_parameters(input_shape=(28, 28, 1), n_C1=16, n_C2=32, n_classes=10, seed=0):
    n_H, n_W, n_C = input_shape
    rng = np.random.default_rng(seed)
    W1 = he_init((3, 3, n_C, n_C1), rng)
    W2 = he_init((3, 3, n_C1, n_C2), rng)
    W3 = he_init(((n_H // 2) * (n_W // 2) * n_C2, n_classes), rng)
    return {"W1": W1, "b1": np.zeros(n_C1, np.float32), "W2": W2, "b2": np.zeros(n_C2, np.float32),
            "W3": W3, "b3": np.zeros(n_classes, np.float32)}
'''),
    "small_random_weights": ("initialize_parameters", '''
def initialize_parameters(input_shape=(28, 28, 1), n_C1=16, n_C2=32, n_classes=10, seed=0):
    n_H, n_W, n_C = input_shape
    rng = np.random.default_rng(seed)
    W1 = (0.01 * rng.standard_normal((3, 3, n_C, n_C1))).astype(np.float32)
    W2 = (0.01 * rng.standard_normal((3, 3, n_C1, n_C2))).astype(np.float32)
    W3 = (0.01 * rng.standard_normal(((n_H // 4) * (n_W // 4) * n_C2, n_classes))).astype(np.float32)
    return {"W1": W1, "b1": np.zeros(n_C1, np.float32), "W2": W2, "b2": np.zeros(n_C2, np.float32),
            "W3": W3, "b3": np.zeros(n_classes, np.float32)}
'''),
    "new_generator_per_weight": ("initialize_parameters", '''
def initialize_parameters(input_shape=(28, 28, 1), n_C1=16, n_C2=32, n_classes=10, seed=0):
    n_H, n_W, n_C = input_shape
    W1 = he_init((3, 3, n_C, n_C1), seed)
    W2 = he_init((3, 3, n_C1, n_C2), seed)
    W3 = he_init(((n_H // 4) * (n_W // 4) * n_C2, n_classes), seed)
    return {"W1": W1, "b1": np.zeros(n_C1, np.float32), "W2": W2, "b2": np.zeros(n_C2, np.float32),
            "W3": W3, "b3": np.zeros(n_classes, np.float32)}
'''),
    "fixed_28x28_and_one_channel": ("initialize_parameters", '''
def initialize_parameters(input_shape=(28, 28, 1), n_C1=16, n_C2=32, n_classes=10, seed=0):
    rng = np.random.default_rng(seed)
    W1 = he_init((3, 3, 1, n_C1), rng)
    W2 = he_init((3, 3, n_C1, n_C2), rng)
    W3 = he_init((7 * 7 * n_C2, n_classes), rng)
    return {"W1": W1, "b1": np.zeros(n_C1, np.float32), "W2": W2, "b2": np.zeros(n_C2, np.float32),
            "W3": W3, "b3": np.zeros(n_classes, np.float32)}
'''),
    # --- model_forward
    "forward_missing_second_relu": ("model_forward", '''
def model_forward(X, parameters):
    Z1, c1 = conv2d_forward(X, parameters["W1"], parameters["b1"], stride=1, pad=1)
    A1, r1 = relu_forward(Z1)
    P1, p1 = maxpool_forward(A1, size=2, stride=2)
    Z2, c2 = conv2d_forward(P1, parameters["W2"], parameters["b2"], stride=1, pad=1)
    A2, r2 = Z2, Z2
    P2, p2 = maxpool_forward(A2, size=2, stride=2)
    F, fc = flatten_forward(P2)
    scores, dc = affine_forward(F, parameters["W3"], parameters["b3"])
    return scores, [c1, r1, p1, c2, r2, p2, fc, dc]
'''),
    "forward_relu_cache_reused": ("model_forward", '''
def model_forward(X, parameters):
    Z1, c1 = conv2d_forward(X, parameters["W1"], parameters["b1"], stride=1, pad=1)
    A1, r1 = relu_forward(Z1)
    P1, p1 = maxpool_forward(A1, size=2, stride=2)
    Z2, c2 = conv2d_forward(P1, parameters["W2"], parameters["b2"], stride=1, pad=1)
    A2, r2 = relu_forward(Z2)
    P2, p2 = maxpool_forward(A2, size=2, stride=2)
    F, fc = flatten_forward(P2)
    scores, dc = affine_forward(F, parameters["W3"], parameters["b3"])
    return scores, [c1, r1, p1, c2, r1, p2, fc, dc]
'''),
    "forward_returns_probabilities": ("model_forward", '''
def model_forward(X, parameters):
    Z1, c1 = conv2d_forward(X, parameters["W1"], parameters["b1"], stride=1, pad=1)
    A1, r1 = relu_forward(Z1)
    P1, p1 = maxpool_forward(A1, size=2, stride=2)
    Z2, c2 = conv2d_forward(P1, parameters["W2"], parameters["b2"], stride=1, pad=1)
    A2, r2 = relu_forward(Z2)
    P2, p2 = maxpool_forward(A2, size=2, stride=2)
    F, fc = flatten_forward(P2)
    scores, dc = affine_forward(F, parameters["W3"], parameters["b3"])
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True), [c1, r1, p1, c2, r2, p2, fc, dc]
'''),
    "forward_no_padding": ("model_forward", '''
def model_forward(X, parameters):
    Z1, c1 = conv2d_forward(X, parameters["W1"], parameters["b1"], stride=1, pad=0)
    A1, r1 = relu_forward(Z1)
    P1, p1 = maxpool_forward(A1, size=2, stride=2)
    Z2, c2 = conv2d_forward(P1, parameters["W2"], parameters["b2"], stride=1, pad=0)
    A2, r2 = relu_forward(Z2)
    P2, p2 = maxpool_forward(A2, size=2, stride=2)
    F, fc = flatten_forward(P2)
    scores, dc = affine_forward(F, parameters["W3"], parameters["b3"])
    return scores, [c1, r1, p1, c2, r2, p2, fc, dc]
'''),
    # --- compute_loss
    "loss_summed_not_averaged": ("compute_loss", '''
def compute_loss(scores, Y):
    m = scores.shape[0]
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.sum(log_probs[np.arange(m), Y])
    dscores = np.exp(log_probs)
    dscores[np.arange(m), Y] -= 1
    return float(loss), dscores
'''),
    "loss_overflows": ("compute_loss", '''
def compute_loss(scores, Y):
    m = scores.shape[0]
    probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)
    loss = -np.mean(np.log(probs[np.arange(m), Y]))
    dscores = probs.copy()
    dscores[np.arange(m), Y] -= 1
    return float(loss), dscores / m
'''),
    "loss_gradient_not_divided": ("compute_loss", '''
def compute_loss(scores, Y):
    m = scores.shape[0]
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    loss = -np.mean(log_probs[np.arange(m), Y])
    dscores = np.exp(log_probs)
    dscores[np.arange(m), Y] -= 1
    return float(loss), dscores
'''),
    "loss_calls_the_library": ("compute_loss", '''
from cnn_utils.layers import softmax_cross_entropy as _sce

def compute_loss(scores, Y):
    return _sce(scores, Y)
'''),
    "loss_cell_does_not_run": ("compute_loss", '''
def compute_loss(scores, Y):
    m = scores.shape[0]
    shifted = scores - np.max(scores, axis=1, keepdims=True
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    dscores = np.exp(log_probs)
    dscores[np.arange(m), Y] -= 1
    return float(-np.mean(log_probs[np.arange(m), Y])), dscores / m
'''),
    # --- model_backward
    "backward_skips_relu": ("model_backward", '''
def model_backward(dscores, caches):
    conv1_cache, relu1_cache, pool1_cache, conv2_cache, relu2_cache, pool2_cache, flatten_cache, dense_cache = caches
    grads = {}
    dF, grads["W3"], grads["b3"] = affine_backward(dscores, dense_cache)
    dP2 = flatten_backward(dF, flatten_cache)
    dA2 = maxpool_backward(dP2, pool2_cache)
    dP1, grads["W2"], grads["b2"] = conv2d_backward(dA2, conv2_cache)
    dA1 = maxpool_backward(dP1, pool1_cache)
    dZ1 = relu_backward(dA1, relu1_cache)
    _, grads["W1"], grads["b1"] = conv2d_backward(dZ1, conv1_cache, input_grad=False)
    return grads
'''),
    "backward_cache_of_another_layer": ("model_backward", '''
def model_backward(dscores, caches):
    conv1_cache, relu1_cache, pool1_cache, conv2_cache, relu2_cache, pool2_cache, flatten_cache, dense_cache = caches
    grads = {}
    dF, grads["W3"], grads["b3"] = affine_backward(dscores, dense_cache)
    dP2 = flatten_backward(dF, flatten_cache)
    dZ2 = relu_backward(maxpool_backward(dP2, pool2_cache), relu2_cache)
    dP1, grads["W2"], grads["b2"] = conv2d_backward(dZ2, conv2_cache)
    dZ1 = relu_backward(maxpool_backward(dP1, pool1_cache), relu2_cache)
    _, grads["W1"], grads["b1"] = conv2d_backward(dZ1, conv1_cache, input_grad=False)
    return grads
'''),
    "backward_grads_mislabelled": ("model_backward", '''
def model_backward(dscores, caches):
    conv1_cache, relu1_cache, pool1_cache, conv2_cache, relu2_cache, pool2_cache, flatten_cache, dense_cache = caches
    grads = {}
    dF, grads["W3"], grads["b3"] = affine_backward(dscores, dense_cache)
    dP2 = flatten_backward(dF, flatten_cache)
    dZ2 = relu_backward(maxpool_backward(dP2, pool2_cache), relu2_cache)
    dP1, grads["W2"], grads["b1"] = conv2d_backward(dZ2, conv2_cache)
    dZ1 = relu_backward(maxpool_backward(dP1, pool1_cache), relu1_cache)
    _, grads["W1"], grads["b2"] = conv2d_backward(dZ1, conv1_cache, input_grad=False)
    return grads
'''),
    "backward_gradient_ascent": ("model_backward", '''
def model_backward(dscores, caches):
    conv1_cache, relu1_cache, pool1_cache, conv2_cache, relu2_cache, pool2_cache, flatten_cache, dense_cache = caches
    grads = {}
    dF, grads["W3"], grads["b3"] = affine_backward(-dscores, dense_cache)
    dP2 = flatten_backward(dF, flatten_cache)
    dZ2 = relu_backward(maxpool_backward(dP2, pool2_cache), relu2_cache)
    dP1, grads["W2"], grads["b2"] = conv2d_backward(dZ2, conv2_cache)
    dZ1 = relu_backward(maxpool_backward(dP1, pool1_cache), relu1_cache)
    _, grads["W1"], grads["b1"] = conv2d_backward(dZ1, conv1_cache, input_grad=False)
    return grads
'''),
    # --- update_parameters
    "adam_sign_flipped": ("update_parameters", '''
def update_parameters(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    state["t"] = t = state.get("t", 0) + 1
    m, v = state.setdefault("m", {}), state.setdefault("v", {})
    for name in parameters:
        g = grads[name]
        m[name] = beta1 * m.get(name, 0) + (1 - beta1) * g
        v[name] = beta2 * v.get(name, 0) + (1 - beta2) * g * g
        parameters[name] = parameters[name] + learning_rate * (m[name] / (1 - beta1 ** t)) / (
            np.sqrt(v[name] / (1 - beta2 ** t)) + epsilon)
    return parameters
'''),
    "adam_no_bias_correction": ("update_parameters", '''
def update_parameters(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    m, v = state.setdefault("m", {}), state.setdefault("v", {})
    for name in parameters:
        g = grads[name]
        m[name] = beta1 * m.get(name, 0) + (1 - beta1) * g
        v[name] = beta2 * v.get(name, 0) + (1 - beta2) * g * g
        parameters[name] = parameters[name] - learning_rate * m[name] / (np.sqrt(v[name]) + epsilon)
    return parameters
'''),
    "adam_counts_t_per_parameter": ("update_parameters", '''
def update_parameters(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    m, v = state.setdefault("m", {}), state.setdefault("v", {})
    for name in parameters:
        state["t"] = t = state.get("t", 0) + 1
        g = grads[name]
        m[name] = beta1 * m.get(name, 0) + (1 - beta1) * g
        v[name] = beta2 * v.get(name, 0) + (1 - beta2) * g * g
        parameters[name] = parameters[name] - learning_rate * (m[name] / (1 - beta1 ** t)) / (
            np.sqrt(v[name] / (1 - beta2 ** t)) + epsilon)
    return parameters
'''),
    "adam_calls_the_library": ("update_parameters", '''
def update_parameters(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    layers.adam(parameters, grads, state, lr=learning_rate, beta1=beta1, beta2=beta2, eps=epsilon)
    return parameters
'''),
    "plain_gradient_descent": ("update_parameters", '''
def update_parameters(parameters, grads, state, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
    for name in parameters:
        parameters[name] = parameters[name] - learning_rate * grads[name]
    return parameters
'''),
    # --- train
    "train_same_shuffle_every_epoch": ("train", '''
def train(X, Y, parameters, num_epochs=1, mini_batch_size=64, learning_rate=0.001, seed=0, progress=True):
    state = {}
    history = {"loss": [], "accuracy": []}
    for epoch in range(num_epochs):
        for X_batch, Y_batch in tqdm(random_mini_batches(X, Y, mini_batch_size, seed=seed), disable=not progress):
            scores, caches = model_forward(X_batch, parameters)
            loss, dscores = compute_loss(scores, Y_batch)
            grads = model_backward(dscores, caches)
            parameters = update_parameters(parameters, grads, state, learning_rate)
            history["loss"].append(loss)
            history["accuracy"].append(float(np.mean(np.argmax(scores, axis=1) == Y_batch)))
    return parameters, history
'''),
    "train_ignores_learning_rate": ("train", '''
def train(X, Y, parameters, num_epochs=1, mini_batch_size=64, learning_rate=0.001, seed=0, progress=True):
    state = {}
    history = {"loss": [], "accuracy": []}
    for epoch in range(num_epochs):
        for X_batch, Y_batch in tqdm(random_mini_batches(X, Y, mini_batch_size, seed=seed + epoch),
                                     disable=not progress):
            scores, caches = model_forward(X_batch, parameters)
            loss, dscores = compute_loss(scores, Y_batch)
            grads = model_backward(dscores, caches)
            parameters = update_parameters(parameters, grads, state)
            history["loss"].append(loss)
            history["accuracy"].append(float(np.mean(np.argmax(scores, axis=1) == Y_batch)))
    return parameters, history
'''),
    "train_new_adam_state_every_step": ("train", '''
def train(X, Y, parameters, num_epochs=1, mini_batch_size=64, learning_rate=0.001, seed=0, progress=True):
    history = {"loss": [], "accuracy": []}
    for epoch in range(num_epochs):
        for X_batch, Y_batch in tqdm(random_mini_batches(X, Y, mini_batch_size, seed=seed + epoch),
                                     disable=not progress):
            scores, caches = model_forward(X_batch, parameters)
            loss, dscores = compute_loss(scores, Y_batch)
            grads = model_backward(dscores, caches)
            parameters = update_parameters(parameters, grads, {}, learning_rate)
            history["loss"].append(loss)
            history["accuracy"].append(float(np.mean(np.argmax(scores, axis=1) == Y_batch)))
    return parameters, history
'''),
    "train_records_once_per_epoch": ("train", '''
def train(X, Y, parameters, num_epochs=1, mini_batch_size=64, learning_rate=0.001, seed=0, progress=True):
    state = {}
    history = {"loss": [], "accuracy": []}
    for epoch in range(num_epochs):
        for X_batch, Y_batch in tqdm(random_mini_batches(X, Y, mini_batch_size, seed=seed + epoch),
                                     disable=not progress):
            scores, caches = model_forward(X_batch, parameters)
            loss, dscores = compute_loss(scores, Y_batch)
            grads = model_backward(dscores, caches)
            parameters = update_parameters(parameters, grads, state, learning_rate)
        history["loss"].append(loss)
        history["accuracy"].append(float(np.mean(np.argmax(scores, axis=1) == Y_batch)))
    return parameters, history
'''),
    # --- predict
    "predict_returns_scores": ("predict", '''
def predict(X, parameters, batch_size=1000):
    return np.concatenate([model_forward(X[i:i + batch_size], parameters)[0] for i in range(0, len(X), batch_size)])
'''),
    "predict_argmax_over_images": ("predict", '''
def predict(X, parameters, batch_size=1000):
    labels = []
    for start in range(0, X.shape[0], batch_size):
        scores, _ = model_forward(X[start:start + batch_size], parameters)
        labels.append(np.argmax(scores, axis=0))
    return np.concatenate(labels)
'''),
    "predict_drops_last_batch": ("predict", '''
def predict(X, parameters, batch_size=1000):
    labels = []
    for k in range(X.shape[0] // batch_size):
        scores, _ = model_forward(X[k * batch_size:(k + 1) * batch_size], parameters)
        labels.append(np.argmax(scores, axis=1))
    return np.concatenate(labels) if labels else np.zeros(0, dtype=int)
'''),
    # The conceptual questions: all of them fail, through the visible check (form) or the hidden key (value).
    "answers_not_answered": ("answers", '''
# the placeholders kept, the raise line deleted
answer_1 = None
answer_2 = None
answer_3 = None
answer_4 = None
'''),
    "answers_wrong_form": ("answers", '''
answer_1 = '9,098'
answer_2 = '-3/8'
answer_3 = 'pool, relu, conv'
answer_4 = True
'''),
    "answers_wrong": ("answers", '''
answer_1 = 20490
answer_2 = -0.75
answer_3 = "a"
answer_4 = "a"
'''),
}
