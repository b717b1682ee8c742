"""Every public name is documented with a numpydoc docstring that has a runnable example."""

import inspect

import numpy as np
import pytest

import convdemo

PUBLIC = [name for name in convdemo.__all__ if name != "__version__"]


def test_import_convdemo_does_not_import_plotting_libraries():
    import subprocess
    import sys

    code = (
        "import sys, convdemo; "
        "print(sorted(m for m in ('matplotlib', 'skimage', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_has_an_example(name):
    obj = getattr(convdemo, name)
    if isinstance(obj, tuple):  # KERNEL_NAMES, documented in its module
        assert all(isinstance(item, str) for item in obj)
        return
    doc = inspect.getdoc(obj)
    assert doc, f"{name} has no docstring"
    if inspect.isfunction(obj):
        assert "Examples\n--------" in doc and ">>>" in doc, f"{name} lacks a runnable example"


@pytest.mark.parametrize("name", PUBLIC)
def test_public_functions_have_type_hints(name):
    obj = getattr(convdemo, name)
    if inspect.isfunction(obj):
        hints = inspect.get_annotations(obj)
        assert "return" in hints, f"{name} has no return annotation"


def test_version_is_a_release_string():
    major, minor, patch = convdemo.__version__.split(".")
    assert all(part.isdigit() for part in (major, minor, patch))


def test_every_public_function_validates_a_string_argument():
    # a string where an array belongs is a TypeError naming the argument, never a numpy error
    for func, args in [
        (convdemo.conv2d, ("x", np.ones((2, 2)))),
        (convdemo.relu, ("x",)),
        (convdemo.max_pool2d, ("x", 2)),
        (convdemo.compose_kernels, ("w1", np.ones((2, 2)))),
    ]:
        with pytest.raises(TypeError, match="must be a real numeric array"):
            func(*args)
