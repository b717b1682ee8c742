"""The numbers gallery/learned_features/plot_layer2_filter_is_a_block.py prints and states."""

import numpy as np


def test_the_unit_is_the_strongest_one(example):
    assert example["UNIT"] == 11  # the title and the first paragraph
    assert example["peak"].argmax() == example["UNIT"]
    assert example["conv2"].weight[example["UNIT"]].shape == (8, 3, 3)  # a 3x3x8 block


def test_adds_three_channels_and_subtracts_five(example):
    net, kernel = example["net"], example["conv2"].weight[example["UNIT"]]
    assert example["ADDS"] == [0, 6, 3]
    assert example["SUBTRACTS"] == [1, 7, 2, 4, 5]
    for c in range(8):  # "net weight": the sum of the slice's nine weights
        assert np.isclose(net[c], kernel[c].sum())
        assert (c in example["ADDS"]) == (kernel[c].sum() > 0)
    assert sorted(example["ADDS"] + example["SUBTRACTS"]) == list(range(8))
    title = example["fig"]._suptitle.get_text()
    assert "adds layer-1 channels 0, 6 and 3 and subtracts 1, 7, 2, 4 and 5" in title


def test_partial_sums_and_bias_add_up_to_the_layer(example):
    n, row, col, unit = example["n"], example["row"], example["col"], example["UNIT"]
    layer = example["trace"][3][n, unit, row, col]
    assert np.isclose(example["total"], layer, rtol=0, atol=1e-12)
    assert round(float(example["total"]), 2) == 9.40  # the first paragraph
    assert example["y_test"][n] == 2  # "on the 2 it answers most"
    assert example.line("^held-out digit").endswith("= 9.40 (the layer: 9.40)")
