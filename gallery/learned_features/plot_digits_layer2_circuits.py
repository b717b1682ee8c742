"""
Layer-2 units of the digits network are circuits of a few layer-1 edge maps
===========================================================================

Each of the four strongest layer-2 units reads all eight layer-1 channels, its two
strongest holding 31% to 40% of the kernel's absolute weight (an even spread would give
25%), and its favourite patches are one arrangement of strokes taken from different
digits: a thick horizontal stroke (unit 11, from 2s and 3s), two slanting strokes side
by side (unit 5, from 3s, 6s and 8s), a slanting stroke with paper beside it (unit 13,
from 0s, 1s and 7s).

A layer-2 kernel has one 3x3 slice per layer-1 channel: :func:`~convdemo.read_circuit`
reads it as "which layer-1 features, and where" :cite:p:`olah2020zoom`, strongest
first, with excitation and inhibition. Next to each circuit we show the unit's
favourite held-out patches (:func:`~convdemo.top_activating_patches`), cropped to its
receptive field: the 10x10 pixels of the digit it can see
:cite:p:`zeiler2014visualizing`.
"""

# %%
# We show the four layer-2 units with the largest responses over the held-out
# digits. For each, the strongest three edges of its circuit: the layer-1
# channel, its excitation (sum of positive weights) and inhibition (sum of
# negative ones).
#
# Row by row, the eight held-out patches (10x10 pixels) that excite each unit
# most, best first, with the digit each comes from.
import matplotlib.pyplot as plt
import numpy as np

from convdemo import (
    Stack,
    read_circuit,
    receptive_field,
    top_activating_patches,
    trained_digits_cnn,
)
from convdemo.plotting import set_alt_text, show_tiles

example = trained_digits_cnn()
network, x_test, y_test = example.network, example.test_images, example.test_labels
LAYER = 4  # the ReLU after the second convolution
field = receptive_field(Stack(network.layers[: LAYER + 1]))[-1]
print(
    f"layer {LAYER} ({network[LAYER].name} after {network[3].name}): field {field.size}"
)
peak = network.trace(x_test)[LAYER].max(axis=(0, 2, 3))
UNITS = [int(u) for u in np.argsort(-peak, kind="stable")[:4]]
circuits = {u: read_circuit(network[3], u) for u in UNITS}
top = {u: top_activating_patches(network, x_test, LAYER, u, k=8) for u in UNITS}
strength = {}
for u in UNITS:
    total = sum(e.excitation - e.inhibition for e in circuits[u])
    strength[u] = sum(e.excitation - e.inhibition for e in circuits[u][:2]) / total
    edges = ", ".join(
        f"ch {e.in_channel} (+{e.excitation:.2f}/{e.inhibition:.2f})"
        for e in circuits[u][:3]
    )
    digits = sorted({int(y_test[n]) for n in top[u].locations[:, 0]})
    print(
        f"unit {u:2d}: peak {peak[u]:.2f}; strongest {edges}; top two hold "
        f"{strength[u]:.0%}; favourite patches from digits {digits}"
    )

patches = np.concatenate([top[u].patches[:, 0] for u in UNITS])
titles = [
    f"unit {u}: {v:.1f}\n(a {y_test[n]})"
    for u in UNITS
    for v, n in zip(top[u].values, top[u].locations[:, 0], strict=True)
]
fig = plt.figure(figsize=(10, 6.4), layout="constrained")
show_tiles(fig, patches, titles=titles, columns=8)
set_alt_text(
    fig,
    f"{len(UNITS)} rows of {len(patches) // len(UNITS)} gray patches of handwriting, "
    f"{field.size[0]} by {field.size[1]} pixels each: the favourite patches of "
    f"second-layer units {', '.join(map(str, UNITS))}, captioned with the unit's "
    "response and the digit each patch comes from. Within a row the patches share one "
    "arrangement of strokes.",
)
plt.show()

# %%
# The circuits
# ------------
# For each unit (one row), the 3x3 kernel slices that read its three strongest
# layer-1 channels: red where that channel's edge should be, blue where it
# must not be.
slices = np.array([e.weights for u in UNITS for e in circuits[u][:3]])
titles = [f"unit {u} reads ch {e.in_channel}" for u in UNITS for e in circuits[u][:3]]
fig = plt.figure(figsize=(6.4, 8), layout="constrained")
show_tiles(fig, slices, titles=titles, columns=3, kind="signed", numbers="{:.1f}")
set_alt_text(
    fig,
    f"{len(UNITS)} rows of {len(slices) // len(UNITS)} weight grids, "
    f"{slices.shape[1]} by {slices.shape[2]} each, on a red-blue scale: for "
    f"second-layer units {', '.join(map(str, UNITS))}, the slices of the kernel that "
    f"read their {len(slices) // len(UNITS)} strongest first-layer channels; the top "
    f"two channels hold {min(strength.values()):.0%} to {max(strength.values()):.0%} "
    "of each kernel's absolute weight.",
)
plt.show()

# %%
# A unit is a small circuit: "edge map A here, and edge map B there, and not
# edge map C". On handwriting the arrangements it learns are pieces of digits.
# :ref:`sphx_glr_auto_examples_learned_features_plot_digits_layer2_new_feature.py`
# takes one unit apart, channel by channel, to show that it fires for a
# combination that no layer-1 map holds alone.
