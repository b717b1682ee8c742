"""
The effective receptive field is Gaussian and grows like the square root of depth
=================================================================================

n stacked 3x3 convolutions *can* see :math:`2n + 1` pixels (see
:doc:`plot_receptive_fields_grow`). But they do not look at those pixels
equally. A pixel near the centre reaches the output unit along many paths
through the stack; a pixel in a corner of the field along the fewest.
:cite:t:`luo2016understanding` measured this *effective* receptive field: the
gradient of one output unit with respect to every input pixel.

**Finding:** the gradient map is a bell curve. With all-ones kernels it is the
n-fold convolution of a 3x3 box, whose variance per axis is exactly
:math:`n (k^2 - 1) / 12 = 2n/3`. With random weights it is still Gaussian-like,
and its width (standard deviation) grows like :math:`\\sqrt{n}` while the
receptive field grows like :math:`n`. After 16 layers the field is 33 pixels
wide, the bell curve's width only 3.3: a tenth of it.
"""

# %%
# All-ones kernels: the n-fold convolution of a box
# -------------------------------------------------
# We build stacks of n layers of "3x3 convolution, :term:`ReLU`" (no ReLU after
# the last one) with 4 channels in the hidden layers, and measure the gradient of
# the centre output unit with :func:`~convdemo.empirical_receptive_field` on a
# 35x35 input: wide enough for the 33-pixel field of 16 layers.
#
# Scaled to sum to 1, the map is a probability distribution over pixels. With
# all-ones weights every path counts the same, so along one axis it is the
# distribution of a sum of n independent steps of -1, 0 or +1, each with variance
# :math:`(k^2 - 1)/12 = 2/3`. Variances of independent steps add up.
import itertools

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from convdemo import Conv2d, ReLU, Stack, empirical_receptive_field, receptive_field
from convdemo.plotting import set_alt_text

SIDE = 35  # input size: fits the 33-pixel receptive field of 16 layers
CHANNELS = 4  # hidden channels
DEPTHS = np.arange(1, 17)
K = 3


def conv_stack(weights):
    """Conv2d layers with a ReLU between each two (none after the last)."""
    layers = []
    for index, weight in enumerate(weights):
        if index:
            layers.append(ReLU())
        layers.append(Conv2d(weight))
    return Stack(layers)


def weight_shapes(n, k=K):
    """1 input channel -> CHANNELS -> ... -> CHANNELS -> 1 output channel."""
    channels = [1] + [CHANNELS] * (n - 1) + [1]
    return [(c_out, c_in, k, k) for c_in, c_out in itertools.pairwise(channels)]


def axis_moments(grad_map):
    """Mean and variance of the map's row coordinate, the map scaled to sum 1."""
    profile = grad_map.sum(axis=1) / grad_map.sum()
    rows = np.arange(profile.size)
    mean = (rows * profile).sum()
    return mean, ((rows - mean) ** 2 * profile).sum()


print(" n | variance per axis: measured   n(k^2-1)/12")
uniform_maps, uniform_var = {}, []
for n in DEPTHS:
    stack = conv_stack([np.ones(shape) for shape in weight_shapes(n)])
    grad = empirical_receptive_field(stack, (1, SIDE, SIDE))
    uniform_maps[n] = grad
    _, variance = axis_moments(grad)
    uniform_var.append(variance)
    print(f"{n:2d} | {variance:27.12f} {n * (K**2 - 1) / 12:13.12f}")
uniform_var = np.array(uniform_var)
formula = DEPTHS * (K**2 - 1) / 12
print(f"largest difference: {np.abs(uniform_var - formula).max():.1e}")

# %%
# The same holds for 5x5 kernels, whose steps run from -2 to +2 with variance
# :math:`(5^2 - 1)/12 = 2`:
variance_5x5 = {}
for n in (1, 4, 8):
    stack = conv_stack([np.ones(shape) for shape in weight_shapes(n, k=5)])
    _, variance = axis_moments(
        empirical_receptive_field(stack, (1, SIDE + 32, SIDE + 32))
    )
    variance_5x5[n] = variance
    print(f"5x5, n = {n}: measured {variance:.12f}, formula {n * (5**2 - 1) / 12:.12f}")

# %%
# Random weights
# --------------
# Trained networks do not have all-ones kernels. Following
# :cite:t:`luo2016understanding`, we draw random weights and average the map
# over many draws (each map scaled to sum 1 first, so every draw counts the
# same):
#
# * **random positive** weights, uniform on [0, 1], input of ones (8 draws per
#   depth);
# * **random sign** weights, normal with mean 0, on a random normal input, so
#   that about half of the ReLUs are off (32 draws per depth). The gradient is
#   positive on some draws and negative on others; its average is 0 and says
#   nothing. We average its square, the gradient's variance, as Luo et al. do.
#   Rarely the ReLUs block every path to the output unit and the map is all
#   zeros; such a draw is left out.


