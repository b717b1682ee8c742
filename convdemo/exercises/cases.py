"""The cases each exercise is checked on, and the right answer to each: convdemo's own.

Every case is seeded (``numpy.random.default_rng`` with a fixed seed per exercise), small
enough to read when it is printed, and chosen to catch a mistake: non-square images and
kernels, padding 0 and more, stride above 1, several channels, kernels that are not
symmetric (a flipped kernel gives a different answer), cells at the edges.

The expected answer comes from the package's tested computation (:func:`convdemo.conv2d`,
:func:`convdemo.conv_output_size`, :func:`convdemo.relu`, :func:`convdemo.compose_kernels`,
:func:`convdemo.receptive_field`), never from the reference solutions the learner is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..activations import relu
from ..compose import compose_kernels
from ..conv import conv2d
from ..geometry import conv_output_size
from ..layers import Conv2d
from ..receptive_field import receptive_field

__all__ = ["CASES", "EXPECTED", "Case"]


@dataclass(frozen=True)
class Case:
    """One call of the learner's function: a label saying what it tests, and its arguments.

    Examples
    --------
    >>> Case("padding 0", {"size": 5, "kernel": 3}).label
    'padding 0'
    """

    label: str
    inputs: dict[str, Any]


def _ints(rng: np.random.Generator, shape: tuple[int, ...], low: int = -3, high: int = 4):
    """Small integers as floats: every sum is exact, and the printout is readable."""
    return rng.integers(low, high, size=shape).astype(float)


# --- 1. one output cell


def _conv_one_cell_cases() -> list[Case]:
    rng = np.random.default_rng(1)
    image, kernel = _ints(rng, (5, 5), 0, 10), _ints(rng, (3, 3))
    wide, flat = _ints(rng, (4, 7), 0, 10), _ints(rng, (2, 3))
    return [
        Case(
            "5x5 image, 3x3 kernel, top-left cell", dict(image=image, kernel=kernel, row=0, col=0)
        ),
        Case("the same, the middle cell", dict(image=image, kernel=kernel, row=1, col=1)),
        Case("the same, bottom-right cell", dict(image=image, kernel=kernel, row=2, col=2)),
        Case("non-square image 4x7, kernel 2x3", dict(image=wide, kernel=flat, row=1, col=3)),
        Case("non-square, row 0, last column", dict(image=wide, kernel=flat, row=0, col=4)),
    ]


def _conv_one_cell_expected(image, kernel, row, col) -> float:
    return float(conv2d(image, kernel)[row, col])


# --- 2. a whole layer in loops


def _conv2d_loops_cases() -> list[Case]:
    rng = np.random.default_rng(2)

    def layer(c_in, c_out, h, w, kh, kw):
        return dict(
            x=_ints(rng, (c_in, h, w), 0, 6),
            weight=_ints(rng, (c_out, c_in, kh, kw)),
            bias=_ints(rng, (c_out,)) + 0.5,
            stride=1,
            padding=0,
        )

    return [
        Case("one channel, 5x5, 3x3 kernel, padding 0, stride 1", {**layer(1, 1, 5, 5, 3, 3)}),
        Case("padding 1", {**layer(1, 1, 4, 4, 3, 3), "padding": 1}),
        Case("non-square 5x7 input, 2x3 kernel", {**layer(1, 1, 5, 7, 2, 3)}),
        Case("stride 2", {**layer(1, 1, 7, 7, 3, 3), "stride": 2}),
        Case("3 input channels, 2 output channels", {**layer(3, 2, 4, 5, 3, 3)}),
        Case(
            "2 channels in, 2 out, 6x5, padding 1, stride 2",
            {**layer(2, 2, 6, 5, 3, 3), "stride": 2, "padding": 1},
        ),
        Case(
            "stride 3, padding 2, 1x1 kernel",
            {**layer(1, 1, 5, 4, 1, 1), "stride": 3, "padding": 2},
        ),
    ]


def _conv2d_loops_expected(x, weight, bias, stride=1, padding=0) -> np.ndarray:
    return conv2d(x, weight, bias, stride=stride, padding=padding)


# --- 3. the output size


def _output_size_cases() -> list[Case]:
    rows = [
        ("28 pixels, 5x5 kernel", 28, 5, 1, 0, 1),
        ("padding 1", 7, 3, 1, 1, 1),
        ("stride 2 that divides evenly", 9, 3, 2, 0, 1),
        ("stride 2 with a remainder (windows that do not fit are dropped)", 8, 3, 2, 0, 1),
        ("stride 2 and padding 1", 7, 3, 2, 1, 1),
        ("dilation 2", 10, 3, 1, 0, 2),
        ("dilation 3, padding 2, stride 3", 20, 3, 3, 2, 3),
        ("a kernel as large as the input", 5, 5, 1, 0, 1),
    ]
    names = ("size", "kernel", "stride", "padding", "dilation")
    return [Case(label, dict(zip(names, values, strict=True))) for label, *values in rows]


def _output_size_expected(size, kernel, stride=1, padding=0, dilation=1) -> int:
    return conv_output_size(size, kernel, stride=stride, padding=padding, dilation=dilation)


# --- 4. ReLU on a map


def _relu_map_cases() -> list[Case]:
    rng = np.random.default_rng(4)
    edges = np.array([[0.0, 0.4, 0.0, -0.4, 0.0, 2.0, 0.0, -2.0, 0.0, 4.0, 0.0, -4.0]])
    return [
        Case("the answer page's edge row: +-0.4, +-2, +-4", dict(feature_map=edges)),
        Case("a 4x6 map of mixed signs", dict(feature_map=np.round(rng.normal(size=(4, 6)), 2))),
        Case("all negative", dict(feature_map=-np.arange(1.0, 7.0).reshape(2, 3))),
        Case("three channels, 2x3 each", dict(feature_map=np.round(rng.normal(size=(3, 2, 3)), 2))),
    ]


def _relu_map_expected(feature_map) -> np.ndarray:
    return relu(feature_map)


# --- 5. the face detector


def _page_face() -> tuple[np.ndarray, np.ndarray]:
    """The answer page's layer 1: a face on the left, a jumble (mouth above) on the right."""
    eyes, mouth = np.zeros((12, 16)), np.zeros((12, 16))
    eyes[2, 2] = eyes[2, 6] = mouth[5, 4] = 1
    eyes[8, 9] = eyes[8, 13] = mouth[5, 11] = 1
    return eyes, mouth


