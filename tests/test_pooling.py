"""Pooling: against a naive loop, backward against finite differences, bad input."""

import numpy as np
import pytest

import convdemo as cd


def naive_pool(x, size, stride, reduce):
    h, w = x.shape[-2:]
    ho, wo = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.empty((*x.shape[:-2], ho, wo))
    for y in range(ho):
        for z in range(wo):
            window = x[..., y * stride : y * stride + size, z * stride : z * stride + size]
            out[..., y, z] = reduce(window, axis=(-2, -1))
    return out


@pytest.mark.parametrize("shape", [(7, 9), (3, 7, 9), (2, 3, 7, 9)])
@pytest.mark.parametrize(("size", "stride"), [(2, None), (3, 2), (2, 1), (3, 3)])
def test_against_naive_loop(shape, size, stride):
    x = np.random.default_rng(1).normal(size=shape)
    s = size if stride is None else stride
    np.testing.assert_allclose(cd.max_pool2d(x, size, stride), naive_pool(x, size, s, np.max))
    np.testing.assert_allclose(cd.avg_pool2d(x, size, stride), naive_pool(x, size, s, np.mean))


def test_non_square_window():
    x = np.arange(24.0).reshape(4, 6)
    np.testing.assert_array_equal(cd.max_pool2d(x, (2, 3)), [[8, 11], [20, 23]])


@pytest.mark.parametrize(("size", "stride"), [(2, None), (3, 2), (2, 1)])
def test_backward_matches_finite_differences(size, stride):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 7, 8))  # continuous values: no ties
    g = rng.normal(size=cd.max_pool2d(x, size, stride).shape)
    eps = 1e-6
    for forward, backward in [
        (cd.max_pool2d, cd.max_pool2d_backward),
        (cd.avg_pool2d, cd.avg_pool2d_backward),
    ]:
        analytic = backward(x, g, size, stride)
        numeric = np.zeros_like(x)
        for idx in np.ndindex(x.shape):
            xp, xm = x.copy(), x.copy()
            xp[idx] += eps
            xm[idx] -= eps
            numeric[idx] = ((forward(xp, size, stride) - forward(xm, size, stride)) * g).sum()
        np.testing.assert_allclose(analytic, numeric / (2 * eps), atol=1e-7)


def test_max_pool_ties_share_the_gradient():
    grad = cd.max_pool2d_backward(np.ones((4, 4)), np.ones((2, 2)), 2)
    np.testing.assert_array_equal(grad, np.full((4, 4), 0.25))
    assert grad.sum() == 4.0  # nothing created or lost


def test_float32_stays_float32():
    x = np.ones((4, 4), dtype=np.float32)
    assert cd.max_pool2d(x, 2).dtype == np.float32
    assert cd.avg_pool2d(x, 2).dtype == np.float32
    assert cd.max_pool2d_backward(x, np.ones((2, 2), np.float32), 2).dtype == np.float32


def test_bad_input():
    x = np.ones((4, 4))
    with pytest.raises(ValueError, match=r"pooling size .* larger than the input"):
        cd.max_pool2d(x, 5)
    with pytest.raises(TypeError, match="size must be an integer"):
        cd.max_pool2d(x, 2.0)
    with pytest.raises(TypeError, match="size must be an integer"):
        cd.avg_pool2d(x, np.nan)
    with pytest.raises(ValueError, match="stride must be positive"):
        cd.max_pool2d(x, 2, 0)
    with pytest.raises(ValueError, match="x must have 2, 3 or 4 dimensions"):
        cd.max_pool2d(np.ones(4), 2)
    with pytest.raises(
        ValueError, match=r"grad_output must have the forward output's shape \(2, 2\)"
    ):
        cd.max_pool2d_backward(x, np.ones((3, 3)), 2)
    with pytest.raises(TypeError, match="x must be a real numeric array"):
        cd.avg_pool2d("image", 2)
