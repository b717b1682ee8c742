"""The site's trained networks, trained before anything needs them, on every core.

The gallery runs its examples in several processes (sphinx-gallery's ``parallel``), the
notebooks run in kernels of their own, and the "Draw a digit" page exports the digits
network: each would train the same networks. At ``builder-inited``, before the gallery
(priority 400 < 500), this extension trains each of them once, side by side in worker
processes (joblib), into the folder of ``CONVDEMO_TRAINED_CACHE`` (set by conf.py); every
later process reads them from there (convdemo/_trained_cache.py). On a build whose
networks are already there, it reads them and does nothing else.
"""

from __future__ import annotations

import os

#: (module function, arguments): every trained network a page or an example uses.
NETWORKS = (
    ("trained_digits_cnn", ()),
    ("trained_tiny_cnn", ("cars_and_pedestrians",)),
    ("trained_tiny_cnn", ("smiley",)),
)


def _train(name: str, args: tuple) -> str:
    import convdemo

    getattr(convdemo, name)(*args)
    return name


def train_networks(app) -> None:
    from convdemo._trained_cache import CACHE_ENV

    if not os.environ.get(CACHE_ENV):
        return  # no folder to share them through: each process trains its own
    jobs = max(1, min(len(NETWORKS), app.parallel or 1))
    if jobs == 1:
        for name, args in NETWORKS:
            _train(name, args)
        return
    from joblib import Parallel, delayed

    Parallel(n_jobs=jobs)(delayed(_train)(name, args) for name, args in NETWORKS)


def setup(app):
    app.connect("builder-inited", train_networks, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
