"""Receptive fields: which input pixels a unit can see.

Two ways to find them, which must agree:

- :func:`receptive_field`, the analytic recursion (Araujo et al., 2019): for
  each layer with kernel ``k``, stride ``s``, padding ``p`` and dilation ``d``,

  .. math::

      k_\\text{eff} = d (k - 1) + 1, \\quad
      r_l = r_{l-1} + (k_\\text{eff} - 1) j_{l-1}, \\quad
      j_l = j_{l-1} s, \\quad
      \\text{start}_l = \\text{start}_{l-1}
      + \\left(\\tfrac{k_\\text{eff} - 1}{2} - p\\right) j_{l-1}.

- :func:`empirical_receptive_field`, the measured one: the gradient of one output
  unit with respect to every input pixel, by the backward pass.

:func:`effective_receptive_field` averages that gradient map over random weights, as
Luo et al. (2016) do, and :func:`map_width` measures how wide it is.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ._checks import (
    as_data_array,
    as_int,
    as_int_pair,
    as_real,
    check_elements,
    check_finite,
    check_finite_network,
    describe,
    ieee,
    in_context,
)
from .layers import Layer, Stack

__all__ = [
    "EFFECTIVE_FIELD_WEIGHTS",
    "ReceptiveField",
    "effective_receptive_field",
    "empirical_receptive_field",
    "map_width",
    "receptive_field",
]


@dataclass(frozen=True)
class ReceptiveField:
    """What one unit of a layer sees of the input, per axis ``(rows, cols)``.

    Attributes
    ----------
    name : str
        The layer, e.g. ``"Conv2d(3x3)"``.
    size : (int, int)
        Receptive field size in input pixels.
    jump : (int, int)
        Input pixels between the centres of neighbouring units of this layer.
    start : (float, float)
        Input coordinate of the centre of the first unit's receptive field
        (negative when padding puts it outside the image).

    Raises
    ------
    TypeError
        If ``name`` is not a string or a field is not a pair of numbers (integers for
        ``size`` and ``jump``).
    ValueError
        If ``size`` or ``jump`` is not positive, or ``start`` is not finite.

    Examples
    --------
    >>> ReceptiveField("Conv2d(3x3)", (3, 3), (1, 1), (1.0, 1.0)).size
    (3, 3)
    """

    name: str
    size: tuple[int, int]
    jump: tuple[int, int]
    start: tuple[float, float]

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise TypeError(f"name must be a string, got {describe(self.name)}")
        for label in ("size", "jump"):
            value = getattr(self, label)
            if not isinstance(value, tuple | list) or len(value) != 2:
                raise TypeError(f"{label} must be a (rows, cols) pair, got {describe(value)}")
            object.__setattr__(self, label, as_int_pair(value, label, minimum=1))
        if not isinstance(self.start, tuple | list) or len(self.start) != 2:
            raise TypeError(f"start must be a (row, col) pair, got {describe(self.start)}")
        object.__setattr__(self, "start", tuple(as_real(v, "start") for v in self.start))


def _flatten(layers: object, name: str = "layers") -> list[Layer]:
    if isinstance(layers, Layer) and not isinstance(layers, Stack):
        raise TypeError(f"{name} must be a Stack or a list of layers, got a single layer")
    if isinstance(layers, str | bytes | np.ndarray) or not isinstance(layers, Iterable):
        raise TypeError(f"{name} must be a Stack or a list of layers, got {describe(layers)}")
    flat: list[Layer] = []
    for index, layer in enumerate(layers):
        if isinstance(layer, Stack):
            flat.extend(_flatten(layer, f"{name}[{index}]"))
        elif isinstance(layer, Layer):
            flat.append(layer)
        else:
            raise TypeError(f"{name}[{index}] must be a convdemo Layer, got {describe(layer)}")
    return flat


def _window(layer: Layer, index: int):
    """``layer.window()``, checked; errors name the layer as ``layers[index]``."""
    context = f"layers[{index}] ({layer.name})"
    try:
        window = layer.window()
    except (TypeError, ValueError) as error:
        raise in_context(error, f"{context} has no receptive field") from None
    if not isinstance(window, tuple | list) or len(window) != 4:
        raise TypeError(
            f"{context}.window() must return (kernel, stride, padding, dilation), got "
            f"{describe(window)}"
        )
    try:
        kernel = as_int_pair(window[0], "kernel", minimum=1)
        stride = as_int_pair(window[1], "stride", minimum=1)
        pad = as_int_pair(window[2], "padding", minimum=0)
        dilation = as_int_pair(window[3], "dilation", minimum=1)
    except (TypeError, ValueError) as error:
        raise in_context(error, f"{context}.window()") from None
    return kernel, stride, pad, dilation


def _as_stack(stack: object) -> Stack:
    flat = _flatten(stack, "stack")
    if not flat:
        raise ValueError("stack must contain at least one layer")
    try:
        return Stack(flat)
    except (TypeError, ValueError) as error:
        raise in_context(error, "stack") from None


def receptive_field(layers: Stack | Iterable[Layer]) -> list[ReceptiveField]:
    """Receptive field size, jump and start after each layer, by the standard recursion.

    Parameters
    ----------
    layers : Stack or list of Layer
        Convolutions, pooling and activations (activations leave the field
        unchanged); nested stacks are flattened.

    Returns
    -------
    list of ReceptiveField
        One record per layer, in order.

    Raises
    ------
    TypeError
        If ``layers`` is not a Stack or a list of layers, or a layer's ``window()`` is
        not four pairs of integers.
    ValueError
        If there are no layers, or one has no receptive field (``GlobalAvgPool2d``,
        ``Linear``): the message names it, ``layers[i]``.

    See Also
    --------
    empirical_receptive_field : The same thing measured with gradients.

    Examples
    --------
    Three 3x3 convolutions see 7x7 pixels (2n + 1):

    >>> import numpy as np
    >>> from convdemo import Conv2d, ReLU
    >>> w = np.ones((3, 3))
    >>> fields = receptive_field([Conv2d(w), ReLU(), Conv2d(w), Conv2d(w)])
    >>> [f.size[0] for f in fields]
    [3, 3, 5, 7]

    A stride multiplies the jump, so later layers grow faster:

    >>> fields = receptive_field([Conv2d(w, stride=2), Conv2d(w)])
    >>> [(f.size[0], f.jump[0]) for f in fields]
    [(3, 2), (7, 2)]
    """
    flat = _flatten(layers)
    if not flat:
        raise ValueError("layers must contain at least one layer")
    size, jump, start = [1, 1], [1, 1], [0.0, 0.0]
    records = []
    for index, layer in enumerate(flat):
        kernel, stride, pad, dilation = _window(layer, index)
        for axis in range(2):
            effective = dilation[axis] * (kernel[axis] - 1) + 1
            start[axis] += ((effective - 1) / 2 - pad[axis]) * jump[axis]
            size[axis] += (effective - 1) * jump[axis]
            jump[axis] *= stride[axis]
        records.append(ReceptiveField(layer.name, tuple(size), tuple(jump), tuple(start)))
    return records


def empirical_receptive_field(
    stack: Stack | Iterable[Layer],
    input_shape: tuple[int, ...],
    unit: tuple[int, ...] | None = None,
    *,
    x: np.typing.ArrayLike | None = None,
) -> np.ndarray:
    """Measured receptive field: ``|d output[unit] / d input|``, summed over input channels.

    Parameters
    ----------
    stack : Stack or list of Layer
        The network.
    input_shape : tuple of int
        ``(H, W)`` or ``(C, H, W)``: one input, no batch axis.
    unit : tuple of int, optional
        Index of the output unit without the batch axis: ``(row, col)`` for a
        2-D output, ``(channel, row, col)`` for a 3-D one, ``(index,)`` for a 1-D
        one (after ``GlobalAvgPool2d`` or ``Linear``). Default: channel (or class) 0
        and the centre ``((H_out - 1) // 2, (W_out - 1) // 2)``.
    x : array_like, optional
        The input at which the gradient is taken; default all ones. With
        positive weights and no bias every ReLU is then active and the map's
        non-zero extent equals the analytic :func:`receptive_field` size.

    Returns
    -------
    numpy.ndarray
        Shape ``(H, W)``, non-negative.

    Raises
    ------
    TypeError
        If ``stack`` is not a Stack or a list of layers, ``input_shape`` or ``unit`` not
        integers, or ``x`` not a real numeric array.
    ValueError
        If ``input_shape`` is not ``(H, W)`` or ``(C, H, W)`` of positive sizes or does not
        fit the stack, ``x`` does not have that shape, or ``unit`` is not an index into the
        output. All checked from the shapes, before the forward pass.

    See Also
    --------
    receptive_field : The analytic size.

    Notes
    -----
    Outside the analytic field (:func:`receptive_field`, for ``unit``; for the layers
    before a global pool, flatten or linear layer, the union of their units' fields)
    the map is exactly zero: the round-off an FFT convolution leaves there (below about
    1e-16 of the map's maximum) is set to zero. Inside it, the map is the backward
    pass's result as computed.

    Examples
    --------
    >>> import numpy as np
    >>> from convdemo import Conv2d, ReLU, Stack
    >>> stack = Stack([Conv2d(np.ones((3, 3))), ReLU(), Conv2d(np.ones((3, 3)))])
    >>> grad = empirical_receptive_field(stack, (9, 9))
    >>> grad[2:7, 2:7]
    array([[1., 2., 3., 2., 1.],
           [2., 4., 6., 4., 2.],
           [3., 6., 9., 6., 3.],
           [2., 4., 6., 4., 2.],
           [1., 2., 3., 2., 1.]])
    >>> int((grad.sum(axis=0) > 0).sum())  # a 5-pixel-wide field, as 2n + 1 says
    5
    """
    layers = stack if isinstance(stack, Stack) else _as_stack(stack)
    if not isinstance(input_shape, tuple | list) or len(input_shape) not in (2, 3):
        raise ValueError(f"input_shape must be (H, W) or (C, H, W), got {input_shape!r}")
    shape = tuple(as_int(n, "input_shape", minimum=1) for n in input_shape)
    check_elements(shape, "input_shape", "an input")
    check_finite_network(layers)
    if x is not None:
        x_in = as_data_array(x, "x")
        if x_in.shape != shape:
            raise ValueError(f"x must have shape input_shape={shape}, got {x_in.shape}")
        check_finite(x_in, "x")
    try:
        layers.output_shapes(shape)
    except (TypeError, ValueError) as error:
        raise in_context(error, f"input_shape {shape} does not fit the stack") from None
    if x is None:
        x_in = np.ones(shape)
    trace = layers.trace(x_in)
    out = trace[-1]
    if unit is None:  # channel (or class) 0; the centre of a map
        centre = tuple((n - 1) // 2 for n in out.shape[-2:]) if out.ndim >= 2 else ()
        unit = (0,) * (out.ndim - len(centre)) + centre
    if not isinstance(unit, tuple | list) or len(unit) != out.ndim:
        raise ValueError(
            f"unit must be a tuple of {out.ndim} indices into the output of shape "
            f"{out.shape}, got {unit!r}"
        )
    index = tuple(as_int(i, "unit") for i in unit)
    if any(not 0 <= i < n for i, n in zip(index, out.shape, strict=True)):
        raise ValueError(f"unit {index} is outside the output of shape {out.shape}")
    grad_output = np.zeros_like(out)
    grad_output[index] = 1
    with ieee():
        grad_x, _ = layers.backward(x_in, grad_output, trace=trace)
        grad_x = np.abs(grad_x)
    if not np.isfinite(grad_x).all():
        raise ValueError(
            "x and the stack's weights give a NaN or infinite gradient (the numbers overflow): "
            "scale them down"
        )
    grad = grad_x.sum(axis=0) if grad_x.ndim == 3 else grad_x
    # The FFT leaves round-off (1e-20 .. 1e-16) where the gradient is exactly zero: outside
    # the analytic field it is zero by construction, so it is set to zero there exactly.
    box = _field_box(layers, shape, index)
    if box is not None:
        (top, bottom), (left, right) = box
        outside = np.ones(grad.shape, dtype=bool)
        outside[top:bottom, left:right] = False
        grad[outside] = 0.0
    return grad


def _field_box(
    stack: Stack, shape: tuple[int, ...], unit: tuple[int, ...]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The input rows and columns ``((top, bottom), (left, right))``, half-open and clipped
    to the image, that output ``unit`` can see by :func:`receptive_field`; None if unknown.

    A layer without a window (``GlobalAvgPool2d``, ``Flatten``, ``Linear``) sees every
    output of the layers before it: the box is then the union of their fields.
    """
    flat = _flatten(stack)
    prefix: list[Layer] = []
    for index, layer in enumerate(flat):
        try:
            _window(layer, index)
        except (TypeError, ValueError):
            break
        prefix.append(layer)
    if not prefix:
        return None
    field = receptive_field(prefix)[-1]
    if len(prefix) == len(flat):
        first = last = unit[-2:]
    else:
        out = Stack(prefix).output_shapes(shape)
        if len(out) != len(prefix) or len(out[-1]) < 2:
            return None
        first, last = (0, 0), tuple(n - 1 for n in out[-1][-2:])
    box = []
    for axis in range(2):
        half = (field.size[axis] - 1) / 2
        low = round(field.start[axis] + first[axis] * field.jump[axis] - half)
        high = round(field.start[axis] + last[axis] * field.jump[axis] + half) + 1
        box.append((max(low, 0), max(min(high, shape[-2 + axis]), 0)))
    return box[0], box[1]


#: The weights :func:`effective_receptive_field` draws: all ones, uniform on [0, 1), or
#: standard normal (random signs).
EFFECTIVE_FIELD_WEIGHTS = ("all ones", "random positive", "random sign")


def _conv_relu_stack(weights: list[np.ndarray]) -> Stack:
    """Conv2d layers with a ReLU between each two (none after the last)."""
    from .layers import Conv2d, ReLU

    layers: list[Layer] = [Conv2d(weights[0])]
    for weight in weights[1:]:
        layers += [ReLU(), Conv2d(weight)]
    return Stack(layers)


def effective_receptive_field(
    depth: int,
    weights: str = "all ones",
    *,
    draws: int = 1,
    side: int | None = None,
    channels: int = 4,
) -> np.ndarray:
    """The gradient map of a deep unit, averaged over random weights: its *effective* field.

    A stack of `depth` 3x3 convolutions (one input and one output channel, `channels`
    in between, a ReLU between each two) and its centre output unit: for each of `draws`
    weight draws, :func:`empirical_receptive_field` on a `side` x `side` input, scaled to
    sum 1, then averaged. With ``"random sign"`` weights half the ReLUs are off, so, as
    Luo et al. (2016) do, the input is random and the gradient squared. A draw whose
    ReLUs block every path (an all-zero map) is left out. Draw ``d`` of depth ``n`` uses
    ``numpy.random.default_rng([n, d])``: the same call gives the same map.

    Parameters
    ----------
    depth : int
        The number of 3x3 convolutions, at least 1.
    weights : str, default "all ones"
        One of :data:`EFFECTIVE_FIELD_WEIGHTS`.
    draws : int, default 1
        How many weight draws to average, at least 1.
    side : int, optional
        The input's height and width, at least the field's ``2 * depth + 1``; default
        ``2 * depth + 3``.
    channels : int, default 4
        The hidden layers' channels, at least 1.

    Returns
    -------
    numpy.ndarray
        Shape ``(side, side)``, non-negative, summing to 1.

    Raises
    ------
    TypeError
        If `depth`, `draws`, `side` or `channels` is not an integer, or `weights` not a
        string.
    ValueError
        If one of them is out of its range, `weights` is not a known kind, or every
        draw's gradient is zero.

    See Also
    --------
    map_width : How wide the map is.

    Examples
    --------
    >>> import numpy as np
    >>> grad = effective_receptive_field(2, side=7)  # all ones: a 3x3 box convolved twice
    >>> np.round(grad[1:6, 1:6] * 81).astype(int)
    array([[1, 2, 3, 2, 1],
           [2, 4, 6, 4, 2],
           [3, 6, 9, 6, 3],
           [2, 4, 6, 4, 2],
           [1, 2, 3, 2, 1]])
    >>> round(map_width(grad) ** 2, 9)  # variance n (k**2 - 1) / 12 = 2n / 3
    1.333333333
    """
    depth = as_int(depth, "depth", minimum=1)
    if not isinstance(weights, str):
        raise TypeError(f"weights must be a string, got {describe(weights)}")
    if weights not in EFFECTIVE_FIELD_WEIGHTS:
        raise ValueError(f"weights must be one of {EFFECTIVE_FIELD_WEIGHTS}, got {weights!r}")
    draws = as_int(draws, "draws", minimum=1)
    channels = as_int(channels, "channels", minimum=1)
    side = 2 * depth + 3 if side is None else as_int(side, "side", minimum=1)
    if side < 2 * depth + 1:
        raise ValueError(
            f"side must be at least the receptive field 2 * depth + 1 = {2 * depth + 1}, got {side}"
        )
    if depth * channels * channels * 9 > 10**7 or draws * depth * side * side > 10**9:
        raise ValueError("depth, channels, draws and side ask for more than 10**9 operations")
    widths = [1] + [channels] * (depth - 1) + [1]
    shapes = [(c_out, c_in, 3, 3) for c_in, c_out in itertools.pairwise(widths)]
    total = np.zeros((side, side))
    for draw in range(draws):
        rng = np.random.default_rng([depth, draw])
        x = np.ones((1, side, side))
        if weights == "all ones":
            kernels = [np.ones(shape) for shape in shapes]
        elif weights == "random positive":
            kernels = [rng.uniform(0.0, 1.0, shape) for shape in shapes]
        else:
            kernels = [rng.normal(0.0, 1.0, shape) for shape in shapes]
            x = rng.normal(size=x.shape)
        grad = empirical_receptive_field(_conv_relu_stack(kernels), x.shape, x=x)
        grad = grad**2 if weights == "random sign" else grad
        if grad.sum() > 0:
            total += grad / grad.sum()
    if total.sum() == 0:
        raise ValueError("every draw's gradient is zero: the ReLUs blocked every path")
    return total / total.sum()


def map_width(grad_map: np.typing.ArrayLike) -> float:
    """The width of a map along its rows: the standard deviation of the row coordinate.

    The map is read as weights (it is scaled to sum 1 first): a bell-shaped gradient map
    of width ``w`` holds about two thirds of its weight within ``w`` rows of its mean.

    Parameters
    ----------
    grad_map : array_like
        A 2-D map of non-negative numbers, not all zero.

    Returns
    -------
    float
        The standard deviation, in rows (pixels).

    Raises
    ------
    TypeError
        If `grad_map` is not a real numeric array.
    ValueError
        If it is not 2-D, holds a negative or non-finite number, or is all zero.

    Examples
    --------
    >>> map_width([[0, 0], [1, 1], [0, 0]])  # all the weight on one row
    0.0
    >>> map_width([[1], [0], [1]])  # half a row up, half a row down
    1.0
    """
    array = as_data_array(grad_map, "grad_map")
    if array.ndim != 2:
        raise ValueError(f"grad_map must be 2-D, got shape {array.shape}")
    if not np.isfinite(array).all() or (array < 0).any():
        raise ValueError("grad_map must hold non-negative finite numbers")
    if not array.any():
        raise ValueError("grad_map must not be all zero")
    # float64, scaled to a maximum of 1: int64 sums cannot overflow, float32 loses nothing
    weights = array.astype(np.float64) / float(array.max())
    profile = weights.sum(axis=1) / weights.sum()
    rows = np.arange(array.shape[0])
    mean = (rows * profile).sum()
    return float(np.sqrt(((rows - mean) ** 2 * profile).sum()))
