"""The checker checked: a tiny site with good and deliberately broken pages, served and
crawled like the real one. Each broken page must be reported for what is wrong with it,
and the good pages must not be reported at all (light and dark)."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import browser_checks as checks
import pytest

ROOT = Path(__file__).resolve().parents[2]
MATHJAX = ROOT / "docs" / "_static" / "mathjax"

# Like pydata-sphinx-theme: the reader's mode from localStorage, before the first paint.
_HEAD = """<meta charset="utf-8">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script>
  document.documentElement.dataset.theme = localStorage.getItem("theme") || "light";
</script>
<style>
  html[data-theme="dark"] body { background: #121212; color: #eeeeee; }
  html[data-theme="dark"] a { color: #8fc6ff; }
  main img { max-width: 100%; height: auto; }
</style>"""


def _page(title: str, body: str, head: str = "", prefix: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<title>{title}</title>
{_HEAD}
{head}
</head>
<body>
<header><nav aria-label="site"><a href="{prefix}index.html">Home</a></nav></header>
<main>
<h1>{title}</h1>
{body}
</main>
</body>
</html>
"""


def _png(width: int = 40, height: int = 30) -> bytes:
    """A small valid PNG (a blue to red ramp), written without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(
        b"\x00"
        + b"".join(bytes((x * 255 // width, 0, 255 - x * 255 // width)) for x in range(width))
        for _ in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PAGES = {
    "index.html": _page(
        "Fixture site",
        """<ul>
<li><a href="good.html">good</a> (<a href="good.html#present">a section</a>)</li>
<li><a href="math.html">raw TeX</a></li>
<li><a href="external.html">external script</a></li>
<li><a href="missing-image.html">missing image</a></li>
<li><a href="broken-links.html">broken links</a></li>
<li><a href="axe.html">accessibility</a></li>
<li><a href="dark-filter.html">dimmed figures</a></li>
<li><a href="console.html">console errors</a></li>
<li><a href="wide.html">too wide</a></li>
<li><a href="sub/a.html">a sub-folder</a></li>
<li><a href="search.html">search</a></li>
<li><a href="https://example.org/elsewhere.html">another site (not followed)</a></li>
</ul>""",
    ),
    "good.html": _page(
        "A good page",
        r"""<p>A figure, with its alt text:</p>
<img src="fig.png" alt="a ramp from blue to red" width="40" height="30">
<h2 id="present">A section</h2>
<p>Inline math: <span class="math notranslate nohighlight">\(y = x^2\)</span>.</p>
<div class="math notranslate nohighlight">\[\sum_i w_i x_i\]</div>
<pre><code>code keeps its $raw$ \(text\)</code></pre>
<p><a href="#present">back to the section</a>, <a href="sub/deep.html#deep">deep</a>,
<a href="downloads/ok.zip">a download</a>.</p>""",
        head='<script defer src="_static/mathjax/tex-chtml.js"></script>',
    ),
    "math.html": _page(
        "Raw TeX",
        r"""<p>Dollar math that was never parsed: $x^2 + y_1$.</p>
<p>Math that MathJax never saw: <span class="math notranslate nohighlight">\(z^2\)</span>.</p>""",
    ),
    "external.html": _page(
        "An external script",
        "<p>This page loads a script from a CDN.</p>",
        head='<script src="https://cdn.example.com/lib.js"></script>',
    ),
    "missing-image.html": _page(
        "A missing image",
        '<img src="missing.png" alt="a figure that was never written">',
    ),
    "broken-links.html": _page(
        "Broken links",
        """<p><a href="nothere.html">a page that does not exist</a>,
<a href="good.html#absent">an anchor that does not exist</a>,
<a href="good.html#present">an anchor that exists</a>,
<a href="#local-absent">an in-page anchor that does not exist</a>,
<a href="downloads/missing.zip">a missing download</a>,
<a href="downloads/ok.zip">a download</a>.</p>""",
    ),
    "axe.html": _page(
        "Accessibility violations",
        """<img src="fig.png">
<p style="color: #bbbbbb; background: #ffffff">Light grey text on white.</p>""",
    ),
    "dark-filter.html": _page(
        "Dimmed figures",
        '<img src="fig.png" alt="a ramp from blue to red">',
        head="""<style>
  html[data-theme="dark"] main img { filter: brightness(0.8) contrast(1.2); }
</style>""",
    ),
    "console.html": _page(
        "Console errors",
        """<p>Scripts that fail.</p>
<script>console.error("boom from the page");</script>
<script>throw new Error("uncaught on purpose");</script>""",
    ),
    "wide.html": _page(
        "Too wide for a phone",
        """<div style="width: 1500px">A block wider than a phone.</div>
<img src="fig.png" alt="a ramp" style="width: 1200px; max-width: none">""",
    ),
    "sub/a.html": _page(
        "A page in a sub-folder",
        """<p><a href="deep.html">deeper</a>, <a href="../good.html#present">back</a>.</p>""",
        prefix="../",
    ),
    "sub/deep.html": _page(
        "Only linked from a sub-folder",
        '<h2 id="deep">Deep</h2><img src="../fig.png" alt="a ramp from blue to red">',
        prefix="../",
    ),
    # Enough of Sphinx's search page to test check_search: results for one word only.
    "search.html": _page(
        "Search",
        """<div id="search-results"></div>
<script>
  setTimeout(() => {
    const q = new URLSearchParams(location.search).get("q") || "";
    const out = document.getElementById("search-results");
    out.innerHTML = '<h2>Search Results</h2><ul class="search"></ul>';
    if (q.includes("receptive")) {
      out.querySelector("ul").innerHTML =
        '<li><a href="good.html">Receptive fields</a></li><li><a href="index.html">Home</a></li>';
    }
  }, 100);
</script>""",
    ),
}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("fixture-site")
    for name, html in PAGES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(html, encoding="utf-8")
    (site / "fig.png").write_bytes(_png())
    (site / "downloads").mkdir()
    (site / "downloads" / "ok.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    assert (MATHJAX / "tex-chtml.js").is_file(), f"the site's MathJax is missing: {MATHJAX}"
    shutil.copytree(MATHJAX, site / "_static" / "mathjax")
    return site


@pytest.fixture(scope="module")
def fixture_url(fixture_site: Path):
    with checks.serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="module")
def crawled(browser, fixture_url):
    # As the site tests do: both modes at once.
    contexts = {mode: checks.new_context(browser, mode) for mode in (checks.LIGHT, checks.DARK)}
    try:
        yield checks.crawl_modes(contexts, fixture_url)
    finally:
        for context in contexts.values():
            context.close()


@pytest.fixture(scope="module")
def light(crawled):
    return crawled[checks.LIGHT]


@pytest.fixture(scope="module")
def dark(crawled):
    return crawled[checks.DARK]


def test_crawl_in_one_mode_is_the_same_crawl(browser, fixture_url, light):
    context = checks.new_context(browser, checks.LIGHT)
    try:
        alone = checks.crawl(context, fixture_url, axe=False)
    finally:
        context.close()
    assert list(alone) == list(light)
    for path, report in alone.items():
        if report.status != 200:
            continue  # a 404 page has no icon link: when the browser asks for /favicon.ico varies
        assert report.problems == [
            p for p in light[path].problems if not p.check.startswith("axe:")
        ]


def kinds(report: checks.PageReport) -> set[str]:
    return {problem.check for problem in report.problems}


def details(report: checks.PageReport, kind: str) -> str:
    return "\n".join(p.detail for p in report.problems if p.check == kind)


def test_crawl_finds_every_same_site_page_and_nothing_else(light):
    assert set(light) == {
        "index.html",
        "good.html",
        "math.html",
        "external.html",
        "missing-image.html",
        "broken-links.html",
        "nothere.html",  # linked, so crawled: its 404 is reported below
        "axe.html",
        "dark-filter.html",
        "console.html",
        "wide.html",
        "sub/a.html",
        "sub/deep.html",  # only linked from sub/a.html
        "search.html",
    }
    # The link to another site is neither followed nor requested.
    assert "external-request" not in kinds(light["index.html"])


@pytest.mark.parametrize("page", ["index.html", "good.html", "sub/a.html", "sub/deep.html"])
def test_good_pages_have_no_problem_in_light_or_dark(light, dark, page):
    assert light[page].status == 200
    assert light[page].problems == []
    assert dark[page].problems == []


def test_good_page_math_is_typeset(light):
    # The good page has math and MathJax: nothing left raw (checked above), and its ids
    # and links were collected.
    assert {"present"} <= light["good.html"].ids
    assert any(link.endswith("sub/deep.html#deep") for link in light["good.html"].links)


def test_external_script_is_blocked_and_reported(light):
    report = light["external.html"]
    assert "https://cdn.example.com/lib.js" in details(report, "external-request")
    assert "cdn.example.com" in details(report, "external-reference")


def test_requests_to_other_hosts_are_blocked_by_the_browser(browser, fixture_url):
    # Blocked at the browser's (dead) proxy, whatever the host: by name or by address.
    context = checks.new_context(browser)
    try:
        with checks.open_page(context, fixture_url) as (page, recorder):
            checks.load(page, fixture_url + "index.html")
            for url in ("https://cdn.example.com/lib.js", "http://192.0.2.1/x.png"):
                page.evaluate("(url) => fetch(url).catch(() => null)", url)
            page.wait_for_timeout(200)
    finally:
        context.close()
    assert [url for url, _ in recorder.blocked] == [
        "https://cdn.example.com/lib.js",
        "http://192.0.2.1/x.png",
    ]
    for url, failure in recorder.blocked:
        assert "PROXY" in failure or "TUNNEL" in failure, (url, failure)


def test_missing_image_is_reported(light):
    report = light["missing-image.html"]
    assert "missing.png" in details(report, "image")
    assert "404 for missing.png" in details(report, "http-status")


def test_missing_page_is_reported_by_status(light):
    assert light["nothere.html"].status == 404
    assert "status" in kinds(light["nothere.html"])


def test_broken_links_and_anchors_are_reported(light, fixture_url):
    problems = checks.check_links(light, fixture_url)
    assert {(p.page, p.check, p.detail) for p in problems} == {
        ("broken-links.html", "link", "broken link (404): nothere.html"),
        ("broken-links.html", "link", "broken link (404): downloads/missing.zip"),
        ("broken-links.html", "anchor", "no id 'absent' on good.html"),
        ("broken-links.html", "anchor", "no id 'local-absent' on broken-links.html"),
    }


def test_raw_tex_is_reported(light):
    found = details(light["math.html"], "math")
    assert "raw TeX in text: Dollar math that was never parsed: $x^2 + y_1$." in found
    assert r"not typeset: \(z^2\)" in found
    assert "page has math but MathJax is not loaded" in found


def test_axe_violations_are_reported_in_both_modes(light, dark):
    for report in (light["axe.html"], dark["axe.html"]):
        assert {"axe:image-alt", "axe:color-contrast"} <= kinds(report)


def test_dimmed_figures_are_reported_in_dark_mode_only(light, dark):
    assert "dark-figure" not in kinds(light["dark-filter.html"])
    found = details(dark["dark-filter.html"], "dark-figure")
    assert "fig.png: filter brightness(0.8) contrast(1.2) on <img>" in found


def test_dark_mode_is_applied(dark):
    assert "theme" not in kinds(dark["good.html"])


def test_console_errors_and_exceptions_are_reported(light):
    report = light["console.html"]
    assert "boom from the page" in details(report, "console-error")
    assert "uncaught on purpose" in details(report, "page-error")


def test_mobile_overflow_is_reported(browser, fixture_url):
    context = checks.new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        found = {}
        for page_path in ("good.html", "wide.html"):
            with checks.open_page(context, fixture_url) as (page, _):
                checks.load(page, fixture_url + page_path)
                found[page_path] = checks.check_mobile(page, page_path)
    finally:
        context.close()
    assert found["good.html"] == []
    text = "\n".join(p.detail for p in found["wide.html"])
    assert "page scrolls sideways" in text
    assert "image wider than the viewport (1200 > 390 px): fig.png" in text


@pytest.mark.parametrize(("query", "expected"), [("receptive+field", 2), ("nothing", 0)])
def test_search_check_reads_the_results(browser, fixture_url, query, expected):
    context = checks.new_context(browser)
    try:
        with checks.open_page(context, fixture_url) as (page, _):
            checks.load(page, f"{fixture_url}search.html?q={query}")
            assert len(checks.check_search(page)) == expected
    finally:
        context.close()


def test_problems_are_grouped_across_pages():
    problems = [
        checks.Problem("a.html", "http-status", "404 for _static/basic.css"),
        checks.Problem("b.html", "http-status", "404 for _static/basic.css"),
        checks.Problem("b.html", "image", "image not decoded (naturalWidth 0): x.png"),
    ]
    text = checks.format_problems(problems)
    assert "[http-status] 404 for _static/basic.css\n    on 2 page(s): a.html, b.html" in text
    assert "[image] image not decoded (naturalWidth 0): x.png\n    on 1 page(s): b.html" in text
