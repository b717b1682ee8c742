"""The playground page (docs/playground.md) in a real browser: its numbers are convdemo's.

The page's JavaScript computes two convolution layers in float64. These tests drive it
through its programmatic face (``window.convdemoPlayground``) and through its controls
(presets, selects, number inputs, a file from "the reader's disk"), read the maps back and
compare them with :func:`convdemo.conv2d`, :func:`convdemo.relu` and :func:`convdemo.step`
to 1e-9. They also check the page's accessibility (axe-core, light and dark), its keyboard
use, the phone layout, and print how long one recomputation of a 256 x 256 image takes.

Like the rest of tests/browser, they run only when asked for (``nox -s browser``), on a
built site.
"""

from __future__ import annotations

import struct
import zlib

import browser_checks as checks
import numpy as np
import pytest

from convdemo import (
    KERNEL_NAMES,
    compose_kernels,
    conv2d,
    draw_smiley,
    named_kernel,
    relu,
    smiley_face_detector,
    step,
)

PAGE = "playground.html"
TOLERANCE = 1e-9
MOBILE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ACTIVATIONS = {"none": lambda x: x, "relu": relu, "step": step}

# --------------------------------------------------------------------------- helpers


def open_playground(page, site_url: str) -> None:
    status, problems = checks.load(page, site_url + PAGE)
    assert status == 200, f"{PAGE}: HTTP {status} (is the page in the built site?)"
    assert not problems, problems
    scripts = page.evaluate(
        "() => [...document.scripts].map((s) => s.getAttribute('src') || '')"
        ".filter((src) => src.includes('playground/'))"
    )
    assert len(scripts) == 2, (
        f"{PAGE} does not load the playground's data.js and playground.js ({scripts}): "
        "is docs/_ext/playground_data.py in conf.py's extensions?"
    )
    page.wait_for_function("() => window.convdemoPlayground && window.convdemoPlayground.ready")
    assert page.evaluate("() => window.convdemoPlayground.ready") is True


@pytest.fixture(scope="module")
def context(browser):
    context = checks.new_context(browser, checks.LIGHT)
    yield context
    context.close()


@pytest.fixture
def page(context, site_url):
    """The playground, freshly loaded; after the test, no console error, no failed or
    outside request happened on it."""
    with checks.open_page(context, site_url) as (page, recorder):
        open_playground(page, site_url)
        yield page
        assert not recorder.problems(PAGE), checks.format_problems(recorder.problems(PAGE))


def forward(spec: dict) -> dict[str, np.ndarray]:
    """The network of a playground spec, computed by convdemo."""
    image = np.asarray(spec["image"], dtype=float)
    l1, l2 = spec["layer1"], spec["layer2"]
    w1 = np.asarray(l1["weights"], dtype=float)[:, None]  # (C, 1, kh, kw)
    b1 = np.asarray(l1["bias"], dtype=float)
    pre1 = conv2d(image[None], w1, b1, padding=l1["padding"], method="direct")
    out1 = ACTIVATIONS[l1["activation"]](pre1)
    w2 = np.asarray(l2["weights"], dtype=float)[None]  # (1, C, kh, kw)
    b2 = np.asarray([l2["bias"]], dtype=float)
    pre2 = conv2d(out1, w2, b2, padding=l2["padding"], method="direct")[0]
    out2 = ACTIVATIONS[l2["activation"]](pre2)
    return {"pre1": pre1, "out1": out1, "pre2": pre2, "out2": out2}


def assert_maps_match(maps: dict, spec: dict) -> None:
    """The page's maps (nested lists) equal convdemo's for the same spec, to 1e-9."""
    assert "error" not in maps, maps
    expected = forward(spec)
    got = {
        "pre1": maps["layer1"]["pre"],
        "out1": maps["layer1"]["out"],
        "pre2": maps["layer2"]["pre"],
        "out2": maps["layer2"]["out"],
    }
    for name, want in expected.items():
        array = np.asarray(got[name], dtype=float)
        assert array.shape == want.shape, f"{name}: shape {array.shape}, convdemo {want.shape}"
        np.testing.assert_allclose(array, want, rtol=0, atol=TOLERANCE, err_msg=name)


