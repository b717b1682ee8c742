"""The interface strings of the pages' scripts, in the language of the build.

The playground and the "Draw a digit" page (``docs/_static/playground/playground.js``,
``docs/_static/draw/draw.js``) write their buttons, labels, text alternatives and
explanations themselves. Each such text is an English template with ``{named}`` fields,
written in the script as ``T("Layer 1, channel {channel}", {channel: c})``; the build reads
the templates out of the script (:func:`script_messages`, with Babel's JavaScript
extractor, which comes with Sphinx), looks each up in the catalogue of the domain
``interface`` (``docs/locale/<lang>/LC_MESSAGES/interface.po``, see
:mod:`convdemo.site.i18n`) and writes them for the page (:func:`script_strings`): the
script fills the fields after the lookup. Numbers the scripts print in prose take the
language's decimal separator (``decimal``); numbers that are code keep the dot.

Every call of ``T`` has one string literal (or literals joined with ``+``) as its first
argument and no call of ``T`` among its arguments: the extractor reads nothing else, and
:func:`script_messages` refuses a script where a call would be missed.
"""

from __future__ import annotations

import re
from pathlib import Path

#: The name of the lookup function in the pages' scripts.
KEYWORD = "T"
_CALL = re.compile(r"(?<![\w.$])" + KEYWORD + r"\(")
_FIELD = re.compile(r"\{(\w+)\}")


def fields(message: str) -> set[str]:
    """The ``{named}`` fields of a template.

    Raises
    ------
    TypeError
        If ``message`` is not a str.

    Examples
    --------
    >>> sorted(fields("Layer 1, channel {channel}, row {row}"))
    ['channel', 'row']
    """
    if not isinstance(message, str):
        raise TypeError(f"message must be a str, got {type(message).__name__}")
    return set(_FIELD.findall(message))


def script_messages(path: str | Path) -> list[str]:
    """The templates a page's script looks up with ``T(...)``, in order, without repeats.

    Parameters
    ----------
    path : str or Path
        A JavaScript file.

    Returns
    -------
    list of str
        The first argument of every ``T(...)`` call.

    Raises
    ------
    ValueError
        If a call of ``T`` has no string literal as its first argument, or another call of
        ``T`` among its arguments (the extractor would miss it).
    FileNotFoundError
        If ``path`` is not a file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from convdemo.site.atomic import write_text
    >>> script = pathlib.Path(tempfile.mkdtemp()) / "a.js"
    >>> write_text(script, 'x = T("Play"); y = T("Row " + "{row}", {row: 1});')
    >>> script_messages(script)
    ['Play', 'Row {row}']
    """
    from babel.messages.extract import extract_javascript

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"path must be a JavaScript file, got {str(path)!r}")
    source = path.read_text(encoding="utf-8")
    calls = len(_CALL.findall(source)) - len(re.findall(r"function\s+" + KEYWORD + r"\(", source))
    with path.open("rb") as handle:
        found = [m[2] for m in extract_javascript(handle, [KEYWORD], [], {})]
    found = [m[0] if isinstance(m, tuple) else m for m in found]
    if len(found) != calls or not all(isinstance(m, str) and m for m in found):
        raise ValueError(
            f"{path.name}: {calls} calls of {KEYWORD}() but {len(found)} string templates read; "
            f"give every call one string literal (no {KEYWORD}() inside another's arguments)"
        )
    return list(dict.fromkeys(found))


def script_strings(messages: list[str], language: str | None) -> dict:
    """What a page's script needs to speak ``language``: its messages and decimal separator.

    Parameters
    ----------
    messages : list of str
        English templates (:func:`script_messages`, and any the page's data adds).
    language : str or None
        The build's language; None or ``"en"`` gives the English templates back.

    Returns
    -------
    dict
        ``{"language": ..., "decimal": "." or ",", "messages": {template: translation}}``,
        a translation missing from the catalogue being the English template.

    Raises
    ------
    TypeError
        If ``messages`` is not a list of str, or ``language`` not a language code.

    Examples
    --------
    >>> script_strings(["Play"], "en")
    {'language': 'en', 'decimal': '.', 'messages': {'Play': 'Play'}}
    """
    from convdemo.site.i18n import DECIMAL_SEPARATOR, SOURCE_LANGUAGE, translator

    if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
        raise TypeError("messages must be a list of str")
    _ = translator(language, domain="interface")
    language = language or SOURCE_LANGUAGE
    return {
        "language": language,
        "decimal": DECIMAL_SEPARATOR.get(language, "."),
        "messages": {message: _(message) for message in messages},
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


def noscript_messages(page: str | Path) -> list[str]:
    """The ``<noscript>`` texts of a page's source (each on one line): the messages a page
    whose interface is a script shows without it.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> page = Path(tempfile.mkdtemp()) / "page.md"
    >>> _ = page.write_text("<noscript>Turn on\\n  JavaScript.</noscript>")
    >>> noscript_messages(page)
    ['Turn on JavaScript.']
    """
    source = Path(page).read_text(encoding="utf-8")
    return [_one_line(m) for m in re.findall(r"<noscript>(.*?)</noscript>", source, re.S)]


def translate_noscript(doctree, container: str, language: str | None) -> None:
    """The ``<noscript>`` texts of the raw HTML blocks holding ``container`` (a page's
    script interface), in ``language`` (interface.po): a raw block is in no page's
    catalogue. Changes ``doctree`` in place."""
    from docutils import nodes

    from .i18n import translator

    _ = translator(language, domain="interface")
    for node in doctree.findall(nodes.raw):
        source = node.astext()
        if container not in source or "<noscript>" not in source:
            continue

        def local(match: re.Match) -> str:
            return f"<noscript>{_(_one_line(match.group(1)))}</noscript>"

        text = re.sub(r"<noscript>(.*?)</noscript>", local, source, flags=re.S)
        node.children = [nodes.Text(text)]
