"""Claims of gallery/receptive_fields/plot_receptive_fields_grow.py."""

import pytest

from convdemo import empirical_receptive_field
from convdemo.plotting import nonzero_box, receptive_field_box


def test_3_5_7_9_pixels_for_1_to_4_layers(example):
    assert example["sides"] == [3, 5, 7, 9]


def test_the_measured_map_fills_the_analytic_box(example):
    shape = example["shape"]
    for stack in example["stacks"].values():
        grad = empirical_receptive_field(stack, shape)
        assert nonzero_box(grad) == receptive_field_box(stack, shape)


@pytest.mark.parametrize(("k", "first"), [(3, 1), (5, 4)])
def test_2n_plus_1_and_4n_plus_1_up_to_8_layers(example, k, first):
    rows = example["linear_rows"]
    assert [row[0] for row in rows] == list(range(1, 9))
    for row in rows:
        expected = (k - 1) * row[0] + 1
        assert row[first : first + 3] == [expected] * 3  # formula, analytic, measured
