"""The worked-example workbook: its formulas, evaluated by an independent engine, equal conv2d.

The `formulas` package (PyPI) parses and computes the workbook's formulas without Excel;
every computed cell is compared with convdemo's own arrays. Inputs stay small: the engine
compiles every cell, about a second per few hundred formulas.
"""

import datetime
import io
import re
import subprocess
import sys
import zipfile

import numpy as np
import pytest

import convdemo as cd
from convdemo.site.spreadsheet import MAX_WORKBOOK_CHANNELS, MAX_WORKBOOK_SIZE, write_workbook

openpyxl = pytest.importorskip("openpyxl")
formulas = pytest.importorskip("formulas")

TOL = 1e-9


# --------------------------------------------------------------------------- helpers


def cells_of(a1_range):
    """``"'Sheet'!B6:C7"`` -> sheet name and a 2-D list of cell names."""
    sheet, _, area = a1_range.rpartition("!")
    sheet = sheet.strip("'").replace("''", "'")
    first, _, last = area.replace("$", "").partition(":")
    last = last or first

    def split(cell):
        letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", cell).groups()
        return int(digits), openpyxl.utils.column_index_from_string(letters)

    (r0, c0), (r1, c1) = split(first), split(last)
    names = [
        [f"{openpyxl.utils.get_column_letter(c)}{r}" for c in range(c0, c1 + 1)]
        for r in range(r0, r1 + 1)
    ]
    return sheet, names


class Evaluated:
    """A workbook compiled by `formulas`; read arrays back by the ranges write_workbook gave."""

    def __init__(self, path):
        self.book_name = path.name
        self.model = formulas.ExcelModel().loads(str(path)).finish()
        self.solution = self.model.calculate()

    def key(self, sheet, cell):
        return f"'[{self.book_name}]{sheet.upper()}'!{cell}"

    def read(self, a1_range, solution=None):
        solution = self.solution if solution is None else solution
        sheet, names = cells_of(a1_range)
        return np.array(
            [[float(solution[self.key(sheet, n)].value[0, 0]) for n in row] for row in names]
        )

    def recalculate(self, ranges, edits):
        """Solution after setting cells: ``{(array name, row, col): value}``."""
        inputs = {}
        for (name, row, col), value in edits.items():
            sheet, names = cells_of(ranges[name])
            inputs[self.key(sheet, names[row][col])] = value
        return self.model.calculate(inputs=inputs)


def reference(image, w1, b1, w2, b2, pad1, pad2):
    """The same network computed by convdemo: every intermediate array."""
    x = image[None] if image.ndim == 2 else image
    pre1 = cd.conv2d(x, w1, b1, padding=pad1)
    relu1 = cd.relu(pre1)
    pre2 = cd.conv2d(relu1, w2, b2, padding=pad2)
    return {"layer1": pre1, "layer1_relu": relu1, "layer2": pre2, "layer2_relu": cd.relu(pre2)}


def assert_matches(evaluated, ranges, expected, solution=None):
    for name, arrays in expected.items():
        for index, array in enumerate(arrays):
            got = evaluated.read(ranges[f"{name}[{index}]"], solution)
            np.testing.assert_allclose(got, array, atol=TOL, rtol=0, err_msg=f"{name}[{index}]")


# --------------------------------------------------------------------------- the worked example

IMAGE = cd.draw_smiley(shape=(9, 9))


@pytest.fixture(scope="module")
def default_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("sheet") / "worked_example.xlsx"
    ranges = write_workbook(path)
    return path, ranges, Evaluated(path)


def test_default_workbook_is_the_smiley_face_detector(default_book):
    _, ranges, evaluated = default_book
    detector = cd.smiley_face_detector()
    pre1, relu1, pre2, relu2 = detector.trace(IMAGE[None])
    assert_matches(
        evaluated,
        ranges,
        {"layer1": pre1, "layer1_relu": relu1, "layer2": pre2, "layer2_relu": relu2},
    )
    # the face is found at one cell, (1, 2), where eyes (8) + mouth (8) - 12 = 4
    face = evaluated.read(ranges["layer2_relu[0]"])
    assert face.shape == (3, 5)
    np.testing.assert_array_equal(np.argwhere(face), [[1, 2]])
    assert face[1, 2] == 4.0


def test_padded_copy_is_zeros_around_the_input(default_book):
    _, ranges, evaluated = default_book
    padded = evaluated.read(ranges["input_padded[0]"])
    np.testing.assert_array_equal(padded, np.pad(IMAGE, 1))


