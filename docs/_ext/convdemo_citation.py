"""Citations of the convdemo site and of each gallery example, made from CITATION.cff.

* ``convdemo_citation`` (set by conf.py) is the parsed CITATION.cff: authors, title,
  version, date, site address. Nothing about the citation is written twice.
* The directive ``convdemo-citation`` (used on the "How to cite" page) shows the site's
  citation in APA style and as BibTeX.
* Every gallery example page gets a last section, "Cite this example" (anchor
  ``#cite-this-example``), with the example's title (read from the example itself), the
  version, its stable URL, and the same two citations. It is added when the page is read
  (``doctree-read``), so no example has to carry it and none can forget it.

cffconvert (which validates CITATION.cff in the tests) can also write BibTeX, but with a
placeholder key, no version, and a group author that BibTeX would split into a first and a
last name; the few lines below write what a reader can paste as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from posixpath import basename

from docutils import nodes
from docutils.parsers.rst import Directive

CITE_SECTION_ID = "cite-this-example"


@dataclass(frozen=True)
class Reference:
    """One citable thing: the site, or one page of it."""

    key: str
    title: str
    url: str
    version: str
    year: str
    authors: tuple[dict, ...]
    kind: str  # the APA bracket: "Computer software", "Gallery example"
    container: str = ""  # the site, for a page of it


def site_reference(cff: dict, version: str) -> Reference:
    """The site (and package) as a whole."""
    return Reference(
        key="convdemo",
        title=cff["title"],
        url=cff["url"],
        version=version,
        year=_year(cff),
        authors=tuple(cff["authors"]),
        kind="Computer software",
    )


def example_reference(cff: dict, version: str, title: str, path: str) -> Reference:
    """One gallery example, at ``path`` (relative to the site's root)."""
    stem = basename(path).rsplit(".", 1)[0]
    return Reference(
        key=f"convdemo_{re.sub(r'[^A-Za-z0-9_]+', '_', stem)}",
        title=title,
        url=cff["url"] + path,
        version=version,
        year=_year(cff),
        authors=tuple(cff["authors"]),
        kind="Gallery example",
        container=cff["title"],
    )


def _year(cff: dict) -> str:
    return str(cff.get("date-released", ""))[:4]


# -- BibTeX -----------------------------------------------------------------------------------

_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _bibtex_author(author: dict) -> str:
    if "name" in author:  # a group: braces keep BibTeX from splitting it into names
        return "{" + _bibtex_escape(author["name"]) + "}"
    given, family = author.get("given-names", ""), author.get("family-names", "")
    return _bibtex_escape(f"{family}, {given}" if given else family)


def bibtex(ref: Reference) -> str:
    """The reference as a BibTeX ``@misc`` entry (understood by BibTeX and biblatex)."""
    fields = [
        ("author", " and ".join(_bibtex_author(a) for a in ref.authors)),
        ("title", "{" + _bibtex_escape(ref.title) + "}"),  # keep the title's capitals
        ("howpublished", _bibtex_escape(ref.container) if ref.container else ""),
        ("year", ref.year),
        ("version", ref.version),
        ("note", f"Version {ref.version}"),
        ("url", ref.url),
    ]
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name:<{width}} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{ref.key},\n{body}\n}}"


# -- APA (7th edition) --------------------------------------------------------------------------


def _apa_author(author: dict) -> str:
    if "name" in author:
        return author["name"]
    initials = " ".join(f"{part[0]}." for part in author.get("given-names", "").split())
    return f"{author.get('family-names', '')}, {initials}".rstrip(", ")


def _apa_authors(authors: tuple[dict, ...]) -> str:
    names = [_apa_author(a) for a in authors]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def apa_nodes(ref: Reference) -> list[nodes.Node]:
    """The reference in APA style, title in italics, as inline nodes."""
    authors = _apa_authors(ref.authors)
    lead = f"{authors}{'' if authors.endswith('.') else '.'} ({ref.year or 'n.d.'}). "
    tail = f" (Version {ref.version}) [{ref.kind}]. "
    if ref.container:
        tail += f"In {ref.container}. "
    return [
        nodes.Text(lead),
        nodes.emphasis(ref.title, ref.title),
        nodes.Text(tail),
        nodes.reference(ref.url, ref.url, refuri=ref.url),
    ]


def apa_text(ref: Reference) -> str:
    """The APA citation as plain text (what a reader copies)."""
    return "".join(node.astext() for node in apa_nodes(ref))


def citation_nodes(ref: Reference) -> list[nodes.Node]:
    """An APA paragraph and a BibTeX block (with the site's copy button)."""
    apa = nodes.paragraph("", "", nodes.strong("APA: ", "APA: "), *apa_nodes(ref))
    apa["classes"].append("convdemo-cite-apa")
    text = bibtex(ref)
    block = nodes.literal_block(text, text, language="bibtex")
    block["classes"].append("convdemo-cite-bibtex")
    return [apa, nodes.paragraph("", "BibTeX:"), block]


# -- The site's citation (directive) ---------------------------------------------------------


class SiteCitation(Directive):
    """``convdemo-citation``: the site's citation, APA and BibTeX."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        config = self.state.document.settings.env.config
        ref = site_reference(config.convdemo_citation, config.release)
        container = nodes.container(classes=["convdemo-cite"])
        container.extend(citation_nodes(ref))
        return [container]


# -- "Cite this example" on every gallery example -------------------------------------------


def _is_gallery_example(app, docname: str) -> bool:
    gallery_dirs = app.config.sphinx_gallery_conf.get("gallery_dirs", [])
    if isinstance(gallery_dirs, str):
        gallery_dirs = [gallery_dirs]
    inside = any(docname.startswith(f"{folder.strip('/')}/") for folder in gallery_dirs)
    return inside and basename(docname) != "index"


def _cite_section(ref: Reference, language: str | None = None) -> nodes.section:
    """The section, its words in ``language`` (interface.po); the citations themselves
    (APA, BibTeX) are the work's, in English."""
    from convdemo.site.i18n import translator

    _ = translator(language, domain="interface")
    section = nodes.section(ids=[CITE_SECTION_ID])
    title = _("Cite this example")
    section += nodes.title(title, title)
    box = nodes.container(classes=["convdemo-cite"])
    facts = nodes.bullet_list()
    for label, value in (
        (_("Title"), nodes.Text(ref.title)),
        (_("Version"), nodes.Text(f"convdemo {ref.version}")),
        (_("Stable URL"), nodes.reference(ref.url, ref.url, refuri=ref.url)),
    ):
        item = nodes.paragraph("", "", nodes.strong(f"{label}: ", f"{label}: "), value)
        facts += nodes.list_item("", item)
    box += facts
    box.extend(citation_nodes(ref))
    section += box
    return section


def add_cite_box(app, doctree: nodes.document) -> None:
    """Append "Cite this example" to a gallery example's page, with the example's title."""
    docname = app.env.docname
    if not _is_gallery_example(app, docname):
        return
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is None or not isinstance(top[0], nodes.title):
        return
    path = app.builder.get_target_uri(docname)
    language = app.config.language
    if language and language != "en":  # a translated site lives under <language>/
        path = f"{language}/{path}"
    ref = example_reference(app.config.convdemo_citation, app.config.release, top[0].astext(), path)
    top += _cite_section(ref, app.config.language)


def setup(app):
    app.add_config_value("convdemo_citation", {}, "env", types=[dict])
    app.add_directive("convdemo-citation", SiteCitation)
    # Before Sphinx's own collectors (priority 500), so that the section is in the page's
    # table of contents.
    app.connect("doctree-read", add_cite_box, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
