"""The built site in a real browser (Debian's Chromium), served over HTTP on 127.0.0.1.

Every page reachable from index.html is loaded in light mode and in dark mode; each test
below asserts one kind of check across all of them and lists every page that fails it.
"""

from __future__ import annotations

from pathlib import Path

import browser_checks as checks
import pytest

MOBILE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def crawled(browser, site_url):
    """Every page reachable from index.html, audited in light and in dark mode (a fresh
    profile each: a reader's first visit, and a reader who chose dark)."""
    contexts = {mode: checks.new_context(browser, mode) for mode in (checks.LIGHT, checks.DARK)}
    try:
        yield checks.crawl_modes(contexts, site_url)
    finally:
        for context in contexts.values():
            context.close()


@pytest.fixture(scope="module")
def light(crawled):
    return crawled[checks.LIGHT]


@pytest.fixture(scope="module")
def dark(crawled):
    return crawled[checks.DARK]


@pytest.fixture(scope="module")
def example(light) -> str:
    """One gallery example page (the first one, in crawl order)."""
    for path in light:
        if path.startswith("auto_examples/") and path.rsplit("/", 1)[-1].startswith("plot_"):
            return path
    pytest.fail("the crawl found no gallery example page (auto_examples/**/plot_*.html)")


def problems_of(reports, *kinds: str) -> list[checks.Problem]:
    """The problems of the given kinds; a kind ending in ":" is a prefix ("axe:")."""
    return [
        problem
        for report in reports.values()
        for problem in report.problems
        if problem.check in kinds
        or any(kind.endswith(":") and problem.check.startswith(kind) for kind in kinds)
    ]


def assert_none(problems: list[checks.Problem], what: str) -> None:
    assert not problems, f"{what}:\n{checks.format_problems(problems)}"


def test_crawl_reaches_the_whole_site(light):
    assert "index.html" in light
    assert any(path.startswith("auto_examples/") for path in light), sorted(light)
    assert len(light) >= 10, sorted(light)


@pytest.mark.parametrize("mode", [checks.LIGHT, checks.DARK])
def test_every_page_loads_whole(light, dark, mode):
    reports = light if mode == checks.LIGHT else dark
    found = problems_of(
        reports, "status", "timeout", "console-error", "page-error", "http-status", "request-failed"
    )
    assert_none(found, f"pages that do not load whole ({mode})")


@pytest.mark.parametrize("mode", [checks.LIGHT, checks.DARK])
def test_every_page_is_offline(light, dark, mode):
    reports = light if mode == checks.LIGHT else dark
    found = problems_of(reports, "external-request", "external-reference")
    assert_none(found, f"pages that reach for another host ({mode})")


def test_every_image_is_decoded(light):
    assert_none(problems_of(light, "image"), "images that do not decode")


def test_math_renders(light):
    assert_none(problems_of(light, "math"), "math not rendered")


def test_accessible_in_light_mode(light):
    assert_none(problems_of(light, "axe:"), "axe-core: serious or critical (light)")


def test_accessible_in_dark_mode(dark):
    assert_none(problems_of(dark, "axe:"), "axe-core: serious or critical (dark)")


def test_dark_mode_keeps_figures_true(dark):
    assert_none(problems_of(dark, "theme", "dark-figure"), "dark mode changes figures")


def test_every_internal_link_and_anchor_resolves(light, site_url):
    assert_none(checks.check_links(light, site_url), "broken internal links or anchors")


@pytest.mark.parametrize("mode", [checks.LIGHT, checks.DARK])
def test_screenshots(browser, site_url, example, artifacts_dir: Path, mode):
    """Landing page and one gallery example, kept as artefacts (artifacts/browser/)."""
    context = checks.new_context(browser, mode)
    try:
        with checks.open_page(context, site_url) as (page, _):
            for name, path in (("landing", "index.html"), ("example", example)):
                checks.load(page, site_url + path)
                target = artifacts_dir / f"{name}-{mode}.png"
                page.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 0
    finally:
        context.close()


def test_mobile_viewport(browser, site_url, example, artifacts_dir: Path):
    """390x844: no sideways scrolling, figures no wider than the screen."""
    context = checks.new_context(browser, **MOBILE)
    found = []
    try:
        with checks.open_page(context, site_url) as (page, _):
            for name, path in (("landing", "index.html"), ("example", example)):
                checks.load(page, site_url + path)
                found += checks.check_mobile(page, path)
                page.screenshot(path=str(artifacts_dir / f"{name}-mobile.png"))
    finally:
        context.close()
    assert_none(found, "mobile viewport (390x844)")


def test_search_finds_receptive_field(browser, site_url):
    context = checks.new_context(browser)
    try:
        with checks.open_page(context, site_url) as (page, recorder):
            checks.load(page, site_url + "search.html?q=receptive+field")
            titles = checks.check_search(page)
            problems = recorder.problems("search.html?q=receptive+field")
    finally:
        context.close()
    assert titles, "search.html?q=receptive+field found nothing"
    assert_none(problems, "the search page")
