"""The printable worksheet and its answer key, as PDF (drawn with matplotlib, imported lazily).

:func:`worksheet_pdf` prints the problems of :func:`convdemo.site.worksheet.worksheet_problems`
on A4 or US Letter: numbered grids to work by hand, blank boxes for the answers; with
``answers=True`` the same pages with every box filled in from the computation. Text is
embedded as real text (TrueType), so the answers can be read back from the PDF, and the
bytes do not depend on the date (no creation date is written).

With ``language="it"`` every text is looked up in the catalogue of computed texts
(``convdemo.po``, through ``convdemo.site.i18n.translator``): English templates with
named fields, formatted after the lookup, and every number written for the language
(``0,3`` in Italian, ``convdemo.site.i18n.format_number``). The problems and their
answers are the same in every language. Paragraphs are wrapped to the page, so a longer
translation stays inside the margins.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence

import numpy as np

from .. import __version__
from .._checks import describe
from .figure_data import DATA_LICENCE
from .i18n import format_number, translator
from .worksheet import WORKSHEET_SEED, FaceProblem, Worksheet, worksheet_problems

__all__ = ["LICENCE", "PAPER_SIZES", "worksheet_pdf"]

#: Page sizes in inches (width, height).
PAPER_SIZES = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}
#: The licence of the site's text, figures and downloads (the code is BSD-3-Clause).
LICENCE = DATA_LICENCE

_MARGIN = 0.7  # inches
_CELL = 0.3  # inches per grid cell
_ANSWER = "#0072b2"  # blue (Okabe-Ito): what the answer key adds
_SHADE = "#bbbbbb"
_SUBTITLE = "How can the next convolution find a new feature in the first one's feature maps?"
_CHAR = 0.076  # inches: the mean width of a character of DejaVu Sans at 10.5 pt
#: What the drawings of problem 3 show (convdemo.draw_smiley's arrangements), in words.
_ARRANGEMENTS = {
    "face": "face",
    "swapped": "mouth above the eyes",
    "eyes_only": "eyes only",
    "mouth_only": "mouth only",
}
#: The corners of problem 6 (convdemo.site.worksheet.CORNERS), in words.
_CORNER_NAMES = {
    "top-left": "top-left",
    "top-right": "top-right",
    "bottom-left": "bottom-left",
    "bottom-right": "bottom-right",
}


class _Words:
    """The worksheet's texts in one language: ``words("Drawing: {name}", name=...)``
    looks the template up and formats it after the lookup; :meth:`num` writes a number."""

    def __init__(self, language: str | None) -> None:
        self.language = language
        self.lookup: Callable[[str], str] = translator(language)
        self.footer = ""  # each page's footer, set once the problems are drawn

    def __call__(self, template: str, **fields: object) -> str:
        return self.lookup(template).format(**fields)

    def num(self, value: float) -> str:
        """A number as the worksheet prints it: as many digits as it has, no "-0"."""
        return format_number(float(f"{float(value) + 0.0:g}"), self.language)

    def yes(self, value: bool) -> str:
        return self("yes") if value else self("no")


class _Page:
    """One page, laid out from the top in inches."""

    def __init__(self, pdf, paper: tuple[float, float], title: str, words: _Words) -> None:
        from matplotlib.figure import Figure

        self.pdf = pdf
        self.words = words
        self.width, self.height = paper
        self.fig = Figure(figsize=paper)
        self.y = _MARGIN  # distance of the next item from the top
        self.line(title, size=15, weight="bold", gap=0.32)
        self.paragraph(words(_SUBTITLE), size=11, gap=0.2)
        self.y += 0.25
        footer = textwrap.wrap(words.footer, self.chars(7), break_on_hyphens=False)
        for i, piece in enumerate(footer):  # from the bottom margin up
            bottom = 0.35 + 0.13 * (len(footer) - 1 - i)
            self.fig.text(
                _MARGIN / self.width, bottom / self.height, piece, size=7, color="#444444"
            )

    def chars(self, size: float) -> int:
        """How many characters of ``size`` points fit between the margins."""
        return int((self.width - 2 * _MARGIN) / (_CHAR * size / 10.5))

    def paragraph(self, text: str, size: float = 10.5, gap: float = 0.24, **kwargs) -> None:
        """``text`` wrapped to the page's width, one :meth:`line` per line."""
        for piece in textwrap.wrap(text, self.chars(size), break_on_hyphens=False) or [""]:
            self.line(piece, size=size, gap=gap, **kwargs)

    def text(self, x: float, text: str, size: float = 10.5, **kwargs) -> None:
        self.fig.text(x / self.width, 1 - self.y / self.height, text, size=size, va="top", **kwargs)

    def line(self, text: str, size: float = 10.5, gap: float = 0.24, **kwargs) -> None:
        self.text(_MARGIN, text, size=size, **kwargs)
        self.y += gap

    def grid(
        self,
        x: float,
        values: np.ndarray | None,
        shape: tuple[int, int],
        label: str,
        *,
        shade: np.ndarray | None = None,
        mark: tuple[int, int] | None = None,
        answer: bool = False,
    ) -> float:
        """A numbered grid at ``x`` (inches) whose top is the current line; its width."""
        rows, cols = shape
        width, height = cols * _CELL, rows * _CELL
        ax = self.fig.add_axes(
            (
                x / self.width,
                1 - (self.y + 0.22 + height) / self.height,
                width / self.width,
                height / self.height,
            )
        )
        ax.set_xlim(0, cols)
        ax.set_ylim(rows, 0)
        ax.set_axis_off()
        if shade is not None:
            for r, c in zip(*np.nonzero(shade), strict=True):
                ax.add_patch(_rectangle(c, r, _SHADE))
        for r in range(rows + 1):
            ax.plot([0, cols], [r, r], color="black", linewidth=0.6, clip_on=False)
        for c in range(cols + 1):
            ax.plot([c, c], [0, rows], color="black", linewidth=0.6, clip_on=False)
        if values is not None:
            for (r, c), value in np.ndenumerate(values):
                ax.text(
                    c + 0.5,
                    r + 0.5,
                    self.words.num(value),
                    ha="center",
                    va="center",
                    size=8,
                    color=_ANSWER if answer else "black",
                )
        if mark is not None:
            ax.plot(mark[1] + 0.5, mark[0] + 0.5, marker="x", color="black", markersize=7)
        self.fig.text(x / self.width, 1 - self.y / self.height, label, size=8.5, va="top")
        return width

    def box(self, x: float, label: str, value: str | None) -> None:
        """``label`` and an answer box after it, filled in the answer key."""
        self.text(x, label)
        self.text(
            x + 0.078 * len(label) + 0.12,
            value if value is not None else "________",
            color=_ANSWER if value is not None else "black",
            weight="bold" if value is not None else "normal",
        )

    def finish(self) -> None:
        self.pdf.savefig(self.fig)


