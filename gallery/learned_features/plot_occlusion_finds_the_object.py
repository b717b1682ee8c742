"""
Hiding the object, not the background, is what lowers the class score
=====================================================================

Sliding a grey square over a test car lowers the car score by up to 2.1 when it
covers the car's body and by 0.12 on average elsewhere; for the pedestrian the drop is
up to 0.9 on its body and 0.08 elsewhere.

Occlusion (:cite:t:`zeiler2014visualizing`, :func:`~convdemo.occlusion_sensitivity`)
asks the trained cars-and-pedestrians network from the output end: a 4x4 grey square
moves over the image in steps of 2 and we record how much the class score drops. The
object is outlined by the pixels whose 3x3-blurred value differs from the image's median
by more than 0.15 (orange boxes: where the largest drop is).
"""

import numpy as np

from convdemo import (
    CAR_PEDESTRIAN_CLASSES,
    conv2d,
    named_kernel,
    occlusion_sensitivity,
    trained_tiny_cnn,
)
from convdemo.plotting import plot_feature_maps

example = trained_tiny_cnn("cars_and_pedestrians")
network, x_test = example.network, example.test_images
picks = {"car": 3, "pedestrian": 0}  # the first car and the first pedestrian

panels, drops, on_object, peaks = {}, {}, {}, {}
for name, index in picks.items():
    image = x_test[index]
    label = CAR_PEDESTRIAN_CLASSES.index(name)
    drops[name] = occlusion_sensitivity(network, image, label, patch=4, stride=2)
    smooth = conv2d(image[0], named_kernel("gaussian_blur"))  # valid: 2 pixels smaller
    on_object[name] = np.zeros(image.shape[1:], dtype=bool)
    on_object[name][1:-1, 1:-1] = np.abs(smooth - np.median(image)) > 0.15
    peaks[name] = np.unravel_index(drops[name].argmax(), drops[name].shape)
    panels[f"test image {index}: {name}"] = image[0]
    panels[f"drop of the {name} score"] = drops[name]

fig = plot_feature_maps(
    panels,
    ncols=2,
    cmap={title: "gray" for title in panels if title.startswith("test")},
    label={title: "brightness" for title in panels if title.startswith("test")}
    | {title: "score drop" for title in panels if title.startswith("drop")},
    boxes={
        f"drop of the {name} score": [(int(r), int(c), 1, 1)]
        for name, (r, c) in peaks.items()
    },
    title="The score falls where the object is hidden",
    alt=" ".join(
        f"The {name} and its occlusion map: hiding the {name}'s body drops the score "
        f"by up to {drops[name].max():.1f}, hiding the background by "
        f"{drops[name][~on_object[name]].mean():.2f} on average."
        for name in picks
    ),
)

# %%
for name, drop in drops.items():
    inside, outside = drop[on_object[name]].mean(), drop[~on_object[name]].mean()
    print(
        f"{name}: largest drop {drop.max():.2f}, on the object: "
        f"{bool(on_object[name][peaks[name]])}; mean drop on the object {inside:.2f}, "
        f"elsewhere {outside:.2f}"
    )
