"""Command line of convdemo: ``python -m convdemo spreadsheet OUT.xlsx``.

Subcommands
-----------
spreadsheet
    Write the site's worked example (or a variation of it) as an ``.xlsx`` workbook
    in which every computed cell is a live formula (:func:`convdemo.write_workbook`).

Every mistake is one line on stderr, never a traceback: a bad argument exits with status 2
(as argparse does), whether malformed (``--shape 9by9``) or well formed but unfit (an image
too small for the face kernel or too large for a workbook, a name not ending in ``.xlsx``);
a file that cannot be written (a missing or read-only folder, a full disk) exits with status
1, naming the path given and the cause, and leaves any old file whole (the workbook is
written atomically, :mod:`convdemo.site.atomic`); so does a full disk as standard output.
Any locale works: a character the terminal's encoding lacks is escaped.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

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
or LibreOffice updates everything downstream. Needs XlsxWriter (pip install "convdemo[sheet]").
"""


class _OutputLost(Exception):
    """Standard output could not be written (a full disk, a closed pipe)."""


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line: the error, then the usage."""

    def _print_message(self, message: str, file: TextIO | None = None) -> None:
        """As argparse, but the help or version lost to a full standard output is an error
        (argparse ignores it and exits with status 0)."""
        if not message:
            return
        stream = file or sys.stderr
        try:
            stream.write(message)
            if stream is sys.stdout:
                stream.flush()
        except (AttributeError, OSError, ValueError):
            if stream is sys.stdout:
                raise _OutputLost from None

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


def _say(text: str, stream: TextIO) -> bool:
    """Write one line to ``stream``; False if it cannot be written (a full disk, a closed
    pipe). A character the stream's encoding lacks (an ASCII-only locale) is escaped."""
    try:
        try:
            stream.write(text + "\n")
        except UnicodeEncodeError:
            encoding = getattr(stream, "encoding", None) or "ascii"
            stream.write(text.encode(encoding, "backslashreplace").decode(encoding) + "\n")
        stream.flush()
    except (OSError, ValueError):
        return False
    return True


def _silence(stream: TextIO) -> None:
    """Point a stream that failed at /dev/null, so that Python's own flush at exit does
    not print a traceback of the same failure."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _fail(command: str, message: str) -> int:
    """The one-line error of a command that failed: status 1."""
    prog = f"python -m convdemo {command}".rstrip()
    text = f"{prog}: error: {' '.join(message.split())}"
    if not _say(text, sys.stderr):
        _silence(sys.stderr)
    return 1


def _describe_os_error(error: OSError, path: str) -> str:
    """An OSError as ``cannot write PATH: cause``, naming the user's path."""
    message = error.strerror or str(error) or type(error).__name__
    return message if path in message else f"cannot write {path}: {message}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        0 on success; 1 if the workbook could not be written or the report of success
        could not be printed (a full disk as standard output), with one line on stderr
        naming the file and the cause; 130 if interrupted. Never a traceback.

    Raises
    ------
    SystemExit
        With status 2 and one line on stderr for a bad argument (an unknown option,
        ``--shape 9by9``, ``--shape 0``, an image too small for the face kernel or too
        large for a workbook, a file name not ending in ``.xlsx``), or status 0 for
        ``--help`` and ``--version``.

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
    try:
        args = parser.parse_args(argv)
    except _OutputLost:  # --help or --version to a full disk
        _silence(sys.stdout)
        return _fail("", "cannot write to standard output")
    try:
        return _run(parser, args)
    except KeyboardInterrupt:
        _fail(args.command, "interrupted")
        return 130
    except Exception as error:  # pragma: no cover - a bug: still one line, no traceback
        return _fail(args.command, f"{type(error).__name__}: {error}")


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command != "spreadsheet":  # pragma: no cover - argparse allows no other
        return 0
    rows, cols = args.shape
    out = args.out
    if Path(out).suffix.lower() != ".xlsx":
        parser.error(f"OUT.xlsx must end in .xlsx (Excel refuses other names), got {out!r}")
    try:
        face = _face_map(rows, cols, args.padding)  # every size checked before drawing
    except ValueError as error:  # a bad --shape (or --padding): a usage error, status 2
        parser.error(" ".join(str(error).split()))
    try:
        from .site.atomic import write_bytes
        from .site.spreadsheet import write_workbook
        from .synthetic import draw_smiley

        image = draw_smiley(args.arrangement, shape=args.shape)
        buffer = io.BytesIO()
        write_workbook(buffer, image, layer1_padding=args.padding)
        # atomic: a failed write leaves the old file whole, and no temporary file behind
        write_bytes(out, buffer.getvalue())
    except OSError as error:
        return _fail(args.command, _describe_os_error(error, out))
    except (ImportError, TypeError, ValueError) as error:
        return _fail(args.command, str(error))
    report = (
        f"wrote {out}: the {args.arrangement!r} smiley, {rows}x{cols} pixels; "
        f"layer-2 face map {face[0]}x{face[1]}"
    )
    if not _say(report, sys.stdout):
        _silence(sys.stdout)
        return _fail(args.command, f"wrote {out}, but cannot write to standard output")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
