"""Claims of gallery/learned_features/plot_smiley_no_unit_alone_is_enough.py."""

import numpy as np
import pytest

import convdemo as cd


def test_the_held_out_images(example):
    x, y = example["x_test"], example["y_test"]
    assert len(y) == 400
    # "contrasts between 0.6 and 1": the brightest stroke pixel, less the noise
    _, labels = cd.smiley_dataset(400, seed=1)
    clean, _ = cd.smiley_dataset(400, seed=1, noise=0.0)
    contrast = clean.max(axis=(1, 2, 3))
    assert contrast.min() >= 0.6 and contrast.max() <= 1.0
    assert np.array_equal(labels, y) and x.shape == clean.shape


def test_the_hand_built_unit_never_fires_on_a_scrambled_face_and_misses_most_faces(example):
    faces, scrambled = example["faces"], example["scrambled"]
    assert np.mean(scrambled > 0) == 0.0
    assert np.mean(faces > 0) == pytest.approx(0.26, abs=0.005)
    assert np.mean(faces > 0) < 0.5
    assert example["values"]["hand-built"] == pytest.approx(0.63, abs=0.005)


def test_the_best_learned_unit_is_not_perfect(example):
    values = example["values"]
    assert example["best"] == "unit 3"
    assert values["unit 3"] == pytest.approx(0.91, abs=0.005)
    assert values["unit 3"] < 1.0
    below = sorted(name for name, v in values.items() if v < 0.5)
    assert below == ["unit 0", "unit 2", "unit 5"]  # they prefer scrambled faces


def test_the_network_gets_every_held_out_image_right(example):
    assert example["accuracy"] == 1.0
    network, x, y = example["network"], example["x_test"], example["y_test"]
    assert np.array_equal(network.forward(x).argmax(axis=1), y)


def test_the_hand_built_unit_needs_high_contrast_and_eight_units_are_weighed(example):
    detector = cd.smiley_face_detector()
    face = cd.draw_smiley("face", shape=(15, 15))[None, None]
    assert detector.forward(face).max() > 0
    assert detector.forward(0.7 * face).max() == 0  # silenced at a contrast of 0.7
    assert example["averages"].shape == (400, 8)
    assert example["network"][6].weight.shape == (2, 8)  # the read-out weighs all eight
