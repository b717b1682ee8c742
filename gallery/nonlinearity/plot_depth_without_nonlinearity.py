"""
Without a non-linearity, depth is an illusion
=============================================

Stack two convolutions with nothing between them and you get... one
convolution. Its kernel is the two kernels convolved with each other, and
:func:`~convdemo.compose_kernels` computes it. Any number of linear layers
collapse the same way: depth adds nothing a single, larger filter could not do.

Put a :term:`ReLU` between the layers and that changes. We build a tiny
two-layer detector for **corners**, a horizontal stroke meeting a vertical one,
drawn bright or dark, and fit the best single linear filter to the same task.

**Finding:** two stacked linear convolutions match one convolution with the
composed kernel to about :math:`10^{-15}`. The ReLU stack separates every corner
from every lone stroke and blank patch; the best linear filter cannot, and the
reason is arithmetic: its response to a dark corner is exactly the opposite of
its response to the bright one.
"""

# %%
# Two linear layers are one layer
# -------------------------------
# Layer 1 finds vertical edges (``sobel_x``), layer 2 horizontal edges
# (``sobel_y``) in layer 1's map. No bias, no activation. The composed kernel is
# 5x5: a 3x3 kernel applied to a map in which every number already saw 3x3
# pixels.
import matplotlib.pyplot as plt
import numpy as np

from convdemo import Conv2d, ReLU, Stack, compose_kernels, conv2d, named_kernel
from convdemo.data import sample_image
from convdemo.plotting import set_alt_text, show_feature_map, show_image, show_kernel

w1, w2 = named_kernel("sobel_x"), named_kernel("sobel_y")
composed = compose_kernels(w1, w2)

fig, axes = plt.subplots(1, 3, figsize=(9, 3.4), layout="constrained")
show_kernel(axes[0], w1, title="layer 1: sobel_x", fmt="{:.0f}")
show_kernel(axes[1], w2, title="layer 2: sobel_y", fmt="{:.0f}")
show_kernel(axes[2], composed, title="composed: one 5x5 kernel", fmt="{:.0f}")
set_alt_text(
    fig,
    "Three kernels on a red-blue scale: the 3 by 3 sobel_x kernel (negative left column, "
    "positive right), the 3 by 3 sobel_y kernel (negative top row, positive bottom), and "
    "their 5 by 5 composition, a saddle with positive top-left and bottom-right corners, "
    "negative top-right and bottom-left, and a zero middle row and column.",
)
plt.show()

# %%
# Now run both on a photograph: once as two layers, once as one layer with the
# composed kernel.
image = sample_image("camera")[::2, ::2]  # 256x256
two_layers = conv2d(conv2d(image, w1), w2)
one_layer = conv2d(image, composed)
print("image", image.shape, "-> two layers", two_layers.shape, ", one layer", one_layer.shape)
print(f"largest difference: {np.abs(two_layers - one_layer).max():.1e}")
print(f"largest response:   {np.abs(one_layer).max():.1f}")

fig, axes = plt.subplots(1, 3, figsize=(10, 3.4), layout="constrained")
show_image(axes[0], image, title="input (camera, 256x256)")
show_feature_map(axes[1], two_layers, title="sobel_x, then sobel_y", signed=True)
show_feature_map(axes[2], one_layer, title="composed kernel, once", signed=True)
set_alt_text(
    fig,
    "The cameraman photograph and two identical signed feature maps: red and blue lines "
    "along diagonal edges such as the tripod legs and the outline of the coat, and white "
    "(zero) on the flat sky and along the straight horizon.",
)
plt.show()

# %%
# The difference is rounding error, a million million times smaller than the
# responses. Notice also what the pair of edge detectors found: not corners,
# but *diagonal* edges (the tripod legs). The composed kernel is a saddle, one
# fixed linear filter, whatever the two layers were meant to detect.
# The same holds for any depth. Four random 3x3 layers with biases
# are one 9x9 convolution; its bias is what the stack answers on an all-zero
# image.
rng = np.random.default_rng(0)
kernels = [rng.normal(size=(3, 3)) for _ in range(4)]
biases = rng.normal(size=4)
deep = Stack([Conv2d(k, b) for k, b in zip(kernels, biases, strict=True)])
deep_kernel = kernels[0]
for k in kernels[1:]:
    deep_kernel = compose_kernels(deep_kernel, k)
