"""The Italian site's interface strings: the playground's and the draw page's scripts speak
Italian (their strings.js, written by the data extensions from interface.po), and the boxes
that code writes into the pages (citation, install line, data sentences, sphinx-gallery's
downloads, zoom links, panel alt text) are Italian on the Italian pages and English on the
English ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from published import example_pages

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "docs" / "locale" / "it" / "LC_MESSAGES" / "interface.po"
#: The scripts' strings: page -> (strings.js under _static, its variable).
SCRIPTS = {
    "playground.html": ("playground/strings.js", "window.convdemoPlaygroundStrings = "),
    "draw.html": ("draw/strings.js", "window.convdemoDrawStrings = "),
}
#: Button labels a reader sees first, in English: none may be left on the Italian pages.
ENGLISH_BUTTONS = {
    "playground.html": ["Settings", "Close", "Play", "Step", "Whole map", "Presets:"],
    "draw.html": ["Undo", "Clear", "Next test digit", "Class scores", "Your digit"],
}
#: Italian words every Italian example page has.
EVERY_EXAMPLE = ("Cita questo esempio", "Eseguilo anche tu:", "Scarica il notebook Jupyter:")
#: Words that code writes into the gallery's example pages, English -> Italian.
GALLERY_BOXES = {
    "Cite this example": "Cita questo esempio",
    "Stable URL:": "URL stabile:",
    "Run it yourself:": "Eseguilo anche tu:",
    "The numbers of this figure": "I numeri di questa figura",
    "Download Jupyter notebook:": "Scarica il notebook Jupyter:",
    "Download Python source code:": "Scarica il codice sorgente Python:",
    "to download the full example code": "per scaricare il codice completo",
}


def _translations() -> dict[str, str]:
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="it", domain="interface")
    return {m.id: m.string for m in catalogue if m.id and m.string and not m.fuzzy}


def _strings(site: Path, folder: str, page: str) -> dict:
    path, variable = SCRIPTS[page]
    text = (site / folder / "_static" / path).read_text(encoding="utf-8")
    start = text.index(variable) + len(variable)
    return json.loads(text[start:].strip().rstrip(";"))


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("page", sorted(SCRIPTS))
def test_italian_scripts_get_italian_strings(site: Path, page: str) -> None:
    strings = _strings(site, "it", page)
    translations = _translations()
    assert strings["language"] == "it" and strings["decimal"] == ","
    assert len(strings["messages"]) > 70
    wrong = {k: v for k, v in strings["messages"].items() if v != translations.get(k)}
    assert not wrong, f"it/{page}: strings not from interface.po: {wrong}"
    left = [label for label in ENGLISH_BUTTONS[page] if strings["messages"][label] == label]
    assert not left, f"it/{page}: English button labels {left}"
    html = (site / "it" / page).read_text(encoding="utf-8")
    assert SCRIPTS[page][0] in html, f"it/{page} does not load its strings.js"


@pytest.mark.parametrize("page", sorted(SCRIPTS))
def test_english_scripts_get_the_english_templates(site: Path, page: str) -> None:
    strings = _strings(site, "", page)
    assert strings["language"] == "en" and strings["decimal"] == "."
    assert all(key == value for key, value in strings["messages"].items())


def test_italian_playground_data_is_italian(site: Path) -> None:
    """The kernels' descriptions and the photographs' names come from interface.po too."""
    text = (site / "it" / "_static" / "playground" / "data.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("= ") + 2 :].strip().rstrip(";"))
    labels = {sample["name"]: sample["label"] for sample in data["samples"]}
    assert labels["brick"] == "muro di mattoni"
    descriptions = {kernel["name"]: kernel["description"] for kernel in data["kernels"]}
    assert descriptions["identity"] == "copia l\u2019immagine"


@pytest.fixture(scope="module")
def italian_examples(site: Path) -> list[str]:
    found = [page for page in example_pages(site / "it") if "sg_execution_times" not in page]
    assert len(found) > 20, "no Italian gallery example pages"
    return found


def test_gallery_boxes_are_italian(site: Path, italian_examples: list[str]) -> None:
    problems = []
    for page in italian_examples:
        text = _text((site / "it" / page).read_text(encoding="utf-8"))
        for english, italian in GALLERY_BOXES.items():
            if english in text:
                problems.append(f"it/{page}: English {english!r}")
            if italian in EVERY_EXAMPLE and italian not in text:
                problems.append(f"it/{page}: no {italian!r}")
    assert not problems, "\n".join(problems[:30])


def test_gallery_boxes_stay_english_on_english_pages(site: Path) -> None:
    pages = [page for page in example_pages(site) if not page.startswith("it/")]
    problems = []
    for page in pages:
        text = _text((site / page).read_text(encoding="utf-8"))
        for english in ("Cite this example", "Run it yourself:", "Download Jupyter notebook:"):
            if english not in text:
                problems.append(f"{page}: no {english!r}")
    assert not problems, "\n".join(problems[:30])


def test_figure_texts_are_italian(site: Path) -> None:
    """Data sentences, zoom links and panels' alt text on every Italian page."""
    problems = []
    for path in sorted((site / "it").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        page = path.relative_to(site).as_posix()
        if page.startswith("it/generated/"):  # the API reference: docstrings' examples are code
            continue
        if "The numbers of this figure" in html:
            problems.append(f"{page}: an English data sentence")
        if "Open the figure at full size" in html:
            problems.append(f"{page}: an English zoom link")
        if re.search(r'alt="Panel \d+ of \d+ of this figure', html):
            problems.append(f"{page}: an English panel alt text")
        for sentence in re.findall(r"I numeri di questa figura.*?</p>", html, flags=re.S):
            if "what each file holds" in sentence or re.search(r">\s*panel\d", sentence):
                problems.append(f"{page}: English link text in {_text(sentence)[:120]!r}")
    assert not problems, "\n".join(problems[:30])


def test_hidden_code_toggles_are_italian(site: Path) -> None:
    """myst-nb's toggle of a hidden code cell, written from its configuration, not a
    catalogue (docs/_ext/convdemo_theme_strings.py)."""
    italian = sorted((site / "it").rglob("*.html"))
    toggled = [
        p for p in italian if "Mostra il codice della cella" in p.read_text(encoding="utf-8")
    ]
    assert len(toggled) >= 2, toggled  # the question and the worked example at least
    for path in italian:
        assert "Show code cell" not in path.read_text(encoding="utf-8"), path.name
    english = (site / "worked_example.html").read_text(encoding="utf-8")
    assert "Show code cell source" in english
