"""The gallery's sources keep the house rules (issue 13): short examples, one idea each;
code that fits the page's column; alt text made from the computed values, never typed.

These read the sources only (nothing is run).
"""

from __future__ import annotations

import ast
import re
import statistics
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "gallery"
TUTORIALS = ROOT / "tutorials"
EXAMPLES = sorted(GALLERY.glob("*/plot_*.py"))
SOURCES = EXAMPLES + sorted(TUTORIALS.glob("**/plot_*.py"))
WIDTH = 88  # the code column of an example page at 1280 px, without a sideways scroll
MOST_LINES = 200
MEDIAN_LINES = 120


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def test_there_are_sources_to_check() -> None:
    assert len(EXAMPLES) >= 14
    assert sorted(TUTORIALS.glob("plot_*.py")), "no tutorial"


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_no_line_wider_than_the_column(path: Path) -> None:
    wide = [
        f"{_rel(path)}:{number}: {len(line)} characters"
        for number, line in enumerate(_lines(path), start=1)
        if len(line) > WIDTH
    ]
    assert not wide, "\n".join(wide)


def test_examples_are_short() -> None:
    long = {_rel(path): len(_lines(path)) for path in EXAMPLES if len(_lines(path)) > MOST_LINES}
    assert not long, f"over {MOST_LINES} lines (split it, or make it a tutorial): {long}"
    median = statistics.median(len(_lines(path)) for path in EXAMPLES)
    assert median <= MEDIAN_LINES, f"median example length {median} lines"


def _string_parts(node: ast.AST) -> list[str]:
    """The literal text of a string expression (constants, f-string text, concatenations)."""
    parts = []
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            parts.append(child.value)
    # f-string replacement fields hold expressions, not typed text: but a format spec such
    # as {x:.2f} is a Constant inside a FormattedValue; drop those.
    specs = {
        id(part)
        for child in ast.walk(node)
        if isinstance(child, ast.FormattedValue) and child.format_spec is not None
        for part in ast.walk(child.format_spec)
    }
    return [
        child.value
        for child in ast.walk(node)
        if isinstance(child, ast.Constant)
        and isinstance(child.value, str)
        and id(child) not in specs
        and not _inside_call(node, child)
    ]


def _inside_call(root: ast.AST, target: ast.AST) -> bool:
    """Whether `target` is an argument of a call inside `root` (a helper computes it)."""
    for child in ast.walk(root):
        if child is root or not isinstance(child, ast.Call):
            continue
        if any(sub is target for sub in ast.walk(child)):
            return True
    return False


def _alt_expressions(tree: ast.Module) -> list[ast.AST]:
    """Every expression given as alt text: set_alt_text(fig, X) and any call's alt=X, with
    a plain name followed to what it was assigned."""
    assigned: dict[str, list[ast.AST]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(node.value)
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name == "set_alt_text" and len(node.args) >= 2:
            found.append(node.args[1])
        found.extend(keyword.value for keyword in node.keywords if keyword.arg == "alt")
    resolved: list[ast.AST] = []
    for expression in found:
        if isinstance(expression, ast.Name):
            resolved.extend(assigned.get(expression.id, []))
        else:
            resolved.append(expression)
    return resolved


def _typed_numbers(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typed = []
    for expression in _alt_expressions(tree):
        for text in _string_parts(expression):
            if re.search(r"\d", text):
                typed.append(f"{_rel(path)}:{expression.lineno}: {text!r}")
    return typed


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_alt_text_types_no_number(path: Path) -> None:
    """Alt text gets its numbers from the computation (f-strings, describe_map), so an
    edit of the example cannot leave a stale number in it."""
    assert _alt_expressions(ast.parse(path.read_text(encoding="utf-8"))), "no alt text"
    typed = _typed_numbers(path)
    assert not typed, "numbers typed into alt text:\n" + "\n".join(typed)


def test_the_alt_text_scan_finds_a_typed_number(tmp_path: Path) -> None:
    source = tmp_path / "plot_x.py"
    source.write_text(
        "set_alt_text(fig, f'a {n} by {n:.0f} grid')\n"  # computed, format spec: fine
        "set_alt_text(fig, 'a 3 by 3 grid')\n"
        "alt = 'peak of ' + f'{peak}, layer 2'\n"
        "plot_feature_maps(maps, alt=alt)\n"
        "plot_bars(v, alt=describe_map(m, name='map'))\n",
        encoding="utf-8",
    )
    found = _typed_numbers(source)
    assert len(found) == 2, found
    assert "'a 3 by 3 grid'" in found[0] and "', layer 2'" in found[1]


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


@pytest.mark.parametrize("path", EXAMPLES, ids=_rel)
def test_the_finding_comes_first(path: Path) -> None:
    """Title, then the finding in one or two sentences (the card's tooltip and the link
    preview's description), before any set-up."""
    blocks = [block.strip() for block in _docstring(path).split("\n\n") if block.strip()]
    assert len(blocks) >= 2, "a title and a first paragraph"
    title = blocks[0].splitlines()[0]
    first = " ".join(blocks[1].split())
    assert not title.lower().startswith(("how ", "what ", "why ")), title
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", first) if s]
    assert 1 <= len(sentences) <= 2, f"first paragraph has {len(sentences)} sentences"
    assert not first.startswith("**Finding"), "the first paragraph is the finding itself"
