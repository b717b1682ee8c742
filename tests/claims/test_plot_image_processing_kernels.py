"""Claims of gallery/basics/plot_image_processing_kernels.py."""

import pytest


def test_weights_summing_to_one_keep_the_sky_and_to_zero_erase_it(example):
    sums, on_sky, sky = example["sums"], example["on_sky"], example["sky"]
    assert sky == pytest.approx(0.77, abs=0.005)  # printed to 2 decimals
    for name in example["KERNELS"]:
        if name in ("box_blur", "sharpen", "emboss"):
            assert sums[name] == pytest.approx(1.0)
            assert on_sky[name] == pytest.approx(sky, abs=0.005)  # "keeps the brightness"
        else:
            assert sums[name] == pytest.approx(0.0)
            assert on_sky[name] < 0.015  # "0 on the sky": 0.01 at the printed precision


def test_the_picture_panels_are_the_kernels_that_sum_to_one(example):
    assert [title.split()[0] for title in example["pictures"]] == [
        "box_blur",
        "sharpen",
        "emboss",
    ]
