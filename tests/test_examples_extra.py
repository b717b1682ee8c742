"""``convdemo[examples]`` installs everything any example or notebook imports (issue 26).

The imports of every gallery example, tutorial and notebook page, and of the package they
call (its plotting and data helpers import their libraries lazily), are read (``ast``); each
module outside the standard library must come from a distribution that the extra installs,
directly or through its dependencies (resolved from the installed packages' metadata).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from convdemo.site.examples import EXTRA, INSTALL_LINE

ROOT = Path(__file__).resolve().parents[1]
requirements = pytest.importorskip("packaging.requirements")
# What a Jupyter kernel brings with it (the notebooks run in one): not the extra's to install.
KERNEL = {"IPython", "matplotlib_inline", "ipykernel"}
#: Imported only by a step of the docs build (never by an example or a notebook page), by
#: these files alone: Babel (with Sphinx) reads the page scripts' strings, docutils nodes carry
#: the pages' noscript texts.
BUILD_ONLY = {"babel": {"convdemo/site/interface.py"}, "docutils": {"convdemo/site/interface.py"}}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _extra_requirements() -> set[str]:
    """The distributions the extra names, its self-references (convdemo[plot,sheet]) opened."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    names, todo, seen = set(), [EXTRA], set()
    while todo:
        extra = todo.pop()
        seen.add(extra)
        for line in extras[extra]:
            requirement = requirements.Requirement(line)
            if _name(requirement.name) == "convdemo":
                todo += [e for e in requirement.extras if e not in seen]
            else:
                names.add(_name(requirement.name))
    return names | {_name(r) for r in project["dependencies"]}


def _closure(names: set[str]) -> set[str]:
    """`names` and everything they require (installed metadata, no extras)."""
    found, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        try:
            required = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in required:
            requirement = requirements.Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(_name(requirement.name))
    return found


def _code_of_page(text: str) -> str:
    """The code a reader of a MyST page sees and can run: its code cells, less the cells
    tagged ``remove-cell`` (the build's own machinery: myst-nb's glue, the data files)."""
    cells = re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, re.M | re.S)
    cells = [cell for cell in cells if not re.search(r"^:tags:.*remove-cell", cell, re.M)]
    lines = [
        line for cell in cells for line in cell.splitlines() if not line.startswith(("%", ":"))
    ]
    return "\n".join(lines)


def _imports() -> dict[str, set[str]]:
    """Top-level module -> the files that import it."""
    sources = {path: path.read_text(encoding="utf-8") for path in ROOT.glob("gallery/*/*.py")}
    sources |= {path: path.read_text(encoding="utf-8") for path in ROOT.glob("convdemo/**/*.py")}
    sources |= {path: path.read_text(encoding="utf-8") for path in ROOT.glob("tutorials/*.py")}
    sources |= {
        path: _code_of_page(path.read_text(encoding="utf-8")) for path in ROOT.glob("docs/*.md")
    }
    found: dict[str, set[str]] = {}
    for path, code in sources.items():
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            for module in modules:
                found.setdefault(module.split(".")[0], set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_the_install_line_names_the_extra():
    from convdemo.data import DIGITS_PACKAGE  # the digits are read from its files, not imported

    assert f'pip install "convdemo[{EXTRA}]"' == INSTALL_LINE
    assert {"matplotlib", "scikit-image", "xlsxwriter", DIGITS_PACKAGE} <= _extra_requirements()


def test_every_import_of_an_example_or_notebook_is_installed_by_the_extra():
    installed = _closure(_extra_requirements())
    providers = metadata.packages_distributions()
    imports = _imports()
    assert {"numpy", "matplotlib", "skimage", "convdemo", "xlsxwriter"} <= set(imports)
    missing = {}
    for module, files in sorted(imports.items()):
        if module in sys.stdlib_module_names or module == "convdemo" or module in KERNEL:
            continue
        if files <= BUILD_ONLY.get(module, set()):
            continue
        distributions = {_name(d) for d in providers.get(module, [])}
        if not distributions & installed:
            missing[module] = sorted(files)[:3]
    assert not missing, f"imported by examples, not installed by convdemo[{EXTRA}]: {missing}"
