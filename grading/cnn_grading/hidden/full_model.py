"""Hidden tests of notebook 7 (07_full_model): the model's functions against cnn_utils.reference.full_model.

Each exercise is graded on its own: train and predict run with the course's model_forward, compute_loss,
model_backward and update_parameters standing in for the student's (their test cells come earlier).
"""

import numpy as np

from cnn_utils import checks
from cnn_utils.checks import full_model as fm
from cnn_utils.i18n import tr

from ._draws import on_a_well_posed_draw


def _seed(rng):
    return int(rng.integers(1, 2 ** 31))


def test_initialize_parameters(student, rng):
    """initialize_parameters with non-default sizes (non-square input with 3 channels, 9x9 images whose size is not
    a multiple of 4, 28x28) and seeds: every array against the reference, and float32."""
    from cnn_utils.reference import full_model

    initialize_parameters = student.initialize_parameters
    for kwargs in [dict(input_shape=(12, 10, 3), n_C1=4, n_C2=6, n_classes=5),
                   dict(input_shape=(9, 9, 1), n_C1=2, n_C2=3, n_classes=7),
                   dict(input_shape=(28, 28, 1), n_C1=8, n_C2=4, n_classes=10)]:
        kwargs["seed"] = _seed(rng)
        label = "initialize_parameters(" + ", ".join(f"{k}={v}" for k, v in kwargs.items()) + ")"
        got = checks.call(initialize_parameters, name="initialize_parameters", **kwargs)
        fm.compare_parameter_dicts(got, full_model.initialize_parameters(**kwargs), tr("{label}, a hidden test case,",
                                                                                       label=label),
                                   rtol=1e-6)
        fm.check_dtypes(got, np.float32, label)


def test_model_forward(student, rng):
    """model_forward on three sizes (non-square, 2 channels, 9x9 where pooling rounds down): the scores against the
    reference, and the caches (their shapes, and the reference backward pass computes the right gradients from
    them)."""
    from cnn_utils.reference import full_model

    model_forward = student.model_forward
    for shape, n_C1, n_C2, n_classes in [((3, 12, 10, 1), 3, 5, 4), ((2, 9, 9, 2), 2, 3, 6), ((4, 8, 8, 1), 4, 2, 10)]:
        label = tr("X of shape {shape}, n_C1 {n_C1}, n_C2 {n_C2}, {n_classes} classes",
                   shape=shape, n_C1=n_C1, n_C2=n_C2, n_classes=n_classes)
        X = rng.standard_normal(shape)
        parameters = fm.case_parameters(shape[1:], n_C1, n_C2, n_classes, seed=rng)
        scores, caches = checks.unpack(checks.call(model_forward, X, parameters), ("scores", "caches"),
                                       "model_forward")
        expected, expected_caches = full_model.model_forward(X, parameters)
        checks.assert_close(scores, expected, "scores", context=checks.core.hidden_case(label), hidden=True)
        dscores = rng.standard_normal(expected.shape)
        fm.check_caches_work(caches, (shape[0], shape[1], shape[2], n_C1, n_C2), full_model.model_backward, dscores,
                             full_model.model_backward(dscores, expected_caches), label)


def test_compute_loss(student, rng):
    """compute_loss on one example, 2 to 10 classes, large scores (near 1000, spread 50) and very negative ones
    (near -700) where a naive softmax overflows, and float32 scores: loss and dscores against the reference."""
    compute_loss = student.compute_loss
    for m, K, scale, shift in [(1, 3, 1.0, 0.0), (7, 10, 3.0, 0.0), (5, 4, 50.0, 1000.0), (6, 2, 1.0, -700.0)]:
        scores = scale * rng.standard_normal((m, K)) + shift
        Y = rng.integers(0, K, m)
        fm.loss_case(compute_loss, scores, Y, tr("a hidden test case: {m} examples, {K} classes, scores near "
                                                 "{shift:g}", m=m, K=K, shift=shift))
    fm.loss_case(compute_loss, rng.standard_normal((9, 10)).astype(np.float32), rng.integers(0, 10, 9),
                 tr("a hidden test case: float32 scores, 9 examples, 10 classes"), rtol=1e-4)


def test_model_backward(student, rng):
    """model_backward on the reference's caches for two sizes (non-square, 2 channels, 9x9): every gradient against
    the reference; then a gradient check of the whole model on 8x6 images (the second pooling rounds 3 down to 1), on
    a draw the reference passes (no ReLU input within the nudge of 0, no vanishing gradient)."""
    from cnn_utils.reference import full_model

    model_backward = student.model_backward
    for shape, n_C1, n_C2, n_classes in [((3, 12, 10, 1), 3, 5, 4), ((2, 9, 9, 2), 2, 3, 6)]:
        label = tr("X of shape {shape}, n_C1 {n_C1}, n_C2 {n_C2}, {n_classes} classes",
                   shape=shape, n_C1=n_C1, n_C2=n_C2, n_classes=n_classes)
        X = rng.standard_normal(shape)
        Y = rng.integers(0, n_classes, shape[0])
        parameters = fm.case_parameters(shape[1:], n_C1, n_C2, n_classes, seed=rng)
        scores, caches = full_model.model_forward(X, parameters)
        _, dscores = full_model.softmax_cross_entropy(scores, Y)
        grads = checks.call(model_backward, dscores, caches)
        fm.compare_parameter_dicts(grads, full_model.model_backward(dscores, caches),
                                   tr("grads on a hidden test case ({label})", label=label))
    on_a_well_posed_draw(rng, _whole_model_gradient_case, model_backward, full_model.model_backward)


