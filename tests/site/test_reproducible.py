"""The built site is the same from any folder: zips with the one fixed date, and a
``.buildinfo`` whose configuration hash does not hold the folder (docs/_ext/
convdemo_reproducible.py)."""

from __future__ import annotations

import pickle
import sys
import zipfile
from pathlib import Path

import pytest

from convdemo.site.reproducible import FIXED_DATE

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from convdemo_reproducible import location_free  # noqa: E402


def test_downloaded_zips_are_deterministic(site: Path) -> None:
    zips = sorted(site.glob("_downloads/**/*.zip"))
    assert zips, "the gallery offers no zip of its examples"
    for path in zips:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names), f"{path.name}: members not sorted"
        assert {info.date_time for info in infos} == {FIXED_DATE}, path.name
        assert {info.external_attr >> 16 for info in infos} == {0o644}, path.name


def test_location_free_paths_are_the_same_from_any_folder() -> None:
    def config(root: str) -> dict:
        return {
            "html_static_path": ["_static", f"{root}/docs/_build/doctrees/assets"],
            "sphinx_gallery_conf": {"src_dir": f"{root}/docs", "examples_dirs": ["../gallery"]},
            "html_title": "convdemo",
        }

    one = location_free(
        config("/tmp/b1"), {"doctreedir": "/tmp/b1/docs/_build/doctrees", "project": "/tmp/b1"}
    )
    two = location_free(
        config("/srv/b2"), {"doctreedir": "/srv/b2/docs/_build/doctrees", "project": "/srv/b2"}
    )
    assert one == two
    assert one["html_static_path"] == ["_static", "<doctreedir>/assets"]
    assert one["sphinx_gallery_conf"]["src_dir"] == "<project>/docs"


def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)
    else:
        yield str(value)


def test_the_hashed_configuration_holds_no_folder(site: Path) -> None:
    """Of the configuration the build used (its environment, beside the site), every value
    that enters .buildinfo's hash is free of the checkout's and the environment's folders
    once made location-free; and the checkout's folder is in some of them before."""
    environment = site.parent / "doctrees" / "environment.pickle"
    if not environment.is_file():
        pytest.skip(f"no {environment}: the site was built with its doctrees elsewhere")
    with environment.open("rb") as file:
        config = pickle.load(file).config

    class App:  # what location_roots reads of the Sphinx application (its folders)
        outdir, doctreedir = site, environment.parent
        srcdir = confdir = ROOT / "docs"

    from convdemo_reproducible import location_roots

    roots = location_roots(App)  # type: ignore[arg-type]
    values = {item.name: item.value for item in config.filter({"html"})}
    assert any(str(ROOT) in text for text in _strings(values)), "nothing to make free"
    free = location_free(values, roots)
    for forbidden in (str(ROOT), sys.prefix, str(Path(sys.prefix).resolve())):
        holding = sorted(
            name for name, value in free.items() if any(forbidden in s for s in _strings(value))
        )
        assert not holding, f"config values that hold {forbidden}: {holding}"


def test_executed_notebooks_are_the_same_from_any_folder(site: Path) -> None:
    """myst-nb's copies of the executed pages (html/jupyter_execute, written by the Italian
    pass, published and in the offline bundle): cell ids made from each cell, and no output
    holding the build's folder."""
    import json

    from convdemo_reproducible import deterministic_cell_ids

    notebooks = sorted(site.glob("jupyter_execute/**/*.ipynb"))
    assert len(notebooks) >= 12, notebooks  # the executed pages, exercises included
    for path in notebooks:
        text = path.read_text(encoding="utf-8")
        assert str(ROOT) not in text, f"{path.name} holds the build's folder"
        assert not deterministic_cell_ids(json.loads(text)), f"{path.name}: random cell ids"
