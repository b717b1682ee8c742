"""
On handwriting, three layer-1 kernels are line and edge detectors; the rest are not
===================================================================================

Three of the digits network's eight learned 5x5 layer-1 kernels match a hand-made
detector better than 95% of random kernels do (a horizontal line at 0.77, a horizontal
edge at 0.71 and 0.60, where 95% of random kernels stay below 0.52); the other five are
no closer to any named kernel than chance (0.21 to 0.49, random median 0.32). On real
handwriting, layer 1 learns some of the classic detectors and patterns of its own that
no one named.

Nobody told the digits network what an edge is. Here each of its learned kernels is
compared with the named image-processing kernels of :func:`~convdemo.named_kernel` that
detect a pattern (their weights sum to 0). The named kernels are 3x3, so each is
stretched to 5x5 by linear interpolation (the same pattern, drawn larger), and we take
the correlation of the 25 weights: 1 is the same pattern, -1 the same with bright and
dark swapped, 0 nothing in common. To know what a correlation is worth, we also match
10,000 random 5x5 kernels.
"""

# %%
# Top row: the learned kernels; bottom row: the hand-made kernel each matches
# best (stretched to 5x5), times the sign of the correlation. Each kernel is
# divided by its largest absolute weight, so both rows share one red-blue scale.
import matplotlib.pyplot as plt
import numpy as np

from convdemo import KERNEL_NAMES, named_kernel, trained_digits_cnn
from convdemo.plotting import plot_number_grids, set_alt_text, show_tiles

network = trained_digits_cnn().network
learned = network[0].weight[:, 0]  # (8, 5, 5)
SIZE = learned.shape[-1]


def stretch(kernel, size=SIZE):
    """Resample a square kernel to size x size taps by linear interpolation."""
    where, taps = np.linspace(0, len(kernel) - 1, size), np.arange(len(kernel))
    rows = np.array([np.interp(where, taps, column) for column in kernel.T]).T
    return np.array([np.interp(where, taps, row) for row in rows])


detectors = [name for name in KERNEL_NAMES if named_kernel(name).sum() == 0]
named = np.array([stretch(named_kernel(n)).ravel() for n in detectors])
correlation = np.array([np.corrcoef(k.ravel(), named)[0, 1:] for k in learned])
best = np.abs(correlation).argmax(axis=1)
best_r = correlation[np.arange(len(learned)), best]
print("detectors:", ", ".join(detectors))
print("filter | best match       | correlation")
for f, b in enumerate(best):
    print(f"{f:6d} | {detectors[b]:<16} | {best_r[f]:+.3f}")
# How well does chance do? The best match of 10,000 random 5x5 kernels.
rng = np.random.default_rng(0)
random_best = np.array(
    [
        np.abs(np.corrcoef(k, named)[0, 1:]).max()
        for k in rng.normal(size=(10_000, SIZE**2))
    ]
)
chance, chance_95 = np.median(random_best), np.percentile(random_best, 95)
beyond = [f for f in range(len(learned)) if abs(best_r[f]) > chance_95]
print(
    f"random kernels' best match: median {chance:.2f}, 95th percentile {chance_95:.2f}"
)
print(f"filters matching better than 95% of random kernels: {beyond}")
rest = np.abs(np.delete(best_r, beyond))
print(f"the others: {rest.min():.2f} to {rest.max():.2f}")

signs = np.sign(best_r)
matched = np.array(
    [s * stretch(named_kernel(detectors[b])) for s, b in zip(signs, best, strict=True)]
)
tiles = np.concatenate([learned, matched])
tiles = (
    np.round(tiles / np.abs(tiles).max(axis=(1, 2), keepdims=True), 1) + 0.0
)  # no -0.0
titles = [f"learned {f}" for f in range(len(learned))]
titles += [
    f"{'-' if s < 0 else ''}{detectors[b]}\nr = {r:+.2f}"
    for s, b, r in zip(signs, best, best_r, strict=True)
]
fig = plt.figure(figsize=(11, 3.8), layout="constrained")
show_tiles(
    fig,
    tiles,
    titles=titles,
    kind="signed",
    vmax=1.0,
    label="weight / largest |weight|",
)
set_alt_text(
    fig,
    f"Two rows of {len(learned)} kernels, {SIZE} by {SIZE} weights each, on a red-blue "
    "scale. Top: the learned first-layer kernels. Bottom: the hand-made detector each "
    "matches best, with the correlation. Kernels "
    f"{', '.join(map(str, beyond))} match theirs closely ("
    + ", ".join(f"{detectors[best[f]]} {best_r[f]:+.2f}" for f in beyond)
    + f"); the others match no better than random kernels do (median {chance:.2f}).",
)
plt.show()

# %%
# The weights of the kernels that match a detector, written out (divided by the
# largest absolute weight and rounded, as above): sixteen small tiles have no room
# for 25 numbers each, three large grids do.
grids = {f"learned {f} ({detectors[best[f]]})": tiles[f] for f in beyond}
fig = plot_number_grids(
    grids,
    fmt="{:.1f}",
    size=(3.2, 3.2),
    title="The learned kernels that match a detector, weight by weight",
    alt=f"{len(grids)} grids of {SIZE} by {SIZE} numbers: "
    + "; ".join(
        f"learned kernel {f}, closest to {detectors[best[f]]}, from "
        f"{tiles[f].min():.1f} to {tiles[f].max():.1f}"
        for f in beyond
    )
    + ".",
)
plt.show()

# %%
# Even the closest learned kernels are not copies of hand-made ones: their
# weights are uneven and lean towards a diagonal, because handwritten strokes
# slant. The others mix a stroke detector with a blob of one sign (they respond
# to ink itself, graded by how much), a pattern the named kernels do not have.
# :ref:`sphx_glr_auto_examples_learned_features_plot_digits_layer1_maps.py`
# shows what they make of one digit.
