"""A multi-panel figure cut into pieces that a phone can show one under another.

Three panels side by side, shown on a phone's 358 CSS pixels, shrink their labels and
numbers to a third of their size. :func:`panel_crops` finds a figure's panels (each axes
with its colour bars), groups them into rows and cuts each row into as few pieces as keep
the figure's smallest text at least :data:`MIN_TEXT_PX` CSS pixels high on a
:data:`COLUMN_PX`-wide column. :func:`save_crops` writes each piece as a PNG. The site
shows the whole figure on a wide screen and the pieces, stacked, on a narrow one
(``.convdemo-reflow`` in docs/_static/convdemo.css; the gallery's scraper and
:func:`convdemo.site.figure_data.page_figure` write them).

Sizes are CSS pixels of the figure shown at its 1x size: a text of ``s`` points is
``s * dpi / 72`` pixels high in an image saved at ``dpi``, and the page shows a 1x image at
one image pixel per CSS pixel (narrower if the column is narrower).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import open_atomic

__all__ = [
    "COLUMN_PX",
    "MIN_TEXT_PX",
    "Crop",
    "crop_class",
    "cut_out",
    "figure_title",
    "panel_crops",
    "png_bytes",
    "reduced",
    "render_rgba",
    "save_crops",
    "text_px",
]

#: The page's column on a 390 px phone (the theme's 16 px padding each side), CSS pixels.
COLUMN_PX = 358
#: The smallest text a figure may show there, CSS pixels (the tests of the site check it).
MIN_TEXT_PX = 8.0
# A row is cut into pieces of at most this many panels, even where more would be legible.
_MAX_PER_PIECE = 4


@dataclass(frozen=True)
class Crop:
    """One piece of a figure: its box and what a reader needs to know about it.

    Attributes
    ----------
    box : tuple of float
        ``(x0, y0, x1, y1)`` in inches from the figure's lower-left corner.
    panels : int
        How many panels (axes, with their colour bars) the piece holds.
    text_px : float
        Its smallest text, in CSS pixels at the figure's 1x size.
    titles : tuple of str
        The titles of its panels (may be empty strings).
    """

    box: tuple[float, float, float, float]
    panels: int
    text_px: float
    titles: tuple[str, ...]

    def width_px(self, dpi: float) -> float:
        """The piece's width in CSS pixels at 1x, for a figure saved at ``dpi``."""
        return (self.box[2] - self.box[0]) * dpi


def _check_figure(fig: object) -> None:
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")


def _check_dpi(dpi: object) -> float:
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not dpi > 0:
        raise ValueError(f"dpi must be a positive number, got {dpi!r}")
    return float(dpi)


def _texts(fig) -> list[Any]:
    """Every visible, non-blank text of ``fig`` but its suptitle (the page says that)."""
    from matplotlib.text import Text

    title = getattr(fig, "_suptitle", None)
    return [
        text
        for text in fig.findobj(Text)
        if text is not title and text.get_visible() and text.get_text().strip()
    ]


def text_px(fig, dpi: float | None = None) -> float:
    """The smallest text of ``fig`` (its suptitle aside), in CSS pixels at 1x.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    dpi : float, optional
        The resolution its 1x image is saved at; default the figure's own.

    Returns
    -------
    float
        ``points * dpi / 72`` of the smallest text; ``inf`` for a figure without text.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure.
    ValueError
        If ``dpi`` is not a positive number.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(dpi=100)
    >>> ax = fig.add_subplot()
    >>> _ = ax.set_title("a title", fontsize=9)
    >>> _ = ax.set_xticks([])
    >>> _ = ax.set_yticks([])
    >>> round(text_px(fig), 2)
    12.5
    """
    _check_figure(fig)
    dpi = fig.dpi if dpi is None else _check_dpi(dpi)
    sizes = [text.get_fontsize() for text in _texts(fig)]
    return min(sizes) * dpi / 72 if sizes else float("inf")


