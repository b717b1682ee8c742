"""
A two-channel kernel adds what each slice sees in its own channel
=================================================================

Layer 2's output is its eye slice run over the eye map, plus its mouth slice run over
the mouth map, plus the bias: at the face centre, 8 + 8 - 12 = 4.

The face kernel of :func:`~convdemo.smiley_face_detector` is 7x5 and has two slices,
one per layer-1 channel. Run each slice over its own channel with
:func:`~convdemo.conv2d`, add the two maps and the bias, and you get exactly what the
layer computes with its two-channel kernel in one call.
"""

import numpy as np

from convdemo import conv2d, draw_smiley, smiley_face_detector
from convdemo.plotting import describe_map, plot_feature_maps

detector = smiley_face_detector()
trace = detector.trace(draw_smiley("face")[None])
eye_map, mouth_map = trace[1]  # layer 1, after its ReLU
eye_slice, mouth_slice = detector[2].weight[0]
bias = detector[2].bias[0]

eye_part = conv2d(eye_map, eye_slice)
mouth_part = conv2d(mouth_map, mouth_slice)
by_hand = eye_part + mouth_part + bias
layer_2 = trace[2][0]  # the layer's own output, before its ReLU

maps = {
    "eye slice on the eye map": eye_part,
    "mouth slice on the mouth map": mouth_part,
    f"sum + bias ({bias:g})": by_hand,
    "face map (after ReLU)": trace[3][0],
}
fig = plot_feature_maps(
    maps,
    ncols=2,
    label="contribution",
    title="Each slice reads its own channel; the layer adds them",
    alt=" ".join(
        describe_map(value, name=f"The panel {name}", fmt="{:g}")
        for name, value in maps.items()
    ),
)

# %%
centre = np.unravel_index(by_hand.argmax(), by_hand.shape)
print("largest difference, by hand vs the layer:", np.abs(by_hand - layer_2).max())
print(
    f"at the face centre: {eye_part[centre]:g} + {mouth_part[centre]:g} "
    f"+ ({bias:g}) = {by_hand[centre]:g}"
)

# %%
# With more channels the recipe is the same: one slice per channel, all the products
# added. The whole walk, map by map, is the tutorial
# :ref:`sphx_glr_auto_tutorials_plot_how_layer_2_finds_a_face.py`.
