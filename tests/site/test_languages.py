"""The site in two languages: English at the root, Italian under it/ (docs/_ext/convdemo_i18n.py).

Each page names both versions of itself (``<link rel="alternate" hreflang=...>``, absolute
addresses under the published site's root) and links to the other one from its header (a
relative link, so the switch works from disk too).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from published import pages

LANGUAGES = {"en": "", "it": "it/"}
#: Pages a reader reaches first: each must exist in both languages.
MAIN_PAGES = ["index.html", "question.html", "answer.html", "glossary.html", "diagnostic.html"]


class _Head(HTMLParser):
    """The page's html lang, its hreflang alternates and its language switcher's links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self._in_switcher = 0

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href", "")
        elif tag == "nav" and "convdemo-language" in (a.get("class") or "").split():
            self._in_switcher += 1
        elif tag == "a" and self._in_switcher and a.get("hreflang"):
            self.switcher[a["hreflang"]] = a.get("href", "")

    def handle_endtag(self, tag) -> None:
        if tag == "nav" and self._in_switcher:
            self._in_switcher -= 1


def _head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _normal(parts: list[str]) -> str:
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part not in ("", "."):
            out.append(part)
    return "/".join(out)


def _from_site_url(url: str, site_url: str) -> str:
    assert url.startswith(site_url), f"{url} is not under the site's address {site_url}"
    return unquote(urlsplit(url[len(site_url) :]).path)


def _relative(page: str, href: str) -> str:
    base = page.split("/")[:-1]
    return _normal([*base, *unquote(urlsplit(href).path).split("/")])


@pytest.fixture(scope="module")
def english_pages(site: Path) -> list[str]:
    """The English site's real pages (no redirect pages, no translated folder)."""
    found = []
    for page in pages(site):
        if page.startswith("it/"):
            continue
        text = (site / page).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        found.append(page)
    return found


def test_the_italian_site_exists(site: Path) -> None:
    for page in MAIN_PAGES:
        assert (site / "it" / page).is_file(), f"no Italian page it/{page}"


@pytest.mark.parametrize("page", MAIN_PAGES)
def test_each_language_says_its_language(site: Path, page: str) -> None:
    assert _head(site / page).lang == "en", f"{page}: html lang is not en"
    assert _head(site / "it" / page).lang == "it", f"it/{page}: html lang is not it"


def test_hreflang_pairs_resolve_both_ways(
    site: Path, english_pages: list[str], citation: dict
) -> None:
    site_url = citation["url"]
    problems = []
    for page in english_pages:
        english = _head(site / page)
        if set(english.alternates) != {"en", "it", "x-default"}:
            problems.append(f"{page}: alternates {sorted(english.alternates)}")
            continue
        if _from_site_url(english.alternates["en"], site_url) != page:
            problems.append(f"{page}: its en alternate is {english.alternates['en']}")
        italian_page = _from_site_url(english.alternates["it"], site_url)
        if italian_page != f"it/{page}" or not (site / italian_page).is_file():
            problems.append(f"{page}: its it alternate {italian_page} is not a page")
            continue
        italian = _head(site / italian_page)
        back = _from_site_url(italian.alternates.get("en", site_url), site_url)
        if back != page:
            problems.append(f"{italian_page}: its en alternate leads to {back!r}, not {page}")
        if _from_site_url(italian.alternates.get("it", site_url), site_url) != italian_page:
            problems.append(f"{italian_page}: its it alternate is not itself")
    assert english_pages, "no English page found"
    assert not problems, "\n".join(problems[:20])


def test_the_switcher_lands_on_the_same_page(site: Path, english_pages: list[str]) -> None:
    problems = []
    for page in english_pages:
        to_italian = _head(site / page).switcher.get("it")
        if to_italian is None or _relative(page, to_italian) != f"it/{page}":
            problems.append(f"{page}: the switcher leads to {to_italian!r}")
            continue
        to_english = _head(site / "it" / page).switcher.get("en")
        if to_english is None or _relative(f"it/{page}", to_english) != page:
            problems.append(f"it/{page}: the switcher leads to {to_english!r}")
    assert not problems, "\n".join(problems[:20])


def test_the_bundle_holds_both_languages(site: Path) -> None:
    import zipfile

    bundles = sorted(site.glob("convdemo-*-site.zip"))
    assert len(bundles) == 1, f"expected one offline bundle, found {bundles}"
    with zipfile.ZipFile(bundles[0]) as archive:
        names = {name.split("/", 1)[1] for name in archive.namelist()}
    assert "index.html" in names and "it/index.html" in names
    assert not list((site / "it").glob("convdemo-*-site.zip")), "a second bundle in it/"


def test_italian_prose_writes_glued_numbers_with_a_decimal_comma(site: Path) -> None:
    """Glued values are computed once, in English; the Italian build localises them."""
    import re

    pasted = {}
    for language, prefix in LANGUAGES.items():
        text = (site / prefix / "answer.html").read_text(encoding="utf-8")
        pasted[language] = re.findall(r'class="pasted-text">([^<]*)<', text)
    assert pasted["en"], "the answer page pastes no glued value"
    assert len(pasted["it"]) == len(pasted["en"]), "the Italian page lost glued values"
    decimals = [value for value in pasted["en"] if re.search(r"\d\.\d", value)]
    assert decimals, "no glued decimal on the English answer page"
    dotted = [value for value in pasted["it"] if re.search(r"\d\.\d", value)]
    assert not dotted, f"Italian prose with decimal points: {dotted}"
