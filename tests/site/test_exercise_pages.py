"""The exercise pages in the built site: each shows its skeleton, the checker's feedback on
the reference solution (passed) and on every known mistake (named), its solutions collapsed,
and links its notebook and Python file, which are the ones convdemo generates."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from convdemo.exercises import EXERCISES, check
from convdemo.site.exercise_files import (
    DIGITS_DATA,
    download_stem,
    exercise_notebook,
    exercise_script,
)

NAMES = [e.name for e in EXERCISES]


def _page(site: Path, name: str) -> str:
    return (site / "exercises" / f"{name}.html").read_text(encoding="utf-8")


def _downloads(site: Path, name: str) -> dict[str, Path]:
    """File name -> built file of every download the page links."""
    page = site / "exercises" / f"{name}.html"
    text = page.read_text(encoding="utf-8")
    return {
        Path(href).name: (page.parent / href).resolve()
        for href in re.findall(r'href="(\.\./_downloads/[^"]+)"', text)
    }


@pytest.mark.parametrize("exercise", EXERCISES, ids=NAMES)
def test_page_shows_the_skeleton_and_the_feedback(site: Path, exercise) -> None:
    text = html.unescape(_page(site, exercise.name))
    first_line = exercise.skeleton().splitlines()[0]
    assert first_line.replace(" ", "") in re.sub(r"<[^>]+>|\s", "", text)
    # the checker's answer to the solution, and to every known mistake, as rendered
    passed = check(exercise.name, exercise.solution)
    assert passed.verdict in text
    for mistake, wrong in exercise.wrong_solutions.items():
        result = check(exercise.name, wrong)
        assert result.mistake == mistake
        assert result.verdict in text, mistake
        assert f"Known mistake: {mistake}." in text
    # the blank skeleton's feedback: a readable NotImplementedError, never a traceback
    assert "it raised NotImplementedError" in text
    assert "Traceback (most recent call last)" not in text


@pytest.mark.parametrize("exercise", EXERCISES, ids=NAMES)
def test_solutions_are_collapsed(site: Path, exercise) -> None:
    text = _page(site, exercise.name)
    solution = text.index('id="solution"')
    details = text.index("<details", solution)
    source = text.index(f'<span class="nf">{exercise.function_name}</span>', details)
    assert text.index("</details>", details) > source  # the code is inside the <details>
    # the solution and every mistaken solution: code in a collapsed cell
    assert text.count('<details class="admonition hide above-input">') == 1 + len(
        exercise.wrong_solutions
    )


@pytest.mark.parametrize("exercise", EXERCISES, ids=NAMES)
def test_downloads_are_linked_and_are_convdemo_s(site: Path, exercise) -> None:
    found = _downloads(site, exercise.name)
    stem = download_stem(exercise)
    assert found[f"{stem}.ipynb"].read_text(encoding="utf-8") == exercise_notebook(exercise)
    assert found[f"{stem}.py"].read_text(encoding="utf-8") == exercise_script(exercise)


def test_the_digits_unit_by_hand_is_the_network_s(site: Path) -> None:
    text = html.unescape(_page(site, "layer2-unit"))
    mine = re.search(r"by hand, from the 8 maps:\s+(-?[\d.]+)", text).group(1)
    network = re.search(r"the trained network says:\s+(-?[\d.]+)", text).group(1)
    assert mine == network and float(mine) > 0
    assert DIGITS_DATA in _downloads(site, "layer2-unit")


def test_answer_page_links_each_part_to_its_exercises(site: Path) -> None:
    text = (site / "answer.html").read_text(encoding="utf-8")
    for exercise in EXERCISES:
        assert f'href="exercises/{exercise.name}.html#exercise-{exercise.name}"' in text or (
            f'href="exercises/{exercise.name}.html"' in text
        ), exercise.name


def test_index_lists_every_exercise(site: Path) -> None:
    text = (site / "exercises" / "index.html").read_text(encoding="utf-8")
    for exercise in EXERCISES:
        assert f'href="{exercise.name}.html' in text
