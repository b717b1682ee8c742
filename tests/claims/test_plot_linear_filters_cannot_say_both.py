"""Claims of gallery/nonlinearity/plot_linear_filters_cannot_say_both.py, and the same
identities for many linear filters (the page says "every")."""

import numpy as np
import pytest


def test_the_corner_is_the_sum_of_its_strokes_and_dark_is_minus_bright(example):
    above = example["above_blank"]
    h, v = above["horizontal stroke"], above["vertical stroke"]
    assert above["bright corner"] == pytest.approx(h + v, abs=1e-12)
    assert above["dark corner"] == pytest.approx(-above["bright corner"], abs=1e-12)


def test_for_every_linear_filter(example):
    corner_and_strokes, blank = example["corner_and_strokes"], example["blank"]
    bright, stroke_h, stroke_v = corner_and_strokes(1)
    dark = corner_and_strokes(-1)[0]
    rng = np.random.default_rng(11)
    for _ in range(50):
        weights, bias = rng.normal(size=(7, 7)), rng.normal()

        def f(patch, weights=weights, bias=bias):
            return (patch * weights).sum() + bias

        assert f(bright) - f(blank) == pytest.approx(
            f(stroke_h) + f(stroke_v) - 2 * f(blank), abs=1e-12
        )
        assert (f(bright) + f(dark)) / 2 == pytest.approx(f(blank), abs=1e-12)
