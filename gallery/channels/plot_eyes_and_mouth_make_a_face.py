"""
Eyes + mouth = face: layer 2 adds up every channel of layer 1
=============================================================

The question behind this site: *the first convolution's feature map only says
where a feature was found, so how can the next convolution find a new feature
from it?*

Here is the answer in numbers, on a smiley drawn with strokes. Layer 1 has two
channels: an **eye** detector (short vertical strokes) and a **mouth** detector
(horizontal strokes). Layer 2 has one kernel with **two slices**, one per
layer-1 channel. It multiplies each slice with its own channel's map and
**adds the results**.

**Finding:** the face unit fires (value 4) only when eyes sit above a mouth.
Eyes alone bring 8, a mouth alone brings 8, the bias takes away 12: only the
sum of both channels clears it. And the face unit fires at a pixel where
*both* layer-1 maps are zero: it reads a whole window of both maps, not one pixel.
"""

# %%
# The drawings
# ------------
# One smiley, and three ways to get it wrong: the mouth above the eyes, eyes
# without a mouth, a mouth without eyes. Each is a 13x13 image of zeros with
# strokes of ones.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from convdemo import conv2d, draw_smiley, smiley_face_detector
from convdemo.plotting import (
    set_alt_text,
    show_feature_map,
    show_image,
    show_kernel,
    show_number_grid,
)

arrangements = ["face", "swapped", "eyes_only", "mouth_only"]
titles = {
    "face": "face",
    "swapped": "mouth above eyes",
    "eyes_only": "eyes only",
    "mouth_only": "mouth only",
}
images = {name: draw_smiley(name) for name in arrangements}

fig, axes = plt.subplots(1, 4, figsize=(9, 2.8), layout="constrained")
for ax, name in zip(axes, arrangements, strict=True):
    show_image(ax, images[name], title=titles[name])
set_alt_text(
    fig,
    "Four 13 by 13 stroke drawings: a smiley with two short vertical eye strokes above "
    "a horizontal mouth stroke; the same strokes with the mouth above the eyes; the eyes "
    "alone; the mouth alone.",
)
plt.show()

for name in arrangements:
    print(f"{titles[name]:>16}: {int(images[name].sum())} ink pixels")

# %%
# Layer 1: two channels, two "where" maps
# ---------------------------------------
# The eye channel uses the vertical-line kernel, the mouth channel the
# horizontal-line kernel. Each gets a bias of -2 and a ReLU, which removes the
# faint echo a stroke's end leaves in the other channel.
detector = smiley_face_detector()
layer1, layer2 = detector[0], detector[2]
print("layer-1 weight shape (C_out, C_in, kh, kw):", layer1.weight.shape)
print("layer-1 bias:", layer1.bias)

fig, axes = plt.subplots(1, 2, figsize=(5.5, 2.8), layout="constrained")
show_kernel(axes[0], layer1.weight[0, 0], title="eye kernel\n(vertical line)", fmt="{:.0f}")
show_kernel(axes[1], layer1.weight[1, 0], title="mouth kernel\n(horizontal line)", fmt="{:.0f}")
set_alt_text(
    fig,
    "The two 3 by 3 layer-1 kernels as numbers on a red-blue scale: the eye kernel has a "
    "column of 2s between columns of -1s; the mouth kernel has a row of 2s between rows "
    "of -1s.",
)
plt.show()

# %%
# Run layer 1 (and its ReLU) on the face. The eye map is 2 on the four eye
# pixels and 0 everywhere else; the mouth map is graded along the stroke
# (2, 4, 4, 4, 2): the middle of a stroke looks more like a line than its ends.
face_trace = detector.trace(images["face"][None])
eye_map, mouth_map = face_trace[1]

fig, axes = plt.subplots(1, 2, figsize=(9, 4.6), layout="constrained")
show_number_grid(axes[0], eye_map, fmt="{:.0f}", title="channel 0: eye map (after ReLU)")
show_number_grid(axes[1], mouth_map, fmt="{:.0f}", title="channel 1: mouth map (after ReLU)")
for ax in axes:
    ax.add_patch(Rectangle((5.5, 5.5), 1, 1, fill=False, edgecolor="#d55e00", linewidth=2.5))
set_alt_text(
    fig,
    "The two layer-1 maps of the face as grids of numbers. The eye map holds 2 at the "
    "four eye pixels and 0 elsewhere; the mouth map holds 2, 4, 4, 4, 2 along the mouth "
    "row and 0 elsewhere. The face centre, outlined in orange, is 0 in both maps.",
)
plt.show()

