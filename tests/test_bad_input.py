"""The bad inputs of issue 12, one by one: a clear error before any work, or the right answer."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convdemo as cd
from convdemo import _taps


def quickly(func, *args, **kwargs):
    """Call ``func``; it must finish well under a second (no hang, no huge allocation)."""
    start = time.perf_counter()
    try:
        return func(*args, **kwargs)
    finally:
        assert time.perf_counter() - start < 1.0


# --------------------------------------------------------------------------- 1. sizes


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"padding": 10**9}, r"^x, weight, stride, padding and dilation give an output of shape"),
        ({"padding": 10**10}, r"^padding must be at most 4,294,967,296 \(2\*\*32\), got"),
        ({"padding": 10**8}, r"2\*\*28\) numbers per array$"),
        ({"dilation": 2**20}, r"^weight's kernel height 3 \(effective 2097153"),
        ({"dilation": 2**62}, r"^dilation must be at most 4,294,967,296"),
        ({"stride": 2**30, "padding": 2**30}, r"give a padded input of shape"),
        ({"stride": 2**62, "padding": 2**62}, r"^stride must be at most"),
    ],
)
def test_conv2d_sizes_are_checked_before_any_work(kwargs, message):
    with pytest.raises(ValueError, match=message):
        quickly(cd.conv2d, np.ones((2, 3, 6, 7)), np.ones((4, 3, 3, 3)), **kwargs)


def test_conv2d_with_huge_padding_and_dilation_computes_a_small_output():
    # torch.nn.functional.conv2d gives this: only the centre tap ever reads the image
    x = np.arange(42.0).reshape(1, 1, 6, 7)
    w = np.arange(9.0).reshape(1, 1, 3, 3)
    out = quickly(cd.conv2d, x, w, np.array([0.5]), padding=10**6, dilation=10**6)
    np.testing.assert_array_equal(out, 4.0 * x + 0.5)
    grad_x, grad_w, grad_b = quickly(
        cd.conv2d_backward, x, w, np.ones((1, 1, 6, 7)), padding=10**6, dilation=10**6
    )
    np.testing.assert_array_equal(grad_x, np.full(x.shape, 4.0))
    expected = np.zeros((1, 1, 3, 3))
    expected[0, 0, 1, 1] = x.sum()
    np.testing.assert_array_equal(grad_w, expected)
    assert grad_b.tolist() == [42.0]
    # dropped taps still follow IEEE: an infinite weight that reads only zeros gives NaN
    w_inf = w.copy()
    w_inf[0, 0, 0, 0] = np.inf
    assert np.isnan(cd.conv2d(x, w_inf, padding=10**6, dilation=10**6)).all()


def test_a_kernel_that_never_reads_the_image_gives_the_bias():
    out = quickly(
        cd.conv2d,
        np.ones((1, 1, 1, 1)),
        np.ones((1, 1, 2, 2)),
        [3.0],
        padding=10**4,
        dilation=2 * 10**4,
    )
    assert out.shape == (1, 1, 1, 1) and out.item() == 3.0


geometry = st.fixed_dictionaries(
    {
        "n": st.integers(1, 2),
        "c_in": st.integers(1, 2),
        "c_out": st.integers(1, 2),
        "h": st.integers(1, 7),
        "w": st.integers(1, 7),
        "kh": st.integers(1, 4),
        "kw": st.integers(1, 4),
        "stride": st.tuples(st.integers(1, 4), st.integers(1, 4)),
        "dilation": st.tuples(st.integers(1, 6), st.integers(1, 6)),
        "padding": st.tuples(st.integers(0, 9), st.integers(0, 9)),
        "non_finite": st.sampled_from([None, np.inf, np.nan]),
        "seed": st.integers(0, 2**16),
    }
)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(g=geometry)
def test_a_reduced_call_gives_the_full_calls_numbers(g, monkeypatch_module):
    """The tap reduction (convdemo/_taps.py) forced on every call agrees with no reduction."""
    rng = np.random.default_rng(g["seed"])
    x = rng.normal(size=(g["n"], g["c_in"], g["h"], g["w"]))
    w = rng.normal(size=(g["c_out"], g["c_in"], g["kh"], g["kw"]))
    if g["non_finite"] is not None:
        w[0, 0, 0, 0] = g["non_finite"]
    b = rng.normal(size=g["c_out"])
    kwargs = {k: g[k] for k in ("stride", "padding", "dilation")} | {"method": "direct"}
    try:
        full = cd.conv2d(x, w, b, **kwargs)
    except ValueError:  # the kernel does not fit
        return
    grad = rng.normal(size=full.shape)
    full_grads = cd.conv2d_backward(x, w, grad, **kwargs)
    monkeypatch_module.setattr(_taps, "REDUCE_ABOVE", -1)
    try:
        reduced = cd.conv2d(x, w, b, **kwargs)
        reduced_grads = cd.conv2d_backward(x, w, grad, **kwargs)
    finally:
        monkeypatch_module.undo()
    np.testing.assert_allclose(reduced, full, rtol=1e-12, atol=1e-12)
    for a, e in zip(reduced_grads, full_grads, strict=True):
        assert a.shape == e.shape
        np.testing.assert_allclose(a, e, rtol=1e-12, atol=1e-12)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.mark.parametrize(
    ("func", "kwargs", "message"),
    [
        (
            cd.tiny_cnn,
            {"kernel_size": 10**6},
            r"^in_channels, channels and kernel_size give layer-1",
        ),
        (cd.draw_smiley, {"shape": 10**6}, r"^shape gives an image of shape \(1000000, 1000000\)"),
        (cd.cars_and_pedestrians, {"n": 10**9}, r"^n and size give images of shape"),
        (
            cd.empirical_receptive_field,
            {"stack": cd.Stack([cd.ReLU()]), "input_shape": (10**6, 10**6)},
            "^input_shape gives",
        ),
        (
            cd.activation_maximisation,
            {
                "stack": cd.smiley_face_detector(),
                "layer": 0,
                "channel": 0,
                "input_shape": (1, 10**5, 10**5),
            },
            "^input_shape gives an image",
        ),
        (
            cd.compose_kernels,
            {"w1": np.ones((1, 1, 1, 1)), "w2": np.ones((0, 1, 2, 2))},
            "^w1 and w2 must not be empty",
        ),
    ],
)
def test_sizes_are_checked_before_allocating(func, kwargs, message):
    with pytest.raises(ValueError, match=message):
        quickly(func, **kwargs)


# --------------------------------------------------------------------------- 2. numbers


def test_cross_entropy_is_a_log_softmax():
    loss, grad = cd.softmax_cross_entropy([[1000.0, -1000.0]], [1])
    assert loss == 2000.0
    np.testing.assert_array_equal(grad, [[1.0, -1.0]])
    loss32, _ = cd.softmax_cross_entropy(np.array([[100.0, -100.0]], np.float32), [1])
    assert loss32 == 200.0
    with pytest.raises(ValueError, match="logits must hold finite numbers only"):
        cd.softmax_cross_entropy([[np.nan, 0.0]], [1])
    with pytest.raises(ValueError, match="logits must hold at least one example"):
        cd.softmax_cross_entropy(np.zeros((0, 2)), np.zeros(0, dtype=int))


def test_training_refuses_nan_and_empty_data():
    net = cd.tiny_cnn(seed=0)
    x, y = cd.cars_and_pedestrians(4, seed=0)
    x[1, 0, 3, 3] = np.nan
    with pytest.raises(ValueError, match=r"^images must hold finite numbers only, got 1 NaN"):
        cd.train(net, x, y)
    with pytest.raises(ValueError, match=r"^images must hold at least one image"):
        cd.train(net, x[:0], y[:0])
    with pytest.raises(ValueError, match=r"^test images must hold finite numbers only"):
        cd.train(net, x[2:], y[2:], test=(x[:2], y[:2]))


def test_predict_and_accuracy_refuse_outputs_that_are_not_scores_and_bad_labels():
    maps = cd.Stack([cd.Conv2d(np.ones((2, 1, 3, 3)))])
    x = np.zeros((2, 1, 8, 8))
    with pytest.raises(
        ValueError,
        match=r"^stack must end in \(N, n_classes\) scores, got output shape \(2, 2, 6, 6\)",
    ):
        cd.predict(maps, x)
    with pytest.raises(ValueError, match=r"stack must end in \(N, n_classes\) scores"):
        cd.accuracy(maps, x, np.array([0, 1]))
    net = cd.tiny_cnn(seed=0)
    with pytest.raises(ValueError, match=r"^labels must be in 0\.\.1, got values 0\.\.7"):
        cd.accuracy(net, np.zeros((2, 1, 24, 24)), np.array([0, 7]))
    with pytest.raises(TypeError, match=r"^labels must be integer class indices"):
        cd.accuracy(net, np.zeros((2, 1, 24, 24)), np.array([0.0, 1.0]))
    with pytest.raises(TypeError, match=r"^stack must be a convdemo Stack"):
        cd.predict("net", x)


# --------------------------------------------------------------------------- 3. first step


def weights(stack):
    return {k: v.copy() for k, v in stack.parameters().items()}


@pytest.mark.parametrize(
    "test",
    [
        (np.zeros((2, 3, 24, 24)), np.array([0, 1])),  # channels the network does not take
        (np.zeros((2, 1, 4, 4)), np.array([0, 1])),  # too small for the kernels
        (np.zeros((2, 1, 24, 24)), np.array([0, 5])),  # a label out of range
        (np.zeros((2, 1, 24, 24)),),  # not a pair
    ],
)
def test_train_checks_the_test_set_before_the_first_step(test):
    net = cd.tiny_cnn(seed=0)
    before = weights(net)
    x, y = cd.cars_and_pedestrians(8, seed=0)
    optimizer = cd.Adam()
    with pytest.raises(ValueError, match="test"):
        cd.train(net, x, y, epochs=1, optimizer=optimizer, test=test)
    after = weights(net)
    assert all(np.array_equal(before[k], after[k]) for k in before)
    assert optimizer._t == 0


# --------------------------------------------------------------------------- 4. structure


def test_structure_errors_say_which_layer():
    with pytest.raises(
        ValueError,
        match=r"^layers\[2\] \(MaxPool2d\(2\)\) needs feature maps .* "
        r"layers\[1\] \(GlobalAvgPool2d\)",
    ):
        cd.Stack([cd.Conv2d(np.ones((2, 1, 3, 3))), cd.GlobalAvgPool2d(), cd.MaxPool2d(2)])
    with pytest.raises(ValueError, match=r"^weight must not be empty, got shape \(0, 1, 3, 3\)"):
        cd.Conv2d(np.ones((0, 1, 3, 3)))
    deep = cd.Stack([cd.Conv2d(np.ones((2, 1, 3, 3))), cd.ReLU(), cd.Conv2d(np.ones((1, 3, 3, 3)))])
    with pytest.raises(
        ValueError,
        match=r"^layers\[2\] \(Conv2d\(3x3, 3->1 channels\)\) cannot take the output of "
        r"layers\[1\] \(ReLU\(\)\), of shape \(1, 2, 6, 6\): weight expects 3 input channels",
    ):
        deep.forward(np.ones((1, 1, 8, 8)))


def test_optimizer_steps_are_checked_before_anything_changes():
    w = np.ones(2)
    sgd = cd.SGD()
    with pytest.raises(
        ValueError, match=r"^grads must have exactly the keys of params; missing \['w'\]"
    ):
        sgd.step({"w": w}, {})
    with pytest.raises(
        ValueError, match=r"^grads\['w'\] must have the shape of params\['w'\], \(2,\), got \(3,\)"
    ):
        sgd.step({"w": w}, {"w": np.ones(3)})
    with pytest.raises(TypeError, match=r"^params must be a dict of arrays by name"):
        sgd.step([w], [np.ones(2)])
    with pytest.raises(ValueError, match=r"^grads\['w'\] must hold finite numbers only"):
        sgd.step({"w": w}, {"w": np.array([1.0, np.nan])})
    assert w.tolist() == [1.0, 1.0] and sgd._velocity == {}
    # one optimizer per network
    net1, net2 = cd.tiny_cnn(seed=0), cd.tiny_cnn(seed=1)
    x, y = cd.cars_and_pedestrians(4, seed=0)
    adam = cd.Adam()
    cd.train(net1, x, y, epochs=1, optimizer=adam)
    before = weights(net2)
    with pytest.raises(
        ValueError, match=r"^params are not the ones this optimizer has been stepping"
    ):
        cd.train(net2, x, y, epochs=1, optimizer=adam)
    assert all(np.array_equal(v, weights(net2)[k]) for k, v in before.items())


# --------------------------------------------------------------------------- 5. names


def test_errors_name_the_callers_argument():
    with pytest.raises(ValueError, match=r"^w1 and w2 must not be empty"):
        cd.compose_kernels(np.ones((0, 3)), np.ones((3, 3)))
    net = cd.Stack([cd.Conv2d(np.ones((1, 1, 3, 3))), cd.ReLU()])
    with pytest.raises(ValueError, match=r"^target must be in 0\.\.0, got 4"):
        cd.occlusion_sensitivity(net, np.ones((1, 8, 8)), 4)
    with pytest.raises(ValueError, match=r"^image of shape \(1, 2, 2\) does not fit the stack"):
        cd.occlusion_sensitivity(net, np.ones((1, 2, 2)), 0, patch=1)
    x = np.ones((1, 1, 8, 8))
    with pytest.raises(ValueError, match=r"^trace\[0\] has shape \(1, 1, 5, 5\), but layers\[0\]"):
        net.backward(x, np.ones((1, 1, 5, 5)), trace=[np.ones((1, 1, 5, 5))] * 2)
    with pytest.raises(TypeError, match=r"^trace must be a list of arrays"):
        net.backward(x, np.ones((1, 1, 6, 6)), trace=np.ones((2, 1, 1, 6, 6)))


def test_an_input_larger_than_any_array_convdemo_makes_is_refused():
    huge = np.broadcast_to(np.float64(0), (2**15, 2**15))  # a view: no memory, 2**30 numbers
    for func, args in ((cd.relu, ()), (cd.max_pool2d, (2,)), (cd.conv2d, (np.ones((3, 3)),))):
        with pytest.raises(ValueError, match=r"^x has shape \(32768, 32768\), 1\.07e\+09 numbers"):
            quickly(func, huge, *args)
