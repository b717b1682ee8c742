"""Claims of gallery/learned_features/plot_what_layer2_units_see.py."""

import numpy as np
import pytest

HORIZONTAL = [1, 2, 4, 6]
VERTICAL = [0, 3, 5, 7]


def test_horizontal_over_vertical_reads_orientation(example):
    ratio = example["horizontal_over_vertical"]
    lying = np.zeros((1, 1, 9, 9))
    lying[0, 0, 4, 2:7] = 1.0
    assert ratio(lying) > 1 > ratio(lying.swapaxes(2, 3))


def test_favourite_patches_two_to_three_times_horizontal_or_four_times_vertical(example):
    ratio, top, y = example["ratio"], example["top"], example["y_test"]
    for c in HORIZONTAL:
        assert 1.95 <= ratio[c] <= 3.05  # "two to three times"
        assert (y[top[c].locations[:, 0]] == 0).all()  # car patches
    for c in VERTICAL:
        assert 1 / ratio[c] == pytest.approx(4, abs=0.55)  # "about four times"
        assert (y[top[c].locations[:, 0]] == 1).all()  # pedestrian patches


def test_the_mosaic_holds_every_patch(example):
    mosaic, top, size = example["mosaic"], example["top"], example["size"]
    assert size == 10  # the receptive field of a layer-2 unit
    assert np.array_equal(mosaic[:size, :size], top[0].patches[0, 0])
    assert np.isnan(mosaic).sum() == mosaic.size - 64 * size * size
