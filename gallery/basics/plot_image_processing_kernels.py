"""
Blur, sharpen and edge detection are one operation with different weights
=========================================================================

Kernels whose nine weights sum to 1 (blur, sharpen, emboss) give back a picture that
keeps a flat sky's brightness; kernels whose weights sum to 0 (outline, Sobel) give a
response that is 0 on the sky and large along edges.

Every classic filter here is the same :term:`convolution`: :func:`~convdemo.conv2d`
slides a 3x3 :term:`kernel` over the ``camera`` photograph and writes down, at every
pixel, the weighted sum of the 3x3 neighbourhood. Only the weights change;
:func:`~convdemo.named_kernel` gives the classic ones. The panels show the
cameraman's head, camera and tripod.
"""

import numpy as np

from convdemo import conv2d, named_kernel
from convdemo.data import sample_image
from convdemo.plotting import plot_feature_maps

photo = sample_image("camera")
KERNELS = ["box_blur", "sharpen", "emboss", "outline", "sobel_x", "sobel_y"]
outputs = {name: conv2d(photo, named_kernel(name), padding="same") for name in KERNELS}
sums = {name: named_kernel(name).sum() for name in KERNELS}

CROP = np.s_[112:272, 200:360]  # head, camera and tripod top
titles = {name: f"{name} (weights sum to {sums[name]:.0f})" for name in KERNELS}
pictures = [titles[name] for name in KERNELS if round(sums[name]) == 1]
fig = plot_feature_maps(
    {titles[name]: outputs[name][CROP] for name in KERNELS},
    ncols=3,
    cmap={title: "gray" for title in pictures},
    label={title: "brightness" for title in pictures},
    size=(3.3, 2.9),
    title="Weights that sum to one give a picture; weights that sum to zero, edges",
    alt=(
        "Six filtered views of the cameraman's head and camera. "
        + " ".join(
            f"{name}, whose weights sum to {sums[name]:.0f}, "
            + ("gives a picture." if round(sums[name]) == 1 else "gives a response.")
            for name in KERNELS
        )
        + " The pictures are grey photographs, blurred, sharpened or embossed; the "
        "responses are white on flat areas and red and blue along the edges."
    ),
)

# %%
# On a patch of flat sky, the kernels that sum to 1 give back the sky's brightness and
# those that sum to 0 give almost nothing:

SKY = np.s_[20:52, 380:412]
sky = photo[SKY].mean()
on_sky = {name: np.abs(outputs[name][SKY]).mean() for name in KERNELS}
print(f"sky brightness in the photo: {sky:.2f}")
for name in KERNELS:
    print(
        f"{name:<10} weights sum {sums[name]:>2.0f}: mean |output| {on_sky[name]:.2f}"
    )

# %%
# Which edges the Sobel kernels find is :doc:`plot_sobel_finds_edges_by_direction`;
# what the frame does at the border is :doc:`plot_padding_at_the_border`.

# sphinx_gallery_thumbnail_number = 1
