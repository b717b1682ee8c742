"""Pages print: Chromium prints a gallery example and the answer page to PDF (``page.pdf``).

The printed pages keep their title, text and every figure; they drop the navigation,
sidebars and buttons; figures are not split across pages; links show their address.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

# Chrome of the page that must not print (selectors of convdemo-print.css's first rule).
CHROME = [".bd-header", ".bd-sidebar-primary", ".bd-sidebar-secondary", ".bd-footer", "button"]


def _first_example(page, site_url: str) -> str:
    page.goto(f"{site_url}/auto_examples/index.html")
    hrefs = page.eval_on_selector_all(
        ".sphx-glr-thumbcontainer a.reference", "links => links.map(a => a.href)"
    )
    assert hrefs, "the gallery index links no example"
    return hrefs[0]


def _printed(page) -> tuple[str, PdfReader]:
    page.emulate_media(media="print")
    data = page.pdf(format="A4", print_background=False)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    text = unicodedata.normalize("NFKC", text)  # the PDF's "ﬁ" ligatures as "fi"
    return re.sub(r"\s+", " ", text), reader


@pytest.fixture(params=["example", "answer"])
def printed_page(request, browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    url = (
        _first_example(page, site_url)
        if request.param == "example"
        else (f"{site_url}/answer.html")
    )
    page.goto(url)
    page.wait_for_load_state("load")
    yield page
    context.close()


def test_printed_page_keeps_its_title_text_and_every_figure(printed_page):
    title = printed_page.inner_text("article h1").strip().rstrip("#").strip()
    printed_page.emulate_media(media="print")
    # The first paragraph that prints (the gallery's "go to the end" note does not).
    paragraph = printed_page.evaluate(
        """() => [...document.querySelectorAll('article p')]
               .find(p => p.getClientRects().length > 0 && p.innerText.trim()).innerText"""
    )
    # Distinct images that print (a PDF holds an image once however often it is shown).
    figures = printed_page.eval_on_selector_all(
        "article img",
        """imgs => new Set(imgs.filter(i => i.naturalWidth > 0 && i.getClientRects().length > 0)
                          .map(i => i.currentSrc)).size""",
    )
    text, reader = _printed(printed_page)
    assert title[:40] in text
    first_words = " ".join(paragraph.split()[:6])
    assert first_words in text, first_words
    images = sum(len(page.images) for page in reader.pages)
    assert figures > 0 and images >= figures, (figures, images)


def test_printed_page_has_no_navigation_or_buttons(printed_page):
    printed_page.emulate_media(media="print")
    shown = printed_page.evaluate(
        """selectors => selectors.filter(s => [...document.querySelectorAll(s)]
               .some(e => e.getClientRects().length > 0))""",
        CHROME,
    )
    assert shown == []
    text, _ = _printed(printed_page)
    assert "Skip to main content" not in text
    assert "Search" not in text.split(" ")[:30]


def test_printed_figures_are_not_split(printed_page):
    printed_page.emulate_media(media="print")
    breaks = printed_page.eval_on_selector_all(
        "article img", "imgs => imgs.map(i => getComputedStyle(i).breakInside)"
    )
    assert breaks and set(breaks) == {"avoid"}


def test_printed_links_show_their_address(browser, site_url):
    """How to cite links the licences and the citation format: on paper, with addresses."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site_url}/cite.html")
        hrefs = page.eval_on_selector_all(
            'article a[href^="http"]', "links => links.map(a => a.href)"
        )
        assert hrefs, "cite.html links no outside address"
        text, _ = _printed(page)
        compact = text.replace(" ", "")
        for href in hrefs:
            assert href.replace(" ", "") in compact, href
    finally:
        context.close()
