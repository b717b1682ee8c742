"""Synthetic images drawn from strokes, and the hand-built detectors that read them.

The smiley of the channels example is made of two kinds of stroke that one 3x3
kernel each can find:

* an **eye** is a short *vertical* stroke (two pixels tall),
* the **mouth** is a *horizontal* stroke (five pixels wide).

:func:`smiley_face_detector` is the two-layer network of the worked example:
layer 1 has an "eye" channel and a "mouth" channel; layer 2 has one kernel that
spans both channels and fires only where eyes sit above a mouth.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_int, as_int_pair, as_real, check_elements, describe
from .kernels import named_kernel
from .layers import Conv2d, ReLU, Stack

__all__ = [
    "CAR_PEDESTRIAN_CLASSES",
    "SMILEY_ARRANGEMENTS",
    "cars_and_pedestrians",
    "draw_smiley",
    "smiley_dataset",
    "smiley_face_detector",
]

SMILEY_ARRANGEMENTS: tuple[str, ...] = ("face", "swapped", "eyes_only", "mouth_only", "blank")
"""Arrangements accepted by :func:`draw_smiley`."""

# Offsets of the parts from the face centre (row, col), shared by the drawing and
# the layer-2 kernel so the two can never disagree.
_EYE_ROWS = (-3, -2)
_EYE_COLS = (-2, 2)
_MOUTH_ROW = 2
_MOUTH_COLS = (-2, -1, 0, 1, 2)
_SMILEY_HALF_HEIGHT = 3
_SMILEY_HALF_WIDTH = 2


def draw_smiley(
    arrangement: str = "face",
    shape: int | tuple[int, int] = (13, 13),
    centre: tuple[int, int] | None = None,
) -> np.ndarray:
    """A binary stroke drawing of a smiley, or of its parts in the wrong places.

    Parameters
    ----------
    arrangement : str, default "face"
        ``"face"``: two eyes (vertical strokes) above a mouth (horizontal stroke);
        ``"swapped"``: the mouth above the eyes; ``"eyes_only"``;
        ``"mouth_only"``; ``"blank"``.
    shape : int or (int, int), default (13, 13)
        Image size; at least 7 rows and 5 columns.
    centre : (int, int), optional
        Face centre (row, col); default the image centre. The strokes reach 3
        rows and 2 columns from it and must fit inside the image.

    Returns
    -------
    numpy.ndarray
        ``shape``, float64, 1 on strokes and 0 elsewhere.

    Raises
    ------
    TypeError
        If ``arrangement`` is not a string, or ``shape`` or ``centre`` not integers.
    ValueError
        If ``arrangement`` is unknown, ``shape`` not positive or too large to allocate,
        ``centre`` not a pair, or the smiley does not fit around it.

    Examples
    --------
    >>> draw_smiley(shape=(7, 5)).astype(int)
    array([[1, 0, 0, 0, 1],
           [1, 0, 0, 0, 1],
           [0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0],
           [1, 1, 1, 1, 1],
           [0, 0, 0, 0, 0]])
    >>> draw_smiley("swapped", shape=(7, 5)).astype(int)
    array([[1, 1, 1, 1, 1],
           [0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0],
           [1, 0, 0, 0, 1],
           [1, 0, 0, 0, 1],
           [0, 0, 0, 0, 0]])
    """
    if not isinstance(arrangement, str):
        raise TypeError(
            f"arrangement must be one of {', '.join(SMILEY_ARRANGEMENTS)}; got "
            f"{describe(arrangement)}"
        )
    if arrangement not in SMILEY_ARRANGEMENTS:
        raise ValueError(
            f"arrangement must be one of {', '.join(SMILEY_ARRANGEMENTS)}; got {arrangement!r}"
        )
    rows, cols = as_int_pair(shape, "shape", minimum=1)
    check_elements((rows, cols), "shape", "an image")
    if centre is None:
        cy, cx = (rows - 1) // 2, (cols - 1) // 2
    else:
        if not isinstance(centre, tuple | list) or len(centre) != 2:
            raise ValueError(f"centre must be a (row, col) pair, got {describe(centre)}")
        cy, cx = (as_int(c, "centre") for c in centre)
    if not (
        _SMILEY_HALF_HEIGHT <= cy < rows - _SMILEY_HALF_HEIGHT
        and _SMILEY_HALF_WIDTH <= cx < cols - _SMILEY_HALF_WIDTH
    ):
        raise ValueError(
            f"the smiley reaches {_SMILEY_HALF_HEIGHT} rows and {_SMILEY_HALF_WIDTH} columns from "
            f"its centre, so centre {(cy, cx)} does not fit in shape {(rows, cols)}"
        )
    image = np.zeros((rows, cols))
    eye_rows, mouth_row = _EYE_ROWS, _MOUTH_ROW
    if arrangement == "swapped":  # the mouth on top, the eyes below it
        eye_rows = (_MOUTH_ROW - 1, _MOUTH_ROW)
        mouth_row = _EYE_ROWS[0]
    if arrangement in ("face", "swapped", "eyes_only"):
        for r in eye_rows:
            for c in _EYE_COLS:
                image[cy + r, cx + c] = 1.0
    if arrangement in ("face", "swapped", "mouth_only"):
        for c in _MOUTH_COLS:
            image[cy + mouth_row, cx + c] = 1.0
    return image


def smiley_face_detector() -> Stack:
    """The hand-built two-layer face detector of the channels example.

    Layer 1 (``Conv2d``, 1 -> 2 channels, 3x3, padding 1, bias -2, then ReLU):
    channel 0 is the ``vertical_line`` kernel (the **eye** detector), channel 1
    the ``horizontal_line`` kernel (the **mouth** detector). The bias removes
    the weak cross-talk (a stroke's end looks a little like the other stroke).

    Layer 2 (``Conv2d``, 2 -> 1 channel, 7x5, then ReLU): slice 0 has weight 1
    where the eyes should be, slice 1 has weight 0.5 where the mouth should be,
    both relative to the face centre; bias -12. Eyes alone give 8, a mouth alone
    gives 8, both give 16: only the whole face clears the bias.

    Returns
    -------
    Stack
        ``[Conv2d, ReLU, Conv2d, ReLU]``; input ``(1, H, W)``, output ``(1, H - 6, W - 4)``.

    Examples
    --------
    >>> import numpy as np
    >>> detector = smiley_face_detector()
    >>> detector[0].weight.shape, detector[2].weight.shape
    ((2, 1, 3, 3), (1, 2, 7, 5))
    >>> [float(detector.forward(draw_smiley(a)[None]).max())
    ...  for a in ("face", "swapped", "eyes_only", "mouth_only")]
    [4.0, 0.0, 0.0, 0.0]
    """
    layer1 = np.stack([named_kernel("vertical_line"), named_kernel("horizontal_line")])[:, None]
    rows = 2 * _SMILEY_HALF_HEIGHT + 1
    cols = 2 * _SMILEY_HALF_WIDTH + 1
    layer2 = np.zeros((1, 2, rows, cols))
    for r in _EYE_ROWS:
        for c in _EYE_COLS:
            layer2[0, 0, r + _SMILEY_HALF_HEIGHT, c + _SMILEY_HALF_WIDTH] = 1.0
    for c in _MOUTH_COLS:
        layer2[0, 1, _MOUTH_ROW + _SMILEY_HALF_HEIGHT, c + _SMILEY_HALF_WIDTH] = 0.5
    return Stack(
        [
            Conv2d(layer1, bias=np.array([-2.0, -2.0]), padding=1),
            ReLU(),
            Conv2d(layer2, bias=np.array([-12.0])),
            ReLU(),
        ]
    )


CAR_PEDESTRIAN_CLASSES: tuple[str, ...] = ("car", "pedestrian")
"""Class names of :func:`cars_and_pedestrians`, indexed by label."""


def _check_dataset_args(n: object, size: object, seed: object, noise: object, minimum_size: int):
    n_ = as_int(n, "n", minimum=1)
    size_ = as_int(size, "size", minimum=minimum_size)
    seed_ = as_int(seed, "seed", minimum=0, maximum=None)
    noise_ = as_real(noise, "noise", minimum=0)
    check_elements((n_, 1, size_, size_), ("n", "size"), "images")
    return n_, size_, seed_, noise_


def _fill(image: np.ndarray, top: int, left: int, height: int, width: int, value: float) -> None:
    image[max(top, 0) : max(top + height, 0), max(left, 0) : max(left + width, 0)] = value


def _draw_car(image: np.ndarray, rng: np.random.Generator, ink: float) -> None:
    size = image.shape[0]
    width = int(rng.integers(size // 2, size - 3))
    height = int(rng.integers(max(size // 8, 2), max(size // 5, 3) + 1))
    top = int(rng.integers(size // 3, size - height - 3))
    left = int(rng.integers(1, size - width))
    _fill(image, top, left, height, width, ink)  # body
    cabin = max(width // 2, 2)
    _fill(
        image,
        top - max(height // 2, 1),
        left + (width - cabin) // 2,
        max(height // 2, 1),
        cabin,
        ink,
    )  # roof
    wheel = max(size // 12, 1) + 1
    for x in (left + wheel // 2, left + width - wheel - wheel // 2):
        _fill(image, top + height, x, wheel, wheel, ink)  # wheels


def _draw_pedestrian(image: np.ndarray, rng: np.random.Generator, ink: float) -> None:
    size = image.shape[0]
    height = int(rng.integers(size // 2, size - 4))
    width = int(rng.integers(2, max(size // 7, 2) + 2))
    top = int(rng.integers(3, size - height))
    left = int(rng.integers(2, size - width - 2))
    head = width + 1 if width < 3 else width
    _fill(image, top - head, left + (width - head) // 2, head, head, ink)  # head
    legs = height // 3
    _fill(image, top, left, height - legs, width, ink)  # body
    _fill(image, top + height - legs, left - 1, legs, 1, ink)  # legs, apart
    _fill(image, top + height - legs, left + width, legs, 1, ink)


def cars_and_pedestrians(
    n: int, *, size: int = 24, seed: int = 0, noise: float = 0.1
) -> tuple[np.ndarray, np.ndarray]:
    """A toy data set: "cars" (wide, horizontal strokes) and "pedestrians" (tall, vertical).

    Every image is drawn at a random position and size, with a random background
    level, a random contrast (objects brighter or darker than the background) and
    Gaussian pixel noise. Half the images are cars, half pedestrians, shuffled.

    Parameters
    ----------
    n : int
        Number of images.
    size : int, default 24
        Images are ``size`` x ``size`` (at least 16).
    seed : int, default 0
        Seed of the random generator: the same seed gives the same data set.
    noise : float, default 0.1
        Standard deviation of the pixel noise.

    Returns
    -------
    images : numpy.ndarray
        ``(n, 1, size, size)``, float64.
    labels : numpy.ndarray
        ``(n,)`` int64: 0 for a car, 1 for a pedestrian
        (:data:`CAR_PEDESTRIAN_CLASSES`).

    Raises
    ------
    TypeError
        If ``n``, ``size`` or ``seed`` is not an integer, or ``noise`` not a real number.
    ValueError
        If ``n < 1``, ``size`` below 16, ``seed < 0``, ``noise`` negative or not finite,
        or the images would hold more than ``2**28`` numbers.

    Examples
    --------
    >>> images, labels = cars_and_pedestrians(6, seed=1)
    >>> images.shape, labels.tolist()
    ((6, 1, 24, 24), [0, 0, 0, 1, 1, 1])
    >>> images2, _ = cars_and_pedestrians(6, seed=1)
    >>> bool((images == images2).all())
    True
    """
    n, size, seed, noise = _check_dataset_args(n, size, seed, noise, minimum_size=16)
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 2)
    images = np.empty((n, 1, size, size))
    for index, label in enumerate(labels):
        background = rng.uniform(0.2, 0.5)
        ink = background + rng.choice([-1.0, 1.0]) * rng.uniform(0.3, 0.5)
        image = np.full((size, size), background)
        (_draw_pedestrian if label else _draw_car)(image, rng, ink)
        images[index, 0] = image + rng.normal(0.0, noise, image.shape) if noise else image
    return images, labels.astype(np.int64)


def smiley_dataset(
    n: int, *, size: int = 15, seed: int = 0, noise: float = 0.1
) -> tuple[np.ndarray, np.ndarray]:
    """Faces against scrambled faces, the second task of the trained network.

    Label 1: a smiley (:func:`draw_smiley` ``"face"``); label 0: its parts in the
    wrong arrangement (``"swapped"``, ``"eyes_only"`` or ``"mouth_only"``, equally
    often). Each is drawn at a random centre with a random contrast, plus noise.

    Parameters
    ----------
    n : int
        Number of images (half faces).
    size : int, default 15
        Images are ``size`` x ``size`` (at least 9).
    seed : int, default 0
        Seed of the random generator.
    noise : float, default 0.1
        Standard deviation of the pixel noise.

    Returns
    -------
    images : numpy.ndarray
        ``(n, 1, size, size)``, float64.
    labels : numpy.ndarray
        ``(n,)`` int64: 1 for a face, 0 for a scrambled one.

    Raises
    ------
    TypeError
        If ``n``, ``size`` or ``seed`` is not an integer, or ``noise`` not a real number.
    ValueError
        If ``n < 1``, ``size`` below 9, ``seed < 0``, ``noise`` negative or not finite,
        or the images would hold more than ``2**28`` numbers.

    Examples
    --------
    >>> images, labels = smiley_dataset(4, seed=0, noise=0.0)
    >>> images.shape, int(labels.sum())
    ((4, 1, 15, 15), 2)
    """
    n, size, seed, noise = _check_dataset_args(n, size, seed, noise, minimum_size=9)
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 2)
    scrambled = ("swapped", "eyes_only", "mouth_only")
    images = np.empty((n, 1, size, size))
    for index, label in enumerate(labels):
        arrangement = "face" if label else scrambled[int(rng.integers(3))]
        centre = (
            int(rng.integers(_SMILEY_HALF_HEIGHT, size - _SMILEY_HALF_HEIGHT)),
            int(rng.integers(_SMILEY_HALF_WIDTH, size - _SMILEY_HALF_WIDTH)),
        )
        contrast = rng.uniform(0.6, 1.0)
        image = contrast * draw_smiley(arrangement, shape=(size, size), centre=centre)
        images[index, 0] = image + rng.normal(0.0, noise, image.shape) if noise else image
    return images, labels.astype(np.int64)
