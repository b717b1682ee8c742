"""
A tiny network learns to tell cars from pedestrians in 8 epochs
===============================================================

Trained from random weights while this page is built, a network with 418 numbers to
learn classifies all 400 held-out images correctly after 8 epochs.

The answers to the question end with a promise: the features a trained network learns
"will be way more abstract" than hand-made ones (:cite:t:`zeiler2014visualizing`).
This section keeps it with a network small enough to train here. The task: tell a "car"
(a wide, flat shape) from a "pedestrian" (a tall, thin one), each 24x24 pixels at a
random place and size, darker *or* brighter than a noisy background.
:func:`~convdemo.trained_tiny_cnn` returns the seeded data and the network it trained:
:func:`~convdemo.tiny_cnn`, four 5x5 kernels in layer 1, eight 3x3 kernels in layer 2,
a global average and a linear read-out.
"""

import numpy as np

from convdemo import CAR_PEDESTRIAN_CLASSES, trained_tiny_cnn
from convdemo.plotting import plot_curves, plot_feature_maps

example = trained_tiny_cnn("cars_and_pedestrians")
x_train, y_train = example.train_images, example.train_labels
network, history = example.network, example.history
n_weights = sum(p.size for p in network.parameters().values())

picks = {
    f"{name} #{index}": x_train[index, 0]
    for label, name in enumerate(CAR_PEDESTRIAN_CLASSES)
    for index in np.flatnonzero(y_train == label)[:3]
}
fig = plot_feature_maps(
    picks,
    ncols=3,
    cmap="gray",
    label="brightness",
    size=(2.6, 2.3),
    title="Cars are wide and flat, pedestrians tall and thin",
    alt=(
        f"{len(picks)} training images in grey, {x_train.shape[2]} by "
        f"{x_train.shape[3]} pixels. Top row: cars, wide flat blocks with a roof and "
        "two wheels. Bottom row: pedestrians, tall thin bars with a head and two legs. "
        "Objects are darker or brighter than a noisy background of varying level."
    ),
)

# %%
# Training: passes over the training images in batches of 32, with Adam.

epochs = np.arange(1, len(history.loss) + 1)
fig = plot_curves(
    epochs,
    {"training set": history.train_accuracy, "test set": history.test_accuracy},
    xlabel="epoch",
    ylabel="accuracy",
    integer_x=True,
    ylim=(0.7, 1.02),
    title="Every held-out image right by the third epoch",
    alt=(
        f"Training and test accuracy over {len(epochs)} epochs: from "
        f"{history.train_accuracy[0]:.2f} and {history.test_accuracy[0]:.2f} after the "
        f"first epoch to {history.train_accuracy[-1]:.2f} and "
        f"{history.test_accuracy[-1]:.2f} after the last, the test curve dipping once "
        "by one image."
    ),
)

# %%
print(f"training images {x_train.shape}, test images {example.test_images.shape}")
print(f"numbers to learn: {n_weights}")
print(
    f"loss: {history.loss[0]:.2f} after epoch 1, {history.loss[-1]:.3f} after the last"
)
print(f"final test accuracy: {history.test_accuracy[-1]:.4f}")

# %%
# What its first layer learned is :doc:`plot_layer_1_learns_edges`.

# sphinx_gallery_thumbnail_number = 2
