"""Claims of gallery/basics/plot_sobel_finds_edges_by_direction.py."""

import pytest


def test_sobel_x_on_the_column_and_sobel_y_on_the_camera_top(example):
    x_on_column, y_on_column = example["x_on_column"], example["y_on_column"]
    x_on_top, y_on_top = example["x_on_top"], example["y_on_top"]
    assert x_on_column / y_on_column == pytest.approx(5.6, abs=0.05)
    assert y_on_top / x_on_top == pytest.approx(3.1, abs=0.05)
