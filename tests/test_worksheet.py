"""The worksheet's problems and its PDFs: every answer is a fresh convdemo computation."""

from __future__ import annotations

import functools
import io

import numpy as np
import pytest
from pypdf import PdfReader

from convdemo import Conv2d, ReLU, Stack, conv2d, empirical_receptive_field, relu, step
from convdemo.site.worksheet import WORKSHEET_SEED, worksheet_problems
from convdemo.site.worksheet_pdf import PAPER_SIZES, worksheet_pdf
from convdemo.synthetic import draw_smiley, smiley_face_detector

SEEDS = [WORKSHEET_SEED, 0, 1, 7]


@pytest.mark.parametrize("seed", SEEDS)
def test_window_answer_is_the_sum_of_products_plus_bias(seed):
    p = worksheet_problems(seed).window
    image = np.zeros((5, 5))
    image[1:4, 1:4] = p.window  # the window inside a larger image, read at its centre
    assert conv2d(image, p.kernel, bias=p.bias)[1, 1] == p.answer
    assert p.answer == sum(p.window.ravel() * p.kernel.ravel()) + p.bias
    np.testing.assert_array_equal(p.products, p.window * p.kernel)
    assert p.kernel.any()


@pytest.mark.parametrize("seed", SEEDS)
def test_face_scores_are_the_detectors_output(seed):
    faces = worksheet_problems(seed).faces
    assert faces[0].arrangement == "face"
    assert faces[1].arrangement != "face"
    detector = smiley_face_detector()
    for face in faces:
        out = detector.forward(draw_smiley(face.arrangement, shape=(9, 9))[None])[0]
        centre = out[(out.shape[0] - 1) // 2, (out.shape[1] - 1) // 2]
        assert face.value == centre
        assert face.eye_contribution == (face.eye_window * face.eye_slice).sum()
        assert face.mouth_contribution == (face.mouth_window * face.mouth_slice).sum()
        assert face.eye_contribution + face.mouth_contribution + face.bias == face.pre_activation
        assert face.value == max(face.pre_activation, 0.0)
    assert faces[0].value > 0 and faces[1].value == 0  # only the face clears the bias


@pytest.mark.parametrize("seed", SEEDS)
def test_field_boxes_are_the_measured_receptive_fields(seed):
    p = worksheet_problems(seed).field
    assert p.sizes == (3, 5, 7)
    for layers, box in zip((2, 3), p.boxes, strict=True):
        stack = Stack([Conv2d(np.ones((3, 3)), padding=1) for _ in range(layers)])
        field = empirical_receptive_field(stack, (p.grid, p.grid), p.pixel)
        rows, cols = np.nonzero(field)
        top, left, height, width = box
        assert (rows.min(), cols.min()) == (top, left)
        assert (rows.max() - rows.min() + 1, cols.max() - cols.min() + 1) == (height, width)
        assert min(top, left) >= 0 and max(top + height, left + width) <= p.grid


@pytest.mark.parametrize("seed", SEEDS)
def test_grading_step_forgets_how_much_and_relu_keeps_it(seed):
    p = worksheet_problems(seed).grading
    np.testing.assert_array_equal(p.weak_relu, relu(p.weak))
    np.testing.assert_array_equal(p.strong_step, step(p.strong))
    np.testing.assert_allclose(p.weak / p.weak_ink, p.strong / p.strong_ink)  # linear in ink
    assert p.weak_ink < p.strong_ink
    assert (p.relu_tells_apart, p.step_tells_apart) == (True, False)


def test_the_seed_fixes_the_worksheet_and_changes_it():
    first, again = worksheet_problems(3), worksheet_problems(3)
    np.testing.assert_array_equal(first.window.window, again.window.window)
    others = [worksheet_problems(seed).window.window for seed in range(4, 10)]
    assert any(not np.array_equal(first.window.window, other) for other in others)


@functools.cache
@pytest.mark.parametrize("seed", SEEDS)
def test_two_linear_layers_are_one_kernel_and_a_relu_between_them_is_not(seed):
    p = worksheet_problems(seed).linear
    two = Stack([Conv2d(p.first[None, None]), Conv2d(p.second[None, None])])
    with_relu = Stack([Conv2d(p.first[None, None]), ReLU(), Conv2d(p.second[None, None])])
    np.testing.assert_array_equal(p.layer1, conv2d(p.row, p.first))
    np.testing.assert_array_equal(p.layer2, two.forward(p.row[None])[0])
    # the composed kernel by hand: copies of a, the j-th moved j cells and scaled by b[j]
    by_hand = sum(np.pad(p.first[0] * b, (j, 2 - j)) for j, b in enumerate(p.second[0]))
    np.testing.assert_array_equal(p.composed[0], by_hand)
    np.testing.assert_array_equal(p.one_kernel, p.layer2)
    np.testing.assert_array_equal(p.with_relu, with_relu.forward(p.row[None])[0])
    assert not np.array_equal(p.with_relu, p.one_kernel)
    assert (p.layer1 > 0).any() and (p.layer1 < 0).any()
    assert p.row.shape == (1, 7) and min(np.count_nonzero(k) for k in (p.first, p.second)) >= 2


def _corner(vertical: str, horizontal: str) -> np.ndarray:
    """Channel 0 (vertical arm) and channel 1 (horizontal arm) of a corner in a 3x3 window."""
    maps = np.zeros((2, 3, 3))
    maps[0, (1, 2) if vertical == "down" else (0, 1), 1] = 1
    maps[1, 1, (1, 2) if horizontal == "right" else (0, 1)] = 1
    return maps


@pytest.mark.parametrize("seed", SEEDS)
def test_each_corner_unit_fires_for_its_own_arrangement_only(seed):
    from convdemo.site.worksheet import CORNERS

    p = worksheet_problems(seed).hierarchy
    assert len(set(p.units)) == 2 and set(p.units) < set(p.arrangements)
    assert len(set(p.arrangements)) == 3
    for unit, name in enumerate(p.units):
        np.testing.assert_array_equal(p.kernels[unit], _corner(*CORNERS[name]))
    layer2 = Stack([Conv2d(p.kernels, bias=[p.bias, p.bias]), ReLU()])
    for k, name in enumerate(p.arrangements):
        np.testing.assert_array_equal(p.maps[k], _corner(*CORNERS[name]))
        out = layer2.forward(p.maps[k])[:, 0, 0]
        np.testing.assert_array_equal(p.outputs[k], out)
        np.testing.assert_array_equal(
            p.sums[k] + p.bias, conv2d(p.maps[k], p.kernels)[:, 0, 0] + p.bias
        )
        expected = f"unit {p.units.index(name)}" if name in p.units else "neither"
        assert p.fires[k] == expected
        assert (out > 0).sum() == (name in p.units)


def _pdf(answers: bool, paper: str) -> bytes:
    """Each PDF drawn once for the whole module (drawing takes a second or two)."""
    return worksheet_pdf(answers=answers, paper=paper)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("paper", sorted(PAPER_SIZES))
def test_answer_key_prints_every_answer_and_the_worksheet_none(paper):
    key = _text(_pdf(True, paper))
    blank = _text(_pdf(False, paper))
    sheet = worksheet_problems(WORKSHEET_SEED)
    assert f"sum of the products + bias ({sheet.window.bias:g}) =" in key
    for face in sheet.faces:
        assert f"face score = {face.value:g}" in key
        assert f"eye contribution = {face.eye_contribution:g}" in key
        assert f"mouth contribution = {face.mouth_contribution:g}" in key
        assert f"+ bias ({face.bias:g}) = {face.pre_activation:g}" in key
        assert f"face score = {face.value:g}" not in blank
    assert f"+ bias ({sheet.window.bias:g}) =\n{sheet.window.answer:g}" in key or (
        f"+ bias ({sheet.window.bias:g}) = {sheet.window.answer:g}" in key
    )
    assert "5 x 5 pixels" in key and "7 x 7 pixels" in key
    assert "pixels" not in blank.replace("input pixels", "")
    assert "CC BY 4.0" in key and "CC BY 4.0" in blank
    linear = sheet.linear
    for label, values in [
        ("after layer 1 (a)", linear.layer1),
        ("kernel c", linear.composed),
        ("then layer 2 (b)", linear.with_relu),
    ]:
        numbers = " ".join(f"{v + 0.0:g}" for v in values.ravel())
        assert f"{label}\n{numbers}" in key.replace("\n\n", "\n") or numbers in key, label
    assert "Same as after layer 2? yes" in key and "Same as through c? no" in key
    assert "Same as after layer 2? ________" in blank
    hierarchy = sheet.hierarchy
    for fires in hierarchy.fires:
        assert f"Which unit fires? {fires}" in key
    assert "Which unit fires? ________" in blank and "unit 0 detects" not in blank
    assert "unit 0 detects a " + hierarchy.units[0] in key
    reader = PdfReader(io.BytesIO(_pdf(False, paper)))
    assert len(reader.pages) == 5
    width, height = (float(v) / 72 for v in reader.pages[0].mediabox.upper_right)
    assert (width, height) == pytest.approx(PAPER_SIZES[paper], abs=0.01)
    assert "CC BY 4.0" in reader.metadata["/Keywords"]


def test_pdf_bytes_are_reproducible():
    assert worksheet_pdf(answers=True) == _pdf(True, "a4")
    assert b"CreationDate" not in _pdf(False, "a4")


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"answers": 1}, TypeError, "answers"),
        ({"paper": "A5"}, ValueError, "paper"),
        ({"paper": 4}, TypeError, "paper"),
        ({"seed": -1}, ValueError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, words):
    with pytest.raises(error, match=words):
        worksheet_pdf(**kwargs)


def test_worksheet_problems_names_a_bad_seed():
    with pytest.raises(TypeError, match="seed"):
        worksheet_problems("1")
