"""Claims of gallery/learned_features/plot_feature_maps_layer_by_layer.py."""

import numpy as np
import pytest

HORIZONTAL = [1, 2, 4, 6]
VERTICAL = [0, 3, 5, 7]


def test_the_car_team_and_the_pedestrian_team(example):
    shares = np.array(list(example["pairs_won"].values()))
    assert np.flatnonzero(shares > 0.5).tolist() == HORIZONTAL
    assert shares[HORIZONTAL].min() == pytest.approx(0.98, abs=0.005)  # "98% to 100%"
    assert shares[HORIZONTAL].max() == pytest.approx(1.00, abs=0.005)
    assert shares[VERTICAL].min() == pytest.approx(0.09, abs=0.005)  # "9% to 21%"
    assert shares[VERTICAL].max() == pytest.approx(0.21, abs=0.005)


def test_on_the_two_images_the_car_wins_exactly_the_horizontal_channels(example):
    layer_2 = example["layer_2"]
    assert example["picks"] == {"car": 3, "pedestrian": 0}
    car, pedestrian = layer_2.mean(axis=(2, 3))
    assert np.flatnonzero(car > pedestrian).tolist() == HORIZONTAL


def test_the_read_out_adds_the_teams_with_opposite_signs(example):
    difference = example["weight_difference"]
    assert np.flatnonzero(difference > 0).tolist() == VERTICAL
    assert np.flatnonzero(difference < 0).tolist() == HORIZONTAL