def _rectangle(x: float, y: float, colour: str):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 1, 1, facecolor=colour, edgecolor="none")


def _window(page: _Page, sheet: Worksheet, answers: bool) -> None:
    p, w = sheet.window, page.words
    page.line(w("1. One output number"), size=12, weight="bold", gap=0.3)
    page.paragraph(
        w(
            "Slide the kernel over the window: multiply cell by cell, add the nine "
            "products, then add the bias."
        )
    )
    x = _MARGIN
    x += page.grid(x, p.window, (3, 3), w("image window")) + 0.45
    x += page.grid(x, p.kernel, (3, 3), w("kernel")) + 0.45
    page.grid(x, p.products if answers else None, (3, 3), w("products"), answer=True)
    page.y += 0.22 + 3 * _CELL + 0.25
    page.box(
        _MARGIN,
        w("sum of the products + bias ({bias}) =", bias=w.num(p.bias)),
        w.num(p.answer) if answers else None,
    )
    page.y += 0.5


def _row(values: Sequence[float] | None, n: int) -> np.ndarray | None:
    return None if values is None else np.asarray(values, dtype=float).reshape(1, n)


def _grading(page: _Page, sheet: Worksheet, answers: bool) -> None:
    p, w = sheet.grading, page.words
    n = p.weak.size
    page.line(w("2. How much, not whether"), size=12, weight="bold", gap=0.3)
    page.paragraph(
        w(
            "A faint stroke (ink {weak}) and a bold one (ink {strong}) through the "
            "vertical-line kernel give these rows of the layer-1 map. Write what ReLU and "
            "what a step (1 above 0, else 0) leave of each row.",
            weak=w.num(p.weak_ink),
            strong=w.num(p.strong_ink),
        )
    )
    page.y += 0.05
    rows = [
        (w("faint stroke, before"), p.weak, False),
        (w("bold stroke, before"), p.strong, False),
        (w("faint, after ReLU"), p.weak_relu if answers else None, True),
        (w("bold, after ReLU"), p.strong_relu if answers else None, True),
        (w("faint, after step"), p.weak_step if answers else None, True),
        (w("bold, after step"), p.strong_step if answers else None, True),
    ]
    for label, values, answer in rows:
        page.text(_MARGIN, label, size=9)
        page.y -= 0.22  # the grid's label line is the row label beside it
        page.grid(_MARGIN + 1.8, _row(values, n), (1, n), "", answer=answer)
        page.y += 0.22 + _CELL + 0.12
    page.y += 0.1
    page.box(
        _MARGIN,
        w("Can a next layer tell the two strokes apart after ReLU?"),
        w.yes(p.relu_tells_apart) if answers else None,
    )
    page.y += 0.3
    page.box(_MARGIN, w("... and after the step?"), w.yes(p.step_tells_apart) if answers else None)
    page.y += 0.45


