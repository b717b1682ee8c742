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

``method="auto"`` (the default) picks by a cost model in nanoseconds (constants
below, fitted on the benchmark machine; see ``benchmarks/README.md``), as
``scipy.signal.correlate`` picks by an operation count. Both methods agree to
rounding error; float32 data is computed in float32 throughout.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from . import _taps
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

# The cost model of method="auto" (see _choose_method): nanoseconds per unit of
# work for (float32, float64), fitted (benchmarks/README.md) to single-thread
# timings of 70 geometries on the benchmark machine, the matrix-product term
# halved for OpenBLAS's 2 threads (numpy's FFT uses one). Only the ranking of the
# two methods matters, and it is right or within 2x of right on every geometry
# measured.
_NS_PER_MAC = (0.0145, 0.028)  # one multiply-add inside a BLAS matrix product
_NS_PER_COPY = (0.08, 0.065)  # one element gathered into the im2col columns
_NS_PER_SHIFT = (0.085, 0.17)  # one element of a shifted-view multiply or add
_NS_PER_CALL = 2500.0  # one numpy call in a Python loop
_NS_PER_BUTTERFLY = (0.175, 0.25)  # per unit of L log2 L in a real 2-D FFT
_NS_PER_FFT_ROW = (37.0, 26.0)  # per 1-D transform of a 2-D one
_NS_PER_PRODUCT = (1.36, 2.9)  # one complex multiply-add summing over channels
_NS_FFT_FIXED = 60_000.0
# Scales the FFT's estimate: above 1 favours the direct method.
_FFT_COST_FACTOR = 1.0
# Below this estimated cost "auto" always uses the direct method: small problems are
# cheap either way, and the direct method's sums are exact for small integer-valued
# data (a teaching example should print 8, not 7.999999999999994, and a measured
# receptive field should be exactly zero outside the field).
_EXACT_BELOW_NS = 2_000_000.0


# Arithmetic on non-finite data follows IEEE rules without numpy's warnings.
def _ieee() -> np.errstate:
    return np.errstate(invalid="ignore", over="ignore", divide="ignore", under="ignore")


# Bytes of im2col columns built per block: small enough that a block is multiplied
# while it is still in the (32 MiB) L3 cache, large enough that there are few
# threaded BLAS calls (each waits for all its threads, which on a busy machine can
# take a scheduler time slice).
_BLOCK_BYTES = 1 << 23
# Bytes of output per block of the shifted-view accumulation (one input channel).
_SHIFT_BLOCK_BYTES = 1 << 17
# Wide columns are used while the padded width is at most this times the output's.
_WIDE_WASTE = 1.5
# The FFT path sums over channels with a matrix product per frequency once there
# are more than this many (image, output channel) pairs; below, by accumulation.
_FFT_MATMUL_MIN = 32


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


def _pad(x4: np.ndarray, geometry: _Geometry, tail: int = 0) -> np.ndarray:
    """The zero-padded input ``(N, C, Hp, Wp)``, C-contiguous.

    With ``tail > 0`` it is a view of a flat buffer that holds ``tail`` more zeros
    after its last element, which the wide columns (:func:`_tap_views`) read.
    """
    (top, bottom), (left, right) = geometry.pads
    if tail == 0 and top == bottom == left == right == 0:
        return np.ascontiguousarray(x4)
    n, c, h, w = x4.shape
    xp = _zeros((n, c, h + top + bottom, w + left + right), x4.dtype, tail)
    xp[:, :, top : top + h, left : left + w] = x4
    return xp


def _zeros(shape: tuple[int, ...], dtype: np.dtype, tail: int = 0) -> np.ndarray:
    """A C-contiguous array of zeros, followed in memory by ``tail`` more zeros."""
    size = math.prod(shape)
    return np.zeros(size + tail, dtype=dtype)[:size].reshape(shape)


def _tap_views(
    xp: np.ndarray, geometry: _Geometry, width: int, writeable: bool = False
) -> list[list[np.ndarray]]:
    """What each kernel tap sees: ``views[i][j]`` of shape ``(N, C, H_out, width)``,
    ``views[i][j][n, c, y, x] = xp[n, c, s_h y + d_h i, s_w x + d_w j]``.

    With ``width = W_out`` these are plain slices of ``xp`` (writeable when ``xp``
    is). The *wide* views (stride 1, ``width = Wp``) also cover the ``Wp - W_out``
    positions that wrap into the next row: each channel's view is then one
    contiguous run, which copies fast, and reaches up to ``d_w (kw - 1)``
    elements past the end of ``xp`` (the ``tail`` of :func:`_zeros`). They are
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


def _column_view(xp: np.ndarray, geometry: _Geometry, width: int) -> np.ndarray:
    """Every tap's view at once, read-only, shape ``(N, C, kh, kw, H_out, width)``:
    ``v[n, c, i, j, y, x] = xp[n, c, s_h y + d_h i, s_w x + d_w j]`` (see
    :func:`_tap_views` for the wide ``width = Wp``). One copy of a slice of it
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


