"""
The trained smiley network keeps units for wrong arrangements and votes against them
====================================================================================

On clean drawings some layer-2 units answer the face most, but others answer a mouth
alone or eyes alone most, and the read-out gives its two most negative weights to the
strongest of those: the network learns what a face is not, as well as what it is.

The face unit of :doc:`plot_smiley_face_unit_reads_eyes_above_mouth` is one of eight.
We draw each arrangement of :func:`~convdemo.draw_smiley` cleanly (a face, the mouth
above the eyes, eyes alone, a mouth alone, a blank image), take each layer-2 unit's
global average on it, and read the read-out's vote for each unit: its "face" weight
minus its "scrambled" weight.
"""

import numpy as np

from convdemo import SMILEY_ARRANGEMENTS, draw_smiley, trained_tiny_cnn
from convdemo.plotting import describe_numbers, plot_number_grids

network = trained_tiny_cnn("smiley").network
drawings = np.stack([draw_smiley(a, shape=(15, 15)) for a in SMILEY_ARRANGEMENTS])
clean = network.trace(drawings[:, None])[5]  # (5 drawings, 8 units): global averages
readout = network[6].weight[1] - network[6].weight[0]  # face minus scrambled, per unit
favourite = [SMILEY_ARRANGEMENTS[a] for a in clean.argmax(axis=0)]

fig = plot_number_grids(
    {"global average on a clean drawing": clean.T, "vote for face": readout[:, None]},
    kernels=["vote for face"],
    fmt="{:.1f}",
    size=(3.6, 4.4),
    title="Each layer-2 unit on each clean drawing, and the read-out's vote for it",
    alt=(
        f"Left: a grid of {clean.shape[1]} second-layer units (rows) by "
        f"{len(SMILEY_ARRANGEMENTS)} clean drawings (columns: "
        f"{', '.join(SMILEY_ARRANGEMENTS)}), each unit's global average: "
        + describe_numbers(clean.T, fmt="{:.1f}")
        + ". Right: the read-out's vote for face, unit by unit, red positive, blue "
        "negative: " + describe_numbers(readout, fmt="{:+.1f}") + "."
    ),
)
table, votes = fig.axes[:2]
table.set_xticks(range(len(SMILEY_ARRANGEMENTS)), SMILEY_ARRANGEMENTS, rotation=30)
table.set(xlabel="clean drawing", ylabel="layer-2 unit")
votes.set(xlabel=None, ylabel="layer-2 unit")
votes.tick_params(axis="x", bottom=False, labelbottom=False)  # the votes have no x axis

# %%
print("unit | favourite drawing | its global average | vote for face")
for u, name in enumerate(favourite):
    print(f"{u:4d} | {name:>17} | {clean[:, u].max():18.2f} | {readout[u]:+.2f}")
strongest = {
    name: int(clean[SMILEY_ARRANGEMENTS.index(name)].argmax())
    for name in ("mouth_only", "eyes_only")
}
print(f"strongest unit for a mouth alone, for eyes alone: {strongest}")
print(f"the two most negative votes: units {sorted(np.argsort(readout)[:2].tolist())}")

# %%
# Every unit that answers the face most gets a positive vote. A scrambled face is
# recognised twice over: by the face units staying low, and by a wrong-arrangement unit
# firing. How the eight add up on noisy images:
# :doc:`plot_smiley_no_unit_alone_is_enough`.
