"""The arrays a figure shows, written as CSV and .npz, read back equal (with pandas and with
Python's csv, both with their defaults), and described by a .json sidecar."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from convdemo.plotting import set_alt_text
from convdemo.site.figure_data import (
    DATA_CLASS,
    DATA_LICENCE,
    PAGE_FIGURE_CLASS,
    FigureDataLinks,
    PageFigure,
    download_sentence,
    figure_arrays,
    figure_data_links,
    page_figure,
    write_figure_data,
)
from convdemo.site.panels import crop_class, text_px


def read_csv_defaults(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """The numbers of a CSV as pandas (``read_csv(path)``) and ``csv`` (``reader``) give them,
    with no option: (pandas' values, csv's values as floats)."""
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(path)
    with open(path, newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    assert list(frame.columns) == header
    return frame.to_numpy(dtype=float), np.array([[float(v) for v in row] for row in rows])


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
        "plot_x_001.json",
        "plot_x_001.npz",
    ]
    for path, expected in zip(paths[:2], maps.values(), strict=True):
        with_pandas, with_csv = read_csv_defaults(path)
        np.testing.assert_array_equal(with_pandas, expected)  # exact, to the last bit
        np.testing.assert_array_equal(with_csv, expected)
        assert path.read_text(encoding="utf-8").splitlines()[0] == "0,1,2,3,4,5,6"
    sidecar = json.loads(paths[2].read_text(encoding="utf-8"))
    assert sidecar["source"] == "Eyes and mouth"
    assert sidecar["licence"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert f"{sidecar['licence']['name']} ({sidecar['licence']['url']})" == DATA_LICENCE
    assert sidecar["created_by"].startswith(f"convdemo {cd_version()}")
    assert [f["path"] for f in sidecar["files"]] == [paths[0].name, paths[1].name, paths[3].name]
    assert sidecar["files"][0]["shape"] == [5, 7]
    assert sidecar["files"][0]["rows"] == "rows top to bottom, as in the figure"
    with np.load(paths[3]) as data:
        assert DATA_LICENCE in str(data["README"])
        for name, expected in zip(list(data.keys())[:2], maps.values(), strict=True):
            np.testing.assert_array_equal(data[name], expected)


def cd_version() -> str:
    from convdemo import __version__

    return __version__


def test_every_float_reads_back_exactly_with_defaults(tmp_path):
    """The shortest text of each float: pandas' default parser gets the same bits back."""
    rng = np.random.default_rng(26)
    values = np.concatenate(
        [rng.normal(size=200), rng.normal(size=100) * 1e-300, 1 / rng.integers(1, 99, size=100)]
    ).reshape(20, 20)
    values[0, :4] = [0.1 + 0.2, np.nan, -0.0, 2.0**60]
    fig = Figure()
    fig.add_subplot().imshow(values)
    (path, *_) = write_figure_data(fig, tmp_path, "floats")
    with_pandas, with_csv = read_csv_defaults(path)
    np.testing.assert_array_equal(with_pandas, values)  # NaN where NaN
    np.testing.assert_array_equal(with_csv, values)


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
        folder / "page_fig.json",
        folder / "page_fig.npz",
    ]
    for path, expected in zip(links.paths[:2], maps.values(), strict=True):
        np.testing.assert_array_equal(read_csv_defaults(path)[0], expected)
    sidecar = json.loads(links.paths[2].read_text(encoding="utf-8"))
    assert sidecar["source"] == "convdemo page, page.md"
    root = "/generated/figure-data"
    assert (
        links._repr_markdown_()
        == links.markdown
        == (
            f"```{{rst-class}} {DATA_CLASS}\n```\n\n"
            "The numbers of this figure (CC BY 4.0): "
            f"{{download}}`all arrays (.npz) <{root}/page_fig.npz>`; each panel as CSV: "
            f"{{download}}`panel1 <{root}/page_fig_panel1_layer_1_eye_map.csv>`, "
            f"{{download}}`panel2 <{root}/page_fig_panel2_layer_1_mouth_map.csv>`; "
            f"{{download}}`what each file holds (.json) <{root}/page_fig.json>`."
        )
    )
    assert DATA_CLASS == "convdemo-figure-data"  # the gallery's rst-class
    assert DATA_LICENCE.startswith("CC BY 4.0 (")