print("eye map non-zero at (row, col):", np.argwhere(eye_map).tolist())
print("mouth map along row 8:", mouth_map[8, 3:10].tolist())
print("both maps at the face centre (6, 6):", eye_map[6, 6], mouth_map[6, 6])

# %%
# Layer 2: one kernel, one slice per channel
# ------------------------------------------
# The face kernel is 7x5 and has **two slices**. Slice 0 is laid over the eye
# map: weight 1 where eyes should be (top corners). Slice 1 is laid over the
# mouth map: weight 0.5 where the mouth should be (bottom row). Its bias is -12.
print("layer-2 weight shape (C_out, C_in, kh, kw):", layer2.weight.shape)
print("layer-2 bias:", layer2.bias)

fig, axes = plt.subplots(1, 2, figsize=(5.5, 3.8), layout="constrained")
show_kernel(axes[0], layer2.weight[0, 0], title="slice 0\n(reads the eye map)", fmt="{:g}")
show_kernel(axes[1], layer2.weight[0, 1], title="slice 1\n(reads the mouth map)", fmt="{:g}")
set_alt_text(
    fig,
    "The two 7 by 5 slices of the layer-2 face kernel: slice 0 has 1 in the two top "
    "corners, two rows deep, where the eyes belong; slice 1 has 0.5 along the second-to-"
    "last row, where the mouth belongs; every other weight is 0.",
)
plt.show()

# %%
# Each slice's contribution, and their sum
# ----------------------------------------
# Correlate each slice with its own channel, add the two maps and the bias.
# This is exactly what :func:`~convdemo.conv2d` does with a two-channel kernel:
# the printed difference is zero.
eye_part = conv2d(eye_map, layer2.weight[0, 0])
mouth_part = conv2d(mouth_map, layer2.weight[0, 1])
by_hand = eye_part + mouth_part + layer2.bias[0]
pre_activation = face_trace[2][0]
print("max |by hand - conv2d|:", np.abs(by_hand - pre_activation).max())

centre = (3, 4)  # the face centre (6, 6) in layer-2 coordinates (the kernel is 7x5)
print(
    f"at the face centre: eye slice {eye_part[centre]:g} + mouth slice {mouth_part[centre]:g} "
    f"+ bias {layer2.bias[0]:g} = {by_hand[centre]:g}"
)
print("after ReLU:", face_trace[3][0][centre])

fig, axes = plt.subplots(2, 2, figsize=(8, 5.2), layout="constrained")
show_feature_map(axes[0, 0], eye_part, title="eye slice * eye map", label="contribution")
show_feature_map(axes[0, 1], mouth_part, title="mouth slice * mouth map", label="contribution")
show_feature_map(axes[1, 0], by_hand, title="sum + bias (-12)", label="pre-activation")
show_feature_map(axes[1, 1], face_trace[3][0], title="face map (after ReLU)", label="response")
set_alt_text(
    fig,
    "Four 7 by 9 maps. The eye contribution peaks at 8 and the mouth contribution peaks "
    "at 8, both at the face centre; their sum plus the bias of -12 is 4 there and "
    "negative everywhere else; after the ReLU the face map is 4 at the centre and 0 "
    "elsewhere.",
)
plt.show()

# %%
# Only the right arrangement fires
# --------------------------------
# Now the same detector on all four drawings. Each row prints what each channel
# brings to the best-placed face unit. Eyes alone and a mouth alone bring 8
# each, which the bias of -12 cancels. In the swapped face each part sits where
# the other slice looks: at best one eye lines up with the eye slice (4), never
# the mouth.
print(f"{'drawing':>16} | eye slice | mouth slice | sum + bias | face unit (max)")
scores = {}
for name in arrangements:
    trace = detector.trace(images[name][None])
    eye = conv2d(trace[1][0], layer2.weight[0, 0])
    mouth = conv2d(trace[1][1], layer2.weight[0, 1])
    best = np.unravel_index(np.argmax(eye + mouth), eye.shape)
    scores[name] = trace[3].max()
    print(
        f"{titles[name]:>16} | {eye[best]:9g} | {mouth[best]:11g} | "
        f"{eye[best] + mouth[best] + layer2.bias[0]:10g} | {scores[name]:g}"
    )

