"""
A trained network builds its own eyes + mouth = face unit, messier than the hand-built one
==========================================================================================

In :ref:`sphx_glr_auto_examples_channels_plot_eyes_and_mouth_make_a_face.py` we
built a face detector by hand: an "eye" channel (vertical strokes) and a
"mouth" channel (horizontal strokes) in layer 1, and a layer-2 kernel that
wants eyes in its upper part and a mouth in its lower part.

Does a network find the same plan on its own? We train the same small
:func:`~convdemo.tiny_cnn` (with 3x3 kernels in layer 1) to tell smileys from
scrambled smileys: the mouth above the eyes, eyes alone, or a mouth alone. No
one tells it what an eye or a mouth is.

**Finding:** yes, roughly. Two learned layer-1 channels answer eyes more than
mouths, one answers mouths more than eyes, and the layer-2 unit that best tells
faces apart reads the eye channels with its top row and the mouth channel with
its bottom row, as the hand-built one does. But the learned circuit is
messier: it adds a fourth, "empty background" channel that it reads as a brake,
and no single unit separates faces perfectly (the best one ranks a face above a
scrambled face in 91 % of pairs); the network needs all eight together to reach
100 % test accuracy.
"""

# %%
# The task
# --------
# 15x15 images: a smiley (label 1) or its parts in the wrong arrangement
# (label 0), at a random place, with a random contrast and pixel noise.
import matplotlib.pyplot as plt
import numpy as np

from convdemo import (
    KERNEL_NAMES,
    SMILEY_ARRANGEMENTS,
    Stack,
    draw_smiley,
    named_kernel,
    read_circuit,
    smiley_face_detector,
    trained_tiny_cnn,
)
from convdemo.plotting import set_alt_text, show_image, show_kernel

example = trained_tiny_cnn("smiley")
network = example.network
x_train, y_train = example.train_images, example.train_labels
x_test, y_test = example.test_images, example.test_labels

fig, axes = plt.subplots(2, 6, figsize=(9, 3.4), layout="constrained")
for label, row in enumerate(axes):
    for ax, index in zip(row, np.flatnonzero(y_train == label)[:6], strict=True):
        show_image(ax, x_train[index, 0], title=f"#{index}")
        ax.set(xticks=[], yticks=[], xlabel=None, ylabel=None)
    row[0].set_ylabel(["scrambled (0)", "face (1)"][label])
set_alt_text(
    fig,
    "Twelve 15 by 15 training images. Bottom row: six smileys, two short vertical eye "
    "strokes above a horizontal mouth stroke. Top row: six scrambled ones: a mouth above "
    "the eyes, eyes alone, or a mouth alone. All are noisy and at random places.",
)
plt.show()

history = example.history
print("epoch | loss   | test accuracy")
for epoch, (loss, acc) in enumerate(
    zip(history.loss, history.test_accuracy, strict=True), 1
):
    print(f"{epoch:5d} | {loss:.4f} | {acc:.4f}")
print(f"final test accuracy on {len(y_test)} images: {history.test_accuracy[-1]:.4f}")

# %%
# Layer 1: two eye channels, a mouth channel, and a surprise
# ----------------------------------------------------------
# The four learned 3x3 kernels, and the hand-made kernel each correlates with
# best (among the pattern detectors: weights summing to 0). To see what each
# channel *does*, we also run layer 1 (and its ReLU) on a clean drawing of the
# eyes alone and of the mouth alone, and record each channel's strongest
# response.
detectors = [name for name in KERNEL_NAMES if named_kernel(name).sum() == 0]
learned = network[0].weight[:, 0]
layer1 = Stack(network.layers[:2])
blank = draw_smiley("blank", shape=(15, 15))[None]
eyes = layer1.forward(draw_smiley("eyes_only", shape=(15, 15))[None]).max(axis=(1, 2))
mouth = layer1.forward(draw_smiley("mouth_only", shape=(15, 15))[None]).max(axis=(1, 2))
empty = layer1.forward(blank)
print(
    "channel | best named kernel       | peak on eyes | peak on mouth | on a blank image"
)
best_matches = []  # (name, correlation) per channel
for c, kernel in enumerate(learned):
    corr = [
        np.corrcoef(kernel.ravel(), named_kernel(n).ravel())[0, 1] for n in detectors
    ]
    b = int(np.argmax(np.abs(corr)))
    best_matches.append((detectors[b], corr[b]))
    print(
        f"{c:7d} | {detectors[b]:<15} ({corr[b]:+.2f}) | {eyes[c]:12.2f} | {mouth[c]:13.2f} | "
        f"{empty[c].min():.2f} to {empty[c].max():.2f}"
    )

