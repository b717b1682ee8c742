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


def check_network_gradients(net, x: np.ndarray, labels: np.ndarray, rng) -> int:
    """Assert a network's backward pass equals finite differences; the parameters checked.

    Every bias is first set to small random numbers (a zero bias would not exercise its
    gradient). The loss is the softmax cross-entropy of the network's scores; the gradient
    of ``x`` and of every parameter of every layer is compared with :func:`numeric_gradient`.
    """
    import convdemo as cd

    for layer in net:
        for name, value in layer.parameters().items():
            if name == "bias":
                value[...] = rng.normal(0, 0.1, value.shape)

    def loss():
        return cd.softmax_cross_entropy(net.forward(x), labels)[0]

    trace = net.trace(x)
    _, grad = cd.softmax_cross_entropy(trace[-1], labels)
    grad_x, layer_grads = net.backward(x, grad, trace=trace)
    np.testing.assert_allclose(grad_x, numeric_gradient(loss, x), atol=1e-7)
    checked = 0
    for layer, grads in zip(net, layer_grads, strict=True):
        for name, value in layer.parameters().items():
            np.testing.assert_allclose(grads[name], numeric_gradient(loss, value), atol=1e-7)
            checked += 1
    return checked
