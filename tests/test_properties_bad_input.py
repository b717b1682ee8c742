"""Every public callable answers hostile input with a clear ValueError or TypeError.

Hypothesis feeds each name of ``convdemo.__all__`` (and every public method of its classes)
calls that start near-valid and have one or two arguments replaced by arbitrary objects,
shapes and values. Each call runs under a time limit and a memory limit with every warning
an error (tests/hostile.py). It must return, or raise a plain ``ValueError``/``TypeError``
whose message names one of the caller's parameters; an error must leave an optimizer and
a network as they were. The registry :data:`SPECS` says how each callable is called; a test
checks that it covers the whole public API.
"""

from __future__ import annotations

import inspect
import io
import os
from dataclasses import dataclass, field

import numpy as np
import pytest
from hostile import answer, arrays, float_arrays, hostile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import convdemo as cd

FUZZ_EXAMPLES = int(os.environ.get("CONVDEMO_FUZZ_EXAMPLES", "0"))  # nox -s fuzz: longer
CHEAP = settings(
    max_examples=FUZZ_EXAMPLES or 20,
    deadline=None,  # each call has its own limit (hostile.limits)
    derandomize=not FUZZ_EXAMPLES,  # the same examples on every run: CI is reproducible
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NOT_CALLABLE = {"CAR_PEDESTRIAN_CLASSES", "KERNEL_NAMES", "SMILEY_ARRANGEMENTS", "TRAINED_TASKS"}
NOT_CALLABLE |= {"EFFECTIVE_FIELD_WEIGHTS"}
# The abstract methods of the base class: NotImplementedError is their documented answer.
ABSTRACT = {"Layer.forward", "Layer.backward"}


# --------------------------------------------------------------------------- near-valid values


def one_of_values(*values):
    return st.sampled_from(values)


def fresh(*factories):
    """A new object per example (networks and optimizers change when used)."""
    return st.sampled_from(factories).map(lambda make: make())


small = st.integers(0, 3)
maps = st.one_of(
    float_arrays(min_dims=2, max_dims=4, max_side=6, finite=True),
    float_arrays(min_dims=2, max_dims=4, max_side=6),
    float_arrays(min_dims=2, max_dims=4, max_side=5, dtype=np.float32),
)
kernels = st.one_of(
    float_arrays(min_dims=2, max_dims=2, max_side=3, min_side=1, finite=True),
    float_arrays(min_dims=4, max_dims=4, max_side=3, finite=True),
    float_arrays(min_dims=2, max_dims=4, max_side=3),
)
biases = st.one_of(st.none(), float_arrays(min_dims=0, max_dims=1, max_side=3))
strides = one_of_values(1, 2, (1, 2), (2, 1))
paddings = one_of_values(0, 1, (1, 2), "same", "valid", 10**6)
dilations = one_of_values(1, 2, (1, 3), 10**6)
methods = one_of_values("auto", "direct", "fft")
batches = st.one_of(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(0, 3), one_of_values(1, 2), st.integers(3, 12), st.integers(3, 12)),
        elements=st.floats(-2, 2),
    ),
    float_arrays(min_dims=3, max_dims=5, max_side=5),
)
images3 = st.one_of(
    hnp.arrays(np.float64, st.tuples(one_of_values(1, 2), st.integers(3, 12), st.integers(3, 12))),
    float_arrays(min_dims=2, max_dims=4, max_side=5),
)
labels = st.one_of(
    hnp.arrays(
        st.sampled_from([np.int64, np.int8, np.uint8]),
        st.tuples(st.integers(0, 3)),
        elements=st.integers(0, 3),
    ),
    hnp.arrays(np.float64, st.tuples(st.integers(0, 3)), elements=st.integers(0, 3)),
    hnp.arrays(np.int64, st.tuples(st.integers(0, 3)), elements=st.integers(-3, 5)),
)


