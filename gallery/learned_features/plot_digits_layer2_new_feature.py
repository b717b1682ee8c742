"""
The clearest layer-2 unit fires where two layer-1 channels are strong together
==============================================================================

Of the 16 layer-2 units of the digits network, we picked the one that needs two of its
layer-1 channels together the most, unit 12: it fires at 2% of the held-out places
where its strongest layer-1 channel (3) is strong, at 4% where its second (1) is, and
at 70% where both are. That is the best case, not the rule: one other unit (9) needs
both almost as much, and for the typical unit two strong channels raise the firing
rate by 16 points over one (the median of the 16, in the first figure).

**What this shows.** A layer-2 unit can fire where two of its layer-1 channels are
strong together, and rarely where only one is: it reads something no single layer-1
map holds, on real handwriting, in a network nobody told what to look for. **What it
does not show.** That every unit works so (most need both channels much less), or that
unit 12 "is" a loop detector: its favourite patches, below, are narrow loops of 6s, 0s
and 9s, but eight patches are a hint, not a definition.

The rule, for each unit: split its input into per-channel contributions everywhere in
the 1,000 held-out digits (a layer-2 unit's input is the sum, over the layer-1
channels, of that channel's map correlated with the unit's 3x3 slice for it, plus a
bias). A channel is *strong* at a place when its contribution reaches half of what it
gives at the unit's eight favourite places; the unit *fires* when its input reaches
half its largest. A unit's score is its firing rate where both of its two strongest
channels are strong, minus the rate where the stronger single one is.
"""

# %%
# All 16 units on that rule, sorted; the unit this page follows in blue.
import matplotlib.pyplot as plt
import numpy as np

from convdemo import conv2d, top_activating_patches, trained_digits_cnn
from convdemo.plotting import plot_bars, set_alt_text, show_contributions, show_tiles

example = trained_digits_cnn()
network, x_test, y_test = example.network, example.test_images, example.test_labels
pooled = network.trace(x_test)[2]  # layer-1 maps after ReLU and pooling
weight, bias = network[3].weight, network[3].bias  # layer 2's kernels and biases
print(f"pooled layer-1 maps (images, channels, rows, columns): {pooled.shape}")
print(f"layer 2's weight (units, channels, rows, columns): {weight.shape}")


def firing_rates(unit):
    """How often the unit fires where its two strongest channels (at its 8 favourite
    places) are strong: the first alone, the second alone, both; and the numbers."""
    w = weight[unit : unit + 1]
    parts = np.stack([conv2d(pooled[:, [k]], w[:, [k]])[:, 0] for k in range(8)])
    total = parts.sum(axis=0) + bias[unit]  # parts: (channels, images, rows, columns)
    best = np.argsort(-total.ravel(), kind="stable")[:8]
    at_favourite = parts.reshape(8, -1)[:, best].mean(axis=1)
    pair = np.argsort(-at_favourite, kind="stable")[:2]
    fires = total >= 0.5 * total.max()
    a, b = (parts[c] >= 0.5 * at_favourite[c] for c in pair)
    rates = fires[a].mean(), fires[b].mean(), fires[a & b].mean()
    return rates, (parts, total, at_favourite, pair)


rates = {u: firing_rates(u)[0] for u in range(weight.shape[0])}
score = {u: both - max(a, b) for u, (a, b, both) in rates.items()}

UNIT = max(score, key=score.get)  # the rule: the unit that needs both channels the most
typical = np.median(list(score.values()))
ranked = sorted(score, key=score.get)
fig = plot_bars(
    {str(u): round(100 * score[u]) for u in ranked},  # whole points: no "-0"
    highlight=[str(UNIT)],
    fmt="%.0f",
    size=(5.4, 3.0),
    xlabel="layer-2 unit",
    ylabel="both strong minus one\n(percentage points)",
    title=f"Unit {UNIT} is the best case; the median unit gains "
    f"{round(100 * typical)} points",
    alt=f"Bars for the {len(score)} second-layer units, sorted: how many percentage "
    "points more often each fires where both of its two strongest channels are strong "
    f"than where one is: from {round(100 * score[ranked[0]])} to "
    f"{round(100 * score[UNIT])} for unit {UNIT}; next unit {ranked[-2]} at "
    f"{round(100 * score[ranked[-2]])}; median "
    f"{round(100 * typical)}.",
)
plt.show()
print("unit | fires where a is strong | b is strong | both are | score")
for u, (a, b, both) in rates.items():
    print(f"{u:4d} | {a:23.0%} | {b:11.0%} | {both:8.0%} | {score[u]:+.0%}")

# %%
# Unit 12 up close: its favourite held-out patches, and its input split by channel at
# those places (the mean over the eight). Two channels push it up together; the bias
# holds it down until both do.
(alone_a, alone_b, both), (parts, total, at_favourite, pair) = firing_rates(UNIT)
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
# So layer 2 *can* find something new in layer 1's maps: it reads several of them at
# once, each at its own place in its 3x3 window, and its bias and ReLU keep it quiet
# until they agree. On drawings made to teach this was the eyes-and-mouth face
# (:ref:`sphx_glr_auto_examples_channels_plot_eyes_and_mouth_make_a_face.py`); here
# nobody chose what the unit would look for, and the evidence is 1,000 digits written
# by people. Unit 12 was picked as the clearest of 16 by the rule above, and the first
# figure shows how far the others are from it.
