"""Claims of gallery/basics/plot_window_slides.py."""

import numpy as np


def test_4_places_per_axis_16_windows_a_4x4_output(example):
    assert example["image"].shape == (6, 6) and example["kernel"].shape == (3, 3)
    assert example["output"].shape == (4, 4)
    assert example["positions"] == list(np.ndindex(4, 4))  # reading order
    assert len(example["positions"]) == 16


def test_the_animation_has_one_frame_per_window(example):
    frames = list(example["animation"].new_frame_seq())
    assert frames == list(range(16))
