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


def compile_computed_catalogues(app) -> None:
    """``docs/locale/<language>/LC_MESSAGES/<domain>.po`` -> ``.mo`` (with Babel, which comes
    with Sphinx) for every domain of :data:`convdemo.site.i18n.DOMAINS` and every language of
    ``convdemo_languages``, when the ``.po`` is newer. It runs in every build, English
    included, before the gallery runs its examples: an example's figures are drawn once, for
    every language."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from convdemo.site import i18n
    from convdemo.site.atomic import write_bytes

    for language in app.config.convdemo_languages:
        if language == SOURCE_LANGUAGE:
            continue
        folder = i18n.LOCALE_DIR / language / "LC_MESSAGES"
        for domain in i18n.DOMAINS:
            po, mo = folder / f"{domain}.po", folder / f"{domain}.mo"
            if not po.is_file() or (mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime):
                continue
            with po.open("rb") as handle:
                catalogue = read_po(handle, locale=language, domain=domain)
            buffer = io.BytesIO()
            write_mo(buffer, catalogue, use_fuzzy=False)
            write_bytes(mo, buffer.getvalue())
            logger.info(f"convdemo_i18n: compiled {po.relative_to(Path(app.srcdir))}")


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


def setup(app):
    app.add_config_value("convdemo_languages", {SOURCE_LANGUAGE: "English"}, "html", types=[dict])
    app.add_config_value("convdemo_site_url", "", "html", types=[str])
    app.connect("config-inited", move_previews)
    app.connect("builder-inited", compile_computed_catalogues, priority=100)  # before the gallery
    app.connect("html-page-context", language_links)
    app.add_post_transform(LocaliseGluedNumbers)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
