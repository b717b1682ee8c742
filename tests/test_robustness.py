"""Issue 24, class by class: nothing silently wrong, nothing lost.

Each test names its class (A-L of the issue); each failed before the fix it checks.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import convdemo as cd

# ------------------------------------------------------------------- A. silent wrong numbers


def test_a_sgd_keeps_a_copy_of_the_gradient_not_the_callers_array():
    def two_steps(reuse: bool) -> np.ndarray:
        params = {"w": np.array([1.0])}
        sgd = cd.SGD(lr=0.1, momentum=0.9)
        grad = np.array([2.0])
        sgd.step(params, {"w": grad})
        if reuse:  # the caller writes the next gradient into the same array
            grad[...] = -50.0
        else:
            grad = np.array([-50.0])
        sgd.step(params, {"w": grad})
        return params["w"]

    np.testing.assert_array_equal(two_steps(reuse=True), two_steps(reuse=False))


def test_a_adam_keeps_copies_too():
    params = {"w": np.array([1.0])}
    adam = cd.Adam(lr=0.1)
    grad = np.array([2.0])
    adam.step(params, {"w": grad})
    kept = {key: value.copy() for key, value in vars(adam).items() if isinstance(value, dict)}
    grad[...] = 1e6
    for key, value in kept.items():
        for name, array in value.items():
            np.testing.assert_array_equal(getattr(adam, key)[name], array)


def test_a_adam_with_eps_zero_leaves_a_zero_gradient_alone():
    params = {"w": np.array([1.0, 2.0])}
    adam = cd.Adam(lr=0.1, eps=0.0)
    adam.step(params, {"w": np.array([0.0, 1.0])})
    np.testing.assert_allclose(params["w"], [1.0, 1.9])


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.uint8, np.float32, np.float64])
def test_a_map_width_is_the_same_in_every_dtype(dtype):
    grid = np.zeros((5, 3))
    grid[[1, 3], :] = 1  # half the weight one row above the middle, half one row below
    top = np.iinfo(dtype).max if np.dtype(dtype).kind in "iu" else 1
    assert cd.map_width(grid.astype(dtype) * top) == 1.0


def test_a_map_width_of_a_float32_map_matches_float64():
    rng = np.random.default_rng(0)
    grid = rng.uniform(0, 1, (301, 7)) ** 8
    expected = cd.map_width(grid)
    assert cd.map_width(grid.astype(np.float32)) == pytest.approx(expected, rel=1e-6)
    assert cd.map_width(grid * 1e300) == pytest.approx(expected, rel=1e-12)


def test_a_float32_average_pooling_does_not_overflow_a_finite_mean():
    x = np.full((1, 1, 2, 2), 3e38, dtype=np.float32)
    out = cd.avg_pool2d(x, 2)
    assert out.dtype == np.float32 and np.isfinite(out).all()
    np.testing.assert_allclose(out, 3e38, rtol=1e-6)
    layer = cd.AvgPool2d(2)
    np.testing.assert_array_equal(layer.forward(x), out)
    assert np.isfinite(cd.GlobalAvgPool2d().forward(x)).all()


def test_a_describe_map_refuses_a_map_holding_infinity_or_nan():
    pytest.importorskip("matplotlib")
    from convdemo.plotting import describe_map

    for bad in (np.inf, np.nan):
        grid = np.zeros((3, 3))
        grid[1, 1] = bad
        with pytest.raises(ValueError, match=r"^feature_map must hold finite numbers"):
            describe_map(grid)


def test_a_show_taps_refuses_negative_padding():
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    from convdemo.plotting import show_taps

    with pytest.raises(ValueError, match=r"^padding must be >= 0"):
        show_taps(Figure().subplots(), 7, 3, padding=-1)


# --------------------------------------------------------------------------- H. one kind, one type


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda v: cd.conv2d(np.ones((5, 5)), np.ones((3, 3)), padding=v), "padding"),
        (lambda v: cd.conv2d(np.ones((5, 5)), np.ones((3, 3)), stride=v), "stride"),
        (lambda v: cd.MaxPool2d(v), "size"),
        (lambda v: cd.conv_output_size(v, 3), "size"),
        (lambda v: cd.conv_output_size(5, v), "kernel"),
        (lambda v: cd.tiny_cnn(kernel_size=v), "kernel_size"),
        (lambda v: cd.effective_receptive_field(depth=v), "depth"),
        (lambda v: cd.digits_cnn(n_classes=v), "n_classes"),
        (lambda v: cd.cars_and_pedestrians(v), "n"),
    ],
)
@pytest.mark.parametrize("value", [np.array([3]), [3], (3, 4, 5), np.array([3, 4, 5])])
def test_h_an_array_given_as_a_size_is_a_value_error(call, name, value):
    with pytest.raises(ValueError, match=rf"^{name} must be"):
        call(value)


@pytest.mark.parametrize("value", [np.int64(3), np.uint8(3), np.array(3)])
def test_h_numpy_integer_scalars_are_accepted(value):
    assert cd.conv_output_size(value, 3) == 1
    assert cd.tiny_cnn(kernel_size=value, seed=value)[0].weight.shape[-1] == 3
    assert cd.conv2d(np.ones((5, 5)), np.ones((3, 3)), padding=value).shape == (9, 9)


# --------------------------------------------------------------------------- K. huge dilation


@pytest.mark.parametrize("name", ["dilation", "padding", "stride"])
@pytest.mark.parametrize("value", [2**62, 2**63, 10**30])
def test_k_huge_geometry_is_a_clear_value_error(name, value):
    x, w = np.ones((5, 5)), np.ones((3, 3))
    with pytest.raises(ValueError, match=rf"^{name} must be at most"):
        cd.conv2d(x, w, **{name: value})
    with pytest.raises(ValueError, match=rf"^{name} must be at most"):
        cd.conv2d_backward(x, w, np.ones((3, 3)), **{name: value})
    with pytest.raises(ValueError, match=rf"^{name} must be at most"):
        cd.Conv2d(w, **{name: value})
    with pytest.raises(ValueError, match=rf"^{name} must be at most"):
        cd.conv_output_size(5, 3, **{name: value})


# --------------------------------------------------------------------------- L. default unit


def test_l_the_default_unit_after_a_global_pool_is_channel_0():
    weight = np.zeros((3, 1, 3, 3))
    weight[0, 0, 0, 0] = 1.0  # channel 0 reads the top-left tap only
    weight[1] = 1.0  # channel 1 (the middle one) reads all nine
    stack = cd.Stack([cd.Conv2d(weight), cd.GlobalAvgPool2d()])
    grad = cd.empirical_receptive_field(stack, (1, 5, 5))
    explicit = cd.empirical_receptive_field(stack, (1, 5, 5), unit=(0,))
    np.testing.assert_array_equal(grad, explicit)
    assert np.count_nonzero(grad) == 9  # the 3x3 corners of the 3x3 output positions


def test_l_the_default_unit_after_linear_is_class_0():
    stack = cd.Stack([cd.Conv2d(np.ones((2, 1, 3, 3))), cd.Flatten(), cd.Linear(np.eye(3, 18))])
    grad = cd.empirical_receptive_field(stack, (1, 5, 5))
    np.testing.assert_array_equal(grad, cd.empirical_receptive_field(stack, (1, 5, 5), unit=(0,)))


# --------------------------------------------------------------------------- J. exact maps


def _extent(grad: np.ndarray) -> tuple[int, int]:
    rows, cols = np.nonzero(grad)
    return int(rows.max() - rows.min() + 1), int(cols.max() - cols.min() + 1)


def _random_stack(draw) -> list:
    layers = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["conv", "conv", "conv", "max", "avg", "relu"]))
        if kind == "conv":
            k = draw(st.sampled_from([1, 2, 3, 5]))
            layers.append(
                cd.Conv2d(
                    np.ones((k, k)) * draw(st.sampled_from([1.0, 0.3])),
                    stride=draw(st.integers(1, 2)),
                    dilation=draw(st.integers(1, 3)),
                    method=draw(st.sampled_from(["auto", "fft", "direct"])),
                )
            )
        elif kind in ("max", "avg"):
            size = draw(st.integers(2, 3))
            pool = cd.MaxPool2d if kind == "max" else cd.AvgPool2d
            layers.append(pool(size, stride=draw(st.integers(1, size))))
        else:
            layers.append(cd.ReLU())
    return layers


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_j_measured_extent_equals_the_analytic_size(data):
    layers = _random_stack(data.draw)
    fields = cd.receptive_field(layers)
    rows, cols = fields[-1].size
    side = data.draw(st.integers(0, 6))
    shape = (rows + side, cols + data.draw(st.integers(0, 6)))
    try:
        out = cd.Stack(layers).output_shapes(shape)[-1]
    except ValueError:
        return
    unit = (data.draw(st.integers(0, out[-2] - 1)), data.draw(st.integers(0, out[-1] - 1)))
    grad = cd.empirical_receptive_field(layers, shape, unit)
    assert (grad >= 0).all()
    # Inside the image: the field's top-left corner, then its size (clipped by the image).
    top = fields[-1].start[0] + unit[0] * fields[-1].jump[0] - (rows - 1) / 2
    left = fields[-1].start[1] + unit[1] * fields[-1].jump[1] - (cols - 1) / 2
    box = np.zeros(shape, dtype=bool)
    box[max(int(top), 0) : int(top) + rows, max(int(left), 0) : int(left) + cols] = True
    assert not grad[~box].any(), "non-zero outside the analytic field"
    # All ones, no padding: every cell of the (dilated) field is read; the extent is the size.
    if grad.any():
        assert _extent(grad) == (rows, cols)


def test_j_strided_dilated_stacks_have_no_round_off_outside_the_field():
    rng = np.random.default_rng(24)
    for _ in range(20):
        layers = [
            cd.Conv2d(
                rng.uniform(0.1, 1.0, (k, k)),
                stride=2,
                dilation=int(rng.integers(2, 4)),
                method="fft",
            )
            for k in rng.choice([5, 1], size=3)
        ]
        size = cd.receptive_field(layers)[-1].size
        grad = cd.empirical_receptive_field(layers, (size[0] + 20, size[1] + 20))
        assert np.count_nonzero(grad) <= size[0] * size[1]
        assert _extent(grad) == size


# --------------------------------------------------------------------------- F, G. plotting


@pytest.fixture
def pyplot():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    open_before = set(plt.get_fignums())
    yield plt
    assert set(plt.get_fignums()) == open_before, "a helper left a figure open"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda p: p.plot_number_grids({"a": np.eye(2)}, alt="x", ncols=0), ValueError, "ncols"),
        (lambda p: p.plot_number_grids({"a": np.ones((30, 30))}, alt="x"), ValueError, "array"),
        (
            lambda p: p.plot_number_grids({"a": np.eye(2)}, alt="x", size=(1e9, 1)),
            ValueError,
            "size",
        ),
        (lambda p: p.plot_bars({"a": np.nan}, alt="x", ylabel="y"), ValueError, r"values\['a'\]"),
        (lambda p: p.plot_bars({"a": 1.0}, alt="x", ylabel="y", size=(-1, 2)), ValueError, "size"),
        (
            lambda p: p.plot_taps({"a": {"padding": -1}}, size=5, k=3, alt="x"),
            ValueError,
            "padding",
        ),
        (lambda p: p.plot_taps({"a": {}}, size=10**6, k=3, alt="x"), ValueError, "size"),
        (lambda p: p.plot_taps({"a": 3}, size=5, k=3, alt="x"), TypeError, r"cases\['a'\]"),
        (
            lambda p: p.plot_taps({"a": {"pad": 1}}, size=5, k=3, alt="x"),
            ValueError,
            r"cases\['a'\]",
        ),
        (
            lambda p: p.animate_window(np.eye(4), np.ones((2, 2)), alt="x", interval="a"),
            TypeError,
            "interval",
        ),
        (
            lambda p: p.plot_curves(
                [1, 2], {"a": [1, 2]}, alt="x", xlabel="x", ylabel="y", size=(1e9, 1)
            ),
            ValueError,
            "size",
        ),
        (
            lambda p: p.show_tiles(
                __import__("matplotlib.figure").figure.Figure(), np.ones((2, 3, 3)), columns=0
            ),
            ValueError,
            "columns",
        ),
        (
            lambda p: p.show_tiles(
                __import__("matplotlib.figure").figure.Figure(),
                np.broadcast_to(np.ones(1), (10**5, 3, 3)),
            ),
            ValueError,
            "tiles",
        ),
        (
            lambda p: p.receptive_field_box(cd.Stack([cd.Conv2d(np.ones((3, 3)))]), (10**6, 10**6)),
            ValueError,
            "input_shape",
        ),
    ],
)
def test_f_g_plotting_helpers_refuse_clearly_and_close_their_figures(pyplot, call, error, message):
    from convdemo import plotting

    with pytest.raises(error, match=rf"^{message}"):
        call(plotting)


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"size": "7"}, TypeError, "size"),
        ({"size": -1}, ValueError, "size"),
        ({"size": 10**6}, ValueError, "size"),
        ({"k": 10**6}, ValueError, "k"),
        ({"stride": 0}, ValueError, "stride"),
        ({"dilation": 10**6}, ValueError, "k"),
        ({"padding": 2.5}, TypeError, "padding"),
    ],
)
def test_f_show_taps_refuses_bad_sizes_before_allocating(pyplot, kwargs, error, name):
    from matplotlib.figure import Figure

    from convdemo.plotting import show_taps

    arguments = {"size": 7, "k": 3, **kwargs}
    with pytest.raises(error, match=rf"^{name}\b"):
        show_taps(Figure().subplots(), **arguments)


def test_f_show_confusion_matrix_refuses_a_huge_class_count(pyplot):
    from matplotlib.figure import Figure

    from convdemo.plotting import show_confusion_matrix

    with pytest.raises(ValueError, match=r"^n_classes must be at most 20"):
        show_confusion_matrix(Figure().subplots(), [0], [0], n_classes=10**7)


# --------------------------------------------------------------------------- G. training


def test_g_a_diverging_run_restores_the_weights_and_says_lower_the_learning_rate():
    x, y = cd.smiley_dataset(16, seed=0)
    net = cd.tiny_cnn(seed=0, kernel_size=3)
    initial = {key: value.copy() for key, value in net.parameters().items()}
    with pytest.raises(ValueError, match=r"diverged.*lr=1e\+200.*lower learning rate"):
        cd.train(net, x, y, epochs=2, batch_size=4, optimizer=cd.SGD(lr=1e200))
    after = net.parameters()
    assert all(np.isfinite(value).all() for value in after.values())
    for key, value in initial.items():  # the first step gave a finite loss, the second not
        np.testing.assert_array_equal(after[key], value)


# --------------------------------------------------------------------------- B. NaN and inf


def _with(bad, shape):
    x = np.ones(shape)
    x.flat[0] = bad
    return x


def _net_with(bad):
    net = cd.tiny_cnn(seed=0)
    net[0].weight.flat[0] = bad
    return net


ELEMENTWISE = [
    f"{f}{d}"
    for f in ("relu", "step", "sigmoid", "tanh", "leaky_relu")
    for d in ("", "_derivative")
]


def _elementwise(name):
    return lambda bad: getattr(cd, name)(_with(bad, (3,)))


# The policy (docs/api.md, convdemo/_checks.py): array arithmetic propagates NaN and inf as
# IEEE says; whatever turns numbers into a decision, a measurement or a description refuses
# them with "... must hold finite numbers only"; a record holds what those functions give.
PROPAGATE = {
    "conv2d": lambda b: cd.conv2d(_with(b, (5, 5)), np.ones((3, 3))),
    "max_pool2d": lambda b: cd.max_pool2d(_with(b, (4, 4)), 2),
    "avg_pool2d": lambda b: cd.avg_pool2d(_with(b, (4, 4)), 2),
    "compose_kernels": lambda b: cd.compose_kernels(_with(b, (3, 3)), np.ones((3, 3))),
    "Stack.forward": lambda b: cd.tiny_cnn(seed=0).forward(_with(b, (1, 1, 24, 24))),
    **{name: _elementwise(name) for name in ELEMENTWISE},
}
REFUSE = {
    "softmax": (lambda b: cd.softmax(_with(b, (2, 3))), "logits"),
    "predict": (lambda b: cd.predict(cd.tiny_cnn(seed=0), _with(b, (1, 1, 24, 24))), "images"),
    "predict (weights)": (lambda b: cd.predict(_net_with(b), np.ones((1, 1, 24, 24))), "stack"),
    "train (weights)": (
        lambda b: cd.train(_net_with(b), np.ones((2, 1, 24, 24)), np.array([0, 1]), epochs=1),
        "stack",
    ),
    "empirical_receptive_field (x)": (
        lambda b: cd.empirical_receptive_field(
            [cd.Conv2d(np.ones((3, 3))), cd.ReLU()], (5, 5), x=_with(b, (5, 5))
        ),
        "x",
    ),
    "empirical_receptive_field (weights)": (
        lambda b: cd.empirical_receptive_field([cd.Conv2d(_with(b, (3, 3)))], (5, 5)),
        "stack",
    ),
    "top_activating_patches (weights)": (
        lambda b: cd.top_activating_patches(_net_with(b), np.ones((2, 1, 24, 24)), 0, 0),
        "stack",
    ),
    "read_circuit": (lambda b: cd.read_circuit(cd.Conv2d(_with(b, (1, 2, 3, 3))), 0), "layer"),
    "map_width": (lambda b: cd.map_width(_with(b, (3, 3))), "grad_map"),
    "TrainingHistory": (lambda b: cd.TrainingHistory(loss=[b]), "loss"),
    "CircuitEdge": (lambda b: cd.CircuitEdge(0, np.ones((3, 3)), b, 0.0), "excitation"),
    "TopPatches": (
        lambda b: cd.TopPatches(
            np.zeros((1, 1, 2, 2)), np.array([b]), np.zeros((1, 3), dtype=np.int64)
        ),
        "values",
    ),
}


# An activation of inf is its limit (sigmoid(inf) = 1): only these give inf back.
STAYS_INFINITE = {"conv2d", "max_pool2d", "avg_pool2d", "compose_kernels", "relu", "leaky_relu"}


@pytest.mark.parametrize(
    ("name", "bad"),
    [(name, np.nan) for name in sorted(PROPAGATE)]
    + [(name, np.inf) for name in sorted(STAYS_INFINITE)],
)
def test_b_array_arithmetic_propagates_nan_and_inf(name, bad):
    out = np.asarray(PROPAGATE[name](bad))
    assert not np.isfinite(out).all(), f"{name} turned {bad} into a finite number"
    if name in ELEMENTWISE:  # elementwise: only where the NaN was
        assert np.isfinite(out[1:]).all(), f"{name}: NaN spread where it does not belong"


@pytest.mark.parametrize("bad", [np.nan, np.inf])
@pytest.mark.parametrize("name", sorted(REFUSE))
def test_b_decisions_and_measurements_refuse_nan_and_inf(name, bad):
    call, argument = REFUSE[name]
    with pytest.raises(ValueError, match=rf"^{argument}\b.*(finite|NaN)"):
        call(bad)


# --------------------------------------------------------------------------- I. warnings

BIG = 1e308


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: cd.predict(cd.tiny_cnn(seed=0), np.full((1, 1, 24, 24), BIG)), "images"),
        (
            lambda: cd.accuracy(cd.tiny_cnn(seed=0), np.full((2, 1, 24, 24), BIG), [0, 1]),
            "images",
        ),
        (
            lambda: cd.occlusion_sensitivity(cd.tiny_cnn(seed=0), np.full((1, 24, 24), BIG), 0),
            "image",
        ),
        (
            lambda: cd.empirical_receptive_field(
                cd.tiny_cnn(seed=0), (1, 24, 24), x=np.full((1, 24, 24), BIG)
            ),
            "x",
        ),
        (lambda: cd.read_circuit(cd.Conv2d(np.full((1, 1, 3, 3), BIG)), 0), "layer"),
    ],
)
def test_i_overflow_in_a_decision_is_a_clear_error_not_a_warning(call, argument):
    # run with every warning an error: a RuntimeWarning from inside fails the test
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=rf"^{argument}\b.*(NaN or infinite|overflow)"):
            call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: cd.conv2d(np.full((5, 5), BIG), np.ones((3, 3)), method="fft"),
        lambda: cd.conv2d(np.full((5, 5), 1e-308), np.full((3, 3), 1e-308)),
        lambda: cd.sigmoid_derivative(np.array([-BIG, BIG, -1000.0])),
        lambda: cd.softmax_cross_entropy(np.array([[BIG, -BIG, 0.0]]), np.array([1])),
        lambda: cd.compose_kernels(np.full((3, 3), BIG), np.full((3, 3), BIG)),
        lambda: cd.Linear(np.full((2, 3), BIG)).backward(np.full((1, 3), BIG), np.ones((1, 2))),
        lambda: cd.map_width(np.array([[5e-324], [0.0], [5e-324]])),
    ],
)
def test_i_array_arithmetic_overflows_quietly(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        call()


def test_a_float64_average_pooling_of_huge_values_is_finite():
    x = np.full((1, 2, 2), BIG)
    np.testing.assert_array_equal(cd.avg_pool2d(x, 2), np.full((1, 1, 1), BIG))
    np.testing.assert_array_equal(cd.GlobalAvgPool2d().forward(x), [BIG])
    x[0, 0, 0] = np.inf  # a true infinity stays infinite
    assert cd.avg_pool2d(x, 2).item() == np.inf


# --------------------------------------------------------------------------- C, D. files
# convdemo.site.figure_data and convdemo.site.spreadsheet belong to helper "downloads", who
# routes their writes through convdemo.site.atomic: these tests check the public functions.
# xfail (not strict) until that work is merged; then they pass and say so (XPASS).

DOWNLOADS = pytest.mark.xfail(reason="class C/D: helper 'downloads' owns this writer", strict=False)


@DOWNLOADS
def test_c_a_failed_figure_data_write_leaves_the_old_files_whole(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    import errno
    import os

    from matplotlib.figure import Figure

    from convdemo.site import atomic
    from convdemo.site.figure_data import write_figure_data

    fig = Figure()
    fig.subplots().imshow(np.arange(6.0).reshape(2, 3))
    written = write_figure_data(fig, tmp_path, "map")
    old = {path.name: path.read_bytes() for path in written}
    fig.axes[0].images[0].set_data(np.ones((2, 3)))

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_figure_data(fig, tmp_path, "map")
    monkeypatch.undo()
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == old


@DOWNLOADS
def test_d_workbook_long_name_read_only_target_and_messages(tmp_path):
    pytest.importorskip("openpyxl")
    from convdemo.site.spreadsheet import write_workbook

    long = tmp_path / ("w" * 250 + ".xlsx")
    write_workbook(long)
    assert [p.name for p in tmp_path.iterdir()] == [long.name]
    kept = tmp_path / "kept.xlsx"
    kept.write_bytes(b"mine")
    kept.chmod(0o444)
    with pytest.raises(PermissionError, match=rf"{kept}.*read-only"):
        write_workbook(kept)
    assert kept.read_bytes() == b"mine"
    missing = tmp_path / "missing" / "a.xlsx"
    with pytest.raises(OSError) as info:
        write_workbook(missing)
    assert str(missing) in str(info.value) and ".tmp" not in str(info.value)
