"""Citable: CITATION.cff is valid and agrees with the package, the changelog has the release,
the "How to cite" page gives the site's citation, and every gallery example carries its own
"Cite this example" box with its title, version and stable URL."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from published import ROOT, example_pages, page_title

import convdemo

VERSION = convdemo.__version__


def _cffconvert() -> Path:
    script = Path(sys.executable).with_name("cffconvert")
    if not script.is_file():
        pytest.fail(
            f"cffconvert is not installed beside {sys.executable}: it comes with the docs "
            "dependency group (nox -s docs syncs it from uv.lock)"
        )
    return script


def test_citation_cff_is_valid_against_the_schema() -> None:
    """`cffconvert --validate` checks CITATION.cff against the schema it ships (offline)."""
    result = subprocess.run(
        [str(_cffconvert()), "--validate", "-i", str(ROOT / "CITATION.cff")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_citation_cff_agrees_with_the_package(citation: dict) -> None:
    assert citation["version"] == VERSION, "CITATION.cff's version is not convdemo.__version__"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(citation["date-released"]))
    url = citation["url"]
    assert url.startswith("https://") and url.endswith("/"), f"site url {url!r}"


def test_changelog_has_the_current_release(citation: dict) -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+) \((\d{4}-\d{2}-\d{2})\)\s*$", text, re.MULTILINE)
    assert headings, "no '## <version> (<date>)' heading in CHANGELOG.md"
    assert headings[0] == (VERSION, str(citation["date-released"])), (
        f"the newest CHANGELOG entry is {headings[0]}, not convdemo {VERSION} released "
        f"{citation['date-released']} (CITATION.cff)"
    )


def test_changelog_is_on_the_site(site: Path) -> None:
    text = (site / "changelog.html").read_text(encoding="utf-8")
    assert re.search(rf"<h2[^>]*>{re.escape(VERSION)} \(", text), "no heading for the release"
    # The changelog's link to the stable-URL section works inside the site.
    assert 'href="cite.html#stable-urls"' in text


def test_cite_page_gives_bibtex_and_apa_for_the_site(site: Path, citation: dict) -> None:
    text = html.unescape((site / "cite.html").read_text(encoding="utf-8"))
    plain = re.sub(r"<[^>]+>", "", text)
    assert "@misc{convdemo," in plain
    assert re.search(rf"version\s+= \{{{re.escape(VERSION)}\}}", plain)
    assert re.search(rf"url\s+= \{{{re.escape(citation['url'])}\}}", plain)
    assert "{{The convdemo developers}}" in plain  # a group author, kept whole by BibTeX
    year = str(citation["date-released"])[:4]
    apa = f"The convdemo developers. ({year}). {citation['title']} (Version {VERSION})"
    assert apa in " ".join(plain.split())
    downloads = re.findall(r'href="(_downloads/[^"]+/CITATION\.cff)"', text)
    assert downloads and (site / downloads[0]).is_file(), "CITATION.cff is not offered"


@pytest.fixture(scope="module")
def examples(site: Path) -> list[str]:
    found = example_pages(site)
    assert found, "no gallery example page"
    return found


def _cite_box(text: str) -> str:
    start = text.find('id="cite-this-example"')
    assert start >= 0, "no 'Cite this example' section"
    end = text.find("</section>", start)
    return text[start:end]


def test_every_example_has_a_cite_box(site: Path, citation: dict, examples: list[str]) -> None:
    problems = []
    for page in examples:
        text = (site / page).read_text(encoding="utf-8")
        if 'id="cite-this-example"' not in text:
            problems.append(f"{page}: no 'Cite this example' section")
            continue
        box = html.unescape(_cite_box(text))
        plain = " ".join(re.sub(r"<[^>]+>", "", box).split())
        title = page_title(site, page)
        url = citation["url"] + page
        for what, expected in [
            ("title", f"Title: {title}"),
            ("version", f"Version: convdemo {VERSION}"),
            ("stable URL", f"Stable URL: {url}"),
            ("APA citation", f"{title} (Version {VERSION}) [Gallery example]"),
            ("BibTeX title", f"{{{_bibtex(title)}}}"),
            ("BibTeX url", f"= {{{url}}}"),
        ]:
            if expected not in plain:
                problems.append(f"{page}: the box lacks its {what} ({expected!r})")
        if f'href="{url}"' not in box:
            problems.append(f"{page}: the stable URL is not a link")
        if "highlight-bibtex" not in box:
            problems.append(f"{page}: no BibTeX block (with its copy button)")
    assert not problems, "\n".join(problems)


def test_cite_box_is_in_the_page_contents(site: Path, examples: list[str]) -> None:
    """The section is listed in the page's table of contents (the right sidebar)."""
    missing = [
        page
        for page in examples
        if 'href="#cite-this-example"' not in (site / page).read_text(encoding="utf-8")
    ]
    assert not missing, missing


def _bibtex(title: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", title)
