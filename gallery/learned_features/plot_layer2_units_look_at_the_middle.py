"""
A layer-2 unit sees 10x10 pixels but looks mostly at the middle 6x6
===================================================================

All of the gradient of a trained layer-2 unit lies inside its 10x10 receptive field,
and about half of it (48% to 57%) in the central 6x6 pixels, which are only 36% of the
field.

:func:`~convdemo.empirical_receptive_field` measures how much the unit's response
changes with each input pixel. With its default input (all ones) the horizontal units
of the cars-and-pedestrians network are silent, so the gradient is taken at 100 real
test images and averaged, for the unit at position (3, 3) of each channel
(:cite:p:`luo2016understanding`). The orange box is the analytic field of
:func:`~convdemo.receptive_field`.
"""

import numpy as np

from convdemo import Stack, empirical_receptive_field, receptive_field, trained_tiny_cnn
from convdemo.plotting import plot_feature_maps

example = trained_tiny_cnn("cars_and_pedestrians")
prefix = Stack(example.network.layers[:5])  # up to the ReLU after the second conv
field = receptive_field(prefix)[-1]
unit = (3, 3)
top = [
    round(field.start[a] + field.jump[a] * unit[a] - (field.size[a] - 1) / 2)
    for a in (0, 1)
]
side = field.size[0]

images = example.test_images[:100]
averaged = np.array(
    [
        np.mean(
            [
                empirical_receptive_field(prefix, (1, 24, 24), (c, *unit), x=x)
                for x in images
            ],
            axis=0,
        )
        for c in range(8)
    ]
)
box = np.s_[:, top[0] : top[0] + side, top[1] : top[1] + side]
inside = averaged[box]
shares = inside[:, 2:-2, 2:-2].sum(axis=(1, 2)) / inside.sum(axis=(1, 2))

fig = plot_feature_maps(
    {
        f"unit {c}: {share:.0%} in the middle": averaged[c]
        for c, share in enumerate(shares)
    },
    ncols=4,
    shared="one colour bar",
    label="mean |gradient| over the images",
    boxes=[(top[0], top[1], side, side)],
    size=(2.3, 2.3),
    title="The gradient fills the field's middle and fades towards its edges",
    alt=(
        f"Maps of the averaged gradient of each second-layer unit at position {unit}, "
        f"with the analytic {side} by {side} field outlined, rows and columns "
        f"{top[0]} to {top[0] + side - 1}. All of the gradient lies inside the box; "
        "the share in its central part: "
        + ", ".join(f"unit {c} {share:.0%}" for c, share in enumerate(shares))
        + "."
    ),
)

# %%
print(f"inside the field: {inside.sum() / averaged.sum():.1%} of the gradient")
print(f"central {side - 4}x{side - 4}: {(side - 4) ** 2 / side**2:.0%} of the area")
print(f"share of the gradient there: {shares.min():.0%} to {shares.max():.0%}")

# %%
# The *effective* receptive field is smaller than the analytic one, because many more
# paths through the network lead to a central pixel than to a corner
# (:doc:`../receptive_fields/plot_effective_receptive_field`).
