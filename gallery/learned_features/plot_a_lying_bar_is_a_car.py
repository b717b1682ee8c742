"""
To the trained network, a lying bar is a car and a standing bar a pedestrian
============================================================================

A plain bright bar on grey, with no wheels, head or legs, drives the horizontal team of
layer 2 when it lies down and the vertical team when it stands up, and the network
calls the first a car and the second a pedestrian, both with a probability above 0.999.

So layer 2 of :doc:`plot_feature_maps_layer_by_layer` did not learn "car" and
"pedestrian" as wholes. It learned *orientation*, built from the layer-1 edge and line
detectors, which is all this task needs.
"""

import numpy as np

from convdemo import CAR_PEDESTRIAN_CLASSES, softmax, trained_tiny_cnn
from convdemo.plotting import plot_bars


def bar(height, width, size=24, ink=0.8, background=0.35):
    image = np.full((size, size), background)
    top, left = (size - height) // 2, (size - width) // 2
    image[top : top + height, left : left + width] = ink
    return image


network = trained_tiny_cnn("cars_and_pedestrians").network
bars = {"lying bar": bar(3, 16), "standing bar": bar(16, 3)}
trace = network.trace(np.stack(list(bars.values()))[:, None])
averages = trace[5]  # the eight global averages of layer 2, per image
probabilities = softmax(trace[6])
verdicts = {
    name: (CAR_PEDESTRIAN_CLASSES[int(p.argmax())], p.max())
    for name, p in zip(bars, probabilities, strict=True)
}

values = {
    f"ch {c}, {name}": averages[row, c]
    for c in range(8)
    for row, name in enumerate(bars)
}
fig = plot_bars(
    values,
    ylabel="global average of the channel",
    highlight=[label for label in values if label.endswith("lying bar")],
    fmt="{:.1f}",
    size=(9.0, 3.8),
    title="Blue: the lying bar; grey: the standing bar",
    alt=(
        f"Bars of the {averages.shape[1]} second-layer global averages for a lying "
        "bar and a standing bar: "
        + ", ".join(f"{label} {v:.1f}" for label, v in values.items())
        + ". "
        + " ".join(
            f"The {n} is called a {c} (p = {p:.3f})." for n, (c, p) in verdicts.items()
        )
    ),
)
fig.axes[0].tick_params(axis="x", labelrotation=90)

# %%
for name, (verdict, p) in verdicts.items():
    print(f"{name:>12}: {verdict} with probability {p:.4f}")
