"""The command line: ``python -m convdemo spreadsheet OUT.xlsx``."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import convdemo as cd
import convdemo.site.spreadsheet
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
    from convdemo.site.spreadsheet import write_workbook

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
def test_unfit_shapes_are_one_line_and_exit_2(tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        main(["spreadsheet", str(tmp_path / "x.xlsx"), *args])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("python -m convdemo: error: ") and message in err
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "x.xlsx").exists()


def test_bad_path_is_reported(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:  # a name Excel refuses: a usage error
        main(["spreadsheet", str(tmp_path / "x.csv")])
    assert exit_info.value.code == 2
    assert "OUT.xlsx must end in .xlsx" in capsys.readouterr().err
    missing = tmp_path / "missing" / "x.xlsx"
    assert main(["spreadsheet", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"python -m convdemo spreadsheet: error: cannot write {missing}: its folder "
        f"{missing.parent} does not exist\n"
    )
    assert ".tmp" not in err


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


# --------------------------------------------------------------------------- bad arguments


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--shape", "9by9"], 2, "argument --shape: expected N or ROWSxCOLS, got '9by9'"),
        (["--shape", "0"], 2, "expected positive sizes N or ROWSxCOLS, got '0'"),
        (["--shape=-3x5"], 2, "expected positive sizes N or ROWSxCOLS, got '-3x5'"),
        (["--shape", "9x9x9"], 2, "expected N or ROWSxCOLS, got '9x9x9'"),
        (["--shape", "9" * 5000], 2, "expected N or ROWSxCOLS"),
        (["--padding", "five"], 2, "argument --padding: invalid int value: 'five'"),
        (["--arrangement", "nose"], 2, "argument --arrangement: invalid choice: 'nose'"),
        (["--bogus"], 2, "unrecognized arguments: --bogus"),
        (["--shape", "1000000"], 2, "--shape 1000000x1000000: a workbook shows at most 64x64"),
        (["--shape", "2x2"], 2, "smaller than the 7x5 face kernel"),
    ],
)
def test_bad_arguments_are_one_line_without_a_traceback(tmp_path, args, status, message):
    out = run("spreadsheet", "x.xlsx", *args, cwd=tmp_path)
    assert out.returncode == status, out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and message in lines[0], out.stderr
    assert lines[0].startswith("python -m convdemo")
    if status == 2:  # a usage error says how the command is used, on the same line
        assert "(usage: python -m convdemo " in lines[0] and lines[0].endswith("see --help)")
    else:
        assert lines[0].startswith("python -m convdemo spreadsheet: error: ")
    assert out.stdout == "" and list(tmp_path.iterdir()) == []


def test_no_command_is_one_line_too():
    out = run()
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.splitlines() == [
        "python -m convdemo: error: the following arguments are required: COMMAND "
        "(usage: python -m convdemo [-h] [--version] COMMAND ...; see --help)"
    ]


def test_sizes_are_checked_before_drawing(tmp_path, monkeypatch, capsys):
    def draw(*args, **kwargs):  # pragma: no cover - must not be reached
        raise AssertionError("drew the smiley before checking the size")

    monkeypatch.setattr(cd.synthetic, "draw_smiley", draw)
    with pytest.raises(SystemExit) as exit_info:
        main(["spreadsheet", str(tmp_path / "x.xlsx"), "--shape", "100000x3"])
    assert exit_info.value.code == 2
    assert "at most 64x64" in capsys.readouterr().err


def test_the_face_kernel_size_comes_from_the_detector(tmp_path, monkeypatch, capsys):
    detector = cd.smiley_face_detector()
    rows, cols = detector[2].weight.shape[-2:]
    # the smallest image that fits: layer 1 keeps the size (padding 1), then the face kernel
    assert main(["spreadsheet", str(tmp_path / "x.xlsx"), "--shape", f"{rows}x{cols}"]) == 0
    assert capsys.readouterr().out.endswith(f"{rows}x{cols} pixels; layer-2 face map 1x1\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["spreadsheet", str(tmp_path / "y.xlsx"), "--shape", f"{rows - 1}x{cols}"])
    assert exit_info.value.code == 2
    assert f"smaller than the {rows}x{cols} face kernel" in capsys.readouterr().err


# --------------------------------------------------------------------------- atomic writes


# Runs the command line with a disk that fills up halfway through the workbook's bytes.
_FULL_DISK = """
import errno, os, runpy, sys

