"""Claims of gallery/feature_maps/plot_how_much_not_whether.py."""

import numpy as np
import pytest

from convdemo import conv2d


def test_graded_values_against_two(example):
    maps = example["maps"]
    raw = maps["no activation"]
    assert np.unique(raw).size == 7014
    assert np.unique(maps["ReLU"]).size == 3297
    assert np.unique(maps["step"]).tolist() == [0.0, 1.0]
    assert maps["step"].mean() == pytest.approx(0.47, abs=0.005)
    assert (int((raw <= 0).sum()), int((raw > 0).sum())) == (138082, 122018)
    assert (raw.min(), raw.max()) == pytest.approx((-3.37, 3.34), abs=0.005)


def test_tripod_beats_grass_only_before_the_step(example):
    strongest = example["strongest"]
    tripod, grass = strongest["ReLU"]
    assert (tripod, grass) == pytest.approx((2.05, 0.82), abs=0.005)
    assert strongest["no activation"] == (tripod, grass)
    assert tripod / grass == pytest.approx(2.5, abs=0.05)
    assert strongest["step"] == (1.0, 1.0)


def test_along_one_row(example):
    assert example["ROW"] == 440
    on_row, crop, grass = example["on_row"], example["CROP"][1], example["grass_cells"]
    assert on_row["ReLU"][crop].max() == pytest.approx(2.34, abs=0.005)
    assert on_row["ReLU"][grass].max() == pytest.approx(0.44, abs=0.005)
    assert on_row["step"][crop].max() == on_row["step"][grass].max() == 1.0
    # the alt text: spikes up to about +2.3 and -2.8, grass within about 0.5 of zero
    row = on_row["no activation"]
    assert (row[crop].max(), row[crop].min()) == pytest.approx((2.34, -2.77), abs=0.01)
    assert np.abs(row[grass]).max() < 0.55


def test_most_of_found_is_faint(example):
    found = example["found"]
    assert found.size == 122018
    assert np.mean(found < 0.1) == pytest.approx(0.69, abs=0.005)
    assert np.mean(found > 1) == pytest.approx(0.03, abs=0.005)
    assert found.max() == pytest.approx(3.34, abs=0.005)


def test_layer_2_recovers_strength_from_relu_maps_only(example):
    from_relu, from_step = example["strength"]["ReLU"], example["strength"]["step"]
    # relu(g) + relu(-g) = |g|: layer 2 computes |sobel_x| + |sobel_y| exactly
    sobel_y = conv2d(example["photo"], example["sobel_y"])
    absolute = np.abs(example["raw"]) + np.abs(sobel_y)
    np.testing.assert_allclose(from_relu, absolute, rtol=0, atol=1e-9)  # 260,100 pixels
    assert example["correlation"]["ReLU"] == pytest.approx(0.992, abs=5e-4)
    assert example["correlation"]["step"] == pytest.approx(0.151, abs=5e-4)
    values, counts = np.unique(from_step, return_counts=True)
    assert values.tolist() == [0.0, 1.0, 2.0]
    assert counts.tolist() == [1593, 19729, 238778]


def test_strong_edge_detector_marks_grass_only_from_step_maps(example):
    strong, grass = example["strong"], example["GRASS"]
    from_relu, from_step = example["marked"]["ReLU"], example["marked"]["step"]
    assert strong[grass].mean() == 0.0
    assert from_relu[grass].mean() == pytest.approx(0.001, abs=5e-4)
    assert from_step[grass].mean() == pytest.approx(0.993, abs=5e-4)
    assert from_relu[strong].mean() == 1.0
    assert from_step[strong].mean() == pytest.approx(0.997, abs=5e-4)
    assert (from_relu.mean(), from_step.mean()) == pytest.approx((0.048, 0.918), abs=5e-4)


def test_no_step_threshold_comes_close_to_relu(example):
    thresholds, stepped, best = example["thresholds"], example["stepped"], example["best"]
    assert thresholds.tolist() == pytest.approx(np.arange(21) / 10)
    assert best == int(np.argmax(stepped))
    assert thresholds[best] == 0.5
    assert stepped[best] == pytest.approx(0.839, abs=5e-4)
    assert stepped[best] < 0.84
    assert stepped[0] == pytest.approx(0.151, abs=5e-4)
    assert 1 - example["correlation"]["ReLU"] ** 2 == pytest.approx(0.016, abs=5e-4)
    assert 1 - stepped[best] ** 2 == pytest.approx(0.296, abs=5e-4)
