"""The questions as the built site writes them: each shows its grids, carries the bank's
wrong answers, and the diagnostic keeps its answers closed until the "before" attempt is
scored, and says, without JavaScript, that they are below each question."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "docs" / "_ext"))
import question_bank as qb

BANK = qb.build_bank()


def _questions(page_html: str, prefix: str) -> dict[str, str]:
    """Question id -> its HTML, for the questions whose DOM id starts with ``prefix``."""
    found = {}
    for match in re.finditer(rf'<div class="cd-question" id="{prefix}-([a-z0-9-]+)"', page_html):
        end = page_html.index('class="cd-q-data">', match.end())
        end = page_html.index("</script>", end)
        found[match.group(1)] = page_html[match.start() : end]
    return found


def test_the_diagnostic_says_where_the_answers_are_and_keeps_them_closed(site: Path):
    page = (site / "diagnostic.html").read_text(encoding="utf-8")
    questions = _questions(page, "dq")
    assert list(questions) == list(qb.DIAGNOSTIC)
    noscript = page.index('<p class="cd-diag-noscript">')
    assert noscript < page.index('<div class="cd-question"')
    assert "answer is below it" in page[noscript : page.index("</p>", noscript)]
    for qid, text in questions.items():
        # the script shows this note and hides the solution until the attempt is scored
        assert '<p class="cd-q-locked" hidden>' in text, qid
        assert f'<details class="cd-q-solution" id="dq-{qid}-solution">' in text, qid


@pytest.mark.parametrize("qid", qb.DIAGNOSTIC)
def test_each_diagnostic_question_shows_its_grids_and_the_banks_wrong_answers(site, qid):
    text = _questions((site / "diagnostic.html").read_text(encoding="utf-8"), "dq")[qid]
    q = BANK[qid]
    captions = re.findall(r"<caption>(.*?)</caption>", text)
    assert [html.unescape(c) for c in captions] == [g.caption for g in q.grids]
    data = json.loads(text[text.index('class="cd-q-data">') + len('class="cd-q-data">') :])
    if q.kind == "numeric":
        assert [d["misconception"] for d in data["distractors"]] == [
            d.misconception for d in q.distractors
        ]
        assert [d["text"] for d in data["distractors"]] == [
            qb.fmt(d.value, q.decimals) for d in q.distractors
        ]
    else:
        assert data["choices"] == [c.misconception for c in q.choices]
    for key in data["misconceptions"]:
        assert data["misconceptions"][key]["says"] == qb.MISCONCEPTIONS[key].says


def test_the_landing_figure_numbers_its_channels_from_0(site: Path):
    from convdemo.site.landing import LANDING_CHANNELS

    page = (site / "index.html").read_text(encoding="utf-8")
    for index, name in LANDING_CHANNELS.items():
        assert f"channel {index} ({name})" in page


# --------------------------------------------------------------------------- Italian

#: Words of the English templates that an Italian question never shows.
ENGLISH = re.compile(r"\b(What|How|the|layer|channel|window|answer|kernel slice|Pick one)\b")
ITALIAN = re.compile(r"\b(strato|canale|Domanda|Quale|Quanti|Che cosa|finestra)\b")


def _visible(fragment: str) -> str:
    """The text a reader sees in an HTML fragment (no tags, no scripts' data)."""
    fragment = re.sub(r"<script\b.*?(</script>|$)", " ", fragment, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


@pytest.mark.parametrize(("page", "prefix"), [("diagnostic.html", "dq"), ("answer.html", "q")])
def test_the_italian_questions_are_italian(site: Path, page: str, prefix: str):
    text = (site / "it" / page).read_text(encoding="utf-8")
    questions = _questions(text, prefix)
    assert len(questions) >= 10, sorted(questions)
    for qid, fragment in questions.items():
        seen = _visible(fragment).replace("feature map", "").replace("Sobel-x", "")
        assert BANK[qid].prompt not in seen, f"{qid}: the English prompt"
        assert not ENGLISH.search(seen), (qid, ENGLISH.search(seen).group(0), seen[:300])
        assert ITALIAN.search(seen), (qid, seen[:300])
        data = json.loads(fragment[fragment.index('class="cd-q-data">') + 18 :])
        for key, m in data["misconceptions"].items():
            assert m["says"] != qb.MISCONCEPTIONS[key].says, (qid, key)


def test_italian_prose_numbers_have_a_decimal_comma(site: Path):
    """The part-1 questions of the answer page, whose numbers have decimals: 0,5 in Italian,
    in the prompt, the answer and the wrong answers the script matches."""
    english = _questions((site / "answer.html").read_text(encoding="utf-8"), "q")
    italian = _questions((site / "it" / "answer.html").read_text(encoding="utf-8"), "q")
    decimal = [qid for qid in italian if BANK[qid].kind == "numeric" and BANK[qid].decimals]
    assert decimal, "no question with decimals on the answer page"
    for qid in decimal:
        q = BANK[qid]
        data = json.loads(italian[qid][italian[qid].index('class="cd-q-data">') + 18 :])
        assert data["answerText"] == qb.fmt(q.answer, q.decimals).replace(".", ","), qid
        assert "," in data["answerText"]
        assert [d["text"] for d in data["distractors"]] == [
            qb.fmt(d.value, q.decimals).replace(".", ",") for d in q.distractors
        ]
        assert re.search(r"\d,\d", _visible(italian[qid])), qid
        assert not re.search(r"\d,\d", _visible(english[qid]).replace(", ", " ")), qid


def test_the_italian_script_texts_come_from_the_page(site: Path):
    page = (site / "it" / "diagnostic.html").read_text(encoding="utf-8")
    blob = re.search(r'<script type="application/json" class="cd-q-strings">(.*?)</script>', page)
    strings = json.loads(blob.group(1))
    assert strings["decimal"] == "," and strings["right"] == "Giusto."
    assert "{says}" in strings["misconception"] and "{link}" in strings["tryAgain"]
    script = (site / "_static" / "convdemo-questions.js").read_text(encoding="utf-8")
    for english in ("Not quite", "The answer is", "Before reading", "not taken yet"):
        assert english not in script.split("*/", 1)[1], f"English in the script: {english}"
