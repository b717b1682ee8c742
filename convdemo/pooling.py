"""Max and average pooling over non-overlapping (or strided) windows, with backward."""

from __future__ import annotations

import numpy as np

from ._checks import as_data_array, as_int_pair, float_dtype_for, ieee, mean_of_windows
from .geometry import pooled_shape

__all__ = [
    "avg_pool2d",
    "avg_pool2d_backward",
    "max_pool2d",
    "max_pool2d_backward",
]


def _prepare(x: object, size: object, stride: object):
    x = as_data_array(x, "x", (2, 3, 4))
    size_ = as_int_pair(size, "size", minimum=1)
    stride_ = size_ if stride is None else as_int_pair(stride, "stride", minimum=1)
    out_hw = pooled_shape(x.shape, size_, stride_)[-2:]
    x = np.asarray(x, dtype=float_dtype_for(x))
    return x, size_, stride_, out_hw


def _windows(x: np.ndarray, size, stride, out_hw) -> np.ndarray:
    """View of shape ``x.shape[:-2] + out_hw + size`` (no copy)."""
    view = np.lib.stride_tricks.sliding_window_view(x, size, axis=(-2, -1))
    return view[
        ...,
        : stride[0] * (out_hw[0] - 1) + 1 : stride[0],
        : stride[1] * (out_hw[1] - 1) + 1 : stride[1],
        :,
        :,
    ]


def max_pool2d(
    x: np.typing.ArrayLike, size: int | tuple[int, int], stride: int | tuple[int, int] | None = None
) -> np.ndarray:
    """Largest value in each ``size`` window (no padding, windows that fit only).

    Parameters
    ----------
    x : array_like
        ``(H, W)``, ``(C, H, W)`` or ``(N, C, H, W)``; pooled over the last two axes.
    size : int or (int, int)
        Window size.
    stride : int or (int, int), optional
        Step between windows; defaults to ``size`` (non-overlapping windows).

    Returns
    -------
    numpy.ndarray
        ``x.shape[:-2] + (H_out, W_out)`` with ``H_out = (H - size) // stride + 1``.

    Raises
    ------
    TypeError
        If ``x`` is not a real numeric array, or ``size`` or ``stride`` not an int or
        a pair of ints.
    ValueError
        If ``x`` is not 2-, 3- or 4-D, ``size`` or ``stride`` is below 1, or the window
        is larger than the input.

    Examples
    --------
    >>> import numpy as np
    >>> max_pool2d(np.arange(16.0).reshape(4, 4), 2)
    array([[ 5.,  7.],
           [13., 15.]])
    """
    x, size_, stride_, out_hw = _prepare(x, size, stride)
    return _max_of_offsets(_offset_views(x, size_, stride_, out_hw))


def avg_pool2d(
    x: np.typing.ArrayLike, size: int | tuple[int, int], stride: int | tuple[int, int] | None = None
) -> np.ndarray:
    """Mean of each ``size`` window (same shape rules as :func:`max_pool2d`).

    Raises
    ------
    TypeError
        If ``x`` is not a real numeric array, or ``size`` or ``stride`` not an int or
        a pair of ints.
    ValueError
        If ``x`` is not 2-, 3- or 4-D, ``size`` or ``stride`` is below 1, or the window
        is larger than the input.

    Examples
    --------
    >>> import numpy as np
    >>> avg_pool2d(np.arange(16.0).reshape(4, 4), 2)
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
    """
    x, size_, stride_, out_hw = _prepare(x, size, stride)
    with ieee():  # inf and -inf in one window average to NaN, as IEEE says
        # summed in float64: float32 windows whose sum overflows still have a finite mean
        windows = _windows(x, size_, stride_, out_hw)
        mean = mean_of_windows(windows, windows.mean(axis=(-2, -1), dtype=np.float64))
        return mean.astype(x.dtype, copy=False)


def _check_grad(grad_output: object, expected: tuple[int, ...], dtype) -> np.ndarray:
    g = as_data_array(grad_output, "grad_output")
    if g.shape != expected:
        raise ValueError(
            f"grad_output must have the forward output's shape {expected}, got {g.shape}"
        )
    return np.asarray(g, dtype=np.result_type(dtype, float_dtype_for(g)))


