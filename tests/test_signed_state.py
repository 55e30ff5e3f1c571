"""The state a finalize signature covers hashes as it always has: signatures already on users' disks were
made with it, so the same inspection must give the same sha256 whichever way antq reads it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from storage_fixtures import ELIGIBILITY, PHIENG_BAN, TEAM, open_store, registry, sample_set

from antq_tui.config import Member
from antq_tui.criteria import CriteriaSet, Criterion, Field, Suggestion
from antq_tui.evaluation import Evaluator
from antq_tui.keys import load_or_create_key, sign_statement
from antq_tui.signatures import finalize_path, inspection_state, log_head
from antq_tui.storage import audit

IID = "6f1c2a9e-2b1d-4c3e-9f00-0123456789ab"
#: computed by antq before its verify read the states in bulk (commit 50f7eb0): it must never change
GOLDEN = "432a748e9a01eb0996714dd216905eda4fcfc402977dbbb09056274458c2383b"


def dated_check(inputs):
    return Suggestion.dat(f"ban hành ngày {inputs['issued']:%d/%m/%Y}", judgement=True)


def golden_set() -> CriteriaSet:
    """The storage tests' set, with a criterion (5) whose inputs are a date, a choice, a yes/no and a text."""
    base = sample_set(12)
    fields = (Field("issued", "Ngày ban hành", type="date"), Field("rating", "Xếp loại", type="choice",
                                                                     choices=("Tốt", "Khá", "Trung bình")),
              Field("done", "Đã triển khai", type="yesno"), Field("note", "Ghi chú", type="text", required=False))
    criteria = tuple(Criterion(5, c.group, "Ban hành kế hoạch đúng hạn.", ("Kế hoạch", "Báo cáo"), fields=fields,
                               check=dated_check, source=c.source) if c.number == 5 else c for c in base.criteria)
    return CriteriaSet(id=base.id, title=base.title, version=base.version, legal_basis=base.legal_basis,
                       unit_kinds=base.unit_kinds, groups=base.groups, criteria=criteria, plugin=base.plugin)


