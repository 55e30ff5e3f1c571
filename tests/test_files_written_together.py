"""Many files written at once (an import's signatures): each whole under its name, or not there at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from antq_tui import files
from antq_tui.files import write_atomic_many


def test_every_file_is_written_whole_and_no_temporary_file_is_left(tmp_path: Path):
    old = tmp_path / "sig" / "a.json"
    old.parent.mkdir()
    old.write_bytes(b"old")
    items = [(tmp_path / "sig" / f"{c}.json", c.encode() * 3) for c in "abc"]
    items.append((tmp_path / "sig" / "exports" / "e.json", b"export"))

    assert write_atomic_many(items) == [p for p, _ in items]

    assert [p.read_bytes() for p, _ in items] == [b"aaa", b"bbb", b"ccc", b"export"]
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    assert oct(old.stat().st_mode & 0o777) == oct(0o666 & ~_umask())  # as write_atomic: the office may open it


def test_many_files_are_flushed_once_not_each(tmp_path: Path, monkeypatch):
    flushed: list[int] = []
    monkeypatch.setattr(files, "make_durable", lambda paths, folders=(): flushed.append(len(paths)))
    write_atomic_many([(tmp_path / f"{i}.json", b"x") for i in range(200)])
    assert flushed == [200]


def test_a_failure_leaves_no_half_file_and_no_temporary_file(tmp_path: Path, monkeypatch):
    real_replace = os.replace
    done: list[str] = []

    def replace(src, dst):  # the third rename fails (a disk pulled out)
        if len(done) == 2:
            raise OSError(5, "Input/output error")
        done.append(str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    (tmp_path / "2.json").write_bytes(b"before")
    with pytest.raises(OSError):
        write_atomic_many([(tmp_path / f"{i}.json", f"new {i}".encode()) for i in range(4)])
    assert (tmp_path / "0.json").read_bytes() == b"new 0"  # renamed before the failure: whole
    assert (tmp_path / "2.json").read_bytes() == b"before"  # the old file, not half of the new one
    assert not (tmp_path / "3.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
