"""cnn_utils.layers: every backward pass against a numeric gradient, the forward passes against the loop reference,
the loss's stability, dtypes, the optimizers' first steps, and what the grader needs from the module."""

import numpy as np
import pytest

from cnn_utils import layers as L
from cnn_utils import reference as ref
from cnn_utils.gradcheck import numeric_gradient, relative_error
from cnn_utils.reference import full_model as FM

TOLERANCE = 1e-7


def assert_gradient(analytic, f, x, dout, name):
    result = relative_error(analytic, numeric_gradient(f, x, dout), name=name, tolerance=TOLERANCE)
    assert result.passed, str(result)


def spread_values(rng, shape, gap=0.1):
    """Distinct values at least `gap` apart, shuffled: no ties and no kinks within a numeric-gradient step."""
    return rng.permutation(int(np.prod(shape))).reshape(shape) * gap - 0.4 * gap * np.prod(shape)


# --- convolution ------------------------------------------------------------------------------------------------

CONV_CASES = [
    # (m, H, W, C_prev, C, f, stride, pad)
    (2, 5, 5, 3, 4, 3, 1, 1),
    (2, 5, 7, 3, 2, 3, 1, 0),   # non-square input
    (2, 7, 6, 1, 3, 3, 2, 0),   # one input channel (its own im2col path), stride 2
    (1, 6, 5, 2, 3, 2, 2, 1),   # even filter, stride 2 with padding
    (2, 4, 4, 1, 2, 3, 1, 1),   # one input channel with padding
    (1, 8, 5, 2, 2, 3, 3, 1),   # stride 3 = f: windows touch without overlapping
]


@pytest.mark.parametrize("m,H,W,C_prev,C,f,stride,pad", CONV_CASES)
def test_conv2d_forward_matches_loops(m, H, W, C_prev, C, f, stride, pad):
    rng = np.random.default_rng(0)
    x, w, b = rng.standard_normal((m, H, W, C_prev)), rng.standard_normal((f, f, C_prev, C)), rng.standard_normal(C)
    out, _ = L.conv2d_forward(x, w, b, stride=stride, pad=pad)
    expected, _ = ref.conv_forward(x, w, b.reshape(1, 1, 1, C), {"stride": stride, "pad": pad})
    assert out.shape == expected.shape
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("m,H,W,C_prev,C,f,stride,pad", CONV_CASES)
def test_conv2d_backward_numeric_gradient(m, H, W, C_prev, C, f, stride, pad):
    rng = np.random.default_rng(1)
    x, w, b = rng.standard_normal((m, H, W, C_prev)), rng.standard_normal((f, f, C_prev, C)), rng.standard_normal(C)
    out, cache = L.conv2d_forward(x, w, b, stride=stride, pad=pad)
    dout = rng.standard_normal(out.shape)
    dx, dw, db = L.conv2d_backward(dout, cache)
    assert (dx.shape, dw.shape, db.shape) == (x.shape, w.shape, b.shape)
    forward = lambda: L.conv2d_forward(x, w, b, stride=stride, pad=pad)[0]
    assert_gradient(dx, forward, x, dout, "dx")
    assert_gradient(dw, forward, w, dout, "dw")
    assert_gradient(db, forward, b, dout, "db")


