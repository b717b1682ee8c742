"""Claims of gallery/nonlinearity/plot_depth_without_nonlinearity.py."""

import numpy as np


def test_sobel_x_then_sobel_y_is_one_5x5_convolution_to_1e_15(example):
    assert example["composed"].shape == (5, 5)
    two, one = example["two_layers"], example["one_layer"]
    assert two.shape == one.shape
    assert np.abs(two - one).max() < 1e-14  # "about 1e-15"


def test_the_composed_kernel_is_a_saddle(example):
    composed = example["composed"]
    assert composed[2].tolist() == [0] * 5 and composed[:, 2].tolist() == [0] * 5
    assert composed[0, 0] > 0 and composed[-1, -1] > 0
    assert composed[0, -1] < 0 and composed[-1, 0] < 0


def test_four_random_layers_with_biases_are_one_9x9_convolution(example):
    assert example["deep_kernel"].shape == (9, 9)
    assert example["deep_difference"] < 1e-12
