"""Claims of gallery/receptive_fields/plot_why_stack_small_kernels.py."""

import numpy as np
import pytest

from convdemo import Conv2d, ReLU, receptive_field

STACK, SINGLE = "3 x (3x3 conv)", "1 x (7x7 conv)"


def convs(n, k, channels=1):
    """n k x k convolutions from and to `channels` channels, each with a bias."""
    return [Conv2d(np.ones((channels, channels, k, k)), bias=np.zeros(channels)) for _ in range(n)]


def test_same_receptive_field(example):
    assert example["field_sizes"] == {STACK: [3, 5, 7], SINGLE: [7]}
    # "five 3x3 layers see as far as one 11x11 layer"
    assert receptive_field(convs(5, 3))[-1].size == receptive_field(convs(1, 11))[-1].size
    assert receptive_field(convs(1, 11))[-1].size == (11, 11)


@pytest.mark.parametrize("channels", [1, 16, 64])
def test_weight_and_relu_counts(example, channels):
    weights = example["counts"][channels]
    assert weights == (27 * channels**2, 49 * channels**2)
    assert weights[0] / weights[1] == pytest.approx(0.551, abs=5e-4)
    assert 1 - weights[0] / weights[1] == pytest.approx(0.45, abs=0.005)  # "45% fewer"
    stack, single = example["small_stack"](channels), example["big_layer"](channels)
    assert [sum(isinstance(layer, ReLU) for layer in s) for s in (stack, single)] == [3, 1]
    # "The biases add only 3C against C"; "45 C² against 121 C²"
    assert [sum(c.bias.size for c in convs(n, k, channels)) for n, k in ((3, 3), (1, 7))] == [
        3 * channels,
        channels,
    ]
    five = sum(c.weight.size for c in convs(5, 3, channels))
    eleven = sum(c.weight.size for c in convs(1, 11, channels))
    assert (five, eleven) == (45 * channels**2, 121 * channels**2)


def test_peaked_against_flat(example):
    peaked, flat = example["maps"][STACK], example["maps"][SINGLE]
    assert example["shape"] == (1, 11, 11)
    for grad in (peaked, flat):
        assert np.count_nonzero(grad.round(9)) == 49
        assert np.all(grad.round(9)[2:9, 2:9] > 0)
    assert peaked[5, 5] == pytest.approx(49, abs=1e-9)
    assert peaked[2, 2] == pytest.approx(1, abs=1e-9)
    np.testing.assert_allclose(peaked[5, 2:9], [7, 21, 42, 49, 42, 21, 7], rtol=0, atol=1e-9)
    np.testing.assert_allclose(flat[2:9, 2:9], 1.0, atol=1e-12)
    composed = example["composed"]
    assert composed.shape == (7, 7)
    assert np.array_equal(example["stack_map"], peaked[2:9, 2:9])
    assert np.abs(composed - peaked[2:9, 2:9]).max() < 1e-12