ROLE = {0: "mouth", 1: "background", 2: "eye (right side)", 3: "eye (left side)"}
fig, axes = plt.subplots(
    1, 5, figsize=(10, 2.9), layout="constrained", width_ratios=[1, 1, 1, 1, 1.6]
)
for c in range(4):
    show_kernel(axes[c], learned[c], title=f"ch {c}: {ROLE[c]}", fmt="{:.1f}")
    axes[c].set(xlabel=None, ylabel=None)
channels = np.arange(4)
axes[4].bar(channels - 0.2, eyes, 0.4, color="#0072b2", label="eyes alone")
axes[4].bar(channels + 0.2, mouth, 0.4, color="#d55e00", label="mouth alone")
axes[4].set(xlabel="layer-1 channel", ylabel="peak response", xticks=channels)
axes[4].legend(fontsize=8)
axes[4].grid(axis="y", alpha=0.3)
set_alt_text(
    fig,
    "The four learned 3 by 3 layer-1 kernels on a red-blue scale, and a bar chart of each "
    "channel's peak response to the eyes alone and to the mouth alone. Channel 0, with red "
    "top and bottom rows, answers the mouth (4.2) more than the eyes (1.2); channels 2 and "
    "3, red on one side and blue on the other, answer the eyes (2.4, 2.6) more than the "
    "mouth (1.2, 1.4); channel 1, mostly blue, answers 0.5 to both.",
)
plt.show()

# %%
# Channels 2 and 3 are vertical-edge detectors (``prewitt_x`` with either sign):
# the right and the left side of a vertical stroke, which is what an eye is.
# Channel 0 has positive top and bottom rows: it fires when a horizontal stroke
# runs along its top or bottom row, so it answers the mouth most. Channel 1 is
# the surprise: all its weights are negative or near zero and its bias is
# positive, so it outputs a constant on empty background and drops to 0 near
# ink. It is an **"empty background"** detector; the hand-built network has no
# such channel.
print(
    "channel 1 bias:",
    network[0].bias[1].round(3),
    "| weights sum:",
    learned[1].sum().round(3),
)

# %%
# Which layer-2 unit is the face detector?
# ----------------------------------------
# For each layer-2 channel we take its global average, "how much of this
# feature is in the image", on every test image, and ask how well that one
# number separates faces from scrambled faces: the fraction of (face,
# scrambled) pairs in which the face gets the larger number. 1 is perfect
# separation, 0.5 none, below 0.5 a unit that prefers scrambled faces.
averages = network.trace(x_test)[5]
faces, scrambled = averages[y_test == 1], averages[y_test == 0]
separation = np.array(
    [(faces[:, u, None] > scrambled[None, :, u]).mean() for u in range(8)]
)
for u in range(8):
    print(
        f"unit {u}: mean on faces {faces[:, u].mean():.3f}, on scrambled "
        f"{scrambled[:, u].mean():.3f}, face larger in {separation[u]:.1%} of pairs"
    )
face_unit = int(separation.argmax())
print("best face unit:", face_unit)

