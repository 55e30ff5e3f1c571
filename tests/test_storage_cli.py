"""``antq list`` and ``antq verify`` on a workspace, as a user types them."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run, run_json
from storage_fixtures import DONG_THO, PHIENG_BAN, new_inspection

from antq_tui.storage import Store
from antq_tui.workspace import Workspace


def fill(config: Path) -> dict[str, str]:
    ws = Workspace.open(config, entry_points=False)
    with Store.for_workspace(ws) as store:
        a = new_inspection(store, PHIENG_BAN, 2024, visit_date="12/10/2024")
        b = new_inspection(store, DONG_THO, 2023)
        store.set_verdict(a.id, 1, "đạt")
        store.finalize(b.id)
        return {"phieng": a.id, "dong": b.id}


def test_list_without_a_database_says_so_and_creates_nothing(tmp_path: Path):
    from conftest import write_workspace

    workspace_config = write_workspace(tmp_path, init=False)
    assert "Chưa có cuộc kiểm tra nào" in run(workspace_config, "list").stdout
    assert run_json(workspace_config, "list") == []
    assert not (workspace_config.parent / "inspections").exists()


def test_list_shows_search_year_and_status(workspace_config: Path):
    ids = fill(workspace_config)
    out = run(workspace_config, "list").stdout
    assert "Xã Phiêng Ban" in out and "12/10/2024" in out and "1/34" in out and "Đã hoàn thành" in out
    # one line per inspection with its whole short id: the table widens rather than cut or wrap a cell
    for iid in ids.values():
        assert any(line.startswith(("2023", "2024")) and line.rstrip().endswith(iid[:8]) for line in out.splitlines())
    rows = run_json(workspace_config, "list", "--search", "PHIENG BAN")
    assert [(r["id"], r["unit"], r["year"], r["status"], r["assessed"], r["total"]) for r in rows] == [
        (ids["phieng"], "Xã Phiêng Ban", 2024, "draft", 1, 34)]
    assert [r["unit"] for r in run_json(workspace_config, "list", "--year", "2023")] == ["Phường Đông Thọ"]
    assert [r["unit"] for r in run_json(workspace_config, "list", "--status", "finalized")] == ["Phường Đông Thọ"]
    assert "Không có cuộc kiểm tra nào khớp" in run(workspace_config, "list", "-s", "hà nội").stdout


def test_verify_passes_on_an_untouched_database(workspace_config: Path):
    fill(workspace_config)
    result = run(workspace_config, "verify")
    assert "toàn vẹn" in result.stdout
    data = run_json(workspace_config, "verify")
    assert data["ok"] is True and data["problems"] == [] and data["audit_entries"] > 0
