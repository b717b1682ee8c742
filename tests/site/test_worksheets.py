"""The worksheet and its answer key are in the built site, linked, and hold convdemo's answers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from convdemo.site.worksheet import worksheet_problems
from convdemo.site.worksheet_pdf import LICENCE, worksheet_pdf

NAMES = {
    "convdemo_worksheet_a4.pdf": {"answers": False, "paper": "a4"},
    "convdemo_answer_key_a4.pdf": {"answers": True, "paper": "a4"},
    "convdemo_worksheet_letter.pdf": {"answers": False, "paper": "letter"},
    "convdemo_answer_key_letter.pdf": {"answers": True, "paper": "letter"},
}


def _linked(site: Path, page: str) -> dict[str, Path]:
    """File name -> built file of every PDF download that ``page`` links."""
    html = (site / page).read_text(encoding="utf-8")
    found = {}
    for href in re.findall(r'href="([^"]+\.pdf)"', html):
        path = (site / page).parent / href
        found[path.name] = path
    return found


@pytest.mark.parametrize("page", ["cite.html", "worked_example.html"])
def test_pages_link_the_worksheets(site: Path, page: str) -> None:
    linked = _linked(site, page)
    wanted = set(NAMES) if page == "cite.html" else {n for n in NAMES if n.endswith("_a4.pdf")}
    assert wanted <= set(linked), sorted(wanted - set(linked))
    for name in wanted:
        assert linked[name].is_file(), linked[name]


@pytest.mark.parametrize("name", sorted(NAMES))
def test_built_worksheet_is_the_packages_worksheet(site: Path, name: str) -> None:
    path = _linked(site, "cite.html")[name]
    assert path.read_bytes() == worksheet_pdf(**NAMES[name])


def test_built_answer_key_states_the_computed_answers(site: Path) -> None:
    path = _linked(site, "cite.html")["convdemo_answer_key_a4.pdf"]
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    sheet = worksheet_problems()
    for face in sheet.faces:
        assert f"face score = {face.value:g}" in text
    assert f"{sheet.field.sizes[2]} x {sheet.field.sizes[2]} pixels" in text
    # parts 4 and 5 of the answer: non-linearity and hierarchy
    assert "5. Non-linearity" in text and "6. Hierarchy" in text
    for fires in sheet.hierarchy.fires:
        assert f"Which unit fires? {fires}" in text
    assert LICENCE.split(" (")[0] in text


def test_cite_page_states_the_licences(site: Path) -> None:
    html = (site / "cite.html").read_text(encoding="utf-8")
    assert "creativecommons.org/licenses/by/4.0" in html
    assert "CC BY 4.0" in html and "BSD 3-Clause" in html


def test_the_italian_pages_link_the_italian_worksheets(site: Path) -> None:
    """The Italian site offers the same worksheets in Italian (convdemo_*.it.pdf), each the
    package's worksheet in Italian; the English site keeps the English ones."""
    linked = _linked(site / "it", "cite.html")
    italian = {name.replace(".pdf", ".it.pdf"): kwargs for name, kwargs in NAMES.items()}
    assert set(italian) <= set(linked), sorted(set(italian) - set(linked))
    assert not set(NAMES) & set(linked), "an Italian page links an English worksheet"
    for name, kwargs in italian.items():
        assert linked[name].read_bytes() == worksheet_pdf(**kwargs, language="it"), name
    worked = _linked(site / "it", "worked_example.html")
    assert {n for n in italian if n.endswith("_a4.it.pdf")} <= set(worked)
    text = PdfReader(io.BytesIO(linked["convdemo_answer_key_a4.it.pdf"].read_bytes()))
    text = "\n".join(page.extract_text() for page in text.pages)
    assert "Quale unità si attiva?" in text and "scheda delle soluzioni" in text


def test_the_italian_worksheet_links_do_not_call_them_english(site: Path) -> None:
    """A link to an Italian worksheet is not labelled "in inglese" (it was, from the days the
    worksheets were English only)."""
    checked = 0
    for page in sorted((site / "it").rglob("*.html")):
        for link in re.findall(
            r'<a [^>]*href="[^"]*\.it\.pdf"[^>]*>(.*?)</a>', page.read_text(), re.S
        ):
            assert "inglese" not in link, (page.name, link)
            checked += 1
    assert checked >= 4
