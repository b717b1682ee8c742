"""Claims of gallery/basics/plot_image_processing_kernels.py."""

import pytest

from convdemo import named_kernel


def test_weights_summing_to_one_keep_the_sky_and_to_zero_erase_it(example):
    kernels, on_sky, sky = example["KERNELS"], example["on_sky"], example["sky"]
    assert kernels == ["box_blur", "sharpen", "emboss", "outline", "sobel_x", "sobel_y"]
    assert sky == pytest.approx(0.771, abs=5e-4)
    for name in kernels:
        weights_sum = named_kernel(name).sum()
        if name in ("box_blur", "sharpen", "emboss"):
            assert weights_sum == pytest.approx(1.0)
            assert on_sky[name] == pytest.approx(sky, abs=0.005)
        else:
            assert weights_sum == pytest.approx(0.0)
            assert on_sky[name] < 0.015  # printed: 0.013, 0.006, 0.007
    assert on_sky["outline"] == pytest.approx(0.013, abs=5e-4)


def test_blur_shrinks_and_sharpen_grows_the_grass_texture(example):
    before = example["patch"](example["photo"], "grass").std()
    blurred, sharpened = example["grass_std"]["box_blur"], example["grass_std"]["sharpen"]
    assert (before, blurred, sharpened) == pytest.approx((0.055, 0.026, 0.243), abs=5e-4)
    assert before / blurred == pytest.approx(2.1, abs=0.05)
    assert sharpened / before == pytest.approx(4.4, abs=0.05)


def test_sobel_x_answers_vertical_edges_and_sobel_y_horizontal_ones(example):
    column_x, column_y = example["sobel_means"]["tripod column"]
    top_x, top_y = example["sobel_means"]["camera top"]
    assert (column_x, column_y) == pytest.approx((0.897, 0.159), abs=5e-4)
    assert (top_x, top_y) == pytest.approx((0.096, 0.301), abs=5e-4)
    ratio = example["sobel_ratio"]
    assert ratio["tripod column"] == pytest.approx(5.6, abs=0.05)  # "more than 5 times"
    assert 1 / ratio["camera top"] == pytest.approx(3.1, abs=0.05)  # "about 3 times"


def test_zero_padding_darkens_the_frame_and_valid_drops_it(example):
    same, valid = example["same"], example["valid"]
    assert example["sky_crop"].shape == same.shape == (8, 8)
    assert valid.shape == (6, 6)
    assert example["centre"] == same[1:-1, 1:-1].mean()
    assert example["corner_ratio"] == pytest.approx(0.443, abs=5e-4)
    assert example["side_ratio"] == pytest.approx(0.665, abs=5e-4)
    assert example["corner_ratio"] == pytest.approx(4 / 9, abs=0.005)
    assert example["side_ratio"] == pytest.approx(6 / 9, abs=0.005)
    assert (valid.min(), valid.max()) == pytest.approx((0.77, 0.77), abs=0.005)
    # the numbers the figure's alt text quotes
    assert same[[0, 0, -1, -1], [0, -1, 0, -1]] == pytest.approx(0.345, abs=0.006)
    assert same[1:-1, [0, -1]] == pytest.approx(0.515, abs=0.006)


def test_zero_padding_invents_an_edge_at_the_border(example):
    assert example["full_same"].shape == (512, 512)
    assert example["full_valid"].shape == (510, 510)
    assert example["sky_rows"] == slice(0, 150)
    assert example["border_response"] == pytest.approx(3.13, abs=0.005)
    assert example["inner_response"] == pytest.approx(0.006, abs=5e-4)
