"""compose_kernels: two linear convolutions are exactly one."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convdemo as cd


def test_box_blurs_make_a_tent():
    tent = cd.compose_kernels(np.ones((3, 3)), np.ones((3, 3)))
    row = np.array([1.0, 2.0, 3.0, 2.0, 1.0])
    np.testing.assert_array_equal(tent, np.outer(row, row))


def test_composition_is_a_true_convolution_not_a_correlation():
    # An asymmetric pair shows the order: [1, 2] then [1, 3] -> full convolution [1, 5, 6].
    composed = cd.compose_kernels(np.array([[1.0, 2.0]]), np.array([[1.0, 3.0]]))
    np.testing.assert_array_equal(composed, [[1.0, 5.0, 6.0]])


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    c_in=st.integers(1, 3),
    c_mid=st.integers(1, 3),
    c_out=st.integers(1, 3),
    k1=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    k2=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    n=st.integers(1, 2),
    seed=st.integers(0, 2**31),
)
def test_equivalence_to_stacked_convolutions(c_in, c_mid, c_out, k1, k2, n, seed):
    rng = np.random.default_rng(seed)
    w1 = rng.normal(size=(c_mid, c_in, *k1))
    w2 = rng.normal(size=(c_out, c_mid, *k2))
    x = rng.normal(size=(n, c_in, 12, 11))
    composed = cd.compose_kernels(w1, w2)
    assert composed.shape == (c_out, c_in, k1[0] + k2[0] - 1, k1[1] + k2[1] - 1)
    stacked = cd.conv2d(cd.conv2d(x, w1), w2)
    np.testing.assert_allclose(cd.conv2d(x, composed), stacked, rtol=0, atol=1e-10)


def test_bad_input():
    with pytest.raises(ValueError, match="w1 and w2 must both be 2-D"):
        cd.compose_kernels(np.ones((3, 3)), np.ones((1, 1, 3, 3)))
    with pytest.raises(ValueError, match="w2 must take w1's 2 output channels"):
        cd.compose_kernels(np.ones((2, 1, 3, 3)), np.ones((1, 3, 3, 3)))
    with pytest.raises(TypeError, match="w1 must be a real numeric array"):
        cd.compose_kernels("box", np.ones((3, 3)))
