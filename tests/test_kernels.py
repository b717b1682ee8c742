"""The named kernels: sums, orientation on real edges, fresh copies, bad names."""

import numpy as np
import pytest

import convdemo as cd


@pytest.mark.parametrize("name", cd.KERNEL_NAMES)
def test_every_kernel_is_3x3_float64_and_documented(name):
    k = cd.named_kernel(name)
    assert k.shape == (3, 3)
    assert k.dtype == np.float64
    assert cd.kernel_description(name)


@pytest.mark.parametrize(
    ("name", "total"),
    [
        ("identity", 1),
        ("box_blur", 1),
        ("gaussian_blur", 1),
        ("sharpen", 1),
        ("emboss", 1),
        ("outline", 0),
        ("laplacian", 0),
        ("sobel_x", 0),
        ("sobel_y", 0),
        ("prewitt_x", 0),
        ("prewitt_y", 0),
        ("horizontal_line", 0),
        ("vertical_line", 0),
    ],
)
def test_kernel_sums(name, total):
    assert cd.named_kernel(name).sum() == pytest.approx(total, abs=1e-15)


def test_sobel_orientation_on_step_edges():
    left_dark = np.zeros((5, 6))
    left_dark[:, 3:] = 1.0  # vertical edge, brighter to the right
    assert cd.conv2d(left_dark, cd.named_kernel("sobel_x")).max() == 4.0
    assert np.abs(cd.conv2d(left_dark, cd.named_kernel("sobel_y"))).max() == 0.0
    top_dark = left_dark[:, :5].T.copy()  # horizontal edge, brighter at the bottom
    assert cd.conv2d(top_dark, cd.named_kernel("sobel_y")).max() == 4.0
    assert np.abs(cd.conv2d(top_dark, cd.named_kernel("sobel_x"))).max() == 0.0


def test_line_detectors_prefer_their_own_line():
    image = np.zeros((5, 5))
    image[2, :] = 1.0  # a horizontal line
    h = cd.conv2d(image, cd.named_kernel("horizontal_line"))[1, 1]
    v = cd.conv2d(image, cd.named_kernel("vertical_line"))[1, 1]
    assert (h, v) == (6.0, 0.0)


def test_identity_copies_the_image():
    x = np.arange(25.0).reshape(5, 5)
    np.testing.assert_array_equal(cd.conv2d(x, cd.named_kernel("identity"), padding=1), x)


def test_returns_a_fresh_copy():
    k = cd.named_kernel("sharpen")
    k[:] = 0
    assert cd.named_kernel("sharpen")[1, 1] == 5.0


def test_bad_names():
    with pytest.raises(ValueError, match=r"name must be one of .*sobel_x"):
        cd.named_kernel("sobel")
    with pytest.raises(TypeError, match="name must be a string"):
        cd.named_kernel(3)
