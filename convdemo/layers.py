"""Layers that stack: convolution, activations, pooling, and :class:`Stack`.

Layers are plain objects with ``forward(x)`` and ``backward(x, grad_output)``;
``backward`` takes the same ``x`` the forward pass saw and returns the gradient
for ``x`` together with a dict of parameter gradients (empty for layers without
parameters). :class:`Stack` chains them and keeps every intermediate feature map
(:meth:`Stack.trace`) so that examples can draw each one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

import numpy as np

from . import activations as act
from . import pooling
from ._checks import (
    as_data_array,
    as_int,
    as_int_pair,
    check_elements,
    describe,
    float_dtype_for,
    ieee,
    in_context,
    mean_of_windows,
)
from ._docstrings import with_shared_text
from .conv import Method, conv2d, conv2d_backward
from .geometry import Padding, conv_geometry, parse_padding, pooled_shape

__all__ = [
    "AvgPool2d",
    "Conv2d",
    "Flatten",
    "GlobalAvgPool2d",
    "Layer",
    "LeakyReLU",
    "Linear",
    "MaxPool2d",
    "ReLU",
    "Sigmoid",
    "Stack",
    "Step",
    "Tanh",
]

Pair = tuple[int, int]


class Layer:
    """Base class: one step of a :class:`Stack`.

    Subclasses implement :meth:`forward` and :meth:`backward`; layers that move
    the sampling grid (convolution, pooling) also describe their window through
    :meth:`window`, which :func:`convdemo.receptive_field` reads.
    """

    def forward(self, x: np.typing.ArrayLike) -> np.ndarray:  # pragma: no cover - abstract
        """Output of the layer for input ``x``."""
        raise NotImplementedError

    def backward(
        self, x: np.typing.ArrayLike, grad_output: np.typing.ArrayLike
    ) -> tuple[np.ndarray, dict[str, np.ndarray]]:  # pragma: no cover - abstract
        """Gradient for ``x`` and for each parameter, given the gradient at the output."""
        raise NotImplementedError

    def parameters(self) -> dict[str, np.ndarray]:
        """The layer's trainable arrays by name (empty if it has none)."""
        return {}

    def _output_shape(self, shape: tuple[int, ...]) -> tuple[int, ...] | None:
        """The output's shape for an input of ``shape``, checked as :meth:`forward` checks
        its input but without computing anything; None if unknown (a layer of your own)."""
        return None

    def window(self) -> tuple[Pair, Pair, Pair, Pair]:
        """``(kernel, stride, padding_before, dilation)``, each a (rows, cols) pair.

        A pointwise layer (an activation) is a 1x1 window with stride 1.
        """
        return (1, 1), (1, 1), (0, 0), (1, 1)

    @property
    def name(self) -> str:
        """Short description used in tables and figure titles."""
        return type(self).__name__ + "()"

    def __repr__(self) -> str:
        return self.name

    def __call__(self, x: np.typing.ArrayLike) -> np.ndarray:
        return self.forward(x)


