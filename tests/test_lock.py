"""The environment the tests (or the docs build) run in is exactly what uv.lock says.

noxfile.py syncs each environment from uv.lock and tells this module which part of the lock
it is (``CONVDEMO_LOCK_GROUPS``, ``CONVDEMO_LOCK_EXTRAS``). The lock's dependency graph is
walked from the project through those extras and groups, with every marker evaluated for
this interpreter: each package reached must be installed at its locked version, and nothing
else may be installed. Outside nox (no variables) the module is skipped.
"""

from __future__ import annotations

import importlib.metadata
import os
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.utils import canonicalize_name

LOCK = Path(__file__).resolve().parents[1] / "uv.lock"
GROUPS = [g for g in os.environ.get("CONVDEMO_LOCK_GROUPS", "").split(",") if g]
EXTRAS = [e for e in os.environ.get("CONVDEMO_LOCK_EXTRAS", "").split(",") if e]
WITH_PROJECT = os.environ.get("CONVDEMO_LOCK_PROJECT", "1") == "1"
PROJECT = "convdemo"

pytestmark = pytest.mark.skipif(
    not GROUPS, reason="not run by nox: CONVDEMO_LOCK_GROUPS names no group of uv.lock"
)


def _applies(dependency: dict) -> bool:
    marker = dependency.get("marker")
    return marker is None or Marker(marker).evaluate()


def _entry(packages: dict[str, list[dict]], dependency: dict) -> dict:
    """The locked package a dependency edge points at (by version when the lock forks)."""
    candidates = packages[dependency["name"]]
    if "version" in dependency:
        candidates = [p for p in candidates if p.get("version") == dependency["version"]]
    if len(candidates) != 1:
        raise AssertionError(f"uv.lock: {dependency} matches {len(candidates)} packages")
    return candidates[0]


def locked_environment(
    lock: dict, groups: list[str], extras: list[str], with_project: bool = True
) -> dict[str, str]:
    """Name -> version of every package uv.lock puts in an environment of ``groups``.

    ``with_project`` false is ``uv sync --no-install-project``: the project's groups
    without the project itself and its dependencies.
    """
    packages: dict[str, list[dict]] = {}
    for package in lock["package"]:
        packages.setdefault(package["name"], []).append(package)
    (root,) = packages[PROJECT]
    todo: list[dict] = []
    for group in groups:
        todo += root.get("dev-dependencies", {})[group]
    if with_project:
        todo += root.get("dependencies", [])
        for extra in extras:
            todo += root.get("optional-dependencies", {})[extra]
    found: dict[str, str] = {}
    seen: set[tuple[str, str | None, tuple[str, ...]]] = set()
    while todo:
        dependency = todo.pop()
        if not _applies(dependency):
            continue
        package = _entry(packages, dependency)
        wanted_extras = tuple(dependency.get("extra", ()))
        key = (package["name"], package.get("version"), wanted_extras)
        if key in seen:
            continue
        seen.add(key)
        if package["name"] != PROJECT:
            found[package["name"]] = package["version"]
        todo += package.get("dependencies", [])
        for extra in wanted_extras:
            todo += package.get("optional-dependencies", {}).get(extra, [])
    return found


def installed_distributions() -> dict[str, str]:
    """Name -> version of every distribution importable in this environment."""
    found: dict[str, str] = {}
    for distribution in importlib.metadata.distributions():
        name = canonicalize_name(distribution.metadata["Name"])
        found.setdefault(name, distribution.version)
    return found


@pytest.fixture(scope="module")
def expected() -> dict[str, str]:
    lock = tomllib.loads(LOCK.read_text(encoding="utf-8"))
    return locked_environment(lock, GROUPS, EXTRAS, WITH_PROJECT)


def test_lock_names_the_core_stack(expected):
    """The walk reaches what the environment is for (a broken walk would compare nothing)."""
    wanted = {"pytest"} | ({"numpy", "matplotlib", "scikit-image"} if WITH_PROJECT else set())
    if "docs" in GROUPS:
        wanted |= {"sphinx", "sphinx-gallery", "myst-nb", "pydata-sphinx-theme"}
    assert wanted <= set(expected), sorted(wanted - set(expected))


def test_every_locked_package_is_installed_at_its_locked_version(expected):
    installed = installed_distributions()
    wrong = {
        name: (version, installed.get(name, "missing"))
        for name, version in expected.items()
        if installed.get(name) != version
    }
    assert not wrong, f"(locked, installed) differ; run the nox session again: {wrong}"


def test_nothing_is_installed_that_the_lock_does_not_name(expected):
    extra = set(installed_distributions()) - set(expected) - {PROJECT}
    assert not extra, f"installed but not in uv.lock for {GROUPS}: {sorted(extra)}"
