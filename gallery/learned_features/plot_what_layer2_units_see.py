"""
The test patches that excite layer-2 units most are horizontal or vertical edges
================================================================================

Units 1, 2, 4 and 6 of layer 2 like car patches with two to three times more
horizontal than vertical edge energy; units 0, 3, 5 and 7 like pedestrian patches with
about four times more vertical than horizontal.

This asks each of the eight layer-2 units of the cars-and-pedestrians network
(:doc:`plot_feature_maps_layer_by_layer`) what it responds to, with the first tool of
:cite:t:`zeiler2014visualizing`: over all 400 test images and all positions,
:func:`~convdemo.top_activating_patches` keeps the 8 patches (the unit's 10x10
:term:`receptive field`) where its response is largest. "Looks horizontal" becomes a
number: the summed absolute ``sobel_y`` response over the summed absolute ``sobel_x``
response (H/V); above 1 means mostly horizontal edges. In the mosaic each row is one
unit, best patch first.
"""

import numpy as np

from convdemo import conv2d, named_kernel, top_activating_patches, trained_tiny_cnn
from convdemo.plotting import plot_feature_maps

example = trained_tiny_cnn("cars_and_pedestrians")
network, x_test, y_test = example.network, example.test_images, example.test_labels
LAYER = 4  # the ReLU after the second convolution


def horizontal_over_vertical(images):
    """Summed |sobel_y| over summed |sobel_x|, for (N, 1, H, W) images."""
    horizontal = np.abs(conv2d(images, named_kernel("sobel_y")[None, None])).sum()
    vertical = np.abs(conv2d(images, named_kernel("sobel_x")[None, None])).sum()
    return horizontal / vertical


top = {c: top_activating_patches(network, x_test, LAYER, c, k=8) for c in range(8)}
ratio = {c: horizontal_over_vertical(top[c].patches) for c in range(8)}

size = top[0].patches.shape[-1]  # one row of patches per unit, one pixel apart
mosaic = np.full((8 * (size + 1) - 1, 8 * (size + 1) - 1), np.nan)
for c, k in np.ndindex(8, 8):
    mosaic[c * (size + 1) :][:size, k * (size + 1) :][:, :size] = top[c].patches[k, 0]
fig = plot_feature_maps(
    {"rows: units 0 to 7; columns: best patch first": mosaic},
    cmap="gray",
    label="pixel value",
    size=(6.4, 6.0),
    title="Favourite patches: horizontal edges for units 1, 2, 4, 6",
    alt=(
        f"A grid of small grey patches, {size} by {size} pixels, one row per unit. "
        + " ".join(f"Unit {c}: H/V {ratio[c]:.2f}." for c in range(8))
        + " The rows above one show horizontal edges of car bodies, the others dark "
        "or bright vertical bars: pedestrian bodies."
    ),
)

# %%
for c in range(8):
    classes = set(y_test[top[c].locations[:, 0]].tolist())
    source = {frozenset({0}): "cars", frozenset({1}): "pedestrians"}[frozenset(classes)]
    print(f"unit {c}: H/V {ratio[c]:.2f}, every favourite patch from {source}")

# %%
# Images built to excite each unit are :doc:`plot_images_built_for_layer2_units`.
