"""The "Check yourself" questions and the diagnostic page in a real browser.

Every question of the bank (docs/_ext/question_bank.py) is answered right, with each wrong
number or option the bank names, and with a wrong number it does not name; the feedback must
say right or wrong, name the misconception and link to the section that answers it. A number
it does not name gets no guessed misconception, only the way to the worked solution. The
diagnostic is taken twice and its normalised gain checked against the formula; before the
first attempt is scored its answers stay closed; it is taken once by keyboard only.
axe-core is run on the pages with feedback showing, light and dark.
Every expected number and text comes from the bank, none is typed here.

Like the rest of tests/browser, they run only when asked for (``nox -s browser``), on a
built site.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import browser_checks as checks
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "docs" / "_ext"))
import question_bank as qb

BANK = qb.build_bank()
DIAGNOSTIC = "diagnostic.html"
ANSWER = "answer.html"
STORAGE_KEY = "convdemo-diagnostic-v1"
MOBILE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def pages_with(site_dir: Path, qid: str) -> list[str]:
    """Site-relative pages whose HTML holds the question (outside the diagnostic)."""
    needle = f'id="q-{qid}"'
    return sorted(
        str(path.relative_to(site_dir))
        for path in site_dir.rglob("*.html")
        # the English site's pages (the translated ones under it/ have their own labels)
        if path.relative_to(site_dir).parts[0] != "it"
        and needle in path.read_text(encoding="utf-8")
    )


@pytest.fixture(scope="module")
def context(browser):
    context = checks.new_context(browser, checks.LIGHT)
    yield context
    context.close()


def open_site_page(context, site_url: str, path: str):
    page = context.new_page()
    status, problems = checks.load(page, site_url + path)
    assert status == 200, f"{path}: HTTP {status}"
    assert not problems, problems
    page.wait_for_function("() => window.convdemoQuestions && window.convdemoQuestions.ready")
    return page


def feedback(page, dom: str) -> dict:
    return page.evaluate(
        """(dom) => {
          const el = document.getElementById(dom);
          const box = el.querySelector('.cd-q-feedback');
          const a = box.querySelector('a');
          return {verdict: el.dataset.verdict || '', misconception: el.dataset.misconception || '',
                  text: box.textContent, href: a ? a.getAttribute('href') : null,
                  resolved: a ? a.href : null};
        }""",
        dom,
    )


def answer_numeric(page, dom: str, text: str, *, press_enter: bool = False) -> dict:
    box = page.locator(f"#{dom}-input")
    box.fill(text)
    if press_enter:
        box.press("Enter")
    else:
        page.locator(f"#{dom} .cd-q-check").click()
    return feedback(page, dom)


def answer_choice(page, dom: str, index: int) -> dict:
    page.locator(f"#{dom}-{index}").check()
    return feedback(page, dom)


def anchor(label: str) -> str:
    """The HTML id Sphinx gives a label (docutils' make_id)."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def assert_links_to(result: dict, label: str, site_url: str, site_dir: Path) -> None:
    """The feedback's link goes to ``label``'s section, which exists in the built site."""
    assert result["href"] and result["href"].endswith("#" + anchor(label)), result
    assert result["resolved"].startswith(site_url), result
    path, _, fragment = result["resolved"][len(site_url) :].partition("#")
    target = site_dir / (path or "index.html")
    assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), result


def assert_names(result: dict, key: str, site_url: str, site_dir: Path) -> None:
    """The feedback names misconception ``key`` and links to the section that answers it."""
    m = qb.MISCONCEPTIONS[key]
    assert result["verdict"] == "wrong", result
    assert result["misconception"] == key, result
    assert m.says in result["text"] and m.fix in result["text"], result
    assert_links_to(result, m.label, site_url, site_dir)


def test_every_question_is_on_the_site_and_in_its_part(site_dir):
    topics = {
        "basics": "basics",
        "part-1": "feature_maps",
        "part-2": "channels",
        "part-3": "receptive_fields",
        "part-4": "nonlinearity",
        "part-5": "learned_features",
    }
    for qid, q in BANK.items():
        pages = pages_with(site_dir, qid)
        assert any(f"auto_examples/{topics[q.part]}/" in p for p in pages), (qid, pages)
        if q.part != "basics":
            assert ANSWER in pages, (qid, pages)


