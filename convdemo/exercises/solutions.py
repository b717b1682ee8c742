"""The reference solutions of the exercises, written as a learner would: plain loops.

Each function's signature and docstring are the exercise's skeleton (the catalogue cuts the
body off and puts a blank in its place), so the statement a learner reads and the solution the
checker is tested with can never disagree. The checker never compares against these: it
compares against convdemo's own computation (:mod:`convdemo.exercises.cases`), and the tests
check that every solution here passes it.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "compose_two_kernels",
    "conv2d_loops",
    "conv_one_cell",
    "face_detector",
    "layer2_unit",
    "output_size",
    "receptive_field_sizes",
    "relu_map",
]


def conv_one_cell(image, kernel, row, col):
    """One output number of a convolution layer: the multiply-add at ``(row, col)``.

    Lay the kernel's top-left corner on ``image[row, col]``, multiply each kernel
    weight by the pixel under it, and add the products. (No padding, stride 1; the
    kernel is *not* flipped: CNN layers compute a cross-correlation.)

    Parameters
    ----------
    image : numpy.ndarray
        Shape ``(H, W)``.
    kernel : numpy.ndarray
        Shape ``(kh, kw)``, at most the image's size.
    row, col : int
        The output cell; ``0 <= row <= H - kh`` and ``0 <= col <= W - kw``.

    Returns
    -------
    float

    Examples
    --------
    >>> image = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    >>> kernel = np.array([[1, 0], [0, -1]])
    >>> conv_one_cell(image, kernel, 0, 1)  # 2*1 + 3*0 + 5*0 + 6*(-1)
    -4.0
    """
    kh, kw = kernel.shape
    total = 0.0
    for i in range(kh):
        for j in range(kw):
            total += kernel[i, j] * image[row + i, col + j]
    return float(total)


def conv2d_loops(x, weight, bias, stride=1, padding=0):
    """A whole convolution layer in plain loops: channels, bias, zero padding and stride.

    Output channel ``o`` at ``(y, z)`` is ``bias[o]`` plus, for every input channel
    ``c`` and kernel tap ``(i, j)``, ``weight[o, c, i, j]`` times the padded input at
    row ``y * stride + i`` and column ``z * stride + j``.

    Parameters
    ----------
    x : numpy.ndarray
        Input, shape ``(C_in, H, W)``.
    weight : numpy.ndarray
        Kernels, shape ``(C_out, C_in, kh, kw)``.
    bias : numpy.ndarray
        One number per output channel, shape ``(C_out,)``.
    stride : int
        Step between neighbouring windows, in (padded) input pixels.
    padding : int
        Rows and columns of zeros added on every side of the input.

    Returns
    -------
    numpy.ndarray
        Shape ``(C_out, H_out, W_out)``.

    Examples
    --------
    >>> x = np.arange(16.0).reshape(1, 4, 4)
    >>> weight = np.ones((1, 1, 3, 3))
    >>> conv2d_loops(x, weight, np.array([0.5]), stride=2, padding=1)
    array([[[10.5, 24.5],
            [51.5, 90.5]]])
    """
    c_out, c_in, kh, kw = weight.shape
    _, height, width = x.shape
    padded = np.zeros((c_in, height + 2 * padding, width + 2 * padding))
    padded[:, padding : padding + height, padding : padding + width] = x
    h_out = (height + 2 * padding - kh) // stride + 1
    w_out = (width + 2 * padding - kw) // stride + 1
    out = np.zeros((c_out, h_out, w_out))
    for o in range(c_out):
        for y in range(h_out):
            for z in range(w_out):
                total = bias[o]
                for c in range(c_in):
                    for i in range(kh):
                        for j in range(kw):
                            total += weight[o, c, i, j] * padded[c, y * stride + i, z * stride + j]
                out[o, y, z] = total
    return out


def output_size(size, kernel, stride=1, padding=0, dilation=1):
    """The length of a convolution's output along one axis.

    A kernel of ``kernel`` taps with ``dilation`` spans ``dilation * (kernel - 1) + 1``
    input pixels; windows start every ``stride`` pixels of the input padded with
    ``padding`` zeros on *both* sides; count the windows that fit.

    Parameters
    ----------
    size, kernel, stride, padding, dilation : int

    Returns
    -------
    int

    Examples
    --------
    >>> output_size(28, 5)
    24
    >>> output_size(7, 3, stride=2, padding=1)
    4
    """
    span = dilation * (kernel - 1) + 1
    return (size + 2 * padding - span) // stride + 1


def relu_map(feature_map):
    """A feature map through a ReLU: keep *how much* where it is positive, 0 elsewhere.

    Parameters
    ----------
    feature_map : numpy.ndarray
        Any shape.

    Returns
    -------
    numpy.ndarray
        The same shape: ``feature_map`` where it is above 0, else 0.

    Examples
    --------
    >>> relu_map(np.array([[-4.0, 0.4], [2.0, -0.4]]))
    array([[0. , 0.4],
           [2. , 0. ]])
    """
    out = np.zeros(feature_map.shape)
    for index in np.ndindex(feature_map.shape):
        if feature_map[index] > 0:
            out[index] = feature_map[index]
    return out


def face_detector(eyes, mouth, bias=-2.5):
    """Layer 2's "face" map from layer 1's "eyes" and "mouth" channels.

    The face kernel spans both channels and a 4 x 5 window: it adds the eye channel at
    the window's top-left and top-right corners, ``(0, 0)`` and ``(0, 4)``, and the mouth
    channel three rows down in the middle, ``(3, 2)``. The score at each window
    position is that sum plus ``bias``, through a ReLU: it is above 0 only where two
    eyes sit side by side *and* a mouth sits below between them.

    Parameters
    ----------
    eyes, mouth : numpy.ndarray
        Layer 1's two channels, the same shape ``(H, W)``, at least 4 x 5.
    bias : float
        Added to every window's sum before the ReLU.

    Returns
    -------
    numpy.ndarray
        Shape ``(H - 3, W - 4)``: one score per window position.

    Examples
    --------
    >>> eyes, mouth = np.zeros((4, 5)), np.zeros((4, 5))
    >>> eyes[0, 0] = eyes[0, 4] = mouth[3, 2] = 1
    >>> face_detector(eyes, mouth)
    array([[0.5]])
    >>> face_detector(eyes, np.zeros((4, 5)))  # two eyes, no mouth: no face
    array([[0.]])
    """
    height, width = eyes.shape
    out = np.zeros((height - 3, width - 4))
    for r in range(height - 3):
        for c in range(width - 4):
            total = eyes[r, c] + eyes[r, c + 4] + mouth[r + 3, c + 2] + bias
            out[r, c] = max(total, 0.0)
    return out


def receptive_field_sizes(layers):
    """The receptive field, in input pixels, after each layer of a stack (one axis).

    Each layer is ``(kernel, stride, dilation)``. Keep two numbers while walking the
    stack: the field ``r`` (1 pixel before any layer) and the *jump* ``j``, the input
    pixels between neighbouring units (1 at the input). A layer's kernel spans
    ``k_eff = dilation * (kernel - 1) + 1`` of its input's units, so it adds
    ``(k_eff - 1) * j`` pixels to the field; then its stride multiplies the jump.

    Parameters
    ----------
    layers : list of (int, int, int)
        ``(kernel, stride, dilation)`` per layer; a pooling layer is ``(2, 2, 1)``.

    Returns
    -------
    list of int
        The receptive field after each layer.

    Examples
    --------
    >>> receptive_field_sizes([(3, 1, 1), (3, 1, 1), (3, 1, 1)])
    [3, 5, 7]
    >>> receptive_field_sizes([(3, 2, 1), (3, 1, 1)])
    [3, 7]
    """
    field, jump, sizes = 1, 1, []
    for kernel, stride, dilation in layers:
        span = dilation * (kernel - 1) + 1
        field += (span - 1) * jump
        jump *= stride
        sizes.append(field)
    return sizes


def compose_two_kernels(k1, k2):
    """The single kernel equal to two stacked linear convolutions.

    ``conv(conv(x, k1), k2)`` (stride 1, no padding, no bias, no activation between) is
    ``conv(x, k)`` for one kernel ``k`` of shape ``(kh1 + kh2 - 1, kw1 + kw2 - 1)``:
    ``k[a, b]`` adds ``k1[i, j] * k2[m, n]`` over every pair of taps with
    ``i + m == a`` and ``j + n == b`` (the two offsets add up).

    Parameters
    ----------
    k1, k2 : numpy.ndarray
        The first and the second layer's kernel, 2-D.

    Returns
    -------
    numpy.ndarray
        Shape ``(kh1 + kh2 - 1, kw1 + kw2 - 1)``.

    Examples
    --------
    >>> compose_two_kernels(np.array([[1.0, 2.0]]), np.array([[1.0, -1.0]]))
    array([[ 1.,  1., -2.]])
    """
    (kh1, kw1), (kh2, kw2) = k1.shape, k2.shape
    out = np.zeros((kh1 + kh2 - 1, kw1 + kw2 - 1))
    for i in range(kh1):
        for j in range(kw1):
            for m in range(kh2):
                for n in range(kw2):
                    out[i + m, j + n] += k1[i, j] * k2[m, n]
    return out


def layer2_unit(maps, kernel, bias, row, col):
    """One unit of a second convolution layer, by hand, from all of layer 1's maps.

    The unit's kernel has one ``kh x kw`` slice per layer-1 map. Lay every slice's
    top-left corner on ``(row, col)`` of its map, add all the products of all the
    slices, add the bias, and apply the ReLU.

    Parameters
    ----------
    maps : numpy.ndarray
        Layer 1's output, shape ``(C, H, W)`` (8 maps in the digits network).
    kernel : numpy.ndarray
        The unit's kernel, shape ``(C, kh, kw)``.
    bias : float
        The unit's bias.
    row, col : int
        The unit's position in its layer-2 map.

    Returns
    -------
    float

    Examples
    --------
    >>> maps = np.ones((2, 3, 3))
    >>> kernel = np.stack([np.eye(3), -np.ones((3, 3))])
    >>> layer2_unit(maps, kernel, 7.0, 0, 0)  # 3 - 9 + 7
    1.0
    >>> layer2_unit(maps, kernel, 5.0, 0, 0)  # 3 - 9 + 5 < 0: the ReLU gives 0
    0.0
    """
    channels, kh, kw = kernel.shape
    total = bias
    for c in range(channels):
        for i in range(kh):
            for j in range(kw):
                total += kernel[c, i, j] * maps[c, row + i, col + j]
    return float(max(total, 0.0))