@pytest.fixture
def finalized(tmp_path: Path, monkeypatch):
    """A finalized inspection with every kind of value the state holds, finalized at a fixed time."""
    cset = golden_set()
    reg = registry(cset)
    evaluator = Evaluator(reg)
    source = tmp_path / "anh-bien-ban.txt"
    source.write_text("Biên bản họp dân, bản Phiêng Ban\n", encoding="utf-8")
    store = open_store(tmp_path / "inspections" / "antq.db")
    store.create_inspection(PHIENG_BAN, 2024, cset, [ELIGIBILITY], registry=reg, team=TEAM,
                            representatives=[Member("Lò Thị Mai", "", "Chủ tịch UBND xã", "dai_dien")],
                            visit_date="12/10/2024", place="Hội trường UBND xã “Phiêng Ban”", start_time="8h",
                            end_time="11h30", minutes_number="15", inspection_id=IID)
    store.update_inspection(IID, strengths="Làm tốt.\nCó \"sáng kiến\" riêng.", conclusion="Đạt.")
    for number in range(1, 13):  # 1, 2, …, 10, 11, 12: the keys sort as text ("10" before "2")
        store.set_verdict(IID, number, "dat" if number != 7 else "khong_dat")
    store.set_self_assessment(IID, 2, "dat")
    store.set_remark(IID, 10, "Nhận xét: \\ có ký tự đặc biệt \t và “ngoặc”.")
    store.set_inputs(IID, 3, {"before": "42", "after": "39"}, evaluator=evaluator)
    store.set_inputs(IID, 5, {"issued": "15/02/2024", "rating": "Khá", "done": "có", "note": "Đúng hạn"},
                     evaluator=evaluator)
    store.set_evidence(IID, 5, 0, seen=True, doc_number="03-KH/UBND", date="15/02/2024", note="Bản gốc")
    store.set_evidence(IID, 5, 1, seen=True)
    store.set_eligibility(IID, ELIGIBILITY.id, inputs={"an_toan": "có"}, evaluator=evaluator)
    store.set_eligibility(IID, ELIGIBILITY.id, decision="dat", remark="Đã xem quyết định.")
    store.add_attachment(IID, source, number=5, note="Ảnh chụp")
    copy = tmp_path / "ban-sao.txt"
    copy.write_bytes(source.read_bytes())
    store.add_attachment(IID, copy, note="Cả buổi")  # the same content twice: two rows, one sha256
    at = dt.datetime(2024, 10, 12, 11, 45, 30, 123000, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    monkeypatch.setattr("antq_tui.storage.inspections.now", lambda: at)
    store.finalize(IID)
    yield store
    store.close()


def test_a_finalized_inspections_state_hashes_as_it_always_has(finalized):
    assert inspection_state(finalized, IID) == GOLDEN
    # as verify reads it: every finalized inspection's rows in a few queries
    assert [(r.row.id, r.state_sha256) for r in finalized.finalized_for_signatures()] == [(IID, GOLDEN)]


def signed_as_before(store, state_sha256: str = GOLDEN, head: str | None = None) -> None:
    """The finalize signature the previous antq wrote: the golden state, signed by the workspace key."""
    key = load_or_create_key(store.data_dir, store.database_id)
    finalize_path(store.data_dir, IID).parent.mkdir(parents=True, exist_ok=True)
    finalize_path(store.data_dir, IID).write_text(json.dumps(sign_statement(key, {
        "kind": "finalize", "inspection_id": IID, "database_id": key.database_id, "state_sha256": state_sha256,
        "log_head": head or log_head(store, IID), "signed_at": "2024-10-12T11:45:31+07:00"}), ensure_ascii=False),
        encoding="utf-8")


def test_a_signature_made_before_still_holds_and_still_names_a_change(finalized):
    signed_as_before(finalized)
    assert finalized.verify() == []

    conn = sqlite3.connect(finalized.path)  # behind antq's back: the guard that refuses it dropped first
    for trigger, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'answers'"):
        conn.execute(f'DROP TRIGGER "{trigger}"')
    conn.execute(f"UPDATE answers SET evidence = replace(evidence, '03-KH/UBND', '04-KH/UBND') WHERE inspection_id"
                 f" = '{IID}' AND number = 5")
    conn.commit()
    conn.close()
    found = [(p.kind, p.message) for p in finalized.verify()]
    assert any(kind == "signature" and "không còn khớp chữ ký lúc hoàn thành" in m for kind, m in found)
    assert any(kind == "state" and "tiêu chí 5 (evidence) khác với giá trị cuối cùng" in m for kind, m in found)


def test_a_state_text_the_fast_read_cannot_write_is_read_whole(finalized):
    """An evidence list stored with other spacing holds the same values: the signature still holds."""
    signed_as_before(finalized)
    conn = sqlite3.connect(finalized.path)
    for trigger, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'answers'"):
        conn.execute(f'DROP TRIGGER "{trigger}"')
    conn.execute(f"UPDATE answers SET evidence = replace(evidence, ', ', ',') WHERE inspection_id = '{IID}'"
                 " AND number = 5")
    conn.commit()
    conn.close()
    assert [r.state_sha256 for r in finalized.finalized_for_signatures()] != [GOLDEN]  # not the text signed
    assert inspection_state(finalized, IID) == GOLDEN
    assert [p for p in finalized.verify() if p.kind == "signature"] == []


def appended(store, action: str) -> None:
    """A log row added behind antq's back, chained with the app's own hash function."""
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.execute("BEGIN")
    audit.append(conn, at="2024-10-13T08:00:00.000+07:00", who="Cầm Thị Hoa", inspection_id=IID, action=action,
                 target="2", old=None, new="dat")
    conn.execute("COMMIT")
    conn.close()


def signature_messages(store) -> list[str]:
    return [p.message for p in store.verify() if p.kind == "signature"]


def test_the_log_after_the_signed_head_may_only_hold_exports(finalized):
    signed_as_before(finalized)
    appended(finalized, "export.record")
    assert signature_messages(finalized) == []
    appended(finalized, "answer.verdict")
    assert [m.split(": ", 1)[1] for m in signature_messages(finalized)] == [
        "nhật ký có thay đổi được thêm sau khi hoàn thành và ký."]


def test_a_log_without_the_signed_head_is_named(finalized):
    signed_as_before(finalized, head="0" * 64)
    assert [m.split(": ", 1)[1] for m in signature_messages(finalized)] == [
        "nhật ký không còn dòng đã ký lúc hoàn thành (lịch sử đã bị viết lại)."]


def test_one_file_attached_twice_under_one_name_once_to_a_criterion_can_be_finalized_and_verified(tmp_path: Path):
    """[sha, name, 5] beside [sha, name, None]: sorting them raised TypeError, so finalize failed."""
    from antq_tui.storage.signed import attachment_state

    cset = sample_set(3)
    store = open_store(tmp_path / "inspections" / "antq.db")
    iid = store.create_inspection(PHIENG_BAN, 2024, cset, registry=registry(cset), team=TEAM).id
    photo = tmp_path / "a" / "anh.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"\xff\xd8 the same photo")
    store.add_attachment(iid, photo, number=2)
    again = tmp_path / "b" / "anh.jpg"
    again.parent.mkdir()
    again.write_bytes(photo.read_bytes())
    store.add_attachment(iid, again)  # the same photo again, for the whole visit
    for number in (1, 2, 3):
        store.set_verdict(iid, number, "dat")
    store.finalize(iid)
    key = load_or_create_key(store.data_dir, store.database_id)
    finalize_path(store.data_dir, iid).parent.mkdir(parents=True, exist_ok=True)
    finalize_path(store.data_dir, iid).write_text(json.dumps(sign_statement(key, {
        "kind": "finalize", "inspection_id": iid, "database_id": key.database_id,
        "state_sha256": inspection_state(store, iid), "log_head": log_head(store, iid),
        "signed_at": "2024-10-12T11:45:31+07:00"})), encoding="utf-8")
    assert store.verify() == []
    assert [r.state_sha256 for r in store.finalized_for_signatures()] == [inspection_state(store, iid)]
    # what sorted gave before, wherever it could order the files
    rows = [("b", "x", 3), ("a", "y", None), ("a", "x", 2), ("a", "x", 1)]
    assert attachment_state(rows) == sorted([list(r) for r in rows])
    assert attachment_state([("s", "n", 5), ("s", "n", None)]) == [["s", "n", None], ["s", "n", 5]]
    store.close()


def rebuilt_with(store, table: str, collation: str = "NOCASE") -> sqlite3.Connection:
    """``table`` made again behind antq's back with its inspection_id compared by ``collation`` (NOCASE: without
    case; RTRIM: without trailing spaces), its rows, index and guards put back as they were: PRAGMA table_info
    and the triggers read the same."""
    conn = sqlite3.connect(store.path, isolation_level=None)
    (sql,), = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table])
    others = [s for s, in conn.execute("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index',"
                                       " 'trigger') AND sql IS NOT NULL", [table])]
    conn.execute("BEGIN")
    conn.execute(f"CREATE TEMP TABLE kept AS SELECT * FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(sql.replace("inspection_id TEXT NOT NULL", f"inspection_id TEXT NOT NULL COLLATE {collation}", 1))
    conn.execute(f"INSERT INTO {table} SELECT * FROM kept")
    for other in others:
        conn.execute(other)
    conn.execute("COMMIT")
    return conn


def test_an_answer_added_under_the_inspections_id_in_capitals_is_reported(finalized):
    """With answers.inspection_id made COLLATE NOCASE, a row for 'ABC…' is one of inspection 'abc…' to every
    read by id (the minutes, inspection_state) and slips past the guards (they compare with inspections.id's
    own collation); the bulk reads group the rows by the id as Python compares it, and must not lose it."""
    signed_as_before(finalized)
    assert finalized.verify() == []
    conn = rebuilt_with(finalized, "answers")
    conn.execute("INSERT INTO answers (inspection_id, number, self_assessment, remark, updated_at) VALUES (?, 13, 'khong_dat',"
                 " 'Thêm ngoài antq', '2024-10-13T08:00:00.000+07:00')", [IID.upper()])
    conn.close()
    assert finalized.get_inspection(IID).answers[13].remark == "Thêm ngoài antq"  # what antq now shows
    assert inspection_state(finalized, IID) != GOLDEN
    found = [(p.kind, p.message) for p in finalized.verify()]
    assert ("guard", "1 bảng của cơ sở dữ liệu đã bị tạo lại ngoài antq với cấu trúc khác (“answers”): dữ liệu"
                     " trong đó có thể đã bị sửa mà các kiểm tra không thấy.") in found, found


def test_an_attachment_added_under_the_inspections_id_and_a_space_is_reported(finalized):
    """The same with attachments.inspection_id made COLLATE RTRIM, a forged file recorded for 'abc… ' with a
    log row chained by the app's own hash: it is one of the finalized inspection's attachments to antq."""
    signed_as_before(finalized)
    forged = finalized.data_dir / "attachments" / "quyet-dinh.txt"
    forged.write_bytes(b"quyet dinh gia mao")
    digest, size = hashlib.sha256(forged.read_bytes()).hexdigest(), forged.stat().st_size
    conn = rebuilt_with(finalized, "attachments", "RTRIM")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO attachments (id, inspection_id, number, name, path, sha256, size, added_at) VALUES"
                 " ('gia-mao', ?, 5, 'quyet-dinh.txt', 'attachments/quyet-dinh.txt', ?, ?,"
                 " '2024-10-13T08:00:00.000+07:00')", [IID + " ", digest, size])
    audit.append(conn, at="2024-10-13T08:00:00.000+07:00", who="Cầm Thị Hoa", inspection_id=IID + " ",
                 action="attachment.add", target="5", new={"id": "gia-mao", "name": "quyet-dinh.txt",
                                                           "path": "attachments/quyet-dinh.txt", "sha256": digest,
                                                           "size": size})
    conn.execute("COMMIT")
    conn.close()
    assert "quyet-dinh.txt" in [a.name for a in finalized.attachments(IID)]  # what antq now shows
    assert inspection_state(finalized, IID) != GOLDEN
    found = [(p.kind, p.message) for p in finalized.verify()]
    assert ("guard", "1 bảng của cơ sở dữ liệu đã bị tạo lại ngoài antq với cấu trúc khác (“attachments”): dữ"
                     " liệu trong đó có thể đã bị sửa mà các kiểm tra không thấy.") in found, found


