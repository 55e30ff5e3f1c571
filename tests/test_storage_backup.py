"""Backups: a whole, readable copy once a day and at every finalization, the newest N kept."""

from __future__ import annotations

from pathlib import Path

from conftest import write_workspace
from storage_fixtures import new_inspection, open_store

from antq_tui.storage import Store
from antq_tui.workspace import Workspace


def test_one_daily_backup_per_day_and_none_for_an_empty_database(tmp_path: Path):
    with open_store(tmp_path / "antq.db") as store:
        assert store.daily_backup().path is None  # nothing to protect yet
        iid = new_inspection(store).id
        store.set_remark(iid, 1, "đã xem sổ")
        first = store.daily_backup().path
        assert first is not None and first.parent == tmp_path / "backups"
        assert store.daily_backup().path is None
        with Store.open(first) as copy:
            assert copy.get_inspection(iid).answers[1].remark == "đã xem sổ"
            assert copy.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_only_the_newest_backups_are_kept(tmp_path: Path):
    config = write_workspace(tmp_path, extra="")
    text = config.read_text(encoding="utf-8").replace('data_folder = "inspections"',
                                                      'data_folder = "inspections"\nbackups_keep = 3')
    config.write_text(text, encoding="utf-8")
    ws = Workspace.open(config, entry_points=False)
    assert ws.config.backups_keep == 3
    unrelated = ws.data_dir / "backups" / "ghi-chu-cua-toi.txt"
    with Store.for_workspace(ws) as store:
        iid = new_inspection(store).id
        unrelated.parent.mkdir(parents=True, exist_ok=True)
        unrelated.write_text("không phải bản sao lưu", encoding="utf-8")
        made = []
        for n in range(5):
            store.set_remark(iid, 1, f"lần {n}")
            made.append(store.backup())
        assert store.backups() == list(reversed(made[-3:]))
        assert [p.exists() for p in made] == [False, False, True, True, True]
        with Store.open(store.backups()[0]) as newest:
            assert newest.get_inspection(iid).answers[1].remark == "lần 4"
    assert unrelated.exists()


def test_a_daily_backup_that_fails_is_a_warning_not_an_error(tmp_path: Path, monkeypatch):
    import errno

    from antq_tui.storage import backup

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with open_store(tmp_path / "antq.db") as store:
        new_inspection(store)
        monkeypatch.setattr(backup, "make_backup", disk_full)
        result = store.daily_backup()
        assert result.path is None
        assert "Không sao lưu được" in result.warning and "No space left" in result.warning
        assert store.list_inspections()  # the work goes on


def test_a_command_that_writes_takes_the_days_backup(tmp_path: Path):
    from bundle_fixtures import minutes
    from cli_helpers import run
    from storage_fixtures import registry

    laptop, office = tmp_path / "laptop", tmp_path / "office"
    laptop.mkdir(), office.mkdir()
    laptop_config, office_config = write_workspace(laptop), write_workspace(office)
    reg = registry()
    for config in (laptop_config, office_config):  # both have work, neither has a backup yet
        with Store.for_workspace(Workspace.open(config, entry_points=False)) as store:
            iid = new_inspection(store, reg=reg, year=2023 if config is office_config else 2024).id
            if config is laptop_config:
                store.finalize(iid)
                minutes(store, iid)
            for p in store.backups():
                p.unlink()
    bundle = tmp_path / "b.antq"
    run(laptop_config, "bundle", "export", "--out", str(bundle))
    run(office_config, "bundle", "import", str(bundle), "--trust")
    names = sorted(p.name for p in (office / "inspections" / "backups").iterdir())
    assert any("-daily" in n for n in names), names  # the day the office used antq
    assert any("-import" in n for n in names), names  # a finalized inspection arrived


def test_a_failed_backup_never_stops_a_command(tmp_path: Path, monkeypatch):
    from cli_helpers import run

    from antq_tui.storage import backup

    def read_only_disk(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    config = write_workspace(tmp_path)
    with Store.for_workspace(Workspace.open(config, entry_points=False)) as store:
        iid = new_inspection(store).id
        store.finalize(iid)
        out = tmp_path / "b.antq"
        from antq_tui.exchange.export import export_bundle
        export_bundle(store, out)
    other = tmp_path / "other"
    other.mkdir()
    other_config = write_workspace(other)
    with Store.for_workspace(Workspace.open(other_config, entry_points=False)) as store:
        new_inspection(store, year=2023)
    monkeypatch.setattr(backup, "make_backup", read_only_disk)
    result = run(other_config, "bundle", "import", str(out), "--trust")
    assert "Đã nhập" in result.stdout
    assert result.stderr.count("Lưu ý:") == 2 and "Permission denied" in result.stderr


def test_a_copy_that_fails_leaves_no_half_written_file(tmp_path: Path, monkeypatch):
    import errno
    import os

    import pytest

    from antq_tui.storage import StorageError

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    with open_store(tmp_path / "antq.db") as store:
        new_inspection(store)
        monkeypatch.setattr(os, "fsync", disk_full)
        with pytest.raises((OSError, StorageError)):
            store.backup("manual")
        monkeypatch.undo()
        assert [p.name for p in (tmp_path / "backups").iterdir()] == []
