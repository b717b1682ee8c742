"""
With pooling or doubling dilation the receptive field grows exponentially
=========================================================================

After 6 layers, 3x3 convolutions see 13 pixels and 5x5 ones 25; with a 2x2 max pool
after every convolution the field is 190 pixels wide, and with a dilation that doubles
every layer 127, that is 2^(n+1) - 1.

Lines are the analytic sizes of :func:`~convdemo.receptive_field`, dots the sizes
measured with :func:`~convdemo.empirical_receptive_field` (the non-zero part of the
gradient of the centre unit). A conv + pool block counts as one layer.
"""

import numpy as np

from convdemo import (
    Conv2d,
    MaxPool2d,
    ReLU,
    Stack,
    empirical_receptive_field,
    receptive_field,
)
from convdemo.plotting import nonzero_box, plot_curves

w3, w5 = np.ones((3, 3)), np.ones((5, 5))
growth = {
    "3x3 convs (2n + 1)": lambda n: Stack([Conv2d(w3) for _ in range(n)]),
    "5x5 convs (4n + 1)": lambda n: Stack([Conv2d(w5) for _ in range(n)]),
    "3x3 conv + 2x2 max pool": lambda n: Stack(
        [layer for _ in range(n) for layer in (Conv2d(w3), ReLU(), MaxPool2d(2))]
    ),
    "3x3, dilation 1, 2, 4, ...": lambda n: Stack(
        [layer for i in range(n) for layer in (Conv2d(w3, dilation=2**i), ReLU())]
    ),
}
depths = np.arange(1, 7)
analytic, measured = {}, {}
for name, build in growth.items():
    analytic[name] = [receptive_field(build(n))[-1].size[0] for n in depths]
    measured[name] = []
    for n, size in zip(depths, analytic[name], strict=True):
        side = size + 2 ** (n + 1)  # room for one full output unit and a margin
        grad = empirical_receptive_field(build(n), (side, side))
        measured[name].append(nonzero_box(grad)[2][0])

fig = plot_curves(
    depths,
    analytic,
    xlabel="number of layers n",
    ylabel="receptive field (pixels)",
    integer_x=True,
    title="Pooling and doubling dilation make the field explode",
    alt=(
        f"Receptive field size against the number of layers, {depths[0]} to "
        f"{depths[-1]}: "
        + "; ".join(
            f"{name} reaches {sizes[-1]} pixels" for name, sizes in analytic.items()
        )
        + ". The convolution-only lines are straight, the other two curve upwards."
    ),
)

# %%
# Every measured size equals the analytic one:

for name in growth:
    print(f"{name:>27}: analytic {analytic[name]}")
    print(f"{'':>27}  measured {measured[name]}")
print("all equal:", analytic == measured)
