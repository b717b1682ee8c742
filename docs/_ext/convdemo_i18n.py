"""One source, several languages: each page links to itself in the other languages.

The site is built once per language from the same sources (``nox -s docs``): English, the
source language, at the site's root, each other language of ``convdemo_languages`` under
``<language>/`` (Italian under ``it/``), its pages translated by Sphinx from
``docs/locale/<language>/LC_MESSAGES/*.po``. This extension:

* gives each page ``<link rel="alternate" hreflang=...>`` tags for every language (and
  ``x-default``, the English page), as absolute addresses under the published site's root;
* gives the header a language switcher (template ``convdemo-language.html``): a relative
  link to the same page in the other language, so it works from disk too;
* on a translated build, moves the link previews' root (``ogp_site_url``) under the
  language's folder;
* on a translated build, writes myst-nb's glued numbers for the language (``0,5``), with
  :func:`convdemo.site.i18n.localise_numbers` (the notebooks run once, in English);
* compiles the catalogues of the texts that code computes (``convdemo.po``, ``interface.po``,
  ``figures.po``, read by :mod:`convdemo.site.i18n`) into ``.mo`` files before the gallery
  runs its examples.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"


def _prefix(language: str) -> str:
    """The folder of a language's site under the site's root ("" for the source language)."""
    return "" if language == SOURCE_LANGUAGE else f"{language}/"


def _current(app) -> str:
    return app.config.language or SOURCE_LANGUAGE


def move_previews(app, config) -> None:
    """On a translated build, link previews and their images live under ``<language>/``."""
    language = config.language or SOURCE_LANGUAGE
    site_url = getattr(config, "ogp_site_url", "")
    if language != SOURCE_LANGUAGE and site_url and not site_url.endswith(f"/{language}/"):
        config.ogp_site_url = site_url.rstrip("/") + "/" + _prefix(language)


def compile_catalogue(po: Path, language: str, domain: str) -> bool:
    """``po`` -> the ``.mo`` beside it (with Babel, which comes with Sphinx; fuzzy messages
    left out), when the ``.po`` is newer than the ``.mo``. True if it compiled."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from convdemo.site.atomic import write_bytes

    mo = po.with_suffix(".mo")
    if not po.is_file() or (mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime):
        return False
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=language, domain=domain)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    write_bytes(mo, buffer.getvalue())
    return True


def compile_computed_catalogues(app) -> None:
    """``docs/locale/<language>/LC_MESSAGES/<domain>.po`` -> ``.mo`` for every domain of
    :data:`convdemo.site.i18n.DOMAINS` and every language of ``convdemo_languages``
    (:func:`compile_catalogue`). It runs in every build, English included, before the
    gallery runs its examples: an example's figures are drawn once, for every language."""
    from convdemo.site import i18n

    for language in app.config.convdemo_languages:
        if language == SOURCE_LANGUAGE:
            continue
        folder = i18n.LOCALE_DIR / language / "LC_MESSAGES"
        for domain in i18n.DOMAINS:
            po = folder / f"{domain}.po"
            if compile_catalogue(po, language, domain):
                logger.info(f"convdemo_i18n: compiled {po.relative_to(Path(app.srcdir))}")


def redraw_when_figure_texts_change(app) -> None:
    """The translated figures are drawn when an example or a notebook runs; a changed
    ``figures.po`` must draw them again. When the catalogues of figure texts differ from
    the ones the last build drew with (a stamp in each gallery folder), every example and
    notebook runs again: the gallery's ``.md5`` records and myst-nb's cache are removed.
    Before the gallery runs (``builder-inited``, priority 100)."""
    import hashlib
    import shutil

    from convdemo.site import i18n
    from convdemo.site.atomic import write_text

    digest = hashlib.sha256()
    for language in i18n.figure_languages():
        po = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.FIGURES_DOMAIN}.po"
        digest.update(language.encode() + b"\0" + po.read_bytes() + b"\0")
    current = digest.hexdigest() + "\n"
    changed = False
    for name in app.config.sphinx_gallery_conf.get("gallery_dirs", []):
        folder = Path(app.srcdir) / name
        stamp = folder / ".figure-texts.sha256"
        if stamp.is_file() and stamp.read_text() == current:
            continue
        for record in folder.rglob("*.md5"):  # none in a new folder: nothing ran yet
            record.unlink()
            changed = True
        folder.mkdir(parents=True, exist_ok=True)
        write_text(stamp, current)
    cache = Path(app.config.nb_execution_cache_path or "")
    if changed and cache.name and cache.is_dir():
        shutil.rmtree(cache)
    if changed:
        logger.info("convdemo_i18n: figures.po changed; the examples and notebooks run again")