def stack_factories():
    ones = np.ones
    return (
        lambda: cd.tiny_cnn(seed=0, channels=(2, 2), kernel_size=3),
        lambda: cd.tiny_cnn(seed=1, in_channels=2, channels=(1, 2), n_classes=3),
        cd.smiley_face_detector,
        lambda: cd.Stack([cd.Conv2d(ones((2, 1, 3, 3))), cd.ReLU(), cd.MaxPool2d(2)]),
        lambda: cd.Stack([cd.Conv2d(ones((3, 3)), padding=1), cd.Step()]),
        lambda: cd.Stack([cd.ReLU()]),
        lambda: cd.Stack(
            [cd.Conv2d(ones((3, 1, 3, 3))), cd.GlobalAvgPool2d(), cd.Linear(ones((2, 3)))]
        ),
        lambda: cd.Stack([cd.Conv2d(ones((1, 1, 3, 3)), padding=10**6, dilation=10**6)]),
        lambda: cd.Stack([cd.Stack([cd.Conv2d(ones((2, 1, 2, 2))), cd.Tanh()]), cd.AvgPool2d(2)]),
    )


stacks = fresh(*stack_factories())


def layer_factories():
    ones = np.ones
    return {
        "Conv2d": (
            lambda: cd.Conv2d(ones((3, 3))),
            lambda: cd.Conv2d(ones((2, 1, 3, 3)), np.zeros(2), padding=1),
            lambda: cd.Conv2d(ones((1, 2, 2, 2)), stride=2, dilation=2, method="fft"),
            lambda: cd.Conv2d(ones((3, 3)), padding=10**6, dilation=10**6),
        ),
        "Linear": (lambda: cd.Linear(ones((2, 3))), lambda: cd.Linear(ones((1, 4)), np.zeros(1))),
        "ReLU": (cd.ReLU,),
        "LeakyReLU": (lambda: cd.LeakyReLU(0.1),),
        "Sigmoid": (cd.Sigmoid,),
        "Tanh": (cd.Tanh,),
        "Step": (lambda: cd.Step(0.5),),
        "MaxPool2d": (lambda: cd.MaxPool2d(2), lambda: cd.MaxPool2d((1, 3), stride=2)),
        "AvgPool2d": (lambda: cd.AvgPool2d(2), lambda: cd.AvgPool2d(3, stride=1)),
        "GlobalAvgPool2d": (cd.GlobalAvgPool2d,),
        "Flatten": (cd.Flatten,),
        "Layer": (cd.Layer,),
        "Stack": stack_factories(),
    }


LAYERS = layer_factories()
layers = fresh(*(make for makes in LAYERS.values() for make in makes))
optimizers = fresh(cd.SGD, lambda: cd.Adam(lr=0.1), lambda: cd.SGD(lr=0.0, momentum=0.0))


def params_and_grads():
    shapes = st.lists(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3), min_size=0, max_size=2)
    return shapes.map(
        lambda ss: (
            {f"p{i}": np.ones(s) for i, s in enumerate(ss)},
            {f"p{i}": np.full(s, 0.5) for i, s in enumerate(ss)},
        )
    )


# --------------------------------------------------------------------------- the registry


@dataclass
class Spec:
    """How to call one public callable: near-valid values for each argument.

    ``work`` arguments set how long a valid call runs (steps, epochs): their hostile
    values are never large positive integers, which would be a long but valid request.
    ``owner`` builds the instance for a method; ``keep`` names the arguments whose state
    an error must leave unchanged.
    """

    params: dict[str, st.SearchStrategy] = field(default_factory=dict)
    owner: st.SearchStrategy | None = None
    work: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    seconds: float = 2.0


