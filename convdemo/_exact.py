"""When the direct method's sums are exact: small integers, halves, quarters, ...

A convolution's output numbers (and its gradients) are sums of products of the
operands' values. When each operand's values are integers times one power of two
(``x = X / 2**a``, ``w = W / 2**b`` with integer ``X`` and ``W``: integers, halves,
quarters, ...) and the largest possible ``|sum of X * W|`` is below ``2**p``
(``p`` = 24 for float32, 53 for float64), every product and every partial sum,
in *any* order and with or without fused multiply-adds, is an integer times
``2**-(a + b)`` that the dtype holds exactly: the direct method (im2col with
BLAS, or shifted views) then returns the exact sums, as the plain loops of
:mod:`convdemo.reference` do. The FFT method rounds (``7.999999999999994`` for an
exact ``8``), so ``method="auto"`` keeps the direct method for such data: a
teaching example prints the numbers a reader can check by hand.
"""

from __future__ import annotations

import numpy as np

__all__ = ["sums_are_exact"]

# The finest power of two looked for: values that are multiples of 2**-16.
MAX_FRACTION_BITS = 16


def _integer_valued(a: np.ndarray) -> bool:
    return bool(np.array_equal(a, np.trunc(a)))


def _fraction_bits(a: np.ndarray) -> int | None:
    """The smallest ``k`` <= :data:`MAX_FRACTION_BITS` with ``a * 2**k`` integer-valued
    (None if there is none: NaN, infinity, or finer fractions). Multiplying by a
    power of two is exact, and the property holds for every larger ``k``, so a
    bisection over ``k`` finds it; most float data fail the first test."""
    if not _integer_valued(a * a.dtype.type(2.0**MAX_FRACTION_BITS)):
        return None
    if _integer_valued(a):
        return 0
    lo, hi = 0, MAX_FRACTION_BITS  # a * 2**hi is integer-valued, a * 2**lo is not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _integer_valued(a * a.dtype.type(2.0**mid)):
            hi = mid
        else:
            lo = mid
    return hi


def _largest(a: np.ndarray) -> float:
    return float(np.abs(a).max()) if a.size else 0.0


def sums_are_exact(x4: np.ndarray, w4: np.ndarray, g4: np.ndarray | None = None) -> bool:
    """Whether every sum that the direct method forms is exact.

    ``x4`` (N, C_in, H, W) and ``w4`` (C_out, C_in, kh, kw) for the forward pass;
    with ``g4`` (N, C_out, H_out, W_out), also the sums of the backward pass:
    ``grad_x`` sums ``w * g`` and ``grad_w`` sums ``x * g``. The bounds are
    conservative (every tap of every window counted, padding or not); NaN and
    infinity are not exact. The weights (small) are looked at first: for float
    weights the answer is known without reading ``x``.
    """
    operands = [w4, x4] if g4 is None else [w4, g4, x4]
    bits = {}
    for a in operands:
        k = _fraction_bits(a)
        if k is None:
            return False
        bits[id(a)] = k
    # 2**24 for float32, 2**53 for float64. A rounded product below it means the
    # exact product is below it too (2**p itself is representable).
    limit = 2.0 ** (np.finfo(x4.dtype).nmant + 1)

    def scale(a: np.ndarray) -> float:
        return 2.0 ** bits[id(a)]

    with np.errstate(invalid="ignore", over="ignore"):
        # the largest |sum over c, i, j of w[o, c, i, j] * x[...]|, in units of the
        # products' power of two
        per_output = np.abs(w4).sum(axis=(1, 2, 3)).max() * scale(w4)
        if not per_output * _largest(x4) * scale(x4) < limit:
            return False
        if g4 is not None:
            # grad_x[n, c, ...]: sums of w[o, c, i, j] * g[n, o, ...]
            per_input = np.abs(w4).sum(axis=(0, 2, 3)).max() * scale(w4)
            if not per_input * _largest(g4) * scale(g4) < limit:
                return False
            # grad_w[o, c, i, j]: sums of g[n, o, y, z] * x[n, c, ...]
            per_kernel = np.abs(g4).sum(axis=(0, 2, 3)).max() * scale(g4)
            if not per_kernel * _largest(x4) * scale(x4) < limit:
                return False
    return True
