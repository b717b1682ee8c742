"""Helpers of the publishing checks (citations, stable URLs, link previews, bundle)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from convdemo.site.reproducible import FIXED_DATE

ROOT = Path(__file__).resolve().parents[2]
URL_LISTS = ROOT / "docs" / "_urls"
NOT_PAGES = ("_static/", "_sources/", "_downloads/", "_images/")
BUNDLE_DATE = FIXED_DATE  # every member of every zip the site writes

_REFRESH = re.compile(
    r"""<meta\s+http-equiv=["']refresh["']\s+content=["']\s*\d+\s*;\s*url=([^"']+)["']""",
    re.IGNORECASE,
)


def pages(site: Path) -> list[str]:
    """Every .html page of the built site (redirect pages included), relative to its root."""
    found = (path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    return sorted(page for page in found if not page.startswith(NOT_PAGES))


def redirect_target(site: Path, page: str) -> str | None:
    """Where a redirect page sends the reader (a page path), or None for a real page."""
    text = (site / page).read_text(encoding="utf-8")
    match = _REFRESH.search(text)
    if match is None:
        return None
    url = html.unescape(match.group(1))
    if urlsplit(url).scheme or url.startswith("/"):
        return url  # to another site, or absolute: not a page of this site wherever it is
    base = Path(page).parent
    target = (base / unquote(urlsplit(url).path)).as_posix()
    parts: list[str] = []
    for part in target.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def resolve(site: Path, page: str, *, max_hops: int = 5) -> tuple[str | None, list[str]]:
    """Follow redirects from ``page``: (the real page reached or None, the hops taken)."""
    hops = [page]
    for _ in range(max_hops + 1):
        if not (site / page).is_file():
            return None, hops
        target = redirect_target(site, page)
        if target is None:
            return page, hops
        page = target
        hops.append(page)
    return None, hops


def example_pages(site: Path) -> list[str]:
    """The gallery's example pages (every page under auto_examples/ but the indexes and the
    redirects left by renamed examples)."""
    return [
        page
        for page in pages(site)
        if page.startswith("auto_examples/")
        and Path(page).name != "index.html"
        and redirect_target(site, page) is None
    ]


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key and "content" in attributes:
                self.meta.setdefault(key, attributes["content"] or "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head(site: Path, page: str) -> _Head:
    """A page's <title> and <meta> tags (name or property -> content)."""
    parser = _Head()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


def page_title(site: Path, page: str) -> str:
    """The page's own title (its <title> without " — convdemo <version>")."""
    return " ".join(head(site, page).title.split()).rsplit(" — ", 1)[0]
