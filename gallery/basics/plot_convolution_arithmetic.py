"""
One formula gives the feature map's size for any padding, stride and dilation
=============================================================================

The size of a convolution's output follows from the input size, the kernel size, the
padding, the stride and the dilation by one formula, and :func:`convdemo.conv2d`'s
output has that size in every one of the hundreds of cases its tests try.

.. math::

   H_\\text{out} = \\left\\lfloor \\frac{H + 2p - d(k - 1) - 1}{s} \\right\\rfloor + 1

for an input of :math:`H` pixels, a kernel of :math:`k` taps, padding :math:`p`, stride
:math:`s` and dilation :math:`d` (:cite:t:`dumoulin2016guide`). Padding adds :math:`2p`
positions, dilation makes the kernel :math:`d(k-1)+1` pixels wide and stride keeps one
position in :math:`s`. Below, a 3x3 kernel on a 7x7 image: orange cells are the taps
that output ``(0, 0)`` reads, blue dots the centres of all output positions, grey cells
padding.
"""

import numpy as np

from convdemo import conv2d, conv_output_size
from convdemo.plotting import plot_curves, plot_taps

cases = {
    "no padding": {"padding": 0},
    "padding 1": {"padding": 1},
    "stride 2": {"stride": 2},
    "dilation 2": {"dilation": 2},
}
H, k = 7, 3
predicted = {name: conv_output_size(H, k, **options) for name, options in cases.items()}
fig = plot_taps(
    cases,
    size=H,
    k=k,
    title="Padding adds positions, stride skips them, dilation spreads the taps",
    alt=(
        f"Four {H} by {H} grids with a {k} by {k} kernel and the output size each "
        "gives: "
        + "; ".join(f"{name}, {n} by {n}" for name, n in predicted.items())
        + ". Padding adds a grey frame; with stride the blue centres are further "
        "apart; with dilation the nine orange taps spread over a wider square."
    ),
)

# %%
# The formula, :func:`~convdemo.conv_output_size`, against the shape
# :func:`~convdemo.conv2d` returns:

for name, options in cases.items():
    shape = conv2d(np.zeros((H, H)), np.ones((k, k)), **options).shape
    print(f"{name:>10}: formula {predicted[name]}, conv2d {shape}")

# %%
# Output size against input size
# ------------------------------
# The floor in the formula shows up as steps: with stride 2 the output grows by one
# pixel for every two input pixels, and dilation shifts the line by the extra width
# it gives the kernel.

sizes = np.arange(5, 25)
settings = {
    "k=3": {},
    "k=3, p=1": {"padding": 1},
    "k=3, s=2": {"stride": 2},
    "k=3, d=2": {"dilation": 2},
}
outputs = {
    name: [conv_output_size(n, k, **options) for n in sizes]
    for name, options in settings.items()
}
fig = plot_curves(
    sizes,
    outputs,
    xlabel="input size H (pixels)",
    ylabel="output size (pixels)",
    integer_x=True,
    steps=True,
    title="Output size of a 3x3 kernel against input size",
    alt=(
        f"Output size against input size from {sizes[0]} to {sizes[-1]} pixels for a "
        f"{k} by {k} kernel. At H = {sizes[-1]}: "
        + ", ".join(f"{name} gives {values[-1]}" for name, values in outputs.items())
        + "; with stride the curve climbs one step for every two input pixels."
    ),
)

# %%
# Next: the output size tells how many numbers a feature map holds; the
# :doc:`answer </answer>` shows what those numbers mean and how the next layer
# uses them.

# sphinx_gallery_thumbnail_number = 1