def _face(page: _Page, face: FaceProblem, answers: bool) -> None:
    w = page.words
    what = w(_ARRANGEMENTS.get(face.arrangement, face.arrangement.replace("_", " ")))
    page.line(w("Drawing: {what}", what=what), weight="bold")
    shape = face.eye_window.shape
    x = _MARGIN
    x += page.grid(x, face.eye_window, shape, w("eye map window")) + 0.25
    x += page.grid(x, face.eye_slice, shape, w("eye kernel slice")) + 0.55
    x += page.grid(x, face.mouth_window, shape, w("mouth map window")) + 0.25
    page.grid(x, face.mouth_slice, shape, w("mouth kernel slice"))
    page.y += 0.22 + shape[0] * _CELL + 0.25

    def value(number: float) -> str | None:
        return w.num(number) if answers else None

    page.box(_MARGIN, w("eye contribution ="), value(face.eye_contribution))
    page.box(_MARGIN + 2.9, w("mouth contribution ="), value(face.mouth_contribution))
    page.y += 0.3
    page.box(_MARGIN, w("+ bias ({bias}) =", bias=w.num(face.bias)), value(face.pre_activation))
    page.box(_MARGIN + 2.9, w("after ReLU: face score ="), value(face.value))
    page.y += 0.5


def _faces(page: _Page, sheet: Worksheet, answers: bool) -> None:
    w = page.words
    page.line(w("3. Channels combine: the face detector"), size=12, weight="bold", gap=0.3)
    page.paragraph(
        w(
            "Layer 2 reads both layer-1 maps at once. For each channel, multiply the map "
            "window by its kernel slice and add the products: that channel's contribution. "
            "Add both contributions and the bias."
        )
    )
    page.y += 0.1
    for face in sheet.faces:
        _face(page, face, answers)


def _field(page: _Page, sheet: Worksheet, answers: bool) -> None:
    p, w = sheet.field, page.words
    page.line(w("4. Receptive fields grow"), size=12, weight="bold", gap=0.3)
    page.paragraph(
        w(
            "Stack 3x3 convolutions (padding 1). Shade the input pixels that the output "
            "pixel marked x sees after two layers, and after three layers."
        )
    )
    x = _MARGIN
    for layers, (top, left, height, width) in zip((2, 3), p.boxes, strict=True):
        shade = None
        if answers:
            shade = np.zeros((p.grid, p.grid), dtype=bool)
            shade[top : top + height, left : left + width] = True
        x += (
            page.grid(
                x,
                None,
                (p.grid, p.grid),
                w("after {n} layers", n=layers),
                shade=shade,
                mark=p.pixel,
            )
            + 0.5
        )
    page.y += 0.22 + p.grid * _CELL + 0.25
    sizes = {
        layers: w("{size} x {size} pixels", size=size)
        for layers, size in zip((2, 3), p.sizes[1:], strict=True)
    }
    page.box(_MARGIN, w("after two layers:"), sizes[2] if answers else None)
    page.box(_MARGIN + 3.4, w("after three layers:"), sizes[3] if answers else None)
    page.y += 0.5


def _labelled_row(
    page: _Page, label: str, values: np.ndarray | None, n: int, *, answer: bool
) -> None:
    """``label``, then a one-row grid of ``n`` cells beside it (filled when ``values``)."""
    page.text(_MARGIN, label, size=9)
    page.y -= 0.22  # the grid's label line is the row label beside it
    page.grid(_MARGIN + 2.3, _row(values, n), (1, n), "", answer=answer)
    page.y += 0.22 + _CELL + 0.12


