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
from sphinx.transforms import SphinxTransform

from convdemo.site.examples import INSTALL_LINE, RUN_PAGE, with_script_header

#: The class of the install line's container.
RUN_LINE_CLASS = "convdemo-run-line"
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
    from convdemo.site.i18n import translator

    _ = translator(app.config.language, domain="interface")
    text = _(
        "Run it yourself: ``{install}``, then download the notebook or script at the end of "
        "the page (:doc:`how </{page}>`)."
    ).format(install=INSTALL_LINE, page=RUN_PAGE)
    line = f"\n.. container:: {RUN_LINE_CLASS}\n\n    {text}\n\n"
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


# -- The computed boxes of a page in the build's language ------------------------------------
# Texts that code writes into a page (the install line, each figure's data sentence,
# sphinx-gallery's download boxes, the zoom link and the panels' alt text of a reflowed
# figure) are written once, in English, while the examples run. The transforms below put
# them in the build's language from interface.po (convdemo.site.i18n, domain "interface")
# and keep the sentences with file names out of the pages' catalogues (translatable=False):
# a translator translates each template once, never a file name.

#: sphinx-gallery's download links, by the class of their container.
GALLERY_DOWNLOADS = {
    "sphx-glr-download-jupyter": "Download Jupyter notebook: {file}",
    "sphx-glr-download-python": "Download Python source code: {file}",
    "sphx-glr-download-zip": "Download zipped: {file}",
}
#: sphinx-gallery's note at the top of an example page (a link, then the rest).
GALLERY_NOTE = (
    "sphx-glr-download-link-note",
    "Go to the end",
    "to download the full example code.",
)
#: The link text of each panel's CSV in a data sentence (``panel1``, ...).
PANEL_LINK = "panel{number}"
#: The zoom link under a one-panel figure too wide for a phone (docs/_ext/gallery_hooks.py).
ZOOM_LINK = ("Open the figure at full size", "(to zoom in on a phone).")
#: The alt text of the second and later panels of a reflowed figure.
PANEL_ALT = "Panel {number} of {count} of this figure"


def interface_messages() -> list[str]:
    """The templates these transforms look up that are not literals of a ``_()`` call."""
    from convdemo.site import figure_data

    return [
        figure_data.DATA_SENTENCE,
        figure_data.DATA_ALL_ARRAYS,
        figure_data.DATA_EACH_PANEL,
        figure_data.DATA_SIDECAR,
        PANEL_LINK,
        *GALLERY_DOWNLOADS.values(),
        *GALLERY_NOTE[1:],
        *ZOOM_LINK,
        PANEL_ALT,
    ]


def _replace_texts(node: nodes.Element, change) -> None:
    """Each text inside ``node`` through ``change(text) -> text``."""
    for text in list(node.findall(nodes.Text)):
        new = change(str(text))
        if new != str(text):
            text.parent.replace(text, nodes.Text(new))


def _untranslatable(node: nodes.Element) -> None:
    for element in node.findall(nodes.TextElement):
        element["translatable"] = False