LAYER_CONTEXT = (r"layers\[\d+\]",)
OBSERVED: dict[str, set[str]] = {}  # name -> the exception types the property tests saw
SPECS: dict[str, Spec] = {
    # conv
    "conv2d": Spec(
        {
            "x": maps,
            "weight": kernels,
            "bias": biases,
            "stride": strides,
            "padding": paddings,
            "dilation": dilations,
            "method": methods,
        }
    ),
    "conv2d_backward": Spec(
        {
            "x": maps,
            "weight": kernels,
            "grad_output": maps,
            "stride": strides,
            "padding": paddings,
            "dilation": dilations,
            "method": methods,
        }
    ),
    "conv_output_size": Spec(
        {
            "size": st.integers(1, 9),
            "kernel": st.integers(1, 5),
            "stride": st.integers(1, 3),
            "padding": st.integers(0, 3),
            "dilation": st.integers(1, 3),
        }
    ),
    "compose_kernels": Spec({"w1": kernels, "w2": kernels}),
    "named_kernel": Spec({"name": st.sampled_from([*cd.KERNEL_NAMES, "nope"])}),
    "kernel_description": Spec({"name": st.sampled_from([*cd.KERNEL_NAMES, "nope"])}),
    # pooling
    **{
        name: Spec(
            {
                "x": maps,
                "size": one_of_values(1, 2, (1, 2), 3),
                "stride": one_of_values(None, 1, 2, (2, 1)),
            }
        )
        for name in ("max_pool2d", "avg_pool2d")
    },
    **{
        name: Spec(
            {
                "x": maps,
                "grad_output": maps,
                "size": one_of_values(1, 2, (1, 2)),
                "stride": one_of_values(None, 1, 2),
            }
        )
        for name in ("max_pool2d_backward", "avg_pool2d_backward")
    },
    # synthetic
    "draw_smiley": Spec(
        {
            "arrangement": st.sampled_from([*cd.SMILEY_ARRANGEMENTS, "nose"]),
            "shape": one_of_values((7, 5), (9, 9), 13, (8, 6)),
            "centre": one_of_values(None, (3, 2), (4, 4), (0, 0)),
        }
    ),
    "smiley_face_detector": Spec(),
    "cars_and_pedestrians": Spec(
        {
            "n": st.integers(1, 4),
            "size": one_of_values(16, 20),
            "seed": small,
            "noise": one_of_values(0.0, 0.1),
        }
    ),
    "smiley_dataset": Spec(
        {
            "n": st.integers(1, 4),
            "size": one_of_values(9, 12),
            "seed": small,
            "noise": one_of_values(0.0, 0.1),
        }
    ),
    # layers as callables (their constructors)
    "Conv2d": Spec(
        {
            "weight": kernels,
            "bias": biases,
            "stride": strides,
            "padding": paddings,
            "dilation": dilations,
            "method": methods,
        }
    ),
    "Linear": Spec({"weight": float_arrays(2, 2, 3), "bias": biases}),
    "LeakyReLU": Spec({"negative_slope": one_of_values(0.01, 0.5)}),
    "Step": Spec({"threshold": one_of_values(0.0, 1.0)}),
    "MaxPool2d": Spec({"size": one_of_values(2, (1, 2)), "stride": one_of_values(None, 1)}),
    "AvgPool2d": Spec({"size": one_of_values(2, (1, 2)), "stride": one_of_values(None, 1)}),
    "ReLU": Spec(),
    "Sigmoid": Spec(),
    "Tanh": Spec(),
    "GlobalAvgPool2d": Spec(),
    "Flatten": Spec(),
    "Layer": Spec(),
    "Stack": Spec({"layers": st.lists(layers, max_size=4)}, also=LAYER_CONTEXT),
    # receptive fields
    "receptive_field": Spec(
        {"layers": st.one_of(stacks, st.lists(layers, max_size=3))}, also=LAYER_CONTEXT
    ),
    "empirical_receptive_field": Spec(
        {
            "stack": st.one_of(stacks, st.lists(layers, min_size=1, max_size=2)),
            "input_shape": one_of_values((9, 9), (1, 9, 9), (2, 9, 9), (1, 3, 3)),
            "unit": one_of_values(None, (0, 0), (0, 1, 1), (5, 5)),
            "x": one_of_values(None, np.ones((9, 9)), np.ones((1, 9, 9))),
        },
        also=LAYER_CONTEXT,
    ),
    "effective_receptive_field": Spec(
        {
            "depth": one_of_values(1, 2),
            "weights": one_of_values("all ones", "random positive", "random sign"),
            "draws": one_of_values(1, 2),
            "side": one_of_values(None, 5, 7),
            "channels": one_of_values(1, 2),
        },
        work=("depth", "draws", "side", "channels"),
    ),
    "map_width": Spec({"grad_map": one_of_values(np.ones((3, 3)), [[0.0, 1.0]])}),
    # interpretation
    "top_activating_patches": Spec(
        {
            "stack": stacks,
            "images": batches,
            "layer": one_of_values(-1, 0, 1, 2, 5),
            "channel": small,
            "k": one_of_values(1, 2, 9),
        }
    ),
    "activation_maximisation": Spec(
        {
            "stack": stacks,
            "layer": one_of_values(-1, 0, 1),
            "channel": small,
            "input_shape": one_of_values((1, 8, 8), (1, 12, 12), (2, 8, 8)),
            "steps": one_of_values(1, 2),
            "lr": one_of_values(0.05, 1.0),
            "weight_decay": one_of_values(0.0, 1e-3),
            "blur_every": one_of_values(0, 1),
            "seed": small,
        },
        work=("steps",),
    ),
    "occlusion_sensitivity": Spec(
        {
            "stack": stacks,
            "image": images3,
            "target": small,
            "layer": one_of_values(-1, 0, 1),
            "patch": one_of_values(1, 2, 4, 20),
            "stride": one_of_values(1, 2, 4),
            "fill": one_of_values(None, 0.0, 1e308),
        }
    ),
    "read_circuit": Spec({"layer": layers, "out_channel": small}),
    # training
    "softmax": Spec({"logits": float_arrays(1, 2, 4)}),
    "softmax_cross_entropy": Spec({"logits": float_arrays(2, 2, 4), "labels": labels}),
    "tiny_cnn": Spec(
        {
            "in_channels": one_of_values(1, 2),
            "channels": one_of_values((2, 2), (1, 3)),
            "n_classes": one_of_values(2, 3),
            "kernel_size": one_of_values(3, 5),
            "seed": small,
        }
    ),
    "predict": Spec({"stack": stacks, "images": batches, "batch_size": one_of_values(1, 2, 256)}),
    "accuracy": Spec({"stack": stacks, "images": batches, "labels": labels}),
    "train": Spec(
        {
            "stack": stacks,
            "images": batches,
            "labels": labels,
            "epochs": one_of_values(1),
            "batch_size": one_of_values(1, 2, 32),
            "optimizer": st.one_of(st.none(), optimizers),
            "seed": small,
            "test": st.one_of(st.none(), st.tuples(batches, labels)),
        },
        work=("epochs",),
        keep=("stack", "optimizer"),
    ),
    "digits_cnn": Spec(
        {
            "channels": one_of_values((8, 16), (1, 2)),
            "kernel_size": one_of_values(3, 5),
            "image_size": one_of_values(12, 28),
            "n_classes": one_of_values(2, 10),
            "seed": small,
        }
    ),
    # takes nothing; trains the digits network once per process (the docs build's work)
    "trained_digits_cnn": Spec(seconds=120.0),
    # a valid task trains the network once per process (a few seconds)
    "trained_tiny_cnn": Spec({"task": one_of_values("dogs", "Smiley", None, 3)}, seconds=120.0),
    "SGD": Spec({"lr": one_of_values(0.1, 0.0), "momentum": one_of_values(0.0, 0.9)}),
    "Adam": Spec(
        {
            "lr": one_of_values(0.01),
            "beta1": one_of_values(0.9, 0.0),
            "beta2": one_of_values(0.999),
            "eps": one_of_values(1e-8, 0.0),
        }
    ),
    # records
    "ReceptiveField": Spec(
        {
            "name": one_of_values("Conv2d(3x3)"),
            "size": one_of_values((3, 3), (1, 5)),
            "jump": one_of_values((1, 1), (2, 2)),
            "start": one_of_values((1.0, 1.0), (-0.5, 0.0)),
        }
    ),
    "TopPatches": Spec(
        {
            "patches": one_of_values(np.zeros((2, 1, 3, 3)), np.zeros((1, 1, 2, 2))),
            "values": one_of_values(np.zeros(2), np.zeros(1)),
            "locations": one_of_values(
                np.zeros((2, 3), dtype=np.int64), np.zeros((1, 3), dtype=np.int64)
            ),
        }
    ),
    "CircuitEdge": Spec(
        {
            "in_channel": small,
            "weights": one_of_values(np.ones((3, 3)), np.zeros((2, 2))),
            "excitation": one_of_values(9.0, 0.0),
            "inhibition": one_of_values(0.0, -1.0),
        }
    ),
    "TrainingHistory": Spec(
        {
            "loss": one_of_values([], [0.5, 0.25]),
            "train_accuracy": one_of_values([], [0.5, 1.0]),
            "test_accuracy": one_of_values([], [1.0]),
        }
    ),
    "TrainedExample": Spec(
        {
            "network": stacks,
            "history": st.just(None).map(lambda _: cd.TrainingHistory()),
            "train_images": one_of_values(np.zeros((2, 1, 9, 9))),
            "train_labels": one_of_values(np.zeros(2, dtype=np.int64)),
            "test_images": one_of_values(np.zeros((1, 1, 9, 9))),
            "test_labels": one_of_values(np.zeros(1, dtype=np.int64)),
        }
    ),
    "write_workbook": Spec(
        {
            "path": st.just(None).map(lambda _: io.BytesIO()),
            "image": one_of_values(
                None, np.eye(9), np.ones((1, 9, 9)), np.ones((2, 7, 7)), np.ones((65, 65))
            ),
            "layer1_weight": one_of_values(None, np.ones((2, 1, 3, 3)), np.ones((1, 1, 2, 2))),
            "layer1_bias": one_of_values(None, np.zeros(2), np.zeros(1)),
            "layer2_weight": one_of_values(None, np.ones((1, 2, 3, 3)), np.ones((1, 1, 2, 2))),
            "layer2_bias": one_of_values(None, np.zeros(1)),
            "layer1_padding": one_of_values(0, 1, (1, 0)),
            "layer2_padding": one_of_values(0, 1),
        },
        seconds=10.0,
    ),
}
for _name in (
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
):
    SPECS[_name] = Spec({"x": st.one_of(arrays, maps)})
