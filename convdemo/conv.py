"""The deep-learning convolution (cross-correlation) and its exact gradients.

``conv2d`` follows the semantics of ``torch.nn.functional.conv2d`` (one group):
the kernel is *not* flipped, the output of channel ``o`` at ``(y, x)`` is

.. math::

    \\text{out}[n, o, y, x] = b[o] + \\sum_{c, i, j}
        w[o, c, i, j]\\; x_{\\text{pad}}[n, c, s y + d i, s x + d j]

with stride ``s`` and dilation ``d``. Two methods compute it:

``"direct"``
    Small kernels. One input and one output channel: a sum of ``kh * kw``
    shifted, scaled views of the image, in cache-sized row blocks. Otherwise the
    im2col columns of a cache-sized block of output pixels are gathered by one
    strided copy and multiplied by the kernels in one matrix product (BLAS); with
    stride 1 each channel's columns are contiguous runs of the flattened padded
    image ("wide" columns, a few of which wrap into the next row and are
    dropped). The backward pass scatters ``W.T @ grad`` back the same way.
``"fft"``
    Large kernels: products of real FFTs of 5-smooth lengths, summed over
    channels (a matrix product per frequency when there are many channel pairs).

``method="auto"`` (the default) picks by a cost model in nanoseconds
(``convdemo/_cost.py``, fitted on the benchmark machine; see ``benchmarks/README.md``), as
``scipy.signal.correlate`` picks by an operation count. Both methods agree to
rounding error; float32 data is computed in float32 throughout.

Exact sums for teaching: when ``x`` and ``weight`` (and ``grad_output``) hold
integers (or halves, quarters, ...: integers times a power of two) small enough
that every sum of products is one the dtype holds (below ``2**53`` in float64,
``2**24`` in float32), the direct method's results are exact, and ``"auto"``
always picks it (``convdemo/_exact.py``).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Literal, NamedTuple

import numpy as np

# The engine: private modules, one job each (see their docstrings).
from . import _cost, _direct, _exact, _fft, _taps
from ._checks import as_data_array, check_elements, describe, float_dtype_for
from ._docstrings import with_shared_text
from .geometry import Geometry, Padding, conv_geometry

__all__ = ["ConvOperands", "Method", "conv2d", "conv2d_backward", "conv_operands"]

Method = Literal["auto", "direct", "fft"]


# Arithmetic on non-finite data follows IEEE rules without numpy's warnings.
def _ieee() -> np.errstate:
    return np.errstate(invalid="ignore", over="ignore", divide="ignore", under="ignore")


class ConvOperands(NamedTuple):
    """The checked operands of one convolution, as :func:`conv_operands` returns them."""

    x: np.ndarray
    """The input as a 4-D array (N, C_in, H, W) of the call's dtype."""
    weight: np.ndarray
    """The kernels as a 4-D array (C_out, C_in, kh, kw) of the call's dtype."""
    bias: np.ndarray | None
    """Shape (C_out,), or None."""
    geometry: Geometry
    """Shapes, stride, padding and dilation of the call (see :mod:`convdemo.geometry`)."""
    reduction: _taps.Plan | None
    """For huge padding or dilation: which taps and which part of ``x`` are read (else None)."""


def conv_operands(
    x: object,
    weight: object,
    bias: object = None,
    *,
    stride: object = 1,
    padding: object = 0,
    dilation: object = 1,
    bias_name: str = "bias",
) -> ConvOperands:
    """Check the arguments of one :func:`conv2d` call; return 4-D arrays and the geometry.

    Four steps: the arrays, their geometry (:func:`convdemo.geometry.conv_geometry`), the
    bias, then a call whose padded input would be mostly zeros that no tap reads (huge
    padding or dilation) is reduced to the taps and the part of ``x`` that matter
    (:mod:`convdemo._taps`): the output is the same. Every size is checked before
    anything is allocated.

    Parameters
    ----------
    x, weight, bias, stride, padding, dilation
        As in :func:`conv2d`.
    bias_name : str, default "bias"
        The bias's name in error messages.

    Returns
    -------
    ConvOperands
        ``(x, weight, bias, geometry, reduction)``; the arrays in the call's dtype.

    Raises
    ------
    TypeError, ValueError
        As :func:`conv2d`.

    Examples
    --------
    >>> import numpy as np
    >>> x4, w4, b, geometry, reduction = conv_operands(np.ones((5, 5)), np.ones((3, 3)))
    >>> x4.shape, w4.shape, b, geometry.out_shape, reduction
    ((1, 1, 5, 5), (1, 1, 3, 3), None, (1, 1, 3, 3), None)
    """
    x = as_data_array(x, "x", (2, 3, 4))
    weight = as_data_array(weight, "weight", (2, 4))
    geometry = conv_geometry(
        x.shape,
        weight.shape,
        stride=stride,
        padding=padding,
        dilation=dilation,
        dtype=float_dtype_for(x, weight),  # float32 stays float32
    )
    b = _checked_bias(bias, geometry, bias_name)
    x4 = x.reshape(geometry.in_shape)
    w4 = weight.reshape((1,) * (4 - weight.ndim) + weight.shape)
    reduction = _reduction(geometry)
    if reduction is not None:
        x4, w4, b, geometry = _read_taps_only(x4, w4, b, geometry, reduction)
    x4, w4, b = _cast(geometry.dtype, x4, w4, b)
    return ConvOperands(x4, w4, b, geometry, reduction)


