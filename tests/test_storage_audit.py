"""``antq verify`` catches what was changed behind antq's back: the audit log, answers, the criteria
snapshot, attachments and exported minutes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from storage_fixtures import new_inspection

from antq_tui.storage import StorageError, Store
from antq_tui.workspace import Workspace


@pytest.fixture
def filled(workspace_config: Path):
    """A workspace with one finalized inspection, an attachment and exported minutes."""
    ws = Workspace.open(workspace_config, entry_points=False)
    with Store.for_workspace(ws) as store:
        iid = new_inspection(store).id
        store.set_verdict(iid, 1, "đạt")
        store.set_verdict(iid, 2, "không đạt")
        store.set_remark(iid, 2, "Thiếu biên bản họp")
        photo = workspace_config.parent / "anh.jpg"
        photo.write_bytes(b"anh chup so theo doi")
        attachment = store.add_attachment(iid, photo, number=1)
        store.finalize(iid)
        minutes = ws.data_dir / "bien_ban_phieng_ban_2024.pdf"
        minutes.write_bytes(b"%PDF-1.7 bien ban")
        store.record_export(iid, minutes)
    return {"config": workspace_config, "db": ws.db_path, "id": iid, "attachment": attachment.path, "minutes": minutes}


def tamper(db: Path, *statements: str) -> None:
    """What someone with the sqlite3 shell could do: drop the guards, then edit."""
    conn = sqlite3.connect(db, isolation_level=None)
    for name in [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
        conn.execute(f"DROP TRIGGER {name}")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def verify_messages(config: Path) -> list[str]:
    data = run_json(config, "verify", expect=1)
    assert data["ok"] is False
    return [p["message"] for p in data["problems"]]


def test_an_untouched_database_verifies(filled):
    assert run_json(filled["config"], "verify")["ok"] is True


def test_the_audit_log_cannot_be_edited_through_sqlite_while_the_guards_stand(filled):
    with Store.open(filled["db"]) as store, pytest.raises(StorageError) as info, store._write() as conn:
        conn.execute("UPDATE audit SET who = 'người khác'")
    assert "chỉ được ghi thêm" in str(info.value)


def test_an_edited_audit_row_is_caught(filled):
    tamper(filled["db"], "UPDATE audit SET new = '\"khong_dat\"' WHERE action = 'answer.verdict' AND target = '1'")
    messages = verify_messages(filled["config"])
    assert any("Nhật ký thay đổi, dòng" in m and "đã bị sửa ngoài antq" in m for m in messages)
    result = run(filled["config"], "verify", expect=1)
    assert "Phát hiện" in result.stdout and "sai lệch" in result.stdout


def test_a_deleted_audit_row_is_caught(filled):
    tamper(filled["db"], "DELETE FROM audit WHERE action = 'answer.remark'")
    messages = verify_messages(filled["config"])
    assert any("không nối tiếp dòng trước" in m for m in messages)


def test_an_answer_changed_without_the_log_is_caught(filled):
    tamper(filled["db"], "UPDATE answers SET verdict = 'dat' WHERE number = 2")
    messages = verify_messages(filled["config"])
    assert any("Xã Phiêng Ban năm 2024: tiêu chí 2 (verdict)" in m for m in messages)


def test_a_summary_text_changed_without_the_log_is_caught(filled):
    tamper(filled["db"], "UPDATE inspections SET conclusion = 'Đề nghị công nhận'")
    assert any("trường “conclusion”" in m for m in verify_messages(filled["config"]))


def test_an_edited_snapshot_is_caught(filled):
    tamper(filled["db"], "UPDATE snapshots SET criteria = replace(criteria, 'Tiêu chí số 1.', 'Tiêu chí đã sửa.')")
    messages = verify_messages(filled["config"])
    assert any("bộ tiêu chí đã chụp" in m for m in messages)


def test_changed_or_missing_files_are_named(filled):
    filled["attachment"].write_bytes(b"anh khac")
    filled["minutes"].unlink()
    messages = verify_messages(filled["config"])
    assert any("Tệp đính kèm" in m and "đã bị thay đổi" in m for m in messages)
    assert any("Tệp đã xuất" in m and "không còn" in m for m in messages)


def test_a_corrupt_database_stops_verify_with_a_message_not_a_traceback(filled):
    filled["db"].write_bytes(b"hong" * 1000)
    for suffix in ("-wal", "-shm"):
        Path(str(filled["db"]) + suffix).unlink(missing_ok=True)
    result = run(filled["config"], "verify", expect=2)
    assert "không phải cơ sở dữ liệu antq hoặc đã bị hỏng" in result.stderr


def test_a_finalized_inspection_cannot_be_flipped_back_to_draft_behind_antq(filled):
    """Only Store.reopen (with a reason, logged) turns a finalized inspection back into a draft."""
    conn = sqlite3.connect(filled["db"], isolation_level=None)  # the sqlite3 shell, guards in place
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("UPDATE inspections SET status = 'draft', finalized_at = NULL")
    conn.close()
    with Store.open(filled["db"]) as store:
        with pytest.raises(StorageError, match="đã hoàn thành"), store._write() as c:
            c.execute("UPDATE inspections SET status = 'draft'")
        assert store.get_inspection(filled["id"]).status == "finalized"
        store.reopen(filled["id"], "Bổ sung hồ sơ")
        assert store.get_inspection(filled["id"]).status == "draft"
        assert store.verify() == []


def test_a_status_flipped_without_the_log_is_caught(filled):
    tamper(filled["db"], "UPDATE inspections SET status = 'draft', finalized_at = NULL")
    messages = verify_messages(filled["config"])
    assert any("Xã Phiêng Ban năm 2024" in m and "“trạng thái”" in m for m in messages)


def test_a_unit_renamed_in_a_finalized_inspection_is_caught(filled):
    tamper(filled["db"], "UPDATE inspections SET unit_name = 'Xã Khác', assessed = 5")
    messages = verify_messages(filled["config"])
    assert any("“tên đơn vị”" in m and "“số tiêu chí đã đánh giá”" in m for m in messages)


def test_two_attachments_with_one_name_never_overwrite_each_other(filled, monkeypatch, tmp_path):
    """Another program may take a name between the check and the copy: each file gets its own name."""
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda p: False if "attachments" in p.parts else real_exists(p))
    with Store.open(filled["db"]) as store:
        iid = new_inspection(store, year=2025).id
        first, second = tmp_path / "a" / "anh.jpg", tmp_path / "b" / "anh.jpg"
        for f, content in ((first, b"anh thu nhat"), (second, b"anh thu hai")):
            f.parent.mkdir()
            f.write_bytes(content)
        a, b = store.add_attachment(iid, first), store.add_attachment(iid, second)
        assert a.path != b.path
        assert (a.path.read_bytes(), b.path.read_bytes()) == (b"anh thu nhat", b"anh thu hai")
        monkeypatch.undo()
        assert store.verify() == []


def test_deleting_a_draft_removes_its_attached_files(filled, tmp_path):
    with Store.open(filled["db"]) as store:
        iid = new_inspection(store, year=2025).id
        photo = tmp_path / "anh.jpg"
        photo.write_bytes(b"anh")
        folder = store.add_attachment(iid, photo).path.parent
        store.delete_inspection(iid)
        assert not folder.exists()
        assert store.verify() == []


def test_a_file_no_record_points_to_is_listed_by_verify_as_information(filled):
    """A program killed between copying an attachment and recording it leaves a file behind."""
    stray = filled["attachment"].parent / "anh (9).jpg"
    stray.write_bytes(b"ban chep bo lai")
    result = run(filled["config"], "verify", expect=0)
    assert "Thông tin: 1 tệp" in result.stdout and "anh (9).jpg" in result.stdout
    assert run_json(filled["config"], "verify")["orphan_files"] == [str(stray)]
