"""Claims of gallery/learned_features/plot_smiley_layer_1_learns_eyes_and_mouth.py."""

import numpy as np
import pytest

import convdemo as cd


def test_the_network_and_its_task(example):
    network = example["network"]
    assert network[0].weight.shape == (4, 1, 3, 3)  # four 3x3 kernels in layer 1
    assert example["example"].test_images.shape[-2:] == (15, 15)
    assert example["accuracy"] == 1.0
    assert "held-out accuracy after 10 epochs: 100%" in example.printed


def test_two_eye_channels_a_mouth_channel_and_a_background_channel(example):
    assert example["roles"] == ["mouth", "background", "eye", "eye"]
    eyes, mouth = example["eyes"], example["mouth"]
    assert eyes == pytest.approx([1.23, 0.50, 2.36, 2.63], abs=0.005)
    assert mouth == pytest.approx([4.16, 0.50, 1.18, 1.36], abs=0.005)


def test_the_background_channel_is_its_bias_on_paper_and_silent_near_ink(example):
    c = example["roles"].index("background")
    network, learned = example["network"], example["learned"]
    empty = cd.Stack(network.layers[:2]).forward(cd.draw_smiley("blank", shape=(15, 15))[None])
    assert np.all(empty[c] == pytest.approx(network[0].bias[c]))  # constant on empty paper
    assert network[0].bias[c] == pytest.approx(0.45, abs=0.005)
    assert learned[c].sum() == pytest.approx(-5.12, abs=0.005)
    assert learned[c].max() < 0.15  # "negative or near 0"
    on_face = cd.Stack(network.layers[:2]).forward(cd.draw_smiley("face", shape=(15, 15))[None])
    assert on_face[c].min() == 0  # drops to 0 near ink
    others = [k for k, role in enumerate(example["roles"]) if role != "background"]
    assert np.all(empty[others] == 0)


def test_eye_channels_are_vertical_edges_the_mouth_channel_has_positive_outer_rows(example):
    detectors, best, roles = example["detectors"], example["best"], example["roles"]
    assert all(cd.named_kernel(n).sum() == 0 for n in detectors)
    eye_channels = [c for c, role in enumerate(roles) if role == "eye"]
    assert [detectors[best[c]] for c in eye_channels] == ["prewitt_x", "prewitt_x"]
    signs = np.sign([example["correlation"][c, best[c]] for c in eye_channels])
    assert sorted(signs) == [-1, 1]  # either sign: the two sides of a stroke
    mouth_kernel = example["learned"][roles.index("mouth")]
    assert np.all(mouth_kernel[[0, 2]] > 0) and np.all(mouth_kernel[1] < 0)
