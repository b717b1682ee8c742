"""The one place that says how convdemo is tested, built, served and checked.

Sessions
--------
tests       the package's test suite (pytest, doctests, hypothesis)
lint        ruff lint + format check
docs        build the site with zero warnings (sphinx-build -W --keep-going -n)
docs-live   serve the site with live reload
clean       remove every generated folder (the gallery keeps state under docs/)
bench       print the speed ratios of conv2d against its peers
"""

from __future__ import annotations

from pathlib import Path

import nox

ROOT = Path(__file__).parent
nox.options.sessions = ["lint", "tests"]
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True

PYTHON = None  # the interpreter nox runs under (3.11+ on every machine)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite, doctests included."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint and format-check with ruff."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Print conv2d's speed as ratios against scipy, a naive loop and PyTorch (if installed)."""
    session.install("-e", ".[bench]")
    session.run("python", "benchmarks/bench_conv2d.py", *session.posargs)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the site (filled in by the documentation issue)."""
    session.install("-e", ".[docs]")
    session.log("docs: not built yet")