def _linear(page: _Page, sheet: Worksheet, answers: bool) -> None:
    p, w = sheet.linear, page.words
    page.line(w("5. Non-linearity: two layers, one kernel"), size=12, weight="bold", gap=0.3)
    page.paragraph(
        w(
            "Layer 1 slides kernel a along the row, layer 2 slides kernel b along layer 1's "
            "row (no padding, no bias): multiply cell by cell and add the three products."
        )
    )
    x = _MARGIN
    x += page.grid(x, p.row, p.row.shape, w("input row")) + 0.45
    x += page.grid(x, p.first, p.first.shape, w("kernel a")) + 0.45
    page.grid(x, p.second, p.second.shape, w("kernel b"))
    page.y += 0.22 + _CELL + 0.3
    _labelled_row(page, w("after layer 1 (a)"), p.layer1 if answers else None, 5, answer=True)
    _labelled_row(page, w("after layer 2 (b)"), p.layer2 if answers else None, 3, answer=True)
    page.y += 0.1
    page.paragraph(
        w(
            "Without an activation the two layers are ONE kernel c, five weights wide: the "
            "sum of three copies of a, the j-th moved j cells right and multiplied by b's "
            "j-th weight."
        )
    )
    page.y += 0.05
    _labelled_row(page, w("kernel c"), p.composed if answers else None, 5, answer=True)
    through_c = p.one_kernel if answers else None
    _labelled_row(page, w("input row through c"), through_c, 3, answer=True)
    page.box(
        _MARGIN,
        w("Same as after layer 2?"),
        w.yes(bool(np.array_equal(p.one_kernel, p.layer2))) if answers else None,
    )
    page.y += 0.4
    page.paragraph(w("Now put a ReLU between the layers (negative numbers become 0):"))
    page.y += 0.05
    relu_1 = p.layer1_relu if answers else None
    _labelled_row(page, w("layer 1, then ReLU"), relu_1, 5, answer=True)
    _labelled_row(page, w("then layer 2 (b)"), p.with_relu if answers else None, 3, answer=True)
    page.box(
        _MARGIN,
        w("Same as through c?"),
        w.yes(bool(np.array_equal(p.with_relu, p.one_kernel))) if answers else None,
    )
    page.y += 0.3
    if answers:
        page.paragraph(
            w(
                "No kernel c can give this row for every input: the ReLU is what lets depth "
                "add something new."
            ),
            size=9,
        )


def _hierarchy(page: _Page, sheet: Worksheet, answers: bool) -> None:
    p, w = sheet.hierarchy, page.words
    page.line(w("6. Hierarchy: which layer-2 unit fires?"), size=12, weight="bold", gap=0.3)
    page.paragraph(
        w(
            "Layer 1 gives two channels: channel 0 marks vertical strokes, channel 1 "
            "horizontal ones. Each layer-2 unit multiplies its two 3x3 slices with the two "
            "channel windows, adds all the products and its bias ({bias}), then a ReLU.",
            bias=w.num(p.bias),
        )
    )
    page.y += 0.05
    x = _MARGIN
    for unit in range(len(p.units)):
        for channel in range(2):
            label = w("unit {unit}, channel {channel}", unit=unit, channel=channel)
            x += page.grid(x, p.kernels[unit, channel], (3, 3), label)
            x += 0.3
        x += 0.35
    page.y += 0.22 + 3 * _CELL + 0.3
    for k, name in enumerate("ABC"):
        page.line(w("Arrangement {name}", name=name), weight="bold")
        x = _MARGIN
        x += page.grid(x, p.maps[k, 0], (3, 3), w("channel {channel}", channel=0)) + 0.3
        page.grid(x, p.maps[k, 1], (3, 3), w("channel {channel}", channel=1))
        top = page.y
        page.y += 0.2
        for unit in range(len(p.units)):
            page.box(
                _MARGIN + 2.4,
                w("unit {unit}: products + bias = ", unit=unit),
                w.num(p.sums[k, unit] + p.bias) if answers else None,
            )
            page.box(
                _MARGIN + 5.2,
                w("after ReLU:"),
                w.num(p.outputs[k, unit]) if answers else None,
            )
            page.y += 0.28
        page.box(_MARGIN + 2.4, w("Which unit fires?"), _fires(w, p.fires[k]) if answers else None)
        page.y = top + 0.22 + 3 * _CELL + 0.35
    if answers:
        corners = "; ".join(
            w("unit {unit} detects a {corner} corner", unit=u, corner=w(_CORNER_NAMES[name]))
            for u, name in enumerate(p.units)
        )
        page.paragraph(
            w(
                "{corners}: each fires only for its own arrangement of the same two strokes.",
                corners=corners,
            ),
            size=9,
            gap=0.2,
        )


