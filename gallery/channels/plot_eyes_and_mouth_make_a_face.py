"""
The face unit fires only when eyes sit above a mouth
====================================================

A layer-2 kernel has one slice per layer-1 channel and adds what they all see: eyes
alone bring 8, a mouth alone brings 8, and only the two together clear the bias of -12.

This is the site's question in numbers: layer 1's maps only say *where* an eye and a
mouth are, and layer 2 finds a new feature, a face, by adding them up. Layer 1 of
:func:`~convdemo.smiley_face_detector` has an eye channel and a mouth channel; layer 2
has one 7x5 kernel with an eye slice and a mouth slice. It runs on a smiley and on
three ways to get one wrong (:func:`~convdemo.draw_smiley`).
"""

from convdemo import conv2d, draw_smiley, smiley_face_detector
from convdemo.plotting import plot_bars, plot_feature_maps

names = {
    "face": "face",
    "swapped": "mouth above eyes",
    "eyes_only": "eyes only",
    "mouth_only": "mouth only",
}
drawings = {title: draw_smiley(name) for name, title in names.items()}
detector = smiley_face_detector()
eye_slice, mouth_slice = detector[2].weight[0]  # layer 2: one slice per channel
bias = detector[2].bias[0]

parts, face_unit = {}, {}
for title, drawing in drawings.items():
    trace = detector.trace(drawing[None])
    eye_map, mouth_map = trace[1]  # layer 1, after its ReLU
    total = conv2d(eye_map, eye_slice) + conv2d(mouth_map, mouth_slice)
    best = total.argmax()
    parts[title] = (
        conv2d(eye_map, eye_slice).flat[best],
        conv2d(mouth_map, mouth_slice).flat[best],
    )
    face_unit[title] = trace[-1].max()  # layer 2, after its ReLU

fig = plot_feature_maps(
    drawings,
    cmap="gray",
    label="ink",
    size=(2.6, 2.4),
    title="One smiley and three ways to get it wrong",
    alt=(
        "Four stroke drawings: a smiley with two short vertical eye strokes above a "
        "horizontal mouth stroke; the same strokes with the mouth above the eyes; the "
        "eyes alone; the mouth alone."
    ),
)
fig = plot_bars(
    face_unit,
    ylabel="strongest face-unit response",
    highlight=["face"],
    title="The face unit fires only for eyes above a mouth",
    alt="Bar chart of the strongest face-unit response for each drawing: "
    + ", ".join(f"{value:g} for {title}" for title, value in face_unit.items())
    + ".",
)

# %%
# What each slice brings to the best-placed face unit, plus the bias:

for title, (eye, mouth) in parts.items():
    print(f"{title:>16}: eye slice {eye:g} + mouth slice {mouth:g} + bias {bias:g}")

# %%
# In the swapped face each part sits where the other slice looks: one eye lines up with
# the eye slice at best, never the mouth. The step-by-step version, map by map, is the
# tutorial :ref:`sphx_glr_auto_tutorials_plot_how_layer_2_finds_a_face.py`.

# sphinx_gallery_thumbnail_number = 2
