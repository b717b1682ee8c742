"""
Sobel x answers vertical edges, Sobel y horizontal ones
=======================================================

On the tripod's vertical column Sobel x answers 5.6 times as strongly as Sobel y; on
the horizontal top of the video camera Sobel y answers 3.1 times as strongly as Sobel x.

Sobel x subtracts the column on the left of each pixel from the column on its right:
it is large where the brightness changes from left to right, that is along a
*vertical* edge. Sobel y does the same from top to bottom. All four panels share one
colour scale, so their colours compare.
"""

import numpy as np

from convdemo import conv2d, named_kernel
from convdemo.data import sample_image
from convdemo.plotting import plot_feature_maps

photo = sample_image("camera")
sobel = {
    name: conv2d(photo, named_kernel(name), padding="same")
    for name in ("sobel_x", "sobel_y")
}
PATCHES = {
    "tripod column": np.s_[352:384, 272:304],  # a vertical metal bar on grass
    "camera top": np.s_[136:168, 272:304],  # the video camera's top edge against sky
}
maps = {
    f"{kernel} on the {where}": out[box]
    for where, box in PATCHES.items()
    for kernel, out in sobel.items()
}
means = {name: np.abs(m).mean() for name, m in maps.items()}
fig = plot_feature_maps(
    maps,
    ncols=2,
    shared=True,
    title="Each Sobel kernel answers the edges across its direction",
    alt=(
        "Four response maps on one colour scale. "
        + " ".join(
            f"The mean size of {name} is {value:.2f}." for name, value in means.items()
        )
        + " The tripod column is drawn in strong red and blue stripes by Sobel x only; "
        "the camera top by Sobel y only."
    ),
)

# %%
x_on_column, y_on_column, x_on_top, y_on_top = means.values()
print(f"tripod column: Sobel x is {x_on_column / y_on_column:.1f} times Sobel y")
print(f"camera top:    Sobel y is {y_on_top / x_on_top:.1f} times Sobel x")
