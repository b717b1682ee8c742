"""
One output number is nine products added up
============================================

A :term:`convolution` makes its output one number at a time. To make one, it
lays the 3x3 :term:`kernel` over a 3x3 window of the input, multiplies the
nine pairs of numbers that sit on top of each other, and adds the nine
products. Then the window moves one pixel and it does the same again.

**Finding:** for the cell worked out below, the nine products written out add
up to 7, exactly the number :func:`~convdemo.conv2d` returns for that cell.
Sliding the window over every position of a 6x6 input gives 4x4 outputs: each
cell of the output is one window's weighted sum, nothing more.
"""

# %%
# A small input and a kernel
# --------------------------
# Thirty-six whole numbers from 0 to 5 (drawn once, from a fixed seed) and nine
# weights, some negative. Small integers keep the arithmetic easy to follow.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.patches import Rectangle

from convdemo import conv2d
from convdemo.plotting import set_alt_text, show_kernel, show_number_grid

rng = np.random.default_rng(7)
image = rng.integers(0, 6, size=(6, 6)).astype(float)
kernel = np.array([[1, 2, 0], [-1, 1, 1], [0, -2, 1]], dtype=float)
output = conv2d(image, kernel)  # no padding, stride 1: the window stays inside

print("input (6x6):")
print(image.astype(int))
print("kernel (3x3):")
print(kernel.astype(int))
print("conv2d output (4x4):")
print(output.astype(int))

# %%
# The window slides
# -----------------
# The window starts at the top-left corner and moves one column at a time; at
# the end of a row it goes back to the left, one row down. A 3-wide window fits
# in 6 - 3 + 1 = 4 places along each axis, so there are 4 x 4 = 16 positions
# and 16 output numbers, filled in reading order. Below: the window (orange) at
# four of those positions, and the output cells made so far.

WINDOW = "#e69f00"  # Okabe-Ito orange: visible on every viridis and RdBu shade
NOT_YET = "#e8e8e8"  # grey for output cells the window has not reached yet
OUTPUT_LIMIT = float(np.abs(output).max())
positions = list(np.ndindex(output.shape))  # (row, column) in reading order


def input_panel(ax, title):
    """The input as a number grid, with an orange 3x3 window to move around."""
    show_number_grid(ax, image, fmt="{:.0f}", vmin=0, vmax=5, title=title)
    return ax.add_patch(Rectangle((-0.5, -0.5), 3, 3, fill=False, ec=WINDOW, lw=3, zorder=4))


def output_panel(ax, title):
    """The output as a number grid; grey covers hide the cells not computed yet."""
    show_number_grid(
        ax, output, fmt="{:.0f}", signed=True, vmin=-OUTPUT_LIMIT, vmax=OUTPUT_LIMIT, title=title
    )
    covers = [
        ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fc=NOT_YET, ec="white", zorder=3))
        for r, c in positions
    ]
    marker = ax.add_patch(Rectangle((-0.5, -0.5), 1, 1, fill=False, ec=WINDOW, lw=3, zorder=4))
    return covers, list(ax.texts), marker


def show_step(step, window, covers, texts, marker):
    """Put the window on position `step` and reveal output cells 0..step."""
    r, c = positions[step]
    window.set_xy((c - 0.5, r - 0.5))
    marker.set_xy((c - 0.5, r - 0.5))
    for index, (cover, text) in enumerate(zip(covers, texts, strict=True)):
        cover.set_visible(index > step)
        text.set_visible(index <= step)


steps = [0, 1, 4, 15]
fig, axes = plt.subplots(
    2, 4, figsize=(10, 5.6), layout="constrained", gridspec_kw={"height_ratios": [6, 4]}
)
for column, step in enumerate(steps):
    r, c = positions[step]
    window = input_panel(
        axes[0, column], f"step {step + 1}: window on\nrows {r}-{r + 2}, columns {c}-{c + 2}"
    )
    covers, texts, marker = output_panel(axes[1, column], f"makes output ({r}, {c})")
    show_step(step, window, covers, texts, marker)
    axes[0, column].set_xlabel("input column")
    axes[0, column].set_ylabel("input row")
    axes[1, column].set_xlabel("output column")
    axes[1, column].set_ylabel("output row")
set_alt_text(
    fig,
    "Four snapshots of a 3 by 3 orange window on a 6 by 6 grid of numbers, above the 4 by 4 "
    "output. Step 1: window at the top-left corner, only output cell (0, 0) filled. Step 2: "
    "one column to the right, two cells filled. Step 5: back at the left, one row down, the "
    "first output row complete. Step 16: bottom-right corner, all 16 output cells filled.",
)
plt.show()

