"""Files the site's build writes once for all its passes, and knows when to write again.

``nox -s docs`` runs Sphinx once per language; some files that the build writes before it
reads the pages (the worksheets, the landing figure) take seconds and come out the same in
every pass. Each such step keeps a *stamp* beside its files: a fingerprint of everything its
output depends on (the package's sources, the catalogues of computed texts, the
libraries' versions, the step's own arguments). A pass that finds the same stamp and every
file in place skips the step; any change to an input writes the files again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

#: The package's folder (convdemo/): every .py file under it is an input of every step.
PACKAGE = Path(__file__).resolve().parents[1]


def fingerprint(*parts: object, files: Iterable[str | Path] = ()) -> str:
    """sha256 of the package's sources, the given ``files`` (those that exist) and ``parts``.

    Parameters
    ----------
    *parts : object
        Anything else the output depends on, by its ``repr`` (arguments, versions).
    files : iterable of str or Path, optional
        Files the output depends on besides the package (a missing file counts as absent).

    Returns
    -------
    str
        64 hexadecimal digits.

    Raises
    ------
    TypeError
        If ``files`` is a single str or Path instead of an iterable of them.

    Examples
    --------
    >>> fingerprint("a4") == fingerprint("a4")
    True
    >>> fingerprint("a4") == fingerprint("letter")
    False
    """
    if isinstance(files, str | Path):
        raise TypeError("files must be an iterable of paths, not a single path")
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for name in files:
        path = Path(name)
        digest.update(str(path).encode() + b"\0")
        digest.update((path.read_bytes() if path.is_file() else b"<absent>") + b"\0")
    for part in parts:
        digest.update(repr(part).encode() + b"\0")
    return digest.hexdigest()


def _stamp_path(folder: Path, step: str) -> Path:
    return Path(folder) / f".{step}.stamp"


def is_current(folder: str | Path, step: str, key: str, outputs: Iterable[str | Path]) -> bool:
    """True if ``step`` last wrote ``outputs`` in ``folder`` from inputs of fingerprint ``key``.

    Parameters
    ----------
    folder : str or Path
        Where the step writes (its stamp lives there too).
    step : str
        The step's name.
    key : str
        The :func:`fingerprint` of its inputs now.
    outputs : iterable of str or Path
        The files the step writes: all must exist.

    Returns
    -------
    bool

    Raises
    ------
    ValueError
        If ``step`` is empty or holds a path separator.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> is_current(folder, "figure", "abc", [])
    False
    >>> mark_current(folder, "figure", "abc")
    >>> is_current(folder, "figure", "abc", []), is_current(folder, "figure", "xyz", [])
    (True, False)
    """
    _check_step(step)
    stamp = _stamp_path(Path(folder), step)
    if not stamp.is_file() or stamp.read_text(encoding="utf-8").strip() != key:
        return False
    return all(Path(path).is_file() for path in outputs)


def mark_current(folder: str | Path, step: str, key: str) -> None:
    """Record that ``step`` wrote its files in ``folder`` from inputs of fingerprint ``key``.

    Parameters
    ----------
    folder : str or Path
        Where the step wrote.
    step : str
        The step's name.
    key : str
        The :func:`fingerprint` of its inputs.

    Raises
    ------
    ValueError
        If ``step`` is empty or holds a path separator.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> mark_current(folder, "worksheets", fingerprint("a4"))
    >>> is_current(folder, "worksheets", fingerprint("a4"), [])
    True
    """
    from convdemo.site.atomic import write_text

    _check_step(step)
    Path(folder).mkdir(parents=True, exist_ok=True)
    write_text(_stamp_path(Path(folder), step), key + "\n")


def _check_step(step: object) -> None:
    if not isinstance(step, str) or not step or "/" in step or "\\" in step:
        raise ValueError(f"step must be a non-empty name without '/', got {step!r}")