def test_two_files_whose_order_in_the_state_only_their_added_at_gives_hash_as_inspection_state_does(finalized):
    """Two attachments of one content and one name whose numbers the state orders alike (0, and '' that a
    criterion number column still holds as text): sorted() keeps them in the order Store.attachments reads
    them, by added_at; the bulk read must read them in that order too, or an added_at swapped behind antq's
    back changes inspection_state while the hash from the rows stays the signed one."""
    conn = sqlite3.connect(finalized.path, isolation_level=None)
    for trigger, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'attachments'"):
        conn.execute(f'DROP TRIGGER "{trigger}"')
    first, second = [r for r, in conn.execute("SELECT rowid FROM attachments ORDER BY rowid")]
    conn.execute("UPDATE attachments SET name = 'anh.txt', number = 0, added_at = '2024-10-12T09:00:00.000+07:00'"
                 " WHERE rowid = ?", [first])
    conn.execute("UPDATE attachments SET name = 'anh.txt', number = '', added_at = '2024-10-12T10:00:00.000+07:00'"
                 " WHERE rowid = ?", [second])
    signed_as_before(finalized, inspection_state(finalized, IID))  # a draft edited so, then finalized and signed
    conn.execute("UPDATE attachments SET added_at = '2024-10-12T11:00:00.000+07:00' WHERE rowid = ?", [first])
    conn.close()
    state = inspection_state(finalized, IID)
    assert [p.kind for p in finalized.verify() if p.kind == "signature"] == ["signature"]
    assert [r.state_sha256 for r in finalized.finalized_for_signatures()] in ([state], [""])


