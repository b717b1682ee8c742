"""convdemo.site.panels: a multi-panel figure cut into pieces a phone can show stacked."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from convdemo.site.panels import (
    COLUMN_PX,
    MIN_TEXT_PX,
    Crop,
    crop_class,
    figure_title,
    panel_crops,
    save_crops,
    text_px,
)


def _grid_figure(rows: int, cols: int, size: tuple[float, float]) -> Figure:
    fig = Figure(figsize=size, dpi=100, layout="constrained")
    for n, ax in enumerate(fig.subplots(rows, cols).ravel()):
        picture = ax.imshow(np.arange(12.0).reshape(3, 4) + n)
        ax.set_title(f"map {n}")
        fig.colorbar(picture, ax=ax, label="value")
    return fig


def test_text_px_is_points_times_dpi_over_72():
    fig = Figure(dpi=100)
    ax = fig.add_subplot()
    ax.set_xticks([0, 1], labels=["a", "b"], fontsize=7)
    ax.set_yticks([])
    ax.set_title("title", fontsize=12)
    assert text_px(fig) == pytest.approx(7 * 100 / 72)
    assert text_px(fig, dpi=200) == pytest.approx(7 * 200 / 72)
    assert text_px(Figure()) == float("inf")


def test_a_row_of_three_is_cut_into_three_pieces_each_with_its_colour_bar():
    fig = _grid_figure(1, 3, (13, 3))
    crops = panel_crops(fig)
    assert [c.panels for c in crops] == [1, 1, 1]
    assert [c.titles for c in crops] == [("map 0",), ("map 1",), ("map 2",)]
    lefts = [c.box[0] for c in crops]
    assert lefts == sorted(lefts)
    for crop in crops:  # each piece is legible on the phone's column
        scale = min(1.0, COLUMN_PX / crop.width_px(100))
        assert crop.text_px * scale >= MIN_TEXT_PX
    # the colour bar is inside its panel's piece: the piece is wider than the axes alone
    axes = [ax for ax in fig.axes if not hasattr(ax, "_colorbar")]
    for crop, ax in zip(crops, axes, strict=True):
        right = ax.get_window_extent().x1 / fig.dpi
        assert crop.box[2] > right + 0.1


def test_rows_come_top_first_and_small_panels_share_a_piece():
    fig = Figure(figsize=(8, 4), dpi=100, layout="constrained")
    for n, ax in enumerate(fig.subplots(2, 8).ravel()):
        ax.imshow(np.eye(3) * n)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(str(n), fontsize=9)
    crops = panel_crops(fig)
    assert sum(c.panels for c in crops) == 16
    assert all(2 <= c.panels <= 4 for c in crops)  # legible together, at most 4
    tops = [round(c.box[3], 3) for c in crops]
    assert tops == sorted(tops, reverse=True)
    first_row = [c for c in crops if c.titles[0] in {str(n) for n in range(8)}]
    assert sum(c.panels for c in first_row) == 8


def test_a_figure_that_reads_whole_or_has_one_panel_is_not_cut():
    assert panel_crops(_grid_figure(1, 2, (5, 2))) == []
    one = Figure(figsize=(14, 3), dpi=100)
    one.add_subplot().plot([0, 1])
    assert panel_crops(one) == []


def test_save_crops_writes_each_piece_at_twice_its_size(tmp_path):
    fig = _grid_figure(1, 3, (13, 3))
    fig.suptitle("Three maps")
    crops = panel_crops(fig)
    paths = save_crops(fig, crops, tmp_path / "fig", dpi=100)
    assert [p.name for p in paths] == ["fig_piece1.png", "fig_piece2.png", "fig_piece3.png"]
    for crop, path in zip(crops, paths, strict=True):
        png = path.read_bytes()
        width = int.from_bytes(png[16:20], "big")
        assert abs(width - 2 * crop.width_px(100)) <= 2
    assert figure_title(fig) == "Three maps"


def test_bad_arguments_are_refused_with_their_name():
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        panel_crops("a figure")
    with pytest.raises(ValueError, match="dpi must be a positive number"):
        panel_crops(Figure(), dpi=0)
    with pytest.raises(ValueError, match="scale must be a positive int"):
        save_crops(Figure(), [], "x", dpi=100, scale=0)
    with pytest.raises(TypeError, match="crops must be a list of Crop"):
        save_crops(Figure(), ["a"], "x", dpi=100)


def test_crop_class():
    assert crop_class(9.04) == "convdemo-textpx-90"
    assert crop_class(float("inf")) == "convdemo-textpx-none"
    assert Crop((0, 0, 1, 1), 1, 9.0, ("",)).width_px(100) == 100
