"""
Two layers with a ReLU find corners that no linear filter can
=============================================================

A two-layer ReLU stack separates every corner, bright or dark, from every lone stroke
and blank patch; the best single linear filter, fitted to the same patches, gets 82%
of them right, where always answering "no corner" gets 75%.

Each patch is 7x7 pixels of grey (0.5) with strokes three pixels long, bright (1) or
dark (0), and a little noise: a **corner** (a horizontal stroke meeting a vertical one
at its end), a lone **horizontal** or **vertical** stroke, or **blank**, 60 of each.
Layer 1 has four line kernels (horizontal and vertical, and their negatives, so bright
and dark strokes both count); a bias and a :term:`ReLU` keep the clear responses. Layer
2 adds up all four channels over the patch and thresholds: a lone stroke brings 2.5, a
corner 4.5. The linear competitor is a weighted sum of the 49 pixels plus a constant,
fitted by least squares (:func:`numpy.linalg.lstsq`).
"""

import numpy as np

from convdemo import Conv2d, ReLU, Stack, named_kernel
from convdemo.plotting import plot_strips

KINDS = ("corner", "horizontal", "vertical", "blank")


def draw(kind, polarity, rng):
    """One clean 7x7 patch: grey, with bright (polarity +1) or dark (-1) strokes."""
    patch = np.full((7, 7), 0.5)
    ink = 0.5 + 0.5 * polarity
    if kind == "horizontal":
        row, col = rng.integers(1, 6), rng.integers(1, 4)
        patch[row, col : col + 3] = ink
    elif kind == "vertical":
        row, col = rng.integers(1, 4), rng.integers(1, 6)
        patch[row : row + 3, col] = ink
    elif kind == "corner":
        down = rng.integers(2) == 1  # the vertical stroke below or above
        row = rng.integers(1, 3) if down else rng.integers(4, 6)
        col = rng.integers(1, 4)
        end = col + 2 * rng.integers(2)  # at the left or the right end
        top = row + 1 if down else row - 3
        patch[row, col : col + 3] = ink
        patch[top : top + 3, end] = ink
    return patch


rng = np.random.default_rng(1)
kinds = np.repeat(KINDS, 60)
polarity = [0 if kind == "blank" else rng.choice([1, -1]) for kind in kinds]
patches = np.array(
    [
        draw(k, p, rng) + rng.normal(0, 0.02, (7, 7))
        for k, p in zip(kinds, polarity, strict=True)
    ]
)
is_corner = kinds == "corner"

h, v = named_kernel("horizontal_line"), named_kernel("vertical_line")
layer_1 = Conv2d(np.stack([h, -h, v, -v])[:, None], bias=np.full(4, -1.5))
layer_2 = Conv2d(np.ones((1, 4, 5, 5)), bias=[-3.5])  # add it all up, threshold
stack = Stack([layer_1, ReLU(), layer_2, ReLU()])

design = np.column_stack([patches.reshape(len(patches), -1), np.ones(len(patches))])
coef, *_ = np.linalg.lstsq(design, is_corner.astype(float), rcond=None)
responses = {
    "two-layer ReLU stack": stack.forward(patches[:, None]).reshape(-1),
    "best linear filter": design @ coef,
}
thresholds = {"two-layer ReLU stack": 0.0, "best linear filter": 0.5}
accuracy = {
    name: ((r > thresholds[name]) == is_corner).mean() for name, r in responses.items()
}
fig = plot_strips(
    {
        f"{name}: {accuracy[name]:.0%} right": {k: r[kinds == k] for k in KINDS}
        for name, r in responses.items()
    },
    thresholds={f"{n}: {accuracy[n]:.0%} right": t for n, t in thresholds.items()},
    ylabel="response",
    title="Only the stack puts every corner above its threshold",
    alt=(
        f"Responses to the {len(kinds)} patches, grouped by kind. The two-layer ReLU "
        f"stack gets {accuracy['two-layer ReLU stack']:.0%} right: every corner lies "
        "above the dashed threshold and every other patch at zero. The best linear "
        f"filter gets {accuracy['best linear filter']:.0%} right: corners, strokes and "
        "blanks overlap, with corners on both sides of its threshold."
    ),
)

# %%
margin = {
    name: r[is_corner].min() - r[~is_corner].max() for name, r in responses.items()
}
print(f"always answering 'no' is right {1 - is_corner.mean():.0%} of the time")
for name in responses:
    print(f"{name:>20}: {accuracy[name]:.0%} right, margin {margin[name]:+.2f}")

# %%
# The margin is the lowest corner response minus the highest non-corner one: positive
# means one threshold separates them all. Why no linear filter can do it is arithmetic:
# :doc:`plot_linear_filters_cannot_say_both`.
