"""The numbers gallery/learned_features/plot_digits_layer1_filters.py prints and states."""

import numpy as np
import pytest


def test_stretch_keeps_a_kernel_shape(example):
    stretch = example["stretch"]
    ramp = np.array([[-1.0, 0.0, 1.0]] * 3)
    np.testing.assert_allclose(stretch(ramp, 5)[0], [-1.0, -0.5, 0.0, 0.5, 1.0])


def test_three_kernels_match_beyond_chance(example):
    best_r, detectors, best = example["best_r"], example["detectors"], example["best"]
    assert example["beyond"] == [0, 1, 6]
    assert [detectors[best[f]] for f in (0, 1, 6)] == ["horizontal_line", "sobel_y", "prewitt_y"]
    assert [round(abs(best_r[f]), 2) for f in (0, 1, 6)] == [0.77, 0.71, 0.60]
    assert best_r[0] < 0  # a dark line: bright and dark swapped
    assert round(example["chance_95"], 2) == 0.52
    assert round(example["chance"], 2) == 0.32


def test_the_other_five_are_at_chance(example):
    rest = example["rest"]
    assert len(rest) == 5
    assert (round(rest.min(), 2), round(rest.max(), 2)) == (0.21, 0.49)
    assert rest.max() < example["chance_95"]


def test_correlations_are_the_pearson_of_the_25_weights(example):
    learned, named = example["learned"], example["named"]
    assert learned.shape == (8, 5, 5) and named.shape == (8, 25)
    r = np.corrcoef(learned[1].ravel(), named[example["best"][1]])[0, 1]
    assert r == pytest.approx(example["best_r"][1], abs=1e-12)
