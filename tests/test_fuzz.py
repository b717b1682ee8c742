"""The fuzz of issue 24 (deliverable 8): arguments generated from each public signature.

Two halves, both driven by hypothesis:

- **invalid**: for every public callable (``convdemo.__all__`` and its classes' methods),
  one argument of a valid call is replaced by a bad value chosen from that parameter's
  annotation (an ``int``, an ``int | tuple[int, int]``, a ``float``, a ``str``, an
  ``ArrayLike``, a ``Stack``). The policy (docs/api.md, "What every function does with bad
  input") says which error each gets; the call must raise exactly that type, with a message
  naming the argument, under a time and memory limit, without a warning.
- **valid**: generated geometries, dtypes and values must agree with the reference loops
  (``convdemo.reference``) or a documented identity (adjoints, composition, IEEE limits,
  invariances).

``nox -s tests`` runs it with a fixed seed (derandomize) and a small budget (12 examples per
invalid case, 40 per agreement test); ``nox -s fuzz`` sets ``CONVDEMO_FUZZ_EXAMPLES`` and runs
it, with the hostile-input properties, on fresh random examples for longer.
"""

from __future__ import annotations

import inspect
import os
import re
import warnings
from collections.abc import Callable

import numpy as np
import pytest
from hostile import FOREIGN, limits
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import convdemo as cd
from convdemo.reference import conv2d_reference