def random_weight_map(n, kind, draws):
    """Average of the gradient maps (each scaled to sum 1) over random draws."""
    total, used = np.zeros((SIDE, SIDE)), 0
    for draw in range(draws):
        rng = np.random.default_rng([n, draw])
        if kind == "random positive":
            weights = [rng.uniform(0.0, 1.0, shape) for shape in weight_shapes(n)]
            x = np.ones((1, SIDE, SIDE))
            grad = empirical_receptive_field(conv_stack(weights), x.shape, x=x)
        else:
            weights = [rng.normal(0.0, 1.0, shape) for shape in weight_shapes(n)]
            x = rng.normal(size=(1, SIDE, SIDE))
            grad = empirical_receptive_field(conv_stack(weights), x.shape, x=x) ** 2
        if (
            grad.sum() > 0
        ):  # all zero when the ReLUs block every path: nothing to average
            total += grad / grad.sum()
            used += 1
    return total / used, draws - used


KINDS = {"all ones": None, "random positive": 8, "random sign, ReLU": 32}
maps = {"all ones": uniform_maps}
for kind, draws in KINDS.items():
    if draws is not None:
        maps[kind], blocked = {}, 0
        for n in DEPTHS:
            maps[kind][n], dead = random_weight_map(n, kind, draws)
            blocked += dead
        print(
            f"{kind}: {draws} draws per depth, {blocked} of {draws * len(DEPTHS)} blocked"
        )
widths = {
    kind: np.sqrt([axis_moments(maps[kind][n])[1] for n in DEPTHS]) for kind in KINDS
}
fields = np.array(
    [
        receptive_field(conv_stack([np.ones(s) for s in weight_shapes(n)]))[-1].size[0]
        for n in DEPTHS
    ]
)

# %%
# After 16 layers
# ---------------
# Here are the three maps for n = 16, each over the 33x33 box of its receptive
# field (red). The gradient piles up in the middle: the outer rings of the
# box, which the receptive field counts, hardly matter.
n = 16
fig, axes = plt.subplots(1, 3, figsize=(10, 3.6), layout="constrained")
for ax, kind in zip(axes, KINDS, strict=True):
    grad = maps[kind][n]
    image = ax.imshow(grad / grad.max(), cmap="viridis", vmin=0, vmax=1)
    start = (SIDE - fields[n - 1]) / 2 - 0.5
    ax.add_patch(
        Rectangle(
            (start, start), fields[n - 1], fields[n - 1], fill=False, ec="#d55e00", lw=2
        )
    )
    ax.set_title(
        f"{kind}\nwidth {widths[kind][n - 1]:.2f} px, field {fields[n - 1]} px"
    )
    ax.set_xlabel("input column")
    ax.set_ylabel("input row")
fig.colorbar(
    image, ax=axes, shrink=0.8, label="gradient (squared for random sign) / maximum"
)
set_alt_text(
    fig,
    "Three gradient maps of the centre unit after 16 stacked 3 by 3 convolutions: all-ones, "
    "random positive and random-sign weights. Each is a round bright blob in the middle of "
    "a 35 by 35 input, a few pixels across, far smaller than the red 33 by 33 box of the "
    "receptive field, and dark over most of the box.",
)
plt.show()

for kind in KINDS:
    print(f"{kind:>17}: width {widths[kind][n - 1]:.2f} px, field {fields[n - 1]} px")

# %%
# A bell curve
# ------------
# Summing each map over its columns gives its profile along the rows. Next to it,
# the Gaussian with the same mean and variance. The central limit theorem is at
# work: each layer adds an independent small step to where a path starts.


def gaussian_gap(grad_map):
    """Profile, matched Gaussian, and largest gap between them as a share of the peak."""
    profile = grad_map.sum(axis=1) / grad_map.sum()
    mean, variance = axis_moments(grad_map)
    rows = np.arange(profile.size)
    gaussian = np.exp(-((rows - mean) ** 2) / (2 * variance)) / np.sqrt(
        2 * np.pi * variance
    )
    return profile, gaussian, np.abs(profile - gaussian).max() / profile.max()


fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), layout="constrained", sharey=True)
gaps = {}
for ax, kind in zip(axes, KINDS, strict=True):
    profile, gaussian, gaps[kind] = gaussian_gap(maps[kind][n])
    rows = np.arange(SIDE)
    ax.bar(rows, profile, width=0.9, color="#56b4e9", label="measured profile")
    ax.plot(rows, gaussian, "-", color="black", lw=1.5, label="Gaussian, same variance")
    ax.axvspan(
        -0.5 + 1, SIDE - 1.5, color="#d55e00", alpha=0.12, lw=0, label="receptive field"
    )
    ax.set_title(f"{kind}, n = {n}")
    ax.set_xlabel("input row")
    ax.set_xlim(-0.5, SIDE - 0.5)
axes[0].set_ylabel("share of the gradient")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
set_alt_text(
    fig,
    "Row profiles of the three maps after 16 layers as blue bars, with a black Gaussian "
    "curve of the same mean and variance over each. The bars follow the curves closely; "
    "they are near zero over most of the shaded 33-pixel receptive field.",
)
plt.show()

for kind in KINDS:
    print(
        f"{kind:>17}: largest gap to the Gaussian {100 * gaps[kind]:.1f}% of the peak"
    )

# %%
# Width grows like the square root of depth
# -----------------------------------------
# On log-log axes a power law is a straight line whose slope is its exponent. The
# receptive field climbs with slope 1 (for large n: :math:`2n + 1`); the widths
# climb with slope 1/2. We fit the slope of :math:`\log(\text{width})` against
# :math:`\log n` over n = 1 to 16.
slopes = {
    kind: np.polyfit(np.log(DEPTHS), np.log(widths[kind]), 1)[0] for kind in KINDS
}
field_slope = np.polyfit(np.log(DEPTHS), np.log(fields), 1)[0]

fig, ax = plt.subplots(figsize=(6.4, 4.4), layout="constrained")
ax.loglog(DEPTHS, fields, "-", color="#d55e00", lw=2, label="receptive field 2n + 1")
markers = {"all ones": "o", "random positive": "s", "random sign, ReLU": "^"}
colours = dict(zip(KINDS, ["#0072b2", "#009e73", "#cc79a7"], strict=True))  # Okabe-Ito
for kind in KINDS:
    ax.loglog(
        DEPTHS,
        widths[kind],
        markers[kind],
        color=colours[kind],
        fillstyle="none",
        markersize=7,
        label=f"width, {kind} (slope {slopes[kind]:.2f})",
    )
ax.loglog(DEPTHS, np.sqrt(DEPTHS * 2 / 3), "--", color="grey", label=r"$\sqrt{2n/3}$")
ax.set_xlabel("number of layers n")
ax.set_ylabel("pixels")
ax.set_xticks([1, 2, 4, 8, 16], ["1", "2", "4", "8", "16"])
ax.set_yticks([0.5, 1, 2, 4, 8, 16, 32], ["0.5", "1", "2", "4", "8", "16", "32"])
ax.minorticks_off()
ax.set_title("Receptive field against effective width")
ax.legend(fontsize="small")
ax.grid(alpha=0.3, which="both")
set_alt_text(
    fig,
    "Log-log plot against the number of layers, 1 to 16. The receptive field line rises "
    "from 3 to 33 pixels. The widths of the three gradient maps rise from 0.8 to about "
    "3.3 pixels along a dashed square-root line, with half the slope.",
)
plt.show()

print(" n | field | width: all ones  random positive  random sign | width / field")
for i in (0, 3, 7, 15):
    row = [widths[kind][i] for kind in KINDS]
    print(
        f"{DEPTHS[i]:2d} | {fields[i]:5d} | {row[0]:15.3f} {row[1]:16.3f} {row[2]:12.3f}"
        f" | {row[0] / fields[i]:.3f}"
    )
print("all widths, n = 1..16:")
for kind in KINDS:
    print(f"{kind:>17}:", np.array2string(widths[kind], precision=2, max_line_width=90))
print("fitted slopes of log(width) against log(n):")
for kind in KINDS:
    print(f"{kind:>17}: {slopes[kind]:.3f}")
print(f"receptive field 2n + 1: {field_slope:.3f} (tends to 1 as n grows)")

# %%
# So depth buys reach more slowly than the receptive field suggests: to double
# the effective width a network needs four times the layers. This is one reason
# networks also use stride and pooling, which multiply the growth (see
# :doc:`plot_receptive_fields_grow`). Training changes the weights, and
# :cite:t:`luo2016understanding` found that it widens the effective receptive
# field, but it stays Gaussian-like and smaller than the theoretical one.

# sphinx_gallery_thumbnail_number = 1
