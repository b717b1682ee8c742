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


def test_sixteen_windows_make_a_four_by_four_output(example):
    output = example["output"]
    assert output.shape == (4, 4)  # 6 - 3 + 1 = 4 positions per axis
    assert len(example["positions"]) == 16
    assert output.tolist() == [
        [9, 11, 8, 20],
        [4, 0, 4, 0],
        [14, -1, 7, 5],
        [3, 15, -1, 4],
    ]


def test_nine_products_add_up_to_the_output_cell(example):
    assert (example["ROW"], example["COL"]) == (2, 2)
    window, products = example["window_values"], example["products"]
    assert window.tolist() == [[2, 4, 0], [4, 1, 2], [5, 2, 2]]
    assert np.array_equal(products, window * example["kernel"])
    assert products.ravel().tolist() == [2, 8, 0, -4, 1, 2, 0, -4, 2]
    assert example["total"] == products.sum() == 7
    assert example["output"][2, 2] == example["total"]
    assert example.line(r"^equal:") == "equal: True"
