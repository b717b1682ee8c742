"""The plain-loop convolution (convdemo.reference) and conv2d compute the same numbers.

The loops are checked by hand and against ``scipy.signal.correlate``; then conv2d
(every method) is checked against the loops on random geometries, exactly for
integer-valued data.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import signal

from convdemo import conv2d
from convdemo.reference import conv2d_reference

HYPOTHESIS = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_one_output_number_by_hand():
    x = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    k = np.array([[1, 2], [3, 4]])
    # top-left: 1*1 + 2*2 + 4*3 + 5*4 = 37; each step right adds 1+2+3+4 = 10, each
    # step down 3 * 10 = 30. The kernel is not flipped.
    np.testing.assert_array_equal(conv2d_reference(x, k), [[37, 47], [67, 77]])
    # stride 2, padding 1: windows at rows and columns 0 and 2 of the padded 5x5
    # grid. The top-left one holds three zeros of the padding and x[0, 0] = 1 under
    # tap (1, 1); the top-right one sees 2 and 3 under taps (1, 0) and (1, 1).
    np.testing.assert_array_equal(
        conv2d_reference(x, k, stride=2, padding=1),
        [[1 * 4, 2 * 3 + 3 * 4], [4 * 2 + 7 * 4, 5 * 1 + 6 * 2 + 8 * 3 + 9 * 4]],
    )
    # dilation 2: the four corners of x, 1*1 + 2*3 + 3*7 + 4*9
    np.testing.assert_array_equal(conv2d_reference(x, k, dilation=2), [[64]])


def test_channels_and_bias_by_hand():
    x = np.stack([np.ones((2, 2)), 10 * np.ones((2, 2))])  # (C_in=2, 2, 2)
    w = np.stack([np.ones((2, 2, 1, 1)), -np.ones((2, 2, 1, 1))])[:, 0]  # (2, 2, 1, 1)
    out = conv2d_reference(x, w, np.array([0.5, 1.0]))
    assert out.shape == (2, 2, 2)
    np.testing.assert_array_equal(out[0], np.full((2, 2), 1 + 10 + 0.5))
    np.testing.assert_array_equal(out[1], np.full((2, 2), -1 - 10 + 1.0))


@pytest.mark.parametrize("seed", range(3))
def test_matches_scipy_correlate(seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((9, 11))
    k = rng.standard_normal((3, 4))
    expected = signal.correlate(np.pad(x, 2), k, mode="valid", method="direct")
    np.testing.assert_allclose(conv2d_reference(x, k, padding=2), expected, atol=1e-12)


def test_dtype_and_shape_follow_conv2d():
    x = np.ones((2, 3, 6, 5), np.float32)
    w = np.ones((4, 3, 3, 2), np.float32)
    out = conv2d_reference(x, w, padding="same")
    assert out.dtype == np.float32 and out.shape == (2, 4, 6, 5)
    assert conv2d_reference(np.ones((3, 3), int), np.ones((2, 2), int)).dtype == np.float64
    assert conv2d_reference(x[0], w).shape == (4, 4, 4)


@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        ((np.ones((3, 3)), np.ones((4, 4))), {}, ValueError),
        ((np.ones((2, 3, 3)), np.ones((1, 3, 2, 2))), {}, ValueError),
        ((np.ones((3, 3)), np.ones((2, 2))), {"stride": 0}, ValueError),
        ((np.ones((3, 3)), np.ones((2, 2))), {"padding": "full"}, ValueError),
        ((np.ones((3, 3)), np.ones((2, 2))), {"dilation": 1.5}, TypeError),
        (("abc", np.ones((2, 2))), {}, TypeError),
    ],
)
def test_bad_input_raises_as_conv2d_does(args, kwargs, error):
    with pytest.raises(error) as raised:
        conv2d_reference(*args, **kwargs)
    with pytest.raises(error) as expected:
        conv2d(*args, **kwargs)
    assert str(raised.value) == str(expected.value)


@st.composite
def calls(draw, max_size=10):
    """A valid conv2d call: the (dilated) kernel fits in the padded input."""
    n, c_in, c_out = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    dilation = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    padding = draw(
        st.one_of(
            st.sampled_from(["valid", "same"]),
            st.tuples(st.integers(0, 3), st.integers(0, 3)),
        )
    )
    stride = (1, 1) if padding == "same" else (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    pads = (0, 0) if isinstance(padding, str) else padding
    sizes = []
    for k, d, p in zip((kh, kw), dilation, pads, strict=True):
        smallest = 1 if padding == "same" else max(1, d * (k - 1) + 1 - 2 * p)
        sizes.append(draw(st.integers(smallest, max(smallest, max_size))))
    return {
        "x_shape": (n, c_in, *sizes),
        "w_shape": (c_out, c_in, kh, kw),
        "kwargs": {"stride": stride, "padding": padding, "dilation": dilation},
        "seed": draw(st.integers(0, 2**32 - 1)),
        "bias": draw(st.booleans()),
    }


@HYPOTHESIS
@given(calls(), st.sampled_from(["auto", "direct", "fft"]))
def test_conv2d_equals_the_loops(call, method):
    rng = np.random.default_rng(call["seed"])
    x = rng.standard_normal(call["x_shape"])
    w = rng.standard_normal(call["w_shape"])
    b = rng.standard_normal(call["w_shape"][0]) if call["bias"] else None
    expected = conv2d_reference(x, w, b, **call["kwargs"])
    out = conv2d(x, w, b, **call["kwargs"], method=method)
    assert out.shape == expected.shape and out.dtype == expected.dtype
    np.testing.assert_allclose(out, expected, rtol=1e-10, atol=1e-10)


@HYPOTHESIS
@given(calls(), st.sampled_from([np.float32, np.float64]))
def test_integer_valued_data_gives_the_exact_sums(call, dtype):
    """Small integers (and halves): every product and partial sum is a number that
    the dtype holds exactly, so the loops and conv2d (method "auto") agree to the
    last bit."""
    rng = np.random.default_rng(call["seed"])
    x = rng.integers(-9, 10, call["x_shape"]).astype(dtype)
    w = rng.integers(-6, 7, call["w_shape"]).astype(dtype) / 2
    b = rng.integers(-5, 6, call["w_shape"][0]).astype(dtype) if call["bias"] else None
    expected = conv2d_reference(x, w, b, **call["kwargs"])
    out = conv2d(x, w, b, **call["kwargs"])
    assert out.dtype == dtype
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(out, np.round(2 * out) / 2)
