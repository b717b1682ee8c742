"""Claims of gallery/basics/plot_convolution_arithmetic.py, and the brute-force check of
its formula: the output size of conv2d in every small case."""

import itertools

import numpy as np

from convdemo import conv2d, conv_output_size


def formula(size, k, padding, stride, dilation):
    """The page's formula, written out once more on purpose: what the page promises."""
    return (size + 2 * padding - dilation * (k - 1) - 1) // stride + 1


def test_the_formula_is_the_shape_of_conv2d_in_hundreds_of_cases():
    cases = 0
    for size, k, padding, stride, dilation in itertools.product(
        range(1, 13), range(1, 6), range(3), range(1, 4), range(1, 4)
    ):
        if dilation * (k - 1) + 1 > size + 2 * padding:
            continue  # the kernel does not fit: conv2d refuses it
        out = conv2d(
            np.zeros((size, size)),
            np.ones((k, k)),
            padding=padding,
            stride=stride,
            dilation=dilation,
        )
        expected = formula(size, k, padding, stride, dilation)
        assert out.shape == (expected, expected), (size, k, padding, stride, dilation)
        assert conv_output_size(size, k, padding=padding, stride=stride, dilation=dilation) == (
            expected
        )
        cases += 1
    assert cases > 100  # "hundreds of cases"


def test_the_four_panels(example):
    assert example["predicted"] == {
        "no padding": 5,
        "padding 1": 7,
        "stride 2": 3,
        "dilation 2": 3,
    }


def test_output_size_against_input_size(example):
    outputs, sizes = example["outputs"], example["sizes"]
    assert outputs["k=3, p=1"] == list(sizes)  # "same" padding keeps the size
    assert outputs["k=3"] == list(sizes - 2)
    assert outputs["k=3, d=2"] == list(sizes - 4)
    steps = np.diff(outputs["k=3, s=2"])  # one step up for every two input pixels
    assert steps.tolist() == [int(n % 2 == 0) for n in sizes[:-1]]
