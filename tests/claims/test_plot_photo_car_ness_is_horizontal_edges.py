"""Claims of gallery/learned_features/plot_photo_car_ness_is_horizontal_edges.py."""

import numpy as np
import pytest

import convdemo as cd


def test_five_photographs_downscaled_by_2(example):
    photos = example["photos"]
    assert len(photos) == 5
    assert {name: image.shape for name, image in photos.items()} == {
        "camera": (256, 256),
        "coins": (151, 192),
        "page": (95, 192),
        "rocket": (213, 320),
        "brick": (256, 256),
    }


def test_the_hand_made_window_is_a_layer_2_receptive_field(example):
    # 3x3 Sobel, then an 8x8 average with stride 2: 10x10 pixels, jump 2
    field = cd.receptive_field([cd.Conv2d(np.ones((3, 3))), cd.Conv2d(example["box"], stride=2)])
    layer2 = cd.receptive_field(example["convolutions"])[-1]
    assert (field[-1].size, field[-1].jump, field[-1].start) == (
        layer2.size,
        layer2.jump,
        layer2.start,
    )
    assert layer2.size == (10, 10) and layer2.jump == (2, 2)
    for hand, learned, _ in example["results"].values():
        assert hand.shape == learned.shape  # the two maps line up unit for unit


def test_the_map_mean_is_the_whole_image_score(example):
    for name, (_, learned, _) in example["results"].items():
        score = example["scores"][name]
        assert learned.mean() == pytest.approx(score[0] - score[1], abs=1e-9)


def test_correlation_0_20_to_0_66(example):
    r = example["r"]
    assert min(r.values()) == pytest.approx(0.20, abs=0.005)
    assert max(r.values()) == pytest.approx(0.66, abs=0.005)
    assert "correlation 0.20 to 0.66" in example.printed


def test_a_page_is_a_car_a_brick_wall_and_a_rocket_are_pedestrians(example):
    p_car, results = example["p_car"], example["results"]
    assert p_car["page"] > 0.5 and results["page"][2] > 1  # more horizontal energy
    for name in ("brick", "rocket"):
        assert p_car[name] < 0.5 and results[name][2] < 1  # more vertical energy


def test_a_flat_grey_image_leans_pedestrian(example):
    flat = example["flat"]
    assert flat[0] - flat[1] < 0