def test_links_of_an_rgb_photo_name_only_the_npz(tmp_path):
    fig = Figure()
    fig.add_subplot().imshow(np.zeros((2, 3, 3)))
    links = figure_data_links(fig, tmp_path, "photo", root=tmp_path)
    assert [path.name for path in links.paths] == ["photo.json", "photo.npz"]
    assert links.markdown.endswith(
        "{download}`all arrays (.npz) </photo.npz>`; "
        "{download}`what each file holds (.json) </photo.json>`."
    )


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


# --------------------------------------------------------------------------- page figures


def _page_figure(tmp_path, fig, **kwargs):
    return page_figure(
        fig,
        "generated/figure-data",
        "page_fig",
        title="convdemo page, page.md",
        root=tmp_path,
        **kwargs,
    )


def test_page_figure_saves_the_png_at_twice_its_size_with_the_cells_alt_text(tmp_path):
    fig, maps = _figure()
    fig.set_size_inches(6, 2)
    eye = maps["eye"]
    set_alt_text(fig, f"The eye map peaks at {eye.max():.2f}.")
    shown = _page_figure(tmp_path, fig)
    folder = tmp_path / "generated" / "figure-data"
    assert shown.image == folder / "page_fig.png"
    png = shown.image.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (shown.width, shown.height) == (width // 2, height // 2)
    # tight box: no wider than the figure at 2x, and most of it
    assert 0.5 * 2 * 6 * fig.dpi < width <= 2 * 6 * fig.dpi
    assert b"Software" not in png and b"Matplotlib" not in png  # no version in the bytes
    assert shown.data.paths == [
        folder / "page_fig_panel1_layer_1_eye_map.csv",
        folder / "page_fig_panel2_layer_1_mouth_map.csv",
        folder / "page_fig.json",
        folder / "page_fig.npz",
    ]
    markdown = shown._repr_markdown_()
    assert markdown == (
        "```{image} /generated/figure-data/page_fig.png\n"
        f":alt: The eye map peaks at {eye.max():.2f}.\n"
        f":width: {width // 2}\n:height: {height // 2}\n"
        f":class: {PAGE_FIGURE_CLASS} sd-mb-3 {crop_class(text_px(fig))}\n```\n\n"
        + shown.data.markdown
    )
    assert shown.data.markdown.startswith(f"```{{rst-class}} {DATA_CLASS}\n```\n\n")
    assert PAGE_FIGURE_CLASS == "convdemo-page-figure"


def test_page_figure_is_byte_stable_and_keeps_an_unchanged_file(tmp_path):
    fig, _ = _figure()
    set_alt_text(fig, "Two maps of random numbers, 5 by 7.")
    first = _page_figure(tmp_path, fig)
    stamp, data = first.image.stat().st_mtime_ns, first.image.read_bytes()
    os.utime(first.image, ns=(stamp - 10**9, stamp - 10**9))
    second = _page_figure(tmp_path, fig)
    assert second.image.read_bytes() == data
    assert second.image.stat().st_mtime_ns == stamp - 10**9  # not rewritten


def test_page_figure_scale_sets_the_png_resolution(tmp_path):
    fig, _ = _figure()
    set_alt_text(fig, "Two maps of random numbers, 5 by 7.")
    once = _page_figure(tmp_path, fig, scale=1)
    width_1x = int.from_bytes(once.image.read_bytes()[16:20], "big")
    twice = _page_figure(tmp_path, fig, scale=2)
    width_2x = int.from_bytes(twice.image.read_bytes()[16:20], "big")
    assert abs(width_2x - 2 * width_1x) <= 2
    assert abs(twice.width - once.width) <= 1


def test_page_figure_closes_a_pyplot_figure(tmp_path):
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.add_subplot().imshow(np.eye(3))
    set_alt_text(fig, "A 3 by 3 identity map.")
    _page_figure(tmp_path, fig)
    assert not plt.fignum_exists(fig.number)


def test_page_figure_alt_text_is_one_line():
    shown = PageFigure(Path("f.png"), "/f.png", "Two lines\n  of alt text.", 10, 20)
    assert ":alt: Two lines of alt text.\n" in shown._repr_markdown_()


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"fig": "not a figure"}, TypeError, "fig"),
        ({"alt": None}, ValueError, "alt text"),
        ({"scale": 2.0}, TypeError, "scale"),
        ({"scale": True}, TypeError, "scale"),
        ({"scale": 0}, ValueError, "scale"),
        ({"scale": 5}, ValueError, "scale"),
        ({"stem": "a/b"}, ValueError, "stem"),
        ({"stem": 3}, TypeError, "stem"),
        ({"title": 3}, TypeError, "title"),
        ({"folder": 3}, TypeError, "folder"),
        ({"folder": "../outside"}, ValueError, "folder"),
        ({"root": "missing"}, ValueError, "root"),
    ],
)
def test_page_figure_bad_arguments_are_named_before_any_file_is_written(
    tmp_path, change, error, words
):
    fig, _ = _figure()
    if change.pop("alt", "") is not None:
        set_alt_text(fig, "Two maps of random numbers, 5 by 7.")
    kwargs = {"fig": fig, "folder": "data", "stem": "page_fig", "root": tmp_path, **change}
    if kwargs["root"] == "missing":
        kwargs["root"] = tmp_path / "missing"
    with pytest.raises(error, match=words):
        page_figure(**kwargs)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"image": "f.png"}, TypeError, "image"),
        ({"link": 3}, TypeError, "link"),
        ({"link": "f.png"}, ValueError, "link"),
        ({"alt": " "}, ValueError, "alt"),
        ({"alt": None}, TypeError, "alt"),
        ({"width": 1.5}, TypeError, "width"),
        ({"height": 0}, ValueError, "height"),
        ({"data": "links"}, TypeError, "data"),
    ],
)
def test_page_figure_record_checks_its_fields(change, error, words):
    fields = {"image": Path("f.png"), "link": "/f.png", "alt": "A map.", "width": 10}
    fields = {**fields, "height": 20, **change}
    with pytest.raises(error, match=words):
        PageFigure(**fields)