EXAMPLES = int(os.environ.get("CONVDEMO_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 12,
    derandomize=not EXAMPLES,  # nox -s tests: the same examples on every run
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
VALID = settings(FUZZ, max_examples=EXAMPLES or 40)


# --------------------------------------------------------------------------- valid calls

ones = np.ones


def _stack():
    return cd.Stack([cd.Conv2d(ones((2, 1, 3, 3))), cd.ReLU(), cd.MaxPool2d(2)])


def _net():
    return cd.tiny_cnn(seed=0, channels=(2, 2), kernel_size=3)


# name -> (owner factory or None, factory of a valid call's keyword arguments)
CALLS: dict[str, tuple[Callable | None, Callable[[], dict]]] = {
    "conv2d": (None, lambda: {"x": ones((1, 6, 6)), "weight": ones((2, 1, 3, 3))}),
    "conv2d_backward": (
        None,
        lambda: {
            "x": ones((1, 6, 6)),
            "weight": ones((2, 1, 3, 3)),
            "grad_output": ones((2, 4, 4)),
        },
    ),
    "conv_output_size": (None, lambda: {"size": 7, "kernel": 3}),
    "compose_kernels": (None, lambda: {"w1": ones((3, 3)), "w2": ones((2, 2))}),
    "named_kernel": (None, lambda: {"name": cd.KERNEL_NAMES[0]}),
    "kernel_description": (None, lambda: {"name": cd.KERNEL_NAMES[0]}),
    "max_pool2d": (None, lambda: {"x": ones((4, 4)), "size": 2}),
    "avg_pool2d": (None, lambda: {"x": ones((4, 4)), "size": 2}),
    "max_pool2d_backward": (
        None,
        lambda: {"x": ones((4, 4)), "grad_output": ones((2, 2)), "size": 2},
    ),
    "avg_pool2d_backward": (
        None,
        lambda: {"x": ones((4, 4)), "grad_output": ones((2, 2)), "size": 2},
    ),
    "draw_smiley": (None, dict),
    "smiley_face_detector": (None, dict),
    "cars_and_pedestrians": (None, lambda: {"n": 2}),
    "smiley_dataset": (None, lambda: {"n": 2}),
    "Conv2d": (None, lambda: {"weight": ones((3, 3))}),
    "Linear": (None, lambda: {"weight": ones((2, 3))}),
    "LeakyReLU": (None, dict),
    "Step": (None, dict),
    "MaxPool2d": (None, lambda: {"size": 2}),
    "AvgPool2d": (None, lambda: {"size": 2}),
    "Stack": (None, lambda: {"layers": [cd.ReLU()]}),
    "receptive_field": (None, lambda: {"layers": _stack()}),
    "empirical_receptive_field": (None, lambda: {"stack": _stack(), "input_shape": (1, 8, 8)}),
    "effective_receptive_field": (None, lambda: {"depth": 2}),
    "map_width": (None, lambda: {"grad_map": ones((3, 3))}),
    "top_activating_patches": (
        None,
        lambda: {"stack": _stack(), "images": ones((2, 1, 8, 8)), "layer": 0, "channel": 0},
    ),
    "activation_maximisation": (
        None,
        lambda: {"stack": _stack(), "layer": 0, "channel": 0, "input_shape": (1, 8, 8), "steps": 2},
    ),
    "occlusion_sensitivity": (
        None,
        lambda: {"stack": _net(), "image": ones((1, 24, 24)), "target": 0},
    ),
    "read_circuit": (None, lambda: {"layer": cd.Conv2d(ones((2, 1, 3, 3))), "out_channel": 0}),
    "softmax": (None, lambda: {"logits": ones((2, 3))}),
    "softmax_cross_entropy": (None, lambda: {"logits": ones((2, 3)), "labels": np.array([0, 2])}),
    "tiny_cnn": (None, dict),
    "digits_cnn": (None, lambda: {"channels": (1, 2)}),
    "predict": (None, lambda: {"stack": _net(), "images": ones((2, 1, 24, 24))}),
    "accuracy": (
        None,
        lambda: {"stack": _net(), "images": ones((2, 1, 24, 24)), "labels": np.array([0, 1])},
    ),
    "train": (
        None,
        lambda: {
            "stack": _net(),
            "images": ones((2, 1, 24, 24)),
            "labels": np.array([0, 1]),
            "epochs": 1,
        },
    ),
    "SGD": (None, dict),
    "Adam": (None, dict),
    "ReceptiveField": (
        None,
        lambda: {"name": "Conv2d(3x3)", "size": (3, 3), "jump": (1, 1), "start": (1.0, 1.0)},
    ),
    "TopPatches": (
        None,
        lambda: {
            "patches": np.zeros((1, 1, 2, 2)),
            "values": np.zeros(1),
            "locations": np.zeros((1, 3), dtype=np.int64),
        },
    ),
    "CircuitEdge": (
        None,
        lambda: {"in_channel": 0, "weights": ones((3, 3)), "excitation": 9.0, "inhibition": 0.0},
    ),
    "TrainingHistory": (None, dict),
    "TrainedExample": (
        None,
        lambda: {
            "network": _net(),
            "history": cd.TrainingHistory(),
            "train_images": np.zeros((2, 1, 24, 24)),
            "train_labels": np.zeros(2, dtype=np.int64),
            "test_images": np.zeros((1, 1, 24, 24)),
            "test_labels": np.zeros(1, dtype=np.int64),
        },
    ),
    "trained_digits_cnn": (None, dict),
    "trained_tiny_cnn": (None, lambda: {"task": "smiley"}),
    "write_workbook": (None, lambda: {"path": __import__("io").BytesIO()}),
    "SGD.step": (cd.SGD, lambda: {"params": {"w": ones(2)}, "grads": {"w": ones(2)}}),
    "Adam.step": (cd.Adam, lambda: {"params": {"w": ones(2)}, "grads": {"w": ones(2)}}),
    "Stack.trace": (_stack, lambda: {"x": ones((1, 6, 6))}),
    "Stack.output_shapes": (_stack, lambda: {"shape": (1, 6, 6)}),
}
for _name in ("relu", "relu_derivative", "sigmoid", "sigmoid_derivative", "tanh"):
    CALLS[_name] = (None, lambda: {"x": ones(3)})
for _name in ("tanh_derivative", "leaky_relu", "leaky_relu_derivative", "step", "step_derivative"):
    CALLS[_name] = (None, lambda: {"x": ones(3)})
LAYERS = {
    "Conv2d": (lambda: cd.Conv2d(ones((3, 3))), (6, 6), (4, 4)),
    "Linear": (lambda: cd.Linear(ones((2, 3))), (1, 3), (1, 2)),
    "ReLU": (cd.ReLU, (2, 3), (2, 3)),
    "LeakyReLU": (cd.LeakyReLU, (2, 3), (2, 3)),
    "Sigmoid": (cd.Sigmoid, (2, 3), (2, 3)),
    "Tanh": (cd.Tanh, (2, 3), (2, 3)),
    "Step": (cd.Step, (2, 3), (2, 3)),
    "MaxPool2d": (lambda: cd.MaxPool2d(2), (4, 4), (2, 2)),
    "AvgPool2d": (lambda: cd.AvgPool2d(2), (4, 4), (2, 2)),
    "GlobalAvgPool2d": (cd.GlobalAvgPool2d, (1, 4, 4), (1,)),
    "Flatten": (cd.Flatten, (1, 2, 2, 2), (1, 8)),
    "Stack": (_stack, (1, 6, 6), (2, 2, 2)),
}
for _cls, (_make, _in, _out) in LAYERS.items():
    CALLS[f"{_cls}.forward"] = (_make, (lambda s: lambda: {"x": ones(s)})(_in))
    CALLS[f"{_cls}.backward"] = (
        _make,
        (lambda a, b: lambda: {"x": ones(a), "grad_output": ones(b)})(_in, _out),
    )
    CALLS[f"{_cls}.parameters"] = (_make, dict)
    CALLS[f"{_cls}.window"] = (_make, dict)
for _cls in ("Layer", "ReLU", "Sigmoid", "Tanh", "GlobalAvgPool2d", "Flatten"):
    CALLS.setdefault(_cls, (None, dict))
CALLS["Layer.parameters"] = (cd.Layer, dict)
CALLS["Layer.window"] = (cd.Layer, dict)
del _name, _cls, _make, _in, _out

NO_WINDOW = {"Flatten.window", "GlobalAvgPool2d.window", "Linear.window", "Stack.window"}
SLOW = {"trained_digits_cnn", "trained_tiny_cnn", "write_workbook"}  # trained once, or openpyxl


def public_callables() -> set[str]:
    names = set()
    for name in cd.__all__:
        obj = getattr(cd, name)
        if not callable(obj):
            continue
        names.add(name)
        if inspect.isclass(obj):
            for attr, value in inspect.getmembers(obj):
                if not attr.startswith("_") and inspect.isfunction(value):
                    names.add(f"{name}.{attr}")
    return names - {"Layer.forward", "Layer.backward"}  # abstract: NotImplementedError


def resolve(name: str, owner):
    cls, _, method = name.partition(".")
    return getattr(owner, method) if method else getattr(cd, cls)


def signature(name: str) -> inspect.Signature:
    cls, _, method = name.partition(".")
    obj = getattr(getattr(cd, cls), method) if method else getattr(cd, cls)
    return inspect.signature(obj)


def test_every_public_callable_has_a_valid_call():
    assert public_callables() <= set(CALLS), sorted(public_callables() - set(CALLS))


@pytest.mark.parametrize("name", sorted(set(CALLS) - SLOW))
def test_the_valid_calls_are_valid(name):
    make_owner, make_kwargs = CALLS[name]
    kwargs = make_kwargs()
    assert set(kwargs) <= set(signature(name).parameters)
    func = resolve(name, make_owner() if make_owner else None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if name in NO_WINDOW:  # documented: these layers have no receptive field
            with pytest.raises((TypeError, ValueError), match="receptive_field"):
                func(**kwargs)
        else:
            func(**kwargs)


# --------------------------------------------------------------------------- invalid calls

HUGE = 2**40  # beyond MAX_SIZE = 2**32
_text = st.text(min_size=1, max_size=6)
_fraction = st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: v != int(v))
_far_below = st.integers(max_value=-(10**6))  # below every range, negative layer indices too
_not_two = st.lists(st.integers(0, 5), min_size=1, max_size=4).filter(lambda v: len(v) != 2)
_int_dtypes = st.sampled_from([np.int64, np.uint8])
_int_arrays = hnp.arrays(_int_dtypes, st.sampled_from([(1,), (3,), (1, 1)]))
_small_lists = st.lists(st.integers(0, 5), min_size=1, max_size=4)
_small_shapes = hnp.array_shapes(max_dims=2, max_side=3)
# (strategy of bad values, the error the policy gives them) for each kind of annotation
BAD = {
    "int": [(_text, TypeError), (_fraction, TypeError), (st.booleans(), TypeError),
            (st.sampled_from([np.float64(2), np.float32(1)]), TypeError),
            (_int_arrays, ValueError), (_small_lists, ValueError),
            (_far_below, ValueError)],
    "int_or_pair": [(_text.filter(lambda v: v not in ("same", "valid")), TypeError),
                    (_fraction, TypeError), (st.booleans(), TypeError),
                    (_int_arrays.filter(lambda a: a.size != 2), ValueError), (_not_two, ValueError),
                    (_far_below, ValueError), (st.integers(min_value=HUGE), ValueError)],
    "float": [(_text, TypeError), (st.booleans(), TypeError),
              (st.sampled_from([np.nan, np.inf, -np.inf, np.float32("nan")]), ValueError),
              (st.complex_numbers(min_magnitude=1, allow_nan=False), TypeError)],
    "str": [(st.integers() | st.floats(allow_nan=False), TypeError),
            (st.binary(max_size=4), TypeError),
            (st.text(min_size=1, max_size=8).map(lambda v: "zz" + v), ValueError)],
    "array": [(_text, TypeError),
              (hnp.arrays(np.complex128, _small_shapes), TypeError),
              (hnp.arrays(hnp.unicode_string_dtypes(), _small_shapes), TypeError),
              (st.just([[1.0, 2.0], [3.0]]), TypeError), (st.builds(object), TypeError)],
    "stack": [(st.integers() | _text, TypeError),
              (hnp.arrays(np.float64, st.integers(1, 3)), TypeError)],
}  # fmt: skip
# Sizes whose valid values are huge-safe only below MAX_SIZE: the int kind adds HUGE.
SIZED = {"size", "kernel", "stride", "padding", "dilation", "n", "depth", "draws", "side",
         "channels", "epochs", "batch_size", "steps", "n_classes", "in_channels", "kernel_size",
         "image_size", "k", "patch", "blur_every", "channel", "out_channel", "in_channel",
         "layer", "target"}  # fmt: skip
# Parameters whose annotation says str but that take any string.
ANY_STRING = {("ReceptiveField", "name")}


def kind(name: str, parameter: inspect.Parameter) -> str | None:
    """The kind of bad values a parameter gets, from its annotation (None: not fuzzed)."""
    text = str(parameter.annotation)
    if parameter.annotation is inspect.Parameter.empty:
        text = {"x": "ArrayLike", "grad_output": "ArrayLike"}.get(parameter.name, "")
    if text in ("int", "int | None"):
        return "int"
    if text.startswith("int | tuple[int, int]") or text == "Padding":
        return "int_or_pair"
    if text in ("float", "float | None"):
        return "float"
    if text == "str" and (name.split(".")[0], parameter.name) not in ANY_STRING:
        return "str"
    if "ArrayLike" in text and "None" not in text:
        return "array"
    if text == "Stack":
        return "stack"
    return None


def fuzzable() -> list[tuple[str, str, str]]:
    cases = []
    for name in sorted(CALLS):
        if name in SLOW:
            continue
        for parameter in signature(name).parameters.values():
            if parameter.name == "self":
                continue
            k = kind(name, parameter)
            if k is not None:
                cases.append((name, parameter.name, k))
    return cases


CASES = fuzzable()


def test_the_fuzz_reaches_every_kind_of_parameter():
    kinds = {k for _, _, k in CASES}
    assert kinds == set(BAD), kinds
    assert len({name for name, _, _ in CASES}) >= 50


@pytest.mark.parametrize(("name", "parameter", "kind_"), CASES)
@FUZZ
@given(data=st.data())
def test_an_invalid_argument_gets_the_policys_error_naming_it(name, parameter, kind_, data):
    bad = list(BAD[kind_])
    if kind_ == "int" and parameter in SIZED:
        bad.append((st.integers(min_value=HUGE), ValueError))
    strategy, expected = data.draw(st.sampled_from(bad), label="kind of mistake")
    value = data.draw(strategy, label="bad value")
    if (
        isinstance(value, str)
        and str(signature(name).parameters[parameter].annotation) == "Padding"
    ):
        expected = ValueError  # padding takes strings ("same"): an unknown one is a bad value
    make_owner, make_kwargs = CALLS[name]
    owner = make_owner() if make_owner else None
    kwargs = {**make_kwargs(), parameter: value}
    func = resolve(name, owner)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with limits(seconds=10.0):
                func(**kwargs)
    except (TypeError, ValueError) as error:
        message = str(error)
        assert type(error) is expected, (
            f"{name}({parameter}={value!r}) raised {type(error).__name__}, the policy says "
            f"{expected.__name__}: {message}"
        )
        assert re.search(rf"(?<![\w.]){re.escape(parameter)}(?!\w)", message), (
            f"{name}({parameter}={value!r}): the message does not name {parameter}: {message}"
        )
        assert not any(words in message for words in FOREIGN), message
    else:
        pytest.fail(f"{name}({parameter}={value!r}) returned instead of raising")


# --------------------------------------------------------------------------- valid calls agree

finite = st.floats(-4, 4, allow_nan=False, width=32)


@st.composite
def geometries(draw):
    """A valid conv2d call: shapes, stride, padding, dilation, bias, dtype and method."""
    n, c_in, c_out = draw(st.integers(1, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    dilation = draw(st.sampled_from([1, 2, (1, 3), (2, 1)]))
    dh, dw = (dilation, dilation) if isinstance(dilation, int) else dilation
    stride = draw(st.sampled_from([1, 2, (1, 2), (3, 1)]))
    padding = draw(
        st.sampled_from([0, 1, (0, 2), "valid", "same"] if stride == 1 else [0, 1, (2, 0)])
    )
    h = draw(st.integers(dh * (kh - 1) + 1, dh * (kh - 1) + 7))
    w = draw(st.integers(dw * (kw - 1) + 1, dw * (kw - 1) + 7))
    dtype = draw(st.sampled_from([np.float64, np.float32, np.int64]))
    elements = st.integers(-3, 3) if dtype == np.int64 else finite
    x = draw(hnp.arrays(dtype, (n, c_in, h, w), elements=elements))
    weight = draw(hnp.arrays(dtype, (c_out, c_in, kh, kw), elements=elements))
    bias = draw(st.none() | hnp.arrays(np.float64, (c_out,), elements=finite))
    method = draw(st.sampled_from(["auto", "direct", "fft"]))
    if draw(st.booleans()):  # a non-contiguous, read-only view of the same numbers
        x = np.asfortranarray(x)[..., ::1]
        x.flags.writeable = False
    return x, weight, bias, {"stride": stride, "padding": padding, "dilation": dilation}, method


def tolerance(*arrays) -> float:
    single = any(np.asarray(a).dtype == np.float32 for a in arrays if a is not None)
    return 1e-4 if single else 1e-9


@VALID
@given(geometries())
def test_conv2d_agrees_with_the_reference_loops(case):
    x, weight, bias, geometry, method = case
    before = x.copy()
    out = cd.conv2d(x, weight, bias, method=method, **geometry)
    expected = conv2d_reference(x, weight, bias, **geometry)
    scale = 1 + np.abs(x).max() * np.abs(weight).sum(axis=(1, 2, 3)).max()
    np.testing.assert_allclose(out, expected, atol=tolerance(x, weight) * scale, rtol=0)
    np.testing.assert_array_equal(x, before)  # not mutated
    for axis, size in enumerate(out.shape[-2:]):
        pads = geometry["padding"]
        if isinstance(pads, str):
            continue
        p = pads if isinstance(pads, int) else pads[axis]
        s = geometry["stride"] if isinstance(geometry["stride"], int) else geometry["stride"][axis]
        d = (
            geometry["dilation"]
            if isinstance(geometry["dilation"], int)
            else geometry["dilation"][axis]
        )
        k = weight.shape[2 + axis]
        assert size == cd.conv_output_size(x.shape[2 + axis], k, stride=s, padding=p, dilation=d)


@VALID
@given(geometries(), st.data())
def test_conv2d_backward_is_the_adjoint_of_conv2d(case, data):
    x, weight, _, geometry, method = case
    x, weight = x.astype(np.float64), weight.astype(np.float64)
    out = cd.conv2d(x, weight, **geometry)
    g = data.draw(hnp.arrays(np.float64, out.shape, elements=finite), label="grad_output")
    grad_x, grad_w, grad_b = cd.conv2d_backward(x, weight, g, method=method, **geometry)
    # <conv2d(x, w), g> = <x, grad_x> = <w, grad_w>: the convolution is bilinear
    inner = float((out * g).sum())
    scale = 1 + np.abs(out).sum() * np.abs(g).max()
    assert float((x * grad_x).sum()) == pytest.approx(inner, abs=1e-8 * scale)
    assert float((weight * grad_w).sum()) == pytest.approx(inner, abs=1e-8 * scale)
    np.testing.assert_allclose(grad_b, g.sum(axis=(0, 2, 3)), atol=1e-9 * scale)


@VALID
@given(
    hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=4, min_side=2, max_side=6),
        elements=finite,
    ),
    st.integers(1, 2),
    st.integers(1, 2),
    st.data(),
)
def test_pooling_agrees_with_loops_and_avg_pool_is_a_convolution(x, size, stride, data):
    h, w = x.shape[-2:]
    assume(size <= min(h, w))
    out_max = cd.max_pool2d(x, size, stride)
    out_avg = cd.avg_pool2d(x, size, stride)
    rows, cols = (h - size) // stride + 1, (w - size) // stride + 1
    for r in range(rows):
        for c in range(cols):
            window = x[..., r * stride : r * stride + size, c * stride : c * stride + size]
            np.testing.assert_array_equal(out_max[..., r, c], window.max(axis=(-2, -1)))
            np.testing.assert_allclose(out_avg[..., r, c], window.mean(axis=(-2, -1)), atol=1e-12)
    g = data.draw(hnp.arrays(np.float64, out_avg.shape, elements=finite), label="grad_output")
    grad = cd.avg_pool2d_backward(x, g, size, stride)  # linear: the adjoint identity
    assert float((grad * x).sum()) == pytest.approx(
        float((out_avg * g).sum()), abs=1e-9 * (1 + np.abs(x).sum())
    )
    grad_max = cd.max_pool2d_backward(x, g, size, stride)
    assert float(grad_max.sum()) == pytest.approx(float(g.sum()), abs=1e-9 * (1 + np.abs(g).sum()))


ACTIVATIONS = {
    "relu": (lambda x: np.maximum(x, 0), lambda x: (x > 0) * 1.0),
    "leaky_relu": (lambda x: np.where(x > 0, x, 0.01 * x), lambda x: np.where(x > 0, 1.0, 0.01)),
    "sigmoid": (lambda x: 1 / (1 + np.exp(-x)), lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
    "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
    "step": (lambda x: (x > 0) * 1.0, lambda x: np.zeros_like(x)),
}


ANY_SHAPE = hnp.array_shapes(min_dims=0, max_dims=4, max_side=4)
SPECIAL = st.sampled_from([np.nan, np.inf, -np.inf, 0.0])


@VALID
@given(
    st.sampled_from(sorted(ACTIVATIONS)),
    hnp.arrays(
        st.sampled_from([np.float64, np.float32]),
        ANY_SHAPE,
        elements=st.floats(-30, 30, width=32) | SPECIAL,
    ),
)
def test_activations_agree_with_their_formulas(name, x):
    f, df = getattr(cd, name), getattr(cd, f"{name}_derivative")
    wide = x.astype(np.float64)
    with np.errstate(all="ignore"):
        expected, slope = ACTIVATIONS[name][0](wide), ACTIVATIONS[name][1](wide)
    expected = np.where(np.isnan(wide), np.nan, expected)  # the policy: a function of NaN is NaN
    slope = np.where(
        np.isnan(wide), np.nan, np.where(np.isinf(wide) & (name in ("sigmoid", "tanh")), 0.0, slope)
    )
    atol = 1e-6 if x.dtype == np.float32 else 1e-12
    np.testing.assert_allclose(f(x), expected, atol=atol, rtol=1e-6)
    np.testing.assert_allclose(df(x), slope, atol=atol, rtol=1e-5)
    assert f(x).dtype == x.dtype and f(x).shape == x.shape


@VALID
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 3), st.integers(1, 3), st.data())
def test_compose_kernels_is_two_convolutions_in_one(k1, k2, c_in, c_mid, data):
    w1 = data.draw(hnp.arrays(np.float64, (c_mid, c_in, k1, k1), elements=finite))
    w2 = data.draw(hnp.arrays(np.float64, (1, c_mid, k2, k2), elements=finite))
    x = data.draw(hnp.arrays(np.float64, (1, c_in, k1 + k2 + 2, k1 + k2 + 3), elements=finite))
    two = cd.conv2d(cd.conv2d(x, w1), w2)
    one = cd.conv2d(x, cd.compose_kernels(w1, w2))
    np.testing.assert_allclose(one, two, atol=1e-9 * (1 + np.abs(two).max()))


@VALID
@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=6), elements=finite),
    st.floats(-50, 50),
)
def test_softmax_sums_to_one_and_ignores_a_shift(logits, shift):
    p = cd.softmax(logits)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, atol=1e-12)
    np.testing.assert_allclose(cd.softmax(logits + shift), p, atol=1e-12)
    labels = np.zeros(len(logits), dtype=np.int64)
    loss, grad = cd.softmax_cross_entropy(logits, labels)
    assert loss == pytest.approx(float(-np.log(p[:, 0]).mean()), rel=1e-9, abs=1e-12)
    np.testing.assert_allclose(grad.sum(axis=-1), 0.0, atol=1e-12)


