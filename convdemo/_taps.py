"""Which kernel taps of a convolution ever read the input: huge padding and dilation made cheap.

With ``padding=10**6, dilation=10**6`` a 3x3 kernel on a 6x7 image has a small output
(6x7), but its padded input has 4 * 10**12 pixels, nearly all of them zeros that only
the outer taps read. A *plan* keeps, per axis, the taps whose reads can reach the image
and the part of the image they read; the convolution of the cropped image with the kept
taps (and just the padding those taps read) has the same output, bit for bit where the
data are finite. :func:`embed` puts the gradients of such a reduced call back in place.

Taps that read only padding add ``weight * 0`` to every output pixel: zero, or NaN if the
weight is not finite (IEEE). The plan keeps that too: :func:`nan_channels` names the output
channels whose dropped taps make every pixel NaN, and :func:`embed` gives the dropped taps
the gradient ``sum(grad_output) * 0``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["REDUCE_ABOVE", "AxisPlan", "Plan", "axis_plan", "embed", "nan_channels"]

# A call is reduced when its padded input has more than this many numbers and the reduced
# one has less than a quarter of them: ordinary calls are never touched.
REDUCE_ABOVE = 1 << 20


@dataclass(frozen=True)
class AxisPlan:
    """One axis of a reduced call: taps ``taps[0]:taps[1]`` read ``x[crop[0]:crop[1]]``."""

    taps: tuple[int, int]
    crop: tuple[int, int]
    pads: tuple[int, int]  # padding of the reduced call
    stride: int
    dilation: int


@dataclass(frozen=True)
class Plan:
    """Both axes; ``rows``/``cols`` is None when no tap reads any pixel of the image."""

    rows: AxisPlan | None
    cols: AxisPlan | None

    @property
    def empty(self) -> bool:
        return self.rows is None or self.cols is None


def axis_plan(size: int, kernel: int, stride: int, dilation: int, pads: tuple[int, int]):
    """The reduced geometry of one axis, or None if no tap ever reads the image.

    Tap ``i`` at output ``y`` reads padded position ``stride * y + dilation * i``; the
    image is at ``[lo, lo + size)``. Output length ``o`` is unchanged by the reduction.
    """
    lo, hi = pads
    out = (size + lo + hi - dilation * (kernel - 1) - 1) // stride + 1
    # taps whose reads [d i, d i + s (o - 1)] overlap the image (a superset of those that hit)
    first = max(0, -((stride * (out - 1) - lo) // dilation))
    last = min(kernel - 1, (lo + size - 1) // dilation)
    if first > last:
        return None
    start = dilation * first - lo  # image coordinate of the reduced padded input's element 0
    length = stride * (out - 1) + dilation * (last - first) + 1
    c0, c1 = max(0, start), min(size, start + length)
    if c1 <= c0:
        return None
    return AxisPlan(
        taps=(first, last + 1),
        crop=(c0, c1),
        pads=(c0 - start, start + length - c1),
        stride=stride if out > 1 else 1,
        dilation=dilation if last > first else 1,
    )


def _dropped(kernel: tuple[int, int], plan: Plan) -> np.ndarray:
    """Mask of the taps a plan drops, shape ``(kh, kw)``."""
    kh, kw = kernel
    keep = np.zeros((kh, kw), dtype=bool)
    if not plan.empty:
        keep[slice(*plan.rows.taps), slice(*plan.cols.taps)] = True
    return ~keep


def nan_channels(weight: np.ndarray, plan: Plan) -> np.ndarray:
    """Output channels (bool, ``(C_out,)``) with a non-finite weight among the dropped taps."""
    dropped = _dropped(weight.shape[-2:], plan)
    return (~np.isfinite(weight) & dropped).any(axis=(1, 2, 3))


def embed(
    grad_x: np.ndarray,
    grad_w: np.ndarray,
    grad_output: np.ndarray,
    x_shape: tuple[int, int, int, int],
    w_shape: tuple[int, ...],
    plan: Plan,
) -> tuple[np.ndarray, np.ndarray]:
    """The full-size gradients, ``x_shape`` (4-D) and ``(C_out, C_in, kh, kw)``, of a
    reduced call's; ``w_shape`` is the caller's weight shape (2-D or 4-D)."""
    full_x = np.zeros(x_shape, dtype=grad_x.dtype)
    full_w = np.zeros((1,) * (4 - len(w_shape)) + tuple(w_shape), dtype=grad_w.dtype)
    if not plan.empty:
        rows, cols = plan.rows, plan.cols
        full_x[:, :, slice(*rows.crop), slice(*cols.crop)] = grad_x
        full_w[:, :, slice(*rows.taps), slice(*cols.taps)] = grad_w
    # a dropped tap reads zeros only: its gradient is sum(grad_output) * 0 (NaN if not finite)
    finite = np.isfinite(grad_output).all(axis=(0, 2, 3))
    dropped = _dropped(full_w.shape[-2:], plan)
    mask = ~finite[:, None, None, None] & dropped[None, None]
    full_w[np.broadcast_to(mask, full_w.shape)] = np.nan
    return full_x, full_w
