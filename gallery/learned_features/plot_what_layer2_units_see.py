"""
What layer-2 units see: four of them want horizontal edges, four want vertical ones
===================================================================================

:ref:`sphx_glr_auto_examples_learned_features_plot_feature_maps_layer_by_layer.py`
found two teams among the eight layer-2 channels of the trained cars-and-pedestrians
network. Here we ask each unit directly what it responds to, with three tools
from :cite:t:`zeiler2014visualizing` and :cite:t:`olah2017feature`:

* the **image patches that excite it most** (:func:`~convdemo.top_activating_patches`),
* an image **built to excite it** by gradient ascent (:func:`~convdemo.activation_maximisation`),
* **occlusion**: how much the class score drops when a part of the image is hidden
  (:func:`~convdemo.occlusion_sensitivity`).

To turn "looks horizontal" into a number we measure, in an image or patch, the
**horizontal-edge energy** (the summed absolute ``sobel_y`` response) divided by
the **vertical-edge energy** (the summed absolute ``sobel_x`` response): above 1
means mostly horizontal edges, below 1 mostly vertical ones.

**Finding:** for units 1, 2, 4 and 6 the ratio is 1.97 to 2.64 in their
favourite patches and 2.98 to 4.19 in the images built for them; for units 0, 3,
5 and 7 it is 0.22 to 0.26 and 0.37 to 0.41. Each unit sees a 10x10-pixel patch, and the
middle of that patch counts most.
"""

# %%
# The favourite patches of each unit
# ----------------------------------
# A layer-2 unit (after its ReLU, layer index 4) sees a 10x10 patch of the
# image: its :term:`receptive field`. Over all 400 test images and all 64
# positions, we keep the 8 patches where the unit's response is largest.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from convdemo import (
    CAR_PEDESTRIAN_CLASSES,
    Stack,
    activation_maximisation,
    conv2d,
    empirical_receptive_field,
    named_kernel,
    occlusion_sensitivity,
    receptive_field,
    top_activating_patches,
    trained_tiny_cnn,
)
from convdemo.plotting import set_alt_text, show_feature_map, show_image

example = trained_tiny_cnn("cars_and_pedestrians")
network = example.network
x_test, y_test = example.test_images, example.test_labels
LAYER = 4  # the ReLU after the second convolution
prefix = Stack(network.layers[: LAYER + 1])
field = receptive_field(prefix)[-1]
print(f"layer {LAYER} = {network[LAYER].name} after {network[3].name}")
print(f"receptive field {field.size}, jump {field.jump}, first centre {field.start}")


def horizontal_over_vertical(images):
    """Summed |sobel_y| over summed |sobel_x|, for (N, 1, H, W) images."""
    horizontal = np.abs(conv2d(images, named_kernel("sobel_y")[None, None])).sum()
    vertical = np.abs(conv2d(images, named_kernel("sobel_x")[None, None])).sum()
    return horizontal / vertical


HORIZONTAL = [1, 2, 4, 6]
top = {c: top_activating_patches(network, x_test, LAYER, c, k=8) for c in range(8)}
patch_ratio = {c: horizontal_over_vertical(top[c].patches) for c in range(8)}
print("unit | top response | H/V in top patches | classes of the images they come from")
for c in range(8):
    sources = [CAR_PEDESTRIAN_CLASSES[y_test[n]] for n in top[c].locations[:, 0]]
    counts = {name: sources.count(name) for name in CAR_PEDESTRIAN_CLASSES}
    print(f"{c:4d} | {top[c].values[0]:12.2f} | {patch_ratio[c]:18.2f} | {counts}")

# One mosaic: row c holds unit c's patches, best first, with a one-pixel gap.
size = field.size[0]
mosaic = np.full((8 * (size + 1) - 1, 8 * (size + 1) - 1), np.nan)
for c in range(8):
    for k in range(8):
        r0, c0 = c * (size + 1), k * (size + 1)
        mosaic[r0 : r0 + size, c0 : c0 + size] = top[c].patches[k, 0]
gray = plt.get_cmap("gray").with_extremes(bad="white")
fig, ax = plt.subplots(figsize=(7, 6), layout="constrained")
artist = ax.imshow(mosaic, cmap=gray, vmin=0, vmax=1, interpolation="nearest")
centres = np.arange(8) * (size + 1) + (size - 1) / 2
ax.set_yticks(centres, [f"unit {c}, H/V {patch_ratio[c]:.2f}" for c in range(8)])
for c, tick in enumerate(ax.get_yticklabels()):
    tick.set_color("#d55e00" if c in HORIZONTAL else "#0072b2")