def figure_title(fig) -> str:
    """The figure's suptitle, or ``""``: the stacked pieces show it as text above them.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> _ = fig.suptitle("Layer 2 reads both channels")
    >>> figure_title(fig)
    'Layer 2 reads both channels'
    """
    _check_figure(fig)
    title = getattr(fig, "_suptitle", None)
    return title.get_text() if title is not None and title.get_visible() else ""


def _panels(fig) -> list[tuple[Any, str]]:
    """(display-pixel box, title) of each panel: an axes with its colour bars, twins as one."""
    from matplotlib.transforms import Bbox

    colorbars: dict[int, list[Any]] = {}
    mains = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        colorbar = getattr(ax, "_colorbar", None)
        if colorbar is not None:
            owner = getattr(colorbar.mappable, "axes", None)
            colorbars.setdefault(id(owner), []).append(ax)
            continue
        mains.append(ax)
    panels: dict[tuple[float, ...], tuple[Any, str]] = {}
    for ax in mains:
        boxes = [ax.get_tightbbox()]
        boxes += [cax.get_tightbbox() for cax in colorbars.get(id(ax), [])]
        box = Bbox.union([b for b in boxes if b is not None])
        key = tuple(round(v, 3) for v in ax.get_position().bounds)  # twins share a place
        if key in panels:
            box = Bbox.union([panels[key][0], box])
        panels[key] = (box, panels.get(key, (None, ""))[1] or ax.get_title())
    # colour bars of an axes that is gone, or of several axes at once: a panel of their own
    known = {id(ax) for ax in mains}
    for owner, caxes in colorbars.items():
        if owner not in known:
            for cax in caxes:
                panels[tuple(round(v, 3) for v in cax.get_position().bounds)] = (
                    cax.get_tightbbox(),
                    "",
                )
    return list(panels.values())


def _rows(panels: list[tuple[Any, str]]) -> list[list[tuple[Any, str]]]:
    """Panels grouped into rows (top first), each row left to right."""
    rows: list[list[tuple[Any, str]]] = []
    for panel in sorted(panels, key=lambda p: -(p[0].y0 + p[0].y1)):
        box = panel[0]
        for row in rows:
            ref = row[0][0]
            overlap = min(box.y1, ref.y1) - max(box.y0, ref.y0)
            if overlap > 0.5 * min(box.height, ref.height):
                row.append(panel)
                break
        else:
            rows.append([panel])
    return [sorted(row, key=lambda p: p[0].x0) for row in rows]


def panel_crops(
    fig,
    *,
    dpi: float | None = None,
    column_px: float = COLUMN_PX,
    min_text_px: float = MIN_TEXT_PX,
    laid_out: bool = False,
) -> list[Crop]:
    """The pieces to show ``fig`` in on a narrow column, or ``[]`` if it needs none.

    ``[]`` when the whole figure keeps its smallest text at ``min_text_px`` on a
    ``column_px``-wide column, or when it has a single panel (it cannot be cut; the page
    makes such an image a link to its full size instead). Otherwise each row of panels is
    cut, left to right, into pieces of as many panels (at most 4) as stay legible there.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, drawn or not (it is laid out here).
    dpi : float, optional
        The resolution of its 1x image; default the figure's own.
    laid_out : bool, default False
        True if the figure was just drawn as it is now (:func:`render_rgba`): its layout
        is then read as it is, not computed once more.
    column_px, min_text_px : float
        The column's width and the smallest legible text, in CSS pixels.

    Returns
    -------
    list of Crop
        Top to bottom, left to right.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure.
    ValueError
        If ``dpi``, ``column_px`` or ``min_text_px`` is not a positive number.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(12, 3), dpi=100)
    >>> for ax in fig.subplots(1, 3):
    ...     _ = ax.plot([0, 1], [1, 0])
    >>> crops = panel_crops(fig)
    >>> [crop.panels for crop in crops]
    [1, 1, 1]
    >>> panel_crops(Figure(figsize=(3, 2), dpi=100))
    []
    """
    from matplotlib.transforms import Bbox

    _check_figure(fig)
    dpi = fig.dpi if dpi is None else _check_dpi(dpi)
    column_px, min_text_px = _check_dpi(column_px), _check_dpi(min_text_px)
    if not laid_out:
        fig.draw_without_rendering()  # the layout is final; every text has its place
    panels = _panels(fig)
    texts = [(t.get_window_extent(), t.get_fontsize()) for t in _texts(fig)]
    to_inches = fig.dpi  # display pixels of the drawn figure per inch

    def crop(group: list[tuple[Any, str]]) -> Crop:
        box = Bbox.union([p[0] for p in group])
        inside = [
            size
            for extent, size in texts
            if box.x0 <= (extent.x0 + extent.x1) / 2 <= box.x1
            and box.y0 <= (extent.y0 + extent.y1) / 2 <= box.y1
        ]
        smallest = min(inside) * dpi / 72 if inside else float("inf")
        inches = tuple(v / to_inches for v in (box.x0, box.y0, box.x1, box.y1))
        return Crop(inches, len(group), smallest, tuple(p[1] for p in group))

    def legible(piece: Crop) -> bool:
        return piece.text_px * min(1.0, column_px / piece.width_px(dpi)) >= min_text_px

    if len(panels) < 2 or legible(crop(panels)):
        return []
    pieces = []
    for row in _rows(panels):
        group = [row[0]]
        for panel in row[1:]:
            if len(group) < _MAX_PER_PIECE and legible(crop([*group, panel])):
                group.append(panel)
            else:
                pieces.append(crop(group))
                group = [panel]
        pieces.append(crop(group))
    return pieces


