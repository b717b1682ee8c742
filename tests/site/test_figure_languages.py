"""The figures in Italian: each image of the Italian site is its ``.it`` file, drawn with the
titles and labels of docs/locale/it/LC_MESSAGES/figures.po, and says its alt text in
Italian; the English site is untouched (docs/_ext/convdemo_i18n.py, TranslateFigures).

The records the build writes beside each figure (``<stem>.figure-texts.json``,
:func:`convdemo.site.i18n.write_figure_texts`) say which texts were left English: the
landing and answer pages' figures must have none; the gallery's share is printed.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
#: The figures that must be wholly Italian: the landing page's and the answer page's five.
REQUIRED_FIGURES = ["generated/landing/convdemo_landing_figure", "generated/figure-data/answer_*"]


class _Images(HTMLParser):
    """Every ``<img>`` of the page's article: (src, srcset, alt)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str, str]] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "article":
            self._depth += 1
        elif tag == "img" and self._depth and "_images/" in (a.get("src") or ""):
            self.images.append((a.get("src", ""), a.get("srcset") or "", a.get("alt") or ""))

    def handle_endtag(self, tag) -> None:
        if tag == "article":
            self._depth -= 1


def _images(path: Path) -> list[tuple[str, str, str]]:
    parser = _Images()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.images


def _records(pattern: str) -> dict[str, dict]:
    return {
        str(path.relative_to(DOCS)): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(DOCS.glob(pattern + ".figure-texts.json"))
    }


@pytest.mark.parametrize("pattern", REQUIRED_FIGURES)
def test_the_landing_and_answer_figures_have_every_text_in_italian(site: Path, pattern) -> None:
    records = _records(pattern)
    expected = 5 if "answer" in pattern else 1
    assert len(records) == expected, f"{pattern}: {len(records)} records, expected {expected}"
    left = {name: record["it"]["english"] for name, record in records.items()}
    assert not any(left.values()), f"figure texts without Italian (figures.po): {left}"
    assert all(record["it"]["translated"] > 0 for record in records.values())


@pytest.mark.parametrize(
    "page", ["index.html", "answer.html", "auto_examples/basics/plot_convolution_arithmetic.html"]
)
def test_the_italian_page_shows_italian_figures_and_the_english_page_english_ones(
    site: Path, page: str
) -> None:
    from convdemo.site.i18n import figure_translator

    english, italian = _images(site / page), _images(site / "it" / page)
    assert english, f"{page}: no figure"
    assert len(english) == len(italian), f"{page}: the Italian page has other images"
    translate = figure_translator("it")
    for (src_en, srcset_en, alt_en), (src_it, srcset_it, alt_it) in zip(
        english, italian, strict=True
    ):
        assert ".it." not in src_en + srcset_en, f"English {page} shows {src_en}"
        assert src_it.endswith(".it.png"), f"Italian {page} shows {src_it}"
        files = re.findall(r"[^\s,]+\.png", srcset_it)
        assert all(f.endswith(".it.png") for f in files), f"Italian {page}: srcset {srcset_it}"
        assert (site / "it" / Path(page).parent / src_it).resolve().is_file()
        assert alt_it != alt_en, f"Italian {page}: alt text left English: {alt_en[:80]!r}"
        if translate.lookup(alt_en) is not None:  # else the page's catalogue translates it
            assert alt_it == " ".join(translate(alt_en).split())  # alt text: one line


def test_the_italian_answer_page_writes_its_figures_numbers_with_a_comma(site: Path) -> None:
    alts = " ".join(alt for _, _, alt in _images(site / "it" / "answer.html"))
    assert re.search(r"\d,\d", alts), "no decimal number in the Italian answer page's alt text"
    assert not re.search(r"\d\.\d", alts), "a decimal point in the Italian alt text"


def test_print_how_many_gallery_figure_texts_are_in_italian(site: Path) -> None:
    """The share of the gallery's figure texts (titles, labels, legends) drawn in Italian,
    per section; every figure of the gallery has its record."""
    records = _records("auto_examples/*/images/*")
    images = sorted(DOCS.glob("auto_examples/*/images/sphx_glr_*_[0-9][0-9][0-9]_1_00x.png"))
    missing = [
        str(image.relative_to(DOCS))
        for image in images
        if not image.with_name(image.name.replace("_1_00x.png", ".figure-texts.json")).is_file()
    ]
    assert images and not missing, f"gallery figures without a record of their texts: {missing}"
    sections: dict[str, list[int]] = {}
    for name, record in records.items():
        done, left = record["it"]["translated"], len(record["it"]["english"])
        counts = sections.setdefault(name.split("/")[1], [0, 0, 0, 0])
        counts[0] += done
        counts[1] += done + left
        counts[2] += left == 0
        counts[3] += 1
    lines = [
        f"{100 * d / max(t, 1):5.1f} %  {d:4d}/{t:<4d} texts, {w:3d}/{n:<3d} figures whole  {s}"
        for s, (d, t, w, n) in sections.items()
    ]
    print("\nGallery figures, share of their texts drawn in Italian (figures.po):")
    print("\n".join(lines))
    crowded = {n: r["it"]["overflow"] for n, r in records.items() if r["it"].get("overflow")}
    print(f"Italian texts past the figure's edge or over another text: {len(crowded)} figures")
    for name, texts in crowded.items():
        print(f"  {name}: {texts}")
