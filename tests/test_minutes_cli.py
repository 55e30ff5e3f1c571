"""``antq export``: an inspection kept in the workspace's database, exported as the thư ký would."""

from __future__ import annotations

import hashlib

import pypdf
import pytest
from cli_helpers import run, run_json
from demo_fixture import demo_template, demo_workspace
from minutes_sample import REPRESENTATIVES, TEAM, sample_inspection, synthetic_set

from antq_tui.criteria import Verdict
from antq_tui.services import Context, minutes
from antq_tui.storage import Store
from antq_tui.workspace import Workspace


@pytest.fixture
def stored(workspace_config):
    """A 34-criterion commune inspection written through the store, every criterion answered."""
    ws = Workspace.open(workspace_config, entry_points=False)
    sample = sample_inspection(synthetic_set(34))
    store = Store.for_workspace(ws)
    insp = store.create_inspection(
        sample.unit, sample.year, sample.criteria, sample.eligibility_checks,
        visit_date=sample.visit_date, place=sample.place, start_time="08:00", end_time="11:30",
        team=TEAM, representatives=REPRESENTATIVES, minutes_number="15",
    )
    for number, answer in sample.answers.items():
        store.set_self_assessment(insp.id, number, answer.self_assessment)
        store.set_verdict(insp.id, number, answer.verdict)
    for check in sample.eligibility_checks:
        store.set_eligibility(insp.id, check.id, decision=Verdict.DAT)
    store.update_inspection(insp.id, strengths=sample.strengths, conclusion=sample.conclusion)
    yield ws, store, insp.id
    store.close()


def _text(path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def test_a_draft_exports_with_the_mark_and_is_not_recorded(workspace_config, stored):
    _ws, store, inspection_id = stored
    out = run_json(workspace_config, "export", inspection_id[:8])
    assert out["draft"] is True and out["recorded"] is False and out["format"] == "pdf"
    assert out["path"].endswith("BB_xa-phieng-ban_2023-10-12_du-thao.pdf")
    text = _text(out["path"])
    assert "DỰ THẢO" in text and "Lò Văn Thành" in text and "Cầm Thị Hoa" in text
    assert store.exports(inspection_id) == []


def test_a_finalized_inspection_exports_clean_and_is_recorded_with_its_sha256(workspace_config, stored):
    ws, store, inspection_id = stored
    store.finalize(inspection_id)
    result = run(workspace_config, "export", inspection_id)
    path = ws.data_dir / "bien_ban" / "BB_xa-phieng-ban_2023-10-12.pdf"
    assert str(path) in result.stdout and "SHA-256" in result.stdout
    text = _text(path)
    assert "DỰ THẢO" not in text and "Số: 15/BB-ĐKT" in text
    assert "Đề nghị cấp có thẩm quyền xét, công nhận" in " ".join(text.split())
    (record,) = store.exports(inspection_id)
    assert record.path == path and record.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    # and `antq verify` finds the file as it was recorded
    run(workspace_config, "verify")


def test_the_tui_path_records_the_same_way(stored, tmp_path):
    ws, store, inspection_id = stored
    store.set_verdict(inspection_id, 3, Verdict.KHONG_DAT)
    store.finalize(inspection_id)
    result = minutes.export(Context(ws, store), inspection_id, tmp_path, html=True)
    assert result.recorded and result.format == "html" and result.path.parent == tmp_path
    assert "Chưa đề nghị công nhận" in result.path.read_text(encoding="utf-8")
    assert [r.sha256 for r in store.exports(inspection_id)] == [result.sha256]


def test_unknown_or_ambiguous_ids_are_explained(workspace_config, stored):
    result = run(workspace_config, "export", "khongco", expect=2)
    assert "Không có cuộc kiểm tra mã “khongco”" in result.stderr and "antq list" in result.stderr


def test_an_empty_workspace_says_there_is_nothing_to_export(tmp_path):
    from conftest import write_workspace

    config = write_workspace(tmp_path, init=False)
    result = run(config, "export", "abcd1234", expect=2)
    assert "Chưa có cơ sở dữ liệu" in result.stderr


def test_export_never_overwrites_the_database_config_or_a_recorded_final(demo_workspace):
    from demo_fixture import PHIENG_BAN_2023

    ws_root = demo_workspace.parent
    db = ws_root / "inspections" / "antq.db"
    before = db.read_bytes()[:100]
    config_text = demo_workspace.read_text(encoding="utf-8")
    for target in (db, demo_workspace):  # a slip of the hand on --out: the file gets its own suffix
        written = run_json(demo_workspace, "export", PHIENG_BAN_2023[:8], "--out", str(target))["path"]
        assert written == f"{target}.pdf"
    assert db.read_bytes()[:100] == before and demo_workspace.read_text(encoding="utf-8") == config_text
    first = run_json(demo_workspace, "export", PHIENG_BAN_2023[:8])
    second = run_json(demo_workspace, "export", PHIENG_BAN_2023[:8])
    assert first["path"] != second["path"] and second["path"].endswith("_2.pdf")
    refused = run(demo_workspace, "export", PHIENG_BAN_2023[:8], "--out", first["path"], expect=2)
    assert "đã ghi nhận" in refused.stderr
    assert run(demo_workspace, "verify").exit_code == 0


def test_a_broken_workspace_template_is_named_with_its_line(demo_workspace):
    from demo_fixture import PHIENG_BAN_2023

    templates = demo_workspace.parent / "templates"
    templates.mkdir()
    (templates / "minutes.html").write_text("<p>\n{% if %}\n</p>\n", encoding="utf-8")
    result = run(demo_workspace, "export", PHIENG_BAN_2023[:8], expect=2)
    assert "minutes.html" in result.stderr and "dòng 2" in result.stderr
    assert "Traceback" not in result.output
