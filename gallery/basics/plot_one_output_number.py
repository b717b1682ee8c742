"""
One output number is nine products added up
============================================

A convolution's output cell is the sum of the nine products of a 3x3 input window with
the 3x3 kernel: here 2 + 8 + 0 - 4 + 1 + 2 + 0 - 4 + 2 = 7, the number
:func:`~convdemo.conv2d` returns for that cell.

To make one output number, a :term:`convolution` lays the :term:`kernel` over a window
of the input, multiplies the numbers that sit on top of each other and adds the
products (the kernel is *not* flipped: its top-left weight meets the window's top-left
number). Thirty-six whole numbers from 0 to 5, drawn once from a fixed seed, keep the
arithmetic easy to follow.
"""

import numpy as np

from convdemo import conv2d
from convdemo.plotting import describe_numbers, plot_number_grids

rng = np.random.default_rng(7)
image = rng.integers(0, 6, size=(6, 6)).astype(float)
kernel = np.array([[1, 2, 0], [-1, 1, 1], [0, -2, 1]], dtype=float)
output = conv2d(image, kernel)  # no padding, stride 1: 6 - 3 + 1 = 4 cells a side

ROW, COL = 2, 2  # the output cell worked out
window = image[ROW : ROW + 3, COL : COL + 3]
products = window * kernel  # nine products, weight by weight
total = products.sum()

panels = {
    f"input, window at ({ROW}, {COL})": image,
    "times the kernel": kernel,
    f"nine products: sum {total:g}": products,
    f"conv2d output: ({ROW}, {COL}) = {output[ROW, COL]:g}": output,
}
first, _, _, last = panels
fig = plot_number_grids(
    panels,
    kernels=["times the kernel"],
    boxes={first: [(ROW, COL, 3, 3)], last: [(ROW, COL, 1, 1)]},
    size=(2.9, 2.9),
    title="The window times the kernel, added up, is one output number",
    alt=(
        f"Four grids of numbers. The input window {describe_numbers(window)} times "
        f"the kernel {describe_numbers(kernel)} gives the products "
        f"{describe_numbers(products)}, which add up to {total:g}: the output cell "
        f"({ROW}, {COL}) of the {output.shape[0]} by {output.shape[1]} output holds "
        f"{output[ROW, COL]:g}."
    ),
)

# %%
# The same sum, written out:

terms = [f"{x:g}*({w:g})" for x, w in zip(window.ravel(), kernel.ravel(), strict=True)]
print(" + ".join(terms))
print(f"= {total:g}; conv2d(image, kernel)[{ROW}, {COL}] = {output[ROW, COL]:g}")

# %%
# Every other output cell is the same recipe with the window moved. Written as plain
# loops, that is the whole definition of a convolution; :mod:`convdemo.reference` holds
# it, and the fast :func:`~convdemo.conv2d` is tested equal to it:
#
# .. literalinclude:: /../convdemo/reference.py
#    :pyobject: conv2d_reference
#    :start-at: out = np.zeros
#    :end-before: return geometry
#    :dedent: 4

from convdemo.reference import conv2d_reference

by_loops = conv2d_reference(image, kernel)
print("every cell by the loops equals conv2d:", np.array_equal(by_loops, output))

# %%
# How the window slides from cell to cell is :doc:`plot_window_slides`; with several
# input :term:`channels <channel>` the window is 3x3 *per channel* and all the products
# are added together (:ref:`gallery-channels`).

# sphinx_gallery_thumbnail_number = 1
