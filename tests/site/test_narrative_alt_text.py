"""The narrative pages' figures state numbers in their alt text that convdemo computes.

Each figure of docs/question.md, docs/answer.md and docs/worked_example.md is shown by
convdemo.site.figure_data.page_figure with the alt text its cell computed. Here, each figure's
alt text in the built HTML must hold numbers this test recomputes with convdemo: a typed
copy that went stale, or a figure shown without its computed alt text, fails.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from convdemo.site.figure_data import PAGE_FIGURE_CLASS


class _Images(HTMLParser):
    """``(src, alt, classes, inside a cell output)`` of every image in the page's <main>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str, set[str], bool]] = []
        self.stack: list[set[str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if tag == "img":
            inside = any("cell_output" in outer for outer in self.stack)
            self.images.append((attributes["src"], attributes.get("alt") or "", classes, inside))
        elif tag not in {"br", "hr", "input", "link", "meta", "source"}:
            self.stack.append(classes)

    def handle_endtag(self, tag):
        if tag not in {"img", "br", "hr", "input", "link", "meta", "source"} and self.stack:
            self.stack.pop()


def _figures(site: Path, name: str) -> dict[str, str]:
    """Figure stem (``answer_channels_combine``) -> its alt text, for the page's figures."""
    html = (site / name).read_text(encoding="utf-8")
    parser = _Images()
    parser.feed(html[html.index("<main") : html.index("</main>")])
    figures = {}
    for src, alt, classes, inside in parser.images:
        assert PAGE_FIGURE_CLASS in classes, (name, src, classes)
        assert inside, f"{name}: {src} is not in a cell output (the dark theme's white card)"
        figures[Path(src).stem] = " ".join(alt.split())
    return figures


def _face_example() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """docs/answer.md, part 2: the eye and mouth channels and layer 2's face score."""
    from convdemo import conv2d

    eyes, mouth = np.zeros((12, 16)), np.zeros((12, 16))
    eyes[2, 2] = eyes[2, 6] = eyes[8, 9] = eyes[8, 13] = 1
    mouth[5, 4] = mouth[5, 11] = 1
    face = np.zeros((1, 2, 4, 5))
    face[0, 0, 0, 0] = face[0, 0, 0, 4] = face[0, 1, 3, 2] = 1
    return eyes, mouth, conv2d(np.stack([eyes, mouth]), face)[0]


def expected_answer() -> dict[str, list[str]]:
    from convdemo import Conv2d, ReLU, Stack, empirical_receptive_field

    eyes, mouth, score = _face_example()
    widths = []
    for depth in (1, 2, 3):
        stack = Stack([layer for _ in range(depth) for layer in (Conv2d(np.ones((3, 3))), ReLU())])
        field = empirical_receptive_field(stack, (21, 21))
        widths.append(int((field.sum(axis=0) > 0).sum()))
    return {
        "answer_channels_combine": [
            f"peaks at {score[:, :8].max():g}",
            f"reaches only {score[:, 8:].max():g} on the right",
            f"both {eyes.shape[0]} by {eyes.shape[1]}",
            f"eye channel with {np.count_nonzero(eyes)} dots",
            f"mouth channel with {np.count_nonzero(mouth)} dots",
        ],
        "answer_receptive_fields_grow": [f"grows from {' to '.join(map(str, widths))} pixels"],
    }


def expected_question() -> dict[str, list[str]]:
    from convdemo import conv2d, named_kernel
    from convdemo.data import sample_image
    from convdemo.plotting import describe_numbers

    image, kernel = sample_image("coins"), named_kernel("sobel_x")
    feature_map = conv2d(image, kernel, padding=1)
    row, col = np.unravel_index(np.argmax(feature_map), feature_map.shape)
    crop = feature_map[row - 4 : row + 6, col - 5 : col + 5]
    return {
        "question_coins_feature_map": [
            f"{image.shape[0]} by {image.shape[1]} pixels",
            f"{describe_numbers(kernel[:, 0])} down the left column",
            f"from {feature_map.min():.2f} to {feature_map.max():.2f}",
        ],
        "question_crop_numbers": [f"up to {crop.max():.2f}", f"down to {crop.min():.2f}"],
    }


def expected_worked_example() -> dict[str, list[str]]:
    from convdemo import conv2d, draw_smiley, empirical_receptive_field, relu
    from convdemo import smiley_face_detector as detector_of
    from convdemo.plotting import describe_numbers

    image, detector = draw_smiley(shape=(9, 9)), detector_of()
    w1, b1, w2, b2 = detector[0].weight, detector[0].bias, detector[2].weight, detector[2].bias
    maps = relu(conv2d(image[None], w1, b1, padding=1))
    face = relu(conv2d(maps, w2, b2))[0]
    ((row, col),) = np.argwhere(face)
    products = maps[:, row : row + 7, col : col + 5] * w2[0]
    sensitivity = empirical_receptive_field(detector, (1, 9, 9), (0, row, col), x=image[None])
    return {
        "worked_example_input_and_kernels": [
            f"eye kernel, rows {describe_numbers(w1[0, 0])}",
            f"mouth kernel, rows {describe_numbers(w1[1, 0])}",
        ],
        "worked_example_layer1_maps": [f"{maps[0].max():g} at {cells(maps[0])}"],
        "worked_example_layer2_kernel": [
            f"{w2[0, 0].max():g} at {cells(w2[0, 0])}",
            f"{w2[0, 1].max():g} along row {np.argwhere(w2[0, 1])[0, 0]}",
        ],
        "worked_example_layer2_maps": [f"{face.max():g} at ({row}, {col})"],
        "worked_example_traced_cell": [
            f"summing to {products[0].sum():g}",
            f"summing to {products[1].sum():g}.",
        ],
        "worked_example_receptive_field": [
            f"non-zero on {np.count_nonzero(sensitivity)} pixels",
            f"up to {sensitivity[:4].max():g}",
        ],
    }


def cells(array: np.ndarray) -> str:
    return ", ".join(f"({r}, {c})" for r, c in np.argwhere(array))


PAGES = {
    "answer.html": expected_answer,
    "question.html": expected_question,
    "worked_example.html": expected_worked_example,
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_figures_alt_text_states_numbers_convdemo_computes(site: Path, name: str) -> None:
    figures = _figures(site, name)
    expected = PAGES[name]()
    assert list(figures) == list(expected), name  # every figure, in page order
    for stem, claims in expected.items():
        missing = [claim for claim in claims if claim not in figures[stem]]
        assert not missing, f"{name}, {stem}: alt text {figures[stem]!r} lacks {missing}"
