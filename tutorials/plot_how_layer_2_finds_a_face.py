"""
How layer 2 finds a face that no layer-1 map contains
=====================================================

Layer 1 only marks where eyes and a mouth are; layer 2 adds up a window of both maps,
one kernel slice per map, and fires only where eyes sit above a mouth.

This tutorial walks through :func:`~convdemo.smiley_face_detector` step by step, every
number computed here: the drawings, layer 1's two kernels and its two "where" maps,
layer 2's two-slice kernel, what each slice contributes and how the contributions add.
The short examples of the :ref:`gallery-channels` gallery show one step each.
"""

# %%
# The drawings
# ------------
# One smiley, and three ways to get it wrong: the mouth above the eyes, eyes without a
# mouth, a mouth without eyes. Each is an image of zeros with strokes of ones.
import numpy as np

from convdemo import conv2d, draw_smiley, smiley_face_detector
from convdemo.plotting import (
    describe_map,
    describe_numbers,
    plot_bars,
    plot_feature_maps,
    plot_number_grids,
)

titles = {
    "face": "face",
    "swapped": "mouth above eyes",
    "eyes_only": "eyes only",
    "mouth_only": "mouth only",
}
images = {name: draw_smiley(name) for name in titles}
rows, cols = images["face"].shape
fig = plot_feature_maps(
    {titles[name]: image for name, image in images.items()},
    cmap="gray",
    label="ink",
    size=(2.6, 2.4),
    alt=(
        f"Four {rows} by {cols} stroke drawings: a smiley with two short vertical eye "
        "strokes above a horizontal mouth stroke; the same strokes with the mouth "
        "above the eyes; the eyes alone; the mouth alone."
    ),
)
for name, image in images.items():
    print(f"{titles[name]:>16}: {int(image.sum())} ink pixels")

# %%
# Layer 1: two channels, two "where" maps
# ---------------------------------------
# The eye channel uses the vertical-line kernel, the mouth channel the horizontal-line
# kernel. Each gets a bias and a ReLU, which removes the faint echo a stroke's end
# leaves in the other channel.
detector = smiley_face_detector()
layer1, layer2 = detector[0], detector[2]
print("layer-1 weight shape (C_out, C_in, kh, kw):", layer1.weight.shape)
print("layer-1 bias:", layer1.bias)

eye_kernel, mouth_kernel = layer1.weight[:, 0]
kernels = {
    "eye kernel (vertical line)": eye_kernel,
    "mouth kernel (horizontal line)": mouth_kernel,
}
fig = plot_number_grids(
    kernels,
    kernels=list(kernels),
    alt=(
        "The two first-layer kernels as numbers on a red-blue scale: the eye kernel "
        f"{describe_numbers(eye_kernel)}, the mouth kernel "
        f"{describe_numbers(mouth_kernel)}."
    ),
)

