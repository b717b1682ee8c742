"""sphinx-gallery hooks of the convdemo site (named by string in conf.py, so that the
configuration stays picklable and Sphinx can cache it).

* :func:`scrape_with_alt_text` saves every matplotlib figure an example made (at 1x and
  at the hi-DPI sizes of ``image_srcset``), with the alt text the example gave it through
  :func:`convdemo.plotting.set_alt_text`, and writes its rST with sphinx-gallery's
  ``figure_rst``. A figure without alt text fails the build: every image on the site says
  what it shows. The still sphinx-gallery makes the example's card from is one panel of
  the figure (:func:`convdemo.plotting.thumbnail_axes`), which reads at card size.
* An example's matplotlib animation (a ``FuncAnimation`` kept in a variable) is
  embedded as matplotlib's interactive HTML player, made offline (no Font Awesome
  from a CDN), byte-stable (no random element ids) and labelled (alt text on the
  frame, a label on the slider).
* :func:`gallery_reset` runs before each example: matplotlib defaults and a seeded
  global numpy random state, so no example depends on the one before it.
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Font Awesome 4 icons of matplotlib's player -> text glyphs (no stylesheet from a CDN).
_GLYPHS = {
    "fa-minus": "\u2212",
    "fa-fast-backward": "\u23ee",
    "fa-step-backward": "\u25c1",
    "fa-play fa-flip-horizontal": "\u25c0",
    "fa-pause": "\u23f8",
    "fa-play": "\u25b6",
    "fa-step-forward": "\u25b7",
    "fa-fast-forward": "\u23ed",
    "fa-plus": "+",
}


def _animations(block_vars) -> dict[int, object]:
    """Animations defined by the example so far, keyed by the id of their figure."""
    from matplotlib.animation import Animation

    found = {}
    for value in block_vars.get("example_globals", {}).values():
        if isinstance(value, Animation):
            found[id(value._fig)] = value
    return found


def _joined(literal: str) -> str:
    """A JavaScript string literal's text without its line continuations (backslash-newline)."""
    return re.sub(r"\\\s*", "", literal).replace("\n", "")


def _animation_block(animation, image_path: Path, alt: str) -> str:
    """matplotlib's jshtml player, offline, byte-stable and labelled, as an rST raw block."""
    text = animation.to_jshtml()
    ids = set(re.findall(r"_anim_img([0-9a-f]{32})", text))
    if len(ids) != 1:
        raise ValueError(f"unexpected animation HTML: {len(ids)} player ids")
    stable = re.sub(r"\W", "_", image_path.stem)
    text = text.replace(ids.pop(), stable)
    text = re.sub(r'<link rel="stylesheet"\s+href="https?://[^"]+">', "", text)
    for icon, glyph in _GLYPHS.items():
        text = text.replace(
            f'<i class="fa {icon}"></i>', f'<span aria-hidden="true">{glyph}</span>'
        )
    first = re.search(r'frames\[0\] = "(data:image/png;base64,[^"]+)"', text)
    if first is None:
        raise ValueError("unexpected animation HTML: no first frame")
    # The player sets the frame by script; the first frame as src shows it without one.
    text = re.sub(
        r'(<img id="_anim_img[^"]+")',
        rf'\1 src="{_joined(first.group(1))}" alt="{html.escape(alt)}"',
        text,
    )
    text = text.replace('class="anim-slider"', 'class="anim-slider" aria-label="Frame"')
    if re.search(r"https?://", text):
        raise ValueError("the animation HTML still refers to another host")
    body = "\n".join(("        " + line).rstrip() for line in text.splitlines())
    return f"\n.. container:: sphx-glr-animation\n\n    .. raw:: html\n\n{body}\n"


