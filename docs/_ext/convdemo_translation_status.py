"""On a translated build, each translatable element says whether it was translated.

Sphinx marks every message of a page as translated or not while it reads the page in the
build's language (its ``Locale`` transform), and its ``translation_progress_classes``
setting writes that mark into the HTML as a class: ``translated`` or ``untranslated``. This
extension turns the setting on for every language but the source one, so the built
Italian site itself shows what a reader meets in English: the coverage test
(tests/site/test_translations.py) reads those classes from the built pages, which are
always those of the current sources (a catalogue can lag behind a changed page; the page
cannot).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

SOURCE_LANGUAGE = "en"


class NothingToTranslate(SphinxTransform):
    """A message that is only a cross-reference (a gallery index's ``:doc:`` line, whose link
    text is the other page's translated title) has no words of its own: it counts as
    translated. Before Sphinx writes the classes (its ``AddTranslationClasses``, 950)."""

    default_priority = 940

    def apply(self, **kwargs) -> None:
        if (self.config.language or SOURCE_LANGUAGE) == SOURCE_LANGUAGE:
            return
        for node in self.document.findall(nodes.Element):
            if node.get("translated", True) or isinstance(node, nodes.image):
                continue
            children = [
                child
                for child in node.children
                if not (isinstance(child, nodes.Text) and not child.strip())
            ]
            if children and all(
                isinstance(child, addnodes.pending_xref | nodes.reference) for child in children
            ):
                node["translated"] = True


def mark_translation_status(app, config) -> None:
    """``translation_progress_classes = True`` on a translated build (left alone in English)."""
    if (config.language or SOURCE_LANGUAGE) != SOURCE_LANGUAGE:
        config.translation_progress_classes = True


def setup(app):
    app.connect("config-inited", mark_translation_status)
    app.add_transform(NothingToTranslate)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