def as_lists(spec: dict) -> dict:
    """A spec with numpy arrays turned into JSON-ready lists."""
    out = {}
    for key, value in spec.items():
        if isinstance(value, dict):
            out[key] = as_lists(value)
        elif isinstance(value, np.ndarray):
            out[key] = value.tolist()
        else:
            out[key] = value
    return out


def random_spec(
    seed: int,
    *,
    channels: int,
    k1: int,
    k2: tuple[int, int],
    padding: tuple[str, str],
    activation: tuple[str, str],
    shape: tuple[int, int] = (19, 23),
) -> dict:
    """A random image and network. With a step anywhere, every number is a small dyadic
    fraction, so every sum is exact in any order and the step's threshold cannot be
    decided by rounding."""
    rng = np.random.default_rng(seed)
    if "step" in activation:
        image = rng.integers(0, 257, shape) / 256
        w1 = rng.integers(-8, 9, (channels, k1, k1)) / 4
        b1 = rng.integers(-8, 9, channels) / 4
        w2 = rng.integers(-8, 9, (channels, *k2)) / 4
        b2 = float(rng.integers(-8, 9) / 4)
    else:
        image = rng.random(shape)
        w1 = rng.normal(size=(channels, k1, k1))
        b1 = rng.normal(size=channels)
        w2 = rng.normal(size=(channels, *k2))
        b2 = float(rng.normal())
    return {
        "image": image,
        "layer1": {"weights": w1, "bias": b1, "activation": activation[0], "padding": padding[0]},
        "layer2": {"weights": w2, "bias": b2, "activation": activation[1], "padding": padding[1]},
    }


def png_gray(pixels: np.ndarray) -> bytes:
    """An 8-bit grayscale PNG (no colour profile), written by hand."""
    rows, cols = pixels.shape
    raw = b"".join(b"\x00" + row.tobytes() for row in pixels.astype(np.uint8))

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", cols, rows, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def stage(page, key: str):
    return page.locator(f"section.cdp-stage-{key}")


def settle(page) -> dict:
    """Wait until the page has computed its latest image (photos load on demand); its state."""
    assert page.evaluate("() => window.convdemoPlayground.settled()") is True
    return page.evaluate("() => window.convdemoPlayground.getState()")


# --------------------------------------------------------------------------- the arithmetic

