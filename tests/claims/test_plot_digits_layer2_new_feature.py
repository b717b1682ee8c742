"""The numbers gallery/learned_features/plot_digits_layer2_new_feature.py prints and states,
at the precision it states them."""

import numpy as np
import pytest


def test_contributions_add_up_to_the_unit_input(example):
    parts, total = example["parts"], example["total"]
    unit, network, x = example["UNIT"], example["network"], example["x_test"]
    np.testing.assert_allclose(
        total, network.trace(x)[3][:, unit], atol=1e-10
    )  # channels + bias = the layer-2 convolution's output
    assert parts.shape == (8, 1000, 10, 10)  # the shape its comment states
    assert example["pooled"].shape == (1000, 8, 12, 12)
    assert total == pytest.approx(parts.sum(axis=0) + example["bias"][unit])


def test_the_rule_picks_unit_12_of_16_an_and_of_channels_3_and_1(example):
    """ "Of the 16 layer-2 units ... unit 12. It fires at 2% ... (3) ..., at 4% ... (1) ...,
    and at 70% where both are." """
    assert len(example["rates"]) == 16
    assert example["UNIT"] == 12
    assert example["pair"].tolist() == [3, 1]
    rates = [round(r, 2) for r in (example["alone_a"], example["alone_b"], example["both"])]
    assert rates == [0.02, 0.04, 0.70]
    # the rule: the largest (rate where both are strong) - (rate where the stronger one is)
    gains = {u: both - max(a, b) for u, (a, b, both) in example["rates"].items()}
    assert gains == example["score"]
    assert max(gains, key=gains.get) == 12


def test_it_is_the_best_case_not_the_rule(example):
    """ "one other unit (9) needs both almost as much, and for the typical unit two strong
    channels raise the firing rate by 16 points over one (the median of the 16)";
    "most need both channels much less"."""
    score = example["score"]
    ranked = sorted(score, key=score.get)
    assert ranked[-2] == 9
    assert score[9] >= 0.5 and score[12] - score[9] < 0.2  # "almost as much"
    assert round(100 * float(np.median(list(score.values())))) == 16
    assert sum(s < 0.5 for s in score.values()) == 14  # the other 14 gain under 50 points
    printed = example.line(r"^\s*12 \|")
    assert printed.split("|")[-1].strip() == f"{score[12]:+.0%}"


def test_its_favourite_patches_are_loops_of_6_0_9(example):
    top, y = example["top"], example["y_test"]
    assert {int(y[n]) for n in top.locations[:, 0]} >= {0, 6, 9}
