"""
A second layer recovers edge strength from ReLU maps, not from step maps
=========================================================================

Adding up four ReLU'd edge maps gives the edge strength (correlation 0.99 with the true
gradient magnitude); the same sum of step maps gives 0.15.

Layer 1 has four channels: Sobel x, minus Sobel x, Sobel y and minus Sobel y, so after
the activation one channel answers edges getting brighter to the right, one to the left,
one downwards, one upwards. Layer 2 is a 1x1 :class:`~convdemo.Conv2d` with all weights
1: at each pixel it adds the four channels (:ref:`gallery-channels`). The two networks
differ only in their activation.
"""

import numpy as np

from convdemo import Conv2d, ReLU, Stack, Step, conv2d, named_kernel
from convdemo.data import sample_image
from convdemo.plotting import describe_map, plot_feature_maps, set_thumbnail_axes

photo = sample_image("camera")
sobel_x, sobel_y = named_kernel("sobel_x"), named_kernel("sobel_y")
layer_1 = np.stack([sobel_x, -sobel_x, sobel_y, -sobel_y])[:, None]  # (4, 1, 3, 3)
layer_2 = np.ones((1, 4, 1, 1))  # add up the four channels
networks = {
    "reading ReLU maps": Stack([Conv2d(layer_1), ReLU(), Conv2d(layer_2)]),
    "reading step maps": Stack([Conv2d(layer_1), Step(), Conv2d(layer_2)]),
}
strength = {name: net.forward(photo[None])[0] for name, net in networks.items()}

CROP = np.s_[320:480, 256:416]  # the tripod on grass
from_relu, from_step = (out[CROP] for out in strength.values())
fig = plot_feature_maps(
    {name: out[CROP] for name, out in strength.items()},
    title="Layer 2 sees the tripod's outline only when layer 1 used ReLU",
    label="layer-2 sum",
    alt=(
        f"Two second-layer maps of the tripod on grass. Reading ReLU maps, "
        f"{describe_map(from_relu)} The tripod's outline is bright on dark grass. "
        f"Reading step maps, {describe_map(from_step, fmt='{:.0f}')} "
        "Grass and tripod look alike."
    ),
)
set_thumbnail_axes(fig, fig.axes[0])  # the gallery card: the ReLU panel

# %%
# With ReLU, ``relu(g) + relu(-g) = |g|``, so layer 2 computes
# ``|sobel_x| + |sobel_y|``. Over the whole map, against the true gradient magnitude
# ``sqrt(sobel_x² + sobel_y²)``:

true_magnitude = np.hypot(conv2d(photo, sobel_x), conv2d(photo, sobel_y))
correlation = {
    name: np.corrcoef(out.ravel(), true_magnitude.ravel())[0, 1]
    for name, out in strength.items()
}
for name, value in correlation.items():
    print(f"layer 2 {name}: correlation with the true magnitude {value:.2f}")

# %%
# From step maps, layer 2 can only count how many of the four channels said "found":

values, counts = np.unique(strength["reading step maps"], return_counts=True)
for value, count in zip(values, counts, strict=True):
    print(f"  {value:.0f} on {count:>6} pixels")

# %%
# Can a better threshold for the step fix this? See
# :doc:`plot_no_threshold_rescues_the_step`.
