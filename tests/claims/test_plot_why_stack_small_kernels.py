"""Claims of gallery/receptive_fields/plot_why_stack_small_kernels.py."""

import numpy as np
import pytest

from convdemo import (
    Conv2d,
    ReLU,
    Stack,
    compose_kernels,
    empirical_receptive_field,
    receptive_field,
)


def stack_of(n_layers, k, channels=1, rng=None):
    layers = []
    for _ in range(n_layers):
        shape = (channels, channels, k, k)
        weight = np.ones(shape) if rng is None else rng.normal(0, 1 / k, shape)
        layers += [Conv2d(weight, bias=np.zeros(channels)), ReLU()]
    return Stack(layers)


def conv_sizes(stack):
    return [f.size[0] for f in receptive_field(stack) if f.name.startswith("Conv2d")]


def test_same_receptive_field():
    assert conv_sizes(stack_of(3, 3)) == [3, 5, 7]
    assert conv_sizes(stack_of(1, 7)) == [7]
    assert conv_sizes(stack_of(5, 3))[-1] == conv_sizes(stack_of(1, 11))[-1] == 11


@pytest.mark.parametrize("channels", [1, 16, 64])
def test_weight_and_relu_counts(channels):
    rng = np.random.default_rng(0)
    stack, single = stack_of(3, 3, channels, rng), stack_of(1, 7, channels, rng)
    convs = [[layer for layer in s if isinstance(layer, Conv2d)] for s in (stack, single)]
    weights = [sum(c.weight.size for c in group) for group in convs]
    biases = [sum(c.bias.size for c in group) for group in convs]
    assert weights == [27 * channels**2, 49 * channels**2]
    assert weights[0] / weights[1] == pytest.approx(0.551, abs=5e-4)
    assert 1 - weights[0] / weights[1] == pytest.approx(0.45, abs=0.005)  # "45% fewer"
    assert biases == [3 * channels, channels]
    assert [sum(isinstance(layer, ReLU) for layer in s) for s in (stack, single)] == [3, 1]
    five = sum(c.weight.size for c in stack_of(5, 3, channels) if isinstance(c, Conv2d))
    eleven = sum(c.weight.size for c in stack_of(1, 11, channels) if isinstance(c, Conv2d))
    assert (five, eleven) == (45 * channels**2, 121 * channels**2)


def test_peaked_against_flat():
    peaked = empirical_receptive_field(stack_of(3, 3), (1, 11, 11))
    flat = empirical_receptive_field(stack_of(1, 7), (1, 11, 11))
    for grad in (peaked, flat):
        assert np.count_nonzero(grad.round(9)) == 49
        assert np.all(grad.round(9)[2:9, 2:9] > 0)
    assert peaked[5, 5] == pytest.approx(49, abs=1e-9)
    assert peaked[2, 2] == pytest.approx(1, abs=1e-9)
    np.testing.assert_allclose(peaked[5, 2:9], [7, 21, 42, 49, 42, 21, 7], rtol=0, atol=1e-9)
    np.testing.assert_allclose(flat[2:9, 2:9], 1.0, atol=1e-12)
    ones = np.ones((3, 3))
    composed = compose_kernels(compose_kernels(ones, ones), ones)
    assert composed.shape == (7, 7)
    assert np.abs(composed - peaked[2:9, 2:9]).max() < 1e-12