FACE_WEIGHT = np.zeros((1, 2, 4, 5))
FACE_WEIGHT[0, 0, 0, 0] = FACE_WEIGHT[0, 0, 0, 4] = 1  # the eyes: top-left and top-right
FACE_WEIGHT[0, 1, 3, 2] = 1  # the mouth: three rows down, in the middle


def _face_detector_cases() -> list[Case]:
    rng = np.random.default_rng(5)
    eyes, mouth = _page_face()
    strong = eyes * 2.0, mouth * 1.5
    return [
        Case(
            "the answer page's maps: a face and a jumble", dict(eyes=eyes, mouth=mouth, bias=-2.5)
        ),
        Case("the same, bias -1.5", dict(eyes=eyes, mouth=mouth, bias=-1.5)),
        Case(
            "random dots on a non-square 7x9 map",
            dict(
                eyes=rng.integers(0, 2, (7, 9)) * 1.0,
                mouth=rng.integers(0, 2, (7, 9)) * 1.0,
                bias=-2.5,
            ),
        ),
        Case(
            "graded responses: stronger eyes and mouth",
            dict(eyes=strong[0], mouth=strong[1], bias=-2.5),
        ),
    ]


def _face_detector_expected(eyes, mouth, bias=-2.5) -> np.ndarray:
    return relu(conv2d(np.stack([eyes, mouth]), FACE_WEIGHT, np.array([bias]))[0])


# --- 6. receptive fields


