"""The deep-learning convolution (cross-correlation) and its exact gradients.

``conv2d`` follows the semantics of ``torch.nn.functional.conv2d`` (one group):
the kernel is *not* flipped, the output of channel ``o`` at ``(y, x)`` is

.. math::

    \\text{out}[n, o, y, x] = b[o] + \\sum_{c, i, j}
        w[o, c, i, j]\\; x_{\\text{pad}}[n, c, s y + d i, s x + d j]

with stride ``s`` and dilation ``d``. Two methods compute it:

``"direct"``
    Small kernels: an im2col matrix laid out for one contiguous matrix product
    (BLAS). With stride 1 the columns are contiguous runs of the flattened
    padded image, so building them is a handful of memory copies.
``"fft"``
    Large kernels: products of real FFTs of fast lengths, summed over channels.

``method="auto"`` (the default) picks by an operation-count model, as
``scipy.signal.correlate`` does. Both methods agree to rounding error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from ._checks import as_data_array, as_int_pair, describe, float_dtype_for

__all__ = ["conv2d", "conv2d_backward", "conv_output_size"]

Method = Literal["auto", "direct", "fft"]
Padding = int | tuple[int, int] | Literal["valid", "same"]

# FFT wins once a kernel has this many taps per output pixel more than the FFT's
# per-pixel cost (measured on the benchmark machine; see benchmarks/).
_FFT_COST_FACTOR = 6.0


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

    Examples
    --------
    >>> conv_output_size(7, 3)
    5
    >>> conv_output_size(7, 3, stride=2, padding=1)
    4
    >>> conv_output_size(7, 3, dilation=3)
    1
    """
    for name, value in (
        ("size", size),
        ("kernel", kernel),
        ("stride", stride),
        ("padding", padding),
        ("dilation", dilation),
    ):
        if isinstance(value, bool) or not isinstance(value, int | np.integer):
            raise TypeError(f"{name} must be an integer, got {describe(value)}")
    if size < 1 or kernel < 1 or stride < 1 or dilation < 1:
        raise ValueError(
            "size, kernel, stride and dilation must be positive, got "
            f"size={size}, kernel={kernel}, stride={stride}, dilation={dilation}"
        )
    if padding < 0:
        raise ValueError(f"padding must be >= 0, got {padding}")
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
):
    """Validate arguments; return 4-D float arrays and the call's geometry."""
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
                f"kernel {which} {k} (effective {eff} with dilation {d}) is larger than the "
                f"padded input {which} {size + lo + hi}; x has shape {x.shape}, weight "
                f"{weight.shape}, padding {padding!r}"
            )
        out_hw.append((size + lo + hi - eff) // s + 1)
    dtype = float_dtype_for(x, weight, b)
    geometry = _Geometry(
        rank=rank,
        dtype=dtype,
        stride=stride_,
        dilation=dilation_,
        pads=pads,
        kernel=(kh, kw),
        in_shape=(n, c_in, h, w),
        out_shape=(n, c_out, out_hw[0], out_hw[1]),
    )
    x4 = np.asarray(x4, dtype=dtype)
    w4 = np.asarray(w4, dtype=dtype)
    if b is not None:
        b = np.asarray(b, dtype=dtype)
    return x4, w4, b, geometry


def _pad(x4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    (top, bottom), (left, right) = geometry.pads
    if top == bottom == left == right == 0:
        return np.ascontiguousarray(x4)
    n, c, h, w = x4.shape
    out = np.zeros((n, c, h + top + bottom, w + left + right), dtype=x4.dtype)
    out[:, :, top : top + h, left : left + w] = x4
    return out


# --------------------------------------------------------------------------- direct


def _im2col(xp: np.ndarray, geometry: _Geometry) -> np.ndarray:
    """Columns ``(C_in * kh * kw, N * H_out * W_out)`` for one matrix product."""
    n, c, _, _ = xp.shape
    kh, kw = geometry.kernel
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    ho, wo = geometry.out_shape[2:]
    cols = np.empty((c, kh, kw, n, ho, wo), dtype=xp.dtype)
    src = xp.transpose(1, 0, 2, 3)  # (C, N, Hp, Wp) view
    if kh * kw <= ho * wo:  # loop over kernel taps, copy a strided image each
        for i in range(kh):
            for j in range(kw):
                cols[:, i, j] = src[
                    :,
                    :,
                    i * dh : i * dh + sh * (ho - 1) + 1 : sh,
                    j * dw : j * dw + sw * (wo - 1) + 1 : sw,
                ]
    else:  # kernel larger than the output: loop over output pixels instead
        for y in range(ho):
            for x in range(wo):
                window = src[
                    :,
                    :,
                    y * sh : y * sh + dh * (kh - 1) + 1 : dh,
                    x * sw : x * sw + dw * (kw - 1) + 1 : dw,
                ]
                cols[:, :, :, :, y, x] = window.transpose(0, 2, 3, 1)
    return cols.reshape(c * kh * kw, n * ho * wo)


def _direct_wide(xp: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    """Stride 1: columns are contiguous runs of the flattened padded images."""
    n, c, hp, wp = xp.shape
    c_out, _, kh, kw = w4.shape
    dh, dw = geometry.dilation
    ho, wo = geometry.out_shape[2:]
    span = n * hp * wp
    longest = dh * (kh - 1) * wp + dw * (kw - 1)
    flat = np.zeros((c, span + longest), dtype=xp.dtype)
    flat[:, :span] = xp.transpose(1, 0, 2, 3).reshape(c, span)
    cols = np.empty((c, kh, kw, span), dtype=xp.dtype)
    for i in range(kh):
        for j in range(kw):
            offset = i * dh * wp + j * dw
            cols[:, i, j] = flat[:, offset : offset + span]
    out = w4.reshape(c_out, c * kh * kw) @ cols.reshape(c * kh * kw, span)
    out = out.reshape(c_out, n, hp, wp)[:, :, :ho, :wo]
    return out.transpose(1, 0, 2, 3)


def _direct(xp: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    n, _, hp, wp = xp.shape
    c_out = w4.shape[0]
    ho, wo = geometry.out_shape[2:]
    if geometry.stride == (1, 1) and hp * wp <= 1.5 * ho * wo:
        return _direct_wide(xp, w4, geometry)
    cols = _im2col(xp, geometry)
    out = w4.reshape(c_out, -1) @ cols
    return out.reshape(c_out, n, ho, wo).transpose(1, 0, 2, 3)


# --------------------------------------------------------------------------- fft


def _next_fast_length(n: int) -> int:
    """The smallest 5-smooth integer >= n (a fast length for pocketfft)."""
    m = n
    while True:
        r = m
        for p in (2, 3, 5):
            while r % p == 0:
                r //= p
        if r == 1:
            return m
        m += 1


def _dilate(kernel: np.ndarray, dilation: tuple[int, int]) -> np.ndarray:
    if dilation == (1, 1):
        return kernel
    dh, dw = dilation
    *lead, kh, kw = kernel.shape
    out = np.zeros((*lead, dh * (kh - 1) + 1, dw * (kw - 1) + 1), dtype=kernel.dtype)
    out[..., ::dh, ::dw] = kernel
    return out


def _fft_correlate(
    xp: np.ndarray, kernel: np.ndarray, stride: tuple[int, int], out_hw: tuple[int, int]
) -> np.ndarray:
    """Valid cross-correlation of padded ``xp`` (N, C, Hp, Wp) with an already
    dilated ``kernel`` (C_out, C, KH, KW), subsampled by ``stride``."""
    _, _, hp, wp = xp.shape
    kh, kw = kernel.shape[2:]
    shape = (_next_fast_length(hp), _next_fast_length(wp))
    # Correlation is convolution with the flipped kernel; circular wrap-around of a
    # transform of length >= Hp only touches the first KH-1 rows, which are dropped.
    x_hat = np.fft.rfft2(xp, s=shape)
    k_hat = np.fft.rfft2(kernel[:, :, ::-1, ::-1], s=shape)
    # Sum over input channels as one batched matrix product per frequency.
    prod = np.matmul(x_hat.transpose(2, 3, 0, 1), k_hat.transpose(2, 3, 1, 0))
    full = np.fft.irfft2(prod.transpose(2, 3, 0, 1), s=shape)
    sh, sw = stride
    ho, wo = out_hw
    return full[
        :, :, kh - 1 : kh - 1 + sh * (ho - 1) + 1 : sh, kw - 1 : kw - 1 + sw * (wo - 1) + 1 : sw
    ]


def _fft(xp: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    kernel = _dilate(w4, geometry.dilation)
    return _fft_correlate(xp, kernel, geometry.stride, geometry.out_shape[2:])


def _choose_method(method: str, geometry: _Geometry) -> str:
    if method not in ("auto", "direct", "fft"):
        raise ValueError(f"method must be 'auto', 'direct' or 'fft', got {method!r}")
    if method != "auto":
        return method
    n, c_in, _, _ = geometry.in_shape
    _, c_out, ho, wo = geometry.out_shape
    hp, wp = geometry.padded
    kh, kw = geometry.kernel
    direct_cost = n * c_out * c_in * ho * wo * kh * kw
    area = _next_fast_length(hp) * _next_fast_length(wp)
    transforms = (n * c_in + c_out * c_in + n * c_out) * area * np.log2(max(area, 2))
    products = 4 * n * c_out * c_in * area / 2
    fft_cost = _FFT_COST_FACTOR * transforms + products
    return "fft" if fft_cost < direct_cost else "direct"


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
        One number per output channel, shape ``(C_out,)`` (a scalar for 2-D ``x``).
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
        the inputs' floating type (float32 stays float32); integer input is
        computed in float64.

    Raises
    ------
    TypeError
        Non-numeric data or a non-integer stride/padding/dilation.
    ValueError
        Wrong ranks, mismatched channels, a wrong-sized bias, a kernel larger than
        the padded input, non-positive stride or dilation, negative padding,
        an unknown padding string, or ``"same"`` with a stride.

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
    chosen = _choose_method(method, geometry)
    if geometry.in_shape[0] == 0:
        out = np.zeros(geometry.out_shape, dtype=geometry.dtype)
    else:
        xp = _pad(x4, geometry)
        out = _direct(xp, w4, geometry) if chosen == "direct" else _fft(xp, w4, geometry)
        out = np.asarray(out, dtype=geometry.dtype)
    if b is not None:
        out = out + b[:, None, None]
    return geometry.restore_rank(np.ascontiguousarray(out))


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
    x4, w4, _, geometry = _prepare(x, weight, None, stride, padding, dilation)
    g = as_data_array(grad_output, "grad_output")
    expected = geometry.restore_rank(np.empty(geometry.out_shape, dtype=np.int8)).shape
    if g.shape != expected:
        raise ValueError(
            f"grad_output must have the forward output's shape {expected}, got {g.shape}"
        )
    dtype = float_dtype_for(x4, w4, g)
    x4, w4 = x4.astype(dtype, copy=False), w4.astype(dtype, copy=False)
    g4 = np.asarray(g, dtype=dtype).reshape(geometry.out_shape)
    chosen = _choose_method(method, geometry)
    grad_bias = g4.sum(axis=(0, 2, 3))
    if geometry.in_shape[0] == 0:
        grad_x = np.zeros(geometry.in_shape, dtype=dtype)
        grad_w = np.zeros(w4.shape, dtype=dtype)
    elif chosen == "direct":
        grad_x, grad_w = _backward_direct(x4, w4, g4, geometry)
    else:
        grad_x, grad_w = _backward_fft(x4, w4, g4, geometry)
    grad_x = geometry.restore_rank(np.ascontiguousarray(grad_x, dtype=dtype))
    grad_w = np.ascontiguousarray(grad_w, dtype=dtype).reshape(np.shape(weight))
    return grad_x, grad_w, grad_bias


def _crop_padding(grad_xp: np.ndarray, geometry: _Geometry) -> np.ndarray:
    (top, _), (left, _) = geometry.pads
    h, w = geometry.in_shape[2:]
    return grad_xp[:, :, top : top + h, left : left + w]


def _backward_direct(x4, w4, g4, geometry):
    n, c_in, _, _ = geometry.in_shape
    _, c_out, ho, wo = geometry.out_shape
    kh, kw = geometry.kernel
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    xp = _pad(x4, geometry)
    g2 = g4.transpose(1, 0, 2, 3).reshape(c_out, n * ho * wo)
    cols = _im2col(xp, geometry)
    grad_w = (g2 @ cols.T).reshape(w4.shape)
    del cols
    grad_cols = (w4.reshape(c_out, -1).T @ g2).reshape(c_in, kh, kw, n, ho, wo)
    grad_xp = np.zeros(xp.shape, dtype=xp.dtype)
    target = grad_xp.transpose(1, 0, 2, 3)  # (C, N, Hp, Wp) view
    for i in range(kh):
        for j in range(kw):
            target[
                :,
                :,
                i * dh : i * dh + sh * (ho - 1) + 1 : sh,
                j * dw : j * dw + sw * (wo - 1) + 1 : sw,
            ] += grad_cols[:, i, j]
    return _crop_padding(grad_xp, geometry), grad_w


def _backward_fft(x4, w4, g4, geometry):
    n, _, _, _ = geometry.in_shape
    _, _, ho, wo = geometry.out_shape
    hp, wp = geometry.padded
    kh, kw = geometry.kernel
    sh, sw = geometry.stride
    dh, dw = geometry.dilation
    ekh, ekw = geometry.effective_kernel
    xp = _pad(x4, geometry)
    # dL/dxp: the full convolution of the stride-upsampled gradient with the
    # dilated kernel, i.e. a valid correlation of the zero-padded gradient with the
    # flipped kernel whose in/out channels are swapped.
    up = np.zeros(
        (n, g4.shape[1], sh * (ho - 1) + 1 + 2 * (ekh - 1), sw * (wo - 1) + 1 + 2 * (ekw - 1)),
        dtype=g4.dtype,
    )
    up[
        :, :, ekh - 1 : ekh - 1 + sh * (ho - 1) + 1 : sh, ekw - 1 : ekw - 1 + sw * (wo - 1) + 1 : sw
    ] = g4
    flipped = _dilate(w4, geometry.dilation)[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)
    reached_h = sh * (ho - 1) + ekh
    reached_w = sw * (wo - 1) + ekw
    grad_xp = np.zeros((n, x4.shape[1], hp, wp), dtype=x4.dtype)
    grad_xp[:, :, :reached_h, :reached_w] = _fft_correlate(
        up, np.ascontiguousarray(flipped), (1, 1), (reached_h, reached_w)
    )
    # dL/dw[o, c, i, j] = sum_n,y,x g[n, o, y, x] xp[n, c, d i + s y, d j + s x]: a
    # correlation of xp (batch and channels swapped) with the stride-dilated gradient.
    grad_kernel = _dilate(g4.transpose(1, 0, 2, 3), (sh, sw))  # (C_out, N, ., .)
    grad_w = _fft_correlate(
        np.ascontiguousarray(xp.transpose(1, 0, 2, 3)),
        np.ascontiguousarray(grad_kernel),
        (dh, dw),
        (kh, kw),
    )  # (C_in, C_out, kh, kw)
    return _crop_padding(grad_xp, geometry), grad_w.transpose(1, 0, 2, 3)