# %%
# The units also answer clean drawings of each arrangement very differently.
# Unit 3 (and its look-alikes 1, 4 and 6) answers the face most; unit 2 answers
# a mouth without eyes, unit 5 eyes without a mouth: the network keeps
# detectors for the *wrong* arrangements too, and its read-out votes against
# them.
drawings = np.stack([draw_smiley(a, shape=(15, 15)) for a in SMILEY_ARRANGEMENTS])[
    :, None
]
clean = network.trace(drawings)[5]  # (5 arrangements, 8 units)
print("unit | " + " | ".join(f"{a:>10}" for a in SMILEY_ARRANGEMENTS))
for u in range(8):
    print(f"{u:4d} | " + " | ".join(f"{v:10.2f}" for v in clean[:, u]))
readout = network[6].weight[1] - network[6].weight[0]
print("read-out weight (face - scrambled) per unit:", np.round(readout, 2).tolist())

fig, (ax_sep, ax_clean) = plt.subplots(
    1, 2, figsize=(10, 3.6), layout="constrained", width_ratios=[1, 1.3]
)
colours = ["#0072b2" if u == face_unit else "#999999" for u in range(8)]
bars = ax_sep.bar(np.arange(8), separation, color=colours)
ax_sep.bar_label(bars, fmt="%.2f", fontsize=8)
ax_sep.axhline(0.5, color="black", linestyle="--", linewidth=1)
ax_sep.set(
    xlabel="layer-2 unit", ylabel="fraction of pairs", ylim=(0, 1.05), xticks=range(8)
)
ax_sep.set_title("Test set: face's average larger than scrambled")
image = ax_clean.imshow(clean.T, cmap="viridis", aspect="auto")
ax_clean.set_xticks(range(len(SMILEY_ARRANGEMENTS)), SMILEY_ARRANGEMENTS)
ax_clean.set_yticks(range(8))
ax_clean.set(xlabel="clean drawing", ylabel="layer-2 unit")
ax_clean.set_title("Global average on clean drawings")
for (a, u), value in np.ndenumerate(clean):
    ax_clean.text(
        a,
        u,
        f"{value:.1f}",
        ha="center",
        va="center",
        fontsize=8,
        color="black" if value > 0.6 * clean.max() else "white",
    )
fig.colorbar(image, ax=ax_clean, label="global average")
set_alt_text(
    fig,
    "Left: for each of the eight layer-2 units, the fraction of test face-scrambled pairs "
    "in which the face has the larger global average; unit 3 is highest at 0.91, units 1, "
    "4 and 6 close behind, units 0, 2 and 5 below 0.5. Right: a table of each unit's "
    "global average on clean drawings of a face, swapped face, eyes only, mouth only and "
    "a blank image; units 1, 3, 4 and 6 are brightest for the face, unit 2 for the mouth "
    "only, unit 5 for the eyes only.",
)
plt.show()

# %%
# Reading the face unit as a circuit
# ----------------------------------
# :func:`~convdemo.read_circuit` splits the face unit's 3x3x4 kernel into one
# 3x3 slice per layer-1 channel, strongest first. Each slice is laid over the
# *pooled* layer-1 map, so its top row looks at the upper half of the unit's
# 8x8-pixel window and its bottom row at the lower half. Next to it, the
# hand-built face kernel: a 7x5 slice for the eye map and one for the mouth map.
edges = read_circuit(network[3], face_unit)
hand_built = smiley_face_detector()[2]
print(f"unit {face_unit}: bias {network[3].bias[face_unit]:.2f}")
print("channel (role)         | excitation: top row | middle | bottom | inhibition")
for edge in edges:
    excitation = np.clip(edge.weights, 0, None).sum(axis=1)
    role = f"{edge.in_channel} ({ROLE[edge.in_channel]})"
    print(
        f"{role:<22} | {excitation[0]:19.2f} | "
        f"{excitation[1]:6.2f} | {excitation[2]:6.2f} | {edge.inhibition:10.2f}"
    )

fig = plt.figure(figsize=(10, 6.4), layout="constrained")
learned_figure, hand_figure = fig.subfigures(2, 1, height_ratios=[1, 1.25])
for ax, edge in zip(learned_figure.subplots(1, 4), edges, strict=True):
    title = f"reads ch {edge.in_channel}:\n{ROLE[edge.in_channel]}"
    show_kernel(ax, edge.weights, title=title, fmt="{:.2f}")
    ax.set(xlabel=None, ylabel=None)
