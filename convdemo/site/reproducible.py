"""Reproducible files: one fixed date and one deterministic zip writer.

Everything convdemo and its site write as a zip (the workbook's ``.xlsx``, the gallery's
"download all" zips, the offline bundle of the site) goes through :func:`write_zip`, so
the same content always gives the same bytes: members in a fixed order, every one dated
:data:`FIXED_DATE`, with the same permissions and compression.
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Iterable
from typing import BinaryIO

SOURCE_DATE_EPOCH = 1700000000
"""The one date of every reproducible file, in seconds since 1970 (the site's build sets
the environment variable ``SOURCE_DATE_EPOCH`` to it)."""

FIXED_DATE: tuple[int, int, int, int, int, int] = time.gmtime(SOURCE_DATE_EPOCH)[:6]
""":data:`SOURCE_DATE_EPOCH` as a zip member's date: (2023, 11, 14, 22, 13, 20), UTC."""


#: Members already compressed, stored as they are (deflating them again costs time and
#: saves nothing): images, zips (numpy's .npz too), fonts, PDFs (their streams are deflated).
STORED = (
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".npz", ".xlsx", ".woff", ".woff2", ".pdf"
)  # fmt: skip


def write_zip(
    target: str | BinaryIO,
    members: Iterable[tuple[str, bytes]],
    *,
    sort: bool = True,
    level: int = 6,
) -> None:
    """Write ``(name, data)`` pairs as a deterministic zip.

    Parameters
    ----------
    target : str, path-like or binary file
        Where to write. A path is written atomically (:mod:`convdemo.site.atomic`): on
        any error the old file is left whole and no partial file is left.
    members : iterable of (str, bytes)
        Each member's name inside the zip and its bytes.
    sort : bool, default True
        Write the members sorted by name; False keeps their order (an ``.xlsx`` reader
        expects ``[Content_Types].xml`` first).
    level : int, default 6
        The deflate level, 1 (fastest) to 9 (smallest): the site's bundle, written in every
        build, takes 1.

    Members whose names end with one of :data:`STORED` are stored, the others deflated.

    Raises
    ------
    TypeError
        If ``level`` is not an int.
    ValueError
        If two members have the same name, or ``level`` is not 1 to 9.

    Examples
    --------
    >>> import io, zipfile
    >>> from convdemo.site.reproducible import FIXED_DATE, write_zip
    >>> FIXED_DATE
    (2023, 11, 14, 22, 13, 20)
    >>> buffer = io.BytesIO()
    >>> write_zip(buffer, [("b.txt", b"2"), ("a.txt", b"1")])
    >>> archive = zipfile.ZipFile(buffer)
    >>> archive.namelist(), archive.getinfo("a.txt").date_time == FIXED_DATE
    (['a.txt', 'b.txt'], True)
    """
    if not isinstance(level, int) or isinstance(level, bool):
        raise TypeError(f"level must be an int from 1 to 9, got {type(level).__name__}")
    if not 1 <= level <= 9:
        raise ValueError(f"level must be from 1 to 9, got {level}")
    items = sorted(members, key=lambda item: item[0]) if sort else list(members)
    names = [name for name, _ in items]
    if len(set(names)) != len(names):
        raise ValueError("members must have distinct names")
    if isinstance(target, str | os.PathLike):  # a file: written whole or not at all
        from convdemo.site.atomic import open_atomic

        with open_atomic(target) as handle:
            write_zip(handle, items, sort=False, level=level)
        return
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = (
                zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info, data, compresslevel=level)


def normalise_zip(path: str) -> None:
    """Rewrite the zip at `path` deterministically (same members, same bytes each time).

    Parameters
    ----------
    path : str or path-like
        An existing zip file; it is replaced in place.

    Raises
    ------
    zipfile.BadZipFile
        If `path` is not a zip file.

    Examples
    --------
    >>> import os, tempfile, zipfile
    >>> from convdemo.site.reproducible import FIXED_DATE, normalise_zip
    >>> path = os.path.join(tempfile.mkdtemp(), "x.zip")
    >>> with zipfile.ZipFile(path, "w") as archive:
    ...     archive.writestr("z.txt", "z")
    ...     archive.writestr("a.txt", "a")
    >>> normalise_zip(path)
    >>> [(info.filename, info.date_time == FIXED_DATE) for info in zipfile.ZipFile(path).infolist()]
    [('a.txt', True), ('z.txt', True)]
    """
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    write_zip(path, members)
