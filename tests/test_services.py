"""The services both front ends call: the CLI and the TUI's calls record the same rows, and a recorded
minutes file is never overwritten by a later export (reopened and finalized again)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from antq_tui.criteria import Verdict
from antq_tui.files import OutputPathError
from antq_tui.services import Context, ServiceError, inspections, minutes, office
from antq_tui.workspace import Workspace
from cli_helpers import run
from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023, demo_template, demo_workspace  # noqa: F401 (fixtures)

TIMESTAMPS = {"updated_at"}


def _copy(template: Path, dest: Path) -> Path:
    shutil.copytree(template.parent, dest)
    return dest / "config.toml"


def _rows(config: Path, table: str, inspection_id: str) -> list[dict]:
    ws = Workspace.open(config)
    with sqlite3.connect(ws.db_path) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(f"SELECT * FROM {table} WHERE inspection_id = ? ORDER BY 2", [inspection_id]).fetchall()
    return [{k: r[k] for k in r.keys() if k not in TIMESTAMPS} for r in rows]


def test_the_same_answer_through_the_cli_and_through_the_services_gives_identical_rows(demo_template, tmp_path):
    by_cli = _copy(demo_template, tmp_path / "cli")
    by_tui = _copy(demo_template, tmp_path / "tui")
    iid = THI_TRAN_2023

    run(by_cli, "answer", iid[:8], "18", "--input", "crimes_this_year=25", "--self", "dat", "--verdict",
        "khong_dat", "--evidence", "1:15-KH/UBND:02/01/2023", "--remark", "Cần thêm hồ sơ")
    run(by_cli, "answer", iid[:8], "20", "--evidence", "3", "--verdict", "dat")
    run(by_cli, "eligibility", iid[:8], "xa_ky_luat", "--decision", "khong_dat", "--remark", "Có kỷ luật")
    run(by_cli, "visit", iid[:8], "--place", "Nhà văn hóa", "--strengths", "Chủ động")

    # what the TUI's screens call (each save in the saver thread, with a context of that thread)
    ws = Workspace.open(by_tui)
    with Context.open(ws) as ui:
        ctx = ui.for_thread()
        try:
            inspections.set_inputs(ctx, iid, 18, {"crimes_this_year": "25"})
            inspections.set_evidence(ctx, iid, 18, 0, seen=True, doc_number="15-KH/UBND", date="02/01/2023")
            inspections.set_self_assessment(ctx, iid, 18, Verdict.DAT)
            inspections.set_verdict(ctx, iid, 18, Verdict.KHONG_DAT)
            inspections.set_remark(ctx, iid, 18, "Cần thêm hồ sơ")
            inspections.set_evidence(ctx, iid, 20, 2, seen=True)
            inspections.set_verdict(ctx, iid, 20, Verdict.DAT)
            inspections.set_eligibility(ctx, iid, "xa_ky_luat", decision=Verdict.KHONG_DAT, remark="Có kỷ luật")
            inspections.update_details(ctx, iid, place="Nhà văn hóa", strengths="Chủ động")
        finally:
            ctx.close()

    for table in ("answers", "eligibility_answers"):
        assert _rows(by_cli, table, iid) == _rows(by_tui, table, iid), table
    cli_rows = {r["number"]: r for r in _rows(by_cli, "answers", iid)}
    assert cli_rows[18]["verdict"] == "khong_dat" and "15-KH/UBND" in cli_rows[18]["evidence"]
    keys = ("place", "strengths", "assessed", "status")
    with sqlite3.connect(Workspace.open(by_cli).db_path) as a, sqlite3.connect(Workspace.open(by_tui).db_path) as b:
        sql = f"SELECT {', '.join(keys)} FROM inspections WHERE id = ?"
        assert a.execute(sql, [iid]).fetchone() == b.execute(sql, [iid]).fetchone()


def test_export_reopen_finalize_export_never_overwrites_the_recorded_file_and_verify_stays_clean(demo_workspace):
    ws = Workspace.open(demo_workspace)
    with Context.open(ws) as ctx:
        first = minutes.export(ctx, PHIENG_BAN_2023)
        assert first.recorded and not first.draft
        signed = first.path.read_bytes()

        inspections.reopen(ctx, PHIENG_BAN_2023, "Bổ sung nhận xét tiêu chí 1")
        draft = minutes.export(ctx, PHIENG_BAN_2023)
        assert draft.draft and not draft.recorded and draft.path != first.path
        inspections.set_remark(ctx, PHIENG_BAN_2023, 1, "Nhận xét bổ sung sau khi mở lại")
        inspections.finalize(ctx, PHIENG_BAN_2023)

        second = minutes.export(ctx, PHIENG_BAN_2023)
        assert second.recorded and second.path != first.path
        assert second.path.name == first.path.stem + "_2" + first.path.suffix
        assert first.path.read_bytes() == signed, "the signed minutes were overwritten"
        third = minutes.export(ctx, PHIENG_BAN_2023, first.path.parent)  # a folder: the next free name
        assert third.path.name == first.path.stem + "_3" + first.path.suffix
        with pytest.raises(OutputPathError, match="không ghi đè"):
            minutes.export(ctx, PHIENG_BAN_2023, first.path)
        assert [r.path for r in ctx.store.exports(PHIENG_BAN_2023)] == [first.path, second.path, third.path]
    assert first.path.read_bytes() == signed
    run(demo_workspace, "verify")
    # and through the command line, the same rule
    out = run(demo_workspace, "export", PHIENG_BAN_2023[:8], "--out", str(first.path), expect=2)
    assert "không ghi đè" in out.stderr
    run(demo_workspace, "verify")


def test_finalize_refuses_an_unassessed_inspection_and_changes_nothing(demo_workspace):
    ws = Workspace.open(demo_workspace)
    with Context.open(ws) as ctx:
        with pytest.raises(ServiceError, match="Còn 17 tiêu chí chưa đánh giá"):
            inspections.finalize(ctx, THI_TRAN_2023)
        assert not inspections.get(ctx, THI_TRAN_2023).finalized


def test_to_trinh_needs_a_recommended_unit_and_the_year_defaults_to_this_year(demo_workspace, tmp_path):
    ws = Workspace.open(demo_workspace)
    with Context.open(ws) as ctx:
        with pytest.raises(ServiceError, match="không lập tờ trình"):
            office.to_trinh(ctx, 2022, out=tmp_path / "tt.html", html=True)
        result = office.to_trinh(ctx, 2023, out=tmp_path / "tt.html", html=True)
        assert result.path.exists() and "Xã Phiêng Ban" in result.path.read_text(encoding="utf-8")
        assert office.statistics(ctx).year == office.default_year()