@with_shared_text
class Conv2d(Layer):
    """A convolution layer holding its weight (and bias).

    Parameters
    ----------
    weight : array_like
        ``(C_out, C_in, kh, kw)``, or ``(kh, kw)`` for single-channel 2-D inputs.
    bias : array_like, optional
        ``(C_out,)`` (a scalar for a 2-D weight).
    {{conv_stride_padding_dilation}}
    method : {"auto", "direct", "fft"}, default "auto"
        How :func:`convdemo.conv2d` computes the forward and backward passes
        ("direct" gives exact sums for integer-valued data at any size).

    Raises
    ------
    TypeError
        If ``weight`` or ``bias`` is not a real numeric array, ``stride``, ``padding`` or
        ``dilation`` not an int or a pair of ints (or a padding string), or ``method`` not a
        string.
    ValueError
        If ``weight`` is not 2-D or 4-D or is empty, ``bias`` does not have one number per
        output channel, ``stride`` or ``dilation`` is below 1, ``padding`` negative or an
        unknown string (``"same"`` with a stride), or ``method`` unknown.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Conv2d(np.ones((2, 2)), stride=2)
    >>> layer.forward(np.arange(16.0).reshape(4, 4))
    array([[10., 18.],
           [42., 50.]])
    >>> layer
    Conv2d(2x2, stride=2)
    """

    def __init__(
        self,
        weight: np.typing.ArrayLike,
        bias: np.typing.ArrayLike | None = None,
        stride: int | tuple[int, int] = 1,
        padding: Padding = 0,
        dilation: int | tuple[int, int] = 1,
        *,
        method: Method = "auto",
    ) -> None:
        w = as_data_array(weight, "weight", (2, 4))
        if w.size == 0:
            raise ValueError(f"weight must not be empty, got shape {w.shape}")
        self.weight = np.array(w, dtype=float_dtype_for(w))
        self.bias = None
        if bias is not None:
            b = as_data_array(bias, "bias", (0, 1))
            c_out = self.weight.shape[0] if self.weight.ndim == 4 else 1
            if b.size != c_out or (self.weight.ndim == 4 and b.shape != (c_out,)):
                raise ValueError(
                    f"bias must have shape ({c_out},) to match weight shape {self.weight.shape}, "
                    f"got {b.shape}"
                )
            self.bias = np.array(b, dtype=self.weight.dtype).reshape(
                (c_out,) if self.weight.ndim == 4 else ()
            )
        self.stride = as_int_pair(stride, "stride", minimum=1)
        self.dilation = as_int_pair(dilation, "dilation", minimum=1)
        self._padding = padding
        kernel = self.weight.shape[-2:]
        self._pads = parse_padding(padding, kernel, self.dilation, self.stride)
        if not isinstance(method, str):
            raise TypeError(f"method must be 'auto', 'direct' or 'fft', got {describe(method)}")
        if method not in ("auto", "direct", "fft"):
            raise ValueError(f"method must be 'auto', 'direct' or 'fft', got {method!r}")
        self.method = method

    @property
    def padding(self) -> Padding:
        """The padding as given (int, pair, ``"valid"`` or ``"same"``)."""
        return self._padding

    def _kwargs(self) -> dict:
        return {
            "stride": self.stride,
            "padding": self._padding,
            "dilation": self.dilation,
            "method": self.method,
        }

    def forward(self, x: np.typing.ArrayLike) -> np.ndarray:
        """``conv2d(x, weight, bias, stride=..., padding=..., dilation=...)``.

        Raises
        ------
        TypeError
            If ``x`` is not a real numeric array.
        ValueError
            If ``x`` does not fit the weight (rank, channels, a kernel larger than the padded
            input) or the output would be too large to allocate (as :func:`convdemo.conv2d`).
        """
        return conv2d(x, self.weight, self.bias, **self._kwargs())

    @with_shared_text
    def backward(self, x, grad_output):
        """Gradients for ``x``, ``weight`` and (if present) ``bias``.

        Raises
        ------
        {{backward_raises}}
        """
        grad_x, grad_w, grad_b = conv2d_backward(x, self.weight, grad_output, **self._kwargs())
        grads = {"weight": grad_w}
        if self.bias is not None:
            grads["bias"] = grad_b.reshape(self.bias.shape)
        return grad_x, grads

    def parameters(self) -> dict[str, np.ndarray]:
        """``{"weight": ..., "bias": ...}`` (the arrays themselves, not copies)."""
        params = {"weight": self.weight}
        if self.bias is not None:
            params["bias"] = self.bias
        return params

    def _output_shape(self, shape):
        geometry = conv_geometry(
            shape,
            self.weight.shape,
            stride=self.stride,
            padding=self._padding,
            dilation=self.dilation,
        )
        return geometry.out_shape[4 - len(shape) :]

    def window(self):
        """The kernel, stride, padding before the first row/column, and dilation."""
        kh, kw = self.weight.shape[-2:]
        (top, _), (left, _) = self._pads
        return (kh, kw), self.stride, (top, left), self.dilation

    @property
    def name(self) -> str:
        kh, kw = self.weight.shape[-2:]
        parts = [f"{kh}x{kw}"]
        if self.weight.ndim == 4:
            parts[0] += f", {self.weight.shape[1]}->{self.weight.shape[0]} channels"
        for label, value, default in (
            ("stride", self.stride, (1, 1)),
            ("dilation", self.dilation, (1, 1)),
        ):
            if value != default:
                parts.append(f"{label}={value[0] if value[0] == value[1] else value}")
        if self._pads != ((0, 0), (0, 0)):
            parts.append(f"padding={self._padding!r}")
        return f"Conv2d({', '.join(parts)})"


