"""cnn_utils.reference reproduces every reference value the issues give, and its backward passes are exact."""

import numpy as np
import pytest

from cnn_utils import reference as ref
from cnn_utils.gradcheck import numeric_gradient, relative_error


def test_notebook_1_values():
    np.random.seed(1)
    x_pad = ref.zero_pad(np.random.randn(4, 3, 3, 2), 2)
    assert x_pad.shape == (4, 7, 7, 2) and not x_pad[1, 1].any()
    np.random.seed(1)
    a, W, b = np.random.randn(4, 4, 3), np.random.randn(4, 4, 3), np.random.randn(1, 1, 1)
    assert ref.conv_single_step(a, W, b) == pytest.approx(-6.999089450680221, abs=1e-12)


@pytest.mark.parametrize("stride,shape,mean,backward_means", [
    (1, (10, 7, 7, 8), 0.0028129462864862967, (4.1145817049149835, 9.203677199014168, 1.3783436803789542)),
    (2, (10, 4, 4, 8), 0.048995203528855794, (1.4524377775388075, 1.7269914583139097, 7.839232564616838)),
])
def test_convolution_values(stride, shape, mean, backward_means):
    np.random.seed(1)
    A_prev, W, b = np.random.randn(10, 4, 4, 3), np.random.randn(2, 2, 3, 8), np.random.randn(1, 1, 1, 8)
    Z, cache = ref.conv_forward(A_prev, W, b, {"pad": 2, "stride": stride})
    assert Z.shape == shape and Z.mean() == pytest.approx(mean, rel=1e-12)
    dA, dW, db = ref.conv_backward(Z, cache)
    assert (dA.mean(), dW.mean(), db.mean()) == pytest.approx(backward_means, rel=1e-12)


def test_convolution_non_square():
    np.random.seed(1)
    A_prev, W, b = np.random.randn(2, 5, 7, 4), np.random.randn(3, 3, 4, 8), np.random.randn(1, 1, 1, 8)
    Z, _ = ref.conv_forward(A_prev, W, b, {"pad": 1, "stride": 2})
    assert Z.shape == (2, 3, 4, 8) and Z.mean() == pytest.approx(0.5511276474566768, rel=1e-12)


def test_convolution_pad_0_stride_2_case_of_the_visible_checks():
    """The pad-0 case the visible checks of notebooks 2 and 3 add to issue 3's: the same seeded inputs, stride 2,
    pad 0. With f = stride = 2 the windows tile the input, so a reshape into 2x2 blocks gives the values
    independently of the loops."""
    np.random.seed(1)
    A_prev, W, b = np.random.randn(10, 4, 4, 3), np.random.randn(2, 2, 3, 8), np.random.randn(1, 1, 1, 8)
    Z, cache = ref.conv_forward(A_prev, W, b, {"pad": 0, "stride": 2})
    blocks = A_prev.reshape(10, 2, 2, 2, 2, 3)                     # (i, h, u, w, v, k)
    np.testing.assert_allclose(Z, np.einsum("ihuwvk,uvkc->ihwc", blocks, W) + b, rtol=1e-12, atol=1e-12)
    dA, dW, db = ref.conv_backward(Z, cache)
    dA_blocks = np.einsum("uvkc,ihwc->ihuwvk", W, Z).reshape(10, 4, 4, 3)
    np.testing.assert_allclose(dA, dA_blocks, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dW, np.einsum("ihuwvk,ihwc->uvkc", blocks, Z), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(db, Z.sum(axis=(0, 1, 2)).reshape(1, 1, 1, 8), rtol=1e-12, atol=1e-12)


def test_pooling_values():
    np.random.seed(1)
    A_prev = np.random.randn(2, 4, 4, 3)
    A, _ = ref.pool_forward(A_prev, {"f": 4, "stride": 1})
    np.testing.assert_allclose(A.reshape(2, 3), [[1.74481176, 1.6924546, 2.10025514],
                                                 [1.19891788, 1.51981682, 2.18557541]], rtol=1e-7)
    A, _ = ref.pool_forward(A_prev, {"f": 4, "stride": 1}, mode="average")
    np.testing.assert_allclose(A.reshape(2, 3), [[-0.09498456, 0.11180064, -0.14263511],
                                                 [-0.09525108, 0.28325018, 0.33035185]], rtol=1e-6)
    np.random.seed(1)
    assert ref.create_mask_from_window(np.random.randn(2, 3)).tolist() == [[True, False, False], [False, False, False]]
    assert ref.distribute_value(2, (2, 2)).tolist() == [[0.5, 0.5], [0.5, 0.5]]


def test_pool_backward_values():
    np.random.seed(1)
    A_prev = np.random.randn(5, 5, 3, 2)
    _, cache = ref.pool_forward(A_prev, {"f": 2, "stride": 1})
    dA = np.random.randn(5, 4, 2, 2)
    np.testing.assert_allclose(ref.pool_backward(dA, cache, "max")[1, 1],
                               [[0, 0], [5.05844394, -1.68282702], [0, 0]], rtol=1e-7)
    np.testing.assert_allclose(ref.pool_backward(dA, cache, "average")[1, 1],
                               [[0.08485462, 0.2787552], [1.26461098, -0.25749373], [1.17975636, -0.53624893]],
                               rtol=1e-6)


@pytest.mark.parametrize("stride,pad,f", [(1, 0, 3), (2, 1, 3), (3, 2, 2), (1, 1, 1)])
def test_conv_backward_matches_numeric_gradient(stride, pad, f):
    rng = np.random.default_rng(stride * 10 + pad)
    A_prev, W, b = (rng.standard_normal((2, 5, 6, 2)), rng.standard_normal((f, f, 2, 3)),
                    rng.standard_normal((1, 1, 1, 3)))
    hp = {"stride": stride, "pad": pad}
    Z, cache = ref.conv_forward(A_prev, W, b, hp)
    dZ = rng.standard_normal(Z.shape)
    grads = ref.conv_backward(dZ, cache)
    for x, grad in zip((A_prev, W, b), grads):
        numeric = numeric_gradient(lambda: ref.conv_forward(A_prev, W, b, hp)[0], x, dZ)
        assert relative_error(grad, numeric).relative_error < 1e-7


@pytest.mark.parametrize("mode", ["max", "average"])
@pytest.mark.parametrize("stride,f", [(1, 2), (2, 2), (2, 3)])
def test_pool_backward_matches_numeric_gradient(mode, stride, f):
    rng = np.random.default_rng(stride + f)
    A_prev = rng.standard_normal((2, 5, 6, 2))
    hp = {"f": f, "stride": stride}
    A, cache = ref.pool_forward(A_prev, hp, mode)
    dA = rng.standard_normal(A.shape)
    numeric = numeric_gradient(lambda: ref.pool_forward(A_prev, hp, mode)[0], A_prev, dA)
    assert relative_error(ref.pool_backward(dA, cache, mode), numeric).relative_error < 1e-7
