"""
After 16 layers a unit weighs a blob 3.3 pixels wide in its 33-pixel field
==========================================================================

The gradient of a deep unit is a bell curve: after 16 stacked 3x3 convolutions its
width (standard deviation) is about 3.3 pixels, a tenth of the 33-pixel
:term:`receptive field`, with all-ones, random positive or random-sign weights alike.

A pixel near the centre of the field reaches the output unit along many paths through
the stack, a pixel near its edge along few. :cite:t:`luo2016understanding` call the
gradient map of one output unit its *effective* receptive field. We measure it with
:func:`~convdemo.empirical_receptive_field` for stacks of 3x3 convolutions with 4
hidden channels and a ReLU between layers, average random draws of the weights (for
random signs, the squared gradient, as Luo et al. do, on a random input) and scale each
map to sum 1. The orange box is the receptive field.
"""

import itertools

import numpy as np

from convdemo import Conv2d, ReLU, Stack, empirical_receptive_field, receptive_field
from convdemo.plotting import plot_feature_maps

SIDE, CHANNELS, N = 35, 4, 16  # input side: fits the 33-pixel field of 16 layers


def conv_stack(weights):
    """Conv2d layers with a ReLU between each two (none after the last)."""
    layers = [Conv2d(weights[0])]
    for weight in weights[1:]:
        layers += [ReLU(), Conv2d(weight)]
    return Stack(layers)


def weight_shapes(n):
    channels = [1] + [CHANNELS] * (n - 1) + [1]
    return [(c_out, c_in, 3, 3) for c_in, c_out in itertools.pairwise(channels)]


def effective_field(n, kind, draws):
    """The gradient map of the centre unit, scaled to sum 1, averaged over draws."""
    total = np.zeros((SIDE, SIDE))
    for draw in range(draws):
        rng = np.random.default_rng([n, draw])
        x = np.ones((1, SIDE, SIDE))
        if kind == "all ones":
            weights = [np.ones(shape) for shape in weight_shapes(n)]
        elif kind == "random positive":
            weights = [rng.uniform(0.0, 1.0, shape) for shape in weight_shapes(n)]
        else:  # random sign: half the ReLUs off; the squared gradient
            weights = [rng.normal(0.0, 1.0, shape) for shape in weight_shapes(n)]
            x = rng.normal(size=x.shape)
        grad = empirical_receptive_field(conv_stack(weights), x.shape, x=x)
        grad = grad**2 if kind == "random sign" else grad
        if grad.sum() > 0:  # all zero when the ReLUs block every path
            total += grad / grad.sum()
    return total / total.sum()


def width(grad_map):
    """Standard deviation of the map's row coordinate (the map sums to 1)."""
    profile, rows = grad_map.sum(axis=1), np.arange(grad_map.shape[0])
    mean = (rows * profile).sum()
    return np.sqrt(((rows - mean) ** 2 * profile).sum())


draws = {"all ones": 1, "random positive": 8, "random sign": 32}
maps = {kind: effective_field(N, kind, count) for kind, count in draws.items()}
widths = {kind: width(grad) for kind, grad in maps.items()}
field = receptive_field(conv_stack([np.ones(s) for s in weight_shapes(N)]))[-1].size[0]
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
