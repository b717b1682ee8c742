"""Link previews: every page carries OpenGraph and Twitter tags, with its own URL and an image
that is one of the site's own figures (a gallery example: its thumbnail)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest
from published import example_pages, head, page_title, pages, redirect_target

# Pages that Sphinx writes without a document of their own get no preview.
NO_DOCUMENT = {"genindex.html", "search.html"}


@pytest.fixture(scope="module")
def content_pages(site: Path) -> list[str]:
    return [
        page
        for page in pages(site)
        if page not in NO_DOCUMENT and redirect_target(site, page) is None
    ]


def _site_file(site: Path, site_url: str, url: str) -> Path | None:
    if not url.startswith(site_url):
        return None
    return site / url.removeprefix(site_url)


def test_every_page_has_opengraph_and_twitter_tags(
    site: Path, citation: dict, content_pages: list[str]
) -> None:
    site_url = citation["url"]
    problems = []
    for page in content_pages:
        meta = head(site, page).meta
        expected = {
            "og:type": "website",
            "og:site_name": "convdemo",
            "og:url": site_url + page,
            "twitter:card": "summary_large_image",
        }
        for key, value in expected.items():
            if meta.get(key) != value:
                problems.append(f"{page}: {key} is {meta.get(key)!r}, not {value!r}")
        for key in ("og:title", "og:description", "og:image:alt", "description"):
            if not meta.get(key, "").strip():
                problems.append(f"{page}: no {key}")
        image = meta.get("og:image", "")
        local = _site_file(site, site_url, image)
        if local is None or not local.is_file():
            problems.append(f"{page}: og:image {image!r} is not a file of the site")
        elif PurePosixPath(image).suffix.lower() not in {".png", ".jpg", ".jpeg"}:
            problems.append(f"{page}: og:image {image!r} is not a PNG or JPEG")
    assert not problems, "\n".join(problems)


def test_examples_preview_their_thumbnail(site: Path) -> None:
    examples = example_pages(site)
    assert examples
    for page in examples:
        meta = head(site, page).meta
        image = meta.get("og:image", "")
        stem = PurePosixPath(page).stem
        assert image.endswith(f"/_images/sphx_glr_{stem}_thumb.png"), f"{page}: {image}"
        title = page_title(site, page)
        assert title in meta.get("og:image:alt", ""), f"{page}: {meta.get('og:image:alt')!r}"


def test_pages_preview_their_own_figure(site: Path, citation: dict) -> None:
    """A page with a figure shows its first figure (the landing page: the landing figure)."""
    for page in ("index.html", "answer.html"):
        text = (site / page).read_text(encoding="utf-8")
        main = text[text.find("<main") :]
        first = re.search(r'<img[^>]+src="([^"]+)"', main)
        assert first, f"{page} has no figure"
        expected = citation["url"] + first.group(1).lstrip("./")
        assert head(site, page).meta.get("og:image") == expected, page


def test_no_social_cards_are_drawn(site: Path) -> None:
    assert not list(site.glob("_images/social_previews/*")), "social cards were generated"
