"""
Three 3x3 layers see as far as one 7x7 layer, with 45% fewer weights
====================================================================

A stack of three 3x3 convolutions has the same 7x7 :term:`receptive field` as one 7x7
convolution, but holds 27 C² weights against 49 C² (with C channels in and out of
every layer), and three :term:`activation` functions where the single layer has one.

This is why most networks stack small kernels instead of using large ones.
:func:`~convdemo.receptive_field` follows the field through both designs, layer by
layer; the weights are counted in the layers' own weight arrays.
"""

import numpy as np

from convdemo import Conv2d, ReLU, Stack, receptive_field
from convdemo.plotting import plot_bars


def design(n_layers, k, channels=1):
    """n_layers (k x k convolution, ReLU) layers from and to `channels` channels."""
    layers = []
    for _ in range(n_layers):
        layers += [Conv2d(np.ones((channels, channels, k, k))), ReLU()]
    return Stack(layers)


designs = {"3 x (3x3 conv)": (3, 3), "1 x (7x7 conv)": (1, 7)}
field_sizes = {
    name: [
        f.size[0] for f in receptive_field(design(*shape)) if f.name.startswith("Conv")
    ]
    for name, shape in designs.items()
}
for name, sizes in field_sizes.items():
    print(f"{name}: receptive field after each convolution {sizes}")

# The weights, for a few channel counts:
counts = {}
for channels in (1, 16, 64):
    counts[channels] = {
        name: sum(
            c.weight.size for c in design(*shape, channels) if isinstance(c, Conv2d)
        )
        for name, shape in designs.items()
    }
    n_stack, n_single = counts[channels].values()
    print(f"C = {channels:2d}: {n_stack:7,d} against {n_single:7,d} weights")
ratio = n_stack / n_single
print(f"the stack has {1 - ratio:.0%} fewer weights ({ratio:.3f} = 27 / 49)")

C = 64
side = field_sizes["3 x (3x3 conv)"][-1]  # the field both designs see
fig = plot_bars(
    counts[C],
    ylabel=f"weights, with C = {C} channels",
    fmt="{:,.0f}",
    size=(5.0, 3.6),
    title="Same field, fewer weights",
    alt=(
        f"Bar chart of the weights of the two designs with {C} channels: "
        + ", ".join(f"{n:,} for {name}" for name, n in counts[C].items())
        + f". Both see {side} by {side} pixels."
    ),
)

# %%
# The stack also has three ReLUs where the single layer has one: three chances to
# keep a response and drop another, which is what lets a stack detect patterns no
# single filter can (:doc:`../nonlinearity/plot_depth_without_nonlinearity`). How the
# stack weighs the pixels of its field is :doc:`plot_stacked_kernels_weigh_the_centre`.

relus = {
    name: sum(isinstance(layer, ReLU) for layer in design(*s))
    for name, s in designs.items()
}
print("ReLUs:", relus)
