"""Claims of gallery/receptive_fields/plot_receptive_fields_grow.py."""

import numpy as np
import pytest

from convdemo import (
    AvgPool2d,
    Conv2d,
    MaxPool2d,
    ReLU,
    Stack,
    empirical_receptive_field,
    receptive_field,
)

W = np.ones((3, 3))


def conv_relu_stack(n, k, **options):
    layers = []
    for _ in range(n):
        layers += [Conv2d(np.ones((k, k)), **options), ReLU()]
    return Stack(layers)


def measured_box(grad_map):
    nonzero = (grad_map / grad_map.max()).round(9) > 0
    rows = np.flatnonzero(nonzero.any(axis=1))
    cols = np.flatnonzero(nonzero.any(axis=0))
    return int(rows[0]), int(cols[0]), (int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1))


def analytic_box(stack, input_shape):
    field = receptive_field(stack)[-1]
    out_shape = stack.forward(np.zeros(input_shape)).shape
    first = [
        field.start[a] + (out_shape[a] - 1) // 2 * field.jump[a] - (field.size[a] - 1) / 2
        for a in range(2)
    ]
    return first[0], first[1], field.size


@pytest.mark.parametrize("k", [3, 5])
def test_linear_growth_analytic_equals_measured(k):
    for n in range(1, 9):
        stack = conv_relu_stack(n, k)
        side = (k - 1) * n + 2 * k + 1
        grad = empirical_receptive_field(stack, (side, side))
        expected = (k - 1) * n + 1  # 2n + 1 for 3x3, 4n + 1 for 5x5
        assert receptive_field(stack)[-1].size == (expected, expected)
        assert measured_box(grad)[2] == (expected, expected)


def test_depth_panels_box_matches_map():
    for n, size in zip([1, 2, 3, 4], [3, 5, 7, 9], strict=True):
        stack = conv_relu_stack(n, 3)
        grad = empirical_receptive_field(stack, (15, 15))
        top, left, shape = analytic_box(stack, (15, 15))
        assert shape == (size, size)
        assert measured_box(grad) == (top, left, shape)


VARIANTS = {
    "plain": ([Conv2d(W), ReLU(), Conv2d(W), ReLU(), Conv2d(W), ReLU()], 7, 1),
    "stride 2 first": (
        [Conv2d(W, stride=2), ReLU(), Conv2d(W), ReLU(), Conv2d(W), ReLU()],
        11,
        2,
    ),
    "max pool": ([Conv2d(W), ReLU(), MaxPool2d(2), Conv2d(W), ReLU(), Conv2d(W), ReLU()], 12, 2),
    "avg pool": ([Conv2d(W), ReLU(), AvgPool2d(2), Conv2d(W), ReLU(), Conv2d(W), ReLU()], 12, 2),
    "dilation 1 2 4": (
        [Conv2d(W), ReLU(), Conv2d(W, dilation=2), ReLU(), Conv2d(W, dilation=4), ReLU()],
        15,
        1,
    ),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_stride_pool_dilation_analytic_equals_measured(name):
    layers, size, jump = VARIANTS[name]
    stack = Stack(layers)
    grad = empirical_receptive_field(stack, (23, 23))
    top, left, shape = analytic_box(stack, (23, 23))
    assert shape == (size, size)
    assert receptive_field(stack)[-1].jump == (jump, jump)
    assert measured_box(grad) == (top, left, shape)


def test_exponential_growth():
    for n in range(1, 7):
        pooled = Stack([layer for _ in range(n) for layer in (Conv2d(W), ReLU(), MaxPool2d(2))])
        dilated = Stack([layer for i in range(n) for layer in (Conv2d(W, dilation=2**i), ReLU())])
        for stack, expected in (
            (pooled, [4, 10, 22, 46, 94, 190][n - 1]),
            (dilated, 2 ** (n + 1) - 1),
        ):
            size = receptive_field(stack)[-1].size[0]
            assert size == expected
            side = size + 2 ** (n + 1)
            assert measured_box(empirical_receptive_field(stack, (side, side)))[2][0] == expected
