"""Claims of gallery/feature_maps/plot_second_layer_reads_how_much.py."""

import numpy as np
import pytest

from convdemo import conv2d


def test_relu_then_a_sum_is_the_sum_of_absolute_edges(example):
    photo, sobel_x, sobel_y = example["photo"], example["sobel_x"], example["sobel_y"]
    absolute = np.abs(conv2d(photo, sobel_x)) + np.abs(conv2d(photo, sobel_y))
    np.testing.assert_allclose(example["strength"]["reading ReLU maps"], absolute, atol=1e-9)


def test_correlations_as_the_first_paragraph_states(example):
    correlation = example["correlation"]
    assert correlation["reading ReLU maps"] == pytest.approx(0.99, abs=0.005)
    assert correlation["reading step maps"] == pytest.approx(0.15, abs=0.005)


def test_from_step_maps_layer_2_only_counts_channels(example):
    from_step = example["strength"]["reading step maps"]
    assert set(np.unique(from_step).tolist()) <= {0.0, 1.0, 2.0, 3.0, 4.0}
    # an edge is brighter one way or darker the other: at most two channels fire
    assert np.unique(from_step).tolist() == [0.0, 1.0, 2.0]
