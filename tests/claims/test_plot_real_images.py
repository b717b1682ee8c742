"""The numbers gallery/learned_features/plot_real_images.py prints and states."""

import numpy as np
import pytest

import convdemo as cd
from convdemo.data import sample_image

MATCHES = [("horizontal_line", -1), ("sobel_y", 1), ("prewitt_x", -1), ("prewitt_y", -1)]
BOX = np.ones((1, 1, 8, 8)) / 64


@pytest.fixture(scope="module")
def network():
    return cd.trained_tiny_cnn("cars_and_pedestrians").network


def downscaled(name, factor=2):
    image = sample_image(name)
    rows, cols = (n // factor * factor for n in image.shape)
    return cd.avg_pool2d(image[:rows, :cols][None], factor)[0]


def test_downscaling_is_the_block_mean():
    camera = downscaled("camera")
    assert camera.shape == (256, 256)
    assert camera[0, 0] == pytest.approx(sample_image("camera")[:2, :2].mean())


def test_layer1_on_the_camera_man(network):
    camera = downscaled("camera")
    kernels = network[0].weight[:, 0]
    whole = cd.conv2d(camera[None], kernels[:, None])
    pattern = cd.conv2d(camera[None], (kernels - kernels.mean(axis=(1, 2), keepdims=True))[:, None])
    hand = np.stack(
        [sign * cd.conv2d(camera, cd.named_kernel(name))[1:-1, 1:-1] for name, sign in MATCHES]
    )
    assert whole.shape == pattern.shape == hand.shape == (4, 252, 252)
    assert kernels.mean(axis=(1, 2)) == pytest.approx(
        [-0.0272478406, 0.1773007859, 0.0102873405, 0.0670405188], abs=1e-6
    )
    from_mean = [1 - pattern[c].var() / whole[c].var() for c in range(4)]
    assert from_mean == pytest.approx(
        [0.6334153994, 0.8408163625, 0.0740964658, 0.7900096505], abs=1e-6
    )
    r_whole = [np.corrcoef(whole[c].ravel(), hand[c].ravel())[0, 1] for c in range(4)]
    r_pattern = [np.corrcoef(pattern[c].ravel(), hand[c].ravel())[0, 1] for c in range(4)]
    assert r_whole == pytest.approx(
        [0.3765464915, 0.2900153911, 0.7124207238, 0.3485113289], abs=1e-6
    )
    assert r_pattern == pytest.approx(
        [0.5797054659, 0.740893822, 0.7370107421, 0.7485511273], abs=1e-6
    )


@pytest.mark.parametrize(
    ("name", "shape", "ratio", "p_car", "r"),
    [
        ("camera", (124, 124), 0.5560720518464309, 0.20672320165440863, 0.3648789763199209),
        ("coins", (71, 92), 1.1459761462906553, 0.9543323767187071, 0.6561032261105029),
        ("page", (43, 92), 1.3387399192073839, 0.9851606835218497, 0.33410481341740034),
        ("rocket", (102, 156), 0.4651709056704557, 0.028236036603099646, 0.20270825081175453),
        ("brick", (124, 124), 0.23927534193603409, 0.041292791110276714, 0.5360688872453131),
    ],
)
def test_horizontal_minus_vertical_against_the_network(network, name, shape, ratio, p_car, r):
    x = downscaled(name)[None, None]
    horizontal = cd.conv2d(cd.conv2d(x, cd.named_kernel("sobel_y")[None, None]) ** 2, BOX, stride=2)
    vertical = cd.conv2d(cd.conv2d(x, cd.named_kernel("sobel_x")[None, None]) ** 2, BOX, stride=2)
    features = cd.Stack(network.layers[:5]).forward(x)[0]
    scores = network[6].forward(features.reshape(8, -1).T).T.reshape(2, *features.shape[1:])
    car_minus_pedestrian = scores[0] - scores[1]
    # the hand-made map lines up with the layer-2 grid: same size
    assert horizontal.shape[2:] == car_minus_pedestrian.shape == shape
    assert horizontal.sum() / vertical.sum() == pytest.approx(ratio, abs=1e-6)
    whole = network.forward(x)[0]
    assert car_minus_pedestrian.mean() == pytest.approx(whole[0] - whole[1], abs=1e-9)
    assert cd.softmax(whole[None])[0, 0] == pytest.approx(p_car, abs=1e-6)
    hand = (horizontal - vertical)[0, 0]
    assert np.corrcoef(hand.ravel(), car_minus_pedestrian.ravel())[0, 1] == pytest.approx(
        r, abs=1e-6
    )


def test_hand_made_window_is_a_layer2_receptive_field(network):
    # 3x3 Sobel then an 8x8 average with stride 2: 10x10 pixels, jump 2, first centre 4.5
    field = cd.receptive_field([cd.Conv2d(np.ones((3, 3))), cd.Conv2d(np.ones((8, 8)), stride=2)])[
        -1
    ]
    layer2 = cd.receptive_field(cd.Stack(network.layers[:5]))[-1]
    assert (field.size, field.jump, field.start) == (layer2.size, layer2.jump, layer2.start)


def test_flat_grey_leans_pedestrian(network):
    flat = network.forward(np.full((1, 1, 24, 24), 0.5))[0]
    assert flat[0] - flat[1] == pytest.approx(-2.788148113207475, abs=1e-6)
