"""Figure helpers shared by the gallery examples and the narrative pages.

Every helper draws into a matplotlib ``Axes`` that the caller made, so one
figure can mix panels, and returns the artist it drew. matplotlib is imported
lazily (inside the functions): ``import convdemo`` needs only numpy.

Colour conventions of the site (all colour-blind safe):

* images and non-negative responses: ``viridis`` (or gray for photographs);
* signed numbers (kernels, edge responses): ``RdBu_r`` centred on 0, so that
  zero is white, positive is red and negative is blue, with equal extents.
"""

from __future__ import annotations

import functools
import inspect
import math
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._checks import as_data_array, as_int, check_elements, check_finite, describe

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.colorbar import Colorbar
    from matplotlib.figure import Figure
    from matplotlib.image import AxesImage

__all__ = [
    "SEQUENTIAL_CMAP",
    "SIGNED_CMAP",
    "animate_window",
    "describe_map",
    "describe_numbers",
    "get_alt_text",
    "nonzero_box",
    "pixel_ticks",
    "plot_bars",
    "plot_curves",
    "plot_feature_maps",
    "plot_number_grids",
    "plot_receptive_fields",
    "plot_strips",
    "plot_taps",
    "receptive_field_box",
    "set_alt_text",
    "set_thumbnail_axes",
    "show_feature_map",
    "show_image",
    "show_kernel",
    "show_number_grid",
    "show_taps",
    "signed_limits",
    "thumbnail_axes",
]

#: Colormap for non-negative values.
SEQUENTIAL_CMAP = "viridis"
#: Colormap for signed values, always used with limits symmetric about 0.
SIGNED_CMAP = "RdBu_r"
#: Colour of windows, boxes and markers drawn over maps (Okabe-Ito vermillion).
HIGHLIGHT = "#d55e00"
#: Colours of curves, in order (Okabe-Ito: blue, vermillion, green, purple, black).
LINE_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#000000")
#: Most numbers :func:`show_number_grid` will print (a larger grid is unreadable).
MAX_NUMBER_CELLS = 400
#: Largest figure side, in inches, a helper makes (``size`` times the number of panels):
#: checked before the figure is made, so a typo is a ValueError, not a huge allocation.
MAX_FIGURE_INCHES = 100.0
#: Most arrays :func:`show_tiles` draws in one figure.
MAX_TILES = 400
#: Largest padded image side :func:`show_taps` draws, in pixels (one grid cell each).
MAX_TAPS_SIDE = 200


def _check_axes(ax: object) -> None:
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {describe(ax)}")


def _as_grid(array: object, name: str) -> np.ndarray:
    grid = as_data_array(array, name, (2,))
    if grid.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {grid.shape}")
    return np.asarray(grid, dtype=np.float64)


def _check_optional_str(value: object, name: str) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{name} must be a string or None, got {describe(value)}")


def signed_limits(array: np.typing.ArrayLike) -> tuple[float, float]:
    """Colour limits ``(-m, m)`` symmetric about zero, ``m = max |array|``.

    Parameters
    ----------
    array : array_like
        Real numbers (any shape). NaNs are ignored.

    Returns
    -------
    (float, float)
        ``(-m, m)``; ``(-1.0, 1.0)`` when the array is all zeros (or all NaN).

    Raises
    ------
    TypeError
        If `array` is not real numeric data.

    Examples
    --------
    >>> from convdemo.plotting import signed_limits
    >>> signed_limits([[-1.0, 0.5], [3.0, 0.0]])
    (-3.0, 3.0)
    >>> signed_limits([0.0, 0.0])
    (-1.0, 1.0)
    """
    data = np.asarray(as_data_array(array, "array"), dtype=np.float64)
    finite = np.abs(data[np.isfinite(data)])
    m = float(finite.max()) if finite.size else 0.0
    if m == 0.0:
        m = 1.0
    return -m, m


_ALT_ATTRIBUTE = "_convdemo_alt_text"


def set_alt_text(fig: Figure, text: str) -> Figure:
    """Attach alt text to a figure: one or two sentences stating what it shows.

    The site's gallery scraper writes it as the ``alt`` of the figure's image and
    refuses a figure without it. Say what the reader should see ("the edge map is
    bright along the coin rims and zero on the flat background"), not "a plot".

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    text : str
        The alt text; leading and trailing white space is removed.

    Returns
    -------
    matplotlib.figure.Figure
        `fig`, for chaining.

    Raises
    ------
    TypeError
        If `fig` is not a Figure or `text` is not a string.
    ValueError
        If `text` is blank.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import get_alt_text, set_alt_text
    >>> fig = set_alt_text(Figure(), "  A 3x3 kernel with a positive right column. ")
    >>> get_alt_text(fig)
    'A 3x3 kernel with a positive right column.'
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {describe(text)}")
    if not text.strip():
        raise ValueError("text must say what the figure shows, got a blank string")
    setattr(fig, _ALT_ATTRIBUTE, text.strip())
    return fig


def get_alt_text(fig: Figure) -> str | None:
    """The alt text given to `fig` by :func:`set_alt_text`, or None.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    str or None

    Raises
    ------
    TypeError
        If `fig` is not a Figure.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import get_alt_text
    >>> get_alt_text(Figure()) is None
    True
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    return getattr(fig, _ALT_ATTRIBUTE, None)


_THUMBNAIL_ATTRIBUTE = "_convdemo_thumbnail_axes"


def set_thumbnail_axes(fig: Figure, ax: Axes) -> None:
    """Choose the panel of `fig` that stands for it at card size.

    A gallery card or a link preview is a few hundred pixels wide: a whole multi-panel
    figure shrinks to unreadable tiles there. The site's gallery scraper makes the
    example's thumbnail from this one panel instead (see :func:`thumbnail_axes` for the
    panel it takes when none is chosen).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    ax : matplotlib.axes.Axes
        One of `fig`'s axes: the panel that shows the finding.

    Returns None: the last line of an example's cell, it prints nothing (a returned
    figure would be echoed as ``<Figure size ...>`` on the page and shown again in Jupyter).

    Raises
    ------
    TypeError
        If `fig` is not a Figure or `ax` is not an Axes.
    ValueError
        If `ax` is not one of `fig`'s axes.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import set_thumbnail_axes, thumbnail_axes
    >>> fig = Figure()
    >>> left, right = fig.subplots(1, 2)
    >>> set_thumbnail_axes(fig, left)
    >>> thumbnail_axes(fig) is left
    True
    """
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {describe(ax)}")
    if ax not in fig.axes:
        raise ValueError("ax must be one of fig's axes")
    setattr(fig, _THUMBNAIL_ATTRIBUTE, ax)


