"""Interpretation tools on hand-built detectors whose answers are known."""

import numpy as np
import pytest

import convdemo as cd
from convdemo.interpret import (
    activation_maximisation,
    occlusion_sensitivity,
    read_circuit,
    top_activating_patches,
)


def line_detector():
    return cd.Stack([cd.Conv2d(cd.named_kernel("vertical_line")[None, None]), cd.ReLU()])


def test_top_patches_are_the_receptive_field_crops_of_the_best_units():
    rng = np.random.default_rng(0)
    images = rng.uniform(0, 0.2, size=(3, 1, 9, 9))
    images[1, 0, :, 6] = 1.0  # the one image with a line
    top = top_activating_patches(line_detector(), images, layer=1, channel=0, k=4)
    assert top.patches.shape == (4, 1, 3, 3)
    assert (top.locations[:, 0] == 1).all() and (top.locations[:, 2] == 5).all()
    assert np.all(np.diff(top.values) <= 0)  # best first
    for patch, (n, row, col) in zip(top.patches, top.locations, strict=True):
        np.testing.assert_array_equal(patch[0], images[n, 0, row : row + 3, col : col + 3])
        np.testing.assert_array_equal(patch[0][:, 1], images[n, 0, row : row + 3, 6])


def test_top_patch_crop_matches_the_measured_receptive_field_after_pooling():
    images = np.random.default_rng(1).uniform(size=(2, 1, 10, 10))
    stack = cd.Stack([cd.Conv2d(np.ones((1, 1, 3, 3))), cd.ReLU(), cd.MaxPool2d(2)])
    top = top_activating_patches(stack, images, layer=2, channel=0, k=1)
    n, row, col = top.locations[0]
    grad = cd.empirical_receptive_field(stack, (1, 10, 10), unit=(0, row, col))
    rows, cols = np.flatnonzero(grad.any(axis=1)), np.flatnonzero(grad.any(axis=0))
    assert top.patches.shape[2:] == (4, 4)
    np.testing.assert_array_equal(
        top.patches[0, 0], images[n, 0, rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    )


def test_patches_reaching_outside_the_image_are_nan_there():
    image = np.zeros((1, 1, 5, 5))
    image[0, 0, 0, 0] = 5.0
    stack = cd.Stack([cd.Conv2d(np.ones((1, 1, 3, 3)), padding=1)])
    top = top_activating_patches(stack, image, layer=0, channel=0, k=1)
    assert tuple(top.locations[0]) == (0, 0, 0)
    assert np.isnan(top.patches[0, 0, 0]).all() and np.isnan(top.patches[0, 0, :, 0]).all()
    assert top.patches[0, 0, 1, 1] == 5.0


def test_activation_maximisation_finds_the_edge_a_sobel_unit_wants():
    stack = cd.Stack([cd.Conv2d(cd.named_kernel("sobel_y")[None, None]), cd.ReLU()])
    image = activation_maximisation(stack, 1, 0, (1, 10, 10), steps=60)
    assert image.shape == (1, 10, 10) and np.abs(image).max() <= 1.0
    rows = image[0].mean(axis=1)
    assert rows[-2:].mean() > 0.3 and rows[:2].mean() < -0.3  # dark above, bright below
    np.testing.assert_array_equal(
        image, activation_maximisation(stack, 1, 0, (1, 10, 10), steps=60)
    )


def test_activation_maximisation_regularisers_smooth_the_image():
    stack = cd.Stack([cd.Conv2d(cd.named_kernel("vertical_line")[None, None]), cd.ReLU()])
    plain = activation_maximisation(
        stack, 1, 0, (1, 12, 12), steps=40, blur_every=0, weight_decay=0.0
    )
    smooth = activation_maximisation(stack, 1, 0, (1, 12, 12), steps=40, blur_every=2)

    def roughness(img):
        return np.abs(np.diff(img[0], axis=0)).mean()

    assert roughness(smooth) < roughness(plain)


def test_activation_maximisation_refuses_a_silent_unit():
    # a ReLU with a large negative bias is off for faint noise: no gradient to climb
    stack = cd.Stack([cd.Conv2d(np.ones((1, 1, 3, 3)), bias=[-5.0]), cd.ReLU()])
    with pytest.raises(ValueError, match="channel 0 of layer 1 is silent"):
        activation_maximisation(stack, 1, 0, (1, 8, 8), steps=5)
    assert activation_maximisation(stack, 0, 0, (1, 8, 8), steps=5).min() > 0  # before ReLU


def test_occlusion_marks_the_pixels_that_matter():
    image = np.zeros((1, 8, 8))
    image[0, :, 5] = 1.0
    drop = occlusion_sensitivity(line_detector(), image, 0, patch=2, stride=1, fill=0.0)
    assert drop.shape == (8, 8)
    column_mean = drop.mean(axis=0)
    assert column_mean.argmax() in (4, 5) and column_mean[:3].max() == 0.0
    classifier_drop = occlusion_sensitivity(
        cd.tiny_cnn(seed=0), np.zeros((1, 24, 24)), 1, patch=4, stride=4
    )
    assert classifier_drop.shape == (24, 24) and np.abs(classifier_drop).max() == 0.0


def test_read_circuit_of_the_face_unit():
    edges = read_circuit(cd.smiley_face_detector()[2], 0)
    assert [e.in_channel for e in edges] == [0, 1]
    assert (edges[0].excitation, edges[1].excitation) == (4.0, 2.5)
    np.testing.assert_array_equal(np.argwhere(edges[0].weights), [[0, 0], [0, 4], [1, 0], [1, 4]])
    np.testing.assert_array_equal(np.argwhere(edges[1].weights)[:, 0], [5] * 5)


def test_bad_input():
    stack = line_detector()
    images = np.zeros((2, 1, 6, 6))
    with pytest.raises(ValueError, match="layer must index one of the stack's 2 layers"):
        top_activating_patches(stack, images, layer=5, channel=0)
    with pytest.raises(ValueError, match=r"channel must be in 0..0"):
        top_activating_patches(stack, images, layer=1, channel=1)
    with pytest.raises(ValueError, match="images must have 4 dimensions"):
        top_activating_patches(stack, images[0], layer=1, channel=0)
    with pytest.raises(TypeError, match="stack must be a convdemo Stack"):
        top_activating_patches([cd.ReLU()], images, layer=0, channel=0)
    with pytest.raises(ValueError, match="top patches need feature maps"):
        top_activating_patches(cd.tiny_cnn(seed=0), np.zeros((1, 1, 24, 24)), -1, 0)
    with pytest.raises(ValueError, match=r"input_shape must be \(C, H, W\)"):
        activation_maximisation(stack, 1, 0, (6, 6))
    with pytest.raises(ValueError, match="weight_decay must be < 1"):
        activation_maximisation(stack, 1, 0, (1, 6, 6), weight_decay=1.0)
    with pytest.raises(ValueError, match="lr must be > 0"):
        activation_maximisation(stack, 1, 0, (1, 6, 6), lr=0)
    with pytest.raises(ValueError, match="patch 7 is larger than the image"):
        occlusion_sensitivity(stack, images[0], 0, patch=7)
    with pytest.raises(ValueError, match="fill must be finite"):
        occlusion_sensitivity(stack, images[0], 0, fill=np.nan)
    with pytest.raises(TypeError, match="layer must be a Conv2d with a 4-D weight"):
        read_circuit(cd.ReLU(), 0)
    with pytest.raises(ValueError, match=r"out_channel must be in 0..0"):
        read_circuit(cd.smiley_face_detector()[2], 1)