print(f"window positions: {len(positions)}, output shape {output.shape}")

# %%
# Nine products, one sum
# ----------------------
# Now slow down at one position: the window over rows 2-4 and columns 2-4, which
# makes output cell (2, 2). Each input number is multiplied by the weight lying
# on it (the kernel is *not* flipped: the top-left weight meets the top-left
# number), and the nine products are added.

ROW, COL = 2, 2
window_values = image[ROW : ROW + 3, COL : COL + 3]
products = window_values * kernel  # nine products, one per weight
total = products.sum()

fig, axes = plt.subplots(1, 4, figsize=(10, 3.2), layout="constrained")
show_number_grid(
    axes[0],
    window_values,
    fmt="{:.0f}",
    vmin=0,
    vmax=5,
    title=f"input window\nrows {ROW}-{ROW + 2}, columns {COL}-{COL + 2}",
    origin=(ROW, COL),
    xlabel="input column",
    ylabel="input row",
)
show_kernel(axes[1], kernel, title="times the kernel\n(weight by weight)", fmt="{:.0f}")
show_number_grid(
    axes[2],
    products,
    fmt="{:.0f}",
    signed=True,
    title=f"gives nine products\nthat add up to {total:.0f}",
    xlabel="kernel column",
    ylabel="kernel row",
)
covers, texts, marker = output_panel(axes[3], f"output ({ROW}, {COL}) = {output[ROW, COL]:.0f}")
here = positions.index((ROW, COL))
for index, (cover, text) in enumerate(zip(covers, texts, strict=True)):  # only this cell
    cover.set_visible(index != here)
    text.set_visible(index == here)
marker.set_xy((COL - 0.5, ROW - 0.5))
axes[3].set_xlabel("output column")
axes[3].set_ylabel("output row")
set_alt_text(
    fig,
    "Four number grids in a row. The input window 2, 4, 0 / 4, 1, 2 / 5, 2, 2, times the "
    "kernel 1, 2, 0 / -1, 1, 1 / 0, -2, 1, gives the products 2, 8, 0 / -4, 1, 2 / 0, -4, 2, "
    "which add up to 7. In the 4 by 4 output only cell (2, 2) is filled, and it holds 7.",
)
plt.show()

# %%
# The same sum, written out, and the number :func:`~convdemo.conv2d` gave for
# that cell:


def signed(value):
    return f"({value:.0f})" if value < 0 else f"{value:.0f}"


terms = [f"{x:.0f}*{signed(w)}" for x, w in zip(window_values.ravel(), kernel.ravel(), strict=True)]
print(" + ".join(terms))
print("= " + " + ".join(signed(p) for p in products.ravel()))
print(f"= {total:.0f}")
print(f"conv2d(image, kernel)[{ROW}, {COL}] = {output[ROW, COL]:.0f}")
print("equal:", total == output[ROW, COL])

# %%
# Watch it slide
# --------------
# The animation repeats the recipe at all 16 positions. Each frame moves the
# window one step and writes one more output number.

fig, (ax_in, ax_out) = plt.subplots(1, 2, figsize=(6.4, 3.6), layout="constrained")
window = input_panel(ax_in, "input: the window slides")
covers, texts, marker = output_panel(ax_out, "output: one number per window")
ax_in.set_xlabel("input column")
ax_in.set_ylabel("input row")
ax_out.set_xlabel("output column")
ax_out.set_ylabel("output row")


def frame(step):
    show_step(step, window, covers, texts, marker)
    r, c = positions[step]
    ax_out.set_title(f"output ({r}, {c}) = {output[r, c]:.0f}")
    return [window, marker, *covers, *texts]


animation = FuncAnimation(fig, frame, frames=len(positions), interval=700, repeat=True)
fig.canvas.draw()  # draw once, so matplotlib knows the animation was shown ...
fig.set_layout_engine("none")  # ... and keep that layout: frames draw faster
frame(len(positions) - 1)  # the still a page without animations shows: the last frame
set_alt_text(
    fig,
    "Animation: an orange 3 by 3 window slides over the 6 by 6 input in reading order, "
    "one column at a time, and at each of its 16 positions one more cell of the 4 by 4 "
    "output is written, until the whole output is filled.",
)
plt.show()

# %%
# Every number a convolution layer produces is made this way; with several
# input :term:`channels <channel>` the window is 3x3 *per channel* and all the
# products are added together (see :ref:`gallery-channels`). How big the output
# is for other paddings, strides and dilations is the subject of
# :doc:`plot_convolution_arithmetic`.

# sphinx_gallery_thumbnail_number = 2
