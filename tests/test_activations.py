"""Activations: values, slopes (against finite differences), dtypes, bad input."""

import numpy as np
import pytest

import convdemo as cd

PAIRS = [
    (cd.relu, cd.relu_derivative),
    (cd.leaky_relu, cd.leaky_relu_derivative),
    (cd.sigmoid, cd.sigmoid_derivative),
    (cd.tanh, cd.tanh_derivative),
    (cd.step, cd.step_derivative),
]


def test_values_by_hand():
    x = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    np.testing.assert_array_equal(cd.relu(x), [0, 0, 0, 0.5, 3])
    np.testing.assert_array_equal(cd.step(x), [0, 0, 0, 1, 1])
    np.testing.assert_array_equal(cd.step(x, threshold=0.5), [0, 0, 0, 0, 1])
    np.testing.assert_allclose(cd.leaky_relu(x, 0.1), [-0.2, -0.05, 0, 0.5, 3])
    np.testing.assert_allclose(cd.sigmoid(np.array([0.0, np.log(3.0)])), [0.5, 0.75])
    np.testing.assert_allclose(cd.tanh(np.array([np.log(2.0)])), [0.6])


def test_step_keeps_whether_relu_keeps_how_much():
    weak, strong = np.array([0.1]), np.array([9.0])
    assert cd.step(weak)[0] == cd.step(strong)[0] == 1.0
    assert cd.relu(strong)[0] / cd.relu(weak)[0] == pytest.approx(90.0)


@pytest.mark.parametrize(("f", "df"), PAIRS[:4])
def test_derivatives_match_finite_differences(f, df):
    x = np.linspace(-3, 3, 25) + 0.013  # avoid the kink at exactly 0
    eps = 1e-6
    numeric = (f(x + eps) - f(x - eps)) / (2 * eps)
    np.testing.assert_allclose(df(x), numeric, rtol=1e-6, atol=1e-8)


def test_step_has_zero_slope_everywhere():
    x = np.linspace(-3, 3, 11)
    np.testing.assert_array_equal(cd.step_derivative(x), np.zeros(11))


def test_relu_derivative_at_zero_is_zero_like_pytorch():
    assert cd.relu_derivative(np.array([0.0]))[0] == 0.0


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise", invalid="raise"):
        out = cd.sigmoid(np.array([-1e4, 1e4]))
    np.testing.assert_array_equal(out, [0.0, 1.0])


@pytest.mark.parametrize(("f", "df"), PAIRS)
def test_float32_stays_float32_and_ints_become_float64(f, df):
    assert f(np.ones(3, dtype=np.float32)).dtype == np.float32
    assert df(np.ones(3, dtype=np.float32)).dtype == np.float32
    assert f(np.arange(3)).dtype == np.float64


@pytest.mark.parametrize("f", [f for pair in PAIRS for f in pair])
def test_nan_propagates(f):
    # class B of issue 24: the policy (docs/api.md) is one answer for every elementwise
    # function: a function of NaN is NaN (step used to call it 0, as NaN > 0 is False)
    out = f(np.array([np.nan, 1.0, -1.0]))
    assert np.isnan(out[0]) and np.isfinite(out[1:]).all()


@pytest.mark.parametrize("f", [p[0] for p in PAIRS])
@pytest.mark.parametrize("bad", ["abc", np.array(["a"]), np.array([1 + 2j]), [[1, 2], [3]]])
def test_non_numeric_input_is_refused(f, bad):
    with pytest.raises(TypeError, match="x must be a real numeric array"):
        f(bad)


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError, match="threshold must be finite"):
        cd.step([1.0], threshold=np.nan)
    with pytest.raises(TypeError, match="threshold must be a real number"):
        cd.step([1.0], threshold="0")
    with pytest.raises(TypeError, match="negative_slope must be a real number"):
        cd.leaky_relu([1.0], negative_slope=None)
