"""
On a real 7, each layer-1 map weighs the bar and the stem differently
=====================================================================

On one held-out 7 the eight layer-1 maps are graded and none is "a 7": the bar holds
53% of the digit's ink, and the maps put from 47% (map 3, which follows the slanted
stem) to 77% (map 0, a horizontal-stroke map) of their response on it. Layer 2 reads
these differences.

Each layer-1 map of the digits network is the digit correlated with one learned
5x5 kernel (plus its bias), through a ReLU. A 7 is two strokes: a bar along the top
and a slanted stem. We measure how much of each map's response lies on the bar (the
top quarter of the digit's rows of ink) and compare it with the bar's share of the
ink itself.
"""

# %%
# The eight maps on one colour scale (the largest response of any map is the
# top of the scale), each titled with the share of its response on the bar.
import matplotlib.pyplot as plt
import numpy as np

from convdemo import trained_digits_cnn
from convdemo.plotting import set_alt_text, set_thumbnail_axes, show_tiles

example = trained_digits_cnn()
network, x_test, y_test = example.network, example.test_images, example.test_labels
INDEX = int(np.flatnonzero(y_test == 7)[0])  # the first held-out 7
digit = x_test[INDEX, 0]
maps = network.trace(x_test[INDEX : INDEX + 1])[1][0]  # (8, 24, 24): after the ReLU
# map pixel (i, j) is centred on digit pixel (i + offset, j + offset)
offset = (digit.shape[0] - maps.shape[1]) // 2
print(f"held-out digit {INDEX}: a {y_test[INDEX]}; layer-1 maps {maps.shape}")

rows = np.flatnonzero(digit.max(axis=1) > 0.5)  # the rows with ink
bar_end = rows[0] + round((rows[-1] - rows[0]) / 4)  # last row of the bar
on_bar = np.arange(maps.shape[1]) + offset <= bar_end  # map rows centred on the bar
ink_share = digit[: bar_end + 1].sum() / digit.sum()
bar_share = maps[:, on_bar].sum(axis=(1, 2)) / maps.sum(axis=(1, 2))
print(f"the bar: rows {rows[0]} to {bar_end}, {ink_share:.0%} of the ink")
for f, share in enumerate(bar_share):
    print(f"map {f}: {share:.0%} of its response on the bar")
most, least = int(bar_share.argmax()), int(bar_share.argmin())
print(
    f"most on the bar: map {most} ({bar_share[most]:.0%}); least: map {least} "
    f"({bar_share[least]:.0%})"
)

fig = plt.figure(figsize=(11, 3.2), layout="constrained")
show_tiles(
    fig,
    maps,
    titles=[f"map {f}: bar {s:.0%}" for f, s in enumerate(bar_share)],
    kind="response",
    label="ReLU response",
)
set_thumbnail_axes(fig, fig.axes[most])  # the gallery card: the bar-heavy map
fig.suptitle(
    f"Layer-1 maps of held-out digit {INDEX}, a 7 whose bar holds {ink_share:.0%} of "
    "the ink"
)
set_alt_text(
    fig,
    f"The {len(maps)} first-layer response maps, {maps.shape[1]} by {maps.shape[2]} "
    f"each, of one handwritten {y_test[INDEX]} on the viridis scale, all bright on "
    f"both strokes but in different proportions: map {most} puts "
    f"{bar_share[most]:.0%} of its response on the top bar, map {least} only "
    f"{bar_share[least]:.0%}, brightest along the slanted stem; the bar holds "
    f"{ink_share:.0%} of the ink.",
)
plt.show()

# %%
# A map says *how much* of one stroke direction is at each place, not "a 7":
# the grading is kept (this is the ReLU at work,
# :ref:`sphx_glr_auto_examples_feature_maps_plot_how_much_not_whether.py`).
# To find a 7, something must combine the bar's map with the stem's, at the
# right distance apart: that is layer 2's job
# (:ref:`sphx_glr_auto_examples_learned_features_plot_digits_layer2_new_feature.py`).
