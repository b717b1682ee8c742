"""Claims of gallery/channels/plot_one_slice_per_channel.py."""

import numpy as np


def test_the_slices_add_up_to_the_layer(example):
    np.testing.assert_array_equal(example["by_hand"], example["layer_2"])


def test_at_the_face_centre_8_plus_8_minus_12_is_4(example):
    centre = example["centre"]
    assert tuple(int(i) for i in centre) == (3, 4)  # input pixel (6, 6): the face centre
    assert example["eye_part"][centre] == 8
    assert example["mouth_part"][centre] == 8
    assert example["bias"] == -12
    assert example["by_hand"][centre] == 4
