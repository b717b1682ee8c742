"""Images to convolve: sample photographs that ship inside scikit-image.

Only the images stored inside the scikit-image wheel are offered, so that the
site builds offline: nothing here ever downloads. scikit-image is imported
lazily (inside :func:`sample_image`), so ``import convdemo`` needs only numpy.
"""

from __future__ import annotations

import numpy as np

from ._checks import describe

__all__ = ["SAMPLE_IMAGES", "sample_image"]

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
