"""The theme's interface strings in the build's language, where its own catalogue has none.

pydata-sphinx-theme translates its templates through Sphinx's ``sphinx`` message catalogue;
its Italian catalogue leaves a few strings empty ("Color mode", "System Settings") and our
theme options add English ones ("More", "Search the docs ..."). Their translations are in
``docs/locale/theme/<language>/LC_MESSAGES/sphinx.po`` (written by hand, outside the page
catalogues that ``nox -s translations`` rewrites). This extension compiles that file and adds
it to the ``sphinx`` catalogue as a fallback: a string the theme translates keeps its
translation, one it leaves empty takes ours. myst-nb's toggle of a hidden code cell
("Show code cell source", a configuration value it writes as is) is looked up there too.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "locale" / "theme"
SOURCE_LANGUAGE = "en"


def compile_catalogue(language: str) -> bool:
    """``sphinx.po`` -> ``sphinx.mo`` for ``language`` when the ``.po`` is newer
    (:func:`convdemo_i18n.compile_catalogue`); False if the language has no such file."""
    from convdemo_i18n import compile_catalogue as compile_po

    po = FOLDER / language / "LC_MESSAGES" / "sphinx.po"
    if not po.is_file():
        return False
    compile_po(po, language, "sphinx")
    return True


#: Theme options whose text the theme's templates write without translating it.
TRANSLATED_OPTIONS = {"search_bar_text": "Search the docs ..."}
#: Configuration values of other extensions written on pages as they are: myst-nb's toggle
#: of a cell whose code is hidden (read by myst-nb at builder-inited, after this).
TRANSLATED_CONFIG = ("nb_code_prompt_show", "nb_code_prompt_hide")


def add_theme_strings(app, config) -> None:
    language = config.language or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE or not compile_catalogue(language):
        return
    app.add_message_catalog("sphinx", str(FOLDER))
    from convdemo.site.i18n import translator

    _ = translator(language, domain="sphinx", localedir=FOLDER)
    options = dict(config.html_theme_options)
    for option, default in TRANSLATED_OPTIONS.items():
        options[option] = _(options.get(option, default))
    config.html_theme_options = options
    for name in TRANSLATED_CONFIG:
        setattr(config, name, _(getattr(config, name)))


def setup(app):
    # After the theme (an extension loaded with html_theme) has added its own catalogue.
    app.connect("config-inited", add_theme_strings, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