class _Activation(Layer):
    """An elementwise layer: ``f(x)`` forward, ``f'(x) * grad`` backward."""

    def _apply(self, x):  # pragma: no cover - abstract
        raise NotImplementedError

    def _slope(self, x):  # pragma: no cover - abstract
        raise NotImplementedError

    def forward(self, x: np.typing.ArrayLike) -> np.ndarray:
        """The activation applied elementwise.

        Raises
        ------
        TypeError
            If ``x`` is not a real numeric array.
        """
        return self._apply(x)

    def backward(self, x, grad_output):
        """``f'(x) * grad_output`` (no parameters).

        Raises
        ------
        TypeError
            If ``x`` or ``grad_output`` is not a real numeric array.
        ValueError
            If ``grad_output`` does not have ``x``'s shape.
        """
        x, g = _checked_backward_args(self, x, grad_output)
        slope = self._slope(x)  # the local derivative f'(x), one number per element
        with ieee():
            return slope * g.astype(slope.dtype, copy=False), {}

    def _output_shape(self, shape):
        return tuple(shape)


class ReLU(_Activation):
    """:func:`convdemo.relu` as a layer.

    Examples
    --------
    >>> ReLU().forward([-1.0, 2.0])
    array([0., 2.])
    """

    def _apply(self, x):
        return act.relu(x)

    def _slope(self, x):
        return act.relu_derivative(x)


class LeakyReLU(_Activation):
    """:func:`convdemo.leaky_relu` as a layer.

    Raises
    ------
    TypeError
        If ``negative_slope`` is not a real number.
    ValueError
        If it is not finite.

    Examples
    --------
    >>> LeakyReLU(0.5).forward([-1.0, 2.0])
    array([-0.5,  2. ])
    """

    def __init__(self, negative_slope: float = 0.01) -> None:
        act.leaky_relu(0.0, negative_slope)  # validates
        self.negative_slope = float(negative_slope)

    def _apply(self, x):
        return act.leaky_relu(x, self.negative_slope)

    def _slope(self, x):
        return act.leaky_relu_derivative(x, self.negative_slope)

    @property
    def name(self) -> str:
        return f"LeakyReLU({self.negative_slope:g})"


class Sigmoid(_Activation):
    """:func:`convdemo.sigmoid` as a layer.

    Examples
    --------
    >>> Sigmoid().forward([0.0])
    array([0.5])
    """

    def _apply(self, x):
        return act.sigmoid(x)

    def _slope(self, x):
        return act.sigmoid_derivative(x)


class Tanh(_Activation):
    """:func:`convdemo.tanh` as a layer.

    Examples
    --------
    >>> Tanh().forward([0.0])
    array([0.])
    """

    def _apply(self, x):
        return act.tanh(x)

    def _slope(self, x):
        return act.tanh_derivative(x)


class Step(_Activation):
    """:func:`convdemo.step` as a layer: "found" (1) or "not found" (0).

    Its slope is zero everywhere, so no gradient passes through it.

    Raises
    ------
    TypeError
        If ``threshold`` is not a real number.
    ValueError
        If it is not finite.

    Examples
    --------
    >>> Step(threshold=1.0).forward([0.5, 1.5])
    array([0., 1.])
    """

    def __init__(self, threshold: float = 0.0) -> None:
        act.step(0.0, threshold)  # validates
        self.threshold = float(threshold)

    def _apply(self, x):
        return act.step(x, self.threshold)

    def _slope(self, x):
        return act.step_derivative(x, self.threshold)

    @property
    def name(self) -> str:
        return f"Step({self.threshold:g})"


class _Pool(Layer):
    def __init__(
        self, size: int | tuple[int, int], stride: int | tuple[int, int] | None = None
    ) -> None:
        self.size = as_int_pair(size, "size", minimum=1)
        self.stride = self.size if stride is None else as_int_pair(stride, "stride", minimum=1)

    def window(self):
        """The pooling window, its stride, no padding, no dilation."""
        return self.size, self.stride, (0, 0), (1, 1)

    def _output_shape(self, shape):
        return pooled_shape(shape, self.size, self.stride)

    @property
    def name(self) -> str:
        size = self.size[0] if self.size[0] == self.size[1] else self.size
        text = f"{type(self).__name__}({size}"
        if self.stride != self.size:
            text += (
                f", stride={self.stride[0] if self.stride[0] == self.stride[1] else self.stride}"
            )
        return text + ")"


