"""Notebook 6's helpers outside the notebook: saving and loading parameters, the guard of the cells after training,
and the figures."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from cnn_utils import checks, plots
from cnn_utils.checks import core
from cnn_utils.checks.core import NotImplementedYet
from cnn_utils.params import load_parameters, save_parameters


def test_parameters_survive_a_save_and_load(tmp_path):
    rng = np.random.default_rng(0)
    parameters = {"W1": rng.standard_normal((3, 3, 1, 4)).astype(np.float32), "b1": np.zeros(4, np.float32),
                  "W3": rng.standard_normal((5, 10)), "b3": np.arange(10)}
    path = save_parameters(tmp_path / "sub" / "model", parameters)
    assert path.name == "model.npz" and path.exists()
    for name in (path, tmp_path / "sub" / "model"):          # with or without the suffix
        loaded = load_parameters(name)
        assert list(loaded) == list(parameters)
        for key, value in parameters.items():
            assert loaded[key].dtype == value.dtype and np.array_equal(loaded[key], value), key


def test_load_parameters_names_the_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no saved parameters"):
        load_parameters(tmp_path / "nothing.npz")


@pytest.mark.parametrize("bad", [{}, {"W 1": np.zeros(2)}, {"W": [np.zeros(2), "x"]}, [np.zeros(2)]])
def test_save_parameters_refuses_what_it_cannot_reload(tmp_path, bad):
    with pytest.raises(ValueError):
        save_parameters(tmp_path / "bad.npz", bad)


def test_require_written_stops_only_on_unfinished_exercises():
    def stub(X, parameters, batch_size=1000):
        raise NotImplementedError()

    def written(X, parameters, batch_size=1000):
        return X.shape

    checks.require_written(written)                            # a written function is never run for real
    with pytest.raises(NotImplementedYet, match="stub, which is not written yet"):
        checks.require_written(written, stub)


def test_a_check_whose_prerequisite_fails_says_why_and_counts_as_not_checked(capsys):
    from cnn_utils.reference import full_model

    def softmax_forward(X, parameters):
        scores, caches = full_model.model_forward(X, parameters)
        probabilities = np.exp(scores - scores.max(axis=1, keepdims=True))
        return probabilities / probabilities.sum(axis=1, keepdims=True), caches

    assert checks.check_predict(full_model.predict, softmax_forward) is None
    printed = capsys.readouterr().out
    assert printed.startswith("⚠ predict could not be checked: this check runs your model_forward, which does not "
                              "pass its own check yet (")
    assert "predict is tested on its own, with correct versions of the other functions" in printed
    assert core._outcomes["predict"] == "not checked yet: needs model_forward to pass first"
    checks.check_predict(full_model.predict, full_model.model_forward)
    assert core._outcomes["predict"] == "passed"


def test_the_figures_of_notebook_6_draw():
    rng = np.random.default_rng(1)
    history = {"loss": list(rng.random(120)), "accuracy": list(rng.random(120))}
    figures = [plots.show_training_curves(history, steps_per_epoch=40, test_accuracy=0.9),
               plots.show_training_curves({"loss": [2.0], "accuracy": [0.1]})]
    confusion = rng.integers(0, 50, (10, 10))
    classes = [f"class {k}" for k in range(10)]
    figures.append(plots.show_confusion_matrix(confusion, classes))
    y_true, y_pred = rng.integers(0, 3, 60), rng.integers(0, 3, 60)
    figures.append(plots.show_confused_examples(rng.random((60, 28, 28, 1)), y_true, y_pred, classes,
                                                [(0, 1), (2, 0)], n=5))
    figures.append(plots.show_learned_filters(rng.standard_normal((3, 3, 1, 10)), rng.random((28, 28, 10)),
                                              image=rng.random((28, 28, 1))))
    figures.append(plots.show_learned_filters(rng.standard_normal((3, 3, 1, 4))))
    for figure in figures:
        assert figure.axes
        matplotlib.pyplot.close(figure)
