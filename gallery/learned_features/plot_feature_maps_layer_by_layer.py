"""
Layer by layer: the trained second layer sorts horizontal from vertical
=======================================================================

Follow one car and one pedestrian through the network trained in
:ref:`sphx_glr_auto_examples_learned_features_plot_train_cars_and_pedestrians.py`,
one layer at a time: the four layer-1 maps, the ReLU, the max-pooling, the
eight layer-2 maps, the eight global averages and the two class scores.

**Finding:** layer 2 splits into two teams. Channels 1, 2, 4 and 6 fire for
horizontal structure (cars, or a plain horizontal bar), channels 0, 3, 5 and 7
for vertical structure (pedestrians, or a plain vertical bar). Their global
averages alone already tell the classes apart; the linear read-out only adds
them up with opposite signs.
"""

# %%
# Layer 1: four maps per image
# ----------------------------
# We take the first car and the first pedestrian of the test set. Each layer-1
# map is the image correlated with one learned 5x5 kernel (plus its bias); red
# is positive, blue negative. Each channel keeps one colour scale for both
# images, so the two rows can be compared.
import matplotlib.pyplot as plt
import numpy as np

from convdemo import CAR_PEDESTRIAN_CLASSES, softmax, trained_tiny_cnn
from convdemo.plotting import set_alt_text, show_image, signed_limits

example = trained_tiny_cnn("cars_and_pedestrians")
network = example.network
x_test, y_test = example.test_images, example.test_labels
picks = {
    name: int(np.flatnonzero(y_test == label)[0])
    for label, name in enumerate(("car", "pedestrian"))
}
print("test images used:", picks)
images = x_test[list(picks.values())]  # (2, 1, 24, 24): car, pedestrian
trace = network.trace(images)
for index, (layer, output) in enumerate(zip(network, trace, strict=True)):
    print(f"layer {index} {layer.name:<28} output shape {output.shape}")

HORIZONTAL = [1, 2, 4, 6]  # found below; coloured orange in the figures
TEAM_COLOUR = {c: ("#d55e00" if c in HORIZONTAL else "#0072b2") for c in range(8)}


def map_panel(ax, values, limits, cmap, title=None, colour="black"):
    """A small feature map without ticks, on given colour limits."""
    artist = ax.imshow(
        values, cmap=cmap, vmin=limits[0], vmax=limits[1], interpolation="nearest"
    )
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, color=colour, fontsize=10)
    return artist


fig, axes = plt.subplots(2, 5, figsize=(10, 4.4), layout="constrained")
for row, name in enumerate(picks):
    show_image(
        axes[row, 0], images[row, 0], title=f"input: {name}" if row == 0 else None
    )
    axes[row, 0].set(xticks=[], yticks=[], xlabel=None, ylabel=name)
    for c in range(4):
        limits = signed_limits(trace[0][:, c])
        artist = map_panel(
            axes[row, c + 1],
            trace[0][row, c],
            limits,
            "RdBu_r",
            f"conv1 ch {c}" if row == 0 else None,
        )
        if row == 1:
            fig.colorbar(
                artist, ax=axes[:, c + 1], orientation="horizontal", label="response"
            )
axes[1, 0].set_title("input: pedestrian")
set_alt_text(
    fig,
    "The car and the pedestrian, and their four 20 by 20 layer-1 maps on a red-blue "
    "scale. Channel 0 is pale blue almost everywhere, darkest along the car's bright body; "
    "channel 1 is dark red along the car's top edge and red along the pedestrian's left "
    "side; channel 2 is red and blue along the pedestrian's vertical sides and the car's "
    "wheels; channel 3 is red along the car's bottom edge and faint on the pedestrian.",
)
plt.show()

# %%
# ReLU and max-pooling
# --------------------
# The ReLU sets every negative number to 0 and keeps the positive ones as they
# are: how strongly each edge was found survives. Max-pooling then keeps the
# largest number of every 2x2 block, halving each map to 10x10.
relu1, pool1 = trace[1], trace[2]
for row, name in enumerate(picks):
    print(
        f"{name:>10}: ReLU zeroes {np.mean(trace[0][row] < 0):.0%} of the layer-1 numbers; "
        f"pooling keeps {pool1[row].size} of {relu1[row].size}"
    )

fig, axes = plt.subplots(4, 4, figsize=(8, 8), layout="constrained")
for row, name in enumerate(picks):
    for c in range(4):
        limits = (0.0, relu1[:, c].max())
        top, bottom = axes[2 * row, c], axes[2 * row + 1, c]
        map_panel(
            top, relu1[row, c], limits, "viridis", f"ch {c}" if row == 0 else None
        )
        artist = map_panel(bottom, pool1[row, c], limits, "viridis")
        if row == 1:
            fig.colorbar(
                artist, ax=axes[:, c], orientation="horizontal", label="response"
            )
    axes[2 * row, 0].set_ylabel(f"{name}\nReLU (20x20)")
    axes[2 * row + 1, 0].set_ylabel(f"{name}\nmax-pool (10x10)")
