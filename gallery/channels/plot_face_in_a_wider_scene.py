"""
In a scene of four drawings, the face map lights up once
========================================================

The eye and mouth maps light up on every drawing that has eyes or a mouth; the face map
has a single non-zero unit, under the one correctly arranged face.

The four drawings of :doc:`plot_eyes_and_mouth_make_a_face` stand side by side in one
60-pixel-wide image, and the same detector runs over all of it. The face map is drawn in
input coordinates: a unit sits at the centre of the window it reads.
"""

import numpy as np

from convdemo import draw_smiley, smiley_face_detector
from convdemo.plotting import describe_map, plot_feature_maps

order = ["eyes_only", "swapped", "face", "mouth_only"]
scene = sum(
    draw_smiley(name, shape=(13, 60), centre=(6, 6 + 12 * i))
    for i, name in enumerate(order)
)
detector = smiley_face_detector()
trace = detector.trace(scene[None])
eyes, mouths = trace[1]
face_map = trace[3][0]

# a unit (r, c) reads the window whose centre is input pixel (r + 3, c + 2)
height, width = detector[2].weight.shape[2:]
r0, c0 = height // 2, width // 2
face_in_input = np.zeros_like(scene)
face_in_input[r0 : r0 + face_map.shape[0], c0 : c0 + face_map.shape[1]] = face_map
maps = {
    "input: eyes only, swapped, face, mouth only": scene,
    "layer 1, eye channel": eyes,
    "layer 1, mouth channel": mouths,
    "layer 2: face": face_in_input,
}
fig = plot_feature_maps(
    maps,
    ncols=1,
    size=(7.0, 1.9),
    label={
        "input: eyes only, swapped, face, mouth only": "ink",
        "layer 1, eye channel": "eye",
        "layer 1, mouth channel": "mouth",
    },
    title="Eyes and mouths everywhere, one face",
    alt=(
        f"A wide input holding four drawings, then the eye map, the mouth map and the "
        f"face map. {describe_map(face_in_input, name='The face map', fmt='{:g}')} "
        "That single unit sits under the third drawing, the correct face."
    ),
)

# %%
row, col = (int(i) for i in np.argwhere(face_in_input)[0])
print(f"face map non-zero at input pixel ({row}, {col}): {face_in_input[row, col]:g}")
print(f"the face drawing is centred at {(6, 6 + 12 * order.index('face'))}")
