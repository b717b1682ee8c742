"""The one place that says how convdemo is tested, built, served and checked.

Sessions
--------
tests       the package's test suite (pytest, doctests, hypothesis)
lint        ruff lint + format check
docs        build the site with zero warnings (sphinx-build -W --keep-going -n)
docs-live   serve the site with live reload
clean       remove every generated folder (the gallery keeps state under docs/)
bench       print the speed ratios of conv2d against its peers
browser     check the built site in a real browser (needs `nox -s docs` first)
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


# --------------------------------------------------------------------------- docs

DOCS = ROOT / "docs"
HTML = DOCS / "_build" / "html"
DOCTREES = DOCS / "_build" / "doctrees"  # kept out of the html folder (reproducible output)
# Every folder the docs build writes. The gallery keeps its own state (md5 of each example) in
# docs/auto_examples, so removing _build alone does not re-run the examples.
GENERATED = [
    DOCS / "_build",
    DOCS / "auto_examples",
    DOCS / "generated",
    DOCS / "api" / "generated",
    DOCS / "jupyter_execute",
    DOCS / "sg_execution_times.rst",
]
# Reproducible builds: fixed hash seed and a fixed date for anything that stamps one.
DOCS_ENV = {"PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "1700000000"}


def _install_docs(session: nox.Session, *extra: str) -> None:
    """Install the docs stack, unless this environment already has it for this pyproject.toml.

    The package is installed in editable mode, so only a change of pyproject.toml (or of
    ``extra``) needs pip again; skipping it keeps a no-change rebuild to a few seconds.
    """
    import hashlib

    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + repr(extra).encode())
    stamp = Path(session.virtualenv.location) / ".convdemo-docs-installed"
    if stamp.is_file() and stamp.read_text() == wanted.hexdigest():
        session.log("docs environment is up to date with pyproject.toml: skipping pip")
        return
    session.install("-e", ".[docs]", *extra)
    stamp.write_text(wanted.hexdigest())


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the site with zero warnings (nitpicky), offline, then check the built HTML.

    Extra arguments go to sphinx-build (e.g. ``nox -s docs -- -E`` to re-read every page).
    """
    import time

    _install_docs(session, "pytest>=8")
    start = time.perf_counter()
    session.run(
        "sphinx-build",
        *("-b", "html", "-W", "--keep-going", "-n", "-j", "auto"),
        *("-d", str(DOCTREES)),
        *session.posargs,
        str(DOCS),
        str(HTML),
        env=DOCS_ENV,
    )
    session.log(f"docs: built in {time.perf_counter() - start:.1f} s -> {HTML / 'index.html'}")
    session.run(
        "pytest",
        "tests/site",
        "-p",
        "no:cacheprovider",
        env={"CONVDEMO_SITE": str(HTML)},
    )


@nox.session(name="docs-live", python=PYTHON)
def docs_live(session: nox.Session) -> None:
    """Serve the site at http://127.0.0.1:8000 and rebuild it when a source changes."""
    _install_docs(session, "sphinx-autobuild>=2024.4")
    session.run(
        "sphinx-autobuild",
        *("-b", "html", "-d", str(DOCTREES)),
        *("--host", "127.0.0.1", "--port", "8000"),
        *("--watch", str(ROOT / "convdemo"), "--watch", str(ROOT / "gallery")),
        # Folders the build itself writes: watching them would rebuild forever.
        *("--ignore", "*/auto_examples/*", "--ignore", "*/generated/*"),
        *("--ignore", "*/jupyter_execute/*", "--ignore", "*/sg_execution_times.rst"),
        *session.posargs,
        str(DOCS),
        str(HTML),
        env=DOCS_ENV,
    )


@nox.session(python=False)
def clean(session: nox.Session) -> None:
    """Remove every folder the docs build generates (the next build runs everything)."""
    import shutil

    for path in GENERATED:
        if path.is_dir():
            shutil.rmtree(path)
            session.log(f"removed {path.relative_to(ROOT)}/")
        elif path.exists():
            path.unlink()
            session.log(f"removed {path.relative_to(ROOT)}")


# --------------------------------------------------------------------------- browser

CHROMIUM = Path("/usr/bin/chromium")


def _ensure_chromium(session: nox.Session) -> None:
    """Debian's Chromium, installed with apt if missing (Playwright's own browser download
    does not work on these machines)."""
    import os

    if CHROMIUM.exists():
        return
    if os.geteuid() != 0:
        session.error(f"{CHROMIUM} is missing: install Debian's chromium package (as root)")
    session.log(f"{CHROMIUM} is missing: installing Debian's chromium")
    apt_env = {"DEBIAN_FRONTEND": "noninteractive"}
    session.run("apt-get", "update", external=True, env=apt_env)
    session.run(
        "apt-get",
        *("install", "-y", "--no-install-recommends", "chromium"),
        external=True,
        env=apt_env,
    )


@nox.session(python=PYTHON)
def browser(session: nox.Session) -> None:
    """Check the built site in a real browser: every page loads whole, offline, accessible
    (axe-core) in light and dark mode; links, anchors, figures, mobile layout, search.

    Needs a built site: run ``nox -s docs`` first (this session does not build it). The
    site is $CONVDEMO_SITE, else docs/_build/html. Screenshots go to artifacts/browser/.
    Extra arguments go to pytest (e.g. ``nox -s browser -- -k checker``).
    """
    import os

    site = Path(os.environ.get("CONVDEMO_SITE", HTML)).resolve()
    if not (site / "index.html").is_file():
        session.error(
            f"browser: no built site at {site} (no index.html). "
            "Build it first with `nox -s docs`, or set CONVDEMO_SITE to a built site"
        )
    _ensure_chromium(session)
    session.install("-e", ".[browser]")
    session.run(
        "pytest",
        "tests/browser",
        *("-p", "no:cacheprovider"),
        *session.posargs,
        env={"CONVDEMO_SITE": str(site)},
    )
