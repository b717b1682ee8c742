"""The offline bundle opened from disk: unzip the site's zip into a temporary folder, open its
index.html over file:// in Debian's Chromium (the ``browser`` of conftest.py: headless, every
other host blocked), and read it as a reader without a connection would: the landing figure
shows, navigation leads to the other pages, their figures load and their math is typeset by
the bundled MathJax. No request leaves the disk, and none fails.

(The zip's contents and determinism are checked without a browser in tests/site.)
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import convdemo

BUNDLE = f"convdemo-{convdemo.__version__}-site.zip"

# Every <img> of the page's content, made to load now (no lazy loading), then measured.
_FIGURES_JS = """
async () => {
  const images = [...document.querySelectorAll("main img")];
  for (const img of images) img.loading = "eager";
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  return images.map((img) => ({src: img.getAttribute("src"), width: img.naturalWidth}));
}
"""

# Wait for MathJax's first typesetting pass, then count what it rendered.
_MATH_JS = """
async () => {
  if (!window.MathJax || !MathJax.startup) return {loaded: false, rendered: 0, errors: 0};
  await MathJax.startup.promise;
  return {
    loaded: true,
    rendered: document.querySelectorAll("mjx-container").length,
    errors: document.querySelectorAll("mjx-merror").length,
  };
}
"""


@pytest.fixture(scope="module")
def bundle_root(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle, unzipped into a fresh temporary folder (outside the built site)."""
    path = site_dir / BUNDLE
    if not path.is_file():
        pytest.fail(f"no offline bundle {BUNDLE} in {site_dir}: build the site with nox -s docs")
    target = tmp_path_factory.mktemp("bundle")
    with zipfile.ZipFile(path) as archive:
        archive.extractall(target)
    (root,) = target.iterdir()  # one folder, named like the zip
    assert root.name == BUNDLE.removesuffix(".zip")
    return root


@dataclass
class Visit:
    """A browser page, with the requests it made that were not to the disk, and those that
    failed."""

    page: Any
    off_disk: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def record(self, request) -> None:
        if not request.url.startswith(("file:", "data:", "blob:")):
            self.off_disk.append(request.url)

    def record_failure(self, request) -> None:
        self.failed.append(f"{request.url} ({request.failure})")

    def check_requests(self) -> None:
        assert not self.off_disk, f"requests that left the disk: {self.off_disk}"
        assert not self.failed, f"requests that failed: {self.failed}"


@pytest.fixture
def visit(browser):
    """A fresh page (its own context) whose requests are recorded."""
    context = browser.new_context()
    found = Visit(context.new_page())
    found.page.on("request", found.record)
    found.page.on("requestfailed", found.record_failure)
    yield found
    context.close()


def _open(page, url: str) -> None:
    page.goto(url, wait_until="load")
    assert page.url.startswith("file://"), page.url


def _figures(page) -> list[dict]:
    figures = page.evaluate(_FIGURES_JS)
    broken = [figure["src"] for figure in figures if figure["width"] == 0]
    assert not broken, f"{page.url}: figures that do not load: {broken}"
    return figures


def test_bundle_opens_from_disk_with_figures_math_and_navigation(visit, bundle_root: Path):
    page = visit.page
    _open(page, (bundle_root / "index.html").as_uri())

    # The landing figure.
    assert _figures(page), "the landing page shows no figure"

    # Navigation: the header's link to the step-by-step answer, followed by a click.
    page.locator("header a[href='answer.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url == (bundle_root / "answer.html").as_uri(), page.url
    assert _figures(page)
    math = page.evaluate(_MATH_JS)
    assert math["loaded"], "MathJax did not load from the bundle"
    assert math["rendered"] > 0 and math["errors"] == 0, math

    # On to the gallery and one example: its figures, its math, its citation box.
    gallery = page.locator("header a[href='auto_examples/index.html']")
    if not gallery.locator("visible=true").count():  # the link sits in the "More" menu
        page.locator("header .dropdown-toggle:visible").first.click()
    gallery.locator("visible=true").first.click()
    page.wait_for_load_state("load")
    assert _figures(page), "the gallery shows no thumbnail"
    page.locator("a[href^='basics/plot_convolution_arithmetic.html']:visible").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/auto_examples/basics/plot_convolution_arithmetic.html")
    assert len(_figures(page)) >= 2
    math = page.evaluate(_MATH_JS)
    assert math["rendered"] > 0 and math["errors"] == 0, math
    assert page.locator("#cite-this-example").count() == 1
    visit.check_requests()


def test_bundle_search_works_from_disk(visit, bundle_root: Path):
    """Search over file:// lists results, each with its snippet (issue 26: the page texts
    come from a script the bundle ships, not from a fetch the browser refuses), and the
    console stays free of errors."""
    page = visit.page
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    _open(page, (bundle_root / "search.html").as_uri() + "?q=receptive")
    page.wait_for_function(
        """() => {
          const title = document.querySelector("#search-results h2");
          return title && title.textContent.trim() === "Search Results";
        }""",
        timeout=30_000,
    )
    results = page.locator("#search-results ul.search li")
    assert results.count() > 5, "search found too little for 'receptive'"
    # every result's snippet: each listed page gets its <p class="context">
    page.wait_for_function(
        """() => {
          // an API object's result has its description (a <span>) and no snippet
          const items = [...document.querySelectorAll("#search-results ul.search li")]
            .filter((li) => !li.querySelector(":scope > span"));
          return items.length && items.every((li) => li.querySelector("p.context"));
        }""",
        timeout=30_000,
    )
    snippets = page.locator("#search-results ul.search li p.context").all_inner_texts()
    assert any("receptive" in text.lower() for text in snippets), snippets[:3]
    page.wait_for_timeout(500)  # late console messages
    assert not errors, f"console errors: {errors[:5]}"
    visit.check_requests()
