"""
On photographs, the trained network's "car-ness" is mostly horizontal-edge energy
=================================================================================

The cars-and-pedestrians network of
:ref:`sphx_glr_auto_examples_learned_features_plot_train_cars_and_pedestrians.py`
never saw a photograph: it was trained on 24x24 drawings. But convolutions
slide over an image of any size, and a global average takes the mean of a map
of any size, so we can run it on real pictures and look at what it computes.

**Finding:** on a photograph, a learned layer-1 map is an edge map *plus* a
brightness map. The kernels' small mean weights, harmless on the training
drawings, make up 63 % to 84 % of the variance of three of the four maps of the
camera man; with the mean taken out, each map correlates 0.58 to 0.75 with the
map of the hand-made kernel it resembles. And the network's car-versus-pedestrian
score, drawn position by position, follows a hand-made map of horizontal minus
vertical edge energy (correlation 0.20 to 0.66 across five photographs): it
calls a wall of upright bricks and a rocket on its launch pad "pedestrian", and
a page of text "car".
"""

# %%
# Layer 1 on a photograph
# -----------------------
# The camera man, downscaled by 2 (each pixel the mean of a 2x2 block, with
# :func:`~convdemo.avg_pool2d`) to 256x256. We compare each learned layer-1
# kernel with the hand-made kernel it resembles most (found in the training
# example, with the same sign).
#
# A learned kernel's weights need not sum to 0, unlike a hand-made edge
# detector's. On the training drawings, brightness said nothing about the class,
# so the small mean weight did no harm. A photograph has large bright and dark
# regions, and there the mean weight turns part of each map into a blurred copy
# of the image. So we also split each learned kernel into its mean (a brightness
# meter) and the rest (its pattern), and correlate each part's map with the
# hand-made kernel's map.
import matplotlib.pyplot as plt
import numpy as np

from convdemo import Stack, avg_pool2d, conv2d, named_kernel, softmax, trained_tiny_cnn
from convdemo.data import sample_image
from convdemo.plotting import set_alt_text, show_feature_map, show_image

example = trained_tiny_cnn("cars_and_pedestrians")
network = example.network


