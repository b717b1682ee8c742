"""Sphinx extension of the "Draw a digit" page (docs/draw.md): its data and its assets.

The page is plain JavaScript (``docs/_static/draw/``). The trained digits network it runs
(weights, layers, preprocessing, held-out digits) is written at build time by
:func:`convdemo.site.digits_network.write_digits_network` into
``_static/draw/digits_network.js``, in a folder inside the doctrees folder that is added to
``html_static_path`` (as docs/_ext/playground_data.py does), so Sphinx copies it like any
static file. The bytes are deterministic.

The page's CSS and JavaScript are added to every page that has the page's container
(``<div id="convdemo-draw">``), and to no other page.
"""

from __future__ import annotations

from pathlib import Path

CONTAINER = 'id="convdemo-draw"'
STATIC = "draw"  # folder under _static


def _generated_root(app) -> Path:
    return Path(app.doctreedir) / "draw_static"


def _add_static_path(app, config) -> None:
    root = _generated_root(app)
    root.mkdir(parents=True, exist_ok=True)  # Sphinx drops static paths that do not exist
    config.html_static_path = [*config.html_static_path, str(root)]


def _generate(app) -> None:
    if app.builder.format != "html":
        return
    from convdemo.site.digits_network import write_digits_network

    folder = _generated_root(app) / STATIC
    folder.mkdir(parents=True, exist_ok=True)
    write_digits_network(folder)


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    from docutils import nodes

    from convdemo.site.digits_network import FILE_NAME

    for node in doctree.findall(nodes.raw):
        if "html" in node.get("format", "").split() and CONTAINER in node.astext():
            app.add_css_file(f"{STATIC}/draw.css")
            app.add_js_file(f"{STATIC}/{FILE_NAME}", defer="defer")
            app.add_js_file(f"{STATIC}/draw.js", defer="defer")
            return


def setup(app) -> dict:
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _generate)
    app.connect("html-page-context", _add_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
