"""
On photographs, the network's car-ness follows horizontal-minus-vertical edge energy
====================================================================================

Applied position by position to five photographs, the cars-and-pedestrians network's
car-minus-pedestrian score correlates 0.20 to 0.66 with a hand-made map of horizontal
minus vertical edge energy, and its verdicts follow that balance: a page of text is a
"car", a brick wall and a rocket are "pedestrians".

The network of :doc:`plot_train_cars_and_pedestrians` was trained on 24x24 drawings;
its layer 2 split into a "horizontal" and a "vertical" team
(:doc:`plot_a_lying_bar_is_a_car`). The hand-made version of that evidence: square the
``sobel_y`` response (horizontal edges) and the ``sobel_x`` response (vertical edges),
average each over 8x8 windows every 2 pixels, and subtract. The 3x3 Sobel window and
the 8x8 average together span 10x10 pixels and step by 2: the receptive field and the
jump of a layer-2 unit, so the two maps line up unit for unit. The learned version:
run the convolutions over the whole photograph (downscaled by 2) and apply the linear
read-out at **each position** instead of to the global average. Both the average and
the read-out are linear, so the mean of this map is the whole image's score.
"""

import numpy as np

from convdemo import Stack, avg_pool2d, conv2d, named_kernel, softmax, trained_tiny_cnn
from convdemo.data import sample_image
from convdemo.plotting import describe_map, plot_feature_maps

network = trained_tiny_cnn("cars_and_pedestrians").network
convolutions = Stack(network.layers[:5])  # up to the ReLU after layer 2
readout = network[6]
box = np.ones((1, 1, 8, 8)) / 64


def evidence_maps(image):
    """Horizontal minus vertical edge energy, and the network's car - pedestrian."""
    x = image[None, None]
    energy = [
        conv2d(conv2d(x, named_kernel(name)[None, None]) ** 2, box, stride=2)[0, 0]
        for name in ("sobel_y", "sobel_x")
    ]
    features = convolutions.forward(x)[0]  # (8, rows, cols)
    scores = readout.forward(features.reshape(len(features), -1).T).T
    car, pedestrian = scores.reshape(2, *features.shape[1:])
    return energy[0] - energy[1], car - pedestrian, energy[0].sum() / energy[1].sum()


photos = {
    name: avg_pool2d(sample_image(name)[None], 2)[0]
    for name in ("camera", "coins", "page", "rocket", "brick")
}
results = {name: evidence_maps(image) for name, image in photos.items()}
scores = {name: network.forward(image[None, None])[0] for name, image in photos.items()}
p_car = {name: softmax(s[None])[0, 0] for name, s in scores.items()}
r = {
    name: np.corrcoef(hand.ravel(), learned.ravel())[0, 1]
    for name, (hand, learned, _) in results.items()
}

panels, labels = {}, {}
for name, (hand, learned, _) in results.items():
    panels |= {
        name: photos[name],
        f"{name}: hand-made": hand,
        f"{name}: network": learned,
    }
    labels |= {name: "brightness", f"{name}: hand-made": "horizontal - vertical energy"}
    labels[f"{name}: network"] = "car - pedestrian score"
fig = plot_feature_maps(
    panels,
    ncols=3,
    cmap=dict.fromkeys(photos, "gray"),
    label=labels,
    size=(3.3, 2.6),
    title="Each row: a photograph, its edge balance, the network's car-ness",
    alt=(
        f"{len(photos)} rows, one per photograph ({', '.join(photos)}): the "
        "photograph, then two signed maps on a red-blue scale, red positive: the "
        "hand-made horizontal minus vertical edge energy, and the network's car minus "
        "pedestrian score. "
        + " ".join(
            f"{name}: correlation {r[name]:.2f}, P(car) {p_car[name]:.2f}; "
            + describe_map(results[name][1], name="its network map")
            for name in photos
        )
    ),
)

# %%
print("photo  | E_h / E_v | P(car) | map mean = score | maps' correlation")
for name, (_, learned, ratio) in results.items():
    same = np.isclose(learned.mean(), scores[name][0] - scores[name][1], atol=1e-9)
    print(
        f"{name:<6} | {ratio:9.2f} | {p_car[name]:6.2f} | {same!s:>16} | {r[name]:.2f}"
    )
print(f"correlation {min(r.values()):.2f} to {max(r.values()):.2f}")
flat = network.forward(np.full((1, 1, 24, 24), 0.5))[0]
print(f"a flat grey image (0.5 everywhere): car - pedestrian = {flat[0] - flat[1]:.2f}")

# %%
# The two maps are red and blue in similar places, but far from equal: the network
# also answers the polarity of an edge (dark above bright is not bright above dark for
# its kernels) and brightness, and it leans to "pedestrian" on flat regions (a flat
# grey image scores below 0). That is the honest size of what this network learned:
# not cars and people, but the orientation statistics that separated its two toy
# classes. Larger networks trained on photographs stack many more layers, and their
# deeper units respond to parts and objects :cite:p:`zeiler2014visualizing`.
