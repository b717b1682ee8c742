"""Claims of gallery/nonlinearity/plot_depth_without_nonlinearity.py."""

import numpy as np
import pytest

from convdemo import Conv2d, ReLU, Stack, compose_kernels, conv2d, named_kernel
from convdemo.data import sample_image

PATCH = 7
KINDS = ("corner", "horizontal", "vertical", "blank")
BLANK = np.full((PATCH, PATCH), 0.5)


def draw(kind, polarity, rng):
    patch = np.full((PATCH, PATCH), 0.5)
    ink = 0.5 + 0.5 * polarity
    if kind == "horizontal":
        row, col = rng.integers(1, 6), rng.integers(1, 4)
        patch[row, col : col + 3] = ink
    elif kind == "vertical":
        row, col = rng.integers(1, 4), rng.integers(1, 6)
        patch[row : row + 3, col] = ink
    elif kind == "corner":
        down = rng.integers(2) == 1
        row = rng.integers(1, 3) if down else rng.integers(4, 6)
        col = rng.integers(1, 4)
        end = col + 2 * rng.integers(2)
        top = row + 1 if down else row - 3
        patch[row, col : col + 3] = ink
        patch[top : top + 3, end] = ink
    return patch


def make_dataset(per_kind, rng, polarities=(1, -1), noise=0.02):
    patches, kinds, signs = [], [], []
    for kind in KINDS:
        for _ in range(per_kind):
            polarity = 0 if kind == "blank" else rng.choice(polarities)
            patches.append(draw(kind, polarity, rng) + rng.normal(0, noise, (PATCH, PATCH)))
            kinds.append(kind)
            signs.append(polarity)
    return np.array(patches), np.array(kinds), np.array(signs)


def detector():
    line_h, line_v = named_kernel("horizontal_line"), named_kernel("vertical_line")
    layer1 = Conv2d(np.stack([line_h, -line_h, line_v, -line_v])[:, None], bias=np.full(4, -1.5))
    layer2 = Conv2d(np.ones((1, 4, 5, 5)), bias=np.array([-3.5]))
    return Stack([layer1, ReLU(), layer2, ReLU()])


def fit_linear_filter(patches, target):
    design = np.column_stack([patches.reshape(len(patches), -1), np.ones(len(patches))])
    coef, *_ = np.linalg.lstsq(design, target.astype(float), rcond=None)
    return coef[:-1].reshape(PATCH, PATCH), coef[-1]


def linear_response(patches, weights, bias):
    return (patches * weights).sum(axis=(-2, -1)) + bias


def scores(response, is_corner, threshold):
    corners, others = response[is_corner], response[~is_corner]
    above = (corners[:, None] > others[None, :]).mean()
    ties = (corners[:, None] == others[None, :]).mean()
    accuracy = ((response > threshold) == is_corner).mean()
    return accuracy, corners.min() - others.max(), above + ties / 2


def clean_corner(polarity):
    ink = 0.5 + 0.5 * polarity
    horizontal, vertical = BLANK.copy(), BLANK.copy()
    horizontal[2, 2:5] = ink
    vertical[3:6, 2] = ink
    return horizontal + vertical - BLANK, horizontal, vertical


@pytest.fixture(scope="module")
def data():
    patches, kinds, signs = make_dataset(60, np.random.default_rng(1))
    is_corner = kinds == "corner"
    weights, bias = fit_linear_filter(patches, is_corner)
    return patches, kinds, signs, is_corner, weights, bias


def test_two_linear_layers_are_one():
    image = sample_image("camera")[::2, ::2]
    w1, w2 = named_kernel("sobel_x"), named_kernel("sobel_y")
    composed = compose_kernels(w1, w2)
    assert composed.shape == (5, 5)
    two, one = conv2d(conv2d(image, w1), w2), conv2d(image, composed)
    assert two.shape == one.shape == (252, 252)
    assert np.abs(two - one).max() < 1e-13
    assert np.abs(one).max() == pytest.approx(9.4, abs=0.05)


