"""Docstring text that several public functions share, written once.

A docstring line that holds only ``{{name}}`` stands for the block :data:`SHARED` ``[name]``;
:func:`with_shared_text` puts the block there, indented as that line, when the module is
imported. ``help()``, the doctests and the API pages read the whole text; the source says
each thing once.
"""

from __future__ import annotations

import re
import textwrap
from typing import TypeVar

__all__ = ["SHARED", "with_shared_text"]

T = TypeVar("T")

SHARED: dict[str, str] = {
    # The arguments of a convolution: conv2d, its backward pass, the reference loops, the
    # layer and the geometry.
    "conv_x": """\
x : array_like
    Input, shape ``(N, C_in, H, W)`` or ``(C_in, H, W)``; or a single-channel
    image ``(H, W)`` together with a 2-D ``weight``.""",
    "conv_weight": """\
weight : array_like
    Kernels, shape ``(C_out, C_in, kh, kw)``; or ``(kh, kw)`` for a 2-D ``x``.""",
    "conv_bias": """\
bias : array_like, optional
    One number per output channel, shape ``(C_out,)`` (a scalar for 2-D ``x``),
    cast to the output's dtype.""",
    "conv_stride_padding_dilation": """\
stride : int or (int, int), default 1
    Step between neighbouring output pixels, in input pixels.
padding : int, (int, int), "valid" or "same", default 0
    Zeros added on each side of the input. ``"same"`` keeps the size (stride
    1 only; an odd total is split with the extra zero at the bottom/right).
dilation : int or (int, int), default 1
    Spacing between kernel taps.""",
    # What every layer's backward pass refuses.
    "backward_raises": """\
TypeError
    If ``x`` or ``grad_output`` is not a real numeric array.
ValueError
    If ``x`` does not fit (as :meth:`forward`), or ``grad_output`` does not have the
    forward output's shape.""",
}
"""The shared blocks, by name."""

_MARKER = re.compile(r"^(?P<indent>[ \t]*)\{\{(?P<name>\w+)\}\}[ \t]*$", re.MULTILINE)


def with_shared_text(obj: T) -> T:
    """Put the :data:`SHARED` blocks into ``obj``'s docstring, in place of their markers.

    A marker of an unknown name is a ``KeyError`` at import: a typo cannot reach a page.

    Examples
    --------
    >>> @with_shared_text
    ... def f(x):
    ...     '''Parameters
    ...     ----------
    ...     {{conv_x}}
    ...     '''
    >>> print(f.__doc__.splitlines()[2].strip())
    x : array_like
    """
    if obj.__doc__:  # None under python -OO
        obj.__doc__ = _MARKER.sub(
            lambda match: textwrap.indent(SHARED[match["name"]], match["indent"]), obj.__doc__
        )
    return obj
