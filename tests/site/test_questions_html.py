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
