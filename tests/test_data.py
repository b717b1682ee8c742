"""convdemo.data.sample_image: offline images as floats in [0, 1]."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("skimage")

from convdemo.data import SAMPLE_IMAGES, sample_image


@pytest.mark.parametrize("name", ["camera", "astronaut", "coins", "checkerboard", "logo", "horse"])
def test_gray_float_in_unit_range(name: str) -> None:
    image = sample_image(name)
    assert image.ndim == 2 and image.dtype == np.float64
    assert 0.0 <= image.min() <= image.max() <= 1.0
    assert image.max() > image.min()  # not blank
    assert image.flags.c_contiguous


@pytest.mark.parametrize("name", ["camera", "astronaut", "logo"])
def test_color_has_three_channels(name: str) -> None:
    image = sample_image(name, color=True)
    assert image.ndim == 3 and image.shape[-1] == 3
    assert 0.0 <= image.min() <= image.max() <= 1.0


def test_gray_camera_equals_its_color_channels() -> None:
    gray = sample_image("camera")
    color = sample_image("camera", color=True)
    np.testing.assert_array_equal(color[..., 0], gray)
    np.testing.assert_array_equal(color[..., 2], gray)


def test_every_listed_image_loads_offline() -> None:
    for name in SAMPLE_IMAGES:
        assert sample_image(name).ndim == 2, name


@pytest.mark.parametrize("name", ["brain", "eagle", "cells3d", "lily", "Camera", ""])
def test_images_needing_a_download_are_refused_with_the_list(name: str) -> None:
    with pytest.raises(ValueError, match="no download") as info:
        sample_image(name)
    assert "camera" in str(info.value) and repr(name) in str(info.value)


def test_bad_types() -> None:
    with pytest.raises(TypeError, match="name must be a string"):
        sample_image(3)
    with pytest.raises(TypeError, match="color must be True or False"):
        sample_image("camera", color="yes")
