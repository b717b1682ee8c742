"""Claims of gallery/feature_maps/plot_how_much_not_whether.py."""

import numpy as np
import pytest

from convdemo import Conv2d, ReLU, Stack, Step, conv2d, named_kernel, relu, step
from convdemo.data import sample_image

CROP = (slice(320, 480), slice(256, 416))
GRASS = (slice(336, 400), slice(368, 416))
TRIPOD = (slice(340, 470), slice(280, 306))
ROW = 440
ROW_GRASS = np.concatenate([np.arange(300, 358), np.arange(375, 416)])
SOBEL_X, SOBEL_Y = named_kernel("sobel_x"), named_kernel("sobel_y")
LAYER_1 = np.stack([SOBEL_X, -SOBEL_X, SOBEL_Y, -SOBEL_Y])[:, None]
LAYER_2 = np.ones((1, 4, 1, 1))


@pytest.fixture(scope="module")
def photo():
    return sample_image("camera")


@pytest.fixture(scope="module")
def raw(photo):
    return conv2d(photo, SOBEL_X)


@pytest.fixture(scope="module")
def true_magnitude(photo, raw):
    return np.hypot(raw, conv2d(photo, SOBEL_Y))


def layer_2_output(photo, activation, bias=None, last=None):
    layers = [Conv2d(LAYER_1), activation, Conv2d(LAYER_2, bias=bias)]
    return Stack(layers + ([last] if last else [])).forward(photo[None])[0]


def correlation(a, b):
    return np.corrcoef(a.ravel(), b.ravel())[0, 1]


def test_graded_values_against_two(raw):
    assert np.unique(raw).size == 7014
    assert np.unique(relu(raw)).size == 3297
    assert np.unique(step(raw)).tolist() == [0.0, 1.0]
    assert step(raw).mean() == pytest.approx(0.47, abs=0.005)
    assert (int((raw <= 0).sum()), int((raw > 0).sum())) == (138082, 122018)
    assert (raw.min(), raw.max()) == pytest.approx((-3.37, 3.34), abs=0.005)


def test_tripod_beats_grass_only_before_the_step(raw):
    tripod, grass = relu(raw)[TRIPOD].max(), relu(raw)[GRASS].max()
    assert (tripod, grass) == pytest.approx((2.05, 0.82), abs=0.005)
    assert raw[TRIPOD].max() == tripod and raw[GRASS].max() == grass
    assert tripod / grass == pytest.approx(2.5, abs=0.05)
    assert step(raw)[TRIPOD].max() == step(raw)[GRASS].max() == 1.0


def test_along_one_row(raw):
    row = raw[ROW]
    assert relu(row)[CROP[1]].max() == pytest.approx(2.34, abs=0.005)
    assert relu(row)[ROW_GRASS].max() == pytest.approx(0.44, abs=0.005)
    assert step(row)[CROP[1]].max() == step(row)[ROW_GRASS].max() == 1.0
    # the alt text: spikes up to about +2.3 and -2.8, grass within about 0.5 of zero
    assert (row[CROP[1]].max(), row[CROP[1]].min()) == pytest.approx((2.34, -2.77), abs=0.01)
    assert np.abs(row[ROW_GRASS]).max() < 0.55


def test_most_of_found_is_faint(raw):
    found = raw[raw > 0]
    assert found.size == 122018
    assert np.mean(found < 0.1) == pytest.approx(0.69, abs=0.005)
    assert np.mean(found > 1) == pytest.approx(0.03, abs=0.005)
    assert found.max() == pytest.approx(3.34, abs=0.005)


def test_layer_2_recovers_strength_from_relu_maps_only(photo, raw, true_magnitude):
    from_relu = layer_2_output(photo, ReLU())
    from_step = layer_2_output(photo, Step())
    # relu(g) + relu(-g) = |g|: layer 2 computes |sobel_x| + |sobel_y| exactly
    assert from_relu == pytest.approx(np.abs(raw) + np.abs(conv2d(photo, SOBEL_Y)), abs=1e-9)
    assert correlation(from_relu, true_magnitude) == pytest.approx(0.992, abs=5e-4)
    assert correlation(from_step, true_magnitude) == pytest.approx(0.151, abs=5e-4)
    values, counts = np.unique(from_step, return_counts=True)
    assert values.tolist() == [0.0, 1.0, 2.0]
    assert counts.tolist() == [1593, 19729, 238778]


def test_strong_edge_detector_marks_grass_only_from_step_maps(photo, true_magnitude):
    strong = true_magnitude > 1.0
    assert strong[GRASS].mean() == 0.0
    from_relu = layer_2_output(photo, ReLU(), bias=[-1.0], last=Step())
    from_step = layer_2_output(photo, Step(), bias=[-1.0], last=Step())
    assert from_relu[GRASS].mean() == pytest.approx(0.001, abs=5e-4)
    assert from_step[GRASS].mean() == pytest.approx(0.993, abs=5e-4)
    assert from_relu[strong].mean() == 1.0
    assert from_step[strong].mean() == pytest.approx(0.997, abs=5e-4)
    assert (from_relu.mean(), from_step.mean()) == pytest.approx((0.048, 0.918), abs=5e-4)


def test_no_step_threshold_comes_close_to_relu(photo, true_magnitude):
    thresholds = np.round(np.arange(0.0, 2.01, 0.1), 2)
    stepped = np.array(
        [
            correlation(layer_2_output(photo, Step(threshold)), true_magnitude)
            for threshold in thresholds
        ]
    )
    best = int(np.argmax(stepped))
    assert thresholds[best] == 0.5
    assert stepped[best] == pytest.approx(0.839, abs=5e-4)
    assert stepped[best] < 0.84
    assert stepped[0] == pytest.approx(0.151, abs=5e-4)
    relu_r = correlation(layer_2_output(photo, ReLU()), true_magnitude)
    assert 1 - relu_r**2 == pytest.approx(0.016, abs=5e-4)
    assert 1 - stepped[best] ** 2 == pytest.approx(0.296, abs=5e-4)
