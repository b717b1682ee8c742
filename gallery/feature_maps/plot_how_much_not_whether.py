"""
Binarising a feature map throws away what the next layer needs
==============================================================

It is tempting to read a :term:`feature map` as a list of places where a
feature "was found". It is more than that: every number says *how strongly*
the kernel's pattern is present. Whether the next layer can use that depends
on the :term:`activation` between the layers. A :term:`ReLU` keeps the
positive numbers as they are; a :term:`step function` keeps only "found" (1)
or "not found" (0).

Here one edge kernel, Sobel x, runs over a photograph, and we compare the
map through no activation, ReLU and a step.

**Finding:** the tripod's edge answers 2.5 times more strongly than the
strongest blade of grass nearby. ReLU keeps that difference; the step writes 1
for both. A second layer that adds up four ReLU'd edge maps recovers the edge
strength almost exactly (correlation 0.99 with the true gradient magnitude);
from step maps it gets 0.15, and no threshold brings it above 0.84. Asked for
strong edges only, the second layer marks 0.1% of a grass patch when it reads
ReLU maps, and 99% when it reads step maps.
"""

# %%
# One edge kernel, three activations
# ----------------------------------
# Sobel x is large and positive where the photograph gets brighter from left to
# right, large and negative where it gets darker, and near 0 on flat areas
# (:func:`~convdemo.named_kernel`). We apply it to the whole ``camera``
# photograph with :func:`~convdemo.conv2d` and look at the tripod standing on
# grass. The green box is a patch of grass we will measure. Only windows that fit
# inside the photograph are used (no :term:`padding`): zeros around it would make
# false edges along its frame.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from convdemo import Conv2d, ReLU, Stack, Step, conv2d, named_kernel, relu, step
from convdemo.data import sample_image
from convdemo.plotting import set_alt_text, show_feature_map, show_image

photo = sample_image("camera")
sobel_x, sobel_y = named_kernel("sobel_x"), named_kernel("sobel_y")
raw = conv2d(photo, sobel_x)  # "valid": no made-up zeros, so no false edges at the frame
centred = photo[1:-1, 1:-1]  # the photo pixels the map's windows are centred on

CROP = (slice(320, 480), slice(256, 416))  # the tripod on grass
GRASS = (slice(336, 400), slice(368, 416))  # grass only, no tripod
TRIPOD = (slice(340, 470), slice(280, 306))  # the tripod's central column
GRASS_COLOUR = "#009e73"  # Okabe-Ito green


def grass_box(ax):
    """Outline the grass patch on a panel showing the crop."""
    top, left = GRASS[0].start - CROP[0].start, GRASS[1].start - CROP[1].start
    height, width = GRASS[0].stop - GRASS[0].start, GRASS[1].stop - GRASS[1].start
    ax.add_patch(
        Rectangle((left - 0.5, top - 0.5), width, height, fill=False, ec=GRASS_COLOUR, lw=2)
    )


maps = {"no activation": raw, "ReLU": relu(raw), "step": step(raw)}
fig, axes = plt.subplots(2, 2, figsize=(8.4, 7.4), layout="constrained")
show_image(axes[0, 0], centred[CROP], title="photograph (crop)", xlabel="column", ylabel="row")
show_feature_map(
    axes[0, 1], maps["no activation"][CROP], signed=True, title="Sobel x, no activation"
)
show_feature_map(axes[1, 0], maps["ReLU"][CROP], title="ReLU(Sobel x): how much")
show_feature_map(
    axes[1, 1], maps["step"][CROP], title="step(Sobel x): whether", label="found (1) or not (0)"
)
for ax in axes.flat:
    grass_box(ax)
    ax.set_xticks([])
    ax.set_yticks([])
set_alt_text(
    fig,
    "Four views of the tripod on grass. The Sobel x map is deep red and blue along the "
    "tripod's legs and pale in the grass. After ReLU the legs stay bright yellow and the "
    "grass stays dark. After the step, the legs and about half of the grass are the same "
    "yellow: the tripod no longer stands out.",
)
plt.show()

