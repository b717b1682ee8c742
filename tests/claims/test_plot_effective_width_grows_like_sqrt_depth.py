"""Claims of gallery/receptive_fields/plot_effective_width_grows_like_sqrt_depth.py."""

import numpy as np
import pytest


def test_all_ones_variance_is_exactly_2n_over_3(example):
    depths = example["DEPTHS"]
    np.testing.assert_allclose(example["all_ones"], 2 * depths / 3, rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", ["width, all-ones weights", "width, random-sign weights"])
def test_widths_climb_with_slope_0_5(example, name):
    assert example["slopes"][name] == pytest.approx(0.5, abs=0.005)


def test_the_field_grows_like_n(example):
    assert example["fields"] == [2 * n + 1 for n in range(1, 17)]
    assert example["slopes"]["receptive field (2n + 1)"] > 0.8  # tends to 1
