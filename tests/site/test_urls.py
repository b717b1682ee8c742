"""Stable URLs: every page address recorded for a release (docs/_urls/<version>.txt) is still
a page of the built site, or a redirect to one; every redirect of docs/_urls/redirects.toml
leads to a page."""

from __future__ import annotations

import tomllib
from pathlib import Path

from published import URL_LISTS, pages, redirect_target, resolve

import convdemo

RECORDED = sorted(URL_LISTS.glob("*.txt"))


def _recorded(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_the_current_release_has_its_url_list() -> None:
    path = URL_LISTS / f"{convdemo.__version__}.txt"
    assert path.is_file(), (
        f"no recorded URL list for convdemo {convdemo.__version__}: after building the site, "
        "run `python docs/_urls/record.py` and commit docs/_urls/"
        f"{convdemo.__version__}.txt"
    )
    assert "index.html" in _recorded(path)


def test_every_recorded_url_still_resolves(site: Path) -> None:
    """Each address of each release is a page of this build, or redirects to one."""
    assert RECORDED, "no recorded URL list in docs/_urls"
    broken: dict[str, list[str]] = {}
    for url_list in RECORDED:
        for page in _recorded(url_list):
            reached, hops = resolve(site, page)
            if reached is None:
                broken.setdefault(page, []).append(f"{url_list.stem}: {' -> '.join(hops)}")
    assert not broken, (
        "recorded addresses that lead nowhere now:\n  "
        + "\n  ".join(line for lines in broken.values() for line in lines)
        + "\nIf a page moved, add its old address to docs/_urls/redirects.toml:\n"
        + "\n".join(f'  "{page.removesuffix(".html")}" = "/<new path>.html"' for page in broken)
    )


def test_redirects_lead_to_pages(site: Path) -> None:
    config = tomllib.loads((URL_LISTS / "redirects.toml").read_text(encoding="utf-8"))
    redirects = config["redirects"]
    assert redirects, "no redirect configured: the mechanism would go untested"
    problems = []
    for old, new in redirects.items():
        page = f"{old}.html"
        if not (site / page).is_file():
            problems.append(f"{page}: no redirect page written")
            continue
        target = redirect_target(site, page)
        if target != new.lstrip("/"):
            problems.append(f"{page}: redirects to {target!r}, not {new!r} (relative)")
        reached, hops = resolve(site, page)
        if reached is None:
            problems.append(f"{page}: leads nowhere ({' -> '.join(hops)})")
    assert not problems, "\n".join(problems)


def test_redirect_pages_keep_the_anchor_and_work_without_script(site: Path) -> None:
    for page in pages(site):
        if redirect_target(site, page) is None:
            continue
        text = (site / page).read_text(encoding="utf-8")
        assert "window.location.hash" in text, f"{page}: the #anchor would be lost"
        assert "<a href=" in text, f"{page}: no link to follow by hand"
