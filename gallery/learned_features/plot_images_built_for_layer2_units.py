"""
Images built to excite layer-2 units are horizontal or vertical stripes
=======================================================================

Built by gradient ascent, the images for units 1, 2, 4 and 6 have three to four times
more horizontal than vertical edge energy, and those for units 0, 3, 5 and 7 about two
and a half times more vertical than horizontal.

Top patches (:doc:`plot_what_layer2_units_see`) can only show what the test set holds.
:func:`~convdemo.activation_maximisation` (:cite:t:`olah2017feature`) starts from
faint noise and changes the pixels, step by step, in the direction that raises a
unit's response, with a little blur and shrinkage so the image stays smooth. It works on
the unit's input, before its ReLU: at the ReLU's output the horizontal units are exactly
0 on the faint starting noise, and there would be no gradient to climb. The image
repeats the unit's favourite pattern everywhere, because the response is averaged over
every position.
"""

import numpy as np

from convdemo import activation_maximisation, conv2d, named_kernel, trained_tiny_cnn
from convdemo.plotting import plot_feature_maps

network = trained_tiny_cnn("cars_and_pedestrians").network
built = np.stack(
    [activation_maximisation(network, 3, c, (1, 24, 24), seed=0) for c in range(8)]
)


def horizontal_over_vertical(image):
    """Summed |sobel_y| over summed |sobel_x| of one (H, W) image."""
    horizontal = np.abs(conv2d(image, named_kernel("sobel_y"))).sum()
    return horizontal / np.abs(conv2d(image, named_kernel("sobel_x"))).sum()


ratio = [horizontal_over_vertical(image[0]) for image in built]
fig = plot_feature_maps(
    {
        f"unit {c}: H/V {r:.2f}": image[0]
        for c, (r, image) in enumerate(zip(ratio, built, strict=True))
    },
    ncols=4,
    cmap="gray",
    shared="one colour bar",
    label="pixel value (built image)",
    size=(2.2, 2.2),
    title="Stripes across for units 1, 2, 4, 6; stripes down for the others",
    alt=(
        f"{len(built)} grey images, each built to excite one second-layer unit, with "
        "their ratio of horizontal to vertical edge energy: "
        + ", ".join(f"unit {c} {r:.2f}" for c, r in enumerate(ratio))
        + ". The images with a ratio above one are filled with horizontal stripes, the "
        "others with vertical and steeply slanted stripes."
    ),
)

# %%
for c, r in enumerate(ratio):
    print(f"unit {c}: H/V {r:.2f}" + (f", V/H {1 / r:.1f}" if r < 1 else ""))
