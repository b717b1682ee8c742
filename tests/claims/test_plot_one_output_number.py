"""Claims of gallery/basics/plot_one_output_number.py."""

import numpy as np


def test_the_input_drawn_from_the_seed(example):
    assert example["image"].astype(int).tolist() == [
        [5, 3, 4, 5, 3, 4],
        [5, 1, 0, 1, 1, 5],
        [5, 0, 2, 4, 0, 4],
        [0, 2, 4, 1, 2, 1],
        [4, 1, 5, 2, 2, 3],
        [3, 3, 3, 5, 4, 4],
    ]
    assert example["kernel"].tolist() == [[1, 2, 0], [-1, 1, 1], [0, -2, 1]]


def test_nine_products_add_up_to_7_the_output_cell(example):
    assert (example["ROW"], example["COL"]) == (2, 2)
    products = example["products"]
    # the first paragraph: 2 + 8 + 0 - 4 + 1 + 2 + 0 - 4 + 2 = 7
    assert products.ravel().tolist() == [2, 8, 0, -4, 1, 2, 0, -4, 2]
    assert example["total"] == 7
    assert example["output"][2, 2] == 7


def test_every_cell_is_its_window_times_the_kernel(example):
    image, kernel, output = example["image"], example["kernel"], example["output"]
    assert output.shape == (4, 4)
    for r, c in np.ndindex(output.shape):
        assert output[r, c] == (image[r : r + 3, c : c + 3] * kernel).sum()
    assert example.line("every cell by the loops").endswith("True")
    np.testing.assert_array_equal(example["by_loops"], output)