def max_pool2d_backward(
    x: np.typing.ArrayLike,
    grad_output: np.typing.ArrayLike,
    size: int | tuple[int, int],
    stride: int | tuple[int, int] | None = None,
) -> np.ndarray:
    """Gradient of ``(max_pool2d(x, size, stride) * grad_output).sum()`` w.r.t. ``x``.

    Each window sends its gradient to its maximum. When several entries tie for
    the maximum, they share it equally (the average of the subgradients), so a
    constant input still shows every pixel a unit depends on.

    Raises
    ------
    TypeError
        If ``x`` is not a real numeric array, or ``size`` or ``stride`` not an int or
        a pair of ints.
    ValueError
        If ``x`` is not 2-, 3- or 4-D, ``size`` or ``stride`` is below 1, or the window
        is larger than the input, or ``grad_output`` does not have the
        forward output's shape.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[1., 3.], [2., 0.]])
    >>> max_pool2d_backward(x, np.array([[10.]]), 2)
    array([[ 0., 10.],
           [ 0.,  0.]])
    >>> max_pool2d_backward(np.ones((2, 2)), np.array([[1.]]), 2)
    array([[0.25, 0.25],
           [0.25, 0.25]])
    """
    x, size_, stride_, out_hw = _prepare(x, size, stride)
    g = _check_grad(grad_output, x.shape[:-2] + out_hw, x.dtype)
    with ieee():  # a window holding NaN has no maximum to route to: NaN
        if stride_ == size_:  # windows that tile x: a few passes over x in window layout
            return _max_pool_backward_tiled(x, g, size_, out_hw)
        views = _offset_views(x, size_, stride_, out_hw)
        peak = _max_of_offsets(views)
        hits = [view == peak for view in views]  # one mask per offset in the window
        share = g / sum(hit.astype(g.dtype) for hit in hits)  # ties share the gradient
        out = np.zeros(x.shape, dtype=g.dtype)
        for (i, j), hit in zip(_offsets(size_), hits, strict=True):
            out[..., _span(i, stride_[0], out_hw[0]), _span(j, stride_[1], out_hw[1])] += (
                hit * share
            )
        return out


def _max_pool_backward_tiled(x: np.ndarray, g: np.ndarray, size, out_hw) -> np.ndarray:
    """:func:`max_pool2d_backward` for windows that tile ``x`` (stride = size), with
    the same numbers in fewer passes: ties share, NaN windows give NaN, uncovered
    edges get 0."""
    (kh, kw), (ho, wo) = size, out_hw
    views = _offset_views(x, size, size, out_hw)
    peak = _max_of_offsets(views)
    hits = [np.equal(view, peak) for view in views]
    count = np.add(hits[0], hits[1], dtype=g.dtype) if len(hits) > 1 else hits[0].astype(g.dtype)
    for hit in hits[2:]:
        count += hit
    share = np.divide(g, count, out=count)  # ties share the gradient
    out = np.zeros(x.shape, dtype=g.dtype) if x.shape[-2:] != (ho * kh, wo * kw) else None
    if out is None:
        out = np.empty(x.shape, dtype=g.dtype)
    for (i, j), hit in zip(_offsets(size), hits, strict=True):
        np.multiply(hit, share, out=out[..., _span(i, kh, ho), _span(j, kw, wo)])
    out += 0.0  # 0 * (-share) is -0.0; the general path's 0.0 + (-0.0) is 0.0
    return out


def avg_pool2d_backward(
    x: np.typing.ArrayLike,
    grad_output: np.typing.ArrayLike,
    size: int | tuple[int, int],
    stride: int | tuple[int, int] | None = None,
) -> np.ndarray:
    """Gradient of ``(avg_pool2d(x, size, stride) * grad_output).sum()`` w.r.t. ``x``.

    Raises
    ------
    TypeError
        If ``x`` is not a real numeric array, or ``size`` or ``stride`` not an int or
        a pair of ints.
    ValueError
        If ``x`` is not 2-, 3- or 4-D, ``size`` or ``stride`` is below 1, or the window
        is larger than the input, or ``grad_output`` does not have the
        forward output's shape.

    Examples
    --------
    >>> import numpy as np
    >>> avg_pool2d_backward(np.zeros((2, 2)), np.array([[4.]]), 2)
    array([[1., 1.],
           [1., 1.]])
    """
    x, size_, stride_, out_hw = _prepare(x, size, stride)
    g = _check_grad(grad_output, x.shape[:-2] + out_hw, x.dtype)
    with ieee():
        per_pixel = np.broadcast_to((g / (size_[0] * size_[1]))[..., None, None], g.shape + size_)
        return _scatter_windows(per_pixel, x.shape, size_, stride_, out_hw)


def _scatter_windows(values: np.ndarray, shape, size, stride, out_hw) -> np.ndarray:
    """Add each window's values back at its place in an array of ``shape``."""
    out = np.zeros(shape, dtype=values.dtype)
    (sh, sw), (ho, wo) = stride, out_hw
    for i in range(size[0]):
        for j in range(size[1]):
            out[..., i : i + sh * (ho - 1) + 1 : sh, j : j + sw * (wo - 1) + 1 : sw] += values[
                ..., i, j
            ]
    return out


# Max pooling works offset by offset: one strided view per position in the window,
# combined with np.maximum. A reduction over the tiny window axes of a
# sliding_window_view is 10-15x slower for 2x2 windows.


def _offsets(size) -> list[tuple[int, int]]:
    return [(i, j) for i in range(size[0]) for j in range(size[1])]


def _span(offset: int, step: int, count: int) -> slice:
    return slice(offset, offset + step * (count - 1) + 1, step)


def _offset_views(x: np.ndarray, size, stride, out_hw) -> list[np.ndarray]:
    """For each (i, j) in the window, the view of the entries at that offset of every window."""
    return [
        x[..., _span(i, stride[0], out_hw[0]), _span(j, stride[1], out_hw[1])]
        for i, j in _offsets(size)
    ]


def _max_of_offsets(views: list[np.ndarray]) -> np.ndarray:
    out = views[0].copy()
    for view in views[1:]:
        np.maximum(out, view, out=out)
    return out
