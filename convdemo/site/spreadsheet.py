"""The worked example as a spreadsheet in which every computed cell is a live formula.

:func:`write_workbook` writes a two-layer network (convolution, ReLU, a second
convolution that reads every channel of the first, ReLU) as an ``.xlsx`` workbook.
The input and the kernels are plain numbers; everything else is a formula over
the cells it depends on:

* a layer-1 cell is ``=SUMPRODUCT(<window of the padded input>, <kernel>) + <bias>``,
  one ``SUMPRODUCT`` per input channel;
* a ReLU cell is ``=MAX(0, <the cell before it>)``;
* a layer-2 cell is one ``SUMPRODUCT`` per layer-1 channel plus its bias: this
  is where the second convolution reads *all* of the first one's maps at once;
* zero padding is a padded copy of a sheet: border cells hold 0, interior cells
  point at the sheet they pad.

So a reader who edits any input pixel or weight in Excel or LibreOffice sees
every map downstream change. Each formula cell also holds its value, computed by
convdemo, so that readers which do not recalculate (pandas, openpyxl with
``data_only=True``, a file previewer) see the numbers too; the tests check these values
against an independent formula engine and against LibreOffice. XlsxWriter (the ``sheet``
extra) is imported inside the function.
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

import numpy as np

from .._checks import as_data_array, as_int_pair, describe
from ..geometry import conv_output_size
from .figure_data import DATA_LICENCE
from .reproducible import FIXED_DATE, write_zip

__all__ = ["MAX_WORKBOOK_CHANNELS", "MAX_WORKBOOK_SIZE", "write_workbook"]

MAX_WORKBOOK_SIZE = 64
"""Largest input height or width :func:`write_workbook` accepts (a bigger grid is unreadable)."""

MAX_WORKBOOK_CHANNELS = 6
"""Most channels :func:`write_workbook` accepts in the input, layer 1 or layer 2."""

# The worked example of the site: a 9x9 smiley and the hand-built face detector.
_DEFAULT_SHAPE = (9, 9)
_DEFAULT_LAYER1_NAMES = ("eye", "mouth")
_DEFAULT_LAYER2_NAMES = ("face",)

# Every date the file holds (document properties, zip members): the site's one fixed date
# (convdemo.site.reproducible), so two runs give byte-identical files.
_FIXED_DATETIME = datetime.datetime(*FIXED_DATE)

# The site's signed colours (matplotlib's RdBu_r at 0.2, 0.5 and 0.8: lighter than its
# ends, so that black numbers stay readable); limits symmetric about 0, as in the figures.
_NEGATIVE_COLOUR = "4393C3"
_ZERO_COLOUR = "F7F7F7"
_POSITIVE_COLOUR = "D6604D"
_EDITABLE_TAB = "E6A817"
_COMPUTED_TAB = "5B7DB1"
_DATA_COLUMN_WIDTH = 7.0


# --------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class _Example:
    """The validated arrays of one workbook (float64, channels first)."""

    image: np.ndarray  # (C_in, H, W)
    layer1_weight: np.ndarray  # (C1, C_in, kh1, kw1)
    layer1_bias: np.ndarray  # (C1,)
    layer2_weight: np.ndarray  # (C2, C1, kh2, kw2)
    layer2_bias: np.ndarray  # (C2,)
    layer1_padding: tuple[int, int]
    layer2_padding: tuple[int, int]
    layer1_names: tuple[str, ...]
    layer2_names: tuple[str, ...]
    is_default: bool


def _finite(array: np.ndarray, name: str) -> np.ndarray:
    result = np.asarray(array, dtype=np.float64)
    if not np.isfinite(result).all():
        raise ValueError(f"{name} must hold finite numbers only (no NaN or infinity)")
    return result


def _check_channels(count: int, name: str, what: str) -> None:
    if count > MAX_WORKBOOK_CHANNELS:
        raise ValueError(
            f"{name} has {count} {what}; a workbook shows at most {MAX_WORKBOOK_CHANNELS} "
            "channels per layer readably"
        )


def _check_weight(
    weight: object, name: str, in_channels: int, in_shape: tuple[int, int], padding, source: str
) -> np.ndarray:
    """A (C_out, C_in, kh, kw) weight that fits the padded input; ``padding`` <= kernel - 1."""
    w = as_data_array(weight, name, (4,))
    if w.shape[1] != in_channels:
        raise ValueError(
            f"{name} expects {w.shape[1]} input channels (shape {w.shape}) but {source} has "
            f"{in_channels}; {name} must have shape (C_out, {in_channels}, kh, kw)"
        )
    if min(w.shape) == 0:
        raise ValueError(f"{name} must not be empty, got shape {w.shape}")
    _check_channels(w.shape[0], name, "output channels")
    padding_name = name.replace("_weight", "_padding")
    for axis, which in enumerate(("height", "width")):
        kernel = w.shape[2 + axis]
        if padding[axis] > kernel - 1:
            raise ValueError(
                f"{padding_name} {padding[axis]} is more than {name}'s kernel {which} minus 1 "
                f"({kernel - 1}): the extra rows or columns of output would see only padding"
            )
        if kernel > in_shape[axis] + 2 * padding[axis]:
            raise ValueError(
                f"{name}'s kernel {which} {kernel} is larger than the padded {source} {which} "
                f"{in_shape[axis] + 2 * padding[axis]} ({source} {in_shape}, {padding_name} "
                f"{padding[axis]})"
            )
    return _finite(w, name)


def _check_bias(bias: object, name: str, channels: int, default: np.ndarray | None) -> np.ndarray:
    if bias is None:
        return np.zeros(channels) if default is None else default
    b = as_data_array(bias, name, (0, 1))
    if b.shape != (channels,) and not (channels == 1 and b.shape == ()):
        raise ValueError(f"{name} must have shape ({channels},), one per channel, got {b.shape}")
    return _finite(b.reshape(channels), name)


def _validate(
    image: object,
    layer1_weight: object,
    layer1_bias: object,
    layer2_weight: object,
    layer2_bias: object,
    layer1_padding: object,
    layer2_padding: object,
) -> _Example:
    from ..synthetic import draw_smiley, smiley_face_detector

    detector = smiley_face_detector()
    if image is None:
        image = draw_smiley(shape=_DEFAULT_SHAPE)
    x = as_data_array(image, "image", (2, 3))
    x = x[None] if x.ndim == 2 else x
    if min(x.shape) == 0:
        raise ValueError(f"image must not be empty, got shape {np.shape(image)}")
    _check_channels(x.shape[0], "image", "channels")
    if max(x.shape[1:]) > MAX_WORKBOOK_SIZE:
        raise ValueError(
            f"image is {x.shape[1]}x{x.shape[2]}; a workbook shows at most "
            f"{MAX_WORKBOOK_SIZE}x{MAX_WORKBOOK_SIZE} pixels readably: crop or shrink it"
        )
    x = _finite(x, "image")
    pad1 = as_int_pair(layer1_padding, "layer1_padding", minimum=0)
    pad2 = as_int_pair(layer2_padding, "layer2_padding", minimum=0)

    default1 = layer1_weight is None
    w1 = _check_weight(
        detector[0].weight if default1 else layer1_weight,
        "layer1_weight",
        x.shape[0],
        x.shape[1:],
        pad1,
        "image",
    )
    b1 = _check_bias(
        layer1_bias, "layer1_bias", w1.shape[0], detector[0].bias.copy() if default1 else None
    )
    out1 = tuple(
        conv_output_size(n, k, padding=p)
        for n, p, k in zip(x.shape[1:], pad1, w1.shape[2:], strict=True)
    )
    default2 = layer2_weight is None
    w2 = _check_weight(
        detector[2].weight if default2 else layer2_weight,
        "layer2_weight",
        w1.shape[0],
        out1,
        pad2,
        "layer-1 output",
    )
    b2 = _check_bias(
        layer2_bias, "layer2_bias", w2.shape[0], detector[2].bias.copy() if default2 else None
    )
    names1 = _DEFAULT_LAYER1_NAMES if default1 else tuple(f"ch{c}" for c in range(w1.shape[0]))
    names2 = _DEFAULT_LAYER2_NAMES if default2 else tuple(f"ch{c}" for c in range(w2.shape[0]))
    is_default = (
        np.array_equal(x, draw_smiley(shape=_DEFAULT_SHAPE)[None])
        and default1
        and default2
        and np.array_equal(b1, detector[0].bias)
        and np.array_equal(b2, detector[2].bias)
        and pad1 == (1, 1)
        and pad2 == (0, 0)
    )
    return _Example(x, w1, b1, w2, b2, pad1, pad2, names1, names2, bool(is_default))


# --------------------------------------------------------------------------- layout


def _column_letter(column: int) -> str:
    """Spreadsheet column name of a 1-based column number (1 -> A, 27 -> AA)."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _quote(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


