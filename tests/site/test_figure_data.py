"""Every gallery figure that shows maps offers their numbers: one CSV per map, one .npz,
and a .json sidecar that says what each file holds, its source and its licence.

The files are written by the build (docs/_ext/gallery_hooks.py, convdemo.site.figure_data); each
download linked from an example page exists and loads as a reader would load it (pandas'
``read_csv(path)`` with no option, ``numpy.load``, ``json.load``), and its CSVs equal the
.npz's arrays to the last bit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from published import example_pages

from convdemo.site.figure_data import DATA_LICENCE


def _example_pages(site: Path) -> list[Path]:
    """The example pages, without the redirects that renamed examples leave behind."""
    return sorted(site / page for page in example_pages(site) if "/plot_" in page)


def _downloads(page: Path, suffix: str) -> list[Path]:
    html = page.read_text(encoding="utf-8")
    return [page.parent / href for href in re.findall(rf'href="([^"]+\{suffix})"', html)]


def assert_csv_holds(csv: Path, array: np.ndarray) -> None:
    """pandas.read_csv(csv), with its defaults, gives `array` exactly."""
    import pandas as pd

    frame = pd.read_csv(csv)
    np.testing.assert_array_equal(frame.to_numpy(dtype=float).reshape(array.shape), array)


def assert_sidecar(path: Path, source: str, linked: set[str]) -> dict:
    """The figure's .json: its source, convdemo's version, the licence, and every file it
    describes among the names the page links (Sphinx gives each download its own folder)."""
    from convdemo import __version__

    sidecar = json.loads(path.read_text(encoding="utf-8"))
    assert sidecar["source"] == source, sidecar["source"]
    assert sidecar["created_by"].startswith(f"convdemo {__version__}")
    licence = sidecar["licence"]
    assert f"{licence['name']} ({licence['url']})" == DATA_LICENCE
    for entry in sidecar["files"]:
        assert entry["path"] in linked, entry["path"]
    return sidecar


def test_most_examples_offer_their_figures_numbers(site: Path) -> None:
    pages = _example_pages(site)
    with_data = [page for page in pages if _downloads(page, ".npz")]
    assert pages and len(with_data) >= 0.8 * len(pages), (len(with_data), len(pages))


def test_every_data_download_exists_and_round_trips(site: Path) -> None:
    checked = 0
    for page in _example_pages(site):
        csvs = {path.name: path for path in _downloads(page, ".csv")}
        sidecars = {path.name: path for path in _downloads(page, ".json")}
        linked = set(csvs) | set(sidecars) | {path.name for path in _downloads(page, ".npz")}
        for npz in _downloads(page, ".npz"):
            assert npz.is_file(), npz
            sidecar = sidecars.get(npz.with_suffix(".json").name)
            assert sidecar is not None and sidecar.is_file(), (page.name, npz.name)
            source = f"convdemo gallery, {page.stem}.py"
            described = {
                entry["path"] for entry in assert_sidecar(sidecar, source, linked)["files"]
            }
            with np.load(npz) as data:
                assert DATA_LICENCE in str(data["README"])
                for name in data.files:
                    if name == "README" or data[name].ndim > 2:
                        continue
                    csv = csvs.get(f"{npz.stem}_{name}.csv")
                    assert csv is not None and csv.is_file(), (page.name, name)
                    assert csv.name in described, (page.name, csv.name)
                    assert_csv_holds(csv, data[name])
                    checked += 1
    if checked == 0:
        pytest.fail("no gallery page links a figure's data")


# --------------------------------------------------------------------------- narrative pages
# The MyST-NB pages (docs/*.md) show each figure's numbers below it, in the gallery's
# sentence (convdemo.site.figure_data.figure_data_links); the landing figure's too.

NARRATIVE_PAGES = ("index.html", "question.html", "answer.html", "worked_example.html")
_IMAGE = re.compile(r'<img\b[^>]*\bsrc="(_images/[^"]+)"')
_DATA = re.compile(r'<p class="convdemo-figure-data">(.*?)</p>', re.S)


def _round_trip(page: Path, sentence: str) -> dict[str, np.ndarray]:
    """The arrays of one figure's downloads, after checking that each exists, carries the
    licence and that its CSVs equal the .npz's arrays."""
    links = [page.parent / href for href in re.findall(r'href="([^"]+)"', sentence)]
    (npz,) = [path for path in links if path.suffix == ".npz"]
    csvs = {path.name: path for path in links if path.suffix == ".csv"}
    assert npz.is_file(), npz
    (sidecar,) = [path for path in links if path.suffix == ".json"]
    assert sidecar.name == npz.with_suffix(".json").name, f"{page.name}: no sidecar linked"
    assert_sidecar(sidecar, f"convdemo page, {page.stem}.md", {path.name for path in links})
    arrays = {}
    with np.load(npz) as data:
        assert DATA_LICENCE in str(data["README"])
        for name in data.files:
            if name == "README":
                continue
            arrays[name] = data[name]
            if data[name].ndim > 2:
                continue
            csv = csvs.pop(f"{npz.stem}_{name}.csv", None)
            assert csv is not None and csv.is_file(), (page.name, name)
            assert_csv_holds(csv, data[name])
    assert not csvs, f"{page.name}: CSVs linked but not in the .npz: {sorted(csvs)}"
    return arrays


def _figures_and_data(site: Path, name: str) -> list[tuple[str, dict[str, np.ndarray]]]:
    """(image, its arrays) for every figure of a narrative page, in page order; each image
    must be followed by its data sentence before the next image."""
    page = site / name
    html = page.read_text(encoding="utf-8")
    html = html[html.index("<main") : html.index("</main>")]
    events = sorted(
        [(m.start(), "image", m.group(1)) for m in _IMAGE.finditer(html)]
        + [(m.start(), "data", m.group(1)) for m in _DATA.finditer(html)]
    )
    kinds = [kind for _, kind, _ in events]
    assert kinds and kinds == ["image", "data"] * (len(kinds) // 2), (name, kinds)
    return [
        (image[2], _round_trip(page, data[2]))
        for image, data in zip(events[::2], events[1::2], strict=True)
    ]


@pytest.mark.parametrize("name", NARRATIVE_PAGES)
def test_every_narrative_figure_has_its_data_and_it_round_trips(site: Path, name: str) -> None:
    figures = _figures_and_data(site, name)
    assert all(arrays for _, arrays in figures), name


def test_the_narrative_pages_figures_are_counted(site: Path) -> None:
    counts = {name: len(_figures_and_data(site, name)) for name in NARRATIVE_PAGES}
    assert counts == {
        "index.html": 1,
        "question.html": 2,
        "answer.html": 2,
        "worked_example.html": 6,
    }


def test_the_downloads_hold_the_numbers_convdemo_computes(site: Path) -> None:
    from convdemo import draw_smiley, relu
    from convdemo.site.landing import landing_example

    ((_, landing),) = _figures_and_data(site, "index.html")
    example = landing_example()
    np.testing.assert_array_equal(landing["panel1_1_input"], example["image"])
    np.testing.assert_array_equal(list(landing.values())[-1], example["corners"])
    worked = dict(_figures_and_data(site, "worked_example.html"))
    first = next(iter(worked.values()))
    np.testing.assert_array_equal(first["panel1_input_image_9_9"], draw_smiley(shape=(9, 9)))
    layer2 = list(worked.values())[3]
    before, after = layer2.values()
    np.testing.assert_array_equal(after, relu(before))
    assert after[1, 2] == 4 and np.count_nonzero(after) == 1  # the face cell, as the page says
