"""The built site: pages exist, images say what they show, nothing is fetched from another
host, math renders from a local MathJax, and no raw ``$...$`` is left on a page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from published import TRANSLATED

import convdemo

EXPECTED_PAGES = [
    "index.html",
    "question.html",
    "answer.html",
    "worked_example.html",
    "playground.html",
    "glossary.html",
    "references.html",
    "api.html",
    "auto_examples/index.html",
    "auto_examples/basics/plot_convolution_arithmetic.html",
    "auto_examples/basics/plot_image_processing_kernels.html",
    "auto_examples/basics/plot_one_output_number.html",
    "auto_examples/feature_maps/plot_how_much_not_whether.html",
    "auto_examples/channels/plot_eyes_and_mouth_make_a_face.html",
    "auto_examples/receptive_fields/plot_receptive_fields_grow.html",
    "auto_examples/receptive_fields/plot_effective_receptive_field.html",
    "auto_examples/receptive_fields/plot_why_stack_small_kernels.html",
    "auto_examples/nonlinearity/plot_depth_without_nonlinearity.html",
    "auto_examples/learned_features/plot_train_cars_and_pedestrians.html",
    "auto_examples/learned_features/plot_feature_maps_layer_by_layer.html",
    "auto_examples/learned_features/plot_what_layer2_units_see.html",
    "auto_examples/learned_features/plot_learned_smiley_detector.html",
    "auto_examples/learned_features/plot_real_images.html",
    "generated/convdemo.conv2d.html",
    "generated/convdemo.plotting.show_number_grid.html",
    "generated/convdemo.data.sample_image.html",
    "search.html",
    "genindex.html",
]

# Elements whose text is code or machinery, not prose.
NON_PROSE = {"script", "style", "pre", "code", "kbd", "samp", "textarea"}
# Alt text that names no content.
GENERIC_ALT = re.compile(
    r"^(image|figure|plot|picture|graph|chart|img|png|_images/.*|.*\.png)$", re.IGNORECASE
)
INLINE_DOLLAR_MATH = re.compile(r"(?<![\\$\w])\$[^\s$][^$\n]*?[^\s$\\]\$(?![\w$])")


@dataclass
class Page:
    path: Path
    images: list[dict[str, str | None]] = field(default_factory=list)
    refs: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, attribute, url)
    prose: list[str] = field(default_factory=list)
    math_nodes: int = 0
    title: str = ""
    footer: str = ""


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []
        self.thumb_depth: int | None = None
        self.in_title = False
        self.footer_depth: int | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag not in {"img", "link", "meta", "br", "hr", "input", "source"}:
            self.stack.append(tag)
            if "sphx-glr-thumbcontainer" in classes and self.thumb_depth is None:
                self.thumb_depth = len(self.stack)
            if tag == "footer" and self.footer_depth is None:
                self.footer_depth = len(self.stack)
        if tag == "title":
            self.in_title = True
        if "math" in classes:
            self.page.math_nodes += 1
        if tag == "img":
            self.page.images.append(
                {
                    "src": attributes.get("src"),
                    "srcset": attributes.get("srcset"),
                    "alt": attributes.get("alt"),
                    "thumbnail": "yes" if self.thumb_depth is not None else "",
                }
            )
        # <link rel="alternate" hreflang=...>: the page's address in each language (absolute,
        # under the published site's root), never fetched by the browser.
        alternate = tag == "link" and attributes.get("rel") == "alternate"
        for attribute in ("src", "href"):
            if (
                tag in {"script", "link", "img", "source", "iframe", "video", "audio"}
                and not alternate
            ):
                url = attributes.get(attribute)
                if url:
                    self.page.refs.append((tag, attribute, url))

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.stack:
            while self.stack:
                closed = self.stack.pop()
                if self.thumb_depth is not None and len(self.stack) < self.thumb_depth:
                    self.thumb_depth = None
                if self.footer_depth is not None and len(self.stack) < self.footer_depth:
                    self.footer_depth = None
                if closed == tag:
                    break

    def handle_data(self, data):
        if self.in_title:
            self.page.title += data
        if self.footer_depth is not None:
            self.page.footer += data
        if not NON_PROSE.intersection(self.stack):
            self.page.prose.append(data)


def _parse(path: Path) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="session")
def pages(site: Path) -> dict[str, Page]:
    found = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(("_static/", "_sources/", "_downloads/", "_images/", *TRANSLATED)):
            continue
        found[relative] = _parse(path)
    return found


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in {"data"}) or url.startswith("//")


def _local_target(page: Path, url: str) -> Path:
    return (page.parent / unquote(urlsplit(url).path)).resolve()


@pytest.mark.parametrize("name", EXPECTED_PAGES)
def test_expected_page_exists(site: Path, name: str) -> None:
    assert (site / name).is_file(), f"missing page {name}"


def test_every_public_name_has_an_api_page(site: Path) -> None:
    missing = [
        name
        for name in convdemo.__all__
        if name != "__version__" and not (site / "generated" / f"convdemo.{name}.html").is_file()
    ]
    assert not missing, f"no API page for {missing}"


def test_every_content_image_has_alt_text_and_exists(pages: dict[str, Page]) -> None:
    problems = []
    count = 0
    for name, page in pages.items():
        for image in page.images:
            count += 1
            src, alt = image["src"], (image["alt"] or "").strip()
            if not src:
                problems.append(f"{name}: <img> without src")
                continue
            if _is_external(src):
                continue  # reported by test_no_request_to_another_host
            if not src.startswith("data:") and not _local_target(page.path, src).is_file():
                problems.append(f"{name}: image {src} does not exist")
            for candidate in (image["srcset"] or "").split(","):
                url = candidate.strip().split(" ")[0]
                if url and not _local_target(page.path, url).is_file():
                    problems.append(f"{name}: srcset image {url} does not exist")
            if image["thumbnail"] and alt == "":
                continue  # a gallery thumbnail beside its own title is decorative
            if len(alt.split()) < 4 or GENERIC_ALT.match(alt):
                problems.append(f"{name}: image {src} has alt text {alt!r}, which says nothing")
    assert count > 0, "no image found on the whole site"
    assert not problems, "\n".join(problems)


def test_figures_are_on_the_pages_that_promise_them(pages: dict[str, Page]) -> None:
    for name in ("index.html", "question.html", "answer.html"):
        assert pages[name].images, f"{name} has no figure"
    example = pages["auto_examples/basics/plot_convolution_arithmetic.html"]
    assert len(example.images) >= 2


def test_no_request_to_another_host(pages: dict[str, Page]) -> None:
    external = [
        f"{name}: <{tag} {attribute}={url}>"
        for name, page in pages.items()
        for tag, attribute, url in page.refs
        if _is_external(url)
    ]
    assert not external, "\n".join(external)


def test_local_scripts_and_stylesheets_exist(pages: dict[str, Page]) -> None:
    missing = sorted(
        {
            f"{name}: {url}"
            for name, page in pages.items()
            for tag, _, url in page.refs
            if tag in {"script", "link"}
            and not _is_external(url)
            and not url.startswith("#")
            and urlsplit(url).path.endswith((".js", ".css"))
            and not _local_target(page.path, url).is_file()
        }
    )
    assert not missing, "\n".join(missing)


def test_stylesheets_load_nothing_from_elsewhere(site: Path) -> None:
    """Every @import and url(...) in the shipped CSS is a file of the site itself."""
    problems = []
    pattern = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)|url\(\s*["']?([^"')]+)""")
    for css in sorted((site / "_static").rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
        for match in pattern.finditer(text):
            url = match.group(1) or match.group(2)
            if url.startswith(("data:", "#")):
                continue
            if _is_external(url):
                problems.append(f"{css.relative_to(site)}: {url}")
            elif not _local_target(css, url).is_file():
                problems.append(f"{css.relative_to(site)}: {url} (missing)")
    assert not problems, "\n".join(problems)


def test_math_is_rendered_by_the_local_mathjax(site: Path, pages: dict[str, Page]) -> None:
    mathjax = site / "_static" / "mathjax" / "tex-chtml.js"
    assert mathjax.is_file()
    fonts = list((mathjax.parent / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    assert fonts, "MathJax fonts are not shipped"
    with_math = [name for name, page in pages.items() if page.math_nodes]
    assert "answer.html" in with_math
    for name in with_math:
        scripts = [
            _local_target(pages[name].path, url)
            for tag, _, url in pages[name].refs
            if tag == "script" and "mathjax" in url.lower()
        ]
        assert scripts, f"{name} has math but loads no MathJax"
        assert all(path == mathjax.resolve() for path in scripts), f"{name}: {scripts}"


def test_no_page_shows_raw_dollar_math(pages: dict[str, Page]) -> None:
    raw = []
    for name, page in pages.items():
        text = " ".join(page.prose)
        for match in INLINE_DOLLAR_MATH.finditer(text):
            raw.append(f"{name}: {match.group(0)!r}")
    assert not raw, "\n".join(raw)


def test_title_and_footer_show_the_version(pages: dict[str, Page]) -> None:
    version = convdemo.__version__
    for name in ("index.html", "answer.html", "generated/convdemo.conv2d.html"):
        page = pages[name]
        assert version in page.title, f"{name}: title {page.title!r}"
        assert f"convdemo {version}" in " ".join(page.footer.split()), f"{name}: footer"


def test_api_pages_link_back_to_examples(site: Path) -> None:
    html = (site / "generated" / "convdemo.conv2d.html").read_text(encoding="utf-8")
    assert "Examples using" in html
    assert "plot_convolution_arithmetic.html" in html


def test_examples_offer_script_and_notebook_downloads(site: Path) -> None:
    examples = [
        path for path in (site / "auto_examples").rglob("plot_*.html") if path.name != "index.html"
    ]
    assert examples
    for path in examples:
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # the redirect left at a renamed example's old address
        links = re.findall(r'href="([^"]*_downloads/[^"]+)"', html)
        stem = path.stem
        for suffix in (".py", ".ipynb"):
            matching = [url for url in links if url.endswith(stem + suffix)]
            assert matching, f"{path.name}: no {suffix} download"
            assert _local_target(path, matching[0]).is_file()


def test_pages_show_no_run_timings(pages: dict[str, Page]) -> None:
    timed = [
        name
        for name, page in pages.items()
        if re.search(r"Total running time|sg_execution_times", " ".join(page.prose))
    ]
    assert not timed, timed
