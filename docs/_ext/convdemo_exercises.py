"""The exercise pages and their downloads, generated from ``convdemo.exercises``.

Before Sphinx looks for source files (``config-inited``),
:func:`convdemo.site.exercise_files.write_exercise_files` writes ``docs/exercises/`` (the
index and one MyST notebook page per exercise, git-ignored, removed by ``nox -s clean``) and
the notebooks and Python files under ``docs/generated/downloads/exercises/``. Unchanged files
are left alone, so a no-change rebuild re-reads nothing.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def generate(app: Sphinx, config=None) -> None:
    from convdemo.site.exercise_files import write_exercise_files

    write_exercise_files(app.srcdir)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", generate)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