# %%
# The raw map has thousands of different values; ReLU keeps the positive half
# of them; the step keeps two.

for name, feature_map in maps.items():
    print(f"{name:>13}: {np.unique(feature_map).size:>5} different values")
print(f"fraction of pixels the step calls 'found': {maps['step'].mean():.2f}")

# %%
# Strong edges and weak texture
# -----------------------------
# The tripod's edges and the grass differ in strength, not in kind: both change
# brightness from left to right. ReLU keeps the strength; after the step, a
# blade of grass and the tripod both say 1.

strongest = {
    name: (feature_map[TRIPOD].max(), feature_map[GRASS].max())
    for name, feature_map in maps.items()
}
print("largest response     tripod column   grass patch   ratio")
for name, (tripod, grass) in strongest.items():
    print(f"{name:>16}   {tripod:>13.2f}   {grass:>11.2f}   {tripod / grass:>5.1f}")

# %%
# Along one row of pixels the difference is plain: row 440 of the map crosses
# the left leg, the column and the right leg of the tripod, with grass between
# them (green bands).

ROW = 440
ROW_GRASS = [(300, 358), (375, 416)]  # columns of row 440 where there is only grass
columns = np.arange(CROP[1].start, CROP[1].stop)
fig, axes = plt.subplots(3, 1, figsize=(8, 5.6), layout="constrained", sharex=True)
styles = {"no activation": "#555555", "ReLU": "#0072b2", "step": "#d55e00"}
for ax, (name, feature_map) in zip(axes, maps.items(), strict=True):
    ax.plot(columns, feature_map[ROW, CROP[1]], color=styles[name], lw=1.5)
    ax.axhline(0, color="black", lw=0.6)
    ax.set_ylabel("response")
    ax.set_title(name, loc="left", fontsize=10)
    for first, stop in ROW_GRASS:
        ax.axvspan(first, stop - 1, color=GRASS_COLOUR, alpha=0.15, lw=0)
axes[-1].set_yticks([0, 1])
axes[-1].set_xlabel(f"column (pixels) along row {ROW}; green: grass only")
set_alt_text(
    fig,
    "Three line plots along one row of pixels. Without activation, tall spikes up to "
    "about plus 2.3 and minus 2.8 mark the tripod's legs and column; over the grass the "
    "wiggles stay within about 0.5 of zero. After ReLU the positive spikes and wiggles "
    "keep their heights. After the step every positive value, spike or wiggle, is exactly 1.",
)
plt.show()

on_row = {name: feature_map[ROW] for name, feature_map in maps.items()}
grass_cells = np.concatenate([np.arange(first, stop) for first, stop in ROW_GRASS])
for name in ["ReLU", "step"]:
    print(
        f"{name:>4} along row {ROW}: tripod peak {on_row[name][CROP[1]].max():.2f}, "
        f"grass at most {on_row[name][grass_cells].max():.2f}"
    )

# %%
# How the values are spread
# -------------------------
# The histograms of the whole map tell the same story. Without activation the
# responses are spread on both sides of 0; ReLU sets the negative half to 0 and
# keeps the long tail of strong edges; the step collapses everything into two
# bars.

fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), layout="constrained")
for ax, (name, feature_map) in zip(axes, maps.items(), strict=True):
    if name == "step":  # two values: two bars, on a linear scale
        counts = [int(np.sum(feature_map == 0)), int(np.sum(feature_map == 1))]
        bars = ax.bar([0, 1], counts, width=0.4, color=styles[name])
        ax.bar_label(bars, [f"{count:,}" for count in counts])
        ax.set_xticks([0, 1], ["0\nnot found", "1\nfound"])
        ax.set_ylim(0, 1.15 * max(counts))
        ax.set_ylabel("number of pixels")
    else:
        ax.hist(feature_map.ravel(), bins=120, color=styles[name])
        ax.set_yscale("log")
        ax.set_ylabel("number of pixels (log scale)")
    ax.set_title(name)
    ax.set_xlabel("response")
