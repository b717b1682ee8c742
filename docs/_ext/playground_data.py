"""Sphinx extension of the playground page (docs/playground.md): its data and its assets.

The playground is plain JavaScript (``docs/_static/playground/``). Everything it needs
from Python is written at build time, by this extension, from :mod:`convdemo` itself, so
the page and the package cannot disagree:

* ``_static/playground/data.js``: the named kernels (:func:`convdemo.named_kernel`, with
  their descriptions), the weights of :func:`convdemo.smiley_face_detector`, the drawings
  (:func:`convdemo.draw_smiley`, the landing page's shapes), the site's two colour maps
  (``viridis`` and ``RdBu_r`` from matplotlib, as the figures use them) and the list of
  sample photographs;
* ``_static/playground/strings.js``: the page's interface strings in the build's language
  (:func:`convdemo.site.interface.script_strings` of every ``T("...")`` template of
  playground.js, looked up in ``interface.po``); the kernels' descriptions and the photographs'
  names in data.js are looked up there too;
* ``_static/playground/samples/<name>.js``: one sample photograph each
  (:func:`convdemo.data.sample_image`, grayscale, centre square, 256 x 256, 8 bits),
  loaded by the page only when the reader picks it.

The files are generated into a folder inside the doctrees folder and added to
``html_static_path``, so Sphinx copies them like any static file (with the usual
``?v=`` checksums). They are deterministic: two builds write the same bytes.

The page's own CSS and JavaScript are added to every page that has the playground's
container (``<div id="convdemo-playground">``), and to no other page.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

#: Sample photographs offered by the playground (all ship inside scikit-image).
SAMPLES: tuple[tuple[str, str], ...] = (
    ("camera", "cameraman"),
    ("astronaut", "astronaut"),
    ("coins", "coins"),
    ("checkerboard", "checkerboard"),
    ("brick", "brick wall"),
    ("text", "text"),
)
#: Side of the stored photographs; the page downsamples them (2 x 2 means) to 128, 64, 32.
SAMPLE_SIZE = 256
CONTAINER = 'id="convdemo-playground"'
STATIC = "playground"  # folder under _static


def _number(value: float) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() else value


def _nested(array: np.ndarray) -> list:
    """A float array as nested lists (integers where exact, for short files)."""
    if array.ndim == 0:
        return _number(array)
    return [_nested(item) for item in array]


def _hex_colours(name: str) -> str:
    from matplotlib import colormaps

    rgba = colormaps[name](np.linspace(0.0, 1.0, 256))
    rgb = np.round(rgba[:, :3] * 255).astype(np.uint8)
    return rgb.tobytes().hex()


def _shapes() -> np.ndarray:
    """The landing page's input image (docs/index.md): rectangle, dim square, bar, disc."""
    image = np.zeros((64, 96))
    image[8:26, 8:30] = 1.0
    image[36:56, 14:34] = 0.5
    image[10:54, 46:50] = 1.0
    rows, cols = np.mgrid[:64, :96]
    image[(rows - 40) ** 2 + (cols - 74) ** 2 < 13**2] = 1.0
    return image


def _smiley_scene() -> np.ndarray:
    """The gallery's wide scene: eyes only, swapped, face, mouth only, side by side."""
    from convdemo import draw_smiley

    names = ("eyes_only", "swapped", "face", "mouth_only")
    return sum(
        draw_smiley(name, shape=(13, 60), centre=(6, 6 + 12 * i)) for i, name in enumerate(names)
    )


#: The playground's script (its ``T("...")`` templates are the page's interface strings).
SCRIPT = Path(__file__).resolve().parents[1] / "_static" / STATIC / "playground.js"


def data_messages() -> list[str]:
    """The English texts of data.js that the page shows: photographs' names, kernels'
    descriptions (looked up in ``interface.po`` like the script's templates)."""
    import convdemo

    return [label for _, label in SAMPLES] + [
        convdemo.kernel_description(name) for name in convdemo.KERNEL_NAMES
    ]