class ComputedBoxes(SphinxTransform):
    """The install line, the data sentences and sphinx-gallery's download boxes: out of the
    pages' catalogues, in the build's language."""

    default_priority = 15  # before Sphinx's Locale transform (20) translates the page

    def apply(self, **kwargs) -> None:
        from convdemo.site import figure_data
        from convdemo.site.i18n import SOURCE_LANGUAGE, translator

        language = self.config.language or SOURCE_LANGUAGE
        translate = language != SOURCE_LANGUAGE
        if translate:  # every page: its boxes (and cite box, bundle line) change with the file
            from convdemo.site.i18n import LOCALE_DIR

            catalogue = LOCALE_DIR / language / "LC_MESSAGES" / "interface.po"
            self.env.note_dependency(str(catalogue))
        _ = translator(language, domain="interface")
        start = re.compile(
            re.escape(figure_data.DATA_SENTENCE).replace(re.escape("{licence}"), "(?P<licence>.*?)")
        )
        pieces = {
            figure_data.DATA_ALL_ARRAYS: _(figure_data.DATA_ALL_ARRAYS),
            figure_data.DATA_SIDECAR: _(figure_data.DATA_SIDECAR),
            figure_data.DATA_EACH_PANEL: _(figure_data.DATA_EACH_PANEL),
        }

        def data_sentence(text: str) -> str:
            match = start.match(text)
            if match:
                licence = match.group("licence")
                text = _(figure_data.DATA_SENTENCE).format(licence=licence) + text[match.end() :]
            panel = re.fullmatch(r"panel(\d+[a-z]?)", text)  # panel2, or panel1a of a grid
            if panel:
                return _(PANEL_LINK).format(number=panel.group(1))
            for english, local in pieces.items():
                text = text.replace(english, local)
            return text

        def download(template: str):
            prefix = template.split("{", 1)[0]

            def change(text: str) -> str:
                if not text.startswith(prefix):
                    return text
                return _(template).format(file=text[len(prefix) :])

            return change

        note_class, note_link, note_rest = GALLERY_NOTE

        def note(text: str) -> str:
            if text.strip() in (note_link, note_rest):
                space = " " if text[:1].isspace() else ""
                return space + _(text.strip())
            return text

        for node in list(self.document.findall(nodes.Element)):
            classes = node.get("classes", [])
            if note_class in classes:
                _untranslatable(node)
                if translate:
                    _replace_texts(node, note)
            elif isinstance(node, nodes.container) and RUN_LINE_CLASS in classes:
                _untranslatable(node)
            elif isinstance(node, nodes.container) and any(c in GALLERY_DOWNLOADS for c in classes):
                _untranslatable(node)
                if translate:
                    name = next(c for c in classes if c in GALLERY_DOWNLOADS)
                    _replace_texts(node, download(GALLERY_DOWNLOADS[name]))
            elif isinstance(node, nodes.paragraph) and start.match(node.astext()):
                node["translatable"] = False
                if translate:
                    _replace_texts(node, data_sentence)


class ComputedFigureTexts(SphinxTransform):
    """The zoom link and the panels' alt text of a reflowed figure, in the build's language
    (after the Locale transform: an alt text a page's catalogue translates is left alone)."""

    default_priority = 25

    def apply(self, **kwargs) -> None:
        import html

        from convdemo.site.i18n import SOURCE_LANGUAGE, translator

        language = self.config.language or SOURCE_LANGUAGE
        if language == SOURCE_LANGUAGE:
            return
        _ = translator(language, domain="interface")
        link, after = ZOOM_LINK
        panel = re.compile(
            re.escape(PANEL_ALT)
            .replace(re.escape("{number}"), r"(?P<number>\d+)")
            .replace(re.escape("{count}"), r"(?P<count>\d+)")
        )
        for node in list(self.document.findall(nodes.raw)):
            source = node.astext()
            if 'class="convdemo-zoom"' not in source or f"{link}</a> {after}" not in source:
                continue
            local = f"{html.escape(_(link))}</a> {html.escape(_(after))}"
            node.children = [nodes.Text(source.replace(f"{link}</a> {after}", local))]
        for node in self.document.findall(nodes.image):
            match = panel.match(node.get("alt", ""))
            if match and "convdemo-panel" in node.get("classes", []):
                start = _(PANEL_ALT).format(number=match["number"], count=match["count"])
                node["alt"] = start + node["alt"][match.end() :]


def setup(app: Sphinx) -> dict:
    app.add_transform(ComputedBoxes)
    app.add_transform(ComputedFigureTexts)
    app.add_role("data-licence", data_licence_role)
    app.connect("source-read", run_line)
    # Before convdemo_reproducible dates the zips (500) and the bundle is made (900).
    app.connect("build-finished", head_downloads, priority=450)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