fig, ax = plt.subplots(figsize=(6, 3.2), layout="constrained")
bars = ax.bar(
    [titles[n] for n in arrangements],
    [scores[n] for n in arrangements],
    color=["#0072b2", "#999999", "#999999", "#999999"],
)
ax.bar_label(bars, fmt="%g")
ax.set_ylabel("strongest face-unit response")
ax.set_xlabel("drawing")
ax.set_title("The face unit fires only for eyes above a mouth")
ax.set_ylim(0, 5)
set_alt_text(
    fig,
    "Bar chart of the strongest face-unit response for each drawing: 4 for the face and "
    "0 for the mouth-above-eyes drawing, the eyes alone and the mouth alone.",
)
plt.show()

# %%
# A zero in a layer-1 map is not the end of the story
# ---------------------------------------------------
# The face unit at the centre reads a 7x5 window of **both** maps (outlined
# below). Its own pixel is 0 in both maps; the eyes and the mouth are elsewhere
# in the window. That is how the next convolution finds a feature "where the
# first map was 0": it looks at the neighbourhood, in every channel at once.
#
# Zero does matter in another way: with the mouth alone, the eye map is zero
# *everywhere*, and the mouth still brings its 8 through its own channel. It is
# just not enough without the eyes.
mouth_only_maps = detector.trace(images["mouth_only"][None])[1]
print("mouth only: largest value in the eye map:", mouth_only_maps[0].max())
print(
    "mouth only: mouth contribution at the centre:",
    conv2d(mouth_only_maps[1], layer2.weight[0, 1])[centre],
)

fig, axes = plt.subplots(1, 2, figsize=(8, 3.8), layout="constrained")
for ax, channel_map, label in zip(
    axes, (eye_map, mouth_map), ("eye map", "mouth map"), strict=True
):
    show_feature_map(ax, channel_map, title=f"{label}: window of the centre unit", label="response")
    ax.add_patch(Rectangle((3.5, 2.5), 5, 7, fill=False, edgecolor="#d55e00", linewidth=2.5))
    ax.plot(6, 6, marker="x", color="#d55e00", markersize=10, markeredgewidth=2.5)
set_alt_text(
    fig,
    "The eye map and the mouth map of the face with the 7 by 5 window of the centre "
    "face unit outlined in orange and its centre marked with a cross. The cross sits on "
    "a zero in both maps; the eyes are in the window's top corners and the mouth in its "
    "bottom row.",
)
plt.show()

# %%
# Finding the face in a wider scene
# ---------------------------------
# Put the four drawings side by side in one image. The face map lights up at one
# place only: the centre of the real face.
scene = sum(
    draw_smiley(name, shape=(13, 60), centre=(6, 6 + 12 * i))
    for i, name in enumerate(["eyes_only", "swapped", "face", "mouth_only"])
)
scene_trace = detector.trace(scene[None])
face_map = scene_trace[3][0]
print("face map non-zero at (row, col):", np.argwhere(face_map).tolist(), "value", face_map.max())
row, col = np.argwhere(face_map)[0]
print(
    "= input pixel",
    (int(row) + 3, int(col) + 2),
    "(the 7x5 window is centred 3 rows and 2 columns in);",
)
print("the third drawing is centred at", (6, 6 + 12 * 2))

# To line the maps up, the face map is drawn in input coordinates: its unit
# (r, c) sits at the centre of its window, input pixel (r + 3, c + 2).
face_in_input = np.zeros_like(scene)
face_in_input[3 : 3 + face_map.shape[0], 2 : 2 + face_map.shape[1]] = face_map

fig, axes = plt.subplots(4, 1, figsize=(8, 6.6), layout="constrained", sharex=True)
show_feature_map(
    axes[0], scene, title="input: eyes only, swapped, face, mouth only", cmap="gray", label="ink"
)
show_feature_map(axes[1], scene_trace[1][0], title="layer 1, channel 0: eyes", label="eye")
show_feature_map(axes[2], scene_trace[1][1], title="layer 1, channel 1: mouths", label="mouth")
show_feature_map(axes[3], face_in_input, title="layer 2: face (fires once)", label="face")
set_alt_text(
    fig,
    "A wide input holding four drawings, the eye map, the mouth map, and the face map "
    "below it. The eye and mouth maps light up on every drawing that has those parts; the "
    "face map has a single bright pixel, under the third drawing, the correctly arranged "
    "face.",
)
plt.show()

# %%
# The same example, cell by cell
# ------------------------------
# Every number above comes from :func:`~convdemo.smiley_face_detector` and
# :func:`~convdemo.draw_smiley`; the tests of this site assert each of them.
# Next, see how far a unit can look: :ref:`gallery-receptive-fields`.

# sphinx_gallery_thumbnail_number = 8
