"""Backups that are good: a damaged database is never copied (it is reported, with the file and the
newest good backup), pruning keeps a good copy, a killed copy's leftovers go, and restore works."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from conftest import write_workspace
from storage_fixtures import PHIENG_BAN, new_inspection, renamed

from antq_tui.storage import DatabaseCorruptError, Store
from antq_tui.storage import backup as backups
from antq_tui.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path):
    """A workspace of 30 inspections with remarks (a file of several hundred pages) and one good backup."""
    config = write_workspace(tmp_path)
    ws = Workspace.open(config, entry_points=False)
    with Store.for_workspace(ws) as store:
        ids = []
        for n in range(30):
            iid = new_inspection(store, renamed(PHIENG_BAN, f"Xã số {n}")).id
            for number in range(1, 8):
                store.set_remark(iid, number, f"Nhận xét {n}-{number}: " + "đã xem sổ sách, biên bản họp. " * 8)
            ids.append(iid)
        good = store.backup("manual")
    return {"config": config, "ws": ws, "db": ws.db_path, "good": good, "ids": ids}


def damage(db: Path, at: float) -> None:
    """4 KB of random bytes written at ``at`` (0..1) of the file, as the issue's reproduction did."""
    size = db.stat().st_size
    with open(db, "r+b") as fh:
        fh.seek(int(size * at))
        fh.write(random.Random(int(at * 100)).randbytes(4096))


def backup_files(ws: Workspace) -> list[Path]:
    return backups.list_backups(ws.data_dir / "backups")


@pytest.mark.parametrize("at", [0.2, 0.5, 0.8])
def test_a_damaged_database_is_reported_and_never_backed_up(workspace, at):
    damage(workspace["db"], at)
    before = backup_files(workspace["ws"])
    # a command that writes: refused, naming the file and the good backup (never "the newest backup")
    result = run(workspace["config"], "visit", workspace["ids"][0][:8], "--place", "Hội trường", expect=2)
    assert "bị hỏng" in result.stderr and str(workspace["db"]) in result.stderr
    assert workspace["good"].name in result.stderr and "antq backup restore" in result.stderr
    # the listing does not exit 0 either
    listing = run(workspace["config"], "list", expect=2)
    assert "bị hỏng" in listing.stderr
    # a backup asked for directly is refused: no file is written
    with pytest.raises(DatabaseCorruptError) as info, Store.open(workspace["db"], read_only=True) as store:
        store.backup("manual")
    assert workspace["good"].name in str(info.value)
    assert backup_files(workspace["ws"]) == before
    assert all(backups.is_good(p) for p in backup_files(workspace["ws"]))
    assert not [p for p in (workspace["ws"].data_dir / "backups").iterdir() if p.name.startswith(".antq-")]


def test_pruning_keeps_the_newest_good_backup_behind_damaged_ones(workspace):
    folder = workspace["ws"].data_dir / "backups"
    damaged = workspace["db"].with_name("hong.db")
    shutil.copyfile(workspace["db"], damaged)
    damage(damaged, 0.5)
    for day in range(3, 8):  # newer, and damaged (as an antq that copied blindly left them)
        shutil.copyfile(damaged, folder / f"antq-2099010{day}-080000-daily.db")
    removed = backups.prune(folder, keep=3)
    left = backups.list_backups(folder)
    assert workspace["good"] in left and len(left) == 4 and len(removed) == 2
    assert backups.newest_good(folder) == workspace["good"]
    assert str(workspace["good"]) in backups.restore_advice(workspace["db"])
    listed = run_json(workspace["config"], "backup", "list")
    assert [b["good"] for b in listed] == [False, False, False, True]


def test_what_a_killed_backup_left_is_cleaned_by_the_next_one(workspace):
    folder = workspace["ws"].data_dir / "backups"
    stale = [folder / ".antq-k1lled.db.part", folder / ".antq-k1lled.db.part-journal", folder / "antq-x.db.tmp"]
    fresh = folder / ".antq-running.db.part"  # another program's copy under way: left alone
    for p in (*stale, fresh):
        p.write_bytes(b"\0" * 1024)
    old = time.time() - 3600
    for p in stale:
        os.utime(p, (old, old))
    mine = folder / "ghi-chu.txt"
    mine.write_text("của tôi", encoding="utf-8")
    with Store.for_workspace(workspace["ws"]) as store:
        store.backup("manual")
    assert [p.exists() for p in stale] == [False, False, False]
    assert fresh.exists() and mine.exists()