class MaxPool2d(_Pool):
    """:func:`convdemo.max_pool2d` as a layer.

    Raises
    ------
    TypeError
        If ``size`` or ``stride`` is not an int or a pair of ints.
    ValueError
        If either is below 1.

    Examples
    --------
    >>> import numpy as np
    >>> MaxPool2d(2).forward(np.arange(16.0).reshape(4, 4))
    array([[ 5.,  7.],
           [13., 15.]])
    """

    def forward(self, x):
        """The maximum of each window.

        Raises
        ------
        TypeError
            If ``x`` is not a real numeric array.
        ValueError
            If ``x`` is not 2-, 3- or 4-D, or smaller than the window.
        """
        return pooling.max_pool2d(x, self.size, self.stride)

    @with_shared_text
    def backward(self, x, grad_output):
        """Gradient routed to each window's maximum (ties share it).

        Raises
        ------
        {{backward_raises}}
        """
        return pooling.max_pool2d_backward(x, grad_output, self.size, self.stride), {}


class AvgPool2d(_Pool):
    """:func:`convdemo.avg_pool2d` as a layer.

    Raises
    ------
    TypeError
        If ``size`` or ``stride`` is not an int or a pair of ints.
    ValueError
        If either is below 1.

    Examples
    --------
    >>> import numpy as np
    >>> AvgPool2d(2).forward(np.ones((2, 2)))
    array([[1.]])
    """

    def forward(self, x):
        """The mean of each window.

        Raises
        ------
        TypeError
            If ``x`` is not a real numeric array.
        ValueError
            If ``x`` is not 2-, 3- or 4-D, or smaller than the window.
        """
        return pooling.avg_pool2d(x, self.size, self.stride)

    @with_shared_text
    def backward(self, x, grad_output):
        """Gradient spread evenly over each window.

        Raises
        ------
        {{backward_raises}}
        """
        return pooling.avg_pool2d_backward(x, grad_output, self.size, self.stride), {}


class GlobalAvgPool2d(Layer):
    """Mean over the whole feature map: ``(N, C, H, W) -> (N, C)``, ``(C, H, W) -> (C,)``.

    The usual bridge from the last convolution to a classifier: each channel
    becomes one number, "how much of this feature is in the image".

    Examples
    --------
    >>> import numpy as np
    >>> GlobalAvgPool2d().forward(np.arange(8.0).reshape(2, 2, 2))
    array([1.5, 5.5])
    """

    def forward(self, x: np.typing.ArrayLike) -> np.ndarray:
        """The mean of the last two axes.

        Raises
        ------
        TypeError
            If ``x`` is not a real numeric array.
        ValueError
            If ``x`` is not 3- or 4-D, or its maps are empty.
        """
        x = _as_float_array(x, "x", (3, 4))
        self._output_shape(x.shape)
        with ieee():  # summed in float64: a float32 mean is finite when its values are
            mean = mean_of_windows(x, x.mean(axis=(-2, -1), dtype=np.float64))
            return mean.astype(x.dtype, copy=False)

    @with_shared_text
    def backward(self, x, grad_output):
        """The gradient spread evenly over every pixel of each map.

        Raises
        ------
        {{backward_raises}}
        """
        x, g = _checked_backward_args(self, x, grad_output, (3, 4))
        h, w = x.shape[-2:]  # each pixel adds 1 / (h w) of itself to its map's mean
        with ieee():
            return np.broadcast_to((g / (h * w))[..., None, None], x.shape).astype(x.dtype), {}

    def _output_shape(self, shape):
        if len(shape) not in (3, 4):
            raise ValueError(f"x must have 3 or 4 dimensions, got shape {tuple(shape)}")
        if 0 in shape[-2:]:
            raise ValueError(f"x must have non-empty feature maps (H, W), got shape {tuple(shape)}")
        return tuple(shape[:-2])

    def window(self):
        """Not defined: a global pool sees the whole map, whatever its size.

        Raises
        ------
        ValueError
            Always.
        """
        raise ValueError(
            "GlobalAvgPool2d sees the whole input, whatever its size: its receptive field "
            "is the image; receptive_field covers the layers before it"
        )


