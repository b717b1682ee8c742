"""The exercises' pages and downloads, as generated from convdemo.exercises (no build needed),
and the answer page's links to them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from convdemo.exercises import EXERCISES
from convdemo.site.exercise_files import (
    download_stem,
    exercise_notebook,
    exercise_page,
    exercise_script,
    write_exercise_files,
)

ROOT = Path(__file__).resolve().parents[1]
NAMES = [e.name for e in EXERCISES]


def test_files_are_written_once(tmp_path: Path) -> None:
    paths = write_exercise_files(tmp_path)
    assert len(paths) == 1 + 3 * len(EXERCISES)
    stamps = {path: path.stat().st_mtime_ns for path in paths}
    write_exercise_files(tmp_path)  # unchanged bytes: nothing rewritten
    assert {path: path.stat().st_mtime_ns for path in paths} == stamps


def test_write_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="is not a folder"):
        write_exercise_files(tmp_path / "nowhere")


@pytest.mark.parametrize("exercise", EXERCISES, ids=NAMES)
def test_notebook_has_the_blank_and_the_check(exercise) -> None:
    notebook = json.loads(exercise_notebook(exercise))
    assert notebook["nbformat"] == 4
    code = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert exercise.skeleton().rstrip("\n") in code
    assert f'check("{exercise.name}", {exercise.function_name})' in code
    for source in code:
        compile(source, "cell", "exec")
    markdown = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] != "code")
    assert "<details><summary>Show a solution</summary>" in markdown  # collapsed
    assert all(hint in markdown for hint in exercise.hints)


@pytest.mark.parametrize("exercise", EXERCISES, ids=NAMES)
def test_python_file_runs_offline_and_reports_the_blank(exercise, tmp_path: Path) -> None:
    script = tmp_path / f"{download_stem(exercise)}.py"
    script.write_text(exercise_script(exercise), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert "failed case 1" in out.stdout and "NotImplementedError" in out.stdout
    assert out.stderr == ""


@pytest.mark.parametrize("exercise", EXERCISES, ids=NAMES)
def test_page_has_the_skeleton_hints_solution_and_each_mistake(exercise) -> None:
    page = exercise_page(exercise)
    assert exercise.skeleton().rstrip("\n") in page
    assert page.count(":::{dropdown} Hint") == len(exercise.hints)
    cells = re.findall(r"```\{code-cell\} ipython3\n:tags: \[hide-input\]\n\n(.*?)```", page, re.S)
    assert len(cells) == 1 + len(exercise.wrong_solutions)  # the solution and each mistake
    for wrong in exercise.wrong_solutions.values():
        assert any(f'check("{exercise.name}", {wrong.__name__})' in cell for cell in cells)


def test_answer_page_links_each_part_to_its_exercises() -> None:
    text = (ROOT / "docs" / "answer.md").read_text(encoding="utf-8")
    parts = re.split(r"^\(answer-[a-z-]+\)=$", text, flags=re.M)[1:]
    for exercise in EXERCISES:
        assert text.count(f"<exercise-{exercise.name}>") == 1
        assert f"<exercise-{exercise.name}>" in parts[exercise.part - 1], exercise.name
