"""Claims of gallery/receptive_fields/plot_effective_receptive_field.py."""

import numpy as np
import pytest


def test_all_ones_variance_is_n_times_k2_minus_1_over_12(example):
    assert example["DEPTHS"].tolist() == list(range(1, 17))
    variances = example["uniform_var"]
    np.testing.assert_allclose(variances, np.arange(1, 17) * 8 / 12, rtol=0, atol=1e-12)
    assert list(example["variance_5x5"]) == [1, 4, 8]
    for n, variance in example["variance_5x5"].items():
        assert variance == pytest.approx(2 * n, abs=1e-12)


def test_all_ones_is_gaussian_and_a_tenth_of_the_field(example):
    grad = example["maps"]["all ones"][16]
    width = example["widths"]["all ones"][15]
    assert width == np.sqrt(example["axis_moments"](grad)[1])
    field = example["fields"][15]
    assert field == 33
    assert width == pytest.approx(3.266, abs=1e-3)
    assert width / field == pytest.approx(0.099, abs=1e-3)
    assert example["gaps"]["all ones"] < 0.02
    assert example["slopes"]["all ones"] == pytest.approx(0.5, abs=1e-9)
    assert example["fields"].tolist() == list(2 * example["DEPTHS"] + 1)
    assert example["field_slope"] == pytest.approx(0.884, abs=1e-3)


@pytest.mark.parametrize(
    ("kind", "draws", "printed", "max_gap"),
    [
        ("random positive", 8, {1: 0.812, 4: 1.642, 8: 2.312, 16: 3.266}, 0.02),
        ("random sign, ReLU", 32, {1: 0.831, 4: 1.688, 8: 2.473, 16: 3.302}, 0.10),
    ],
)
def test_random_weights_width_grows_like_sqrt_n(example, kind, draws, printed, max_gap):
    assert example["KINDS"][kind] == draws
    widths = dict(zip(example["DEPTHS"].tolist(), example["widths"][kind], strict=True))
    for n, value in printed.items():
        assert widths[n] == pytest.approx(value, abs=1e-3)
    depths = [1, 2, 4, 8, 16]
    slope = np.polyfit(np.log(depths), np.log([widths[n] for n in depths]), 1)[0]
    assert slope == pytest.approx(0.5, abs=0.03)
    assert example["slopes"][kind] == pytest.approx(0.5, abs=0.03)
    assert example["gaps"][kind] < max_gap
