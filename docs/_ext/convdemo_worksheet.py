"""The printable worksheet and its answer key, written as PDFs when the site is built.

At ``builder-inited`` the four files (worksheet and answer key, A4 and US Letter) are written
to ``docs/generated/downloads/`` by :func:`convdemo.site.worksheet_pdf.worksheet_pdf`; pages offer
them with ``{download}``. A file is rewritten only when its bytes change, so a no-change
rebuild re-reads nothing. The problems are seeded (``convdemo.site.worksheet.WORKSHEET_SEED``):
each release's worksheet is stable, and its answers are the package's own computation.

Each language's four files are written too, ``convdemo_worksheet_a4.it.pdf`` and so on (the
same problems, their texts looked up in ``convdemo.po``), and a translated build's pages link
those: the pages keep one source, and :func:`worksheets_in_the_language` points each
``{download}`` of a worksheet at the file of the build's language. Every language's files are
written in the first pass, in a process of their own while the gallery runs
(:mod:`convdemo_background`); a stamp (:mod:`convdemo.site.build_stamp`) tells the other
passes they are current.
"""

from __future__ import annotations

from pathlib import Path

from sphinx import addnodes

SOURCE_LANGUAGE = "en"

#: file name -> keyword arguments of worksheet_pdf
WORKSHEETS = {
    "convdemo_worksheet_a4.pdf": {"answers": False, "paper": "a4"},
    "convdemo_answer_key_a4.pdf": {"answers": True, "paper": "a4"},
    "convdemo_worksheet_letter.pdf": {"answers": False, "paper": "letter"},
    "convdemo_answer_key_letter.pdf": {"answers": True, "paper": "letter"},
}


def file_name(name: str, language: str | None) -> str:
    """The name of worksheet ``name`` in ``language``: ``convdemo_worksheet_a4.it.pdf``
    (the English one keeps its name)."""
    if not language or language == SOURCE_LANGUAGE:
        return name
    stem, suffix = name.rsplit(".", 1)
    return f"{stem}.{language}.{suffix}"


def _pdf(kwargs: dict, language: str | None) -> bytes:
    from convdemo.site.worksheet_pdf import worksheet_pdf

    return worksheet_pdf(**kwargs, language=language)


def write_worksheets(folder: Path, language: str | None = None) -> list[Path]:
    """Write every worksheet PDF of ``language`` into ``folder`` (only the changed ones);
    their paths."""
    from convdemo.site.atomic import write_bytes

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, kwargs in WORKSHEETS.items():
        data = _pdf(kwargs, language)
        target = folder / file_name(name, language)
        if not target.exists() or target.read_bytes() != data:
            write_bytes(target, data)
        written.append(target)
    return written


def languages() -> tuple[str | None, ...]:
    """The worksheets' languages: the source's (None) and each with a catalogue of computed
    texts (``docs/locale/<language>/LC_MESSAGES/convdemo.po``)."""
    from convdemo.site.i18n import DOMAIN, LOCALE_DIR

    found = LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    return (None, *sorted(path.parents[1].name for path in found))


def write_every_language(folder: str) -> list[str]:
    """Every language's worksheets into ``folder``, unless its stamp says they are current
    (:mod:`convdemo.site.build_stamp`: the package, the catalogues, matplotlib, this file);
    the files written."""
    import matplotlib

    from convdemo.site import build_stamp
    from convdemo.site.i18n import DOMAIN, LOCALE_DIR

    folder_path = Path(folder)
    key = build_stamp.fingerprint(
        matplotlib.__version__,
        sorted(WORKSHEETS.items()),
        files=[Path(__file__), *sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))],
    )
    outputs = [folder_path / file_name(name, lang) for lang in languages() for name in WORKSHEETS]
    if build_stamp.is_current(folder_path, "worksheets", key, outputs):
        return []
    written = [path for language in languages() for path in write_worksheets(folder_path, language)]
    build_stamp.mark_current(folder_path, "worksheets", key)
    return [str(path) for path in written]


def _builder_inited(app) -> None:
    import convdemo_background

    folder = Path(app.srcdir) / "generated" / "downloads"
    convdemo_background.start(app, "worksheets", write_every_language, str(folder))


def worksheets_in_the_language(app, doctree) -> None:
    """On a translated build, each ``{download}`` of a worksheet links the file of the
    build's language. It runs when a page has been read (its translated paragraphs in
    place), before Sphinx's collector of downloads (priority 500) records the file."""
    language = app.config.language or SOURCE_LANGUAGE
    if language == SOURCE_LANGUAGE:
        return
    for node in doctree.findall(addnodes.download_reference):
        target = node.get("reftarget", "")
        folder, _, name = target.rpartition("/")
        if name in WORKSHEETS:
            node["reftarget"] = f"{folder}/{file_name(name, language)}" if folder else name


def setup(app):
    app.connect("builder-inited", _builder_inited, priority=450)  # see convdemo_background
    app.connect("doctree-read", worksheets_in_the_language, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
