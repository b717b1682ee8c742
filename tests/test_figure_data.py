"""The arrays a figure shows, written as CSV and .npz, read back equal."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from convdemo.figure_data import DATA_LICENCE, figure_arrays, write_figure_data


def _figure() -> tuple[Figure, dict[str, np.ndarray]]:
    rng = np.random.default_rng(0)
    maps = {"eye": rng.normal(size=(5, 7)), "mouth": rng.normal(size=(5, 7))}
    fig = Figure()
    axes = fig.subplots(1, 3)
    for ax, (name, array) in zip(axes, maps.items(), strict=False):
        ax.imshow(array)
        ax.set_title(f"Layer-1 {name} map")
    axes[2].plot([0, 1], [0, 1])  # a line plot: no image, no panel
    return fig, maps


def test_figure_arrays_reads_every_image_panel_in_order():
    fig, maps = _figure()
    arrays = figure_arrays(fig)
    assert list(arrays) == ["panel1_layer_1_eye_map", "panel2_layer_1_mouth_map"]
    for array, expected in zip(arrays.values(), maps.values(), strict=True):
        np.testing.assert_array_equal(array, expected)


def test_masked_cells_are_nan():
    fig = Figure()
    fig.add_subplot().imshow(np.ma.masked_less(np.arange(4.0).reshape(2, 2), 1))
    (array,) = figure_arrays(fig).values()
    assert np.isnan(array[0, 0]) and array[1, 1] == 3


def test_written_files_round_trip_and_carry_the_licence(tmp_path):
    fig, maps = _figure()
    paths = write_figure_data(fig, tmp_path, "plot_x_001", title="Eyes and mouth")
    assert [p.name for p in paths] == [
        "plot_x_001_panel1_layer_1_eye_map.csv",
        "plot_x_001_panel2_layer_1_mouth_map.csv",
        "plot_x_001.npz",
    ]
    for path, expected in zip(paths[:2], maps.values(), strict=True):
        np.testing.assert_array_equal(np.loadtxt(path, delimiter=","), expected)  # exact
        header = path.read_text(encoding="utf-8").splitlines()[:4]
        assert header[0] == f"# Eyes and mouth: {path.stem.removeprefix('plot_x_001_')}"
        assert f"# licence: {DATA_LICENCE}" in header
    with np.load(paths[2]) as data:
        assert DATA_LICENCE in str(data["README"])
        for name, expected in zip(list(data.keys())[:2], maps.values(), strict=True):
            np.testing.assert_array_equal(data[name], expected)


def test_files_are_byte_stable(tmp_path):
    fig, _ = _figure()
    first = [p.read_bytes() for p in write_figure_data(fig, tmp_path, "a")]
    second = [p.read_bytes() for p in write_figure_data(fig, tmp_path, "a")]
    assert first == second


def test_a_figure_without_images_writes_nothing(tmp_path):
    fig = Figure()
    fig.add_subplot().plot([1, 2])
    assert write_figure_data(fig, tmp_path, "lines") == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        (("not a figure", "STEM"), TypeError, "fig"),
        ((None, 3), TypeError, "stem"),
        ((None, "a/b"), ValueError, "stem"),
        ((None, ""), ValueError, "stem"),
    ],
)
def test_bad_arguments_are_named(tmp_path, args, error, words):
    fig = args[0] if args[0] is not None else _figure()[0]
    with pytest.raises(error, match=words):
        write_figure_data(fig, tmp_path, args[1])


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(ValueError, match="folder"):
        write_figure_data(_figure()[0], tmp_path / "missing", "x")
