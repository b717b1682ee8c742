"""The convolution written as plain loops: the definition a learner can read.

:func:`conv2d_reference` computes exactly what :func:`convdemo.conv2d` computes,
one output number at a time, with nothing but ``for`` loops, a multiplication and
a sum. It is thousands of times slower than :func:`~convdemo.conv2d` (which
gathers the same products into one matrix product, or uses FFTs), and it is the
definition the fast engine is tested against (``tests/test_reference.py``).
"""

from __future__ import annotations

import numpy as np

from ._docstrings import with_shared_text
from .conv import conv_operands
from .geometry import Padding, conv_output_size

__all__ = ["conv2d_reference"]


@with_shared_text
def conv2d_reference(
    x: np.typing.ArrayLike,
    weight: np.typing.ArrayLike,
    bias: np.typing.ArrayLike | None = None,
    *,
    stride: int | tuple[int, int] = 1,
    padding: Padding = 0,
    dilation: int | tuple[int, int] = 1,
) -> np.ndarray:
    """:func:`convdemo.conv2d`, one output number at a time, in plain loops.

    Each output number is a sum of products: for output channel ``o`` at row ``y``
    and column ``z``, every input channel ``c`` and kernel tap ``(i, j)`` adds
    ``weight[o, c, i, j] * x[c, row, col]``, where ``(row, col)`` is the input
    pixel that tap sits on. A tap that sits on the padding adds nothing (the
    padding is zeros).

    Parameters
    ----------
    {{conv_x}}
    {{conv_weight}}
    {{conv_bias}}
    {{conv_stride_padding_dilation}}

    Returns
    -------
    numpy.ndarray
        The same shape and dtype as :func:`convdemo.conv2d` returns for these
        arguments, and the same numbers up to rounding (exactly the same for
        integer-valued data).

    Raises
    ------
    TypeError, ValueError
        For the same arguments as :func:`convdemo.conv2d`, with the same messages
        (it checks them with the same code).

    See Also
    --------
    convdemo.conv2d : The same numbers, fast.

    Examples
    --------
    The top-left output number of a 3x3 image seen through a 2x2 kernel is
    ``1*1 + 2*0 + 4*0 + 5*(-1) = -4``:

    >>> import numpy as np
    >>> x = np.array([[1, 2, 3],
    ...               [4, 5, 6],
    ...               [7, 8, 9]])
    >>> k = np.array([[1, 0],
    ...               [0, -1]])
    >>> conv2d_reference(x, k)
    array([[-4., -4.],
           [-4., -4.]])

    With ``padding=1`` the taps that sit on the zeros around the image add nothing:

    >>> conv2d_reference(x, k, padding=1)[0]
    array([-1., -2., -3.,  0.])

    It checks its arguments as :func:`convdemo.conv2d` does:

    >>> conv2d_reference(x, k, stride=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: stride must be ...
    """
    x4, w4, b, geometry, _ = conv_operands(
        x, weight, bias, stride=stride, padding=padding, dilation=dilation
    )
    n_images, c_in, height, width = x4.shape
    c_out, _, kh, kw = w4.shape
    (sh, sw), (dh, dw) = geometry.stride, geometry.dilation
    (top, bottom), (left, right) = geometry.pads
    h_out = conv_output_size(height + top + bottom, kh, stride=sh, dilation=dh)
    w_out = conv_output_size(width + left + right, kw, stride=sw, dilation=dw)

    out = np.zeros((n_images, c_out, h_out, w_out), dtype=geometry.dtype)
    for n in range(n_images):
        for o in range(c_out):
            for y in range(h_out):
                for z in range(w_out):
                    total = 0.0
                    for c in range(c_in):
                        for i in range(kh):
                            for j in range(kw):
                                # the input pixel under tap (i, j), in unpadded coordinates
                                row = y * sh + i * dh - top
                                col = z * sw + j * dw - left
                                if 0 <= row < height and 0 <= col < width:
                                    total += w4[o, c, i, j] * x4[n, c, row, col]
                    out[n, o, y, z] = total
    if b is not None:
        out += b[:, None, None]
    return geometry.restore_rank(out)
