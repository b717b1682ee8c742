"""
No step threshold lets a second layer recover edge strength
===========================================================

With the best threshold a step reaches a correlation of 0.84 with the true edge
strength, where ReLU, with no threshold to choose, reaches 0.99.

Perhaps the step of :doc:`plot_second_layer_reads_how_much` fired too easily: any
response above 0 counted as "found". Here the same two-layer network (four edge
channels, then a 1x1 sum) uses ``step(threshold)`` for thresholds from 0 to 2.
Above its threshold the map still says only 1, and the best threshold would have to be
chosen before layer 2 knows what it will be asked.
"""

import numpy as np

from convdemo import Conv2d, ReLU, Stack, Step, conv2d, named_kernel
from convdemo.data import sample_image
from convdemo.plotting import plot_curves

photo = sample_image("camera")
sobel_x, sobel_y = named_kernel("sobel_x"), named_kernel("sobel_y")
layer_1 = Conv2d(np.stack([sobel_x, -sobel_x, sobel_y, -sobel_y])[:, None])
layer_2 = Conv2d(np.ones((1, 4, 1, 1)))  # add up the four channels
true_magnitude = np.hypot(conv2d(photo, sobel_x), conv2d(photo, sobel_y))


def correlation(activation):
    out = Stack([layer_1, activation, layer_2]).forward(photo[None])[0]
    return np.corrcoef(out.ravel(), true_magnitude.ravel())[0, 1]


thresholds = np.arange(21) / 10
stepped = np.array([correlation(Step(threshold)) for threshold in thresholds])
with_relu = correlation(ReLU())
best = int(np.argmax(stepped))

fig = plot_curves(
    thresholds,
    {"layer 1 with step(threshold)": stepped},
    levels={"layer 1 with ReLU": with_relu},
    xlabel="step threshold",
    ylabel="correlation of layer 2\nwith the true edge strength",
    ylim=(0, 1.05),
    title="The best step threshold stays far below ReLU",
    alt=(
        "Correlation of the second layer's sum with the true edge strength against "
        f"the step threshold. The ReLU line is flat at {with_relu:.2f}. The step curve "
        f"starts at {stepped[0]:.2f} at threshold {thresholds[0]:g}, peaks at "
        f"{stepped[best]:.2f} at threshold {thresholds[best]:g} and falls again."
    ),
)

# %%
print(f"best step threshold {thresholds[best]:.1f}: correlation {stepped[best]:.2f}")
print(f"ReLU, no threshold to choose: {with_relu:.2f}")
print(
    f"variance left unexplained (1 - r²): ReLU {1 - with_relu**2:.3f}, "
    f"best step {1 - stepped[best] ** 2:.3f}"
)

# %%
# A feature map is a measurement, not a yes/no list: ReLU passes it on, a step throws
# it away, whatever its threshold.