def _checked_bias(bias: object, geometry: Geometry, name: str) -> np.ndarray | None:
    """One number per output channel, shape (C_out,); a scalar or (1,) for a 2-D ``x``."""
    if bias is None:
        return None
    b = as_data_array(bias, name, (0, 1))
    c_out = geometry.out_shape[1]
    if geometry.rank > 2 and b.shape != (c_out,):
        raise ValueError(f"{name} must have shape ({c_out},) (C_out), got {b.shape}")
    if geometry.rank == 2 and b.shape not in ((), (1,)):
        raise ValueError(f"{name} must be a scalar or shape (1,), got {b.shape}")
    return b.reshape(c_out)


def _reduction(geometry: Geometry) -> _taps.Plan | None:
    """The taps and the part of ``x`` ever read, when that is far less than the padded input.

    Huge padding or dilation makes a padded input of mostly zeros that no tap reads. Checks
    the size of the padded input that will be allocated (the reduced one, if reduced).
    """
    n, c_in, h, w = geometry.in_shape
    padded = (n, c_in, *geometry.padded)
    reduction = None
    if math.prod(padded) > _taps.REDUCE_ABOVE:
        axes = [
            _taps.axis_plan(size, k, s, d, p)
            for size, k, s, d, p in zip(
                (h, w),
                geometry.kernel,
                geometry.stride,
                geometry.dilation,
                geometry.pads,
                strict=True,
            )
        ]
        reduction = _taps.Plan(*axes)
        if reduction.empty:  # no tap reads x: a 1x1 zero kernel on one zero pixel, padded
            reduced = (n, c_in, *geometry.out_shape[2:])
        else:
            reduced = (n, c_in, *(axis.crop[1] - axis.crop[0] + sum(axis.pads) for axis in axes))
        if 4 * math.prod(reduced) >= math.prod(padded):
            reduction = None
        else:
            padded = reduced
    check_elements(padded, ("x", "padding", "dilation", "stride"), "a padded input")
    return reduction


def _read_taps_only(
    x4: np.ndarray,
    w4: np.ndarray,
    b: np.ndarray | None,
    geometry: Geometry,
    reduction: _taps.Plan,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, Geometry]:
    """The same convolution on the taps and the part of ``x`` that ``reduction`` keeps."""
    n, c_in = geometry.in_shape[:2]
    c_out = w4.shape[0]
    nan_channels = _taps.nan_channels(w4, reduction)
    if nan_channels.any():  # dropped taps with non-finite weights add NaN everywhere
        b = np.zeros(c_out) if b is None else np.asarray(b, dtype=geometry.dtype)
        b = np.where(nan_channels, np.nan, b)
    if reduction.empty:
        ho, wo = geometry.out_shape[2:]
        x4 = np.zeros((n, c_in, 1, 1), dtype=geometry.dtype)
        w4 = np.zeros((c_out, c_in, 1, 1), dtype=geometry.dtype)
        geometry = dataclasses.replace(
            geometry, kernel=(1, 1), stride=(1, 1), dilation=(1, 1), pads=((0, ho - 1), (0, wo - 1))
        )
    else:
        rows, cols = reduction.rows, reduction.cols
        x4 = x4[:, :, slice(*rows.crop), slice(*cols.crop)]
        w4 = w4[:, :, slice(*rows.taps), slice(*cols.taps)]
        geometry = dataclasses.replace(
            geometry,
            kernel=(rows.taps[1] - rows.taps[0], cols.taps[1] - cols.taps[0]),
            stride=(rows.stride, cols.stride),
            dilation=(rows.dilation, cols.dilation),
            pads=(rows.pads, cols.pads),
        )
    return x4, w4, b, dataclasses.replace(geometry, in_shape=tuple(x4.shape))


