"""Fixtures of the browser tests: Debian's Chromium, and the built site served on 127.0.0.1.

These tests run only when asked for by path (``pytest tests/browser``, as ``nox -s browser``
does) or with ``CONVDEMO_BROWSER=1``. The plain test run (``nox -s tests``, pyproject's
testpaths) does not collect this folder: it has neither a browser nor the site.

The site's folder comes from ``--convdemo-site`` or ``CONVDEMO_SITE`` (default
``docs/_build/html``). A missing site fails every site test, loudly; it is never skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_checks import blackhole, launch_args, serve

HERE = Path(__file__).parent.resolve()
ROOT = HERE.parents[1]
DEFAULT_SITE = ROOT / "docs" / "_build" / "html"
ARTIFACTS = ROOT / "artifacts" / "browser"
CHROMIUM = os.environ.get("CONVDEMO_CHROMIUM", "/usr/bin/chromium")


def _asked_for(config: pytest.Config) -> bool:
    """True if this run names tests/browser (or something in it), or CONVDEMO_BROWSER=1."""
    if os.environ.get("CONVDEMO_BROWSER") == "1":
        return True
    base = Path(config.invocation_params.dir)
    for arg in config.args:
        path = (base / str(arg).split("::", 1)[0]).resolve()
        if path == HERE or HERE in path.parents:
            return True
    return False


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if not _asked_for(config):
        return True
    return None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--convdemo-site",
        default=None,
        help="folder of the built site to check in the browser "
        "(default: $CONVDEMO_SITE, else docs/_build/html)",
    )


@pytest.fixture(scope="session")
def blocked_proxy():
    """The browser's proxy: refuses every connection, so no request leaves the machine."""
    with blackhole() as address:
        yield address


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, blocked_proxy: str) -> dict:
    """Debian's Chromium, headless (Playwright's own browser download does not work here),
    with every host but 127.0.0.1 blocked."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"no browser at {CHROMIUM}: install Debian's chromium "
            "(apt-get install -y --no-install-recommends chromium), or set CONVDEMO_CHROMIUM",
            pytrace=False,
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": launch_args(blocked_proxy),
    }


@pytest.fixture(scope="session")
def site_dir(pytestconfig: pytest.Config) -> Path:
    """The built site's folder; fails (never skips) when there is no built site."""
    value = (
        pytestconfig.getoption("--convdemo-site", default=None)
        or os.environ.get("CONVDEMO_SITE")
        or DEFAULT_SITE
    )
    path = Path(value).resolve()
    if not (path / "index.html").is_file():
        pytest.fail(
            f"no built site at {path} (no index.html): build it first with `nox -s docs`, "
            "or point --convdemo-site / CONVDEMO_SITE at a built site",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """The built site, served over HTTP on 127.0.0.1 (a free port)."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where screenshots are kept (artifacts/browser/, gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
