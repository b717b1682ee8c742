"""The MyST pages' sources: no number of an image's alt text is typed by hand.

"Each number has one source": a figure's alt text on a narrative page is computed by the
cell that draws it (convdemo.plotting.set_alt_text, shown by convdemo.site.figure_data.page_figure),
so its numbers follow the computation. Alt text typed into a page, as MyST-NB cell metadata
(``mystnb: image: alt: ...``) or as a directive option (``:alt: ...``), is a second copy that
can go stale: it may describe, but must not state a number.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
BUILT = {"_build", "generated", "auto_examples", "auto_tutorials", "jupyter_execute"}
PAGES = sorted(path for path in DOCS.rglob("*.md") if not BUILT & set(path.relative_to(DOCS).parts))

_KEY = re.compile(r"^(?P<indent>\s*)(?P<key>:?alt:)(?P<value>.*)$")


def typed_alt_texts(text: str) -> list[tuple[int, str]]:
    """(line number, text) of every alt text typed into a MyST page: a ``alt:`` key of YAML
    cell metadata with its folded continuation lines, or an ``:alt:`` directive option."""
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines, start=1):
        match = _KEY.match(line)
        if match is None:
            continue
        value = [match["value"].strip()]
        if match["key"] == "alt:":  # YAML: a block scalar continues on deeper-indented lines
            indent = len(match["indent"])
            for more in lines[number:]:
                if more.strip() and len(more) - len(more.lstrip()) <= indent:
                    break
                value.append(more.strip())
        found.append((number, " ".join(part for part in value if part)))
    return found


def test_the_finder_reads_both_forms() -> None:
    page = (
        "```{code-cell} ipython3\n---\nmystnb:\n  image:\n    alt: >-\n      A map,\n"
        "      12 by 16.\n---\nx = 1\n```\n\n```{image} a.png\n:alt: Seven dots.\n```\n"
    )
    assert typed_alt_texts(page) == [(5, ">- A map, 12 by 16."), (13, "Seven dots.")]


def test_there_are_pages_to_check() -> None:
    names = {path.name for path in PAGES}
    assert {"answer.md", "question.md", "worked_example.md", "index.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda path: str(path.relative_to(DOCS)))
def test_no_typed_alt_text_states_a_number(page: Path) -> None:
    typed = typed_alt_texts(page.read_text(encoding="utf-8"))
    with_digits = [(number, alt) for number, alt in typed if re.search(r"\d", alt)]
    assert not with_digits, (
        f"{page.name}: alt text typed with numbers (compute it with set_alt_text in the "
        "figure's cell and show the figure with convdemo.site.figure_data.page_figure): "
        f"{with_digits}"
    )


@pytest.mark.parametrize("name", ["answer.md", "question.md", "worked_example.md"])
def test_narrative_figures_are_shown_with_computed_alt_text(name: str) -> None:
    """Each figure cell sets its alt text from values and shows itself with page_figure
    (the page's figure_data helper), so matplotlib's inline backend emits no image."""
    text = (DOCS / name).read_text(encoding="utf-8")
    shown = re.findall(r'^figure_data\(fig, "\w+"\)$', text, re.M)
    assert "page_figure(" in text and "plt.show()" not in text
    assert shown and text.count('set_alt_text(\n    fig,\n    f"') == len(shown), name
