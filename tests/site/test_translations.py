"""Coverage of the Italian site: what a reader of docs/_build/html/it meets in English.

The Italian build marks every translatable element of a page ``translated`` or
``untranslated`` (Sphinx's ``translation_progress_classes``, turned on by
docs/_ext/convdemo_translation_status.py). The built pages are those of the current
sources, so a message a changed page added is counted even before ``nox -s translations``
puts it in a catalogue. The pages a reader meets first (:data:`REQUIRED_PAGES`) must have no
reader-facing untranslated element (a fuzzy message is not used by the build: it counts as
untranslated); for every other page the share translated is printed (``pytest -s``) and not
checked. The catalogues of texts that code computes (``convdemo.po``...) are checked here
too: they must have no untranslated or fuzzy message.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "docs" / "locale" / "it" / "LC_MESSAGES"
#: The catalogues of computed texts (convdemo.site.i18n.DOMAINS) that must be complete.
REQUIRED = ["convdemo"]
#: Pages of the Italian site (under it/) that must be wholly translated.
REQUIRED_PAGES = [
    "index.html",
    "question.html",
    "answer.html",
    "glossary.html",
    "diagnostic.html",
    "playground.html",
    "draw.html",
    "worked_example.html",
]
#: Pages left in English on purpose (developer reference; the API pages, generated/ and
#: api.html, are not counted at all): every other page of the Italian site must be whole.
ENGLISH_ON_PURPOSE = {"changelog.html"}
#: Elements whose Italian text is rightly the English one (a name, a term that stays English).
SAME_IN_ITALIAN: set[str] = set()
#: A message a reader does not read as text: no word of two letters or more outside roles
#: (MyST's {role}`...` and reST's :role:`...`), math and inline code.
_NOT_PROSE = re.compile(r"\{[a-z:-]+\}`[^`]*`|:[a-z:-]+:`[^`]*`|`[^`]*`|\$[^$]*\$")
_VOID = {"img", "br", "hr", "input", "meta", "link", "source", "wbr", "area", "col"}
_NOT_TEXT = {"code", "pre", "script", "style", "kbd", "samp"}


class _Marked(HTMLParser):
    """The text of every element marked translated/untranslated, outside code and math."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[bool, str]] = []
        # one entry per open element: [tag, skips its text, (translated, text parts) or None]
        self._stack: list[list] = []

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        marked = "translated" in classes or "untranslated" in classes
        if tag in _VOID:
            if marked:
                self.elements.append(("translated" in classes, a.get("alt") or ""))
            return
        skip = tag in _NOT_TEXT or "math" in classes
        self._stack.append([tag, skip, ("translated" in classes, []) if marked else None])

    def handle_endtag(self, tag) -> None:
        if not any(entry[0] == tag for entry in self._stack):
            return
        while self._stack:
            entry = self._stack.pop()
            if entry[2] is not None:
                translated, parts = entry[2]
                self.elements.append((translated, " ".join("".join(parts).split())))
            if entry[0] == tag:
                break

    def handle_data(self, data) -> None:
        if any(entry[1] for entry in self._stack):
            return
        for entry in self._stack:
            if entry[2] is not None:
                entry[2][1].append(data)


def _math_free(text: str) -> str:
    """``text`` without MathJax's inline and display math."""
    return re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", " ", text)


def page_status(path: Path) -> tuple[int, list[str]]:
    """(elements marked, the reader-facing texts left untranslated) of a built page."""
    parser = _Marked()
    parser.feed(path.read_text(encoding="utf-8"))
    untranslated = [
        text
        for translated, text in parser.elements
        if not translated
        and re.search(r"[A-Za-z]{2}", _math_free(text))
        and text not in SAME_IN_ITALIAN
    ]
    return len(parser.elements), untranslated


@pytest.fixture(scope="module")
def italian(site: Path) -> Path:
    path = site / "it"
    assert (path / "index.html").is_file(), f"no Italian site in {path}: run nox -s docs"
    return path


def test_the_italian_build_marks_its_messages(italian: Path) -> None:
    marked, _ = page_status(italian / "answer.html")
    assert marked > 20, f"it/answer.html marks {marked} elements (translation_progress_classes?)"


