"""Two linear convolutions are one convolution: the composed kernel."""

from __future__ import annotations

import numpy as np

from ._checks import as_data_array, check_elements
from .conv import conv2d

__all__ = ["compose_kernels"]


def compose_kernels(w1: np.typing.ArrayLike, w2: np.typing.ArrayLike) -> np.ndarray:
    """The single kernel equal to ``conv2d(conv2d(x, w1), w2)``.

    With stride 1, no padding, no bias and no activation in between, two stacked
    convolutions are one convolution whose kernel is the full 2-D convolution of
    the two kernels, summed over the middle channels:

    .. math::

        w[o, c] = \\sum_m w_2[o, m] * w_1[m, c]
        \\quad (\\text{size } k_1 + k_2 - 1).

    Parameters
    ----------
    w1 : array_like
        First layer, ``(C_mid, C_in, kh1, kw1)``, or ``(kh1, kw1)`` for one channel.
    w2 : array_like
        Second layer, ``(C_out, C_mid, kh2, kw2)``, or ``(kh2, kw2)``; same rank as ``w1``.

    Returns
    -------
    numpy.ndarray
        ``(C_out, C_in, kh1 + kh2 - 1, kw1 + kw2 - 1)`` (2-D for 2-D kernels).

    Raises
    ------
    TypeError
        If ``w1`` or ``w2`` is not a real numeric array.
    ValueError
        Ranks other than 2 or 4, different ranks, empty kernels, ``w2``'s input
        channels differ from ``w1``'s outputs, or a result too large to allocate.

    Examples
    --------
    Two 3x3 box blurs are one 5x5 "tent":

    >>> import numpy as np
    >>> from convdemo import conv2d
    >>> box = np.ones((3, 3))
    >>> compose_kernels(box, box)
    array([[1., 2., 3., 2., 1.],
           [2., 4., 6., 4., 2.],
           [3., 6., 9., 6., 3.],
           [2., 4., 6., 4., 2.],
           [1., 2., 3., 2., 1.]])
    >>> x = np.random.default_rng(0).normal(size=(8, 8))
    >>> stacked = conv2d(conv2d(x, box), box)
    >>> float(np.abs(stacked - conv2d(x, compose_kernels(box, box))).max()) < 1e-12
    True
    """
    a = as_data_array(w1, "w1", (2, 4))
    b = as_data_array(w2, "w2", (2, 4))
    if a.ndim != b.ndim:
        raise ValueError(
            f"w1 and w2 must both be 2-D (kh, kw) or both 4-D (C_out, C_in, kh, kw), "
            f"got shapes {a.shape} and {b.shape}"
        )
    two_d = a.ndim == 2
    if two_d:
        a, b = a[None, None], b[None, None]
    if b.shape[1] != a.shape[0]:
        raise ValueError(
            f"w2 must take w1's {a.shape[0]} output channels as input, got w2 shape "
            f"{b.shape} (C_out, C_in, kh, kw) after w1 shape {a.shape}"
        )
    if a.size == 0 or b.size == 0:
        raise ValueError(
            f"w1 and w2 must not be empty, got shapes {np.shape(w1)} and {np.shape(w2)}"
        )
    (kh1, kw1), (kh2, kw2) = a.shape[2:], b.shape[2:]
    composed_shape = (b.shape[0], a.shape[1], kh1 + kh2 - 1, kw1 + kw2 - 1)
    check_elements(composed_shape, ("w1", "w2"), "a composed kernel")
    # the zero-padded w1 that w2 slides over
    check_elements(
        (a.shape[1], a.shape[0], kh1 + 2 * (kh2 - 1), kw1 + 2 * (kw2 - 1)),
        ("w1", "w2"),
        "a padded w1",
    )
    # composed[o, c] = sum_m full_convolution(w2[o, m], w1[m, c]): a correlation of
    # the zero-padded w1 (channels as batch) with the flipped w2.
    composed = conv2d(
        a.transpose(1, 0, 2, 3),  # (C_in as batch, C_mid as channels, kh1, kw1)
        b[:, :, ::-1, ::-1],
        padding=(kh2 - 1, kw2 - 1),
    ).transpose(1, 0, 2, 3)
    composed = np.ascontiguousarray(composed)
    return composed[0, 0] if two_d else composed
