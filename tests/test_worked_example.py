"""Claims of docs/worked_example.md ("The worked example in numbers"), from convdemo.

The page prints its numbers, computed when the site is built; these tests assert what its
prose says about them, at the precision the prose states (the numbers are small integers
and halves, so exact comparisons are the stated precision).
"""

from __future__ import annotations

import io

import numpy as np
import pytest

from convdemo import (
    conv2d,
    draw_smiley,
    empirical_receptive_field,
    receptive_field,
    relu,
    smiley_face_detector,
    write_workbook,
)

ROW, COL = 1, 2  # the face cell the page traces back to the pixels


@pytest.fixture(scope="module")
def example() -> dict[str, np.ndarray]:
    image = draw_smiley(shape=(9, 9))
    detector = smiley_face_detector()
    w1, b1 = detector[0].weight, detector[0].bias
    w2, b2 = detector[2].weight, detector[2].bias
    layer1 = conv2d(image[None], w1, b1, padding=1)
    maps = relu(layer1)
    layer2 = conv2d(maps, w2, b2)
    return {
        "image": image,
        "detector": detector,
        "w1": w1,
        "b1": b1,
        "w2": w2,
        "b2": b2,
        "layer1": layer1,
        "maps": maps,
        "layer2": layer2,
        "face": relu(layer2),
    }


def test_the_input_is_two_eyes_above_a_mouth(example) -> None:
    """The page: "two eyes (vertical strokes, two pixels tall) above a mouth (a
    horizontal stroke, five pixels wide)", "Pixels are 1 on a stroke and 0 elsewhere"."""
    image = example["image"]
    assert image.shape == (9, 9)
    assert set(np.unique(image)) == {0.0, 1.0}
    assert np.argwhere(image).tolist() == [
        [1, 2], [1, 6], [2, 2], [2, 6], [6, 2], [6, 3], [6, 4], [6, 5], [6, 6],
    ]  # fmt: skip


def test_layer1_kernels_and_biases(example) -> None:
    """The eye kernel: 2 down the centre column, -1 beside it; the mouth kernel the same
    along the centre row; "a bias of -2" on each channel."""
    eye, mouth = example["w1"][:, 0]
    assert example["w1"].shape == (2, 1, 3, 3)
    assert eye.tolist() == [[-1, 2, -1]] * 3
    assert np.array_equal(mouth, eye.T)
    assert example["b1"].tolist() == [-2, -2]


def test_after_relu_only_the_eyes_and_the_mouth_remain(example) -> None:
    """The page: "The eye map is 2 at the four eye pixels, the mouth map is 2, 4, 4, 4, 2 along the
    mouth"; everything else is 0 ("most of each map is 0")."""
    maps = example["maps"]
    assert maps.shape == (2, 9, 9)
    assert np.argwhere(maps[0]).tolist() == [[1, 2], [1, 6], [2, 2], [2, 6]]
    assert maps[0][maps[0] != 0].tolist() == [2, 2, 2, 2]
    assert np.argwhere(maps[1]).tolist() == [[6, 2], [6, 3], [6, 4], [6, 5], [6, 6]]
    assert maps[1, 6, 2:7].tolist() == [2, 4, 4, 4, 2]
    assert (maps == 0).mean() > 0.9


def test_layer1_before_relu_under_the_mouth(example) -> None:
    """The page: "before ReLU it is negative except along row 6, which reads 0, 2, 4, 4, 4, 2, 0
    under the mouth"."""
    mouth = example["layer1"][1]
    assert mouth[6, 1:8].tolist() == [0, 2, 4, 4, 4, 2, 0]


def test_layer2_kernel_slices(example) -> None:
    """One kernel of shape (1, 2, 7, 5): weight 1 at the eyes (rows 0 and 1, columns 0
    and 4 of the eye slice), 0.5 along row 5 of the mouth slice; bias -12."""
    w2 = example["w2"]
    assert w2.shape == (1, 2, 7, 5)
    assert np.argwhere(w2[0, 0]).tolist() == [[0, 0], [0, 4], [1, 0], [1, 4]]
    assert set(w2[0, 0][w2[0, 0] != 0]) == {1.0}
    assert np.argwhere(w2[0, 1]).tolist() == [[5, c] for c in range(5)]
    assert set(w2[0, 1][w2[0, 1] != 0]) == {0.5}
    assert example["b2"].tolist() == [-12]


