"""The figure-data files and the workbook are written atomically (issue 24, classes C and D,
for convdemo.site.figure_data and convdemo.site.spreadsheet): a write that fails leaves the
old file whole and no partial file; a long target name is fine; a read-only file is refused;
messages name the reader's path."""

from __future__ import annotations

import os

import numpy as np
import pytest
from matplotlib.figure import Figure

import convdemo.site.atomic
from convdemo.site.figure_data import write_figure_data
from convdemo.site.spreadsheet import write_workbook


def _figure(value: float = 1.0) -> Figure:
    fig = Figure()
    fig.add_subplot().imshow(np.full((2, 3), value))
    return fig


def test_a_failed_figure_data_write_leaves_the_old_files_whole(tmp_path, monkeypatch):
    paths = write_figure_data(_figure(1.0), tmp_path, "fig")
    old = {path.name: path.read_bytes() for path in paths}

    def full_disk(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(convdemo.site.atomic.os, "replace", full_disk)
    with pytest.raises(OSError, match=r"cannot write .*fig_panel1\.csv: No space left"):
        write_figure_data(_figure(2.0), tmp_path, "fig")
    monkeypatch.undo()
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == old  # no partial


def test_a_read_only_data_file_is_refused_by_name(tmp_path):
    (csv, *_) = write_figure_data(_figure(1.0), tmp_path, "fig")
    csv.chmod(0o444)
    try:
        with pytest.raises(PermissionError, match=rf"{csv.name}: the file is read-only"):
            write_figure_data(_figure(2.0), tmp_path, "fig")
        assert csv.read_text(encoding="utf-8").splitlines()[1] == "1.0,1.0,1.0"
    finally:
        csv.chmod(0o644)


def test_a_workbook_with_a_long_name_is_written_and_a_read_only_one_refused(tmp_path):
    longest = tmp_path / ("w" * (255 - len(".xlsx")) + ".xlsx")  # the file system's limit
    write_workbook(longest)
    assert longest.read_bytes().startswith(b"PK")
    assert [path.name for path in tmp_path.iterdir()] == [longest.name]
    longest.chmod(0o444)
    try:
        with pytest.raises(PermissionError, match="the file is read-only") as error:
            write_workbook(longest)
        assert str(longest) in str(error.value)  # the reader's path, not a temporary one
    finally:
        longest.chmod(0o644)


def test_a_failed_workbook_write_leaves_no_partial_file(tmp_path, monkeypatch):
    path = tmp_path / "book.xlsx"
    write_workbook(path)
    old = path.read_bytes()
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(
        convdemo.site.atomic.os, "fdopen", lambda *a, **k: HalfWritten(real_fdopen(*a, **k))
    )
    with pytest.raises(OSError, match=r"book\.xlsx: No space left on device"):
        write_workbook(path, layer1_padding=0)
    monkeypatch.undo()
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["book.xlsx"]
