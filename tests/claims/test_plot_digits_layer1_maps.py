"""The numbers gallery/learned_features/plot_digits_layer1_maps.py prints and states."""


def test_the_digit_is_a_held_out_7(example):
    assert example["y_test"][example["INDEX"]] == 7
    assert example["maps"].shape == (8, 24, 24)
    assert example["offset"] == 2


def test_the_bar_holds_53_percent_of_the_ink(example):
    assert round(example["ink_share"], 2) == 0.53


def test_maps_weigh_the_bar_from_47_to_77_percent(example):
    share = example["bar_share"]
    assert (example["most"], example["least"]) == (0, 3)
    assert (round(share.min(), 2), round(share.max(), 2)) == (0.47, 0.77)
    assert share[3] < example["ink_share"] < share[0]  # one below the ink's share, one above
    assert (example["maps"].reshape(8, -1).max(axis=1) > 0).all()  # graded, none silent