@pytest.mark.parametrize("qid", list(BANK))
def test_each_question_right_and_wrong(context, site_url, site_dir, qid):
    q = BANK[qid]
    path = ANSWER if q.part != "basics" else pages_with(site_dir, qid)[0]
    dom = f"q-{qid}"
    with checks.open_page(context, site_url) as (page, recorder):
        checks.load(page, site_url + path)
        page.wait_for_function("() => window.convdemoQuestions && window.convdemoQuestions.ready")
        if q.kind == "numeric":
            right = answer_numeric(page, dom, q.answer_text)
            assert right["verdict"] == "right", right
            assert "Right." in right["text"] and q.answer_text in right["text"], right
            # an ASCII minus and Enter work as well as the button and the true minus sign
            ascii_answer = q.answer_text.replace("\u2212", "-")
            assert answer_numeric(page, dom, ascii_answer, press_enter=True)["verdict"] == "right"
            for d in q.distractors:
                wrong = answer_numeric(page, dom, qb.fmt(d.value, q.decimals))
                assert_names(wrong, d.misconception, site_url, site_dir)
            known = [q.answer, *(d.value for d in q.distractors)]
            unnamed = qb.fmt(max(known) + 1000, q.decimals)
            other = answer_numeric(page, dom, unnamed)
            assert other["verdict"] == "wrong" and other["misconception"] == "", other
            # no misconception guessed: it says so, and points to the worked solution
            assert "Not quite." in other["text"] and "not one the usual slips" in other["text"]
            assert not any(m.says in other["text"] for m in qb.MISCONCEPTIONS.values()), other
            assert other["href"] == f"#{dom}-solution", other
            page.locator(f"#{dom} .cd-q-feedback a").click()
            assert page.locator(f"#{dom}-solution").evaluate("(d) => d.open")
            assert answer_numeric(page, dom, "three")["verdict"] == "invalid"
        else:
            for index, choice in enumerate(q.choices):
                result = answer_choice(page, dom, index)
                if choice.misconception is None:
                    assert result["verdict"] == "right", result
                    assert q.answer_text in result["text"], result
                else:
                    assert_names(result, choice.misconception, site_url, site_dir)
        # the worked solution states the right answer
        solution = page.locator(f"#{dom} .cd-q-answer-value").text_content()
        assert solution == q.answer_text
        assert not recorder.problems(path), checks.format_problems(recorder.problems(path))


def test_without_javascript_each_question_shows_its_answer(browser, site_url, site_dir):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for path in sorted({p for qid in BANK for p in pages_with(site_dir, qid)}):
            page.goto(site_url + path)
            found = page.evaluate(
                """() => [...document.querySelectorAll('.cd-question')].map((el) => [
                  el.dataset.question,
                  el.querySelector('details.cd-q-solution summary').textContent,
                  el.querySelector('details.cd-q-solution .cd-q-answer-value').textContent])"""
            )
            assert found, path
            for qid, summary, answer in found:
                assert summary == "Answer and worked solution"
                assert answer == BANK[qid].answer_text, (path, qid)
    finally:
        context.close()


def test_without_javascript_the_diagnostic_says_the_answers_are_below(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + DIAGNOSTIC)
        note = page.locator(".cd-diag-noscript")
        assert note.is_visible()
        assert "answer is below it" in note.inner_text()
        first = page.locator(".cd-diagnostic .cd-question").first
        assert note.bounding_box()["y"] < first.bounding_box()["y"]  # said before the questions
        # every solution can be opened; no "opens once you score" note without the script
        assert page.locator(".cd-q-locked").evaluate_all("(els) => els.every((e) => e.hidden)")
        page.locator(".cd-diagnostic details.cd-q-solution summary").first.click()
        assert page.locator(".cd-diagnostic .cd-q-answer-value").first.is_visible()
    finally:
        context.close()


