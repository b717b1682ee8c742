"""
The effective receptive field grows like the square root of depth
=================================================================

On log-log axes the width of the gradient map climbs with slope 0.5 while the receptive
field's slope tends to 1: to double the width a stack needs four times the layers.

With all-ones kernels the map is the n-fold convolution of a 3x3 box, a sum of n
independent steps of -1, 0 or +1 along each axis, so its variance is exactly
n (k² - 1) / 12 = 2n/3 and its width the square root of that. Random weights, averaged
over draws as in :doc:`plot_effective_receptive_field`, follow the same law. The
widths are :func:`~convdemo.map_width` of :func:`~convdemo.effective_receptive_field`,
on stacks of 3x3 convolutions with 4 hidden channels and a ReLU between layers.
"""

import numpy as np

from convdemo import Conv2d, effective_receptive_field, map_width, receptive_field
from convdemo.plotting import plot_curves

SIDE = 35
DEPTHS = np.arange(1, 17)


def variances(kind, draws):
    """The squared width of the effective field at each depth."""
    return np.array(
        [
            map_width(effective_receptive_field(n, kind, draws=draws, side=SIDE)) ** 2
            for n in DEPTHS
        ]
    )


all_ones, random_sign = variances("all ones", 1), variances("random sign", 32)
fields = [receptive_field([Conv2d(np.ones((3, 3)))] * n)[-1].size[0] for n in DEPTHS]
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
