"""Claims of gallery/learned_features/plot_a_lying_bar_is_a_car.py."""

import numpy as np

HORIZONTAL = [1, 2, 4, 6]


def test_the_bars_are_plain(example):
    for image, (height, width) in zip(example["bars"].values(), [(3, 16), (16, 3)], strict=True):
        rows, cols = np.nonzero(image == 0.8)
        assert (np.ptp(rows) + 1, np.ptp(cols) + 1, rows.size) == (height, width, height * width)


def test_the_lying_bar_drives_the_horizontal_team(example):
    lying, standing = example["averages"]
    assert np.flatnonzero(lying > standing).tolist() == HORIZONTAL


def test_a_car_and_a_pedestrian_above_0_999(example):
    verdicts = example["verdicts"]
    assert verdicts["lying bar"][0] == "car"
    assert verdicts["standing bar"][0] == "pedestrian"
    assert min(p for _, p in verdicts.values()) > 0.999
