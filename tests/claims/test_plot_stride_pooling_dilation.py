"""Claims of gallery/receptive_fields/plot_stride_pooling_dilation.py."""

from convdemo import empirical_receptive_field
from convdemo.plotting import nonzero_box, receptive_field_box

EXPECTED = {  # name: (field, final jump)
    "plain": (7, 1),
    "stride 2 first": (11, 2),
    "2x2 max pool": (12, 2),
    "dilation 1, 2, 4": (15, 1),
}


def test_7_11_12_15_pixels(example):
    fields = example["fields"]
    assert {name: (f.size[0], f.jump[0]) for name, f in fields.items()} == EXPECTED


def test_measured_equals_analytic_in_size_and_place(example):
    shape = example["shape"]
    for stack in example["variants"].values():
        grad = empirical_receptive_field(stack, shape)
        assert nonzero_box(grad) == receptive_field_box(stack, shape)


def test_average_pooling_sees_what_max_pooling_sees(example):
    assert example["avg_measured"] == example["avg_analytic"] == 12
