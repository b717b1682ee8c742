"""
A stride, a pooling layer or a dilation widens what every later layer adds
==========================================================================

Three 3x3 layers see 7 pixels; with a stride of 2 in the first layer they see 11, with
a 2x2 max pool after it 12, and with dilations 1, 2 and 4, 15.

A stride or a pool makes the later layers' taps land further apart in the input (the
*jump* of :cite:t:`araujo2019computing` doubles), so each later 3x3 layer adds 4
pixels instead of 2; a dilation spreads one layer's own taps. The colours are the
measured field (:func:`~convdemo.empirical_receptive_field`), the orange box the
analytic one (:func:`~convdemo.receptive_field`). On an input of ones every pixel of a
max-pool window ties for the maximum, and ties share the gradient, so the map shows
every pixel the unit *could* depend on.
"""

import numpy as np

from convdemo import (
    AvgPool2d,
    Conv2d,
    MaxPool2d,
    ReLU,
    Stack,
    empirical_receptive_field,
    receptive_field,
)
from convdemo.plotting import nonzero_box, plot_receptive_fields, receptive_field_box

k = 3
w = np.ones((k, k))
variants = {
    "plain": Stack([Conv2d(w), ReLU(), Conv2d(w), ReLU(), Conv2d(w), ReLU()]),
    "stride 2 first": Stack(
        [Conv2d(w, stride=2), ReLU(), Conv2d(w), ReLU(), Conv2d(w), ReLU()]
    ),
    "2x2 max pool": Stack(
        [Conv2d(w), ReLU(), MaxPool2d(2), Conv2d(w), ReLU(), Conv2d(w), ReLU()]
    ),
    "dilation 1, 2, 4": Stack(
        [
            Conv2d(w),
            ReLU(),
            Conv2d(w, dilation=2),
            ReLU(),
            Conv2d(w, dilation=4),
            ReLU(),
        ]
    ),
}
shape = (23, 23)
fields = {name: receptive_field(stack)[-1] for name, stack in variants.items()}
fig = plot_receptive_fields(
    variants,
    shape=shape,
    title="Stride, pooling and dilation make the field grow faster",
    alt=(
        f"Gradient maps on a {shape[0]} by {shape[1]} input for stacks of "
        f"{k} by {k} convolutions: "
        + "; ".join(
            f"{name}, {field.size[0]} pixels wide" for name, field in fields.items()
        )
        + ". The stride and pool maps show a grid of brighter pixels, the dilated one "
        "a chequered pattern with no holes; each fills its orange analytic box."
    ),
)

# %%
# Measured against analytic, and the final jump:

for name, stack in variants.items():
    top, left, size = nonzero_box(empirical_receptive_field(stack, shape))
    same_place = (top, left) == receptive_field_box(stack, shape)[:2]
    print(
        f"{name:>16}: analytic {fields[name].size[0]:2d}, measured {size[0]:2d}, "
        f"same place: {same_place}, jump {fields[name].jump[0]}"
    )

# %%
# Average pooling sees the same window as max pooling: the field depends only on the
# layers' window sizes, strides and dilations, never on their weights or on the kind of
# pooling.

avg = Stack([Conv2d(w), ReLU(), AvgPool2d(2), Conv2d(w), ReLU(), Conv2d(w), ReLU()])
avg_measured = nonzero_box(empirical_receptive_field(avg, shape))[2][0]
avg_analytic = receptive_field(avg)[-1].size[0]
print(f"2x2 avg pool: analytic {avg_analytic}, measured {avg_measured}")

# %%
# Repeated layer after layer, the difference compounds:
# :doc:`plot_fields_grow_exponentially`.
