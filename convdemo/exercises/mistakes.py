"""The known mistakes of each exercise, each with what it would produce.

A mistake is recognised by *computing* its output on the same case (with convdemo's own
functions, given the mistaken arguments) and comparing it with what the learner's function
returned: a learner whose every answer equals the flipped-kernel convolution flipped the
kernel, whatever their code looks like. A mistake's ``predict`` returns ``None`` where the
mistake has no defined result (a centred window that would leave the image); such cases
neither confirm nor rule it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..activations import relu, step
from ..conv import conv2d
from .cases import FACE_WEIGHT

__all__ = ["MISTAKES", "Mistake"]


@dataclass(frozen=True)
class Mistake:
    """A known mistake: its name, what it teaches, and what it produces on a case.

    Examples
    --------
    >>> mistake = MISTAKES["output-size"][0]
    >>> mistake.name, mistake.predict(size=28, kernel=5)
    ('off-by-one output size', 23)
    """

    name: str
    explanation: str
    predict: Callable[..., Any]


FLIPPED = (
    "flipped kernel",
    "Your output is the kernel-flipped result (a true convolution). CNN layers compute a "
    "cross-correlation: kernel[i, j] multiplies the pixel i rows down and j columns right of "
    "the window's top-left corner; the kernel is not turned round.",
)
FORGOT_BIAS = (
    "forgot the bias",
    "Your output is the right sum of products without the bias: add it once per output "
    "number (not once per product).",
)
ONE_CHANNEL = (
    "read one channel",
    "Your output uses input channel 0 only. A layer's kernel has a slice for every input "
    "channel, and one output number sums the products over all of them.",
)
FORGOT_RELU = (
    "forgot the ReLU",
    "Your output is the score before the activation: negative scores must become 0.",
)
STEP = (
    "step instead of ReLU",
    "Your output is 1 wherever the map is positive: a step function keeps *whether*, and "
    "throws away *how much*. ReLU keeps the value itself where it is positive.",
)


def _centred_cell(image, kernel, row, col):
    kh, kw = kernel.shape
    top, left = row - kh // 2, col - kw // 2
    if top < 0 or left < 0 or top + kh > image.shape[0] or left + kw > image.shape[1]:
        return None
    return float(np.sum(kernel * image[top : top + kh, left : left + kw]))


def _transposed_cell(image, kernel, row, col):
    kh, kw = kernel.shape
    if col + kw > image.shape[0] or row + kh > image.shape[1]:
        return None
    return float(np.sum(kernel * image[col : col + kw, row : row + kh].T))


CONV_ONE_CELL = [
    Mistake(
        *FLIPPED, lambda image, kernel, row, col: float(conv2d(image, kernel[::-1, ::-1])[row, col])
    ),
    Mistake(
        "centred window",
        "You centred the kernel on (row, col). In a convolution layer without padding, output "
        "cell (row, col) is the window whose top-left corner is image[row, col].",
        _centred_cell,
    ),
    Mistake(
        "rows and columns swapped",
        "You read image[col + j, row + i]: the first index of an array is the row (down), the "
        "second the column (across).",
        _transposed_cell,
    ),
]


def _stride_on_input(x, weight, bias, stride=1, padding=0):
    if stride == 1:
        return None
    pads = ((0, 0), (padding, padding), (padding, padding))
    subsampled = np.pad(x, pads)[:, ::stride, ::stride]
    if any(n < k for n, k in zip(subsampled.shape[1:], weight.shape[2:], strict=True)):
        return None
    return conv2d(subsampled, weight, bias)


CONV2D_LOOPS = [
    Mistake(
        *FLIPPED,
        lambda x, weight, bias, stride=1, padding=0: conv2d(
            x, weight[:, :, ::-1, ::-1], bias, stride=stride, padding=padding
        ),
    ),
    Mistake(
        *FORGOT_BIAS,
        lambda x, weight, bias, stride=1, padding=0: conv2d(
            x, weight, stride=stride, padding=padding
        ),
    ),
    Mistake(
        *ONE_CHANNEL,
        lambda x, weight, bias, stride=1, padding=0: (
            None
            if x.shape[0] == 1
            else conv2d(x[:1], weight[:, :1], bias, stride=stride, padding=padding)
        ),
    ),
    Mistake(
        "forgot the padding",
        "Your output is what the layer gives with no zeros around the input: pad the input "
        "with `padding` rows and columns of zeros on every side before sliding the kernel.",
        lambda x, weight, bias, stride=1, padding=0: (
            None if padding == 0 else conv2d(x, weight, bias, stride=stride)
        ),
    ),
    Mistake(
        "stride applied to the input",
        "You subsampled the input (kept every stride-th pixel) and then slid the kernel one "
        "pixel at a time. The stride moves the *window*: the window of output (y, z) starts at "
        "input row y * stride and column z * stride, and its taps are neighbouring pixels.",
        _stride_on_input,
    ),
    Mistake(
        "forgot the stride",
        "Your output has a window at every position: the stride skips positions (output (y, z) "
        "reads the window starting at y * stride, z * stride).",
        lambda x, weight, bias, stride=1, padding=0: (
            None if stride == 1 else conv2d(x, weight, bias, padding=padding)
        ),
    ),
    Mistake(
        "off-by-one output size",
        "Your output lacks the last row and column: (H + 2p - k) // s counts the steps between "
        "windows; the number of windows is one more.",
        lambda x, weight, bias, stride=1, padding=0: conv2d(
            x, weight, bias, stride=stride, padding=padding
        )[:, :-1, :-1],
    ),
]


def _size(
    size, kernel, stride, padding, dilation, *, plus_one=True, pads=2, span=None, divide=None
):
    span = dilation * (kernel - 1) + 1 if span is None else span
    room = size + pads * padding - span
    steps = room // stride if divide is None else divide(room, stride)
    return steps + 1 if plus_one else steps


OUTPUT_SIZE = [
    Mistake(
        "off-by-one output size",
        "You counted the steps between windows, (size + 2p - span) // stride; the number of "
        "windows is one more (the first window needs no step).",
        lambda size, kernel, stride=1, padding=0, dilation=1: _size(
            size, kernel, stride, padding, dilation, plus_one=False
        ),
    ),
    Mistake(
        "forgot the padding",
        "Your size is the one without padding: the padded input is size + 2 * padding long.",
        lambda size, kernel, stride=1, padding=0, dilation=1: (
            None if padding == 0 else _size(size, kernel, stride, padding, dilation, pads=0)
        ),
    ),
    Mistake(
        "padding on one side only",
        "You added the padding once: the zeros go on both sides, size + 2 * padding.",
        lambda size, kernel, stride=1, padding=0, dilation=1: (
            None if padding == 0 else _size(size, kernel, stride, padding, dilation, pads=1)
        ),
    ),
    Mistake(
        "forgot the dilation",
        "You used the kernel's taps as its width: with dilation d a kernel of k taps spans "
        "d * (k - 1) + 1 input pixels.",
        lambda size, kernel, stride=1, padding=0, dilation=1: (
            None if dilation == 1 else _size(size, kernel, stride, padding, dilation, span=kernel)
        ),
    ),
    Mistake(
        "dilation times the kernel",
        "You took d * k as the span: a dilated kernel has k taps d apart, spanning "
        "d * (k - 1) + 1 pixels.",
        lambda size, kernel, stride=1, padding=0, dilation=1: (
            None
            if dilation == 1
            else _size(size, kernel, stride, padding, dilation, span=dilation * kernel)
        ),
    ),
    Mistake(
        "rounded up",
        "You counted a last window that does not fit: round the steps down (floor, //).",
        lambda size, kernel, stride=1, padding=0, dilation=1: _size(
            size, kernel, stride, padding, dilation, divide=lambda a, b: -(-a // b)
        ),
    ),
    Mistake(
        "true division instead of floor division",
        "You divided with /, which gives a fraction: a size is a whole number of windows (use //).",
        lambda size, kernel, stride=1, padding=0, dilation=1: (
            None
            if (size + 2 * padding - dilation * (kernel - 1) - 1) % stride == 0
            else _size(size, kernel, stride, padding, dilation, divide=lambda a, b: a / b)
        ),
    ),
]

RELU_MAP = [
    Mistake(*STEP, lambda feature_map: step(feature_map)),
    Mistake(
        "no activation",
        "Your output is the map unchanged: the negative values must become 0.",
        lambda feature_map: np.asarray(feature_map, dtype=float),
    ),
    Mistake(
        "absolute value",
        "You kept the size of negative values too (|x|). ReLU sets them to 0: a falling edge "
        "and a rising edge are different features.",
        lambda feature_map: np.abs(feature_map),
    ),
    Mistake(
        "kept the negative part",
        "Your output is max(-x, 0), the negative values turned positive: ReLU keeps max(x, 0).",
        lambda feature_map: relu(-np.asarray(feature_map, dtype=float)),
    ),
]


def _face(eyes, mouth, bias, weight):
    return relu(conv2d(np.stack([eyes, mouth]), weight, np.array([bias]))[0])


_SWAPPED = np.zeros((1, 2, 4, 5))
_SWAPPED[0, 0, 3, 0] = _SWAPPED[0, 0, 3, 4] = _SWAPPED[0, 1, 0, 2] = 1  # the mouth on top

FACE_DETECTOR = [
    Mistake(
        *ONE_CHANNEL[:1],
        "Your map uses the eye channel only: the face kernel has a slice for each channel, and "
        "the score adds both; eyes alone never clear the bias.",
        lambda eyes, mouth, bias=-2.5: _face(eyes, np.zeros_like(eyes), bias, FACE_WEIGHT),
    ),
    Mistake(
        *FORGOT_BIAS[:1],
        "Your scores are the sums without the bias: then two eyes with no mouth score 2, "
        "more than 0, and the detector fires on parts, not faces.",
        lambda eyes, mouth, bias=-2.5: _face(eyes, mouth, 0.0, FACE_WEIGHT),
    ),
    Mistake(
        *FORGOT_RELU,
        lambda eyes, mouth, bias=-2.5: conv2d(
            np.stack([eyes, mouth]), FACE_WEIGHT, np.array([bias])
        )[0],
    ),
    Mistake(
        "mouth above the eyes",
        "Your kernel looks for the mouth on the top row and the eyes three rows below: the "
        "arrangement is the feature, and yours is the jumble's.",
        lambda eyes, mouth, bias=-2.5: _face(eyes, mouth, bias, _SWAPPED),
    ),
    Mistake(
        "channels swapped",
        "Your kernel reads the eyes from the mouth channel and the mouth from the eye channel: "
        "each slice of a layer-2 kernel belongs to one input channel, in order.",
        lambda eyes, mouth, bias=-2.5: _face(mouth, eyes, bias, FACE_WEIGHT),
    ),
]


def _fields(layers, *, dilate=True, times=False, jump_first=False, use_jump=True):
    field, jump, sizes = 1, 1, []
    for kernel, stride, dilation in layers:
        span = dilation * kernel if times else (dilation * (kernel - 1) + 1 if dilate else kernel)
        if jump_first:
            jump *= stride
        field += (span - 1) * (jump if use_jump else 1)
        if not jump_first:
            jump *= stride
        sizes.append(field)
    return sizes


def _any(layers, position):
    return any(layer[position] != 1 for layer in layers)


RECEPTIVE_FIELD = [
    Mistake(
        "forgot the dilation",
        "You grew the field by kernel - 1: a kernel with dilation d spans d * (kernel - 1) + 1 "
        "units of its input.",
        lambda layers: _fields(layers, dilate=False) if _any(layers, 2) else None,
    ),
    Mistake(
        "forgot the stride (the jump)",
        "You added kernel - 1 per layer whatever came before: after a stride-s layer "
        "neighbouring units are s pixels apart, so every later tap adds the *jump* "
        "(the product of the earlier strides) pixels, not 1.",
        lambda layers: _fields(layers, use_jump=False) if _any(layers, 1) else None,
    ),
    Mistake(
        "jump updated too early",
        "You multiplied the jump by a layer's own stride before using it for that layer: a "
        "layer's taps are spaced by its *input's* jump; its stride only spaces the next layer's.",
        lambda layers: _fields(layers, jump_first=True) if _any(layers, 1) else None,
    ),
    Mistake(
        "dilation times the kernel",
        "You took d * k as the span of a dilated kernel: k taps d apart span d * (k - 1) + 1.",
        lambda layers: _fields(layers, times=True) if _any(layers, 2) else None,
    ),
]


def _full(k1, k2, flip):
    b = k2[::-1, ::-1] if not flip else k2
    kh2, kw2 = k2.shape
    return conv2d(k1, b, padding=(kh2 - 1, kw2 - 1))


COMPOSE_KERNELS = [
    Mistake(
        "flipped kernel (correlated instead of convolved)",
        "You slid k2 over k1 as a layer does (a cross-correlation). The taps' offsets *add* "
        "(out[i + m, j + n] += k1[i, j] * k2[m, n]): the composed kernel is the full "
        "convolution of the two, one of them turned round relative to a correlation.",
        lambda k1, k2: _full(k1, k2, flip=True),
    ),
    Mistake(
        "only the overlap (valid part)",
        "You kept only the positions where one kernel lies wholly inside the other: the "
        "composed kernel is the full result, (kh1 + kh2 - 1) x (kw1 + kw2 - 1).",
        lambda k1, k2: (
            None
            if k1.shape[0] < k2.shape[0] or k1.shape[1] < k2.shape[1]
            else _full(k1, k2, flip=False)[
                k2.shape[0] - 1 : k1.shape[0], k2.shape[1] - 1 : k1.shape[1]
            ]
        ),
    ),
    Mistake(
        "multiplied the kernels elementwise",
        "Two layers do not multiply their kernels tap by tap: every tap of k1 meets every tap "
        "of k2, at the offset that is the sum of theirs.",
        lambda k1, k2: k1 * k2 if k1.shape == k2.shape else None,
    ),
    Mistake(
        "added the kernels",
        "Stacking layers composes their kernels (a convolution of the two), it does not add them.",
        lambda k1, k2: k1 + k2 if k1.shape == k2.shape else None,
    ),
]


def _unit(maps, kernel, bias, row, col):
    return float(conv2d(maps, kernel[None], np.array([bias]))[0, row, col])


def _centred_unit(maps, kernel, bias, row, col):
    _, kh, kw = kernel.shape
    top, left = row - kh // 2, col - kw // 2
    if top < 0 or left < 0 or top + kh > maps.shape[1] or left + kw > maps.shape[2]:
        return None
    return max(_unit(maps, kernel, bias, top, left), 0.0)


LAYER2_UNIT = [
    Mistake(
        *ONE_CHANNEL,
        lambda maps, kernel, bias, row, col: max(_unit(maps[:1], kernel[:1], bias, row, col), 0.0),
    ),
    Mistake(
        *FORGOT_BIAS,
        lambda maps, kernel, bias, row, col: max(_unit(maps, kernel, 0.0, row, col), 0.0),
    ),
    Mistake(
        *FORGOT_RELU,
        lambda maps, kernel, bias, row, col: _unit(maps, kernel, bias, row, col),
    ),
    Mistake(
        *FLIPPED,
        lambda maps, kernel, bias, row, col: max(
            _unit(maps, kernel[:, ::-1, ::-1], bias, row, col), 0.0
        ),
    ),
    Mistake(
        "centred window",
        "You centred the kernel on (row, col): unit (row, col) of a layer without padding "
        "reads the window whose top-left corner is (row, col) of every map.",
        _centred_unit,
    ),
]

#: exercise name -> its known mistakes, in the order they are tried
MISTAKES: dict[str, list[Mistake]] = {
    "conv-one-cell": CONV_ONE_CELL,
    "conv2d-loops": CONV2D_LOOPS,
    "output-size": OUTPUT_SIZE,
    "relu-vs-step": RELU_MAP,
    "face-detector": FACE_DETECTOR,
    "receptive-field": RECEPTIVE_FIELD,
    "compose-kernels": COMPOSE_KERNELS,
    "layer2-unit": LAYER2_UNIT,
}
