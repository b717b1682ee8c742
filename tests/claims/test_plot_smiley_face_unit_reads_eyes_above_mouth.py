"""Claims of gallery/learned_features/plot_smiley_face_unit_reads_eyes_above_mouth.py."""

import numpy as np
import pytest


def test_unit_3_separates_faces_best(example):
    separation = example["separation"]
    assert separation.shape == (8,)
    assert example["face_unit"] == 3
    assert separation[3] == pytest.approx(0.91, abs=0.005)
    assert "face unit: 3, the face larger in 91% of pairs" in example.printed
    assert len(example["y_test"]) == 400


def test_the_roles_are_those_of_the_layer_1_page(example):
    assert example["roles"] == ["mouth", "background", "eye", "eye"]


def test_eyes_in_the_top_row_a_mouth_in_the_bottom_row(example):
    assert example["top_share_eyes"] == pytest.approx(0.72, abs=0.005)
    assert example["bottom_share_mouth"] == pytest.approx(0.81, abs=0.005)
    assert example["top_share_eyes"] > 0.5 and example["bottom_share_mouth"] > 0.5


def test_the_messy_parts(example):
    edges, roles = example["edges"], example["roles"]
    assert [e.in_channel for e in edges] == [1, 3, 0, 2]
    mouth = next(e for e in edges if roles[e.in_channel] == "mouth")
    assert np.all(mouth.weights[0] < 0)  # negative along its top row
    for e in edges:
        if roles[e.in_channel] == "eye":
            assert np.clip(e.weights, 0, None)[1:].sum() > 0  # weight in the lower rows
    assert roles[edges[0].in_channel] == "background"
    assert np.all(edges[0].weights < 0)  # the brake: negative everywhere


def test_the_hand_built_unit_has_the_same_plan(example):
    eye, mouth = example["hand_built"]
    assert eye.shape == mouth.shape == (7, 5)
    assert eye[:2].sum() == eye.sum() > 0  # its eyes at the top of the window
    assert mouth[5].sum() == mouth.sum() > 0  # its mouth near the bottom
