"""The numbers gallery/learned_features/plot_digits_accuracy_and_mistakes.py prints and states."""

import numpy as np


def test_split_and_network(example):
    assert len(example["example"].train_labels) == 4000
    assert np.bincount(example["y_test"]).tolist() == [100] * 10
    assert example["network"][-2].name == "Flatten()"  # a read-out that keeps position


def test_held_out_accuracy_is_97_point_7_percent(example):
    assert example["accuracy"] >= 0.97  # the title: over 97%
    assert round(example["accuracy"], 3) == 0.977
    assert len(example["wrong"]) == 23
    assert example.line("^held-out accuracy") == "held-out accuracy: 97.7% (977 of 1000)"
    assert example["history"].test_accuracy[-1] == example["accuracy"]


def test_mistakes_are_spread_thin(example):
    counts = example["counts"]
    assert counts.sum() == 1000 and np.trace(counts) == 977
    assert example["off_diagonal"].max() == 2
    assert (int(example["true_digit"]), int(example["said"])) == (1, 2)
    assert counts[1, 2] == 2


def test_the_wrong_digits_figure_shows_every_mistake(example):
    wrong, predicted, y = example["wrong"], example["predicted"], example["y_test"]
    assert len(example["titles"]) == len(wrong)
    assert (predicted[wrong] != y[wrong]).all()
    assert (example["confidence"] > 0).all() and (example["confidence"] <= 1).all()