class Linear(Layer):
    """A fully connected layer: ``x @ weight.T + bias`` over the last axis.

    Parameters
    ----------
    weight : array_like
        ``(out_features, in_features)``.
    bias : array_like, optional
        ``(out_features,)``.

    Raises
    ------
    TypeError
        If ``weight`` or ``bias`` is not a real numeric array.
    ValueError
        If ``weight`` is not 2-D or is empty, or ``bias`` is not ``(out_features,)``.

    Examples
    --------
    >>> import numpy as np
    >>> Linear(np.array([[1.0, -1.0]]), np.array([0.5])).forward(np.array([[3.0, 1.0]]))
    array([[2.5]])
    """

    def __init__(
        self, weight: np.typing.ArrayLike, bias: np.typing.ArrayLike | None = None
    ) -> None:
        w = as_data_array(weight, "weight", (2,))
        if w.size == 0:
            raise ValueError(f"weight must not be empty, got shape {w.shape}")
        self.weight = np.array(w, dtype=float_dtype_for(w))
        self.bias = None
        if bias is not None:
            b = as_data_array(bias, "bias", (1,))
            if b.shape != (self.weight.shape[0],):
                raise ValueError(
                    f"bias must have shape ({self.weight.shape[0]},) to match weight shape "
                    f"{self.weight.shape}, got {b.shape}"
                )
            self.bias = np.array(b, dtype=self.weight.dtype)

    def _check_input(self, x) -> np.ndarray:
        x = _as_float_array(x, "x", (1, 2))
        self._output_shape(x.shape)
        return x

    def _output_shape(self, shape):
        if len(shape) not in (1, 2):
            raise ValueError(f"x must have 1 or 2 dimensions, got shape {tuple(shape)}")
        if shape[-1] != self.weight.shape[1]:
            raise ValueError(
                f"x must have {self.weight.shape[1]} features in its last axis to match weight "
                f"shape {self.weight.shape}, got shape {tuple(shape)}"
            )
        return tuple(shape[:-1]) + self.weight.shape[:1]

    def forward(self, x: np.typing.ArrayLike) -> np.ndarray:
        """``x @ weight.T + bias``.

        Raises
        ------
        TypeError
            If ``x`` is not a real numeric array.
        ValueError
            If ``x`` is not 1- or 2-D with ``in_features`` numbers in its last axis.
        """
        x = self._check_input(x)
        with ieee():
            out = x @ self.weight.T
            return out if self.bias is None else out + self.bias

    @with_shared_text
    def backward(self, x, grad_output):
        """Gradients for ``x``, ``weight`` and (if present) ``bias``.

        Raises
        ------
        {{backward_raises}}
        """
        x, g = _checked_backward_args(self, x, grad_output, (1, 2))
        g2, x2 = g.reshape(-1, g.shape[-1]), x.reshape(-1, x.shape[-1])  # rows: examples
        with ieee():
            grads = {"weight": g2.T @ x2}
            if self.bias is not None:
                grads["bias"] = g2.sum(axis=0)
            return g @ self.weight, grads

    def parameters(self) -> dict[str, np.ndarray]:
        """``{"weight": ..., "bias": ...}`` (the arrays themselves, not copies)."""
        params = {"weight": self.weight}
        if self.bias is not None:
            params["bias"] = self.bias
        return params

    def window(self):
        """Not defined: every output sees every input feature.

        Raises
        ------
        ValueError
            Always.
        """
        raise ValueError(
            "Linear sees every feature of its input: receptive_field covers the layers before it"
        )

    @property
    def name(self) -> str:
        return f"Linear({self.weight.shape[1]}->{self.weight.shape[0]})"


def _as_float_array(x, name, ndims) -> np.ndarray:
    array = as_data_array(x, name, ndims)
    return np.asarray(array, dtype=float_dtype_for(array))


