"""The landing page's one figure and the network behind it.

A two-layer network built by hand that finds top-left corners, a feature in none of its
first layer's maps, from those maps. Used by the page (docs/index.md) and by the build step
that draws the figure (docs/_ext/convdemo_landing.py). matplotlib is imported lazily.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..kernels import named_kernel
from ..layers import Conv2d, ReLU, Stack
from ..plotting import set_alt_text, show_feature_map, show_image, signed_limits

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "LANDING_CHANNELS",
    "LANDING_SHAPES",
    "describe_landing_figure",
    "landing_example",
    "landing_peaks",
    "plot_landing_figure",
]

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
    >>> from convdemo.site.landing import landing_example
    >>> example = landing_example()
    >>> example["maps"].shape, example["corners"].shape
    ((4, 64, 96), (64, 96))
    """
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
    >>> from convdemo.site.landing import landing_example, landing_peaks
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
    >>> from convdemo.site.landing import describe_landing_figure, landing_example
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
        f"channel {index} ({name}) is non-zero on {int((maps[index] > 0).sum())} pixels"
        for index, name in LANDING_CHANNELS.items()
    )
    slices = "; ".join(
        f"on channel {index}, {_describe_slice(layer2[index])}" for index in LANDING_CHANNELS
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
    >>> from convdemo.plotting import get_alt_text
    >>> from convdemo.site.landing import landing_example, plot_landing_figure
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
