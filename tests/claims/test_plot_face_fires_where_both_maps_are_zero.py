"""Claims of gallery/channels/plot_face_fires_where_both_maps_are_zero.py."""

import numpy as np


def test_the_unit_answers_4_on_a_pixel_zero_in_both_maps(example):
    face_map, unit, centre = example["face_map"], example["unit"], example["centre"]
    assert np.count_nonzero(face_map) == 1
    assert face_map[unit] == 4
    assert example["eye_map"][centre] == example["mouth_map"][centre] == 0


def test_it_reads_a_7_by_5_window_of_both_maps(example):
    assert (example["height"], example["width"]) == (7, 5)
    window = example["window"]
    eyes, mouth = example["eye_map"][window], example["mouth_map"][window]
    assert np.count_nonzero(eyes) == 4 and np.count_nonzero(mouth) == 5
    # everything both maps found is inside the window the unit reads
    assert eyes.sum() == example["eye_map"].sum() and mouth.sum() == example["mouth_map"].sum()