def solutions_state(page) -> list[list[bool]]:
    """(solution visible, "opens once you score" note visible) of each diagnostic question."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.cd-diagnostic .cd-question')].map((el) => [
          el.querySelector('.cd-q-solution').checkVisibility(),
          el.querySelector('.cd-q-locked').checkVisibility()])"""
    )


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_before_reading_the_answers_stay_closed_until_scored(browser, site_url, device):
    """The "before" score cannot be read off the page: each answer and worked solution is
    hidden (even from find-in-page) until the attempt is scored, then open to read; a reset
    closes them again."""
    options = MOBILE if device == "phone" else {"viewport": {"width": 1280, "height": 800}}
    context = checks.new_context(browser, checks.LIGHT, **options)
    total = len(qb.DIAGNOSTIC)
    try:
        page = context.new_page()
        checks.load(page, site_url + DIAGNOSTIC)
        page.wait_for_function("() => window.convdemoQuestions && window.convdemoQuestions.ready")
        assert solutions_state(page) == [[False, True]] * total
        note = page.locator(".cd-diagnostic .cd-q-locked").first.inner_text()
        assert "Score my answers" in note
        # answering does not open them; only scoring the attempt does
        for qid in qb.DIAGNOSTIC:
            fill(page, qid, right=True)
        assert solutions_state(page) == [[False, True]] * total
        assert page.locator(".cd-diagnostic .cd-q-answer-value").first.is_hidden()
        page.locator(".cd-diag-score").click()
        assert solutions_state(page) == [[True, False]] * total
        page.locator(".cd-diagnostic details.cd-q-solution summary").first.click()
        assert page.locator(".cd-diagnostic .cd-q-answer-value").first.is_visible()
        # the "before" score is kept: a reload keeps them open for the "after" attempt
        checks.load(page, site_url + DIAGNOSTIC)
        page.wait_for_function("() => window.convdemoQuestions && window.convdemoQuestions.ready")
        assert solutions_state(page) == [[True, False]] * total
        page.locator(".cd-diag-reset").click()
        assert solutions_state(page) == [[False, True]] * total
    finally:
        context.close()


def fill(page, qid: str, right: bool) -> None:
    """Answer one diagnostic question, right or with its first named wrong answer."""
    q, dom = BANK[qid], f"dq-{qid}"
    if q.kind == "numeric":
        text = q.answer_text if right else qb.fmt(q.distractors[0].value, q.decimals)
        page.locator(f"#{dom}-input").fill(text)
    else:
        index = q.correct if right else next(i for i, c in enumerate(q.choices) if c.misconception)
        page.locator(f"#{dom}-{index}").check()


