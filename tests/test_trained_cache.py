"""The trained networks kept on disk between processes (convdemo/_trained_cache.py)."""

from __future__ import annotations

import numpy as np
import pytest

from convdemo import Conv2d, Flatten, Linear, ReLU, Stack
from convdemo._trained_cache import CACHE_ENV, load_or_train
from convdemo.train import TrainingHistory


def _network(seed: int = 0) -> Stack:
    rng = np.random.default_rng(seed)
    return Stack(
        [
            Conv2d(rng.normal(size=(2, 1, 3, 3)), np.zeros(2)),
            ReLU(),
            Flatten(),
            Linear(rng.normal(size=(3, 8)), np.zeros(3)),
        ]
    )


def _trainer(network: Stack, history: TrainingHistory, calls: list[int]):
    def train() -> None:
        calls.append(1)
        for layer in network:
            for value in layer.parameters().values():
                value += 0.25  # "training": a change a fresh network does not have
        history.loss[:] = [0.7, 0.3]
        history.train_accuracy[:] = [0.5, 0.75]
        history.test_accuracy[:] = [0.5, 1.0]

    return train


def test_a_second_process_reads_the_trained_network_bit_for_bit(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    first, first_history, calls = _network(), TrainingHistory(), []
    load_or_train("net", first, first_history, _trainer(first, first_history, calls))
    assert calls == [1]
    assert len(list(tmp_path.glob("net-*.npz"))) == 1
    second, second_history = _network(), TrainingHistory()
    load_or_train("net", second, second_history, _trainer(second, second_history, calls))
    assert calls == [1]  # read, not trained again
    for a, b in zip(first, second, strict=True):
        for key, value in a.parameters().items():
            np.testing.assert_array_equal(b.parameters()[key], value)
    assert second_history.loss == [0.7, 0.3]
    assert second_history.test_accuracy == [0.5, 1.0]


def test_without_the_folder_nothing_is_written(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    calls: list[int] = []
    network, history = _network(), TrainingHistory()
    load_or_train("net", network, history, _trainer(network, history, calls))
    load_or_train("net", network, history, _trainer(network, history, calls))
    assert calls == [1, 1]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("damage", ["garbage", "other shapes"])
def test_a_file_that_does_not_fit_is_trained_over(tmp_path, monkeypatch, damage) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    calls: list[int] = []
    network, history = _network(), TrainingHistory()
    load_or_train("net", network, history, _trainer(network, history, calls))
    (path,) = tmp_path.glob("net-*.npz")
    if damage == "garbage":
        path.write_bytes(b"not a numpy file")
    else:
        np.savez(path, weight=np.zeros(3))
    fresh, fresh_history = _network(), TrainingHistory()
    load_or_train("net", fresh, fresh_history, _trainer(fresh, fresh_history, calls))
    assert calls == [1, 1]
    np.testing.assert_array_equal(fresh[0].weight, network[0].weight)


def _train_in_a_process(folder: str, started, slow: bool, results) -> None:
    import os
    import time

    os.environ[CACHE_ENV] = folder
    network, history, calls = _network(), TrainingHistory(), []
    inner = _trainer(network, history, calls)

    def train() -> None:
        started.set()
        if slow:
            time.sleep(0.5)  # the other process asks meanwhile
        inner()

    load_or_train("locked", network, history, train)
    results.put((len(calls), float(network[0].weight.sum()), list(history.loss)))


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork and fcntl")
def test_a_process_that_asks_while_another_trains_waits_and_reads_its_network(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    started, results = context.Event(), context.Queue()
    first = context.Process(
        target=_train_in_a_process, args=(str(tmp_path), started, True, results)
    )
    first.start()
    assert started.wait(10)  # the first is training, holding the lock
    second = context.Process(
        target=_train_in_a_process, args=(str(tmp_path), context.Event(), False, results)
    )
    second.start()
    first.join(10)
    second.join(10)
    outcomes = sorted([results.get(timeout=10), results.get(timeout=10)], reverse=True)
    trained, weights, loss = outcomes[0]
    assert trained == 1 and loss == [0.7, 0.3]
    assert outcomes[1] == (0, weights, loss)  # read back, not trained a second time
