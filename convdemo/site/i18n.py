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

A figure's texts (titles, labels, legends, alt text) are computed when its example runs,
once, in English, with the numbers in them. :func:`figure_translator` gives the ``_`` of
the figures' catalogue (``figures.po``, hand-written): a text is looked up whole, or read
as a template of the catalogue (``"Layer {layer}: peak {value}"``) whose fields are
translated in turn (numbers written for the language). :class:`translated_figure` sets a
figure's texts in a language while it is saved once more (``x.it.png`` beside ``x.png``,
:func:`localised_filename`); the translated build shows those files and looks the alt
text up (docs/_ext/convdemo_i18n.py). The examples run once for every language.
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
        The catalogue's name (``<localedir>/<language>/LC_MESSAGES/<domain>.mo``; its
        ``.po`` is read when the ``.mo`` is missing or older).
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
    po = folder / language / "LC_MESSAGES" / f"{domain}.po"
    mo = po.with_suffix(".mo")
    if po.is_file() and (not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime):
        # no compiled catalogue yet (a fresh clone before its first docs build), or an
        # older one: read the .po itself (its finished messages, as the build compiles them)
        messages = {key: text for key, (text, _) in read_catalogue(po).items()}
        return lambda message: messages.get(message, message)
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


#: A computed piece of prose that is only numbers: "0.1, 0.5 and 1", "+2", "-0.51", "5×5",
#: rows of a grid "1.5, 2 / 0, 1" (not a tuple: "(5, 5)" is code).
_NUMBER_LIST = re.compile(r"[\d\s.,/+\-\u2212\u00d7%]*(?:\band\b[\d\s.,/+\-\u2212\u00d7%]*)*")