def _page_images(figure, path: Path, factors, kwargs) -> tuple[dict[float, Path], object]:
    """Save `figure` for the page: at 1x and at each of ``image_srcset``'s factors.

    The mapping is that of :func:`sphinx_gallery.scrapers.figure_rst`'s ``srcsetpaths``
    (key 0 is the 1x image); the names are sphinx-gallery's (``sphx_glr_x_001_2_00x.png``
    for "2x"), the 1x one included (``sphx_glr_x_001_1_00x.png``): `path` itself is left
    to :func:`_save_thumbnail_still`. Returns the paths and the figure's pixels at the
    largest factor (:func:`_write_srcset`).
    """
    paths: dict[float, Path] = {}
    for key, factor in ((0, 1.0), *((factor, factor) for factor in factors)):
        name = f"{path.stem}_{factor:.2f}".replace(".", "_") + f"x{path.suffix}"
        paths[key] = path.with_name(name)
    return paths, _write_srcset(figure, paths, kwargs)


def _dpi(figure, kwargs) -> float:
    import matplotlib

    dpi = kwargs.get("dpi", matplotlib.rcParams["savefig.dpi"])
    return float(figure.dpi if dpi == "figure" else dpi)


def _write_srcset(figure, paths: dict[float, Path], kwargs, rename=None):
    """Write each file of ``paths`` (factor -> path, 0 the 1x one) from ONE drawing of the
    figure at the largest factor, the smaller sizes reduced from it (Lanczos); returns
    those pixels (the phone's pieces are cut from them). ``rename(path)`` gives the file
    actually written (a translation's ``.it.png``). With savefig options other than the
    resolution, each file is drawn on its own (and None is returned)."""
    from convdemo.site.atomic import write_bytes
    from convdemo.site.panels import png_bytes, reduced, render_rgba

    dpi = _dpi(figure, kwargs)
    rename = rename or (lambda path: path)
    if set(kwargs) - {"dpi"} or not str(paths[0]).endswith(".png"):
        for key, path in paths.items():
            _save(figure, rename(Path(path)), {**kwargs, "dpi": (key or 1.0) * dpi})
        return None
    top = max(key or 1.0 for key in paths)
    pixels = render_rgba(figure, top * dpi)
    width, height = figure.get_size_inches()
    for key, path in paths.items():
        factor = key or 1.0
        size = (int(width * factor * dpi), int(height * factor * dpi))
        same = factor == top or size == (pixels.shape[1], pixels.shape[0])
        data = png_bytes(pixels if same else reduced(pixels, size), dpi=factor * dpi)
        target = rename(Path(path))
        if not target.is_file() or target.read_bytes() != data:
            write_bytes(target, data)
    return pixels


def _save(figure, path: Path, kwargs: dict) -> None:
    """``figure.savefig(path, **kwargs)`` through a temporary file renamed into place
    (:mod:`convdemo.site.atomic`): an error leaves the old image whole. A file whose bytes
    would not change is left as it was (Sphinx then sees no changed image)."""
    import io

    from convdemo.site.atomic import write_bytes

    buffer = io.BytesIO()
    figure.savefig(buffer, **{"format": Path(path).suffix.lstrip(".") or None, **kwargs})
    data = buffer.getvalue()
    if not Path(path).is_file() or Path(path).read_bytes() != data:
        write_bytes(path, data)


def _crop_count(rst: str, image_path: Path) -> int:
    """How many phone pieces :func:`reflowing_rst` cut ``image_path``'s figure into."""
    return len(set(re.findall(rf"{re.escape(image_path.stem)}_piece(\d+)\.png", rst)))


#: What drawing the translated figures cost in this process: [figures, seconds] (the build
#: log says it, docs/_ext/convdemo_i18n.py).
TRANSLATION_COST = [0, 0.0]