@dataclass(frozen=True)
class _Block:
    """A 2-D grid of data cells on a sheet; ``top``/``left`` are the first data cell (1-based)."""

    sheet: str
    top: int
    left: int
    rows: int
    cols: int

    def cell(self, row: int, col: int, absolute: bool = False) -> str:
        dollar = "$" if absolute else ""
        return f"{dollar}{_column_letter(self.left + col)}{dollar}{self.top + row}"

    def ref(self, row: int, col: int, absolute: bool = False) -> str:
        return f"{_quote(self.sheet)}!{self.cell(row, col, absolute)}"

    def range(self, row: int, col: int, rows: int, cols: int, absolute: bool = False) -> str:
        first = self.cell(row, col, absolute)
        last = self.cell(row + rows - 1, col + cols - 1, absolute)
        return f"{_quote(self.sheet)}!{first}:{last}"

    def whole(self, absolute: bool = False) -> str:
        return self.range(0, 0, self.rows, self.cols, absolute)


class _Formula(NamedTuple):
    """A formula cell: its text and the value convdemo computed for it (the cached value
    every reader sees before a spreadsheet application recalculates)."""

    text: str
    value: float


class _Sheet:
    """An XlsxWriter worksheet addressed like the rest of this module: 1-based rows and
    columns, numbers, text or :class:`_Formula` cells."""

    def __init__(self, worksheet) -> None:
        self.worksheet = worksheet
        self.title = worksheet.get_name()

    def write(self, row: int, col: int, value: object, style=None) -> None:
        if isinstance(value, _Formula):
            self.worksheet.write_formula(row - 1, col - 1, value.text, style, value.value)
        else:
            self.worksheet.write(row - 1, col - 1, value, style)

    def width(self, col: int, width: float) -> None:
        self.worksheet.set_column(col - 1, col - 1, width)


