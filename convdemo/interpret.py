"""What does a unit respond to? Tools to look inside a trained :class:`~convdemo.Stack`.

* :func:`top_activating_patches`: the input patches that excite a channel most,
  cropped to the unit's receptive field (after Zeiler & Fergus, 2014);
* :func:`activation_maximisation`: an input built by gradient ascent to excite
  a channel, with weight decay and blur as regularisers (after Olah et al., 2017);
* :func:`occlusion_sensitivity`: how much a score drops when a patch of the
  input is hidden (Zeiler & Fergus, 2014);
* :func:`read_circuit`: a layer-2 kernel read as "which layer-1 features, where"
  (after Olah et al., 2020).

Layers are named by their index in the stack; "the output of layer ``i``" is
``stack.trace(x)[i]``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from ._checks import (
    as_data_array,
    as_int,
    as_real,
    check_elements,
    check_finite,
    check_finite_network,
    check_not_empty,
    describe,
    float_dtype_for,
    ieee,
    in_context,
)
from .conv import conv2d
from .layers import Conv2d, Stack
from .receptive_field import receptive_field

__all__ = [
    "CircuitEdge",
    "TopPatches",
    "activation_maximisation",
    "occlusion_sensitivity",
    "read_circuit",
    "top_activating_patches",
]


def _prefix(stack: object, layer: object) -> Stack:
    if not isinstance(stack, Stack):
        raise TypeError(f"stack must be a convdemo Stack, got {describe(stack)}")
    check_finite_network(stack)
    index = as_int(layer, "layer")
    if not -len(stack) <= index < len(stack):
        raise ValueError(f"layer must index one of the stack's {len(stack)} layers, got {index}")
    return Stack(stack.layers[: index % len(stack) + 1])


def _check_channel(channel: object, n_channels: int, name: str = "channel") -> int:
    c = as_int(channel, name, minimum=0)
    if c >= n_channels:
        raise ValueError(f"{name} must be in 0..{n_channels - 1}, got {c}")
    return c


def _check_images(images: object, name: str = "images", ndims=(4,)) -> np.ndarray:
    x = as_data_array(images, name, ndims)
    if len(ndims) == 1 and ndims[0] == 4:
        check_not_empty(x, name)
    x = np.asarray(x, dtype=float_dtype_for(x))
    check_finite(x, name)
    return x


def _output_shape(
    stack: Stack, shape: tuple[int, ...], name: str, given: tuple[int, ...] | None = None
) -> tuple[int, ...] | None:
    """The stack's output shape for an input of ``shape``, from the shapes alone; errors
    name the caller's argument (``name``, of shape ``given``). None if a layer of your own
    makes it unknown."""
    try:
        shapes = stack.output_shapes(shape)
    except (TypeError, ValueError) as error:
        shown = tuple(shape if given is None else given)
        raise in_context(error, f"{name} of shape {shown} does not fit the stack") from None
    return shapes[-1] if len(shapes) == len(stack) else None


@dataclass(frozen=True)
class TopPatches:
    """Result of :func:`top_activating_patches`, best first.

    Attributes
    ----------
    patches : numpy.ndarray
        ``(k, C_in, size_rows, size_cols)`` input crops, one receptive field each;
        NaN where the field reaches outside the image.
    values : numpy.ndarray
        ``(k,)`` the unit's activation for each patch.
    locations : numpy.ndarray
        ``(k, 3)`` int: image index, row and column of the unit in the layer's output.

    Raises
    ------
    TypeError
        If a field is not a real numeric array (``locations``: integers).
    ValueError
        If the shapes are not ``(k, C, h, w)``, ``(k,)`` and ``(k, 3)``, or ``values``
        hold NaN or infinity.
    """

    patches: np.ndarray
    values: np.ndarray
    locations: np.ndarray

    def __post_init__(self) -> None:
        patches = as_data_array(self.patches, "patches", (4,))
        values = as_data_array(self.values, "values", (1,))
        check_finite(values, "values")  # (patches are NaN where they reach outside the image)
        locations = as_data_array(self.locations, "locations", (2,))
        if locations.dtype.kind not in "iu":
            raise TypeError(f"locations must be integers, got dtype {locations.dtype}")
        k = len(patches)
        if values.shape != (k,) or locations.shape != (k, 3):
            raise ValueError(
                f"values must have shape ({k},) and locations ({k}, 3), one per patch of "
                f"patches {patches.shape}; got {values.shape} and {locations.shape}"
            )


def top_activating_patches(
    stack: Stack, images: np.typing.ArrayLike, layer: int, channel: int, k: int = 9
) -> TopPatches:
    """The ``k`` input patches that excite one channel of one layer the most.

    Every unit of the channel, in every image, is a candidate; a unit's patch is
    its receptive field (:func:`convdemo.receptive_field`), so the crop shows
    exactly the pixels the unit can see.

    Parameters
    ----------
    stack : Stack
        The network.
    images : array_like
        ``(N, C, H, W)``.
    layer : int
        Index of the layer whose output is read (negative counts from the end).
    channel : int
        Channel of that output.
    k : int, default 9
        How many patches (fewer if there are fewer units).

    Returns
    -------
    TopPatches

    Raises
    ------
    TypeError
        If ``stack`` is not a Stack, ``images`` not a real numeric array, or ``layer``,
        ``channel`` or ``k`` not an integer.
    ValueError
        If ``images`` is not ``(N, C, H, W)`` with ``N >= 1`` and finite values or does not
        fit the stack, ``layer`` or ``channel`` is out of range, the layer gives no feature
        maps, ``k < 1``, or the patches would be too large to allocate.

    Examples
    --------
    A vertical-line detector's favourite 3x3 patch holds a vertical line:

    >>> import numpy as np
    >>> from convdemo import Conv2d, ReLU, Stack, named_kernel
    >>> image = np.zeros((1, 1, 5, 5))
    >>> image[0, 0, :, 3] = 1.0
    >>> stack = Stack([Conv2d(named_kernel("vertical_line")[None, None]), ReLU()])
    >>> top = top_activating_patches(stack, image, layer=1, channel=0, k=1)
    >>> top.patches[0, 0], top.values, top.locations
    (array([[0., 1., 0.],
           [0., 1., 0.],
           [0., 1., 0.]]), array([6.]), array([[0, 0, 2]]))
    """
    x = _check_images(images)
    prefix = _prefix(stack, layer)
    shape = _output_shape(prefix, x.shape, "images")
    out = prefix.forward(x) if shape is None else None
    shape = out.shape if shape is None else shape
    if len(shape) != 4:
        raise ValueError(
            f"layer {layer} gives outputs of shape {shape}; top patches need feature maps "
            "(N, C, H, W): pick a convolution, activation or pooling layer"
        )
    c = _check_channel(channel, shape[1])
    count = as_int(k, "k", minimum=1)
    field = receptive_field(prefix)[-1]
    count = min(count, shape[0] * shape[2] * shape[3])
    check_elements((count, x.shape[1], *field.size), ("k", "layer"), "patches")
    out = prefix.forward(x) if out is None else out
    responses = out[:, c]
    flat = responses.ravel()
    # stable ordering: highest value first, ties by position
    order = np.argsort(-flat, kind="stable")[:count]
    locations = np.stack(np.unravel_index(order, responses.shape), axis=1)
    size_r, size_c = field.size
    patches = np.full((count, x.shape[1], size_r, size_c), np.nan, dtype=x.dtype)
    h, w = x.shape[2:]
    for i, (n, row, col) in enumerate(locations):
        top = round(field.start[0] + field.jump[0] * int(row) - (size_r - 1) / 2)
        left = round(field.start[1] + field.jump[1] * int(col) - (size_c - 1) / 2)
        r0, r1 = max(top, 0), min(top + size_r, h)
        c0, c1 = max(left, 0), min(left + size_c, w)
        patches[i, :, r0 - top : r1 - top, c0 - left : c1 - left] = x[n, :, r0:r1, c0:c1]
    return TopPatches(patches, flat[order], locations.astype(np.int64))


def activation_maximisation(
    stack: Stack,
    layer: int,
    channel: int,
    input_shape: tuple[int, int, int],
    *,
    steps: int = 200,
    lr: float = 0.05,
    weight_decay: float = 1e-3,
    blur_every: int = 4,
    seed: int = 0,
) -> np.ndarray:
    """An input made to excite one channel: gradient ascent on the pixels.

    Starting from faint seeded noise, each step moves the image along the
    gradient of the channel's mean activation (normalised to unit RMS, so
    ``lr`` is a step size in pixel units), shrinks it by ``weight_decay``, and
    every ``blur_every`` steps smooths it with a 3x3 Gaussian: the regularisers
    keep the image from filling with high-frequency noise that excites the unit
    but means nothing (Olah et al., 2017). The image is kept within [-1, 1].

    Parameters
    ----------
    stack : Stack
        The network.
    layer : int
        Index of the layer whose output is maximised.
    channel : int
        Channel of that output.
    input_shape : (int, int, int)
        ``(C, H, W)`` of the image to build.
    steps : int, default 200
        Gradient-ascent steps.
    lr : float, default 0.05
        Step size.
    weight_decay : float, default 1e-3
        Fraction of the image removed each step (an L2 penalty).
    blur_every : int, default 4
        Blur period in steps; 0 turns blurring off.
    seed : int, default 0
        Seed of the starting noise.

    Returns
    -------
    numpy.ndarray
        ``input_shape``, values in [-1, 1].

    Raises
    ------
    TypeError
        If ``stack`` is not a Stack, or an argument has the wrong type (``input_shape``:
        not integers; ``lr``, ``weight_decay``: not real numbers).
    ValueError
        Bad values (``input_shape`` not ``(C, H, W)`` of positive sizes, too large or
        not fitting the stack, ``layer`` or ``channel`` out of range, ``steps < 1``...),
        or a channel that is silent at the start (zero gradient: gradient ascent cannot
        begin), rather than returning the starting noise.

    Examples
    --------
    The favourite input of a horizontal-edge detector is dark above, bright below:

    >>> import numpy as np
    >>> from convdemo import Conv2d, ReLU, Stack, named_kernel
    >>> stack = Stack([Conv2d(named_kernel("sobel_y")[None, None]), ReLU()])
    >>> image = activation_maximisation(stack, 1, 0, (1, 8, 8), steps=50)
    >>> bool(image[0, 6].mean() > 0 > image[0, 1].mean())
    True
    """
    prefix = _prefix(stack, layer)
    if not isinstance(input_shape, tuple | list) or len(input_shape) != 3:
        raise ValueError(f"input_shape must be (C, H, W), got {describe(input_shape)}")
    shape = tuple(as_int(n, "input_shape", minimum=1) for n in input_shape)
    n_steps = as_int(steps, "steps", minimum=1)
    step_size = as_real(lr, "lr", positive=True)
    decay = as_real(weight_decay, "weight_decay", minimum=0, below=1)
    period = as_int(blur_every, "blur_every", minimum=0)
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0, maximum=None))
    check_elements(shape, "input_shape", "an image")
    check_elements((shape[0], shape[0], 3, 3), "input_shape", "a blur kernel")
    out_shape = _output_shape(prefix, (1, *shape), "input_shape", shape)
    image = rng.normal(0.0, 0.01, size=(1, *shape))
    out_shape = prefix.forward(image).shape if out_shape is None else out_shape
    if len(out_shape) != 4:
        raise ValueError(
            f"layer {layer} gives outputs of shape {out_shape}; pick a layer with feature maps"
        )
    c = _check_channel(channel, out_shape[1])
    gaussian = np.array([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]) / 16
    blur = np.zeros((shape[0], shape[0], 3, 3))
    blur[np.arange(shape[0]), np.arange(shape[0])] = gaussian
    moved = False
    for index in range(1, n_steps + 1):
        trace = prefix.trace(image)
        grad_output = np.zeros_like(trace[-1])
        grad_output[:, c] = 1.0 / np.prod(trace[-1].shape[2:])
        grad, _ = prefix.backward(image, grad_output, trace=trace)
        rms = np.sqrt(np.mean(grad * grad))
        if rms > 0:
            image = image + step_size * grad / rms
            moved = True
        elif not moved:
            raise ValueError(
                f"channel {c} of layer {layer} is silent at the starting image (its gradient "
                "is zero, e.g. every unit is behind a ReLU that is off): maximise the layer "
                "before the activation instead, or try another seed"
            )
        image *= 1 - decay
        if period and index % period == 0:
            image = conv2d(image, blur, padding=1)
        np.clip(image, -1.0, 1.0, out=image)
    return image[0]


def occlusion_sensitivity(
    stack: Stack,
    image: np.typing.ArrayLike,
    target: int,
    *,
    layer: int = -1,
    patch: int = 4,
    stride: int = 2,
    fill: float | None = None,
) -> np.ndarray:
    """How much a score drops when each part of the image is hidden.

    A ``patch`` x ``patch`` square of ``fill`` slides over the image with step
    ``stride``; for every position the score (channel or class ``target`` of
    layer ``layer``'s output, summed over positions for a feature map) is
    recomputed. Each pixel gets the mean drop over the squares that covered it.

    Parameters
    ----------
    stack : Stack
        The network.
    image : array_like
        One image ``(C, H, W)``.
    target : int
        Class (for ``(N, classes)`` outputs) or channel (for feature maps).
    layer : int, default -1
        Index of the layer whose output is scored (default: the last).
    patch, stride : int
        Size and step of the occluding square.
    fill : float, optional
        Value of the square; default the image's mean.

    Returns
    -------
    numpy.ndarray
        ``(H, W)``: positive where hiding the pixel lowers the score.

    Raises
    ------
    TypeError
        If ``stack`` is not a Stack, ``image`` not a real numeric array, ``target``,
        ``layer``, ``patch`` or ``stride`` not an integer, or ``fill`` not a real number.
    ValueError
        If ``image`` is not ``(C, H, W)``, empty, not finite or does not fit the stack,
        ``target`` or ``layer`` is out of range, ``patch`` is larger than the image, or
        ``patch``, ``stride`` is below 1.

    Examples
    --------
    Hiding the line is what hurts a line detector:

    >>> import numpy as np
    >>> from convdemo import Conv2d, ReLU, Stack, named_kernel
    >>> image = np.zeros((1, 6, 6))
    >>> image[0, :, 2] = 1.0
    >>> stack = Stack([Conv2d(named_kernel("vertical_line")[None, None]), ReLU()])
    >>> drop = occlusion_sensitivity(stack, image, 0, patch=2, stride=2, fill=0.0)
    >>> [int(c) for c in drop.mean(axis=0).round()]
    [0, 0, 8, 8, 0, 0]
    """
    prefix = _prefix(stack, layer)
    x = _check_images(image, "image", (3,))
    t = as_int(target, "target", minimum=0)
    size = as_int(patch, "patch", minimum=1)
    step = as_int(stride, "stride", minimum=1)
    if x.size == 0:
        raise ValueError(f"image must not be empty, got shape {x.shape}")
    _, h, w = x.shape
    if size > min(h, w):
        raise ValueError(f"patch {size} is larger than the image's (H, W) = {(h, w)}")
    with ieee():
        value = float(x.mean()) if fill is None else as_real(fill, "fill")
    out_shape = _output_shape(prefix, (1, *x.shape), "image", x.shape)
    out_shape = prefix.forward(x[None]).shape if out_shape is None else out_shape
    if len(out_shape) < 2:
        raise ValueError(f"layer {layer} gives outputs of shape {out_shape}: nothing to score")
    t = _check_channel(t, out_shape[1], "target")

    def score(batch: np.ndarray) -> np.ndarray:
        with ieee():
            return prefix.forward(batch)[:, t].reshape(len(batch), -1).sum(axis=1)

    base = score(x[None])[0]
    positions = [
        (top, left) for top in range(0, h - size + 1, step) for left in range(0, w - size + 1, step)
    ]
    # Occluded copies in batches of at most _OCCLUSION_BATCH numbers (one batch when small).
    per_batch = max(1, _OCCLUSION_BATCH // x.size)
    drops = np.empty(len(positions))
    for first in range(0, len(positions), per_batch):
        chunk = positions[first : first + per_batch]
        batch = np.repeat(x[None], len(chunk), axis=0)
        with ieee():  # a fill beyond float32's range is inf
            for i, (top, left) in enumerate(chunk):
                batch[i, :, top : top + size, left : left + size] = value
            drops[first : first + len(chunk)] = base - score(batch)
    total = np.zeros((h, w))
    covered = np.zeros((h, w))
    with ieee():
        for i, (top, left) in enumerate(positions):
            total[top : top + size, left : left + size] += drops[i]
            covered[top : top + size, left : left + size] += 1
        result = np.divide(total, covered, out=np.zeros_like(total), where=covered > 0)
    if not np.isfinite(result).all():
        raise ValueError(
            "image (or fill) gives NaN or infinite scores: the numbers overflow in the network; "
            "scale the image down"
        )
    return result


# Numbers of occluded images scored at once by occlusion_sensitivity.
_OCCLUSION_BATCH = 1 << 24


@dataclass(frozen=True)
class CircuitEdge:
    """One input channel's part in a convolution unit, from :func:`read_circuit`.

    Attributes
    ----------
    in_channel : int
        The input (previous layer's) channel.
    weights : numpy.ndarray
        ``(kh, kw)`` the kernel slice that reads it: *where* it matters.
    excitation : float
        Sum of the slice's positive weights.
    inhibition : float
        Sum of its negative weights (<= 0).

    Raises
    ------
    TypeError
        If a field has the wrong type.
    ValueError
        If ``in_channel`` or ``excitation`` is negative, ``inhibition`` positive,
        ``weights`` not 2-D, or a number NaN or infinite.
    """

    in_channel: int
    weights: np.ndarray
    excitation: float
    inhibition: float

    def __post_init__(self) -> None:
        as_int(self.in_channel, "in_channel", minimum=0)
        check_finite(as_data_array(self.weights, "weights", (2,)), "weights")
        for label, sign in (("excitation", 1), ("inhibition", -1)):
            value = getattr(self, label)
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise TypeError(f"{label} must be a real number, got {describe(value)}")
            as_real(value, label)  # finite, as read_circuit's sums of finite weights
            if sign * value < 0:
                raise ValueError(f"{label} must be {'>=' if sign > 0 else '<='} 0, got {value}")


def _finite_sum(weights: np.ndarray) -> float:
    with ieee():
        total = float(weights.sum(dtype=np.float64))
    if not np.isfinite(total):
        raise ValueError(f"layer's weights sum to {total}: they overflow float64")
    return total


def read_circuit(layer: Conv2d, out_channel: int) -> list[CircuitEdge]:
    """A convolution unit read as "which input features, where": one edge per input channel.

    The edges come strongest first (by total absolute weight), so the first few
    say what the unit is built from.

    Parameters
    ----------
    layer : Conv2d
        A convolution with a 4-D weight ``(C_out, C_in, kh, kw)``.
    out_channel : int
        The unit's channel.

    Returns
    -------
    list of CircuitEdge

    Raises
    ------
    TypeError
        If ``layer`` is not a Conv2d with a 4-D weight, or ``out_channel`` not an integer.
    ValueError
        If ``out_channel`` is not one of the layer's output channels.

    Examples
    --------
    The hand-built face unit is excited by the eye channel (0) and the mouth
    channel (1), each at its own place in the window:

    >>> from convdemo import smiley_face_detector
    >>> edges = read_circuit(smiley_face_detector()[2], 0)
    >>> [(e.in_channel, e.excitation, e.inhibition) for e in edges]
    [(0, 4.0, 0.0), (1, 2.5, 0.0)]
    """
    if not isinstance(layer, Conv2d) or layer.weight.ndim != 4:
        raise TypeError(f"layer must be a Conv2d with a 4-D weight, got {describe(layer)}")
    check_finite(layer.weight, "layer's weight")
    o = _check_channel(out_channel, layer.weight.shape[0], "out_channel")
    edges = []
    for c, weights in enumerate(layer.weight[o]):
        edges.append(
            CircuitEdge(
                in_channel=c,
                weights=weights.copy(),
                excitation=_finite_sum(weights[weights > 0]),
                inhibition=_finite_sum(weights[weights < 0]),
            )
        )
    return sorted(edges, key=lambda e: -(e.excitation - e.inhibition))