def test_inputs_are_numbers_and_everything_else_is_a_formula(default_book):
    path, ranges, _ = default_book
    book = openpyxl.load_workbook(path)

    def values(name):
        sheet, names = cells_of(ranges[name])
        return [book[sheet][n].value for row in names for n in row]

    assert values("input[0]") == IMAGE.ravel().tolist()
    detector = cd.smiley_face_detector()
    assert values("layer1_weight[1, 0]") == detector[0].weight[1, 0].ravel().tolist()
    assert values("layer2_bias[0]") == [-12]
    for name in ("layer1[0]", "layer1[1]", "layer2[0]"):
        assert all(
            re.fullmatch(r"=SUMPRODUCT\(.+\)\+'Layer \d kernels'!\$\w+\$\d+", v)
            for v in values(name)
        ), name
    for name in ("layer1_relu[0]", "layer1_relu[1]", "layer2_relu[0]"):
        assert all(v.startswith("=MAX(0,") for v in values(name)), name
    padded = values("input_padded[0]")
    assert sum(v == 0 for v in padded) == 11 * 11 - 9 * 9  # the border: constant zeros
    assert sum(str(v).startswith("='Input'!") for v in padded) == 9 * 9
    # layer 2 reads both layer-1 channels: two SUMPRODUCTs per cell
    assert all(v.count("SUMPRODUCT(") == 2 for v in values("layer2[0]"))


def test_sheets_are_labelled_and_coloured(default_book):
    path, ranges, _ = default_book
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Notes" and book.active.title == "Notes"
    notes = "\n".join(str(c.value) for c in book["Notes"]["A"] if c.value)
    for title in book.sheetnames[1:]:
        assert f"  {title}: " in notes, title
    for name, a1_range in ranges.items():
        sheet, names = cells_of(a1_range)
        ws = book[sheet]
        if "bias" not in name:  # a data block: row and column labels, a colour scale
            first = ws[names[0][0]]
            row, col = first.row, first.column
            assert ws.cell(row - 1, col).value in (0, -1), name  # first column label
            assert ws.cell(row, col - 1).value in (0, -1), name  # first row label
            formats = {str(cf.sqref) for cf in ws.conditional_formatting}
            assert a1_range.split("!")[1] in formats, name
    assert book.calculation.fullCalcOnLoad


@pytest.mark.parametrize(
    ("edit", "face_after"),
    [
        ({(1, 2): 0, (2, 2): 0}, 0.0),  # delete one eye: eyes give 4, 4 + 8 - 12 = 0
        ({(6, c): 0 for c in range(2, 7)} | {(5, c): 1 for c in range(2, 7)}, 0.0),  # mouth up
        ({(4, 4): 1}, 4.0),  # a stray dot between the eyes: layer 1 ignores it, and so on
    ],
)
def test_editing_input_cells_recomputes_as_conv2d_predicts(default_book, edit, face_after):
    _, ranges, evaluated = default_book
    solution = evaluated.recalculate(ranges, {("input[0]", r, c): v for (r, c), v in edit.items()})
    image = IMAGE.copy()
    for (r, c), v in edit.items():
        image[r, c] = v
    detector = cd.smiley_face_detector()
    expected = reference(
        image, detector[0].weight, detector[0].bias, detector[2].weight, detector[2].bias, 1, 0
    )
    assert_matches(evaluated, ranges, expected, solution)
    assert evaluated.read(ranges["layer2_relu[0]"], solution)[1, 2] == face_after


def test_editing_a_weight_or_bias_recomputes(default_book):
    _, ranges, evaluated = default_book
    solution = evaluated.recalculate(
        ranges,
        {
            ("layer2_weight[0, 1]", 5, 0): 2.5,
            ("layer2_bias[0]", 0, 0): -10,
            ("layer1_bias[0]", 0, 0): -1,
        },
    )
    detector = cd.smiley_face_detector()
    w2 = detector[2].weight.copy()
    w2[0, 1, 5, 0] = 2.5
    expected = reference(IMAGE, detector[0].weight, [-1, -2], w2, [-10], 1, 0)
    assert_matches(evaluated, ranges, expected, solution)