deep_bias = deep.forward(np.zeros((9, 9)))[0, 0]
deep_difference = np.abs(deep.forward(image) - conv2d(image, deep_kernel, deep_bias)).max()
print("four layers: one kernel of shape", deep_kernel.shape, f"and bias {deep_bias:.3f}")
print(f"largest difference: {deep_difference:.1e}")

# %%
# A pattern no linear filter can find
# -----------------------------------
# Now a task. Each patch is 7x7 pixels on a grey background (0.5), with strokes
# three pixels long that are either bright (1) or dark (0), and a little noise
# (standard deviation 0.02).
# Four kinds, 60 of each, at random places:
#
# * **corner**: a horizontal stroke and a vertical stroke meeting at its end;
# * **horizontal** or **vertical**: a lone stroke;
# * **blank**: no stroke.
#
# The detector should answer "yes" for corners only.
PATCH = 7
KINDS = ("corner", "horizontal", "vertical", "blank")


def draw(kind, polarity, rng):
    """One clean patch: grey, with bright (polarity +1) or dark (-1) strokes."""
    patch = np.full((PATCH, PATCH), 0.5)
    ink = 0.5 + 0.5 * polarity
    if kind == "horizontal":
        row, col = rng.integers(1, 6), rng.integers(1, 4)
        patch[row, col : col + 3] = ink
    elif kind == "vertical":
        row, col = rng.integers(1, 4), rng.integers(1, 6)
        patch[row : row + 3, col] = ink
    elif kind == "corner":
        down = rng.integers(2) == 1  # vertical stroke below or above
        row = rng.integers(1, 3) if down else rng.integers(4, 6)
        col = rng.integers(1, 4)
        end = col + 2 * rng.integers(2)  # at the left or the right end
        top = row + 1 if down else row - 3
        patch[row, col : col + 3] = ink
        patch[top : top + 3, end] = ink
    return patch


def make_dataset(per_kind, rng, polarities=(1, -1), noise=0.02):
    patches, kinds, signs = [], [], []
    for kind in KINDS:
        for _ in range(per_kind):
            polarity = 0 if kind == "blank" else rng.choice(polarities)
            patches.append(draw(kind, polarity, rng) + rng.normal(0, noise, (PATCH, PATCH)))
            kinds.append(kind)
            signs.append(polarity)
    return np.array(patches), np.array(kinds), np.array(signs)


patches, kinds, signs = make_dataset(60, np.random.default_rng(1))
is_corner = kinds == "corner"
print("patches:", patches.shape, {kind: int((kinds == kind).sum()) for kind in KINDS})

fig, axes = plt.subplots(2, 4, figsize=(8, 4.6), layout="constrained")
for col, kind in enumerate(KINDS):
    for row, polarity in enumerate((1, -1)):
        shade = "" if kind == "blank" else (", bright" if polarity > 0 else ", dark")
        index = np.flatnonzero((kinds == kind) & (signs == (polarity if shade else 0)))[row]
        show_image(
            axes[row, col],
            patches[index],
            title=kind + shade,
            xlabel=None,
            ylabel=None,
        )
        axes[row, col].set_axis_off()
set_alt_text(
    fig,
    "Eight 7 by 7 grey patches. Top row: a white L-shaped corner, a white horizontal "
    "stroke, a white vertical stroke and a blank patch. Bottom row: the same strokes drawn "
    "in black, and another blank patch.",
)
plt.show()

# %%
# The two-layer ReLU stack
# ------------------------
# **Layer 1** has four 3x3 kernels: the horizontal-line and vertical-line kernels
# and their negatives, so that bright and dark strokes are both found. Centred on
# a stroke of its own direction a kernel gives 3 (three weights of 2 times the
# contrast 0.5), one pixel further along 2. A bias of -1.5 and a ReLU keep these
# clear responses and drop the faint echoes a stroke leaves elsewhere.
#
# **Layer 2** has one 5x5 kernel of ones across all four channels: it adds up
# all the stroke evidence in the patch. Its bias of -3.5 is the threshold.
line_h, line_v = named_kernel("horizontal_line"), named_kernel("vertical_line")
layer1 = Conv2d(np.stack([line_h, -line_h, line_v, -line_v])[:, None], bias=np.full(4, -1.5))
layer2 = Conv2d(np.ones((1, 4, 5, 5)), bias=np.array([-3.5]))
detector = Stack([layer1, ReLU(), layer2, ReLU()])
print("layer 1:", layer1, " layer 2:", layer2)

