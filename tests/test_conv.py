"""Tests of conv2d, conv2d_backward and conv_output_size.

The reference for every numerical test is either a number worked out by hand,
``scipy.signal.correlate``, or ``reference_conv2d`` below: the plain loops of
:func:`convdemo.reference.conv2d_reference`, written straight from the definition
and sharing no arithmetic with the engine (``tests/test_reference.py`` checks them
by hand and against scipy).
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from gradcheck import numeric_gradient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import signal

import convdemo._direct as direct_module
import convdemo._scratch as scratch_module
import convdemo._shifted as shifted_module
import convdemo._stacked as stacked_module
import convdemo.conv as conv_module
from convdemo import conv2d, conv2d_backward, conv_output_size
from convdemo.geometry import conv_geometry
from convdemo.reference import conv2d_reference

METHODS = ("direct", "fft")
HYPOTHESIS = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def reference_conv2d(x, w, b=None, stride=(1, 1), pads=((0, 0), (0, 0)), dilation=(1, 1)):
    """The package's plain loops (convdemo.reference), in float64, on an input
    padded here by ``np.pad`` with explicit ``((top, bottom), (left, right))``."""
    xp = np.pad(np.asarray(x, dtype=np.float64), ((0, 0), (0, 0), *pads))
    w = np.asarray(w, dtype=np.float64)
    return conv2d_reference(xp, w, b, stride=stride, dilation=dilation)


def pair(value):
    return (value, value) if np.isscalar(value) else tuple(value)


# --------------------------------------------------------------------------- by hand


X3 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]])


@pytest.mark.parametrize("method", METHODS)
def test_3x3_input_2x2_kernel_by_hand(method):
    k = np.array([[1.0, 2.0], [3.0, 4.0]])
    # top-left: 1*1 + 2*2 + 4*3 + 5*4 = 37; each step right adds 1+2+3+4 = 10,
    # each step down adds 3 * 10 = 30. No flip: this is cross-correlation.
    expected = np.array([[37.0, 47.0], [67.0, 77.0]])
    np.testing.assert_allclose(conv2d(X3, k, method=method), expected, rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_kernel_is_not_flipped(method):
    x = np.zeros((3, 3))
    x[1, 1] = 1.0
    k = np.array([[1.0, 2.0], [3.0, 4.0]])
    # An impulse seen through every placement returns the kernel rotated by 180
    # degrees for cross-correlation (a true convolution would return k itself).
    np.testing.assert_allclose(conv2d(x, k, method=method), k[::-1, ::-1], atol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_two_input_channels_are_summed(method):
    x = np.stack([X3, np.ones((3, 3))])  # (C_in=2, 3, 3)
    w = np.stack([np.array([[1.0, 2.0], [3.0, 4.0]]), np.eye(2)])[None]  # (1, 2, 2, 2)
    # channel 0 gives [[37, 47], [67, 77]]; channel 1 adds 1 + 1 = 2 everywhere.
    out = conv2d(x, w, method=method)
    assert out.shape == (1, 2, 2)
    np.testing.assert_allclose(out[0], [[39.0, 49.0], [69.0, 79.0]], rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_bias_is_added_per_output_channel(method):
    x = X3[None, None]  # (1, 1, 3, 3)
    w = np.stack([np.ones((1, 2, 2)), -np.ones((1, 2, 2))])  # (2, 1, 2, 2)
    out = conv2d(x, w, np.array([10.0, -1.0]), method=method)
    sums = np.array([[12.0, 16.0], [24.0, 28.0]])
    np.testing.assert_allclose(out[0, 0], sums + 10.0, rtol=1e-12)
    np.testing.assert_allclose(out[0, 1], -sums - 1.0, rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_scalar_bias_for_single_channel_image(method):
    np.testing.assert_allclose(
        conv2d(X3, np.ones((2, 2)), 0.5, method=method), [[12.5, 16.5], [24.5, 28.5]]
    )


@pytest.mark.parametrize("method", METHODS)
def test_stride_by_hand(method):
    x = np.arange(25.0).reshape(5, 5)
    # 3x3 windows at rows/cols 0 and 2: each sum is 9 times the window's centre
    # (6, 8, 16, 18) because the values grow linearly.
    out = conv2d(x, np.ones((3, 3)), stride=2, method=method)
    np.testing.assert_allclose(out, [[54.0, 72.0], [144.0, 162.0]], rtol=1e-12)
    # stride (1, 2): every row, every other column.
    out = conv2d(x, np.ones((3, 3)), stride=(1, 2), method=method)
    np.testing.assert_allclose(out, 9 * np.array([[6, 8], [11, 13], [16, 18]]), rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_padding_by_hand(method):
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    right = np.zeros((3, 3))
    right[1, 2] = 1.0  # reads the pixel to the right of the centre
    np.testing.assert_allclose(conv2d(x, right, padding=1, method=method), [[2.0, 0.0], [4.0, 0.0]])
    # padding (rows, cols) = (0, 1): a 1x3 kernel of ones sums a row's neighbours.
    out = conv2d(x, np.ones((1, 3)), padding=(0, 1), method=method)
    np.testing.assert_allclose(out, [[3.0, 3.0], [7.0, 7.0]], atol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_dilation_by_hand(method):
    x = np.arange(25.0).reshape(5, 5)
    # A 2x2 kernel of ones with dilation 2 reads x[y, z] + x[y, z+2] + x[y+2, z] +
    # x[y+2, z+2] = 4 x[y, z] + 2 + 10 + 12.
    out = conv2d(x, np.ones((2, 2)), dilation=2, method=method)
    np.testing.assert_allclose(out, 4 * x[:3, :3] + 24, rtol=1e-12)
    # dilation (2, 1): x[y, z] + x[y, z+1] + x[y+2, z] + x[y+2, z+1] = 4 x + 1 + 10 + 11.
    out = conv2d(x, np.ones((2, 2)), dilation=(2, 1), method=method)
    np.testing.assert_allclose(out, 4 * x[:3, :4] + 22, rtol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_same_padding_puts_the_odd_zero_bottom_right(method):
    x = np.arange(9.0).reshape(3, 3)
    out = conv2d(x, np.ones((2, 2)), padding="same", method=method)
    # Total padding 1 per axis: none on top/left, one row/column of zeros after.
    np.testing.assert_allclose(out, [[8.0, 12.0, 7.0], [20.0, 24.0, 13.0], [13.0, 15.0, 8.0]])
    # Odd kernels pad symmetrically; 'valid' is no padding.
    out = conv2d(x, np.ones((3, 3)), padding="same", method=method)
    np.testing.assert_allclose(out[[0, 1], [0, 1]], [8.0, 36.0], rtol=1e-12)
    np.testing.assert_array_equal(
        conv2d(x, np.ones((2, 2)), padding="valid"), conv2d(x, np.ones((2, 2)))
    )


@pytest.mark.parametrize("method", METHODS)
def test_same_padding_with_dilation_keeps_the_size(method):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 3, 9, 8))
    w = rng.standard_normal((4, 3, 2, 3))
    out = conv2d(x, w, padding="same", dilation=(3, 2), method=method)
    assert out.shape == (2, 4, 9, 8)
    # total padding d (k - 1): rows 3 -> (1, 2), columns 4 -> (2, 2)
    ref = reference_conv2d(x, w, pads=((1, 2), (2, 2)), dilation=(3, 2))
    np.testing.assert_allclose(out, ref, atol=1e-12)


def test_input_ranks():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 5, 6))
    w = rng.standard_normal((3, 2, 2, 2))
    out3 = conv2d(x, w)
    assert out3.shape == (3, 4, 5)
    np.testing.assert_array_equal(conv2d(x[None], w)[0], out3)
    assert conv2d(x[0], w[0, 0]).shape == (4, 5)
    np.testing.assert_allclose(conv2d(x[0], w[0, 0]), conv2d(x[:1], w[:1, :1])[0], atol=1e-14)


@pytest.mark.parametrize("method", METHODS)
def test_non_contiguous_inputs(method):
    rng = np.random.default_rng(5)
    base = rng.standard_normal((3, 4, 20, 18))
    x = base[:, ::2, ::2, 1:]  # strided view, shape (3, 2, 10, 17)
    w = np.asfortranarray(rng.standard_normal((3, 2, 3, 3)))
    g = rng.standard_normal((3, 3, 10, 17))[..., ::-1]  # negative strides
    for padding in (0, 1, "same"):
        kwargs = dict(padding=padding, method=method)
        out = conv2d(x, w, **kwargs)
        np.testing.assert_allclose(out, conv2d(x.copy(), w.copy(), **kwargs), atol=1e-12)
        if padding == "same":
            got = conv2d_backward(x, w, g, **kwargs)
            want = conv2d_backward(x.copy(), w.copy(), g.copy(), **kwargs)
            for a, b in zip(got, want, strict=True):
                np.testing.assert_allclose(a, b, atol=1e-12)
    np.testing.assert_array_equal(base[:, ::2, ::2, 1:], x)  # inputs untouched


def test_empty_batch():
    w = np.ones((3, 2, 2, 2))
    out = conv2d(np.zeros((0, 2, 5, 5)), w, np.arange(3.0))
    assert out.shape == (0, 3, 4, 4)
    gx, gw, gb = conv2d_backward(np.zeros((0, 2, 5, 5)), w, np.zeros((0, 3, 4, 4)))
    assert gx.shape == (0, 2, 5, 5)
    np.testing.assert_array_equal(gw, np.zeros_like(w))
    np.testing.assert_array_equal(gb, np.zeros(3))


# --------------------------------------------------------------------------- dtypes


@pytest.mark.parametrize("method", ("auto", *METHODS))
def test_float32_stays_float32(method):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 3, 12, 11)).astype(np.float32)
    w = rng.standard_normal((4, 3, 3, 2)).astype(np.float32)
    out = conv2d(x, w, np.ones(4), method=method)  # a float64 bias does not promote
    assert out.dtype == np.float32
    ref = reference_conv2d(x, w, np.ones(4))
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-4)
    grads = conv2d_backward(x, w, np.ones(out.shape), method=method)
    assert [g.dtype for g in grads] == [np.float32] * 3


def test_integer_and_boolean_input_computed_in_float64():
    out = conv2d(np.arange(9).reshape(3, 3), np.array([[1, 0], [0, -1]]))
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, [[-4.0, -4.0], [-4.0, -4.0]])
    assert conv2d(np.ones((3, 3), bool), np.ones((2, 2), bool)).dtype == np.float64
    assert conv2d(np.ones((3, 3), np.float16), np.ones((2, 2), np.float16)).dtype == np.float32
    assert conv2d(np.ones((3, 3), np.float32), np.ones((2, 2))).dtype == np.float64


def _peak_bytes(fn):
    scratch_module.clear()  # the engine keeps its work buffers between calls
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    "shape", [((1, 16, 64, 64), (32, 16, 3, 3)), ((1, 1, 128, 128), (1, 1, 9, 9))]
)
def test_float32_memory_is_half_of_float64(monkeypatch, method, shape):
    """No silent float64 intermediates, and none much larger than im2col."""
    # One block for everything, so that a block's size does not depend on the dtype.
    monkeypatch.setattr(direct_module, "BLOCK_BYTES", 1 << 40)
    monkeypatch.setattr(shifted_module, "BLOCK_BYTES", 1 << 40)
    rng = np.random.default_rng(0)
    x = rng.standard_normal(shape[0])
    w = rng.standard_normal(shape[1])
    g = np.ones(conv2d(x, w).shape)
    x32, w32, g32 = x.astype(np.float32), w.astype(np.float32), g.astype(np.float32)
    for f64, f32 in [
        (lambda: conv2d(x, w, method=method), lambda: conv2d(x32, w32, method=method)),
        (
            lambda: conv2d_backward(x, w, g, method=method),
            lambda: conv2d_backward(x32, w32, g32, method=method),
        ),
    ]:
        peak64, peak32 = _peak_bytes(f64), _peak_bytes(f32)
        assert peak32 < 0.6 * peak64
        if method == "direct":
            n, c, h, wd = shape[0]
            _, _, kh, kw = shape[1]
            im2col = c * kh * kw * n * (h - kh + 1) * (wd - kw + 1) * 8
            data = (x.size + w.size + g.size) * 8
            assert peak64 < 1.3 * im2col + 4 * data


@pytest.mark.parametrize("padding", [0, 1])
@pytest.mark.parametrize("shape", [((1, 3, 12, 12), (4, 3, 3, 3)), ((1, 1, 12, 12), (1, 1, 3, 3))])
def test_results_do_not_share_the_engines_work_buffers(shape, padding):
    """The engine reuses its scratch buffers: a later call must not change the
    arrays an earlier call returned."""
    rng = np.random.default_rng(4)
    x, w = rng.standard_normal(shape[0]), rng.standard_normal(shape[1])
    out = conv2d(x, w, padding=padding, method="direct")
    g = rng.standard_normal(out.shape)
    first = (out, *conv2d_backward(x, w, g, padding=padding, method="direct"))
    kept = [a.copy() for a in first]
    second = (
        conv2d(-x, w, padding=padding, method="direct"),
        *conv2d_backward(-x, -w, -g, padding=padding, method="direct"),
    )
    for a, b, c in zip(first, kept, second, strict=True):
        np.testing.assert_array_equal(a, b)
        assert not np.shares_memory(a, c)


# --------------------------------------------------------------------------- scipy


@pytest.mark.parametrize("method", ("auto", *METHODS))
@pytest.mark.parametrize("seed", range(6))
def test_single_channel_matches_scipy_correlate(method, seed):
    rng = np.random.default_rng(seed)
    h, w = rng.integers(5, 40, size=2)
    kh, kw = rng.integers(1, 6, size=2)
    x = rng.standard_normal((h, w))
    k = rng.standard_normal((kh, kw))
    expected = signal.correlate(x, k, mode="valid", method="direct")
    np.testing.assert_allclose(conv2d(x, k, method=method), expected, rtol=1e-12, atol=1e-12)
    # explicit zero padding
    p = tuple(int(v) for v in rng.integers(0, 4, size=2))
    padded = np.pad(x, ((p[0], p[0]), (p[1], p[1])))
    expected = signal.correlate(padded, k, mode="valid", method="direct")
    np.testing.assert_allclose(conv2d(x, k, padding=p, method=method), expected, atol=1e-12)


@pytest.mark.parametrize("method", ("auto", *METHODS))
@pytest.mark.parametrize("seed", range(4))
def test_channels_match_scipy_correlate_summed(method, seed):
    rng = np.random.default_rng(100 + seed)
    n, c_in, c_out = rng.integers(1, 4, size=3)
    h, w = rng.integers(6, 30, size=2)
    kh, kw = rng.integers(1, 6, size=2)
    pad = int(rng.integers(0, 3))
    x = rng.standard_normal((n, c_in, h, w))
    weight = rng.standard_normal((c_out, c_in, kh, kw))
    bias = rng.standard_normal(c_out)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    expected = np.array(
        [
            [
                bias[o]
                + sum(signal.correlate(xp[i, c], weight[o, c], mode="valid") for c in range(c_in))
                for o in range(c_out)
            ]
            for i in range(n)
        ]
    )
    out = conv2d(x, weight, bias, padding=pad, method=method)
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-11)


def test_large_kernel_matches_scipy():
    rng = np.random.default_rng(7)
    x = rng.standard_normal((96, 80))
    k = rng.standard_normal((25, 31))
    expected = signal.correlate(x, k, mode="valid", method="direct")
    for method in ("auto", *METHODS):
        np.testing.assert_allclose(conv2d(x, k, method=method), expected, atol=1e-11)


# --------------------------------------------------------------------------- methods

GEOMETRIES = [
    # (x shape, weight shape, stride, padding, dilation)
    ((1, 1, 20, 20), (1, 1, 3, 3), 1, 0, 1),
    ((3, 1, 17, 23), (1, 1, 5, 2), (2, 1), 1, 1),
    ((2, 3, 16, 16), (4, 3, 3, 3), 1, 1, 1),
    ((2, 3, 15, 16), (4, 3, 3, 3), 2, 1, 1),
    ((1, 2, 19, 21), (3, 2, 3, 2), (1, 3), (2, 0), (2, 3)),
    ((4, 2, 11, 9), (5, 2, 4, 4), 1, "same", 1),
    ((1, 4, 12, 30), (2, 4, 1, 7), 1, "same", (1, 2)),
    ((2, 1, 8, 8), (6, 1, 8, 8), 1, 0, 1),  # kernel as large as the input
    ((1, 3, 9, 9), (2, 3, 8, 7), 1, 2, 1),  # more taps than output pixels
    ((2, 2, 30, 12), (3, 2, 2, 2), 3, 0, 4),
    ((1, 5, 6, 40), (2, 5, 3, 1), (1, 4), (1, 3), 1),
    ((3, 1, 14, 14), (2, 1, 3, 3), 1, "same", 2),
]


@pytest.mark.parametrize(("xs", "ws", "stride", "padding", "dilation"), GEOMETRIES)
def test_direct_and_fft_agree_with_the_definition(xs, ws, stride, padding, dilation):
    rng = np.random.default_rng(sum(xs) + sum(ws))
    x = rng.standard_normal(xs)
    w = rng.standard_normal(ws)
    b = rng.standard_normal(ws[0])
    if padding == "same":
        pads = tuple(
            (d * (k - 1) // 2, d * (k - 1) - d * (k - 1) // 2)
            for d, k in zip(pair(dilation), ws[2:], strict=True)
        )
    else:
        pads = tuple((p, p) for p in pair(padding))
    ref = reference_conv2d(x, w, b, pair(stride), pads, pair(dilation))
    kwargs = dict(stride=stride, padding=padding, dilation=dilation)
    direct = conv2d(x, w, b, method="direct", **kwargs)
    fft = conv2d(x, w, b, method="fft", **kwargs)
    np.testing.assert_allclose(direct, ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(fft, ref, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(direct, fft, rtol=1e-10, atol=1e-10)
    np.testing.assert_array_equal(conv2d(x, w, b, **kwargs).shape, ref.shape)


@pytest.mark.parametrize("block_bytes", [64, 1000, 10_000])
@pytest.mark.parametrize(("xs", "ws", "stride", "padding", "dilation"), GEOMETRIES[:7])
def test_blocked_direct_path_matches(monkeypatch, block_bytes, xs, ws, stride, padding, dilation):
    """Tiny blocks split images into row bands and group several images."""
    rng = np.random.default_rng(11)
    x = rng.standard_normal(xs)
    w = rng.standard_normal(ws)
    kwargs = dict(stride=stride, padding=padding, dilation=dilation)
    expected = conv2d(x, w, method="fft", **kwargs)
    g = rng.standard_normal(expected.shape)
    expected_grads = conv2d_backward(x, w, g, method="fft", **kwargs)
    monkeypatch.setattr(direct_module, "BLOCK_BYTES", block_bytes)
    monkeypatch.setattr(shifted_module, "BLOCK_BYTES", block_bytes)
    np.testing.assert_allclose(conv2d(x, w, method="direct", **kwargs), expected, atol=1e-10)
    for got, want in zip(
        conv2d_backward(x, w, g, method="direct", **kwargs), expected_grads, strict=True
    ):
        np.testing.assert_allclose(got, want, atol=1e-10)


@pytest.mark.parametrize("block_bytes", [1 << 23, 5000])
@pytest.mark.parametrize("padding", [0, 1])
def test_long_rows_multiply_straight_into_the_output(monkeypatch, block_bytes, padding):
    """Rows of 64 or more output pixels: plain columns, products written in place
    (whole images, or bands of rows when the blocks are small)."""
    rng = np.random.default_rng(12)
    x = rng.standard_normal((2, 2, 6, 70))
    w = rng.standard_normal((3, 2, 3, 3))
    assert conv2d(x, w, padding=padding).shape[3] >= direct_module.WIDE_FORWARD_BELOW
    monkeypatch.setattr(direct_module, "BLOCK_BYTES", block_bytes)
    out = conv2d(x, w, padding=padding, method="direct")
    ref = reference_conv2d(x, w, pads=((padding, padding), (padding, padding)))
    np.testing.assert_allclose(out, ref, rtol=1e-12, atol=1e-12)


STACKED_GEOMETRIES = [
    # (x shape, weight shape, stride, padding, dilation): C_in * kw >= 32, few outputs
    ((3, 8, 20, 11), (5, 8, 4, 5), 1, 0, 1),
    ((2, 16, 12, 9), (3, 16, 3, 2), (1, 2), 1, 1),
    ((1, 11, 17, 10), (4, 11, 2, 3), 1, (2, 1), (2, 2)),
    ((2, 32, 12, 8), (2, 32, 3, 1), (1, 3), "valid", 1),
]


@pytest.mark.parametrize("block_bytes", [1 << 23, 3000])
@pytest.mark.parametrize(("xs", "ws", "stride", "padding", "dilation"), STACKED_GEOMETRIES)
def test_stacked_kernel_rows_match_the_definition(
    monkeypatch, block_bytes, xs, ws, stride, padding, dilation
):
    """The forward pass with kernel rows stacked into the product (whole images,
    several images per block, or bands of rows when the blocks are small)."""
    rng = np.random.default_rng(13)
    x = rng.standard_normal(xs)
    w = rng.standard_normal(ws)
    kwargs = dict(stride=stride, padding=padding, dilation=dilation)
    geometry = conv_geometry(xs, ws, stride=stride, padding=padding, dilation=dilation)
    assert stacked_module.applies(geometry)
    monkeypatch.setattr(stacked_module, "BLOCK_BYTES", block_bytes)
    pads = pair(padding) if padding != "valid" else (0, 0)
    ref = reference_conv2d(
        x, w, stride=pair(stride), pads=tuple((p, p) for p in pads), dilation=pair(dilation)
    )
    np.testing.assert_allclose(conv2d(x, w, method="direct", **kwargs), ref, atol=1e-12)
    got32 = conv2d(x.astype(np.float32), w.astype(np.float32), method="direct", **kwargs)
    assert got32.dtype == np.float32
    np.testing.assert_allclose(got32, ref, rtol=1e-4, atol=1e-4)
    # Integers: every sum is exact in float32, in any order.
    xi, wi = np.round(4 * x), np.round(4 * w)
    exact = reference_conv2d(
        xi, wi, stride=pair(stride), pads=tuple((p, p) for p in pads), dilation=pair(dilation)
    )
    got = conv2d(xi.astype(np.float32), wi.astype(np.float32), **kwargs)
    np.testing.assert_array_equal(got, exact)
    # A NaN pixel spoils exactly the outputs whose window reads it.
    x_nan = x.copy()
    x_nan[0, 0, 1, 1] = np.nan
    reads = np.isnan(
        reference_conv2d(
            x_nan,
            np.ones_like(w),
            stride=pair(stride),
            pads=tuple((p, p) for p in pads),
            dilation=pair(dilation),
        )
    )
    np.testing.assert_array_equal(np.isnan(conv2d(x_nan, w, method="direct", **kwargs)), reads)


def test_auto_picks_fft_for_large_kernels_and_direct_for_small():
    def geometry(xs, ws):
        return conv_geometry(xs, ws)

    assert conv_module._choose_method("auto", geometry((1, 1, 512, 512), (1, 1, 31, 31))) == "fft"
    assert conv_module._choose_method("auto", geometry((1, 1, 512, 512), (1, 1, 3, 3))) == "direct"
    assert (
        conv_module._choose_method("auto", geometry((1, 16, 128, 128), (32, 16, 3, 3))) == "direct"
    )
    assert conv_module._choose_method("auto", geometry((2, 3, 8, 8), (4, 3, 1, 1))) == "direct"


# --------------------------------------------------------------------------- exact sums


def _auto_choice(x, w, g=None):
    x4, w4, _, geometry, _ = conv_module.conv_operands(x, w)
    operands = (x4, w4) if g is None else (x4, w4, np.asarray(g, dtype=x4.dtype))
    return conv_module._choose_method("auto", geometry, *operands)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(
    ("xs", "ws"), [((1, 1, 96, 96), (1, 1, 21, 21)), ((2, 4, 64, 64), (3, 4, 15, 15))]
)
def test_integer_valued_data_gives_exact_sums_where_the_fft_is_faster(xs, ws, dtype):
    """A kernel large enough for the cost model to prefer the FFT: integer-valued data
    still gets the direct method, whose sums are exact, for the forward and backward
    passes; the same shapes with float data get the FFT."""
    rng = np.random.default_rng(9)
    x = rng.integers(-9, 10, xs).astype(dtype)
    w = rng.integers(-2, 3, ws).astype(dtype)
    g = rng.integers(-2, 3, conv2d(x, w).shape).astype(dtype)
    assert _auto_choice(x + 0.1, w) == "fft"
    assert _auto_choice(x, w) == "direct" and _auto_choice(x, w, g) == "direct"
    out = conv2d(x, w)
    # exact: integers, equal to the sums in float64 (every partial sum is an integer
    # below 2**24, so float32 holds them too)
    np.testing.assert_array_equal(out, np.round(out))
    np.testing.assert_array_equal(out, conv2d(x.astype(float), w.astype(float), method="direct"))
    assert not np.array_equal(conv2d(x, w, method="fft"), out)  # the FFT rounds
    grads = conv2d_backward(x, w, g)
    exact = conv2d_backward(x.astype(float), w.astype(float), g.astype(float), method="direct")
    for got, want in zip(grads, exact, strict=True):
        np.testing.assert_array_equal(got, want)
        np.testing.assert_array_equal(got, np.round(got))


def test_sums_are_exact_decides_by_integers_and_a_bound():
    from convdemo._exact import sums_are_exact

    x = np.full((1, 1, 8, 8), 1024.0)
    w = np.ones((2, 1, 4, 4))  # 16 taps: the largest sum is 16 * 1024 = 2**14
    assert sums_are_exact(x, w)
    assert not sums_are_exact(x + 0.1, w) and not sums_are_exact(x, w / 3)
    # halves and quarters are integers in units of 1/4: 16 * 4096.5 * 4 * 2 < 2**53
    assert sums_are_exact(x + 0.5, w / 4) and sums_are_exact((x + 1) / 2**16, w)
    assert not sums_are_exact((x + 1) / 2**17, w)  # finer than MAX_FRACTION_BITS
    # float64 holds every integer below 2**53, float32 below 2**24
    assert sums_are_exact(x * 2.0**38, w) and not sums_are_exact(x * 2.0**39, w)
    x32, w32 = x.astype(np.float32), w.astype(np.float32)
    assert sums_are_exact(x32 * 2**9, w32) and not sums_are_exact(x32 * 2**10, w32)
    # the backward sums: grad_w adds x * g over every output pixel (25 of them here)
    g = np.ones((1, 2, 5, 5))
    assert sums_are_exact(x, w, g + 0.25) and not sums_are_exact(x, w, g + 0.3)
    assert not sums_are_exact(x * 2.0**34, w, g * 2.0**10)
    for bad in (np.nan, np.inf):
        x_bad = x.copy()
        x_bad[0, 0, 3, 3] = bad
        assert not sums_are_exact(x_bad, w)


# --------------------------------------------------------------------------- properties


@st.composite
def geometries(draw, max_size=12):
    """A valid call: kernel (dilated) fits in the padded input."""
    n = draw(st.integers(1, 2))
    c_in = draw(st.integers(1, 3))
    c_out = draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    dilation = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    if draw(st.booleans()):
        padding = (draw(st.integers(0, 3)), draw(st.integers(0, 3)))
        pads = padding
    else:
        padding = draw(st.sampled_from(["valid", "same"]))
        if padding == "same":
            stride = (1, 1)
        pads = None
    lo = [d * (k - 1) + 1 for d, k in zip(dilation, (kh, kw), strict=True)]
    if pads is not None:
        lo = [max(1, e - 2 * p) for e, p in zip(lo, pads, strict=True)]
    elif padding == "same":
        lo = [1, 1]
    h = draw(st.integers(lo[0], max(lo[0], max_size)))
    w = draw(st.integers(lo[1], max(lo[1], max_size)))
    seed = draw(st.integers(0, 2**32 - 1))
    return dict(
        x_shape=(n, c_in, h, w),
        w_shape=(c_out, c_in, kh, kw),
        stride=stride,
        padding=padding,
        dilation=dilation,
        seed=seed,
    )


def _args(g):
    return dict(stride=g["stride"], padding=g["padding"], dilation=g["dilation"])


@HYPOTHESIS
@given(geometries(max_size=20))
def test_output_shape_formula(g):
    n, _, h, w = g["x_shape"]
    c_out, _, kh, kw = g["w_shape"]
    (sh, sw), (dh, dw) = g["stride"], g["dilation"]
    if g["padding"] == "same":
        expected = (h, w)
    else:
        ph, pw = (0, 0) if g["padding"] == "valid" else g["padding"]
        expected = (
            (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1,
            (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1,
        )
        assert expected == (
            conv_output_size(h, kh, stride=sh, padding=ph, dilation=dh),
            conv_output_size(w, kw, stride=sw, padding=pw, dilation=dw),
        )
    out = conv2d(np.ones(g["x_shape"]), np.ones(g["w_shape"]), **_args(g))
    assert out.shape == (n, c_out, *expected)


@HYPOTHESIS
@given(geometries(), st.sampled_from(METHODS))
def test_matches_definition_and_is_linear(g, method):
    rng = np.random.default_rng(g["seed"])
    x1, x2 = rng.standard_normal((2, *g["x_shape"]))
    w1, w2 = rng.standard_normal((2, *g["w_shape"]))
    a, b = rng.standard_normal(2)
    args = _args(g) | {"method": method}
    out = conv2d(x1, w1, **args)
    # Linear in x and in weight.
    np.testing.assert_allclose(
        conv2d(a * x1 + b * x2, w1, **args), a * out + b * conv2d(x2, w1, **args), atol=1e-10
    )
    np.testing.assert_allclose(
        conv2d(x1, a * w1 + b * w2, **args), a * out + b * conv2d(x1, w2, **args), atol=1e-10
    )
    # And equal to the definition.
    if g["padding"] == "same":
        pads = tuple(
            (d * (k - 1) // 2, d * (k - 1) - d * (k - 1) // 2)
            for d, k in zip(g["dilation"], g["w_shape"][2:], strict=True)
        )
    elif g["padding"] == "valid":
        pads = ((0, 0), (0, 0))
    else:
        pads = tuple((p, p) for p in g["padding"])
    ref = reference_conv2d(x1, w1, None, g["stride"], pads, g["dilation"])
    np.testing.assert_allclose(out, ref, atol=1e-10)


@HYPOTHESIS
@given(geometries(), st.sampled_from(("auto", *METHODS)))
def test_float32_in_float32_out(g, method):
    rng = np.random.default_rng(g["seed"])
    x = rng.standard_normal(g["x_shape"]).astype(np.float32)
    w = rng.standard_normal(g["w_shape"]).astype(np.float32)
    out = conv2d(x, w, **_args(g), method=method)
    assert out.dtype == np.float32
    ref = conv2d(x.astype(np.float64), w.astype(np.float64), **_args(g))
    scale = np.abs(x).max() * np.abs(w).sum(axis=(1, 2, 3)).max()
    np.testing.assert_allclose(out, ref, atol=1e-5 * scale)
    grads = conv2d_backward(x, w, np.ones_like(out), **_args(g), method=method)
    assert all(grad.dtype == np.float32 for grad in grads)


@HYPOTHESIS
@given(geometries(max_size=9), st.sampled_from(METHODS))
def test_backward_is_the_adjoint(g, method):
    """<conv(x, w), g> = <x, grad_x> = <w, grad_w> (the loss is bilinear)."""
    rng = np.random.default_rng(g["seed"])
    x = rng.standard_normal(g["x_shape"])
    w = rng.standard_normal(g["w_shape"])
    out = conv2d(x, w, **_args(g), method=method)
    grad_out = rng.standard_normal(out.shape)
    gx, gw, gb = conv2d_backward(x, w, grad_out, **_args(g), method=method)
    loss = np.vdot(out, grad_out)
    assert gx.shape == x.shape and gw.shape == w.shape and gb.shape == (w.shape[0],)
    np.testing.assert_allclose(np.vdot(x, gx), loss, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(np.vdot(w, gw), loss, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(gb, grad_out.sum(axis=(0, 2, 3)), atol=1e-12)


# --------------------------------------------------------------------------- gradients

GRADIENT_CASES = [
    # (x shape, weight shape, stride, padding, dilation)
    ((2, 3, 6, 7), (4, 3, 3, 3), 1, 0, 1),
    ((1, 2, 7, 8), (3, 2, 3, 2), 2, 1, 1),
    ((2, 2, 9, 7), (2, 2, 2, 3), (1, 2), (2, 0), (2, 1)),
    ((1, 3, 6, 6), (2, 3, 2, 4), 1, "same", 1),
    ((1, 2, 8, 7), (2, 2, 3, 2), 1, "same", (2, 3)),
    ((2, 1, 8, 9), (1, 1, 3, 4), (2, 3), 1, 1),  # one channel in and out
    ((1, 1, 7, 7), (1, 1, 2, 2), 1, "same", 2),
    ((1, 2, 5, 5), (2, 2, 5, 5), 1, 1, 1),  # more taps than output pixels
]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("xs", "ws", "stride", "padding", "dilation"), GRADIENT_CASES)
def test_gradients_by_finite_differences(method, xs, ws, stride, padding, dilation):
    rng = np.random.default_rng(sum(xs) * 7 + sum(ws))
    x = rng.standard_normal(xs)
    w = rng.standard_normal(ws)
    b = rng.standard_normal(ws[0])
    kwargs = dict(stride=stride, padding=padding, dilation=dilation, method=method)
    grad_out = rng.standard_normal(conv2d(x, w, b, **kwargs).shape)

    def loss():
        return float((conv2d(x, w, b, **kwargs) * grad_out).sum())

    gx, gw, gb = conv2d_backward(x, w, grad_out, **kwargs)
    # eps 1e-3: the loss is linear in each argument, so central differences are exact
    # up to rounding
    np.testing.assert_allclose(gx, numeric_gradient(loss, x, eps=1e-3), rtol=1e-8, atol=1e-8)
    np.testing.assert_allclose(gw, numeric_gradient(loss, w, eps=1e-3), rtol=1e-8, atol=1e-8)
    np.testing.assert_allclose(gb, numeric_gradient(loss, b, eps=1e-3), rtol=1e-8, atol=1e-8)


def test_gradient_of_single_channel_image_keeps_shapes():
    x = np.arange(20.0).reshape(4, 5)
    k = np.array([[1.0, -1.0, 2.0]])
    g = np.ones((4, 3))
    gx, gk, gb = conv2d_backward(x, k, g)
    assert gx.shape == x.shape and gk.shape == k.shape and gb.shape == (1,)
    # d/dk[0, j] of sum(out) is the sum of the pixels tap j sees.
    np.testing.assert_allclose(gk, [[x[:, 0:3].sum(), x[:, 1:4].sum(), x[:, 2:5].sum()]])
    # each pixel receives the sum of the taps that see it
    np.testing.assert_allclose(gx[0], [1.0, 0.0, 2.0, 1.0, 2.0])
    np.testing.assert_allclose(gb, [12.0])


# --------------------------------------------------------------------------- errors

X = np.ones((2, 3, 8, 8))
W = np.ones((4, 3, 3, 3))

BAD_CALLS = [
    # (args, kwargs, exception, argument named in the message)
    ((np.ones(5), np.ones((2, 2))), {}, ValueError, "x"),
    ((np.ones((1, 1, 1, 5, 5)), W), {}, ValueError, "x"),
    ((X, np.ones((3, 3, 3))), {}, ValueError, "weight"),
    ((np.ones((5, 5)), W), {}, ValueError, "weight"),
    ((X, np.ones((3, 3))), {}, ValueError, "weight"),
    ((X, np.ones((4, 2, 3, 3))), {}, ValueError, "weight"),
    ((X, W, np.ones(3)), {}, ValueError, "bias"),
    ((X, W, np.ones((4, 1))), {}, ValueError, "bias"),
    ((np.ones((5, 5)), np.ones((2, 2)), np.ones(2)), {}, ValueError, "bias"),
    ((X, np.ones((4, 3, 9, 3))), {}, ValueError, "weight"),
    ((X, np.ones((4, 3, 3, 3))), {"dilation": 4}, ValueError, "weight"),
    ((X, np.ones((4, 3, 3, 3))), {"padding": (0, 1), "dilation": (1, 5)}, ValueError, "weight"),
    ((X, W), {"stride": 0}, ValueError, "stride"),
    ((X, W), {"stride": (1, -2)}, ValueError, "stride"),
    ((X, W), {"stride": (1, 2, 3)}, ValueError, "stride"),
    ((X, W), {"dilation": 0}, ValueError, "dilation"),
    ((X, W), {"dilation": (-1, 1)}, ValueError, "dilation"),
    ((X, W), {"padding": -1}, ValueError, "padding"),
    ((X, W), {"padding": (0, -2)}, ValueError, "padding"),
    ((X, W), {"padding": "full"}, ValueError, "padding"),
    ((X, W), {"padding": "SAME"}, ValueError, "padding"),
    ((X, W), {"padding": "same", "stride": 2}, ValueError, "stride"),
    ((X, W), {"padding": "same", "stride": (1, 2)}, ValueError, "same"),
    ((X, W), {"stride": 1.0}, TypeError, "stride"),
    ((X, W), {"stride": 1.5}, TypeError, "stride"),
    ((X, W), {"stride": float("nan")}, TypeError, "stride"),
    ((X, W), {"stride": True}, TypeError, "stride"),
    ((X, W), {"stride": np.bool_(True)}, TypeError, "stride"),
    ((X, W), {"stride": None}, TypeError, "stride"),
    ((X, W), {"dilation": 2.0}, TypeError, "dilation"),
    ((X, W), {"dilation": (1, False)}, TypeError, "dilation"),
    ((X, W), {"padding": 1.0}, TypeError, "padding"),
    ((X, W), {"padding": (1, float("nan"))}, TypeError, "padding"),
    ((X, W), {"padding": True}, TypeError, "padding"),
    (("abc", W), {}, TypeError, "x"),
    ((X, "abc"), {}, TypeError, "weight"),
    ((np.array([[object()]]), np.ones((1, 1))), {}, TypeError, "x"),
    ((np.ones((3, 3), complex), np.ones((2, 2))), {}, TypeError, "x"),
    ((np.ones((3, 3)), np.ones((2, 2)) * 1j), {}, TypeError, "weight"),
    ((np.ones((3, 3)), np.ones((2, 2)), 1j), {}, TypeError, "bias"),
    ((np.ones((3, 3)), np.ones((2, 2)), "b"), {}, TypeError, "bias"),
    (([[1.0, 2.0], [3.0]], np.ones((1, 1))), {}, TypeError, "x"),
    ((None, np.ones((1, 1))), {}, TypeError, "x"),
    ((np.array([["1", "2"]]), np.ones((1, 1))), {}, TypeError, "x"),
    ((X, W), {"method": "slow"}, ValueError, "method"),
    ((X, W), {"method": "FFT"}, ValueError, "method"),
    ((X, W), {"method": None}, TypeError, "method"),
    ((np.ones((0, 4)), np.ones((1, 1))), {}, ValueError, "x"),
]


@pytest.mark.parametrize(("args", "kwargs", "error", "name"), BAD_CALLS)
def test_bad_input_raises_naming_the_argument(args, kwargs, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        conv2d(*args, **kwargs)
    if len(args) == 2:  # conv2d_backward validates the same way
        with pytest.raises(error, match=rf"\b{name}\b"):
            conv2d_backward(*args, np.ones((2, 4, 6, 6)), **kwargs)


@pytest.mark.parametrize(
    ("grad_output", "error"),
    [
        (np.ones((2, 4, 6, 5)), ValueError),
        (np.ones((4, 6, 6)), ValueError),
        (np.ones((2, 4, 6, 6, 1)), ValueError),
        (np.ones(()), ValueError),
        ("g", TypeError),
        (np.ones((2, 4, 6, 6), complex), TypeError),
    ],
)
def test_grad_output_must_match_the_forward_output(grad_output, error):
    with pytest.raises(error, match="grad_output"):
        conv2d_backward(X, W, grad_output)


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"size": 0, "kernel": 3}, ValueError, "size"),
        ({"size": 5, "kernel": 0}, ValueError, "kernel"),
        ({"size": 5, "kernel": 3, "stride": 0}, ValueError, "stride"),
        ({"size": 5, "kernel": 3, "dilation": -1}, ValueError, "dilation"),
        ({"size": 5, "kernel": 3, "padding": -1}, ValueError, "padding"),
        ({"size": 5.0, "kernel": 3}, TypeError, "size"),
        ({"size": 5, "kernel": True}, TypeError, "kernel"),
        ({"size": 5, "kernel": 3, "stride": float("nan")}, TypeError, "stride"),
    ],
)
def test_conv_output_size_errors(kwargs, error, name):
    with pytest.raises(error, match=rf"\b{name}\b"):
        conv_output_size(**kwargs)


def test_conv_output_size_values():
    assert conv_output_size(7, 3) == 5
    assert conv_output_size(7, 3, stride=2, padding=1) == 4
    assert conv_output_size(8, 3, stride=2, padding=1) == 4  # floor
    assert conv_output_size(7, 3, dilation=3) == 1
    assert conv_output_size(7, 3, dilation=4) == -1  # does not fit: zero or less
    assert conv_output_size(np.int64(28), np.int32(5)) == 24


# --------------------------------------------------------------------------- NaN / inf


def test_nan_and_inf_propagate_with_direct():
    x = np.ones((1, 1, 6, 6))
    x[0, 0, 1, 1] = np.nan
    x[0, 0, 4, 4] = np.inf
    out = conv2d(x, np.ones((1, 1, 2, 2)), method="direct")[0, 0]
    nan_windows = np.zeros((5, 5), bool)
    nan_windows[0:2, 0:2] = True  # the windows that see (1, 1)
    inf_windows = np.zeros((5, 5), bool)
    inf_windows[3:5, 3:5] = True
    assert np.isnan(out[nan_windows]).all()
    assert np.isposinf(out[inf_windows]).all()
    np.testing.assert_array_equal(out[~nan_windows & ~inf_windows], 4.0)
    # infinity times a zero weight is NaN, as IEEE says
    k = np.array([[[[0.0, 1.0], [1.0, 1.0]]]])
    assert np.isnan(conv2d(x, k, method="direct")[0, 0, 4, 4])


def test_nan_and_inf_propagate_with_fft():
    x = np.ones((1, 1, 6, 6))
    x[0, 0, 2, 3] = np.nan
    out = conv2d(x, np.ones((1, 1, 2, 2)), method="fft")[0, 0]
    assert np.isnan(out[1:3, 2:4]).all()  # at least every window that sees it
    x[0, 0, 2, 3] = np.inf
    out = conv2d(x, np.ones((1, 1, 2, 2)), method="fft")[0, 0]
    assert not np.isfinite(out[1:3, 2:4]).any()


@pytest.mark.parametrize("method", METHODS)
def test_nan_in_weight_propagates_and_gradients_stay_arrays(method):
    w = np.ones((2, 1, 2, 2))
    w[1, 0, 0, 0] = np.nan
    x = np.ones((1, 1, 4, 4))
    out = conv2d(x, w, method=method)
    assert np.isnan(out[0, 1]).all()
    if method == "direct":
        np.testing.assert_array_equal(out[0, 0], 4.0)
    gx, gw, _ = conv2d_backward(x, w, np.ones(out.shape), method=method)
    assert np.isnan(gx).any() and gx.shape == x.shape
    assert np.isfinite(gw).all()  # x and grad_output are finite


# --------------------------------------------------------------------------- torch


def test_matches_torch_conv2d_and_autograd():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(42)
    cases = [
        ((2, 3, 11, 10), (4, 3, 3, 3), 1, 0, 1),
        ((2, 3, 11, 10), (4, 3, 3, 2), (2, 1), (1, 2), (1, 2)),
        ((1, 2, 9, 9), (3, 2, 3, 5), 1, "same", (2, 1)),
        ((3, 1, 12, 12), (1, 1, 5, 5), 2, 2, 1),
        ((1, 4, 16, 16), (2, 4, 9, 9), 1, 0, 1),
        ((2, 16, 12, 11), (5, 16, 3, 3), 1, 1, 1),  # kernel rows stacked (convdemo._stacked)
        ((1, 8, 14, 13), (3, 8, 4, 5), (1, 2), (1, 2), 1),
    ]
    for xs, ws, stride, padding, dilation in cases:
        x = rng.standard_normal(xs)
        w = rng.standard_normal(ws)
        b = rng.standard_normal(ws[0])
        tx, tw, tb = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
        kwargs = dict(stride=stride, padding=padding, dilation=dilation)
        expected = torch.nn.functional.conv2d(tx, tw, tb, **kwargs)
        grad_out = rng.standard_normal(tuple(expected.shape))
        expected.backward(torch.tensor(grad_out))
        for method in METHODS:
            out = conv2d(x, w, b, **kwargs, method=method)
            np.testing.assert_allclose(out, expected.detach().numpy(), rtol=1e-10, atol=1e-10)
            gx, gw, gb = conv2d_backward(x, w, grad_out, **kwargs, method=method)
            np.testing.assert_allclose(gx, tx.grad.numpy(), rtol=1e-10, atol=1e-10)
            np.testing.assert_allclose(gw, tw.grad.numpy(), rtol=1e-10, atol=1e-10)
            np.testing.assert_allclose(gb, tb.grad.numpy(), rtol=1e-10, atol=1e-10)
        # float32 against torch's float32
        out32 = conv2d(x.astype(np.float32), w.astype(np.float32), b.astype(np.float32), **kwargs)
        t32 = torch.nn.functional.conv2d(
            torch.tensor(x, dtype=torch.float32),
            torch.tensor(w, dtype=torch.float32),
            torch.tensor(b, dtype=torch.float32),
            **kwargs,
        )
        assert out32.dtype == np.float32
        np.testing.assert_allclose(out32, t32.numpy(), rtol=1e-4, atol=1e-4)
