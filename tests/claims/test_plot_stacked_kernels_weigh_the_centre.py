"""Claims of gallery/receptive_fields/plot_stacked_kernels_weigh_the_centre.py."""

import numpy as np

STACK, SINGLE = "3 x (3x3 conv)", "1 x (7x7 conv)"


def test_both_see_the_same_49_pixels(example):
    for grad in example["maps"].values():
        assert np.count_nonzero(grad.round(9)) == 49
        assert np.all(grad.round(9)[2:9, 2:9] > 0)


def test_centre_49_paths_corner_one_and_the_single_layer_flat(example):
    peaked, flat = example["maps"][STACK], example["maps"][SINGLE]
    np.testing.assert_allclose(peaked[5, 2:9], [7, 21, 42, 49, 42, 21, 7], atol=1e-9)
    assert round(peaked[5, 5]) == 49 and round(peaked[2, 2]) == 1
    np.testing.assert_allclose(flat[2:9, 2:9], 1.0, atol=1e-12)


def test_the_stack_is_the_composed_kernel(example):
    np.testing.assert_allclose(example["composed"], example["stack_map"][2:9, 2:9], atol=1e-12)
