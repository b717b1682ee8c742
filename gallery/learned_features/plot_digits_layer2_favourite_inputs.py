"""
Images built to excite layer-2 units are stripes of one stroke direction, not digits
====================================================================================

For all 8 units shown, the image built to excite a layer-2 unit gives it a larger mean
input than any of the 1,000 held-out digits, but at its strongest single place only 63%
to 152% of the best digit's peak: it wins by repeating the unit's pattern everywhere, so
no unit of layer 2 wants a whole digit.

Favourite patches can only show what the test set holds. Activation
maximisation :cite:p:`olah2017feature` builds an input for a unit instead:
starting from faint noise, :func:`~convdemo.activation_maximisation` changes the
pixels step by step in the direction that raises the unit's mean input over the
whole image (with blur and shrinkage to keep the image smooth). The read-out then
assembles digits from where these pieces are.
"""

# %%
# We maximise the unit's input (layer index 3, before its ReLU): at the ReLU's
# output a unit that is off on the faint starting noise has no gradient to
# climb. The eight units are those with the largest mean input over the
# held-out digits.
#
# The built images are on one gray scale, from -1 (dark) to 1 (bright).
import matplotlib.pyplot as plt
import numpy as np

from convdemo import activation_maximisation, trained_digits_cnn
from convdemo.plotting import set_alt_text, show_tiles

example = trained_digits_cnn()
network, x_test = example.network, example.test_images
LAYER = 3
trace = network.trace(x_test)[LAYER]  # layer-2 inputs: (images, units, rows, columns)
print(f"layer-2 inputs of the held-out digits: {trace.shape}")
UNITS = [int(u) for u in np.argsort(-trace.max(axis=(0, 2, 3)), kind="stable")[:8]]
built = np.stack(
    [
        activation_maximisation(network, LAYER, u, (1, 28, 28), steps=100, seed=0)
        for u in UNITS
    ]
)
on_built = network.trace(built)[LAYER]  # (built images, units, rows, columns)
mean_built = {u: on_built[i, u].mean() for i, u in enumerate(UNITS)}
mean_digit = {u: trace[:, u].mean(axis=(1, 2)).max() for u in UNITS}
peak_ratio = {u: on_built[i, u].max() / trace[:, u].max() for i, u in enumerate(UNITS)}
print("unit | mean input: built image, best digit | peak input: built / best digit")
for u in UNITS:
    print(
        f"{u:4d} | {mean_built[u]:17.2f}, {mean_digit[u]:10.2f} | {peak_ratio[u]:.2f}"
    )
wins = sum(mean_built[u] > mean_digit[u] for u in UNITS)
print(f"built image beats every digit on the mean: {wins} of {len(UNITS)} units")
print(
    f"peak input of the built image: {min(peak_ratio.values()):.0%} to "
    f"{max(peak_ratio.values()):.0%} of the best digit's"
)

tiles = (built[:, 0] + 1) / 2  # show_tiles' image scale is 0..1
fig = plt.figure(figsize=(10, 3), layout="constrained")
show_tiles(
    fig,
    tiles,
    titles=[f"unit {u}\nmean {mean_built[u]:.1f}" for u in UNITS],
    label="built pixel (0 dark, 1 bright)",
)
set_alt_text(
    fig,
    f"{len(built)} gray images, {built.shape[2]} by {built.shape[3]} pixels each, "
    f"built to excite second-layer units {', '.join(map(str, UNITS))}: each is filled "
    "with one repeated pattern of short bright and dark strokes; for "
    f"{wins} of the {len(UNITS)} units it gives a larger mean input than any real "
    "digit.",
)
plt.show()

# %%
# A unit's input is averaged over every position, so its built image repeats
# the unit's favourite arrangement wherever it fits. Where the arrangement
# sits in a digit is the read-out's business: :class:`~convdemo.Flatten` keeps
# every layer-2 map's positions, and the linear layer weighs each one.
