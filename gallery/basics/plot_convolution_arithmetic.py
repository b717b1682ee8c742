"""
Convolution arithmetic: padding, stride and dilation
====================================================

Padding adds a frame of zeros, stride skips positions and dilation spreads a
kernel's taps apart. Each changes the size of the feature map, and one formula
(:cite:t:`dumoulin2016guide`) predicts that size exactly:

.. math::

   H_\\text{out} = \\left\\lfloor \\frac{H + 2p - d\\,(k - 1) - 1}{s} \\right\\rfloor + 1

for an input of :math:`H` pixels, a kernel of :math:`k` taps, padding :math:`p`,
stride :math:`s` and dilation :math:`d`.

**Finding:** the formula matches the shape of :func:`convdemo.conv2d`'s output in
every one of the hundreds of cases tried below, and it says why: padding adds
:math:`2p` positions, dilation makes a :math:`k`-tap kernel as wide as
:math:`d(k-1)+1` pixels, and stride keeps one position in :math:`s`.
"""

# %%
# One 3x3 kernel on a 7x7 image
# -----------------------------
# With no padding, a 3x3 window fits in 5 positions along each axis of a 7-pixel
# image, so the feature map is 5x5: it loses one pixel on each side.
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from convdemo import conv2d, conv2d_backward, conv_output_size
from convdemo.plotting import set_alt_text

image = np.arange(49.0).reshape(7, 7)
kernel = np.ones((3, 3))
print("input", image.shape, "-> output", conv2d(image, kernel).shape)

# %%
# Where each output number looks
# ------------------------------
# Which input pixels does the first output number read? We ask
# :func:`~convdemo.conv2d_backward`: the gradient of output ``(0, 0)`` with
# respect to the input is non-zero exactly at the pixels that output reads (its
# *taps*). The panels below mark those taps in orange, and the centre of every
# output position with a blue dot. Grey cells are padding.

TAP, PIXEL, PAD = 2, 1, 0
CELL_COLOURS = ListedColormap(["#d9d9d9", "#ffffff", "#e69f00"])  # Okabe-Ito orange