for _name in ("leaky_relu", "leaky_relu_derivative"):
    SPECS[_name] = Spec(
        {"x": st.one_of(arrays, maps), "negative_slope": one_of_values(0.01, 2.0, 1e300)}
    )
for _name in ("step", "step_derivative"):
    SPECS[_name] = Spec(
        {"x": st.one_of(arrays, maps), "threshold": one_of_values(0.0, 1.0, -1e300)}
    )

# Methods: "Class.method" for every class that has it.
for _cls, _makes in LAYERS.items():
    _owner = fresh(*_makes)
    also = LAYER_CONTEXT if _cls == "Stack" else ()
    if _cls != "Layer":  # the base class's forward and backward are abstract
        SPECS[f"{_cls}.forward"] = Spec({"x": st.one_of(maps, batches)}, owner=_owner, also=also)
        SPECS[f"{_cls}.backward"] = Spec(
            {"x": st.one_of(maps, batches), "grad_output": st.one_of(maps, batches)},
            owner=_owner,
            also=also,
        )
    SPECS[f"{_cls}.parameters"] = Spec(owner=_owner)
    SPECS[f"{_cls}.window"] = Spec(owner=_owner)
SPECS["Stack.trace"] = Spec({"x": st.one_of(maps, batches)}, owner=stacks, also=LAYER_CONTEXT)
SPECS["Stack.output_shapes"] = Spec(
    {"shape": st.one_of(maps, batches).map(np.shape)}, owner=stacks, also=LAYER_CONTEXT
)
SPECS["Stack.backward"].params["trace"] = st.one_of(
    st.none(), st.lists(st.one_of(maps, batches), max_size=4)
)
for _cls, _make in (("SGD", cd.SGD), ("Adam", cd.Adam)):
    SPECS[f"{_cls}.step"] = Spec(
        {"pair": params_and_grads()}, owner=fresh(_make), keep=("params", "self")
    )
