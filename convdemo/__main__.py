"""Command line of convdemo: ``python -m convdemo spreadsheet OUT.xlsx``.

Subcommands
-----------
spreadsheet
    Write the site's worked example (or a variation of it) as an ``.xlsx`` workbook
    in which every computed cell is a live formula (:func:`convdemo.write_workbook`).

Every mistake is one line on stderr, never a traceback: a bad argument exits with status 2
(as argparse does), whether malformed (``--shape 9by9``) or well formed but unfit (an image
too small for the face kernel or too large for a workbook); a file that cannot be written
exits with status 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .geometry import conv_output_size
from .site.spreadsheet import MAX_WORKBOOK_SIZE
from .synthetic import SMILEY_ARRANGEMENTS

__all__ = ["main"]

_SPREADSHEET_HELP = """\
Write the worked example as an .xlsx workbook with live formulas: the input image, two
layer-1 kernels (eye, mouth), their feature maps before and after ReLU, and the layer-2
"face" kernel that reads both channels at once. Every computed cell is a formula
(SUMPRODUCT over a window, MAX(0, ...) for ReLU), so editing a pixel or a weight in Excel
or LibreOffice updates everything downstream. Needs openpyxl (pip install "convdemo[sheet]").
"""


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line: the error, then the usage."""

    def error(self, message: str) -> None:  # type: ignore[override]
        usage = " ".join(self.format_usage().split())
        self.exit(2, f"{self.prog}: error: {message} ({usage}; see --help)\n")


def _pair(text: str) -> tuple[int, int]:
    """``"9"`` or ``"9x11"`` -> (rows, cols), both positive."""
    parts = text.lower().split("x")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected N or ROWSxCOLS, got {text!r}") from None
    if len(numbers) == 1:
        numbers *= 2
    if len(numbers) != 2:
        raise argparse.ArgumentTypeError(f"expected N or ROWSxCOLS, got {text!r}")
    if min(numbers) < 1:
        raise argparse.ArgumentTypeError(f"expected positive sizes N or ROWSxCOLS, got {text!r}")
    return numbers[0], numbers[1]


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m convdemo",
        description="convdemo: how the second convolution finds new features in the first "
        "one's feature map.",
    )
    parser.add_argument("--version", action="version", version=f"convdemo {__version__}")
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
    sheet = commands.add_parser(
        "spreadsheet",
        help="write the worked example as an .xlsx workbook with live formulas",
        description=_SPREADSHEET_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="example: python -m convdemo spreadsheet worked_example.xlsx",
    )
    sheet.add_argument("out", metavar="OUT.xlsx", help="the workbook to write (overwritten)")
    sheet.add_argument(
        "--arrangement",
        choices=SMILEY_ARRANGEMENTS,
        default="face",
        help="what the input image shows (default: %(default)s); the others lack a part or "
        "put it in the wrong place, so layer 2 finds no face",
    )
    sheet.add_argument(
        "--shape",
        type=_pair,
        default=(9, 9),
        metavar="ROWSxCOLS",
        help=f"input image size, at least 7x5 and at most {MAX_WORKBOOK_SIZE}x"
        f"{MAX_WORKBOOK_SIZE} (default: 9x9)",
    )
    sheet.add_argument(
        "--padding",
        type=int,
        default=1,
        choices=(0, 1, 2),
        help="layer-1 zero padding on each side (default: %(default)s, which keeps the "
        "layer-1 maps the size of the image)",
    )
    return parser


def _face_map(rows: int, cols: int, padding: int) -> tuple[int, int]:
    """The layer-2 face map's size for a ``rows`` x ``cols`` image, or a ValueError."""
    from .synthetic import smiley_face_detector

    if max(rows, cols) > MAX_WORKBOOK_SIZE:
        raise ValueError(
            f"--shape {rows}x{cols}: a workbook shows at most {MAX_WORKBOOK_SIZE}x"
            f"{MAX_WORKBOOK_SIZE} pixels readably"
        )
    detector = smiley_face_detector()
    eye_mouth, face = (detector[i].weight.shape[-2:] for i in (0, 2))
    maps = [
        conv_output_size(n, k, padding=padding)
        for n, k in zip((rows, cols), eye_mouth, strict=True)
    ]
    if min(maps) < 1:
        raise ValueError(
            f"--shape {rows}x{cols} is smaller than the {eye_mouth[0]}x{eye_mouth[1]} layer-1 "
            "kernels: use a larger --shape"
        )
    out = [conv_output_size(n, k) for n, k in zip(maps, face, strict=True)]
    if min(out) < 1:
        raise ValueError(
            f"a {rows}x{cols} image with --padding {padding} gives {maps[0]}x{maps[1]} layer-1 "
            f"maps, smaller than the {face[0]}x{face[1]} face kernel: use a larger --shape or "
            "more --padding"
        )
    return out[0], out[1]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success; 1 if the workbook could not be written, with one line on stderr.

    Raises
    ------
    SystemExit
        With status 2 and one line on stderr for a bad argument (an unknown option,
        ``--shape 9by9``, ``--shape 0``, an image too small for the face kernel or too
        large for a workbook), or status 0 for ``--help`` and ``--version``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     status = main(["spreadsheet", str(Path(folder) / "smiley.xlsx")])  # doctest: +ELLIPSIS
    wrote ...smiley.xlsx: the 'face' smiley, 9x9 pixels; layer-2 face map 3x5
    >>> status
    0
    """
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "spreadsheet":
        rows, cols = args.shape
        try:
            face = _face_map(rows, cols, args.padding)  # every size checked before drawing
        except ValueError as error:  # a bad --shape (or --padding): a usage error, status 2
            parser.error(" ".join(str(error).split()))
        try:
            from .site.spreadsheet import write_workbook
            from .synthetic import draw_smiley

            image = draw_smiley(args.arrangement, shape=args.shape)
            write_workbook(args.out, image, layer1_padding=args.padding)
        except (ImportError, OSError, TypeError, ValueError) as error:
            message = " ".join(str(error).split())  # one line, whatever the error says
            print(f"python -m convdemo spreadsheet: error: {message}", file=sys.stderr)
            return 1
        print(
            f"wrote {args.out}: the {args.arrangement!r} smiley, {rows}x{cols} pixels; "
            f"layer-2 face map {face[0]}x{face[1]}"
        )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