rng_clean = np.random.default_rng(2)
print("stroke evidence layer 2 adds up (clean patches, before its bias):")
for kind in KINDS:
    for polarity in (1, -1) if kind != "blank" else (0,):
        clean = draw(kind, polarity, rng_clean)
        evidence = detector.trace(clean[None, None])[1].sum(axis=(2, 3))[0]
        shade = {1: "bright", -1: "dark", 0: ""}[polarity]
        print(
            f"{kind:>10} {shade:>6}: horizontal {evidence[:2].sum():.1f}"
            f" + vertical {evidence[2:].sum():.1f} = {evidence.sum():.1f}"
        )

# %%
# A lone stroke brings 2.5, a corner 4.5, wherever they are drawn: only the
# corner clears the threshold of 3.5. Bright or dark makes no difference,
# because after the ReLU both are positive evidence in their own channel.
#
# The best single linear filter
# -----------------------------
# Now the best competitor without a non-linearity: one 7x7 linear filter with a
# bias, i.e. a weighted sum of the 49 pixels plus a constant. By the first part,
# this also covers every stack of linear convolutions with a 7x7 receptive
# field. We fit it by least squares (:func:`numpy.linalg.lstsq`) to answer 1 for
# corners and 0 for everything else, on these very patches.


def fit_linear_filter(patches, target):
    design = np.column_stack([patches.reshape(len(patches), -1), np.ones(len(patches))])
    coef, *_ = np.linalg.lstsq(design, target.astype(float), rcond=None)
    return coef[:-1].reshape(PATCH, PATCH), coef[-1]


def linear_response(patches, weights, bias):
    return (patches * weights).sum(axis=(-2, -1)) + bias


def scores(response, is_corner, threshold):
    """Accuracy, margin (lowest corner minus highest non-corner) and AUC."""
    corners, others = response[is_corner], response[~is_corner]
    above = (corners[:, None] > others[None, :]).mean()
    ties = (corners[:, None] == others[None, :]).mean()
    accuracy = ((response > threshold) == is_corner).mean()
    return accuracy, corners.min() - others.max(), above + ties / 2


weights, bias = fit_linear_filter(patches, is_corner)
responses = {
    "two-layer ReLU stack": detector.forward(patches[:, None]).reshape(-1),
    "best linear filter": linear_response(patches, weights, bias),
}
thresholds = {"two-layer ReLU stack": 0.0, "best linear filter": 0.5}
results = {name: scores(r, is_corner, thresholds[name]) for name, r in responses.items()}
print(f"always answering 'no' is right {1 - is_corner.mean():.0%} of the time")
for name, (accuracy, margin, auc) in results.items():
    print(f"{name:>21}: accuracy {accuracy:.3f}, margin {margin:+.3f}, AUC {auc:.3f}")

# %%
# The *margin* is the lowest corner response minus the highest non-corner one:
# positive means one threshold separates them all. The AUC is the share of
# (corner, non-corner) pairs in which the corner scores higher; 1 is perfect,
# 0.5 is guessing.
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
jitter = np.random.default_rng(3).uniform(-0.2, 0.2, len(kinds))
position = np.array([KINDS.index(kind) for kind in kinds]) + jitter
for ax, (name, response) in zip(axes, responses.items(), strict=True):
    for polarity, colour, label in (
        (1, "#e69f00", "bright strokes"),
        (-1, "#0072b2", "dark strokes"),
        (0, "#777777", "blank"),
    ):
        chosen = signs == polarity
        ax.plot(position[chosen], response[chosen], "o", ms=4, alpha=0.7, color=colour, label=label)
    ax.axhline(thresholds[name], color="black", lw=1, ls="--", label="threshold")
    accuracy, margin, auc = results[name]
    ax.set_title(f"{name}\naccuracy {accuracy:.2f}, margin {margin:+.2f}, AUC {auc:.2f}")
    ax.set_xticks(range(len(KINDS)), KINDS)
    ax.set_xlabel("kind of patch")
    ax.set_ylabel("response")
    ax.grid(alpha=0.3, axis="y")
