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

from typing import TYPE_CHECKING, Any

import numpy as np

from ._checks import as_data_array, describe

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.colorbar import Colorbar
    from matplotlib.figure import Figure
    from matplotlib.image import AxesImage

__all__ = [
    "SEQUENTIAL_CMAP",
    "SIGNED_CMAP",
    "get_alt_text",
    "set_alt_text",
    "show_feature_map",
    "show_image",
    "show_kernel",
    "show_number_grid",
    "signed_limits",
]

#: Colormap for non-negative values.
SEQUENTIAL_CMAP = "viridis"
#: Colormap for signed values, always used with limits symmetric about 0.
SIGNED_CMAP = "RdBu_r"
#: Most numbers :func:`show_number_grid` will print (a larger grid is unreadable).
MAX_NUMBER_CELLS = 400


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
            fmt.format(value),
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
    _label_axes(ax, title, xlabel, ylabel)
    bar = None
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, shrink=0.85)
        bar.set_label(label)
    return image, bar


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
        If `tiles` is not 3-D or empty, `kind` is unknown, or `titles` has the
        wrong length.

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
    data = np.asarray(as_data_array(tiles, "tiles", (3,)), dtype=np.float64)
    if len(data) == 0 or data[0].size == 0:
        raise ValueError(f"tiles must hold at least one non-empty array, got shape {data.shape}")
    if kind not in _TILE_KINDS:
        raise ValueError(f"kind must be one of {', '.join(_TILE_KINDS)}, got {kind!r}")
    if titles is not None and len(titles) != len(data):
        raise ValueError(f"titles must give one title per tile ({len(data)}), got {len(titles)}")
    for name, value in (("label", label), ("numbers", numbers)):
        _check_optional_str(value, name)
    n = len(data)
    cols = min(n, 8) if columns is None else max(1, min(int(columns), n))
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
        If the label arrays differ in shape or hold a class outside the range.

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
