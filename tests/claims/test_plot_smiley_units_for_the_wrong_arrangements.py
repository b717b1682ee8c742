"""Claims of gallery/learned_features/plot_smiley_units_for_the_wrong_arrangements.py."""

import numpy as np

import convdemo as cd


def test_the_clean_drawings(example):
    assert cd.SMILEY_ARRANGEMENTS == ("face", "swapped", "eyes_only", "mouth_only", "blank")
    assert example["clean"].shape == (5, 8)  # five drawings, eight layer-2 units


def test_some_units_answer_the_face_others_a_mouth_alone_or_eyes_alone(example):
    favourite = example["favourite"]
    assert [u for u, f in enumerate(favourite) if f == "face"] == [1, 3, 4, 6]
    assert {f for f in favourite if f != "face"} == {"mouth_only", "eyes_only"}


def test_the_two_most_negative_votes_go_to_the_strongest_wrong_arrangement_units(example):
    readout, strongest = example["readout"], example["strongest"]
    assert strongest == {"mouth_only": 2, "eyes_only": 5}
    assert sorted(np.argsort(readout)[:2].tolist()) == sorted(strongest.values())
    face_units = [u for u, f in enumerate(example["favourite"]) if f == "face"]
    assert np.all(readout[face_units] > 0)  # every face unit gets a positive vote
