"""Texts that code computes at build time, in the language of the build.

Sphinx translates what the pages say (``docs/locale/<lang>/LC_MESSAGES/<page>.po``, made
by ``nox -s translations``). Texts that Python computes while the site is built (question
prompts and feedback, alt text, figure titles) are in no page's catalogue: the code looks
them up itself, with :func:`translator`, in the catalogue of the domain ``convdemo``
(``docs/locale/<lang>/LC_MESSAGES/convdemo.po``, compiled to ``.mo`` by the docs build).
The language is the build's (Sphinx's ``config.language``); a text without a translation
stays English.

Numbers in prose are formatted for the language with :func:`format_number` (``0,5`` in
Italian); numbers that are code (``conv2d(x, k, stride=2)``, array reprs) keep their dots.

How a computed text goes through it: the code keeps its English template with named
fields and formats it *after* the lookup, so one catalogue entry serves every number::

    _ = translator(language)
    _("Question {number} of {total}.").format(number=3, total=10)

A gallery example's alt text is computed when the example runs (once, in English, for both
languages): to translate it, the scraper would store the template and its fields beside the
image, and the page would format the looked-up template at build time, like the line above.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from pathlib import Path

#: The folder of the catalogues: docs/locale in a checkout.
LOCALE_DIR = Path(__file__).resolve().parents[2] / "docs" / "locale"
#: The catalogue (gettext domain) of the texts that code computes.
DOMAIN = "convdemo"
#: Every catalogue of computed texts (one file each in ``LC_MESSAGES``, kept apart so that
#: their owners do not edit one file): the questions and worksheet (``convdemo``), the
#: interface strings of the pages' scripts and boxes (``interface``), the figures' titles,
#: labels and alt text (``figures``). The docs build compiles each to ``.mo``.
DOMAINS = ("convdemo", "interface", "figures")
#: The site's source language: its texts are the message ids.
SOURCE_LANGUAGE = "en"
#: The decimal separator of prose in each language of the site (others: ".").
DECIMAL_SEPARATOR = {"en": ".", "it": ","}


def _check_language(language: object, name: str = "language") -> str:
    if not isinstance(language, str) or not language.strip():
        raise TypeError(f"{name} must be a language code such as 'en' or 'it', got {language!r}")
    return language.strip()


def translator(
    language: str | None, *, domain: str = DOMAIN, localedir: str | Path | None = None
) -> Callable[[str], str]:
    """A ``_`` function that translates a message into ``language``.

    Parameters
    ----------
    language : str or None
        A language code (``"it"``); ``None`` or ``"en"`` gives the English text back.
    domain : str, optional
        The catalogue's name (``<localedir>/<language>/LC_MESSAGES/<domain>.mo``).
    localedir : str or Path, optional
        The catalogues' folder; :data:`LOCALE_DIR` by default.

    Returns
    -------
    callable
        ``_(message) -> str``: the translation, or the message itself when the catalogue
        has none (or no catalogue exists).

    Raises
    ------
    TypeError
        If ``language`` is neither None nor a non-empty string, or ``domain`` is not a
        non-empty string.

    Examples
    --------
    >>> _ = translator("en")
    >>> _("Check yourself")
    'Check yourself'
    >>> translator("xx")("Check yourself")  # no catalogue: English
    'Check yourself'
    """
    if language is not None:
        language = _check_language(language)
    _check_language(domain, "domain")
    if language is None or language == SOURCE_LANGUAGE:
        return str
    folder = Path(localedir) if localedir is not None else LOCALE_DIR
    catalogue = gettext.translation(
        domain, localedir=str(folder), languages=[language], fallback=True
    )
    return catalogue.gettext


def format_number(value: float, language: str | None, *, digits: int | None = None) -> str:
    """``value`` written for prose in ``language``: ``0,5`` in Italian, ``0.5`` in English.

    Parameters
    ----------
    value : float
        The number (a Python or numpy number).
    language : str or None
        A language code; None is English.
    digits : int, optional
        Digits after the decimal separator (rounded); by default as many as the number
        needs (at most 6).

    Returns
    -------
    str
        The number with the language's decimal separator (and no grouping of thousands
        below 10 000, as style guides for both languages recommend).

    Raises
    ------
    TypeError
        If ``value`` is not a real number, ``language`` not a language code, or ``digits``
        not an int.
    ValueError
        If ``digits`` is negative or ``value`` is not finite.

    Examples
    --------
    >>> format_number(0.5, "it")
    '0,5'
    >>> format_number(0.5, "en")
    '0.5'
    >>> format_number(2 / 3, "it", digits=2)
    '0,67'
    >>> format_number(-1.25, "it")
    '-1,25'
    """
    import math
    import numbers

    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"value must be a real number, got {type(value).__name__}")
    if language is not None:
        language = _check_language(language)
    if digits is not None and (isinstance(digits, bool) or not isinstance(digits, int)):
        raise TypeError(f"digits must be an int, got {type(digits).__name__}")
    if digits is not None and digits < 0:
        raise ValueError(f"digits must be 0 or more, got {digits}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"value must be finite, got {value}")
    text = f"{value:.{digits}f}" if digits is not None else f"{round(value, 6):.6f}".rstrip("0")
    text = text.rstrip(".") if digits is None else text
    if text.strip("-0.") == "":
        text = text.lstrip("-")  # no "-0"
    return text.replace(".", DECIMAL_SEPARATOR.get(language or SOURCE_LANGUAGE, "."))


#: A computed piece of prose that is only numbers: "0.1, 0.5 and 1", "+2", "-0.51", "5×5"
#: (not a tuple: "(5, 5)" is code).
_NUMBER_LIST = re.compile(r"[\d\s.,+\-\u2212\u00d7%]*(?:\band\b[\d\s.,+\-\u2212\u00d7%]*)*")


def localise_numbers(text: str, language: str | None) -> str:
    """A computed list of numbers in English (``"0.1, 0.5 and 1"``) written for ``language``.

    Myst-nb's glued values are computed once, when a page's notebook runs, in English; the
    translated build passes each of them through this function. Only a text made of numbers
    (with ``,``, ``and``, signs, ``×``, ``%``) changes; anything else, a tuple such as
    ``(5, 5)`` included, is returned as it is.
    In a language whose decimal separator is the comma, the list's commas become
    semicolons (``0,1; 0,5 e 1``), as Italian style does to keep the numbers apart.

    Parameters
    ----------
    text : str
        The glued text.
    language : str or None
        The build's language; None or ``"en"`` leaves the text alone.

    Returns
    -------
    str
        The text, localised when it is a list of numbers.

    Raises
    ------
    TypeError
        If ``text`` is not a str or ``language`` not a language code.

    Examples
    --------
    >>> localise_numbers("0.1, 0.5, 1", "it")  # "and" -> "e" from convdemo.mo, once built
    '0,1; 0,5; 1'
    >>> localise_numbers("+0.4, +2 and +4", "en")
    '+0.4, +2 and +4'
    >>> localise_numbers("5×5", "it")
    '5×5'
    >>> localise_numbers("relu(x) = 0.5", "it")  # not only numbers: left alone
    'relu(x) = 0.5'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if language is not None:
        language = _check_language(language)
    if language is None or language == SOURCE_LANGUAGE or not _NUMBER_LIST.fullmatch(text):
        return text
    separator = DECIMAL_SEPARATOR.get(language, ".")
    if separator == ",":
        text = text.replace(", ", "; ")
    text = re.sub(r"(?<=\d)\.(?=\d)", separator, text)
    return re.sub(r"\band\b", translator(language)("and"), text)