set_alt_text(
    fig,
    "Three histograms. Without activation the responses run from about minus 3.4 to "
    "plus 3.3, most of them near 0. After ReLU a tall bar sits at 0 and a long tail "
    "reaches 3.3. After the step there are only two bars: 138,082 pixels at 0 and "
    "122,018 at 1.",
)
plt.show()

# %%
# Most of what the step calls "found" is faint: of the pixels it sets to 1, about
# 7 in 10 have a response below 0.1, and 3 in 100 one above 1.

found = raw[raw > 0]
print(f"responses the step sets to 1: {found.size} pixels")
print(f"  below 0.1: {np.mean(found < 0.1):.2f}")
print(f"  above 1:   {np.mean(found > 1):.2f}")
print(f"  largest:   {found.max():.2f}  (all of them become 1)")

# %%
# What a second layer can read
# ----------------------------
# Now a small network. Layer 1 has four channels: Sobel x, minus Sobel x, Sobel y
# and minus Sobel y, so after the activation one channel answers edges getting
# brighter to the right, one to the left, one downwards, one upwards. Layer 2 is a
# 1x1 :class:`~convdemo.Conv2d` with all weights 1: at each pixel it adds up the
# four channels (see :ref:`gallery-channels`). The only difference between the
# two networks is the activation.
#
# With ReLU, ``relu(g) + relu(-g) = |g|``, so layer 2 computes
# ``|sobel_x| + |sobel_y|``: the edge strength. We compare it with the true
# gradient magnitude ``sqrt(sobel_x² + sobel_y²)``.

layer_1 = np.stack([sobel_x, -sobel_x, sobel_y, -sobel_y])[:, None]  # (4, 1, 3, 3)
layer_2 = np.ones((1, 4, 1, 1))  # add up the four channels
networks = {
    "ReLU": Stack([Conv2d(layer_1), ReLU(), Conv2d(layer_2)]),
    "step": Stack([Conv2d(layer_1), Step(), Conv2d(layer_2)]),
}
strength = {name: net.forward(photo[None])[0] for name, net in networks.items()}
true_magnitude = np.hypot(raw, conv2d(photo, sobel_y))

fig, axes = plt.subplots(1, 3, figsize=(10, 3.4), layout="constrained")
show_feature_map(axes[0], true_magnitude[CROP], title="true gradient magnitude", label="magnitude")
show_feature_map(axes[1], strength["ReLU"][CROP], title="layer 2, reading ReLU maps")
show_feature_map(axes[2], strength["step"][CROP], title="layer 2, reading step maps")
for ax in axes:
    grass_box(ax)
    ax.set_xticks([])
    ax.set_yticks([])
set_alt_text(
    fig,
    "Three maps of the tripod on grass. The true gradient magnitude and layer 2 reading "
    "ReLU maps look the same: bright tripod outlines on dark grass. Layer 2 reading step "
    "maps is 2 almost everywhere, grass and tripod alike, with a few pixels at 1.",
)
plt.show()

# %%
# Over all 260,100 pixels of the map (510 x 510):

correlation = {
    name: np.corrcoef(out.ravel(), true_magnitude.ravel())[0, 1] for name, out in strength.items()
}
for name, value in correlation.items():
    print(f"layer 2 reading {name:>4} maps: correlation with the true magnitude {value:.3f}")
values, counts = np.unique(strength["step"], return_counts=True)
print("what layer 2 gets from step maps:")
for value, count in zip(values, counts, strict=True):
    print(f"  {value:.0f} on {count:>6} pixels")

