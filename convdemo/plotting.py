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


# --- landing page
# The landing page's one figure: a two-layer network built by hand that finds top-left
# corners, a feature in none of its first layer's maps, from those maps. Used by the page
# (docs/index.md) and by the build step that draws the figure (docs/_ext/convdemo_landing.py).

#: The shapes of the landing page's input: name -> (top row, left column) of the shape.
LANDING_SHAPES = {
    "bright rectangle": (8, 8),
    "vertical bar": (10, 46),
    "dim square": (36, 14),
    "disc": (27, 74),
}
#: The layer-1 channels the landing figure shows: index -> what the channel responds to.
LANDING_CHANNELS = {0: "left edges", 2: "top edges"}


def landing_example() -> dict[str, Any]:
    """The landing page's network, its input and everything it computes.

    Layer 1 is four Sobel edge detectors (left, right, top and bottom edges), each
    followed by ReLU. Layer 2 is one 9x9 kernel with a slice for each of those channels:
    on the left-edge channel +1 below the centre and -1 above it, on the top-edge channel
    +1 right of the centre and -1 left of it; then a bias of -14 and ReLU. It answers
    where top-left corners are.

    Returns
    -------
    dict
        ``image`` (64, 96); ``layer1`` its weight (4, 1, 3, 3); ``layer2`` its weight
        (1, 4, 9, 9) and ``bias`` (1,); ``maps`` layer 1 after ReLU (4, 64, 96);
        ``corners`` layer 2 after ReLU (64, 96); ``net`` the :class:`~convdemo.Stack`.

    Examples
    --------
    >>> from convdemo.plotting import landing_example
    >>> example = landing_example()
    >>> example["maps"].shape, example["corners"].shape
    ((4, 64, 96), (64, 96))
    """
    from .kernels import named_kernel
    from .layers import Conv2d, ReLU, Stack

    image = np.zeros((64, 96))
    image[8:26, 8:30] = 1.0  # bright rectangle
    image[36:56, 14:34] = 0.5  # dim square
    image[10:54, 46:50] = 1.0  # vertical bar
    rows, cols = np.mgrid[:64, :96]
    image[(rows - 40) ** 2 + (cols - 74) ** 2 < 13**2] = 1.0  # disc

    sobel_x, sobel_y = named_kernel("sobel_x"), named_kernel("sobel_y")
    layer1 = np.stack([sobel_x, -sobel_x, sobel_y, -sobel_y])[:, None]  # (4, 1, 3, 3)
    n, c = 9, 4  # kernel size and its centre
    layer2 = np.zeros((1, 4, n, n))  # (1 output, 4 input channels, 9, 9)
    layer2[0, 0, c:, c], layer2[0, 0, :c, c] = 1.0, -1.0  # left edge: below me, not above
    layer2[0, 2, c, c:], layer2[0, 2, c, :c] = 1.0, -1.0  # top edge: to my right, not left
    bias = np.array([-14.0])
    net = Stack([Conv2d(layer1, padding=1), ReLU(), Conv2d(layer2, bias=bias, padding=c), ReLU()])
    _, maps, _, corners = net.trace(image[None])
    return {
        "image": image,
        "layer1": layer1,
        "layer2": layer2,
        "bias": bias,
        "maps": maps,
        "corners": corners[0],
        "net": net,
    }


def landing_peaks(example: dict[str, Any], radius: int = 6) -> dict[str, tuple[float, int, int]]:
    """The strongest layer-2 response near each shape's top-left corner.

    Parameters
    ----------
    example : dict
        :func:`landing_example`'s result.
    radius : int, default 6
        Half the side of the square searched around each corner of
        :data:`LANDING_SHAPES`.

    Returns
    -------
    dict
        Shape name -> (response, row, column) of the strongest response.

    Examples
    --------
    >>> from convdemo.plotting import landing_example, landing_peaks
    >>> landing_peaks(landing_example())["bright rectangle"]
    (22.0, 8, 8)
    """
    corners = example["corners"]
    peaks = {}
    for name, (row, col) in LANDING_SHAPES.items():
        top, left = max(row - radius, 0), max(col - radius, 0)
        window = corners[top : row + radius + 1, left : col + radius + 1]
        r, c = np.unravel_index(int(np.argmax(window)), window.shape)
        peaks[name] = (float(window[r, c]), int(top + r), int(left + c))
    return peaks


def _number(value: float) -> str:
    return f"{value:g}"


