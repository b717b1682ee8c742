"""The numbers gallery/learned_features/plot_feature_maps_layer_by_layer.py prints and states."""

import numpy as np
import pytest

HORIZONTAL = [1, 2, 4, 6]
VERTICAL = [0, 3, 5, 7]


@pytest.fixture(scope="module")
def trace(example):
    assert example["picks"] == {"car": 3, "pedestrian": 0}
    return example["trace"]


def test_shapes_layer_by_layer(trace):
    shapes = [t.shape for t in trace]
    assert shapes == [
        (2, 4, 20, 20),
        (2, 4, 20, 20),
        (2, 4, 10, 10),
        (2, 8, 8, 8),
        (2, 8, 8, 8),
        (2, 8),
        (2, 2),
    ]


def test_relu_zeroes(trace):
    assert [np.mean(trace[0][r] < 0) for r in range(2)] == pytest.approx([0.280625, 0.28125])
    assert [np.mean(trace[3][r] < 0) for r in range(2)] == pytest.approx([0.517578125, 0.55859375])


def test_global_averages_of_the_two_images(example, trace):
    expected = [
        [
            0.5572552548,
            1.3640379983,
            2.6060907935,
            0.5381707445,
            2.196689786,
            0.8081024699,
            1.4341149112,
            0.0245132608,
        ],
        [
            0.8975395401,
            0.1085341198,
            0.0534841557,
            0.8798390922,
            0.038483641,
            1.6737120268,
            0.1852058865,
            0.2208157492,
        ],
    ]
    averages = example["averages"]
    assert averages is trace[5]
    assert averages == pytest.approx(np.array(expected), abs=1e-6)
    # the car beats the pedestrian exactly on the horizontal channels
    assert np.flatnonzero(averages[0] > averages[1]).tolist() == HORIZONTAL
    assert example["HORIZONTAL"] == HORIZONTAL


def test_scores_and_probabilities(example, trace):
    assert example["scores"] is trace[6]
    assert trace[6] == pytest.approx(
        np.array([[7.5858838384, -7.6658870197], [-3.1819796661, 3.5727970379]]), abs=1e-6
    )
    p = example["probabilities"]
    assert p[0, 0] == pytest.approx(0.99999976218, abs=1e-9)
    assert p[1, 1] == pytest.approx(0.99883605633, abs=1e-9)


def test_test_set_class_means_and_teams(example):
    cars, pedestrians = example["cars"], example["pedestrians"]
    assert cars.shape == pedestrians.shape == (200, 8)
    car_mean, pedestrian_mean = example["car_mean"], example["pedestrian_mean"]
    assert car_mean == pytest.approx(cars.mean(axis=0), rel=1e-12)
    assert pedestrian_mean == pytest.approx(pedestrians.mean(axis=0), rel=1e-12)
    assert car_mean == pytest.approx(
        [
            0.5962124318,
            1.260653522,
            2.0837806773,
            0.6626244129,
            1.8164873971,
            0.9361247914,
            1.243724894,
            0.2125695253,
        ],
        abs=1e-6,
    )
    assert pedestrian_mean == pytest.approx(
        [
            0.8793620179,
            0.1359995187,
            0.3317589745,
            1.0938562771,
            0.2726192156,
            1.3336945137,
            0.172817877,
            0.4571888675,
        ],
        abs=1e-6,
    )
    assert example["car_channels"].tolist() == HORIZONTAL
    assert np.flatnonzero(car_mean < pedestrian_mean).tolist() == VERTICAL
    ratio = car_mean / pedestrian_mean
    assert ratio[HORIZONTAL].min() == pytest.approx(6.28, abs=0.005)
    assert ratio[VERTICAL].max() == pytest.approx(0.70, abs=0.005)
    assert example["pairs_won"] == pytest.approx(
        [0.085125, 0.9846, 0.999475, 0.12265, 0.9994, 0.1127, 0.99895, 0.21035], abs=1e-9
    )


def test_readout_weights_have_the_team_signs(example):
    diff = example["weight_difference"]
    assert diff == pytest.approx(
        [
            2.2342588574,
            -2.7835503222,
            -2.6080622312,
            2.1249384717,
            -2.1063907252,
            1.8116253895,
            -3.0868380024,
            2.0313521498,
        ],
        abs=1e-6,
    )
    assert np.flatnonzero(diff > 0).tolist() == VERTICAL


def test_plain_bars(example):
    lying, standing = example["bars_images"][:, 0]
    for bar, (height, width) in ((lying, (3, 16)), (standing, (16, 3))):
        rows, cols = np.nonzero(bar == 0.8)  # a bright bar on a 0.35 background
        assert (np.ptp(rows) + 1, np.ptp(cols) + 1, rows.size) == (height, width, height * width)
        assert np.count_nonzero(bar == 0.35) == 24 * 24 - height * width
    t = example["bar_trace"]
    assert t[5] == pytest.approx(
        np.array(
            [
                [
                    0.3060701014,
                    1.3067557418,
                    2.5109000949,
                    0.2541094189,
                    2.1888462996,
                    0.8013021386,
                    1.5563183524,
                    0.0064129825,
                ],
                [
                    0.983873873,
                    0.0,
                    0.1891859793,
                    1.2446226849,
                    0.1422022227,
                    1.4560982614,
                    0.2319829959,
                    0.4372657402,
                ],
            ]
        ),
        abs=1e-6,
    )
    p = example["bar_probabilities"]
    assert p.argmax(axis=1).tolist() == [0, 1]  # car, pedestrian
    assert p[0, 0] == pytest.approx(0.99999992596, abs=1e-9)
    assert p[1, 1] == pytest.approx(0.99936012034, abs=1e-9)
