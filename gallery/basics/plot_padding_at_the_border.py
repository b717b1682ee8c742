"""
Zero padding keeps the size but darkens the frame
=================================================

With zero padding the window of a blurred corner pixel keeps only 4 of its 9 pixels,
so it falls to 4/9 of the brightness around it and a side pixel to 6/9; "valid"
convolution uses only windows that fit and gives a smaller map with no such frame.

At a border pixel part of the 3x3 window hangs outside the image. ``padding="same"``
pretends the outside is 0 (black), so the output keeps the input's size;
``padding="valid"`` loses one pixel on each side instead. Here the box blur runs on an
8x8 crop of bright sky, treated as a whole image.
"""

from convdemo import conv2d, named_kernel
from convdemo.data import sample_image
from convdemo.plotting import describe_map, plot_number_grids

photo = sample_image("camera")
sky = photo[40:48, 440:448]
blur = named_kernel("box_blur")
same = conv2d(sky, blur, padding="same")
valid = conv2d(sky, blur, padding="valid")

fig = plot_number_grids(
    {
        f"input, {sky.shape[0]}x{sky.shape[1]}": sky,
        f'"same": {same.shape[0]}x{same.shape[1]}': same,
        f'"valid": {valid.shape[0]}x{valid.shape[1]}': valid,
    },
    fmt="{:.2f}",
    size=(3.6, 3.6),
    title="Zero padding darkens the frame; valid drops it",
    alt=(
        f"Three grids of numbers. {describe_map(sky, name='The sky crop')} "
        f"{describe_map(same, name='Its blur with zero padding')} Its corners hold "
        f"{same[0, 0]:.2f} and its sides about {same[0, 1:-1].mean():.2f}. "
        f"{describe_map(valid, name='The valid blur')}"
    ),
)

# %%
centre = same[1:-1, 1:-1].mean()
print(f"corner / centre = {same[0, 0] / centre:.3f}   (4/9 = {4 / 9:.3f})")
print(f"side / centre   = {same[0, 1:-1].mean() / centre:.3f}   (6/9 = {6 / 9:.3f})")

# %%
# On the whole photograph zero padding also *invents* an edge: beyond the last column
# there is black, so Sobel x sees the bright sky fall to 0 along the right border.

edges = conv2d(photo, named_kernel("sobel_x"), padding="same")
SKY_ROWS = slice(0, 150)
border, inside = (abs(edges[SKY_ROWS, column]).mean() for column in (-1, -2))
print(
    f"sky rows, mean |sobel_x|: last column {border:.2f}, one further in {inside:.2f}"
)

# %%
# Neither choice is wrong: "same" keeps the map aligned with the image (the usual
# choice inside a network), "valid" never makes up data. The size formula for any
# padding is :doc:`plot_convolution_arithmetic`.
