"""Claims of gallery/learned_features/plot_images_built_for_layer2_units.py."""

import pytest

HORIZONTAL = [1, 2, 4, 6]
VERTICAL = [0, 3, 5, 7]


def test_three_to_four_times_horizontal_and_two_and_a_half_times_vertical(example):
    ratio = example["ratio"]
    assert example["built"].shape == (8, 1, 24, 24)
    for c in HORIZONTAL:
        assert 2.95 <= ratio[c] <= 4.25  # "three to four times"
    for c in VERTICAL:
        assert 1 / ratio[c] == pytest.approx(2.5, abs=0.25)  # "about two and a half"


def test_at_the_relu_output_the_horizontal_units_refuse(example):
    from convdemo import activation_maximisation

    with pytest.raises(ValueError, match="silent"):
        activation_maximisation(example["network"], 4, 1, (1, 24, 24), steps=20, seed=0)