def language_links(app, pagename, templatename, context, doctree) -> None:
    """The page's hreflang alternates and its language switcher."""
    if app.builder.format != "html":
        return
    current = _current(app)
    names = app.config.convdemo_languages
    target = app.builder.get_target_uri(pagename)
    # From this page up to the site's root (the source language's root).
    up = "../" * (pagename.count("/") + (current != SOURCE_LANGUAGE))
    root_url = app.config.convdemo_site_url
    tags = []
    for language in names:
        if root_url:
            url = f"{root_url}{_prefix(language)}{target}"
            tags.append(f'<link rel="alternate" hreflang="{language}" href="{url}" />')
            if language == SOURCE_LANGUAGE:
                tags.append(f'<link rel="alternate" hreflang="x-default" href="{url}" />')
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
    from convdemo.site.i18n import translator

    context["convdemo_language_label"] = translator(current)("Language")
    context["convdemo_languages"] = [
        {
            "code": language,
            "name": name,
            "href": f"{up}{_prefix(language)}{target}",
            "current": language == current,
        }
        for language, name in names.items()
    ]


class LocaliseGluedNumbers(SphinxPostTransform):
    """Glued values (``{glue:text}``) that are numbers, in the build's language."""

    default_priority = 900  # after myst-nb has pasted every glued value

    def run(self, **kwargs) -> None:
        from convdemo.site.i18n import localise_numbers

        language = self.config.language or SOURCE_LANGUAGE
        if language == SOURCE_LANGUAGE:
            return
        for node in list(self.document.findall(nodes.inline)):
            if "pasted-text" not in node["classes"]:
                continue
            text = node.astext()
            localised = localise_numbers(text, language)
            if localised != text:
                node.children = []
                node += nodes.Text(localised)


