"""The offline bundle: one zip of the whole built site, deterministic, offered on the site.

(That it opens from disk with working navigation, figures and math is checked in a real
browser: tests/browser/test_bundle.py.)"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from published import BUNDLE_DATE

import convdemo

NAME = f"convdemo-{convdemo.__version__}-site.zip"
TOP = NAME.removesuffix(".zip")


@pytest.fixture(scope="module")
def bundle(site: Path) -> zipfile.ZipFile:
    path = site / NAME
    assert path.is_file(), f"no offline bundle {NAME} in the built site"
    with zipfile.ZipFile(path) as archive:
        yield archive


def _site_files(site: Path) -> dict[str, Path]:
    """Every file of the built site but the bundle and dotfiles (.buildinfo)."""
    return {
        path.relative_to(site).as_posix(): path
        for path in site.rglob("*")
        if path.is_file()
        and path.name != NAME
        and not any(part.startswith(".") for part in path.relative_to(site).parts)
    }


def test_bundle_holds_the_whole_site_but_itself(site: Path, bundle: zipfile.ZipFile) -> None:
    names = bundle.namelist()
    assert all(name.startswith(f"{TOP}/") for name in names), "not all under one folder"
    inside = {name.removeprefix(f"{TOP}/") for name in names}
    expected = _site_files(site)
    missing, extra = sorted(set(expected) - inside), sorted(inside - set(expected))
    assert not missing and not extra, f"missing: {missing[:10]}; extra: {extra[:10]}"
    assert not [name for name in names if name.endswith("-site.zip")], "the zip holds a bundle"
    differing = [
        relative
        for relative, path in expected.items()
        if bundle.read(f"{TOP}/{relative}") != path.read_bytes()
    ]
    assert not differing, f"files that differ from the site: {differing[:10]}"
    assert bundle.testzip() is None


def test_bundle_is_deterministic(bundle: zipfile.ZipFile) -> None:
    infos = bundle.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names), "entries are not sorted"
    assert {info.date_time for info in infos} == {BUNDLE_DATE}
    assert {info.external_attr >> 16 for info in infos} == {0o644}
    assert not [info.filename for info in infos if info.is_dir()], "directory entries"


def test_bundle_is_offered_on_the_site(site: Path) -> None:
    text = (site / "cite.html").read_text(encoding="utf-8")
    assert re.search(rf'href="{re.escape(NAME)}"', text), "cite.html does not link the bundle"
