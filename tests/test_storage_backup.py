"""Backups: a whole, readable copy once a day and at every finalization, the newest N kept."""

from __future__ import annotations

from pathlib import Path

from antq_tui.storage import Store
from antq_tui.workspace import Workspace
from conftest import write_workspace
from storage_fixtures import new_inspection, open_store


def test_one_daily_backup_per_day_and_none_for_an_empty_database(tmp_path: Path):
    with open_store(tmp_path / "antq.db") as store:
        assert store.daily_backup() is None  # nothing to protect yet
        iid = new_inspection(store).id
        store.set_remark(iid, 1, "đã xem sổ")
        first = store.daily_backup()
        assert first is not None and first.parent == tmp_path / "backups"
        assert store.daily_backup() is None
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
