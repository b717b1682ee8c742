"""
The face unit fires where both layer-1 maps are zero
====================================================

The face unit at the face centre answers 4 although its own pixel is 0 in the eye map
and in the mouth map: it reads a whole 7x5 window of both maps, not one pixel.

So "the first map only says where a feature was found" does not stop the next layer:
the eyes and the mouth are elsewhere in the window, and the layer-2 kernel weighs every
position of it, in every channel at once. The orange boxes are the window and its
centre.
"""

import numpy as np

from convdemo import draw_smiley, smiley_face_detector
from convdemo.plotting import plot_feature_maps

detector = smiley_face_detector()
trace = detector.trace(draw_smiley("face")[None])
eye_map, mouth_map = trace[1]  # layer 1, after its ReLU
face_map = trace[3][0]  # layer 2, after its ReLU

unit = tuple(int(i) for i in np.argwhere(face_map)[0])  # the one unit that fires
height, width = detector[2].weight.shape[2:]  # its window: the kernel's 7x5
top, left = unit  # "valid" convolution: unit (r, c) reads rows r.., columns c..
centre = (top + height // 2, left + width // 2)

fig = plot_feature_maps(
    {"eye map": eye_map, "mouth map": mouth_map},
    boxes=[(top, left, height, width), (*centre, 1, 1)],
    title="The window of the firing unit, over both maps",
    alt=(
        f"The eye map and the mouth map of the face, with the {height} by {width} "
        "window of the firing face unit outlined in orange and its centre pixel boxed. "
        f"The centre holds {eye_map[centre]:g} in the eye map and "
        f"{mouth_map[centre]:g} in the mouth map; the eyes are in the window's top "
        "corners and the mouth in its bottom row."
    ),
)

# %%
print(f"face unit {unit} = {face_map[unit]:g}, reading input pixels around {centre}")
print(f"at {centre}: eye map {eye_map[centre]:g}, mouth map {mouth_map[centre]:g}")
window = np.s_[top : top + height, left : left + width]
print(
    f"non-zero in its window: {np.count_nonzero(eye_map[window])} eye pixels, "
    f"{np.count_nonzero(mouth_map[window])} mouth pixels"
)
