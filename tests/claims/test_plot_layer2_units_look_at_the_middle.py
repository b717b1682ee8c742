"""Claims of gallery/learned_features/plot_layer2_units_look_at_the_middle.py."""

import numpy as np
import pytest

import convdemo as cd


def test_a_10x10_field_at_rows_and_columns_6_to_15(example):
    assert example["side"] == 10
    assert example["top"] == [6, 6]


def test_all_of_the_gradient_inside_the_field(example):
    averaged, inside = example["averaged"], example["inside"]
    assert inside.sum(axis=(1, 2)) == pytest.approx(averaged.sum(axis=(1, 2)), rel=1e-12)


def test_48_to_57_percent_in_the_central_6x6_which_is_36_percent_of_the_area(example):
    shares = example["shares"]
    assert shares.min() == pytest.approx(0.48, abs=0.005)
    assert shares.max() == pytest.approx(0.57, abs=0.005)
    assert 6 * 6 / 100 == 0.36


def test_on_all_ones_the_horizontal_units_are_silent(example):
    prefix, unit = example["prefix"], example["unit"]
    for c in (1, 2, 4, 6):
        assert cd.empirical_receptive_field(prefix, (1, 24, 24), (c, *unit)).sum() == 0
    assert np.all(example["averaged"] >= 0)
