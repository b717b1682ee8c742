"""Publishing the convdemo site: link previews and the offline bundle.

* Link previews: sphinxext-opengraph writes the OpenGraph tags; this module gives every
  page its own image, chosen at build time from the site's own figures (no social cards,
  nothing drawn or fetched): a gallery example's thumbnail, else the page's first figure,
  else the landing page's figure. API pages get their docstring's summary as description
  (sphinxext-opengraph skips API entries when it reads a page's text).
* The offline bundle: after the build, the whole site (every file of the HTML output but
  the bundle itself and dotfiles) goes into one zip, ``<project>-<release>-site.zip`` at the
  site's root, under one folder of the same name. It is deterministic: entries sorted, one
  fixed date, fixed permissions (``convdemo.site.reproducible.write_zip``). Unzipped,
  ``index.html`` opens from disk (``file://``): the site's links are relative, and MathJax
  is served by the site itself.
* The directive ``convdemo-bundle-link`` links the bundle from a page.
"""

from __future__ import annotations

import html
from pathlib import Path, PurePosixPath

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.util import logging

from convdemo.site.reproducible import write_zip

logger = logging.getLogger(__name__)

RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp"}  # what link previews can show
DESCRIPTION_LENGTH = 200  # sphinxext-opengraph's default


def bundle_name(config) -> str:
    return f"{config.project}-{config.release}-site.zip"


# -- Link previews ----------------------------------------------------------------------------


def _output_image(app, source_path: str) -> str | None:
    """The path under the site's root of an image the build copied, or None."""
    if PurePosixPath(source_path).suffix.lower() not in RASTER:
        return None
    if source_path not in app.env.images:
        return None
    return f"{app.builder.imagedir}/{app.env.images[source_path][1]}"


def _is_figure(node: nodes.Node) -> bool:
    # sphinx-gallery's figures are its own "imgsgnode"s, which it copies to _images itself.
    return isinstance(node, nodes.image) or node.tagname == "imgsgnode"


def _first_figure(app, doctree: nodes.Node) -> tuple[str, str] | None:
    for node in doctree.findall(_is_figure):
        alt = " ".join(node.get("alt", "").split())
        if node.tagname == "imgsgnode":
            name = PurePosixPath(node["uri"]).name
            if PurePosixPath(name).suffix.lower() in RASTER:
                return f"{app.builder.imagedir}/{name}", alt
            continue
        for uri in [node["uri"], *node.get("candidates", {}).values()]:
            image = _output_image(app, uri)
            if image:
                return image, alt
    return None


def _thumbnail(app, docname: str, title: str) -> tuple[str, str] | None:
    """A gallery example's thumbnail (sphinx-gallery writes it beside the example)."""
    folder, _, stem = docname.rpartition("/")
    image = _output_image(app, f"{folder}/images/thumb/sphx_glr_{stem}_thumb.png")
    if image is None:
        return None
    return image, f"Thumbnail of the convdemo example “{title}”"


def _site_figure(app) -> tuple[str, str] | None:
    """The landing page's first figure, for pages without one (computed once per process)."""
    if not hasattr(app, "_convdemo_site_figure"):
        doctree = app.env.get_doctree(app.config.root_doc)
        app._convdemo_site_figure = _first_figure(app, doctree)
    return app._convdemo_site_figure


def _title_of(doctree: nodes.Node) -> str:
    """The page's title: its first section's (not, say, a note's title before it)."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return ""
    return section[0].astext()


def _api_summary(doctree: nodes.Node) -> str:
    """An API page's first docstring paragraph, or "" for any other page."""
    content = next(iter(doctree.findall(addnodes.desc_content)), None)
    paragraph = next(iter(content.findall(nodes.paragraph)), None) if content else None
    if paragraph is None:
        return ""
    text = " ".join(paragraph.astext().split())
    if len(text) > DESCRIPTION_LENGTH:
        text = text[: DESCRIPTION_LENGTH - 3].rstrip() + "..."
    return text


