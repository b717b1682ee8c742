"""The named image-processing kernels, as convolution (cross-correlation) weights.

Every kernel is oriented for :func:`convdemo.conv2d`, which does not flip the
kernel: ``sobel_x`` responds positively where the image gets brighter from left
to right (a vertical edge), ``sobel_y`` where it gets brighter downwards.
"""

from __future__ import annotations

import numpy as np

__all__ = ["KERNEL_NAMES", "kernel_description", "named_kernel"]

_KERNELS: dict[str, tuple[list[list[float]], float, str]] = {
    # name: (entries, divisor, what it does)
    "identity": ([[0, 0, 0], [0, 1, 0], [0, 0, 0]], 1, "copies the image"),
    "box_blur": ([[1, 1, 1], [1, 1, 1], [1, 1, 1]], 9, "mean of the 3x3 neighbourhood"),
    "gaussian_blur": (
        [[1, 2, 1], [2, 4, 2], [1, 2, 1]],
        16,
        "binomial approximation of a Gaussian blur",
    ),
    "sharpen": (
        [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
        1,
        "boosts the centre against its neighbours",
    ),
    "outline": (
        [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
        1,
        "Laplacian-like: zero on flat regions, large on edges and dots",
    ),
    "laplacian": ([[0, 1, 0], [1, -4, 1], [0, 1, 0]], 1, "discrete Laplacian (4-neighbour)"),
    "emboss": ([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], 1, "relief lit from the top left"),
    "sobel_x": (
        [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
        1,
        "horizontal gradient: responds to vertical edges (dark left, bright right)",
    ),
    "sobel_y": (
        [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
        1,
        "vertical gradient: responds to horizontal edges (dark top, bright bottom)",
    ),
    "prewitt_x": ([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]], 1, "horizontal gradient, unweighted"),
    "prewitt_y": ([[-1, -1, -1], [0, 0, 0], [1, 1, 1]], 1, "vertical gradient, unweighted"),
    "horizontal_line": (
        [[-1, -1, -1], [2, 2, 2], [-1, -1, -1]],
        1,
        "a bright horizontal line one pixel thick",
    ),
    "vertical_line": (
        [[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]],
        1,
        "a bright vertical line one pixel thick",
    ),
}

KERNEL_NAMES: tuple[str, ...] = tuple(_KERNELS)
"""Names accepted by :func:`named_kernel`, in display order."""


def named_kernel(name: str) -> np.ndarray:
    """A fresh copy of a named 3x3 image-processing kernel.

    Parameters
    ----------
    name : str
        One of :data:`KERNEL_NAMES`: ``"identity"``, ``"box_blur"``,
        ``"gaussian_blur"``, ``"sharpen"``, ``"outline"``, ``"laplacian"``,
        ``"emboss"``, ``"sobel_x"``, ``"sobel_y"``, ``"prewitt_x"``,
        ``"prewitt_y"``, ``"horizontal_line"``, ``"vertical_line"``.

    Returns
    -------
    numpy.ndarray
        Shape ``(3, 3)``, float64. Blurs sum to 1; edge and line detectors sum
        to 0, so they answer 0 on a flat region.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If it is not one of :data:`KERNEL_NAMES`.

    Examples
    --------
    >>> named_kernel("sobel_x")
    array([[-1.,  0.,  1.],
           [-2.,  0.,  2.],
           [-1.,  0.,  1.]])
    >>> float(named_kernel("gaussian_blur").sum())
    1.0
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {type(name).__name__}")
    if name not in _KERNELS:
        raise ValueError(f"name must be one of {', '.join(KERNEL_NAMES)}; got {name!r}")
    entries, divisor, _ = _KERNELS[name]
    return np.array(entries, dtype=np.float64) / divisor


def kernel_description(name: str) -> str:
    """One line saying what a named kernel does.

    Raises
    ------
    TypeError, ValueError
        As :func:`named_kernel`.

    Examples
    --------
    >>> kernel_description("sobel_y")
    'vertical gradient: responds to horizontal edges (dark top, bright bottom)'
    """
    named_kernel(name)  # validates
    return _KERNELS[name][2]
