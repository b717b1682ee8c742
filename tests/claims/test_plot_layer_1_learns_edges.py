"""Claims of gallery/learned_features/plot_layer_1_learns_edges.py."""

import numpy as np
import pytest

from convdemo import named_kernel


def test_the_stretch_keeps_the_kernel_at_its_corners_and_centre(example):
    k = named_kernel("sobel_y")
    s = example["stretch"](k)
    assert s.shape == (5, 5)
    assert s[::2, ::2] == pytest.approx(k)


def test_the_detectors_are_pattern_detectors(example):
    assert all(named_kernel(name).sum() == 0 for name in example["detectors"])


def test_a_horizontal_line_two_horizontal_edges_and_a_vertical_edge(example):
    detectors, best = example["detectors"], example["best"]
    assert [detectors[b] for b in best] == [
        "horizontal_line",
        "sobel_y",
        "prewitt_x",
        "prewitt_y",
    ]


def test_correlations_from_0_55_to_0_87(example):
    values = np.abs(example["correlation"][np.arange(4), example["best"]])
    assert values.min() == pytest.approx(0.55, abs=0.005)
    assert values.max() == pytest.approx(0.87, abs=0.005)
