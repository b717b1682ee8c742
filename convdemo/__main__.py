"""Command line of convdemo: ``python -m convdemo spreadsheet OUT.xlsx``.

Subcommands
-----------
spreadsheet
    Write the site's worked example (or a variation of it) as an ``.xlsx`` workbook
    in which every computed cell is a live formula (:func:`convdemo.spreadsheet.write_workbook`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .conv import conv_output_size
from .synthetic import SMILEY_ARRANGEMENTS

__all__ = ["main"]

_SPREADSHEET_HELP = """\
Write the worked example as an .xlsx workbook with live formulas: the input image, two
layer-1 kernels (eye, mouth), their feature maps before and after ReLU, and the layer-2
"face" kernel that reads both channels at once. Every computed cell is a formula
(SUMPRODUCT over a window, MAX(0, ...) for ReLU), so editing a pixel or a weight in Excel
or LibreOffice updates everything downstream. Needs openpyxl (pip install "convdemo[sheet]").
"""


def _pair(text: str) -> tuple[int, int]:
    """``"9"`` or ``"9x11"`` -> (rows, cols)."""
    parts = text.lower().split("x")
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected N or ROWSxCOLS, got {text!r}") from None
    if len(numbers) == 1:
        numbers *= 2
    if len(numbers) != 2:
        raise argparse.ArgumentTypeError(f"expected N or ROWSxCOLS, got {text!r}")
    return numbers[0], numbers[1]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m convdemo",
        description="convdemo: how the second convolution finds new features in the first "
        "one's feature map.",
    )
    parser.add_argument("--version", action="version", version=f"convdemo {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
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
        help="input image size, at least 7x5 and at most 64x64 (default: 9x9)",
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success, 1 if the workbook could not be written.

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
    args = _parser().parse_args(argv)
    if args.command == "spreadsheet":
        from .spreadsheet import write_workbook
        from .synthetic import draw_smiley

        rows, cols = args.shape
        maps = [conv_output_size(n, 3, padding=args.padding) for n in (rows, cols)]
        face = [maps[0] - 7 + 1, maps[1] - 5 + 1]  # the 7x5 face kernel, no padding
        try:
            if min(face) < 1:
                raise ValueError(
                    f"a {rows}x{cols} image with --padding {args.padding} gives {maps[0]}x"
                    f"{maps[1]} layer-1 maps, smaller than the 7x5 face kernel: use a larger "
                    "--shape or more --padding"
                )
            image = draw_smiley(args.arrangement, shape=args.shape)
            write_workbook(args.out, image, layer1_padding=args.padding)
        except (ImportError, OSError, TypeError, ValueError) as error:
            print(f"python -m convdemo spreadsheet: error: {error}", file=sys.stderr)
            return 1
        print(
            f"wrote {args.out}: the {args.arrangement!r} smiley, {rows}x{cols} pixels; "
            f"layer-2 face map {face[0]}x{face[1]}"
        )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
