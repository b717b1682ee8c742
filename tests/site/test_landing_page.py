"""The landing page's first screen: the title, the question, then the one figure (before
any card), drawn with hi-DPI sizes and alt text computed from the values; and hi-DPI
images in the gallery."""

from __future__ import annotations

import html
import re
from pathlib import Path

from convdemo.site.landing import describe_landing_figure, landing_example

_IMG = re.compile(r"<img\b[^>]*>")


def _attribute(tag: str, name: str) -> str | None:
    match = re.search(rf'\s{name}="([^"]*)"', tag)
    return html.unescape(match.group(1)) if match else None


def test_the_figure_comes_right_after_the_question(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    main = text[text.index("<h1") :]
    first_image = _IMG.search(main)
    assert first_image is not None, "no image on the landing page"
    tag = first_image.group(0)
    assert "convdemo-landing-figure" in tag
    assert main.index("feature map") < first_image.start(), "the question is not above it"
    assert first_image.start() < main.index("sd-card"), "a card comes before the figure"
    assert _attribute(tag, "alt") == describe_landing_figure(landing_example())


def test_the_landing_figure_has_a_hidpi_version(site: Path) -> None:
    text = (site / "index.html").read_text(encoding="utf-8")
    tag = next(t for t in _IMG.findall(text) if "convdemo-landing-figure" in t)
    srcset = _attribute(tag, "srcset") or ""
    candidates = dict(
        (part.split()[1] if len(part.split()) > 1 else "1x", part.split()[0])
        for part in srcset.split(", ")
    )
    assert set(candidates) == {"1x", "2.00x"}, srcset
    for uri in candidates.values():
        assert (site / uri).is_file(), uri


def test_gallery_images_have_hidpi_versions(site: Path) -> None:
    pages = sorted(site.glob("auto_examples/*/plot_*.html"))
    images = [
        tag
        for page in pages
        for tag in _IMG.findall(page.read_text(encoding="utf-8"))
        if "sphx-glr-single-img" in tag
    ]
    assert images, "no gallery image found"
    missing = [tag for tag in images if "2.00x" not in (_attribute(tag, "srcset") or "")]
    assert not missing, f"{len(missing)} of {len(images)} gallery images lack a 2x version"