set_alt_text(
    fig,
    "Four rows of four maps on a viridis scale: the car's layer-1 maps after ReLU, the "
    "same maps after 2 by 2 max-pooling, then the pedestrian's. Pooling halves each map "
    "but keeps the bright outlines: horizontal lines for the car, vertical lines for the "
    "pedestrian.",
)
plt.show()

# %%
# Layer 2: eight channels, two teams
# ----------------------------------
# Each layer-2 kernel reads a 3x3 window of **all four** pooled maps and adds
# them up (then a bias and a ReLU). Orange titles mark channels 1, 2, 4 and 6:
# they light up on the car and stay nearly dark on the pedestrian. Blue titles
# (0, 3, 5, 7) do the opposite, less sharply.
relu2 = trace[4]
limits = (0.0, relu2.max())
fig, axes = plt.subplots(2, 8, figsize=(10, 2.9), layout="constrained")
for row, name in enumerate(picks):
    for c in range(8):
        artist = map_panel(
            axes[row, c],
            relu2[row, c],
            limits,
            "viridis",
            f"ch {c}" if row == 0 else None,
            TEAM_COLOUR[c],
        )
    axes[row, 0].set_ylabel(name)
fig.colorbar(artist, ax=axes, label="layer-2 response (after ReLU)", shrink=0.9)
set_alt_text(
    fig,
    "The eight 8 by 8 layer-2 maps after ReLU for the car (top row) and the pedestrian "
    "(bottom row) on one viridis scale. Channels 1, 2, 4 and 6 are bright for the car and "
    "almost dark for the pedestrian; channels 0, 3, 5 and 7 are dim for the car and "
    "moderately bright for the pedestrian.",
)
plt.show()

for row, name in enumerate(picks):
    print(
        f"{name:>10}: ReLU zeroes {np.mean(trace[3][row] < 0):.0%} of the layer-2 numbers"
    )

# %%
# The global average: eight numbers per image
# -------------------------------------------
# The global average turns each layer-2 map into one number: *how much* of that
# feature the image holds, wherever it is. Here are the eight numbers for the car
# and the pedestrian, and the same numbers averaged over the 200 cars and the
# 200 pedestrians of the test set.
averages = trace[5]
test_averages = network.trace(x_test)[5]
car_mean = test_averages[y_test == 0].mean(axis=0)
pedestrian_mean = test_averages[y_test == 1].mean(axis=0)
print(
    "channel |    car | pedestrian | test: cars | test: pedestrians | cars / pedestrians"
)
for c in range(8):
    print(
        f"{c:7d} | {averages[0, c]:6.3f} | {averages[1, c]:10.3f} | {car_mean[c]:10.3f} | "
        f"{pedestrian_mean[c]:17.3f} | {car_mean[c] / pedestrian_mean[c]:18.2f}"
    )
car_channels = np.flatnonzero(car_mean > pedestrian_mean)
print("larger for cars:       ", car_channels.tolist())
print("larger for pedestrians:", np.flatnonzero(car_mean < pedestrian_mean).tolist())

# %%
# How well does each channel separate the classes *on its own*? The fraction of
# (car, pedestrian) pairs of test images in which the car's average is the
# larger one: 1 means every car beats every pedestrian, 0 the reverse, 0.5 no
# separation at all.
cars, pedestrians = test_averages[y_test == 0], test_averages[y_test == 1]
pairs_won = np.array(
    [(cars[:, c, None] > pedestrians[None, :, c]).mean() for c in range(8)]
)
for c in range(8):
    team = "horizontal" if c in HORIZONTAL else "vertical"
    print(f"channel {c} ({team:>10}): car larger in {pairs_won[c]:.1%} of pairs")

fig, (ax_one, ax_all) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
channels = np.arange(8)
ax_one.bar(channels - 0.2, averages[0], 0.4, color="#d55e00", label="car")
ax_one.bar(channels + 0.2, averages[1], 0.4, color="#0072b2", label="pedestrian")
ax_one.set(xlabel="layer-2 channel", ylabel="global average", xticks=channels)
ax_one.set_title("The two images")
ax_one.legend()
ax_all.bar(channels, pairs_won, color=[TEAM_COLOUR[c] for c in channels])
ax_all.axhline(0.5, color="#777777", linestyle="--", linewidth=1)
ax_all.set(
    xlabel="layer-2 channel", ylabel="fraction of pairs", xticks=channels, ylim=(0, 1)
)
ax_all.set_title("Test set: car's average larger than pedestrian's")
for ax in (ax_one, ax_all):
    ax.grid(axis="y", alpha=0.3)
set_alt_text(
    fig,
    "Left: the eight global averages of the car and of the pedestrian as paired bars; "
    "channels 1, 2, 4 and 6 are much taller for the car, channels 0, 3, 5 and 7 taller for "
    "the pedestrian. Right: for each channel, the fraction of test car-pedestrian pairs in "
    "which the car's average is larger: about 0.98 to 1.0 for channels 1, 2, 4 and 6, and "
    "0.09 to 0.21 for channels 0, 3, 5 and 7.",
)
plt.show()

