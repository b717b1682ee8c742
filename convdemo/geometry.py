"""The shapes of a convolution: output sizes, padding, and the validated geometry of one call.

A leaf module: it imports numpy and the argument checks only, never the engine. Everything
that computes a convolution (``convdemo.conv``, the engine modules behind it,
``convdemo.layers``, :mod:`convdemo.reference`) asks it what the shapes are.

The rule behind every size here is one formula (Dumoulin & Visin, 2016): along each axis a
kernel of ``k`` taps spaced ``d`` apart spans ``d (k - 1) + 1`` pixels, and moved ``s``
pixels at a time over ``n`` pixels padded with ``p`` zeros on each side it fits
``floor((n + 2p - d (k - 1) - 1) / s) + 1`` times.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ._checks import as_int, as_int_pair, check_elements, check_ndim

__all__ = [
    "Geometry",
    "Padding",
    "conv_geometry",
    "conv_output_size",
    "parse_padding",
    "pooled_shape",
]

Padding = int | tuple[int, int] | Literal["valid", "same"]
"""What ``padding`` may be: zeros on each side (one int, or (rows, columns)), or a name."""

Pads = tuple[tuple[int, int], tuple[int, int]]
"""Zeros added around the input: ((top, bottom), (left, right))."""


def conv_output_size(
    size: int, kernel: int, *, stride: int = 1, padding: int = 0, dilation: int = 1
) -> int:
    """Length of a convolution's output along one axis.

    ``floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1``, the
    formula of Dumoulin & Visin (2016).

    Parameters
    ----------
    size : int
        Input length (rows or columns).
    kernel : int
        Kernel length along the same axis.
    stride, padding, dilation : int
        As in :func:`~convdemo.conv2d` (``padding`` on each side).

    Returns
    -------
    int
        The output length; zero or less means the kernel does not fit.

    Raises
    ------
    TypeError
        If an argument is not an integer (booleans and floats included).
    ValueError
        If ``size``, ``kernel``, ``stride`` or ``dilation`` is below 1, or ``padding``
        below 0.

    Examples
    --------
    >>> conv_output_size(7, 3)
    5
    >>> conv_output_size(7, 3, stride=2, padding=1)
    4
    >>> conv_output_size(7, 3, dilation=3)
    1
    """
    size = as_int(size, "size", minimum=1)
    kernel = as_int(kernel, "kernel", minimum=1)
    stride = as_int(stride, "stride", minimum=1)
    padding = as_int(padding, "padding", minimum=0)
    dilation = as_int(dilation, "dilation", minimum=1)
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def parse_padding(
    padding: object, kernel: tuple[int, int], dilation: tuple[int, int], stride: tuple[int, int]
) -> Pads:
    """The zeros on each side that ``padding`` asks for, as ((top, bottom), (left, right)).

    Parameters
    ----------
    padding : int, (int, int), "valid" or "same"
        As in :func:`~convdemo.conv2d`.
    kernel, dilation, stride : (int, int)
        The kernel's (rows, columns), and the checked dilation and stride.

    Returns
    -------
    ((int, int), (int, int))
        Zeros above, below, left and right of the input.

    Raises
    ------
    TypeError
        If ``padding`` is neither a string nor an int or a pair of ints.
    ValueError
        If ``padding`` is negative, an unknown string, or ``"same"`` with a stride.

    Examples
    --------
    ``"same"`` splits an odd total with the extra zero at the bottom and right:

    >>> parse_padding("same", (4, 3), (1, 1), (1, 1))
    ((1, 2), (1, 1))
    >>> parse_padding((2, 0), (3, 3), (1, 1), (1, 1))
    ((2, 2), (0, 0))
    """
    if isinstance(padding, str):
        if padding == "valid":
            return (0, 0), (0, 0)
        if padding == "same":
            if stride != (1, 1):
                raise ValueError(
                    f"padding='same' needs stride 1 (as in PyTorch), got stride={stride}"
                )
            pads = []
            for k, d in zip(kernel, dilation, strict=True):
                total = d * (k - 1)
                pads.append((total // 2, total - total // 2))
            return pads[0], pads[1]
        raise ValueError(
            f"padding must be an int, a pair of ints, 'valid' or 'same', got {padding!r}"
        )
    rows, cols = as_int_pair(padding, "padding", minimum=0)
    return (rows, rows), (cols, cols)


@dataclass(frozen=True)
class Geometry:
    """Everything about one convolution call except the numbers.

    Made by :func:`conv_geometry`; read by the engine that computes the call.

    Attributes
    ----------
    rank : int
        Rank of the caller's ``x``: 2, 3 or 4 (the output has the same).
    dtype : numpy.dtype
        The floating type the call computes in.
    stride, dilation : (int, int)
        Along (rows, columns).
    pads : ((int, int), (int, int))
        Zeros ((top, bottom), (left, right)).
    kernel : (int, int)
        Taps of the kernel, (rows, columns).
    in_shape, out_shape : (int, int, int, int)
        ``x`` and the output as 4-D arrays: (N, C_in, H, W) and (N, C_out, H_out, W_out).

    Examples
    --------
    >>> g = conv_geometry((5, 5), (3, 3), padding=1)
    >>> g.padded, g.out_shape
    ((7, 7), (1, 1, 5, 5))
    """

    rank: int
    dtype: np.dtype
    stride: tuple[int, int]
    dilation: tuple[int, int]
    pads: Pads
    kernel: tuple[int, int]
    in_shape: tuple[int, int, int, int]
    out_shape: tuple[int, int, int, int]

    @property
    def padded(self) -> tuple[int, int]:
        """(rows, columns) of the zero-padded input."""
        (top, bottom), (left, right) = self.pads
        return self.in_shape[2] + top + bottom, self.in_shape[3] + left + right

    @property
    def effective_kernel(self) -> tuple[int, int]:
        """(rows, columns) the dilated kernel spans: ``d (k - 1) + 1`` along each axis."""
        return tuple(d * (k - 1) + 1 for d, k in zip(self.dilation, self.kernel, strict=True))

    def restore_rank(self, out: np.ndarray) -> np.ndarray:
        """A 4-D result without the leading axes the caller's ``x`` lacked."""
        if self.rank == 4:
            return out
        if self.rank == 3:
            return out[0]
        return out[0, 0]


