"""The FFT method: products of real FFTs of 5-smooth lengths, summed over
channels (a matrix product per frequency when there are many channel pairs)."""

from __future__ import annotations

import math

import numpy as np

from . import _views
from .geometry import Geometry as _Geometry  # the call's shapes (convdemo.geometry)

# The FFT path sums over channels with a matrix product per frequency once there
# are more than this many (image, output channel) pairs; below, by accumulation.
MATMUL_MIN = 32


def next_fast_length(n: int) -> int:
    """The smallest 5-smooth integer >= n (a fast length for pocketfft)."""
    m = n
    while True:
        r = m
        for p in (2, 3, 5):
            while r % p == 0:
                r //= p
        if r == 1:
            return m
        m += 1


def dilate(kernel: np.ndarray, dilation: tuple[int, int]) -> np.ndarray:
    if dilation == (1, 1):
        return kernel
    dh, dw = dilation
    *lead, kh, kw = kernel.shape
    out = np.zeros((*lead, dh * (kh - 1) + 1, dw * (kw - 1) + 1), dtype=kernel.dtype)
    out[..., ::dh, ::dw] = kernel
    return out


def correlate(
    xp: np.ndarray, kernel: np.ndarray, stride: tuple[int, int], out_hw: tuple[int, int]
) -> np.ndarray:
    """Valid cross-correlation of padded ``xp`` (N, C, Hp, Wp) with an already
    dilated ``kernel`` (C_out, C, KH, KW), subsampled by ``stride``."""
    _, _, hp, wp = xp.shape
    kh, kw = kernel.shape[2:]
    shape = (next_fast_length(hp), next_fast_length(wp))
    # Correlation is convolution with the flipped kernel; circular wrap-around of a
    # transform of length >= Hp only touches the first KH-1 rows, which are dropped.
    # All transforms use norm="ortho": numpy (2.x) runs a float32 transform whose
    # scale factor is exactly 1 (the default norm's forward, "forward"'s inverse)
    # in double precision, 8 times slower and with complex128 temporaries. The
    # product of two ortho spectra lacks a factor sqrt(area); the kernel (small)
    # carries it.
    scale = kernel.dtype.type(math.sqrt(shape[0] * shape[1]))
    x_hat = np.fft.rfft2(xp, s=shape, norm="ortho")
    k_hat = np.fft.rfft2(kernel[:, :, ::-1, ::-1] * scale, s=shape, norm="ortho")
    full = np.fft.irfft2(_sum_over_channels(x_hat, k_hat), s=shape, norm="ortho")
    sh, sw = stride
    ho, wo = out_hw
    return full[
        :, :, kh - 1 : kh - 1 + sh * (ho - 1) + 1 : sh, kw - 1 : kw - 1 + sw * (wo - 1) + 1 : sw
    ]


def _sum_over_channels(x_hat: np.ndarray, k_hat: np.ndarray) -> np.ndarray:
    """``out[n, o] = sum_c x_hat[n, c] * k_hat[o, c]`` at every frequency."""
    n, c = x_hat.shape[:2]
    c_out = k_hat.shape[0]
    if n * c_out > MATMUL_MIN:  # one (N, C) @ (C, C_out) product per frequency
        prod = np.matmul(x_hat.transpose(2, 3, 0, 1), k_hat.transpose(2, 3, 1, 0))
        return prod.transpose(2, 3, 0, 1)
    # Few output maps: a matmul per frequency is mostly overhead; accumulate instead.
    out = x_hat[:, None, 0] * k_hat[None, :, 0]
    tmp = np.empty_like(out) if c > 1 else None
    for channel in range(1, c):
        np.multiply(x_hat[:, None, channel], k_hat[None, :, channel], out=tmp)
        out += tmp
    return out


def forward(x4: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    kernel = dilate(w4, geometry.dilation)
    return correlate(_views.pad(x4, geometry), kernel, geometry.stride, geometry.out_shape[2:])


def backward(x4, w4, g4, geometry):
    n, _, _, _ = geometry.in_shape
    _, _, ho, wo = geometry.out_shape
    hp, wp = geometry.padded
    kh, kw = geometry.kernel
    sh, sw = geometry.stride
    dh, dw = geometry.dilation
    ekh, ekw = geometry.effective_kernel
    xp = _views.pad(x4, geometry)
    # dL/dxp: the full convolution of the stride-upsampled gradient with the
    # dilated kernel, i.e. a valid correlation of the zero-padded gradient with the
    # flipped kernel whose in/out channels are swapped.
    up = np.zeros(
        (n, g4.shape[1], sh * (ho - 1) + 1 + 2 * (ekh - 1), sw * (wo - 1) + 1 + 2 * (ekw - 1)),
        dtype=g4.dtype,
    )
    up[
        :, :, ekh - 1 : ekh - 1 + sh * (ho - 1) + 1 : sh, ekw - 1 : ekw - 1 + sw * (wo - 1) + 1 : sw
    ] = g4
    flipped = dilate(w4, geometry.dilation)[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)
    reached_h = sh * (ho - 1) + ekh
    reached_w = sw * (wo - 1) + ekw
    grad_xp = np.zeros((n, x4.shape[1], hp, wp), dtype=x4.dtype)
    grad_xp[:, :, :reached_h, :reached_w] = correlate(
        up, np.ascontiguousarray(flipped), (1, 1), (reached_h, reached_w)
    )
    # dL/dw[o, c, i, j] = sum_n,y,x g[n, o, y, x] xp[n, c, d i + s y, d j + s x]: a
    # correlation of xp (batch and channels swapped) with the stride-dilated gradient.
    grad_kernel = dilate(g4.transpose(1, 0, 2, 3), (sh, sw))  # (C_out, N, ., .)
    grad_w = correlate(
        np.ascontiguousarray(xp.transpose(1, 0, 2, 3)),
        np.ascontiguousarray(grad_kernel),
        (dh, dw),
        (kh, kw),
    )  # (C_in, C_out, kh, kw)
    return _views.crop_padding(grad_xp, geometry), grad_w.transpose(1, 0, 2, 3)