def test_edit_saved_with_openpyxl_then_reevaluated(tmp_path):
    # the round trip a reader makes: change a cell in the file, open it again
    path = tmp_path / "small.xlsx"
    image = np.arange(12.0).reshape(3, 4) / 4
    w1, w2 = np.array([[[[1.0, -1.0]]]]), np.array([[[[0.5], [2.0]]]])
    ranges = write_workbook(path, image, w1, [0.25], w2, [-1.0], layer1_padding=0)
    book = openpyxl.load_workbook(path)
    sheet, names = cells_of(ranges["input[0]"])
    book[sheet][names[2][1]] = 9.0
    book.save(path)
    image[2, 1] = 9.0
    assert_matches(
        Evaluated(path),
        ranges,
        {k: v for k, v in reference(image, w1, [0.25], w2, [-1], 0, 0).items()},
    )


# --------------------------------------------------------------------------- other shapes


def test_three_channels_a_2x2_layer2_kernel_and_no_padding(tmp_path):
    rng = np.random.default_rng(7)
    image = rng.normal(size=(4, 5))
    w1, b1 = rng.normal(size=(3, 1, 3, 3)), rng.normal(size=3)
    w2, b2 = rng.normal(size=(1, 3, 2, 2)), rng.normal(size=1)
    path = tmp_path / "three.xlsx"
    ranges = write_workbook(path, image, w1, b1, w2, b2, layer1_padding=0)
    assert "input_padded[0]" not in ranges
    assert [k for k in ranges if k.startswith("layer1[")] == ["layer1[0]", "layer1[1]", "layer1[2]"]
    expected = reference(image, w1, b1, w2, b2, 0, 0)
    assert expected["layer2"].shape == (1, 1, 2)
    assert_matches(Evaluated(path), ranges, expected)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Notes",
        "Input",
        "Layer 1 kernels",
        "Layer 1 ch0",
        "Layer 1 ch1",
        "Layer 1 ch2",
        "Layer 1 ReLU",
        "Layer 2 kernels",
        "Layer 2",
    ]
    notes = "\n".join(str(c.value) for c in book["Notes"]["A"] if c.value)
    assert "THINGS TO TRY" not in notes  # those claims are about the smiley only


def test_two_input_channels_two_outputs_and_padding_everywhere(tmp_path):
    rng = np.random.default_rng(3)
    image = rng.uniform(-1, 1, size=(2, 3, 4))
    w1 = rng.normal(size=(2, 2, 3, 2))
    w2 = rng.normal(size=(2, 2, 2, 3))
    path = tmp_path / "padded.xlsx"
    ranges = write_workbook(
        path, image, w1, None, w2, [0.5, -0.5], layer1_padding=(1, 1), layer2_padding=(1, 2)
    )
    expected = reference(image, w1, np.zeros(2), w2, [0.5, -0.5], (1, 1), (1, 2))
    evaluated = Evaluated(path)
    assert_matches(evaluated, ranges, expected)
    for c in range(2):
        np.testing.assert_allclose(
            evaluated.read(ranges[f"layer1_relu_padded[{c}]"]),
            np.pad(expected["layer1_relu"][c], ((1, 1), (2, 2))),
            atol=TOL,
            rtol=0,
        )
    assert (
        openpyxl.load_workbook(path)["Layer 1 kernels"][
            cells_of(ranges["layer1_bias[1]"])[1][0][0]
        ].value
        == 0
    )  # a missing bias is an editable 0


def test_integer_and_boolean_inputs_are_accepted(tmp_path):
    image = np.eye(4, dtype=bool)
    ranges = write_workbook(
        tmp_path / "ints.xlsx",
        image,
        np.ones((1, 1, 2, 2), dtype=int),
        [1],
        np.ones((1, 1, 2, 2), dtype=int),
        [0],
    )
    book = openpyxl.load_workbook(tmp_path / "ints.xlsx")
    sheet, names = cells_of(ranges["input[0]"])
    assert [book[sheet][n].value for n in names[0]] == [1, 0, 0, 0]


# --------------------------------------------------------------------------- reproducibility


