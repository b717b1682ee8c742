"""Receptive fields: the analytic recursion and the measured gradient map agree."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convdemo as cd


def extent(grad_map):
    rows = np.flatnonzero(grad_map.sum(axis=1) > 0)
    cols = np.flatnonzero(grad_map.sum(axis=0) > 0)
    return int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1)


@pytest.mark.parametrize(("k", "per_layer"), [(3, 2), (5, 4), (7, 6)])
def test_stacked_kernels_grow_linearly(k, per_layer):
    layers = []
    for n in range(1, 6):
        layers += [cd.Conv2d(np.ones((k, k))), cd.ReLU()]
        fields = cd.receptive_field(layers)
        assert fields[-1].size == (per_layer * n + 1,) * 2
        assert fields[-1].jump == (1, 1)


def test_hand_computed_table():
    w = np.ones((3, 3))
    fields = cd.receptive_field(
        [
            cd.Conv2d(w, padding=1),
            cd.MaxPool2d(2),
            cd.Conv2d(w, dilation=2),
            cd.Conv2d(w, stride=2),
            cd.ReLU(),
        ]
    )
    assert [f.size[0] for f in fields] == [3, 4, 12, 16, 16]
    assert [f.jump[0] for f in fields] == [1, 2, 2, 4, 4]
    assert [f.start[0] for f in fields] == [0.0, 0.5, 4.5, 6.5, 6.5]
    assert fields[1].name == "MaxPool2d(2)"


def test_non_square_kernels_have_per_axis_sizes():
    fields = cd.receptive_field([cd.Conv2d(np.ones((1, 5))), cd.Conv2d(np.ones((3, 1)))])
    assert fields[-1].size == (3, 5)


def test_activations_leave_it_unchanged():
    fields = cd.receptive_field([cd.Conv2d(np.ones((3, 3))), cd.ReLU(), cd.Sigmoid()])
    assert fields[0].size == fields[1].size == fields[2].size == (3, 3)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    spec=st.lists(
        st.one_of(
            st.tuples(
                st.just("conv"),
                st.integers(1, 4),
                st.integers(1, 2),
                st.integers(1, 2),
                st.integers(0, 1),
            ),
            st.tuples(st.just("max"), st.integers(2, 3), st.integers(1, 2)),
            st.tuples(st.just("avg"), st.integers(2, 3), st.integers(1, 2)),
            st.just(("relu",)),
        ),
        min_size=1,
        max_size=4,
    ),
    channels=st.integers(1, 2),
)
def test_analytic_size_equals_measured_extent(spec, channels):
    layers, c = [], channels
    for item in spec:
        if item[0] == "conv":
            _, k, s, d, p = item
            layers.append(cd.Conv2d(np.ones((2, c, k, k)), stride=s, dilation=d, padding=p))
            c = 2
        elif item[0] == "max":
            layers.append(cd.MaxPool2d(item[1], item[2]))
        elif item[0] == "avg":
            layers.append(cd.AvgPool2d(item[1], item[2]))
        else:
            layers.append(cd.ReLU())
    analytic = cd.receptive_field(layers)[-1]
    size = 2 * analytic.size[0] + 8  # room so the centre unit's field lies inside
    grad = cd.empirical_receptive_field(cd.Stack(layers), (channels, size, size))
    assert extent(grad) == analytic.size
    # and the field sits where the recursion says: centre = start + jump * index
    out = cd.Stack(layers).forward(np.ones((channels, size, size)))
    centre_index = (out.shape[-2] - 1) // 2
    rows = np.flatnonzero(grad.sum(axis=1) > 0)
    assert (rows[0] + rows[-1]) / 2 == analytic.start[0] + analytic.jump[0] * centre_index


def test_empirical_map_of_two_box_filters_is_the_tent():
    stack = cd.Stack([cd.Conv2d(np.ones((3, 3))), cd.ReLU(), cd.Conv2d(np.ones((3, 3)))])
    grad = cd.empirical_receptive_field(stack, (9, 9))
    np.testing.assert_array_equal(
        grad[2:7, 2:7], cd.compose_kernels(np.ones((3, 3)), np.ones((3, 3)))
    )
    assert grad.sum() == 81.0


def test_unit_and_input_choice():
    stack = cd.Stack([cd.Conv2d(np.ones((2, 1, 3, 3)))])
    grad = cd.empirical_receptive_field(stack, (1, 6, 6), unit=(1, 0, 0))
    assert extent(grad) == (3, 3) and grad[:3, :3].sum() == 9.0
    # a ReLU switched off by a negative input hides the field
    relu_stack = cd.Stack([cd.Conv2d(np.ones((3, 3))), cd.ReLU()])
    assert cd.empirical_receptive_field(relu_stack, (5, 5), x=-np.ones((5, 5))).max() == 0.0


def test_bad_input():
    stack = cd.Stack([cd.Conv2d(np.ones((3, 3)))])
    with pytest.raises(ValueError, match=r"unit .* is outside the output of shape"):
        cd.empirical_receptive_field(stack, (5, 5), unit=(3, 0))
    with pytest.raises(ValueError, match="unit must be a tuple of 2 indices"):
        cd.empirical_receptive_field(stack, (5, 5), unit=(0,))
    with pytest.raises(ValueError, match="input_shape must be"):
        cd.empirical_receptive_field(stack, 5)
    with pytest.raises(TypeError, match="input_shape must be an integer"):
        cd.empirical_receptive_field(stack, (5.0, 5))
    with pytest.raises(ValueError, match="x must have shape input_shape"):
        cd.empirical_receptive_field(stack, (5, 5), x=np.ones((4, 4)))
    with pytest.raises(TypeError, match="layers must be a Stack or a list"):
        cd.receptive_field(cd.ReLU())
    with pytest.raises(TypeError, match=r"layers\[0\] must be a convdemo Layer"):
        cd.receptive_field([np.ones((3, 3))])
    with pytest.raises(ValueError, match="at least one layer"):
        cd.receptive_field([])


@pytest.mark.parametrize("depth", [1, 3, 6])
def test_effective_field_of_all_ones_has_the_variance_of_n_box_steps(depth):
    """All-ones 3x3 kernels: the map is the n-fold convolution of a 3x3 box, a sum of n
    steps of -1, 0 or +1 per axis, so its variance is exactly n (3**2 - 1) / 12 = 2n/3."""
    grad = cd.effective_receptive_field(depth, side=2 * depth + 5)
    assert grad.shape == (2 * depth + 5, 2 * depth + 5)
    assert grad.sum() == pytest.approx(1.0) and (grad >= 0).all()
    assert extent(grad) == (2 * depth + 1, 2 * depth + 1)  # the analytic field
    assert cd.map_width(grad) ** 2 == pytest.approx(2 * depth / 3, rel=1e-12)


def test_effective_field_of_random_weights_is_seeded_and_narrower_than_its_field():
    first = cd.effective_receptive_field(8, "random sign", draws=4, side=21)
    again = cd.effective_receptive_field(8, "random sign", draws=4, side=21)
    np.testing.assert_array_equal(first, again)
    positive = cd.effective_receptive_field(8, "random positive", draws=2, side=21)
    assert 1.5 < cd.map_width(positive) < 3.0  # sqrt(16/3) = 2.3 for all ones
    assert cd.map_width(first) < 17 / 4  # far inside the 17-pixel field


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"depth": 0}, ValueError, "depth must be positive"),
        ({"depth": 2.0}, TypeError, "depth must be an integer"),
        ({"depth": 2, "weights": "zeros"}, ValueError, "weights must be one of"),
        ({"depth": 2, "weights": 1}, TypeError, "weights must be a string"),
        ({"depth": 2, "draws": 0}, ValueError, "draws must be positive"),
        ({"depth": 3, "side": 6}, ValueError, "at least the receptive field"),
        ({"depth": 2, "channels": 0}, ValueError, "channels must be positive"),
        ({"depth": 10**6}, ValueError, "operations"),
    ],
)
def test_effective_field_refuses_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        cd.effective_receptive_field(**kwargs)


@pytest.mark.parametrize(
    ("grad_map", "error", "match"),
    [
        ([1.0, 2.0], ValueError, "2-D"),
        ([[0.0, 0.0]], ValueError, "all zero"),
        ([[-1.0, 2.0]], ValueError, "non-negative"),
        ([[np.nan, 1.0]], ValueError, "finite"),
        ("map", TypeError, "grad_map"),
    ],
)
def test_map_width_refuses_what_is_not_a_map_of_weights(grad_map, error, match):
    with pytest.raises(error, match=match):
        cd.map_width(grad_map)
