"""The trainer: gradients by finite differences, loss goes down, same seed gives the same run."""

import numpy as np
import pytest
from gradcheck import check_network_gradients, numeric_gradient

import convdemo as cd


def test_softmax_cross_entropy_gradient():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(5, 3))
    labels = np.array([0, 2, 1, 1, 0])
    loss, grad = cd.softmax_cross_entropy(logits, labels)
    numeric = numeric_gradient(lambda: cd.softmax_cross_entropy(logits, labels)[0], logits)
    np.testing.assert_allclose(grad, numeric, atol=1e-8)
    p = cd.softmax(logits)
    assert loss == pytest.approx(-np.mean(np.log(p[np.arange(5), labels])))


def test_softmax_is_stable_for_huge_scores():
    np.testing.assert_allclose(cd.softmax(np.array([[1000.0, 1000.0]])), [[0.5, 0.5]])


def test_every_layer_of_the_tiny_cnn_passes_a_gradient_check():
    rng = np.random.default_rng(1)
    net = cd.tiny_cnn(seed=3, channels=(2, 3), kernel_size=3)
    x = rng.normal(size=(2, 1, 10, 10))
    # weight and bias of two convolutions and the linear read-out
    assert check_network_gradients(net, x, np.array([0, 1]), rng) == 6


def test_linear_and_global_pool_by_hand():
    pool = cd.GlobalAvgPool2d()
    x = np.arange(8.0).reshape(1, 2, 2, 2)
    np.testing.assert_array_equal(pool.forward(x), [[1.5, 5.5]])
    grad_x, _ = pool.backward(x, np.array([[4.0, 8.0]]))
    np.testing.assert_array_equal(grad_x[0, 0], np.ones((2, 2)))
    np.testing.assert_array_equal(grad_x[0, 1], 2 * np.ones((2, 2)))
    linear = cd.Linear(np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([0.5, 0.0]))
    np.testing.assert_array_equal(linear.forward(np.array([[1.0, 1.0]])), [[3.5, -1.0]])
    _, grads = linear.backward(np.array([[1.0, 3.0]]), np.array([[1.0, 2.0]]))
    np.testing.assert_array_equal(grads["weight"], [[1.0, 3.0], [2.0, 6.0]])
    np.testing.assert_array_equal(grads["bias"], [1.0, 2.0])


@pytest.fixture(scope="module")
def small_run():
    x, y = cd.cars_and_pedestrians(400, seed=0)
    xt, yt = cd.cars_and_pedestrians(100, seed=1)
    net = cd.tiny_cnn(seed=0)
    history = cd.train(net, x, y, epochs=5, batch_size=20, seed=0, test=(xt, yt))
    return net, history


def test_loss_decreases_and_the_task_is_learned(small_run):
    _, history = small_run
    assert len(history.loss) == len(history.test_accuracy) == 5
    assert all(b < a for a, b in zip(history.loss, history.loss[1:], strict=False))
    assert history.loss[-1] < 0.4 * history.loss[0]
    assert history.test_accuracy[-1] >= 0.95


def test_same_seed_gives_the_same_run(small_run):
    net, history = small_run
    x, y = cd.cars_and_pedestrians(400, seed=0)
    xt, yt = cd.cars_and_pedestrians(100, seed=1)
    again = cd.tiny_cnn(seed=0)
    history2 = cd.train(again, x, y, epochs=5, batch_size=20, seed=0, test=(xt, yt))
    assert history2.loss == history.loss
    for a, b in zip(net.parameters().values(), again.parameters().values(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_sgd_also_learns():
    x, y = cd.cars_and_pedestrians(120, seed=2)
    net = cd.tiny_cnn(seed=1)
    history = cd.train(net, x, y, epochs=3, batch_size=20, optimizer=cd.SGD(lr=0.05), seed=1)
    assert history.loss[-1] < history.loss[0]


def test_data_sets_are_seeded_balanced_and_in_range():
    x, y = cd.cars_and_pedestrians(50, seed=4)
    x2, y2 = cd.cars_and_pedestrians(50, seed=4)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    assert y.sum() == 25 and x.shape == (50, 1, 24, 24)
    assert not np.array_equal(x, cd.cars_and_pedestrians(50, seed=5)[0])
    faces, labels = cd.smiley_dataset(40, seed=0, noise=0.0)
    assert labels.sum() == 20
    ink = (faces[:, 0] > 0).sum(axis=(1, 2))
    assert set(ink[labels == 1]) == {9}  # a whole face: 4 eye + 5 mouth pixels
    assert set(ink[labels == 0]) <= {4, 5, 9}


def test_cars_are_wide_and_pedestrians_tall():
    x, y = cd.cars_and_pedestrians(40, seed=0, noise=0.0)
    for image, label in zip(x[:, 0], y, strict=True):
        mask = image != image[0, 0]  # the background is the corner's level
        rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
        height, width = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
        assert (width > height) if label == 0 else (height > width)


def test_bad_input():
    net = cd.tiny_cnn(seed=0)
    x = np.zeros((4, 1, 24, 24))
    with pytest.raises(ValueError, match=r"labels must have shape \(4,\)"):
        cd.train(net, x, np.zeros(3, dtype=int))
    with pytest.raises(ValueError, match=r"labels must be in 0..1"):
        cd.train(net, x, np.array([0, 1, 2, 0]))
    with pytest.raises(TypeError, match="labels must be integer class indices"):
        cd.train(net, x, np.zeros(4))
    with pytest.raises(ValueError, match="images must have 4 dimensions"):
        cd.train(net, x[0], np.zeros(1, dtype=int))
    with pytest.raises(ValueError, match=r"stack must end in \(N, n_classes\) scores"):
        cd.train(cd.Stack([cd.ReLU()]), x, np.zeros(4, dtype=int))
    with pytest.raises(TypeError, match="optimizer must be SGD or Adam"):
        cd.train(net, x, np.zeros(4, dtype=int), optimizer="adam")
    with pytest.raises(ValueError, match="epochs must be positive"):
        cd.train(net, x, np.zeros(4, dtype=int), epochs=0)
    with pytest.raises(ValueError, match="momentum must be < 1"):
        cd.SGD(momentum=1.0)
    with pytest.raises(ValueError, match="lr must be finite"):
        cd.Adam(lr=np.nan)
    with pytest.raises(ValueError, match="noise must be >= 0"):
        cd.cars_and_pedestrians(4, noise=-1)
    with pytest.raises(ValueError, match="size must be >= 16"):
        cd.cars_and_pedestrians(4, size=8)
    with pytest.raises(ValueError, match="x must have 3 features"):
        cd.Linear(np.ones((2, 3))).forward(np.ones((1, 4)))
    with pytest.raises(ValueError, match="GlobalAvgPool2d sees the whole input"):
        cd.receptive_field(net)


def test_the_sites_trained_network_is_reproducible_to_the_digit():
    example = cd.trained_tiny_cnn("cars_and_pedestrians")
    history = example.history
    assert history.test_accuracy == [0.76, 0.9975, 1.0, 1.0, 1.0, 0.9975, 0.9975, 1.0]
    assert history.loss[-1] == pytest.approx(0.008315478808456811, rel=1e-6)
    assert example.train_images.shape == (1200, 1, 24, 24)
    again = cd.trained_tiny_cnn("cars_and_pedestrians")
    assert again.network is not example.network  # a fresh copy every time
    again.network[0].weight[...] = 0.0
    assert np.abs(cd.trained_tiny_cnn().network[0].weight).max() > 0
    with pytest.raises(ValueError, match="task must be one of cars_and_pedestrians, smiley"):
        cd.trained_tiny_cnn("dogs")
