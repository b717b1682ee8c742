"""
Three 3x3 layers see as far as one 7x7 layer, with fewer weights
================================================================

Why do most networks stack small 3x3 kernels instead of using large ones? A
stack of three 3x3 convolutions has the same 7x7 :term:`receptive field` as a
single 7x7 convolution. It costs fewer weights, and it has three
:term:`activation` functions where the single layer has one.

**Finding:** both see 7x7 pixels. With :math:`C` channels in and out of every
layer, the stack holds :math:`3 \\times 9 C^2 = 27 C^2` weights, the single
layer :math:`49 C^2`: 45% fewer. And the stack does not weigh its field evenly:
with all-ones kernels the centre pixel counts 49 times as much as a corner
pixel, where the 7x7 layer weighs all 49 pixels the same.
"""

# %%
# Same receptive field
# --------------------
# :func:`~convdemo.receptive_field` follows the field through both designs,
# layer by layer: 3, 5, 7 for the stack, 7 at once for the big kernel.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from convdemo import (
    Conv2d,
    ReLU,
    Stack,
    compose_kernels,
    empirical_receptive_field,
    receptive_field,
)
from convdemo.plotting import set_alt_text, show_number_grid

BOX_COLOUR = "#d55e00"  # Okabe-Ito vermillion: visible on every viridis shade


def small_stack(channels=1, rng=None):
    """Three (3x3 convolution, ReLU) layers; all-ones weights unless rng is given."""
    layers = []
    for _ in range(3):
        shape = (channels, channels, 3, 3)
        weight = np.ones(shape) if rng is None else rng.normal(0, 1 / 3, shape)
        layers += [Conv2d(weight), ReLU()]
    return Stack(layers)


def big_layer(channels=1, rng=None):
    """One (7x7 convolution, ReLU) layer; all-ones weights unless rng is given."""
    shape = (channels, channels, 7, 7)
    weight = np.ones(shape) if rng is None else rng.normal(0, 1 / 7, shape)
    return Stack([Conv2d(weight), ReLU()])


designs = {"3 x (3x3 conv)": small_stack(), "1 x (7x7 conv)": big_layer()}
field_sizes = {}
for label, stack in designs.items():
    sizes = [f.size[0] for f in receptive_field(stack) if f.name.startswith("Conv2d")]
    field_sizes[label] = sizes
    print(f"{label}: receptive field after each convolution {sizes}")

# %%
# Fewer weights
# -------------
# A convolution from :math:`C` channels to :math:`C` channels with a
# :math:`k \times k` kernel has a weight array of shape :math:`(C, C, k, k)`. We
# build both designs with random weights for a few channel counts and count the
# numbers in their weight arrays.
rng = np.random.default_rng(0)
print("   C | 3 x (3x3) weights | 1 x (7x7) weights | ratio | ReLUs: stack, single")
counts = {}
for channels in (1, 16, 64):
    stack, single = small_stack(channels, rng), big_layer(channels, rng)
    n_stack = sum(layer.weight.size for layer in stack if isinstance(layer, Conv2d))
    n_single = sum(layer.weight.size for layer in single if isinstance(layer, Conv2d))
    relus = [sum(isinstance(layer, ReLU) for layer in s) for s in (stack, single)]
    counts[channels] = (n_stack, n_single)
    print(
        f"{channels:4d} | {n_stack:17,d} | {n_single:17,d} | {n_stack / n_single:.3f} |"
        f" {relus[0]}, {relus[1]}"
    )
print(f"27 / 49 = {27 / 49:.3f}")

# %%
# Each 3x3 layer has :math:`9 C^2` weights, so three of them have
# :math:`27 C^2`, against :math:`49 C^2` for one 7x7 layer. The saving grows
# with the kernel: five 3x3 layers (:math:`45 C^2`) see as far as one 11x11 layer
# (:math:`121 C^2`). The biases add only :math:`3C` against :math:`C`.
#
# The stack also has three ReLUs where the single layer has one: three chances
# to keep a response and drop another, which is what lets a stack detect patterns
# no single filter can (see
# :doc:`../nonlinearity/plot_depth_without_nonlinearity`).
#
# How the two weigh their field
# -----------------------------
# With all weights equal to 1, we measure the gradient of the centre output unit
# with :func:`~convdemo.empirical_receptive_field` on an 11x11 input of ones,
# and print the central 9x9 pixels: the 7x7 field and a ring of zeros around it.
shape = (1, 11, 11)  # one input channel
crop = slice(1, 10)
maps = {label: empirical_receptive_field(stack, shape) for label, stack in designs.items()}
fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), layout="constrained")
for ax, (label, grad) in zip(axes, maps.items(), strict=True):
    image = show_number_grid(
        ax,
        grad[crop, crop],
        fmt="{:.0f}",
        fontsize=9,
        title=f"{label}\n|gradient| of the centre unit",
        xlabel="input column",
        ylabel="input row",
        origin=(crop.start, crop.start),
    )
    ax.add_patch(
        Rectangle((0.5, 0.5), 7, 7, fill=False, edgecolor=BOX_COLOUR, linewidth=3, zorder=5)
    )
    fig.colorbar(image, ax=ax, shrink=0.85, label="|gradient|")
set_alt_text(
    fig,
    "Two 9 by 9 grids of numbers, each with the 7 by 7 receptive field outlined in red. "
    "For three stacked 3 by 3 convolutions the numbers rise from 1 in the corners of the "
    "field to 49 in the centre, a bright peak. For one 7 by 7 convolution every number in "
    "the field is 1, a flat square. Both are 0 outside the field.",
)
plt.show()

for label, grad in maps.items():
    # Round first: a backward pass done with the FFT leaves dust of about 1e-16
    # where the exact gradient is 0.
    seen = np.count_nonzero(grad.round(9))
    print(
        f"{label}: {seen} pixels seen, centre {grad[5, 5]:.0f}, corner {grad[2, 2]:.0f},"
        f" middle row {grad[5, 2:9].astype(int).tolist()}"
    )

# %%
# The stack's map is peaked: the centre pixel reaches the output along
# :math:`7 \times 7 = 49` paths through the three layers, a corner pixel along
# one. The 7x7 layer's map is flat: one weight per pixel. (Training could give
# the 7x7 kernel any shape; the stack is centre-weighted by its structure, and
# the :doc:`effective receptive field <plot_effective_receptive_field>` shows the
# same for deeper stacks and random weights.)
#
# Here every ReLU passes its input unchanged (all weights and inputs are
# positive), so the stack acts as one linear 7x7 convolution. Its kernel is what
# :func:`~convdemo.compose_kernels` gives for three 3x3 kernels: the same numbers.
ones = np.ones((3, 3))
composed = compose_kernels(compose_kernels(ones, ones), ones)
stack_map = maps["3 x (3x3 conv)"][2:9, 2:9]
print("composed kernel shape:", composed.shape)
print("largest difference from the measured map:", np.abs(composed - stack_map).max())

# %%
# That is the price of the saving: a 7x7 kernel has 49 free numbers, a stack of
# three linear 3x3 kernels only 27, so not every 7x7 filter is a stack of three
# 3x3 ones. Networks accept the trade, because the ReLUs between the small
# layers give the stack patterns that no single filter, of any size, can
# respond to.

# sphinx_gallery_thumbnail_number = 1
