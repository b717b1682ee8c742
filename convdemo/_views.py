"""Where each kernel tap reads: padded buffers, strided views of them, and
the cache-sized blocks the direct methods work in. No arithmetic here."""

from __future__ import annotations

import math

import numpy as np

from . import _scratch
from .geometry import Geometry as _Geometry  # the call's shapes (convdemo.geometry)


def pad(
    x4: np.ndarray, geometry: _Geometry, tail: int = 0, scratch: str | None = None
) -> np.ndarray:
    """The zero-padded input ``(N, C, Hp, Wp)``, C-contiguous.

    With ``tail > 0`` it is a view of a flat buffer that holds ``tail`` more zeros
    after its last element, which the wide columns (:func:`tap_views`) read. With
    a ``scratch`` name the buffer is that :func:`convdemo._scratch.buffer` (for use
    inside one call only).
    """
    (top, bottom), (left, right) = geometry.pads
    if tail == 0 and top == bottom == left == right == 0:
        return np.ascontiguousarray(x4)
    n, c, h, w = x4.shape
    shape = (n, c, h + top + bottom, w + left + right)
    if scratch is None:
        xp = zeros(shape, x4.dtype, tail)
    else:  # zero only what the copy of x4 does not overwrite
        xp = empty(shape, x4.dtype, tail, scratch)
        xp[:, :, :top] = 0
        xp[:, :, top + h :] = 0
        xp[:, :, top : top + h, :left] = 0
        xp[:, :, top : top + h, left + w :] = 0
    xp[:, :, top : top + h, left : left + w] = x4
    return xp


def zeros(
    shape: tuple[int, ...], dtype: np.dtype, tail: int = 0, scratch: str | None = None
) -> np.ndarray:
    """A C-contiguous array of zeros, followed in memory by ``tail`` more zeros
    (a :func:`convdemo._scratch.buffer` when ``scratch`` names one)."""
    if scratch is None:
        size = math.prod(shape)
        return np.zeros(size + tail, dtype=dtype)[:size].reshape(shape)
    out = empty(shape, dtype, tail, scratch)
    out.fill(0)
    return out


def empty(shape: tuple[int, ...], dtype: np.dtype, tail: int, scratch: str) -> np.ndarray:
    """The scratch buffer ``scratch`` as a C-contiguous array of ``shape`` with
    undefined contents, followed in memory by ``tail`` zeros."""
    size = math.prod(shape)
    flat = _scratch.buffer(scratch, size + tail, dtype)
    flat[size:] = 0
    return flat[:size].reshape(shape)


def tap_views(
    xp: np.ndarray, geometry: _Geometry, width: int, writeable: bool = False
) -> list[list[np.ndarray]]:
    """What each kernel tap sees: ``views[i][j]`` of shape ``(N, C, H_out, width)``,
    ``views[i][j][n, c, y, x] = xp[n, c, s_h y + d_h i, s_w x + d_w j]``.

    With ``width = W_out`` these are plain slices of ``xp`` (writeable when ``xp``
    is). The *wide* views (stride 1, ``width = Wp``) also cover the ``Wp - W_out``
    positions that wrap into the next row: each channel's view is then one
    contiguous run, which copies fast, and reaches up to ``d_w (kw - 1)``
    elements past the end of ``xp`` (the ``tail`` of :func:`zeros`). They are
    read-only unless ``writeable``; no two elements of one view share memory.
    """
    n, c, hp, wp = xp.shape
    kh, kw = geometry.kernel
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    ho, wo = geometry.out_shape[2:]
    if width == wo:
        return [
            [
                xp[
                    :,
                    :,
                    i * dh : i * dh + sh * (ho - 1) + 1 : sh,
                    j * dw : j * dw + sw * (wo - 1) + 1 : sw,
                ]
                for j in range(kw)
            ]
            for i in range(kh)
        ]
    assert geometry.stride == (1, 1) and width == wp
    runs = np.lib.stride_tricks.as_strided(
        xp.reshape(-1),
        shape=(n * c, hp * wp + dw * (kw - 1)),
        strides=(hp * wp * xp.itemsize, xp.itemsize),
        writeable=writeable,
    )
    return [
        [
            runs[:, i * dh * wp + j * dw : i * dh * wp + j * dw + ho * wp].reshape(n, c, ho, wp)
            for j in range(kw)
        ]
        for i in range(kh)
    ]


def column_view(xp: np.ndarray, geometry: _Geometry, width: int) -> np.ndarray:
    """Every tap's view at once, read-only, shape ``(N, C, kh, kw, H_out, width)``:
    ``v[n, c, i, j, y, x] = xp[n, c, s_h y + d_h i, s_w x + d_w j]`` (see
    :func:`tap_views` for the wide ``width = Wp``). One copy of a slice of it
    builds a block of im2col columns."""
    n, c, hp, wp = xp.shape
    kh, kw = geometry.kernel
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    ho = geometry.out_shape[2]
    item = xp.itemsize
    return np.lib.stride_tricks.as_strided(
        xp.reshape(-1),
        shape=(n, c, kh, kw, ho, width),
        strides=(
            c * hp * wp * item,
            hp * wp * item,
            dh * wp * item,
            dw * item,
            sh * wp * item,
            sw * item,
        ),
        writeable=False,
    )


def blocks(n: int, rows: int, row_bytes: int, budget: int):
    """Split ``n`` images of ``rows`` output rows into blocks ``(n0, n1, y0, y1)``
    whose columns take about ``budget`` bytes (whole images when they fit)."""
    image_bytes = rows * row_bytes
    if image_bytes <= budget:
        count = -(-n // max(1, budget // image_bytes))
        size = -(-n // count)
        for n0 in range(0, n, size):
            yield n0, min(n0 + size, n), 0, rows
        return
    count = -(-rows // max(1, budget // row_bytes))
    size = -(-rows // count)
    for n0 in range(n):
        for y0 in range(0, rows, size):
            yield n0, n0 + 1, y0, min(y0 + size, rows)


def crop_padding(grad_xp: np.ndarray, geometry: _Geometry) -> np.ndarray:
    (top, _), (left, _) = geometry.pads
    h, w = geometry.in_shape[2:]
    return grad_xp[:, :, top : top + h, left : left + w]
