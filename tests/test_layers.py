"""Layers and Stack: forward matches the functions, backward matches finite differences."""

import numpy as np
import pytest
from gradcheck import numeric_gradient

import convdemo as cd


def make_stack(rng):
    return cd.Stack(
        [
            cd.Conv2d(rng.normal(size=(3, 2, 3, 3)), rng.normal(size=3), padding=1),
            cd.ReLU(),
            cd.MaxPool2d(2),
            cd.Conv2d(rng.normal(size=(2, 3, 2, 2)), stride=1, dilation=2),
            cd.Tanh(),
            cd.AvgPool2d(2, stride=1),
            cd.Conv2d(rng.normal(size=(1, 2, 1, 1)), rng.normal(size=1)),
            cd.Sigmoid(),
            cd.LeakyReLU(0.1),
        ]
    )


def test_trace_holds_every_layer_output():
    rng = np.random.default_rng(0)
    stack = make_stack(rng)
    x = rng.normal(size=(2, 2, 10, 10))
    trace = stack.trace(x)
    assert len(trace) == len(stack) == 9
    assert [t.shape for t in trace][:4] == [(2, 3, 10, 10)] * 2 + [(2, 3, 5, 5), (2, 2, 3, 3)]
    np.testing.assert_allclose(trace[1], cd.relu(trace[0]))
    np.testing.assert_allclose(trace[2], cd.max_pool2d(trace[1], 2))
    np.testing.assert_array_equal(stack.forward(x), trace[-1])


def test_stack_backward_matches_finite_differences():
    rng = np.random.default_rng(3)
    stack = make_stack(rng)
    x = rng.normal(size=(2, 2, 10, 10))
    g = rng.normal(size=stack.forward(x).shape)

    def loss():
        return float((stack.forward(x) * g).sum())

    grad_x, param_grads = stack.backward(x, g)
    np.testing.assert_allclose(grad_x, numeric_gradient(loss, x), atol=1e-6)
    for layer, grads in zip(stack, param_grads, strict=True):
        assert set(grads) == set(layer.parameters())
        for name, value in layer.parameters().items():
            np.testing.assert_allclose(grads[name], numeric_gradient(loss, value), atol=1e-6)


def test_step_blocks_the_gradient():
    stack = cd.Stack([cd.Conv2d(np.ones((2, 2))), cd.Step(0.5), cd.Conv2d(np.ones((2, 2)))])
    x = np.random.default_rng(4).normal(size=(5, 5))
    grad_x, grads = stack.backward(x, np.ones((3, 3)))
    assert np.abs(grad_x).max() == 0.0
    assert np.abs(grads[0]["weight"]).max() == 0.0
    assert np.abs(grads[2]["weight"]).max() > 0.0  # the last layer still learns


def test_parameters_are_the_live_arrays():
    layer = cd.Conv2d(np.ones((1, 1, 2, 2)), np.zeros(1))
    layer.parameters()["weight"][...] = 2.0
    assert layer.forward(np.ones((1, 3, 3)))[0, 0, 0] == 8.0
    stack = cd.Stack([layer, cd.ReLU()])
    assert list(stack.parameters()) == ["0.weight", "0.bias"]


def test_names():
    assert cd.Conv2d(np.ones((4, 3, 5, 5)), stride=2, padding=1).name == (
        "Conv2d(5x5, 3->4 channels, stride=2, padding=1)"
    )
    assert cd.MaxPool2d(2).name == "MaxPool2d(2)"
    assert cd.AvgPool2d(3, stride=1).name == "AvgPool2d(3, stride=1)"
    assert repr(cd.Stack([cd.ReLU(), cd.Step(0.5)])) == "Stack([ReLU(), Step(0.5)])"


def test_nested_stacks_run():
    inner = cd.Stack([cd.Conv2d(np.ones((2, 2))), cd.ReLU()])
    outer = cd.Stack([inner, cd.Conv2d(np.ones((2, 2)))])
    assert outer.forward(np.ones((4, 4))).tolist() == [[16.0, 16.0], [16.0, 16.0]]


def test_bad_input():
    with pytest.raises(TypeError, match=r"layers\[1\] must be a convdemo Layer"):
        cd.Stack([cd.ReLU(), np.ones(3)])
    with pytest.raises(ValueError, match="at least one layer"):
        cd.Stack([])
    with pytest.raises(TypeError, match="got a single layer"):
        cd.Stack(cd.ReLU())
    with pytest.raises(ValueError, match=r"bias must have shape \(4,\)"):
        cd.Conv2d(np.ones((4, 3, 3, 3)), bias=np.ones(3))
    with pytest.raises(ValueError, match="padding='same' needs stride 1"):
        cd.Conv2d(np.ones((3, 3)), stride=2, padding="same")
    with pytest.raises(ValueError, match="weight must have 2 or 4 dimensions"):
        cd.Conv2d(np.ones((3, 3, 3)))
    with pytest.raises(ValueError, match="stride must be positive"):
        cd.MaxPool2d(2, stride=0)
    stack = cd.Stack([cd.Conv2d(np.ones((2, 2))), cd.ReLU()])
    with pytest.raises(
        ValueError, match=r"grad_output must have the stack output's shape \(2, 2\)"
    ):
        stack.backward(np.ones((3, 3)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="trace must hold one output per layer"):
        stack.backward(np.ones((3, 3)), np.ones((2, 2)), trace=[np.ones((2, 2))])


def test_conv_layer_method_choice_is_passed_through():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(1, 2, 20, 20))
    w = rng.normal(size=(3, 2, 9, 9))
    direct, fft = cd.Conv2d(w, method="direct"), cd.Conv2d(w, method="fft")
    np.testing.assert_allclose(direct.forward(x), fft.forward(x), atol=1e-10)
    g = rng.normal(size=(1, 3, 12, 12))
    for a, b in zip(direct.backward(x, g)[1].values(), fft.backward(x, g)[1].values(), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-10)
    # integer-valued data stays exact with the direct method, whatever the size
    ones = cd.Conv2d(np.ones((1, 1, 31, 31)), method="direct").forward(np.ones((1, 1, 40, 40)))
    assert set(np.unique(ones)) == {961.0}
    with pytest.raises(ValueError, match="method must be 'auto', 'direct' or 'fft'"):
        cd.Conv2d(w, method="winograd")