def localise_numbers(text: str, language: str | None) -> str:
    """A computed list of numbers in English (``"0.1, 0.5 and 1"``) written for ``language``.

    Myst-nb's glued values are computed once, when a page's notebook runs, in English; the
    translated build passes each of them through this function. Only a text made of numbers
    (with ``,``, ``and``, signs, ``×``, ``%``) changes; anything else, a tuple such as
    ``(5, 5)`` included, is returned as it is.
    In a language whose decimal separator is the comma, the commas of a list with
    decimals become semicolons (``0,1; 0,5 e 1``), as Italian style does to keep the
    numbers apart; a list of whole numbers keeps its commas (``1, 2 e 3``).

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
    >>> localise_numbers("12,704, 0.5", "it")  # thousands: a narrow no-break space
    '12\\u202f704; 0,5'
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
    return _number_list(text, language, translator(language)("and"))


def _number_list(text: str, language: str, and_word: str) -> str:
    """A list of numbers (``_NUMBER_LIST``) written for ``language``, "and" as ``and_word``."""
    separator = DECIMAL_SEPARATOR.get(language, ".")
    if separator == ",":  # 12,704 is twelve thousand: 12 704 (a narrow no-break space)
        text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "\u202f", text)
    if separator == "," and re.search(r"\d\.\d", text):
        text = text.replace(", ", "; ")
    text = re.sub(r"(?<=\d)\.(?=\d)", separator, text)
    return re.sub(r"\band\b", and_word, text)


# --------------------------------------------------------------------------------------------
# Figures: titles, labels and alt text computed when an example runs, translated by lookup.

#: The catalogue of the figures' texts (``<LOCALE_DIR>/<language>/LC_MESSAGES/figures.po``).
FIGURES_DOMAIN = "figures"
#: Sphinx's default ``figure_language_filename``: ``x.png`` -> ``x.it.png``.
LANGUAGE_FILENAME = "{root}.{language}{ext}"
# Words (two letters or more) outside math: a text without any is neutral ("2 ·", "(5, 5)").
_MATH = re.compile(r"\$[^$]*\$")
_WORD = re.compile(r"[A-Za-z]{2}")


def localised_filename(path: str | Path, language: str) -> str:
    """The file name Sphinx looks for on a ``language`` build: ``x_001.png`` -> ``x_001.it.png``.

    Parameters
    ----------
    path : str or Path
        An image's path (or name).
    language : str
        A language code.

    Returns
    -------
    str
        ``path`` with ``.<language>`` before its extension (Sphinx's default
        ``figure_language_filename``, :data:`LANGUAGE_FILENAME`).

    Raises
    ------
    TypeError
        If ``language`` is not a language code.

    Examples
    --------
    >>> localised_filename("images/sphx_glr_x_001_2_00x.png", "it")
    'images/sphx_glr_x_001_2_00x.it.png'
    """
    import os

    language = _check_language(language)
    root, ext = os.path.splitext(os.fspath(path))
    return LANGUAGE_FILENAME.format(root=root, language=language, ext=ext)


def figure_languages(localedir: str | Path | None = None) -> tuple[str, ...]:
    """The languages that have a catalogue of figure texts (``figures.po``), sorted.

    Examples
    --------
    >>> "it" in figure_languages()
    True
    """
    folder = Path(localedir) if localedir is not None else LOCALE_DIR
    if not folder.is_dir():
        return ()
    found = (p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{FIGURES_DOMAIN}.po"))
    return tuple(sorted(language for language in found if language != SOURCE_LANGUAGE))


def _unquote(line: str, path: object, number: int) -> str:
    import ast

    line = line.strip()
    if len(line) < 2 or line[0] != '"' or line[-1] != '"':
        raise ValueError(f"{path}:{number}: expected a quoted string, got {line[:40]!r}")
    return ast.literal_eval(line)


def read_catalogue(path: str | Path) -> dict[str, tuple[str, bool]]:
    """The finished messages of a hand-written ``.po`` file: msgid -> (msgstr, is_template).

    Fuzzy, untranslated and obsolete (``#~``) messages and the header are left out. A
    message flagged ``#, python-brace-format`` is a template: its ``{named}`` fields are
    matched by :class:`TextTranslator`; any other message is looked up as it is (braces
    in mathtext, ``$w_{ij}$``, are not fields).

    Parameters
    ----------
    path : str or Path
        The ``.po`` file.

    Returns
    -------
    dict
        msgid -> (msgstr, True if it is a template).

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If a line is not valid ``.po`` syntax (the file and line are named).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     po = Path(folder) / "figures.po"
    ...     _ = po.write_text('#, python-brace-format\\nmsgid "Peak {v}"\\nmsgstr "Picco {v}"\\n')
    ...     read_catalogue(po)
    {'Peak {v}': ('Picco {v}', True)}
    """
    path = Path(path)
    messages: dict[str, tuple[str, bool]] = {}
    flags: set[str] = set()
    key = None
    parts: dict[str, list[str]] = {}

    def finish() -> None:
        msgid, msgstr = "".join(parts.get("msgid", [])), "".join(parts.get("msgstr", []))
        if msgid and msgstr and "fuzzy" not in flags and "msgctxt" not in parts:
            messages[msgid] = (msgstr, "python-brace-format" in flags)

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if parts:
                finish()
                parts, flags, key = {}, set(), None
            if stripped.startswith("#~"):
                flags = set()  # an obsolete entry's flags are its own, not the next one's
            elif stripped.startswith("#,"):
                flags |= {flag.strip() for flag in stripped[2:].split(",")}
            continue
        word, _, rest = stripped.partition(" ")
        if word in ("msgctxt", "msgid", "msgstr", "msgid_plural") or word.startswith("msgstr["):
            if word in ("msgctxt", "msgid") and "msgstr" in parts:
                finish()
                parts, flags = {}, set()
            key = word
            parts[key] = [_unquote(rest, path, number)]
        elif stripped.startswith('"') and key is not None:
            parts[key].append(_unquote(stripped, path, number))
        else:
            raise ValueError(f"{path}:{number}: not .po syntax: {stripped[:40]!r}")
    if parts:
        finish()
    return messages


def _template_pieces(template: str, where: str) -> tuple[list[str], list[str]]:
    """A template's literal texts and field names: ``"a {x} b"`` -> (["a ", " b"], ["x"])."""
    import string

    literals, fields = [""], []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ValueError(f"{where}: {template!r} is not a valid template: {error}") from None
    for literal, name, spec, conversion in parsed:
        literals[-1] += literal
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            extra = ("!" + conversion if conversion else "") + (":" + spec if spec else "")
            raise ValueError(
                f"{where}: {template!r}: a field must be a bare name such as {{value}}, "
                f"got {{{name}{extra}}}"
            )
        fields.append(name)
        literals.append("")
    return literals, fields


#: The separators of a list that the rule for lists of numbers writes itself.
_LIST_SEPARATORS = {", ", " and ", " / "}
# A split between two numbers ("0.5, 1"), which a list template leaves to the number rule.
_NUMBER_END = re.compile(r"[\d%]$")
_NUMBER_START = re.compile(r"^[+\-\u2212]?[\d.]")


class _Template:
    """A msgid with named fields and its translation, checked when the catalogue is read."""

    def __init__(self, msgid: str, msgstr: str) -> None:
        self.msgid, self.msgstr = msgid, msgstr
        self.literals, self.fields = _template_pieces(msgid, "figures template")
        _, target = _template_pieces(msgstr, f"the translation of {msgid!r}")
        if not self.fields:
            raise ValueError(f"the template {msgid!r} has no {{field}}: drop its brace-format flag")
        if set(target) != set(self.fields):
            raise ValueError(
                f"the template {msgid!r} has the fields {sorted(set(self.fields))} but its "
                f"translation {msgstr!r} has {sorted(set(target))}: they must be the same"
            )
        if any(not literal for literal in self.literals[1:-1]):
            raise ValueError(f"the template {msgid!r} has two fields with nothing between them")
        #: How much fixed text it has: a more specific template is tried first.
        self.weight = sum(len(literal) for literal in self.literals)
        #: A list ("{first}, {rest}"): it never splits a run of numbers, which a list of
        #: numbers' own rule writes whole ("0,1; 0,5 e 1").
        self.is_list = not self.literals[0] and not self.literals[-1]
        self.is_list = self.is_list and set(self.literals[1:-1]) <= _LIST_SEPARATORS


class TextTranslator:
    """A computed English text -> the same text in a language, from a catalogue of figures.

    The lookup, in order: the text itself in the catalogue; a text that is only numbers
    (``"0.5"``, ``"0.1, 0.5 and 1"``), written for the language (:func:`localise_numbers`);
    a text without words (``"2 ·"``, ``"(5, 5)"``, ``"$w$"``) as it is; else the templates
    (messages flagged ``python-brace-format``, such as ``"Layer {layer}: peak {value}"``):
    a template matches if its fixed text does, at any split of the text, and every field's
    text translates in turn (by the same lookup, so numbers are localised, words looked up
    again and lists split by templates such as ``"{first}, {rest}"``); the fields are put
    into the template's translation. Of all the ways to read a text, the one whose
    catalogue text (fixed text of templates, messages found whole) covers the most of it
    wins; two such readings that translate differently are ambiguous, and the text stays
    English (listed in :attr:`ambiguous`). A text that nothing translates stays English
    and is counted in :attr:`missed`.

    Parameters
    ----------
    language : str
        The language of the translations.
    messages : dict
        msgid -> (msgstr, is_template), as :func:`read_catalogue` returns.

    Attributes
    ----------
    missed : dict
        Text -> how many times it was asked for and left English.
    ambiguous : set
        Texts that two templates translated differently.
    translated : int
        How many texts were asked for and translated (or needed no translation).

    Raises
    ------
    TypeError
        If ``language`` is not a language code or ``messages`` not a dict.
    ValueError
        If a template's translation has other fields than the template, a field is not a
        bare name, two fields touch, or a template has no field.

    Examples
    --------
    >>> _ = TextTranslator("it", {
    ...     "Layer {layer} channel {channel}: peak {value}":
    ...         ("Strato {layer}, canale {channel}: picco {value}", True),
    ...     "edges": ("bordi", False),
    ... })
    >>> _("Layer 2 channel edges: peak 0.5")
    'Strato 2, canale bordi: picco 0,5'
    >>> _("Layer 2 channel corners: peak 0.5")  # "corners" has no translation: English
    'Layer 2 channel corners: peak 0.5'
    >>> _.missed
    {'Layer 2 channel corners: peak 0.5': 1}
    >>> TextTranslator("it", {"Peak {value}": ("Picco {valore}", True)})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: the template 'Peak {value}' has the fields ['value'] but its translation ...
    """

    def __init__(self, language: str, messages: dict[str, tuple[str, bool]]) -> None:
        self.language = _check_language(language)
        if not isinstance(messages, dict):
            raise TypeError(f"messages must be a dict, got {type(messages).__name__}")
        self.exact = {msgid: msgstr for msgid, (msgstr, template) in messages.items()}
        templates = [
            _Template(msgid, msgstr) for msgid, (msgstr, template) in messages.items() if template
        ]
        self.templates = sorted(templates, key=lambda t: (-t.weight, t.msgid))
        # The templates by their fixed start: a text is tried only against the templates
        # whose start it has (each length of start, one dict lookup), not all of them.
        self._by_start: dict[int, dict[str, list[_Template]]] = {}
        self._rank = {id(template): rank for rank, template in enumerate(self.templates)}
        for template in self.templates:
            start = template.literals[0]
            self._by_start.setdefault(len(start), {}).setdefault(start, []).append(template)
        self.missed: dict[str, int] = {}
        self.ambiguous: set[str] = set()
        self.translated = 0
        self._memo: dict[str, tuple[int, str] | None] = {}

    def __call__(self, text: str) -> str:
        """``text`` in the language, or ``text`` itself (counted in :attr:`missed`)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        found = self.lookup(text)
        if found is None:
            self.missed[text] = self.missed.get(text, 0) + 1
            return text
        self.translated += 1
        return found

    def lookup(self, text: str) -> str | None:
        """``text`` in the language, or None if nothing translates it (not counted)."""
        found = self._best(text)
        return None if found is None else found[1]

    def _best(self, text: str) -> tuple[int, str] | None:
        """(how much of ``text`` the catalogue explains, its translation), or None.

        Of every way the templates parse ``text``, the one that explains the most of it by
        catalogue text (a template's fixed text, a message looked up whole) wins: a field
        does not swallow a list separator when a template can explain it. Of those, the one
        whose outermost template has the least fixed text (a list is split before its items
        are read). Two parses still equal that translate differently are ambiguous (None)."""
        if text in self._memo:
            return self._memo[text]
        self._memo[text] = None  # a text is never its own field (templates have fixed text)
        found: tuple[int, str] | None
        if text in self.exact:
            found = (len(text), self.exact[text])
        elif not text.strip():
            found = (0, text)
        elif _NUMBER_LIST.fullmatch(text):
            # "and" from this catalogue: the lookup needs no compiled catalogue of prose
            found = (0, _number_list(text, self.language, self.exact.get("and", "and")))
        elif not _WORD.search(_MATH.sub(" ", text)):
            found = (0, text)
        else:
            found = None
            results: set[str] = set()
            # the most explained; of those, the outermost template the least specific (a
            # list splits first, then each item is read)
            best = (-1, 0)
            for template in self._candidates(text):
                for score, values in self._parses(template, text):
                    result = template.msgstr.format(**values)
                    rank = (score, -template.weight)
                    if rank > best:
                        best, found, results = rank, (score, result), {result}
                    elif rank == best:
                        results.add(result)
            if len(results) > 1:
                self.ambiguous.add(text)
                found = None
        self._memo[text] = found
        return found

    def _candidates(self, text: str) -> list[_Template]:
        """The templates that may read ``text``: its start, its end and every fixed text in
        between are in it (the order of :attr:`templates`, the most specific first)."""
        found = []
        for length, starts in self._by_start.items():
            found += starts.get(text[:length], ()) if length <= len(text) else ()
        return sorted(
            (
                template
                for template in found
                if text.endswith(template.literals[-1])
                and all(literal in text for literal in template.literals[1:-1])
            ),
            key=lambda template: self._rank[id(template)],
        )

    def _parses(self, template: _Template, text: str):
        """Every (score, translated fields) of ``text`` read as ``template``."""
        literals, fields = template.literals, template.fields
        if not text.startswith(literals[0]) or not text.endswith(literals[-1]):
            return
        end = len(text) - len(literals[-1])
        if end - len(literals[0]) < len(fields):
            return

        def fit(position: int, index: int, values: dict[str, tuple[str, str]], score: int):
            name = fields[index]
            last = index == len(fields) - 1
            ends = [end] if last else _occurrences(text, literals[index + 1], position + 1, end)
            for stop in ends:
                raw = text[position:stop]
                if not raw or (name in values and values[name][0] != raw):
                    continue
                if (
                    template.is_list
                    and not last
                    and _NUMBER_END.search(raw)
                    and _NUMBER_START.search(text[stop + len(literals[index + 1]) :])
                ):
                    continue  # "0.5, 1" is one list of numbers
                found = self._best(raw)
                if found is None:
                    continue
                now = {**values, name: (raw, found[1])}
                if last:
                    yield score + found[0], now
                else:
                    yield from fit(
                        stop + len(literals[index + 1]), index + 1, now, score + found[0]
                    )

        for score, values in fit(len(literals[0]), 0, {}, template.weight):
            yield score, {name: value[1] for name, value in values.items()}


def _occurrences(text: str, literal: str, start: int, end: int) -> list[int]:
    """Every place ``literal`` starts in ``text[start:end]``, first to last."""
    places = []
    at = text.find(literal, start, end)
    while at != -1:
        places.append(at)
        at = text.find(literal, at + 1, end)
    return places


_FIGURE_TRANSLATORS: dict[tuple[str, str], tuple[float, TextTranslator]] = {}


def figure_translator(
    language: str | None, *, localedir: str | Path | None = None
) -> Callable[[str], str]:
    """The ``_`` of the figures' texts in ``language``: a :class:`TextTranslator`.

    It reads ``<localedir>/<language>/LC_MESSAGES/figures.po`` (hand-written; read again
    when it changes). English, or a language without that catalogue, gives ``str`` back.

    Parameters
    ----------
    language : str or None
        A language code; None or ``"en"`` is English.
    localedir : str or Path, optional
        The catalogues' folder; :data:`LOCALE_DIR` by default.

    Returns
    -------
    callable
        ``_(text) -> str``.

    Raises
    ------
    TypeError
        If ``language`` is not a language code.
    ValueError
        If the catalogue is not valid (:func:`read_catalogue`, :class:`TextTranslator`).

    Examples
    --------
    >>> figure_translator("en")("1 · input")
    '1 · input'
    >>> figure_translator("it")("0.5")
    '0,5'
    """
    if language is not None:
        language = _check_language(language)
    if language is None or language == SOURCE_LANGUAGE:
        return str
    folder = Path(localedir) if localedir is not None else LOCALE_DIR
    po = folder / language / "LC_MESSAGES" / f"{FIGURES_DOMAIN}.po"
    if not po.is_file():
        return TextTranslator(language, {})
    stamp = po.stat().st_mtime
    key = (str(po), language)
    cached = _FIGURE_TRANSLATORS.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, TextTranslator(language, read_catalogue(po)))
        _FIGURE_TRANSLATORS[key] = cached
    return cached[1]


def figure_texts(fig) -> list:
    """The texts of ``fig`` a reader reads as words: its suptitle, titles, axis and colour-bar
    labels, legends, annotations; not tick labels (pixel indices, a colour bar's scale) nor
    an axis' offset text, which are numbers matplotlib writes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    list of matplotlib.text.Text
        In matplotlib's drawing order; blank ones left out.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> ax = fig.add_subplot()
    >>> _ = ax.set_title("input"), ax.set_xlabel("column"), ax.set_xticks([0, 1])
    >>> sorted(text.get_text() for text in figure_texts(fig))
    ['column', 'input']
    """
    from matplotlib.axis import Axis, Tick
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    numbers = {id(text) for tick in fig.findobj(Tick) for text in tick.findobj(Text)}
    numbers |= {id(axis.offsetText) for axis in fig.findobj(Axis)}
    return [
        text for text in fig.findobj(Text) if id(text) not in numbers and text.get_text().strip()
    ]


class translated_figure:
    """Within ``with``: every text of :func:`figure_texts` of ``fig`` in ``language``.

    Each text is looked up with :func:`figure_translator`; on leaving, every text is set
    back. :attr:`missed` lists the texts left English, :attr:`done` counts the others.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    language : str
        A language code.
    translate : TextTranslator, optional
        The lookup to use; :func:`figure_translator(language) <figure_translator>` by default.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or ``language`` not a language code.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> ax = fig.add_subplot()
    >>> _ = ax.set_title("peak 0.5")
    >>> with translated_figure(fig, "it", TextTranslator("it", {"peak {v}": ("picco {v}", True)})):
    ...     ax.get_title()
    'picco 0,5'
    >>> ax.get_title()
    'peak 0.5'
    """

    def __init__(self, fig, language: str, translate: TextTranslator | None = None) -> None:
        from matplotlib.axis import Axis

        self.texts = figure_texts(fig)
        self.axes = list({id(axis): axis for axis in fig.findobj(Axis)}.values())
        self.language = _check_language(language)
        self.translate = translate if translate is not None else figure_translator(language)
        self.missed: list[str] = []
        self.done = 0
        self._saved: list[tuple[object, str]] = []
        self._formatters: list[tuple[object, object]] = []

    def __enter__(self) -> translated_figure:
        lookup = getattr(self.translate, "lookup", None)
        for text in self.texts:
            english = text.get_text()
            found = lookup(english) if lookup is not None else self.translate(english)
            if found is None:
                self.missed.append(english)
                continue
            self.done += 1
            if found != english:
                self._saved.append((text, english))
                text.set_text(found)
        self._translate_ticks(lookup if lookup is not None else self.translate)
        return self

    def _translate_ticks(self, lookup: Callable[[str], str | None]) -> None:
        """Tick labels with words (a bar chart's categories) or decimals (a colour bar's
        0.5): their axis' formatter is wrapped, since matplotlib writes tick labels anew at
        each draw. Pixel indices (whole numbers) need nothing and are left alone."""
        for axis in self.axes:
            for which in (axis.major, axis.minor):
                labels = [t.label1.get_text() for t in axis.get_major_ticks()]
                if which is axis.minor:
                    labels = [t.label1.get_text() for t in axis.get_minor_ticks()]
                words = {s for s in labels if _WORD.search(_MATH.sub(" ", s))}
                if not words and not any(re.search(r"\d\.\d", s) for s in labels):
                    continue
                for label in sorted(words):
                    if lookup(label) is None:
                        self.missed.append(label)
                    else:
                        self.done += 1
                self._formatters.append((which, which.formatter))
                which.formatter = _translating_formatter(which.formatter, lookup)

    def overflowing(self, *, laid_out: bool = False) -> list[str]:
        """The translated texts that, laid out now, run past the figure's edge or
        into another translated text (a longer Italian title over its neighbour's): a
        catalogue entry to shorten or break over two lines. ``laid_out``: the figure was
        just drawn as it is (its layout is read, not computed again)."""
        fig = self.texts[0].figure if self.texts else None
        while fig is not None and getattr(fig, "figure", fig) is not fig:
            fig = fig.figure  # from a subfigure up to the figure
        if fig is None:
            return []
        if not laid_out:
            fig.draw_without_rendering()  # lay the translated texts out
        edge = fig.bbox
        changed = [text for text, _ in self._saved if text.get_visible()]
        boxes = [(text, text.get_window_extent()) for text in changed]
        found = []
        for i, (text, box) in enumerate(boxes):
            outside = box.x0 < edge.x0 - 1 or box.x1 > edge.x1 + 1
            overlaps = any(box.overlaps(other) for j, (_, other) in enumerate(boxes) if j != i)
            if outside or overlaps:
                found.append(text.get_text())
        return found

    def also(self, texts: list[str]) -> translated_figure:
        """Count ``texts`` too (the figure's alt texts, which the page translates): each is
        looked up and counted in :attr:`done` or :attr:`missed`, as the drawn texts are."""
        lookup = getattr(self.translate, "lookup", None)
        for text in texts:
            found = lookup(text) if lookup is not None else self.translate(text)
            if found is None:
                self.missed.append(text)
            else:
                self.done += 1
        return self

    def __exit__(self, *exc: object) -> None:
        for text, english in self._saved:
            text.set_text(english)
        for ticker, formatter in self._formatters:
            ticker.formatter = formatter
        self._saved, self._formatters = [], []


def _translating_formatter(inner, lookup: Callable[[str], str | None]):
    """A matplotlib tick formatter that writes ``inner``'s labels translated."""
    from matplotlib.ticker import Formatter

    class TranslatedFormatter(Formatter):
        def __init__(self) -> None:
            self.inner = inner
            self.axis = inner.axis

        def _text(self, text: str) -> str:
            found = lookup(text) if text else None
            return text if found is None else found

        def __call__(self, x, pos=None) -> str:
            return self._text(self.inner(x, pos))

        def format_ticks(self, values) -> list[str]:
            return [self._text(text) for text in self.inner.format_ticks(values)]

        def set_locs(self, locs) -> None:
            self.inner.set_locs(locs)

        def get_offset(self) -> str:
            return self.inner.get_offset()

        def format_data(self, value) -> str:
            return self.inner.format_data(value)

        def format_data_short(self, value) -> str:
            return self.inner.format_data_short(value)

    return TranslatedFormatter()


#: What a figure's record of its translated texts is called, beside its English image.
FIGURE_TEXTS_SUFFIX = ".figure-texts.json"


def write_figure_texts(image: str | Path, report: dict[str, translated_figure]) -> Path:
    """Record, beside ``image``, how many of its figure's texts each language translated.

    ``<stem>.figure-texts.json``: language -> ``{"translated": n, "english": [texts]}``
    (the texts left English). The site's tests read these records: the coverage of the
    figures' catalogue, and the figures that must be whole (the landing and answer pages').

    Parameters
    ----------
    image : str or Path
        The English image's path.
    report : dict
        language -> the :class:`translated_figure` it was drawn within.

    Returns
    -------
    Path
        The record's path.

    Raises
    ------
    TypeError
        If ``report`` is not a dict of :class:`translated_figure`.

    Examples
    --------
    >>> import json, tempfile
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.suptitle("peak 0.5")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with translated_figure(fig, "it", TextTranslator("it", {})) as texts:
    ...         path = write_figure_texts(Path(folder) / "x.png", {"it": texts})
    ...     print(path.name, json.loads(path.read_text()))
    x.figure-texts.json {'it': {'english': ['peak 0.5'], 'translated': 0}}
    """
    import json

    from .atomic import write_text

    if not isinstance(report, dict) or not all(
        isinstance(texts, translated_figure) for texts in report.values()
    ):
        raise TypeError("report must map each language to its translated_figure")
    image = Path(image)
    record = {
        language: {"translated": texts.done, "english": texts.missed}
        for language, texts in sorted(report.items())
    }
    for language, texts in report.items():
        if getattr(texts, "overflow", None):
            record[language]["overflow"] = texts.overflow
    path = image.with_name(image.stem + FIGURE_TEXTS_SUFFIX)
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_text(path, text)
    return path
