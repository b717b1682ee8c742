"""What a hostile user passes, and how a call to the public API must answer it.

Used by tests/test_properties_bad_input.py: :func:`answer` runs one call under a time and
memory limit with every warning an error, and checks that it either returns or raises a
plain ``ValueError``/``TypeError`` whose message names one of the caller's parameters.
"""

from __future__ import annotations

import contextlib
import inspect
import re
import resource
import signal
import warnings
from collections.abc import Callable

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

SECONDS = 2.0  # per call: a hang fails the test instead of blocking it
EXTRA_MEMORY = 4 << 30  # bytes of address space a call may add: a huge allocation fails fast

# Python's and numpy's own words: a message with one of them leaked from inside.
FOREIGN = (
    "could not be broadcast",
    "has no len()",
    "is not subscriptable",
    "unhashable type",
    "is not iterable",
    "zero-size array",
    "cannot reshape",
    "object is not callable",
    "unsupported operand",
    "invalid literal",
    "not enough values to unpack",
    "too many values to unpack",
    "index out of range",
    "truth value of an array",
    "Cannot cast",
    "out of bounds",
    "object has no attribute",
    "takes from",
    "got an unexpected keyword",
    "positional argument",
)


class Hang(BaseException):
    """A call took longer than :data:`SECONDS`."""


@contextlib.contextmanager
def limits(seconds: float = SECONDS):
    """A time limit (SIGALRM) and an address-space limit around a call."""

    def on_alarm(signum, frame):
        raise Hang(f"the call took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    cap = pages * resource.getpagesize() + EXTRA_MEMORY
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def parameter_names(func: Callable) -> list[str]:
    """The names a caller of ``func`` may pass (``self`` excluded)."""
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):  # pragma: no cover
        return []
    return [name for name in signature.parameters if name != "self"]


def names_a_parameter(message: str, names: list[str], also: tuple[str, ...] = ()) -> bool:
    """Whether ``message`` names one of ``names`` (as a word) or matches a pattern of ``also``."""
    if any(re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", message) for name in names):
        return True
    return any(re.search(pattern, message) for pattern in also)


def answer(
    label: str,
    func: Callable,
    kwargs: dict,
    *,
    names: list[str] | None = None,
    also: tuple[str, ...] = (),
    seconds: float = SECONDS,
):
    """Call ``func(**kwargs)``; return its result or the ValueError/TypeError it raised.

    Anything else fails the test: another exception (a numpy or Python error, a
    RuntimeWarning turned into one), a hang, a huge allocation, or a ValueError/TypeError
    whose message names none of the caller's parameters or speaks numpy's words.
    """
    names = parameter_names(func) if names is None else names
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with limits(seconds):
                return func(**kwargs)
    except (TypeError, ValueError) as error:
        kind = type(error)
        message = str(error)
        assert kind in (TypeError, ValueError), f"{label} raised {kind.__name__}: {message}"
        assert not any(text in message for text in FOREIGN), f"{label}: foreign words: {message}"
        if names or also:
            assert names_a_parameter(message, names, also), (
                f"{label}'s {kind.__name__} names none of {names}: {message}"
            )
        return error


# --------------------------------------------------------------------------- strategies

HUGE = [10**6, 10**9, 10**12, 2**62, 2**63, 10**30]
BAD_INTS = [-(10**30), -(2**63), -1, 0, *HUGE]
ints = st.sampled_from(
    [*BAD_INTS, 1, 2, 3, np.int64(2), np.int64(-1), np.uint8(0), np.int64(2**62)]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    ints,
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([np.nan, np.inf, -np.inf, 1e308, -0.0, 0.5, np.float32(np.nan), 1 + 2j]),
    st.text(max_size=4),
    st.sampled_from([b"same", "same", "valid", "auto", "fft", "face", "smiley"]),
    st.just(object()),
    st.just(print),
)
float_elements = st.floats(allow_nan=True, allow_infinity=True, width=64)


def float_arrays(min_dims=0, max_dims=5, max_side=4, min_side=0, dtype=np.float64, finite=False):
    elements = st.floats(-4, 4, width=32) if finite else float_elements
    if np.dtype(dtype).itemsize < 8:
        elements = st.floats(-4, 4, width=16) if finite else st.floats(width=16)
    return hnp.arrays(
        dtype,
        hnp.array_shapes(
            min_dims=min_dims, max_dims=max_dims, min_side=min_side, max_side=max_side
        ),
        elements=elements,
    )


arrays = st.one_of(
    float_arrays(),
    float_arrays(dtype=np.float32),
    float_arrays(dtype=np.float16),
    hnp.arrays(
        st.sampled_from([np.int64, np.uint8, np.bool_, np.int8]),
        hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=4),
    ),
    hnp.arrays(np.complex128, hnp.array_shapes(max_dims=2, max_side=3)),
    st.sampled_from(
        [
            np.array([None, 1.0], dtype=object),
            np.array(["a", "b"]),
            np.array(["2020-01-01"], dtype="datetime64[D]"),
            np.ones((2, 2))[:, ::2],
            np.broadcast_to(np.ones(3), (2, 3)),
            np.broadcast_to(np.float64(1), (1, 1, 2**16, 2**16)),  # 32 GiB that take no memory
            np.broadcast_to(np.float32(0), (2**15, 2**15)),
        ]
    ),
)
containers = st.one_of(
    st.lists(scalars, max_size=4),
    st.tuples(ints, ints),
    st.tuples(ints, ints, ints),
    st.dictionaries(st.text(max_size=2), ints, max_size=2),
    st.sampled_from([[[1.0, 2.0], [3.0]], [], (), set(), {"w": np.ones(2)}, [np.ones(2)]]),
)
hostile = st.one_of(scalars, arrays, containers)
