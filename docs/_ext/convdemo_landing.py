"""The landing page's figure, drawn before Sphinx reads the pages.

:func:`convdemo.site.landing.plot_landing_figure` draws it, with alt text made from the
computed values (:func:`convdemo.site.landing.describe_landing_figure`). It is saved at 1x and
at each hi-DPI factor of sphinx-gallery's ``image_srcset``, and its rST is written by
sphinx-gallery's own :func:`~sphinx_gallery.scrapers.figure_rst` (an ``image-sg`` with a
``srcset``), the same way the gallery's figures are. index.md includes that rST:

.. code-block:: md

    ```{eval-rst}
    .. include:: /generated/landing/figure.rst.inc
    ```

The files go to ``docs/generated/landing/`` (git-ignored, removed by ``nox -s clean``) and
are rewritten only when their bytes change; a pass whose inputs did not change since the
last drawing (the second language's, :mod:`convdemo.site.build_stamp`) draws nothing. It is
drawn in a process of its own while the gallery runs (:mod:`convdemo_background`).
"""

from __future__ import annotations

import io
from pathlib import Path

from sphinx.application import Sphinx

FOLDER = Path("generated") / "landing"  # under the source folder
STEM = "convdemo_landing_figure"


def _write_if_changed(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_bytes() != data:
        from convdemo.site.atomic import write_bytes

        write_bytes(path, data)


def _png(figure, dpi: float) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def draw_landing(srcdir: str, factors: list[float]) -> list[str]:
    """Draw the landing figure into ``<srcdir>/generated/landing`` unless it is current;
    the paths of the files there if it was drawn, else none. It runs in a process of its
    own beside the gallery (:mod:`convdemo_background`)."""
    import gallery_hooks
    import matplotlib
    from gallery_hooks import reflowing_rst
    from sphinx_gallery.scrapers import figure_rst

    from convdemo.plotting import get_alt_text
    from convdemo.site import build_stamp
    from convdemo.site.i18n import LOCALE_DIR, figure_languages, localised_filename
    from convdemo.site.landing import landing_example, plot_landing_figure

    folder = Path(srcdir) / FOLDER
    # Drawn once for every language's pass: the files depend on the package, these hooks,
    # the figures' catalogues and matplotlib (convdemo.site.build_stamp).
    key = build_stamp.fingerprint(
        factors,
        matplotlib.__version__,
        files=[
            Path(__file__),
            Path(gallery_hooks.__file__),
            *sorted(LOCALE_DIR.glob("*/LC_MESSAGES/figures.po")),
        ],
    )
    english = [folder / "figure.rst.inc", folder / f"{STEM}.png"]
    outputs = english + [
        folder / localised_filename(f"{STEM}.png", language) for language in figure_languages()
    ]
    if build_stamp.is_current(folder, "landing", key, outputs):
        return []
    figure = plot_landing_figure(landing_example())
    dpi = 100.0
    paths = {0: folder / f"{STEM}.png"}
    _write_if_changed(paths[0], _png(figure, dpi))
    for factor in factors:
        name = f"{STEM}_{factor:.2f}".replace(".", "_") + "x.png"
        paths[factor] = folder / name
        _write_if_changed(paths[factor], _png(figure, factor * dpi))
    rst = figure_rst([paths[0]], srcdir, get_alt_text(figure), srcsetpaths=[paths])
    # On a phone, its six panels stacked (as every multi-panel figure of the gallery's).
    rst = reflowing_rst(rst, figure, paths[0], srcdir, get_alt_text(figure), {"dpi": dpi})
    rst = rst.replace("sphx-glr-single-img", "convdemo-landing-figure")
    # The same figure in each translated language, its titles looked up (x.it.png beside x.png)
    from gallery_hooks import save_translations

    save_translations(figure, paths[0], rst, paths, {"dpi": dpi})
    _write_if_changed(folder / "figure.rst.inc", rst.encode("utf-8"))
    build_stamp.mark_current(folder, "landing", key)
    return sorted(str(path) for path in folder.iterdir() if path.is_file())


def draw(app: Sphinx) -> None:
    """Start drawing the landing figure beside the gallery (Sphinx waits for it before it
    reads the pages; index.md is read again if it was drawn anew)."""
    import convdemo_background

    factors = sorted(app.config.sphinx_gallery_conf["image_srcset"])
    convdemo_background.start(app, "landing figure", draw_landing, str(app.srcdir), factors)


def setup(app: Sphinx) -> dict:
    # After sphinx-gallery has checked its configuration (image_srcset as numbers, at
    # config-inited), before Sphinx reads the pages.
    app.connect("builder-inited", draw, priority=450)  # see convdemo_background
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
