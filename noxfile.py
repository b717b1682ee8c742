"""The one place that says how convdemo is tested, built, served and checked.

Sessions
--------
tests       the package's test suite (pytest, doctests, hypothesis), -W error::RuntimeWarning
fuzz        the signature-driven fuzz of the public API, longer and freshly random
lint        ruff lint + format check
lock        refresh uv.lock (after changing a dependency in pyproject.toml)
docs        build the site with zero warnings (sphinx-build -W --keep-going -n), English + Italian
translations refresh the Italian catalogues (docs/locale) from the sources
docs-live   serve the site with live reload
clean       remove every generated folder (the gallery keeps state under docs/)
bench       print the speed ratios of conv2d against its peers
bench-train print one training epoch of the digits network against PyTorch
browser     check the built site in a real browser (needs `nox -s docs` first)
downloads   run the site's downloadable notebooks in a fresh venv of convdemo[examples]
"""

from __future__ import annotations

from pathlib import Path

import nox

ROOT = Path(__file__).parent
nox.needs_version = ">=2025.2.9"
nox.options.sessions = ["lint", "tests"]
# Every environment is created by uv and synced from uv.lock (exact versions, nothing else).
nox.options.default_venv_backend = "uv"
nox.options.reuse_existing_virtualenvs = True

PYTHON = None  # the interpreter nox runs under (3.11+ on every machine)
EXTRAS = ("plot", "sheet")  # the package's user-facing extras, in every environment that runs it


def _sync(
    session: nox.Session, *groups: str, project: bool = True, exact: bool = True
) -> dict[str, str]:
    """Make the session's environment exactly what uv.lock says for ``groups``.

    ``uv sync --locked`` fails if uv.lock is out of date with pyproject.toml (run
    ``nox -s lock``); it installs the package in editable mode, with its extras, and removes
    anything the lock does not name (unless ``exact`` is false: the benchmarks keep a PyTorch
    installed by hand, which is no dependency of the project). Returns the variables that
    tell tests/test_lock.py which part of the lock this environment is.
    """
    # --compile-bytecode, as pip does: otherwise a dependency's SyntaxWarning (formulas has
    # one) is raised at first import, where pytest's filterwarnings=error makes it an error.
    args = ["uv", "sync", "--locked", "--no-default-groups", "--compile-bytecode"]
    args += [f"--group={group}" for group in groups]
    if not exact:
        args += ["--inexact"]
    if project:
        args += [f"--extra={extra}" for extra in EXTRAS]
    else:
        args += ["--no-install-project"]
    session.run_install(
        *args,
        f"--python={session.virtualenv.location}",
        env={"UV_PROJECT_ENVIRONMENT": session.virtualenv.location, "UV_PYTHON_DOWNLOADS": "never"},
    )
    return {
        "CONVDEMO_LOCK_GROUPS": ",".join(groups),
        "CONVDEMO_LOCK_EXTRAS": ",".join(EXTRAS) if project else "",
        "CONVDEMO_LOCK_PROJECT": "1" if project else "0",
    }


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite, doctests included (and check the environment against uv.lock)."""
    lock_env = _sync(session, "test")
    # No public call may emit a RuntimeWarning (docs/api.md): pyproject's filterwarnings=error
    # says so too, and this says it on the command line, where no configuration can undo it.
    session.run("pytest", "-W", "error::RuntimeWarning", *session.posargs, env=lock_env)


FUZZ_EXAMPLES = 150  # per fuzz test: about ten minutes on two idle cores


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """Fuzz the public API for longer, with fresh random examples (tests/test_fuzz.py and
    the hostile-input properties): ``nox -s fuzz -- -x`` stops at the first failure;
    CONVDEMO_FUZZ_EXAMPLES sets the examples per test (default: FUZZ_EXAMPLES)."""
    import os

    lock_env = _sync(session, "test")
    examples = os.environ.get("CONVDEMO_FUZZ_EXAMPLES", str(FUZZ_EXAMPLES))
    session.run(
        "pytest",
        "tests/test_fuzz.py",
        "tests/test_properties_bad_input.py",
        *("-W", "error::RuntimeWarning", "-p", "no:cacheprovider", "-q"),
        *session.posargs,
        env={**lock_env, "CONVDEMO_FUZZ_EXAMPLES": examples},
    )


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Lint and format-check with ruff."""
    _sync(session, "lint", project=False)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=False)
