"""
Receptive fields grow: 2n + 1 pixels for n stacked 3x3 convolutions
===================================================================

A unit of the first layer sees the 3x3 window under its kernel. A unit of the
second layer sees a 3x3 window of the first layer's map, and each of those
numbers saw its own 3x3 window of the image: together a 5x5 patch. Every
further 3x3 layer adds one pixel on each side. The patch a unit depends on is
its :term:`receptive field`.

Two ways to find it must agree:

* **analytic**: :func:`~convdemo.receptive_field` applies the recursion of
  :cite:t:`araujo2019computing` layer by layer: a kernel of :math:`k` taps adds
  :math:`(k - 1)\\,j` pixels, where the *jump* :math:`j` is the product of the
  strides so far;
* **measured**: :func:`~convdemo.empirical_receptive_field` asks the backward
  pass which input pixels change the output unit (its gradient is non-zero there).

**Finding:** n stacked 3x3 convolutions see :math:`2n + 1` pixels and 5x5
ones :math:`4n + 1`: linear growth. A stride, a pooling layer or a dilation
multiplies what every later layer adds, so the field grows much faster. In
every case below the measured map fills exactly the analytic box.
"""

# %%
# Stacking 3x3 convolutions
# -------------------------
# We stack n layers of "3x3 convolution, then :term:`ReLU`" with all weights
# equal to 1, and measure the gradient of the centre output unit with respect to
# a 15x15 input of ones. The red box is where
# :func:`~convdemo.receptive_field` says the unit looks.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from convdemo import (
    AvgPool2d,
    Conv2d,
    MaxPool2d,
    ReLU,
    Stack,
    empirical_receptive_field,
    receptive_field,
)
from convdemo.plotting import set_alt_text

BOX_COLOUR = "#d55e00"  # Okabe-Ito vermillion: visible on every viridis shade


def conv_relu_stack(n, k, **options):
    """n layers of (k x k all-ones convolution, ReLU)."""
    layers = []
    for _ in range(n):
        layers += [Conv2d(np.ones((k, k)), **options), ReLU()]
    return Stack(layers)


def measured_box(grad_map):
    """First row, first column and size (rows, cols) of the non-zero part of a map."""
    # Rounded: a backward pass done with the FFT leaves dust of about 1e-16 of the
    # maximum where the exact gradient is 0.
    nonzero = (grad_map / grad_map.max()).round(9) > 0
    rows = np.flatnonzero(nonzero.any(axis=1))
    cols = np.flatnonzero(nonzero.any(axis=0))
    return (
        int(rows[0]),
        int(cols[0]),
        (int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1)),
    )


def analytic_box(stack, input_shape):
    """First row, first column and size of the centre unit's field, by the recursion."""
    field = receptive_field(stack)[-1]
    out_shape = stack.forward(np.zeros(input_shape)).shape
    first = []
    for axis in range(2):
        unit = (out_shape[axis] - 1) // 2  # the unit empirical_receptive_field picks
        centre = field.start[axis] + unit * field.jump[axis]
        first.append(centre - (field.size[axis] - 1) / 2)
    return first[0], first[1], field.size


def draw_field(ax, grad_map, box, title):
    """The measured map (scaled to its maximum) with the analytic box outlined."""
    image = ax.imshow(grad_map / grad_map.max(), cmap="viridis", vmin=0, vmax=1)
    top, left, (height, width) = box
    ax.add_patch(
        Rectangle(
            (left - 0.5, top - 0.5),
            width,
            height,
            fill=False,
            edgecolor=BOX_COLOUR,
            linewidth=2,
        )
    )
    ax.set_title(title)
    ax.set_xlabel("input column")
    ax.set_ylabel("input row")
    return image


shape = (15, 15)
depths = [1, 2, 3, 4]
fig, axes = plt.subplots(1, 4, figsize=(10, 3.2), layout="constrained")
for ax, n in zip(axes, depths, strict=True):
    stack = conv_relu_stack(n, 3)
    grad = empirical_receptive_field(stack, shape)
    box = analytic_box(stack, shape)
    image = draw_field(
        ax, grad, box, f"{n} x (3x3 conv)\nfield {box[2][0]}x{box[2][1]}"
    )