def _fires(words: _Words, fires: str) -> str:
    """``"neither"`` or ``"unit 1"`` (convdemo.site.worksheet's answer) in words."""
    if fires == "neither":
        return words("neither")
    return words("unit {unit}", unit=int(fires.split()[-1]))


def worksheet_pdf(
    *,
    answers: bool = False,
    paper: str = "a4",
    seed: int = WORKSHEET_SEED,
    language: str | None = None,
) -> bytes:
    """The worksheet (or its answer key) as the bytes of a PDF.

    Parameters
    ----------
    answers : bool, default False
        False: the worksheet, with blank grids and boxes. True: the answer key, the
        same pages with every answer filled in (in blue).
    paper : {"a4", "letter"}, default "a4"
        Page size.
    seed : int, default :data:`convdemo.site.worksheet.WORKSHEET_SEED`
        Seed of the problems (see :func:`convdemo.site.worksheet.worksheet_problems`).
    language : str, optional
        The language of the texts (``"it"``); English by default. A text the catalogue
        lacks stays English; the problems and answers are the same in every language.

    Returns
    -------
    bytes
        A five-page PDF. The same arguments give the same bytes.

    Raises
    ------
    TypeError
        If ``answers`` is not a bool, ``paper`` not a string, ``seed`` not an integer or
        ``language`` not a language code.
    ValueError
        If ``paper`` is not a known size or ``seed`` is negative.
    ImportError
        If matplotlib is not installed (``pip install "convdemo[plot]"``).

    Examples
    --------
    >>> data = worksheet_pdf(answers=True, paper="letter", seed=0)
    >>> data[:5]
    b'%PDF-'
    >>> data == worksheet_pdf(answers=True, paper="letter", seed=0)
    True
    """
    if not isinstance(answers, bool):
        raise TypeError(f"answers must be True or False, got {describe(answers)}")
    if not isinstance(paper, str):
        raise TypeError(f"paper must be a string, got {describe(paper)}")
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, got {paper!r}")
    words = _Words(language)  # validates language
    sheet = worksheet_problems(seed)  # validates seed before any drawing
    try:
        import matplotlib
        from matplotlib.backends.backend_pdf import PdfPages
    except ImportError as error:  # pragma: no cover - plot extra missing
        raise ImportError('worksheet_pdf needs matplotlib: pip install "convdemo[plot]"') from error

    kind = words("answer key") if answers else words("worksheet")
    title = words("convdemo: {kind}", kind=kind)
    words.footer = words(
        "convdemo {version}, problems seeded with {seed}. Text and figures: {licence}; "
        "code: BSD-3-Clause.",
        version=__version__,
        seed=sheet.seed,
        licence=LICENCE,
    )
    buffer = io.BytesIO()
    metadata = {
        "Title": title,
        "Author": words("The convdemo developers"),
        "Subject": words(
            "{kind} computed by convdemo {version} (seed {seed})",
            kind=kind[:1].upper() + kind[1:],
            version=__version__,
            seed=sheet.seed,
        ),
        "Keywords": words(
            "convolution; feature maps; receptive field; licence: {licence}", licence=LICENCE
        ),
        "Creator": f"convdemo {__version__}",
        "CreationDate": None,  # reproducible bytes
    }
    style = {"pdf.fonttype": 42, "font.family": "DejaVu Sans", "svg.hashsalt": "convdemo"}
    with matplotlib.rc_context(style), PdfPages(buffer, metadata=metadata) as pdf:
        first = _Page(pdf, PAPER_SIZES[paper], title, words)
        first.line(
            words(
                "Name: ______________________    Work each problem by hand; the answer key "
                "has every number."
            ),
            size=9.5,
            gap=0.45,
        )
        _window(first, sheet, answers)
        _grading(first, sheet, answers)
        first.finish()
        second = _Page(pdf, PAPER_SIZES[paper], title, words)
        _faces(second, sheet, answers)
        second.finish()
        third = _Page(pdf, PAPER_SIZES[paper], title, words)
        _field(third, sheet, answers)
        third.finish()
        fourth = _Page(pdf, PAPER_SIZES[paper], title, words)
        _linear(fourth, sheet, answers)
        fourth.finish()
        fifth = _Page(pdf, PAPER_SIZES[paper], title, words)
        _hierarchy(fifth, sheet, answers)
        fifth.finish()
    return buffer.getvalue()