def test_four_linear_layers_with_biases_are_one():
    image = sample_image("camera")[::2, ::2]
    rng = np.random.default_rng(0)
    kernels = [rng.normal(size=(3, 3)) for _ in range(4)]
    biases = rng.normal(size=4)
    deep = Stack([Conv2d(k, b) for k, b in zip(kernels, biases, strict=True)])
    kernel = kernels[0]
    for k in kernels[1:]:
        kernel = compose_kernels(kernel, k)
    bias = deep.forward(np.zeros((9, 9)))[0, 0]
    assert kernel.shape == (9, 9)
    assert bias == pytest.approx(-16.888, abs=1e-3)
    assert np.abs(deep.forward(image) - conv2d(image, kernel, bias)).max() < 1e-12


@pytest.mark.parametrize(
    ("kind", "expected"), [("corner", 4.5), ("horizontal", 2.5), ("vertical", 2.5)]
)
def test_layer1_evidence_every_placement(kind, expected):
    stack = detector()
    for seed in range(40):
        for polarity in (1, -1):
            patch = draw(kind, polarity, np.random.default_rng(seed))
            assert stack.trace(patch[None, None])[1].sum() == pytest.approx(expected, abs=1e-12)
    assert stack.trace(BLANK[None, None])[1].sum() == 0


def test_stack_separates_linear_filter_does_not(data):
    patches, kinds, _, is_corner, weights, bias = data
    assert [int((kinds == k).sum()) for k in KINDS] == [60] * 4
    assert 1 - is_corner.mean() == 0.75
    accuracy, margin, auc = scores(detector().forward(patches[:, None]).reshape(-1), is_corner, 0)
    assert (accuracy, auc) == (1.0, 1.0)
    assert margin == pytest.approx(0.536, abs=1e-3)
    accuracy, margin, auc = scores(linear_response(patches, weights, bias), is_corner, 0.5)
    assert accuracy == pytest.approx(0.796, abs=1e-3)
    assert margin == pytest.approx(-0.709, abs=1e-3)
    assert auc == pytest.approx(0.779, abs=1e-3)


def test_bright_only_linear_filter_separates():
    bright, kinds, _ = make_dataset(60, np.random.default_rng(1), polarities=(1,))
    target = kinds == "corner"
    weights, bias = fit_linear_filter(bright, target)
    accuracy, margin, _ = scores(linear_response(bright, weights, bias), target, 0.5)
    assert accuracy == 1.0
    assert margin == pytest.approx(0.165, abs=1e-3)


def test_additivity_and_polarity_of_fitted_filter(data):
    *_, weights, bias = data

    def f(patch):
        return linear_response(patch, weights, bias)

    assert f(clean_corner(1)[0]) < f(BLANK)  # so the example shows the dark corner
    corner, stroke_h, stroke_v = clean_corner(-1)
    pair = f(corner) - f(BLANK)
    parts = f(stroke_h) - f(BLANK), f(stroke_v) - f(BLANK)
    assert pair == pytest.approx(0.127573, abs=1e-6)
    assert parts[0] + parts[1] == pytest.approx(pair, abs=1e-12)
    assert max(parts) / pair == pytest.approx(0.92, abs=0.005)
    bright, dark = clean_corner(1)[0], clean_corner(-1)[0]
    assert f(bright) - f(BLANK) == pytest.approx(-(f(dark) - f(BLANK)), abs=1e-12)
    assert (f(bright) + f(dark)) / 2 == pytest.approx(f(BLANK), abs=1e-12)


def test_identities_hold_for_any_linear_filter():
    rng = np.random.default_rng(5)
    bright, stroke_h, stroke_v = clean_corner(1)
    dark = clean_corner(-1)[0]
    for _ in range(20):
        weights, bias = rng.normal(size=(PATCH, PATCH)), rng.normal()
        r = {
            name: linear_response(p, weights, bias)
            for name, p in [("bright", bright), ("dark", dark), ("h", stroke_h), ("v", stroke_v)]
        }
        blank = linear_response(BLANK, weights, bias)
        assert r["bright"] - blank == pytest.approx(r["h"] + r["v"] - 2 * blank, abs=1e-12)
        assert (r["bright"] + r["dark"]) / 2 == pytest.approx(blank, abs=1e-12)