def test_conv2d_backward_matches_loops_and_can_skip_dx():
    rng = np.random.default_rng(2)
    x, w, b = rng.standard_normal((3, 6, 5, 2)), rng.standard_normal((3, 3, 2, 4)), rng.standard_normal(4)
    out, cache = L.conv2d_forward(x, w, b, stride=2, pad=1)
    dout = rng.standard_normal(out.shape)
    dx, dw, db = L.conv2d_backward(dout, cache)
    _, ref_cache = ref.conv_forward(x, w, b.reshape(1, 1, 1, 4), {"stride": 2, "pad": 1})
    ref_dx, ref_dw, ref_db = ref.conv_backward(dout, ref_cache)
    np.testing.assert_allclose(dx, ref_dx, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dw, ref_dw, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(db, ref_db.reshape(4), rtol=1e-12, atol=1e-12)
    no_dx, dw2, db2 = L.conv2d_backward(dout, cache, input_grad=False)
    assert no_dx is None
    np.testing.assert_array_equal(dw2, dw)
    np.testing.assert_array_equal(db2, db)


def test_conv2d_leaves_its_inputs_unchanged():
    rng = np.random.default_rng(3)
    x, w, b = rng.standard_normal((2, 5, 5, 2)), rng.standard_normal((3, 3, 2, 3)), rng.standard_normal(3)
    copies = x.copy(), w.copy(), b.copy()
    out, cache = L.conv2d_forward(x, w, b, pad=1)
    dout = rng.standard_normal(out.shape)
    dout_copy = dout.copy()
    L.conv2d_backward(dout, cache)
    for original, after in zip(copies + (dout_copy,), (x, w, b, dout)):
        np.testing.assert_array_equal(original, after)


# --- ReLU, pooling, flatten -------------------------------------------------------------------------------------

def test_relu_forward_and_numeric_gradient():
    rng = np.random.default_rng(4)
    x = spread_values(rng, (2, 3, 4, 2))          # values 0.1 apart, none within h of the kink at 0
    out, cache = L.relu_forward(x)
    np.testing.assert_array_equal(out, np.where(x > 0, x, 0))
    dout = rng.standard_normal(x.shape)
    dx = L.relu_backward(dout, cache)
    np.testing.assert_array_equal(dx, dout * (x > 0))
    assert_gradient(dx, lambda: L.relu_forward(x)[0], x, dout, "dx")
    # At exactly 0 the gradient is 0 (the usual convention: a unit at 0 is off).
    zeros = np.zeros((2, 3))
    np.testing.assert_array_equal(L.relu_backward(np.ones((2, 3)), L.relu_forward(zeros)[1]), zeros)


POOL_CASES = [
    # (H, W, size, stride)
    (4, 4, 2, 2),   # non-overlapping
    (7, 5, 2, 2),   # non-overlapping, odd sizes: the last row and column belong to no window
    (6, 6, 3, 3),
    (5, 6, 3, 1),   # overlapping
    (7, 5, 3, 2),   # overlapping, non-square
    (4, 5, 2, 1),
]


@pytest.mark.parametrize("H,W,size,stride", POOL_CASES)
def test_maxpool_forward_matches_loops(H, W, size, stride):
    x = np.random.default_rng(5).standard_normal((2, H, W, 3))
    out, _ = L.maxpool_forward(x, size=size, stride=stride)
    expected, _ = ref.pool_forward(x, {"f": size, "stride": stride}, mode="max")
    assert out.shape == expected.shape
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("H,W,size,stride", POOL_CASES)
def test_maxpool_backward_numeric_gradient(H, W, size, stride):
    rng = np.random.default_rng(6)
    x = spread_values(rng, (2, H, W, 3))          # distinct values: each window has one clear maximum
    out, cache = L.maxpool_forward(x, size=size, stride=stride)
    dout = rng.standard_normal(out.shape)
    dx = L.maxpool_backward(dout, cache)
    assert dx.shape == x.shape
    assert_gradient(dx, lambda: L.maxpool_forward(x, size=size, stride=stride)[0], x, dout, "dx")


@pytest.mark.parametrize("size,stride", [(2, 2), (3, 1)])
def test_maxpool_backward_ties_follow_the_course_convention(size, stride):
    # After a ReLU many windows hold several zeros: the gradient goes to every tied maximum, as in pool_backward.
    rng = np.random.default_rng(7)
    x = np.maximum(rng.standard_normal((2, 6, 6, 2)), 0)
    x[0, :3, :3, 0] = 0
    out, cache = L.maxpool_forward(x, size=size, stride=stride)
    dout = rng.standard_normal(out.shape)
    _, ref_cache = ref.pool_forward(x, {"f": size, "stride": stride}, mode="max")
    np.testing.assert_allclose(L.maxpool_backward(dout, cache), ref.pool_backward(dout, ref_cache, mode="max"),
                               rtol=1e-12, atol=1e-12)


def test_flatten_round_trip_and_gradient():
    rng = np.random.default_rng(8)
    x = rng.standard_normal((3, 2, 4, 5))
    out, cache = L.flatten_forward(x)
    assert out.shape == (3, 40)
    np.testing.assert_array_equal(out[1], x[1].ravel())
    dout = rng.standard_normal(out.shape)
    dx = L.flatten_backward(dout, cache)
    assert_gradient(dx, lambda: L.flatten_forward(x)[0], x, dout, "dx")


# --- dense layer and loss ---------------------------------------------------------------------------------------

def test_affine_forward_and_numeric_gradient():
    rng = np.random.default_rng(9)
    x, w, b = rng.standard_normal((4, 6)), rng.standard_normal((6, 3)), rng.standard_normal(3)
    out, cache = L.affine_forward(x, w, b)
    np.testing.assert_allclose(out, np.array([[x[i] @ w[:, k] + b[k] for k in range(3)] for i in range(4)]))
    dout = rng.standard_normal(out.shape)
    dx, dw, db = L.affine_backward(dout, cache)
    forward = lambda: L.affine_forward(x, w, b)[0]
    assert_gradient(dx, forward, x, dout, "dx")
    assert_gradient(dw, forward, w, dout, "dw")
    assert_gradient(db, forward, b, dout, "db")


def test_softmax_cross_entropy_loss_and_gradient():
    rng = np.random.default_rng(10)
    scores, y = rng.standard_normal((5, 4)), np.array([0, 3, 1, 3, 2])
    loss, dscores = FM.softmax_cross_entropy(scores, y)
    direct = -np.mean([np.log(np.exp(scores[i, y[i]]) / np.exp(scores[i]).sum()) for i in range(5)])
    assert isinstance(loss, float)
    assert loss == pytest.approx(direct, rel=1e-12)
    assert_gradient(dscores, lambda: FM.softmax_cross_entropy(scores, y)[0], scores, None, "dscores")
    # Labels as load_dataset returns them, (1, m), give the same result.
    loss_row, dscores_row = FM.softmax_cross_entropy(scores, y.reshape(1, -1))
    assert loss_row == loss
    np.testing.assert_array_equal(dscores_row, dscores)


def test_softmax_cross_entropy_is_stable_with_huge_scores():
    rng = np.random.default_rng(11)
    scores, y = rng.standard_normal((5, 4)), np.array([0, 3, 1, 3, 2])
    loss, dscores = FM.softmax_cross_entropy(scores, y)
    shifted_loss, shifted_dscores = FM.softmax_cross_entropy(scores + 1e4, y)   # softmax ignores a common shift
    assert np.isfinite(shifted_loss) and np.isfinite(shifted_dscores).all()
    assert shifted_loss == pytest.approx(loss, rel=1e-9)
    np.testing.assert_allclose(shifted_dscores, dscores, atol=1e-9)
    # Scores 1e4 apart: a confident right answer costs ~0, a confident wrong one costs the gap.
    big = np.array([[1e4, 0.0, -1e4], [1e4, 0.0, -1e4]])
    loss, dscores = FM.softmax_cross_entropy(big, np.array([0, 1]))
    assert loss == pytest.approx((0 + 1e4) / 2, rel=1e-9)
    np.testing.assert_allclose(dscores, [[0, 0, 0], [0.5, -0.5, 0]], atol=1e-12)
    loss32, dscores32 = FM.softmax_cross_entropy(big.astype(np.float32), np.array([0, 1]))
    assert np.isfinite(loss32) and np.isfinite(dscores32).all()


# --- dtypes -----------------------------------------------------------------------------------------------------

def test_float32_stays_float32():
    rng = np.random.default_rng(12)
    f32 = lambda *shape: rng.standard_normal(shape).astype(np.float32)
    x, w, b = f32(2, 6, 6, 1), L.he_init((3, 3, 1, 4), rng), np.zeros(4)   # a float64 bias must not promote
    z, conv_cache = L.conv2d_forward(x, w, b, pad=1)
    a, relu_cache = L.relu_forward(z)
    p, pool_cache = L.maxpool_forward(a)
    q, over_cache = L.maxpool_forward(p, size=2, stride=1)
    flat, flat_cache = L.flatten_forward(q)
    scores, affine_cache = L.affine_forward(flat, L.he_init((flat.shape[1], 3), rng), np.zeros(3))
    loss, dscores = FM.softmax_cross_entropy(scores, np.array([0, 2]))
    dflat, dw3, db3 = L.affine_backward(dscores, affine_cache)
    dp = L.maxpool_backward(L.flatten_backward(dflat, flat_cache), over_cache)
    da = L.maxpool_backward(dp, pool_cache)
    dz = L.relu_backward(da, relu_cache)
    dx, dw, db = L.conv2d_backward(dz, conv_cache)
    for name, array in dict(z=z, a=a, p=p, q=q, flat=flat, scores=scores, dscores=dscores, dflat=dflat, dw3=dw3,
                            db3=db3, dp=dp, da=da, dz=dz, dx=dx, dw=dw, db=db).items():
        assert array.dtype == np.float32, f"{name} is {array.dtype}"
    params = {"w": w.copy()}
    FM.adam(params, {"w": dw}, {})
    L.sgd_momentum(params, {"w": dw}, {})
    assert params["w"].dtype == np.float32


def test_he_init_scale_and_seed():
    w = L.he_init((3, 3, 16, 200), rng=0)
    assert w.shape == (3, 3, 16, 200) and w.dtype == np.float32
    assert w.std() == pytest.approx(np.sqrt(2 / (3 * 3 * 16)), rel=0.02)   # fan_in = f*f*C_prev
    assert abs(w.mean()) < 0.01
    np.testing.assert_array_equal(w, L.he_init((3, 3, 16, 200), rng=0))
    dense = L.he_init((500, 300), rng=np.random.default_rng(1), dtype=np.float64)
    assert dense.dtype == np.float64 and dense.std() == pytest.approx(np.sqrt(2 / 500), rel=0.02)


# --- optimizers -------------------------------------------------------------------------------------------------

TARGET = np.array([1.0, -2.0, 0.5, 3.0])


def quadratic_gradient(p):
    """Gradient of 0.5 * ||p - TARGET||^2."""
    return p - TARGET


def test_sgd_momentum_steps():
    params = {"p": np.zeros(4)}
    same_array = params["p"]
    state = {}
    g1 = quadratic_gradient(params["p"])
    L.sgd_momentum(params, {"p": g1}, state, lr=0.1, momentum=0.9)
    assert params["p"] is same_array                         # updated in place
    np.testing.assert_allclose(params["p"], -0.1 * g1)       # first step: plain gradient descent, toward TARGET
    g2 = quadratic_gradient(params["p"])
    L.sgd_momentum(params, {"p": g2}, state, lr=0.1, momentum=0.9)
    np.testing.assert_allclose(params["p"], -0.1 * g1 + (0.9 * -0.1 * g1 - 0.1 * g2))   # velocity carries on
    for _ in range(500):                                      # converges like 0.9 ** (t / 2)
        L.sgd_momentum(params, {"p": quadratic_gradient(params["p"])}, state, lr=0.1, momentum=0.9)
    np.testing.assert_allclose(params["p"], TARGET, atol=1e-6)


def test_adam_first_step_is_lr_times_sign_and_it_converges():
    params = {"p": np.array([0.0, 0.0, 0.0, 0.0]), "q": np.array([[5.0, -5.0]])}
    same_array = params["p"]
    state = {}
    grads = {"p": quadratic_gradient(params["p"]) * np.array([1, 100, 0.01, 1e-3]), "q": np.array([[2.0, -1e-3]])}
    FM.adam(params, grads, state, lr=0.01)
    assert params["p"] is same_array and state["t"] == 1
    # Bias-corrected first step: lr * g / (|g| + eps), lr times the sign of g whatever its size.
    np.testing.assert_allclose(params["p"], -0.01 * np.sign(grads["p"]), rtol=1e-4)
    np.testing.assert_allclose(params["q"], [[5 - 0.01, -5 + 0.01]], rtol=1e-4)
    for _ in range(2000):
        FM.adam(params, {"p": quadratic_gradient(params["p"]), "q": params["q"]}, state, lr=0.05)
    np.testing.assert_allclose(params["p"], TARGET, atol=1e-3)
    np.testing.assert_allclose(params["q"], 0, atol=1e-3)


# --- what the grader relies on ----------------------------------------------------------------------------------

EXERCISES = ["zero_pad", "conv_single_step", "conv_forward", "conv_backward", "pool_forward", "pool_backward",
             "create_mask_from_window", "distribute_value", "conv_forward_fast", "conv_backward_fast",
             "pool_forward_fast", "pool_backward_fast"]


def test_no_function_shares_an_exercise_name():
    assert not set(EXERCISES) & set(dir(L))


def test_conv2d_forward_names_a_channel_mismatch():
    with pytest.raises(ValueError, match="3 channels"):
        L.conv2d_forward(np.zeros((1, 5, 5, 3)), np.zeros((3, 3, 2, 4)), np.zeros(4))


def test_reuse_freed_memory_is_harmless():
    assert L.reuse_freed_memory() in (True, False)
    x = np.arange(2 * 4 * 4 * 1, dtype=np.float32).reshape(2, 4, 4, 1)
    np.testing.assert_array_equal(L.maxpool_forward(x)[0][0, :, :, 0], [[5, 7], [13, 15]])
