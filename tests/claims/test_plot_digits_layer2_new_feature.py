"""The numbers gallery/learned_features/plot_digits_layer2_new_feature.py prints and states."""

import numpy as np
import pytest


def test_contributions_add_up_to_the_unit_input(example):
    parts, total = example["parts"], example["total"]
    unit, network, x = example["UNIT"], example["network"], example["x_test"]
    np.testing.assert_allclose(
        total, network.trace(x)[3][:, unit], atol=1e-10
    )  # channels + bias = the layer-2 convolution's output
    assert parts.shape == (8, 1000, 10, 10)
    assert total == pytest.approx(parts.sum(axis=0) + example["bias"][unit])


def test_unit_12_is_an_and_of_channels_3_and_1(example):
    assert example["UNIT"] == 12
    assert example["pair"].tolist() == [3, 1]
    rates = [round(r, 2) for r in (example["alone_a"], example["alone_b"], example["both"])]
    assert rates == [0.02, 0.04, 0.70]
    # the unit chosen is the one that needs both channels the most
    gains = {u: r[2] - max(r[:2]) for u, r in example["rates"].items()}
    assert max(gains, key=gains.get) == 12


def test_its_favourite_patches_are_loops_of_6_0_9(example):
    top, y = example["top"], example["y_test"]
    assert {int(y[n]) for n in top.locations[:, 0]} >= {0, 6, 9}
