"""Finite-difference gradients for the tests' gradient checks.

A plain module, not a fixture in tests/conftest.py: with ``--doctest-modules`` pytest 9
imports every conftest.py as a module named ``conftest``, and a tests/conftest.py then
clashes with the conftest.py of a folder below it. The test modules of tests/ import it
as ``gradcheck`` (pytest puts tests/ on ``sys.path`` for them: no ``__init__.py``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numeric_gradient(f: Callable[[], float], array: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central differences of the scalar ``f()`` with respect to every element of ``array``.

    ``f`` takes no arguments: it reads ``array``, which is changed in place, one element at
    a time, and put back before the next.

    Examples
    --------
    >>> x = np.array([1.0, 2.0])
    >>> numeric_gradient(lambda: float((x**2).sum()), x).round(6)
    array([2., 4.])
    """
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
