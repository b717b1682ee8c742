"""The questions and the worksheet in Italian: every message they look up is translated in
convdemo.po, each translation keeps its template's fields and types no number of its own,
and the Italian texts come out whole, with a decimal comma.

The catalogue is read and compiled here (with Babel, which comes with Sphinx), into a
temporary folder: the tests do not depend on a docs build having made ``convdemo.mo``.
"""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import convdemo_questions as ext  # noqa: E402
import question_bank as qb  # noqa: E402

from convdemo.site import i18n  # noqa: E402

CATALOGUE = ROOT / "docs" / "locale" / "it" / "LC_MESSAGES" / "convdemo.po"
BANK = qb.build_bank()
FIELD = re.compile(r"\{(\w*)\}")


def _read_po(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale="it", domain="convdemo")


CAT = _read_po(CATALOGUE)
ENTRIES = {m.id: m for m in CAT if m.id}


def _calls(path: Path, names: set[str]) -> list[str]:
    """The constant strings passed first to a call of one of ``names`` in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in names
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(node.args[0].value)
    return found


def _question_messages() -> list[str]:
    found = []
    for q in BANK.values():
        for text in q.texts():
            found += qb.messages_of(text)
    for m in qb.MISCONCEPTIONS.values():
        found += [m.says, m.fix]
    found += _calls(ROOT / "docs" / "_ext" / "convdemo_questions.py", {"_", "tr"})
    found += [m for m in ext.SCRIPT_MESSAGES.values() if qb.is_prose(m)]
    return list(dict.fromkeys(found))


def _worksheet_messages() -> list[str]:
    from convdemo.site import worksheet_pdf as wp

    found = _calls(ROOT / "convdemo" / "site" / "worksheet_pdf.py", {"w", "words", "self"})
    found += [wp._SUBTITLE, *wp._ARRANGEMENTS.values(), *wp._CORNER_NAMES.values()]
    return list(dict.fromkeys(found))


def test_the_message_lists_are_real():
    questions, worksheet = _question_messages(), _worksheet_messages()
    assert len(questions) > 150 and len(worksheet) > 60
    assert "That is the answer you get if you {says}." in questions
    assert "Which unit fires?" in worksheet and "forget the bias" in questions


@pytest.mark.parametrize("kind", ["questions", "worksheet"])
def test_every_message_looked_up_has_a_finished_italian_translation(kind):
    messages = _question_messages() if kind == "questions" else _worksheet_messages()
    missing = [m for m in messages if m not in ENTRIES or not ENTRIES[m].string]
    fuzzy = [m for m in messages if m in ENTRIES and ENTRIES[m].fuzzy]
    assert not missing, "untranslated in convdemo.po:\n" + "\n".join(missing)
    assert not fuzzy, "fuzzy in convdemo.po:\n" + "\n".join(fuzzy)


@pytest.mark.parametrize("msgid", sorted(ENTRIES), ids=lambda m: m[:40])
def test_a_translation_keeps_its_fields_and_types_no_number(msgid):
    entry = ENTRIES[msgid]
    assert sorted(set(FIELD.findall(entry.string))) == sorted(set(FIELD.findall(msgid))), msgid
    # Numbers are fields (computed once); a digit in a translation is one its source has.
    assert set(re.findall(r"\d+", entry.string)) <= set(re.findall(r"\d+", msgid)), msgid
    if FIELD.search(msgid):
        assert "python-brace-format" in entry.flags, f"mark it #, python-brace-format: {msgid}"


@pytest.fixture(scope="module")
def italian(tmp_path_factory):
    """convdemo.po compiled into a folder of its own, read by i18n.translator."""
    from babel.messages.mofile import write_mo

    folder = tmp_path_factory.mktemp("locale")
    target = folder / "it" / "LC_MESSAGES" / "convdemo.mo"
    target.parent.mkdir(parents=True)
    buffer = io.BytesIO()
    write_mo(buffer, CAT, use_fuzzy=False)
    target.write_bytes(buffer.getvalue())
    saved = i18n.LOCALE_DIR
    i18n.LOCALE_DIR = folder
    yield "it"
    i18n.LOCALE_DIR = saved


ENGLISH_WORDS = re.compile(r"\b(the|What|How|layer|channel|answer|with|window|of)\b")


@pytest.mark.parametrize("qid", list(BANK))
def test_each_question_reads_whole_in_italian(italian, qid):
    q = BANK[qid]
    for text in q.texts():
        said = qb.say(text, italian)
        assert "{" not in said and "}" not in said, said
        template = text.template if isinstance(text, qb.Text) else text
        if qb.is_prose(text) and ENTRIES[template].string != template:  # "kernel (Sobel-x)"
            assert said != text, f"still English: {text}"
            assert not ENGLISH_WORDS.search(said.replace("feature map", "")), said
    assert q.answer_in(italian) == (
        qb.say(q.choices[q.correct].text, italian)
        if q.kind == "choice"
        else qb.fmt(q.answer, q.decimals, italian)
    )


def test_italian_numbers_have_a_decimal_comma_and_code_keeps_its_dots(italian):
    bias = BANK["basics-window-bias"]
    assert bias.answer_in(italian) == qb.fmt(bias.answer, 2).replace(".", ",")
    assert "," in bias.answer_in(italian) and "." in bias.answer_text
    bias_text = qb.fmt(bias.inputs["bias"], 1, italian)
    assert bias_text == "\u22120,5" and bias_text in qb.say(bias.prompt, italian)
    relu_map = BANK["part-1-relu-map"]
    assert qb.say(relu_map.choices[relu_map.correct].text, italian).count(";") >= 1
    composed = qb.say(BANK["part-4-composed-size"].solution[0], italian)
    assert "(convdemo.compose_kernels)" in composed  # a name in code keeps its dot


def test_the_scripts_texts_are_italian_and_fill_their_numbers(italian):
    strings = ext.script_strings(italian)
    assert strings["decimal"] == ","
    assert strings["right"] == "Giusto." and "{says}" in strings["misconception"]
    assert "\u22121,5" in strings["notANumber"] and "0,25" in strings["notANumber"]
    assert ext.script_strings("en")["notANumber"].endswith("e.g. 3, \u22121.5 or 0.25.")
    assert set(strings) == {*ext.SCRIPT_MESSAGES, "decimal"}


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_italian_answer_key_is_the_same_problems_in_italian(italian):
    from convdemo.site.worksheet import worksheet_problems
    from convdemo.site.worksheet_pdf import worksheet_pdf

    sheet = worksheet_problems()
    text = _pdf_text(worksheet_pdf(answers=True, language=italian))
    blank = _pdf_text(worksheet_pdf(answers=False, language=italian))
    ink = i18n.format_number(sheet.grading.weak_ink, italian)
    assert "," in ink and f"inchiostro {ink}" in text
    for face in sheet.faces:
        assert f"punteggio del volto = {face.value:g}" in text
    assert "Quale unità si attiva?" in text and "Gerarchia" in text
    assert "Dopo la ReLU, uno strato successivo può distinguere i due tratti? sì" in text
    for english in ("One output number", "Which unit fires?", "answer key", "after ReLU"):
        assert english not in text and english not in blank
    assert "punteggio del volto = " + f"{sheet.faces[0].value:g}" not in blank
