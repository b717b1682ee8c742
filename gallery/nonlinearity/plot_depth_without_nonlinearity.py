"""
Two linear convolutions are exactly one convolution
===================================================

Stacked with nothing between them, Sobel x and then Sobel y give the same map as one
5x5 convolution with their composed kernel, to about 1e-15, and four random layers with
biases are one 9x9 convolution.

Without a non-linearity, depth is an illusion: :func:`~convdemo.compose_kernels`
convolves the kernels with each other, and any number of linear layers collapse the
same way into a single, larger filter. The composed kernel here is a saddle: one fixed
linear filter, whatever the two layers were meant to detect.
"""

import numpy as np

from convdemo import Conv2d, Stack, compose_kernels, conv2d, named_kernel
from convdemo.data import sample_image
from convdemo.plotting import describe_numbers, plot_number_grids

w1, w2 = named_kernel("sobel_x"), named_kernel("sobel_y")
composed = compose_kernels(w1, w2)
kernels = {
    "layer 1: sobel_x": w1,
    "layer 2: sobel_y": w2,
    f"composed: one {composed.shape[0]}x{composed.shape[1]} kernel": composed,
}
fig = plot_number_grids(
    kernels,
    kernels=list(kernels),
    fmt="{:.0f}",
    size=(3.0, 3.2),
    title="Sobel x, then Sobel y, is one saddle-shaped kernel",
    alt=(
        f"Three kernels on a red-blue scale: sobel_x ({describe_numbers(w1)}), "
        f"sobel_y ({describe_numbers(w2)}) and their composition, row by row "
        f"{describe_numbers(composed)}."
    ),
)

# %%
# Run both on a photograph, once as two layers and once as one:

image = sample_image("camera")[::2, ::2]
two_layers = conv2d(conv2d(image, w1), w2)
one_layer = conv2d(image, composed)
print(f"largest difference: {np.abs(two_layers - one_layer).max():.1e}")
print(f"largest response:   {np.abs(one_layer).max():.1f}")

# %%
# Four random 3x3 layers with biases are one 9x9 convolution; its bias is what the
# stack answers on an all-zero image.

rng = np.random.default_rng(0)
weights = [rng.normal(size=(3, 3)) for _ in range(4)]
biases = rng.normal(size=4)
deep = Stack([Conv2d(k, b) for k, b in zip(weights, biases, strict=True)])
deep_kernel = weights[0]
for k in weights[1:]:
    deep_kernel = compose_kernels(deep_kernel, k)
deep_bias = deep.forward(np.zeros((9, 9)))[0, 0]
deep_difference = np.abs(
    deep.forward(image) - conv2d(image, deep_kernel, deep_bias)
).max()
print(f"four layers = one {deep_kernel.shape} kernel, up to {deep_difference:.0e}")

# %%
# With a ReLU between the layers this changes: :doc:`plot_relu_stack_finds_corners`.