del _cls, _makes, _owner, _name, _make


# --------------------------------------------------------------------------- running a spec


def _callable(name: str, owner):
    if "." not in name:
        return getattr(cd, name)
    return getattr(owner, name.split(".")[1])


def _hostile_for(spec: Spec, name: str) -> st.SearchStrategy:
    if name in spec.work:  # never a long but valid request
        return hostile.filter(lambda v: not (isinstance(v, int | np.integer) and v > 3))
    return hostile


def _snapshot(value):
    """What an error must leave as it was: a network's weights, an optimizer's state,
    the arrays of a dict (None: nothing to compare)."""
    if isinstance(value, cd.Stack):
        return _snapshot(value.parameters())
    if isinstance(value, cd.SGD | cd.Adam):
        return _snapshot(vars(value))
    if isinstance(value, dict):
        return {k: _snapshot(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):  # (a huge broadcast view is not the caller's state)
        return value.copy() if value.size <= 10**6 else None
    if isinstance(value, int | float | str):
        return value
    return None


def _same(a, b) -> bool:
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray):
        return (
            isinstance(b, np.ndarray)
            and a.shape == b.shape
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
    if isinstance(a, float):
        return isinstance(b, float) and (a == b or (a != a and b != b))
    return a is None or a == b


def run(name: str, data) -> object:
    spec = SPECS[name]
    owner = data.draw(spec.owner, label="instance") if spec.owner is not None else None
    kwargs = {key: data.draw(strategy, label=key) for key, strategy in spec.params.items()}
    if kwargs:
        broken = data.draw(st.sets(st.sampled_from(sorted(kwargs)), max_size=2), label="hostile")
        for key in broken:
            kwargs[key] = data.draw(_hostile_for(spec, key), label=f"hostile {key}")
    if "pair" in kwargs:  # optimizer steps: params and grads drawn together
        pair = kwargs.pop("pair")
        kwargs["params"], kwargs["grads"] = (
            pair if isinstance(pair, tuple) and len(pair) == 2 else (pair, pair)
        )
    func = _callable(name, owner)
    kept = {
        key: _snapshot(kwargs[key])
        for key in spec.keep
        if key in kwargs and kwargs[key] is not None
    }
    if "self" in spec.keep:
        kept["self"] = _snapshot(owner)
    result = answer(name, func, kwargs, also=spec.also, seconds=spec.seconds)
    if isinstance(result, TypeError | ValueError):
        OBSERVED.setdefault(name, set()).add(type(result).__name__)
        for key, before in kept.items():
            after = _snapshot(owner if key == "self" else kwargs[key])
            assert _same(before, after), f"{name} changed {key} before refusing: {result}"
    return result


@pytest.mark.parametrize("name", sorted(n for n in SPECS if n not in ("write_workbook",)))
@CHEAP
@given(data=st.data())
def test_bad_input_gets_a_clear_error(name, data):
    run(name, data)


@settings(
    CHEAP, max_examples=FUZZ_EXAMPLES // 4 or 8
)  # openpyxl is slow: fewer, and a longer time limit
@given(data=st.data())
def test_write_workbook_bad_input_gets_a_clear_error(data):
    pytest.importorskip("openpyxl")
    run("write_workbook", data)


# --------------------------------------------------------------------------- coverage


def public_callables() -> set[str]:
    """Every callable of ``convdemo.__all__`` and every public method of its classes."""
    names = set()
    for name in cd.__all__:
        obj = getattr(cd, name)
        if name == "__version__" or name in NOT_CALLABLE:
            assert not callable(obj), name
            continue
        names.add(name)
        if inspect.isclass(obj):
            for attr, value in inspect.getmembers(obj):
                if not attr.startswith("_") and inspect.isfunction(value):
                    names.add(f"{name}.{attr}")
    return names


def test_the_property_tests_cover_the_whole_public_api():
    missing = public_callables() - set(SPECS) - ABSTRACT
    assert not missing, f"no property test calls {sorted(missing)}"
    unknown = set(SPECS) - public_callables()
    assert not unknown, f"SPECS names what is not public: {sorted(unknown)}"


def test_the_specs_name_the_real_parameters():
    for name, spec in SPECS.items():
        cls, _, method = name.partition(".")
        func = getattr(getattr(cd, cls), method) if method else getattr(cd, cls)
        real = {p for p in inspect.signature(func).parameters if p != "self"}
        drawn = set(spec.params) - {"pair"} | (
            {"params", "grads"} if "pair" in spec.params else set()
        )
        assert drawn == real, (
            f"{name}: the spec draws {sorted(drawn)}, the signature has {sorted(real)}"
        )


# --------------------------------------------------------------------------- docstrings

# Callables that take nothing that can be wrong: their docstrings need no Raises section.
NEVER_RAISES = {"smiley_face_detector", "Layer", "ReLU", "Sigmoid", "Tanh", "GlobalAvgPool2d"}
NEVER_RAISES |= {"Flatten", "trained_digits_cnn"}
NEVER_RAISES |= {name for name in SPECS if name.endswith(".parameters")}
NEVER_RAISES |= {
    f"{cls}.window"
    for cls in (
        "Layer",
        "ReLU",
        "LeakyReLU",
        "Sigmoid",
        "Tanh",
        "Step",
        "MaxPool2d",
        "AvgPool2d",
        "Conv2d",
    )
}


def documented_errors(doc: str) -> set[str]:
    """The exception names of a numpydoc docstring's Raises section."""
    lines = doc.splitlines()
    names: set[str] = set()
    for index, line in enumerate(lines[:-1]):
        if line == "Raises" and set(lines[index + 1]) == {"-"}:
            for entry in lines[index + 2 :]:
                if entry and not entry.startswith(" "):
                    if entry.endswith("----") or entry in ("Examples", "See Also", "Notes"):
                        break
                    names |= {part.strip() for part in entry.split(",")}
    return names


def _resolve(name: str):
    cls, _, method = name.partition(".")
    return getattr(getattr(cd, cls), method) if method else getattr(cd, cls)


@pytest.mark.parametrize("name", sorted(public_callables() - ABSTRACT))
def test_public_docstrings_list_their_errors(name):
    listed = documented_errors(inspect.getdoc(_resolve(name)) or "")
    observed = OBSERVED.get(name, set())  # what the property tests above saw it raise
    if name in NEVER_RAISES:
        assert not observed, f"{name} raised {observed}: it needs a Raises section"
        return
    assert listed & {"TypeError", "ValueError"}, f"{name}'s docstring has no Raises section"
    assert observed <= listed, f"{name} raised {sorted(observed - listed)}, not in its Raises"


def test_documented_errors_reads_a_raises_section():
    doc = inspect.getdoc(cd.conv2d)
    assert documented_errors(doc) == {"TypeError", "ValueError"}
    assert documented_errors(inspect.getdoc(cd.write_workbook)) == {
        "ImportError",
        "TypeError",
        "ValueError",
        "OSError",
    }
    assert documented_errors("Summary.\n\nReturns\n-------\nint\n") == set()