# %%
# Strong edges, not grass
# -----------------------
# Suppose layer 2 should mark only *strong* edges, such as the tripod's outline,
# and ignore grass. A :term:`bias` makes it a threshold: layer 2 subtracts 1 from
# the sum and a step keeps what is left above 0. Reading ReLU maps, it marks the
# tripod and little else. Reading step maps, the sum is 2 on the grass just as
# on the tripod, and no bias can separate them.

detectors = {
    "ReLU": Stack([Conv2d(layer_1), ReLU(), Conv2d(layer_2, bias=[-1.0]), Step()]),
    "step": Stack([Conv2d(layer_1), Step(), Conv2d(layer_2, bias=[-1.0]), Step()]),
}
marked = {name: net.forward(photo[None])[0] for name, net in detectors.items()}

fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.6), layout="constrained")
for ax, name in zip(axes, marked, strict=True):
    show_feature_map(
        ax, marked[name][CROP], title=f"strong edges, from {name} maps", label="marked (1) or not"
    )
    grass_box(ax)
    ax.set_xticks([])
    ax.set_yticks([])
set_alt_text(
    fig,
    "Two maps of what layer 2 marks as strong edges. Reading ReLU maps, it marks the "
    "outlines of the tripod's legs and column in yellow on a dark background. Reading step "
    "maps, almost the whole picture is yellow, grass included.",
)
plt.show()

strong = true_magnitude > 1.0
print(f"grass patch pixels with true magnitude > 1: {strong[GRASS].mean():.3f}")
for name, out in marked.items():
    print(
        f"reading {name:>4} maps: marks {out[GRASS].mean():.3f} of the grass patch, "
        f"{out[strong].mean():.3f} of the strong-edge pixels, {out.mean():.3f} of the photo"
    )

# %%
# No threshold rescues the step
# -----------------------------
# Perhaps the step fired too easily: any response above 0 counted as "found".
# Raising its threshold helps, but only so far, because above the threshold the
# map still says only 1. The best threshold must also be chosen *before* layer 2
# knows what it will be asked.

thresholds = np.round(np.arange(0.0, 2.01, 0.1), 2)
stepped = []
for threshold in thresholds:
    net = Stack([Conv2d(layer_1), Step(threshold), Conv2d(layer_2)])
    out = net.forward(photo[None])[0]
    stepped.append(np.corrcoef(out.ravel(), true_magnitude.ravel())[0, 1])
stepped = np.array(stepped)
best = int(np.argmax(stepped))

fig, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
ax.axhline(correlation["ReLU"], color=styles["ReLU"], lw=2, label="layer 1 with ReLU")
ax.plot(thresholds, stepped, "o-", color=styles["step"], label="layer 1 with step(threshold)")
ax.set_xlabel("step threshold")
ax.set_ylabel("correlation of layer 2\nwith the true magnitude")
ax.set_ylim(0, 1.05)
ax.grid(alpha=0.3)
ax.legend(loc="lower right")
set_alt_text(
    fig,
    "Correlation of layer 2's edge strength with the true gradient magnitude against the "
    "step threshold. The ReLU line is flat at 0.99. The step curve starts at 0.15 at "
    "threshold 0, climbs to a peak of 0.84 at threshold 0.5 and falls again.",
)
plt.show()

for threshold, value in zip(thresholds[::2], stepped[::2], strict=True):
    print(f"step threshold {threshold:.1f}: correlation {value:.3f}")
print(f"best step threshold {thresholds[best]:.1f}: {stepped[best]:.3f}")
print(f"ReLU, no threshold to choose: {correlation['ReLU']:.3f}")
print(
    f"unexplained variance (1 - r²): ReLU {1 - correlation['ReLU'] ** 2:.3f}, "
    f"best step {1 - stepped[best] ** 2:.3f}"
)

# %%
# A feature map is a measurement, not a yes/no list. The next layer adds those
# measurements up over channels and over a window (:ref:`gallery-channels`), so
# how much each one says matters. ReLU passes it on; a step, like an "it was
# found here" reading of the map, throws it away.

# sphinx_gallery_thumbnail_number = 1