CASES = {
    # name: channels, layer-1 kernel, layer-2 kernel, paddings, activations
    "2ch-same-relu": (2, 3, (3, 3), ("same", "same"), ("relu", "relu")),
    "2ch-valid-none": (2, 3, (3, 3), ("valid", "valid"), ("none", "none")),
    "2ch-5x5-step": (2, 5, (3, 5), ("same", "valid"), ("step", "step")),
    "3ch-valid-relu-none": (3, 3, (5, 3), ("valid", "same"), ("relu", "none")),
    "3ch-5x5-none-relu-1x1": (3, 5, (1, 1), ("same", "same"), ("none", "relu")),
    "3ch-step-relu-7x5": (3, 3, (7, 5), ("same", "valid"), ("step", "relu")),
    "4ch-relu-step-9x9": (4, 3, (9, 9), ("same", "same"), ("relu", "step")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_compute_matches_convdemo(page, name):
    """compute(): no page state involved, every padding, activation and 2-4 channels."""
    channels, k1, k2, padding, activation = CASES[name]
    spec = random_spec(
        sorted(CASES).index(name),
        channels=channels,
        k1=k1,
        k2=k2,
        padding=padding,
        activation=activation,
    )
    maps = page.evaluate("(spec) => window.convdemoPlayground.compute(spec)", as_lists(spec))
    assert_maps_match(maps, spec)


def test_set_state_shows_the_same_numbers(page):
    """setState(): the page's own maps (what it draws) are convdemo's, and getState()
    gives back exactly the network that was set."""
    spec = random_spec(
        7, channels=3, k1=3, k2=(3, 3), padding=("same", "valid"), activation=("relu", "none")
    )
    page.evaluate("(spec) => window.convdemoPlayground.setState(spec)", as_lists(spec))
    state = page.evaluate("() => window.convdemoPlayground.getState()")
    np.testing.assert_array_equal(state["image"], spec["image"])
    np.testing.assert_array_equal(state["layer1"]["weights"], spec["layer1"]["weights"])
    np.testing.assert_array_equal(state["layer2"]["weights"], spec["layer2"]["weights"])
    assert_maps_match(page.evaluate("() => window.convdemoPlayground.getMaps()"), spec)
    assert page.locator("section.cdp-stage-layer1 canvas.cdp-canvas").count() == 3


def test_linear_layers_collapse_into_compose_kernels(page):
    spec = random_spec(
        3, channels=2, k1=3, k2=(5, 3), padding=("valid", "valid"), activation=("none", "none")
    )
    maps = page.evaluate("(spec) => window.convdemoPlayground.compute(spec)", as_lists(spec))
    w1 = spec["layer1"]["weights"][:, None]  # (C, 1, 3, 3)
    w2 = spec["layer2"]["weights"][None]  # (1, C, 5, 3)
    np.testing.assert_allclose(
        maps["collapse"]["kernel"], compose_kernels(w1, w2)[0, 0], rtol=0, atol=TOLERANCE
    )
    bias = spec["layer2"]["bias"] + float(spec["layer1"]["bias"] @ w2[0].sum(axis=(1, 2)))
    assert abs(maps["collapse"]["bias"] - bias) < TOLERANCE
    assert maps["collapse"]["maxDifference"] < TOLERANCE
    assert maps["collapse"]["equal"] == maps["collapse"]["total"]


def test_named_kernels_are_convdemos(page):
    kernels = page.evaluate("() => window.convdemoPlayground.namedKernels()")
    assert sorted(kernels) == sorted(KERNEL_NAMES)
    for name in KERNEL_NAMES:
        np.testing.assert_array_equal(kernels[name], named_kernel(name), err_msg=name)


def test_conv2d_and_activations_alone(page):
    """The two building blocks on their own; an even-sized kernel puts the extra zero of
    "same" padding at the bottom and right, as convdemo does."""
    rng = np.random.default_rng(11)
    x = rng.normal(size=(2, 6, 7))
    w = rng.normal(size=(3, 2, 2, 4))  # even sizes: the extra zero goes bottom/right
    b = rng.normal(size=3)
    for padding in ("same", "valid"):
        got = page.evaluate(
            "([x, w, b, p]) => window.convdemoPlayground.conv2d(x, w, b, p)",
            [x.tolist(), w.tolist(), b.tolist(), padding],
        )
        np.testing.assert_allclose(got, conv2d(x, w, b, padding=padding), rtol=0, atol=TOLERANCE)
    values = [-2.0, -0.0, 0.0, 1e-300, 0.5, 3.0]
    for name in ("relu", "step"):
        got = page.evaluate(
            "([name, v]) => window.convdemoPlayground.activate(name, v)", [name, values]
        )
        np.testing.assert_array_equal(got, ACTIVATIONS[name](np.array(values)), err_msg=name)


# --------------------------------------------------------------------------- the controls


def test_face_preset_button(page):
    """The preset button gives the gallery's smiley and detector, and the face unit 4."""
    page.get_by_role("button", name="Edge detection (Sobel)").click()
    assert settle(page)["source"] == "camera"
    button = page.get_by_role("button", name="Eyes + mouth = face")
    button.click()
    state = settle(page)
    assert button.get_attribute("aria-pressed") == "true"
    assert state["preset"] == "face" and state["source"] == "smiley"
    detector = smiley_face_detector()
    np.testing.assert_array_equal(state["image"], draw_smiley())
    np.testing.assert_array_equal(state["layer1"]["weights"], detector[0].weight[:, 0])
    np.testing.assert_array_equal(state["layer1"]["bias"], detector[0].bias)
    np.testing.assert_array_equal(state["layer2"]["weights"], detector[2].weight[0])
    assert state["layer2"]["bias"] == detector[2].bias[0] == -12
    assert (state["layer1"]["activation"], state["layer2"]["activation"]) == ("relu", "relu")

    maps = page.evaluate("() => window.convdemoPlayground.getMaps()")
    assert_maps_match(maps, state)
    trace = detector.trace(draw_smiley()[None])
    np.testing.assert_allclose(maps["layer1"]["out"], trace[1], rtol=0, atol=TOLERANCE)
    face = np.asarray(maps["layer2"]["out"])
    np.testing.assert_allclose(face, trace[3][0], rtol=0, atol=TOLERANCE)
    assert face.shape == (7, 9) and face[3, 4] == 4.0
    assert np.count_nonzero(face) == 1
    # ... at the face centre, pixel (6, 6), where both layer-1 maps are 0
    assert [channel[6][6] for channel in maps["layer1"]["out"]] == [0, 0]


def test_edge_preset_adds_up_to_the_edge_strength(page):
    """Sobel in four directions, ReLU, summed by a 1x1 layer 2: |gx| + |gy| (the gallery's
    "how much, not whether" network), on the camera photograph."""
    page.get_by_role("button", name="Edge detection (Sobel)").click()
    state = settle(page)
    assert (state["source"], state["preset"]) == ("camera", "edges")
    sobel_x, sobel_y = named_kernel("sobel_x"), named_kernel("sobel_y")
    np.testing.assert_array_equal(
        state["layer1"]["weights"], np.stack([sobel_x, -sobel_x, sobel_y, -sobel_y])
    )
    maps = page.evaluate("() => window.convdemoPlayground.getMaps()")
    assert_maps_match(maps, state)
    image = np.asarray(state["image"])
    strength = np.abs(conv2d(image, sobel_x)) + np.abs(conv2d(image, sobel_y))
    np.testing.assert_allclose(maps["layer2"]["out"], strength, rtol=0, atol=TOLERANCE)


def test_hover_reads_the_face_unit_and_its_receptive_field(page):
    canvas = page.locator("section.cdp-stage-layer2 canvas.cdp-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    # Layer 2's map is 7 x 9 (rows x columns): the centre of pixel (3, 4).
    canvas.hover(position={"x": box["width"] * 4.5 / 9, "y": box["height"] * 3.5 / 7})
    readout = stage(page, "layer2").locator(".cdp-readout")
    text = readout.text_content()
    assert text.startswith("Layer 2, row 3, column 4: 4"), text
    assert "8 (channel 1) + 8 (channel 2) + \u221212 (bias)" in text, text
    # The receptive field: the 7 x 5 window on both layer-1 maps, 9 x 7 on the input.
    input_box = stage(page, "input").locator(".cdp-box")
    assert input_box.is_visible()
    for locator in stage(page, "layer1").locator(".cdp-box").all():
        assert locator.is_visible()
    assert "Reads layer-1 rows 3\u20139, columns 4\u20138" in text, text
    assert "input rows 2\u201310, columns 3\u20139" in text, text


def test_number_inputs_and_selects(page):
    """A network set up with the controls only: image, channels, activations, weights, bias."""
    page.get_by_label("Image", exact=True).select_option("smileys")
    settle(page)
    page.get_by_label("Channels of layer 1").select_option("3")
    page.get_by_label("Activation of layer 1").select_option("step")
    page.get_by_label("Padding of layer 2").select_option("same")
    page.get_by_label("Activation of layer 2").select_option("relu")
    weights = np.array([[0.5, -1, 0.25], [2, 0, -0.75], [1, 1, -2]])
    for (row, col), value in np.ndenumerate(weights):
        page.get_by_label(
            f"Layer 1, channel 3, weight at row {row}, column {col}", exact=True
        ).fill(f"{value:g}")
    page.get_by_label("Bias of channel 3").fill("-0.5")
    slice3 = page.get_by_label(
        "Layer 2, slice for channel 3, weight at row 1, column 1", exact=True
    )
    slice3.fill("1.5")
    page.get_by_label("Bias of layer 2").fill("-1")

    state = page.evaluate("() => window.convdemoPlayground.getState()")
    assert state["source"] == "smileys"
    # the gallery's scene: eyes only, swapped, face, mouth only, side by side
    scene = sum(
        draw_smiley(name, shape=(13, 60), centre=(6, 6 + 12 * i))
        for i, name in enumerate(["eyes_only", "swapped", "face", "mouth_only"])
    )
    np.testing.assert_array_equal(state["image"], scene)
    np.testing.assert_array_equal(state["layer1"]["weights"][2], weights)
    assert state["layer1"]["bias"][2] == -0.5
    assert state["layer2"]["weights"][2][1][1] == 1.5
    assert state["layer2"]["bias"] == -1
    assert (state["layer1"]["activation"], state["layer2"]["activation"]) == ("step", "relu")
    assert (state["layer1"]["padding"], state["layer2"]["padding"]) == ("same", "same")
    assert_maps_match(page.evaluate("() => window.convdemoPlayground.getMaps()"), state)
    # The kernel picker says the edited kernel is the reader's own.
    picker = page.get_by_label("Kernel of channel 3")
    assert picker.input_value() == "custom"
    picker.select_option("laplacian")
    state = page.evaluate("() => window.convdemoPlayground.getState()")
    np.testing.assert_array_equal(state["layer1"]["weights"][2], named_kernel("laplacian"))
    assert_maps_match(page.evaluate("() => window.convdemoPlayground.getMaps()"), state)


def test_photo_preset_and_size(page):
    """A sample photograph (loaded on demand) at two sizes, with "valid" padding."""
    page.get_by_role("button", name="Linear collapse (no activation)").click()
    state = settle(page)
    assert state["source"] == "camera"
    assert np.asarray(state["image"]).shape == (64, 64)
    maps = page.evaluate("() => window.convdemoPlayground.getMaps()")
    assert_maps_match(maps, state)
    assert maps["collapse"]["maxDifference"] < TOLERANCE
    assert "one convolution" in stage(page, "layer2").locator(".cdp-extra").text_content()

    page.get_by_label("Size (photographs and your image)").select_option("32")
    settle(page)
    page.get_by_label("Activation of layer 1").select_option("relu")
    state = settle(page)
    image = np.asarray(state["image"])
    assert image.shape == (32, 32) and 0 <= image.min() < image.max() <= 1
    maps = page.evaluate("() => window.convdemoPlayground.getMaps()")
    assert maps["collapse"] is None
    assert_maps_match(maps, state)


def test_your_own_picture_stays_in_the_browser(page):
    pixels = np.add.outer(np.arange(32) * 7, np.arange(32) * 3) % 256
    page.get_by_label("Or open a picture from your computer").set_input_files(
        {"name": "ramp.png", "mimeType": "image/png", "buffer": png_gray(pixels)}
    )
    assert settle(page)["source"] == "file"
    page.get_by_label("Size (photographs and your image)").select_option("32")
    state = settle(page)
    assert state["source"] == "file"
    np.testing.assert_allclose(state["image"], pixels / 255, rtol=0, atol=TOLERANCE)
    assert_maps_match(page.evaluate("() => window.convdemoPlayground.getMaps()"), state)
    # (the page fixture asserts that no request left the page)


# --------------------------------------------------------------------------- speed


def test_recompute_time_256(page, capsys):
    """One recomputation (both layers and every map redrawn) of a 256 x 256 image with two
    channels. Printed, not asserted: machines differ."""
    spec = random_spec(
        5,
        channels=2,
        k1=3,
        k2=(3, 3),
        padding=("same", "same"),
        activation=("relu", "relu"),
        shape=(256, 256),
    )
    page.evaluate("(spec) => { window.convdemoPlayground.setState(spec); }", as_lists(spec))
    times = page.evaluate(
        """() => {
          const api = window.convdemoPlayground;
          const time = (work) => {
            const runs = [];
            for (let k = 0; k < 15; k++) {
              const t0 = performance.now();
              work();
              runs.push(performance.now() - t0);
            }
            return runs.sort((a, b) => a - b);
          };
          return {whole: time(() => api.recompute()), arithmetic: time(() => api.computeOnly())};
        }"""
    )
    assert_maps_match(page.evaluate("() => window.convdemoPlayground.getMaps()"), spec)
    whole, arithmetic = times["whole"], times["arithmetic"]
    with capsys.disabled():
        print(
            "\nplayground, 256x256 image, 2 channels, two layers, 15 runs: "
            f"recompute + redraw median {whole[7]:.1f} ms (min {whole[0]:.1f}, "
            f"max {whole[-1]:.1f}); arithmetic alone median {arithmetic[7]:.1f} ms "
            f"(max {arithmetic[-1]:.1f})"
        )


# --------------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("mode", [checks.LIGHT, checks.DARK])
def test_axe_clean(browser, site_url, mode):
    context = checks.new_context(browser, mode)
    try:
        with checks.open_page(context, site_url) as (page, recorder):
            open_playground(page, site_url)
            # What the page did, before axe-core runs (it fetches the stylesheets again).
            found = recorder.problems(PAGE)
            found += checks.check_axe(page, PAGE, mode=mode)
            recorder.reset()
            page.get_by_role("button", name="Corners from edges").click()
            assert settle(page)["preset"] == "corners"
            found += recorder.problems(PAGE)
            found += checks.check_axe(page, PAGE, mode=mode)
            if mode == checks.DARK:
                found += checks.check_theme(page, PAGE, mode)
    finally:
        context.close()
    assert not found, checks.format_problems(found)


def test_every_control_has_a_name(page):
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll(
              "#convdemo-playground input, #convdemo-playground select, "
              + "#convdemo-playground button, #convdemo-playground canvas[tabindex]")]
            .filter((el) => !(el.getAttribute("aria-label") || (el.labels && el.labels.length)
                              || (el.tagName === "BUTTON" && el.textContent.trim())))
            .map((el) => el.outerHTML.slice(0, 120))"""
    )
    assert not unnamed, unnamed


def test_keyboard(page):
    """Tab reaches the presets with a visible focus ring; Enter applies one; a focused map
    reads values with the arrow keys."""
    first = page.get_by_role("button", name="Eyes + mouth = face")
    first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
          const el = document.activeElement, style = getComputedStyle(el);
          return {text: el.textContent, outline: style.outlineStyle,
                  width: parseFloat(style.outlineWidth)};
        }"""
    )
    assert focused["text"] == "Edge detection (Sobel)"
    assert focused["outline"] != "none" and focused["width"] >= 2, focused
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Corners from edges"
    assert settle(page)["preset"] == "corners"

    canvas = page.locator("section.cdp-stage-layer2 canvas.cdp-canvas")
    canvas.focus()
    readout = stage(page, "layer2").locator(".cdp-readout")
    before = readout.text_content()
    assert before.startswith("Layer 2, row 32, column 48:"), before
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Shift+ArrowLeft")
    assert readout.text_content().startswith("Layer 2, row 31, column 38:")
    assert stage(page, "input").locator(".cdp-box").is_visible()


def test_phone_layout(browser, site_url, artifacts_dir):
    """390 px wide: the page never scrolls sideways, with the widest kernels (9 x 9) too."""
    context = checks.new_context(browser, **MOBILE)
    found = []
    try:
        with checks.open_page(context, site_url) as (page, recorder):
            open_playground(page, site_url)
            found += checks.check_mobile(page, PAGE)
            page.get_by_role("button", name="Corners from edges").click()
            assert settle(page)["preset"] == "corners"
            found += checks.check_mobile(page, PAGE)
            widest = page.evaluate(
                """() => Math.max(...[...document.querySelectorAll("#convdemo-playground *")]
                     .filter((el) => !el.closest(".cdp-grid-scroll, .cdp-table-scroll"))
                     .map((el) => el.getBoundingClientRect().right))"""
            )
            assert widest <= 390, f"an element of the playground reaches x = {widest:.0f} px"
            page.screenshot(path=str(artifacts_dir / "playground-mobile.png"), full_page=True)
            found += recorder.problems(PAGE)
    finally:
        context.close()
    assert not found, checks.format_problems(found)
