"""
On a photograph, a learned layer-1 map is an edge map plus a brightness map
===========================================================================

The learned kernels' small mean weights, harmless on the training drawings, make up 63%
to 84% of the variance of three of the four layer-1 maps of the camera man; with the
mean taken out, each map correlates 0.58 to 0.75 with the map of the hand-made kernel
it resembles.

The network of :doc:`plot_train_cars_and_pedestrians` never saw a photograph: it was
trained on 24x24 drawings. But a convolution slides over an image of any size, so we run
its four 5x5 layer-1 kernels over the camera man, downscaled by 2 to 256x256 (each pixel
the mean of a 2x2 block, with :func:`~convdemo.avg_pool2d`). A learned kernel's weights
need not sum to 0, unlike a hand-made edge detector's: on the drawings brightness said
nothing about the class, but a photograph has large bright and dark regions, and there
the mean weight adds a blurred copy of the image to the map. So we split each kernel
into its mean (a brightness meter) and the rest (its pattern), and compare each part's
map with the map of the 3x3 kernel it resembles most
(:doc:`plot_layer_1_learns_edges`).
"""

import numpy as np

from convdemo import avg_pool2d, conv2d, named_kernel, trained_tiny_cnn
from convdemo.data import sample_image
from convdemo.plotting import plot_feature_maps

network = trained_tiny_cnn("cars_and_pedestrians").network
camera = avg_pool2d(sample_image("camera")[None], 2)[0]  # (256, 256)

# (name, sign) of the hand-made kernel each learned kernel resembles most
MATCHES = [
    ("horizontal_line", -1),
    ("sobel_y", 1),
    ("prewitt_x", -1),
    ("prewitt_y", -1),
]
kernels = network[0].weight[:, 0]  # (4, 5, 5)
patterns = kernels - kernels.mean(axis=(1, 2), keepdims=True)
learned_maps = conv2d(camera[None], kernels[:, None])  # (4, 252, 252), no bias
pattern_maps = conv2d(camera[None], patterns[:, None])
hand_maps = np.stack(
    [sign * conv2d(camera, named_kernel(name))[1:-1, 1:-1] for name, sign in MATCHES]
)  # a 3x3 map is 2 pixels wider: crop it so that all maps share their centres

from_mean = 1 - pattern_maps.var(axis=(1, 2)) / learned_maps.var(axis=(1, 2))
r_whole, r_pattern = (
    np.array([np.corrcoef(m.ravel(), h.ravel())[0, 1] for m, h in pairs])
    for pairs in (
        zip(ms, hand_maps, strict=True) for ms in (learned_maps, pattern_maps)
    )
)

names = [f"{'-' if sign < 0 else ''}{name}" for name, sign in MATCHES]
panels = {f"learned ch {c}": m for c, m in enumerate(learned_maps)}
panels |= {f"ch {c}, mean taken out": m for c, m in enumerate(pattern_maps)}
panels |= {f"hand-made {n}": m for n, m in zip(names, hand_maps, strict=True)}
fig = plot_feature_maps(
    panels,
    ncols=len(kernels),
    signed=True,
    size=(2.7, 2.3),
    title="Learned maps (top), without the mean weight (middle), hand-made (bottom)",
    alt=(
        f"{len(panels)} signed maps of the camera man on a red-blue scale, in "
        f"{len(kernels)} columns, one per first-layer channel. Top row: the learned "
        "maps, which look like copies of the photograph with outlines on top. Middle "
        "row: the same kernels without their mean weight, thin edge maps. Bottom row: "
        "the maps of the matching hand-made kernels. "
        + " ".join(
            f"Channel {c} ({names[c]}): {from_mean[c]:.0%} of its variance from the "
            f"mean weight, correlation {r_whole[c]:.2f} with the hand-made map, "
            f"{r_pattern[c]:.2f} without the mean."
            for c in range(len(kernels))
        )
    ),
)

# %%
print("ch | hand-made        | mean weight | variance from the mean | r | r, no mean")
for c, name in enumerate(names):
    print(
        f"{c:2d} | {name:<16} | {kernels[c].mean():+11.3f} | {from_mean[c]:22.0%} | "
        f"{r_whole[c]:.2f} | {r_pattern[c]:10.2f}"
    )
brightest = np.argsort(-from_mean)[:3]
print(
    f"channels {sorted(brightest.tolist())}: {from_mean[brightest].min():.0%} to "
    f"{from_mean[brightest].max():.0%} of the variance from the mean weight; "
    f"without it, r = {r_pattern.min():.2f} to {r_pattern.max():.2f}"
)

# %%
# Without its mean weight each learned kernel and its 3x3 textbook partner make similar
# edge maps of a photograph neither was designed for. The channel whose mean weight is
# nearly 0 agrees with its partner either way. What the whole network makes of
# photographs: :doc:`plot_photo_car_ness_is_horizontal_edges`.