def save_translations(figure, image_path: Path, rst: str, srcset: dict, kwargs) -> dict:
    """The figure again in each translated language, its texts looked up in that language's
    catalogue of figures (:func:`convdemo.site.i18n.translated_figure`), saved beside the
    English files under the names Sphinx's localised-image search looks for
    (``x_001_1_00x.it.png``, ``x_001_2_00x.it.png``, ``x_001_piece1.it.png``): each file of
    ``srcset`` (factor -> English path, 0 the 1x one, as :func:`_page_images` returns) and
    the phone's pieces if ``rst`` (:func:`reflowing_rst`'s) has pieces. The figure is
    drawn once per language; its texts are set back afterwards. The rST stays English:
    the translated build picks the files (docs/_ext/convdemo_i18n.py).

    Returns
    -------
    dict
        language -> its :class:`convdemo.site.i18n.translated_figure` (the texts left
        English), also written as ``<stem>.figure-texts.json`` beside the image
        (:func:`convdemo.site.i18n.write_figure_texts`: what the coverage counts).
    """

    import matplotlib

    from convdemo.site.i18n import (
        figure_languages,
        localised_filename,
        translated_figure,
        write_figure_texts,
    )
    from convdemo.site.panels import panel_crops, save_crops

    started = time.perf_counter()
    dpi = kwargs.get("dpi", matplotlib.rcParams["savefig.dpi"])
    dpi = figure.dpi if dpi == "figure" else float(dpi)
    pieces = _crop_count(rst, image_path)
    # the English layout is the figure's now (drawn for the English files just before)
    english_crops = panel_crops(figure, dpi=dpi, laid_out=True) if pieces else []
    report = {}
    for language in figure_languages():
        with translated_figure(figure, language) as texts:

            def rename(english: Path, language=language) -> Path:
                return english.with_name(localised_filename(english.name, language))

            pixels = _write_srcset(figure, srcset, kwargs, rename)
            drawn = pixels is not None  # the translated figure was just drawn, laid out
            if pieces:
                crops = panel_crops(figure, dpi=dpi, laid_out=drawn)
                if len(crops) != pieces:  # the page lists the English pieces: cut as many
                    crops = english_crops
                stem = image_path.with_suffix("")
                scaled = pixels is not None and max(srcset) == 2
                save_crops(
                    figure,
                    crops,
                    stem,
                    dpi=dpi,
                    language=language,
                    pixels=pixels if scaled else None,
                )
            texts.overflow = texts.overflowing(laid_out=drawn)  # as drawn for the last file saved
        # and the alt texts the page gives the figure and its pieces (one line each)
        report[language] = texts.also(re.findall(r"^\s*:alt: (.*)$", rst, flags=re.M))
    write_figure_texts(image_path, report)
    TRANSLATION_COST[0] += 1
    TRANSLATION_COST[1] += time.perf_counter() - started
    return report


# sphinx-gallery's cards are 400 x 280 pixels (its ``thumbnail_size``): the still is
# drawn at least that large, so the card is a reduction, never an enlargement.
_CARD_PIXELS = (400, 280)


def _card_number(block_vars) -> int | None:
    """The number of the figure sphinx-gallery makes the example's card from: the
    example's ``sphinx_gallery_thumbnail_number`` (1 if it sets neither that nor a
    ``thumbnail_path``), read from the ``file_conf`` sphinx-gallery gives the scrapers;
    None when that is not known while the example runs (a number counted from the end,
    or a thumbnail image of its own)."""
    file_conf = block_vars.get("file_conf") or {}
    number = file_conf.get("thumbnail_number")
    if number is None:
        return None if file_conf.get("thumbnail_path") else 1
    return number if isinstance(number, int) and number > 0 else None


def _figure_number(path: Path) -> int:
    """The number in sphinx-gallery's name of a figure's image: ``sphx_glr_x_002.png`` -> 2."""
    return int(path.stem.rsplit("_", 1)[-1])


