"""The built gallery pages read figure first (issue 13): the title, the finding, the figure,
then the code that made it; and every card is made from one panel of a figure."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("gallery/*/plot_*.py")) + sorted(ROOT.glob("tutorials/plot_*.py"))


def _page(site: Path, source: Path) -> Path:
    if source.parent.name == "tutorials":
        return site / "auto_tutorials" / f"{source.stem}.html"
    return site / "auto_examples" / source.parent.name / f"{source.stem}.html"


class _Blocks(HTMLParser):
    """The article's blocks in reading order: paragraphs, figures, code cells, output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.in_article = False
        self.depth = 0  # of open elements inside a code cell or output, not to look into

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self.in_article = True
        if not self.in_article or tag in {"img", "br", "hr", "input", "source", "meta"}:
            if self.in_article and tag == "img" and "sphx-glr-single-img" in classes:
                self.blocks.append("figure")
            return
        if self.depth:
            self.depth += 1
            return
        if "sphx-glr-download-link-note" in classes or "convdemo-run-line" in classes:
            self.depth = 1
        elif tag == "div" and "highlight-python" in " ".join(classes).lower():
            self.blocks.append("code")
            self.depth = 1
        elif "sphx-glr-script-out" in classes:
            self.blocks.append("output")
            self.depth = 1
        elif "sphx-glr-animation" in classes:
            self.blocks.append("figure")
        elif tag == "p" and "convdemo-figure-data" in classes:
            self.blocks.append("data")
        elif "convdemo-panels" in classes or "convdemo-zoom" in classes:
            self.depth = 1  # the figure again, cut into pieces for a phone; its zoom link
        elif tag == "p" and "sphx-glr-signature" not in classes:
            self.blocks.append("text")

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        if self.depth:
            self.depth -= 1


def _blocks(path: Path) -> list[str]:
    parser = _Blocks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.blocks


def test_there_are_pages_to_check(site: Path) -> None:
    assert len(EXAMPLES) >= 30
    assert all(_page(site, source).is_file() for source in EXAMPLES)


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda path: path.stem)
def test_the_finding_then_the_figure_then_its_code(site: Path, source: Path) -> None:
    blocks = _blocks(_page(site, source))
    assert "figure" in blocks, "no figure"
    first = blocks.index("figure")
    assert "text" in blocks[:first], "the page opens with its figure, not with its finding"
    data = [index for index, block in enumerate(blocks) if block == "data"]
    assert all(blocks[index - 1] == "figure" for index in data), blocks
    assert "code" not in blocks[:first], f"code before the first figure: {blocks[: first + 1]}"
    if source.parent.name != "tutorials":  # an example: the finding, then its figure
        assert blocks[:first] == ["text"], f"more than the finding before it: {blocks}"
    after_code = [
        index for index, block in enumerate(blocks[1:], start=1) if blocks[index - 1] == "code"
    ]
    assert all(blocks[index] != "figure" for index in after_code), (
        f"a figure after the code that made it: {blocks}"
    )


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def _card_number(source: Path) -> int:
    """The figure an example's card is made from (its sphinx_gallery_thumbnail_number)."""
    found = re.search(r"sphinx_gallery_thumbnail_number\s*=\s*(\d+)", source.read_text())
    return int(found[1]) if found else 1


def test_cards_are_made_from_one_panel_not_the_whole_figure(site: Path) -> None:
    """The still a card is made from is a crop of the page's figure, not the figure."""
    checked = 0
    for source in EXAMPLES:
        folder = _page(site, source).parent
        images = ROOT / "docs" / folder.relative_to(site) / "images"
        number = _card_number(source)
        first = images / f"sphx_glr_{source.stem}_{number:03d}.png"
        page_image = images / f"sphx_glr_{source.stem}_{number:03d}_1_00x.png"
        if not page_image.is_file():  # an animation's still
            continue
        assert first.is_file(), first
        (panel_w, panel_h), (page_w, page_h) = _png_size(first), _png_size(page_image)
        # the panel is drawn at least at card size (400 x 280) ...
        assert panel_w >= 400 or panel_h >= 280, f"{first.name}: {panel_w}x{panel_h}"
        # ... and is not the whole figure (its proportions differ, or it is smaller)
        assert (panel_w, panel_h) != (page_w, page_h), first.name
        checked += 1
    assert checked >= 25


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda path: path.stem)
def test_every_figure_has_its_numbers_as_data(site: Path, source: Path) -> None:
    """Issue 17: under each figure, the download of the numbers it shows."""
    blocks = _blocks(_page(site, source))
    following = [blocks[index + 1 : index + 2] for index, b in enumerate(blocks) if b == "figure"]
    assert following and all(after == ["data"] for after in following), blocks
