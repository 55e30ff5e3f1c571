"""The Công nhận screen: from home (g) on the selected inspection, a decision recorded as the command line
records it, shown on home, and refusals said on the screen with what was typed kept."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run_json
from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023
from tui_helpers import run_async, settle

from antq_tui.tui.app import AntqApp

pytest_plugins = ("demo_fixture",)
SIZE = (80, 24)


async def _select(app, pilot, inspection_id: str) -> None:
    await settle(app, pilot)
    table = app.screen.query_one("#inspections")
    table.move_cursor(row=table.get_row_index(inspection_id))
    await pilot.pause()


def test_a_decision_is_recorded_from_home_and_shown_there(demo_workspace: Path):
    @run_async
    async def record():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await _select(app, pilot, PHIENG_BAN_2023)
            await pilot.press("r")
            await settle(app, pilot)
            screen = app.screen
            assert type(screen).__name__ == "RecognitionScreen"
            route = str(screen.query_one("#rec-route").render())
            assert "Ủy ban nhân dân huyện Bắc Yên" in route and "trước ngày 01/10/2023" in route
            assert screen.query_one("#rec-by").value == "Ủy ban nhân dân huyện Bắc Yên"
            footer = app.screen.query_one("AntqFooter")
            assert footer.region.width <= 80
            await pilot.press(*"125/QĐ-UBND", "tab", *"05/10/2023", "ctrl+t", "ctrl+s")
            await settle(app, pilot)
            assert "Duy trì — Quyết định số 125/QĐ-UBND" in str(screen.query_one("#rec-records").render())
            await pilot.press("escape")
            await settle(app, pilot)
            table = app.screen.query_one("#inspections")
            assert "Đã công nhận" in str(table.get_row(PHIENG_BAN_2023))

    record()
    (record_row,) = run_json(demo_workspace, "recognition", "list")
    assert (record_row["kind"], record_row["decision_date"]) == ("duy_tri", "2023-10-05")


def test_a_draft_cannot_be_recognised_and_what_was_typed_stays(demo_workspace: Path):
    @run_async
    async def refuse():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await _select(app, pilot, THI_TRAN_2023)
            await pilot.press("r")
            await settle(app, pilot)
            screen = app.screen
            assert "chưa hoàn thành" in str(screen.query_one("#rec-refused").render())
            await pilot.press(*"7/QĐ", "ctrl+s")
            await settle(app, pilot)
            assert "chưa hoàn thành" in str(screen.query_one("#rec-error").render())
            assert screen.query_one("#rec-number").value == "7/QĐ"

    refuse()
    assert run_json(demo_workspace, "recognition", "list") == []
