"""The numbers gallery/learned_features/plot_digits_layer2_circuits.py prints and states."""


def test_field_is_10_by_10(example):
    assert example["field"].size == (10, 10)
    assert example["top"][example["UNITS"][0]].patches.shape == (8, 1, 10, 10)


def test_the_four_strongest_units(example):
    assert example["UNITS"] == [11, 5, 9, 13]
    peak = example["peak"]
    assert sorted(peak, reverse=True)[:4] == [peak[u] for u in example["UNITS"]]


def test_top_two_channels_hold_31_to_40_percent(example):
    strength = example["strength"]
    assert (round(min(strength.values()), 2), round(max(strength.values()), 2)) == (0.31, 0.40)
    for u in example["UNITS"]:
        edges = example["circuits"][u]
        assert len(edges) == 8  # every layer-1 channel is read
        assert 2 / len(edges) == 0.25  # "an even spread would give 25%"
        assert any(e.inhibition < 0 for e in edges) and any(e.excitation > 0 for e in edges)


def test_favourite_patches_come_from_the_stated_digits(example):
    top, y = example["top"], example["y_test"]
    digits = {u: sorted({int(y[n]) for n in top[u].locations[:, 0]}) for u in example["UNITS"]}
    assert digits[11] == [2, 3]
    assert digits[5] == [3, 6, 8]
    assert digits[13] == [0, 1, 7]
