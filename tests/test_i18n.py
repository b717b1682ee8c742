"""convdemo.site.i18n: computed texts and numbers in the build's language."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from convdemo.site.i18n import format_number, translator


def _write_mo(path: Path, messages: dict[str, str]) -> None:
    """A GNU .mo file (the format Python's gettext reads), written by hand for the test."""
    ids = sorted(messages)
    keys = b"".join(m.encode() + b"\0" for m in ids)
    values = b"".join(messages[m].encode() + b"\0" for m in ids)
    n = len(ids)
    key_start = 7 * 4 + 16 * n
    value_start = key_start + len(keys)
    offsets, k, v = [], 0, 0
    for m in ids:
        offsets.append((len(m.encode()), key_start + k, len(messages[m].encode()), value_start + v))
        k += len(m.encode()) + 1
        v += len(messages[m].encode()) + 1
    head = struct.pack("<7I", 0x950412DE, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    table = b"".join(struct.pack("<2I", a, b) for a, b, _, _ in offsets)
    table += b"".join(struct.pack("<2I", c, d) for _, _, c, d in offsets)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(head + table + keys + values)


@pytest.fixture
def localedir(tmp_path: Path) -> Path:
    header = "Content-Type: text/plain; charset=UTF-8\n"
    _write_mo(
        tmp_path / "it" / "LC_MESSAGES" / "convdemo.mo",
        {"": header, "Check yourself": "Mettiti alla prova"},
    )
    return tmp_path


def test_translator_reads_the_catalogue_of_the_language(localedir: Path) -> None:
    _ = translator("it", localedir=localedir)
    assert _("Check yourself") == "Mettiti alla prova"
    assert _("Question {number} of {total}.") == "Question {number} of {total}."  # none: English


def test_translator_gives_english_for_english_or_a_missing_catalogue(localedir: Path) -> None:
    assert translator("en", localedir=localedir)("Check yourself") == "Check yourself"
    assert translator(None, localedir=localedir)("Check yourself") == "Check yourself"
    assert translator("fr", localedir=localedir)("Check yourself") == "Check yourself"


def test_numbers_in_prose_use_the_language_decimal_separator() -> None:
    assert format_number(0.5, "it") == "0,5"
    assert format_number(0.5, "en") == "0.5"
    assert format_number(np.float32(0.25), "it") == "0,25"
    assert format_number(2 / 3, "it", digits=3) == "0,667"
    assert format_number(7, "it") == "7"
    assert format_number(-0.0001, "it", digits=2) == "0,00"


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: translator(3), TypeError, "language"),
        (lambda: translator(""), TypeError, "language"),
        (lambda: translator("it", domain=""), TypeError, "domain"),
        (lambda: format_number("0.5", "it"), TypeError, "value"),
        (lambda: format_number(True, "it"), TypeError, "value"),
        (lambda: format_number(0.5, 7), TypeError, "language"),
        (lambda: format_number(0.5, "it", digits=1.0), TypeError, "digits"),
        (lambda: format_number(0.5, "it", digits=-1), ValueError, "digits"),
        (lambda: format_number(float("nan"), "it"), ValueError, "finite"),
    ],
)
def test_bad_input_is_named(call, error, words: str) -> None:
    with pytest.raises(error, match=words):
        call()


def test_glued_numbers_are_written_for_the_language(tmp_path: Path) -> None:
    from convdemo.site import i18n

    header = "Content-Type: text/plain; charset=UTF-8\n"
    _write_mo(tmp_path / "it" / "LC_MESSAGES" / "convdemo.mo", {"": header, "and": "e"})
    original = i18n.LOCALE_DIR
    i18n.LOCALE_DIR = tmp_path
    try:
        assert i18n.localise_numbers("0.1, 0.5 and 1", "it") == "0,1; 0,5 e 1"
        assert i18n.localise_numbers("+0.4, +2 and +4", "it") == "+0,4; +2 e +4"
        assert i18n.localise_numbers("-2.5", "it") == "-2,5"
    finally:
        i18n.LOCALE_DIR = original
    assert i18n.localise_numbers("0.1, 0.5 and 1", "en") == "0.1, 0.5 and 1"
    assert i18n.localise_numbers("1.1e-16", "it") == "1.1e-16"  # code-like: left alone
    assert i18n.localise_numbers("(5, 5)", "it") == "(5, 5)"  # a tuple is code
    with pytest.raises(TypeError, match="text"):
        i18n.localise_numbers(0.5, "it")
