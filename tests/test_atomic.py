"""convdemo.site.atomic: every file is written whole or not at all, errors name the user's path."""

from __future__ import annotations

import errno
import os
import stat
import zipfile

import pytest

from convdemo.site import atomic
from convdemo.site.atomic import open_atomic, write_bytes, write_text


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_writes_and_replaces_keeping_the_old_mode(tmp_path):
    path = tmp_path / "a.bin"
    write_bytes(path, b"one")
    path.chmod(0o640)
    write_bytes(path, b"two")
    assert path.read_bytes() == b"two" and stat.S_IMODE(path.stat().st_mode) == 0o640
    write_text(tmp_path / "b.txt", "é\n")
    assert (tmp_path / "b.txt").read_bytes() == "é\n".encode()
    assert names(tmp_path) == ["a.bin", "b.txt"]


def test_a_write_that_fails_midway_leaves_the_old_file_whole_and_no_temporary(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("old, whole\n")
    with (
        pytest.raises(RuntimeError, match="interrupted"),
        open_atomic(path, "w", encoding="utf-8") as handle,
    ):
        handle.write("new, but only ha")
        raise RuntimeError("interrupted")
    assert path.read_text() == "old, whole\n" and names(tmp_path) == ["data.csv"]


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_a_full_disk_anywhere_leaves_the_old_file_and_names_the_path(tmp_path, monkeypatch, where):
    path = tmp_path / "figure.npz"
    path.write_bytes(b"old")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, file):
                self.file = file

            def write(self, data):
                self.file.write(data[:1])
                full()

            def __getattr__(self, name):
                return getattr(self.file, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.file.close()

        monkeypatch.setattr(atomic.os, "fdopen", lambda *a, **k: Full(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(atomic.os, where, full)
    with pytest.raises(OSError, match=rf"^\[Errno 28\] cannot write {path}: No space") as info:
        write_bytes(path, b"new and longer")
    assert info.value.errno == errno.ENOSPC and ".tmp" not in str(info.value)
    monkeypatch.undo()
    assert path.read_bytes() == b"old" and names(tmp_path) == ["figure.npz"]


def test_a_read_only_target_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "kept.pdf"
    path.write_bytes(b"mine")
    path.chmod(0o444)
    with pytest.raises(PermissionError, match=rf"^cannot write {path}: the file is read-only$"):
        write_bytes(path, b"theirs")
    assert path.read_bytes() == b"mine" and names(tmp_path) == ["kept.pdf"]


def test_a_long_name_is_fine(tmp_path):
    path = tmp_path / ("x" * 250 + ".xlsx")  # 255 bytes: the longest name most systems allow
    write_bytes(path, b"long")
    write_bytes(path, b"longer")
    assert path.read_bytes() == b"longer" and names(tmp_path) == [path.name]


@pytest.mark.parametrize(
    ("path", "error", "message"),
    [
        ("missing/a.txt", FileNotFoundError, "its folder .*missing does not exist"),
        (".", ValueError, "must name a file"),
        (b"a.txt", TypeError, "must be a str or os.PathLike"),
    ],
)
def test_bad_targets_name_the_path(tmp_path, monkeypatch, path, error, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=message):
        write_bytes(path, b"x")
    assert names(tmp_path) == []


def test_a_folder_we_may_not_write_names_the_path(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(PermissionError, match=rf"cannot write {tmp_path / 'a'}: Permission denied"):
        write_bytes(tmp_path / "a", b"x")


def test_write_zip_to_a_path_is_atomic(tmp_path, monkeypatch):
    from convdemo.site import reproducible as _reproducible

    path = tmp_path / "site.zip"
    _reproducible.write_zip(str(path), [("a.txt", b"1")])
    old = path.read_bytes()
    with pytest.raises(ValueError, match="distinct"):
        _reproducible.write_zip(path, [("a.txt", b"1"), ("a.txt", b"2")])

    def broken(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", broken)
    with pytest.raises(OSError, match="cannot write"):
        _reproducible.write_zip(path, [("b.txt", b"2" * 10_000)])
    monkeypatch.undo()
    assert path.read_bytes() == old and names(tmp_path) == ["site.zip"]
    assert zipfile.ZipFile(path).namelist() == ["a.txt"]


@pytest.mark.parametrize(
    ("level", "error", "message"),
    [
        (0, ValueError, "level must be from 1 to 9, got 0"),
        (10, ValueError, "got 10"),
        (1.0, TypeError, "level must be an int"),
        (True, TypeError, "got bool"),
    ],
)
def test_write_zip_level_is_checked_before_anything_is_written(tmp_path, level, error, message):
    from convdemo.site import reproducible as _reproducible

    path = tmp_path / "site.zip"
    path.write_bytes(b"old")
    with pytest.raises(error, match=message):
        _reproducible.write_zip(str(path), [("a.csv", b"1,2\n" * 100)], level=level)
    assert path.read_bytes() == b"old"


def test_write_zip_level_1_deflates_text_and_stores_npz_and_pdf(tmp_path):
    from convdemo.site import reproducible as _reproducible

    text = b"0.125,0.25,0.5\n" * 2000
    fast, small = tmp_path / "fast.zip", tmp_path / "small.zip"
    members = [("a.csv", text), ("b.npz", b"PK" + bytes(100)), ("c.pdf", b"%PDF" + bytes(100))]
    _reproducible.write_zip(str(fast), members, level=1)
    _reproducible.write_zip(str(small), members)
    with zipfile.ZipFile(fast) as archive:
        kinds = {info.filename: info.compress_type for info in archive.infolist()}
        assert archive.read("a.csv") == text
    assert kinds == {
        "a.csv": zipfile.ZIP_DEFLATED,
        "b.npz": zipfile.ZIP_STORED,
        "c.pdf": zipfile.ZIP_STORED,
    }
    assert fast.stat().st_size < len(text) / 5
    assert small.stat().st_size <= fast.stat().st_size
