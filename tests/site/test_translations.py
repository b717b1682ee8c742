"""Coverage of the Italian catalogues (docs/locale/it/LC_MESSAGES/*.po).

The pages a reader meets first must be wholly translated: no reader-facing message of
theirs untranslated or fuzzy. For every other catalogue the share translated is printed
(``pytest -s``) and not checked: untranslated text stays English on the Italian site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "docs" / "locale" / "it" / "LC_MESSAGES"
#: The catalogues that must be complete: one per page (gettext_compact = False), and
#: convdemo.po, the texts that code computes (convdemo.site.i18n).
REQUIRED = ["index", "question", "answer", "glossary", "diagnostic", "convdemo"]
#: A message a reader does not read as text: no word of two letters or more outside roles
#: (MyST's {role}`...` and reST's :role:`...`), math and inline code.
_NOT_PROSE = re.compile(r"\{[a-z:-]+\}`[^`]*`|:[a-z:-]+:`[^`]*`|`[^`]*`|\$[^$]*\$")


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
def test_the_main_pages_are_wholly_translated(name: str) -> None:
    path = CATALOGUES / f"{name}.po"
    assert path.is_file(), f"no catalogue {path.relative_to(ROOT)}: run `nox -s translations`"
    done, total, missing, fuzzy = _coverage(path)
    assert total, f"{name}.po holds no message"
    problems = [f"untranslated: {m[:70]!r}" for m in missing]
    problems += [f"fuzzy: {m[:70]!r}" for m in fuzzy]
    assert not problems, f"{name}.po: {done}/{total} translated\n" + "\n".join(problems[:30])
