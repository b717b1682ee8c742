"""The numbers a figure shows, as files a reader can reuse: CSV per map, one ``.npz`` for all.

Every image panel of a matplotlib figure (``imshow``: a feature map, a kernel, a photo)
holds the array it draws. :func:`figure_arrays` reads them back from the figure itself, so
what a download holds is exactly what the figure shows, with no second copy kept by the
example. :func:`write_figure_data` writes them: one CSV per 2-D map (a header of ``#``
lines says what it is, where it comes from and its licence; ``numpy.loadtxt`` skips them)
and one ``.npz`` with every array and the same header. Both are byte-stable.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np

from . import __version__
from ._checks import describe

__all__ = ["DATA_LICENCE", "figure_arrays", "write_figure_data"]

#: The licence of the site's figures and of their data.
DATA_LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return slug[:40].rstrip("_")


def figure_arrays(fig) -> dict[str, np.ndarray]:
    """Name -> array of every image panel of ``fig``, in the order of its axes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    dict of str to numpy.ndarray
        ``"panel<i>"`` (1-based, over the axes that show an image) followed by the
        panel's title, e.g. ``"panel2_layer_1_eye_map"``; a second image on one axes gets
        a letter. Masked cells are NaN. RGB images keep their colour axis.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib Figure.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> ax = fig.add_subplot()
    >>> _ = ax.imshow(np.eye(2)); _ = ax.set_title("Identity (2x2)")
    >>> {name: array.tolist() for name, array in figure_arrays(fig).items()}
    {'panel1_identity_2x2': [[1.0, 0.0], [0.0, 1.0]]}
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    arrays: dict[str, np.ndarray] = {}
    panel = 0
    for ax in fig.axes:
        images = ax.get_images()
        if not images:
            continue
        panel += 1
        title = _slug(ax.get_title())
        for index, image in enumerate(images):
            name = f"panel{panel}" + (chr(ord("a") + index) if len(images) > 1 else "")
            name += f"_{title}" if title else ""
            data = np.ma.masked_invalid(np.ma.asarray(image.get_array(), dtype=float))
            arrays[name] = np.ma.filled(data, np.nan)
    return arrays


def _header(title: str, name: str, shape: tuple[int, ...]) -> str:
    lines = [
        f"{title}: {name}" if title else name,
        f"shape {' x '.join(str(n) for n in shape)}; rows top to bottom, as in the figure",
        f"computed by convdemo {__version__} when the site was built",
        f"licence: {DATA_LICENCE}",
    ]
    return "\n".join(lines)


def write_figure_data(fig, folder: str | Path, stem: str, title: str = "") -> list[Path]:
    """Write the arrays ``fig`` shows: ``<stem>_<panel>.csv`` per 2-D map, ``<stem>.npz``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (see :func:`figure_arrays`).
    folder : str or pathlib.Path
        An existing folder to write into.
    stem : str
        The files' common name (letters, digits, ``_``, ``-`` and ``.``).
    title : str, optional
        What the figure is (its page's title), written in each file's header.

    Returns
    -------
    list of pathlib.Path
        The files written: the CSVs, then the ``.npz``. A figure without image panels
        writes nothing.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure, or ``stem`` or ``title`` not a string.
    ValueError
        If ``folder`` is not an existing folder or ``stem`` is empty or holds other
        characters.

    Examples
    --------
    >>> import tempfile
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.add_subplot().imshow(np.arange(6).reshape(2, 3))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = write_figure_data(fig, folder, "example")
    ...     print([p.name for p in paths])
    ...     print(np.loadtxt(paths[0], delimiter=","))
    ['example_panel1.csv', 'example.npz']
    [[0. 1. 2.]
     [3. 4. 5.]]
    """
    arrays = figure_arrays(fig)
    if not isinstance(stem, str) or not isinstance(title, str):
        bad = "stem" if not isinstance(stem, str) else "title"
        raise TypeError(f"{bad} must be a string, got {describe(stem if bad == 'stem' else title)}")
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", stem):
        raise ValueError(f"stem must be letters, digits, '_', '-' or '.', got {stem!r}")
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"folder must be an existing folder, got {str(folder)!r}")
    if not arrays:
        return []
    written = []
    for name, array in arrays.items():
        if array.ndim != 2:
            continue  # an RGB photo is in the .npz only
        path = folder / f"{stem}_{name}.csv"
        buffer = io.StringIO()
        np.savetxt(
            buffer, array, fmt="%.17g", delimiter=",", header=_header(title, name, array.shape)
        )
        path.write_text(buffer.getvalue(), encoding="utf-8")
        written.append(path)
    path = folder / f"{stem}.npz"
    header = _header(title, "every panel of the figure", (len(arrays),))
    np.savez_compressed(path, **arrays, README=np.array(header))
    written.append(path)
    return written