def lock(session: nox.Session) -> None:
    """Refresh uv.lock from pyproject.toml: after adding, removing or changing a dependency,
    or to move the whole project to newer releases (``nox -s lock -- --upgrade``)."""
    session.run("uv", "lock", *session.posargs, env={"UV_PYTHON_DOWNLOADS": "never"})


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Print conv2d's speed as ratios against scipy, a naive loop and PyTorch (if installed)."""
    _sync(session, "bench", exact=False)
    session.run("python", "benchmarks/bench_conv2d.py", *session.posargs)


@nox.session(name="bench-train", python=PYTHON)
def bench_train(session: nox.Session) -> None:
    """Print one epoch of training the digits network as a ratio against PyTorch (if installed)."""
    _sync(session, "bench", exact=False)
    session.run("python", "benchmarks/bench_train.py", *session.posargs)


# --------------------------------------------------------------------------- docs

DOCS = ROOT / "docs"
HTML = DOCS / "_build" / "html"
DOCTREES = DOCS / "_build" / "doctrees"  # kept out of the html folder (reproducible output)
# Every folder the docs build writes. The gallery keeps its own state (md5 of each example) in
# docs/auto_examples, so removing _build alone does not re-run the examples.
GENERATED = [
    DOCS / "_build",
    DOCS / "auto_examples",
    DOCS / "auto_tutorials",
    DOCS / "generated",
    DOCS / "exercises",  # the exercise pages, written from convdemo.exercises
    DOCS / "api" / "generated",
    DOCS / "jupyter_execute",
    DOCS / "sg_execution_times.rst",
]
# Reproducible builds: a fixed hash seed. The fixed date (SOURCE_DATE_EPOCH) has one source,
# convdemo/site/reproducible.py, and docs/conf.py puts it in the environment of the build.
DOCS_ENV = {"PYTHONHASHSEED": "0"}


#: The site's other languages: each is built from the same sources under docs/_build/html/<lang>/
#: (catalogues in docs/locale/<lang>/LC_MESSAGES, refreshed by `nox -s translations`).
TRANSLATIONS = ("it",)
GETTEXT = DOCS / "_build" / "gettext"  # the message templates (.pot) the catalogues follow


def _build_jobs() -> str:
    """sphinx-build's ``-j``: one process more than the cores. A pass has steps that wait on
    one process (the last example of a gallery section, a notebook's kernel, the main
    process merging what the others read); one process more keeps every core busy then."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return str((cores or 1) + 1)


def _sphinx_html(session: nox.Session, language: str | None, out: Path) -> float:
    """One sphinx-build pass (strict); returns its time in seconds."""
    import time

    options = ["-D", f"language={language}"] if language else []
    doctrees = DOCTREES if language is None else DOCTREES.with_name(f"doctrees-{language}")
    start = time.perf_counter()
    session.run(
        "sphinx-build",
        *("-b", "html", "-W", "--keep-going", "-n", "-j", _build_jobs()),
        *("-d", str(doctrees)),
        *options,
        *session.posargs,
        str(DOCS),
        str(out),
        env=DOCS_ENV,
    )
    return time.perf_counter() - start


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the site with zero warnings (nitpicky), offline, then check the built HTML.

    English at docs/_build/html, each language of TRANSLATIONS under it (Italian at
    docs/_build/html/it). The translated sites are built first: the examples and notebooks
    run once, in the first pass (the gallery keeps the md5 of each example, myst-nb a cache
    of each notebook), and the English pass then zips the whole site, translations included.
    Extra arguments go to every sphinx-build (e.g. ``nox -s docs -- -E`` to re-read every page).
    """
    lock_env = _sync(session, "docs")
    times = {
        language: _sphinx_html(session, language, HTML / language) for language in TRANSLATIONS
    }
    times["en"] = _sphinx_html(session, None, HTML)
    spent = ", ".join(f"{language} {seconds:.1f} s" for language, seconds in times.items())
    session.log(f"docs: built in {sum(times.values()):.1f} s ({spent}) -> {HTML / 'index.html'}")
    session.run(
        "pytest",
        "tests/site",
        "tests/test_lock.py",
        "-p",
        "no:cacheprovider",
        env={"CONVDEMO_SITE": str(HTML), **lock_env},
    )


