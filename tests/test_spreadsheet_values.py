"""The workbook as readers that do not recalculate see it (issue 26): every formula cell holds
its value, computed by convdemo, equal to what LibreOffice computes from the formulas.

pandas and openpyxl with ``data_only=True`` read the cached values; LibreOffice (if
installed: ``soffice``) recalculates a copy whose cached values were overwritten with a
wrong number, so every number it gives back comes from the formulas alone.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest

import convdemo as cd
from convdemo.site.spreadsheet import write_workbook

openpyxl = pytest.importorskip("openpyxl")

COMPUTED = ("input_padded", "layer1", "layer1_relu", "layer1_relu_padded", "layer2", "layer2_relu")


def _cells(a1_range: str) -> tuple[str, str]:
    sheet, _, area = a1_range.rpartition("!")
    return sheet.strip("'").replace("''", "'"), area.replace("$", "")


def read(book, a1_range: str) -> np.ndarray:
    sheet, area = _cells(a1_range)
    rows = book[sheet][area]
    return np.array([[cell.value for cell in row] for row in rows], dtype=float)


def expected_arrays(image, w1, b1, w2, b2, pad1, pad2) -> dict[str, np.ndarray]:
    """What convdemo computes, by the names of write_workbook's ranges."""
    x = image[None] if image.ndim == 2 else image
    pre1 = cd.conv2d(x, w1, b1, padding=pad1)
    relu1 = cd.relu(pre1)
    pre2 = cd.conv2d(relu1, w2, b2, padding=pad2)
    p1, p2 = ((pad, pad) if isinstance(pad, int) else pad for pad in (pad1, pad2))
    return {
        "input_padded": np.pad(x, ((0, 0), (p1[0],) * 2, (p1[1],) * 2)),
        "layer1": pre1,
        "layer1_relu": relu1,
        "layer1_relu_padded": np.pad(relu1, ((0, 0), (p2[0],) * 2, (p2[1],) * 2)),
        "layer2": pre2,
        "layer2_relu": cd.relu(pre2),
    }


DETECTOR = cd.smiley_face_detector()
CASES = {
    "smiley": ({}, (cd.draw_smiley(shape=(9, 9)), DETECTOR[0].weight, DETECTOR[0].bias,
                    DETECTOR[2].weight, DETECTOR[2].bias, 1, 0)),
}  # fmt: skip
_rng = np.random.default_rng(11)
_random = (
    _rng.normal(size=(2, 5, 6)),
    _rng.normal(size=(3, 2, 3, 2)),
    _rng.normal(size=3),
    _rng.normal(size=(2, 3, 2, 3)),
    _rng.normal(size=2),
    (1, 0),
    (0, 1),
)
CASES["random floats, padding everywhere"] = (
    dict(
        image=_random[0],
        layer1_weight=_random[1],
        layer1_bias=_random[2],
        layer2_weight=_random[3],
        layer2_bias=_random[4],
        layer1_padding=_random[5],
        layer2_padding=_random[6],
    ),
    _random,
)


@pytest.fixture(scope="module", params=list(CASES), ids=list(CASES))
def workbook(request, tmp_path_factory):
    kwargs, arrays = CASES[request.param]
    path = tmp_path_factory.mktemp("values") / "book.xlsx"
    ranges = write_workbook(path, **kwargs)
    return path, ranges, expected_arrays(*arrays), request.param == "smiley"


def test_every_formula_cell_has_a_cached_value(workbook):
    path, _, _, _ = workbook
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    count = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    count += 1
                    cached = values[sheet.title][cell.coordinate].value
                    assert isinstance(cached, int | float), (sheet.title, cell.coordinate)
    assert count > 100


def test_openpyxl_data_only_reads_the_package_numbers(workbook):
    path, ranges, expected, exact = workbook
    values = openpyxl.load_workbook(path, data_only=True)
    checked = 0
    for name in COMPUTED:
        for channel, array in enumerate(expected[name]):
            key = f"{name}[{channel}]"
            if key not in ranges:
                continue
            got = read(values, ranges[key])
            if exact:  # integer weights and pixels: the same numbers, to the last bit
                np.testing.assert_array_equal(got, array, err_msg=key)
            else:
                np.testing.assert_allclose(got, array, rtol=0, atol=1e-12, err_msg=key)
            checked += 1
    assert checked >= 6


def test_pandas_reads_the_face_cell(workbook):
    pd = pytest.importorskip("pandas")
    path, ranges, expected, exact = workbook
    if not exact:
        pytest.skip("the face cell is the smiley's")
    sheet, area = _cells(ranges["layer2_relu[0]"])
    frame = pd.read_excel(path, sheet_name=sheet, header=None)  # defaults otherwise
    first = openpyxl.utils.cell.coordinate_from_string(area.split(":")[0])
    row, col = first[1] - 1, openpyxl.utils.column_index_from_string(first[0]) - 1
    face = expected["layer2_relu"][0]
    block = frame.iloc[row : row + face.shape[0], col : col + face.shape[1]].to_numpy(float)
    np.testing.assert_array_equal(block, face)
    assert block[1, 2] == 4.0  # the face is found where eyes (8) + mouth (8) - 12 = 4


# --------------------------------------------------------------------------- LibreOffice

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice's setting "recalculate on load, Excel 2007 and newer: always" (0), in a
# throw-away profile: it then computes every formula of the file itself.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
POISON = "12345"


def _poisoned_copy(source: Path, target: Path) -> int:
    """`source` with every cached value replaced by a wrong number; how many were replaced."""
    replaced = 0
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                text, count = re.subn(
                    r"(<f>[^<]*</f>)<v>[^<]*</v>", rf"\1<v>{POISON}</v>", data.decode("utf-8")
                )
                data, replaced = text.encode("utf-8"), replaced + count
            dst.writestr(info, data)
    return replaced


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_computes_the_cached_values(workbook, tmp_path):
    path, _, _, exact = workbook
    poisoned = tmp_path / "poisoned.xlsx"
    assert _poisoned_copy(path, poisoned) > 100
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(poisoned),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    ours = openpyxl.load_workbook(path, data_only=True)
    theirs = openpyxl.load_workbook(out / "poisoned.xlsx", data_only=True)
    formulas = openpyxl.load_workbook(path)
    compared = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                mine = ours[sheet.title][cell.coordinate].value
                libre = theirs[sheet.title][cell.coordinate].value
                where = f"{sheet.title}!{cell.coordinate}"
                assert isinstance(libre, int | float) and libre != float(POISON), where
                if exact:
                    assert mine == libre, where
                else:
                    assert mine == pytest.approx(libre, rel=0, abs=1e-12), where
                compared += 1
    assert compared > 100


def test_the_poisoned_copy_changes_every_cached_value():
    buffer = io.BytesIO()
    write_workbook(buffer)
    with zipfile.ZipFile(buffer) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if "worksheets/" in n]
    cached = sum(len(re.findall(r"<f>[^<]*</f><v>", text)) for text in sheets)
    formulas = sum(text.count("<f>") for text in sheets)
    assert cached == formulas > 100  # every formula is written with its value
