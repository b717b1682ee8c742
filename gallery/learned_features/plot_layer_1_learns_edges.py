"""
Trained on cars and pedestrians, layer 1 learns edge and line detectors
=======================================================================

Each of the four learned 5x5 layer-1 kernels resembles a hand-made detector, with
correlations from 0.55 to 0.87: a horizontal line, two horizontal edges and a vertical
edge. Three of four look at horizontal structure, which is what a car is made of.

Nobody told the network of :doc:`plot_train_cars_and_pedestrians` what an edge is. To
compare, each named 3x3 kernel that detects a pattern (weights summing to 0) is
stretched to 5x5 by linear interpolation, and the correlation of its 25 weights with a
learned kernel's is taken: 1 means the same pattern, -1 the same pattern with bright and
dark swapped. Top row: the learned kernels; bottom row: the best match, times the sign
of the correlation.
"""

import numpy as np

from convdemo import named_kernel, trained_tiny_cnn
from convdemo.plotting import plot_number_grids

learned = trained_tiny_cnn("cars_and_pedestrians").network[0].weight[:, 0]  # (4, 5, 5)


def stretch(kernel, size=5):
    """Resample a square kernel to size x size taps by linear interpolation."""
    where, taps = np.linspace(0, kernel.shape[0] - 1, size), np.arange(kernel.shape[0])
    rows = np.array([np.interp(where, taps, column) for column in kernel.T]).T
    return np.array([np.interp(where, taps, row) for row in rows])


detectors = ["sobel_x", "sobel_y", "prewitt_x", "prewitt_y"]
detectors += ["horizontal_line", "vertical_line", "laplacian", "outline"]
correlation = np.array(
    [
        [
            np.corrcoef(k.ravel(), stretch(named_kernel(n)).ravel())[0, 1]
            for n in detectors
        ]
        for k in learned
    ]
)
best = np.abs(correlation).argmax(axis=1)
matches = {}
for f, b in enumerate(best):
    sign = np.sign(correlation[f, b])
    name = f"{'-' if sign < 0 else ''}{detectors[b]}, r = {correlation[f, b]:+.2f}"
    matches[name] = sign * named_kernel(detectors[b]) + 0.0  # + 0.0: no -0
panels = {f"learned filter {f}": k for f, k in enumerate(learned)} | matches

fig = plot_number_grids(
    panels,
    kernels=list(panels),
    fmt="{:.1f}",
    ncols=len(learned),
    size=(2.6, 2.7),
    title="Learned kernels (top) and the hand-made ones they resemble",
    alt=(
        f"Top row: the {len(learned)} learned {learned.shape[1]} by {learned.shape[2]} "
        "kernels as numbers on a red-blue scale. Bottom row: the hand-made kernel "
        "each matches best, sign applied: " + ", ".join(matches) + "."
    ),
)

# %%
for f, b in enumerate(best):
    print(f"filter {f}: best match {detectors[b]:<16} r = {correlation[f, b]:+.2f}")

# %%
# The matches are not perfect: a learned kernel is whatever pattern helped the task,
# not a textbook filter. But the family resemblance is the one the :term:`hierarchy`
# predicts, edges and lines first. What layer 2 builds from them:
# :doc:`plot_feature_maps_layer_by_layer`.
