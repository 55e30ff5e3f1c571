"""The raw tamperings of the trust issue, done as someone with the sqlite3 shell would: each is either
refused by the database's guards or reported by ``antq verify`` (exit 1, a Vietnamese line naming it)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import run_json
from storage_fixtures import new_inspection
from test_storage_audit import filled, tamper, verify_messages

from antq_tui.storage import Store, audit, frozen_sql

__all__ = ["filled"]


def shell(db: Path, sql: str, params: tuple = ()) -> None:
    """One statement through a plain sqlite3 connection, the guards left in place."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute(sql, params)
    finally:
        conn.close()


@pytest.fixture
def with_draft(filled):
    with Store.open(filled["db"]) as store:
        filled["draft"] = new_inspection(store, year=2025).id
    return filled


def test_moving_a_finalized_inspections_attachment_to_a_draft_is_refused(with_draft):
    sql = f"UPDATE attachments SET inspection_id = '{with_draft['draft']}' WHERE inspection_id = '{with_draft['id']}'"
    with pytest.raises(sqlite3.IntegrityError, match="antq_finalized"):
        shell(with_draft["db"], sql)
    with pytest.raises(sqlite3.IntegrityError, match="antq_finalized"):  # the same for its answers
        shell(with_draft["db"], f"UPDATE answers SET inspection_id = '{with_draft['draft']}' WHERE number = 1 AND"
                                f" inspection_id = '{with_draft['id']}'")
    assert run_json(with_draft["config"], "verify")["ok"] is True


def test_a_moved_attachment_is_reported_when_the_guards_were_dropped(with_draft):
    tamper(with_draft["db"], f"UPDATE attachments SET inspection_id = '{with_draft['draft']}'")
    messages = verify_messages(with_draft["config"])
    assert any("chốt bảo vệ" in m and "đã bị xóa" in m for m in messages)
    assert any("Tệp đính kèm" in m and "không còn trong cơ sở dữ liệu" in m for m in messages)  # gone from the finalized
    assert any("Tệp đính kèm" in m and "không khớp dòng nào của nhật ký" in m for m in messages)  # arrived in the draft


def test_exports_cannot_be_deleted_or_edited_through_sqlite(filled):
    with pytest.raises(sqlite3.IntegrityError, match="antq_recorded"):
        shell(filled["db"], "DELETE FROM exports")
    with pytest.raises(sqlite3.IntegrityError, match="antq_recorded"):
        shell(filled["db"], "UPDATE exports SET sha256 = 'x'")


def test_deleted_exports_are_reported_when_the_guards_were_dropped(filled):
    tamper(filled["db"], "DELETE FROM exports")
    assert any("Tệp đã xuất" in m and "không còn trong cơ sở dữ liệu" in m for m in verify_messages(filled["config"]))


def test_a_swapped_pdf_with_its_sha256_updated_is_reported(filled):
    fake = b"%PDF-1.7 bien ban gia mao"
    filled["minutes"].write_bytes(fake)
    digest = hashlib.sha256(fake).hexdigest()
    tamper(filled["db"], f"UPDATE exports SET sha256 = '{digest}', size = {len(fake)}")
    messages = verify_messages(filled["config"])
    assert any("Tệp đã xuất" in m and "không khớp dòng nào của nhật ký" in m for m in messages)


def test_an_export_row_injected_without_the_log_is_reported(filled):
    shell(filled["db"], "INSERT INTO exports (id, inspection_id, path, sha256, size, status, created_at)"
                        " SELECT 'gia', inspection_id, path, sha256, size, status, created_at FROM exports")
    assert any("không khớp dòng nào của nhật ký" in m for m in verify_messages(filled["config"]))


def test_a_finalized_verdict_edited_directly_is_refused_then_reported(filled):
    with pytest.raises(sqlite3.IntegrityError, match="antq_finalized"):
        shell(filled["db"], "UPDATE answers SET verdict = 'dat' WHERE number = 2")
    tamper(filled["db"], "UPDATE answers SET verdict = 'dat' WHERE number = 2")
    assert any("tiêu chí 2 (verdict)" in m for m in verify_messages(filled["config"]))


