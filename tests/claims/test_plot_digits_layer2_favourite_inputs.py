"""The numbers gallery/learned_features/plot_digits_layer2_favourite_inputs.py prints and states."""


def test_built_images(example):
    built = example["built"]
    assert built.shape == (8, 1, 28, 28)
    assert built.min() >= -1 and built.max() <= 1
    assert example["UNITS"] == [11, 5, 9, 13, 1, 7, 10, 12]  # as on the circuits page first


def test_built_image_beats_every_digit_on_the_mean(example):
    assert example["wins"] == 8 == len(example["UNITS"])  # "for all 8 units shown"
    assert len(example["x_test"]) == 1000
    for u in example["UNITS"]:
        assert example["mean_built"][u] > example["mean_digit"][u]


def test_peak_reaches_63_to_152_percent(example):
    ratio = example["peak_ratio"]
    assert (round(min(ratio.values()), 2), round(max(ratio.values()), 2)) == (0.63, 1.52)
