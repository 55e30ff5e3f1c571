"""The store: what the team types is saved at once, read back as the app's records, and a finalized
inspection cannot be changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from storage_fixtures import (
    DONG_THO,
    ELIGIBILITY,
    PHIENG_BAN,
    PLUGIN,
    TEAM,
    crime_check_v2,
    new_inspection,
    open_store,
    registry,
    renamed,
    sample_set,
)

from antq_tui.criteria import Verdict
from antq_tui.evaluation import Evaluator
from antq_tui.inspection import summarize
from antq_tui.storage import FinalizedError, InvalidValueError, NotFoundError, Store


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "inspections" / "antq.db") as s:
        yield s


def test_an_inspection_reads_back_with_its_snapshot_answers_and_visit_details(store: Store):
    reg = registry()
    created = new_inspection(store, reg=reg, visit_date="12/10/2024", place="Hội trường UBND xã", start_time="8h",
                             minutes_number="15")
    assert created.unit.name == "Xã Phiêng Ban" and created.year == 2024 and created.status == "draft"
    assert created.visit_date == dt.date(2024, 10, 12) and created.start_time == "08:00"
    assert [m.name for m in created.team] == [m.name for m in TEAM]
    assert created.plugins == {PLUGIN: "1.0"}
    assert len(created.criteria.criteria) == 34 and created.criteria.criterion(3).has_check
    assert [c.id for c in created.eligibility_checks] == [ELIGIBILITY.id]

    iid = created.id
    store.set_self_assessment(iid, 1, "đạt")
    saved = store.set_verdict(iid, 1, Verdict.DAT)
    store.set_verdict(iid, 2, "không đạt")
    store.set_remark(iid, 2, "Chưa có kế hoạch năm")
    store.set_inputs(iid, 3, {"before": "42", "after": "39"}, Evaluator(reg))
    store.set_evidence(iid, 3, 1, seen=True, doc_number="15-BC/CAX", date="20/12/2023", note="bản chính")
    store.set_eligibility(iid, ELIGIBILITY.id, inputs={"an_toan": "có"}, evaluator=Evaluator(reg))
    store.update_inspection(iid, strengths="Cấp ủy quan tâm", conclusion="Đề nghị công nhận", end_time="11:30")

    got = store.get_inspection(iid)
    assert isinstance(saved, dt.datetime) and saved.tzinfo is not None
    assert got.answers[1].verdict == Verdict.DAT and got.answers[1].self_assessment == Verdict.DAT
    assert got.answers[1].updated_by == "Cầm Thị Hoa"
    assert got.answers[2].verdict == Verdict.KHONG_DAT and got.answers[2].remark == "Chưa có kế hoạch năm"
    three = got.answers[3]
    assert three.inputs == {"before": 42, "after": 39}
    assert three.suggestion.verdict == Verdict.DAT and "42 → 39" in three.suggestion.reason
    assert [e.item for e in three.evidence] == ["Báo cáo tổng kết năm", "Sổ theo dõi vụ việc"]
    assert three.evidence[1].seen and three.evidence[1].number == "15-BC/CAX"
    assert three.evidence[1].date == dt.date(2023, 12, 20) and not three.evidence[0].seen
    assert got.eligibility[ELIGIBILITY.id].met is True
    assert got.strengths == "Cấp ủy quan tâm" and got.end_time == "11:30"
    assert got.answer(4).verdict is None  # untouched criteria read as empty answers
    summary = summarize(got)
    assert (summary.dat, summary.khong_dat, summary.failed) == (1, 1, [2])

    row = store.list_inspections()[0]
    assert (row.unit_name, row.year, row.status_label, row.progress_label) == ("Xã Phiêng Ban", 2024,
                                                                               "Đang kiểm tra", "2/34")


def test_clearing_a_verdict_and_unchanged_saves(store: Store):
    iid = new_inspection(store).id
    first = store.set_verdict(iid, 5, "đạt")
    again = store.set_verdict(iid, 5, "Đạt")  # the same value: nothing written
    assert again == first
    assert len(store.audit_entries(iid, action="answer.verdict")) == 1
    store.set_verdict(iid, 5, None)
    assert store.get_inspection(iid).answers[5].verdict is None
    assert store.list_inspections()[0].assessed == 0


def test_a_finalized_inspection_refuses_every_write_until_reopened_with_a_reason(store: Store, tmp_path: Path):
    reg = registry()
    iid = new_inspection(store, reg=reg).id
    store.set_verdict(iid, 1, "đạt")
    store.finalize(iid)
    attempts = [
        lambda: store.set_verdict(iid, 1, "không đạt"),
        lambda: store.set_self_assessment(iid, 1, "không đạt"),
        lambda: store.set_remark(iid, 1, "sửa sau"),
        lambda: store.set_inputs(iid, 3, {"before": "1"}, Evaluator(reg)),
        lambda: store.set_evidence(iid, 1, 0, seen=True),
        lambda: store.set_eligibility(iid, ELIGIBILITY.id, decision="đạt"),
        lambda: store.update_inspection(iid, conclusion="khác"),
        lambda: store.finalize(iid),
        lambda: store.delete_inspection(iid),
    ]
    for attempt in attempts:
        with pytest.raises(FinalizedError) as info:
            attempt()
        assert "đã hoàn thành" in str(info.value)
    (tmp_path / "anh.jpg").write_bytes(b"jpeg")
    with pytest.raises(FinalizedError):
        store.add_attachment(iid, tmp_path / "anh.jpg")
    got = store.get_inspection(iid)
    assert got.finalized and got.answers[1].verdict == Verdict.DAT and got.conclusion == ""

    # the database itself refuses too, whatever code writes
    with pytest.raises(FinalizedError), store._write() as conn:
        conn.execute("UPDATE answers SET verdict = 'khong_dat' WHERE inspection_id = ?", [iid])

    with pytest.raises(InvalidValueError):
        store.reopen(iid, "   ")
    store.reopen(iid, "Đơn vị bổ sung hồ sơ tiêu chí 1")
    store.set_verdict(iid, 1, "không đạt")
    reopen = store.audit_entries(iid, action="inspection.reopen")[0]
    assert reopen.new["reason"] == "Đơn vị bổ sung hồ sơ tiêu chí 1" and reopen.who == "Cầm Thị Hoa"


def test_finalizing_takes_a_backup(store: Store):
    iid = new_inspection(store).id
    store.finalize(iid)
    backups = store.backups()
    assert len(backups) == 1 and "finalize" in backups[0].name
    copy = Store.open(backups[0])
    try:
        assert copy.get_inspection(iid).finalized
    finally:
        copy.close()


def test_suggestions_are_recomputed_only_while_the_plugin_criterion_is_unchanged(store: Store):
    reg = registry()
    iid = new_inspection(store, reg=reg).id
    store.set_inputs(iid, 3, {"before": "42", "after": "39"}, Evaluator(reg))
    assert store.changed_criteria(iid, Evaluator(reg)) == []

    newer = registry(sample_set(35, check=crime_check_v2, text3="Giảm tội phạm ít nhất 5%."), version="2.0")
    assert store.changed_criteria(iid, Evaluator(newer)) == [3, 35]
    store.set_inputs(iid, 3, {"before": "42", "after": "39"}, Evaluator(newer))  # unchanged inputs: suggestion kept
    three = store.get_inspection(iid).answers[3]
    assert three.suggestion.verdict == Verdict.DAT
    store.set_inputs(iid, 3, {"after": "45"}, Evaluator(newer))  # new figures, but the old check cannot be run
    three = store.get_inspection(iid).answers[3]
    assert three.inputs == {"before": 42, "after": 45}
    assert three.suggestion.verdict == Verdict.CHUA_DU and "đã thay đổi" in three.suggestion.reason
    # the inspection still shows the criteria as they were when it started
    got = store.get_inspection(iid)
    assert got.criteria.criterion(3).text == "Giảm tội phạm so với năm trước." and len(got.criteria.criteria) == 34
    assert got.plugins == {PLUGIN: "1.0"}


def test_the_snapshot_s_fingerprints_are_read_through_the_store(store: Store):
    reg = registry()
    iid = new_inspection(store, reg=reg).id
    fingerprints = store.fingerprints(iid)
    assert fingerprints == {c.number: c.fingerprint() for c in reg.sets[store.snapshot_criteria(iid).id].criteria}
    newer = registry(sample_set(35, check=crime_check_v2, text3="Giảm tội phạm ít nhất 5%."), version="2.0")
    snapshot = store.snapshot_criteria(iid)
    assert Evaluator(reg).live_criteria(snapshot, fingerprints)[3].check is not None
    assert Evaluator(newer).live_criteria(snapshot, fingerprints)[3].check is None, "a changed criterion keeps no check"


def test_values_that_cannot_be_read_are_refused_with_the_field_named(store: Store):
    reg = registry()
    iid = new_inspection(store, reg=reg).id
    with pytest.raises(InvalidValueError) as info:
        store.set_inputs(iid, 3, {"before": "bốn mươi"}, Evaluator(reg))
    assert info.value.field_id == "before" and "Số vụ năm trước" in str(info.value)
    with pytest.raises(InvalidValueError):
        store.set_inputs(iid, 3, {"khong_co": "1"}, Evaluator(reg))
    with pytest.raises(InvalidValueError):
        store.update_inspection(iid, visit_date="31/02/2024")
    with pytest.raises(InvalidValueError):
        store.update_inspection(iid, start_time="25:00")
    with pytest.raises(InvalidValueError):
        store.set_verdict(iid, 1, "chưa đủ dữ liệu")
    with pytest.raises(NotFoundError):
        store.set_verdict(iid, 99, "đạt")
    with pytest.raises(NotFoundError):
        store.get_inspection("khong-co")
    with pytest.raises(InvalidValueError):
        store.set_evidence(iid, 1, 5, seen=True)
    assert store.get_inspection(iid).answers == {}


def test_renaming_a_unit_follows_into_drafts_but_not_into_finalized_minutes(store: Store):
    old = new_inspection(store, year=2024).id
    store.finalize(old)
    draft = new_inspection(store, year=2025).id
    store.upsert_unit(renamed(PHIENG_BAN, "Xã Phiêng Ban mới"))
    assert store.get_inspection(old).unit.name == "Xã Phiêng Ban"
    assert store.get_inspection(draft).unit.name == "Xã Phiêng Ban mới"
    assert store.get_unit(PHIENG_BAN.id).name == "Xã Phiêng Ban mới"
    assert store.previous_inspection(draft).id == old


def test_attachments_and_exports_are_copied_hashed_and_listed(store: Store, tmp_path: Path):
    iid = new_inspection(store).id
    photo = tmp_path / "biên bản họp.jpg"
    photo.write_bytes(b"\xff\xd8 anh chup")
    first = store.add_attachment(iid, photo, number=3, note="ảnh chụp sổ")
    second = store.add_attachment(iid, photo)
    assert first.path.read_bytes() == photo.read_bytes() and first.path.parent.parent == store.attachments_dir
    assert second.path != first.path and len(store.attachments(iid)) == 2
    store.finalize(iid)
    pdf = store.data_dir / "bien_ban.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    record = store.record_export(iid, pdf)
    assert record.status == "finalized" and store.exports(iid)[0].sha256 == record.sha256
    assert store.verify() == []


def test_a_draft_created_by_mistake_can_be_deleted(store: Store):
    keep = new_inspection(store, DONG_THO).id
    gone = new_inspection(store).id
    store.set_verdict(gone, 1, "đạt")
    store.delete_inspection(gone)
    assert [r.id for r in store.list_inspections()] == [keep]
    assert store.audit_entries(gone, action="inspection.delete")[0].old["answers"] == 1
    assert store.verify() == []


def test_every_change_is_in_the_audit_log_with_old_and_new(store: Store):
    iid = new_inspection(store).id
    store.set_verdict(iid, 1, "đạt")
    store.set_verdict(iid, 1, "không đạt")
    entries = store.audit_entries(iid, action="answer.verdict")
    assert [(e.old, e.new) for e in entries] == [(None, "dat"), ("dat", "khong_dat")]
    assert all(e.who == "Cầm Thị Hoa" and e.target == "1" for e in entries)


def test_a_store_is_opened_in_the_thread_that_uses_it(store: Store):
    import threading

    iid = new_inspection(store).id
    saved = []

    def worker():
        with store.for_thread() as own:
            saved.append(own.set_remark(iid, 1, "ghi từ luồng nền"))

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert saved and store.get_inspection(iid).answers[1].remark == "ghi từ luồng nền"


def test_ids_that_could_be_paths_are_refused_by_the_store(store: Store):
    """Whatever the store accepts must travel in a bundle, whose import refuses path-like ids."""
    with pytest.raises(InvalidValueError, match="Mã đơn vị không hợp lệ"):
        store.upsert_unit(dataclasses.replace(PHIENG_BAN, id="../x"))
    with pytest.raises(InvalidValueError, match="Mã cuộc kiểm tra không hợp lệ"):
        new_inspection(store, inspection_id="../../../tmp/x")
    assert store.list_inspections() == []
