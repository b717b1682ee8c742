"""Claims of gallery/feature_maps/plot_how_much_not_whether.py."""

import numpy as np
import pytest

RELU, STEP = "ReLU(Sobel x): how much", "step(Sobel x): whether"


def test_tripod_answers_two_and_a_half_times_the_grass_before_the_step(example):
    tripod, grass = example["strongest"][RELU]
    assert tripod / grass == pytest.approx(2.5, abs=0.05)  # "2.5 times"
    assert example.line(r"ReLU.*ratio").endswith("ratio 2.5")


def test_the_step_writes_one_for_both(example):
    assert example["strongest"][STEP] == (1.0, 1.0)
    step_map = example["maps"][STEP]
    assert np.unique(step_map).tolist() == [0.0, 1.0]


def test_relu_keeps_the_values_the_step_throws_away(example):
    relu_map, step_map = example["maps"][RELU], example["maps"][STEP]
    positive = relu_map > 0
    np.testing.assert_array_equal(step_map, positive)  # same places ...
    assert np.unique(relu_map[positive]).size > 100  # ... but graded, not one value


def test_along_the_row_relu_peaks_and_the_step_is_flat(example):
    on_row, grass = example["on_row"], example["GRASS"]
    relu_row, step_row = on_row[RELU], on_row[STEP]
    columns = example["columns"]
    over_grass = (columns >= grass[1].start) & (columns < grass[1].stop)
    assert relu_row.max() > 4 * relu_row[over_grass].max()
    assert step_row.max() == step_row[over_grass].max() == 1.0