ax.set_xticks(centres, [f"#{k + 1}" for k in range(8)])
ax.set_xlabel("rank of the patch (1 = strongest response)")
ax.tick_params(length=0)
for spine in ax.spines.values():
    spine.set_visible(False)
ax.set_title("The 8 test patches (10x10 pixels) that excite each layer-2 unit most")
fig.colorbar(artist, ax=ax, label="pixel value", shrink=0.6)
set_alt_text(
    fig,
    "A grid of 64 small gray patches, one row per layer-2 unit, best first. Rows 1, 2, 4 "
    "and 6 show horizontal edges of car bodies: dark above bright or bright above dark. "
    "Rows 0, 3 and 7 show a dark vertical bar, row 5 a bright one: pedestrian bodies.",
)
plt.show()

# %%
# Every one of the 8 favourite patches of units 1, 2, 4 and 6 comes from a car
# and has about two to three times more horizontal than vertical edge energy;
# every favourite patch of units 0, 3, 5 and 7 comes from a pedestrian and has
# about four times more vertical than horizontal edge energy.
#
# Images built to excite each unit
# --------------------------------
# Top patches can only show what the test set contains. Activation maximisation
# starts from faint noise and changes the pixels, step by step, in the
# direction that raises the unit's response (with a little blur and shrinkage
# so the image stays smooth).
#
# One catch: we maximise the unit's input (layer index 3, before its ReLU). At
# the ReLU's output the "horizontal" units are exactly 0 on the faint starting
# noise, so their gradient is 0 and there is nothing to climb;
# :func:`~convdemo.activation_maximisation` says so instead of returning noise:
try:
    activation_maximisation(network, LAYER, 1, (1, 24, 24), steps=20, seed=0)
except ValueError as error:
    print("at the ReLU output:", error)

built = np.stack(
    [activation_maximisation(network, 3, c, (1, 24, 24), seed=0) for c in range(8)]
)
built_ratio = {c: horizontal_over_vertical(built[c : c + 1]) for c in range(8)}
built_response = network.trace(built)[LAYER]
for c in range(8):
    print(
        f"unit {c}: H/V of the built image {built_ratio[c]:.2f}, "
        f"mean response {built_response[c, c].mean():.2f} (best test patch {top[c].values[0]:.2f})"
    )

fig, axes = plt.subplots(2, 4, figsize=(9, 4.6), layout="constrained")
for c, ax in enumerate(axes.ravel()):
    artist = ax.imshow(
        built[c, 0], cmap="gray", vmin=-1, vmax=1, interpolation="nearest"
    )
    colour = "#d55e00" if c in HORIZONTAL else "#0072b2"
    ax.set_title(f"unit {c}: H/V {built_ratio[c]:.2f}", color=colour, fontsize=10)
    ax.set(xticks=[], yticks=[])
fig.colorbar(artist, ax=axes, label="pixel value (built image)", shrink=0.8)
set_alt_text(
    fig,
    "Eight 24 by 24 gray images, each built to excite one layer-2 unit. The images for "
    "units 1, 2, 4 and 6 are filled with horizontal stripes of bright and dark; those for "
    "units 0, 3, 5 and 7 with vertical and steeply slanted stripes.",
)
plt.show()

# %%
# The built images repeat the unit's favourite pattern all over the image,
# because the unit's response is averaged over every position. They agree with
# the patches: horizontal stripes for units 1, 2, 4 and 6, vertical stripes for
# units 0, 3, 5 and 7.
#
# What the class scores depend on: occlusion
# ------------------------------------------
# Now from the output end. Slide a 4x4 grey square over the image (step 2) and
# record how much the class score drops: large drops mark the pixels the
# network relies on. We outline the object (pixels whose 3x3-blurred value
# differs from the image's median by more than 0.15) to compare.
picks = {"car": 3, "pedestrian": 0}
occlusion = {}  # per picked image: class score, score drops, object mask
fig, axes = plt.subplots(2, 2, figsize=(7.5, 6.6), layout="constrained")
for row, (name, index) in enumerate(picks.items()):
    label = CAR_PEDESTRIAN_CLASSES.index(name)
    image = x_test[index]
    drop = occlusion_sensitivity(network, image, label, patch=4, stride=2)
    smooth = conv2d(image[0], named_kernel("gaussian_blur"))  # valid: 22x22
    on_object = np.zeros(image.shape[1:], dtype=bool)
    on_object[1:-1, 1:-1] = np.abs(smooth - np.median(image)) > 0.15
    score = network.forward(image[None])[0, label]
    peak = np.unravel_index(drop.argmax(), drop.shape)
    occlusion[name] = (score, drop, on_object)
    print(
        f"{name}: score {score:.2f}; largest drop {drop.max():.2f} at {tuple(map(int, peak))} "
        f"(on the object: {bool(on_object[peak])}); mean drop on the object "
        f"{drop[on_object].mean():.2f}, elsewhere {drop[~on_object].mean():.2f}"
    )
    show_image(axes[row, 0], image[0], title=f"test image {index}: {name}")
    show_feature_map(
        axes[row, 1],
        drop,
        signed=True,
        title=f"drop of the {name} score",
        label="score drop",
    )
    for ax in axes[row]:
        ax.contour(on_object, levels=[0.5], colors="#e69f00", linewidths=1.2)
