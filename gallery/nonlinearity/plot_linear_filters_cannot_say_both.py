"""
A linear filter answers a dark corner with minus its bright answer
==================================================================

For every linear filter, a corner's response above a blank patch is the sum of its two
strokes' responses, and a dark corner's is exactly minus the bright one's: the two
average to the blank's, so no threshold puts both corners above it and the blank below.

A corner is blank + (horizontal stroke - blank) + (vertical stroke - blank), pixel by
pixel, and a dark drawing is 2 x blank - the bright one. A linear filter (weights
times pixels, plus a bias) turns those identities into the same identities between its
responses. Here with a random 7x7 filter; the fitted filter of
:doc:`plot_relu_stack_finds_corners` obeys them just the same. A ReLU between two
layers breaks them: a dark stroke lights up its own channel with a positive number.
"""

import numpy as np

from convdemo.plotting import plot_bars

blank = np.full((7, 7), 0.5)


def corner_and_strokes(polarity):
    """A corner at a fixed place, and its horizontal and vertical strokes alone."""
    ink = 0.5 + 0.5 * polarity
    horizontal, vertical = blank.copy(), blank.copy()
    horizontal[2, 2:5] = ink
    vertical[3:6, 2] = ink  # from the left end of the horizontal stroke, downwards
    return horizontal + vertical - blank, horizontal, vertical


rng = np.random.default_rng(5)
weights, bias = rng.normal(size=(7, 7)), rng.normal()


def f(patch):
    return (patch * weights).sum() + bias


bright, stroke_h, stroke_v = corner_and_strokes(1)
dark = corner_and_strokes(-1)[0]
above_blank = {
    "horizontal stroke": f(stroke_h) - f(blank),
    "vertical stroke": f(stroke_v) - f(blank),
    "bright corner": f(bright) - f(blank),
    "dark corner": f(dark) - f(blank),
}
fig = plot_bars(
    above_blank,
    ylabel="response above the blank patch",
    fmt="{:+.2f}",
    title="The corner is the sum of its strokes; the dark corner its negative",
    alt="Bars of a random linear filter's responses above a blank patch: "
    + ", ".join(f"{name} {value:+.2f}" for name, value in above_blank.items())
    + ". The bright corner's bar is the two stroke bars added; the dark corner's is "
    "the same height pointing the other way.",
)

# %%
h, v, corner, dark_corner = above_blank.values()
print(f"strokes added: {h + v:+.6f}, bright corner: {corner:+.6f}")
print(f"mean of the bright and dark corners: {(f(bright) + f(dark)) / 2:.6f}")
print(f"blank patch:                         {f(blank):.6f}")
