"""
n stacked 3x3 convolutions see 2n + 1 pixels
============================================

Every 3x3 layer adds one pixel on each side of what a unit sees: 3, 5, 7, 9 pixels
for 1 to 4 layers, and 5x5 layers grow the field by 4 pixels a layer.

A first-layer unit sees the 3x3 window under its kernel; a second-layer unit sees a
3x3 window of the first layer's map, each number of which saw its own 3x3 window of
the image: together 5x5 pixels, its :term:`receptive field`. Two ways to find it must
agree: :func:`~convdemo.receptive_field` applies the recursion of
:cite:t:`araujo2019computing`, and :func:`~convdemo.empirical_receptive_field` asks the
backward pass which input pixels change the centre unit (the colours below). The
orange box is the analytic field.
"""

import numpy as np

from convdemo import Conv2d, ReLU, Stack, empirical_receptive_field, receptive_field
from convdemo.plotting import nonzero_box, plot_receptive_fields


def conv_relu_stack(n, k):
    """n layers of (k x k all-ones convolution, ReLU)."""
    return Stack(
        [layer for _ in range(n) for layer in (Conv2d(np.ones((k, k))), ReLU())]
    )


stacks = {f"{n} x (3x3 conv)": conv_relu_stack(n, 3) for n in (1, 2, 3, 4)}
shape = (15, 15)
sides = [receptive_field(stack)[-1].size[0] for stack in stacks.values()]
fig = plot_receptive_fields(
    stacks,
    shape=shape,
    title="Each 3x3 layer adds a pixel on every side",
    alt=(
        f"Gradient maps on a {shape[0]} by {shape[1]} input for "
        + ", ".join(stacks)
        + ". The bright square in the centre is "
        + ", then ".join(f"{side} pixels wide" for side in sides)
        + ", brightest in the middle, and each time it fills the orange analytic box."
    ),
)

# %%
# Analytic and measured, for up to 8 layers of 3x3 and 5x5 kernels:

print(" n | 3x3: 2n+1  analytic  measured | 5x5: 4n+1  analytic  measured")
linear_rows = []
for n in range(1, 9):
    row = [n]
    for k in (3, 5):
        stack = conv_relu_stack(n, k)
        side = (k - 1) * n + 2 * k + 1  # leaves k pixels of margin on each side
        measured = nonzero_box(empirical_receptive_field(stack, (side, side)))[2][0]
        row += [(k - 1) * n + 1, receptive_field(stack)[-1].size[0], measured]
    linear_rows.append(row)
    print("{:2d} | {:9d} {:9d} {:9d} | {:9d} {:9d} {:9d}".format(*row))

# %%
# The brightness is not uniform: the centre pixel reaches the output along more paths
# than a corner pixel (:doc:`plot_stacked_kernels_weigh_the_centre`). Growing the field
# faster than one pixel a side per layer is :doc:`plot_stride_pooling_dilation`.

# sphinx_gallery_thumbnail_number = 1
