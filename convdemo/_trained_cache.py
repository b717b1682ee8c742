"""The site's trained example networks, kept on disk between processes when asked to.

Training the example networks (:func:`convdemo.trained_tiny_cnn`,
:func:`convdemo.trained_digits_cnn`) happens once per process. A build of the site runs
several processes that need the same networks (Sphinx, the notebooks' kernels, one build per
language): when the environment variable :data:`CACHE_ENV` names a folder, the first
process that trains a network writes its parameters and its history there and the others
read them back, bit for bit. The file's name holds a fingerprint of the package's own
source files, so a changed package never reads a network trained by an older one.
Without the variable nothing is written. A process that finds another one training the
same network (a lock file beside it, where the system has ``fcntl``) waits for it and
reads its result instead of training the network a second time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

#: The environment variable that names the folder of the trained networks.
CACHE_ENV = "CONVDEMO_TRAINED_CACHE"
_HISTORY = ("loss", "train_accuracy", "test_accuracy")


@functools.cache
def package_fingerprint() -> str:
    """sha256 of the package's core source files (names and bytes), ``convdemo/site`` aside.

    Examples
    --------
    >>> len(package_fingerprint())
    64
    """
    digest = hashlib.sha256(np.__version__.encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _cache_file(name: str) -> Path | None:
    folder = os.environ.get(CACHE_ENV, "").strip()
    if not folder:
        return None
    return Path(folder) / f"{name}-{package_fingerprint()[:20]}.npz"


def _arrays(network, history) -> dict[str, np.ndarray]:
    arrays = {
        f"layer{i}.{key}": value
        for i, layer in enumerate(network)
        for key, value in layer.parameters().items()
    }
    arrays.update({key: np.asarray(getattr(history, key), float) for key in _HISTORY})
    return arrays


def _load(path: Path, network, history) -> bool:
    """Fill ``network`` and ``history`` from ``path``; False (nothing set) if it does not fit."""
    try:
        with np.load(path, allow_pickle=False) as saved:
            stored = {key: saved[key] for key in saved.files}
    except (OSError, ValueError, KeyError):
        return False
    wanted = _arrays(network, history)
    if set(stored) != set(wanted) or any(
        stored[key].shape != wanted[key].shape
        for key in wanted
        if key not in _HISTORY  # the history starts empty
    ):
        return False
    for i, layer in enumerate(network):
        for key, value in layer.parameters().items():
            value[...] = stored[f"layer{i}.{key}"]
    for key in _HISTORY:
        getattr(history, key)[:] = [float(v) for v in stored[key]]
    return True


def _save(path: Path, network, history) -> None:
    """Write the file through a temporary file in its folder, renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".npz")
    try:
        with os.fdopen(handle, "wb") as stream:
            np.savez(stream, **_arrays(network, history))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_or_train(name: str, network, history, train: Callable[[], None]) -> None:
    """Train ``network`` in place with ``train()`` or, if :data:`CACHE_ENV` names a folder
    that holds this network already, read its parameters and ``history`` from there.

    Parameters
    ----------
    name : str
        The network's name in the folder (with the package's fingerprint).
    network : Stack
        The freshly initialised network; its parameters are set in place.
    history : TrainingHistory
        Filled in place (``train`` fills it, or it is read back).
    train : callable
        Trains ``network`` and fills ``history``; called when there is nothing to read.

    Raises
    ------
    OSError
        If the folder cannot be written after training.

    Examples
    --------
    >>> from convdemo import Stack, ReLU
    >>> from convdemo.train import TrainingHistory
    >>> calls = []
    >>> load_or_train("doc", Stack([ReLU()]), TrainingHistory(), lambda: calls.append(1))
    >>> calls  # no folder set (the default): trained
    [1]
    """
    path = _cache_file(name)
    if path is None:
        train()
        return
    with _training(path):  # one process trains it; any other waits, then reads it
        if path.is_file() and _load(path, network, history):
            return
        train()
        _save(path, network, history)


@contextlib.contextmanager
def _training(path: Path) -> Iterator[None]:
    """Hold the lock of the network at ``path`` (``<path>.lock``, fcntl's exclusive lock,
    released when the process ends, however it ends); without fcntl, no lock."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: each process may train its own
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