class _Writer:
    """Writes labelled blocks of numbers or formulas with the workbook's styles."""

    def __init__(self, output: BinaryIO) -> None:
        import xlsxwriter

        self.book = xlsxwriter.Workbook(output, {"in_memory": True})
        centre = {"align": "center", "valign": "vcenter"}
        self.title_font = self.book.add_format({"bold": True, "font_size": 14})
        self.note_font = self.book.add_format({"italic": True, "font_color": "#404040"})
        self.caption_font = self.book.add_format({"bold": True})
        self.header = self.book.add_format(
            {"font_color": "#7F7F7F", "font_size": 9, "pattern": 1, "bg_color": "#EDEDED"} | centre
        )
        self.data = self.book.add_format(centre)
        self.padding = self.book.add_format({"font_color": "#A0A0A0", "italic": True} | centre)
        self.editable = self.book.add_format({"border": 1, "border_color": "#7F7F7F"} | centre)
        self.sheets: list[_Sheet] = []

    def sheet(self, title: str, heading: str = "", note: str = "", editable: bool = False):
        ws = _Sheet(self.book.add_worksheet(title))
        self.sheets.append(ws)
        if title == "Notes":
            return ws
        ws.worksheet.set_tab_color("#" + (_EDITABLE_TAB if editable else _COMPUTED_TAB))
        ws.write(1, 1, heading, self.title_font)
        ws.write(2, 1, note, self.note_font)
        ws.worksheet.freeze_panes(3, 0)  # rows 1 to 3 stay in view
        ws.width(1, 6.0)
        return ws

    def block(
        self,
        ws: _Sheet,
        top: int,
        left: int,
        caption: str,
        cells: list[list[object]],
        *,
        row_labels: list[int],
        col_labels: list[int],
        editable: bool = False,
        padding_mask: np.ndarray | None = None,
    ) -> _Block:
        """Caption at (top, left), column labels below it, row labels left of the data."""
        rows, cols = len(cells), len(cells[0])
        ws.write(top, left, caption, self.caption_font)
        for c, label in enumerate(col_labels):
            ws.write(top + 1, left + 1 + c, label, self.header)
        for r, label in enumerate(row_labels):
            ws.write(top + 2 + r, left, label, self.header)
        for r in range(rows):
            for c in range(cols):
                style = self.editable if editable else self.data
                if padding_mask is not None and padding_mask[r, c]:
                    style = self.padding
                ws.write(top + 2 + r, left + 1 + c, cells[r][c], style)
        for c in range(max(left, 2), left + 1 + cols):
            ws.width(c, _DATA_COLUMN_WIDTH)
        block = _Block(ws.title, top + 2, left + 1, rows, cols)
        self.colour_scale(ws, block)
        return block

    def colour_scale(self, ws: _Sheet, block: _Block) -> None:
        """Blue below 0, white at 0, red above, with limits symmetric about 0 (as the figures)."""
        data = block.range(0, 0, block.rows, block.cols, absolute=True).split("!")[1]
        limit = f"MAX(ABS(MIN({data})),ABS(MAX({data})),1E-9)"
        ws.worksheet.conditional_format(
            block.top - 1,
            block.left - 1,
            block.top + block.rows - 2,
            block.left + block.cols - 2,
            {
                "type": "3_color_scale",
                "min_type": "formula",
                "min_value": f"-{limit}",
                "min_color": "#" + _NEGATIVE_COLOUR,
                "mid_type": "num",
                "mid_value": 0,
                "mid_color": "#" + _ZERO_COLOUR,
                "max_type": "formula",
                "max_value": limit,
                "max_color": "#" + _POSITIVE_COLOUR,
            },
        )


def _number(value: float) -> int | float:
    """A cell value: integers without a trailing ``.0``."""
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _window_sum(
    sources: list[_Block], kernels: list[_Block], bias: _Block, row: int, col: int, value: float
) -> _Formula:
    terms = [
        f"SUMPRODUCT({source.range(row, col, kernel.rows, kernel.cols)},{kernel.whole(True)})"
        for source, kernel in zip(sources, kernels, strict=True)
    ]
    return _Formula("=" + "+".join(terms) + "+" + bias.ref(0, 0, absolute=True), _number(value))


def _relu_of(block: _Block, values: np.ndarray) -> list[list[_Formula]]:
    """``=MAX(0, cell)`` for every cell of `block`, with the values of ReLU(`values`)."""
    return [
        [_Formula(f"=MAX(0,{block.ref(r, c)})", _number(max(0.0, v))) for c, v in enumerate(line)]
        for r, line in enumerate(values)
    ]


