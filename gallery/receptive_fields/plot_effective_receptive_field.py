"""
After 16 layers a unit weighs a blob 3.3 pixels wide in its 33-pixel field
==========================================================================

The gradient of a deep unit is a bell curve: after 16 stacked 3x3 convolutions its
width (standard deviation) is about 3.3 pixels, a tenth of the 33-pixel
:term:`receptive field`, with all-ones, random positive or random-sign weights alike.

A pixel near the centre of the field reaches the output unit along many paths through
the stack, a pixel near its edge along few. :cite:t:`luo2016understanding` call the
gradient map of one output unit its *effective* receptive field. We measure it with
:func:`~convdemo.effective_receptive_field`: the gradient map
(:func:`~convdemo.empirical_receptive_field`) of a stack of 3x3 convolutions with 4
hidden channels and a ReLU between layers, averaged over random draws of the weights
(for random signs, the squared gradient, as Luo et al. do, on a random input) and
scaled to sum 1; :func:`~convdemo.map_width` is its standard deviation. The orange box
is the receptive field.
"""

import numpy as np

from convdemo import Conv2d, effective_receptive_field, map_width, receptive_field
from convdemo.plotting import plot_feature_maps

SIDE, N = 35, 16  # input side: fits the 33-pixel field of 16 layers
field = receptive_field([Conv2d(np.ones((3, 3)))] * N)[-1].size[0]  # 2N + 1
draws = {"all ones": 1, "random positive": 8, "random sign": 32}
maps = {
    kind: effective_receptive_field(N, kind, draws=count, side=SIDE)
    for kind, count in draws.items()
}
widths = {kind: map_width(grad) for kind, grad in maps.items()}
start = (SIDE - field) // 2

fig = plot_feature_maps(
    {
        f"{kind}: width {widths[kind]:.1f} px": grad / grad.max()
        for kind, grad in maps.items()
    },
    label="share of the gradient / its maximum",
    boxes=[(start, start, field, field)],
    size=(3.3, 3.0),
    title=f"After {N} layers the gradient is a small blob in a {field}-pixel field",
    alt=(
        f"Three gradient maps of the centre unit after {N} stacked convolutions, with "
        + ", ".join(
            f"{kind} weights (width {w:.1f} pixels)" for kind, w in widths.items()
        )
        + f". Each is a round bright blob in the middle of the {SIDE} by {SIDE} input, "
        f"far smaller than the orange {field} by {field} box of the receptive field."
    ),
)

# %%
for kind, value in widths.items():
    print(
        f"{kind:>15}: width {value:.2f} px, {value / field:.2f} of the field's {field}"
    )

# %%
# How the width grows with depth is :doc:`plot_effective_width_grows_like_sqrt_depth`.