def save_crops(
    fig,
    crops: list[Crop],
    stem: str | Path,
    *,
    dpi: float,
    scale: int = 2,
    language: str = "",
    pixels=None,
) -> list[Path]:
    """Write each piece of ``fig`` as ``<stem>_piece<i>.png`` at ``scale`` times ``dpi``
    (``<stem>_piece<i>.<language>.png`` with a ``language``: Sphinx's localised image).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure the crops were found in (not changed since).
    crops : list of Crop
        From :func:`panel_crops`.
    stem : str or pathlib.Path
        The path of the files without ``_piece<i>.png``; its folder must exist.
    dpi : float
        The resolution of the figure's 1x image.
    scale : int, default 2
        Pixels of the PNG per CSS pixel (hi-DPI screens).
    language : str, optional
        A language code: the files are that language's version of the pieces.
    pixels : numpy.ndarray, optional
        The figure already drawn at ``scale * dpi`` (:func:`render_rgba`); by default it is
        drawn here, once for all the pieces.

    Returns
    -------
    list of pathlib.Path
        The files, in the order of ``crops``. A file whose bytes did not change is left
        as it was.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or ``crops`` holds something else than Crop.
    ValueError
        If ``dpi`` or ``scale`` is not positive.
    """

    _check_figure(fig)
    dpi = _check_dpi(dpi)
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
        raise ValueError(f"scale must be a positive int, got {scale!r}")
    if not all(isinstance(crop, Crop) for crop in crops):
        raise TypeError("crops must be a list of Crop, as panel_crops returns")
    stem = Path(stem)
    if pixels is None and crops:
        pixels = render_rgba(fig, scale * dpi)
    paths = []
    for i, crop in enumerate(crops, start=1):
        path = stem.with_name(f"{stem.name}_piece{i}{'.' + language if language else ''}.png")
        png = png_bytes(cut_out(pixels, crop.box, scale * dpi), dpi=scale * dpi)
        if not path.is_file() or path.read_bytes() != png:
            with open_atomic(path, "wb") as file:
                file.write(png)
        paths.append(path)
    return paths


