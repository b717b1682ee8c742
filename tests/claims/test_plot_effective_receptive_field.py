"""Claims of gallery/receptive_fields/plot_effective_receptive_field.py."""

import itertools

import numpy as np
import pytest

from convdemo import Conv2d, ReLU, Stack, empirical_receptive_field, receptive_field

SIDE, CHANNELS = 35, 4


def conv_stack(weights):
    layers = []
    for index, weight in enumerate(weights):
        if index:
            layers.append(ReLU())
        layers.append(Conv2d(weight))
    return Stack(layers)


def weight_shapes(n, k=3):
    channels = [1] + [CHANNELS] * (n - 1) + [1]
    return [(c_out, c_in, k, k) for c_in, c_out in itertools.pairwise(channels)]


def axis_moments(grad_map):
    profile = grad_map.sum(axis=1) / grad_map.sum()
    rows = np.arange(profile.size)
    mean = (rows * profile).sum()
    return mean, ((rows - mean) ** 2 * profile).sum()


def random_weight_map(n, kind, draws):
    total, used = np.zeros((SIDE, SIDE)), 0
    for draw in range(draws):
        rng = np.random.default_rng([n, draw])
        if kind == "random positive":
            weights = [rng.uniform(0.0, 1.0, shape) for shape in weight_shapes(n)]
            x = np.ones((1, SIDE, SIDE))
            grad = empirical_receptive_field(conv_stack(weights), x.shape, x=x)
        else:
            weights = [rng.normal(0.0, 1.0, shape) for shape in weight_shapes(n)]
            x = rng.normal(size=(1, SIDE, SIDE))
            grad = empirical_receptive_field(conv_stack(weights), x.shape, x=x) ** 2
        if grad.sum() > 0:
            total += grad / grad.sum()
            used += 1
    return total / used


def gaussian_gap(grad_map):
    profile = grad_map.sum(axis=1) / grad_map.sum()
    mean, variance = axis_moments(grad_map)
    rows = np.arange(profile.size)
    gaussian = np.exp(-((rows - mean) ** 2) / (2 * variance)) / np.sqrt(2 * np.pi * variance)
    return np.abs(profile - gaussian).max() / profile.max()


def uniform_map(n, k=3, side=SIDE):
    stack = conv_stack([np.ones(shape) for shape in weight_shapes(n, k)])
    return empirical_receptive_field(stack, (1, side, side))


def test_all_ones_variance_is_n_times_k2_minus_1_over_12():
    variances = np.array([axis_moments(uniform_map(n))[1] for n in range(1, 17)])
    np.testing.assert_allclose(variances, np.arange(1, 17) * 8 / 12, rtol=0, atol=1e-12)
    for n in (1, 4, 8):
        assert axis_moments(uniform_map(n, 5, SIDE + 32))[1] == pytest.approx(2 * n, abs=1e-12)


def test_all_ones_is_gaussian_and_a_tenth_of_the_field():
    grad = uniform_map(16)
    width = np.sqrt(axis_moments(grad)[1])
    field = receptive_field(conv_stack([np.ones(s) for s in weight_shapes(16)]))[-1].size[0]
    assert field == 33
    assert width == pytest.approx(3.266, abs=1e-3)
    assert width / field == pytest.approx(0.099, abs=1e-3)
    assert gaussian_gap(grad) < 0.02
    depths = np.arange(1, 17)
    widths = np.sqrt(depths * 8 / 12)
    assert np.polyfit(np.log(depths), np.log(widths), 1)[0] == pytest.approx(0.5, abs=1e-9)
    field_slope = np.polyfit(np.log(depths), np.log(2 * depths + 1), 1)[0]
    assert field_slope == pytest.approx(0.884, abs=1e-3)


@pytest.mark.parametrize(
    ("kind", "draws", "printed", "max_gap"),
    [
        ("random positive", 8, {1: 0.812, 4: 1.642, 8: 2.312, 16: 3.266}, 0.02),
        ("random sign, ReLU", 32, {1: 0.831, 4: 1.688, 8: 2.473, 16: 3.302}, 0.10),
    ],
)
def test_random_weights_width_grows_like_sqrt_n(kind, draws, printed, max_gap):
    depths = [1, 2, 4, 8, 16]
    maps = {n: random_weight_map(n, kind, draws) for n in depths}
    widths = {n: np.sqrt(axis_moments(maps[n])[1]) for n in depths}
    for n, value in printed.items():
        assert widths[n] == pytest.approx(value, abs=1e-3)
    slope = np.polyfit(np.log(depths), np.log([widths[n] for n in depths]), 1)[0]
    assert slope == pytest.approx(0.5, abs=0.03)
    assert gaussian_gap(maps[16]) < max_gap
