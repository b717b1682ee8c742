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

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

# The engine: private modules, one job each (see their docstrings).
from . import _cost, _direct, _exact, _fft, _taps
from ._checks import (
    as_data_array,
    as_int,
    as_int_pair,
    check_elements,
    describe,
    float_dtype_for,
)

__all__ = ["conv2d", "conv2d_backward", "conv_output_size"]

Method = Literal["auto", "direct", "fft"]
Padding = int | tuple[int, int] | Literal["valid", "same"]


# Arithmetic on non-finite data follows IEEE rules without numpy's warnings.
def _ieee() -> np.errstate:
    return np.errstate(invalid="ignore", over="ignore", divide="ignore", under="ignore")


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
        As in :func:`conv2d` (``padding`` on each side).

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


@dataclass(frozen=True)
class _Geometry:
    """Everything about one convolution call except the numbers."""

    rank: int  # rank of the caller's x: 2, 3 or 4
    dtype: np.dtype
    stride: tuple[int, int]
    dilation: tuple[int, int]
    pads: tuple[tuple[int, int], tuple[int, int]]  # ((top, bottom), (left, right))
    kernel: tuple[int, int]
    in_shape: tuple[int, int, int, int]  # (N, C_in, H, W)
    out_shape: tuple[int, int, int, int]  # (N, C_out, H_out, W_out)

    @property
    def padded(self) -> tuple[int, int]:
        (top, bottom), (left, right) = self.pads
        return self.in_shape[2] + top + bottom, self.in_shape[3] + left + right

    @property
    def effective_kernel(self) -> tuple[int, int]:
        return tuple(d * (k - 1) + 1 for d, k in zip(self.dilation, self.kernel, strict=True))

    def restore_rank(self, out: np.ndarray) -> np.ndarray:
        if self.rank == 4:
            return out
        if self.rank == 3:
            return out[0]
        return out[0, 0]


def _parse_padding(
    padding: object, kernel: tuple[int, int], dilation: tuple[int, int], stride: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]]:
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