def _save_thumbnail_still(figure, path: Path, kwargs, pixels=None, *, card=True) -> None:
    """Save, at sphinx-gallery's image `path`, the one panel that stands for `figure`.

    sphinx-gallery makes an example's card (and the site its link preview) from this
    file: the panel of :func:`convdemo.plotting.thumbnail_axes`, without its ticks and
    labels, reads at card size where the whole figure would shrink to tiles. ``pixels``:
    the figure just drawn at 2x (:func:`_page_images`), to cut the panel from when they
    are fine enough for a card (else the panel is drawn at the resolution it needs). A
    figure that is not the card's (``card`` False) gets its panel cut from ``pixels``
    whatever their size: no page shows that file.
    """
    import math

    from convdemo.plotting import thumbnail_axes
    from convdemo.site.atomic import write_bytes
    from convdemo.site.panels import cut_out, png_bytes

    ax = thumbnail_axes(figure)
    if ax is None:
        _save(figure, path, kwargs)
        return
    if pixels is None:
        figure.canvas.draw()  # lay the figure out, so the panel's place is final
    box = ax.get_window_extent().transformed(figure.dpi_scale_trans.inverted())
    dpi = math.ceil(max(_CARD_PIXELS[0] / box.width, _CARD_PIXELS[1] / box.height))
    drawn = 2 * _dpi(figure, kwargs)
    if pixels is not None and (drawn >= dpi or not card):
        data = png_bytes(cut_out(pixels, box.extents, drawn), dpi=drawn)
        if not path.is_file() or path.read_bytes() != data:
            write_bytes(path, data)
        return
    _save(figure, path, {**kwargs, "dpi": max(dpi, figure.dpi), "bbox_inches": box})


def _indent(text: str, spaces: int) -> str:
    return "\n".join((" " * spaces + line).rstrip() for line in text.splitlines())


def _srcset_files(rst: str) -> list[str]:
    """The files of an ``image-sg``'s ``:srcset:`` (1x first), as sphinx-gallery wrote them."""
    for line in rst.splitlines():
        if line.strip().startswith(":srcset:"):
            return [part.strip().split(" ")[0] for part in line.split(":srcset:", 1)[1].split(",")]
    return []


def reflowing_rst(
    full: str, figure, image_path: Path, src_dir: str, alt: str, kwargs, pixels=None
) -> str:
    """The figure's rST: the whole image and, for a multi-panel figure that would shrink its
    text below legibility on a phone, its panels cut out, stacked (convdemo.site.panels).

    The page's CSS shows the whole image on a wide screen and the stacked pieces under
    600 px; each piece links to its full-resolution file (a tap zooms). Every image gets the
    class that states its smallest text (``convdemo-textpx-*``), which the browser tests
    read to check the text a reader sees at 390 px.
    """
    import matplotlib

    from convdemo.site.panels import (
        COLUMN_PX,
        MIN_TEXT_PX,
        crop_class,
        figure_title,
        panel_crops,
        save_crops,
        text_px,
    )

    dpi = kwargs.get("dpi", matplotlib.rcParams["savefig.dpi"])
    dpi = figure.dpi if dpi == "figure" else float(dpi)
    classes = f"sphx-glr-single-img convdemo-full {crop_class(text_px(figure, dpi))}"
    full = full.replace(":class: sphx-glr-single-img", f":class: {classes}")
    crops = panel_crops(figure, dpi=dpi, laid_out=pixels is not None)  # just drawn: as is
    if not crops:
        smallest = text_px(figure, dpi) * min(1.0, COLUMN_PX / (figure.get_figwidth() * dpi))
        if smallest >= MIN_TEXT_PX or len(_srcset_files(full)) < 2:
            return full
        # One panel too wide for a phone's column: a link to the hi-DPI file, to zoom in.
        # (sphinx-gallery copies it to _images/, two folders up from an example's page.)
        name = html.escape(_srcset_files(full)[-1].rsplit("/", 1)[-1])
        return (
            "\n\n.. container:: convdemo-zoomable\n\n"
            + _indent(full.strip("\n"), 4)
            + "\n\n    .. raw:: html\n\n"
            + f'        <p class="convdemo-zoom"><a href="../../_images/{name}">'
            "Open the figure at full size</a> (to zoom in on a phone).</p>\n"
        )
    files = save_crops(figure, crops, image_path.with_suffix(""), dpi=dpi, pixels=pixels)
    root = Path(src_dir)
    title = figure_title(figure)
    lines = [".. container:: convdemo-panels", ""]
    if title:
        lines += [
            "    .. raw:: html",
            "",
            f'        <p class="convdemo-panels-title">{html.escape(_one_line(title))}</p>',
            "",
        ]
    for i, (crop, file) in enumerate(zip(crops, files, strict=True), start=1):
        names = "; ".join(t for t in crop.titles if t)
        text = (
            _one_line(alt)
            if i == 1
            else f"Panel {i} of {len(crops)} of this figure"
            + (f": {_one_line(names)}" if names else "")
        )
        lines += [
            f"    .. image:: /{file.relative_to(root).as_posix()}",
            f"        :alt: {text}",
            f"        :width: {round(crop.width_px(dpi))}px",
            f"        :class: convdemo-panel {crop_class(crop.text_px)}",
            "",
        ]
    return (
        "\n\n.. container:: convdemo-reflow\n\n"
        + _indent(full.strip("\n"), 4)
        + "\n\n"
        + _indent("\n".join(lines), 4)
        + "\n"
    )