set_alt_text(
    fig,
    "The car and the pedestrian with their objects outlined in orange, and their occlusion "
    "maps on a red-blue scale. Hiding the car's body drops the car score most, up to 2.1; "
    "hiding the pedestrian's upper body drops the pedestrian score most, up to 0.9. Hiding "
    "the background changes little.",
)
plt.show()

# %%
# How far does a unit really look? The effective receptive field
# ----------------------------------------------------------------
# The analytic receptive field of a layer-2 unit is 10x10 pixels. Do all 100
# pixels matter equally? :func:`~convdemo.empirical_receptive_field` measures
# how much the unit's response changes with each input pixel (the gradient).
# With its default input (all ones) the "horizontal" units are silent, so we
# take the gradient at 100 real test images and average it, for the unit at
# position (3, 3) of each channel :cite:p:`luo2016understanding`.
unit_position = (3, 3)
centre = [field.start[a] + field.jump[a] * unit_position[a] for a in range(2)]
box = [round(centre[a] - (field.size[a] - 1) / 2) for a in range(2)]  # top-left pixel
print("analytic field of unit (3, 3): rows", box[0], "to", box[0] + field.size[0] - 1)
averaged = np.array(
    [
        np.mean(
            [
                empirical_receptive_field(
                    prefix, (1, 24, 24), (c, *unit_position), x=x_test[i]
                )
                for i in range(100)
            ],
            axis=0,
        )
        for c in range(8)
    ]
)
inside = averaged[:, box[0] : box[0] + 10, box[1] : box[1] + 10]
core = inside[:, 2:8, 2:8]
print(
    "unit | gradient inside the 10x10 field | share of the central 6x6 (36% of the area)"
)
shares = []
for c in range(8):
    share = core[c].sum() / inside[c].sum()
    shares.append(share)
    print(f"{c:4d} | {inside[c].sum() / averaged[c].sum():31.1%} | {share:.1%}")

fig, axes = plt.subplots(2, 4, figsize=(9.5, 4.4), layout="constrained")
for c, ax in enumerate(axes.ravel()):
    lo, hi = box[0] - 3, box[0] + 13  # a 16x16 crop around the field (same for columns)
    artist = ax.imshow(
        averaged[c, lo:hi, lo:hi],
        cmap="viridis",
        vmin=0,
        vmax=averaged.max(),
        extent=(lo - 0.5, hi - 0.5, hi - 0.5, lo - 0.5),
    )
    ax.add_patch(
        Rectangle(
            (box[1] - 0.5, box[0] - 0.5),
            10,
            10,
            fill=False,
            edgecolor="#e69f00",
            lw=1.5,
        )
    )
    ax.set_title(f"unit {c}", fontsize=10)
    ax.set(
        xticks=[lo, box[0], box[0] + 9, hi - 1], yticks=[lo, box[0], box[0] + 9, hi - 1]
    )
for ax in axes[1]:
    ax.set_xlabel("column")
for ax in axes[:, 0]:
    ax.set_ylabel("row")
fig.colorbar(artist, ax=axes, label="mean |gradient| over 100 images", shrink=0.8)
set_alt_text(
    fig,
    "Eight maps of the averaged gradient of each layer-2 unit at position (3, 3), cropped "
    "to rows and columns 3 to 18, with the analytic 10 by 10 receptive field (pixels 6 to "
    "15) outlined in orange. All the gradient lies inside the box, brightest in its middle "
    "and fading towards its edges; units 2 and 4 show horizontal bands, units 0, 3 and 5 "
    "vertical ones.",
)
plt.show()

# %%
# All of the gradient lies inside the analytic 10x10 box, as it must, and about
# half of it (48% to 57%) in the central 6x6 pixels, which are only 36% of the box: the
# *effective* receptive field is smaller than the analytic one, because there
# are many more paths through the network to a central pixel than to a corner.
#
# So a layer-2 unit of this small network is an oriented-edge detector, one
# level up: it looks at a 10x10 patch, mostly its middle, and fires when the
# layer-1 edge maps say "horizontal" (or "vertical") there. The network's
# answer, car or pedestrian, is a vote among eight such units.

# sphinx_gallery_thumbnail_number = 1