def _png_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG, from its header; None for another kind of file."""
    with path.open("rb") as handle:
        head = handle.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def _fit_size(node, srcdir: Path, translated: str) -> None:
    """An image shown at a set size (``:width:``, ``:height:`` in pixels) whose translated
    file has other pixel sizes (a longer title widens a panel): the size set scaled alike,
    so the translated image is not stretched."""
    import re

    english = node["uri"]
    if translated == english or not any(key in node for key in ("width", "height")):
        return
    sizes = [_png_size(srcdir / uri.lstrip("/")) for uri in (english, translated)]
    if None in sizes:
        return
    (w0, h0), (w1, h1) = sizes
    for key, ratio in (("width", w1 / w0), ("height", h1 / h0)):
        match = re.fullmatch(r"(\d+(?:\.\d+)?)(px)?", str(node.get(key, "")))
        if match:
            node[key] = f"{round(float(match[1]) * ratio)}{match[2] or ''}"


#: The node attribute that keeps an image's English alt text for :class:`TranslateFigures`.
ENGLISH_ALT = "convdemo_english_alt"


class KeepEnglishAlt(SphinxTransform):
    """Before Sphinx's Locale transform translates a page, each image's English alt text is
    kept (:data:`ENGLISH_ALT`): the figures' catalogue looks it up after (a page catalogue
    may have translated part of it, or all of it at a number that has changed since)."""

    default_priority = 15

    def apply(self, **kwargs) -> None:
        if (self.config.language or SOURCE_LANGUAGE) == SOURCE_LANGUAGE:
            return
        for node in self.document.findall(nodes.image):
            if node.get("alt"):
                node[ENGLISH_ALT] = node["alt"]


class TranslateFigures(SphinxTransform):
    """On a translated build, the figures in the build's language: each image's file is its
    ``.it`` version where one exists and its alt text is looked up in the figures' catalogue.

    The figures are drawn once, when the examples run, in English and again in each
    translated language (``x.png`` and ``x.it.png`` side by side; the scraper in
    docs/_ext/gallery_hooks.py, :func:`convdemo.site.figure_data.page_figure`, the landing
    figure); the rST stays English, for both builds. Sphinx itself picks ``x.it.png`` for an
    ``image`` node (``figure_language_filename``); sphinx-gallery's ``image-sg`` nodes (the
    whole figure and its ``srcset``) and the zoom link beside a wide figure are pointed at
    the translated files here. Alt text and a stacked figure's title go through
    :func:`convdemo.site.i18n.figure_translator` (computed texts: numbers and names are
    fields of templates). It runs after Sphinx's own translation of the page (priority 20), on
    the English alt text kept by :class:`KeepEnglishAlt`: the figures' catalogue wins, a
    page catalogue's translation stays where the figures' catalogue has none. An image it
    translates is marked translated (``translation_progress_classes``).
    """

    default_priority = 22  # after Sphinx's Locale (20), before its progress count (25)

    def apply(self, **kwargs) -> None:
        import html
        import re

        from sphinx.util.i18n import get_image_filename_for_language
        from sphinx_gallery.directives import imgsgnode

        from convdemo.site import i18n

        language = self.config.language or SOURCE_LANGUAGE
        if language == SOURCE_LANGUAGE or language not in i18n.figure_languages():
            return
        translate = i18n.figure_translator(language)
        if next(iter(self.document.findall(nodes.image)), None) or next(
            iter(self.document.findall(imgsgnode)), None
        ):  # a page with figures is read again when their texts' catalogue changes
            self.env.note_dependency(
                str(i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.FIGURES_DOMAIN}.po")
            )
        srcdir = Path(self.env.srcdir)
        renamed: dict[str, str] = {}

        def localised(uri: str) -> str:
            if not uri.startswith("/"):
                return uri  # sphinx-gallery's are absolute ("/auto_examples/...")
            candidate = get_image_filename_for_language(uri, self.env)
            if (srcdir / candidate.lstrip("/")).is_file():
                renamed[Path(uri).name] = Path(candidate).name
                return candidate
            return uri

        for node in self.document.findall(nodes.image):
            english = node.get(ENGLISH_ALT)
            found = translate.lookup(english or node.get("alt") or "")
            if found is not None:  # else the page's catalogue's translation, if any
                node["alt"] = " ".join(found.split())  # a title's line break: a space
                node["translated"] = True  # Sphinx's mark (translation_progress_classes)
            elif english and node.get("alt") and node["alt"] != english:
                # translated by the page's catalogue, which Sphinx marks "untranslated" for
                # an image (its Locale transform sets the alt text but not the mark)
                node["translated"] = True
            _fit_size(node, srcdir, localised(node["uri"]))
        for node in self.document.findall(imgsgnode):
            if node.get("alt"):
                node["alt"] = " ".join(translate(node["alt"]).split())
            node["uri"] = localised(node["uri"])
            if node.get("srcset"):
                node["srcset"] = re.sub(
                    r"/[^\s,]+", lambda m: localised(m.group(0)), node["srcset"]
                )
        title = re.compile(r'(<p class="convdemo-panels-title">)(.*?)(</p>)', re.S)
        for node in self.document.findall(nodes.raw):
            text = node.astext()
            new = title.sub(
                lambda m: m[1] + html.escape(translate(html.unescape(m[2]))) + m[3], text
            )
            new = re.sub(r"(_images/)([^\"/]+)", lambda m: m[1] + renamed.get(m[2], m[2]), new)
            if new != text:
                node.children = []
                node += nodes.Text(new)


def report_figure_cost(app, exception) -> None:
    """The build log says what drawing the figures once more per language cost."""
    import sys

    hooks = sys.modules.get("gallery_hooks")
    figures, seconds = getattr(hooks, "TRANSLATION_COST", (0, 0.0))
    if figures:
        logger.info(
            f"convdemo_i18n: {figures} figures drawn once more in each translated language "
            f"in {seconds:.1f} s"
        )


def setup(app):
    app.add_config_value("convdemo_languages", {SOURCE_LANGUAGE: "English"}, "html", types=[dict])
    app.add_config_value("convdemo_site_url", "", "html", types=[str])
    app.connect("config-inited", move_previews)
    app.connect("builder-inited", compile_computed_catalogues, priority=100)  # before the gallery
    app.connect("builder-inited", redraw_when_figure_texts_change, priority=100)
    app.connect("html-page-context", language_links)
    app.connect("build-finished", report_figure_cost)
    app.add_post_transform(LocaliseGluedNumbers)
    app.add_transform(KeepEnglishAlt)
    app.add_transform(TranslateFigures)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
