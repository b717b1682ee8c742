"""Tests of the shared argument validation in convdemo._checks."""

from __future__ import annotations

import numpy as np
import pytest

from convdemo._checks import as_data_array, as_int, as_int_pair, describe, float_dtype_for


def test_describe():
    assert describe(np.zeros((2, 3), np.float32)) == "an array of shape (2, 3) and dtype float32"
    assert describe("same") == "the string 'same'"
    assert describe(1.5) == "1.5 (float)"
    assert describe(None) == "None (NoneType)"


@pytest.mark.parametrize(
    "value",
    [[[1, 2], [3, 4]], np.ones((2, 2), bool), np.arange(4, dtype=np.uint8), 3.0, np.float16(2)],
)
def test_as_data_array_accepts_real_numbers(value):
    array = as_data_array(value, "x")
    assert isinstance(array, np.ndarray)
    np.testing.assert_array_equal(array, np.asarray(value))


def test_as_data_array_does_not_copy_arrays():
    a = np.ones((3, 3))
    assert as_data_array(a, "x") is a


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("text", "the string 'text'"),
        (b"bytes", "real numeric array"),
        (np.array(["a", "b"]), "dtype <U1"),
        (np.array([1, None], dtype=object), "dtype object"),
        (np.ones(3, complex), "dtype complex128"),
        (1j, "1j (complex)"),
        ([[1, 2], [3]], "ragged"),
        (np.array(["2020-01-01"], dtype="datetime64[D]"), "datetime64"),
        ({"a": 1}, "dtype object"),
    ],
)
def test_as_data_array_refuses_non_numeric_data(value, fragment):
    with pytest.raises(TypeError, match=r"^weight must be a real numeric array") as info:
        as_data_array(value, "weight")
    assert fragment in str(info.value)


def test_as_data_array_checks_the_rank():
    assert as_data_array(np.ones((2, 2)), "x", (2, 4)).shape == (2, 2)
    with pytest.raises(ValueError, match=r"^x must have 2, 3 or 4 dimensions, got shape \(5,\)$"):
        as_data_array(np.ones(5), "x", (2, 3, 4))
    with pytest.raises(ValueError, match=r"^bias must have 1 dimensions, got shape \(\)$"):
        as_data_array(1.0, "bias", (1,))
    with pytest.raises(ValueError, match=r"^w must have 2 or 4 dimensions"):
        as_data_array(np.ones((1, 1, 1)), "w", (2, 4))


@pytest.mark.parametrize(
    ("dtypes", "expected"),
    [
        ((np.float32,), np.float32),
        ((np.float32, np.float32), np.float32),
        ((np.float32, np.float64), np.float64),
        ((np.float16,), np.float32),
        ((np.float16, np.float16), np.float32),
        ((np.int64,), np.float64),
        ((np.int8, np.uint16), np.float64),
        ((bool,), np.float64),
        ((np.int64, np.float32), np.float32),
        ((np.longdouble,), np.longdouble),
    ],
)
def test_float_dtype_for(dtypes, expected):
    arrays = [np.zeros(2, dtype=d) for d in dtypes]
    assert float_dtype_for(*arrays) == np.dtype(expected)


def test_float_dtype_for_ignores_none():
    assert float_dtype_for(np.zeros(2, np.float32), None) == np.float32
    assert float_dtype_for(None) == np.float64


@pytest.mark.parametrize("value", [3, np.int64(3), np.uint8(3), np.int32(3)])
def test_as_int_accepts_integers(value):
    result = as_int(value, "stride", minimum=1)
    assert result == 3 and type(result) is int


@pytest.mark.parametrize(
    "value", [3.0, 2.5, float("nan"), float("inf"), True, np.True_, None, "3", np.float64(3), [3.0]]
)
def test_as_int_refuses_non_integers(value):
    with pytest.raises(TypeError, match=r"^stride must be an integer, got "):
        as_int(value, "stride")


def test_as_int_minimum():
    assert as_int(0, "padding", minimum=0) == 0
    assert as_int(-5, "offset") == -5
    with pytest.raises(ValueError, match=r"^stride must be positive, got 0$"):
        as_int(0, "stride", minimum=1)
    with pytest.raises(ValueError, match=r"^padding must be >= 0, got -1$"):
        as_int(-1, "padding", minimum=0)
    with pytest.raises(ValueError, match=r"^size must be >= 2, got 1$"):
        as_int(1, "size", minimum=2)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2, (2, 2)),
        ((1, 3), (1, 3)),
        ([4, 5], (4, 5)),
        (np.array([6, 7]), (6, 7)),
        (np.int8(1), (1, 1)),
    ],
)
def test_as_int_pair(value, expected):
    assert as_int_pair(value, "dilation", minimum=1) == expected


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ((1, 2, 3), ValueError),
        ((1,), ValueError),
        ([], ValueError),
        ((1, 0), ValueError),
        ((1.0, 2), TypeError),
        ((1, True), TypeError),
        (np.array([1.0, 2.0]), TypeError),
        (0, ValueError),
        (2.0, TypeError),
        ("2", TypeError),
    ],
)
def test_as_int_pair_errors_name_the_argument(value, error):
    with pytest.raises(error, match=r"^dilation must be "):
        as_int_pair(value, "dilation", minimum=1)


def test_as_real_names_the_argument_and_the_bound():
    from convdemo._checks import as_real

    assert as_real(3, "lr", positive=True) == 3.0
    with pytest.raises(TypeError, match="lr must be a real number"):
        as_real(True, "lr")
    with pytest.raises(ValueError, match="lr must be finite"):
        as_real(float("inf"), "lr")
    with pytest.raises(ValueError, match="lr must be > 0, got 0"):
        as_real(0, "lr", positive=True)
    with pytest.raises(ValueError, match="beta must be >= 0"):
        as_real(-0.5, "beta", minimum=0)
    with pytest.raises(ValueError, match="beta must be < 1"):
        as_real(1.0, "beta", below=1)


@pytest.mark.parametrize("value", [[3], (3, 4), np.array([3]), np.array([[3]])])
def test_as_int_calls_integers_of_the_wrong_shape_a_value_error(value):
    # the policy (docs/api.md): a shape mistake is a ValueError, as for arrays
    with pytest.raises(ValueError, match=r"^stride must be a single integer, got"):
        as_int(value, "stride")


def test_as_int_has_a_documented_maximum():
    from convdemo._checks import MAX_SIZE

    assert as_int(MAX_SIZE, "stride") == MAX_SIZE
    with pytest.raises(ValueError, match=r"^stride must be at most 4,294,967,296 \(2\*\*32\)"):
        as_int(MAX_SIZE + 1, "stride")
    assert as_int(2**80, "seed", maximum=None) == 2**80
