"""The printable worksheet and its answer key, written as PDFs when the site is built.

At ``builder-inited`` the four files (worksheet and answer key, A4 and US Letter) are written
to ``docs/generated/downloads/`` by :func:`convdemo.site.worksheet_pdf.worksheet_pdf`; pages offer
them with ``{download}``. A file is rewritten only when its bytes change, so a no-change
rebuild re-reads nothing. The problems are seeded (``convdemo.site.worksheet.WORKSHEET_SEED``):
each release's worksheet is stable, and its answers are the package's own computation.
"""

from __future__ import annotations

from pathlib import Path

#: file name -> keyword arguments of worksheet_pdf
WORKSHEETS = {
    "convdemo_worksheet_a4.pdf": {"answers": False, "paper": "a4"},
    "convdemo_answer_key_a4.pdf": {"answers": True, "paper": "a4"},
    "convdemo_worksheet_letter.pdf": {"answers": False, "paper": "letter"},
    "convdemo_answer_key_letter.pdf": {"answers": True, "paper": "letter"},
}


def write_worksheets(folder: Path) -> list[Path]:
    """Write every worksheet PDF into ``folder`` (only the changed ones); their paths."""
    from convdemo.site.atomic import write_bytes
    from convdemo.site.worksheet_pdf import worksheet_pdf

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, kwargs in WORKSHEETS.items():
        target = folder / name
        data = worksheet_pdf(**kwargs)
        if not target.exists() or target.read_bytes() != data:
            write_bytes(target, data)
        written.append(target)
    return written


def _builder_inited(app) -> None:
    write_worksheets(Path(app.srcdir) / "generated" / "downloads")


def setup(app):
    app.connect("builder-inited", _builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
