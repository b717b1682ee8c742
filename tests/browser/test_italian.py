"""The Italian site in the browser: the landing, answer, playground and draw pages at
1280 px and 390 px, axe-core clean (light and dark), and the playground's and the draw page's
interface in Italian, with decimal commas in their prose numbers.
"""

from __future__ import annotations

import re

import browser_checks as checks
import pytest

PAGES = ["it/index.html", "it/answer.html", "it/playground.html", "it/draw.html"]
WIDTHS = {
    1280: {"viewport": {"width": 1280, "height": 800}},
    390: {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
#: Each script's "ready" signal.
READY = {
    "it/playground.html": "() => window.convdemoPlayground && window.convdemoPlayground.ready",
    "it/draw.html": "() => window.convdemoDraw && window.convdemoDraw.ready",
}


def _open(page, site_url: str, path: str) -> list:
    status, problems = checks.load(page, site_url + path)
    assert status == 200, f"{path}: HTTP {status} (is the Italian site built?)"
    if path in READY:
        page.wait_for_function(READY[path])
    assert page.evaluate("() => document.documentElement.lang") == "it"
    return list(problems)


@pytest.mark.parametrize("mode", [checks.LIGHT, checks.DARK])
@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("path", PAGES)
def test_italian_page_is_axe_clean(browser, site_url, artifacts_dir, path, width, mode):
    context = checks.new_context(browser, mode, **WIDTHS[width])
    try:
        with checks.open_page(context, site_url) as (page, recorder):
            found = _open(page, site_url, path)
            found += recorder.problems(path)
            found += checks.check_axe(page, path, mode=mode)
            if width == 390:
                found += checks.check_mobile(page, path)
            if mode == checks.LIGHT:
                name = path.replace("/", "-").removesuffix(".html")
                page.screenshot(path=str(artifacts_dir / f"{name}-{width}.png"))
    finally:
        context.close()
    assert not found, checks.format_problems(found)


def _visible_text(page, selector: str) -> str:
    return page.evaluate(f"() => document.querySelector({selector!r}).innerText")


@pytest.fixture
def italian(browser, site_url):
    context = checks.new_context(browser, checks.LIGHT, **WIDTHS[1280])
    with checks.open_page(context, site_url) as (page, recorder):
        yield page, recorder
    context.close()


def test_italian_playground_speaks_italian(italian, site_url):
    page, recorder = italian
    assert not _open(page, site_url, "it/playground.html")
    buttons = page.evaluate(
        "() => [...document.querySelectorAll('#convdemo-playground button')]"
        ".map((b) => b.textContent.trim())"
    )
    for english in ("Settings", "Play", "Step", "Whole map", "Close"):
        assert not any(label.startswith(english) for label in buttons), (english, buttons)
    for italian in ("Impostazioni", "Avvia", "Un passo", "Mappa intera", "Occhi + bocca = volto"):
        assert any(label.startswith(italian) for label in buttons), (italian, buttons)
    # The face preset opens on layer 2's centre cell, explained in Italian.
    detail = _visible_text(page, ".cdp-detail")
    assert "Strato 2, riga 3, colonna 4" in detail, detail
    assert "bias" in detail and "pre-attivazione" in detail
    # The edges preset (a photograph): prose numbers with a decimal comma, never a dot.
    page.get_by_role("button", name="Rilevare i bordi (Sobel)").click()
    page.wait_for_function(
        "() => window.convdemoPlayground.getState().preset === 'edges'"
        " && document.querySelector('.cdp-ticks span')"
    )
    page.wait_for_timeout(300)
    page.locator(".cdp-stage-layer1 canvas").first.click(position={"x": 40, "y": 40})
    text = _visible_text(page, "#convdemo-playground")
    assert re.search(r"\d,\d", text), text[:400]
    assert not re.search(r"\d\.\d", text), re.findall(r".{20}\d\.\d.{20}", text)
    labels = page.evaluate(
        "() => [...document.querySelectorAll('#convdemo-playground [aria-label]')]"
        ".map((n) => n.getAttribute('aria-label')).join(' | ')"
    )
    assert "Strato 1, canale 0" in labels and "Click" not in labels, labels[:400]
    assert not recorder.problems("it/playground.html")


def test_italian_draw_page_speaks_italian(italian, site_url):
    page, recorder = italian
    assert not _open(page, site_url, "it/draw.html")
    buttons = page.evaluate(
        "() => [...document.querySelectorAll('#convdemo-draw button')]"
        ".map((b) => b.textContent.trim())"
    )
    for english in ("Undo", "Clear", "Next test digit"):
        assert english not in buttons, buttons
    for italian in ("Annulla", "Cancella", "Cifra di test successiva"):
        assert italian in buttons, buttons
    assert "Previsione:" in _visible_text(page, ".cdd-prediction")
    page.locator('.cdd-score[data-channel="3"]').click()
    detail = _visible_text(page, "#cdd-detail")
    assert "punteggio di 3" in detail and "bias" in detail, detail[:300]
    scores = page.evaluate(
        "() => [...document.querySelectorAll('.cdd-score')]"
        ".map((b) => b.getAttribute('aria-label'))"
    )
    assert all(label.startswith("Punteggio di ") for label in scores), scores
    numbers = " ".join(scores) + " " + detail
    assert re.search(r"\d,\d", numbers) and not re.search(r"\d\.\d", numbers), numbers[:400]
    assert not recorder.problems("it/draw.html")
