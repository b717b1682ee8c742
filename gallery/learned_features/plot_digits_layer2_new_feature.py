"""
A layer-2 unit finds the inside of a loop, which no layer-1 map holds
=====================================================================

Layer-2 unit 12 of the digits network fires at 2% of the held-out places where its
strongest layer-1 channel (3) is strong, at 4% where its second (1) is, and at 70% where
both are: inside a narrow loop, where two slanting strokes run side by side with paper
between them (in 6s, 0s and 9s). The loop is in neither map; it is in their arrangement,
and layer 2 reads it.

The question this site answers: the first layer's maps only say where an edge
was found, so how can the next layer find anything new? Here is the answer on
real handwriting. A layer-2 unit's input is a sum, over the layer-1 channels, of
"this channel's map correlated with my 3x3 kernel slice for it", plus a bias. We
split one unit's input into those per-channel contributions, everywhere in the
1,000 held-out digits. A channel is *strong* at a place when its contribution
reaches half of what it gives at the unit's favourite places, and the unit *fires*
when its input reaches half its largest.
"""

# %%
# For every layer-1 channel ``k`` we correlate its pooled map with the unit's
# kernel slice ``w[unit, k]``: the contribution map of that channel. Their sum
# plus the bias is the unit's input; its ReLU is the unit's response.
#
# The unit's favourite patches, and its input split by channel (the mean over
# those eight places): two channels push it up together.
import matplotlib.pyplot as plt
import numpy as np

from convdemo import (
    conv2d,
    top_activating_patches,
    trained_digits_cnn,
)
from convdemo.plotting import set_alt_text, show_contributions, show_tiles

example = trained_digits_cnn()
network, x_test, y_test = example.network, example.test_images, example.test_labels
pooled = network.trace(x_test)[2]  # layer-1 maps after ReLU and pooling
print(f"pooled layer-1 maps (images, channels, rows, columns): {pooled.shape}")
weight, bias = network[3].weight, network[3].bias


def split(unit):
    """The unit's input by channel and in total, and the two strongest channels."""
    parts = np.stack(
        [
            conv2d(pooled[:, k : k + 1], weight[unit : unit + 1, k : k + 1])[:, 0]
            for k in range(8)
        ]
    )  # (channels, images, rows, columns): one contribution map per channel
    total = parts.sum(axis=0) + bias[unit]
    favourite = np.unravel_index(
        np.argsort(-total.ravel(), kind="stable")[:8], total.shape
    )
    at_favourite = parts[:, *favourite].mean(axis=1)  # (8,) mean contribution there
    pair = np.argsort(-at_favourite, kind="stable")[:2]
    return parts, total, at_favourite, pair


def firing_rates(unit):
    """How often the unit fires where channel a, channel b, or both are strong."""
    parts, total, at_favourite, pair = split(unit)
    fires = total >= 0.5 * total.max()
    strong = [parts[c] >= 0.5 * at_favourite[c] for c in pair]
    return (
        fires[strong[0]].mean(),
        fires[strong[1]].mean(),
        fires[strong[0] & strong[1]].mean(),
    )


rates = {u: firing_rates(u) for u in range(weight.shape[0])}
print("unit | fires where a is strong | b is strong | both are")
for u, (a, b, both) in rates.items():
    print(f"{u:4d} | {a:23.0%} | {b:11.0%} | {both:.0%}")
UNIT = max(rates, key=lambda u: rates[u][2] - max(rates[u][:2]))  # needs both the most
parts, total, at_favourite, pair = split(UNIT)
alone_a, alone_b, both = rates[UNIT]
print(
    f"unit {UNIT}: channels {pair[0]} and {pair[1]}; "
    f"fires at {alone_a:.0%}, {alone_b:.0%}, {both:.0%}"
)

top = top_activating_patches(network, x_test, 4, UNIT, k=8)
fig = plt.figure(figsize=(10, 2.2), layout="constrained")
show_tiles(
    fig, top.patches[:, 0], titles=[f"a {y_test[n]}" for n in top.locations[:, 0]]
)
patch_size = "x".join(map(str, top.patches.shape[-2:]))
fig.suptitle(
    f"The {len(top.patches)} held-out patches ({patch_size} pixels) that excite "
    f"layer-2 unit {UNIT} most"
)
set_alt_text(
    fig,
    f"{len(top.patches)} gray patches of handwriting, {top.patches.shape[-2]} by "
    f"{top.patches.shape[-1]} pixels each, from digits "
    f"{', '.join(str(y_test[n]) for n in top.locations[:, 0])}: the favourite patches "
    f"of second-layer unit {UNIT}, each two slanting strokes side by side with paper "
    "between.",
)
plt.show()

fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
show_contributions(
    ax, at_favourite, title=f"Unit {UNIT}'s input at its favourite places"
)
ax.axhline(bias[UNIT], color="gray", linestyle="--", linewidth=1, label="bias")
ax.legend()
others = np.delete(at_favourite, pair)
set_alt_text(
    fig,
    f"Bars of the mean contribution of each of the {len(at_favourite)} first-layer "
    f"channels to unit {UNIT} at its favourite patches: channels {pair[0]} and "
    f"{pair[1]} give {at_favourite[pair[0]]:+.1f} and {at_favourite[pair[1]]:+.1f}, "
    f"the others {others.min():+.1f} to {others.max():+.1f}; the bias is "
    f"{bias[UNIT]:+.1f}.",
)
plt.show()

# %%
# So layer 2 finds something new in layer 1's maps because it reads several of
# them at once, each at its own place in its 3x3 window, and its bias and ReLU
# keep it quiet until they agree. On drawings made to teach this was the
# eyes-and-mouth face
# (:ref:`sphx_glr_auto_examples_channels_plot_eyes_and_mouth_make_a_face.py`);
# here nobody chose what the unit would look for, and the evidence is 1,000
# digits written by people.