def downscaled(name, factor=2):
    """A sample photograph in gray, each factor x factor block replaced by its mean."""
    image = sample_image(name)
    rows, cols = (n // factor * factor for n in image.shape)
    return avg_pool2d(image[:rows, :cols][None], factor)[0]


camera = downscaled("camera")
print("camera man:", camera.shape)

# (name, sign) of the best-matching hand-made kernel of each learned filter
MATCHES = [
    ("horizontal_line", -1),
    ("sobel_y", 1),
    ("prewitt_x", -1),
    ("prewitt_y", -1),
]
kernels = network[0].weight[:, 0]
learned_maps = conv2d(camera[None], kernels[:, None])  # (4, 252, 252): no bias
pattern_maps = conv2d(
    camera[None], (kernels - kernels.mean(axis=(1, 2), keepdims=True))[:, None]
)
hand_maps = np.stack(
    [sign * conv2d(camera, named_kernel(name))[1:-1, 1:-1] for name, sign in MATCHES]
)  # 3x3 kernels: crop one pixel per side so all maps are centred on the same pixels
print(
    "ch | hand-made        | mean weight | variance from the mean | r(whole) | r(pattern)"
)
layer1_table = []  # per channel: variance from the mean weight, r(whole), r(pattern)
for c, (name, sign) in enumerate(MATCHES):
    from_mean = 1 - pattern_maps[c].var() / learned_maps[c].var()
    r_whole = np.corrcoef(learned_maps[c].ravel(), hand_maps[c].ravel())[0, 1]
    r_pattern = np.corrcoef(pattern_maps[c].ravel(), hand_maps[c].ravel())[0, 1]
    layer1_table.append((from_mean, r_whole, r_pattern))
    label = f"{'-' if sign < 0 else '+'}{name}"
    print(
        f"{c:2d} | {label:<16} | {kernels[c].mean():+11.3f} | {from_mean:22.0%} | "
        f"{r_whole:8.2f} | {r_pattern:10.2f}"
    )

fig, axes = plt.subplots(3, 4, figsize=(10, 7.6), layout="constrained")
rows = [
    (learned_maps, "learned ch {c}"),
    (pattern_maps, "ch {c}, pattern part"),
    (hand_maps, "{name}"),
]
for c, (name, sign) in enumerate(MATCHES):
    for row, (maps, title) in enumerate(rows):
        ax = axes[row, c]
        label = f"{'-' if sign < 0 else ''}{name}"
        show_feature_map(ax, maps[c], title=title.format(c=c, name=label), signed=True)
        ax.set(xticks=[], yticks=[], xlabel=None, ylabel=None)
axes[0, 0].set_ylabel("learned kernel (5x5)")
axes[1, 0].set_ylabel("its pattern part")
axes[2, 0].set_ylabel("hand-made kernel (3x3)")
set_alt_text(
    fig,
    "Twelve signed maps of the camera man on a red-blue scale. Top row: the four learned "
    "layer-1 maps; channels 0, 1 and 3 look like copies of the photograph (channel 0 a "
    "negative one) with outlines on top. Middle row: the same kernels without their mean "
    "weight: thin edge maps with a flat white background. Bottom row: the matching "
    "hand-made kernels, edge maps much like the middle row: horizontal outlines for "
    "channels 0, 1 and 3, vertical outlines such as the tripod legs for channel 2.",
)
plt.show()

# %%
# With the mean weight, channels 0, 1 and 3 are mostly brightness; without it,
# each learned kernel and its 3x3 textbook partner make similar edge maps of a
# photograph neither was designed for. Channel 2, whose mean weight is nearly 0,
# agrees with ``-prewitt_x`` either way.
#
# Horizontal against vertical, hand-made and learned
# --------------------------------------------------
# In the training example three of the four layer-1 kernels preferred
# horizontal structure, and layer 2 split into "horizontal" and "vertical"
# teams. A hand-made version of that evidence: square the ``sobel_y`` response
# (horizontal edges) and the ``sobel_x`` response (vertical edges), average each
# over 8x8 windows every 2 pixels, and subtract:
#
# .. math::
#
#    \text{evidence} = \overline{(\text{sobel}_y * I)^2} - \overline{(\text{sobel}_x * I)^2}
#
# The 3x3 Sobel window and the 8x8 average together span 10x10 pixels, and step
# by 2: exactly the receptive field and the jump of a layer-2 unit, so the two
# maps below line up unit for unit.
#
# The learned version: run the network's convolution layers over the whole
# photograph, and apply the linear read-out at **each position** instead of to
# the global average. This gives a car score and a pedestrian score for every
# 10x10 window; we draw car minus pedestrian. Because the average and the
# read-out are both linear, the mean of this map is exactly the whole image's
# car-minus-pedestrian score.
convolutions = Stack(network.layers[:5])  # up to the ReLU after layer 2
readout = network[6]
box = np.ones((1, 1, 8, 8)) / 64


def evidence_maps(image):
    x = image[None, None]
    horizontal = conv2d(
        conv2d(x, named_kernel("sobel_y")[None, None]) ** 2, box, stride=2
    )[0, 0]
    vertical = conv2d(
        conv2d(x, named_kernel("sobel_x")[None, None]) ** 2, box, stride=2
    )[0, 0]
    features = convolutions.forward(x)[0]  # (8, rows, cols)
    scores = readout.forward(features.reshape(8, -1).T).T.reshape(
        2, *features.shape[1:]
    )
    return horizontal, vertical, scores[0] - scores[1]


names = ["camera", "coins", "page", "rocket", "brick"]
photos = {name: downscaled(name) for name in names}
results, table = {}, {}
print("photo  | size      | E_h / E_v | P(car) | map mean = score | maps' correlation")
for name, image in photos.items():
    horizontal, vertical, car_minus_pedestrian = evidence_maps(image)
    scores = network.forward(image[None, None])[0]
    ratio, p_car = horizontal.sum() / vertical.sum(), softmax(scores[None])[0, 0]
    r = np.corrcoef((horizontal - vertical).ravel(), car_minus_pedestrian.ravel())[0, 1]
    results[name] = (horizontal - vertical, car_minus_pedestrian)
    table[name] = (ratio, p_car, scores, r)
    print(
        f"{name:<6} | {image.shape[0]:3d} x {image.shape[1]:3d} | "
        f"{ratio:9.2f} | {p_car:6.3f} | "
        f"{np.isclose(car_minus_pedestrian.mean(), scores[0] - scores[1], atol=1e-9)!s:>16} | "
        f"{r:.2f}"
    )

flat = network.forward(np.full((1, 1, 24, 24), 0.5))[0]
print(f"a flat grey image (0.5 everywhere): car - pedestrian = {flat[0] - flat[1]:.2f}")

fig, axes = plt.subplots(3, 5, figsize=(10, 6.4), layout="constrained")
for j, name in enumerate(names):
    hand, learned = results[name]
    show_image(axes[0, j], photos[name], title=name)
    for ax, values in ((axes[1, j], hand), (axes[2, j], learned)):
        scaled = values / np.abs(values).max()  # each map on its own scale, -1 to 1
        artist = ax.imshow(
            scaled, cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest"
        )
    for ax in axes[:, j]:
        ax.set(xticks=[], yticks=[], xlabel=None, ylabel=None)
axes[0, 0].set_ylabel("photograph")
axes[1, 0].set_ylabel("hand-made:\nhorizontal - vertical")
axes[2, 0].set_ylabel("network:\ncar - pedestrian")
fig.colorbar(
    artist, ax=axes[1:, :], label="value / largest |value| of the map", shrink=0.8
)
set_alt_text(
    fig,
    "Five photographs (camera man, coins, a page of text, a rocket, a brick wall) and "
    "below each two red-blue maps, red positive and blue negative, each scaled to its own "
    "largest value. The hand-made map is "
    "red on horizontal edges and blue on vertical ones; the network's map is red and blue "
    "in the same places: red on the lines of text and the tops and bottoms of the coins, "
    "blue on the rocket, the tripod legs and the vertical joints of the bricks.",
)
plt.show()

# %%
# The two maps are red and blue in similar places: the network's car-ness is,
# to a large part, horizontal-edge energy, and its pedestrian-ness vertical-edge
# energy. The correlation is far from 1, though: the network also responds to
# the polarity of an edge (dark above bright is not bright above dark for its
# kernels) and to brightness, and it leans towards "pedestrian" on flat regions
# (the pale blue background of its maps: a flat grey image scores -2.79).
#
# Its verdicts follow the balance of edge energy: the page of text, with more
# horizontal than vertical energy, is a "car"; the rocket and the brick wall,
# with two to four times more vertical energy, are "pedestrians". Coins, with
# round edges, come out on the car side. The camera man, with a tall tripod and
# a standing man, is a "pedestrian" with probability 0.79.
#
# That is the honest size of what this network learned: not cars and people,
# but the orientation statistics that separated its two toy classes. Larger
# networks trained on photographs stack many more such layers, and their deeper
# units respond to parts and objects :cite:p:`zeiler2014visualizing`.

# sphinx_gallery_thumbnail_number = 2
