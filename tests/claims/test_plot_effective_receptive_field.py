"""Claims of gallery/receptive_fields/plot_effective_receptive_field.py."""

import pytest


def test_a_33_pixel_field_after_16_layers(example):
    assert example["N"] == 16
    assert example["field"] == 33


@pytest.mark.parametrize("kind", ["all ones", "random positive", "random sign"])
def test_width_about_3_3_pixels_a_tenth_of_the_field(example, kind):
    width = example["widths"][kind]
    assert width == pytest.approx(3.3, abs=0.05)  # "about 3.3 pixels"
    assert width / example["field"] == pytest.approx(0.1, abs=0.005)  # "a tenth"