def test_the_page_computes_what_the_detector_computes(example) -> None:
    traced = example["detector"].trace(example["image"][None])
    for mine, detectors in zip(
        [example["layer1"], example["maps"], example["layer2"], example["face"]],
        traced,
        strict=True,
    ):
        assert np.array_equal(mine, detectors)


def test_one_face_cell(example) -> None:
    """The face map is 3x5 ((9 - 7 + 1) x (9 - 5 + 1)); "One cell of the face map is
    positive: row 1, column 2", and it is 4."""
    face = example["face"][0]
    assert face.shape == (3, 5)
    assert np.argwhere(face).tolist() == [[ROW, COL]]
    assert face[ROW, COL] == 4
    # "Before ReLU, layer 2 is -12, -8, -7 or -5 everywhere except 4"
    before = example["layer2"][0]
    assert before[ROW, COL] == 4
    assert set(np.delete(before.ravel(), ROW * 5 + COL)) == {-12, -8, -7, -5}


def test_the_traced_cell_is_eight_plus_eight_minus_twelve(example) -> None:
    """Each channel's window x slice sums to 8; 8 + 8 + (-12) = 4; "61 of the 70 cells" of
    the windows are 0."""
    kh, kw = example["w2"].shape[2:]
    windows = example["maps"][:, ROW : ROW + kh, COL : COL + kw]
    eye_part, mouth_part = (windows * example["w2"][0]).sum(axis=(1, 2))
    assert (eye_part, mouth_part) == (8, 8)
    assert eye_part + mouth_part + example["b2"][0] == example["layer2"][0, ROW, COL] == 4
    assert windows.size == 70
    assert (windows == 0).sum() == 61


def test_receptive_field_of_the_face_cell(example) -> None:
    """A 9x7 patch of the input, rows 0-8 and columns 1-7; the measured sensitivity is 0
    outside it."""
    detector = example["detector"]
    field = receptive_field(detector)[-1]
    (size_r, size_c), (start_r, start_c) = field.size, field.start
    top = int(start_r + ROW * field.jump[0] - (size_r - 1) / 2)
    left = int(start_c + COL * field.jump[1] - (size_c - 1) / 2)
    assert (size_r, size_c, top, left) == (9, 7, 0, 1)
    sensitivity = empirical_receptive_field(
        detector, (1, 9, 9), (0, ROW, COL), x=example["image"][None]
    )
    inside = np.zeros(sensitivity.shape, dtype=bool)
    inside[top : top + size_r, left : left + size_c] = True
    assert (sensitivity[~inside] == 0).all()
    assert (sensitivity[inside] > 0).any()


def test_the_face_is_found_where_both_layer1_maps_are_zero(example) -> None:
    """The page: "The face cell sits above the face centre, pixel (4, 4), and there both layer-1
    maps are 0"."""
    kh, kw = example["w2"].shape[2:]
    centre = (ROW + (kh - 1) // 2, COL + (kw - 1) // 2)
    assert centre == (4, 4)
    assert example["maps"][:, 4, 4].tolist() == [0, 0]
    assert example["face"][0, ROW, COL] == 4


def test_the_same_parts_in_the_wrong_places_give_no_face(example) -> None:
    """The page: "The swapped drawing gives layer 1 exactly as much "eye" and "mouth" as the face
    does, in other places; the face score is 0"."""
    totals, scores = {}, {}
    for arrangement in ["face", "swapped", "eyes_only", "mouth_only"]:
        drawing = draw_smiley(arrangement, shape=(9, 9))[None]
        layer1 = relu(conv2d(drawing, example["w1"], example["b1"], padding=1))
        totals[arrangement] = layer1.sum(axis=(1, 2))
        scores[arrangement] = example["detector"].forward(drawing).max()
    assert np.array_equal(totals["face"], totals["swapped"])
    assert scores["face"] == 4
    assert scores["swapped"] == scores["eyes_only"] == scores["mouth_only"] == 0


def test_the_workbook_cell_has_one_sumproduct_per_channel() -> None:
    """The page: "the traced cell is one formula with one SUMPRODUCT per layer-1 channel"."""
    from openpyxl import load_workbook

    buffer = io.BytesIO()
    ranges = write_workbook(buffer)
    book = load_workbook(buffer)
    sheet, area = ranges["layer2[0]"].split("!")
    first = book[sheet.strip("'")][area.split(":")[0]]
    cell = book[sheet.strip("'")].cell(first.row + ROW, first.column + COL)
    assert cell.value.startswith("=")
    assert cell.value.count("SUMPRODUCT(") == 2
