"""The direct method: im2col columns and one matrix product (BLAS) per block.

The im2col columns of a cache-sized block of output pixels are gathered by one
strided copy and multiplied by the kernels in one matrix product; with stride 1
and short rows each channel's columns are contiguous runs of the flattened padded
image ("wide" columns, a few of which wrap into the next row and are dropped).
With long rows a block of one image's columns is multiplied straight into the
output. The backward pass scatters ``W.T @ grad`` back the same way. One input and
one output channel go to :mod:`convdemo._shifted` instead, and the forward pass
with few output channels (stride 1 along rows) to :mod:`convdemo._stacked`. Work buffers come from
:mod:`convdemo._scratch`."""

from __future__ import annotations

import math

import numpy as np

from . import _scratch, _shifted, _stacked, _views
from .geometry import Geometry as _Geometry  # the call's shapes (convdemo.geometry)

# Bytes of im2col columns built per block: small enough that a block is multiplied
# while it is still in the (32 MiB) L3 cache, large enough that there are few
# threaded BLAS calls (each waits for all its threads, which on a busy machine can
# take a scheduler time slice).
BLOCK_BYTES = 1 << 23


# Wide columns are used while the padded width is at most this times the output's.
WIDE_WASTE = 1.5
# The forward pass uses them only while output rows are shorter than this: longer
# rows copy nearly as fast one by one, and then a block of one image's columns
# multiplies straight into the output (no copy of the product, and no padded copy
# of an unpadded input). The backward pass's scatter gains more from wide columns.
WIDE_FORWARD_BELOW = 64


def loops_over_pixels(geometry: _Geometry) -> bool:
    """Whether columns are gathered per output pixel (fewer pixels than kernel taps,
    so wide columns are never used) rather than per kernel tap."""
    kh, kw = geometry.kernel
    ho, wo = geometry.out_shape[2:]
    return kh * kw > ho * wo


def use_wide(geometry: _Geometry) -> bool:
    """Wide columns (contiguous copies) pay off when they waste few columns."""
    wo = geometry.out_shape[3]
    wp = geometry.padded[1]
    return geometry.stride == (1, 1) and wp <= WIDE_WASTE * wo and not loops_over_pixels(geometry)


def forward_uses_wide(geometry: _Geometry) -> bool:
    """Whether :func:`forward` uses wide columns (short rows only)."""
    return use_wide(geometry) and geometry.out_shape[3] < WIDE_FORWARD_BELOW


def _fill_columns(
    cols: np.ndarray,
    xp: np.ndarray,
    views: np.ndarray | None,
    geometry: _Geometry,
    block: tuple[int, int, int, int],
    width: int,
) -> None:
    """Fill ``cols`` of shape ``(C, kh, kw, nb, rb, width)`` with the im2col columns
    of one block of output pixels, from :func:`_views.column_view` (None: loop over the
    output pixels, for kernels with more taps than the output has pixels)."""
    n0, n1, y0, y1 = block
    kh, kw = geometry.kernel
    if views is not None:  # one strided copy from the view of all taps
        cols[...] = views[n0:n1, :, :, :, y0:y1].transpose(1, 2, 3, 0, 4, 5)
        return
    # Fewer output pixels than taps (a kernel nearly as large as the input).
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    for y in range(y0, y1):
        for x in range(width):
            window = xp[
                n0:n1,
                :,
                y * sh : y * sh + dh * (kh - 1) + 1 : dh,
                x * sw : x * sw + dw * (kw - 1) + 1 : dw,
            ]
            cols[:, :, :, :, y - y0, x] = window.transpose(1, 2, 3, 0)


def _scatter_columns(
    grad_xp: np.ndarray,
    grad_views: list[list[np.ndarray]] | None,
    grad_cols: np.ndarray,
    geometry: _Geometry,
    block: tuple[int, int, int, int],
) -> None:
    """The adjoint of :func:`_fill_columns`: add ``grad_cols`` of shape
    ``(C, kh, kw, nb, rb, width)`` into ``grad_xp`` where they were read, one tap
    at a time through the writeable ``grad_views`` of :func:`_views.tap_views` (each
    tap's view has no overlap with itself; taps do overlap each other)."""
    n0, n1, y0, y1 = block
    kh, kw = geometry.kernel
    wo = geometry.out_shape[3]
    if grad_views is not None:
        for i in range(kh):
            for j in range(kw):
                grad_views[i][j][n0:n1, :, y0:y1] += grad_cols[:, i, j].transpose(1, 0, 2, 3)
        return
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    for y in range(y0, y1):
        for x in range(wo):
            grad_xp[
                n0:n1,
                :,
                y * sh : y * sh + dh * (kh - 1) + 1 : dh,
                x * sw : x * sw + dw * (kw - 1) + 1 : dw,
            ] += grad_cols[:, :, :, :, y - y0, x].transpose(3, 0, 1, 2)