def thumbnail_axes(fig: Figure) -> Axes | None:
    """The panel that stands for `fig` at card size, or None for a figure without axes.

    The one chosen with :func:`set_thumbnail_axes`; else the largest visible panel that
    is not a colour bar (the last of equal ones: figures read left to right, top to
    bottom, towards their result).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.

    Returns
    -------
    matplotlib.axes.Axes or None
        The panel.

    Raises
    ------
    TypeError
        If `fig` is not a Figure.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import thumbnail_axes
    >>> fig = Figure()
    >>> axes = fig.subplots(1, 3)
    >>> thumbnail_axes(fig) is axes[-1]
    True
    >>> thumbnail_axes(Figure()) is None
    True
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    chosen = getattr(fig, _THUMBNAIL_ATTRIBUTE, None)
    if chosen is not None and chosen in fig.axes:
        return chosen
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
    if not panels:
        return None

    def area(ax: Axes) -> float:
        box = ax.get_position()
        return round(box.width * box.height, 6)

    largest = max(area(ax) for ax in panels)
    return [ax for ax in panels if area(ax) == largest][-1]


def _label_axes(ax: Axes, title: str | None, xlabel: str | None, ylabel: str | None) -> None:
    if title is not None:
        ax.set_title(title)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)


def show_number_grid(
    ax: Axes,
    array: np.typing.ArrayLike,
    *,
    fmt: str = "{:.2g}",
    cmap: str | None = None,
    signed: bool | None = None,
    vmin: float | None = None,
    vmax: float | None = None,
    fontsize: float | None = None,
    title: str | None = None,
    xlabel: str | None = "column",
    ylabel: str | None = "row",
    origin: tuple[int, int] = (0, 0),
) -> AxesImage:
    """Draw a small 2-D array as coloured cells with its numbers written in them.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    array : array_like
        A 2-D array of real numbers, at most ``MAX_NUMBER_CELLS`` (400) cells:
        crop a larger one first.
    fmt : str, default "{:.2g}"
        A :meth:`str.format` pattern for one number, e.g. ``"{:.0f}"``.
    cmap : str, optional
        Colormap name. Default: ``SIGNED_CMAP`` (``"RdBu_r"``) for signed data,
        ``SEQUENTIAL_CMAP`` (``"viridis"``) otherwise.
    signed : bool, optional
        Treat the data as signed (limits symmetric about 0). Default: True when
        the array has a negative number.
    vmin, vmax : float, optional
        Colour limits; default from the data (symmetric if signed).
    fontsize : float, optional
        Size of the numbers; default chosen from the grid size.
    title, xlabel, ylabel : str or None
        Labels; ``None`` leaves that label unset.
    origin : (int, int), default (0, 0)
        Row and column index of the top-left cell, for tick labels of a crop
        taken from a larger array.

    Returns
    -------
    matplotlib.image.AxesImage
        The coloured cells (pass it to ``fig.colorbar`` for a colour bar).

    Raises
    ------
    TypeError
        If `ax` is not an Axes, `array` is not numeric, or `fmt`, `cmap`, a label
        or `origin` has the wrong type.
    ValueError
        If `array` is not 2-D, is empty, has more than 400 cells, or `fmt`
        cannot format a number.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import show_number_grid
    >>> fig = Figure()
    >>> ax = fig.subplots()
    >>> image = show_number_grid(ax, np.array([[0, 1], [2, -3]]), fmt="{:.0f}")
    >>> [text.get_text() for text in ax.texts]
    ['0', '1', '2', '-3']
    >>> image.get_clim()                        # signed: symmetric about 0
    (-3.0, 3.0)
    """
    _check_axes(ax)
    grid = _as_grid(array, "array")
    if grid.size > MAX_NUMBER_CELLS:
        raise ValueError(
            f"array has {grid.size} cells (shape {grid.shape}); show_number_grid prints at "
            f"most {MAX_NUMBER_CELLS} numbers: pass a crop such as array[:16, :16]"
        )
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format string such as '{{:.2f}}', got {describe(fmt)}")
    try:
        fmt.format(1.5)
    except (IndexError, KeyError, ValueError) as error:
        raise ValueError(
            f"fmt must format one number, such as '{{:.2f}}', got {fmt!r} ({error})"
        ) from None
    for name, value in (("cmap", cmap), ("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        _check_optional_str(value, name)
    if (
        not isinstance(origin, tuple)
        or len(origin) != 2
        or not all(isinstance(v, int | np.integer) and not isinstance(v, bool) for v in origin)
    ):
        raise TypeError(f"origin must be a pair of ints (row, column), got {describe(origin)}")

    from matplotlib import colormaps

    if signed is None:
        signed = bool(np.nanmin(grid) < 0)
    if signed:
        low, high = signed_limits(grid)
        vmin = low if vmin is None else vmin
        vmax = high if vmax is None else vmax
    colormap = colormaps[cmap or (SIGNED_CMAP if signed else SEQUENTIAL_CMAP)]
    image = ax.imshow(grid, cmap=colormap, vmin=vmin, vmax=vmax, interpolation="nearest")
    norm = image.norm
    rows, cols = grid.shape
    if fontsize is None:
        fontsize = float(np.clip(60 / max(rows, cols), 6, 12))
    for (r, c), value in np.ndenumerate(grid):
        red, green, blue, _ = colormap(norm(value))
        luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
        ax.text(
            c,
            r,
            _unsigned_zero(fmt.format(value)),
            ha="center",
            va="center",
            fontsize=fontsize,
            color="black" if luminance > 0.5 else "white",
        )
    r0, c0 = (int(v) for v in origin)
    ax.set_xticks(range(cols), [str(c0 + c) for c in range(cols)])
    ax.set_yticks(range(rows), [str(r0 + r) for r in range(rows)])
    ax.tick_params(length=0, labelsize=max(fontsize - 1, 6))
    ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    _label_axes(ax, title, xlabel, ylabel)
    return image


def show_image(
    ax: Axes,
    image: np.typing.ArrayLike,
    *,
    title: str | None = None,
    xlabel: str | None = "column (pixels)",
    ylabel: str | None = "row (pixels)",
) -> AxesImage:
    """Show a photograph: grayscale ``(H, W)`` in [0, 1], or RGB ``(H, W, 3)``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    image : array_like
        ``(H, W)`` shown in gray with 0 black and 1 white, or ``(H, W, 3)`` RGB
        with values in [0, 1].
    title, xlabel, ylabel : str or None
        Labels; ``None`` leaves that label unset.

    Returns
    -------
    matplotlib.image.AxesImage

    Raises
    ------
    TypeError
        If `ax` is not an Axes or `image` is not numeric.
    ValueError
        If `image` is not ``(H, W)`` or ``(H, W, 3)``.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import show_image
    >>> ax = Figure().subplots()
    >>> show_image(ax, np.eye(4), title="a diagonal line").get_clim()
    (0.0, 1.0)
    """
    _check_axes(ax)
    data = np.asarray(as_data_array(image, "image", (2, 3)), dtype=np.float64)
    if data.ndim == 3 and data.shape[-1] != 3:
        raise ValueError(f"image must have shape (H, W) or (H, W, 3), got {data.shape}")
    for name, value in (("title", title), ("xlabel", xlabel), ("ylabel", ylabel)):
        _check_optional_str(value, name)
    if data.ndim == 2:
        artist = ax.imshow(data, cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
    else:
        artist = ax.imshow(np.clip(data, 0.0, 1.0), interpolation="nearest")
    pixel_ticks(ax)
    _label_axes(ax, title, xlabel, ylabel)
    return artist


def show_feature_map(
    ax: Axes,
    feature_map: np.typing.ArrayLike,
    *,
    title: str | None = None,
    signed: bool | None = None,
    cmap: str | None = None,
    colorbar: bool = True,
    label: str = "response",
    xlabel: str | None = "column",
    ylabel: str | None = "row",
) -> tuple[AxesImage, Colorbar | None]:
    """Show a feature map as a picture with a colour bar that gives its numbers.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw (the colour bar takes space from it).
    feature_map : array_like
        A 2-D array, e.g. one channel of :func:`convdemo.conv2d`'s output.
    title : str, optional
        Panel title.
    signed : bool, optional
        Use ``SIGNED_CMAP`` with limits symmetric about 0. Default: True when the
        map has a negative number.
    cmap : str, optional
        Override the colormap.
    colorbar : bool, default True
        Add a colour bar labelled `label`.
    label : str, default "response"
        The colour bar's label.
    xlabel, ylabel : str or None
        Axis labels; ``None`` leaves them unset.

    Returns
    -------
    image : matplotlib.image.AxesImage
    colorbar : matplotlib.colorbar.Colorbar or None

    Raises
    ------
    TypeError
        If `ax` is not an Axes, `feature_map` is not numeric, or a label has the
        wrong type.
    ValueError
        If `feature_map` is not 2-D or is empty.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import show_feature_map
    >>> ax = Figure().subplots()
    >>> image, bar = show_feature_map(ax, np.array([[-2.0, 1.0], [0.0, 0.5]]))
    >>> image.get_clim(), bar.ax.get_ylabel()
    ((-2.0, 2.0), 'response')
    """
    _check_axes(ax)
    grid = _as_grid(feature_map, "feature_map")
    for name, value in (("title", title), ("cmap", cmap), ("xlabel", xlabel), ("ylabel", ylabel)):
        _check_optional_str(value, name)
    if not isinstance(label, str):
        raise TypeError(f"label must be a string, got {describe(label)}")
    if signed is None:
        signed = bool(np.nanmin(grid) < 0)
    kwargs: dict[str, Any] = {"interpolation": "nearest"}
    if signed:
        kwargs["vmin"], kwargs["vmax"] = signed_limits(grid)
        kwargs["cmap"] = cmap or SIGNED_CMAP
    else:
        kwargs["cmap"] = cmap or SEQUENTIAL_CMAP
    image = ax.imshow(grid, **kwargs)
    pixel_ticks(ax)
    _label_axes(ax, title, xlabel, ylabel)
    bar = None
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, shrink=0.85)
        bar.set_label(label)
        finite = grid[np.isfinite(grid)]
        if finite.size and np.all(finite == np.round(finite)):  # counts, 0/1: whole ticks
            from matplotlib.ticker import MaxNLocator

            bar.locator = MaxNLocator(integer=True)
            bar.update_ticks()
    return image, bar


def pixel_ticks(ax: Axes) -> None:
    """Put ticks on whole pixel indices only (no 2.5 or 7.5 on a pixel grid).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        An axes showing an image or a map, one cell per pixel.

    Raises
    ------
    TypeError
        If `ax` is not an Axes.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import pixel_ticks
    >>> ax = Figure().subplots()
    >>> _ = ax.imshow(np.zeros((10, 10)))
    >>> pixel_ticks(ax)
    >>> all(float(t).is_integer() for t in ax.get_xticks())
    True
    """
    _check_axes(ax)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))


def _unsigned_zero(text: str) -> str:
    """ "-0.0" (a tiny negative rounded) as "0.0": a grid shows no signed zeros."""
    return text[1:] if re.fullmatch(r"-0([.,]0*)?", text) else text


def _format(fmt: str, value: float) -> str:
    text = fmt.format(value)
    return "0" if text in {"-0", "-0.0", "-0.00", "-0.000"} else text


def describe_numbers(array: np.typing.ArrayLike, *, fmt: str = "{:g}") -> str:
    """Write a small array's numbers for alt text: rows separated by " / ".

    Parameters
    ----------
    array : array_like
        A 1-D or 2-D array of real numbers.
    fmt : str, default "{:g}"
        A :meth:`str.format` pattern for one number.

    Returns
    -------
    str
        ``"1, 2 / 3, 4"`` for ``[[1, 2], [3, 4]]``.

    Raises
    ------
    TypeError
        If `array` is not numeric or `fmt` is not a string.
    ValueError
        If `array` is not 1-D or 2-D.

    Examples
    --------
    >>> from convdemo.plotting import describe_numbers
    >>> describe_numbers([[1, -2, 0], [0.5, 1, 1]])
    '1, -2, 0 / 0.5, 1, 1'
    """
    data = np.asarray(as_data_array(array, "array", (1, 2)), dtype=np.float64)
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format string such as '{{:g}}', got {describe(fmt)}")
    rows = np.atleast_2d(data)
    return " / ".join(", ".join(_format(fmt, value) for value in row) for row in rows)


def describe_map(
    feature_map: np.typing.ArrayLike, *, name: str = "the map", fmt: str = "{:.2g}"
) -> str:
    """Describe a 2-D map for alt text, from its values: shape, range, maximum, zeros.

    Parameters
    ----------
    feature_map : array_like
        A 2-D array of real numbers.
    name : str, default "the map"
        What the sentence calls the map.
    fmt : str, default "{:.2g}"
        A :meth:`str.format` pattern for the values.

    Returns
    -------
    str
        One sentence, e.g. "the map is 3 by 4, from 0 to 2; its maximum, 2, is at
        row 1, column 2; 10 of its 12 values are 0."

    Raises
    ------
    TypeError
        If `feature_map` is not numeric or `name` or `fmt` is not a string.
    ValueError
        If `feature_map` is not 2-D, is empty, or holds NaN or infinity.

    Examples
    --------
    >>> import numpy as np
    >>> from convdemo.plotting import describe_map
    >>> grid = np.zeros((3, 4))
    >>> grid[1, 2] = 2.0
    >>> grid[0, 0] = 1.0
    >>> print(describe_map(grid, name="this map"))
    this map is 3 by 4, from 0 to 2; its maximum, 2, is at row 1, column 2; 10 of its 12
    values are 0.
    """
    grid = _as_grid(feature_map, "feature_map")
    check_finite(grid, "feature_map")  # a sentence about "from 0 to inf" says nothing
    for label, value in (("name", name), ("fmt", fmt)):
        if not isinstance(value, str):
            raise TypeError(f"{label} must be a string, got {describe(value)}")
    rows, cols = grid.shape
    # Sums of floats leave crumbs such as 5.6e-17 where the exact value is 0.
    scale = float(np.nanmax(np.abs(grid))) or 1.0
    grid = np.where(np.abs(grid) <= 1e-9 * scale, 0.0, grid)
    low, high = float(np.nanmin(grid)), float(np.nanmax(grid))
    places = np.argwhere(grid == high)
    row, col = (int(v) for v in places[0])
    where = f"row {row}, column {col}"
    if len(places) > 1:
        where += f" (and {len(places) - 1:,} other places)"
    zeros = int(np.sum(grid == 0))
    text = (
        f"{name} is {rows} by {cols}, from {_format(fmt, low)} to {_format(fmt, high)}; "
        f"its maximum, {_format(fmt, high)}, is at {where}"
    )
    if zeros:
        text += f"; {zeros:,} of its {grid.size:,} values are 0"
    return text + "."


def _inches(size: object, name: str = "size") -> tuple[float, float]:
    """A (width, height) pair of positive finite inches, at most :data:`MAX_FIGURE_INCHES`."""
    if not isinstance(size, tuple | list) or len(size) != 2:
        raise TypeError(f"{name} must be a (width, height) pair of inches, got {describe(size)}")
    pair = []
    for value in size:
        if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
            raise TypeError(f"{name} must be a (width, height) pair of numbers, got {size!r}")
        if not 0 < float(value) <= MAX_FIGURE_INCHES:
            raise ValueError(
                f"{name} must be positive and at most {MAX_FIGURE_INCHES:g} inches, got {size!r}"
            )
        pair.append(float(value))
    return pair[0], pair[1]


def _figure(ncols: int, nrows: int, width: float, height: float) -> tuple[Figure, Any]:
    import matplotlib.pyplot as plt

    width, height = _inches((width, height))
    if width * ncols > MAX_FIGURE_INCHES or height * nrows > MAX_FIGURE_INCHES:
        raise ValueError(
            f"size ({width:g}, {height:g}) for {nrows} x {ncols} panels gives a figure of "
            f"{width * ncols:g} x {height * nrows:g} inches; at most {MAX_FIGURE_INCHES:g} a side"
        )

    return plt.subplots(
        nrows, ncols, figsize=(width * ncols, height * nrows), layout="constrained", squeeze=False
    )


def _check_panels(panels: object, name: str) -> dict[str, np.ndarray]:
    from collections.abc import Mapping

    if not isinstance(panels, Mapping) or not panels:
        raise TypeError(f"{name} must be a non-empty mapping of panel title to array")
    return {str(title): _as_grid(value, f"{name}[{title!r}]") for title, value in panels.items()}


def _boxes_of(boxes: object, name: str) -> list[tuple[int, int, int, int]]:
    """The boxes to draw on panel `name`: one list for all panels, or one per title."""
    if isinstance(boxes, Mapping):
        return list(boxes.get(name, ()))
    return list(boxes)  # type: ignore[call-overload]


def _outline(ax: Axes, box: tuple[int, int, int, int], lw: float) -> None:
    from matplotlib.patches import Rectangle

    top, left, height, width = box
    ax.add_patch(
        Rectangle((left - 0.5, top - 0.5), width, height, fill=False, ec=HIGHLIGHT, lw=lw, zorder=4)
    )


def _finish_figure(fig: Figure, axes: Any, used: int, title: str | None, alt: str) -> Figure:
    for ax in axes.flat[used:]:
        ax.set_visible(False)
    if title is not None:
        _check_optional_str(title, "title")
        fig.suptitle(title)
    return set_alt_text(fig, alt)


def plot_feature_maps(
    maps: Mapping[str, np.typing.ArrayLike],
    *,
    alt: str,
    title: str | None = None,
    label: str | Mapping[str, str] = "response",
    signed: bool | None = None,
    cmap: str | Mapping[str, str] | None = None,
    shared: bool | str = False,
    ncols: int | None = None,
    size: tuple[float, float] = (3.4, 3.0),
    boxes: Sequence[tuple[int, int, int, int]] | Mapping[str, Sequence[Any]] = (),
) -> Figure:
    """One figure of feature maps side by side, each with a labelled colour bar.

    Parameters
    ----------
    maps : mapping of str to array_like
        Panel title -> 2-D map, in the order to draw them.
    alt : str
        The figure's alt text (see :func:`set_alt_text`); build it from the values,
        e.g. with :func:`describe_map`.
    title : str, optional
        The figure's title: the finding it shows.
    label : str or mapping of str to str, default "response"
        The colour bars' label, or one per panel title.
    signed : bool, optional
        As :func:`show_feature_map`.
    cmap : str or mapping of str to str, optional
        A colormap for every panel, or one per panel title (others: the default).
    shared : bool or "one colour bar", default False
        One colour scale for all panels, so that their colours compare; with
        ``"one colour bar"``, also a single colour bar (labelled `label`) for them all.
    ncols : int, optional
        Panels per row; default all in one row.
    size : (float, float), default (3.4, 3.0)
        Width and height of one panel, in inches.
    boxes : sequence of (row, column, height, width), or a mapping of title to those
        Rectangles (in map pixels) outlined in orange on every panel, or per panel.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `maps` is not a non-empty mapping of arrays, or `alt`, `title` or a label
        is not a string.
    ValueError
        If a map is not 2-D or is empty, or `alt` is blank.

    Examples
    --------
    >>> import numpy as np
    >>> from convdemo.plotting import get_alt_text, plot_feature_maps
    >>> fig = plot_feature_maps({"a": np.eye(3), "b": -np.eye(3)}, alt="two diagonals")
    >>> [ax.get_title() for ax in fig.axes[:2]], get_alt_text(fig)
    (['a', 'b'], 'two diagonals')
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    grids = _check_panels(maps, "maps")
    every = np.concatenate([grid.ravel() for grid in grids.values()])
    if signed or (signed is None and np.nanmin(every) < 0):
        limits = signed_limits(every)
    else:
        limits = (float(np.nanmin(every)), float(np.nanmax(every)))
    ncols = len(grids) if ncols is None else as_int(ncols, "ncols", minimum=1)
    nrows = -(-len(grids) // ncols)
    fig, axes = _figure(ncols, nrows, *size)
    for ax, (name, grid) in zip(axes.flat, grids.items(), strict=False):
        bar_label = label if isinstance(label, str) else label.get(name, "response")
        panel_cmap = cmap if cmap is None or isinstance(cmap, str) else cmap.get(name)
        image, _ = show_feature_map(
            ax,
            grid,
            title=name,
            signed=signed,
            cmap=panel_cmap,
            label=bar_label,
            colorbar=shared != "one colour bar",
        )
        if shared:
            image.set_clim(*limits)
        for box in _boxes_of(boxes, name):
            _outline(ax, box, 2.5)
    if shared == "one colour bar":
        bar = fig.colorbar(image, ax=list(axes.flat), shrink=0.85)
        bar.set_label(label if isinstance(label, str) else "response")
    return _finish_figure(fig, axes, len(grids), title, alt)


def plot_number_grids(
    grids: Mapping[str, np.typing.ArrayLike],
    *,
    alt: str,
    title: str | None = None,
    fmt: str = "{:g}",
    kernels: Sequence[str] = (),
    ncols: int | None = None,
    size: tuple[float, float] = (3.0, 3.0),
    boxes: Sequence[tuple[int, int, int, int]] | Mapping[str, Sequence[Any]] = (),
) -> Figure:
    """One figure of small arrays written out as numbers, side by side.

    Parameters
    ----------
    grids : mapping of str to array_like
        Panel title -> 2-D array (at most 400 cells each), in order.
    alt : str
        The figure's alt text; build it from the values (:func:`describe_numbers`).
    title : str, optional
        The figure's title: the finding it shows.
    fmt : str, default "{:g}"
        Format of each number.
    kernels : sequence of str
        Titles of the panels that are kernels (drawn with :func:`show_kernel`).
    ncols : int, optional
        Panels per row; default all in one row.
    size : (float, float), default (3.0, 3.0)
        Width and height of one panel, in inches.
    boxes : sequence of (row, column, height, width), or a mapping of title to those
        Rectangles outlined in orange on every panel that is not a kernel, or per panel.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        As :func:`show_number_grid`, and if `grids` is not a non-empty mapping.

    Examples
    --------
    >>> import numpy as np
    >>> from convdemo.plotting import plot_number_grids
    >>> fig = plot_number_grids(
    ...     {"input": np.eye(2), "kernel": [[1, -1]]}, kernels=["kernel"], alt="two grids"
    ... )
    >>> [text.get_text() for text in fig.axes[1].texts]
    ['1', '-1']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    arrays = _check_panels(grids, "grids")
    ncols = len(arrays) if ncols is None else as_int(ncols, "ncols", minimum=1)
    fig, axes = _figure(ncols, -(-len(arrays) // ncols), *size)
    for ax, (name, grid) in zip(axes.flat, arrays.items(), strict=False):
        if name in kernels:
            show_kernel(ax, grid, title=name, fmt=fmt)
            continue
        show_number_grid(ax, grid, fmt=fmt, title=name)
        for box in _boxes_of(boxes, name):
            _outline(ax, box, 3.0)
    return _finish_figure(fig, axes, len(arrays), title, alt)


def plot_bars(
    values: Mapping[str, float],
    *,
    alt: str,
    ylabel: str,
    title: str | None = None,
    xlabel: str | None = None,
    highlight: Sequence[str] = (),
    fmt: str = "%g",
    size: tuple[float, float] = (6.0, 3.6),
) -> Figure:
    """One bar per named value, the value written on its bar.

    Parameters
    ----------
    values : mapping of str to float
        Bar label -> height, in order.
    alt : str
        The figure's alt text.
    ylabel : str
        What the heights are.
    title, xlabel : str, optional
        The figure's title (its finding) and the label under the bars.
    highlight : sequence of str
        Bars drawn in blue; the others are grey. Default: all blue.
    fmt : str, default "%g"
        Format of the numbers on the bars (old-style, as ``Axes.bar_label``).
    size : (float, float), default (6.0, 3.6)
        Figure size in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `values` is not a non-empty mapping of numbers, or a label is not a string.
    ValueError
        If a value is NaN or infinite, or `size` is not positive or larger than
        :data:`MAX_FIGURE_INCHES`.

    Examples
    --------
    >>> from convdemo.plotting import plot_bars
    >>> fig = plot_bars({"a": 1.0, "b": 3.0}, ylabel="count", alt="a is 1, b is 3")
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['1', '3']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    from collections.abc import Mapping

    import matplotlib.pyplot as plt

    if not isinstance(values, Mapping) or not values:
        raise TypeError(
            f"values must be a non-empty mapping of label to number, got {describe(values)}"
        )
    heights = []
    for key, value in values.items():
        height = np.asarray(as_data_array(value, f"values[{key!r}]", (0,)), dtype=np.float64)
        check_finite(height, f"values[{key!r}]")
        heights.append(float(height))
    for name, value in (("ylabel", ylabel), ("xlabel", xlabel)):
        _check_optional_str(value, name)
    fig, ax = plt.subplots(figsize=_inches(size), layout="constrained")
    colours = ["#0072b2" if not highlight or name in highlight else "#999999" for name in values]
    bars = ax.bar([str(name) for name in values], heights, color=colours)
    ax.bar_label(bars, fmt=fmt)
    ax.set_ylim(min(0.0, 1.15 * min(heights)), 1.15 * max(max(heights), 0.0) or 1.0)
    _label_axes(ax, None, xlabel, ylabel)
    return _finish_figure(fig, np.array([ax]), 1, title, alt)


def plot_curves(
    x: np.typing.ArrayLike,
    curves: Mapping[str, np.typing.ArrayLike],
    *,
    alt: str,
    xlabel: str,
    ylabel: str,
    title: str | None = None,
    levels: Mapping[str, float] | None = None,
    integer_x: bool = False,
    ylim: tuple[float, float] | None = None,
    steps: bool = False,
    marks: bool = True,
    log: bool = False,
    size: tuple[float, float] = (6.4, 4.0),
) -> Figure:
    """Curves against one x axis, with optional flat reference lines.

    Parameters
    ----------
    x : array_like
        1-D x values shared by every curve.
    curves : mapping of str to array_like
        Legend label -> 1-D y values (as long as `x`).
    alt : str
        The figure's alt text.
    xlabel, ylabel : str
        Axis labels.
    title : str, optional
        The figure's title: its finding.
    levels : mapping of str to float, optional
        Legend label -> height of a flat line drawn across the plot.
    integer_x : bool, default False
        Ticks on whole numbers of x only.
    ylim : (float, float), optional
        The y range.
    steps : bool, default False
        Draw each curve as steps (a function of a whole number).
    marks : bool, default True
        A marker on every point (off for long curves, such as a row of pixels).
    log : bool, default False
        Logarithmic x and y axes (a power law is a straight line), ticks as plain numbers.
    size : (float, float), default (6.4, 4.0)
        Figure size in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `curves` is not a non-empty mapping or an argument is not numeric.
    ValueError
        If a curve's length differs from `x`'s.

    Examples
    --------
    >>> from convdemo.plotting import plot_curves
    >>> fig = plot_curves([0, 1, 2], {"y": [0, 1, 4]}, xlabel="x", ylabel="y", alt="a parabola")
    >>> fig.axes[0].get_legend().get_texts()[0].get_text()
    'y'
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    from collections.abc import Mapping

    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    xs = np.asarray(as_data_array(x, "x", (1,)), dtype=np.float64)
    if not isinstance(curves, Mapping) or not curves:
        raise TypeError(
            f"curves must be a non-empty mapping of label to values, got {describe(curves)}"
        )
    fig, ax = plt.subplots(figsize=_inches(size), layout="constrained")
    markers = "osD^v<>"
    for index, (name, values) in enumerate(curves.items()):
        colour = LINE_COLOURS[index % len(LINE_COLOURS)]
        ys = np.asarray(as_data_array(values, f"curves[{name!r}]", (1,)), dtype=np.float64)
        if ys.shape != xs.shape:
            raise ValueError(f"curves[{name!r}] has {ys.size} values, x has {xs.size}")
        ax.plot(
            xs,
            ys,
            "-" + (markers[index % len(markers)] if marks else ""),
            color=colour,
            label=str(name),
            markersize=4,
            lw=1.8,
            drawstyle="steps-mid" if steps else "default",
        )
    for index, (name, level) in enumerate((levels or {}).items()):
        ax.axhline(float(level), color="#555555", lw=2, ls=("--", ":", "-.")[index % 3], label=name)
    if log:
        from matplotlib.ticker import LogLocator, ScalarFormatter

        ax.set_xscale("log", base=2)
        ax.set_yscale("log", base=2)
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(LogLocator(base=2))
            axis.set_major_formatter(ScalarFormatter())
        ax.minorticks_off()
    elif integer_x:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.grid(alpha=0.3)
    ax.legend()
    _label_axes(ax, None, xlabel, ylabel)
    return _finish_figure(fig, np.array([ax]), 1, title, alt)


def animate_window(
    image: np.typing.ArrayLike,
    kernel: np.typing.ArrayLike,
    *,
    alt: str,
    title: str | None = None,
    fmt: str = "{:g}",
    interval: int = 700,
) -> tuple[Figure, Any]:
    """Animate a kernel's window sliding over `image`, writing one output cell per step.

    The output is :func:`convdemo.conv2d` of `image` and `kernel` (no padding, stride 1).
    Each frame moves the window one position, in reading order, and reveals the output
    cell it makes; the figure is left on the last frame (the still a page shows when it
    does not play animations).

    Parameters
    ----------
    image : array_like
        A small 2-D input (at most 400 cells).
    kernel : array_like
        A 2-D kernel no larger than `image`.
    alt : str
        The figure's alt text.
    title : str, optional
        The figure's title: what the animation shows.
    fmt : str, default "{:g}"
        Format of each number.
    interval : int, default 700
        Milliseconds per frame.

    Returns
    -------
    figure : matplotlib.figure.Figure
    animation : matplotlib.animation.FuncAnimation
        Keep it in a variable: sphinx-gallery embeds it as a player.

    Raises
    ------
    TypeError, ValueError
        As :func:`convdemo.conv2d` and :func:`show_number_grid`.

    Examples
    --------
    >>> import numpy as np
    >>> from convdemo.plotting import animate_window
    >>> fig, animation = animate_window(np.eye(4), np.ones((3, 3)), alt="a sliding window")
    >>> len(list(animation.new_frame_seq()))  # one frame per output cell
    4
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation
    from matplotlib.patches import Rectangle

    from .conv import conv2d

    data = _as_grid(image, "image")
    weights = _as_grid(kernel, "kernel")
    interval = as_int(interval, "interval", minimum=1)
    output = conv2d(data, weights)
    kh, kw = weights.shape
    positions = list(np.ndindex(output.shape))
    fig, (ax_in, ax_out) = plt.subplots(1, 2, figsize=(6.8, 3.8), layout="constrained")
    show_number_grid(ax_in, data, fmt=fmt, title="input: the window slides")
    window = ax_in.add_patch(
        Rectangle((-0.5, -0.5), kw, kh, fill=False, ec=HIGHLIGHT, lw=3, zorder=4)
    )
    limit = float(np.abs(output).max()) or 1.0
    show_number_grid(ax_out, output, fmt=fmt, signed=True, vmin=-limit, vmax=limit)
    covers = [
        ax_out.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fc="#e8e8e8", ec="white", zorder=3))
        for r, c in positions
    ]
    texts = list(ax_out.texts)
    marker = ax_out.add_patch(
        Rectangle((-0.5, -0.5), 1, 1, fill=False, ec=HIGHLIGHT, lw=3, zorder=4)
    )

    def frame(step: int) -> list[Any]:
        r, c = positions[step]
        window.set_xy((c - 0.5, r - 0.5))
        marker.set_xy((c - 0.5, r - 0.5))
        for index, (cover, text) in enumerate(zip(covers, texts, strict=True)):
            cover.set_visible(index > step)
            text.set_visible(index <= step)
        ax_out.set_title(f"output ({r}, {c}) = {fmt.format(output[r, c])}")
        return [window, marker, *covers, *texts]

    animation = FuncAnimation(
        fig, frame, frames=len(positions), interval=interval, repeat=True, blit=False
    )
    if title is not None:
        _check_optional_str(title, "title")
        fig.suptitle(title)
    fig.canvas.draw()  # draw once, so matplotlib knows the animation was shown ...
    fig.set_layout_engine("none")  # ... and keep that layout: frames draw faster
    frame(len(positions) - 1)  # the still: the whole output
    set_alt_text(fig, alt)
    return fig, animation


