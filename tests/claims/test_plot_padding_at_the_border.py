"""Claims of gallery/basics/plot_padding_at_the_border.py."""

import pytest


def test_same_keeps_the_size_and_valid_drops_the_border(example):
    assert example["sky"].shape == example["same"].shape == (8, 8)
    assert example["valid"].shape == (6, 6)


def test_the_frame_falls_to_four_and_six_ninths(example):
    same, centre = example["same"], example["centre"]
    assert same[0, 0] / centre == pytest.approx(4 / 9, abs=0.005)
    assert same[0, 1:-1].mean() / centre == pytest.approx(6 / 9, abs=0.005)


def test_valid_has_no_dark_frame(example):
    valid, sky = example["valid"], example["sky"]
    assert valid.min() >= sky.min() and valid.max() <= sky.max()


def test_zero_padding_invents_an_edge_at_the_border(example):
    assert example["border"] == pytest.approx(3.13, abs=0.005)
    assert example["inside"] == pytest.approx(0.01, abs=0.005)  # printed as 0.01