real_fdopen = os.fdopen


class HalfFull:
    def __init__(self, file):
        self.file = file

    def write(self, data):
        self.file.write(data[: len(data) // 2])
        self.file.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.file, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()


os.fdopen = lambda *args, **kwargs: HalfFull(real_fdopen(*args, **kwargs))
sys.argv = ["python -m convdemo", *sys.argv[1:]]
runpy.run_module("convdemo", run_name="__main__", alter_sys=True)
"""


def test_a_write_that_fails_partway_leaves_the_old_workbook_whole(tmp_path):
    assert run("spreadsheet", "worked.xlsx", cwd=tmp_path).returncode == 0
    old = (tmp_path / "worked.xlsx").read_bytes()
    out = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, "spreadsheet", "worked.xlsx", "--shape", "20x20"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr
    assert out.stderr.splitlines() == [
        "python -m convdemo spreadsheet: error: cannot write worked.xlsx: No space left on device"
    ]
    assert (tmp_path / "worked.xlsx").read_bytes() == old  # the old workbook, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["worked.xlsx"]  # no temporary left


def test_the_workbook_is_replaced_only_once_complete(tmp_path, monkeypatch):
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"the old workbook")
    path.chmod(0o640)
    calls = []

    def failing_replace(source, target):
        calls.append((source, target))
        raise OSError("disk full")

    monkeypatch.setattr(convdemo.site.spreadsheet.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        cd.write_workbook(path)
    assert path.read_bytes() == b"the old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]
    ((source, target),) = calls
    # the temporary file is beside it
    assert Path(source).parent == Path(target).parent == tmp_path
    monkeypatch.undo()
    cd.write_workbook(path)
    assert path.read_bytes().startswith(b"PK") and oct(path.stat().st_mode & 0o777) == "0o640"


# --------------------------------------------------------------------------- never a traceback


def run_to(stdout, *args, cwd, env=None):
    import os

    return subprocess.run(
        [sys.executable, "-m", "convdemo", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize(
    "args", [["spreadsheet", "a.xlsx"], ["--help"], ["--version"], ["spreadsheet", "--help"]]
)
def test_a_full_standard_output_is_one_line_and_status_1(tmp_path, args):
    with open("/dev/full", "w") as full:
        out = run_to(full, *args, cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr
    assert len(out.stderr.splitlines()) == 1
    assert "cannot write to standard output" in out.stderr


@pytest.mark.parametrize("env", [{"LC_ALL": "C"}, {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"}])
def test_a_non_ascii_name_under_an_ascii_locale(tmp_path, env):
    out = run_to(subprocess.PIPE, "spreadsheet", "café.xlsx", cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("wrote caf") and (tmp_path / "café.xlsx").exists()
    out = run_to(subprocess.PIPE, "spreadsheet", "dossier-é/café.xlsx", cwd=tmp_path, env=env)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    (line,) = out.stderr.splitlines()
    assert "cannot write dossier-" in line and "does not exist" in line


def test_a_read_only_file_is_refused_and_left_alone(tmp_path, capsys):
    path = tmp_path / "kept.xlsx"
    path.write_bytes(b"mine")
    path.chmod(0o444)
    assert main(["spreadsheet", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"python -m convdemo spreadsheet: error: cannot write {path}: the file is read-only\n"
    )
    assert path.read_bytes() == b"mine"


def test_a_read_only_folder_names_the_path(tmp_path, monkeypatch, capsys):
    import errno
    import tempfile

    def refuse(*args, **kwargs):  # what mkstemp meets in a folder we may not write
        raise PermissionError(errno.EACCES, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    path = tmp_path / "x.xlsx"
    assert main(["spreadsheet", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"python -m convdemo spreadsheet: error: cannot write {path}: Permission denied\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_is_one_line_and_status_130(tmp_path, monkeypatch, capsys):
    from convdemo.site import spreadsheet

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(spreadsheet, "write_workbook", interrupted)
    assert main(["spreadsheet", str(tmp_path / "x.xlsx")]) == 130
    assert capsys.readouterr().err == "python -m convdemo spreadsheet: error: interrupted\n"
