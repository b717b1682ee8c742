"""
A layer-2 filter is a block across all 8 layer-1 channels: unit 11 adds 3, subtracts 5
======================================================================================

The kernel of layer-2 unit 11 of the trained digits network is not a flat 3x3 picture
but a 3x3x8 block, one slice per layer-1 channel: on balance it adds what channels 0, 6
and 3 found in its window (their slices weigh more positive than negative) and subtracts
what channels 1, 7, 2, 4 and 5 found. Its answer is one number made from all eight maps
at once: on the 2 it answers most, eight partial sums and the bias add up to 9.40.

We take the layer-2 unit with the largest response over the held-out digits (as
:ref:`sphx_glr_auto_examples_learned_features_plot_digits_layer2_circuits.py` does),
draw its kernel in 3-D, and beside it the eight pooled layer-1 maps of the held-out
digit it answers most strongly, each with the 3x3 window its slice multiplies. A
channel's net weight (the sum of its nine weights, from :func:`~convdemo.read_circuit`)
says whether the unit, on balance, adds or subtracts that channel. In your own
handwriting: :ref:`draw`.
"""

# %%
import matplotlib.pyplot as plt
import numpy as np

from convdemo import read_circuit, trained_digits_cnn
from convdemo.plotting import plot_kernel_block, set_thumbnail_axes

example = trained_digits_cnn()
network, x_test, y_test = example.network, example.test_images, example.test_labels
conv2 = network[3]  # Conv2d(3x3, 8->16 channels), reading the pooled layer-1 maps
trace = network.trace(x_test)
peak = trace[4].max(axis=(0, 2, 3))  # after layer 2's ReLU
UNIT = int(np.argmax(peak))
net = {e.in_channel: e.excitation + e.inhibition for e in read_circuit(conv2, UNIT)}
ADDS = [c for c in sorted(net, key=lambda c: -net[c]) if net[c] > 0]
SUBTRACTS = [c for c in sorted(net, key=lambda c: net[c]) if net[c] < 0]

n, row, col = np.unravel_index(np.argmax(trace[4][:, UNIT]), trace[4][:, UNIT].shape)
maps = trace[2][n]  # the 8 pooled layer-1 maps of that digit, 12x12
window = maps[:, row : row + 3, col : col + 3]
partials = (window * conv2.weight[UNIT]).sum(axis=(1, 2))
total = partials.sum() + conv2.bias[UNIT]

print(f"unit {UNIT}: net weight per channel", {c: round(v, 2) for c, v in net.items()})
print(f"adds channels {ADDS}; subtracts channels {SUBTRACTS}")
print(
    f"held-out digit #{n} (a {y_test[n]}), window at row {row}, col {col}: "
    f"partial sums {np.round(partials, 2).tolist()} + bias {conv2.bias[UNIT]:.2f} "
    f"= {total:.2f} (the layer: {trace[3][n, UNIT, row, col]:.2f})"
)


def channel_list(channels):
    return ", ".join(map(str, channels[:-1])) + f" and {channels[-1]}"


height, width = conv2.weight.shape[2:]
fig = plot_kernel_block(
    conv2.weight[UNIT],
    maps,
    window=(row, col),
    map_label="pooled layer-1 response",
    title=(
        f"Layer-2 unit {UNIT}'s filter is a {height}x{width}x{len(net)} block: "
        f"it adds layer-1 channels "
        f"{channel_list(ADDS)} and subtracts {channel_list(SUBTRACTS)}"
    ),
    alt=(
        f"Left, a {height} by {width} by {len(net)} block of red and blue cells: "
        f"the kernel of "
        f"second-layer unit {UNIT}, one slice per first-layer channel. Right, the "
        f"{len(net)} pooled first-layer maps of a held-out {y_test[n]} "
        f"({maps.shape[1]} by {maps.shape[2]} pixels, viridis up to {maps.max():.1f}) "
        f"with the {height} by {width} window at row {row}, column {col} outlined, "
        f"and under each "
        f"its slice of weights. The slices for channels {channel_list(ADDS)} weigh "
        f"more positive than negative (the unit adds those channels); those for "
        f"{channel_list(SUBTRACTS)} more negative (it subtracts them). Here the "
        f"partial sums and the bias add up to {total:.2f}."
    ),
)
set_thumbnail_axes(fig, fig.axes[0])  # the gallery card: the kernel as a block
plt.show()

# %%
# Each slice multiplies only its own channel's window; the unit adds the eight partial
# sums and its bias. The same sum, for any cell and any drawing, opens on the
# :ref:`draw` page.
