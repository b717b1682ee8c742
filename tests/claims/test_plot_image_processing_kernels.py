"""Claims of gallery/basics/plot_image_processing_kernels.py."""

import numpy as np
import pytest

from convdemo import conv2d, named_kernel
from convdemo.data import sample_image

PATCHES = {
    "sky": (20, 380, 32),
    "grass": (400, 440, 32),
    "tripod column": (352, 272, 32),
    "camera top": (136, 272, 32),
}
KERNELS = ["box_blur", "sharpen", "emboss", "outline", "sobel_x", "sobel_y"]


def patch(image, name):
    row, col, size = PATCHES[name]
    return image[row : row + size, col : col + size]


@pytest.fixture(scope="module")
def photo():
    return sample_image("camera")


@pytest.fixture(scope="module")
def outputs(photo):
    return {name: conv2d(photo, named_kernel(name), padding="same") for name in KERNELS}


def test_weights_summing_to_one_keep_the_sky_and_to_zero_erase_it(photo, outputs):
    sky = patch(photo, "sky").mean()
    assert sky == pytest.approx(0.771, abs=5e-4)
    for name in KERNELS:
        weights_sum = named_kernel(name).sum()
        mean_abs = np.abs(patch(outputs[name], "sky")).mean()
        if name in ("box_blur", "sharpen", "emboss"):
            assert weights_sum == pytest.approx(1.0)
            assert mean_abs == pytest.approx(sky, abs=0.005)
        else:
            assert weights_sum == pytest.approx(0.0)
            assert mean_abs < 0.015  # printed: 0.013, 0.006, 0.007
    assert np.abs(patch(outputs["outline"], "sky")).mean() == pytest.approx(0.013, abs=5e-4)


def test_blur_shrinks_and_sharpen_grows_the_grass_texture(photo, outputs):
    before = patch(photo, "grass").std()
    blurred = patch(outputs["box_blur"], "grass").std()
    sharpened = patch(outputs["sharpen"], "grass").std()
    assert (before, blurred, sharpened) == pytest.approx((0.055, 0.026, 0.243), abs=5e-4)
    assert before / blurred == pytest.approx(2.1, abs=0.05)
    assert sharpened / before == pytest.approx(4.4, abs=0.05)


def test_sobel_x_answers_vertical_edges_and_sobel_y_horizontal_ones(outputs):
    column_x = np.abs(patch(outputs["sobel_x"], "tripod column")).mean()
    column_y = np.abs(patch(outputs["sobel_y"], "tripod column")).mean()
    top_x = np.abs(patch(outputs["sobel_x"], "camera top")).mean()
    top_y = np.abs(patch(outputs["sobel_y"], "camera top")).mean()
    assert (column_x, column_y) == pytest.approx((0.897, 0.159), abs=5e-4)
    assert (top_x, top_y) == pytest.approx((0.096, 0.301), abs=5e-4)
    assert column_x / column_y == pytest.approx(5.6, abs=0.05)  # "more than 5 times"
    assert top_y / top_x == pytest.approx(3.1, abs=0.05)  # "about 3 times"


def test_zero_padding_darkens_the_frame_and_valid_drops_it(photo):
    sky_crop = photo[40:48, 440:448]
    same = conv2d(sky_crop, named_kernel("box_blur"), padding="same")
    valid = conv2d(sky_crop, named_kernel("box_blur"), padding="valid")
    assert same.shape == (8, 8)
    assert valid.shape == (6, 6)
    centre = same[1:-1, 1:-1].mean()
    assert same[0, 0] / centre == pytest.approx(0.443, abs=5e-4)
    assert same[0, 1:-1].mean() / centre == pytest.approx(0.665, abs=5e-4)
    assert same[0, 0] / centre == pytest.approx(4 / 9, abs=0.005)
    assert same[0, 1:-1].mean() / centre == pytest.approx(6 / 9, abs=0.005)
    assert (valid.min(), valid.max()) == pytest.approx((0.77, 0.77), abs=0.005)
    # the numbers the figure's alt text quotes
    assert same[[0, 0, -1, -1], [0, -1, 0, -1]] == pytest.approx(0.345, abs=0.006)
    assert same[1:-1, [0, -1]] == pytest.approx(0.515, abs=0.006)


def test_zero_padding_invents_an_edge_at_the_border(photo, outputs):
    assert outputs["sobel_x"].shape == (512, 512)
    assert conv2d(photo, named_kernel("sobel_x"), padding="valid").shape == (510, 510)
    border = np.abs(outputs["sobel_x"][:150, -1]).mean()
    inner = np.abs(outputs["sobel_x"][:150, -2]).mean()
    assert border == pytest.approx(3.13, abs=0.005)
    assert inner == pytest.approx(0.006, abs=5e-4)
