"""Argument validation shared by every public function.

One place for the error messages, so that every public function says the same
thing about the same mistake: the argument's name, what was expected, and what
was given.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

__all__ = [
    "as_data_array",
    "as_int",
    "as_int_pair",
    "as_real",
    "describe",
    "float_dtype_for",
]


def describe(value: object) -> str:
    """A short description of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, str):
        return f"the string {value!r}"
    return f"{value!r} ({type(value).__name__})"


def as_data_array(value: object, name: str, ndims: Sequence[int] | None = None) -> np.ndarray:
    """Turn ``value`` into a real numeric array, or raise naming ``name``.

    Booleans and integers are accepted (callers promote them); strings, objects,
    complex numbers and ragged nested lists are refused with a ``TypeError``.
    A rank outside ``ndims`` is refused with a ``ValueError``.
    """
    if isinstance(value, str | bytes):
        raise TypeError(f"{name} must be a real numeric array, got {describe(value)}")
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested sequences
        raise TypeError(
            f"{name} must be a real numeric array, got a ragged sequence ({error})"
        ) from None
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must be a real numeric array (bool, int or float), "
            f"got dtype {array.dtype} ({describe(value) if array.ndim == 0 else 'array'})"
        )
    if ndims is not None and array.ndim not in ndims:
        names = [str(n) for n in ndims]
        expected = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        raise ValueError(f"{name} must have {expected} dimensions, got shape {array.shape}")
    return array


def float_dtype_for(*arrays: np.ndarray) -> np.dtype:
    """The floating dtype a computation on ``arrays`` runs in.

    Floating inputs keep their precision (float32 stays float32); integer and
    boolean inputs are computed in float64; float16 is computed in float32.
    """
    floats = [a.dtype for a in arrays if a is not None and a.dtype.kind == "f"]
    if not floats:
        return np.dtype(np.float64)
    dtype = np.result_type(*floats)
    if dtype.itemsize < 4:
        return np.dtype(np.float32)
    return np.dtype(dtype)


def as_int(value: object, name: str, minimum: int | None = None) -> int:
    """An integer argument (Python or numpy integer, not bool/float/NaN)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    result = int(value)
    if minimum is not None and result < minimum:
        qualifier = "positive" if minimum == 1 else f">= {minimum}"
        raise ValueError(f"{name} must be {qualifier}, got {result}")
    return result


def as_int_pair(value: object, name: str, minimum: int | None = None) -> tuple[int, int]:
    """An int or a pair of ints, as a pair ``(rows, cols)``."""
    if isinstance(value, tuple | list) or (isinstance(value, np.ndarray) and value.ndim == 1):
        items = list(value)
        if len(items) != 2:
            raise ValueError(f"{name} must be an int or a pair of ints, got {describe(value)}")
        first = as_int(items[0], name, minimum)
        second = as_int(items[1], name, minimum)
        return first, second
    single = as_int(value, name, minimum)
    return single, single


def as_real(
    value: object,
    name: str,
    *,
    minimum: float | None = None,
    positive: bool = False,
    below: float | None = None,
) -> float:
    """A finite real number (not bool), optionally ``>= minimum``, ``> 0`` or ``< below``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum:g}, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    if below is not None and value >= below:
        raise ValueError(f"{name} must be < {below:g}, got {value}")
    return float(value)
