"""Claims of the landing page (docs/index.md) and its figure, from convdemo.site.landing."""

from __future__ import annotations

import numpy as np
import pytest

from convdemo.plotting import get_alt_text
from convdemo.site.landing import (
    LANDING_CHANNELS,
    LANDING_SHAPES,
    describe_landing_figure,
    landing_example,
    landing_peaks,
    plot_landing_figure,
)


@pytest.fixture(scope="module")
def example() -> dict:
    return landing_example()


def test_two_of_four_layer1_channels_and_one_layer2_kernel(example) -> None:
    """ "Layer 1: four edge detectors ... (two of its four channels shown)"; "Layer 2 is one
    kernel with a slice for each layer-1 channel"."""
    assert example["layer1"].shape == (4, 1, 3, 3)
    assert len(LANDING_CHANNELS) == 2
    assert example["layer2"].shape[:2] == (1, 4)
    assert example["maps"].min() == 0  # after ReLU


def test_layer2_is_zero_almost_everywhere(example) -> None:
    assert (example["corners"] == 0).mean() > 0.95


def test_layer2_fires_at_the_top_left_corners(example) -> None:
    peaks = landing_peaks(example)
    assert peaks["bright rectangle"][1:] == LANDING_SHAPES["bright rectangle"]
    row, col = LANDING_SHAPES["vertical bar"]
    assert abs(peaks["vertical bar"][1] - row) <= 1 and abs(peaks["vertical bar"][2] - col) <= 1
    # "weaker where the contrast is low or the corner is round"
    sharp = min(peaks["bright rectangle"][0], peaks["vertical bar"][0])
    assert sharp > peaks["disc"][0] > 0
    assert sharp > peaks["dim square"][0] > 0


def test_the_corners_are_in_none_of_the_layer1_maps(example) -> None:
    """Layer 2 is strongest at the rectangle's corner; no layer-1 channel is (each responds
    at least as much all along an edge), and each responds at many more places."""
    corner = LANDING_SHAPES["bright rectangle"]
    corners = example["corners"]
    assert np.unravel_index(np.argmax(corners), corners.shape) == corner
    for channel in LANDING_CHANNELS:
        layer1 = example["maps"][channel]
        assert layer1[corner] < layer1.max()
        assert (layer1 > 0).sum() > 3 * (corners > 0).sum()


def test_the_alt_text_comes_from_the_values(example) -> None:
    text = describe_landing_figure(example)
    assert get_alt_text(plot_landing_figure(example)) == text
    height, width = example["image"].shape
    assert f"a {height} by {width} image" in text
    for name, (value, row, col) in landing_peaks(example).items():
        assert f"{value:g} at the {name} (row {row}, column {col})" in text
    for channel, name in LANDING_CHANNELS.items():
        count = int((example["maps"][channel] > 0).sum())
        assert f"channel {channel} ({name}) is non-zero on {count} pixels" in text
    assert f"{(example['corners'] == 0).mean():.0%} of the image" in text


def test_the_figure_reads_in_the_order_the_data_flows(example) -> None:
    """Input -> layer-1 maps -> layer-2 kernel slices -> layer-2 map, in reading order."""
    fig = plot_landing_figure(example)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    stages = ["1 · input", *["2 · layer 1"] * 2, *["3 · layer-2 slice: "] * 2, "4 · layer 2:"]
    assert len(titles) == len(stages)
    assert all(title.startswith(stage) for title, stage in zip(titles, stages, strict=True))