def _blocks(n: int, rows: int, row_bytes: int, budget: int):
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


def _loops_over_pixels(geometry: _Geometry) -> bool:
    """Whether columns are gathered per output pixel (fewer pixels than kernel taps,
    so wide columns are never used) rather than per kernel tap."""
    kh, kw = geometry.kernel
    ho, wo = geometry.out_shape[2:]
    return kh * kw > ho * wo


def _fill_columns(
    cols: np.ndarray,
    xp: np.ndarray,
    views: np.ndarray | None,
    geometry: _Geometry,
    block: tuple[int, int, int, int],
    width: int,
) -> None:
    """Fill ``cols`` of shape ``(C, kh, kw, nb, rb, width)`` with the im2col columns
    of one block of output pixels, from :func:`_column_view` (None: loop over the
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
    at a time through the writeable ``grad_views`` of :func:`_tap_views` (each
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


def _use_wide(geometry: _Geometry) -> bool:
    """Wide columns (contiguous copies) pay off when they waste few columns."""
    wo = geometry.out_shape[3]
    wp = geometry.padded[1]
    return geometry.stride == (1, 1) and wp <= _WIDE_WASTE * wo and not _loops_over_pixels(geometry)


def _uses_shifts(geometry: _Geometry) -> bool:
    """One input and one output channel: accumulate shifted views, no columns."""
    return geometry.in_shape[1] == 1 and geometry.out_shape[1] == 1


def _direct_shifted(x4: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    """``out = sum_ij w[i, j] * (x seen by tap (i, j))``, in cache-sized row blocks."""
    xp = _pad(x4, geometry)
    n, _, ho, wo = geometry.out_shape
    kh, kw = geometry.kernel
    out = np.empty(geometry.out_shape, dtype=xp.dtype)
    blocks = list(_blocks(n, ho, wo * xp.itemsize, _SHIFT_BLOCK_BYTES))
    rows_max = max((n1 - n0) * (y1 - y0) for n0, n1, y0, y1 in blocks)
    scratch = np.empty(rows_max * wo, dtype=xp.dtype)
    views = _tap_views(xp, geometry, wo)
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


def _direct(x4: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    """im2col + one matrix product (BLAS) per cache-sized block of output pixels."""
    if _uses_shifts(geometry):
        return _direct_shifted(x4, w4, geometry)
    n, c, _, _ = geometry.in_shape
    c_out, ho, wo = geometry.out_shape[1:]
    kh, kw = geometry.kernel
    wide = _use_wide(geometry)
    width = geometry.padded[1] if wide else wo
    xp = _pad(x4, geometry, tail=geometry.dilation[1] * (kw - 1) if wide else 0)
    k = c * kh * kw
    w2 = w4.reshape(c_out, k)
    out = np.empty(geometry.out_shape, dtype=xp.dtype)
    blocks = list(_blocks(n, ho, k * width * xp.itemsize, _BLOCK_BYTES))
    pixels = max((n1 - n0) * (y1 - y0) * width for n0, n1, y0, y1 in blocks)
    col_buffer = np.empty(k * pixels, dtype=xp.dtype)
    out_buffer = np.empty(c_out * pixels, dtype=xp.dtype)
    views = None if _loops_over_pixels(geometry) else _column_view(xp, geometry, width)
    for block in blocks:
        n0, n1, y0, y1 = block
        shape = (n1 - n0, y1 - y0, width)
        cols = col_buffer[: k * math.prod(shape)].reshape(c, kh, kw, *shape)
        _fill_columns(cols, xp, views, geometry, block, width)
        res = out_buffer[: c_out * math.prod(shape)].reshape(c_out, -1)
        np.matmul(w2, cols.reshape(k, -1), out=res)
        out[n0:n1, :, y0:y1] = res.reshape(c_out, *shape)[..., :wo].transpose(1, 0, 2, 3)
    return out


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
    # All transforms use norm="ortho": numpy (2.x) runs a float32 transform whose
    # scale factor is exactly 1 (the default norm's forward, "forward"'s inverse)
    # in double precision, 8 times slower and with complex128 temporaries. The
    # product of two ortho spectra lacks a factor sqrt(area); the kernel (small)
    # carries it.
    scale = kernel.dtype.type(math.sqrt(shape[0] * shape[1]))
    x_hat = np.fft.rfft2(xp, s=shape, norm="ortho")
    k_hat = np.fft.rfft2(kernel[:, :, ::-1, ::-1] * scale, s=shape, norm="ortho")
    full = np.fft.irfft2(_sum_over_channels(x_hat, k_hat), s=shape, norm="ortho")
    sh, sw = stride
    ho, wo = out_hw
    return full[
        :, :, kh - 1 : kh - 1 + sh * (ho - 1) + 1 : sh, kw - 1 : kw - 1 + sw * (wo - 1) + 1 : sw
    ]


def _sum_over_channels(x_hat: np.ndarray, k_hat: np.ndarray) -> np.ndarray:
    """``out[n, o] = sum_c x_hat[n, c] * k_hat[o, c]`` at every frequency."""
    n, c = x_hat.shape[:2]
    c_out = k_hat.shape[0]
    if n * c_out > _FFT_MATMUL_MIN:  # one (N, C) @ (C, C_out) product per frequency
        prod = np.matmul(x_hat.transpose(2, 3, 0, 1), k_hat.transpose(2, 3, 1, 0))
        return prod.transpose(2, 3, 0, 1)
    # Few output maps: a matmul per frequency is mostly overhead; accumulate instead.
    out = x_hat[:, None, 0] * k_hat[None, :, 0]
    tmp = np.empty_like(out) if c > 1 else None
    for channel in range(1, c):
        np.multiply(x_hat[:, None, channel], k_hat[None, :, channel], out=tmp)
        out += tmp
    return out


def _fft(x4: np.ndarray, w4: np.ndarray, geometry: _Geometry) -> np.ndarray:
    kernel = _dilate(w4, geometry.dilation)
    return _fft_correlate(_pad(x4, geometry), kernel, geometry.stride, geometry.out_shape[2:])


def _direct_cost(geometry: _Geometry) -> float:
    """Estimated nanoseconds of :func:`_direct`."""
    n, c_in, _, _ = geometry.in_shape
    _, c_out, ho, wo = geometry.out_shape
    kh, kw = geometry.kernel
    p = 0 if geometry.dtype.itemsize <= 4 else 1
    taps = kh * kw
    if _uses_shifts(geometry):
        blocks = -(-n * ho * wo * geometry.dtype.itemsize // _SHIFT_BLOCK_BYTES)
        return 2 * taps * (n * ho * wo * _NS_PER_SHIFT[p] + blocks * _NS_PER_CALL)
    width = geometry.padded[1] if _use_wide(geometry) else wo
    k = c_in * taps
    pixels = n * ho * width
    blocks = -(-k * pixels * geometry.dtype.itemsize // _BLOCK_BYTES)
    calls = (ho * wo if _loops_over_pixels(geometry) else 3) * blocks
    # A matrix product with few output channels is nearly a matrix-vector product.
    macs = c_out * k * pixels * (1 + 4 / c_out)
    # The gather copies contiguous runs of `run` elements; short runs cost more.
    run = ho * width if width != wo else (wo if geometry.stride[1] == 1 else 1)
    copies = k * pixels * (1 + 16 / run)
    return macs * _NS_PER_MAC[p] + copies * _NS_PER_COPY[p] + calls * _NS_PER_CALL


def _fft_cost(geometry: _Geometry) -> float:
    """Estimated nanoseconds of :func:`_fft`."""
    n, c_in, _, _ = geometry.in_shape
    _, c_out, _, _ = geometry.out_shape
    hp, wp = geometry.padded
    p = 0 if geometry.dtype.itemsize <= 4 else 1
    f1, f2 = _next_fast_length(hp), _next_fast_length(wp)
    transforms = n * c_in + c_out * c_in + n * c_out
    cost = transforms * f1 * f2 * math.log2(max(f1 * f2, 2)) * _NS_PER_BUTTERFLY[p]
    cost += transforms * (f1 + f2 // 2 + 1) * _NS_PER_FFT_ROW[p]
    cost += n * c_out * c_in * f1 * (f2 // 2 + 1) * _NS_PER_PRODUCT[p]
    return _FFT_COST_FACTOR * (cost + _NS_FFT_FIXED)


def _choose_method(method: object, geometry: _Geometry) -> str:
    """``method``, or for ``"auto"`` the one the cost model expects to be faster."""
    if not isinstance(method, str):
        raise TypeError(f"method must be 'auto', 'direct' or 'fft', got {describe(method)}")
    if method not in ("auto", "direct", "fft"):
        raise ValueError(f"method must be 'auto', 'direct' or 'fft', got {method!r}")
    if method != "auto":
        return method
    direct = _direct_cost(geometry)
    if direct < _EXACT_BELOW_NS:
        return "direct"
    return "fft" if _fft_cost(geometry) < direct else "direct"


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
    chosen = _choose_method(method, geometry)
    if geometry.in_shape[0] == 0:
        out = np.zeros(geometry.out_shape, dtype=geometry.dtype)
    else:
        with _ieee():  # NaN and infinity propagate silently (see Notes)
            out = _direct(x4, w4, geometry) if chosen == "direct" else _fft(x4, w4, geometry)
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
    chosen = _choose_method(method, geometry)
    with _ieee():
        grad_bias = g4.sum(axis=(0, 2, 3))
        if geometry.in_shape[0] == 0:
            grad_x = np.zeros(geometry.in_shape, dtype=dtype)
            grad_w = np.zeros(w4.shape, dtype=dtype)
        elif chosen == "direct":
            grad_x, grad_w = _backward_direct(x4, w4, g4, geometry)
        else:
            grad_x, grad_w = _backward_fft(x4, w4, g4, geometry)
    if plan[0] is not None:  # a reduced call (huge padding or dilation): back to full size
        x_shape, w_shape = (np.shape(a) for a in (x, weight))
        grad_x, grad_w = _taps.embed(
            grad_x, grad_w, g4, (1,) * (4 - len(x_shape)) + x_shape, w_shape, plan[0]
        )
    grad_x = geometry.restore_rank(np.ascontiguousarray(grad_x, dtype=dtype))
    grad_w = np.ascontiguousarray(grad_w, dtype=dtype).reshape(np.shape(weight))
    return grad_x, grad_w, grad_bias


def _crop_padding(grad_xp: np.ndarray, geometry: _Geometry) -> np.ndarray:
    (top, _), (left, _) = geometry.pads
    h, w = geometry.in_shape[2:]
    return grad_xp[:, :, top : top + h, left : left + w]


def _backward_shifted(x4, w4, g4, geometry):
    """Gradients for one input and one output channel, by shifted views."""
    xp = _pad(x4, geometry)
    n, _, ho, wo = geometry.out_shape
    kh, kw = geometry.kernel
    grad_xp = np.zeros(xp.shape, dtype=xp.dtype)
    grad_w = np.empty(w4.shape, dtype=xp.dtype)
    blocks = list(_blocks(n, ho, wo * xp.itemsize, _SHIFT_BLOCK_BYTES))
    rows_max = max((n1 - n0) * (y1 - y0) for n0, n1, y0, y1 in blocks)
    scratch = np.empty(rows_max * wo, dtype=xp.dtype)
    partial = np.zeros((len(blocks), kh, kw), dtype=xp.dtype)
    views = _tap_views(xp, geometry, wo)
    grad_views = _tap_views(grad_xp, geometry, wo)
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
    return _crop_padding(grad_xp, geometry), grad_w


def _backward_direct(x4, w4, g4, geometry):
    """im2col, blocked as in :func:`_direct`: ``dw = g @ cols.T``, and
    ``W.T @ g`` scattered back onto the input pixels each column was read from."""
    if _uses_shifts(geometry):
        return _backward_shifted(x4, w4, g4, geometry)
    n, c, _, _ = geometry.in_shape
    c_out, ho, wo = geometry.out_shape[1:]
    kh, kw = geometry.kernel
    k = c * kh * kw
    # Wide columns carry garbage where they wrap into the next row; a zero gradient
    # there cancels it, unless the garbage or the weight is infinite or NaN.
    wide = _use_wide(geometry) and np.isfinite(x4).all() and np.isfinite(w4).all()
    width = geometry.padded[1] if wide else wo
    tail = geometry.dilation[1] * (kw - 1) if wide else 0
    xp = _pad(x4, geometry, tail)
    grad_xp = _zeros(xp.shape, xp.dtype, tail)
    w2 = w4.reshape(c_out, k)
    grad_w = np.zeros((k, c_out), dtype=xp.dtype)  # transposed: a faster product
    grad_w_part = np.empty_like(grad_w)
    blocks = list(_blocks(n, ho, k * width * xp.itemsize, _BLOCK_BYTES))
    pixels = max((n1 - n0) * (y1 - y0) * width for n0, n1, y0, y1 in blocks)
    col_buffer = np.empty(k * pixels, dtype=xp.dtype)
    grad_col_buffer = np.empty(k * pixels, dtype=xp.dtype)
    g_buffer = np.zeros(c_out * pixels, dtype=xp.dtype)
    by_pixel = _loops_over_pixels(geometry)
    views = None if by_pixel else _column_view(xp, geometry, width)
    grad_views = None if by_pixel else _tap_views(grad_xp, geometry, width, writeable=True)
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
    return _crop_padding(grad_xp, geometry), grad_w.T.reshape(w4.shape)


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
