"""Files the pages need, generated from convdemo before Sphinx reads them.

They go to ``docs/generated/`` (git-ignored, removed by ``nox -s clean``):

* ``downloads/convdemo_worked_example.xlsx``: the worked example as a workbook of live
  formulas (:func:`convdemo.write_workbook`), offered by worked_example.md;
* ``api_ungrouped.rst``: every public name that api.md does not file under a heading yet,
  so that each name in ``convdemo.__all__`` has an API page from the day it is added.

A file is rewritten only when its bytes change, so a no-change rebuild re-reads nothing.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from sphinx.application import Sphinx

GENERATED = "generated"  # under the source folder


def write_if_changed(path: Path, data: bytes) -> None:
    """Write `data` to `path` unless it already holds exactly these bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        from convdemo.site.atomic import write_bytes

        write_bytes(path, data)


def ungrouped_api_page(api_page: str, public: list[str]) -> str:
    """The rST of a page listing the names of `public` that `api_page` does not list."""
    grouped = set(re.findall(r"^ {3}(\w+)\s*$", api_page, re.MULTILINE))
    ungrouped = [name for name in public if name != "__version__" and name not in grouped]
    lines = ["Not yet grouped", "===============", ""]
    if ungrouped:
        lines += [
            "Public names of :mod:`convdemo` that the :ref:`API reference <api>` does not",
            "list under a heading yet.",
            "",
            ".. currentmodule:: convdemo",
            "",
            ".. autosummary::",
            "   :toctree: .",
            "   :nosignatures:",
            "",
            *(f"   {name}" for name in ungrouped),
        ]
    else:
        lines.append("Every public name has its place in the :ref:`API reference <api>`.")
    return "\n".join(lines) + "\n"


def generate(app: Sphinx, config=None) -> None:
    import convdemo

    out = Path(app.srcdir) / GENERATED
    api = (Path(app.srcdir) / "api.md").read_text(encoding="utf-8")
    write_if_changed(
        out / "api_ungrouped.rst", ungrouped_api_page(api, list(convdemo.__all__)).encode()
    )
    workbook = io.BytesIO()
    convdemo.write_workbook(workbook)
    write_if_changed(out / "downloads" / "convdemo_worked_example.xlsx", workbook.getvalue())


def setup(app: Sphinx) -> dict:
    # Before Sphinx looks for the source files (when the environment is made, before
    # builder-inited), so that api_ungrouped.rst is one of them and autosummary, at
    # builder-inited, writes the API pages it lists.
    app.connect("config-inited", generate)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
