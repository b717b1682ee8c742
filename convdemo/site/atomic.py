"""Atomic file writing: every file the package or the build writes goes through here.

The bytes go to a temporary file in the target's own folder, which is flushed, synced and then
renamed over the target (``os.replace``, atomic on POSIX and Windows within one folder). On any
error (a full disk, an interrupted process, an exception raised by the code writing the
content) the old file is unchanged and the temporary file is removed: a reader of the folder
sees either the old file whole or the new file whole, never a partial one.

Errors name the path the caller gave, never the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["open_atomic", "write_bytes", "write_text"]

# A temporary name stays short whatever the target's name: a long target name (up to the
# file system's 255 bytes) must not make the temporary name too long to create.
_TEMPORARY_STEM = 40


def _target(path: str | os.PathLike[str], argument: str = "path") -> Path:
    if isinstance(path, bytes) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{argument} must be a str or os.PathLike path, got {type(path).__name__}")
    target = Path(path)
    if str(path) == "" or target.name in ("", ".", ".."):
        raise ValueError(f"{argument} must name a file, got {str(path)!r}")
    return target


def _check_writable(target: Path) -> int | None:
    """The mode to give the new file: the old file's, if there is one (refused if the old
    file is read-only, or is not a regular file); else None (the umask decides)."""
    if target.is_dir():
        raise IsADirectoryError(f"cannot write {target}: it is a directory")
    if not target.parent.is_dir():
        raise FileNotFoundError(f"cannot write {target}: its folder {target.parent} does not exist")
    try:
        info = target.stat()
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"cannot write {target}: it exists and is not a regular file")
    # The write bits, not os.access: root may write anything, but a file its owner made
    # read-only is not to be replaced behind their back.
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
        target, os.W_OK
    ):
        raise PermissionError(f"cannot write {target}: the file is read-only")
    return stat.S_IMODE(info.st_mode)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def open_atomic(path: str | os.PathLike[str], mode: str = "wb", **kwargs) -> Iterator[IO]:
    """Open ``path`` for writing through a temporary file that replaces it on success.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write. Its folder must exist.
    mode : {"wb", "w"}
        Binary or text.
    **kwargs
        Passed to :func:`open` (``encoding``, ``newline``) in text mode.

    Yields
    ------
    file object
        The temporary file; write the whole content to it.

    Raises
    ------
    TypeError
        If ``path`` is not a str or path-like.
    ValueError
        If ``mode`` is not ``"wb"`` or ``"w"``, or ``path`` names no file.
    FileNotFoundError
        If the folder does not exist.
    PermissionError
        If the target exists and is read-only, or the folder cannot be written.
    OSError
        If writing fails (e.g. a full disk); the message names ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with open_atomic(folder / "a.txt", "w", encoding="utf-8") as f:
    ...     _ = f.write("whole")
    >>> (folder / "a.txt").read_text(encoding="utf-8")
    'whole'
    >>> try:
    ...     with open_atomic(folder / "a.txt", "w", encoding="utf-8") as f:
    ...         _ = f.write("half")
    ...         raise RuntimeError("interrupted")
    ... except RuntimeError:
    ...     pass
    >>> (folder / "a.txt").read_text(encoding="utf-8"), sorted(p.name for p in folder.iterdir())
    ('whole', ['a.txt'])
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"mode must be 'wb' or 'w', got {mode!r}")
    target = _target(path)
    old_mode = _check_writable(target)
    stem = target.name[:_TEMPORARY_STEM]
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{stem}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise type(error)(error.errno, f"cannot write {target}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, old_mode if old_mode is not None else _default_mode())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if (
            isinstance(error, OSError)
            and not isinstance(error, FileNotFoundError)
            and error.filename in (temporary, None)
            and error.errno is not None
        ):
            raise type(error)(error.errno, f"cannot write {target}: {error.strerror}") from None
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`open_atomic`).

    Parameters
    ----------
    path : str or os.PathLike
        The file to write.
    data : bytes
        Its whole content.

    Raises
    ------
    TypeError
        If ``data`` is not bytes-like, or ``path`` is not a path.
    OSError
        As :func:`open_atomic`; the old file is then unchanged.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "b.bin"
    >>> write_bytes(target, b"abc")
    >>> target.read_bytes()
    b'abc'
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, got {type(data).__name__}")
    with open_atomic(path, "wb") as handle:
        handle.write(data)


def write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, encoded (UTF-8 by default), newlines as given.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write.
    text : str
        Its whole content.
    encoding : str
        The text encoding.

    Raises
    ------
    TypeError
        If ``text`` is not a str, or ``path`` is not a path.
    OSError
        As :func:`open_atomic`; the old file is then unchanged.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> write_text(target, "x,y\\n1,2\\n")
    >>> target.read_text()
    'x,y\\n1,2\\n'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    write_bytes(path, text.encode(encoding))