def forward(x4: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    """im2col + one matrix product (BLAS) per cache-sized block of output pixels."""
    if _shifted.applies(geometry):
        return _shifted.forward(x4, w4, geometry)
    if _stacked.applies(geometry):
        return _stacked.forward(x4, w4, geometry)
    n, c, _, _ = geometry.in_shape
    c_out, ho, wo = geometry.out_shape[1:]
    kh, kw = geometry.kernel
    wide = forward_uses_wide(geometry)
    width = geometry.padded[1] if wide else wo
    tail = geometry.dilation[1] * (kw - 1) if wide else 0
    xp = _views.pad(x4, geometry, tail, scratch="padded")
    k = c * kh * kw
    w2 = w4.reshape(c_out, k)
    out = np.empty(geometry.out_shape, dtype=xp.dtype)
    blocks = list(_views.blocks(n, ho, k * width * xp.itemsize, BLOCK_BYTES))
    pixels = max((n1 - n0) * (y1 - y0) * width for n0, n1, y0, y1 in blocks)
    col_buffer = _scratch.buffer("columns", k * pixels, xp.dtype)
    out_buffer = _scratch.buffer("products", c_out * pixels, xp.dtype)
    views = None if loops_over_pixels(geometry) else _views.column_view(xp, geometry, width)
    for block in blocks:
        n0, n1, y0, y1 = block
        shape = (n1 - n0, y1 - y0, width)
        cols = col_buffer[: k * math.prod(shape)].reshape(c, kh, kw, *shape)
        _fill_columns(cols, xp, views, geometry, block, width)
        if width == wo and n1 - n0 == 1:  # the product's layout is the output's
            np.matmul(w2, cols.reshape(k, -1), out=out[n0, :, y0:y1].reshape(c_out, -1))
            continue
        res = out_buffer[: c_out * math.prod(shape)].reshape(c_out, -1)
        np.matmul(w2, cols.reshape(k, -1), out=res)
        out[n0:n1, :, y0:y1] = res.reshape(c_out, *shape)[..., :wo].transpose(1, 0, 2, 3)
    return out


def backward(x4, w4, g4, geometry):
    """im2col, blocked as in :func:`forward`: ``dw = g @ cols.T``, and
    ``W.T @ g`` scattered back onto the input pixels each column was read from."""
    if _shifted.applies(geometry):
        return _shifted.backward(x4, w4, g4, geometry)
    n, c, _, _ = geometry.in_shape
    c_out, ho, wo = geometry.out_shape[1:]
    kh, kw = geometry.kernel
    k = c * kh * kw
    # Wide columns carry garbage where they wrap into the next row; a zero gradient
    # there cancels it, unless the garbage or the weight is infinite or NaN.
    wide = use_wide(geometry) and np.isfinite(x4).all() and np.isfinite(w4).all()
    width = geometry.padded[1] if wide else wo
    tail = geometry.dilation[1] * (kw - 1) if wide else 0
    xp = _views.pad(x4, geometry, tail, scratch="padded")
    grad_xp = _views.zeros(xp.shape, xp.dtype, tail, scratch="grad_padded")
    w2 = w4.reshape(c_out, k)
    grad_w = np.zeros((k, c_out), dtype=xp.dtype)  # transposed: a faster product
    grad_w_part = np.empty_like(grad_w)
    blocks = list(_views.blocks(n, ho, k * width * xp.itemsize, BLOCK_BYTES))
    pixels = max((n1 - n0) * (y1 - y0) * width for n0, n1, y0, y1 in blocks)
    col_buffer = _scratch.buffer("columns", k * pixels, xp.dtype)
    grad_col_buffer = _scratch.buffer("grad_columns", k * pixels, xp.dtype)
    g_buffer = _scratch.buffer("grad_output", c_out * pixels, xp.dtype)
    g_buffer.fill(0)  # stays zero where the columns are wide
    by_pixel = loops_over_pixels(geometry)
    views = None if by_pixel else _views.column_view(xp, geometry, width)
    grad_views = None if by_pixel else _views.tap_views(grad_xp, geometry, width, writeable=True)
    for block in blocks:
        n0, n1, y0, y1 = block
        shape = (n1 - n0, y1 - y0, width)
        size = k * math.prod(shape)
        cols = col_buffer[:size].reshape(c, kh, kw, *shape)
        _fill_columns(cols, xp, views, geometry, block, width)
        g2 = g_buffer[: c_out * math.prod(shape)].reshape(c_out, *shape)
        g2[..., :wo] = g4[n0:n1, :, y0:y1].transpose(1, 0, 2, 3)  # zero where wide
        g2 = g2.reshape(c_out, -1)
        np.matmul(cols.reshape(k, -1), g2.T, out=grad_w_part)
        grad_w += grad_w_part
        grad_cols = grad_col_buffer[:size].reshape(k, -1)
        np.matmul(w2.T, g2, out=grad_cols)
        _scatter_columns(grad_xp, grad_views, grad_cols.reshape(c, kh, kw, *shape), geometry, block)
    # a copy: grad_xp is scratch
    return _views.crop_padding(grad_xp, geometry).copy(), grad_w.T.reshape(w4.shape)
