"""Claims of tutorials/plot_how_layer_2_finds_a_face.py."""

import numpy as np


def test_layer_1_marks_where(example):
    eye_map, mouth_map = example["eye_map"], example["mouth_map"]
    assert np.argwhere(eye_map).tolist() == [[3, 4], [3, 8], [4, 4], [4, 8]]
    assert example["mouth_row"] == 8
    assert mouth_map[8, 4:9].tolist() == [2, 4, 4, 4, 2]
    assert eye_map[6, 6] == mouth_map[6, 6] == 0


def test_the_sum_of_the_slices_is_the_layer(example):
    np.testing.assert_array_equal(example["by_hand"], example["face_trace"][2][0])
    centre = example["centre"]
    assert (example["eye_part"][centre], example["mouth_part"][centre]) == (8, 8)
    assert example["by_hand"][centre] == 4


def test_only_the_face_fires_and_only_once_in_the_scene(example):
    assert example["scores"] == {
        "face": 4,
        "mouth above eyes": 0,
        "eyes only": 0,
        "mouth only": 0,
    }
    assert np.argwhere(example["face_in_input"]).tolist() == [[6, 30]]
