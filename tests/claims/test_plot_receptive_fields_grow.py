"""Claims of gallery/receptive_fields/plot_receptive_fields_grow.py."""

import pytest

from convdemo import empirical_receptive_field, receptive_field


@pytest.mark.parametrize(("k", "first"), [(3, 0), (5, 3)])
def test_linear_growth_analytic_equals_measured(example, k, first):
    rows = example["linear_rows"]
    assert [row[0] for row in rows] == list(range(1, 9))
    for n, *sizes in rows:
        expected = (k - 1) * n + 1  # 2n + 1 for 3x3, 4n + 1 for 5x5
        assert sizes[first : first + 3] == [expected] * 3  # formula, analytic, measured
        # both axes, with the example's own stack and measurement
        stack = example["conv_relu_stack"](n, k)
        assert receptive_field(stack)[-1].size == (expected, expected)
        side = expected + 2 * k
        grad = empirical_receptive_field(stack, (side, side))
        assert example["measured_box"](grad)[2] == (expected, expected)


def test_depth_panels_box_matches_map(example):
    assert example["depths"].tolist() == [1, 2, 3, 4, 5, 6]  # the last figure's
    for n, size in zip([1, 2, 3, 4], [3, 5, 7, 9], strict=True):
        stack = example["conv_relu_stack"](n, 3)
        grad = empirical_receptive_field(stack, (15, 15))
        top, left, shape = example["analytic_box"](stack, (15, 15))
        assert shape == (size, size)
        assert example["measured_box"](grad) == (top, left, shape)


VARIANTS = {  # label in the example: (size, final jump)
    "3 x 3x3": (7, 1),
    "stride 2 first": (11, 2),
    "2x2 max pool": (12, 2),
    "dilation 1, 2, 4": (15, 1),
}


def test_stride_pool_dilation_rows_the_example_prints(example):
    rows = {label: rest for label, *rest in example["variant_rows"]}
    assert list(rows) == list(VARIANTS)
    for label, (size, jump) in VARIANTS.items():
        assert rows[label] == [size, size, True, jump]  # analytic, measured, same place, jump


@pytest.mark.parametrize("label", [*VARIANTS, "2x2 avg pool"])
def test_stride_pool_dilation_analytic_equals_measured(example, label):
    if label == "2x2 avg pool":
        stack, (size, jump) = example["avg"], VARIANTS["2x2 max pool"]
        assert example["avg_measured"] == size
    else:
        stack, (size, jump) = example["variants"][label], VARIANTS[label]
    assert example["shape"] == (23, 23)
    grad = empirical_receptive_field(stack, (23, 23))
    top, left, shape = example["analytic_box"](stack, (23, 23))
    assert shape == (size, size)
    assert receptive_field(stack)[-1].jump == (jump, jump)
    assert example["measured_box"](grad) == (top, left, shape)


def test_exponential_growth(example):
    assert example["depths"].tolist() == [1, 2, 3, 4, 5, 6]
    expected = {
        "3x3 convs (2n + 1)": [3, 5, 7, 9, 11, 13],
        "5x5 convs (4n + 1)": [5, 9, 13, 17, 21, 25],
        "3x3 conv + 2x2 max pool": [4, 10, 22, 46, 94, 190],
        "3x3, dilation 1, 2, 4, ...": [2 ** (n + 1) - 1 for n in range(1, 7)],
    }
    sizes = example["growth_sizes"]
    assert list(sizes) == list(expected)
    for label, (analytic, measured) in sizes.items():
        assert analytic == measured == expected[label]
