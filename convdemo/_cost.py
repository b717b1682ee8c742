"""The cost model of ``method="auto"``: estimated nanoseconds of each method.

Constants fitted on the benchmark machine (``benchmarks/README.md``,
``benchmarks/calibrate_auto.py``), as ``scipy.signal.correlate`` picks by an
operation count."""

from __future__ import annotations

import math

from . import _direct, _fft, _shifted, _stacked
from .geometry import Geometry as _Geometry  # the call's shapes (convdemo.geometry)

# The cost model of method="auto" (see _choose_method): nanoseconds per unit of
# work for (float32, float64), fitted (benchmarks/README.md) to single-thread
# timings of 70 geometries on the benchmark machine, the matrix-product term
# halved for OpenBLAS's 2 threads (numpy's FFT uses one). Only the ranking of the
# two methods matters, and it is right or within 2x of right on every geometry
# measured.
NS_PER_MAC = (0.0145, 0.028)  # one multiply-add inside a BLAS matrix product


NS_PER_COPY = (0.08, 0.065)  # one element gathered into the im2col columns


NS_PER_SHIFT = (0.085, 0.17)  # one element of a shifted-view multiply or add


NS_PER_CALL = 2500.0  # one numpy call in a Python loop


NS_PER_BUTTERFLY = (0.175, 0.25)  # per unit of L log2 L in a real 2-D FFT


NS_PER_FFT_ROW = (37.0, 26.0)  # per 1-D transform of a 2-D one


NS_PER_PRODUCT = (1.36, 2.9)  # one complex multiply-add summing over channels


NS_FFT_FIXED = 60_000.0


# Scales the FFT's estimate: above 1 favours the direct method.
FFT_COST_FACTOR = 1.0


def direct_cost(geometry: _Geometry) -> float:
    """Estimated nanoseconds of :func:`_direct.forward`."""
    n, c_in, _, _ = geometry.in_shape
    _, c_out, ho, wo = geometry.out_shape
    kh, kw = geometry.kernel
    p = 0 if geometry.dtype.itemsize <= 4 else 1
    taps = kh * kw
    if _shifted.applies(geometry):
        blocks = -(-n * ho * wo * geometry.dtype.itemsize // _shifted.BLOCK_BYTES)
        return 2 * taps * (n * ho * wo * NS_PER_SHIFT[p] + blocks * NS_PER_CALL)
    if _stacked.applies(geometry):
        blocks = -(-n * geometry.padded[0] * wo * geometry.dtype.itemsize // _stacked.BLOCK_BYTES)
        pixels = n * (ho + geometry.dilation[0] * (kh - 1)) * wo
        macs = kh * c_out * c_in * kw * pixels
        copies = c_in * kw * pixels * (1 + 16 / wo)
        sums = (kh - 1) * c_out * n * ho * wo  # the row-shifted slices added up
        return (
            macs * NS_PER_MAC[p]
            + copies * NS_PER_COPY[p]
            + sums * NS_PER_SHIFT[p]
            + (3 + kh) * blocks * NS_PER_CALL
        )
    width = geometry.padded[1] if _direct.forward_uses_wide(geometry) else wo
    k = c_in * taps
    pixels = n * ho * width
    blocks = -(-k * pixels * geometry.dtype.itemsize // _direct.BLOCK_BYTES)
    calls = (ho * wo if _direct.loops_over_pixels(geometry) else 3) * blocks
    # A matrix product with few output channels is nearly a matrix-vector product.
    macs = c_out * k * pixels * (1 + 4 / c_out)
    # The gather copies contiguous runs of `run` elements; short runs cost more.
    run = ho * width if width != wo else (wo if geometry.stride[1] == 1 else 1)
    copies = k * pixels * (1 + 16 / run)
    return macs * NS_PER_MAC[p] + copies * NS_PER_COPY[p] + calls * NS_PER_CALL


def fft_cost(geometry: _Geometry) -> float:
    """Estimated nanoseconds of :func:`_fft.forward`."""
    n, c_in, _, _ = geometry.in_shape
    _, c_out, _, _ = geometry.out_shape
    hp, wp = geometry.padded
    p = 0 if geometry.dtype.itemsize <= 4 else 1
    f1, f2 = _fft.next_fast_length(hp), _fft.next_fast_length(wp)
    transforms = n * c_in + c_out * c_in + n * c_out
    cost = transforms * f1 * f2 * math.log2(max(f1 * f2, 2)) * NS_PER_BUTTERFLY[p]
    cost += transforms * (f1 + f2 // 2 + 1) * NS_PER_FFT_ROW[p]
    cost += n * c_out * c_in * f1 * (f2 // 2 + 1) * NS_PER_PRODUCT[p]
    return FFT_COST_FACTOR * (cost + NS_FFT_FIXED)
