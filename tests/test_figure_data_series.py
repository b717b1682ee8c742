"""convdemo.site.figure_data on plots and bar charts: their points and heights are data too."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("matplotlib")
from matplotlib.figure import Figure

from convdemo.site.figure_data import figure_arrays, write_figure_data


def _plots() -> Figure:
    fig = Figure()
    curves, bars, dots = fig.subplots(1, 3)
    curves.plot([1, 2, 3], [3.0, 5.0, 7.0], label="receptive field")
    curves.plot([1, 2, 3], [1.0, 1.5, 1.8], label="effective width")
    curves.axhline(2.0, label="a level")  # not data
    curves.set(title="Field by depth", xlabel="layers", ylabel="pixels")
    bars.bar(["face", "swapped"], [4.0, 0.0])
    bars.set_title("Face unit")
    dots.scatter([0.0, 1.0], [0.5, -0.5])
    return fig


def test_curves_bars_and_scatters_are_panels_in_order():
    arrays = figure_arrays(_plots())
    assert list(arrays) == [
        "panel1a_field_by_depth_receptive_field",
        "panel1b_field_by_depth_effective_width",
        "panel2_face_unit",
        "panel3",
    ]
    np.testing.assert_array_equal(arrays["panel1a_field_by_depth_receptive_field"][:, 1], [3, 5, 7])
    np.testing.assert_array_equal(arrays["panel1b_field_by_depth_effective_width"][:, 0], [1, 2, 3])
    np.testing.assert_array_equal(arrays["panel2_face_unit"], [4.0, 0.0])
    np.testing.assert_array_equal(arrays["panel3"], [[0.0, 0.5], [1.0, -0.5]])


def test_series_round_trip_with_headers_that_say_what_the_columns_are(tmp_path):
    fig = _plots()
    fig.canvas.draw()  # tick labels are set at draw time (the site's scraper has drawn)
    paths = write_figure_data(fig, tmp_path, "fig", title="Depth")
    assert [path.suffix for path in paths] == [".csv"] * 4 + [".json", ".npz"]
    curve, _, bars, _ = paths[:4]
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(curve)
    assert list(frame.columns) == ["x", "y"]
    np.testing.assert_array_equal(frame.to_numpy(), [[1, 3], [2, 5], [3, 7]])
    frame = pd.read_csv(bars)
    assert list(frame.columns) == ["height"]
    np.testing.assert_array_equal(frame["height"], [4.0, 0.0])
    files = {f["path"]: f for f in json.loads(paths[4].read_text(encoding="utf-8"))["files"]}
    assert files[curve.name]["rows"] == "one point per row; columns x (layers), y (pixels)"
    assert files[bars.name]["rows"] == "one bar per row, left to right: face, swapped"
    assert files[bars.name]["shape"] == [2]
    with np.load(paths[-1]) as data:
        np.testing.assert_array_equal(data["panel2_face_unit"], [4.0, 0.0])


def test_a_label_on_two_lines_is_one_line_in_the_sidecar(tmp_path):
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([0, 1], [2, 3])
    ax.set_ylabel("strongest\nresponse")
    (csv, sidecar, _) = write_figure_data(fig, tmp_path, "two_lines", title="A page")
    assert csv.read_text(encoding="utf-8") == "x,y\n0.0,2.0\n1.0,3.0\n"  # no comment line
    (described, _) = json.loads(sidecar.read_text(encoding="utf-8"))["files"]
    assert described["rows"].endswith("y (strongest response)")