def _data_downloads(figure, image_path: Path, src_dir: str, block_vars) -> str:
    """The arrays ``figure`` shows, written beside its image, as rST download links.

    One CSV per map, curve or bar series and one ``.npz`` of all of them
    (:mod:`convdemo.site.figure_data`), each with a header naming the example and the licence;
    an empty string for a figure that shows no numbers.
    """
    from convdemo.site.figure_data import DATA_CLASS, download_sentence, write_figure_data

    example = Path(block_vars.get("src_file", image_path.stem)).name
    folder = image_path.parent / "data"
    folder.mkdir(exist_ok=True)
    files = write_figure_data(figure, folder, image_path.stem, title=f"convdemo gallery, {example}")
    if not files:
        return ""
    root = Path(src_dir)

    def link(path: Path, text: str) -> str:
        return f":download:`{text} </{path.relative_to(root).as_posix()}>`"

    line = download_sentence(files, image_path.stem, link)
    return f"\n.. rst-class:: {DATA_CLASS}\n\n{line}\n"


def scrape_with_alt_text(block, block_vars, gallery_conf, **kwargs):
    """sphinx-gallery image scraper: matplotlib figures, each with its own alt text.

    sphinx-gallery's :func:`~sphinx_gallery.scrapers.matplotlib_scraper` takes a figure's
    alt text from its axes titles; this one takes what the example gave with
    :func:`convdemo.plotting.set_alt_text`, saves the figure at the sizes of the
    ``image_srcset`` setting and writes the rST with sphinx-gallery's own
    :func:`~sphinx_gallery.scrapers.figure_rst` (one full-width image per figure). The
    image sphinx-gallery makes cards from holds one panel (:func:`_save_thumbnail_still`).
    """
    import matplotlib.pyplot as plt
    from sphinx_gallery.scrapers import figure_rst

    from convdemo.plotting import get_alt_text

    rst = []
    players = []
    animations = _animations(block_vars)
    try:
        for number, path in zip(plt.get_fignums(), block_vars["image_path_iterator"], strict=False):
            figure = plt.figure(number)
            alt = get_alt_text(figure)
            if not alt:
                raise ValueError(
                    f"{block_vars.get('src_file', 'an example')}: figure {number} has no alt "
                    "text; call convdemo.plotting.set_alt_text(fig, 'what the figure shows')"
                )
            path = Path(path)
            if id(figure) in animations:
                _save(figure, path, kwargs)  # the still for the card
                players.append(_animation_block(animations[id(figure)], path, alt))
                players.append(_data_downloads(figure, path, gallery_conf["src_dir"], block_vars))
                continue
            srcset, pixels = _page_images(figure, path, gallery_conf["image_srcset"], kwargs)
            full = figure_rst(
                [srcset[0]], gallery_conf["src_dir"], _one_line(alt), srcsetpaths=[srcset]
            )
            at_2x = pixels if max(srcset) == 2 else None  # the pieces are cut at 2x
            card = _card_number(block_vars) in (None, _figure_number(path))
            _save_thumbnail_still(figure, path, kwargs, at_2x, card=card)  # English layout
            rst.append(
                reflowing_rst(full, figure, path, gallery_conf["src_dir"], alt, kwargs, at_2x)
            )
            save_translations(figure, path, rst[-1], srcset, kwargs)
            rst.append(_data_downloads(figure, path, gallery_conf["src_dir"], block_vars))
    finally:
        plt.close("all")
    return "".join(rst) + "".join(players)


