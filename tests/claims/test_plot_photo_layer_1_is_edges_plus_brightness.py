"""Claims of gallery/learned_features/plot_photo_layer_1_is_edges_plus_brightness.py."""

import numpy as np
import pytest

from convdemo.data import sample_image


def test_the_camera_man_downscaled_by_2(example):
    camera = example["camera"]
    assert camera.shape == (256, 256)
    assert camera[0, 0] == pytest.approx(sample_image("camera")[:2, :2].mean())
    assert example["kernels"].shape == (4, 5, 5)


def test_the_matches_are_those_of_the_layer_1_page(example, gallery_runs):
    layer1 = gallery_runs("plot_layer_1_learns_edges")
    detectors, best, correlation = layer1["detectors"], layer1["best"], layer1["correlation"]
    found = [(detectors[b], int(np.sign(correlation[f, b]))) for f, b in enumerate(best)]
    assert example["MATCHES"] == found


def test_learned_kernels_need_not_sum_to_0(example):
    means = example["kernels"].mean(axis=(1, 2))
    assert np.all(np.abs(means) > 0.005)
    assert example["hand_maps"].shape == example["learned_maps"].shape == (4, 252, 252)


def test_the_mean_weight_makes_up_63_to_84_percent_of_three_maps(example):
    from_mean = example["from_mean"]
    three = np.sort(from_mean)[1:]
    assert three.min() == pytest.approx(0.63, abs=0.005)
    assert three.max() == pytest.approx(0.84, abs=0.005)
    assert np.sort(from_mean)[0] < 0.1  # the fourth map: hardly any


def test_without_the_mean_each_map_correlates_0_58_to_0_75(example):
    r_pattern, r_whole = example["r_pattern"], example["r_whole"]
    assert r_pattern.min() == pytest.approx(0.58, abs=0.005)
    assert r_pattern.max() == pytest.approx(0.75, abs=0.005)
    assert np.all(r_pattern > r_whole)  # taking the mean out makes each map more an edge map


def test_the_channel_with_a_mean_near_0_agrees_either_way(example):
    c = int(np.argmin(np.abs(example["kernels"].mean(axis=(1, 2)))))
    assert abs(example["kernels"][c].mean()) < 0.02
    assert example["r_whole"][c] > 0.7 and example["r_pattern"][c] > 0.7
