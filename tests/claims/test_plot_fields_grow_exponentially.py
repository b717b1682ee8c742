"""Claims of gallery/receptive_fields/plot_fields_grow_exponentially.py."""


def test_sizes_after_1_to_6_layers(example):
    assert example["depths"].tolist() == [1, 2, 3, 4, 5, 6]
    assert example["analytic"] == {
        "3x3 convs (2n + 1)": [3, 5, 7, 9, 11, 13],
        "5x5 convs (4n + 1)": [5, 9, 13, 17, 21, 25],
        "3x3 conv + 2x2 max pool": [4, 10, 22, 46, 94, 190],
        "3x3, dilation 1, 2, 4, ...": [2 ** (n + 1) - 1 for n in range(1, 7)],
    }


def test_every_measured_size_is_the_analytic_one(example):
    assert example["measured"] == example["analytic"]
