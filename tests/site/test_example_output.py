"""Issue 26: an example's rendered output holds only what the reader asked for.

A cell whose last line is an expression has its value echoed by sphinx-gallery (and by
Jupyter, in the downloaded notebook): a figure returned by a helper shows as ``<Figure size
640x480 with 2 Axes>``, a matplotlib setter's list of artists as ``[<matplotlib.text.Text
...>]``. Here every example page's printed output is free of such reprs, and no page shows
the same image twice.
"""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("gallery/*/plot_*.py")) + sorted(ROOT.glob("tutorials/plot_*.py"))

# What no reader asked for: a figure's or an artist's repr, or a list of None from a setter.
STRAY = re.compile(
    r"<Figure size|<matplotlib\.|<Axes[: ]|\bText\(\d|Line2D\(|AxesImage\(|"
    r"\[None(, None)*\]|<[a-zA-Z_.]+ object at 0x"
)


def _page(site: Path, source: Path) -> Path:
    if source.parent.name == "tutorials":
        return site / "auto_tutorials" / f"{source.stem}.html"
    return site / "auto_examples" / source.parent.name / f"{source.stem}.html"


class _Output(HTMLParser):
    """The text of every printed output block, and the source of every figure image."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.outputs: list[str] = []
        self.images: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "img" and "sphx-glr-single-img" in classes:
            self.images.append(attributes.get("src") or "")
        if tag in {"img", "br", "hr", "input", "source", "meta", "link"}:
            return
        if self.depth:
            self.depth += 1
        elif "sphx-glr-script-out" in classes:
            self.outputs.append("")
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.outputs[-1] += data


def _read(path: Path) -> _Output:
    parser = _Output()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_the_check_sees_a_repr() -> None:
    """The pattern catches what the two fixed examples used to print."""
    assert STRAY.search("<Figure size 640x480 with 2 Axes>")
    assert STRAY.search("[<matplotlib.axis.XTick object at 0x7f>, Text(0, 0, 'face')]")
    assert STRAY.search("[None, None, None]")
    assert not STRAY.search("unit |  favourite drawing | its global average | vote for face")


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda path: path.stem)
def test_no_stray_output_and_no_image_twice(site: Path, source: Path) -> None:
    page = _page(site, source)
    found = _read(page)
    for text in found.outputs:
        stray = STRAY.search(text)
        assert stray is None, f"{page.name} prints {text[stray.start() : stray.start() + 80]!r}"
    digests = [hashlib.sha256((page.parent / src).read_bytes()).hexdigest() for src in found.images]
    twice = {
        src for src, digest in zip(found.images, digests, strict=True) if digests.count(digest) > 1
    }
    assert not twice, f"{page.name} shows the same image more than once: {sorted(twice)}"
