"""Claims of gallery/basics/plot_one_output_number.py."""

import numpy as np
import pytest

from convdemo import conv2d

KERNEL = np.array([[1, 2, 0], [-1, 1, 1], [0, -2, 1]], dtype=float)


@pytest.fixture(scope="module")
def image():
    return np.random.default_rng(7).integers(0, 6, size=(6, 6)).astype(float)


def test_the_input_drawn_from_the_seed(image):
    assert image.astype(int).tolist() == [
        [5, 3, 4, 5, 3, 4],
        [5, 1, 0, 1, 1, 5],
        [5, 0, 2, 4, 0, 4],
        [0, 2, 4, 1, 2, 1],
        [4, 1, 5, 2, 2, 3],
        [3, 3, 3, 5, 4, 4],
    ]


def test_sixteen_windows_make_a_four_by_four_output(image):
    output = conv2d(image, KERNEL)
    assert output.shape == (4, 4)  # 6 - 3 + 1 = 4 positions per axis
    assert output.tolist() == [
        [9, 11, 8, 20],
        [4, 0, 4, 0],
        [14, -1, 7, 5],
        [3, 15, -1, 4],
    ]


def test_nine_products_add_up_to_the_output_cell(image):
    window = image[2:5, 2:5]
    products = window * KERNEL
    assert window.tolist() == [[2, 4, 0], [4, 1, 2], [5, 2, 2]]
    assert products.ravel().tolist() == [2, 8, 0, -4, 1, 2, 0, -4, 2]
    assert products.sum() == 7
    assert conv2d(image, KERNEL)[2, 2] == products.sum()