def preview_image(app, pagename, templatename, context, doctree) -> None:
    """Give the page its own ``og:image`` (sphinxext-opengraph reads the page's metadata),
    and an API page its description."""
    if doctree is None or app.builder.format != "html":
        return
    found = None
    gallery_dirs = app.config.sphinx_gallery_conf.get("gallery_dirs", [])
    if any(pagename.startswith(f"{folder}/") for folder in gallery_dirs):
        found = _thumbnail(app, pagename, _title_of(doctree))
    found = found or _first_figure(app, doctree) or _site_figure(app)
    if found is None:
        return
    image, alt = found
    meta = dict(context.get("meta") or {})
    meta.setdefault("og:image", image)  # relative to ogp_site_url
    alt = alt or f"A figure of the convdemo page “{_title_of(doctree)}”"
    meta.setdefault("og:image:alt", html.escape(alt, quote=False))
    summary = _api_summary(doctree)
    if summary:
        meta.setdefault("og:description", html.escape(summary, quote=False))
        tag = f'<meta name="description" content="{html.escape(summary)}" />\n'
        context["metatags"] = context.get("metatags", "") + tag
    context["meta"] = meta


# -- The offline bundle ------------------------------------------------------------------------


class BundleLink(Directive):
    """``convdemo-bundle-link``: a paragraph linking the offline bundle of this release."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        name = bundle_name(env.config)
        # A translated site lives one folder down (it/), and the bundle at the site's root.
        translated = (env.config.language or "en") != "en"
        depth = env.docname.count("/") + translated
        uri = "../" * depth + name
        link = nodes.reference(name, name, refuri=uri)
        link["classes"].append("convdemo-bundle-link")
        from convdemo.site.i18n import translator

        _ = translator(env.config.language, domain="interface")
        text = _(BUNDLE_SENTENCE).format(release=env.config.release, bundle="\0")
        before, after = text.split("\0")
        paragraph = nodes.paragraph("", "", nodes.Text(before), link, nodes.Text(after))
        paragraph["translatable"] = False  # in the build's language already (interface.po)
        return [paragraph]


#: The bundle's paragraph (interface.po translates it; ``{bundle}`` is the link).
BUNDLE_SENTENCE = (
    "Download {bundle}: the whole site of convdemo {release}, every page, figure and formula, "
    "in one zip. Unzip it and open index.html in a browser; it needs no connection and no server."
)


def write_bundle(app, exception) -> None:
    """Zip the built site (deterministically) into its own root."""
    if exception is not None or app.builder.format != "html" or not app.config.convdemo_bundle:
        return
    if (app.config.language or "en") != "en":
        return  # a translated site (it/) lives inside the English one, whose bundle holds it
    out = Path(app.outdir)
    name = bundle_name(app.config)
    target = out / name
    # A bundle of an earlier version left in the output folder is not part of this site.
    for stale in out.glob(f"{app.config.project}-*-site.zip"):
        if stale != target:
            stale.unlink()
    files = sorted(
        (path.relative_to(out).as_posix(), path)
        for path in out.rglob("*")
        if path.is_file()
        and path != target
        and not any(part.startswith(".") for part in path.relative_to(out).parts)
    )
    top = name.removesuffix(".zip")
    partial = target.with_name(f".{name}.partial")
    # Already sorted. Deflated at level 1: the text (CSV, HTML) still shrinks to about a
    # fifth, in a third of the time of the default level, in every build.
    members = ((f"{top}/{relative}", path.read_bytes()) for relative, path in files)
    write_zip(str(partial), members, sort=False, level=1)
    partial.replace(target)
    size = target.stat().st_size / 2**20
    logger.info(f"offline bundle: {name} ({len(files)} files, {size:.1f} MiB)")


def setup(app):
    app.add_config_value("convdemo_bundle", True, "html", types=[bool])
    app.add_directive("convdemo-bundle-link", BundleLink)
    # Before sphinxext-opengraph (priority 500) reads the page's metadata.
    app.connect("html-page-context", preview_image, priority=400)
    # After every other build-finished step that writes into the site (at 500 or less).
    app.connect("build-finished", write_bundle, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
