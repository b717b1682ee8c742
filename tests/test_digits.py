"""The digits network: Flatten, digits_cnn, and its training (gradients, seeds, the cache)."""

import numpy as np
import pytest
from gradcheck import check_network_gradients

import convdemo as cd
from convdemo.data import handwritten_digits
from convdemo.train import DIGITS_TRAINING


def test_flatten_keeps_channel_row_column_order():
    x = np.arange(24.0).reshape(2, 3, 2, 2)
    flat = cd.Flatten().forward(x)
    assert flat.shape == (2, 12)
    np.testing.assert_array_equal(flat[1], np.arange(12.0, 24.0))
    np.testing.assert_array_equal(cd.Flatten().forward(x[0]), np.arange(12.0))
    grad_x, grads = cd.Flatten().backward(x, flat * 2)
    assert grads == {}
    np.testing.assert_array_equal(grad_x, 2 * x)
    grad_one, _ = cd.Flatten().backward(x[0], np.ones(12))
    assert grad_one.shape == (3, 2, 2)


def test_flatten_bad_input():
    with pytest.raises(ValueError, match="x must have 3 or 4 dimensions"):
        cd.Flatten().forward(np.ones((2, 3)))
    with pytest.raises(TypeError, match="x must be a real numeric array"):
        cd.Flatten().forward("x")
    with pytest.raises(
        ValueError, match=r"grad_output must have the forward output's shape \(2, 4\)"
    ):
        cd.Flatten().backward(np.ones((2, 1, 2, 2)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="Flatten ends the feature maps' grid"):
        cd.Flatten().window()
    assert cd.Flatten().name == "Flatten()"


def test_receptive_field_stops_before_flatten():
    net = cd.digits_cnn()
    fields = cd.receptive_field(cd.Stack(net.layers[:6]))
    assert fields[4].size == (10, 10) and fields[4].jump == (2, 2)  # a layer-2 unit
    assert fields[5].size == (12, 12) and fields[5].jump == (4, 4)  # after the second pool
    with pytest.raises(ValueError, match="Flatten"):
        cd.receptive_field(cd.Stack(net.layers[:7]))


def test_digits_cnn_layers_and_shapes():
    net = cd.digits_cnn()
    assert [layer.name for layer in net] == [
        "Conv2d(5x5, 1->8 channels)",
        "ReLU()",
        "MaxPool2d(2)",
        "Conv2d(3x3, 8->16 channels)",
        "ReLU()",
        "MaxPool2d(2)",
        "Flatten()",
        "Linear(400->10)",
    ]
    shapes = [m.shape for m in net.trace(np.zeros((2, 1, 28, 28)))]
    assert shapes == [
        (2, 8, 24, 24),
        (2, 8, 24, 24),
        (2, 8, 12, 12),
        (2, 16, 10, 10),
        (2, 16, 10, 10),
        (2, 16, 5, 5),
        (2, 400),
        (2, 10),
    ]
    wide = cd.digits_cnn(channels=(4, 6), kernel_size=5, image_size=20, n_classes=3)
    assert wide.forward(np.zeros((1, 1, 20, 20))).shape == (1, 3)
    assert wide[-1].name == "Linear(54->3)"  # 20 -> 16 -> 8 -> 6 -> 3: 6 channels x 3 x 3


def test_digits_cnn_is_seeded():
    a, b, c = cd.digits_cnn(seed=4), cd.digits_cnn(seed=4), cd.digits_cnn(seed=5)
    for key, value in a.parameters().items():
        np.testing.assert_array_equal(value, b.parameters()[key])
    assert not np.array_equal(a[0].weight, c[0].weight)


def test_digits_cnn_bad_arguments():
    with pytest.raises(ValueError, match="image_size must leave at least one pixel"):
        cd.digits_cnn(image_size=9)
    with pytest.raises(ValueError, match="channels must be a pair"):
        cd.digits_cnn(channels=(8,))
    with pytest.raises(TypeError, match="kernel_size must be an integer"):
        cd.digits_cnn(kernel_size=3.0)
    with pytest.raises(ValueError, match="n_classes must be >= 2"):
        cd.digits_cnn(n_classes=1)


def test_every_layer_of_the_digits_cnn_passes_a_gradient_check():
    rng = np.random.default_rng(2)
    net = cd.digits_cnn(channels=(2, 3), kernel_size=3, image_size=12, n_classes=3, seed=1)
    x = rng.normal(size=(2, 1, 12, 12))
    # weight and bias of two convolutions and the linear read-out
    assert check_network_gradients(net, x, np.array([0, 2]), rng) == 6


def _short_run(seed):
    digits = handwritten_digits()
    net = cd.digits_cnn(seed=0)
    history = cd.train(
        net,
        digits.train_images[:300],
        digits.train_labels[:300],
        epochs=2,
        batch_size=32,
        optimizer=cd.Adam(lr=0.005),
        seed=seed,
    )
    return net, history


def test_digits_training_is_deterministic_for_a_seed():
    first, history = _short_run(seed=0)
    second, again = _short_run(seed=0)
    assert history.loss == again.loss  # bit for bit
    for key, value in first.parameters().items():
        np.testing.assert_array_equal(value, second.parameters()[key])
    other, _ = _short_run(seed=1)  # the seed of the shuffling matters
    assert not np.array_equal(other[0].weight, first[0].weight)
    assert history.loss[-1] < history.loss[0]


def test_trained_digits_cnn_is_cached_and_copied():
    example = cd.trained_digits_cnn()
    assert example.history.test_accuracy[-1] >= 0.97
    assert len(example.history.loss) == sum(e for e, _ in DIGITS_TRAINING["phases"])
    assert example.train_images.shape == (4000, 1, 28, 28)
    assert np.bincount(example.test_labels).tolist() == [100] * 10
    example.network[0].weight[...] = 0.0  # a copy: the next caller gets the trained one
    again = cd.trained_digits_cnn()
    assert np.abs(again.network[0].weight).max() > 0
    assert cd.accuracy(again.network, again.test_images, again.test_labels) == pytest.approx(
        again.history.test_accuracy[-1]
    )
