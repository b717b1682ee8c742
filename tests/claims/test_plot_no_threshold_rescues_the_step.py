"""Claims of gallery/feature_maps/plot_no_threshold_rescues_the_step.py."""

import numpy as np
import pytest


def test_the_best_threshold_reaches_0_84_and_relu_0_99(example):
    stepped, best = example["stepped"], example["best"]
    assert example["thresholds"].tolist() == pytest.approx(np.arange(0, 2.05, 0.1))
    assert best == int(np.argmax(stepped))
    assert stepped[best] == pytest.approx(0.84, abs=0.005)
    assert example["with_relu"] == pytest.approx(0.99, abs=0.005)


def test_no_threshold_comes_close(example):
    assert example["stepped"].max() < example["with_relu"] - 0.1