def sampling_panel(ax, size, k, padding=0, stride=1, dilation=1):
    """Draw a size x size image, its padding, the taps of output (0, 0) and all centres."""
    padded = np.zeros((size + 2 * padding,) * 2)
    weight = np.ones((k, k))
    out = conv2d(padded, weight, stride=stride, dilation=dilation)
    one_hot = np.zeros_like(out)
    one_hot[0, 0] = 1.0
    taps, _, _ = conv2d_backward(padded, weight, one_hot, stride=stride, dilation=dilation)

    cells = np.full(padded.shape, PAD)
    cells[padding : padding + size, padding : padding + size] = PIXEL
    cells[taps != 0] = TAP
    ax.imshow(cells, cmap=CELL_COLOURS, vmin=0, vmax=2)
    centres = np.arange(out.shape[0]) * stride + dilation * (k - 1) / 2
    rows, cols = np.meshgrid(centres, centres, indexing="ij")
    ax.plot(cols.ravel(), rows.ravel(), "o", color="#0072b2", markersize=5)
    ax.set_xticks(np.arange(padded.shape[1] + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(padded.shape[0] + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#777777", linewidth=0.6)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    ax.set_xlabel("input column")
    ax.set_ylabel("input row")
    ax.set_title(
        f"k={k}, p={padding}, s={stride}, d={dilation}\n"
        f"{size}x{size} in -> {out.shape[0]}x{out.shape[1]} out"
    )
    return out.shape


cases = {
    "no padding": {"padding": 0},
    "padding 1": {"padding": 1},
    "stride 2": {"stride": 2},
    "dilation 2": {"dilation": 2},
}
fig, axes = plt.subplots(1, 4, figsize=(11, 3.6), layout="constrained")
shapes = {}
for ax, (label, options) in zip(axes, cases.items(), strict=True):
    shapes[label] = sampling_panel(ax, 7, 3, **options)
set_alt_text(
    fig,
    "Four 7 by 7 grids with a 3 by 3 kernel. No padding: 5 by 5 output centres. "
    "Padding 1 adds a grey frame of zeros and gives 7 by 7 centres. Stride 2: the "
    "blue centres are two pixels apart, 3 by 3 of them. Dilation 2: the nine orange "
    "taps are spread over a 5 by 5 area, 3 by 3 centres.",
)
plt.show()

for label, shape in shapes.items():
    print(f"{label:>11}: output {shape}")

# %%
# * **Padding** ``p`` adds ``2p`` positions: with ``p = (k - 1) / 2`` the output has
#   the input's size ("same" padding).
# * **Stride** ``s`` keeps one position in ``s``: the centres are ``s`` pixels
#   apart, so the map shrinks about ``s`` times.
# * **Dilation** ``d`` leaves ``d - 1`` pixels between taps: still 9 weights, but
#   the kernel now covers ``d (k - 1) + 1 = 5`` pixels, so it fits in fewer places.
#
# The formula, case by case
# -------------------------
# Now the formula against the real thing: for every combination below we run
# :func:`~convdemo.conv2d` on a blank image and compare the shape it returns with
# the formula (and with :func:`~convdemo.conv_output_size`, the package's copy of it).


def formula(size, k, padding, stride, dilation):
    return (size + 2 * padding - dilation * (k - 1) - 1) // stride + 1


rows = []
for size in range(1, 13):
    for k in range(1, 6):
        for padding in range(3):
            for stride in range(1, 4):
                for dilation in range(1, 4):
                    if dilation * (k - 1) + 1 > size + 2 * padding:
                        continue  # the kernel does not fit: conv2d refuses it
                    out = conv2d(
                        np.zeros((size, size)),
                        np.ones((k, k)),
                        padding=padding,
                        stride=stride,
                        dilation=dilation,
                    )
                    predicted = formula(size, k, padding, stride, dilation)
                    rows.append((size, k, padding, stride, dilation, predicted, out.shape[0]))

# A dozen of them, printed; every one is checked below.
shown = [
    (7, 3, 0, 1, 1),
    (7, 3, 1, 1, 1),
    (7, 3, 0, 2, 1),
    (7, 3, 1, 2, 1),
    (7, 3, 0, 1, 2),
    (7, 3, 2, 1, 2),
    (8, 2, 0, 2, 1),
    (8, 3, 1, 2, 1),
    (8, 5, 2, 3, 1),
    (12, 3, 1, 3, 2),
    (12, 4, 0, 1, 3),
    (5, 4, 2, 1, 1),
]
by_case = {row[:5]: row for row in rows}
print(" H  k  p  s  d | formula  conv2d")
for case in shown:
    print("{:2d} {:2d} {:2d} {:2d} {:2d} | {:7d} {:7d}".format(*by_case[case]))
agree = sum(predicted == measured for *_, predicted, measured in rows)
same_as_package = all(
    conv_output_size(size, k, padding=p, stride=s, dilation=d) == measured
    for size, k, p, s, d, _, measured in rows
)
print(f"\nformula == conv2d's output size in {agree} of {len(rows)} cases")
print("conv_output_size agrees in every case:", same_as_package)
assert agree == len(rows) and same_as_package

# %%
# Output size against input size
# ------------------------------
# The floor in the formula shows up as steps: with stride 2 the output grows by
# one pixel for every two input pixels, and dilation shifts the line right by
# the extra width it gives the kernel.

sizes = np.arange(5, 25)
settings = [
    ("k=3", {}),
    ("k=3, p=1", {"padding": 1}),
    ("k=3, s=2", {"stride": 2}),
    ("k=3, d=2", {"dilation": 2}),
]
fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
styles = ["-o", "-s", "-^", "-D"]
colours = plt.get_cmap("viridis")(np.linspace(0, 0.85, len(settings)))
for (label, options), style, colour in zip(settings, styles, colours, strict=True):
    outputs = [conv2d(np.zeros((n, n)), np.ones((3, 3)), **options).shape[0] for n in sizes]
    ax.plot(sizes, outputs, style, color=colour, label=label, markersize=4, drawstyle="steps-mid")
ax.set_xlabel("input size H (pixels)")
ax.set_ylabel("output size (pixels)")
ax.set_title("Output size of conv2d for a 3x3 kernel")
ax.legend(title="setting")
ax.grid(alpha=0.3)
set_alt_text(
    fig,
    "Output size against input size from 5 to 24 pixels for a 3 by 3 kernel. Padding 1 "
    "gives output equal to input, no padding gives input minus 2, dilation 2 gives input "
    "minus 4, and stride 2 climbs one step for every two input pixels.",
)
plt.show()

for label, options in settings:
    out = conv2d(np.zeros((24, 24)), np.ones((3, 3)), **options).shape[0]
    print(f"H = 24, {label:>9}: output {out}")

# %%
# Next: the output size tells how many numbers a feature map holds; the
# :doc:`answer </answer>` shows what those numbers mean and how the next layer
# uses them.

# sphinx_gallery_thumbnail_number = 1
