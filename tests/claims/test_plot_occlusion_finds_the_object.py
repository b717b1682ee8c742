"""Claims of gallery/learned_features/plot_occlusion_finds_the_object.py."""

import pytest


@pytest.mark.parametrize(
    ("name", "peak", "elsewhere"), [("car", 2.1, 0.12), ("pedestrian", 0.9, 0.08)]
)
def test_the_drop_is_on_the_object(example, name, peak, elsewhere):
    drop, on_object, at = example["drops"][name], example["on_object"][name], example["peaks"][name]
    assert drop.max() == pytest.approx(peak, abs=0.05)  # "up to 2.1", "up to 0.9"
    assert drop[~on_object].mean() == pytest.approx(elsewhere, abs=0.005)
    assert on_object[at]
    assert drop[on_object].mean() > 3 * drop[~on_object].mean()
