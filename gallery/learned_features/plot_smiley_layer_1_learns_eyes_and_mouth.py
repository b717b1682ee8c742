"""
Trained on smileys, layer 1 learns eye channels, a mouth channel and a background one
=====================================================================================

Nobody tells the network what an eye or a mouth is, yet two of its four layer-1
channels answer eyes more than a mouth, one answers a mouth more than eyes, and the
fourth is constant on empty background and silent near ink.

In :ref:`sphx_glr_auto_examples_channels_plot_eyes_and_mouth_make_a_face.py` we chose
layer 1 by hand: a vertical-line "eye" channel and a horizontal-line "mouth" channel.
Here :func:`~convdemo.trained_tiny_cnn` trains :func:`~convdemo.tiny_cnn` (four 3x3
kernels in layer 1) to tell 15x15 smileys from scrambled ones: the mouth above the
eyes, eyes alone or a mouth alone, at a random place and contrast, with noise. We run
layer 1 and its ReLU on clean drawings of the eyes alone, the mouth alone and a blank
image, and keep each channel's strongest response.
"""

import numpy as np

from convdemo import KERNEL_NAMES, Stack, draw_smiley, named_kernel, trained_tiny_cnn
from convdemo.plotting import plot_number_grids

example = trained_tiny_cnn("smiley")
network, history = example.network, example.history
accuracy = history.test_accuracy[-1]
print(f"held-out accuracy after {len(history.loss)} epochs: {accuracy:.0%}")

layer1 = Stack(network.layers[:2])  # the four convolutions and their ReLU
peak = {
    name: layer1.forward(draw_smiley(name, shape=(15, 15))[None]).max(axis=(1, 2))
    for name in ("eyes_only", "mouth_only", "blank")
}
eyes, mouth, blank = peak["eyes_only"], peak["mouth_only"], peak["blank"]
roles = [
    "background" if b > 0 else "eye" if e > m else "mouth"
    for e, m, b in zip(eyes, mouth, blank, strict=True)
]

# the hand-made pattern detector (weights summing to 0) each kernel resembles most
learned = network[0].weight[:, 0]  # (4, 3, 3)
detectors = [name for name in KERNEL_NAMES if named_kernel(name).sum() == 0]
correlation = np.array(
    [
        [np.corrcoef(k.ravel(), named_kernel(n).ravel())[0, 1] for n in detectors]
        for k in learned
    ]
)
best = np.abs(correlation).argmax(axis=1)

panels = {
    f"ch {c}: {roles[c]}\neyes {eyes[c]:.1f}, mouth {mouth[c]:.1f}": kernel
    for c, kernel in enumerate(learned)
}
fig = plot_number_grids(
    panels,
    kernels=list(panels),
    fmt="{:.1f}",
    size=(2.6, 2.9),
    title="Learned layer-1 kernels, and each channel's peak on eyes and on a mouth",
    alt=(
        f"The {len(learned)} learned {learned.shape[1]} by {learned.shape[2]} "
        "first-layer kernels as numbers on a red-blue scale, captioned with their "
        "peak response to the eyes alone and to the mouth alone: "
        + "; ".join(
            f"channel {c}, {roles[c]}, {eyes[c]:.1f} and {mouth[c]:.1f}"
            + (f", {blank[c]:.2f} on a blank image" if blank[c] > 0 else "")
            for c in range(len(learned))
        )
        + "."
    ),
)

# %%
print("channel | role       | best named kernel       | eyes | mouth | blank")
for c, role in enumerate(roles):
    b = best[c]
    print(
        f"{c:7d} | {role:<10} | {detectors[b]:<15} ({correlation[c, b]:+.2f}) | "
        f"{eyes[c]:4.2f} | {mouth[c]:5.2f} | {blank[c]:.2f}"
    )
c = roles.index("background")
print(
    f"channel {c}: bias {network[0].bias[c]:+.2f}, weights summing to "
    f"{learned[c].sum():+.2f}"
)

# %%
# The eye channels are vertical-edge detectors (``prewitt_x`` with either sign): the
# left and the right side of a vertical stroke, which is what an eye is. The mouth
# channel has positive top and bottom rows, so a horizontal stroke along either row
# excites it. The background channel is the surprise: its weights are negative or
# near 0 and its bias positive, so it outputs its bias on empty paper and drops to 0
# near ink; the hand-built network has no such channel. What layer 2 builds from the
# four: :doc:`plot_smiley_face_unit_reads_eyes_above_mouth`.
