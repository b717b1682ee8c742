"""One numbering: channels, units and kernel slices count from 0 everywhere (docs/glossary.md).

The code readers see indexes from 0 (``maps[3]`` is channel 3), so every label a page, a
figure, a question, the playground or a download prints uses the index as it is. A label
built as ``index + 1`` next to the word channel, unit or slice is the other numbering.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [
        *ROOT.glob("convdemo/**/*.py"),
        *ROOT.glob("gallery/**/*.py"),
        *ROOT.glob("tutorials/**/*.py"),
        *ROOT.glob("docs/*.md"),
        *ROOT.glob("docs/_ext/*.py"),
        *ROOT.glob("docs/_ext/static/*.js"),
        *ROOT.glob("docs/_static/*.js"),
        *ROOT.glob("docs/_static/playground/*.js"),
    ]
)
#: "channel {c + 1}", "unit " + (u + 1), "Slice " + (t.channel + 1), ...
ONE_BASED = re.compile(
    r"(?i)\b(channel|unit|slice|filter)s? ?[\"']?\s*(\+\s*\(|\{)\s*[\w.\[\]]+\s*\+\s*1\b"
)


def _one_based_labels(text: str) -> list[str]:
    return [m.group(0) for m in ONE_BASED.finditer(text)]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_label_numbers_channels_or_units_from_1(path):
    assert _one_based_labels(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "label",
    [
        'f"channel {index + 1} ({name})"',
        '"Layer 1, channel " + (c + 1) + ", weight"',
        '"Slice " + (t.channel + 1) + " of layer 2"',
        'f"unit {u + 1}"',
    ],
)
def test_the_check_finds_one_based_labels(label):
    assert _one_based_labels(label)


@pytest.mark.parametrize(
    "code",
    ['f"channel {c}"', "l1.weights.slice(c * n, (c + 1) * n)", '"channel " + c'],
)
def test_the_check_leaves_zero_based_labels_and_arithmetic_alone(code):
    assert _one_based_labels(code) == []


def test_the_glossary_says_which_numbering_once():
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert glossary.count("(numbering)=") == 1
    assert "counted from 0" in glossary and "maps[3]" in glossary
