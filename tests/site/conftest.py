"""Checks of the built site (run by ``nox -s docs`` right after the build).

They need the path of the built HTML in the environment variable ``CONVDEMO_SITE``
(``nox -s docs`` sets it to ``docs/_build/html``). Without it, nothing in this folder is
collected, so the plain test session never sees these tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SITE_ENV = "CONVDEMO_SITE"

if not os.environ.get(SITE_ENV):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def site() -> Path:
    """The folder of the built HTML site."""
    path = Path(os.environ[SITE_ENV]).resolve()
    if not (path / "index.html").is_file():
        pytest.fail(f"{SITE_ENV}={path} has no index.html: build the site first (nox -s docs)")
    return path


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def citation() -> dict:
    """CITATION.cff, parsed: the site's citation metadata and its address (``url``)."""
    import yaml

    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
