"""Claims of gallery/nonlinearity/plot_depth_without_nonlinearity.py."""

import numpy as np
import pytest


def test_two_linear_layers_are_one(example):
    composed, two, one = example["composed"], example["two_layers"], example["one_layer"]
    assert example["image"].shape == (256, 256)
    assert composed.shape == (5, 5)
    assert two.shape == one.shape == (252, 252)
    assert np.abs(two - one).max() < 1e-13
    assert np.abs(one).max() == pytest.approx(9.4, abs=0.05)


def test_four_linear_layers_with_biases_are_one(example):
    assert len(example["kernels"]) == len(example["deep"]) == 4
    assert example["deep_kernel"].shape == (9, 9)
    assert example["deep_bias"] == pytest.approx(-16.888, abs=1e-3)
    assert example["deep_difference"] < 1e-12


@pytest.mark.parametrize(
    ("kind", "expected"), [("corner", 4.5), ("horizontal", 2.5), ("vertical", 2.5)]
)
def test_layer1_evidence_every_placement(example, kind, expected):
    draw, detector = example["draw"], example["detector"]
    for seed in range(40):
        for polarity in (1, -1):
            patch = draw(kind, polarity, np.random.default_rng(seed))
            assert detector.trace(patch[None, None])[1].sum() == pytest.approx(expected, abs=1e-12)
    assert detector.trace(example["blank"][None, None])[1].sum() == 0


def test_stack_separates_linear_filter_does_not(example):
    kinds, is_corner = example["kinds"], example["is_corner"]
    assert example["patches"].shape == (240, 7, 7)
    assert [int((kinds == k).sum()) for k in example["KINDS"]] == [60] * 4
    assert 1 - is_corner.mean() == 0.75
    results = example["results"]
    accuracy, margin, auc = results["two-layer ReLU stack"]
    assert (accuracy, auc) == (1.0, 1.0)
    assert margin == pytest.approx(0.536, abs=1e-3)
    accuracy, margin, auc = results["best linear filter"]
    assert accuracy == pytest.approx(0.796, abs=1e-3)
    assert margin == pytest.approx(-0.709, abs=1e-3)
    assert auc == pytest.approx(0.779, abs=1e-3)


def test_bright_only_linear_filter_separates(example):
    accuracy, margin, _ = example["bright_results"]
    assert accuracy == 1.0
    assert margin == pytest.approx(0.165, abs=1e-3)


def test_additivity_and_polarity_of_fitted_filter(example):
    f, clean_corner, blank = example["f"], example["clean_corner"], example["blank"]
    assert f(clean_corner(1)[0]) < f(blank)  # so the example shows the dark corner
    assert example["polarity"] == -1
    pair, parts = example["pair"], example["parts"]
    assert pair == pytest.approx(0.127573, abs=1e-6)
    assert parts[0] + parts[1] == pytest.approx(pair, abs=1e-12)
    assert max(parts) / pair == pytest.approx(0.92, abs=0.005)
    bright, dark = example["bright_corner_patch"], example["dark_corner_patch"]
    assert f(bright) - f(blank) == pytest.approx(-(f(dark) - f(blank)), abs=1e-12)
    assert example["mean_of_corners"] == pytest.approx(f(blank), abs=1e-12)


def test_identities_hold_for_any_linear_filter(example):
    clean_corner, linear_response = example["clean_corner"], example["linear_response"]
    rng = np.random.default_rng(5)
    bright, stroke_h, stroke_v = clean_corner(1)
    dark = clean_corner(-1)[0]
    for _ in range(20):
        weights, bias = rng.normal(size=(7, 7)), rng.normal()
        r = {
            name: linear_response(p, weights, bias)
            for name, p in [("bright", bright), ("dark", dark), ("h", stroke_h), ("v", stroke_v)]
        }
        blank = linear_response(example["blank"], weights, bias)
        assert r["bright"] - blank == pytest.approx(r["h"] + r["v"] - 2 * blank, abs=1e-12)
        assert (r["bright"] + r["dark"]) / 2 == pytest.approx(blank, abs=1e-12)
