"""Argument validation shared by every public function: the bad-input policy.

One place for the error messages, so that every public function says the same
thing about the same mistake: the argument's name, what was expected, and what
was given. The policy, written out on the API page ("What every function does with
bad input", docs/api.md), and the helper here that applies each rule:

- wrong kind (str, None, float or bool for an int, complex or object arrays): TypeError
  (:func:`as_data_array`, :func:`as_int`, :func:`as_real`);
- right kind, wrong value (range, shape, rank, empty, unknown name, NaN/inf where finite
  numbers are needed, beyond a limit): ValueError. Integers in a sequence or array where
  one integer is expected: a wrong shape, ValueError (:func:`as_int`, :func:`as_int_pair`);
- NumPy integer scalars and 0-d integer arrays are integers; bool is never a number;
- sizes at most :data:`MAX_SIZE`, arrays at most :data:`MAX_ELEMENTS`, checked before
  allocating (:func:`check_elements`);
- NaN and inf: array arithmetic follows IEEE without warnings (:func:`ieee`); decisions,
  measurements and descriptions refuse them (:func:`check_finite`,
  :func:`check_finite_network`); scalar settings must be finite (:func:`as_real`);
- everything is checked before any state changes; no caller's array is written to or kept.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence

import numpy as np

__all__ = [
    "MAX_ELEMENTS",
    "MAX_SIZE",
    "as_data_array",
    "as_int",
    "as_int_pair",
    "as_real",
    "check_elements",
    "check_finite",
    "check_finite_network",
    "check_ndim",
    "check_not_empty",
    "describe",
    "float_dtype_for",
    "ieee",
    "in_context",
    "join_names",
    "mean_of_windows",
]

MAX_ELEMENTS = 1 << 28
"""Most numbers any array convdemo allocates may hold (2 GiB of float64).

Sizes are checked against it *before* anything is allocated, so that a typo such as
``shape=10**6`` is a ``ValueError`` naming the argument, not a ``MemoryError`` or a
machine that swaps for an hour.
"""


MAX_SIZE = 1 << 32
"""Largest value of any size argument: padding, dilation, stride, a kernel or image side.

Sizes this large already describe arrays of more than :data:`MAX_ELEMENTS` numbers (or,
for padding and dilation, taps that read nothing but zeros); beyond it, arithmetic on
them would leave the exact integers of float64 and numpy's int64. A larger value is a
``ValueError`` naming the argument.
"""


def ieee() -> np.errstate:
    """Arithmetic that follows IEEE rules without numpy's warnings (inf, NaN propagate)."""
    return np.errstate(all="ignore")


