"""sphinx-gallery hooks of the convdemo site (named by string in conf.py, so that the
configuration stays picklable and Sphinx can cache it).

* :func:`scrape_with_alt_text` saves every matplotlib figure an example made, with the
  alt text the example gave it through :func:`convdemo.plotting.set_alt_text`. A figure
  without alt text fails the build: every image on the site says what it shows.
* :func:`gallery_reset` runs before each example: matplotlib defaults and a seeded
  global numpy random state, so no example depends on the one before it.
"""

from __future__ import annotations

from pathlib import Path

_SINGLE = """
.. image-sg:: /{path}
   :alt: {alt}
   :srcset: /{path}
   :class: sphx-glr-single-img
"""

_MULTI_HEADER = """
.. rst-class:: sphx-glr-horizontal

"""

_MULTI_ITEM = """
    *

      .. image-sg:: /{path}
          :alt: {alt}
          :srcset: /{path}
          :class: sphx-glr-multi-img
"""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def scrape_with_alt_text(block, block_vars, gallery_conf, **kwargs):
    """sphinx-gallery image scraper: matplotlib figures, each with its own alt text."""
    import matplotlib.pyplot as plt

    from convdemo.plotting import get_alt_text

    src_dir = Path(gallery_conf["src_dir"])
    images = []
    try:
        for number, path in zip(plt.get_fignums(), block_vars["image_path_iterator"], strict=False):
            figure = plt.figure(number)
            alt = get_alt_text(figure)
            if not alt:
                raise ValueError(
                    f"{block_vars.get('src_file', 'an example')}: figure {number} has no alt "
                    "text; call convdemo.plotting.set_alt_text(fig, 'what the figure shows')"
                )
            figure.savefig(path, **kwargs)
            images.append((Path(path).relative_to(src_dir).as_posix(), _one_line(alt)))
    finally:
        plt.close("all")
    if not images:
        return ""
    if len(images) == 1:
        path, alt = images[0]
        return _SINGLE.format(path=path, alt=alt)
    return _MULTI_HEADER + "".join(_MULTI_ITEM.format(path=p, alt=a) for p, a in images)


def gallery_reset(gallery_conf, fname, when=None):
    """Reset matplotlib's settings and seed numpy's global random state."""
    import matplotlib
    import numpy as np

    matplotlib.rcdefaults()
    matplotlib.rcParams["svg.hashsalt"] = "convdemo"
    np.random.seed(0)  # noqa: NPY002  (seed the legacy global state examples might use)