def conv_geometry(
    x_shape: tuple[int, ...],
    weight_shape: tuple[int, ...],
    *,
    stride: object = 1,
    padding: object = 0,
    dilation: object = 1,
    dtype: np.typing.DTypeLike = np.float64,
) -> Geometry:
    """The validated geometry of one :func:`~convdemo.conv2d` call, from its shapes.

    Checks, before anything is allocated, that the shapes fit together and that the
    output is not larger than convdemo allocates for any array.

    Parameters
    ----------
    x_shape, weight_shape : tuple of int
        Shapes of ``x`` and ``weight`` (the shape rules of :func:`~convdemo.conv2d`).
    stride, padding, dilation
        As in :func:`~convdemo.conv2d`.
    dtype : numpy.dtype, default float64
        The floating type the call computes in.

    Returns
    -------
    Geometry

    Raises
    ------
    TypeError
        If ``stride``, ``padding`` or ``dilation`` is not an integer or a pair of them.
    ValueError
        Wrong ranks, mismatched channels, empty dimensions, a kernel larger than the
        padded input, a bad ``stride``, ``padding`` or ``dilation``, or an output too
        large to allocate.

    Examples
    --------
    >>> g = conv_geometry((2, 3, 28, 28), (8, 3, 5, 5), stride=2)
    >>> g.out_shape, g.pads
    ((2, 8, 12, 12), ((0, 0), (0, 0)))
    >>> conv_geometry((3, 28, 28), (8, 2, 5, 5))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: weight expects 2 input channels (shape (8, 2, 5, 5)) but x has 3 ...
    """
    x_shape, weight_shape = tuple(x_shape), tuple(weight_shape)
    check_ndim(x_shape, "x", (2, 3, 4))
    check_ndim(weight_shape, "weight", (2, 4))
    if len(x_shape) == 2 and len(weight_shape) != 2:
        raise ValueError(
            "for a single-channel x of shape (H, W), weight must be a 2-D kernel (kh, kw), "
            f"got shape {weight_shape}"
        )
    if len(x_shape) > 2 and len(weight_shape) != 4:
        raise ValueError(
            f"for x of shape {x_shape}, weight must have shape (C_out, C_in, kh, kw), "
            f"got shape {weight_shape}"
        )
    rank = len(x_shape)
    n, c_in, h, w = (1,) * (4 - rank) + x_shape
    c_out, w_c_in, kh, kw = (1,) * (4 - len(weight_shape)) + weight_shape
    if w_c_in != c_in:
        raise ValueError(
            f"weight expects {w_c_in} input channels (shape {weight_shape}) but x has {c_in} "
            f"(shape {x_shape}); weight must have shape (C_out, {c_in}, kh, kw)"
        )
    if min(h, w, kh, kw, c_in, c_out) == 0:
        raise ValueError(
            f"x and weight must have non-empty channel and spatial dimensions, got x shape "
            f"{x_shape} and weight shape {weight_shape}"
        )
    stride_ = as_int_pair(stride, "stride", minimum=1)
    dilation_ = as_int_pair(dilation, "dilation", minimum=1)
    pads = parse_padding(padding, (kh, kw), dilation_, stride_)
    out_hw = []
    for axis, (size, k, s, d, (lo, hi)) in enumerate(
        zip((h, w), (kh, kw), stride_, dilation_, pads, strict=True)
    ):
        eff = d * (k - 1) + 1
        if eff > size + lo + hi:
            which = "height" if axis == 0 else "width"
            raise ValueError(
                f"weight's kernel {which} {k} (effective {eff} with dilation {d}) is larger "
                f"than the padded input {which} {size + lo + hi}; x has shape {x_shape}, "
                f"weight {weight_shape}, padding {padding!r}"
            )
        out_hw.append((size + lo + hi - eff) // s + 1)
    out_shape = (n, c_out, out_hw[0], out_hw[1])
    check_elements(
        out_shape[4 - rank :], ("x", "weight", "stride", "padding", "dilation"), "an output"
    )
    return Geometry(
        rank=rank,
        dtype=np.dtype(dtype),
        stride=stride_,
        dilation=dilation_,
        pads=pads,
        kernel=(kh, kw),
        in_shape=(n, c_in, h, w),
        out_shape=out_shape,
    )


def pooled_shape(shape: tuple[int, ...], size: object, stride: object = None) -> tuple[int, ...]:
    """Shape of a pooling of an input of ``shape``: windows of ``size`` that fit, no padding.

    Parameters
    ----------
    shape : tuple of int
        The input's shape, 2-, 3- or 4-D; pooled over its last two axes.
    size : int or (int, int)
        Window size.
    stride : int or (int, int), optional
        Step between windows; defaults to ``size`` (windows that do not overlap).

    Returns
    -------
    tuple of int
        ``shape`` with its last two axes replaced by the number of windows along each.

    Raises
    ------
    TypeError
        If ``size`` or ``stride`` is not an int or a pair of ints.
    ValueError
        If ``shape`` is not 2-, 3- or 4-D, ``size`` or ``stride`` is below 1, or the
        window is larger than the input.

    Examples
    --------
    >>> pooled_shape((8, 28, 28), 2)
    (8, 14, 14)
    >>> pooled_shape((5, 5), 3, stride=1)
    (3, 3)
    """
    check_ndim(shape, "x", (2, 3, 4))
    size_ = as_int_pair(size, "size", minimum=1)
    stride_ = size_ if stride is None else as_int_pair(stride, "stride", minimum=1)
    h, w = shape[-2:]
    if size_[0] > h or size_[1] > w:
        raise ValueError(
            f"pooling size {size_} is larger than the input's (H, W) = {(h, w)} "
            f"(x has shape {tuple(shape)})"
        )
    out_hw = tuple(
        conv_output_size(n, k, stride=s) for n, k, s in zip((h, w), size_, stride_, strict=True)
    )
    return tuple(shape[:-2]) + out_hw