def test_a_snapshot_with_a_criterion_twice_reads_its_dates_as_inspection_state_does(finalized):
    """A snapshot made behind antq's back (its key its sha256, so it passes as whole) that holds criterion 5
    twice: get_inspection reads the first, whose "note" is a date; the bulk read must check the dates of that
    one too, or a note "20240215" signed as text, read now as the date 2024-02-15, keeps the signed hash."""
    from antq_tui.storage.codec import snapshot_hash

    conn = sqlite3.connect(finalized.path, isolation_level=None)
    for trigger, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        conn.execute(f'DROP TRIGGER "{trigger}"')
    conn.execute("UPDATE answers SET inputs = replace(inputs, '\"Đúng hạn\"', '\"20240215\"') WHERE number = 5")
    signed = inspection_state(finalized, IID)
    signed_as_before(finalized, signed)  # a draft edited so, then finalized and signed
    row = conn.execute("SELECT criteria, eligibility, plugins, fingerprints FROM snapshots").fetchone()
    criteria = json.loads(row[0])
    (five,) = [c for c in criteria["criteria"] if c["number"] == 5]
    dated = json.loads(json.dumps(five))
    for f in dated["fields"]:
        if f["id"] == "note":
            f["type"] = "date"
    criteria["criteria"].insert(0, dated)
    text = json.dumps(criteria, ensure_ascii=False)
    key = snapshot_hash(text, *row[1:])
    conn.execute("INSERT INTO snapshots (sha256, criteria, eligibility, plugins, fingerprints, taken_at)"
                 " SELECT ?, ?, eligibility, plugins, fingerprints, taken_at FROM snapshots", [key, text])
    conn.execute("UPDATE inspections SET snapshot_sha256 = ?", [key])
    conn.close()
    assert finalized.get_inspection(IID).answers[5].inputs["note"] == dt.date(2024, 2, 15)  # read as a date now
    assert inspection_state(finalized, IID) != signed
    assert [r.state_sha256 for r in finalized.finalized_for_signatures()] in ([inspection_state(finalized, IID)],
                                                                               [""])
    assert "signature" in [p.kind for p in finalized.verify()]