def gallery_reset(gallery_conf, fname, when=None):
    """Reset matplotlib's settings and seed numpy's global random state."""
    import matplotlib
    import numpy as np

    matplotlib.rcdefaults()
    matplotlib.rcParams["svg.hashsalt"] = "convdemo"
    np.random.seed(0)  # noqa: NPY002  (seed the legacy global state examples might use)


# The order a learner should read each section in; files not listed follow, by name.
READING_ORDER = (
    "plot_image_processing_kernels.py",
    "plot_sobel_finds_edges_by_direction.py",
    "plot_padding_at_the_border.py",
    "plot_one_output_number.py",
    "plot_window_slides.py",
    "plot_convolution_arithmetic.py",
    "plot_how_much_not_whether.py",
    "plot_second_layer_reads_how_much.py",
    "plot_strong_edges_not_grass.py",
    "plot_no_threshold_rescues_the_step.py",
    "plot_eyes_and_mouth_make_a_face.py",
    "plot_one_slice_per_channel.py",
    "plot_face_fires_where_both_maps_are_zero.py",
    "plot_face_in_a_wider_scene.py",
    "plot_receptive_fields_grow.py",
    "plot_stride_pooling_dilation.py",
    "plot_fields_grow_exponentially.py",
    "plot_why_stack_small_kernels.py",
    "plot_stacked_kernels_weigh_the_centre.py",
    "plot_effective_receptive_field.py",
    "plot_effective_width_grows_like_sqrt_depth.py",
    "plot_depth_without_nonlinearity.py",
    "plot_relu_stack_finds_corners.py",
    "plot_linear_filters_cannot_say_both.py",
    "plot_train_cars_and_pedestrians.py",
    "plot_layer_1_learns_edges.py",
    "plot_feature_maps_layer_by_layer.py",
    "plot_a_lying_bar_is_a_car.py",
    "plot_what_layer2_units_see.py",
    "plot_images_built_for_layer2_units.py",
    "plot_occlusion_finds_the_object.py",
    "plot_layer2_units_look_at_the_middle.py",
    "plot_smiley_layer_1_learns_eyes_and_mouth.py",
    "plot_smiley_face_unit_reads_eyes_above_mouth.py",
    "plot_smiley_units_for_the_wrong_arrangements.py",
    "plot_smiley_no_unit_alone_is_enough.py",
    "plot_photo_layer_1_is_edges_plus_brightness.py",
    "plot_photo_car_ness_is_horizontal_edges.py",
    # real handwriting: how well, then layer 1, layer 2, and what the answer rests on
    "plot_digits_accuracy_and_mistakes.py",
    "plot_digits_layer1_filters.py",
    "plot_digits_layer1_maps.py",
    "plot_digits_layer2_new_feature.py",
    "plot_digits_layer2_circuits.py",
    "plot_digits_layer2_favourite_inputs.py",
    "plot_digits_occlusion_7_or_1.py",
)


class ReadingOrder:
    """sphinx-gallery ``within_subsection_order``: the examples in :data:`READING_ORDER`."""

    def __init__(self, src_dir: str) -> None:
        self.src_dir = src_dir

    def __call__(self, filename: str) -> tuple[int, str]:
        name = Path(filename).name
        rank = READING_ORDER.index(name) if name in READING_ORDER else len(READING_ORDER)
        return rank, name

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
