"""The command line: ``python -m convdemo spreadsheet OUT.xlsx``."""

import subprocess
import sys

import numpy as np
import pytest

import convdemo as cd
from convdemo.__main__ import main

openpyxl = pytest.importorskip("openpyxl")


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "convdemo", *args], capture_output=True, text=True, cwd=cwd
    )


def test_spreadsheet_writes_the_worked_example(tmp_path):
    out = run("spreadsheet", "worked.xlsx", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == (
        "wrote worked.xlsx: the 'face' smiley, 9x9 pixels; layer-2 face map 3x5"
    )
    # the same bytes as the library call
    from convdemo.spreadsheet import write_workbook

    write_workbook(tmp_path / "library.xlsx")
    assert (tmp_path / "worked.xlsx").read_bytes() == (tmp_path / "library.xlsx").read_bytes()


def test_help_describes_the_command():
    out = run("--help")
    assert out.returncode == 0 and "spreadsheet" in out.stdout
    out = run("spreadsheet", "--help")
    assert out.returncode == 0
    for text in ("OUT.xlsx", "live formulas", "SUMPRODUCT", "--padding", "--arrangement"):
        assert text in out.stdout, text


def test_options_change_the_drawing_and_the_padding(tmp_path, capsys):
    path = tmp_path / "swapped.xlsx"
    status = main(
        ["spreadsheet", str(path), "--arrangement", "swapped", "--shape", "11x13", "--padding", "2"]
    )
    assert status == 0
    assert capsys.readouterr().out.endswith("11x13 pixels; layer-2 face map 7x11\n")
    book = openpyxl.load_workbook(path)
    values = [[c.value for c in row] for row in book["Input"]["B6:N16"]]
    np.testing.assert_array_equal(values, cd.draw_smiley("swapped", shape=(11, 13)))
    assert book["Input padded"]["A6"].value == -2  # the first row label: two rows of padding


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--shape", "7x5", "--padding", "0"], "smaller than the 7x5 face kernel"),
        (["--shape", "80"], "at most 64x64"),
    ],
)
def test_errors_are_one_line_and_exit_1(tmp_path, capsys, args, message):
    assert main(["spreadsheet", str(tmp_path / "x.xlsx"), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("python -m convdemo spreadsheet: error: ") and message in err
    assert not (tmp_path / "x.xlsx").exists()


def test_bad_path_is_reported(tmp_path, capsys):
    assert main(["spreadsheet", str(tmp_path / "x.csv")]) == 1
    assert "path must end in .xlsx" in capsys.readouterr().err
    assert main(["spreadsheet", str(tmp_path / "missing" / "x.xlsx")]) == 1
    assert "No such file or directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["spreadsheet"],
        ["spreadsheet", "x.xlsx", "--shape", "9by9"],
        ["spreadsheet", "x.xlsx", "--padding", "5"],
        [],
    ],
)
def test_usage_errors_exit_2(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "usage: python -m convdemo" in capsys.readouterr().err