def _cast(dtype: np.dtype, *arrays: np.ndarray | None) -> list[np.ndarray | None]:
    """``arrays`` in the call's dtype (a float64 value beyond float32's range becomes inf)."""
    with np.errstate(over="ignore"):
        return [None if a is None else np.asarray(a, dtype=dtype) for a in arrays]


# --------------------------------------------------------------------------- fft


def _choose_method(method: object, geometry: Geometry, *operands: np.ndarray) -> str:
    """``method``, or for ``"auto"``: the direct method when its sums of the
    ``operands`` (``x4, w4`` and for the backward pass ``g4``) are exact, else the
    one the cost model expects to be faster."""
    if not isinstance(method, str):
        raise TypeError(f"method must be 'auto', 'direct' or 'fft', got {describe(method)}")
    if method not in ("auto", "direct", "fft"):
        raise ValueError(f"method must be 'auto', 'direct' or 'fft', got {method!r}")
    if method != "auto":
        return method
    if _cost.fft_cost(geometry) >= _cost.direct_cost(geometry):
        return "direct"
    # The FFT would be faster, but it rounds: teaching data of small integers (or
    # halves, ...) keep the direct method's exact sums (8, not 7.999999999999994).
    return "direct" if operands and _exact.sums_are_exact(*operands) else "fft"


# --------------------------------------------------------------------------- public


@with_shared_text
def conv2d(
    x: np.typing.ArrayLike,
    weight: np.typing.ArrayLike,
    bias: np.typing.ArrayLike | None = None,
    *,
    stride: int | tuple[int, int] = 1,
    padding: Padding = 0,
    dilation: int | tuple[int, int] = 1,
    method: Method = "auto",
) -> np.ndarray:
    """2-D convolution as deep-learning libraries define it (cross-correlation).

    Same semantics as ``torch.nn.functional.conv2d`` with one group: the kernel
    slides over the zero-padded input without being flipped, and each output
    channel sums the responses of *all* input channels.

    Parameters
    ----------
    {{conv_x}}
    {{conv_weight}}
    {{conv_bias}}
    {{conv_stride_padding_dilation}}
    method : {"auto", "direct", "fft"}, default "auto"
        How to compute it (see the module notes); the results agree to rounding.

    Returns
    -------
    numpy.ndarray
        Shape ``(N, C_out, H_out, W_out)``, or without the leading axes that ``x``
        lacked; ``H_out = floor((H + 2p - d (kh - 1) - 1) / s) + 1``. The dtype is
        the floating type of ``x`` and ``weight`` (float32 stays float32, also with
        ``method="fft"``); integer or boolean data is computed in float64.

    Raises
    ------
    TypeError
        Non-numeric data (strings, objects, complex numbers), a stride, padding
        or dilation that is not an integer (floats, NaN and booleans included),
        or a method that is not a string.
    ValueError
        Wrong ranks, mismatched channels, a wrong-sized bias, a kernel larger than
        the padded input, non-positive stride or dilation, negative padding,
        an unknown padding string or method, or ``"same"`` with a stride.

    See Also
    --------
    conv2d_backward : The gradients of this function.
    compose_kernels : One kernel equal to two stacked convolutions.

    Notes
    -----
    NaN and infinity in the data propagate as IEEE arithmetic says (an infinity
    times a zero weight is NaN); they are not errors. With ``method="fft"`` a
    non-finite value spreads to every output pixel.

    Examples
    --------
    A 3x3 input and a 2x2 kernel: each output number is a sum of four products.

    >>> import numpy as np
    >>> x = np.array([[1., 2., 3.],
    ...               [4., 5., 6.],
    ...               [7., 8., 9.]])
    >>> k = np.array([[1., 0.],
    ...               [0., -1.]])
    >>> conv2d(x, k)
    array([[-4., -4.],
           [-4., -4.]])

    Two input channels are summed into one output channel:

    >>> x2 = np.stack([x, 10 * x])               # (C_in=2, 3, 3)
    >>> w2 = np.stack([k, k])[None]              # (C_out=1, C_in=2, 2, 2)
    >>> conv2d(x2, w2)
    array([[[-44., -44.],
            [-44., -44.]]])
    >>> conv2d(x, k, padding="same").shape
    (3, 3)
    """
    x4, w4, b, geometry, _ = conv_operands(
        x, weight, bias, stride=stride, padding=padding, dilation=dilation
    )
    chosen = _choose_method(method, geometry, x4, w4)
    if geometry.in_shape[0] == 0:
        out = np.zeros(geometry.out_shape, dtype=geometry.dtype)
    else:
        with _ieee():  # NaN and infinity propagate silently (see Notes)
            out = (
                _direct.forward(x4, w4, geometry)
                if chosen == "direct"
                else _fft.forward(x4, w4, geometry)
            )
        out = np.ascontiguousarray(out, dtype=geometry.dtype)
    if b is not None:
        with _ieee():
            out += b[:, None, None]
    return geometry.restore_rank(out)


