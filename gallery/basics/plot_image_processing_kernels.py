"""
Blur, sharpen and edge detection are one operation with different weights
=========================================================================

Every classic image-processing filter below is the same :term:`convolution`:
:func:`~convdemo.conv2d` slides a 3x3 :term:`kernel` over a photograph and
writes down, at every pixel, the weighted sum of the 3x3 neighbourhood. Only the
nine weights change. :func:`~convdemo.named_kernel` gives the classic ones.

**Finding:** the weights decide everything. Kernels whose weights sum to 1
(blur, sharpen, emboss) give back a picture: a flat region keeps its
brightness. Kernels whose weights sum to 0 (outline, Sobel) give a *response*:
0 on a flat region, large where the brightness changes, with a sign that says
which way. On a vertical edge Sobel x answers more than 5 times as strongly as
Sobel y; on a horizontal edge Sobel y answers about 3 times as strongly as Sobel x.
At the border, zero padding keeps the size but darkens the frame and invents
edges; "valid" drops one pixel on each side instead.
"""

# %%
# The photograph and four places to watch
# ---------------------------------------
# scikit-image's ``camera`` photograph, as brightness from 0 (black) to 1
# (white). We will measure each filter on four small patches: flat **sky**,
# **grass** texture, the vertical **tripod column** and the horizontal **top of
# the video camera**. The dashed square is the part shown in the next figure.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from convdemo import conv2d, named_kernel
from convdemo.data import sample_image
from convdemo.plotting import (
    set_alt_text,
    show_feature_map,
    show_image,
    show_kernel,
    show_number_grid,
)

photo = sample_image("camera")
print("photo:", photo.shape, f"brightness {photo.min():.2f} to {photo.max():.2f}")

# (first row, first column, size) of each patch
PATCHES = {
    "sky": (20, 380, 32),
    "grass": (400, 440, 32),
    "tripod column": (352, 272, 32),
    "camera top": (136, 272, 32),
}
PATCH_COLOURS = {  # Okabe-Ito: readable on grey
    "sky": "#56b4e9",
    "grass": "#009e73",
    "tripod column": "#e69f00",
    "camera top": "#cc79a7",
}
CROP = (112, 200, 160)  # the part of the photo the next figure shows


def patch(image, name):
    row, col, size = PATCHES[name]
    return image[row : row + size, col : col + size]


def outline_box(ax, row, col, size, colour, **kwargs):
    ax.add_patch(
        Rectangle(
            (col - 0.5, row - 0.5), size, size, fill=False, color=colour, lw=2, **kwargs
        )
    )


fig, ax = plt.subplots(figsize=(5.6, 5.2), layout="constrained")
show_image(ax, photo, title="camera, with the four patches")
for name, (row, col, size) in PATCHES.items():
    outline_box(ax, row, col, size, PATCH_COLOURS[name])
    ax.annotate(
        name,
        (col + size, row + size / 2),
        xytext=(4, 0),
        textcoords="offset points",
        va="center",
        color="black",
        fontsize=9,
        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": PATCH_COLOURS[name]},
    )
outline_box(ax, *CROP, "white", linestyle="--")
set_alt_text(
    fig,
    "The cameraman photograph with four small squares marked: flat sky at the top right, "
    "grass at the lower right, the vertical tripod column in the middle, and the top edge "
    "of the video camera. A dashed square marks the head, camera and tripod top.",
)
plt.show()

# %%
# Six kernels, six effects
# ------------------------
# Each kernel is drawn as its grid of weights (red positive, blue negative), with
# what it does to the dashed square beside it. We convolve the whole photograph
# with ``padding="same"``, so every output has the photograph's size, and crop it
# afterwards.

KERNELS = ["box_blur", "sharpen", "emboss", "outline", "sobel_x", "sobel_y"]
outputs = {name: conv2d(photo, named_kernel(name), padding="same") for name in KERNELS}
row0, col0, size = CROP
crop = (slice(row0, row0 + size), slice(col0, col0 + size))