def _prepare(
    x: object,
    weight: object,
    bias: object,
    stride: object,
    padding: object,
    dilation: object,
    bias_name: str = "bias",
    plan: list | None = None,
):
    """Validate arguments; return 4-D float arrays and the call's geometry.

    Every size is checked (against :data:`convdemo._checks.MAX_ELEMENTS`) before
    anything is allocated. A call whose padded input would be mostly zeros that no tap
    reads (huge padding or dilation) is reduced to the taps and the part of ``x`` that
    matter (:mod:`convdemo._taps`): the output is the same. ``plan``, if a list, receives
    the reduction (a :class:`convdemo._taps.Plan`, or None) for :func:`_taps.embed`.
    """
    x = as_data_array(x, "x", (2, 3, 4))
    weight = as_data_array(weight, "weight", (2, 4))
    if x.ndim == 2 and weight.ndim != 2:
        raise ValueError(
            "for a single-channel x of shape (H, W), weight must be a 2-D kernel (kh, kw), "
            f"got shape {weight.shape}"
        )
    if x.ndim > 2 and weight.ndim != 4:
        raise ValueError(
            f"for x of shape {x.shape}, weight must have shape (C_out, C_in, kh, kw), "
            f"got shape {weight.shape}"
        )
    rank = x.ndim
    x4 = x.reshape((1,) * (4 - x.ndim) + x.shape)
    w4 = weight.reshape((1,) * (4 - weight.ndim) + weight.shape)
    n, c_in, h, w = x4.shape
    c_out, w_c_in, kh, kw = w4.shape
    if w_c_in != c_in:
        raise ValueError(
            f"weight expects {w_c_in} input channels (shape {weight.shape}) but x has {c_in} "
            f"(shape {x.shape}); weight must have shape (C_out, {c_in}, kh, kw)"
        )
    if min(h, w, kh, kw, c_in, c_out) == 0:
        raise ValueError(
            f"x and weight must have non-empty channel and spatial dimensions, got x shape "
            f"{x.shape} and weight shape {weight.shape}"
        )
    b = None
    if bias is not None:
        b = as_data_array(bias, bias_name, (0, 1))
        expected = (c_out,) if rank > 2 else ((), (1,))
        if rank > 2 and b.shape != (c_out,):
            raise ValueError(f"{bias_name} must have shape ({c_out},) (C_out), got {b.shape}")
        if rank == 2 and b.shape not in expected:
            raise ValueError(f"{bias_name} must be a scalar or shape (1,), got {b.shape}")
        b = b.reshape(c_out)
    stride_ = as_int_pair(stride, "stride", minimum=1)
    dilation_ = as_int_pair(dilation, "dilation", minimum=1)
    pads = _parse_padding(padding, (kh, kw), dilation_, stride_)
    out_hw = []
    for axis, (size, k, s, d, (lo, hi)) in enumerate(
        zip((h, w), (kh, kw), stride_, dilation_, pads, strict=True)
    ):
        eff = d * (k - 1) + 1
        if eff > size + lo + hi:
            which = "height" if axis == 0 else "width"
            raise ValueError(
                f"weight's kernel {which} {k} (effective {eff} with dilation {d}) is larger "
                f"than the padded input {which} {size + lo + hi}; x has shape {x.shape}, "
                f"weight {weight.shape}, padding {padding!r}"
            )
        out_hw.append((size + lo + hi - eff) // s + 1)
    out_shape = (n, c_out, out_hw[0], out_hw[1])
    check_elements(
        out_shape[4 - rank :], ("x", "weight", "stride", "padding", "dilation"), "an output"
    )
    # Huge padding or dilation: keep only the taps, and the part of x, that are ever read.
    padded = (n, c_in, h + sum(pads[0]), w + sum(pads[1]))
    reduction = None
    if math.prod(padded) > _taps.REDUCE_ABOVE:
        axes = [
            _taps.axis_plan(size, k, s, d, p)
            for size, k, s, d, p in zip((h, w), (kh, kw), stride_, dilation_, pads, strict=True)
        ]
        reduction = _taps.Plan(*axes)
        if reduction.empty:  # no tap reads x: a 1x1 zero kernel on one zero pixel, padded
            reduced = (n, c_in, out_hw[0], out_hw[1])
        else:
            reduced = (
                n,
                c_in,
                axes[0].crop[1] - axes[0].crop[0] + sum(axes[0].pads),
                axes[1].crop[1] - axes[1].crop[0] + sum(axes[1].pads),
            )
        if 4 * math.prod(reduced) >= math.prod(padded):
            reduction = None
        else:
            padded = reduced
    check_elements(padded, ("x", "padding", "dilation", "stride"), "a padded input")
    # The data's precision decides (float32 stays float32); a bias is cast to it.
    dtype = float_dtype_for(x, weight)
    if reduction is not None:
        nan_channels = _taps.nan_channels(w4, reduction)
        if nan_channels.any():  # dropped taps with non-finite weights add NaN everywhere
            b = np.zeros(c_out) if b is None else np.asarray(b, dtype=dtype)
            b = np.where(nan_channels, np.nan, b)
        if reduction.empty:
            x4 = np.zeros((n, c_in, 1, 1), dtype=dtype)
            w4 = np.zeros((c_out, c_in, 1, 1), dtype=dtype)
            kh, kw = 1, 1
            stride_, dilation_ = (1, 1), (1, 1)
            pads = ((0, out_hw[0] - 1), (0, out_hw[1] - 1))
        else:
            rows, cols = reduction.rows, reduction.cols
            x4 = x4[:, :, slice(*rows.crop), slice(*cols.crop)]
            w4 = w4[:, :, slice(*rows.taps), slice(*cols.taps)]
            kh, kw = rows.taps[1] - rows.taps[0], cols.taps[1] - cols.taps[0]
            stride_, dilation_ = (rows.stride, cols.stride), (rows.dilation, cols.dilation)
            pads = (rows.pads, cols.pads)
    if plan is not None:
        plan.append(reduction)
    geometry = _Geometry(
        rank=rank,
        dtype=dtype,
        stride=stride_,
        dilation=dilation_,
        pads=pads,
        kernel=(kh, kw),
        in_shape=tuple(x4.shape),
        out_shape=out_shape,
    )
    with np.errstate(over="ignore"):  # a float64 value beyond float32's range becomes inf
        x4 = np.asarray(x4, dtype=dtype)
        w4 = np.asarray(w4, dtype=dtype)
        if b is not None:
            b = np.asarray(b, dtype=dtype)
    return x4, w4, b, geometry


# --------------------------------------------------------------------------- fft


def _choose_method(method: object, geometry: _Geometry, *operands: np.ndarray) -> str:
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
    x : array_like
        Input, shape ``(N, C_in, H, W)`` or ``(C_in, H, W)``; or a single-channel
        image ``(H, W)`` together with a 2-D ``weight``.
    weight : array_like
        Kernels, shape ``(C_out, C_in, kh, kw)``; or ``(kh, kw)`` for a 2-D ``x``.
    bias : array_like, optional
        One number per output channel, shape ``(C_out,)`` (a scalar for 2-D ``x``),
        cast to the output's dtype.
    stride : int or (int, int), default 1
        Step between neighbouring output pixels, in input pixels.
    padding : int, (int, int), "valid" or "same", default 0
        Zeros added on each side of the input. ``"same"`` keeps the size (stride
        1 only; an odd total is split with the extra zero at the bottom/right).
    dilation : int or (int, int), default 1
        Spacing between kernel taps.
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
    x4, w4, b, geometry = _prepare(x, weight, bias, stride, padding, dilation)
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
    x, weight : array_like
        The forward call's input and kernels (same shape rules as :func:`conv2d`).
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
    plan: list = []
    x4, w4, _, geometry = _prepare(x, weight, None, stride, padding, dilation, plan=plan)
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
    if plan[0] is not None:  # a reduced call (huge padding or dilation): back to full size
        x_shape, w_shape = (np.shape(a) for a in (x, weight))
        grad_x, grad_w = _taps.embed(
            grad_x, grad_w, g4, (1,) * (4 - len(x_shape)) + x_shape, w_shape, plan[0]
        )
    grad_x = geometry.restore_rank(np.ascontiguousarray(grad_x, dtype=dtype))
    grad_w = np.ascontiguousarray(grad_w, dtype=dtype).reshape(np.shape(weight))
    return grad_x, grad_w, grad_bias
