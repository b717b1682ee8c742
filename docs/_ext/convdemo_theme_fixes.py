"""Fixes for what the theme expects and Sphinx 9 no longer writes.

pydata-sphinx-theme's ``_static/styles/theme.css`` imports ``../basic.css``, which Sphinx 9
no longer puts in ``_static``: without a file there every page asks for a missing
stylesheet (a 404 in the browser's console). An empty one is written if none exists.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

BASIC_CSS = "/* basic.css: intentionally empty (see docs/_ext/convdemo_theme_fixes.py) */\n"


def write_basic_css(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    basic = Path(app.outdir) / "_static" / "basic.css"
    if not basic.exists():
        from convdemo.site.atomic import write_text

        write_text(basic, BASIC_CSS)


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", write_basic_css)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