fig.colorbar(image, ax=axes, shrink=0.8, label="|gradient| / its maximum")
set_alt_text(
    fig,
    "Four gradient maps on a 15 by 15 input for 1, 2, 3 and 4 stacked 3 by 3 convolutions. "
    "The bright square in the centre grows from 3 by 3 to 5, 7 and 9 pixels wide, brightest "
    "in the middle, and each time it fills the red analytic box exactly.",
)
plt.show()

# %%
# The brightness is not uniform: the centre pixel reaches the output along many
# more paths through the stack than a corner pixel does. That matters in
# :doc:`the effective receptive field <plot_effective_receptive_field>`;
# here we only ask *which* pixels are non-zero.
#
# Linear growth: 2n + 1 and 4n + 1
# --------------------------------
# Each 3x3 layer adds 2 pixels, each 5x5 layer adds 4. The table compares the
# analytic size with the measured width, for up to 8 layers.

print(" n | 3x3: 2n+1  analytic  measured | 5x5: 4n+1  analytic  measured")
linear_rows = []
for n in range(1, 9):
    row = [n]
    for k in (3, 5):
        stack = conv_relu_stack(n, k)
        size = (k - 1) * n + 2 * k + 1  # leaves k pixels of margin on each side
        grad = empirical_receptive_field(stack, (size, size))
        analytic = receptive_field(stack)[-1].size[0]
        measured = measured_box(grad)[2][0]
        row += [(k - 1) * n + 1, analytic, measured]
    linear_rows.append(row)
    print("{:2d} | {:9d} {:9d} {:9d} | {:9d} {:9d} {:9d}".format(*row))

# %%
# Stride, pooling and dilation
# ----------------------------
# Keep three 3x3 layers but change one thing:
#
# * **stride 2** in the first layer: the later layers' taps are 2 input pixels
#   apart (the jump is 2), so each of them adds :math:`2 \times 2 = 4` pixels;
# * a **2x2 max pooling** after the first layer: the pool adds 1 pixel and
#   doubles the jump, with the same effect on the layers after it;
# * **dilation** 1, 2 and 4: the taps of layer :math:`l` are :math:`2^{l-1}`
#   pixels apart, so the layers add 2, 4 and 8 pixels.
#
# With max pooling the gradient flows only to the largest pixel of each window.
# On our input of ones every pixel ties for the maximum, and ties share the
# gradient, so the map shows every pixel the unit *could* depend on.
w = np.ones((3, 3))
variants = {
    "3 x 3x3": Stack([Conv2d(w), ReLU(), Conv2d(w), ReLU(), Conv2d(w), ReLU()]),
    "stride 2 first": Stack(
        [Conv2d(w, stride=2), ReLU(), Conv2d(w), ReLU(), Conv2d(w), ReLU()]
    ),
    "2x2 max pool": Stack(
        [Conv2d(w), ReLU(), MaxPool2d(2), Conv2d(w), ReLU(), Conv2d(w), ReLU()]
    ),
    "dilation 1, 2, 4": Stack(
        [
            Conv2d(w),
            ReLU(),
            Conv2d(w, dilation=2),
            ReLU(),
            Conv2d(w, dilation=4),
            ReLU(),
        ]
    ),
}
shape = (23, 23)
fig, axes = plt.subplots(1, 4, figsize=(10, 3.2), layout="constrained")
variant_rows = []
for ax, (label, stack) in zip(axes, variants.items(), strict=True):
    grad = empirical_receptive_field(stack, shape)
    box = analytic_box(stack, shape)
    found = measured_box(grad)
    jump = receptive_field(stack)[-1].jump[0]
    variant_rows.append(
        (label, box[2][0], found[2][0], (box[0], box[1]) == found[:2], jump)
    )
    image = draw_field(ax, grad, box, f"{label}\nfield {box[2][0]}x{box[2][1]}")