# %%
# The read-out: adding up the evidence
# ------------------------------------
# The linear layer gives each class a score: a weighted sum of the eight
# averages plus a bias. The weights of the pedestrian score minus those of the
# car score are positive exactly on the "vertical" channels and negative on the
# "horizontal" ones. The softmax turns the two scores into probabilities.
readout = network[6]
weight_difference = readout.weight[1] - readout.weight[0]
print("pedestrian - car weight per channel:", np.round(weight_difference, 2).tolist())
scores = trace[6]
probabilities = softmax(scores)
for row, name in enumerate(picks):
    print(
        f"{name:>10}: scores (car, pedestrian) = {np.round(scores[row], 3).tolist()}, "
        f"probabilities = {np.round(probabilities[row], 4).tolist()}"
    )

fig, (ax_w, ax_s) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
ax_w.bar(channels, weight_difference, color=[TEAM_COLOUR[c] for c in channels])
ax_w.axhline(0, color="black", linewidth=0.8)
ax_w.set(xlabel="layer-2 channel", ylabel="weight: pedestrian - car", xticks=channels)
ax_w.set_title("Read-out weights")
for row in range(2):
    offsets = np.array([-0.2, 0.2]) + row
    bars = ax_s.bar(offsets, scores[row], 0.38, color=["#d55e00", "#0072b2"])
    ax_s.bar_label(bars, labels=[f"p={p:.3f}" for p in probabilities[row]], fontsize=8)
ax_s.axhline(0, color="black", linewidth=0.8)
ax_s.set_xticks([0, 1], [f"{name} image" for name in picks])
ax_s.set(ylabel="class score", ylim=(-10, 10))
ax_s.set_title("Scores: orange = car, blue = pedestrian")
for ax in (ax_w, ax_s):
    ax.grid(axis="y", alpha=0.3)
set_alt_text(
    fig,
    "Left: the read-out weight difference, pedestrian minus car, per layer-2 channel: "
    "about -2 to -3 for channels 1, 2, 4 and 6 and +2 for channels 0, 3, 5 and 7. Right: "
    "the car image scores 7.6 for car and -7.7 for pedestrian (probability 1.000 car); the "
    "pedestrian image scores -3.2 and 3.6 (probability 0.999 pedestrian).",
)
plt.show()

# %%
# "Horizontal stuff" and "vertical stuff", without a car or a person
# ------------------------------------------------------------------
# Are the two teams about cars and people, or about orientation? Feed the
# network a plain bar, bright on a grey background, once lying down and once
# standing up. No wheels, no head, no legs. The lying bar drives channels 1, 2,
# 4 and 6, the standing one channels 0, 3, 5 and 7, and the network calls them a
# car and a pedestrian.


def bar(height, width, size=24, ink=0.8, background=0.35):
    image = np.full((size, size), background)
    top, left = (size - height) // 2, (size - width) // 2
    image[top : top + height, left : left + width] = ink
    return image


bars_images = np.stack([bar(3, 16), bar(16, 3)])[:, None]
bar_trace = network.trace(bars_images)
bar_probabilities = softmax(bar_trace[6])
for row, name in enumerate(("lying bar", "standing bar")):
    verdict = CAR_PEDESTRIAN_CLASSES[int(bar_probabilities[row].argmax())]
    print(f"{name:>12}: averages {np.round(bar_trace[5][row], 2).tolist()}")
    print(f"{'':>12}  -> {verdict} with probability {bar_probabilities[row].max():.3f}")

fig, axes = plt.subplots(
    1, 3, figsize=(9.5, 3), layout="constrained", width_ratios=[1, 1, 2.6]
)
for ax, image, name in zip(
    axes[:2], bars_images[:, 0], ("lying bar", "standing bar"), strict=True
):
    show_image(ax, image, title=name)
    ax.set(xticks=[], yticks=[], xlabel=None, ylabel=None)
axes[2].bar(channels - 0.2, bar_trace[5][0], 0.4, color="#d55e00", label="lying bar")
axes[2].bar(channels + 0.2, bar_trace[5][1], 0.4, color="#0072b2", label="standing bar")
axes[2].set(xlabel="layer-2 channel", ylabel="global average", xticks=channels)
axes[2].legend()
axes[2].grid(axis="y", alpha=0.3)
set_alt_text(
    fig,
    "A horizontal bar and a vertical bar on a grey background, and their eight layer-2 "
    "global averages as paired bars: the horizontal bar drives channels 1, 2, 4 and 6, "
    "the vertical bar channels 0, 3, 5 and 7, the same split as car and pedestrian.",
)
plt.show()

# %%
# So layer 2 did not learn "car" and "pedestrian" as wholes. It learned
# *orientation*, built from the layer-1 edge and line detectors, which is all
# this task needs. What exactly excites each layer-2 unit is the subject of
# :ref:`sphx_glr_auto_examples_learned_features_plot_what_layer2_units_see.py`.

# sphinx_gallery_thumbnail_number = 3
