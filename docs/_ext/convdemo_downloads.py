"""The install line on every example page and in every downloaded script (issue 26).

One line runs every example a reader downloads: ``pip install "convdemo[examples]"``
(:data:`convdemo.site.examples.INSTALL_LINE`). It is stated

* under each example page's title (``source-read``: a small line, class
  ``convdemo-run-line``, linking the "Run the examples yourself" page);
* at the top of each downloaded notebook (sphinx-gallery's ``first_notebook_cell``, set in
  conf.py from :func:`convdemo.site.examples.notebook_first_cell`);
* at the top of each downloaded script, and of the scripts inside the download zips
  (``build-finished``, before the zips get their fixed dates and before the offline
  bundle is made): sphinx-gallery offers the example's source file as is.

And the role ``data-licence`` links the licence of the site's figures and data, from its one
source (:data:`convdemo.site.figure_data.DATA_LICENCE`): ``{data-licence}`Creative Commons
Attribution 4.0 International licence``` reads "Creative Commons Attribution 4.0
International licence (CC BY 4.0)", linked to the licence.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from convdemo.site.examples import INSTALL_LINE, RUN_PAGE, with_script_header

_TITLE = re.compile(r"^(\.\. _sphx_glr_[^\n]+:\n\n+[^\n]+\n=+\n)", re.M)


def _gallery_dirs(app: Sphinx) -> list[str]:
    folders = app.config.sphinx_gallery_conf.get("gallery_dirs", [])
    return [folders] if isinstance(folders, str) else list(folders)


def run_line(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: the install line under an example page's title."""
    if not any(docname.startswith(f"{folder}/") for folder in _gallery_dirs(app)):
        return
    if docname.rsplit("/", 1)[-1] == "index" or "sg_execution_times" in docname:
        return
    line = (
        "\n.. container:: convdemo-run-line\n\n"
        f"    Run it yourself: ``{INSTALL_LINE}``, then download the notebook or script at "
        f"the end of the page (:doc:`how </{RUN_PAGE}>`).\n\n"
    )
    source[0], count = _TITLE.subn(lambda match: match.group(1) + line, source[0], count=1)
    if count != 1:
        raise ValueError(f"{docname}: no sphinx-gallery title to put the install line under")


def _page_url(app: Sphinx) -> str:
    return f"{app.config.ogp_site_url}{RUN_PAGE}.html"


def _headed_zip(data: bytes, page_url: str) -> bytes | None:
    """The zip with each ``.py`` member headed, or None if nothing changed."""
    from convdemo.site.reproducible import write_zip

    changed = False
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            content = archive.read(info)
            if info.filename.endswith(".py"):
                headed = with_script_header(content.decode("utf-8"), page_url).encode("utf-8")
                changed = changed or headed != content
                content = headed
            members.append((info.filename, content))
    if not changed:
        return None
    out = io.BytesIO()
    write_zip(out, members, sort=False)
    return out.getvalue()


def head_downloads(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: every downloadable example script starts with the install line."""
    if exception is not None or app.builder.format != "html":
        return
    from convdemo.site.atomic import write_bytes

    page_url = _page_url(app)
    downloads = Path(app.outdir) / "_downloads"
    for path in sorted(downloads.glob("*/plot_*.py")):
        text = path.read_text(encoding="utf-8")
        headed = with_script_header(text, page_url)
        if headed != text:
            write_bytes(path, headed.encode("utf-8"))
    for path in sorted(downloads.glob("*/*.zip")):
        headed = _headed_zip(path.read_bytes(), page_url)
        if headed is not None:
            write_bytes(path, headed)


def data_licence_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``data-licence``: the role's text, then the licence's short name, linked."""
    from convdemo.site.figure_data import DATA_LICENCE

    short, _, url = DATA_LICENCE.partition(" (")
    label = f"{text} ({short})" if text.strip() else short
    return [nodes.reference(rawtext, label, refuri=url.rstrip(")"))], []


def setup(app: Sphinx) -> dict:
    app.add_role("data-licence", data_licence_role)
    app.connect("source-read", run_line)
    # Before convdemo_reproducible dates the zips (500) and the bundle is made (900).
    app.connect("build-finished", head_downloads, priority=450)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