def test_restore_puts_the_newest_good_backup_back_and_keeps_the_damaged_file(workspace):
    with Store.for_workspace(workspace["ws"]) as store:
        store.set_remark(workspace["ids"][0], 1, "sau lần sao lưu")
    damage(workspace["db"], 0.5)
    damaged_bytes = workspace["db"].read_bytes()
    result = run_json(workspace["config"], "backup", "restore")
    assert result["restored_from"] == str(workspace["good"])
    aside = Path(result["set_aside"][0])
    assert aside.name.startswith("antq.db.before-restore-") and aside.read_bytes() == damaged_bytes
    assert run_json(workspace["config"], "verify")["ok"] is True
    assert len(run_json(workspace["config"], "list")) == 30
    text = run(workspace["config"], "backup", "restore", workspace["good"].name).stdout
    assert "Đã khôi phục" in text and "Tệp cũ được giữ lại" in text


def test_restore_is_refused_while_antq_has_the_database_open(workspace):
    before = workspace["db"].read_bytes()
    with Store.for_workspace(workspace["ws"]) as store:  # as the TUI holds it
        store.list_inspections("")
        result = run(workspace["config"], "backup", "restore", expect=2)
    assert "đang được mở" in result.stderr and "Chưa thay đổi gì" in result.stderr
    assert workspace["db"].read_bytes() == before


def test_restore_refuses_a_damaged_backup_and_names_the_good_one(workspace):
    folder = workspace["ws"].data_dir / "backups"
    bad = folder / "antq-20990101-080000-daily.db"
    shutil.copyfile(workspace["good"], bad)
    damage(bad, 0.5)
    result = run(workspace["config"], "backup", "restore", bad.name, expect=2)
    assert "cũng bị hỏng" in result.stderr and workspace["good"].name in result.stderr
    assert backups.check_file(workspace["db"]) == []


def test_a_backup_is_checked_without_writing_beside_it(workspace):
    folder = workspace["ws"].data_dir / "backups"
    names = sorted(p.name for p in folder.iterdir())
    assert backups.is_good(workspace["good"])
    assert sorted(p.name for p in folder.iterdir()) == names  # no -wal/-shm left by the check
    conn = sqlite3.connect(workspace["good"])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_reading_command_on_a_damaged_database_does_not_exit_0(workspace):
    damage(workspace["db"], 0.5)
    result = run(workspace["config"], "stats", "--year", "2024", expect=2)
    assert "bị hỏng" in result.stderr and workspace["good"].name in result.stderr


def _settle(db: Path) -> None:
    """The database and its log as if last written a minute ago (a file written just now is always checked)."""
    old = time.time() - 60
    for f in (db, db.with_name(db.name + "-wal")):
        if f.exists():
            os.utime(f, (old, old))


def test_a_file_that_passed_and_was_not_written_since_is_not_read_again_and_damage_after_is_found(
        workspace, monkeypatch):
    db = workspace["db"]
    checks: list[int] = []
    real = backups.check_connection
    monkeypatch.setattr(backups, "check_connection", lambda conn: checks.append(1) or real(conn))
    _settle(db)
    run(workspace["config"], "list")
    run(workspace["config"], "list")
    assert checks == [1]  # passed once; the same file is not read page by page again
    assert not [p for p in db.parent.iterdir() if "checked" in p.name]  # the note is not in the data folder

    damage(db, 0.5)  # written: the next command checks again, and finds it
    assert "bị hỏng" in run(workspace["config"], "list", expect=2).stderr
    _settle(db)  # even once the damage is old, it is not taken for the file that passed
    assert "bị hỏng" in run(workspace["config"], "list", expect=2).stderr


def test_a_file_written_moments_ago_is_checked_every_time(workspace, monkeypatch):
    checks: list[int] = []
    real = backups.check_connection
    monkeypatch.setattr(backups, "check_connection", lambda conn: checks.append(1) or real(conn))
    os.utime(workspace["db"])  # now
    run(workspace["config"], "list")
    run(workspace["config"], "list")
    assert checks == [1, 1]