fig.colorbar(image, ax=axes, shrink=0.8, label="|gradient| / its maximum")
set_alt_text(
    fig,
    "Gradient maps on a 23 by 23 input for three 3 by 3 convolutions: plain (7 pixels wide), "
    "stride 2 in the first layer (11 wide, with a grid of brighter pixels), a 2 by 2 max "
    "pool after the first layer (12 wide) and dilations 1, 2 and 4 (15 wide, a chequered "
    "pattern with no holes). Each map "
    "fills its red analytic box exactly.",
)
plt.show()

for label, analytic, measured, same_place, jump in variant_rows:
    print(
        f"{label:>16}: analytic {analytic:2d}, measured {measured:2d}, "
        f"same position: {same_place}, final jump {jump}"
    )

# %%
# Average pooling sees the same window as max pooling: the receptive field
# depends only on the layers' window sizes, strides and dilations, never on
# their weights or on the kind of pooling.
avg = Stack([Conv2d(w), ReLU(), AvgPool2d(2), Conv2d(w), ReLU(), Conv2d(w), ReLU()])
avg_measured = measured_box(empirical_receptive_field(avg, shape))[2][0]
print(
    f"2x2 avg pool: analytic {receptive_field(avg)[-1].size[0]}, measured {avg_measured}"
)

# %%
# Faster than linear
# ------------------
# Repeat the pattern and the difference compounds. A pooling layer after every
# convolution, or a dilation that doubles with every layer, makes the field grow
# exponentially: after :math:`n` dilated layers it is :math:`2^{n+1} - 1` pixels
# wide. Lines are the analytic sizes, dots the measured ones.
growth = {
    "3x3 convs (2n + 1)": lambda n: conv_relu_stack(n, 3),
    "5x5 convs (4n + 1)": lambda n: conv_relu_stack(n, 5),
    "3x3 conv + 2x2 max pool": lambda n: Stack(
        [layer for _ in range(n) for layer in (Conv2d(w), ReLU(), MaxPool2d(2))]
    ),
    "3x3, dilation 1, 2, 4, ...": lambda n: Stack(
        [layer for i in range(n) for layer in (Conv2d(w, dilation=2**i), ReLU())]
    ),
}
depths = np.arange(1, 7)
fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
markers = ["o", "s", "^", "D"]
colours = plt.get_cmap("viridis")(np.linspace(0, 0.85, len(growth)))
growth_sizes = {}
for (label, build), marker, colour in zip(
    growth.items(), markers, colours, strict=True
):
    analytic, measured = [], []
    for n in depths:
        stack = build(n)
        size = receptive_field(stack)[-1].size[0]
        side = size + 2 ** (n + 1)  # big enough for one full output unit and a margin
        analytic.append(size)
        measured.append(
            measured_box(empirical_receptive_field(stack, (side, side)))[2][0]
        )
    growth_sizes[label] = (analytic, measured)
    ax.plot(depths, analytic, "-", color=colour)
    ax.plot(depths, measured, marker, color=colour, markersize=6, fillstyle="none")
    ax.plot(
        [], [], "-" + marker, color=colour, fillstyle="none", label=label
    )  # legend entry
ax.set_xlabel("number of layers n (a conv + pool block counts as one)")
ax.set_ylabel("receptive field (pixels)")
ax.set_title("Receptive field of the last layer")
ax.legend(title="analytic (line), measured (dot)")
ax.grid(alpha=0.3)
set_alt_text(
    fig,
    "Receptive field size against the number of layers, 1 to 6. 3 by 3 convolutions grow "
    "in a straight line to 13 pixels and 5 by 5 ones to 25; with a max pool after each "
    "convolution the field curves up to 190 pixels, and with doubling dilation to 127. "
    "Every measured dot lies on its analytic line.",
)
plt.show()

for label, (analytic, measured) in growth_sizes.items():
    print(f"{label:>27}: analytic {analytic}")
    print(f"{'':>27}  measured {measured}")

# %%
# Next: the receptive field says which pixels a unit *can* see. The
# :doc:`effective receptive field <plot_effective_receptive_field>`
# shows how unevenly it weighs them.

# sphinx_gallery_thumbnail_number = 1
