"""Claims of gallery/nonlinearity/plot_relu_stack_finds_corners.py."""

import numpy as np
import pytest


def test_60_patches_of_each_kind(example):
    kinds = example["kinds"]
    assert example["patches"].shape == (240, 7, 7)
    assert [int((kinds == k).sum()) for k in example["KINDS"]] == [60] * 4
    assert 1 - example["is_corner"].mean() == 0.75  # "always answering no gets 75%"


@pytest.mark.parametrize(
    ("kind", "evidence"), [("corner", 4.5), ("horizontal", 2.5), ("vertical", 2.5)]
)
def test_a_lone_stroke_brings_2_5_and_a_corner_4_5_wherever_drawn(example, kind, evidence):
    draw, stack = example["draw"], example["stack"]
    for seed in range(20):
        for polarity in (1, -1):
            patch = draw(kind, polarity, np.random.default_rng(seed))
            layer_1 = stack.trace(patch[None, None])[1]
            assert layer_1.sum() == pytest.approx(evidence, abs=1e-12)


def test_the_stack_separates_every_corner_and_the_linear_filter_82_percent(example):
    accuracy, margin = example["accuracy"], example["margin"]
    assert accuracy["two-layer ReLU stack"] == 1.0
    assert margin["two-layer ReLU stack"] > 0
    assert accuracy["best linear filter"] == pytest.approx(0.82, abs=0.005)
    assert margin["best linear filter"] < 0