def _checked_backward_args(
    layer: Layer, x: object, grad_output: object, ndims: tuple[int, ...] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """A backward pass's checks, kept apart from its lesson: ``x`` as a float array that
    fits ``layer``, and ``grad_output`` of the shape ``layer``'s forward pass gives."""
    x = _as_float_array(x, "x", ndims)
    return x, _check_grad_shape(grad_output, layer._output_shape(x.shape))


def _check_grad_shape(grad_output, expected) -> np.ndarray:
    g = as_data_array(grad_output, "grad_output")
    if g.shape != tuple(expected):
        raise ValueError(
            f"grad_output must have the forward output's shape {tuple(expected)}, got {g.shape}"
        )
    return np.asarray(g, dtype=float_dtype_for(g))


# Layers after which the data is one number per channel, (N, C) or (C,): no grid left.
def _check_order(layers: list[Layer]) -> None:
    """Refuse a spatial layer (convolution, pooling) after a GlobalAvgPool2d."""
    pooled_at = None
    for index, layer in enumerate(layers):
        inner = layer.layers if isinstance(layer, Stack) else [layer]
        for item in inner:
            if pooled_at is not None and isinstance(item, Conv2d | _Pool | GlobalAvgPool2d):
                raise ValueError(
                    f"layers[{index}] ({item.name}) needs feature maps (C, H, W), but "
                    f"layers[{pooled_at}] (GlobalAvgPool2d) leaves one number per channel: "
                    "put convolutions and pooling before GlobalAvgPool2d"
                )
            if isinstance(item, GlobalAvgPool2d):
                pooled_at = index
            elif not isinstance(item, _Activation | Linear | Stack):
                pooled_at = None  # a layer of your own: its output is unknown


class Stack(Layer):
    """Layers applied one after another.

    Parameters
    ----------
    layers : iterable of Layer
        In the order they are applied.

    Raises
    ------
    TypeError
        If ``layers`` is not an iterable of Layer (a single layer included), or a layer of
        your own does not define ``forward``.
    ValueError
        If there are no layers, or a convolution or pooling layer comes after a
        ``GlobalAvgPool2d`` (which leaves one number per channel).

    Examples
    --------
    Two layers, every intermediate map kept:

    >>> import numpy as np
    >>> stack = Stack([Conv2d(np.array([[1.0, -1.0]])), ReLU()])
    >>> x = np.array([[0.0, 1.0, 0.0]])
    >>> [m.tolist() for m in stack.trace(x)]
    [[[-1.0, 1.0]], [[0.0, 1.0]]]
    >>> grad_x, param_grads = stack.backward(x, np.ones((1, 2)))
    >>> grad_x
    array([[ 0.,  1., -1.]])
    >>> param_grads[0]["weight"]
    array([[1., 0.]])
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        if isinstance(layers, Layer) and not isinstance(layers, Stack):
            raise TypeError("layers must be a list of layers, got a single layer; wrap it in [ ]")
        try:
            items = list(layers)
        except TypeError:
            raise TypeError(
                f"layers must be an iterable of Layer, got {describe(layers)}"
            ) from None
        for index, layer in enumerate(items):
            if not isinstance(layer, Layer):
                raise TypeError(
                    f"layers[{index}] must be a convdemo Layer (Conv2d, ReLU, MaxPool2d, ...), "
                    f"got {describe(layer)}"
                )
        if not items:
            raise ValueError("layers must contain at least one layer")
        for index, layer in enumerate(items):
            if type(layer).forward is Layer.forward:
                raise TypeError(
                    f"layers[{index}] ({layer.name}) does not define forward: a Layer of your "
                    "own must define forward(x) (and backward(x, grad_output) to train it)"
                )
        _check_order(items)
        self.layers: list[Layer] = items

    def __len__(self) -> int:
        return len(self.layers)

    def __iter__(self) -> Iterator[Layer]:
        return iter(self.layers)

    def __getitem__(self, index: int) -> Layer:
        return self.layers[index]

    @property
    def name(self) -> str:
        return "Stack([" + ", ".join(layer.name for layer in self.layers) + "])"

    def forward(self, x: np.typing.ArrayLike) -> np.ndarray:
        """The last layer's output.

        Raises
        ------
        TypeError, ValueError
            As :meth:`trace`.
        """
        return self.trace(x)[-1]

    def trace(self, x: np.typing.ArrayLike) -> list[np.ndarray]:
        """Every layer's output, in order (``len(stack)`` arrays; the input is not included).

        Raises
        ------
        TypeError, ValueError
            If ``x`` does not fit the first layer, or a layer cannot take the previous
            one's output (the message names the layer: ``layers[i]``). Both are found
            from the shapes before anything is computed.
        """
        self.output_shapes(np.shape(as_data_array(x, "x")))
        outputs = []
        current = x
        for index, layer in enumerate(self.layers):
            try:
                current = layer.forward(current)
            except (TypeError, ValueError) as error:
                if index == 0:
                    raise
                raise in_context(error, self._context(index, np.shape(current))) from None
            outputs.append(current)
        return outputs

    def _context(self, index: int, shape: tuple[int, ...]) -> str:
        return (
            f"layers[{index}] ({self.layers[index].name}) cannot take the output of "
            f"layers[{index - 1}] ({self.layers[index - 1].name}), of shape {tuple(shape)}"
        )

    def output_shapes(self, shape: tuple[int, ...]) -> list[tuple[int, ...]]:
        """Each layer's output shape for an input of ``shape``, checked without computing.

        Parameters
        ----------
        shape : tuple of int
            The shape of an input ``x``.

        Returns
        -------
        list of tuple of int
            One shape per layer, as far as they are known: a layer of your own (one that
            does not say its output shape) ends the list.

        Raises
        ------
        TypeError
            If ``shape`` is not a tuple (or list) of integers.
        ValueError
            If a size in ``shape`` is negative; as :meth:`trace` if ``x`` does not fit the
            first layer or a layer cannot take the previous one's output (the message
            names it: ``layers[i]``).

        Examples
        --------
        >>> import numpy as np
        >>> stack = Stack([Conv2d(np.ones((4, 1, 3, 3))), ReLU(), MaxPool2d(2)])
        >>> stack.output_shapes((1, 28, 28))
        [(4, 26, 26), (4, 26, 26), (4, 13, 13)]
        """
        if not isinstance(shape, tuple | list):
            raise TypeError(f"shape must be a tuple of ints, got {describe(shape)}")
        shapes = []
        current = tuple(as_int(size, "shape", minimum=0) for size in shape)
        for index, layer in enumerate(self.layers):
            try:
                result = layer._output_shape(current)
            except (TypeError, ValueError) as error:
                if index == 0:
                    raise
                raise in_context(error, self._context(index, current)) from None
            if result is None:
                break
            check_elements(result, "x", f"a layers[{index}] output")
            shapes.append(current := tuple(result))
        return shapes

    def _output_shape(self, shape):
        shapes = self.output_shapes(shape)
        return shapes[-1] if len(shapes) == len(self.layers) else None

    def backward(
        self,
        x: np.typing.ArrayLike,
        grad_output: np.typing.ArrayLike,
        trace: list[np.ndarray] | None = None,
    ) -> tuple[np.ndarray, list[dict[str, np.ndarray]]]:
        """Backpropagate ``grad_output`` (the gradient at the last output) to ``x``.

        Parameters
        ----------
        x : array_like
            The input the forward pass saw.
        grad_output : array_like
            Gradient of the loss with respect to the stack's output (same shape).
        trace : list of numpy.ndarray, optional
            A previous ``self.trace(x)``, to avoid recomputing the forward pass.

        Returns
        -------
        grad_x : numpy.ndarray
            Gradient with respect to ``x``.
        param_grads : list of dict
            One dict per layer (``{}`` for layers without parameters), keyed like
            :meth:`Layer.parameters`.

        Raises
        ------
        TypeError, ValueError
            As :meth:`trace` for ``x``; if ``trace`` is not one array per layer of the
            shapes ``self.trace(x)`` gives, or ``grad_output`` does not have the last
            output's shape.
        """
        self._check_backward_defined()
        trace = self.trace(x) if trace is None else self._checked_trace(x, trace)
        g = self._checked_grad_output(grad_output, trace)
        inputs = [x, *trace[:-1]]  # what each layer saw in the forward pass
        # The chain rule, from the last layer to the first: each layer turns the gradient at
        # its output into the gradient at its input (and at its own parameters).
        param_grads: list[dict[str, np.ndarray]] = [{} for _ in self.layers]
        for index in reversed(range(len(self.layers))):
            g, param_grads[index] = self._layer_backward(index, inputs[index], g)
        return g, param_grads

    # The checks of backward, kept apart from the chain rule above.

    def _check_backward_defined(self) -> None:
        for index, layer in enumerate(self.layers):
            if type(layer).backward is Layer.backward:
                raise TypeError(
                    f"layers[{index}] ({layer.name}) does not define backward(x, grad_output): "
                    "no gradient can pass through it"
                )

    def _checked_trace(self, x: object, trace: object) -> list | tuple:
        """A ``trace`` passed by the caller: one array per layer, of the shapes ``x`` gives."""
        x_shape = np.shape(as_data_array(x, "x"))
        if not isinstance(trace, list | tuple):
            raise TypeError(
                f"trace must be a list of arrays, one per layer (stack.trace(x)), got "
                f"{describe(trace)}"
            )
        if len(trace) != len(self.layers):
            raise ValueError(
                f"trace must hold one output per layer ({len(self.layers)}), got {len(trace)}"
            )
        shapes = self.output_shapes(x_shape)
        for index, item in enumerate(trace):
            shape = np.shape(as_data_array(item, f"trace[{index}]"))
            if index < len(shapes) and shape != shapes[index]:
                raise ValueError(
                    f"trace[{index}] has shape {shape}, but layers[{index}] "
                    f"({self.layers[index].name}) gives {shapes[index]} for x of shape "
                    f"{x_shape}: pass trace=stack.trace(x) for this x"
                )
        return trace

    @staticmethod
    def _checked_grad_output(grad_output: object, trace: list | tuple) -> np.ndarray:
        expected = np.shape(trace[-1])
        g = as_data_array(grad_output, "grad_output")
        if g.shape != expected:
            raise ValueError(
                f"grad_output must have the stack output's shape {expected}, got {g.shape}"
            )
        return g

    def _layer_backward(self, index: int, x: object, g: np.ndarray):
        """``layers[index].backward(x, g)``; an error names the layer."""
        try:
            return self.layers[index].backward(x, g)
        except (TypeError, ValueError) as error:
            context = f"layers[{index}] ({self.layers[index].name}) backward"
            raise in_context(error, context) from None

    def parameters(self) -> dict[str, np.ndarray]:
        """All parameters, keyed ``"<layer index>.<name>"``."""
        return {
            f"{index}.{key}": value
            for index, layer in enumerate(self.layers)
            for key, value in layer.parameters().items()
        }

    def window(self):
        """Not defined for a whole stack; use :func:`convdemo.receptive_field`.

        Raises
        ------
        TypeError
            Always.
        """
        raise TypeError("a Stack has no single window; use receptive_field(stack)")


class Flatten(Layer):
    """Feature maps laid out as one vector per image: ``(N, C, H, W) -> (N, C*H*W)``.

    The bridge from the last convolution to a :class:`Linear` read-out that
    keeps *where* each feature was found (a global average throws that away).
    A single image ``(C, H, W)`` becomes ``(C*H*W,)``. The order is numpy's
    (channel, then row, then column), so ``weight.reshape(out, C, H, W)`` of the
    following :class:`Linear` gives its weights back as maps.

    Examples
    --------
    >>> import numpy as np
    >>> Flatten().forward(np.arange(8.0).reshape(1, 2, 2, 2))
    array([[0., 1., 2., 3., 4., 5., 6., 7.]])
    >>> grad_x, _ = Flatten().backward(np.zeros((1, 2, 1, 1)), np.array([[1.0, 2.0]]))
    >>> grad_x.shape
    (1, 2, 1, 1)
    """

    def forward(self, x: np.typing.ArrayLike) -> np.ndarray:
        """``x`` reshaped to one row per image.

        Raises
        ------
        TypeError
            If ``x`` is not a real numeric array.
        ValueError
            If ``x`` is not 3- or 4-D.
        """
        x = _as_float_array(x, "x", (3, 4))
        return x.reshape(-1) if x.ndim == 3 else x.reshape(len(x), -1)

    def backward(self, x, grad_output):
        """The gradient reshaped back to the input's shape (no parameters).

        Raises
        ------
        TypeError
            If ``x`` or ``grad_output`` is not a real numeric array.
        ValueError
            If ``x`` is not 3- or 4-D, or ``grad_output`` not the forward output's shape.
        """
        x = _as_float_array(x, "x", (3, 4))
        expected = (x.size,) if x.ndim == 3 else (len(x), math.prod(x.shape[1:]))
        g = _check_grad_shape(grad_output, expected)
        return g.reshape(x.shape).astype(x.dtype, copy=False), {}

    def window(self):
        """Not defined: each output is one input value, the grid is gone.

        Raises
        ------
        ValueError
            Always: :func:`~convdemo.receptive_field` covers the layers before it.
        """
        raise ValueError(
            "Flatten ends the feature maps' grid: receptive_field covers the layers before it"
        )
