"""
Stacked 3x3 kernels weigh the centre of their field 49 times a corner
=====================================================================

With all-ones kernels, the centre pixel of a three-layer 3x3 stack's 7x7 field reaches
the output along 49 paths and a corner pixel along one; a single 7x7 layer weighs all
49 pixels the same.

We measure the gradient of the centre output unit with
:func:`~convdemo.empirical_receptive_field` on an 11x11 input of ones and show the
central 9x9 pixels: the 7x7 field (outlined) and a ring of zeros around it.
"""

import numpy as np

from convdemo import (
    Conv2d,
    ReLU,
    Stack,
    compose_kernels,
    empirical_receptive_field,
)
from convdemo.plotting import describe_map, plot_number_grids

ones = np.ones((1, 1, 3, 3))
designs = {
    "3 x (3x3 conv)": Stack([Conv2d(ones), ReLU(), Conv2d(ones), ReLU(), Conv2d(ones)]),
    "1 x (7x7 conv)": Stack([Conv2d(np.ones((1, 1, 7, 7)))]),
}
shape = (1, 11, 11)  # one input channel
maps = {name: empirical_receptive_field(net, shape) for name, net in designs.items()}
crop = np.s_[1:10, 1:10]
# a backward pass can leave dust of about 1e-16 where the exact gradient is 0
shown = {f"{name}: |gradient|": grad[crop].round(9) for name, grad in maps.items()}

fig = plot_number_grids(
    shown,
    fmt="{:.0f}",
    boxes=[(1, 1, 7, 7)],
    size=(4.4, 4.4),
    title="The stack is peaked at the centre, the single layer flat",
    alt=" ".join(
        describe_map(grad, name=f"The gradient map of {name}", fmt="{:.0f}")
        for name, grad in zip(designs, shown.values(), strict=True)
    ),
)

# %%
stack_map = maps["3 x (3x3 conv)"]
print(f"centre {stack_map[5, 5]:.0f}, corner {stack_map[2, 2]:.0f}")
print("middle row:", stack_map[5, 2:9].round().astype(int).tolist())

# %%
# Every ReLU here passes its input unchanged (weights and inputs are positive), so the
# stack acts as one linear 7x7 convolution, whose kernel
# :func:`~convdemo.compose_kernels` gives: the same numbers.

flat = np.ones((3, 3))
composed = compose_kernels(compose_kernels(flat, flat), flat)
print(
    "largest difference from the measured map:",
    np.abs(composed - stack_map[2:9, 2:9]).max(),
)

# %%
# Training could give a 7x7 kernel any shape; a stack is centre-weighted by its
# structure. The :doc:`effective receptive field <plot_effective_receptive_field>`
# shows the same for deeper stacks and random weights.