def playground_data(language: str | None = None) -> dict:
    """Everything the playground takes from Python, as JSON-ready values (its texts in
    ``language``)."""
    import convdemo
    from convdemo.site.i18n import translator

    _ = translator(language, domain="interface")
    detector = convdemo.smiley_face_detector()
    layer1, layer2 = detector[0], detector[2]
    return {
        "version": convdemo.__version__,
        "kernels": [
            {
                "name": name,
                "description": _(convdemo.kernel_description(name)),
                "weights": _nested(convdemo.named_kernel(name)),
            }
            for name in convdemo.KERNEL_NAMES
        ],
        "smiley": {
            "layer1": {"weight": _nested(layer1.weight[:, 0]), "bias": _nested(layer1.bias)},
            "layer2": {"weight": _nested(layer2.weight[0]), "bias": _nested(layer2.bias[0])},
        },
        "drawings": {
            "smiley": _nested(convdemo.draw_smiley("face")),
            "smileys": _nested(_smiley_scene()),
            "shapes": _nested(_shapes()),
        },
        "colormaps": {"viridis": _hex_colours("viridis"), "RdBu_r": _hex_colours("RdBu_r")},
        "samples": [{"name": name, "label": _(label)} for name, label in SAMPLES],
        "sampleSize": SAMPLE_SIZE,
    }


def sample_pixels(name: str, size: int = SAMPLE_SIZE) -> np.ndarray:
    """A sample photograph as ``(size, size)`` uint8: grayscale, centre square, resized."""
    from skimage.transform import resize

    from convdemo.data import sample_image

    image = sample_image(name)
    rows, cols = image.shape
    side = min(rows, cols)
    top, left = (rows - side) // 2, (cols - side) // 2
    square = image[top : top + side, left : left + side]
    small = resize(square, (size, size), order=1, anti_aliasing=side > size)
    return np.round(np.clip(small, 0.0, 1.0) * 255).astype(np.uint8)


def _script(variable: str, payload: object) -> str:
    text = json.dumps(payload, separators=(",", ":"), sort_keys=True)
    return f"/* generated by docs/_ext/playground_data.py: do not edit */\n{variable}{text};\n"


def write_playground_files(target: Path, language: str | None = None) -> list[Path]:
    """Write data.js, strings.js and samples/*.js under ``target`` (the
    ``_static/playground`` folder), their texts in ``language``."""
    from convdemo.site.interface import script_messages, script_strings

    strings = script_strings(script_messages(SCRIPT), language)
    files = {
        target / "data.js": _script("window.convdemoPlaygroundData = ", playground_data(language)),
        target / "strings.js": _script("window.convdemoPlaygroundStrings = ", strings),
    }
    for name, _ in SAMPLES:
        pixels = sample_pixels(name)
        payload = {
            "name": name,
            "height": int(pixels.shape[0]),
            "width": int(pixels.shape[1]),
            "uint8": base64.b64encode(pixels.tobytes()).decode("ascii"),
        }
        files[target / "samples" / f"{name}.js"] = _script(
            f"(window.convdemoPlaygroundSamples = window.convdemoPlaygroundSamples || {{}})"
            f"[{json.dumps(name)}] = ",
            payload,
        )
    from convdemo.site.atomic import write_text

    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_text(path, text)
    return sorted(files)


def _generated_root(app) -> Path:
    return Path(app.doctreedir) / "playground_static"


def _add_static_path(app, config) -> None:
    root = _generated_root(app)
    root.mkdir(parents=True, exist_ok=True)  # Sphinx drops static paths that do not exist
    config.html_static_path = [*config.html_static_path, str(root)]


def _generate(app) -> None:
    if app.builder.format != "html":
        return
    write_playground_files(_generated_root(app) / STATIC, app.config.language)


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    from docutils import nodes

    for node in doctree.findall(nodes.raw):
        if "html" in node.get("format", "").split() and CONTAINER in node.astext():
            app.add_css_file(f"{STATIC}/playground.css")
            app.add_js_file(f"{STATIC}/data.js", defer="defer")
            app.add_js_file(f"{STATIC}/strings.js", defer="defer")
            app.add_js_file("convdemo-strings.js", defer="defer")  # T, prose
            app.add_js_file(f"{STATIC}/playground.js", defer="defer")
            return


def noscript_messages() -> list[str]:
    """The ``<noscript>`` texts of the page's source (docs/playground.md)."""
    from convdemo.site.interface import noscript_messages as messages

    return messages(Path(__file__).resolve().parents[1] / "playground.md")


def translate_noscript(app, doctree, docname) -> None:
    """``doctree-resolved``: the page's ``<noscript>`` text in the build's language."""
    from convdemo.site.interface import translate_noscript as translate

    translate(doctree, CONTAINER, app.config.language)


def setup(app) -> dict:
    app.connect("doctree-resolved", translate_noscript)
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _generate)
    app.connect("html-page-context", _add_assets)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
