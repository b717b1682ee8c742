"""The direct forward pass with kernel rows stacked into the matrix product.

im2col puts every tap ``(c, i, j)`` of a kernel into the inner dimension of one
matrix product ``(C_out, C kh kw) @ (C kh kw, pixels)``. With few output channels
that product is thin (16 rows for benchmark case C) and BLAS runs it well below
its peak, and the columns repeat each input pixel ``kh kw`` times. Here only the
``kw`` column shifts of each input row are copied, ``xs[(c, j), (n, r, x)] =
xp[n, c, r, x + d_w j]`` for every padded row ``r``, and the kernel rows ``i`` go
into the product's outer dimension::

    Y[(i, o), (n, r, x)] = sum_{c, j} w[o, c, i, j] xs[(c, j), (n, r, x)]
    out[n, o, y, x]      = sum_i Y[(i, o), (n, y + d_h i, x)]

The product ``(kh C_out, C kw) @ (C kw, pixels)`` is ``kh`` times taller and
closer to BLAS's peak; the copy is ``kh`` times smaller; the price is ``kh - 1``
additions of shifted slices of ``Y``, and the ``d_h (kh - 1)`` extra rows that
each block multiplies. Every product and sum is one the im2col method forms too,
so sums that are exact there (:mod:`convdemo._exact`) are exact here. Used for
stride 1 along rows (:func:`applies`); timings in ``benchmarks/README.md``.
"""

from __future__ import annotations

import math

import numpy as np

from . import _scratch, _shifted, _views
from .geometry import Geometry as _Geometry  # the call's shapes (convdemo.geometry)

# Bytes of copied rows and products per block (as _direct.BLOCK_BYTES).
BLOCK_BYTES = 1 << 23
# Used while the product's inner dimension C_in * kw is at least this (below it
# BLAS runs thin inner products slowly), ...
MIN_INNER = 32
# ... the output channels are fewer than this (more already make a tall product),
MAX_OUT_CHANNELS = 64
# ... and the extra rows per image are at most this fraction of the output rows.
MAX_HALO = 0.25


def applies(geometry: _Geometry) -> bool:
    """Whether :func:`forward` is used: stride 1 along rows, a kernel of more than
    one row, enough input channels times kernel columns, few output channels."""
    c_in = geometry.in_shape[1]
    c_out, ho = geometry.out_shape[1:3]
    kh, kw = geometry.kernel
    halo = geometry.dilation[0] * (kh - 1)
    return (
        geometry.stride[0] == 1
        and kh > 1
        and c_in * kw >= MIN_INNER
        and c_out < MAX_OUT_CHANNELS
        and halo <= MAX_HALO * ho
        and not _shifted.applies(geometry)
    )


def forward(x4: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    """``conv2d`` by one matrix product of stacked kernel rows per block, then a
    sum of ``kh`` row-shifted slices of the product (see the module notes)."""
    n, c = geometry.in_shape[:2]
    c_out, ho, wo = geometry.out_shape[1:]
    kh, kw = geometry.kernel
    sw = geometry.stride[1]
    dh, dw = geometry.dilation
    halo = dh * (kh - 1)
    xp = _views.pad(x4, geometry, scratch="padded")
    hp, wp = xp.shape[2:]
    inner, tall = c * kw, kh * c_out
    # Rows (i, o), columns (c, j): a small copy of the weights.
    w_rows = np.ascontiguousarray(w4.transpose(2, 0, 1, 3)).reshape(tall, inner)
    item = xp.itemsize
    # shifts[n, c, j, r, x] = xp[n, c, r, sw x + dw j]
    shifts = np.lib.stride_tricks.as_strided(
        xp,
        shape=(n, c, kw, hp, wo),
        strides=(c * hp * wp * item, hp * wp * item, dw * item, wp * item, sw * item),
        writeable=False,
    )
    out = np.empty(geometry.out_shape, dtype=xp.dtype)
    row_bytes = -(-(inner + tall) * wo * item * (ho + halo) // ho)
    blocks = list(_views.blocks(n, ho, row_bytes, BLOCK_BYTES))
    pixels = max((n1 - n0) * (y1 - y0 + halo) * wo for n0, n1, y0, y1 in blocks)
    shift_buffer = _scratch.buffer("columns", inner * pixels, xp.dtype)
    product_buffer = _scratch.buffer("products", tall * pixels, xp.dtype)
    for n0, n1, y0, y1 in blocks:
        rows = y1 - y0
        shape = (n1 - n0, rows + halo, wo)
        xs = shift_buffer[: inner * math.prod(shape)].reshape(c, kw, *shape)
        xs[...] = shifts[n0:n1, :, :, y0 : y0 + rows + halo].transpose(1, 2, 0, 3, 4)
        product = product_buffer[: tall * math.prod(shape)].reshape(tall, -1)
        np.matmul(w_rows, xs.reshape(inner, -1), out=product)
        by_row = product.reshape(kh, c_out, *shape)
        terms = [by_row[i, :, :, dh * i : dh * i + rows].transpose(1, 0, 2, 3) for i in range(kh)]
        dest = out[n0:n1, :, y0:y1]
        np.add(terms[0], terms[1], out=dest)
        for term in terms[2:]:
            dest += term
    return out
