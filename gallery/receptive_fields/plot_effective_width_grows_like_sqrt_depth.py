"""
The effective receptive field grows like the square root of depth
=================================================================

On log-log axes the width of the gradient map climbs with slope 0.5 while the receptive
field's slope tends to 1: to double the width a stack needs four times the layers.

With all-ones kernels the map is the n-fold convolution of a 3x3 box, a sum of n
independent steps of -1, 0 or +1 along each axis, so its variance is exactly
n (k² - 1) / 12 = 2n/3 and its width the square root of that. Random weights, averaged
over draws as in :doc:`plot_effective_receptive_field`, follow the same law. The widths
are measured with :func:`~convdemo.empirical_receptive_field` on stacks of 3x3
convolutions with 4 hidden channels and a ReLU between layers.
"""

import itertools

import numpy as np

from convdemo import Conv2d, ReLU, Stack, empirical_receptive_field, receptive_field
from convdemo.plotting import plot_curves

SIDE, CHANNELS = 35, 4
DEPTHS = np.arange(1, 17)


def conv_stack(weights):
    layers = [Conv2d(weights[0])]
    for weight in weights[1:]:
        layers += [ReLU(), Conv2d(weight)]
    return Stack(layers)


def weight_shapes(n):
    channels = [1] + [CHANNELS] * (n - 1) + [1]
    return [(c_out, c_in, 3, 3) for c_in, c_out in itertools.pairwise(channels)]


def variance(n, kind, draws):
    """Row variance of the centre unit's gradient map (scaled to sum 1, averaged)."""
    total = np.zeros((SIDE, SIDE))
    for draw in range(draws):
        rng = np.random.default_rng([n, draw])
        x = np.ones((1, SIDE, SIDE))
        if kind == "all ones":
            weights = [np.ones(shape) for shape in weight_shapes(n)]
        else:  # random sign: half the ReLUs off; the squared gradient
            weights = [rng.normal(0.0, 1.0, shape) for shape in weight_shapes(n)]
            x = rng.normal(size=x.shape)
        grad = empirical_receptive_field(conv_stack(weights), x.shape, x=x)
        grad = grad if kind == "all ones" else grad**2
        if grad.sum() > 0:  # all zero when the ReLUs block every path
            total += grad / grad.sum()
    profile, rows = total.sum(axis=1) / total.sum(), np.arange(SIDE)
    mean = (rows * profile).sum()
    return ((rows - mean) ** 2 * profile).sum()


all_ones = np.array([variance(n, "all ones", 1) for n in DEPTHS])
random_sign = np.array([variance(n, "random sign", 32) for n in DEPTHS])
fields = [
    receptive_field(conv_stack([np.ones(s) for s in weight_shapes(n)]))[-1].size[0]
    for n in DEPTHS
]
curves = {
    "receptive field (2n + 1)": np.array(fields, dtype=float),
    "width, all-ones weights": np.sqrt(all_ones),
    "width, random-sign weights": np.sqrt(random_sign),
}
slopes = {
    name: np.polyfit(np.log(DEPTHS), np.log(y), 1)[0] for name, y in curves.items()
}

fig = plot_curves(
    DEPTHS,
    curves,
    xlabel="number of layers n",
    ylabel="pixels",
    log=True,
    title="The field grows like n, the effective width like its square root",
    alt=(
        f"Log-log plot against the number of layers, {DEPTHS[0]} to {DEPTHS[-1]}. "
        + "; ".join(
            f"{name}: from {y[0]:.1f} to {y[-1]:.1f} pixels, slope {slopes[name]:.2f}"
            for name, y in curves.items()
        )
        + "."
    ),
)

# %%
# The all-ones variance against the formula 2n/3, and the fitted slopes:

print(f"largest |variance - 2n/3|: {np.abs(all_ones - 2 * DEPTHS / 3).max():.1e}")
for name, slope in slopes.items():
    print(f"{name:>27}: slope {slope:.2f}")

# %%
# Depth buys reach more slowly than the receptive field suggests. This is one reason
# networks also use stride and pooling, which multiply the growth
# (:doc:`plot_stride_pooling_dilation`). Training widens the effective field
# (:cite:t:`luo2016understanding`), but it stays Gaussian-like and smaller than the
# theoretical one.
