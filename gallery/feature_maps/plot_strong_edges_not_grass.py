"""
A strong-edge detector ignores grass only when it reads ReLU maps
=================================================================

Asked for strong edges only, a second layer marks 0.1% of a grass patch when it reads
ReLU maps, and 99% of it when it reads step maps.

The network of :doc:`plot_second_layer_reads_how_much` adds four edge channels; here a
:term:`bias` of -1 and a step after layer 2 turn that sum into a threshold: "mark this
pixel if the edges here add up to more than 1". Reading step maps, the sum is 2 on
grass just as on the tripod, and no bias can tell them apart. The orange box is the
grass patch.
"""

import numpy as np

from convdemo import Conv2d, ReLU, Stack, Step, named_kernel
from convdemo.data import sample_image
from convdemo.plotting import plot_feature_maps, set_thumbnail_axes

photo = sample_image("camera")
sobel_x, sobel_y = named_kernel("sobel_x"), named_kernel("sobel_y")
layer_1 = Conv2d(np.stack([sobel_x, -sobel_x, sobel_y, -sobel_y])[:, None])
layer_2 = Conv2d(np.ones((1, 4, 1, 1)), bias=[-1.0])  # sum of the channels, minus 1
detectors = {
    "from ReLU maps": Stack([layer_1, ReLU(), layer_2, Step()]),
    "from step maps": Stack([layer_1, Step(), layer_2, Step()]),
}
marked = {name: net.forward(photo[None])[0] for name, net in detectors.items()}

CROP = np.s_[320:480, 256:416]  # the tripod on grass
GRASS = np.s_[336:400, 368:416]  # grass only, no tripod
grass_box = (16, 112, 64, 48)  # GRASS inside CROP: top, left, height, width
share = {name: out[GRASS].mean() for name, out in marked.items()}
fig = plot_feature_maps(
    {f"strong edges, {name}": out[CROP] for name, out in marked.items()},
    label="marked (1) or not (0)",
    boxes=[grass_box],
    title="Only the detector reading ReLU maps leaves the grass unmarked",
    alt=(
        "Two maps of what the second layer marks as strong edges. Reading ReLU maps it "
        f"marks the tripod's outline and {share['from ReLU maps']:.1%} of the grass "
        f"patch; reading step maps it marks {share['from step maps']:.0%} of the grass "
        "patch, and almost the whole picture is yellow."
    ),
)
set_thumbnail_axes(fig, fig.axes[0])  # the gallery card: the ReLU panel

# %%
for name, value in share.items():
    print(f"{name}: marks {value:.1%} of the grass patch")

# %%
# Both detectors see the tripod; only one of them can tell it from grass, because only
# ReLU kept *how much* each layer-1 channel responded.
