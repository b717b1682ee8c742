"""Claims of gallery/channels/plot_face_in_a_wider_scene.py."""

import numpy as np


def test_eyes_and_mouths_light_up_on_every_drawing_that_has_them(example):
    eyes, mouths = example["eyes"], example["mouths"]
    # 12 pixels apart: drawing i is centred at column 6 + 12 i
    with_eyes = {int(c) // 12 for c in np.nonzero(eyes.max(axis=0))[0]}
    with_mouth = {int(c) // 12 for c in np.nonzero(mouths.max(axis=0))[0]}
    order = example["order"]
    assert {order[i] for i in with_eyes} == {"eyes_only", "swapped", "face"}
    assert {order[i] for i in with_mouth} == {"swapped", "face", "mouth_only"}


def test_the_face_map_has_a_single_unit_under_the_face(example):
    face = example["face_in_input"]
    assert np.count_nonzero(face) == 1
    assert np.argwhere(face).tolist() == [[6, 6 + 12 * example["order"].index("face")]]