def join_names(names: Iterable[str]) -> str:
    """``"a"``, ``"a and b"``, ``"a, b and c"``."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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
    if ndims is not None:
        check_ndim(array.shape, name, ndims)
    if array.size > MAX_ELEMENTS:  # e.g. a broadcast view: every result would be as large
        raise ValueError(
            f"{name} has shape {array.shape}, {array.size:.3g} numbers; convdemo works on at "
            f"most {MAX_ELEMENTS:,} (2**{MAX_ELEMENTS.bit_length() - 1}) numbers per array"
        )
    return array


def check_ndim(shape: Sequence[int], name: str, ndims: Sequence[int]) -> None:
    """Refuse an array of ``shape`` whose rank is not one of ``ndims``."""
    if len(shape) not in ndims:
        names = [str(n) for n in ndims]
        expected = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        raise ValueError(f"{name} must have {expected} dimensions, got shape {tuple(shape)}")


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


def _integer_items(value: object) -> bool:
    """Whether ``value`` is a sequence or array of integers (a shape mistake, not a type one)."""
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "iu"
    if isinstance(value, tuple | list):
        return all(
            isinstance(item, numbers.Integral) and not isinstance(item, bool) for item in value
        )
    return False


def as_int(
    value: object, name: str, minimum: int | None = None, maximum: int | None = MAX_SIZE
) -> int:
    """An integer argument (Python or numpy integer, or a 0-d integer array; not bool/float).

    A sequence or array of integers where one integer is expected is a ``ValueError`` (a
    wrong shape, as for arrays); any other non-integer is a ``TypeError``. ``maximum``
    defaults to :data:`MAX_SIZE` (``None``: no upper bound, for seeds).
    """
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu":
        value = value[()]
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if _integer_items(value):
            raise ValueError(f"{name} must be a single integer, got {describe(value)}")
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    result = int(value)
    if minimum is not None and result < minimum:
        qualifier = "positive" if minimum == 1 else f">= {minimum}"
        raise ValueError(f"{name} must be {qualifier}, got {result}")
    if maximum is not None and result > maximum:
        raise ValueError(
            f"{name} must be at most {maximum:,} (2**{maximum.bit_length() - 1}), got {result}"
        )
    return result


def as_int_pair(
    value: object, name: str, minimum: int | None = None, maximum: int | None = MAX_SIZE
) -> tuple[int, int]:
    """An int or a pair of ints, as a pair ``(rows, cols)``."""
    if isinstance(value, tuple | list) or (isinstance(value, np.ndarray) and value.ndim == 1):
        items = list(value)
        if len(items) != 2:
            raise ValueError(f"{name} must be an int or a pair of ints, got {describe(value)}")
        first = as_int(items[0], name, minimum, maximum)
        second = as_int(items[1], name, minimum, maximum)
        return first, second
    single = as_int(value, name, minimum, maximum)
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
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer beyond float's range
        finite = False
    if not finite:
        raise ValueError(f"{name} must be finite, got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum:g}, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    if below is not None and value >= below:
        raise ValueError(f"{name} must be < {below:g}, got {value}")
    return float(value)


def check_elements(shape: Sequence[int], names: str | Sequence[str], what: str) -> None:
    """Refuse, before allocating it, an array of ``shape`` larger than :data:`MAX_ELEMENTS`.

    ``names`` are the caller's arguments that decide the size; ``what`` says what the
    array is ("the output", "layer-1 weights", ...).
    """
    shape = tuple(int(n) for n in shape)
    count = math.prod(shape)
    if count > MAX_ELEMENTS:
        who = join_names([names] if isinstance(names, str) else names)
        verb = "gives" if isinstance(names, str) or len(names) == 1 else "give"
        raise ValueError(
            f"{who} {verb} {what} of shape {shape}, {count:.3g} numbers; convdemo allocates "
            f"at most {MAX_ELEMENTS:,} (2**{MAX_ELEMENTS.bit_length() - 1}) numbers per array"
        )


def check_finite(array: np.ndarray, name: str) -> None:
    """Refuse NaN and infinity where they cannot mean anything (training data, labels...)."""
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(f"{name} must hold finite numbers only, got {bad} NaN or infinite")


def check_finite_network(stack: object, name: str = "stack") -> None:
    """Refuse a network whose weights hold NaN or infinity, where its output becomes a
    decision, a measurement or a description (predict, train, receptive-field maps...)."""
    for key, value in stack.parameters().items():
        check_finite(np.asarray(value), f"{name}'s parameter {key!r}")


def mean_of_windows(values: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """``mean`` of ``values`` over the last two axes, with the sums that overflowed float64
    (values near 1e308) redone as sums of ``value / count``: a finite mean stays finite."""
    overflow = ~np.isfinite(mean)
    if overflow.any():
        count = values.shape[-1] * values.shape[-2]
        with ieee():
            scaled = (values / count).sum(axis=(-2, -1), dtype=np.float64)
            mean = np.where(overflow & np.isfinite(scaled), scaled, mean)
    return mean


def check_not_empty(array: np.ndarray, name: str, what: str = "one image") -> None:
    """Refuse a batch with no examples."""
    if len(array) == 0:
        raise ValueError(f"{name} must hold at least {what}, got shape {array.shape}")


def in_context(error: Exception, context: str) -> Exception:
    """The same kind of error (ValueError or TypeError) with ``context`` in front of it."""
    kind = TypeError if isinstance(error, TypeError) else ValueError
    return kind(f"{context}: {error}")