def _receptive_field_cases() -> list[Case]:
    return [
        Case("four 3x3 convolutions", dict(layers=[(3, 1, 1)] * 4)),
        Case("three 3x3 convolutions of stride 2", dict(layers=[(3, 2, 1)] * 3)),
        Case("3x3 with dilation 1, 2, 4, 8", dict(layers=[(3, 1, d) for d in (1, 2, 4, 8)])),
        Case(
            "conv 5, pool 2, conv 3, pool 2 (the digits network)",
            dict(layers=[(5, 1, 1), (2, 2, 1), (3, 1, 1), (2, 2, 1)]),
        ),
        Case("stride 2 and dilation 2 together", dict(layers=[(3, 2, 2), (3, 1, 2), (3, 1, 1)])),
        Case("a 1x1 convolution", dict(layers=[(1, 1, 1)])),
    ]


def _receptive_field_expected(layers) -> list[int]:
    stack = [Conv2d(np.ones((k, k)), stride=s, dilation=d) for k, s, d in layers]
    return [record.size[0] for record in receptive_field(stack)]


# --- 7. two linear convolutions are one


def _compose_cases() -> list[Case]:
    rng = np.random.default_rng(7)
    sobel_x = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    return [
        Case("two random 3x3 kernels", dict(k1=_ints(rng, (3, 3)), k2=_ints(rng, (3, 3)))),
        Case("Sobel-x, then a 2x2 box", dict(k1=sobel_x, k2=np.ones((2, 2)))),
        Case("non-square: 2x3, then 3x1", dict(k1=_ints(rng, (2, 3)), k2=_ints(rng, (3, 1)))),
        Case("a 1x1 kernel first", dict(k1=np.array([[2.0]]), k2=_ints(rng, (2, 3)))),
    ]


def _compose_expected(k1, k2) -> np.ndarray:
    return compose_kernels(k1, k2)


# --- 8. one layer-2 unit of the digits network


def _layer2_unit_cases() -> list[Case]:
    rng = np.random.default_rng(8)

    def unit(channels, size, k, row, col, bias):
        """Seeded maps (non-negative: after layer 1's ReLU) and kernel; the bias is raised
        past a negative sum of products, so that the unit is active unless ``bias`` < 0."""
        maps = np.round(np.maximum(rng.normal(size=(channels, *size)), 0.0), 2)
        kernel = np.round(rng.normal(scale=0.5, size=(channels, *k)), 2)
        if bias > 0:
            window = maps[:, row : row + k[0], col : col + k[1]]
            bias = round(bias - min(float(np.sum(kernel * window)), 0.0), 2)
        return dict(maps=maps, kernel=kernel, bias=bias, row=row, col=col)

    return [
        Case(
            "8 maps of 12x12 (as in the digits network), unit (0, 0)",
            unit(8, (12, 12), (3, 3), 0, 0, 1.25),
        ),
        Case("the same shapes, unit (9, 4)", unit(8, (12, 12), (3, 3), 9, 4, 0.75)),
        Case("the last unit, (9, 9)", unit(8, (12, 12), (3, 3), 9, 9, 2.0)),
        Case("3 maps of 5x6, a 2x3 kernel", unit(3, (5, 6), (2, 3), 2, 1, 0.5)),
        Case("a negative bias that the ReLU clips", unit(8, (6, 6), (3, 3), 1, 2, -40.0)),
    ]


def _layer2_unit_expected(maps, kernel, bias, row, col) -> float:
    score = conv2d(maps, kernel[None], np.array([bias]))[0, row, col]
    return float(relu(score))


#: exercise name -> a function returning its cases
CASES: dict[str, Callable[[], list[Case]]] = {
    "conv-one-cell": _conv_one_cell_cases,
    "conv2d-loops": _conv2d_loops_cases,
    "output-size": _output_size_cases,
    "relu-vs-step": _relu_map_cases,
    "face-detector": _face_detector_cases,
    "receptive-field": _receptive_field_cases,
    "compose-kernels": _compose_cases,
    "layer2-unit": _layer2_unit_cases,
}

#: exercise name -> convdemo's answer to one case (called with the case's inputs)
EXPECTED: dict[str, Callable[..., Any]] = {
    "conv-one-cell": _conv_one_cell_expected,
    "conv2d-loops": _conv2d_loops_expected,
    "output-size": _output_size_expected,
    "relu-vs-step": _relu_map_expected,
    "face-detector": _face_detector_expected,
    "receptive-field": _receptive_field_expected,
    "compose-kernels": _compose_expected,
    "layer2-unit": _layer2_unit_expected,
}