@VALID
@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 9), st.integers(1, 5)),
                  elements=st.floats(0, 10, width=32).map(lambda v: v if v > 1e-6 else 0.0)),
       st.integers(0, 4), st.sampled_from([1e-280, 1.0, 1e280]))  # fmt: skip
def test_map_width_ignores_shifts_and_scales(grad_map, shift, scale):
    assume(grad_map.any())
    width = cd.map_width(grad_map)
    shifted = np.vstack([np.zeros((shift, grad_map.shape[1])), grad_map])
    assert cd.map_width(shifted) == pytest.approx(width, abs=1e-9)
    assert cd.map_width(grad_map * scale) == pytest.approx(width, rel=1e-9, abs=1e-12)


@VALID
@given(
    st.lists(
        st.tuples(st.sampled_from([1, 2, 3]), st.integers(1, 2), st.integers(1, 3)),
        min_size=1,
        max_size=3,
    ),
    st.integers(0, 3),
)
def test_the_measured_field_is_the_analytic_one(layers, extra):
    stack = [cd.Conv2d(ones((k, k)), stride=s, dilation=d) for k, s, d in layers]
    size = cd.receptive_field(stack)[-1].size
    grad = cd.empirical_receptive_field(stack, (size[0] + extra, size[1] + extra), unit=None)
    rows, cols = np.nonzero(grad)
    if len(rows):
        assert (rows.max() - rows.min() + 1, cols.max() - cols.min() + 1) == size


@VALID
@given(st.integers(0, 2**40), st.sampled_from(["tiny_cnn", "digits_cnn", "data"]))
def test_a_seed_gives_the_same_result_every_time(seed, what):
    if what == "data":
        a, b = cd.smiley_dataset(3, seed=seed), cd.smiley_dataset(3, seed=seed)
        np.testing.assert_array_equal(a[0], b[0])
        return
    make = getattr(cd, what)
    first = make(seed=seed, channels=(1, 2)).parameters()
    second = make(seed=seed, channels=(1, 2)).parameters()
    for key in first:
        np.testing.assert_array_equal(first[key], second[key])


@VALID
@given(hnp.arrays(np.float64, st.integers(1, 4), elements=finite),
       hnp.arrays(np.float64, st.integers(1, 4), elements=finite), st.floats(0, 1))  # fmt: skip
def test_sgd_without_momentum_is_one_subtraction(p, g, lr):
    assume(p.shape == g.shape)
    params = {"w": p.copy()}
    cd.SGD(lr=lr, momentum=0.0).step(params, {"w": g})
    np.testing.assert_array_equal(params["w"], p - lr * g)