def scores(page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('[data-score]')]
          .map((el) => [el.dataset.score, el.textContent]))"""
    )


def test_diagnostic_twice_gives_the_normalised_gain(browser, site_url):
    total = len(qb.DIAGNOSTIC)
    before, after = total // 3, total - 1  # right answers in each attempt
    context = checks.new_context(browser, checks.LIGHT)
    try:
        with checks.open_page(context, site_url) as (page, recorder):
            checks.load(page, site_url + DIAGNOSTIC)
            page.wait_for_function(
                "() => window.convdemoQuestions && window.convdemoQuestions.ready"
            )
            assert scores(page) == {"pre": "not taken yet", "post": "not taken yet", "gain": "—"}
            text = page.locator("main").inner_text()
            assert "Nothing leaves your browser" in text and "local storage" in text
            for n, qid in enumerate(qb.DIAGNOSTIC):
                fill(page, qid, right=n < before)
            page.locator(".cd-diag-score").click()
            assert scores(page)["pre"] == f"{before} / {total}"
            verdicts = page.evaluate(
                "() => [...document.querySelectorAll('.cd-diagnostic .cd-question')]"
                ".map((el) => el.dataset.verdict)"
            )
            assert verdicts.count("right") == before and verdicts.count("wrong") == total - before
            # kept in this browser: a reload still knows the first score
            checks.load(page, site_url + DIAGNOSTIC)
            page.wait_for_function(
                "() => window.convdemoQuestions && window.convdemoQuestions.ready"
            )
            assert scores(page)["pre"] == f"{before} / {total}"
            for n, qid in enumerate(qb.DIAGNOSTIC):
                fill(page, qid, right=n < after)
            page.locator(".cd-diag-score").click()
            gain = (after - before) / (total - before)
            got = scores(page)
            assert got["post"] == f"{after} / {total}"
            assert got["gain"] == f"{gain:.2f}"
            assert float(page.locator('[data-score="gain"]').get_attribute("data-value")) == (
                pytest.approx(gain)
            )
            result = page.locator(".cd-diag-result").text_content()
            assert f"{gain:.2f}" in result
            stored = page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORAGE_KEY}'))")
            assert stored == {
                "pre": {"score": before, "max": total},
                "post": {"score": after, "max": total},
            }
            page.locator(".cd-diag-reset").click()
            assert scores(page) == {"pre": "not taken yet", "post": "not taken yet", "gain": "—"}
            assert page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')") is None
            assert not recorder.problems(DIAGNOSTIC), checks.format_problems(
                recorder.problems(DIAGNOSTIC)
            )
    finally:
        context.close()


def test_diagnostic_by_keyboard_only(browser, site_url):
    """Tab to each question, answer it with the keyboard, Tab to "Score" and press Enter."""
    context = checks.new_context(browser, checks.LIGHT)
    try:
        page = context.new_page()
        checks.load(page, site_url + DIAGNOSTIC)
        page.wait_for_function("() => window.convdemoQuestions && window.convdemoQuestions.ready")

        def active() -> dict:
            return page.evaluate(
                """() => { const el = document.activeElement;
                  const q = el && el.closest('.cd-question');
                  return {q: q ? q.dataset.question : null, tag: el ? el.tagName : null,
                          type: el ? el.type || '' : '', cls: el ? el.className : ''}; }"""
            )

        def tab_to(predicate, limit: int = 400) -> dict:
            for _ in range(limit):
                page.keyboard.press("Tab")
                state = active()
                if predicate(state):
                    return state
            pytest.fail("Tab never reached the element")

        for qid in qb.DIAGNOSTIC:
            q = BANK[qid]
            tab_to(lambda s, qid=qid: s["q"] == qid and s["tag"] == "INPUT")
            if q.kind == "numeric":
                page.keyboard.type(q.answer_text)
            else:
                # the first radio of an unanswered group takes the focus; arrows move and pick
                for _ in range(q.correct):
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Space")
        tab_to(lambda s: "cd-diag-score" in s["cls"])
        page.keyboard.press("Enter")
        total = len(qb.DIAGNOSTIC)
        assert scores(page)["pre"] == f"{total} / {total}"
        assert active()["cls"] == "cd-diag-result"  # the result takes the focus
    finally:
        context.close()


@pytest.mark.parametrize("mode", [checks.LIGHT, checks.DARK])
def test_axe_with_feedback_showing(browser, site_url, site_dir, mode, artifacts_dir):
    """The pages with questions stay accessible once feedback and links are showing."""
    context = checks.new_context(browser, mode)
    found = []
    try:
        page = context.new_page()
        basics = pages_with(site_dir, "basics-window-sum")[0]
        for path in (DIAGNOSTIC, ANSWER, basics):
            checks.load(page, site_url + path)
            page.wait_for_function(
                "() => window.convdemoQuestions && window.convdemoQuestions.ready"
            )
            if path == DIAGNOSTIC:
                for n, qid in enumerate(qb.DIAGNOSTIC):
                    fill(page, qid, right=n % 2 == 0)
                page.locator(".cd-diag-score").click()
            else:
                for el in page.locator(".cd-question").all():
                    qid = el.get_attribute("data-question")
                    q = BANK[qid]
                    if q.kind == "choice":
                        wrong = next(i for i, c in enumerate(q.choices) if c.misconception)
                        page.locator(f"#q-{qid}-{wrong}").check()
                    else:
                        page.locator(f"#q-{qid}-input").fill(
                            qb.fmt(q.distractors[0].value, q.decimals)
                        )
                        page.locator(f"#q-{qid} .cd-q-check").click()
                    page.locator(f"#q-{qid} details").evaluate("(d) => { d.open = true; }")
            found += checks.check_axe(page, path, mode=mode)
            name = re.sub(r"[^a-z0-9]+", "-", path.lower())
            page.screenshot(
                path=str(artifacts_dir / f"questions-{name}-{mode}.png"), full_page=True
            )
    finally:
        context.close()
    assert not found, checks.format_problems(found)


def test_diagnostic_on_a_phone(browser, site_url, artifacts_dir):
    context = checks.new_context(browser, **MOBILE)
    try:
        page = context.new_page()
        checks.load(page, site_url + DIAGNOSTIC)
        problems = checks.check_mobile(page, DIAGNOSTIC)
        page.screenshot(path=str(artifacts_dir / "questions-diagnostic-mobile.png"), full_page=True)
    finally:
        context.close()
    assert not problems, checks.format_problems(problems)


def test_the_italian_answer_page_answers_in_italian(context, site_url):
    """On it/answer.html the feedback, the misconceptions and the numbers are Italian: the
    reader types 0,0 and the script writes what the page gave it (cd-q-strings)."""
    page = open_site_page(context, site_url, "it/" + ANSWER)
    step = BANK["part-1-step-map"]
    dom = f"q-{step.id}"
    right = answer_numeric(page, dom, step.answer_in("it"))
    assert right["verdict"] == "right", right
    assert "," in step.answer_in("it")
    assert right["text"].startswith("Giusto. La risposta è " + step.answer_in("it")), right
    wrong_value = step.distractors[0]
    wrong = answer_numeric(page, dom, qb.fmt(wrong_value.value, step.decimals, "it"))
    m = qb.MISCONCEPTIONS[wrong_value.misconception]
    assert wrong["misconception"] == wrong_value.misconception, wrong
    assert "Non proprio." in wrong["text"] and qb.say(m.says, "it") in wrong["text"], wrong
    assert m.says not in wrong["text"] and "Read:" not in wrong["text"], wrong
    other = answer_numeric(page, dom, "1000")
    assert "Questo numero non viene" in other["text"] and other["href"] == f"#{dom}-solution"
    assert "non è un numero" in answer_numeric(page, dom, "tre")["text"]
    relu = BANK["part-1-relu-map"]
    wrong_choice = next(i for i, c in enumerate(relu.choices) if c.misconception)
    result = answer_choice(page, f"q-{relu.id}", wrong_choice)
    key = relu.choices[wrong_choice].misconception
    assert qb.say(qb.MISCONCEPTIONS[key].fix, "it") in result["text"], result
    page.close()


def test_the_italian_diagnostic_scores_in_italian(browser, site_url):
    context = checks.new_context(browser, checks.LIGHT)
    try:
        with checks.open_page(context, site_url) as (page, recorder):
            checks.load(page, site_url + "it/" + DIAGNOSTIC)
            page.wait_for_function(
                "() => window.convdemoQuestions && window.convdemoQuestions.ready"
            )
            total = len(qb.DIAGNOSTIC)
            blank = "non ancora svolto"
            assert scores(page) == {"pre": blank, "post": blank, "gain": "—"}
            page.locator(".cd-diag-score").click()
            result = page.locator(".cd-diag-result").inner_text()
            assert result.startswith(f"Prima della lettura: 0 / {total}"), result
            fill(page, qb.DIAGNOSTIC[0], right=True)
            page.locator(".cd-diag-score").click()
            gain = f"{1 / total:.2f}".replace(".", ",")
            assert scores(page) == {"pre": f"0 / {total}", "post": f"1 / {total}", "gain": gain}
            result = page.locator(".cd-diag-result").inner_text()
            assert result.startswith(f"Dopo la lettura: 1 / {total}") and gain in result
            page.locator(".cd-diag-reset").click()
            assert "cancellati" in page.locator(".cd-diag-result").inner_text()
            problems = recorder.problems("it/" + DIAGNOSTIC)
            assert not problems, checks.format_problems(problems)
    finally:
        context.close()
