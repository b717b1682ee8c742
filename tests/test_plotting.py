"""convdemo.plotting: the figure helpers draw what they promise and refuse bad input."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

mpl = pytest.importorskip("matplotlib")
from matplotlib.figure import Figure  # noqa: E402

from convdemo import plotting  # noqa: E402
from convdemo.plotting import (  # noqa: E402
    get_alt_text,
    set_alt_text,
    show_feature_map,
    show_image,
    show_kernel,
    show_number_grid,
    signed_limits,
)


@pytest.fixture
def ax():
    return Figure().subplots()


def test_import_convdemo_does_not_import_matplotlib() -> None:
    code = (
        "import sys, convdemo, convdemo.plotting, convdemo.data; "
        "print('matplotlib' in sys.modules, 'skimage' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"


def test_signed_limits_symmetric_and_ignores_nan() -> None:
    assert signed_limits([[1.0, -4.0], [np.nan, 2.0]]) == (-4.0, 4.0)
    assert signed_limits(np.zeros((2, 2))) == (-1.0, 1.0)
    with pytest.raises(TypeError, match="array"):
        signed_limits("abc")


def test_number_grid_writes_every_number_with_contrast(ax) -> None:
    values = np.array([[0.0, 0.5], [1.0, 2.0]])
    image = show_number_grid(ax, values, fmt="{:.1f}", title="t")
    assert [t.get_text() for t in ax.texts] == ["0.0", "0.5", "1.0", "2.0"]
    assert image.get_cmap().name == plotting.SEQUENTIAL_CMAP
    colours = [t.get_color() for t in ax.texts]
    assert colours[0] == "white" and colours[-1] == "black"  # dark viridis low, bright high
    assert ax.get_title() == "t" and ax.get_xlabel() == "column" and ax.get_ylabel() == "row"


def test_number_grid_writes_no_signed_zero(ax) -> None:
    show_number_grid(ax, [[-0.0, -0.04, -0.06, -1e-9]], fmt="{:.1f}")
    assert [t.get_text() for t in ax.texts] == ["0.0", "0.0", "-0.1", "0.0"]


def test_number_grid_signed_data_is_centred_on_zero(ax) -> None:
    image = show_number_grid(ax, [[-1.0, 3.0]])
    assert image.get_clim() == (-3.0, 3.0)
    assert image.get_cmap().name == plotting.SIGNED_CMAP


def test_number_grid_origin_labels_the_ticks_of_a_crop(ax) -> None:
    show_number_grid(ax, np.ones((2, 3)), origin=(10, 20))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["20", "21", "22"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["10", "11"]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"ax": "not an axes"}, TypeError, "ax must be a matplotlib Axes"),
        ({"array": np.ones(3)}, ValueError, "array must have 2 dimensions"),
        ({"array": np.ones((0, 3))}, ValueError, "array must not be empty"),
        ({"array": np.ones((30, 30))}, ValueError, "at most 400"),
        ({"array": [["a"]]}, TypeError, "array must be a real numeric array"),
        ({"fmt": 3}, TypeError, "fmt must be a format string"),
        ({"fmt": "{:d}"}, ValueError, "fmt must format one number"),
        ({"title": 5}, TypeError, "title must be a string"),
        ({"origin": (1.5, 0)}, TypeError, "origin must be a pair of ints"),
    ],
)
def test_number_grid_refuses_bad_input(ax, kwargs, error, match) -> None:
    arguments = {"ax": ax, "array": np.ones((2, 2))} | kwargs
    with pytest.raises(error, match=match):
        show_number_grid(arguments.pop("ax"), arguments.pop("array"), **arguments)


def test_feature_map_has_a_labelled_colourbar(ax) -> None:
    image, bar = show_feature_map(ax, np.arange(6.0).reshape(2, 3), label="strength")
    assert bar is not None and bar.ax.get_ylabel() == "strength"
    assert image.get_cmap().name == plotting.SEQUENTIAL_CMAP
    _, none = show_feature_map(Figure().subplots(), np.ones((2, 2)), colorbar=False)
    assert none is None
    with pytest.raises(TypeError, match="label"):
        show_feature_map(ax, np.ones((2, 2)), label=None)


def test_kernel_uses_the_signed_map_even_when_non_negative(ax) -> None:
    image = show_kernel(ax, np.ones((3, 3)) / 9, fmt="{:.2f}")
    assert image.get_cmap().name == plotting.SIGNED_CMAP
    low, high = image.get_clim()
    assert low == -high
    assert ax.get_xlabel() == "kernel column"


def test_show_image_gray_and_rgb(ax) -> None:
    assert show_image(ax, np.zeros((4, 4))).get_cmap().name == "gray"
    show_image(Figure().subplots(), np.zeros((4, 4, 3)))
    with pytest.raises(ValueError, match=r"\(H, W\) or \(H, W, 3\)"):
        show_image(ax, np.zeros((4, 4, 2)))


def test_alt_text_round_trip_and_validation() -> None:
    fig = Figure()
    assert get_alt_text(fig) is None
    assert set_alt_text(fig, "  The map is bright on edges. ") is fig
    assert get_alt_text(fig) == "The map is bright on edges."
    with pytest.raises(ValueError, match="blank"):
        set_alt_text(fig, "   ")
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        set_alt_text("figure", "text")
    with pytest.raises(TypeError, match="text must be a string"):
        set_alt_text(fig, None)
    with pytest.raises(TypeError, match="fig"):
        get_alt_text(3)


def test_thumbnail_axes_is_the_largest_panel_not_a_colour_bar() -> None:
    fig = Figure()
    _small, large = fig.subplots(1, 2, width_ratios=[1, 3])
    fig.colorbar(large.imshow(np.eye(3)), ax=large)
    assert plotting.thumbnail_axes(fig) is large  # the colour bar is later, not a panel


def test_thumbnail_axes_of_equal_panels_is_the_last_and_can_be_chosen() -> None:
    fig = Figure()
    axes = fig.subplots(2, 2).ravel()
    assert plotting.thumbnail_axes(fig) is axes[-1]
    axes[-1].set_visible(False)  # an unused panel of a grid
    assert plotting.thumbnail_axes(fig) is axes[-2]
    assert plotting.set_thumbnail_axes(fig, axes[0]) is None  # a cell's last line echoes nothing
    assert plotting.thumbnail_axes(fig) is axes[0]
    assert plotting.thumbnail_axes(Figure()) is None


def test_set_thumbnail_axes_refuses_what_is_not_a_panel_of_the_figure() -> None:
    fig = Figure()
    ax = fig.subplots()
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        plotting.set_thumbnail_axes("figure", ax)
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plotting.set_thumbnail_axes(fig, "axes")
    with pytest.raises(ValueError, match="one of fig's axes"):
        plotting.set_thumbnail_axes(fig, Figure().subplots())
    with pytest.raises(TypeError, match="fig"):
        plotting.thumbnail_axes(None)
    assert plotting.thumbnail_axes(fig) is ax  # nothing was set by the refused calls


# --- the one-call figure helpers and the alt-text describers


def test_describe_map_says_shape_range_maximum_and_zeros() -> None:
    grid = np.zeros((3, 4))
    grid[1, 2], grid[0, 0] = 2.0, 2.0
    text = plotting.describe_map(grid, name="m", fmt="{:g}")
    assert text == (
        "m is 3 by 4, from 0 to 2; its maximum, 2, is at row 0, column 0 "
        "(and 1 other places); 10 of its 12 values are 0."
    )
    # float crumbs where the exact value is 0 count as 0, not as 5.6e-17
    crumbs = np.array([[1.0, 5.6e-17], [0.5, -1e-18]])
    assert "from 0 to 1" in plotting.describe_map(crumbs, fmt="{:g}")
    assert "2 of its 4 values are 0" in plotting.describe_map(crumbs)
    with pytest.raises(TypeError, match="name must be a string"):
        plotting.describe_map(grid, name=3)
    with pytest.raises(ValueError, match="feature_map must have 2 dimensions"):
        plotting.describe_map(np.ones(3))


def test_describe_numbers_writes_rows() -> None:
    assert plotting.describe_numbers([[1, -0.0], [2.5, 3]]) == "1, 0 / 2.5, 3"
    assert plotting.describe_numbers([1, 2], fmt="{:.1f}") == "1.0, 2.0"
    with pytest.raises(TypeError, match="fmt"):
        plotting.describe_numbers([1], fmt=2)


def test_pixel_grids_get_whole_number_ticks(ax) -> None:
    show_feature_map(ax, np.arange(100.0).reshape(10, 10))
    for ticks in (ax.get_xticks(), ax.get_yticks()):
        assert all(float(t).is_integer() for t in ticks)


def test_a_binary_map_has_whole_number_colour_bar_ticks(ax) -> None:
    _, bar = show_feature_map(ax, np.eye(4), label="found")
    assert all(float(t).is_integer() for t in bar.get_ticks())
    assert bar.ax.get_ylabel() == "found"


def test_plot_feature_maps_labels_every_colour_bar_and_keeps_alt_text() -> None:
    import matplotlib.pyplot as plt

    fig = plotting.plot_feature_maps(
        {"a": np.eye(3), "b": np.ones((3, 3))},
        label={"b": "ones"},
        title="finding",
        alt="two maps",
    )
    try:
        bars = fig.axes[2:]
        assert [bar.get_ylabel() for bar in bars] == ["response", "ones"]
        assert fig.get_suptitle() == "finding"
        assert get_alt_text(fig) == "two maps"
    finally:
        plt.close(fig)
    fig = plotting.plot_feature_maps(
        {"a": np.eye(3), "b": 2 * np.eye(3)}, shared="one colour bar", label="x", alt="t"
    )
    try:
        assert len(fig.axes) == 3 and fig.axes[-1].get_ylabel() == "x"
        assert fig.axes[0].images[0].get_clim() == fig.axes[1].images[0].get_clim() == (0, 2)
    finally:
        plt.close(fig)
    with pytest.raises(TypeError, match="maps must be a non-empty mapping"):
        plotting.plot_feature_maps([], alt="nothing")


def test_nonzero_box_and_receptive_field_box_agree_on_a_stack() -> None:
    from convdemo import Conv2d, Stack, empirical_receptive_field

    stack = Stack([Conv2d(np.ones((3, 3))), Conv2d(np.ones((3, 3)))])
    grad = empirical_receptive_field(stack, (9, 9))
    assert plotting.nonzero_box(grad) == plotting.receptive_field_box(stack, (9, 9))
    assert plotting.nonzero_box(grad)[2] == (5, 5)
    with pytest.raises(ValueError, match="non-zero"):
        plotting.nonzero_box(np.zeros((3, 3)))