def _padded_copy(
    writer: _Writer,
    title: str,
    heading: str,
    note: str,
    sources: list[_Block],
    captions: list[str],
    padding: tuple[int, int],
    values: np.ndarray,
) -> list[_Block]:
    """A sheet with each source block surrounded by ``padding`` zeros (side by side);
    ``values`` are the sources' numbers (channels first), cached in the copies."""
    ws = writer.sheet(title, heading, note, editable=False)
    blocks, left = [], 1
    pr, pc = padding
    for source, caption, value in zip(sources, captions, values, strict=True):
        rows, cols = source.rows + 2 * pr, source.cols + 2 * pc
        mask = np.ones((rows, cols), dtype=bool)
        mask[pr : pr + source.rows, pc : pc + source.cols] = False
        cells = [
            [
                0
                if mask[r, c]
                else _Formula("=" + source.ref(r - pr, c - pc), _number(value[r - pr, c - pc]))
                for c in range(cols)
            ]
            for r in range(rows)
        ]
        blocks.append(
            writer.block(
                ws,
                4,
                left,
                caption,
                cells,
                row_labels=list(range(-pr, source.rows + pr)),
                col_labels=list(range(-pc, source.cols + pc)),
                padding_mask=mask,
            )
        )
        left += cols + 2
    return blocks


def _kernel_sheet(
    writer: _Writer,
    title: str,
    heading: str,
    note: str,
    weight: np.ndarray,
    bias: np.ndarray,
    out_names: tuple[str, ...],
    in_names: list[str],
) -> tuple[list[list[_Block]], list[_Block]]:
    """One row of blocks per output channel: a slice per input channel, then the bias."""
    ws = writer.sheet(title, heading, note, editable=True)
    kh, kw = weight.shape[2:]
    kernels, biases, top = [], [], 4
    for o, name in enumerate(out_names):
        label = f"channel {o} ({name})" if name != f"ch{o}" else f"channel {o}"
        ws.write(top, 1, label, writer.title_font)
        row, left = [], 1
        for c, in_name in enumerate(in_names):
            cells = [[_number(v) for v in line] for line in weight[o, c]]
            row.append(
                writer.block(
                    ws,
                    top + 1,
                    left,
                    f"weights on {in_name}",
                    cells,
                    row_labels=list(range(kh)),
                    col_labels=list(range(kw)),
                    editable=True,
                )
            )
            left += kw + 2
        ws.write(top + 2, left, "bias", writer.caption_font)
        ws.write(top + 3, left, _number(bias[o]), writer.editable)
        ws.width(left, _DATA_COLUMN_WIDTH)
        biases.append(_Block(title, top + 3, left, 1, 1))
        kernels.append(row)
        top += kh + 4
    return kernels, biases


def _in_name(index: int, names: tuple[str, ...] | None, what: str) -> str:
    if names is None or names[index] == f"ch{index}":
        return f"{what} channel {index}"
    return f"{what} channel {index} ({names[index]})"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _padding_text(padding: tuple[int, int]) -> str:
    if padding == (0, 0):
        return "no padding"
    rows, cols = padding
    return f"zero padding of {_plural(rows, 'row')} and {_plural(cols, 'column')} on each side"


_HEADINGS = ("THE NETWORK", "SHEETS", "HOW TO READ A FORMULA", "CONVENTIONS", "THINGS TO TRY")