def show_taps(
    ax: Axes,
    size: int,
    k: int,
    *,
    padding: int = 0,
    stride: int = 1,
    dilation: int = 1,
) -> tuple[int, int]:
    """Draw where a convolution looks: the taps of output (0, 0) and every window centre.

    A ``size`` x ``size`` image (white), its zero padding (grey), the pixels that output
    ``(0, 0)`` reads (orange, found with :func:`convdemo.conv2d_backward`) and the centre
    of every output position (blue dots).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    size : int
        Image side, in pixels.
    k : int
        Kernel side, in taps.
    padding, stride, dilation : int
        As :func:`convdemo.conv2d`.

    Returns
    -------
    (int, int)
        The output's shape.

    Raises
    ------
    TypeError
        If `ax` is not an Axes, or a size is not an integer.
    ValueError
        If a size is out of its range (`size`, `k`, `stride`, `dilation` >= 1, `padding`
        >= 0), the padded image is wider than :data:`MAX_TAPS_SIDE` pixels, or the
        (dilated) kernel does not fit it.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import show_taps
    >>> show_taps(Figure().subplots(), 7, 3, stride=2)
    (3, 3)
    """
    _check_axes(ax)
    size = as_int(size, "size", minimum=1)
    k = as_int(k, "k", minimum=1)
    padding = as_int(padding, "padding", minimum=0)
    stride = as_int(stride, "stride", minimum=1)
    dilation = as_int(dilation, "dilation", minimum=1)
    side = size + 2 * padding
    if side > MAX_TAPS_SIDE:
        raise ValueError(
            f"size {size} with padding {padding} gives a {side}-pixel padded image; "
            f"show_taps draws at most {MAX_TAPS_SIDE} pixels a side (MAX_TAPS_SIDE)"
        )
    if dilation * (k - 1) + 1 > side:
        raise ValueError(
            f"k {k} with dilation {dilation} spans {dilation * (k - 1) + 1} pixels, more than "
            f"the {side}-pixel padded image (size {size}, padding {padding})"
        )
    from matplotlib.colors import ListedColormap

    from .conv import conv2d, conv2d_backward

    padded = np.zeros((side, side))
    weight = np.ones((k, k))
    out = conv2d(padded, weight, stride=stride, dilation=dilation)
    one_hot = np.zeros_like(out)
    one_hot[0, 0] = 1.0
    taps, _, _ = conv2d_backward(padded, weight, one_hot, stride=stride, dilation=dilation)
    cells = np.zeros(padded.shape)  # 0 padding, 1 pixel, 2 tap
    cells[padding : padding + size, padding : padding + size] = 1
    cells[taps != 0] = 2
    ax.imshow(cells, cmap=ListedColormap(["#d9d9d9", "#ffffff", "#e69f00"]), vmin=0, vmax=2)
    centres = np.arange(out.shape[0]) * stride + dilation * (k - 1) / 2
    rows, cols = np.meshgrid(centres, centres, indexing="ij")
    ax.plot(cols.ravel(), rows.ravel(), "o", color="#0072b2", markersize=5)
    ax.set_xticks(np.arange(padded.shape[1] + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(padded.shape[0] + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#777777", linewidth=0.6)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    ax.set_xlabel("input column")
    ax.set_ylabel("input row")
    return int(out.shape[0]), int(out.shape[1])


def plot_taps(
    cases: Mapping[str, Mapping[str, int]],
    *,
    size: int,
    k: int,
    alt: str,
    title: str | None = None,
) -> Figure:
    """One panel of :func:`show_taps` per case, titled with its settings and shapes.

    Parameters
    ----------
    cases : mapping of str to mapping of str to int
        Case name -> keyword arguments of :func:`show_taps` (``padding``, ``stride``,
        ``dilation``).
    size, k : int
        Image side and kernel side, shared by every case.
    alt : str
        The figure's alt text.
    title : str, optional
        The figure's title: its finding.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `cases` is not a non-empty mapping.

    Examples
    --------
    >>> from convdemo.plotting import plot_taps
    >>> fig = plot_taps({"p=1": {"padding": 1}}, size=5, k=3, alt="padding keeps the size")
    >>> fig.axes[0].get_title().splitlines()[-1]
    'p=1: 5x5 in -> 5x5 out'
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    if not isinstance(cases, Mapping) or not cases:
        raise TypeError(f"cases must be a non-empty mapping, got {describe(cases)}")
    for name, options in cases.items():
        if not isinstance(options, Mapping):
            raise TypeError(
                f"cases[{name!r}] must be a mapping of options, got {describe(options)}"
            )
        unknown = set(options) - {"padding", "stride", "dilation"}
        if unknown:
            raise ValueError(
                f"cases[{name!r}] may set padding, stride and dilation only, got {sorted(unknown)}"
            )
    fig, axes = _figure(len(cases), 1, 2.8, 3.3)
    for ax, (name, options) in zip(axes.flat, cases.items(), strict=True):
        shape = show_taps(ax, size, k, **options)
        ax.set_title(f"{name}: {size}x{size} in -> {shape[0]}x{shape[1]} out", fontsize=10)
    return _finish_figure(fig, axes, len(cases), title, alt)


def nonzero_box(grad_map: np.typing.ArrayLike) -> tuple[int, int, tuple[int, int]]:
    """Where a map is non-zero: first row, first column and (rows, columns) of its box.

    Values below a billionth of the maximum count as zero: a backward pass can leave
    dust of about 1e-16 where the exact gradient is 0.

    Parameters
    ----------
    grad_map : array_like
        A 2-D map with at least one non-zero value, such as
        :func:`convdemo.empirical_receptive_field`'s.

    Returns
    -------
    (int, int, (int, int))

    Raises
    ------
    TypeError
        If `grad_map` is not numeric.
    ValueError
        If `grad_map` is not 2-D or is zero everywhere.

    Examples
    --------
    >>> import numpy as np
    >>> from convdemo.plotting import nonzero_box
    >>> grid = np.zeros((5, 5))
    >>> grid[1:3, 2:5] = 1.0
    >>> nonzero_box(grid)
    (1, 2, (2, 3))
    """
    grid = np.abs(_as_grid(grad_map, "grad_map"))
    top = float(np.nanmax(grid))
    if not top > 0:
        raise ValueError("grad_map must have a non-zero value, got zeros only")
    nonzero = (grid / top).round(9) > 0
    rows = np.flatnonzero(nonzero.any(axis=1))
    cols = np.flatnonzero(nonzero.any(axis=0))
    size = (int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1))
    return int(rows[0]), int(cols[0]), size


def receptive_field_box(stack: Any, input_shape: tuple[int, int]) -> tuple[Any, Any, Any]:
    """The analytic receptive field of a stack's centre output unit, as a box.

    The unit is the one :func:`convdemo.empirical_receptive_field` measures (the centre
    of the output, rounding down); the box comes from :func:`convdemo.receptive_field`.

    Parameters
    ----------
    stack : convdemo.Stack
        The layers.
    input_shape : (int, int)
        The input's height and width (one channel).

    Returns
    -------
    (float, float, (int, int))
        First row, first column and (rows, columns) of the field.

    Raises
    ------
    TypeError, ValueError
        As :func:`convdemo.receptive_field` and :meth:`convdemo.Stack.forward`, and if
        `input_shape` is not a pair of positive integers (of at most
        ``MAX_ELEMENTS`` pixels).

    Examples
    --------
    >>> import numpy as np
    >>> from convdemo import Conv2d, Stack
    >>> from convdemo.plotting import receptive_field_box
    >>> receptive_field_box(Stack([Conv2d(np.ones((3, 3)))]), (7, 7))
    (2.0, 2.0, (3, 3))
    """
    from .receptive_field import receptive_field

    if not isinstance(input_shape, tuple | list) or len(input_shape) != 2:
        raise TypeError(f"input_shape must be a pair (H, W), got {describe(input_shape)}")
    input_shape = tuple(as_int(n, "input_shape", minimum=1) for n in input_shape)
    check_elements(input_shape, "input_shape", "an input")
    field = receptive_field(stack)[-1]
    out_shape = stack.forward(np.zeros(input_shape)).shape[-2:]
    first = []
    for axis in range(2):
        unit = (out_shape[axis] - 1) // 2
        centre = field.start[axis] + unit * field.jump[axis]
        first.append(centre - (field.size[axis] - 1) / 2)
    return first[0], first[1], field.size


def plot_receptive_fields(
    stacks: Mapping[str, Any],
    *,
    shape: tuple[int, int],
    alt: str,
    title: str | None = None,
    size: tuple[float, float] = (2.7, 3.0),
) -> Figure:
    """Measured receptive fields, each with its analytic box outlined.

    Each panel is the :func:`convdemo.empirical_receptive_field` of one stack's centre
    unit on an input of ones, scaled to its maximum, with the box of
    :func:`receptive_field_box` in orange; the panel's title gives the field's size.

    Parameters
    ----------
    stacks : mapping of str to convdemo.Stack
        Panel name -> stack, in order.
    shape : (int, int)
        The input's height and width.
    alt : str
        The figure's alt text.
    title : str, optional
        The figure's title: its finding.
    size : (float, float), default (2.7, 3.0)
        Width and height of one panel, in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `stacks` is not a non-empty mapping.

    Examples
    --------
    >>> import numpy as np
    >>> from convdemo import Conv2d, Stack
    >>> from convdemo.plotting import plot_receptive_fields
    >>> fig = plot_receptive_fields(
    ...     {"one 3x3": Stack([Conv2d(np.ones((3, 3)))])}, shape=(7, 7), alt="a 3x3 field"
    ... )
    >>> fig.axes[0].get_title()
    'one 3x3: field 3x3'
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    from .receptive_field import empirical_receptive_field

    if not isinstance(stacks, Mapping) or not stacks:
        raise TypeError(f"stacks must be a non-empty mapping, got {describe(stacks)}")
    fig, axes = _figure(len(stacks), 1, *size)
    image = None
    for ax, (name, stack) in zip(axes.flat, stacks.items(), strict=True):
        grad = empirical_receptive_field(stack, shape)
        top, left, (height, width) = receptive_field_box(stack, shape)
        image = ax.imshow(grad / grad.max(), cmap=SEQUENTIAL_CMAP, vmin=0, vmax=1)
        _outline(ax, (top, left, height, width), 2.0)
        pixel_ticks(ax)
        _label_axes(ax, f"{name}: field {height}x{width}", "input column", "input row")
    bar = fig.colorbar(image, ax=list(axes.flat), shrink=0.8)
    bar.set_label("|gradient| / its maximum")
    return _finish_figure(fig, axes, len(stacks), title, alt)


def plot_strips(
    panels: Mapping[str, Mapping[str, np.typing.ArrayLike]],
    *,
    alt: str,
    ylabel: str,
    thresholds: Mapping[str, float] | None = None,
    title: str | None = None,
    size: tuple[float, float] = (4.6, 3.8),
) -> Figure:
    """Panels of values grouped along x, one dot per value, with a threshold line each.

    The dots of a group are spread evenly across its slot (no random jitter: the figure
    is the same on every build).

    Parameters
    ----------
    panels : mapping of str to mapping of str to array_like
        Panel title -> (group label -> 1-D values), in order.
    alt : str
        The figure's alt text.
    ylabel : str
        What the values are.
    thresholds : mapping of str to float, optional
        Panel title -> height of a dashed threshold line.
    title : str, optional
        The figure's title: its finding.
    size : (float, float), default (4.6, 3.8)
        Width and height of one panel, in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `panels` is not a non-empty mapping of mappings.

    Examples
    --------
    >>> from convdemo.plotting import plot_strips
    >>> fig = plot_strips(
    ...     {"scores": {"a": [1, 2], "b": [3]}}, ylabel="score", alt="a low, b high"
    ... )
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()]
    ['a', 'b']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    if not isinstance(panels, Mapping) or not panels:
        raise TypeError(f"panels must be a non-empty mapping, got {describe(panels)}")
    fig, axes = _figure(len(panels), 1, *size)
    for ax, (name, groups) in zip(axes.flat, panels.items(), strict=True):
        if not isinstance(groups, Mapping) or not groups:
            raise TypeError(f"panels[{name!r}] must be a non-empty mapping of group to values")
        for index, (group, values) in enumerate(groups.items()):
            ys = np.asarray(as_data_array(values, f"panels[{name!r}][{group!r}]", (1,)))
            xs = index + np.linspace(-0.25, 0.25, ys.size) if ys.size > 1 else [index]
            colour = LINE_COLOURS[index % len(LINE_COLOURS)]
            ax.plot(xs, ys, "o", ms=4, alpha=0.7, color=colour)
        if thresholds and name in thresholds:
            ax.axhline(float(thresholds[name]), color="black", lw=1, ls="--")
        ax.set_xticks(range(len(groups)), [str(group) for group in groups])
        ax.grid(alpha=0.3, axis="y")
        _label_axes(ax, name, None, ylabel)
    return _finish_figure(fig, axes, len(panels), title, alt)


def show_kernel(
    ax: Axes,
    kernel: np.typing.ArrayLike,
    *,
    title: str | None = None,
    fmt: str = "{:.2g}",
) -> AxesImage:
    """Show a kernel's weights as numbers on ``RdBu_r`` centred on 0.

    Positive weights are red, negative blue, zero white, so a kernel's "shape"
    (which pattern it responds to) is visible at a glance.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    kernel : array_like
        A 2-D array of weights (at most 400 of them).
    title : str, optional
        Panel title.
    fmt : str, default "{:.2g}"
        Format of each weight.

    Returns
    -------
    matplotlib.image.AxesImage

    Raises
    ------
    TypeError, ValueError
        As :func:`show_number_grid`.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import show_kernel
    >>> ax = Figure().subplots()
    >>> sobel_x = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    >>> show_kernel(ax, sobel_x, fmt="{:.0f}").get_clim()
    (-2.0, 2.0)
    """
    return show_number_grid(
        ax, kernel, fmt=fmt, signed=True, title=title, xlabel="kernel column", ylabel="kernel row"
    )


# --- a layer-2 kernel as a block
__all__ += ["plot_kernel_block"]


def plot_kernel_block(
    kernel: np.typing.ArrayLike,
    maps: np.typing.ArrayLike,
    *,
    alt: str,
    title: str | None = None,
    window: tuple[int, int] | None = None,
    map_label: str = "layer-1 response",
    fmt: str = "{:.1f}",
) -> Figure:
    """A multi-channel kernel drawn as a 3-D block, beside the maps its slices read.

    Left, the kernel ``(C, kh, kw)`` in 3-D: one ``kh x kw`` slice per input channel,
    stacked in depth (channel 0 in front), on ``RdBu_r`` centred on 0. Right, one column
    per channel: the map the slice reads (top, one shared ``viridis`` scale, the window
    outlined in orange) and the slice itself with its numbers (bottom, the block's scale).

    Parameters
    ----------
    kernel : array_like
        ``(C, kh, kw)`` weights: one output channel of a convolution's weight.
    maps : array_like
        ``(C, H, W)`` the maps the kernel reads (non-negative, e.g. after ReLU).
    alt : str
        The figure's alt text (see :func:`set_alt_text`), built from the values.
    title : str, optional
        The figure's title: the finding it shows.
    window : (int, int), optional
        Top-left (row, column) of the ``kh x kw`` window to outline on every map.
    map_label : str, default "layer-1 response"
        The maps' colour-bar label.
    fmt : str, default "{:.1f}"
        Format of each weight written on the slices.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If `alt`, `title` or `map_label` is not a string.
    ValueError
        If `kernel` is not 3-D, `maps` not 3-D with one map per slice, a map is smaller
        than the kernel, `window` does not fit on the maps, or `alt` is blank.

    Examples
    --------
    >>> import numpy as np
    >>> from convdemo.plotting import get_alt_text, plot_kernel_block
    >>> fig = plot_kernel_block(np.ones((2, 3, 3)), np.zeros((2, 5, 5)), alt="a block")
    >>> len(fig.axes), get_alt_text(fig)
    (7, 'a block')
    >>> import matplotlib.pyplot as plt
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt
    from matplotlib import colormaps
    from matplotlib.colors import Normalize

    weights = np.asarray(kernel, dtype=float)
    images = np.asarray(maps, dtype=float)
    if weights.ndim != 3 or 0 in weights.shape:
        raise ValueError(f"kernel must be (C, kh, kw), got shape {weights.shape}")
    channels, kh, kw = weights.shape
    if images.ndim != 3 or len(images) != channels:
        raise ValueError(
            f"maps must be (C, H, W) with C = {channels} (one per slice), got shape {images.shape}"
        )
    if images.shape[1] < kh or images.shape[2] < kw:
        raise ValueError(f"maps ({images.shape[1]}x{images.shape[2]}) are smaller than the kernel")
    if window is not None:
        top, left = (int(v) for v in window)
        if not (0 <= top <= images.shape[1] - kh and 0 <= left <= images.shape[2] - kw):
            raise ValueError(f"window {window} does not fit a {kh}x{kw} kernel on the maps")
    for value, name in ((alt, "alt"), (map_label, "map_label")):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not alt.strip():
        raise ValueError("alt must not be blank")

    fig = plt.figure(figsize=(2.4 + 1.35 * channels, 5.0), layout="constrained")
    grid = fig.add_gridspec(2, channels + 2, width_ratios=[1.6, 1.6] + [1.0] * channels)
    block = fig.add_subplot(grid[:, :2], projection="3d")
    lo, hi = signed_limits(weights)
    norm = Normalize(lo, hi)
    cmap = colormaps[SIGNED_CMAP]
    cols, rows = np.meshgrid(np.arange(kw + 1), np.arange(kh + 1))
    for c in reversed(range(channels)):  # back to front
        colours = np.zeros((kh + 1, kw + 1, 4))
        colours[:kh, :kw] = cmap(norm(weights[c]))
        block.plot_surface(
            cols,
            np.full(cols.shape, float(c)),
            kh - rows,
            facecolors=colours,
            shade=False,
            edgecolor="0.25",
            linewidth=0.4,
            rstride=1,
            cstride=1,
        )
    block.set(xlabel="kernel column", zlabel="kernel row", ylabel="input channel")
    block.set_yticks(range(channels))
    block.set_xticks(range(0, kw + 1))
    block.set_zticks(range(0, kh + 1))
    block.set_box_aspect((kw, channels * 0.9, kh), zoom=0.9)
    block.view_init(elev=22, azim=-58)
    block.set_title(f"the kernel: a {kh}x{kw}x{channels} block", fontsize=10)

    vmax = float(images.max()) or 1.0
    map_axes, slice_axes = [], []
    for c in range(channels):
        ax = fig.add_subplot(grid[0, c + 2])
        image = ax.imshow(images[c], cmap=SEQUENTIAL_CMAP, vmin=0.0, vmax=vmax)
        ax.set_title(f"ch {c}", fontsize=9)
        pixel_ticks(ax)
        ax.tick_params(labelsize=7)
        if window is not None:
            _outline(ax, (top, left, kh, kw), 1.5)
        map_axes.append(ax)
        ax = fig.add_subplot(grid[1, c + 2])
        kernel_image = show_number_grid(
            ax,
            weights[c],
            fmt=fmt,
            signed=True,
            vmin=lo,
            vmax=hi,
            fontsize=7,
            title=f"slice {c}",
            xlabel=None,
            ylabel=None,
        )
        ax.tick_params(labelsize=7)
        slice_axes.append(ax)
    fig.colorbar(image, ax=map_axes, label=map_label, shrink=0.9)
    fig.colorbar(kernel_image, ax=slice_axes, label="weight", shrink=0.9)
    if title is not None:
        _check_optional_str(title, "title")
        fig.suptitle(title)
    return set_alt_text(fig, alt)


# --- digits pages
# Helpers of the handwritten-digits examples (gallery/learned_features/plot_digits_*.py).

__all__ += ["show_confusion_matrix", "show_contributions", "show_tiles"]

_TILE_KINDS = ("image", "response", "signed")


def show_tiles(
    fig: Figure,
    tiles: np.typing.ArrayLike,
    *,
    titles: list[str] | None = None,
    columns: int | None = None,
    kind: str = "image",
    label: str | None = None,
    numbers: str | None = None,
    vmax: float | None = None,
) -> np.ndarray:
    """Draw small 2-D arrays side by side on one colour scale, with one labelled colour bar.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        An empty figure (use ``layout="constrained"``); the tiles fill it.
    tiles : array_like
        ``(n, h, w)`` arrays: digits, patches, feature maps or kernels. NaN cells
        (e.g. a patch reaching past the image's border) are drawn white.
    titles : list of str, optional
        One title per tile.
    columns : int, optional
        Tiles per row; default all in one row, up to 8.
    kind : {"image", "response", "signed"}, default "image"
        ``"image"``: gray from 0 (paper, black) to 1 (ink, white);
        ``"response"``: viridis from 0 to the largest value; ``"signed"``:
        ``RdBu_r`` symmetric about 0 over all tiles.
    label : str, optional
        The colour bar's label; default "pixel value", "response" or "weight".
    numbers : str, optional
        A format such as ``"{:.1f}"``: write each cell's value in it (small tiles only).
    vmax : float, optional
        Top of the colour scale (``"response"``) or its half-range (``"signed"``);
        default from the tiles.

    Returns
    -------
    numpy.ndarray of Axes
        ``(rows, columns)``; unused axes are hidden.

    Raises
    ------
    TypeError
        If `fig` is not a Figure, `tiles` not numeric, or a label not a string.
    ValueError
        If `tiles` is not 3-D, empty or more than :data:`MAX_TILES` arrays, `kind` is
        unknown, `columns` is below 1, or `titles` has the wrong length.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import show_tiles
    >>> fig = Figure(layout="constrained")
    >>> axes = show_tiles(fig, np.eye(3)[None].repeat(4, 0), titles=list("abcd"), columns=2)
    >>> axes.shape, axes[1, 1].get_title(), fig.axes[-1].get_ylabel()
    ((2, 2), 'd', 'pixel value (0 paper, 1 ink)')
    """
    from matplotlib import colormaps
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {describe(fig)}")
    data = as_data_array(tiles, "tiles", (3,))
    if len(data) > MAX_TILES:
        raise ValueError(
            f"tiles holds {len(data)} arrays; show_tiles draws at most {MAX_TILES} (MAX_TILES)"
        )
    data = np.asarray(data, dtype=np.float64)
    if len(data) == 0 or data[0].size == 0:
        raise ValueError(f"tiles must hold at least one non-empty array, got shape {data.shape}")
    if kind not in _TILE_KINDS:
        raise ValueError(f"kind must be one of {', '.join(_TILE_KINDS)}, got {kind!r}")
    if titles is not None and len(titles) != len(data):
        raise ValueError(f"titles must give one title per tile ({len(data)}), got {len(titles)}")
    for name, value in (("label", label), ("numbers", numbers)):
        _check_optional_str(value, name)
    n = len(data)
    cols = min(n, 8) if columns is None else min(as_int(columns, "columns", minimum=1), n)
    rows = -(-n // cols)
    finite = data[np.isfinite(data)]
    if kind == "image":
        cmap, low, high = "gray", 0.0, 1.0
        default_label = "pixel value (0 paper, 1 ink)"
    elif kind == "response":
        top = float(finite.max()) if vmax is None else float(vmax)
        cmap, low, high = SEQUENTIAL_CMAP, 0.0, top if top > 0 else 1.0
        default_label = "response"
    else:
        half = signed_limits(finite)[1] if vmax is None else float(vmax)
        cmap, low, high = SIGNED_CMAP, -half, half
        default_label = "weight"
    colormap = colormaps[cmap].with_extremes(bad="white")
    axes = np.atleast_2d(fig.subplots(rows, cols, squeeze=False))
    artist = None
    for index, ax in enumerate(axes.ravel()):
        if index >= n:
            ax.set_axis_off()
            continue
        tile = data[index]
        if numbers is not None:
            artist = show_number_grid(
                ax,
                tile,
                fmt=numbers,
                cmap=cmap,
                vmin=low,
                vmax=high,
                signed=False,
                xlabel=None,
                ylabel=None,
            )
        else:
            artist = ax.imshow(tile, cmap=colormap, vmin=low, vmax=high, interpolation="nearest")
            h, w = tile.shape
            ax.set_xticks([0, w - 1])
            ax.set_yticks([0, h - 1])
            ax.tick_params(labelsize=7, length=2)
        if titles is not None:
            ax.set_title(titles[index], fontsize=9)
    bar = fig.colorbar(artist, ax=axes, shrink=0.8)
    bar.set_label(default_label if label is None else label)
    return axes


def show_confusion_matrix(
    ax: Axes, true: np.typing.ArrayLike, predicted: np.typing.ArrayLike, n_classes: int = 10
) -> AxesImage:
    """Counts of (true, predicted) class pairs as a numbered grid.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    true, predicted : array_like of int
        ``(N,)`` class indices in ``0..n_classes - 1``.
    n_classes : int, default 10
        Number of classes (rows and columns).

    Returns
    -------
    matplotlib.image.AxesImage
        The cells (pass it to ``fig.colorbar``).

    Raises
    ------
    TypeError
        If `ax` is not an Axes or the labels are not integers.
    ValueError
        If the label arrays differ in shape or hold a class outside the range, or
        `n_classes` is not in ``1..20`` (a grid of at most 400 numbers).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import show_confusion_matrix
    >>> ax = Figure().subplots()
    >>> image = show_confusion_matrix(ax, [0, 1, 1], [0, 1, 0], n_classes=2)
    >>> image.get_array().tolist(), ax.get_ylabel()
    ([[1.0, 0.0], [1.0, 1.0]], 'true digit')
    """
    _check_axes(ax)
    most = math.isqrt(MAX_NUMBER_CELLS)
    n_classes = as_int(n_classes, "n_classes", minimum=1)
    if n_classes > most:
        raise ValueError(
            f"n_classes must be at most {most} (a grid of at most {MAX_NUMBER_CELLS} numbers), "
            f"got {n_classes}"
        )
    t = as_data_array(true, "true", (1,))
    p = as_data_array(predicted, "predicted", (1,))
    for name, labels in (("true", t), ("predicted", p)):
        if labels.dtype.kind not in "iu":
            raise TypeError(f"{name} must hold integer classes, got dtype {labels.dtype}")
        if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
            raise ValueError(f"{name} must hold classes 0..{n_classes - 1}")
    if t.shape != p.shape:
        raise ValueError(f"true and predicted must have one shape, got {t.shape} and {p.shape}")
    counts = np.zeros((n_classes, n_classes))
    np.add.at(counts, (t, p), 1)
    return show_number_grid(
        ax, counts, fmt="{:.0f}", signed=False, xlabel="predicted digit", ylabel="true digit"
    )


def show_contributions(
    ax: Axes,
    contributions: np.typing.ArrayLike,
    *,
    title: str | None = None,
    xlabel: str = "layer-1 channel",
    ylabel: str = "contribution to the layer-2 unit",
) -> Any:
    """Bars of signed per-channel contributions (red positive, blue negative), with 0 marked.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    contributions : array_like
        ``(C,)`` one number per input channel.
    title, xlabel, ylabel : str
        Labels.

    Returns
    -------
    matplotlib.container.BarContainer

    Raises
    ------
    TypeError
        If `ax` is not an Axes or `contributions` not numeric.
    ValueError
        If `contributions` is not 1-D or is empty.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from convdemo.plotting import show_contributions
    >>> ax = Figure().subplots()
    >>> len(show_contributions(ax, [1.0, -0.5, 2.0]))
    3
    """
    _check_axes(ax)
    values = np.asarray(as_data_array(contributions, "contributions", (1,)), dtype=np.float64)
    if values.size == 0:
        raise ValueError("contributions must not be empty")
    _check_optional_str(title, "title")
    colours = np.where(values >= 0, "#b2182b", "#2166ac")
    bars = ax.bar(np.arange(values.size), values, color=colours)
    ax.axhline(0.0, color="black", linewidth=0.8)
    ax.set_xticks(range(values.size))
    _label_axes(ax, title, xlabel, ylabel)
    return bars


def _closes_its_figures(func: Callable) -> Callable:
    """``func``, which closes the pyplot figures it opened if it raises."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        pyplot = sys.modules.get("matplotlib.pyplot")
        before = set(pyplot.get_fignums()) if pyplot is not None else set()
        try:
            return func(*args, **kwargs)
        except BaseException:
            pyplot = sys.modules.get("matplotlib.pyplot")
            if pyplot is not None:
                for number in set(pyplot.get_fignums()) - before:
                    pyplot.close(number)
            raise

    return wrapper


# Every public helper: a helper that raises leaves no figure open behind it.
for _name, _value in list(globals().items()):
    if not _name.startswith("_") and inspect.isfunction(_value) and _value.__module__ == __name__:
        globals()[_name] = _closes_its_figures(_value)
del _name, _value