@nox.session(python=PYTHON)
def translations(session: nox.Session) -> None:
    """Refresh the catalogues of the translated sites from the sources: extract every
    message (sphinx-build -b gettext, into docs/_build/gettext), then update
    docs/locale/<lang>/LC_MESSAGES/*.po with sphinx-intl (new messages untranslated,
    changed ones fuzzy). Translate them, then `nox -s docs`."""
    _sync(session, "docs")
    session.run(
        "sphinx-build",
        *("-b", "gettext", "-j", "auto", "-q"),
        *("-d", str(DOCTREES.with_name("doctrees-gettext"))),
        *session.posargs,
        str(DOCS),
        str(GETTEXT),
        env=DOCS_ENV,
    )
    for language in TRANSLATIONS:
        session.run(
            "sphinx-intl",
            *("update", "-p", str(GETTEXT), "-d", str(DOCS / "locale"), "-l", language),
            *("-w", "0"),  # no wrapping: one message, one line
        )


@nox.session(name="docs-live", python=PYTHON)
def docs_live(session: nox.Session) -> None:
    """Serve the site at http://127.0.0.1:8000 and rebuild it when a source changes."""
    _sync(session, "docs-live")
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
    _sync(session, "browser")
    # The whole folder, unless the arguments name part of it (-- tests/browser/test_x.py).
    named = any(arg.startswith("tests/browser") for arg in session.posargs)
    session.run(
        "pytest",
        *([] if named else ["tests/browser"]),
        *("-p", "no:cacheprovider"),
        *session.posargs,
        env={"CONVDEMO_SITE": str(site)},
    )


# --------------------------------------------------------------------------- downloads


@nox.session(python=PYTHON, reuse_venv=False)
def downloads(session: nox.Session) -> None:
    """Run every notebook the built site offers for download, as a reader would.

    A fresh environment (made anew every time) gets only what a reader installs: the
    wheel built from this clone with its ``examples`` extra, and Jupyter's nbclient and
    ipykernel to run the notebooks, at the versions of uv.lock (exported as constraints).
    Needs a built site: run ``nox -s docs`` first; the site is $CONVDEMO_SITE, else
    docs/_build/html.
    """
    import os
    import shutil

    site = Path(os.environ.get("CONVDEMO_SITE", HTML)).resolve()
    if not (site / "index.html").is_file():
        session.error(
            f"downloads: no built site at {site} (no index.html). "
            "Build it first with `nox -s docs`, or set CONVDEMO_SITE to a built site"
        )
    tmp = Path(session.create_tmp())
    dist = tmp / "dist"
    shutil.rmtree(dist, ignore_errors=True)
    uv_env = {"UV_PYTHON_DOWNLOADS": "never"}
    session.run("uv", "build", "--wheel", "--out-dir", str(dist), str(ROOT), external=True)
    (wheel,) = dist.glob("convdemo-*.whl")
    constraints = tmp / "constraints.txt"
    session.run(
        *("uv", "export", "--locked", "--no-hashes", "--no-emit-project", "--no-header"),
        *("--no-default-groups", "--extra=examples", "--group=downloads"),
        f"--output-file={constraints}",
        external=True,
        env=uv_env,
        silent=True,
    )
    session.install(f"{wheel}[examples]", "nbclient", "ipykernel", "-c", str(constraints))
    # Outside the clone, with no PYTHONPATH: the notebooks see the installed wheel only.
    session.run(
        "python",
        str(ROOT / "tests" / "downloads" / "run_notebooks.py"),
        str(site),
        env={"PYTHONPATH": ""},
    )