@pytest.mark.parametrize("page", REQUIRED_PAGES)
def test_the_main_pages_are_wholly_italian(italian: Path, page: str) -> None:
    marked, untranslated = page_status(italian / page)
    assert marked, f"it/{page}: no element marked translated or untranslated"
    listed = "\n".join(f"  {text[:90]!r}" for text in untranslated[:30])
    assert not untranslated, f"it/{page}: {len(untranslated)} of {marked} in English:\n{listed}"


def _pages(italian: Path) -> list[str]:
    found = (path.relative_to(italian).as_posix() for path in sorted(italian.rglob("*.html")))
    skipped = ("_static/", "_images/", "_downloads/", "generated/", "api")
    return [page for page in found if not page.startswith(skipped)]


def test_every_other_page_is_wholly_italian_too(italian: Path) -> None:
    """The gallery's examples and tutorial, the exercises, cite, run the examples...: every
    page a reader meets (the reference pages aside) shows no English message."""
    english = {}
    for page in _pages(italian):
        if page in ENGLISH_ON_PURPOSE or page in REQUIRED_PAGES:
            continue
        _, untranslated = page_status(italian / page)
        if untranslated:
            english[page] = [text[:80] for text in untranslated[:3]]
    assert not english, f"{len(english)} Italian pages show English: {english}"


def test_print_the_share_of_every_page_translated(italian: Path) -> None:
    rows = []
    all_done = all_total = 0
    for page in _pages(italian):
        marked, untranslated = page_status(italian / page)
        if not marked:
            continue
        done = marked - len(untranslated)
        all_done, all_total = all_done + done, all_total + marked
        rows.append(f"{100 * done / marked:5.1f} %  {done:4d}/{marked:<4d}  {page}")
    assert rows, "no page of the Italian site is marked"
    rows.append(f"{100 * all_done / all_total:5.1f} %  {all_done:4d}/{all_total:<4d}  all pages")
    print("\nItalian site (reference pages aside), share of the marked elements translated:")
    print("\n".join(rows))


def _read(path: Path):
    from babel.messages.pofile import read_po  # comes with Sphinx (the docs environment)

    with path.open("rb") as handle:
        return read_po(handle)


def _reader_facing(message) -> bool:
    if not message.id or not isinstance(message.id, str):
        return False
    return re.search(r"[A-Za-z]{2}", _NOT_PROSE.sub(" ", message.id)) is not None


def _coverage(path: Path) -> tuple[int, int, list[str], list[str]]:
    """(translated, total, untranslated ids, fuzzy ids) over the reader-facing messages."""
    messages = [m for m in _read(path) if _reader_facing(m)]
    fuzzy = [m.id for m in messages if m.fuzzy]
    missing = [m.id for m in messages if not m.string and not m.fuzzy]
    return len(messages) - len(fuzzy) - len(missing), len(messages), missing, fuzzy


def test_print_the_coverage_of_every_catalogue() -> None:
    paths = sorted(CATALOGUES.rglob("*.po"))
    assert paths, f"no Italian catalogue in {CATALOGUES}: run `nox -s translations`"
    lines = []
    all_done = all_total = 0
    for path in paths:
        done, total, _, _ = _coverage(path)
        all_done, all_total = all_done + done, all_total + total
        share = 100 * done / total if total else 100.0
        lines.append(f"{share:5.1f} %  {done:4d}/{total:<4d}  {path.relative_to(CATALOGUES)}")
    lines.append(f"{100 * all_done / all_total:5.1f} %  {all_done:4d}/{all_total:<4d}  all")
    print("\nItalian catalogues, share of reader-facing messages translated:")
    print("\n".join(lines))


@pytest.mark.parametrize("name", REQUIRED)
def test_the_computed_texts_are_wholly_translated(name: str) -> None:
    path = CATALOGUES / f"{name}.po"
    assert path.is_file(), f"no catalogue {path.relative_to(ROOT)}: run `nox -s translations`"
    done, total, missing, fuzzy = _coverage(path)
    assert total, f"{name}.po holds no message"
    problems = [f"untranslated: {m[:70]!r}" for m in missing]
    problems += [f"fuzzy: {m[:70]!r}" for m in fuzzy]
    assert not problems, f"{name}.po: {done}/{total} translated\n" + "\n".join(problems[:30])
