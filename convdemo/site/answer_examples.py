"""The answer page's small examples, built once for the page and its questions.

``docs/answer.md`` shows these drawings and networks, and the "Check yourself" questions
(``docs/_ext/question_bank.py``) ask about the same ones: both call the functions here, so
an image, a kernel or a network is declared in one place only.
"""

from __future__ import annotations

import numpy as np

from ..kernels import named_kernel
from ..layers import Conv2d, ReLU, Stack

__all__ = ["CONTRASTS", "FACE_BIAS", "contrast_stripes", "edge_both_ways", "face_parts"]

#: Part 1: the contrasts of the three stripes, faint to strong.
CONTRASTS = (0.1, 0.5, 1.0)
#: Part 2 and 4: the face unit's bias; with a ReLU it turns the face score into a detector.
FACE_BIAS = -2.5


def contrast_stripes(contrasts: tuple[float, ...] = CONTRASTS) -> np.ndarray:
    """Part 1's image: one bright vertical stripe per contrast, each a rising then a falling
    edge, on a black background.

    Parameters
    ----------
    contrasts : tuple of float, default :data:`CONTRASTS`
        The stripes' brightness, left to right.

    Returns
    -------
    numpy.ndarray
        ``(5, 4 * len(contrasts))``: stripe ``i`` fills columns ``4i + 2`` and ``4i + 3``.

    Raises
    ------
    ValueError
        If ``contrasts`` is empty.

    Examples
    --------
    >>> contrast_stripes()[2]
    array([0. , 0. , 0.1, 0.1, 0. , 0. , 0.5, 0.5, 0. , 0. , 1. , 1. ])
    """
    values = [float(c) for c in contrasts]
    if not values:
        raise ValueError("contrasts must hold at least one contrast; got none")
    image = np.zeros((5, 4 * len(values)))
    for i, contrast in enumerate(values):
        image[:, 4 * i + 2 : 4 * i + 4] = contrast  # a bright stripe: rising then falling edge
    return image


def face_parts() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Part 2's layer-1 channels and layer-2 "face" kernel.

    Returns
    -------
    eyes, mouth : numpy.ndarray
        ``(12, 16)`` each, 1 where layer 1 found an eye (a dot) or a mouth (a short line).
        On the left a face (eyes at (2, 2) and (2, 6), the mouth below at (5, 4)); on the
        right the same parts in a jumble (the mouth above the eyes).
    face : numpy.ndarray
        ``(1, 2, 4, 5)``: channel 0's slice wants two eyes on its top row, channel 1's slice
        a mouth three rows below, in the middle.

    Examples
    --------
    >>> eyes, mouth, face = face_parts()
    >>> int(eyes.sum()), int(mouth.sum()), face.shape
    (4, 2, (1, 2, 4, 5))
    """
    eyes = np.zeros((12, 16))
    mouth = np.zeros((12, 16))
    eyes[2, 2] = eyes[2, 6] = 1  # a face on the left ...
    mouth[5, 4] = 1  # ... its mouth below the eyes
    eyes[8, 9] = eyes[8, 13] = 1  # a jumble on the right ...
    mouth[5, 11] = 1  # ... its mouth above the eyes
    face = np.zeros((1, 2, 4, 5))  # (1 output channel, 2 input channels, 4, 5)
    face[0, 0, 0, 0] = face[0, 0, 0, 4] = 1  # eye channel: two eyes on the top row
    face[0, 1, 3, 2] = 1  # mouth channel: a mouth three rows below, in the middle
    return eyes, mouth, face


def edge_both_ways(*, with_relu: bool = True) -> tuple[Stack, np.ndarray]:
    """Part 4's two-layer "an edge, whichever way round" network and its input.

    Layer 1 is Sobel-x and minus Sobel-x (channel 0: rising edges, channel 1: falling
    edges); layer 2 adds the two channels (a 1x1 kernel of ones). With a ReLU between them
    the stack answers the edge's strength whichever way round; without it the two channels
    cancel.

    Parameters
    ----------
    with_relu : bool, default True
        Put a ReLU between the two convolutions.

    Returns
    -------
    stack : Stack
        ``[Conv2d, ReLU, Conv2d]`` or ``[Conv2d, Conv2d]``.
    row : numpy.ndarray
        ``(3, 10)``: a bright stripe (columns 3 to 6), a rising then a falling edge.

    Raises
    ------
    TypeError
        If ``with_relu`` is not a bool.

    Examples
    --------
    >>> stack, row = edge_both_ways()
    >>> stack.forward(row[None])[0, 0]
    array([0., 4., 4., 0., 0., 4., 4., 0.])
    """
    if not isinstance(with_relu, bool):
        raise TypeError(f"with_relu must be True or False; got {type(with_relu).__name__}")
    sobel_x = named_kernel("sobel_x")
    w1 = np.stack([sobel_x, -sobel_x])[:, None]  # 2 channels: rising edges, falling edges
    w2 = np.ones((1, 2, 1, 1))  # add the two channels
    middle = [ReLU()] if with_relu else []
    row = np.zeros((3, 10))
    row[:, 3:7] = 1.0  # a bright stripe: a rising edge, then a falling edge
    return Stack([Conv2d(w1), *middle, Conv2d(w2)]), row
