"""
On noisy smileys no single face unit is enough; the trained network weighs eight
================================================================================

The hand-built face unit never fires on a scrambled face but misses most faces, and the
best learned unit still ranks a scrambled face above a face in some pairs; the trained
network gets every held-out image right by weighing all eight layer-2 units, including
units for the *wrong* arrangements
(:doc:`plot_smiley_units_for_the_wrong_arrangements`).

The hand-built unit of :func:`~convdemo.smiley_face_detector` was designed for clean,
full-contrast strokes: its bias silences it unless both parts are drawn at high
contrast. The 400 held-out images have contrasts between 0.6 and 1, and noise. For each
learned unit we take its global average on each image, for the hand-built unit its
strongest response anywhere, and count the (face, scrambled) pairs in which the face
gets the larger number (ties count half): 1 is perfect separation, 0.5 none, below 0.5
a unit that prefers scrambled faces.
"""

import numpy as np

from convdemo import smiley_face_detector, trained_tiny_cnn
from convdemo.plotting import plot_bars

example = trained_tiny_cnn("smiley")
network, x_test, y_test = example.network, example.test_images, example.test_labels


def separation(scores):
    """The fraction of (face, scrambled) pairs in which the face scores higher."""
    faces, scrambled = scores[y_test == 1, None], scores[None, y_test == 0]
    return (faces > scrambled).mean() + 0.5 * (faces == scrambled).mean()


averages = network.trace(x_test)[5]  # (400, 8): the layer-2 global averages
hand = smiley_face_detector().forward(x_test).max(axis=(1, 2, 3))
values = {f"unit {u}": separation(averages[:, u]) for u in range(averages.shape[1])}
values["hand-built"] = separation(hand)
best = max(values, key=values.get)
accuracy = example.history.test_accuracy[-1]

fig = plot_bars(
    values,
    ylabel="pairs with the face ranked higher",
    highlight=[best, "hand-built"],
    fmt="%.2f",
    size=(8.0, 3.8),
    title=f"No unit alone separates faces; the network does ({accuracy:.0%} right)",
    alt=(
        "Bars of the fraction of held-out (face, scrambled) pairs in which each unit "
        "ranks the face higher: "
        + ", ".join(f"{name} {v:.2f}" for name, v in values.items())
        + f". The best learned unit is {best}; the whole network classifies "
        f"{accuracy:.0%} of the {len(y_test)} images correctly."
    ),
)

# %%
faces, scrambled = hand[y_test == 1], hand[y_test == 0]
print(
    f"hand-built unit fires on {np.mean(faces > 0):.0%} of faces and "
    f"{np.mean(scrambled > 0):.0%} of scrambled faces; "
    f"face ranked higher in {values['hand-built']:.0%} of pairs"
)
print(f"best learned unit: {best}, {values[best]:.0%}; the network: {accuracy:.0%}")

# %%
# The hand-built unit is clean and brittle. The learned units are messy and graded,
# and the network does not rely on any one of them: it weighs face detectors and
# wrong-arrangement detectors together. That is what "the learned features are more
# abstract" looks like in a network small enough to read.
