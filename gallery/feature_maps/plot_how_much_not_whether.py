"""
ReLU keeps how strong an edge is; a step keeps only that it is there
====================================================================

The tripod's edge answers 2.5 times more strongly than the strongest blade of grass
beside it; ReLU keeps that difference, and a step function writes 1 for both.

A :term:`feature map` is not a list of places where a feature "was found": each number
says *how strongly* the kernel's pattern is there. Here the Sobel x edge kernel runs
over the ``camera`` photograph, through a :term:`ReLU` and through a
:term:`step function`. The orange box is a patch of grass.
"""

import numpy as np

from convdemo import conv2d, named_kernel, relu, step
from convdemo.data import sample_image
from convdemo.plotting import describe_map, plot_curves, plot_feature_maps

photo = sample_image("camera")
edges = conv2d(
    photo, named_kernel("sobel_x")
)  # no padding: no false edges at the frame
maps = {"ReLU(Sobel x): how much": relu(edges), "step(Sobel x): whether": step(edges)}

CROP = np.s_[320:480, 256:416]  # the tripod on grass
GRASS = np.s_[336:400, 368:416]  # grass only, no tripod
TRIPOD = np.s_[340:470, 280:306]  # the tripod's central column
grass_box = (16, 112, 64, 48)  # GRASS inside CROP: top, left, height, width

crops = {name: feature_map[CROP] for name, feature_map in maps.items()}
relu_crop, step_crop = crops.values()
fig = plot_feature_maps(
    crops,
    title="ReLU keeps the edge strength; the step makes grass and tripod equal",
    label={"step(Sobel x): whether": "found (1) or not (0)"},
    boxes=[grass_box],
    alt=(
        f"Two maps of the tripod on grass. After ReLU, {describe_map(relu_crop)} "
        f"The tripod's legs are bright and the grass dark. After the step, "
        f"{describe_map(step_crop)} Legs and grass are the same yellow."
    ),
)

# %%
# The strongest response on the tripod's column against the strongest in the grass:

strongest = {
    name: (feature_map[TRIPOD].max(), feature_map[GRASS].max())
    for name, feature_map in maps.items()
}
for name, (tripod, grass) in strongest.items():
    print(
        f"{name:>24}: tripod {tripod:.2f}, grass {grass:.2f}, "
        f"ratio {tripod / grass:.1f}"
    )

# %%
# The same along one row of pixels: row 440 crosses the tripod's two legs and its
# column, with grass between them.

ROW = 440
columns = np.arange(CROP[1].start, CROP[1].stop)
on_row = {name: feature_map[ROW, CROP[1]] for name, feature_map in maps.items()}
peak = max(on_row["ReLU(Sobel x): how much"])
fig = plot_curves(
    columns,
    on_row,
    xlabel=f"column (pixels) along row {ROW}",
    ylabel="response",
    title="Along one row: ReLU keeps the peaks, the step flattens them",
    integer_x=True,
    marks=False,
    steps=True,
    alt=(
        f"Two curves along row {ROW}. The ReLU curve has tall spikes, up to "
        f"{peak:.1f}, at the tripod's legs and low wiggles over the grass; the step "
        "curve is exactly one at every spike and every wiggle alike."
    ),
)

# %%
# A feature map is a measurement. The next layer adds these measurements up
# (:ref:`gallery-channels`), so what each one says matters: see
# :doc:`plot_second_layer_reads_how_much`.

# sphinx_gallery_thumbnail_number = 2