def describe_landing_figure(example: dict[str, Any]) -> str:
    """Alt text of :func:`plot_landing_figure`, from the computed values.

    Examples
    --------
    >>> from convdemo.plotting import describe_landing_figure, landing_example
    >>> describe_landing_figure(landing_example()).split(". ")[0]
    'Six panels in the order the data flows, left to right and top to bottom'
    """
    image, maps, corners = example["image"], example["maps"], example["corners"]
    layer2 = example["layer2"][0]
    height, width = image.shape
    kh, kw = layer2.shape[1:]
    peaks = landing_peaks(example)
    ordered = sorted(peaks.items(), key=lambda item: -item[1][0])
    channels = ", ".join(
        f"channel {index + 1} ({name}) is non-zero on {int((maps[index] > 0).sum())} pixels"
        for index, name in LANDING_CHANNELS.items()
    )
    slices = "; ".join(
        f"on channel {index + 1}, {_describe_slice(layer2[index])}" for index in LANDING_CHANNELS
    )
    strongest = ", ".join(
        f"{_number(value)} at the {name} (row {row}, column {col})"
        for name, (value, row, col) in ordered
    )
    return (
        "Six panels in the order the data flows, left to right and top to bottom. "
        f"The input, a {height} by {width} image: {', '.join(LANDING_SHAPES)}. "
        f"Layer 1 after ReLU: {channels}, along those sides of every shape. "
        f"Layer 2's kernel has a {kh} by {kw} slice for each channel: {slices}. "
        f"Layer 2 after its bias of {_number(example['bias'][0])} and ReLU is 0 on "
        f"{(corners == 0).mean():.0%} of the image and responds at top-left corners: "
        f"{strongest}."
    )


def _describe_slice(kernel: np.ndarray) -> str:
    """Where a kernel slice of the landing figure is +1 and -1, relative to its centre."""
    centre_r, centre_c = (np.array(kernel.shape) - 1) // 2
    words = []
    for value, label in ((1.0, "+1"), (-1.0, "-1")):
        rows, cols = np.nonzero(kernel == value)
        where = []
        if (rows > centre_r).any():
            where.append("below")
        if (rows < centre_r).any():
            where.append("above")
        if (cols > centre_c).any():
            where.append("right of")
        if (cols < centre_c).any():
            where.append("left of")
        words.append(f"{label} {' and '.join(where)} the centre")
    return ", ".join(words)


def plot_landing_figure(example: dict[str, Any]) -> Figure:
    """The landing page's figure: input -> layer-1 maps -> layer-2 slices -> layer-2 map.

    Six panels in reading order (left to right, top to bottom), with its alt text set
    (:func:`describe_landing_figure`).

    Parameters
    ----------
    example : dict
        :func:`landing_example`'s result.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from convdemo.plotting import get_alt_text, landing_example, plot_landing_figure
    >>> fig = plot_landing_figure(landing_example())
    >>> len(fig.axes) > 6, get_alt_text(fig).startswith("Six panels")
    (True, True)
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(9.6, 5.4), layout="constrained")
    top, bottom = fig.subfigures(2, 1)  # one layout per row: each row's colour bars its own
    axes = [*top.subplots(1, 3), *bottom.subplots(1, 3)]
    image, maps, layer2 = example["image"], example["maps"], example["layer2"][0]
    (first, first_name), (second, second_name) = LANDING_CHANNELS.items()
    show_image(axes[0], image, title="1 · input", xlabel=None, ylabel=None)
    # Panels that share a scale share one colour bar: the two layer-1 maps, the two slices.
    for row, pair, stage, signed, label in [
        (top, (maps[first], maps[second]), "2 · layer 1: ", False, "response"),
        (bottom, (layer2[first], layer2[second]), "3 · layer-2 slice: ", True, "weight"),
    ]:
        both = np.concatenate([value.ravel() for value in pair])
        limits = signed_limits(both) if signed else (float(both.min()), float(both.max()))
        pictures = []
        for ax, value, name in zip(
            axes[1:3] if row is top else axes[3:5], pair, (first_name, second_name), strict=True
        ):
            picture, _ = show_feature_map(
                ax,
                value,
                title=stage + name,
                signed=signed,
                colorbar=False,
                xlabel=None,
                ylabel=None,
            )
            picture.set_clim(*limits)
            pictures.append(ax)
        row.colorbar(picture, ax=pictures, shrink=0.85, label=label)
    show_feature_map(
        axes[5],
        example["corners"],
        title="4 · layer 2: top-left corners",
        label="response",
        xlabel=None,
        ylabel=None,
    )
    # Where layer 2 responds most, circled on its map and on the input.
    peaks = [(row, col) for value, row, col in landing_peaks(example).values() if value > 0]
    rows, cols = np.array(peaks).T
    for ax in (axes[0], axes[5]):
        ax.scatter(cols, rows, s=160, facecolors="none", edgecolors="#e69f00", linewidths=2)
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(4, integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
        ax.title.set_fontsize(13)
    return set_alt_text(fig, describe_landing_figure(example))
