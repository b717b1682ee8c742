"""Reproducible output: the same bytes from any folder, on any machine.

* sphinx-gallery's "download all examples" zips carry each member's modification time, so
  every build would give new bytes. After the build they are rewritten by
  :func:`convdemo.site.reproducible.normalise_zip`: sorted members, one fixed date, fixed
  permissions (the offline bundle and the workbook use the same writer).
* ``.buildinfo`` records a hash of the configuration, which Sphinx uses to decide whether a
  rebuild must rewrite every page. Extensions put absolute paths into that configuration
  (``html_static_path`` and ``templates_path`` get folders of sphinx-gallery, the theme,
  copybutton, sphinx-design and the playground's generated assets), so the hash, and the
  file, depended on where the checkout and its environment live. The hash is computed here
  with every absolute path written relative to the place it is in (the project, the build
  folders, the Python environment): it still changes when the configuration changes, and
  no longer when the folder does.
* myst-nb writes a copy of each executed notebook page into its output folder
  (``jupyter_execute/*.ipynb`` beside the build's output folder: for the Italian pass that
  is ``html/jupyter_execute``, inside the published site and the offline bundle) whose cells
  have random ids; after each pass, each cell's id in the files it wrote is made from the
  cell's place and source (:func:`deterministic_cell_ids`).
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
from pathlib import Path, PurePath
from typing import Any

from sphinx.application import Sphinx


def deterministic_cell_ids(notebook: dict) -> bool:
    """Give each cell of ``notebook`` (nbformat's JSON as a dict) the id made of its
    number and a hash of its type and source; True if an id changed.

    Examples
    --------
    >>> nb = {"cells": [{"id": "9f1c2e7a", "cell_type": "code", "source": "1 + 1"}]}
    >>> deterministic_cell_ids(nb), nb["cells"][0]["id"]
    (True, 'c0-b148aa9c')
    >>> deterministic_cell_ids(nb)
    False
    """
    import hashlib

    changed = False
    for number, cell in enumerate(notebook.get("cells", [])):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        digest = hashlib.sha256(f"{cell.get('cell_type')}\0{text}".encode()).hexdigest()
        identifier = f"c{number}-{digest[:8]}"
        if "id" in cell and cell["id"] != identifier:
            cell["id"] = identifier
            changed = True
    return changed


def normalise_downloads(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    import json

    from convdemo.site.atomic import write_text
    from convdemo.site.reproducible import normalise_zip

    for path in sorted(Path(app.outdir).glob("_downloads/**/*.zip")):
        normalise_zip(path)
    executed = getattr(getattr(app.env, "mystnb_config", None), "output_folder", None)
    for path in sorted(Path(executed).glob("**/*.ipynb")) if executed else ():
        notebook = json.loads(path.read_text(encoding="utf-8"))
        if deterministic_cell_ids(notebook):  # written as nbformat writes it
            text = json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False)
            write_text(path, text)


# -- A configuration hash that does not depend on the folder ----------------------------------


def location_roots(app: Sphinx) -> dict[str, str]:
    """Named folders an absolute path in the configuration can be relative to.

    The most specific comes first: a path is written relative to the first root it is in.
    """
    roots = {
        "outdir": app.outdir,
        "doctreedir": app.doctreedir,
        "srcdir": app.srcdir,
        "confdir": app.confdir,
        "project": Path(app.confdir).parent,
        **{f"python-{name}": sysconfig.get_path(name) for name in ("purelib", "platlib")},
        **{f"site-{number}": path for number, path in enumerate(site.getsitepackages())},
        "prefix": sys.prefix,
        "base-prefix": sys.base_prefix,
    }
    resolved = {name: os.path.realpath(path) for name, path in roots.items() if path}
    return dict(sorted(resolved.items(), key=lambda item: -len(item[1])))


def location_free(value: Any, roots: dict[str, str]) -> Any:
    """`value` with each absolute path (a string or path, also inside containers and as a
    dict's key) written as ``<root>/relative/path`` for the first of `roots` (name ->
    folder) that holds it."""
    if type(value) is dict:
        return {
            location_free(key, roots): location_free(item, roots) for key, item in value.items()
        }
    if type(value) in (list, tuple, set, frozenset):
        return type(value)(location_free(item, roots) for item in value)
    if isinstance(value, (str, PurePath)) and os.path.isabs(value):
        path = os.path.realpath(value)
        for name, root in roots.items():
            if path == root or path.startswith(root + os.sep):
                return f"<{name}>/{Path(os.path.relpath(path, root)).as_posix()}"
    return value


def location_free_config(app: Sphinx) -> dict[str, Any]:
    """The configuration values the HTML builder's ``.buildinfo`` hash covers, made free of
    the folders the build runs in."""
    roots = location_roots(app)
    return {item.name: location_free(item.value, roots) for item in app.config.filter({"html"})}


def location_free_build_info(app: Sphinx) -> None:
    """Give the HTML builder's build info a hash of :func:`location_free_config`.

    The builder computes its build info when it is created, before ``builder-inited``; it
    compares it with the ``.buildinfo`` of the output folder and writes it there, so
    replacing the hash here changes both, consistently.
    """
    build_info = getattr(app.builder, "build_info", None)
    if build_info is None or app.builder.format != "html":
        return
    from sphinx.util._serialise import stable_hash  # the hash of sphinx's own .buildinfo

    build_info.config_hash = stable_hash(location_free_config(app))


def setup(app: Sphinx) -> dict:
    # First, before any other builder-inited step adds to the configuration.
    app.connect("builder-inited", location_free_build_info, priority=1)
    # Before the offline bundle (convdemo_publish, priority 900) packs the site.
    app.connect("build-finished", normalise_downloads, priority=500)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
