"""Claims of gallery/receptive_fields/plot_why_stack_small_kernels.py."""

import pytest

STACK, SINGLE = "3 x (3x3 conv)", "1 x (7x7 conv)"


def test_same_receptive_field(example):
    assert example["field_sizes"] == {STACK: [3, 5, 7], SINGLE: [7]}


@pytest.mark.parametrize("channels", [1, 16, 64])
def test_27_against_49_c_squared_weights(example, channels):
    counts = example["counts"][channels]
    assert (counts[STACK], counts[SINGLE]) == (27 * channels**2, 49 * channels**2)


def test_45_percent_fewer_and_three_relus_against_one(example):
    assert 1 - example["ratio"] == pytest.approx(0.45, abs=0.005)
    assert example["relus"] == {STACK: 3, SINGLE: 1}