def test_page_figure_stacks_the_panels_of_a_wide_figure_for_a_phone(tmp_path):
    """Three panels across 13 inches would shrink their text to a third on a phone: the
    page shows the whole figure on a wide screen and the three panels, cut out, on a narrow
    one; the first piece carries the figure's alt text, the figure's title goes above."""
    fig, _ = _figure()
    fig.set_size_inches(13, 3)
    fig.suptitle("Two maps and a level")
    set_alt_text(fig, "Three panels: two maps and a level.")
    shown = _page_figure(tmp_path, fig)
    assert len(shown.pieces) == 3
    folder = tmp_path / "generated" / "figure-data"
    for i, (link, alt, width, height, classes) in enumerate(shown.pieces, start=1):
        assert link == f"/generated/figure-data/page_fig_piece{i}.png"
        assert (folder / f"page_fig_piece{i}.png").is_file()
        assert 0 < width < shown.width and 0 < height <= shown.height
        assert classes.startswith("convdemo-textpx-")
        titles = ["", ": Layer-1 mouth map", ""]  # the third panel has no title
        first = "Three panels: two maps and a level."
        assert alt == (first if i == 1 else f"Panel {i} of 3 of this figure{titles[i - 1]}")
    markdown = shown._repr_markdown_()
    assert markdown.startswith("`````{container} convdemo-reflow\n```{image} ")
    assert "convdemo-full" in markdown.split("```{container} convdemo-panels")[0]
    assert '<p class="convdemo-panels-title">Two maps and a level</p>' in markdown
    assert markdown.count(":class: convdemo-panel ") == 3


def test_a_notebook_keeps_the_figure_as_markdown_and_a_plain_text_without_the_folder(tmp_path):
    """An executed notebook stores a cell's value as text/plain too: it must not hold the
    folder the site was built in (two checkouts would give two notebooks)."""
    fig, maps = _figure()
    set_alt_text(fig, f"The eye map peaks at {maps['eye'].max():.2f}.")
    shown = _page_figure(tmp_path, fig)
    for value in (shown, shown.data):
        bundle = value._repr_mimebundle_()
        assert bundle["text/markdown"] == value._repr_markdown_()
        assert str(tmp_path) not in bundle["text/plain"]
        assert "page_fig" in bundle["text/plain"]
    assert str(tmp_path) in repr(shown)  # repr() itself still says where the file is
