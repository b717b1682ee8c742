"""Claims of docs/answer.md ("The answer, step by step"), from convdemo, at the precision
its prose states."""

from __future__ import annotations

import numpy as np

from convdemo import (
    Conv2d,
    MaxPool2d,
    ReLU,
    Stack,
    compose_kernels,
    conv2d,
    named_kernel,
    receptive_field,
    relu,
    step,
)

W = np.ones((3, 3))


def test_feature_maps_are_graded() -> None:
    """The page: "The rising edges give +0.4, +2 and +4 — proportional to the contrast"; after a
    step "the faint edge and the strong edge are the same 1"; ReLU keeps the strengths."""
    edges = np.zeros((5, 12))
    for i, contrast in enumerate([0.1, 0.5, 1.0]):
        edges[:, 4 * i + 2 : 4 * i + 4] = contrast
    response = conv2d(edges, named_kernel("sobel_x"))[1]
    np.testing.assert_allclose(response[[1, 5, 9]], [0.4, 2, 4], atol=0.05)
    np.testing.assert_allclose(response[[3, 7]], [-0.4, -2], atol=0.05)  # falling edges
    assert step(response)[[1, 5, 9]].tolist() == [1, 1, 1]
    np.testing.assert_allclose(relu(response)[[1, 5, 9]], [0.4, 2, 4], atol=0.05)


def test_channels_combine() -> None:
    """The page: "The face scores 3 (two eyes + a mouth); the jumble scores at most 2"."""
    eyes, mouth = np.zeros((12, 16)), np.zeros((12, 16))
    eyes[2, 2] = eyes[2, 6] = 1
    mouth[5, 4] = 1
    eyes[8, 9] = eyes[8, 13] = 1
    mouth[5, 11] = 1
    face = np.zeros((1, 2, 4, 5))
    face[0, 0, 0, 0] = face[0, 0, 0, 4] = 1
    face[0, 1, 3, 2] = 1
    score = conv2d(np.stack([eyes, mouth]), face)[0]
    assert score[:, :8].max() == 3
    assert score[:, 8:].max() == 2
    # "A bias of -2.5 and a ReLU ... 0.5 on the face and 0 everywhere else"
    detector = relu(score - 2.5)
    assert detector.max() == 0.5 and (detector > 0).sum() == 1


def test_receptive_fields_grow() -> None:
    """The page: "n of them see 2n + 1 pixels"; pooling and stride make it grow faster; "Three small
    convolutions with pooling already give units that see 18 pixels"."""
    plain = [Conv2d(W), ReLU()] * 4
    assert [r.size[0] for r in receptive_field(plain)[::2]] == [3, 5, 7, 9]
    pooled = [Conv2d(W), MaxPool2d(2), Conv2d(W), Conv2d(W)]
    assert [r.size[0] for r in receptive_field(pooled)] == [3, 4, 8, 12]
    layers = [Conv2d(W), ReLU(), MaxPool2d(2), Conv2d(W), ReLU(), MaxPool2d(2), Conv2d(W), ReLU()]
    convs = [r for r in receptive_field(layers) if r.name.startswith("Conv2d")]
    assert convs[-1].size[0] == 18


def test_two_linear_convolutions_are_one() -> None:
    """The page: "Two 3x3 kernels give one 5x5 kernel", equal up to rounding."""
    k1, k2 = named_kernel("sobel_x"), named_kernel("gaussian_blur")
    x = np.random.default_rng(0).normal(size=(32, 32))
    assert compose_kernels(k1, k2).shape == (5, 5)
    np.testing.assert_allclose(
        conv2d(conv2d(x, k1), k2), conv2d(x, compose_kernels(k1, k2)), atol=1e-12
    )


def test_relu_between_gives_what_no_kernel_can() -> None:
    """The page: "Two layers with a ReLU between them answer +4 to both"; without the
    ReLU "the whole stack is the zero kernel"."""
    sobel_x = named_kernel("sobel_x")
    w1 = np.stack([sobel_x, -sobel_x])[:, None]
    w2 = np.ones((1, 2, 1, 1))
    row = np.zeros((3, 10))
    row[:, 3:7] = 1.0
    out = Stack([Conv2d(w1), ReLU(), Conv2d(w2)]).forward(row[None])[0, 0]
    assert out.max() == 4 and out.min() == 0
    assert set(out[out > 0].tolist()) == {4}  # rising and falling edges alike
    assert np.all(compose_kernels(w1, w2) == 0)
