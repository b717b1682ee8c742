"""
The trained second layer splits into a horizontal team and a vertical team
==========================================================================

Channels 1, 2, 4 and 6 of layer 2 fire for cars (horizontal structure) and channels 0,
3, 5 and 7 for pedestrians (vertical structure): on the test set the car's average
beats the pedestrian's in 98% to 100% of pairs for the first team and 9% to 21% for the
second.

This is the network trained in :doc:`plot_train_cars_and_pedestrians`. Each layer-2
kernel reads a 3x3 window of all four pooled layer-1 maps and adds them up (then a bias
and a ReLU); the global average turns each layer-2 map into one number, *how much* of
that feature the image holds, and the linear read-out adds those eight numbers up with
opposite signs for the two teams. Below, the layer-2 maps of the first car and the
first pedestrian of the test set, on one colour scale.
"""

import numpy as np

from convdemo import trained_tiny_cnn
from convdemo.plotting import plot_bars, plot_feature_maps

example = trained_tiny_cnn("cars_and_pedestrians")
network, x_test, y_test = example.network, example.test_images, example.test_labels
picks = {
    name: int(np.flatnonzero(y_test == label)[0])
    for label, name in enumerate(("car", "pedestrian"))
}
trace = network.trace(x_test[list(picks.values())])
layer_2 = trace[4]  # (2 images, 8 channels, 8, 8), after the ReLU

fig = plot_feature_maps(
    {
        f"{name[:3]} ch {c}": layer_2[row, c]
        for row, name in enumerate(picks)
        for c in range(8)
    },
    ncols=8,
    size=(1.35, 1.5),
    shared="one colour bar",
    label="layer-2 response",
    title="Layer 2 on a car (top) and a pedestrian (bottom)",
    alt=(
        f"The {layer_2.shape[1]} second-layer maps after ReLU for the car (top row) "
        "and the pedestrian "
        f"(bottom row), {layer_2.shape[2]} by {layer_2.shape[3]} each, on one scale. "
        "Mean response per channel, car then pedestrian: "
        + "; ".join(
            f"channel {c}: {layer_2[0, c].mean():.2f}, {layer_2[1, c].mean():.2f}"
            for c in range(8)
        )
        + "."
    ),
)

# %%
# On the whole test set: for each channel, the share of (car, pedestrian) pairs in which
# the car's global average is the larger one; 0.5 would be no separation at all.

averages = network.trace(x_test)[5]  # (400, 8)
cars, pedestrians = averages[y_test == 0], averages[y_test == 1]
pairs_won = {
    f"ch {c}": (cars[:, c, None] > pedestrians[None, :, c]).mean() for c in range(8)
}
horizontal = [name for name, share in pairs_won.items() if share > 0.5]
fig = plot_bars(
    pairs_won,
    ylabel="share of pairs: car's average larger",
    xlabel="layer-2 channel",
    highlight=horizontal,
    fmt="{:.2f}",
    title="Four channels for cars, four for pedestrians",
    alt="Bar chart, one bar per second-layer channel, of the share of test "
    "car-pedestrian "
    "pairs in which the car's average is larger: "
    + ", ".join(f"{name} {share:.2f}" for name, share in pairs_won.items())
    + ".",
)

# %%
readout = network[6]
weight_difference = readout.weight[1] - readout.weight[0]
print("car team:", horizontal)
print("pedestrian - car read-out weight:", np.round(weight_difference, 1).tolist())

# %%
# Are the teams about cars and people, or about orientation? See
# :doc:`plot_a_lying_bar_is_a_car`; what excites each layer-2 unit is
# :doc:`plot_what_layer2_units_see`.

# sphinx_gallery_thumbnail_number = 2
