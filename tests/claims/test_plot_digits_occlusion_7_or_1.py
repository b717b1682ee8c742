"""The numbers gallery/learned_features/plot_digits_occlusion_7_or_1.py prints and states."""

import numpy as np


def test_twenty_sevens_read_as_7(example):
    sevens = example["sevens"]
    assert len(sevens) == 20
    assert (example["y_test"][sevens] == 7).all()


def test_largest_drop_on_the_top_third_for_16_of_20(example):
    assert sum(example["in_top_third"]) == 16
    assert example["drops"].shape == (20, 28, 28)


def test_erasing_the_bar(example):
    assert example["turned"] == 1
    assert int((example["answers"] == 7).sum()) == 15
    assert round(example["cut"], 2) == 0.70
    assert (example["after"] < example["before"]).all()
    erased, x = example["erased"], example["x_test"][example["sevens"]]
    assert (erased <= x).all() and np.array_equal(erased[:, :, -1], x[:, :, -1])  # stem kept
