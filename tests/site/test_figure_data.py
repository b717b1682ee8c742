"""Every gallery figure that shows maps offers their numbers: one CSV per map, one .npz.

The files are written by the build (docs/_ext/gallery_hooks.py, convdemo.figure_data); each
download linked from an example page exists, loads, and its CSVs equal the .npz's arrays.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from published import example_pages

from convdemo.figure_data import DATA_LICENCE


def _example_pages(site: Path) -> list[Path]:
    """The example pages, without the redirects that renamed examples leave behind."""
    return sorted(site / page for page in example_pages(site) if "/plot_" in page)


def _downloads(page: Path, suffix: str) -> list[Path]:
    html = page.read_text(encoding="utf-8")
    return [page.parent / href for href in re.findall(rf'href="([^"]+\{suffix})"', html)]


def test_most_examples_offer_their_figures_numbers(site: Path) -> None:
    pages = _example_pages(site)
    with_data = [page for page in pages if _downloads(page, ".npz")]
    assert pages and len(with_data) >= 0.8 * len(pages), (len(with_data), len(pages))


def test_every_data_download_exists_and_round_trips(site: Path) -> None:
    checked = 0
    for page in _example_pages(site):
        csvs = {path.name: path for path in _downloads(page, ".csv")}
        for npz in _downloads(page, ".npz"):
            assert npz.is_file(), npz
            with np.load(npz) as data:
                assert DATA_LICENCE in str(data["README"])
                for name in data.files:
                    if name == "README" or data[name].ndim != 2:
                        continue
                    csv = csvs.get(f"{npz.stem}_{name}.csv")
                    assert csv is not None and csv.is_file(), (page.name, name)
                    assert DATA_LICENCE in csv.read_text(encoding="utf-8").splitlines()[3]
                    np.testing.assert_array_equal(
                        np.loadtxt(csv, delimiter=",", ndmin=2), data[name]
                    )
                    checked += 1
    if checked == 0:
        pytest.fail("no gallery page links a figure's data")