learned_figure.suptitle(
    f"Learned: layer-2 unit {face_unit}, one 3x3 slice per layer-1 channel"
)
for ax, c, role in zip(
    hand_figure.subplots(1, 2), (0, 1), ("eye", "mouth"), strict=True
):
    show_kernel(ax, hand_built.weight[0, c], title=f"reads the {role} map", fmt="{:g}")
    ax.set(xlabel=None, ylabel=None)
hand_figure.suptitle("Hand-built face unit: one 7x5 slice per layer-1 channel")
set_alt_text(
    fig,
    "Top: the four 3 by 3 slices of the learned face unit on a red-blue scale. The slices "
    "reading the two eye channels are red in the top row; the slice reading the mouth "
    "channel is red in the bottom row and blue in the top row; the slice reading the "
    "background channel is blue everywhere. Bottom: the hand-built face kernel, ones in "
    "the top corners of the eye slice and halves along the bottom row of the mouth slice.",
)
plt.show()

# %%
# The plan is the hand-built one. The two eye channels put most of their
# positive weight in the **top** row (2.93 of 3.87 and 1.53 of 2.35); the mouth
# channel puts most of its positive weight in the **bottom** row (2.67 of 3.28)
# and is negative in the top row, where a mouth would mean a swapped face.
#
# The differences are the messy part: the eye slices also have some negative
# weight in their bottom rows, the right-eye channel leaks 0.61 into the bottom
# row, and the strongest slice of all is the **background brake**: every one of
# its nine weights is negative, so empty space in the window lowers the unit.
# The hand-built unit uses a single bias of -12 for the same job.
top_share_eyes = sum(
    np.clip(e.weights, 0, None)[0].sum() for e in edges if e.in_channel in (2, 3)
) / sum(e.excitation for e in edges if e.in_channel in (2, 3))
bottom_share_mouth = next(
    np.clip(e.weights, 0, None)[2].sum() / e.excitation
    for e in edges
    if e.in_channel == 0
)
print(f"eye channels: {top_share_eyes:.0%} of their excitation in the top row")
print(f"mouth channel: {bottom_share_mouth:.0%} of its excitation in the bottom row")

# %%
# Learned against hand-built, on the same noisy test set
# ------------------------------------------------------
# The hand-built unit was designed for clean, full-contrast strokes: its bias
# of -12 needs both parts at full strength. On the noisy test images, with
# contrasts between 0.6 and 1, we take its strongest response anywhere in the
# image and ask the same question as above.
detector = smiley_face_detector()
strongest = detector.forward(x_test).max(axis=(1, 2, 3))
hand_faces, hand_scrambled = strongest[y_test == 1], strongest[y_test == 0]
hand_separation = (hand_faces[:, None] > hand_scrambled[None, :]).mean() + 0.5 * (
    hand_faces[:, None] == hand_scrambled[None, :]
).mean()
print(
    f"hand-built unit fires on {np.mean(hand_faces > 0):.0%} of faces, "
    f"{np.mean(hand_scrambled > 0):.0%} of scrambled faces"
)
print(
    f"hand-built: face ranked higher in {hand_separation:.1%} of pairs (ties count half)"
)
print(
    f"learned unit {face_unit}: {separation[face_unit]:.1%}; whole network: "
    f"{history.test_accuracy[-1]:.0%} test accuracy"
)

# %%
# The hand-built unit never fires on a scrambled face, but it stays silent on
# three faces in four: it is clean and brittle. The learned unit is messy and
# graded, and the network does not rely on it alone: it weighs eight such units,
# face detectors and wrong-arrangement detectors, and gets every test image
# right. That is what "the learned features are more abstract" looks like in a
# network small enough to read.

# sphinx_gallery_thumbnail_number = 4
