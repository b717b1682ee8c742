"""The arrays a figure shows, written as CSV and .npz, read back equal."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from convdemo.figure_data import (
    DATA_CLASS,
    DATA_LICENCE,
    FigureDataLinks,
    download_sentence,
    figure_arrays,
    figure_data_links,
    write_figure_data,
)


def _figure() -> tuple[Figure, dict[str, np.ndarray]]:
    rng = np.random.default_rng(0)
    maps = {"eye": rng.normal(size=(5, 7)), "mouth": rng.normal(size=(5, 7))}
    fig = Figure()
    axes = fig.subplots(1, 3)
    for ax, (name, array) in zip(axes, maps.items(), strict=False):
        ax.imshow(array)
        ax.set_title(f"Layer-1 {name} map")
    axes[2].axhline(0.5)  # a level drawn across the axes: not data, no panel
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


def test_a_figure_without_numbers_writes_nothing(tmp_path):
    fig = Figure()
    fig.add_subplot().axvline(1.0)
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


# --------------------------------------------------------------------------- narrative pages


def test_links_write_the_files_and_name_them_as_the_gallery_does(tmp_path):
    fig, maps = _figure()
    links = figure_data_links(
        fig, "generated/figure-data", "page_fig", title="convdemo page, page.md", root=tmp_path
    )
    folder = tmp_path / "generated" / "figure-data"
    assert links.paths == [
        folder / "page_fig_panel1_layer_1_eye_map.csv",
        folder / "page_fig_panel2_layer_1_mouth_map.csv",
        folder / "page_fig.npz",
    ]
    for path, expected in zip(links.paths[:2], maps.values(), strict=True):
        np.testing.assert_array_equal(np.loadtxt(path, delimiter=","), expected)
        assert path.read_text(encoding="utf-8").startswith("# convdemo page, page.md: panel")
    root = "/generated/figure-data"
    assert (
        links._repr_markdown_()
        == links.markdown
        == (
            f"```{{rst-class}} {DATA_CLASS}\n```\n\n"
            "The numbers of this figure (CC BY 4.0): "
            f"{{download}}`all arrays (.npz) <{root}/page_fig.npz>`; each panel as CSV: "
            f"{{download}}`panel1 <{root}/page_fig_panel1_layer_1_eye_map.csv>`, "
            f"{{download}}`panel2 <{root}/page_fig_panel2_layer_1_mouth_map.csv>`."
        )
    )
    assert DATA_CLASS == "convdemo-figure-data"  # the gallery's rst-class
    assert DATA_LICENCE.startswith("CC BY 4.0 (")


def test_links_of_an_rgb_photo_name_only_the_npz(tmp_path):
    fig = Figure()
    fig.add_subplot().imshow(np.zeros((2, 3, 3)))
    links = figure_data_links(fig, tmp_path, "photo", root=tmp_path)
    assert [path.name for path in links.paths] == ["photo.npz"]
    assert links.markdown.endswith("{download}`all arrays (.npz) </photo.npz>`.")


def test_links_of_a_figure_without_numbers_are_empty(tmp_path):
    fig = Figure()
    fig.add_subplot().axhline(1.0)
    links = figure_data_links(fig, "data", "lines", root=tmp_path)
    assert links == FigureDataLinks() and links._repr_markdown_() == ""
    assert list((tmp_path / "data").iterdir()) == []


def test_unchanged_files_are_not_rewritten(tmp_path):
    """Sphinx re-reads a page whose download changed on disk: same bytes, same mtime."""
    fig, _ = _figure()
    paths = write_figure_data(fig, tmp_path, "a")
    for path in paths:
        os.utime(path, ns=(0, 0))
    assert write_figure_data(fig, tmp_path, "a") == paths
    assert {path.stat().st_mtime_ns for path in paths} == {0}


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"fig": "not a figure"}, TypeError, "fig must be a matplotlib Figure"),
        ({"folder": 3}, TypeError, "folder must be a str"),
        ({"root": None}, TypeError, "root must be a str"),
        ({"stem": b"x"}, TypeError, "stem must be a string"),
        ({"title": 1}, TypeError, "title must be a string"),
        ({"stem": "a b"}, ValueError, "stem must be letters"),
        ({"folder": "../outside"}, ValueError, "folder must be inside root"),
        ({"root": "missing"}, ValueError, "root must be an existing folder"),
    ],
)
def test_links_bad_arguments_are_named_before_any_file_is_written(tmp_path, kwargs, error, words):
    root = tmp_path / "docs"
    root.mkdir()
    args = {"fig": _figure()[0], "folder": "data", "stem": "x", "title": "", "root": root}
    if kwargs.get("root") == "missing":
        kwargs = {"root": tmp_path / "missing"}
    args.update(kwargs)
    fig, folder, stem = args.pop("fig"), args.pop("folder"), args.pop("stem")
    with pytest.raises(error, match=words):
        figure_data_links(fig, folder, stem, **args)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == [Path("docs")]


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"paths": "a.csv"}, "paths must be a list"),
        ({"paths": ["a.csv"]}, "paths must be a list of pathlib.Path"),
        ({"markdown": None}, "markdown must be a string"),
    ],
)
def test_links_object_checks_its_fields(kwargs, words):
    with pytest.raises(TypeError, match=words):
        FigureDataLinks(**kwargs)


def test_download_sentence_links_the_npz_then_each_map():
    paths = [Path("x_panel1_eye.csv"), Path("x_panel2_mouth.csv"), Path("x.npz")]
    sentence = download_sentence(paths, "x", lambda path, text: f"<{text}|{path.name}>")
    assert sentence == (
        "The numbers of this figure (CC BY 4.0): <all arrays (.npz)|x.npz>; each panel as "
        "CSV: <panel1|x_panel1_eye.csv>, <panel2|x_panel2_mouth.csv>."
    )
    assert DATA_LICENCE.startswith("CC BY 4.0 (")


@pytest.mark.parametrize(
    ("paths", "stem", "link", "error", "match"),
    [
        ([], "x", str, ValueError, "ending with the .npz"),
        ([Path("x_panel1.csv")], "x", str, ValueError, "ending with the .npz"),
        ([Path("x.npz")], 3, str, TypeError, "stem must be a string"),
        ([Path("x.npz")], "x", "link", TypeError, "link must be callable"),
    ],
)
def test_download_sentence_refuses_what_is_not_a_figure_s_files(paths, stem, link, error, match):
    with pytest.raises(error, match=match):
        download_sentence(paths, stem, link)