@with_shared_text
def conv2d_backward(
    x: np.typing.ArrayLike,
    weight: np.typing.ArrayLike,
    grad_output: np.typing.ArrayLike,
    *,
    stride: int | tuple[int, int] = 1,
    padding: Padding = 0,
    dilation: int | tuple[int, int] = 1,
    method: Method = "auto",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of a :func:`conv2d` call with respect to its input, weight and bias.

    For ``L = (conv2d(x, weight, bias, ...) * grad_output).sum()`` this returns
    ``(dL/dx, dL/dweight, dL/dbias)`` exactly (the bias does not change them).

    Parameters
    ----------
    {{conv_x}}
    {{conv_weight}}
    grad_output : array_like
        The gradient arriving at the forward output; must have the forward
        output's shape.
    stride, padding, dilation, method
        As in :func:`conv2d`.

    Returns
    -------
    grad_x : numpy.ndarray
        Same shape as ``x``.
    grad_weight : numpy.ndarray
        Same shape as ``weight``.
    grad_bias : numpy.ndarray
        Shape ``(C_out,)``; shape ``(1,)`` for a 2-D ``x``.

    All three have the forward output's dtype (``grad_output`` is cast to it).

    Raises
    ------
    TypeError, ValueError
        As :func:`conv2d`, and when ``grad_output`` does not have the forward
        output's shape.

    See Also
    --------
    conv2d : The forward pass.

    Examples
    --------
    The gradient with respect to the kernel is the input seen through each tap:

    >>> import numpy as np
    >>> x = np.arange(9.0).reshape(3, 3)
    >>> k = np.ones((2, 2))
    >>> gx, gk, gb = conv2d_backward(x, k, np.ones((2, 2)))
    >>> gk
    array([[ 8., 12.],
           [20., 24.]])
    >>> gx
    array([[1., 2., 1.],
           [2., 4., 2.],
           [1., 2., 1.]])
    >>> gb
    array([4.])
    """
    x4, w4, _, geometry, reduction = conv_operands(
        x, weight, stride=stride, padding=padding, dilation=dilation
    )
    g = as_data_array(grad_output, "grad_output")
    expected = geometry.restore_rank(np.empty(geometry.out_shape, dtype=np.int8)).shape
    if g.shape != expected:
        raise ValueError(
            f"grad_output must have the forward output's shape {expected}, got {g.shape}"
        )
    dtype = geometry.dtype  # the forward pass's: grad_output is cast to it
    with _ieee():  # a float64 gradient beyond float32's range becomes inf
        g4 = np.asarray(g, dtype=dtype).reshape(geometry.out_shape)
    chosen = _choose_method(method, geometry, x4, w4, g4)
    with _ieee():
        grad_bias = g4.sum(axis=(0, 2, 3))
        if geometry.in_shape[0] == 0:
            grad_x = np.zeros(geometry.in_shape, dtype=dtype)
            grad_w = np.zeros(w4.shape, dtype=dtype)
        elif chosen == "direct":
            grad_x, grad_w = _direct.backward(x4, w4, g4, geometry)
        else:
            grad_x, grad_w = _fft.backward(x4, w4, g4, geometry)
    if reduction is not None:  # a reduced call (huge padding or dilation): back to full size
        x_shape, w_shape = (np.shape(a) for a in (x, weight))
        grad_x, grad_w = _taps.embed(
            grad_x, grad_w, g4, (1,) * (4 - len(x_shape)) + x_shape, w_shape, reduction
        )
    grad_x = geometry.restore_rank(np.ascontiguousarray(grad_x, dtype=dtype))
    grad_w = np.ascontiguousarray(grad_w, dtype=dtype).reshape(np.shape(weight))
    return grad_x, grad_w, grad_bias