# %%
# Layer 1 (and its ReLU) on the face: the eye map is non-zero on the eye pixels only;
# the mouth map is graded along the stroke, because the middle of a stroke looks more
# like a line than its ends. The box is the face centre.
face_trace = detector.trace(images["face"][None])
eye_map, mouth_map = face_trace[1]
centre_pixel = (rows // 2, cols // 2)
mouth_row = int(np.argmax(mouth_map.max(axis=1)))
fig = plot_number_grids(
    {
        "channel 0: eye map (after ReLU)": eye_map,
        "channel 1: mouth map (after ReLU)": mouth_map,
    },
    size=(4.6, 4.6),
    boxes=[(*centre_pixel, 1, 1)],
    alt=(
        f"The two first-layer maps of the face as grids of numbers. "
        f"{describe_map(eye_map, name='The eye map', fmt='{:g}')} The mouth map holds "
        f"{describe_numbers(mouth_map[mouth_row][mouth_map[mouth_row] > 0])} along row "
        f"{mouth_row} and nothing elsewhere. The face centre, boxed, holds "
        f"{eye_map[centre_pixel]:g} and {mouth_map[centre_pixel]:g}."
    ),
)
print("eye map non-zero at (row, col):", np.argwhere(eye_map).tolist())
print(
    f"mouth map along row {mouth_row}:", mouth_map[mouth_row][mouth_map[mouth_row] > 0]
)

# %%
# Layer 2: one kernel, one slice per channel
# ------------------------------------------
# The face kernel has **two slices**. Slice 0 is laid over the eye map: weight where
# eyes should be (top corners). Slice 1 is laid over the mouth map: weight where the
# mouth should be (bottom row). A negative bias sets how much must be seen.
print("layer-2 weight shape (C_out, C_in, kh, kw):", layer2.weight.shape)
print("layer-2 bias:", layer2.bias)
eye_slice, mouth_slice = layer2.weight[0]
slices = {
    "slice 0 (reads the eye map)": eye_slice,
    "slice 1 (reads the mouth map)": mouth_slice,
}
fig = plot_number_grids(
    slices,
    kernels=list(slices),
    size=(3.0, 3.8),
    alt=(
        f"The two {eye_slice.shape[0]} by {eye_slice.shape[1]} slices of the face "
        f"kernel. The eye slice, row by row: {describe_numbers(eye_slice)}. The mouth "
        f"slice: {describe_numbers(mouth_slice)}."
    ),
)

# %%
# Each slice's contribution, and their sum
# ----------------------------------------
# Correlate each slice with its own channel, add the two maps and the bias. That is
# exactly what :func:`~convdemo.conv2d` does with a two-channel kernel: the printed
# difference is zero.
eye_part = conv2d(eye_map, eye_slice)
mouth_part = conv2d(mouth_map, mouth_slice)
bias = layer2.bias[0]
by_hand = eye_part + mouth_part + bias
print("max |by hand - conv2d|:", np.abs(by_hand - face_trace[2][0]).max())
centre = np.unravel_index(by_hand.argmax(), by_hand.shape)
print(
    f"at the face centre: eye slice {eye_part[centre]:g} + mouth slice "
    f"{mouth_part[centre]:g} + bias {bias:g} = {by_hand[centre]:g}"
)
parts = {
    "eye slice * eye map": eye_part,
    "mouth slice * mouth map": mouth_part,
    f"sum + bias ({bias:g})": by_hand,
    "face map (after ReLU)": face_trace[3][0],
}
fig = plot_feature_maps(
    parts,
    ncols=2,
    label="contribution",
    alt=" ".join(
        describe_map(m, name=f"The map {n}", fmt="{:g}") for n, m in parts.items()
    ),
)

# %%
# Only the right arrangement fires
# --------------------------------
# The same detector on all four drawings: what each channel brings to the best-placed
# face unit. Eyes alone and a mouth alone each fall short of the bias. In the swapped
# face each part sits where the other slice looks.
print(f"{'drawing':>16} | eye slice | mouth slice | sum + bias | face unit (max)")
scores = {}
for name, image in images.items():
    trace = detector.trace(image[None])
    eye = conv2d(trace[1][0], eye_slice)
    mouth = conv2d(trace[1][1], mouth_slice)
    best = np.unravel_index(np.argmax(eye + mouth), eye.shape)
    scores[titles[name]] = trace[3].max()
    print(
        f"{titles[name]:>16} | {eye[best]:9g} | {mouth[best]:11g} | "
        f"{eye[best] + mouth[best] + bias:10g} | {scores[titles[name]]:g}"
    )
fig = plot_bars(
    scores,
    ylabel="strongest face-unit response",
    highlight=["face"],
    title="The face unit fires only for eyes above a mouth",
    alt="Bar chart of the strongest face-unit response for each drawing: "
    + ", ".join(f"{value:g} for {name}" for name, value in scores.items())
    + ".",
)

# %%
# A zero in a layer-1 map is not the end of the story
# ---------------------------------------------------
# The firing unit reads a window of **both** maps (outlined). Its own pixel is 0 in
# both; the eyes and the mouth are elsewhere in the window. With the mouth alone, the
# eye map is zero *everywhere*, and the mouth still brings its part through its own
# channel: it is just not enough without the eyes.
height, width = eye_slice.shape
fig = plot_feature_maps(
    {"eye map": eye_map, "mouth map": mouth_map},
    boxes=[(*centre, height, width), (*centre_pixel, 1, 1)],
    alt=(
        f"The eye map and the mouth map with the {height} by {width} window of the "
        f"firing unit outlined and its centre boxed: {eye_map[centre_pixel]:g} in the "
        f"eye map and {mouth_map[centre_pixel]:g} in the mouth map."
    ),
)
mouth_only = detector.trace(images["mouth_only"][None])[1]
print("mouth only: largest value in the eye map:", mouth_only[0].max())
print(
    "mouth only: mouth contribution at the centre:",
    conv2d(mouth_only[1], mouth_slice)[centre],
)

# %%
# Finding the face in a wider scene
# ---------------------------------
# Put the four drawings side by side in one image. The face map lights up at one place
# only, drawn here in input coordinates (a unit at the centre of its window).
order = ["eyes_only", "swapped", "face", "mouth_only"]
scene = sum(
    draw_smiley(name, shape=(13, 60), centre=(6, 6 + 12 * i))
    for i, name in enumerate(order)
)
scene_trace = detector.trace(scene[None])
face_map = scene_trace[3][0]
face_in_input = np.zeros_like(scene)
r0, c0 = height // 2, width // 2
face_in_input[r0 : r0 + face_map.shape[0], c0 : c0 + face_map.shape[1]] = face_map
fig = plot_feature_maps(
    {
        "input: eyes only, swapped, face, mouth only": scene,
        "layer 1, channel 0: eyes": scene_trace[1][0],
        "layer 1, channel 1: mouths": scene_trace[1][1],
        "layer 2: face": face_in_input,
    },
    ncols=1,
    size=(7.0, 1.9),
    alt=(
        "A wide input holding four drawings, the eye map, the mouth map and the face "
        f"map. {describe_map(face_in_input, name='The face map', fmt='{:g}')}"
    ),
)
print("face map non-zero at input pixel:", np.argwhere(face_in_input).tolist())

# %%
# Every number above comes from :func:`~convdemo.smiley_face_detector` and
# :func:`~convdemo.draw_smiley`. Next, see how far a unit can look:
# :ref:`gallery-receptive-fields`.

# sphinx_gallery_thumbnail_number = 6