def test_two_runs_give_byte_identical_files(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_workbook(first)
    write_workbook(second)
    buffer = io.BytesIO()
    write_workbook(buffer)
    assert first.read_bytes() == second.read_bytes() == buffer.getvalue()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2023-11-14T22:13:20Z") == 2  # created and modified


def test_the_licence_is_in_the_properties_and_on_the_notes_sheet(default_book):
    from convdemo.site.figure_data import DATA_LICENCE

    path, _, _ = default_book
    book = openpyxl.load_workbook(path)
    assert DATA_LICENCE == "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    assert book.properties.keywords.endswith(f"licence: {DATA_LICENCE}")
    assert DATA_LICENCE in book.properties.description
    assert [(p.name, p.value) for p in book.custom_doc_props] == [("Licence", DATA_LICENCE)]
    notes = [row[0] for row in book["Notes"].iter_rows(values_only=True) if row[0]]
    assert notes[-1] == book.properties.description  # one sentence, on the sheet and in the file
    assert "BSD-3-Clause" in notes[-1]
    # the dates stay the fixed ones (reproducible bytes)
    assert (
        book.properties.created
        == book.properties.modified
        == datetime.datetime(2023, 11, 14, 22, 13, 20)
    )


def test_import_convdemo_spreadsheet_does_not_import_xlsxwriter():
    code = "import sys, convdemo.site.spreadsheet; print('xlsxwriter' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_xlsxwriter_is_a_clear_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    with pytest.raises(ImportError, match=r"convdemo\[sheet\]"):
        write_workbook(io.BytesIO())


# --------------------------------------------------------------------------- errors

W1 = np.ones((2, 1, 3, 3))
W2 = np.ones((1, 2, 3, 3))


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"image": "smiley"}, TypeError, "image must be a real numeric array"),
        ({"image": np.ones((1, 1, 5, 5))}, ValueError, "image must have 2 or 3 dimensions"),
        ({"image": np.ones((0, 5))}, ValueError, "image must not be empty"),
        ({"image": np.full((5, 5), np.nan)}, ValueError, "image must hold finite numbers"),
        ({"image": np.ones((65, 9))}, ValueError, f"at most {MAX_WORKBOOK_SIZE}x"),
        ({"image": np.ones((MAX_WORKBOOK_CHANNELS + 1, 9, 9))}, ValueError, "image has 7 chan"),
        ({"layer1_weight": np.ones((3, 3))}, ValueError, "layer1_weight must have 4 dim"),
        ({"layer1_weight": np.ones((2, 3, 3, 3))}, ValueError, r"layer1_weight expects 3 input"),
        ({"layer1_weight": np.ones((7, 1, 3, 3))}, ValueError, "layer1_weight has 7 output"),
        ({"layer1_weight": np.ones((2, 1, 3, 3)) * 1j}, TypeError, "layer1_weight must be a real"),
        (
            {"layer1_weight": W1, "layer1_bias": [1.0]},
            ValueError,
            r"layer1_bias must have shape \(2,\)",
        ),
        ({"layer1_bias": "x"}, TypeError, "layer1_bias must be a real"),
        (
            {"layer2_weight": np.ones((1, 3, 3, 3))},
            ValueError,
            r"layer2_weight expects 3 input channels .* layer-1 output has 2",
        ),
        ({"layer2_weight": np.ones((1, 2, 10, 3))}, ValueError, "layer2_weight's kernel height 10"),
        ({"layer2_bias": [1, 2]}, ValueError, r"layer2_bias must have shape \(1,\)"),
        ({"layer2_bias": [np.inf]}, ValueError, "layer2_bias must hold finite"),
        ({"layer1_padding": 3}, ValueError, "layer1_padding 3 is more than layer1_weight's"),
        ({"layer1_padding": -1}, ValueError, "layer1_padding must be >= 0"),
        ({"layer1_padding": 1.5}, TypeError, "layer1_padding must be an integer"),
        ({"layer2_padding": (0, 5)}, ValueError, "layer2_padding 5 is more than layer2_weight's"),
        (
            {
                "layer1_weight": np.ones((2, 1, 12, 3)),
                "layer1_padding": 0,
                "image": np.ones((9, 9)),
                "layer2_weight": W2,
            },
            ValueError,
            "layer1_weight's kernel height 12 is larger than the padded image",
        ),
    ],
)
def test_bad_arguments_are_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        write_workbook(io.BytesIO(), **kwargs)


def test_bad_paths(tmp_path):
    with pytest.raises(ValueError, match=r"path must end in \.xlsx"):
        write_workbook(tmp_path / "sheet.xls")
    with pytest.raises(TypeError, match="path must be a file path or a binary file"):
        write_workbook(42)
    with pytest.raises(FileNotFoundError):
        write_workbook(tmp_path / "missing" / "sheet.xlsx")
    assert not (tmp_path / "sheet.xls").exists()
