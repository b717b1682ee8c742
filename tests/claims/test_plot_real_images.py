"""The numbers gallery/learned_features/plot_real_images.py prints and states."""

import numpy as np
import pytest

import convdemo as cd
from convdemo.data import sample_image


def test_downscaling_is_the_block_mean(example):
    camera = example["camera"]
    assert camera.shape == (256, 256)
    assert camera[0, 0] == pytest.approx(sample_image("camera")[:2, :2].mean())


def test_layer1_on_the_camera_man(example):
    whole, pattern, hand = example["learned_maps"], example["pattern_maps"], example["hand_maps"]
    assert whole.shape == pattern.shape == hand.shape == (4, 252, 252)
    assert example["MATCHES"] == [
        ("horizontal_line", -1),
        ("sobel_y", 1),
        ("prewitt_x", -1),
        ("prewitt_y", -1),
    ]
    assert example["kernels"].mean(axis=(1, 2)) == pytest.approx(
        [-0.0272478406, 0.1773007859, 0.0102873405, 0.0670405188], abs=1e-6
    )
    from_mean, r_whole, r_pattern = np.array(example["layer1_table"]).T
    assert from_mean == pytest.approx(
        [0.6334153994, 0.8408163625, 0.0740964658, 0.7900096505], abs=1e-6
    )
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
def test_horizontal_minus_vertical_against_the_network(example, name, shape, ratio, p_car, r):
    hand, car_minus_pedestrian = example["results"][name]
    # the hand-made map lines up with the layer-2 grid: same size
    assert hand.shape == car_minus_pedestrian.shape == shape
    table_ratio, table_p_car, scores, table_r = example["table"][name]
    assert table_ratio == pytest.approx(ratio, abs=1e-6)
    assert car_minus_pedestrian.mean() == pytest.approx(scores[0] - scores[1], abs=1e-9)
    assert table_p_car == pytest.approx(p_car, abs=1e-6)
    assert table_r == pytest.approx(r, abs=1e-6)


def test_hand_made_window_is_a_layer2_receptive_field(example):
    # 3x3 Sobel then an 8x8 average with stride 2: 10x10 pixels, jump 2, first centre 4.5
    field = cd.receptive_field([cd.Conv2d(np.ones((3, 3))), cd.Conv2d(example["box"], stride=2)])
    layer2 = cd.receptive_field(example["convolutions"])[-1]
    assert (field[-1].size, field[-1].jump, field[-1].start) == (
        layer2.size,
        layer2.jump,
        layer2.start,
    )
    assert layer2.size == (10, 10)


def test_flat_grey_leans_pedestrian(example):
    flat = example["flat"]
    assert flat[0] - flat[1] == pytest.approx(-2.788148113207475, abs=1e-6)
