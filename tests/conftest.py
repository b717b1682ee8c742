"""Fixtures shared by the test modules of tests/ (and its folders)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


def _numeric_gradient(f: Callable[[], float], array, eps: float = 1e-6):
    """Central differences of the scalar ``f()`` with respect to every element of ``array``.

    ``f`` takes no arguments: it reads ``array``, which is changed in place, one element at
    a time, and put back before the next.
    """
    import numpy as np

    grad = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        old = array[idx]
        array[idx] = old + eps
        plus = f()
        array[idx] = old - eps
        minus = f()
        array[idx] = old
        grad[idx] = (plus - minus) / (2 * eps)
    return grad


@pytest.fixture(scope="session")  # session: usable in hypothesis tests as well
def numeric_gradient():
    """``numeric_gradient(f, array, eps=1e-6)``: the finite-difference gradient of ``f()``."""
    return _numeric_gradient
