"""The site's trained networks, trained once, beside the gallery's first sections.

The gallery runs its examples in several processes (sphinx-gallery's ``parallel``), the
notebooks run in kernels of their own, and the "Draw a digit" page exports the digits
network: each would train the same networks. At ``builder-inited`` this extension starts
training them, one after the other, in a process of its own (:mod:`convdemo_background`),
into the folder of ``CONVDEMO_TRAINED_CACHE`` (set by conf.py), while the gallery runs the
tutorial and the sections that need no trained network; every other process reads them
from there (convdemo/_trained_cache.py), and one that needs a network still being trained
waits for it (the cache's lock) rather than training it again. On a build whose networks
are already there, the process reads them and does nothing else.
"""

from __future__ import annotations

import os

#: (module function, arguments): every trained network a page or an example uses.
NETWORKS = (
    ("trained_digits_cnn", ()),
    ("trained_tiny_cnn", ("cars_and_pedestrians",)),
    ("trained_tiny_cnn", ("smiley",)),
)


def train_all() -> list[str]:
    """Train (or read back) every network of :data:`NETWORKS`; no page depends on a file of
    theirs (the pages that show them run them), so it returns none."""
    import convdemo

    for name, args in NETWORKS:
        getattr(convdemo, name)(*args)
    return []


def train_networks(app) -> None:
    from convdemo._trained_cache import CACHE_ENV

    if not os.environ.get(CACHE_ENV):
        return  # no folder to share them through: each process trains its own
    import convdemo_background

    convdemo_background.start(app, "trained networks", train_all)


def setup(app):
    app.connect("builder-inited", train_networks, priority=400)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
