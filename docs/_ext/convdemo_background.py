"""Steps that write files the pages need, run in a process of their own beside the gallery.

Some steps before Sphinx reads the pages take seconds of one core each (the landing's
figure, the worksheets' PDFs) and need nothing the gallery makes. Started at
``builder-inited`` with :func:`start` (priority 450: after the networks are trained, on
every core, and before the gallery), each runs in a worker process while the gallery's
examples run (whose processes leave a core idle at the end of each section, and during the
tutorial, which runs alone); Sphinx waits
for them when it decides which pages to read (``env-get-outdated``), and a page that
depends on a file a step rewrote is read again. A step's error stops the build there, with
the step's traceback.

A step is a module-level function of plain arguments (it is pickled into a fresh
process: this folder is on its ``sys.path``, the build's environment variables are
its own) that returns the paths of the files it changed.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

_KEY = "_convdemo_background"


def _steps(app: Sphinx) -> dict[str, Future]:
    if not hasattr(app, _KEY):
        setattr(app, _KEY, {})
    return getattr(app, _KEY)


def start(app: Sphinx, name: str, function: Callable[..., list[str]], *args: object) -> None:
    """Run ``function(*args)`` in a worker process of its own; Sphinx waits for it before it
    reads the pages. On a build without parallel jobs (``-j 1``) it runs here and now."""
    steps = _steps(app)
    if name in steps:
        raise ValueError(f"the background step {name!r} is already started")
    if (app.parallel or 1) <= 1:
        done: Future = Future()
        done.set_result(function(*args))
        steps[name] = done
        return
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    steps[name] = executor.submit(function, *args)
    executor.shutdown(wait=False)  # the process ends when its step has


def finish(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    """Wait for every step; the pages (already read before) that depend on a file a step
    rewrote, to be read again."""
    steps = _steps(app)
    written: set[Path] = set()
    for name in list(steps):
        future = steps.pop(name)
        paths = future.result()  # a step's exception stops the build here
        logger.info(f"{name}: {len(paths)} file(s) written")
        written |= {Path(path).resolve() for path in paths}
    if not written:
        return []
    srcdir = Path(app.srcdir)
    again = []
    for docname, dependencies in env.dependencies.items():
        if docname in added or docname in changed or docname not in env.all_docs:
            continue
        if any((srcdir / dependency).resolve() in written for dependency in dependencies):
            again.append(docname)
    return sorted(again)


def setup(app: Sphinx) -> dict:
    app.connect("env-get-outdated", finish)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
