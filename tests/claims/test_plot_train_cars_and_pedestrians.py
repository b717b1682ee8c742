"""The numbers gallery/learned_features/plot_train_cars_and_pedestrians.py prints and states."""

import numpy as np
import pytest

import convdemo as cd


def test_data_sizes(example):
    assert example["x_train"].shape == (1200, 1, 24, 24)
    assert example["example"].test_images.shape == (400, 1, 24, 24)
    assert np.bincount(example["y_train"]).tolist() == [600, 600]


def test_network_has_418_weights(example):
    assert example["n_weights"] == 418
    assert len(example["network"]) == 7


def test_training_history(example):
    history = example["history"]
    assert history.test_accuracy == [0.76, 0.9975, 1.0, 1.0, 1.0, 0.9975, 0.9975, 1.0]
    assert history.train_accuracy[0] == pytest.approx(0.7725)
    assert history.train_accuracy[4:] == [1.0, 1.0, 1.0, 1.0]
    assert history.loss[0] == pytest.approx(0.6434476663501507, abs=1e-6)
    assert history.loss[-1] == pytest.approx(0.008315478808456794, abs=1e-6)
    assert history.loss[0] / history.loss[-1] == pytest.approx(77.4, abs=0.1)
    assert min(history.loss) == pytest.approx(0.007844062410061433, abs=1e-6)


def test_stretch_keeps_the_kernel_at_its_corners_and_centre(example):
    k = cd.named_kernel("sobel_y")
    s = example["stretch"](k)
    assert s.shape == (5, 5)
    assert s[::2, ::2] == pytest.approx(k)
    assert s[1, 1] == pytest.approx(k[:2, :2].mean())


def test_best_matching_kernels(example):
    detectors, corr = example["detectors"], example["correlation"]
    assert detectors == [
        *("sobel_x", "sobel_y", "prewitt_x", "prewitt_y"),
        *("horizontal_line", "vertical_line", "laplacian", "outline"),
    ]
    assert all(cd.named_kernel(name).sum() == 0 for name in detectors)
    assert np.array_equal(example["learned"], example["network"][0].weight[:, 0])
    best = example["best"]
    assert [detectors[b] for b in best] == ["horizontal_line", "sobel_y", "prewitt_x", "prewitt_y"]
    values = corr[np.arange(4), best]
    assert values == pytest.approx([-0.85244136, 0.86548441, -0.55449915, -0.69914732], abs=1e-6)
    runners = example["runners"]
    assert [detectors[r] for r in runners] == ["outline", "prewitt_y", "sobel_x", "sobel_y"]
    assert corr[np.arange(4), runners] == pytest.approx(
        [-0.53365692, 0.8552537, -0.53027316, -0.69714792], abs=1e-6
    )