def test_a_verdict_edited_and_logged_again_with_the_apps_hash_is_reported(filled):
    """The attacker edits a finalized verdict and appends a well-chained log row for it: antq never
    logs a change while an inspection is finalized, so the row itself gives it away."""
    tamper(filled["db"], "UPDATE answers SET verdict = 'dat' WHERE number = 2")
    conn = sqlite3.connect(filled["db"], isolation_level=None)
    conn.execute("BEGIN")
    audit.append(conn, at="2024-10-13T08:00:00.000+07:00", who="Cầm Thị Hoa", inspection_id=filled["id"],
                 action="answer.verdict", target="2", old="khong_dat", new="dat")
    conn.execute("COMMIT")
    conn.close()
    messages = verify_messages(filled["config"])
    assert any("khi cuộc kiểm tra đã hoàn thành" in m for m in messages)
    assert not any("không khớp mã băm" in m for m in messages)  # the chain itself holds


def test_log_rows_deleted_in_the_middle_or_at_the_end_are_reported(filled):
    conn = sqlite3.connect(filled["db"])
    last = conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    conn.close()
    tamper(filled["db"], f"DELETE FROM audit WHERE id = {last}")
    assert any("dòng cuối" in m and "đã bị xóa" in m for m in verify_messages(filled["config"]))
    tamper(filled["db"], "DELETE FROM audit WHERE id = 3")
    assert any("không nối tiếp dòng trước" in m for m in verify_messages(filled["config"]))


def test_an_edited_log_row_is_refused_then_reported(filled):
    with pytest.raises(sqlite3.IntegrityError, match="antq_append_only"):
        shell(filled["db"], "UPDATE audit SET who = 'người khác' WHERE id = 2")
    tamper(filled["db"], "UPDATE audit SET new = '\"dat\"' WHERE action = 'answer.verdict' AND target = '2'")
    assert any("không khớp mã băm" in m for m in verify_messages(filled["config"]))


def test_a_trigger_replaced_by_a_weaker_one_is_reported(filled):
    conn = sqlite3.connect(filled["db"], isolation_level=None)
    conn.execute("DROP TRIGGER exports_no_update")
    conn.execute("CREATE TRIGGER exports_no_update BEFORE UPDATE ON exports WHEN 0 BEGIN SELECT 1; END")
    conn.close()
    assert any("exports_no_update" in m and "đã bị sửa" in m for m in verify_messages(filled["config"]))
    conn = sqlite3.connect(filled["db"], isolation_level=None)
    conn.execute("CREATE TRIGGER audit_quiet AFTER INSERT ON audit BEGIN SELECT 1; END")
    conn.close()
    assert any("trigger) lạ" in m and "audit_quiet" in m for m in verify_messages(filled["config"]))


def test_a_database_of_the_previous_version_gets_the_new_guards(filled, tmp_path):
    """0006 upgrades an existing file: after it the OLD row is checked too (the move above is refused)."""
    conn = sqlite3.connect(filled["db"], isolation_level=None)
    conn.execute("BEGIN")
    for name in ("answers_finalized_update", "eligibility_answers_finalized_update", "attachments_finalized_update",
                 "exports_no_update", "exports_finalized_delete"):
        conn.execute(f"DROP TRIGGER {name}")
    for sql in frozen_sql.M0001_INITIAL:  # the guards as 0001 made them: the NEW row only
        if "_finalized_update BEFORE UPDATE ON" in sql and "inspections" not in sql.split("ON")[1][:14]:
            conn.execute(sql)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_guards_old_rows'")
    conn.execute("COMMIT")
    conn.close()
    with Store.open(filled["db"]) as store:  # upgrades
        draft = new_inspection(store, year=2025).id
        assert "0006_guards_old_rows" in [r["name"] for r in store.query("SELECT name FROM _sqlite_migrations")]
    with pytest.raises(sqlite3.IntegrityError):
        shell(filled["db"], f"UPDATE attachments SET inspection_id = '{draft}'")
    assert run_json(filled["config"], "verify")["ok"] is True
    assert json.dumps(run_json(filled["config"], "verify")["problems"]) == "[]"


def test_a_log_text_that_is_not_json_is_reported_not_a_traceback(filled):
    """Whoever rewrote the log by hand left a value antq cannot read: verify says so in Vietnamese and the
    other checks still say what they find (here the broken chain and the dropped guards)."""
    tamper(filled["db"], "UPDATE audit SET new = '{bad' WHERE id = (SELECT max(id) FROM audit"
                         " WHERE action LIKE 'answer.%')")
    messages = verify_messages(filled["config"])
    assert any("giá trị không đọc được" in m and "đối chiếu giá trị đã lưu với nhật ký" in m for m in messages)
    assert any("không khớp mã băm" in m for m in messages)
    assert any("chốt bảo vệ" in m for m in messages)
