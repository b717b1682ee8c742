"""The layout of the gallery's pages: each figure before the code that made it, in a
column wide enough for the code.

sphinx-gallery writes a code cell, then the figures the cell drew, then what it printed.
A learner reads the page for the figure and its finding, so here, in every example and
tutorial page's doctree, the figures of a cell (sphinx-gallery's ``image-sg`` images,
animation players, and the figure's data downloads under them) move up to just before the
cell's code. Its printed output stays after the code, where it belongs.

The code cell keeps its place in the text: the paragraph before it, then the figure, then
the few lines that made it, read as "this is what we found; this is how". The page's first
figure comes right after its first paragraph, the finding, so that the title, the finding
and the figure that shows it open the page (the paragraphs that explain it follow).

The pages also go without the theme's secondary sidebar (its only entries there were
"Cite this example" and "Show source", both on the page itself): the column is then wide
enough for the gallery's 88-character code lines at 1280 px, without a sideways scroll.
The theme's documented file-wide metadata ``html_theme.sidebar_secondary.remove`` does it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

#: Classes of what belongs to a figure (set by docs/_ext/gallery_hooks.py's scraper; a
#: multi-panel figure is a ``convdemo-reflow`` container: the whole and its pieces; a
#: one-panel figure too wide for a phone a ``convdemo-zoomable`` one, with its zoom link).
FIGURE_PARTS = (
    "sphx-glr-animation",
    "convdemo-figure-data",
    "convdemo-reflow",
    "convdemo-zoomable",
)


def _is_code_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.literal_block) and node.get("language", "").lower() == "python"


def _is_figure_part(node: nodes.Node) -> bool:
    if node.tagname == "imgsgnode":  # sphinx-gallery's own image node
        return True
    return isinstance(node, nodes.Element) and any(
        name in node.get("classes", []) for name in FIGURE_PARTS
    )


def _figures_first(parent: nodes.Element, *, top: bool = False) -> int:
    """Move each code cell's figures before it, in `parent`; how many parts moved.

    In the page's `top` section the first cell's figures go higher still: right after
    the page's first paragraph (its finding), ahead of the paragraphs that explain it.
    """
    moved = 0
    children = list(parent.children)
    order: list[nodes.Node] = []
    finding = None  # where in `order` the first paragraph ends, on the top section
    if top:
        paragraphs = [i for i, node in enumerate(children) if isinstance(node, nodes.paragraph)]
        cells = [i for i, node in enumerate(children) if _is_code_cell(node)]
        if paragraphs and (not cells or paragraphs[0] < cells[0]):
            finding = paragraphs[0] + 1
    index = 0
    while index < len(children):
        node = children[index]
        index += 1
        if not _is_code_cell(node):
            order.append(node)
            continue
        figures: list[nodes.Node] = []
        others: list[nodes.Node] = []
        # What the cell produced follows it, up to the next text or cell: its figures,
        # its printed output, sphinx-gallery's comments.
        while index < len(children) and (
            _is_figure_part(children[index]) or isinstance(children[index], nodes.comment)
        ):
            (figures if _is_figure_part(children[index]) else others).append(children[index])
            index += 1
        moved += len(figures)
        if finding is not None and figures:
            order[finding:finding] = figures
            order.extend([node, *others])
        else:
            order.extend([*figures, node, *others])
        finding = None  # only the first cell's figures
    if moved:
        parent.children = []
        parent.extend(order)
    return moved


def _is_gallery_page(app: Sphinx, docname: str) -> bool:
    gallery_dirs = app.config.sphinx_gallery_conf.get("gallery_dirs", [])
    if isinstance(gallery_dirs, str):
        gallery_dirs = [gallery_dirs]
    return any(docname.startswith(f"{folder}/") for folder in gallery_dirs)


def gallery_layout(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: on the gallery's pages, every figure before its code cell, and
    no secondary sidebar."""
    docname = app.env.docname
    if not _is_gallery_page(app, docname):
        return
    sections = list(doctree.findall(nodes.section))
    for section in sections:
        _figures_first(section, top=section is sections[0])
    # after Sphinx's own metadata collector (priority 500), which sets the page's metadata
    app.env.metadata[docname]["html_theme.sidebar_secondary.remove"] = "true"


def _visit_image_sg(self, node) -> None:
    """sphinx-gallery's ``<img>`` for its ``image-sg`` images, with every class of the
    directive's ``:class:`` (sphinx-gallery writes only the first): the scraper's
    ``convdemo-full`` and ``convdemo-textpx-*`` classes reach the page."""
    from sphinx_gallery.directives import visit_imgsg_html

    visit_imgsg_html(self, node)
    classes = node.get("class") or []
    if len(classes) > 1 and self.body and self.body[-1].startswith("<img "):
        self.body[-1] = self.body[-1].replace(
            f'class = "{classes[0]}"', f'class="{" ".join(classes)}"'
        )


def setup(app: Sphinx) -> dict[str, object]:
    from sphinx_gallery.directives import depart_imgsg_html, imgsgnode

    app.setup_extension("sphinx_gallery.gen_gallery")  # its node first, then ours over it
    app.add_node(imgsgnode, override=True, html=(_visit_image_sg, depart_imgsg_html))
    app.connect("doctree-read", gallery_layout, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
