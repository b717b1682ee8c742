"""
A 3x3 window fits 4 times along 6 pixels, so the output is 4x4
==============================================================

The window starts at the top-left corner and moves one column at a time, then one row
down; a 3-wide window fits in 6 - 3 + 1 = 4 places along each axis, so 16 windows make
the 16 numbers of a 4x4 output.

Each position makes one output number, as :doc:`plot_one_output_number` works out for
one of them. The animation repeats that recipe at every position, in reading order;
the still shows the whole output.
"""

import numpy as np

from convdemo import conv2d
from convdemo.plotting import animate_window

rng = np.random.default_rng(7)
image = rng.integers(0, 6, size=(6, 6)).astype(float)
kernel = np.array([[1, 2, 0], [-1, 1, 1], [0, -2, 1]], dtype=float)
output = conv2d(image, kernel)
positions = list(np.ndindex(output.shape))  # (row, column) in reading order

fig, animation = animate_window(
    image,
    kernel,
    title="One output number per window position",
    alt=(
        f"Animation: an orange {kernel.shape[0]} by {kernel.shape[1]} window slides "
        f"over the {image.shape[0]} by {image.shape[1]} input in reading order, and at "
        f"each of its {len(positions)} positions one more cell of the "
        f"{output.shape[0]} by {output.shape[1]} output is written, until the whole "
        "output is filled."
    ),
)

# %%
size, k = image.shape[0], kernel.shape[0]
print(f"{size} - {k} + 1 = {size - k + 1} places per axis")
print(f"window positions: {len(positions)}, output shape {output.shape}")

# %%
# How big the output is with padding, stride or dilation is
# :doc:`plot_convolution_arithmetic`.
