"""The source distribution holds what a user needs and nothing else (issue 26).

The sdist is built here, offline, with the build backend of pyproject.toml (hatchling,
in-process: no network, no isolated build environment) and its files are listed.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from convdemo import __version__
from convdemo.site.figure_data import DATA_LICENCE

ROOT = Path(__file__).resolve().parents[1]
hatchling = pytest.importorskip("hatchling.builders.sdist")


@pytest.fixture(scope="module")
def sdist_files(tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("sdist")
    builder = hatchling.SdistBuilder(str(ROOT))
    (path,) = list(builder.build(directory=str(out), versions=["standard"]))
    with tarfile.open(path) as archive:
        top = f"convdemo-{__version__}/"
        names = archive.getnames()
    assert all(name.startswith(top) for name in names), names[:5]
    return sorted(name.removeprefix(top) for name in names if name != top.rstrip("/"))


def test_sdist_holds_the_package_and_its_papers_only(sdist_files: list[str]) -> None:
    package = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "convdemo").rglob("*.py"))
    papers = ["CHANGELOG.md", "CITATION.cff", "LICENSE", "PKG-INFO", "README.md", "pyproject.toml"]
    # hatchling always adds the .gitignore (it tells hatchling what to leave out)
    assert sdist_files == sorted([*package, *papers, ".gitignore"])


def test_licence_file_states_both_licences() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("BSD 3-Clause License")
    name, _, url = DATA_LICENCE.partition(" (")
    assert name in text and url.rstrip(")") in text  # the data licence: one source, quoted
