"""The numbers gallery/learned_features/plot_what_layer2_units_see.py prints and states."""

import numpy as np
import pytest

import convdemo as cd

HORIZONTAL = [1, 2, 4, 6]
VERTICAL = [0, 3, 5, 7]


def test_horizontal_over_vertical_reads_orientation(example):
    horizontal_over_vertical = example["horizontal_over_vertical"]
    lying = np.zeros((1, 1, 9, 9))
    lying[0, 0, 4, 2:7] = 1.0
    assert horizontal_over_vertical(lying) > 1 > horizontal_over_vertical(lying.swapaxes(2, 3))


def test_receptive_field_of_layer_2(example):
    assert example["LAYER"] == 4
    assert len(example["prefix"]) == 5
    field = example["field"]
    assert (field.size, field.jump, field.start) == ((10, 10), (2, 2), (4.5, 4.5))


def test_top_patches(example):
    top, ratios, y = example["top"], example["patch_ratio"], example["y_test"]
    assert [len(top[c].values) for c in range(8)] == [8] * 8
    assert [ratios[c] for c in range(8)] == pytest.approx(
        [
            0.2551990352,
            2.6396320194,
            1.9928446094,
            0.2570814623,
            1.9682225685,
            0.2470663862,
            2.4488477476,
            0.2213135703,
        ],
        abs=1e-6,
    )
    assert [top[c].values[0] for c in range(8)] == pytest.approx(
        [
            6.4950203263,
            11.1680381809,
            17.2848238818,
            9.6478716409,
            14.1055273854,
            7.7082106507,
            11.3571633179,
            6.4295702878,
        ],
        abs=1e-6,
    )
    assert example["HORIZONTAL"] == HORIZONTAL
    for c in HORIZONTAL:  # every favourite patch comes from a car
        assert (y[top[c].locations[:, 0]] == 0).all()
    for c in VERTICAL:  # ... or from a pedestrian
        assert (y[top[c].locations[:, 0]] == 1).all()
    assert not any(np.isnan(top[c].patches).any() for c in range(8))


def test_activation_maximisation(example):
    # at the ReLU output the example gets the refusal, not an image of noise
    assert "channel 1 of layer 4 is silent" in example.line("^at the ReLU output: ")
    built, ratios = example["built"], example["built_ratio"]
    assert built.shape == (8, 1, 24, 24)
    assert [ratios[c] for c in range(8)] == pytest.approx(
        [
            0.374576849,
            3.6853678158,
            2.9763205497,
            0.3715904518,
            3.4957142604,
            0.4080535715,
            4.1860122908,
            0.4145257828,
        ],
        abs=1e-6,
    )
    response = example["built_response"]
    assert [response[c, c].mean() for c in range(8)] == pytest.approx(
        [
            4.6113648337,
            14.6282129372,
            16.6029367094,
            7.727583077,
            16.9912612109,
            5.110069461,
            8.6276859992,
            5.9800716918,
        ],
        abs=1e-6,
    )


@pytest.mark.parametrize(
    ("name", "index", "score", "peak", "peak_at", "on", "off"),
    [
        (
            "car",
            3,
            7.585883838448966,
            2.114935030281316,
            (10, 10),
            1.2792420253918833,
            0.12125068177223731,
        ),
        (
            "pedestrian",
            0,
            3.5727970378945884,
            0.8865552479420301,
            (6, 4),
            0.4532492922489442,
            0.07642316913880264,
        ),
    ],
)
def test_occlusion(example, name, index, score, peak, peak_at, on, off):
    assert example["picks"][name] == index
    assert example["y_test"][index] == cd.CAR_PEDESTRIAN_CLASSES.index(name)
    example_score, drop, on_object = example["occlusion"][name]
    assert example_score == pytest.approx(score, abs=1e-6)
    assert drop.max() == pytest.approx(peak, abs=1e-6)
    at = np.unravel_index(drop.argmax(), drop.shape)
    assert tuple(map(int, at)) == peak_at
    assert on_object[at]
    assert drop[on_object].mean() == pytest.approx(on, abs=1e-6)
    assert drop[~on_object].mean() == pytest.approx(off, abs=1e-6)


def test_effective_receptive_field(example):
    averaged, inside = example["averaged"], example["inside"]
    assert example["box"] == [6, 6]  # rows and columns 6 to 15, as the alt text says
    assert averaged.shape == (8, 24, 24)
    assert np.array_equal(inside, averaged[:, 6:16, 6:16])
    assert inside.sum(axis=(1, 2)) == pytest.approx(averaged.sum(axis=(1, 2)), rel=1e-12)
    assert example["shares"] == pytest.approx(
        [
            0.5118929204,
            0.5277652585,
            0.5498570285,
            0.4801324918,
            0.5211223973,
            0.5712657606,
            0.548380526,
            0.5414144878,
        ],
        abs=1e-6,
    )
    # the default input (all ones) leaves the horizontal units silent: no gradient at all
    prefix, unit = example["prefix"], example["unit_position"]
    for c in HORIZONTAL:
        assert cd.empirical_receptive_field(prefix, (1, 24, 24), (c, *unit)).sum() == 0
