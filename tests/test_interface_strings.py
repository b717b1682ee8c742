"""The interface strings (domain "interface"): every template the pages' scripts and the
computed boxes look up has a finished Italian translation with the same {fields}.

The templates are read where they are used: the ``T("...")`` calls of the playground's and
the draw page's scripts (convdemo.site.interface.script_messages), the ``_("...")`` calls of
the extensions that write boxes, and the templates those extensions look up from constants
(docs/_ext/convdemo_downloads.py's interface_messages, the playground's data texts).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from convdemo.site.interface import fields, script_messages, script_strings

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "docs" / "_ext"
sys.path.insert(0, str(EXT))
CATALOGUE = ROOT / "docs" / "locale" / "it" / "LC_MESSAGES" / "interface.po"
#: Extensions whose ``_("...")`` calls are interface templates.
BOX_MODULES = ("convdemo_downloads.py", "convdemo_citation.py")


def _catalogue():
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        return read_po(handle, locale="it", domain="interface")


def _python_messages(path: Path) -> list[str]:
    from babel.messages.extract import extract_python

    with path.open("rb") as handle:
        found = extract_python(handle, ["_"], [], {})
        return [m[2] for m in found if isinstance(m[2], str)]


def _looked_up() -> dict[str, str]:
    """Every template the pages look up -> where."""
    import convdemo_downloads
    import convdemo_publish
    import draw_data
    import playground_data

    where: dict[str, str] = {}
    for script in (playground_data.SCRIPT, draw_data.SCRIPT):
        for message in script_messages(script):
            where.setdefault(message, script.name)
    for message in playground_data.data_messages():
        where.setdefault(message, "playground data.js")
    for module in (playground_data, draw_data):
        for message in module.noscript_messages():
            where.setdefault(message, f"{module.__name__} <noscript>")
    for name in BOX_MODULES:
        for message in _python_messages(EXT / name):
            where.setdefault(message, name)
    for message in convdemo_downloads.interface_messages():
        where.setdefault(message, "convdemo_downloads.interface_messages")
    where.setdefault(convdemo_publish.BUNDLE_SENTENCE, "convdemo_publish.BUNDLE_SENTENCE")
    return where


def test_the_pages_look_up_many_templates() -> None:
    """The extraction finds the scripts' and boxes' templates (not an empty list that would
    make the next test pass)."""
    where = _looked_up()
    assert len(where) > 250
    for message in ("Play", "Whole map", "Undo", "Cite this example", "panel{number}"):
        assert message in where, message


def test_every_template_has_a_finished_italian_translation() -> None:
    catalogue = _catalogue()
    problems = []
    for message, source in sorted(_looked_up().items()):
        entry = catalogue.get(message)
        if entry is None or not entry.string:
            problems.append(f"{source}: untranslated: {message!r}")
        elif entry.fuzzy:
            problems.append(f"{source}: fuzzy: {message!r}")
        elif fields(entry.string) != fields(message):
            problems.append(
                f"{source}: fields {sorted(fields(entry.string))} != {sorted(fields(message))}"
                f" in {message!r}"
            )
    assert not problems, "\n".join(problems)


def test_the_catalogue_has_no_template_nobody_looks_up() -> None:
    """A message left over after a script changed is dead weight for translators."""
    looked_up = _looked_up()
    stale = [m.id for m in _catalogue() if m.id and m.id not in looked_up]
    assert not stale, stale


def test_italian_prose_numbers_take_a_decimal_comma() -> None:
    """Numbers written in the Italian templates are prose: 0,5, not 0.5 (file suffixes such
    as .npz and kernel names are not numbers)."""
    catalogue = _catalogue()
    dotted = [m.string for m in catalogue if m.id and re.search(r"\d\.\d", m.string or "")]
    assert not dotted, dotted
    face = catalogue.get(next(m for m in _looked_up() if m.startswith("Layer 1 finds eyes")))
    assert "0,5 dove va la bocca" in face.string


def test_script_strings_are_italian_with_a_comma(tmp_path: Path) -> None:
    import playground_data

    strings = script_strings(script_messages(playground_data.SCRIPT), "it")
    assert strings["decimal"] == ","
    assert strings["messages"]["Whole map"] == "Mappa intera"
    english = script_strings(["Whole map"], "en")
    assert english == {"language": "en", "decimal": ".", "messages": {"Whole map": "Whole map"}}


def test_a_call_the_extractor_would_miss_is_refused(tmp_path: Path) -> None:
    from convdemo.site.atomic import write_text

    script = tmp_path / "bad.js"
    write_text(script, 'x = T(a ? "yes" : "no"); y = T("Say {w}", {w: T("hi")});')
    with pytest.raises(ValueError, match="string literal"):
        script_messages(script)
    with pytest.raises(FileNotFoundError, match="JavaScript file"):
        script_messages(tmp_path / "missing.js")
    with pytest.raises(TypeError, match="list of str"):
        script_strings("Play", "it")
