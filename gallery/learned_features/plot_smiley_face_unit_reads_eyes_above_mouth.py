"""
The trained network's face unit wants eyes in its top row and a mouth in its bottom row
=======================================================================================

The layer-2 unit that best tells smileys from scrambled ones puts most of its eye
channels' positive weight in its top row and most of its mouth channel's in its bottom
row: the plan of the hand-built face kernel, found by training.

Layer 1 of this network (:doc:`plot_smiley_layer_1_learns_eyes_and_mouth`) has eye,
mouth and background channels. For each of the eight layer-2 units we take its global
average, "how much of this feature is in the image", on the 400 held-out images, and
count the (face, scrambled) pairs in which the face gets the larger number: 1 is
perfect separation, 0.5 none. :func:`~convdemo.read_circuit` then splits the best
unit's 3x3x4 kernel into one 3x3 slice per layer-1 channel, strongest first. A slice
lies over the *pooled* layer-1 map, so its top row sees the upper half of the unit's
window, its bottom row the lower half.
"""

import numpy as np

from convdemo import (
    Stack,
    draw_smiley,
    read_circuit,
    smiley_face_detector,
    trained_tiny_cnn,
)
from convdemo.plotting import plot_number_grids

example = trained_tiny_cnn("smiley")
network, x_test, y_test = example.network, example.test_images, example.test_labels
averages = network.trace(x_test)[5]  # (400, 8): the layer-2 global averages
faces, scrambled = averages[y_test == 1], averages[y_test == 0]
separation = (faces[:, None, :] > scrambled[None, :, :]).mean(axis=(0, 1))
face_unit = int(separation.argmax())
print(
    f"face unit: {face_unit}, the face larger in {separation[face_unit]:.0%} of pairs"
)

# what each layer-1 channel answers (as on the layer-1 page)
layer1 = Stack(network.layers[:2])
eyes, mouth, blank = (
    layer1.forward(draw_smiley(name, shape=(15, 15))[None]).max(axis=(1, 2))
    for name in ("eyes_only", "mouth_only", "blank")
)
roles = [
    "background" if b > 0 else "eye" if e > m else "mouth"
    for e, m, b in zip(eyes, mouth, blank, strict=True)
]

edges = read_circuit(network[3], face_unit)
hand_built = smiley_face_detector()[2].weight[0]  # (2, 7, 5): eye slice, mouth slice
panels = {
    f"unit {face_unit} reads ch {e.in_channel}\n({roles[e.in_channel]})": e.weights
    for e in edges
}
panels |= {
    f"hand-built:\nreads the {r} map": w
    for r, w in zip(("eye", "mouth"), hand_built, strict=True)
}
fig = plot_number_grids(
    panels,
    kernels=list(panels),
    fmt="{:.1f}",
    ncols=len(edges),
    size=(2.6, 2.9),
    title=f"Learned unit {face_unit} (top) and the hand-built face unit (bottom)",
    alt=(
        f"Kernel slices as numbers on a red-blue scale. Top: the {len(edges)} slices "
        f"of learned unit {face_unit}, one per first-layer channel, strongest first. "
        "Bottom: the hand-built face kernel's two slices. The sum of each slice's "
        "positive weights, row by row from the top: "
        + "; ".join(
            " ".join(name.split())
            + ", "
            + ", ".join(f"{v:.1f}" for v in np.clip(w, 0, None).sum(axis=1))
            for name, w in panels.items()
        )
        + "."
    ),
)

# %%
by_role = {}
for e in edges:
    rows = np.clip(e.weights, 0, None).sum(axis=1)  # excitation: top, middle, bottom
    by_role.setdefault(roles[e.in_channel], []).append(rows)
    print(
        f"ch {e.in_channel} ({roles[e.in_channel]:>10}): excitation by row "
        f"{rows.round(2).tolist()}, inhibition {e.inhibition:.2f}"
    )
top_share_eyes = np.sum(by_role["eye"], axis=0)[0] / np.sum(by_role["eye"])
bottom_share_mouth = np.sum(by_role["mouth"], axis=0)[2] / np.sum(by_role["mouth"])
print(f"eye channels: {top_share_eyes:.0%} of their excitation in the top row")
print(f"mouth channel: {bottom_share_mouth:.0%} of its excitation in the bottom row")

# %%
# The learned plan is messier than the hand-built one. The mouth slice is negative
# along its top row, where a mouth would mean a swapped face; the eye slices keep some
# weight in their lower rows; and the strongest slice of all reads the background
# channel and is negative everywhere: empty paper in the window is a **brake** on the
# unit. The hand-built unit does the same job with one bias.
print(
    f"strongest slice: ch {edges[0].in_channel} ({roles[edges[0].in_channel]}), "
    f"largest weight {edges[0].weights.max():.2f}"
)
print(
    f"biases: learned {network[3].bias[face_unit]:.2f}, "
    f"hand-built {smiley_face_detector()[2].bias[0]:g}"
)

# %%
# The other seven units, some of them built for the wrong arrangements:
# :doc:`plot_smiley_units_for_the_wrong_arrangements`.