fig, axes = plt.subplots(
    3,
    4,
    figsize=(10, 8.4),
    layout="constrained",
    gridspec_kw={"width_ratios": [1, 1.7, 1, 1.7]},
)
for index, name in enumerate(KERNELS):
    kernel_ax, result_ax = (
        axes[index // 2, 2 * (index % 2)],
        axes[index // 2, 2 * (index % 2) + 1],
    )
    show_kernel(kernel_ax, named_kernel(name), title=name, fmt="{:.2g}")
    kernel_ax.set_xlabel("")
    kernel_ax.set_ylabel("")
    result = outputs[name][crop]
    if (
        named_kernel(name).sum() == 1
    ):  # a picture: brightness in gray, clipped to [0, 1]
        image = show_image(
            result_ax, result, title=f"{name}: a picture", xlabel=None, ylabel=None
        )
        fig.colorbar(image, ax=result_ax, shrink=0.85, label="brightness")
    else:  # a response: signed, 0 is white
        show_feature_map(
            result_ax,
            result,
            signed=True,
            title=f"{name}: a response",
            xlabel=None,
            ylabel=None,
        )
    result_ax.set_xticks([])
    result_ax.set_yticks([])
set_alt_text(
    fig,
    "Six 3 by 3 kernels as number grids, each beside its output on the cameraman's head, "
    "camera and tripod. Box blur (all weights one ninth) softens the picture; sharpen "
    "(5 in the centre, minus 1 around) makes it crisper; emboss gives a grey relief. "
    "Outline is white on flat areas and red and blue along every edge; Sobel x is red "
    "and blue along vertical edges such as the tripod, Sobel y along horizontal ones.",
)
plt.show()

# %%
# Weights that sum to 1 keep a flat region's brightness; weights that sum to 0
# turn it into 0. The sky is nearly flat: the first three kernels give back its
# brightness, the last three give almost nothing.

sky = patch(photo, "sky").mean()
on_sky = {name: np.abs(patch(outputs[name], "sky")).mean() for name in KERNELS}
print(f"sky brightness in the photo: {sky:.3f}")
print("kernel      weights sum   mean |output| on the sky")
for name in KERNELS:
    weights_sum = named_kernel(name).sum()
    print(f"{name:<12}{weights_sum:>11.0f}   {on_sky[name]:>24.3f}")

# %%
# Blur averages texture away
# --------------------------
# The box blur replaces each pixel by the mean of its 3x3 neighbourhood, so the
# pixel-to-pixel ups and downs of the grass shrink. Sharpen does the opposite: 5
# times the pixel minus its four neighbours exaggerates every difference.

grass_std = {name: patch(out, "grass").std() for name, out in outputs.items()}
print(
    f"grass spread (standard deviation) in the photo: {patch(photo, 'grass').std():.3f}"
)
print(f"                          after box_blur:     {grass_std['box_blur']:.3f}")
print(f"                          after sharpen:      {grass_std['sharpen']:.3f}")
print(
    f"blur divides it by {patch(photo, 'grass').std() / grass_std['box_blur']:.1f}, "
    f"sharpen multiplies it by {grass_std['sharpen'] / patch(photo, 'grass').std():.1f}"
)

# %%
# Sobel x finds vertical edges, Sobel y horizontal ones
# -----------------------------------------------------
# Sobel x subtracts the column on the left from the column on the right: it is
# large where the brightness changes from left to right, that is along a
# *vertical* edge. Sobel y does the same from top to bottom. The tripod column
# has vertical edges; the top of the video camera is a horizontal one.

fig, axes = plt.subplots(2, 3, figsize=(9, 5.6), layout="constrained")
for row_axes, name in zip(axes, ["tripod column", "camera top"], strict=True):
    r, c, s = PATCHES[name]
    show_image(row_axes[0], patch(photo, name), title=name, xlabel=None, ylabel=None)
    limit = max(np.abs(patch(outputs[k], name)).max() for k in ("sobel_x", "sobel_y"))
    for ax, kernel_name in zip(row_axes[1:], ["sobel_x", "sobel_y"], strict=True):
        image, bar = show_feature_map(
            ax,
            patch(outputs[kernel_name], name),
            signed=True,
            title=f"{kernel_name} on {name}",
        )
        image.set_clim(-limit, limit)  # one scale per row, so the two can be compared
    for ax in row_axes:
        ax.set_xticks([])
        ax.set_yticks([])
    row_axes[0].set_ylabel(f"rows {r}-{r + s - 1}")
set_alt_text(
    fig,
    "Top row: the tripod column, a vertical metal bar on grass. Sobel x draws strong red "
    "and blue stripes along its left and right sides; Sobel y is almost white. Bottom row: "
    "the top edge of the video camera against the sky. Now Sobel y draws a strong "
    "horizontal stripe and Sobel x is faint.",
)
plt.show()

# %%
# The mean size of each response on the two patches, and their ratio:

sobel_means, sobel_ratio = {}, {}
for name in ["tripod column", "camera top"]:
    mean_x = np.abs(patch(outputs["sobel_x"], name)).mean()
    mean_y = np.abs(patch(outputs["sobel_y"], name)).mean()
    sobel_means[name] = (mean_x, mean_y)
    sobel_ratio[name] = mean_x / mean_y
    print(f"{name:<14} mean |sobel_x| = {mean_x:.3f}   mean |sobel_y| = {mean_y:.3f}")
print(
    f"on the tripod column, Sobel x is {sobel_ratio['tripod column']:.1f} times Sobel y"
)
print(
    f"on the camera top,    Sobel y is {1 / sobel_ratio['camera top']:.1f} times Sobel x"
)

# %%
# What happens at the border
# --------------------------
# At a border pixel part of the 3x3 window hangs outside the image. Two answers:
#
# * ``padding="same"`` (zero :term:`padding`) pretends the outside is 0 (black),
#   so the output keeps the input's size, but the missing neighbours pull border
#   values down;
# * ``padding="valid"`` uses only windows that fit, so the output loses one
#   pixel on each side.
#
# Here is the box blur on an 8x8 crop of bright sky, treated as a whole image.

sky_crop = photo[40:48, 440:448]
same = conv2d(sky_crop, named_kernel("box_blur"), padding="same")
valid = conv2d(sky_crop, named_kernel("box_blur"), padding="valid")

fig, axes = plt.subplots(1, 3, figsize=(10, 3.7), layout="constrained")
for ax, data, title in zip(
    axes,
    [sky_crop, same, valid],
    [
        f"input {sky_crop.shape[0]}x{sky_crop.shape[1]}",
        f'"same": {same.shape[0]}x{same.shape[1]}',
        f'"valid": {valid.shape[0]}x{valid.shape[1]}',
    ],
    strict=True,
):
    origin = (1, 1) if data is valid else (0, 0)  # valid output 0 is centred on input 1
    image = show_number_grid(
        ax,
        data,
        fmt="{:.2f}",
        cmap="gray",
        vmin=0,
        vmax=1,
        fontsize=8,
        title=title,
        origin=origin,
    )
# Draw the valid output at the size of the others, under the input pixels it is centred on.
axes[2].set_xlim(-1.5, 6.5)
axes[2].set_ylim(6.5, -1.5)
axes[2].set_xlabel("column (of the input)")
axes[2].set_ylabel("row (of the input)")
fig.colorbar(image, ax=axes, shrink=0.8, label="brightness")
set_alt_text(
    fig,
    "Three number grids. The 8 by 8 crop of sky has values near 0.78 everywhere. Its box "
    "blur with zero padding is 8 by 8 with a dark frame: about 0.52 along the sides and "
    "0.35 in the corners. The valid output is 6 by 6 and stays near 0.78: it has no "
    "border pixels.",
)
plt.show()

# %%
# A corner pixel has only 4 of its 9 neighbours inside the image and a side pixel
# 6, so with zero padding they drop to about 4/9 and 6/9 of the brightness:

print(f'input {sky_crop.shape} -> "same" {same.shape}, "valid" {valid.shape}')
centre = same[1:-1, 1:-1].mean()
corner_ratio = same[0, 0] / centre
side_ratio = same[0, 1:-1].mean() / centre
print(f"corner / centre = {corner_ratio:.3f}   (4/9 = {4 / 9:.3f})")
print(f"side / centre   = {side_ratio:.3f}   (6/9 = {6 / 9:.3f})")
print(
    f"valid output: {valid.min():.2f} to {valid.max():.2f} (input {sky_crop.min():.2f} to "
    f"{sky_crop.max():.2f})"
)

# %%
# On the whole photograph the same thing happens along the frame. Zero padding
# also *invents* an edge: beyond the last column there is black, so Sobel x sees
# bright sky fall to 0 and answers strongly along the right border of the sky.

full_same = outputs["sobel_x"]
full_valid = conv2d(photo, named_kernel("sobel_x"), padding="valid")
print(
    f'whole photo {photo.shape} -> "same" {full_same.shape}, "valid" {full_valid.shape}'
)
sky_rows = slice(0, 150)
border_response = np.abs(full_same[sky_rows, -1]).mean()
inner_response = np.abs(full_same[sky_rows, -2]).mean()
print(
    f"sky rows 0-149: mean |sobel_x| on the last column {border_response:.2f}, "
    f"one column in {inner_response:.3f}"
)

# %%
# Neither choice is wrong: "same" keeps the map aligned with the image (the usual
# choice inside a network), "valid" never makes up data. The
# :doc:`convolution arithmetic <plot_convolution_arithmetic>` example gives the
# size formula for any padding; :doc:`how one output number is made
# <plot_one_output_number>` slows the weighted sum down to one window.

# sphinx_gallery_thumbnail_number = 2
