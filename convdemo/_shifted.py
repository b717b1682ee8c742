"""The direct method for one input and one output channel: a sum of ``kh * kw``
shifted, scaled views of the image, in cache-sized row blocks (no columns, no BLAS)."""

from __future__ import annotations

import numpy as np

from . import _views
from .geometry import Geometry as _Geometry  # the call's shapes (convdemo.geometry)

# Bytes of output per block of the shifted-view accumulation (one input channel).
BLOCK_BYTES = 1 << 17


def applies(geometry: _Geometry) -> bool:
    """One input and one output channel: accumulate shifted views, no columns."""
    return geometry.in_shape[1] == 1 and geometry.out_shape[1] == 1


def forward(x4: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    """``out = sum_ij w[i, j] * (x seen by tap (i, j))``, in cache-sized row blocks."""
    xp = _views.pad(x4, geometry)
    n, _, ho, wo = geometry.out_shape
    kh, kw = geometry.kernel
    out = np.empty(geometry.out_shape, dtype=xp.dtype)
    blocks = list(_views.blocks(n, ho, wo * xp.itemsize, BLOCK_BYTES))
    rows_max = max((n1 - n0) * (y1 - y0) for n0, n1, y0, y1 in blocks)
    scratch = np.empty(rows_max * wo, dtype=xp.dtype)
    views = _views.tap_views(xp, geometry, wo)
    for block in blocks:
        n0, n1, y0, y1 = block
        acc = out[n0:n1, :, y0:y1]
        tmp = scratch[: acc.size].reshape(acc.shape)
        for i in range(kh):
            for j in range(kw):
                view = views[i][j][n0:n1, :, y0:y1]
                if i == j == 0:
                    np.multiply(view, w4[0, 0, 0, 0], out=acc)
                else:
                    np.multiply(view, w4[0, 0, i, j], out=tmp)
                    acc += tmp
    return out


def backward(x4, w4, g4, geometry):
    """Gradients for one input and one output channel, by shifted views."""
    xp = _views.pad(x4, geometry)
    n, _, ho, wo = geometry.out_shape
    kh, kw = geometry.kernel
    grad_xp = np.zeros(xp.shape, dtype=xp.dtype)
    grad_w = np.empty(w4.shape, dtype=xp.dtype)
    blocks = list(_views.blocks(n, ho, wo * xp.itemsize, BLOCK_BYTES))
    rows_max = max((n1 - n0) * (y1 - y0) for n0, n1, y0, y1 in blocks)
    scratch = np.empty(rows_max * wo, dtype=xp.dtype)
    partial = np.zeros((len(blocks), kh, kw), dtype=xp.dtype)
    views = _views.tap_views(xp, geometry, wo)
    grad_views = _views.tap_views(grad_xp, geometry, wo)
    for b, block in enumerate(blocks):
        n0, n1, y0, y1 = block
        g = g4[n0:n1, :, y0:y1]
        tmp = scratch[: g.size].reshape(g.shape)
        for i in range(kh):
            for j in range(kw):
                np.multiply(views[i][j][n0:n1, :, y0:y1], g, out=tmp)
                partial[b, i, j] = tmp.sum()
                np.multiply(g, w4[0, 0, i, j], out=tmp)
                grad_views[i][j][n0:n1, :, y0:y1] += tmp
    grad_w[0, 0] = partial.sum(axis=0)
    return _views.crop_padding(grad_xp, geometry), grad_w