def _whole_model_gradient_case(model_backward, rng):
    """A gradient check of the whole model: images 8x6 (the second pooling rounds 3 down to 1)."""
    from cnn_utils.reference import full_model

    X = rng.standard_normal((2, 8, 6, 1))
    Y = rng.integers(0, 3, 2)
    parameters = fm.case_parameters((8, 6, 1), 2, 2, 3, seed=rng)
    scores, caches = full_model.model_forward(X, parameters)
    _, dscores = full_model.softmax_cross_entropy(scores, Y)
    grads = checks.call(model_backward, dscores, caches, name="model_backward")
    fm.gradient_check_model(grads, lambda: full_model.softmax_cross_entropy(full_model.model_forward(X, parameters)[0],
                                                                            Y)[0],
                            parameters, tr("a hidden test case: 2 images 8x6, n_C1 2, n_C2 2, 3 classes"))


def test_update_parameters(student, rng):
    """update_parameters against the course's Adam step by step (three parameters over 4 steps; other beta1, beta2
    and epsilon over 3 steps), and one step on the model's gradient lowers its loss."""
    from cnn_utils.reference import full_model

    update_parameters = student.update_parameters
    parameters, grads = fm.adam_case(rng, {"W1": (3, 3, 1, 2), "b1": (2,), "W3": (4, 3)}, steps=4)
    fm.compare_adam_steps(update_parameters, parameters, grads,
                          tr("a hidden test case: 3 parameters, 4 steps, learning_rate 0.01"), learning_rate=0.01)
    parameters, grads = fm.adam_case(rng, {"W": (5,), "b": (1,)}, steps=3)
    fm.compare_adam_steps(update_parameters, parameters, grads,
                          tr("a hidden test case: learning_rate 0.05, beta1 0.8, beta2 0.99, epsilon 1e-4"),
                          learning_rate=0.05, beta1=0.8, beta2=0.99, epsilon=1e-4)
    X, Y = rng.standard_normal((4, 8, 8, 1)), rng.integers(0, 3, 4)

    def loss_and_grads(parameters):
        scores, caches = full_model.model_forward(X, parameters)
        loss, dscores = full_model.softmax_cross_entropy(scores, Y)
        return loss, full_model.model_backward(dscores, caches)

    fm.one_step_lowers_the_loss(update_parameters, loss_and_grads, fm.case_parameters((8, 8, 1), 2, 3, 3, seed=rng),
                                tr("the model on a hidden batch of 4 images"), learning_rate=0.001)


def test_train(student, rng):
    """train with the course's model functions standing in: the history and the parameters after 3 epochs of 13
    images in mini-batches of 5 (a smaller last one) against the reference's train, then 200 steps on 64 training
    images reach 100% training accuracy."""
    from cnn_utils.reference import full_model

    train = student.train
    with checks.stand_ins(train, model_forward=full_model.model_forward, compute_loss=full_model.compute_loss,
                          model_backward=full_model.model_backward, update_parameters=full_model.update_parameters):
        X, Y = rng.standard_normal((13, 8, 8, 1)), rng.integers(0, 4, 13)
        parameters = fm.case_parameters((8, 8, 1), 2, 3, 4, seed=rng)
        options = dict(num_epochs=3, mini_batch_size=5, learning_rate=0.01, seed=7, progress=False)
        label = tr("13 images 8x8, mini_batch_size 5, 3 epochs, learning_rate 0.01, seed 7")
        got_parameters, got_history = fm.call_train(train, X, Y, parameters, **options)
        expected_parameters, expected_history = full_model.train(X, Y, fm.copy_parameters(parameters), **options)
        fm.check_history(got_history, 9, 3, label)
        fm.compare_histories(got_history, expected_history, label)
        fm.compare_parameter_dicts(got_parameters, expected_parameters, tr("the parameters train returned ({label})",
                                                                           label=label))

        X, Y, parameters = fm.overfit_case()
        got_parameters, _ = fm.call_train(train, X, Y, parameters, progress=False, **fm.OVERFIT)
    got_parameters = fm.check_parameter_dict(got_parameters, {name: value.shape for name, value in parameters.items()},
                                             tr("the parameters train returned"))
    accuracy = np.mean(full_model.predict(X, got_parameters) == Y)
    if accuracy < 1:
        checks.fail(tr("after 200 steps on the same 64 images the training accuracy should be 100%, but it is "
                       "{accuracy:.1%}.", accuracy=accuracy))


def test_predict(student, rng):
    """predict with the course's model_forward standing in, for batch sizes that divide m, that do not, larger than
    m, and one image: the labels against the argmax of the reference's scores."""
    from cnn_utils.reference import full_model

    predict = student.predict
    with checks.stand_ins(predict, model_forward=full_model.model_forward):
        for m, batch_size in [(7, 3), (6, 6), (5, 100), (1, 1)]:
            X = rng.standard_normal((m, 12, 12, 1))
            parameters = fm.case_parameters((12, 12, 1), 2, 3, 5, seed=rng)
            labels = checks.call(predict, X, parameters, batch_size=batch_size)
            fm.check_labels(labels, np.argmax(full_model.model_forward(X, parameters)[0], axis=1),
                            tr("a hidden test case: {m} images, batch_size {batch_size}", m=m, batch_size=batch_size),
                            batch_size, 5)