fig.legend(*axes[1].get_legend_handles_labels(), loc="outside lower center", ncols=4)
set_alt_text(
    fig,
    "Responses to the 240 patches, grouped by kind. Left, the two-layer ReLU stack: every "
    "corner, bright or dark, lies above the dashed threshold at 0 and every other patch "
    "sits exactly at 0. Right, the best linear filter: corners, strokes and blanks "
    "overlap, with corners on both sides of the threshold.",
)
plt.show()

# %%
# Why no linear filter can do it
# ------------------------------
# A linear filter adds up evidence and has no term for "both". Take a clean
# corner and its two strokes drawn alone. The grey background is the blank
# patch, and the corner is exactly blank + (horizontal stroke - blank) +
# (vertical stroke - blank), pixel by pixel: the strokes do not overlap. So for
# *any* weights and bias, the corner's response above the blank's is the sum of
# the strokes' responses above the blank's. We check it on the fitted filter,
# drawing the corner in the polarity that this filter answers.
blank = np.full((PATCH, PATCH), 0.5)


def clean_corner(polarity):
    """A corner at a fixed place, and its horizontal and vertical strokes alone."""
    ink = 0.5 + 0.5 * polarity
    horizontal, vertical = blank.copy(), blank.copy()
    horizontal[2, 2:5] = ink
    vertical[3:6, 2] = ink  # from the left end of the horizontal stroke downwards
    return horizontal + vertical - blank, horizontal, vertical


def f(patch):
    return linear_response(patch, weights, bias)


polarity = 1 if f(clean_corner(1)[0]) > f(blank) else -1
corner, stroke_h, stroke_v = clean_corner(polarity)
pair = f(corner) - f(blank)
parts = f(stroke_h) - f(blank), f(stroke_v) - f(blank)
print(f"{'bright' if polarity > 0 else 'dark'} corner, above the blank: {pair:+.6f}")
print(f"horizontal + vertical stroke, above the blank: {parts[0]:+.6f} {parts[1]:+.6f}")
print(f"                                           = {parts[0] + parts[1]:+.6f}")
print(f"the larger stroke alone brings {max(parts) / pair:.0%} of the corner's response")

# %%
# The filter cannot fire for the pair without firing at least half as much for
# one of the strokes alone. With the bias, that alone need not be fatal: if every
# stroke were bright, a threshold between "one stroke's worth" and "two strokes'
# worth" could work. It does: fitted on bright strokes only, the best linear
# filter separates the kinds. It counts ink.
bright, bright_kinds, _ = make_dataset(60, np.random.default_rng(1), polarities=(1,))
bright_corner = bright_kinds == "corner"
w_bright, b_bright = fit_linear_filter(bright, bright_corner)
bright_results = scores(linear_response(bright, w_bright, b_bright), bright_corner, 0.5)
accuracy, margin, auc = bright_results
print(f"bright strokes only, best linear filter: accuracy {accuracy:.3f}, margin {margin:+.3f}")

# %%
# Real strokes come bright and dark. A dark corner is the bright corner
# reflected about the grey background: dark = 2 x blank - bright, pixel by
# pixel. So for every linear filter the response above the blank flips its
# sign, and the responses to the two corners average to the response to a
# blank patch. No threshold can put both corners above it and the blank below.
bright_corner_patch, dark_corner_patch = clean_corner(1)[0], clean_corner(-1)[0]
print(f"bright corner, above the blank: {f(bright_corner_patch) - f(blank):+.6f}")
print(f"dark corner,   above the blank: {f(dark_corner_patch) - f(blank):+.6f}")
mean_of_corners = (f(bright_corner_patch) + f(dark_corner_patch)) / 2
print(f"mean of the two corners: {mean_of_corners:.6f}, blank: {f(blank):.6f}")

# %%
# The ReLU stack escapes both traps. Its first layer *rectifies*: a dark stroke
# lights up the "dark" channel, a bright one the "bright" channel, and both are
# positive numbers. Its second layer adds them and thresholds. Two linear
# operations with a ReLU between them compute something that neither can alone.
#
# (This small stack counts strokes: two parallel strokes would fool it too.
# Telling "one of each" from "two of one" takes more layers, built the same way.)

# sphinx_gallery_thumbnail_number = 4
