"""The two houses: the numbers (``convdemo``'s core) and the site that shows them.

The arrows point one way: ``convdemo.site`` imports the core, the core never imports
``convdemo.site``. And no module reaches into another module's underscore names: what one
module uses of another is that module's public surface.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "convdemo"

#: The numbers: what the site shows, computed with numpy only. None of these imports convdemo.site.
CORE = {
    "activations",
    "compose",
    "conv",
    "data",
    "geometry",
    "interpret",
    "kernels",
    "layers",
    "pooling",
    "receptive_field",
    "reference",
    "synthetic",
    "train",
    # the engine, the checks and the shared docstring text behind conv2d
    "_checks",
    "_docstrings",
    "_trained_cache",
    "_cost",
    "_direct",
    "_exact",
    "_fft",
    "_scratch",
    "_shifted",
    "_stacked",
    "_taps",
    "_views",
}
#: Top-level modules outside the core: the package's front door (its public names, one of
#: them loaded lazily from the site), the command line (writes the site's workbook) and the
#: figure helpers shared by the examples and the site.
NOT_CORE = {"__init__", "__main__", "plotting"}

#: Private names a module may use from another: (module, name). None.
EXEMPT: set[tuple[str, str]] = set()


def _modules() -> dict[str, Path]:
    """Dotted name relative to the package ("conv", "site.landing") -> file."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute dotted name an ``ImportFrom`` in ``module`` imports from."""
    if node.level == 0:
        return node.module or ""
    # a module's package is its parent; an __init__'s is the package itself: drop the last part
    package = ["convdemo", *module.split(".")][:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _imported(module: str) -> list[str]:
    """Every absolute module name ``module`` imports (at any depth of its code)."""
    names = []
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            names.append(source)
            names += [f"{source}.{alias.name}" for alias in node.names]
    return names


def _is_module(dotted: str) -> bool:
    """Whether ``convdemo.x.y`` names a module of the package (not a name inside one)."""
    if not dotted.startswith("convdemo."):
        return False
    return dotted.removeprefix("convdemo.") in MODULES or dotted.endswith(".site")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_uses(module: str) -> set[str]:
    """Underscore names of other modules that ``module`` imports or reaches into.

    Importing a private *module* of the package (``from . import _direct``) is allowed: the
    engine is private to the package. Its underscore *names* are not: ``from .conv import
    _prepare``, ``pooling._prepare``, or ``stack._output_shapes`` where ``_output_shapes`` is
    not defined in ``module`` itself.
    """
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    defined = set()
    imported_names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defined.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            defined.add(node.attr)
        elif isinstance(node, ast.Import):
            imported_names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported_names |= {alias.asname or alias.name for alias in node.names}
    uses = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            uses |= {
                alias.name
                for alias in node.names
                if _private(alias.name) and not _is_module(f"{source}.{alias.name}")
            }
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            base = node.value
            if isinstance(base, ast.Name) and base.id in {"self", "cls"}:
                continue
            if isinstance(base, ast.Name) and base.id in imported_names:
                uses.add(node.attr)  # a module's (or an imported class's) private name
            elif node.attr not in defined:
                uses.add(node.attr)  # an object's private attribute from another module
    return uses


def test_every_top_level_module_is_classified() -> None:
    top = {name for name in MODULES if "." not in name}
    assert top - CORE - NOT_CORE == set(), "classify the new module: CORE or NOT_CORE"
    assert top >= CORE, "a CORE module is missing"


@pytest.mark.parametrize("module", sorted(CORE & set(MODULES)))
def test_the_core_never_imports_the_site(module: str) -> None:
    site = [
        name
        for name in _imported(module)
        if name == "convdemo.site" or name.startswith("convdemo.site.")
    ]
    assert site == [], f"convdemo.{module} imports the site subpackage: {site}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_uses_another_modules_private_names(module: str) -> None:
    uses = _private_uses(module) - {name for owner, name in EXEMPT if owner == module}
    assert uses == set(), f"convdemo.{module} uses other modules' private names: {sorted(uses)}"


def _package_imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports ("conv", "site.landing"): not the
    package itself, which every submodule's import loads first."""
    found = set()
    for name in _imported(module):
        if name.startswith("convdemo."):
            rest = name.removeprefix("convdemo.")
            while rest and rest not in MODULES:  # "conv.conv2d" -> "conv"
                rest = rest.rpartition(".")[0]
            if rest:
                found.add(rest)
    return found - {module}


def test_geometry_is_a_leaf() -> None:
    """Output sizes and padding: numpy and the argument checks only, nothing of the engine."""
    assert _package_imports("geometry") <= {"_checks"}


def test_no_import_cycles() -> None:
    """No module imports, even only for type checking, a module that imports it back."""
    graph = {module: _package_imports(module) for module in MODULES}

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        while stack:
            module, path = stack.pop()
            for imported in sorted(graph.get(module, ())):
                if imported == start:
                    return [*path, start]
                if imported not in path:
                    stack.append((imported, [*path, imported]))
        return None

    cycles = [cycle for module in sorted(MODULES) if (cycle := cycle_from(module))]
    assert cycles == [], f"import cycles: {[' -> '.join(c) for c in cycles]}"


#: README's layout map, top to bottom: (the row as README writes it, its modules). A module
#: imports only modules of rows below its own; in the site's row and the engine's, also its
#: siblings.
ENGINE = {
    "_cost",
    "_direct",
    "_exact",
    "_fft",
    "_scratch",
    "_shifted",
    "_stacked",
    "_taps",
    "_views",
}
ROWS = [
    ("convdemo/site/", {name for name in MODULES if name.startswith("site.")}),
    ("convdemo/plotting.py", {"plotting"}),
    ("convdemo/exercises/", {name for name in MODULES if name.startswith("exercises.")}),
    ("train, interpret", {"train", "interpret"}),
    (
        "synthetic, data, receptive_field, compose",
        {"synthetic", "data", "receptive_field", "compose"},
    ),
    ("layers, reference", {"layers", "reference"}),
    ("conv, activations, pooling, kernels", {"conv", "activations", "pooling", "kernels"}),
    ("_direct, _fft, _cost, _views, ... (engine)", ENGINE),
    ("geometry, _docstrings, _trained_cache", {"geometry", "_docstrings", "_trained_cache"}),
    ("_checks", {"_checks"}),
]
SIBLINGS_ALLOWED = {
    "convdemo/site/",
    "convdemo/exercises/",
    "_direct, _fft, _cost, _views, ... (engine)",
}


def test_every_module_has_a_row_in_the_layout_map() -> None:
    placed = set().union(*(modules for _, modules in ROWS))
    assert set(MODULES) - placed == {"__init__", "__main__"}


def test_the_arrows_of_the_layout_map_point_down() -> None:
    upward = []
    for index, (row, modules) in enumerate(ROWS):
        below = set().union(*(m for _, m in ROWS[index + 1 :]))
        allowed = below | (modules if row in SIBLINGS_ALLOWED else set())
        for module in sorted(modules):
            upward += [f"{module} -> {name}" for name in _package_imports(module) - allowed]
    assert upward == [], f"imports that point up README's layout map: {upward}"


def test_readme_draws_the_layout_map_in_this_order() -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    lines = [line.split("  ")[0] for line in readme.splitlines()]
    positions = [lines.index(row) if row in lines else -1 for row, _ in ROWS]
    assert -1 not in positions, f"README's layout map lacks {ROWS[positions.index(-1)][0]!r}"
    assert positions == sorted(positions), "README's layout map has its rows in another order"


def test_exemptions_are_still_needed() -> None:
    stale = {(owner, name) for owner, name in EXEMPT if name not in _private_uses(owner)}
    assert stale == set(), f"remove these exemptions: {sorted(stale)}"


def test_import_convdemo_loads_no_site_module_and_no_plotting_library() -> None:
    code = (
        "import sys, convdemo\n"
        "print(sorted(m for m in sys.modules if m == 'convdemo.site'\n"
        "      or m.startswith('convdemo.site.') or m.split('.')[0] in ('matplotlib', 'skimage')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_site_s_public_name_still_loads_from_the_package() -> None:
    """``convdemo.write_workbook`` (shown on the pages) loads convdemo.site on first use."""
    code = (
        "import sys, convdemo\n"
        "before = 'convdemo.site.spreadsheet' in sys.modules\n"
        "from convdemo import write_workbook\n"
        "print(before, write_workbook.__module__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "convdemo.site.spreadsheet"]


def test_the_checks_catch_a_violation(tmp_path: Path) -> None:
    """The AST checks above can fail: a made-up core module that breaks both rules."""
    MODULES["_fake_core"] = tmp_path / "fake.py"
    MODULES["_fake_core"].write_text(
        "from .site.landing import landing_example\nfrom .conv import _secret\nx = obj._hidden\n"
    )
    try:
        assert "convdemo.site.landing" in _imported("_fake_core")
        assert _private_uses("_fake_core") == {"_secret", "_hidden"}
    finally:
        del MODULES["_fake_core"]
