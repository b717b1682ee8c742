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

SOURCE_LANGUAGE = "en"


def mark_translation_status(app, config) -> None:
    """``translation_progress_classes = True`` on a translated build (left alone in English)."""
    if (config.language or SOURCE_LANGUAGE) != SOURCE_LANGUAGE:
        config.translation_progress_classes = True


def setup(app):
    app.connect("config-inited", mark_translation_status)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