def _notes(example: _Example, sheet_titles: list[str], layer2: _Block) -> list[str]:
    """The lines of the Notes sheet; those that start with one of ``_HEADINGS`` are headings."""
    c_in, h, w = example.image.shape
    c1, _, kh1, kw1 = example.layer1_weight.shape
    c2, _, kh2, kw2 = example.layer2_weight.shape
    lines = [
        "convdemo worked example: two convolution layers, every computed cell a live formula",
        "",
        "The question: the first convolution's feature map only says where a feature was "
        "found, so how can the next convolution find a new feature from it?",
        "This workbook is the whole computation of a small network, written out cell by cell. "
        "Edit any input pixel, weight or bias and every map downstream updates.",
        "",
        "THE NETWORK",
        f"Input: {_plural(c_in, 'channel')} of {h}x{w} pixels.",
        f"Layer 1: {_plural(c1, 'kernel')} of {kh1}x{kw1} (one slice per input channel), a "
        f"bias each, {_padding_text(example.layer1_padding)}, then ReLU.",
        f"Layer 2: {_plural(c2, 'kernel')} of {kh2}x{kw2} with one slice per LAYER-1 CHANNEL, "
        f"a bias each, {_padding_text(example.layer2_padding)}, then ReLU.",
        "",
        "SHEETS (in the order the numbers flow)",
    ]
    descriptions = {
        "Input": "the input pixels: edit these (cells with a border are inputs)",
        "Input padded": "the input with a border of zeros (grey); inner cells are =Input!...",
        "Layer 1 kernels": "layer-1 weights and biases: edit these",
        "Layer 1 ReLU": "=MAX(0, cell before ReLU): the feature maps layer 2 reads",
        "Layer 1 ReLU padded": "the ReLU maps with a border of zeros (grey)",
        "Layer 2 kernels": "layer-2 weights (one slice per layer-1 channel) and biases: edit these",
        "Layer 2": "layer 2 before ReLU (left) and after ReLU (right)",
    }
    for title in sheet_titles[1:]:
        text = descriptions.get(
            title,
            "one layer-1 channel before ReLU: =SUMPRODUCT(window of the padded input, "
            "kernel) + bias",
        )
        lines.append(f"  {title}: {text}")
    traced = layer2.ref(layer2.rows // 2, layer2.cols // 2)  # the middle cell
    lines += [
        "",
        "HOW TO READ A FORMULA",
        "A layer-1 cell at (row y, column x) is SUMPRODUCT of the window of the padded input "
        "whose top-left corner is (y, x) with the kernel, plus the bias. With several input "
        "channels there is one SUMPRODUCT per channel, added up.",
        "A layer-2 cell adds one SUMPRODUCT per layer-1 channel: it reads all of layer 1's "
        "ReLU maps at once, each with its own slice of the kernel. That is how it finds a new "
        "feature: not in one map, but in the arrangement of the responses across maps.",
        "Zeros in a ReLU map are answers too ('this feature is not here'). They add nothing "
        "to a layer-2 sum: what counts is where the non-zero answers sit, relative to each "
        "other and across channels.",
        f"Example: click {traced} and use Formulas > Trace Precedents (Excel) or "
        "Sheet > Detective > Trace Precedents (LibreOffice) to see the cells it depends on.",
        "",
        "CONVENTIONS",
        "Row and column labels (grey) are 0-based array indices, as in numpy and on the site; "
        "a padded copy labels its border -1, -2, ... and H, H+1, ...",
        "Colours: blue below 0, white at 0, red above 0, symmetric about 0 in each block (the "
        "site's RdBu_r scale). The convolution is a cross-correlation: the kernel is not "
        "flipped, as in deep-learning libraries.",
        "Tabs: orange = numbers you may edit, blue = formulas.",
    ]
    if example.is_default:
        lines += [
            "",
            "THINGS TO TRY (with the smiley of the site's worked example)",
            "The face cell of Layer 2 (row 1, column 2) is 4: eyes give 8, the mouth gives 8, "
            "the bias is -12.",
            "Delete one eye (set Input rows 1 and 2 of column 2 to 0): the face cell drops to 0.",
            "Move the mouth up one row (row 6 to row 5): the face cell drops to 0 too. Layer 2 "
            "wants the parts in the right arrangement, not just present.",
        ]
    lines += [
        "",
        "Written by convdemo.write_workbook; convdemo's tests recompute every formula with an "
        "independent engine and compare the results with convdemo.conv2d.",
        _licence_note(),
    ]
    return lines


def _licence_note() -> str:
    """The workbook's licence, as the Notes sheet and the document properties state it."""
    return f"Licence of this workbook's numbers and text: {DATA_LICENCE}; code: BSD-3-Clause."


def _values(example: _Example) -> dict[str, np.ndarray]:
    """Every array the workbook computes, by convdemo: the formula cells' cached values."""
    from ..conv import conv2d

    pre1 = conv2d(
        example.image,
        example.layer1_weight,
        example.layer1_bias,
        padding=example.layer1_padding,
        method="direct",
    )
    relu1 = np.maximum(pre1, 0.0)
    pre2 = conv2d(
        relu1,
        example.layer2_weight,
        example.layer2_bias,
        padding=example.layer2_padding,
        method="direct",
    )
    return {"layer1": pre1, "layer1_relu": relu1, "layer2": pre2}


def _build(example: _Example, output: BinaryIO) -> dict[str, str]:
    """Write the workbook (XlsxWriter) to `output`; the map from array names to cell ranges.

    Every formula is written with its value, computed by convdemo (:func:`_values`), so a
    reader that does not recalculate (pandas, openpyxl's ``data_only=True``) sees the
    numbers; Excel and LibreOffice recalculate them on opening (``fullCalcOnLoad``)."""
    values = _values(example)
    writer = _Writer(output)
    notes = writer.sheet("Notes")
    ranges: dict[str, str] = {}
    c_in, h, w = example.image.shape
    c1 = example.layer1_weight.shape[0]
    c2 = example.layer2_weight.shape[0]
    input_names = [f"input channel {c}" if c_in > 1 else "input" for c in range(c_in)]

    # Input
    ws = writer.sheet(
        "Input",
        "Input image",
        "Numbers you may edit: every other sheet is computed from these and the kernels.",
        editable=True,
    )
    inputs, left = [], 1
    for c in range(c_in):
        cells = [[_number(v) for v in line] for line in example.image[c]]
        block = writer.block(
            ws,
            4,
            left,
            input_names[c],
            cells,
            row_labels=list(range(h)),
            col_labels=list(range(w)),
            editable=True,
        )
        inputs.append(block)
        ranges[f"input[{c}]"] = block.whole()
        left += w + 2

    # Layer 1: padded input, kernels, one sheet per channel, ReLU
    sources = inputs
    if example.layer1_padding != (0, 0):
        sources = _padded_copy(
            writer,
            "Input padded",
            "The input with zero padding",
            "Grey cells are the padding (0); the others repeat the Input sheet. Layer 1 reads "
            "its windows from here.",
            inputs,
            [f"{name}, padded" for name in input_names],
            example.layer1_padding,
            example.image,
        )
        for c, block in enumerate(sources):
            ranges[f"input_padded[{c}]"] = block.whole()
    kernels1, biases1 = _kernel_sheet(
        writer,
        "Layer 1 kernels",
        "Layer 1 kernels and biases",
        "Numbers you may edit. Each layer-1 channel has one kernel slice per input channel.",
        example.layer1_weight,
        example.layer1_bias,
        example.layer1_names,
        input_names,
    )
    for o in range(c1):
        for c in range(c_in):
            ranges[f"layer1_weight[{o}, {c}]"] = kernels1[o][c].whole()
        ranges[f"layer1_bias[{o}]"] = biases1[o].ref(0, 0)
    kh1, kw1 = example.layer1_weight.shape[2:]
    out1 = (conv_output_size(sources[0].rows, kh1), conv_output_size(sources[0].cols, kw1))
    layer1 = []
    for o, name in enumerate(example.layer1_names):
        title = f"Layer 1 {name}"
        label = f"channel {o} ({name})" if name != f"ch{o}" else f"channel {o}"
        ws = writer.sheet(
            title,
            f"Layer 1, {label}, before ReLU",
            f"Each cell: SUMPRODUCT of a {kh1}x{kw1} window of "
            f"{'Input padded' if sources is not inputs else 'Input'} (top-left corner at the "
            "same row and column) with this channel's kernel, plus its bias.",
            editable=False,
        )
        cells = [
            [
                _window_sum(sources, kernels1[o], biases1[o], r, c, values["layer1"][o, r, c])
                for c in range(out1[1])
            ]
            for r in range(out1[0])
        ]
        block = writer.block(
            ws,
            4,
            1,
            f"{label} before ReLU",
            cells,
            row_labels=list(range(out1[0])),
            col_labels=list(range(out1[1])),
        )
        layer1.append(block)
        ranges[f"layer1[{o}]"] = block.whole()
    ws = writer.sheet(
        "Layer 1 ReLU",
        "Layer 1 after ReLU: the feature maps layer 2 reads",
        "Each cell: =MAX(0, the same cell before ReLU). Negative responses become 0.",
        editable=False,
    )
    relu1, left = [], 1
    for o in range(c1):
        cells = _relu_of(layer1[o], values["layer1"][o])
        block = writer.block(
            ws,
            4,
            left,
            _in_name(o, example.layer1_names, "layer-1"),
            cells,
            row_labels=list(range(out1[0])),
            col_labels=list(range(out1[1])),
        )
        relu1.append(block)
        ranges[f"layer1_relu[{o}]"] = block.whole()
        left += out1[1] + 2

    # Layer 2
    sources2 = relu1
    relu_names = [_in_name(o, example.layer1_names, "layer-1") for o in range(c1)]
    if example.layer2_padding != (0, 0):
        sources2 = _padded_copy(
            writer,
            "Layer 1 ReLU padded",
            "Layer 1's ReLU maps with zero padding",
            "Grey cells are the padding (0); the others repeat the Layer 1 ReLU sheet.",
            relu1,
            [f"{name}, padded" for name in relu_names],
            example.layer2_padding,
            values["layer1_relu"],
        )
        for o, block in enumerate(sources2):
            ranges[f"layer1_relu_padded[{o}]"] = block.whole()
    kernels2, biases2 = _kernel_sheet(
        writer,
        "Layer 2 kernels",
        "Layer 2 kernels and biases",
        "Numbers you may edit. A layer-2 kernel has one slice for EVERY layer-1 channel.",
        example.layer2_weight,
        example.layer2_bias,
        example.layer2_names,
        relu_names,
    )
    for o in range(c2):
        for c in range(c1):
            ranges[f"layer2_weight[{o}, {c}]"] = kernels2[o][c].whole()
        ranges[f"layer2_bias[{o}]"] = biases2[o].ref(0, 0)
    kh2, kw2 = example.layer2_weight.shape[2:]
    out2 = (conv_output_size(sources2[0].rows, kh2), conv_output_size(sources2[0].cols, kw2))
    ws = writer.sheet(
        "Layer 2",
        "Layer 2: one SUMPRODUCT per layer-1 channel, plus the bias; then ReLU",
        f"Each cell before ReLU adds, for every layer-1 channel, SUMPRODUCT of a {kh2}x{kw2} "
        f"window of {'Layer 1 ReLU padded' if sources2 is not relu1 else 'Layer 1 ReLU'} with "
        "that channel's kernel slice; then the bias.",
        editable=False,
    )
    top, layer2_blocks = 4, []
    for o, name in enumerate(example.layer2_names):
        label = f"channel {o} ({name})" if name != f"ch{o}" else f"channel {o}"
        cells = [
            [
                _window_sum(sources2, kernels2[o], biases2[o], r, c, values["layer2"][o, r, c])
                for c in range(out2[1])
            ]
            for r in range(out2[0])
        ]
        labels = {"row_labels": list(range(out2[0])), "col_labels": list(range(out2[1]))}
        pre = writer.block(ws, top, 1, f"{label} before ReLU", cells, **labels)
        cells = _relu_of(pre, values["layer2"][o])
        post = writer.block(ws, top, out2[1] + 3, f"{label} after ReLU", cells, **labels)
        ranges[f"layer2[{o}]"] = pre.whole()
        layer2_blocks.append(pre)
        ranges[f"layer2_relu[{o}]"] = post.whole()
        top += out2[0] + 3

    # Notes, last: it lists the sheets
    titles = [sheet.title for sheet in writer.sheets]
    for row, line in enumerate(_notes(example, titles, layer2_blocks[0]), start=1):
        style = None
        if row == 1:
            style = writer.title_font
        elif line.startswith(_HEADINGS):
            style = writer.caption_font
        notes.write(row, 1, line, style)
    notes.width(1, 120)
    notes.worksheet.set_tab_color("#808080")
    notes.worksheet.activate()
    _state_the_properties(writer.book)
    writer.book.close()
    return ranges


# --------------------------------------------------------------------------- saving


def _state_the_properties(book) -> None:
    """Title, author, the one fixed date, and the licence: in the description, the keywords
    (as in the worksheet PDFs) and a custom "Licence" property (File > Properties > Custom)."""
    book.set_properties(
        {
            "title": "convdemo worked example",
            "author": "convdemo",
            "comments": _licence_note(),
            "keywords": f"convolution; feature maps; licence: {DATA_LICENCE}",
            "created": _FIXED_DATETIME,  # created and modified: no clock in the file
        }
    )
    book.set_custom_property("Licence", DATA_LICENCE)


def _reproducible_bytes(data: bytes) -> bytes:
    """The .xlsx bytes with every zip member dated the site's fixed date."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    write_zip(out, members, sort=False)  # in the order XlsxWriter wrote them
    return out.getvalue()


def write_workbook(
    path: str | os.PathLike[str] | BinaryIO,
    image: np.typing.ArrayLike | None = None,
    layer1_weight: np.typing.ArrayLike | None = None,
    layer1_bias: np.typing.ArrayLike | None = None,
    layer2_weight: np.typing.ArrayLike | None = None,
    layer2_bias: np.typing.ArrayLike | None = None,
    *,
    layer1_padding: int | tuple[int, int] = 1,
    layer2_padding: int | tuple[int, int] = 0,
) -> dict[str, str]:
    """Write a two-layer convolution as an ``.xlsx`` workbook whose computed cells are formulas.

    The network is ``conv2d(image, layer1_weight, layer1_bias, padding=layer1_padding)``,
    ReLU, ``conv2d(..., layer2_weight, layer2_bias, padding=layer2_padding)``, ReLU
    (stride 1). With no arrays given it is the site's worked example: a 9x9
    :func:`~convdemo.draw_smiley` and :func:`~convdemo.smiley_face_detector` (an "eye" and
    a "mouth" channel, then a 7x5 "face" kernel over both).

    The sheets, in the order the numbers flow: ``Notes`` (the layout explained), ``Input``,
    ``Input padded`` (zeros around ``=Input!...`` cells), ``Layer 1 kernels``, one sheet
    per layer-1 channel before ReLU (``=SUMPRODUCT(window, kernel) + bias``, one
    ``SUMPRODUCT`` per input channel), ``Layer 1 ReLU`` (``=MAX(0, ...)``), ``Layer 1 ReLU
    padded`` (if ``layer2_padding`` is not 0), ``Layer 2 kernels`` and ``Layer 2`` (before
    and after ReLU). The input, kernels and biases are numbers (framed cells on orange
    tabs): editing one recomputes everything downstream in Excel or LibreOffice. Every
    block has 0-based row and column labels and a blue-white-red colour scale symmetric
    about 0, like the site's figures.

    The file is reproducible: the same arguments give byte-identical files (fixed document
    and zip dates).

    Parameters
    ----------
    path : str, os.PathLike or binary file
        Where to write: a path ending in ``.xlsx`` (overwritten if it exists), or a
        binary file object such as ``io.BytesIO()``.
    image : array_like, optional
        ``(H, W)`` or ``(C_in, H, W)``; at most ``MAX_WORKBOOK_SIZE`` (64) pixels a
        side and ``MAX_WORKBOOK_CHANNELS`` (6) channels. Default: the 9x9 smiley.
    layer1_weight : array_like, optional
        ``(C1, C_in, kh, kw)``, at most 6 channels. Default: the detector's eye and
        mouth kernels, ``(2, 1, 3, 3)``.
    layer1_bias : array_like, optional
        ``(C1,)``. Default: the detector's ``[-2, -2]`` if ``layer1_weight`` is the
        default, zeros otherwise.
    layer2_weight : array_like, optional
        ``(C2, C1, kh, kw)``: one slice per layer-1 channel. Default: the detector's
        face kernel, ``(1, 2, 7, 5)``.
    layer2_bias : array_like, optional
        ``(C2,)``. Default: the detector's ``[-12]`` if ``layer2_weight`` is the
        default, zeros otherwise.
    layer1_padding, layer2_padding : int or (int, int), default 1 and 0
        Zero padding on each side (rows, columns), at most the kernel size minus 1.

    Returns
    -------
    dict of str to str
        Where each array is in the workbook, as an A1 range such as
        ``"'Layer 2'!B6:F8"``. Keys: ``"input[c]"``, ``"input_padded[c]"`` (if
        padded), ``"layer1_weight[o, c]"``, ``"layer1_bias[o]"`` (one cell),
        ``"layer1[o]"`` (before ReLU), ``"layer1_relu[o]"``, ``"layer1_relu_padded[o]"``
        (if padded), ``"layer2_weight[o, c]"``, ``"layer2_bias[o]"``, ``"layer2[o]"``
        and ``"layer2_relu[o]"``.

    Raises
    ------
    ImportError
        If XlsxWriter is not installed (``pip install "convdemo[sheet]"``).
    TypeError
        If an array is not real and numeric, a padding is not an int or pair of ints,
        or `path` is neither a path nor a binary file.
    ValueError
        If shapes do not fit together (as in :func:`~convdemo.conv2d`), an array holds
        NaN or infinity, a padding exceeds kernel size minus 1, the input is larger
        than 64x64 or a layer has more than 6 channels, or `path` does not end in
        ``.xlsx``.
    OSError
        If the file cannot be written (a missing folder, a read-only file, no permission,
        a full disk); the message names `path`. The workbook is written to a temporary
        file beside `path` and renamed over it (``convdemo.site.atomic``), so an
        existing file is then left whole and no partial file remains.

    See Also
    --------
    convdemo.conv2d : The same numbers, computed by numpy.
    convdemo.smiley_face_detector : The default network.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from openpyxl import load_workbook
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     ranges = write_workbook(Path(folder) / "smiley.xlsx")
    ...     book = load_workbook(Path(folder) / "smiley.xlsx")
    ...     values = load_workbook(Path(folder) / "smiley.xlsx", data_only=True)
    >>> book.sheetnames
    ['Notes', 'Input', 'Input padded', 'Layer 1 kernels', 'Layer 1 eye', 'Layer 1 mouth',
     'Layer 1 ReLU', 'Layer 2 kernels', 'Layer 2']
    >>> ranges["layer2_relu[0]"]
    "'Layer 2'!I6:M8"
    >>> book["Layer 1 ReLU"]["B6"].value
    "=MAX(0,'Layer 1 eye'!B6)"

    The face cell (row 1, column 2 of layer 2) reads both layer-1 channels:

    >>> print(book["Layer 2"]["D7"].value.replace("+", "\\n+"))
    =SUMPRODUCT('Layer 1 ReLU'!D7:H13,'Layer 2 kernels'!$B$7:$F$13)
    +SUMPRODUCT('Layer 1 ReLU'!O7:S13,'Layer 2 kernels'!$I$7:$M$13)
    +'Layer 2 kernels'!$O$7

    Each formula carries its value, for readers that do not recalculate:

    >>> values["Layer 2"]["D7"].value, values["Layer 2"]["K7"].value  # before and after ReLU
    (4, 4)

    Any shapes that fit, e.g. three 2x2 layer-1 kernels and no padding:

    >>> import io
    >>> import numpy as np
    >>> ranges = write_workbook(
    ...     io.BytesIO(), np.eye(4), np.ones((3, 1, 2, 2)), layer2_weight=np.ones((1, 3, 2, 2)),
    ...     layer1_padding=0)
    >>> ranges["layer1[2]"], ranges["layer2_relu[0]"]
    ("'Layer 1 ch2'!B6:D8", "'Layer 2'!F6:G7")
    """
    if not (isinstance(path, str | os.PathLike) or hasattr(path, "write")) or isinstance(
        path, io.TextIOBase
    ):
        raise TypeError(f"path must be a file path or a binary file object, got {describe(path)}")
    if isinstance(path, str | os.PathLike) and Path(path).suffix.lower() != ".xlsx":
        raise ValueError(f"path must end in .xlsx (Excel refuses other names), got {str(path)!r}")
    example = _validate(
        image,
        layer1_weight,
        layer1_bias,
        layer2_weight,
        layer2_bias,
        layer1_padding,
        layer2_padding,
    )
    try:
        import xlsxwriter  # noqa: F401
    except ImportError:
        raise ImportError(
            'write_workbook needs XlsxWriter: pip install "convdemo[sheet]" (or xlsxwriter)'
        ) from None
    raw = io.BytesIO()
    ranges = _build(example, raw)
    data = _reproducible_bytes(raw.getvalue())
    if isinstance(path, str | os.PathLike):
        from convdemo.site.atomic import write_bytes

        write_bytes(path, data)  # a temporary file beside it, renamed over it
    else:
        path.write(data)
    return ranges
