"""The printable worksheet and its answer key, as PDF (drawn with matplotlib, imported lazily).

:func:`worksheet_pdf` prints the problems of :func:`convdemo.site.worksheet.worksheet_problems`
on A4 or US Letter: numbered grids to work by hand, blank boxes for the answers; with
``answers=True`` the same pages with every box filled in from the computation. Text is
embedded as real text (TrueType), so the answers can be read back from the PDF, and the
bytes do not depend on the date (no creation date is written).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np

from .. import __version__
from .._checks import describe
from .figure_data import DATA_LICENCE
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


def _fmt(value: float) -> str:
    return f"{float(value) + 0.0:g}"  # + 0.0: no "-0"


class _Page:
    """One page, laid out from the top in inches."""

    def __init__(self, pdf, paper: tuple[float, float], title: str, footer: str) -> None:
        from matplotlib.figure import Figure

        self.pdf = pdf
        self.width, self.height = paper
        self.fig = Figure(figsize=paper)
        self.y = _MARGIN  # distance of the next item from the top
        self.line(title, size=15, weight="bold", gap=0.32)
        self.line(_SUBTITLE, size=11, gap=0.45)
        self.fig.text(_MARGIN / self.width, 0.35 / self.height, footer, size=7, color="#444444")

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
                    _fmt(value),
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
    p = sheet.window
    page.line("1. One output number", size=12, weight="bold", gap=0.3)
    page.line(
        "Slide the kernel over the window: multiply cell by cell, add the nine "
        "products, then add the bias."
    )
    x = _MARGIN
    x += page.grid(x, p.window, (3, 3), "image window") + 0.45
    x += page.grid(x, p.kernel, (3, 3), "kernel") + 0.45
    page.grid(x, p.products if answers else None, (3, 3), "products", answer=True)
    page.y += 0.22 + 3 * _CELL + 0.25
    page.box(
        _MARGIN,
        f"sum of the products + bias ({_fmt(p.bias)}) =",
        _fmt(p.answer) if answers else None,
    )
    page.y += 0.5


def _row(values: Sequence[float] | None, n: int) -> np.ndarray | None:
    return None if values is None else np.asarray(values, dtype=float).reshape(1, n)


def _grading(page: _Page, sheet: Worksheet, answers: bool) -> None:
    p = sheet.grading
    n = p.weak.size
    page.line("2. How much, not whether", size=12, weight="bold", gap=0.3)
    page.line(
        f"A faint stroke (ink {_fmt(p.weak_ink)}) and a bold one (ink "
        f"{_fmt(p.strong_ink)}) through the vertical-line kernel give these rows of"
    )
    page.line(
        "the layer-1 map. Write what ReLU and what a step (1 above 0, else 0) leave of each row."
    )
    page.y += 0.05
    rows = [
        ("faint stroke, before", p.weak, False),
        ("bold stroke, before", p.strong, False),
        ("faint, after ReLU", p.weak_relu if answers else None, True),
        ("bold, after ReLU", p.strong_relu if answers else None, True),
        ("faint, after step", p.weak_step if answers else None, True),
        ("bold, after step", p.strong_step if answers else None, True),
    ]
    for label, values, answer in rows:
        page.text(_MARGIN, label, size=9)
        page.y -= 0.22  # the grid's label line is the row label beside it
        page.grid(_MARGIN + 1.8, _row(values, n), (1, n), "", answer=answer)
        page.y += 0.22 + _CELL + 0.12
    page.y += 0.1
    yes = {True: "yes", False: "no"}
    page.box(
        _MARGIN,
        "Can a next layer tell the two strokes apart after ReLU?",
        yes[p.relu_tells_apart] if answers else None,
    )
    page.y += 0.3
    page.box(_MARGIN, "... and after the step?", yes[p.step_tells_apart] if answers else None)
    page.y += 0.45


def _face(page: _Page, face: FaceProblem, answers: bool) -> None:
    page.line(f"Drawing: {face.arrangement.replace('_', ' ')}", weight="bold")
    shape = face.eye_window.shape
    x = _MARGIN
    x += page.grid(x, face.eye_window, shape, "eye map window") + 0.25
    x += page.grid(x, face.eye_slice, shape, "eye kernel slice") + 0.55
    x += page.grid(x, face.mouth_window, shape, "mouth map window") + 0.25
    page.grid(x, face.mouth_slice, shape, "mouth kernel slice")
    page.y += 0.22 + shape[0] * _CELL + 0.25

    def value(number: float) -> str | None:
        return _fmt(number) if answers else None

    page.box(_MARGIN, "eye contribution =", value(face.eye_contribution))
    page.box(_MARGIN + 2.6, "mouth contribution =", value(face.mouth_contribution))
    page.y += 0.3
    page.box(_MARGIN, f"+ bias ({_fmt(face.bias)}) =", value(face.pre_activation))
    page.box(_MARGIN + 2.6, "after ReLU: face score =", value(face.value))
    page.y += 0.5


def _faces(page: _Page, sheet: Worksheet, answers: bool) -> None:
    page.line("3. Channels combine: the face detector", size=12, weight="bold", gap=0.3)
    page.line(
        "Layer 2 reads both layer-1 maps at once. For each channel, multiply the map window by its"
    )
    page.line(
        "kernel slice and add the products: that channel's contribution. Add both "
        "contributions and the bias."
    )
    page.y += 0.1
    for face in sheet.faces:
        _face(page, face, answers)


def _field(page: _Page, sheet: Worksheet, answers: bool) -> None:
    p = sheet.field
    page.line("4. Receptive fields grow", size=12, weight="bold", gap=0.3)
    page.line(
        "Stack 3x3 convolutions (padding 1). Shade the input pixels that the output pixel marked x"
    )
    page.line("sees after two layers, and after three layers.")
    x = _MARGIN
    for layers, (top, left, height, width) in zip((2, 3), p.boxes, strict=True):
        shade = None
        if answers:
            shade = np.zeros((p.grid, p.grid), dtype=bool)
            shade[top : top + height, left : left + width] = True
        x += (
            page.grid(
                x, None, (p.grid, p.grid), f"after {layers} layers", shade=shade, mark=p.pixel
            )
            + 0.5
        )
    page.y += 0.22 + p.grid * _CELL + 0.25
    sizes = {
        layers: f"{size} x {size} pixels" for layers, size in zip((2, 3), p.sizes[1:], strict=True)
    }
    page.box(_MARGIN, "after two layers:", sizes[2] if answers else None)
    page.box(_MARGIN + 3.4, "after three layers:", sizes[3] if answers else None)
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
    p = sheet.linear
    yes = {True: "yes", False: "no"}
    page.line("5. Non-linearity: two layers, one kernel", size=12, weight="bold", gap=0.3)
    page.line("Layer 1 slides kernel a along the row, layer 2 slides kernel b along layer 1's")
    page.line("row (no padding, no bias): multiply cell by cell and add the three products.")
    x = _MARGIN
    x += page.grid(x, p.row, p.row.shape, "input row") + 0.45
    x += page.grid(x, p.first, p.first.shape, "kernel a") + 0.45
    page.grid(x, p.second, p.second.shape, "kernel b")
    page.y += 0.22 + _CELL + 0.3
    _labelled_row(page, "after layer 1 (a)", p.layer1 if answers else None, 5, answer=True)
    _labelled_row(page, "after layer 2 (b)", p.layer2 if answers else None, 3, answer=True)
    page.y += 0.1
    page.line("Without an activation the two layers are ONE kernel c, five weights wide: the sum")
    page.line(
        "of three copies of a, the j-th moved j cells right and multiplied by b's j-th weight."
    )
    page.y += 0.05
    _labelled_row(page, "kernel c", p.composed if answers else None, 5, answer=True)
    _labelled_row(page, "input row through c", p.one_kernel if answers else None, 3, answer=True)
    page.box(
        _MARGIN,
        "Same as after layer 2?",
        yes[bool(np.array_equal(p.one_kernel, p.layer2))] if answers else None,
    )
    page.y += 0.4
    page.line("Now put a ReLU between the layers (negative numbers become 0):")
    page.y += 0.05
    _labelled_row(page, "layer 1, then ReLU", p.layer1_relu if answers else None, 5, answer=True)
    _labelled_row(page, "then layer 2 (b)", p.with_relu if answers else None, 3, answer=True)
    page.box(
        _MARGIN,
        "Same as through c?",
        yes[bool(np.array_equal(p.with_relu, p.one_kernel))] if answers else None,
    )
    page.y += 0.3
    page.line(
        "No kernel c can give this row for every input: the ReLU is what lets depth add "
        "something new."
        if answers
        else "",
        size=9,
    )


def _hierarchy(page: _Page, sheet: Worksheet, answers: bool) -> None:
    p = sheet.hierarchy
    page.line("6. Hierarchy: which layer-2 unit fires?", size=12, weight="bold", gap=0.3)
    page.line("Layer 1 gives two channels: channel 0 marks vertical strokes, channel 1")
    page.line("horizontal ones. Each layer-2 unit multiplies its two 3x3 slices with the two")
    page.line(f"channel windows, adds all the products and its bias ({_fmt(p.bias)}), then a ReLU.")
    page.y += 0.05
    x = _MARGIN
    for unit in range(len(p.units)):
        for channel in range(2):
            x += page.grid(x, p.kernels[unit, channel], (3, 3), f"unit {unit}, channel {channel}")
            x += 0.3
        x += 0.35
    page.y += 0.22 + 3 * _CELL + 0.3
    for k, name in enumerate("ABC"):
        page.line(f"Arrangement {name}", weight="bold")
        x = _MARGIN
        x += page.grid(x, p.maps[k, 0], (3, 3), "channel 0") + 0.3
        page.grid(x, p.maps[k, 1], (3, 3), "channel 1")
        top = page.y
        page.y += 0.2
        for unit in range(len(p.units)):
            page.box(
                _MARGIN + 2.4,
                f"unit {unit}: products + bias = ",
                _fmt(p.sums[k, unit] + p.bias) if answers else None,
            )
            page.box(
                _MARGIN + 5.0,
                "after ReLU:",
                _fmt(p.outputs[k, unit]) if answers else None,
            )
            page.y += 0.28
        page.box(_MARGIN + 2.4, "Which unit fires?", p.fires[k] if answers else None)
        page.y = top + 0.22 + 3 * _CELL + 0.35
    if answers:
        corners = "; ".join(f"unit {u} detects a {name} corner" for u, name in enumerate(p.units))
        page.line(f"{corners}:", size=9, gap=0.2)
        page.line("each fires only for its own arrangement of the same two strokes.", size=9)


def worksheet_pdf(*, answers: bool = False, paper: str = "a4", seed: int = WORKSHEET_SEED) -> bytes:
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

    Returns
    -------
    bytes
        A five-page PDF. The same arguments give the same bytes.

    Raises
    ------
    TypeError
        If ``answers`` is not a bool, ``paper`` not a string or ``seed`` not an integer.
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
    sheet = worksheet_problems(seed)  # validates seed before any drawing
    try:
        import matplotlib
        from matplotlib.backends.backend_pdf import PdfPages
    except ImportError as error:  # pragma: no cover - plot extra missing
        raise ImportError('worksheet_pdf needs matplotlib: pip install "convdemo[plot]"') from error

    kind = "Answer key" if answers else "Worksheet"
    title = f"convdemo: {kind.lower()}"
    footer = (
        f"convdemo {__version__}, problems seeded with {sheet.seed}. Text and figures: "
        f"{LICENCE}; code: BSD-3-Clause."
    )
    buffer = io.BytesIO()
    metadata = {
        "Title": title,
        "Author": "The convdemo developers",
        "Subject": f"{kind} computed by convdemo {__version__} (seed {sheet.seed})",
        "Keywords": f"convolution; feature maps; receptive field; licence: {LICENCE}",
        "Creator": f"convdemo {__version__}",
        "CreationDate": None,  # reproducible bytes
    }
    style = {"pdf.fonttype": 42, "font.family": "DejaVu Sans", "svg.hashsalt": "convdemo"}
    with matplotlib.rc_context(style), PdfPages(buffer, metadata=metadata) as pdf:
        first = _Page(pdf, PAPER_SIZES[paper], title, footer)
        first.line(
            "Name: ______________________    Work each problem by hand; the answer key "
            "has every number.",
            size=9.5,
            gap=0.45,
        )
        _window(first, sheet, answers)
        _grading(first, sheet, answers)
        first.finish()
        second = _Page(pdf, PAPER_SIZES[paper], title, footer)
        _faces(second, sheet, answers)
        second.finish()
        third = _Page(pdf, PAPER_SIZES[paper], title, footer)
        _field(third, sheet, answers)
        third.finish()
        fourth = _Page(pdf, PAPER_SIZES[paper], title, footer)
        _linear(fourth, sheet, answers)
        fourth.finish()
        fifth = _Page(pdf, PAPER_SIZES[paper], title, footer)
        _hierarchy(fifth, sheet, answers)
        fifth.finish()
    return buffer.getvalue()