def render_rgba(fig, dpi: float):
    """The whole figure drawn once at ``dpi``: an (height, width, 4) uint8 RGBA array.

    The page's images of a figure are made from one drawing: its pieces are cut out of it
    and its smaller sizes are reductions of it (drawing the figure once per file cost
    several times as much).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    dpi : float
        Pixels per inch of the drawing.

    Returns
    -------
    numpy.ndarray
        RGBA pixels, as ``fig.savefig(format="png", dpi=dpi)`` would draw them.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure.
    ValueError
        If ``dpi`` is not positive.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(2, 1))
    >>> render_rgba(fig, 50).shape
    (50, 100, 4)
    >>> plt.close(fig)
    """
    _check_figure(fig)
    dpi = _check_dpi(dpi)
    import io

    import numpy as np

    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=dpi, facecolor=fig.get_facecolor())
    data = np.frombuffer(buffer.getvalue(), dtype=np.uint8)
    width_in, height_in = fig.get_size_inches()
    for rounding in (round, int, math.ceil):
        width, height = rounding(width_in * dpi), rounding(height_in * dpi)
        if width * height * 4 == data.size:
            return data.reshape(height, width, 4)
    raise ValueError(f"cannot read a {width_in}x{height_in} in figure drawn at {dpi} dpi")


def cut_out(pixels, box: tuple[float, float, float, float], dpi: float, *, fill=None):
    """The pixels of ``box`` (inches from the figure's bottom left, as a Bbox's extents)
    in a figure drawn at ``dpi`` (:func:`render_rgba`). A box that reaches past the
    figure's edge (a tight box with its padding) is filled there with ``fill`` (an RGBA
    colour, 0-1), as ``savefig(bbox_inches=...)`` fills it with the figure's face colour;
    without ``fill`` it is cut at the edge.

    Examples
    --------
    >>> import numpy as np
    >>> cut_out(np.zeros((100, 200, 4), np.uint8), (0.5, 0.0, 1.0, 0.25), 100).shape
    (25, 50, 4)
    >>> cut_out(np.zeros((100, 200, 4), np.uint8), (-0.1, 0, 1, 1), 100, fill=(1, 1, 1, 1))[0, 0]
    array([255, 255, 255, 255], dtype=uint8)
    """
    import numpy as np

    height, width = pixels.shape[:2]
    x0, y0, x1, y1 = box
    left, top = round(x0 * dpi), height - round(y1 * dpi)
    right, bottom = round(x1 * dpi), height - round(y0 * dpi)
    if fill is None:
        left, right = max(0, left), min(width, right)
        top, bottom = max(0, top), min(height, bottom)
        return pixels[top:bottom, left:right]
    out = np.empty((bottom - top, right - left, 4), np.uint8)
    out[...] = np.round(np.asarray(fill, float) * 255).astype(np.uint8)
    src_top, src_left = max(0, top), max(0, left)
    src_bottom, src_right = min(height, bottom), min(width, right)
    out[src_top - top : src_bottom - top, src_left - left : src_right - left] = pixels[
        src_top:src_bottom, src_left:src_right
    ]
    return out


def png_bytes(pixels, *, dpi: float = 100.0) -> bytes:
    """RGBA pixels as PNG bytes (what ``savefig`` writes for them: the ``dpi`` in the file,
    no software stamp, so the bytes are reproducible).

    Examples
    --------
    >>> import numpy as np
    >>> png_bytes(np.zeros((2, 3, 4), np.uint8))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    import io

    from matplotlib.image import imsave

    buffer = io.BytesIO()
    imsave(buffer, pixels, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def reduced(pixels, size: tuple[int, int]):
    """``pixels`` resampled to ``size`` (width, height) with a Lanczos filter (Pillow): the
    1x image of a figure drawn at 2x.

    Examples
    --------
    >>> import numpy as np
    >>> reduced(np.zeros((4, 6, 4), np.uint8), (3, 2)).shape
    (2, 3, 4)
    """
    import numpy as np
    from PIL import Image

    image = Image.fromarray(np.ascontiguousarray(pixels), "RGBA")
    return np.asarray(image.resize(size, Image.Resampling.LANCZOS))


def crop_class(text_size: float) -> str:
    """The HTML class that tells the site's browser tests an image's smallest text.

    ``convdemo-textpx-<tenths of a CSS pixel at 1x>``; ``convdemo-textpx-none`` for an
    image without text.

    Examples
    --------
    >>> crop_class(13.89)
    'convdemo-textpx-139'
    >>> crop_class(float("inf"))
    'convdemo-textpx-none'
    """
    if text_size == float("inf"):
        return "convdemo-textpx-none"
    return f"convdemo-textpx-{round(text_size * 10)}"
