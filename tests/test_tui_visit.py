"""Thông tin cuộc kiểm tra (i): the visit's date, times, place, number, team and representatives, edited
after creation, checked as typed and saved at once; read-only once finalized."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023, demo_template, demo_workspace
from tui_helpers import run_async, settle

from antq_tui.storage import Store
from antq_tui.tui.app import AntqApp
from antq_tui.workspace import Workspace

SIZE = (80, 24)


def stored(config: Path, inspection_id: str):
    with Store.for_workspace(Workspace.open(config, entry_points=False)) as store:
        return store.get_inspection(inspection_id)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def open_info(app, pilot, inspection_id: str) -> None:
    from antq_tui.tui.screens.walk import open_inspection

    await settle(app, pilot)
    open_inspection(app, inspection_id)
    await settle(app, pilot)
    await pilot.press("s")  # the summary
    await settle(app, pilot)
    await pilot.press("i")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "VisitInfoScreen"


async def retype(app, pilot, selector: str, text: str) -> None:
    widget = app.screen.query_one(selector)
    widget.focus()
    widget.clear()
    await pilot.press(*text)
    await settle(app, pilot)


def test_the_visit_details_are_edited_from_the_summary_and_saved_at_once(demo_workspace: Path):
    before = stored(demo_workspace, THI_TRAN_2023)
    assert before.end_time == "" and before.minutes_number == ""

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_info(app, pilot, THI_TRAN_2023)
            # every prefix of "11 3x" is unreadable too (each keystroke is checked and saved)
            await retype(app, pilot, "#end_time", "11 3x")
            assert "Giờ kết thúc cần dạng HH:MM" in shown(app, "#when-error")
            assert stored(demo_workspace, THI_TRAN_2023).end_time == "", "a time that cannot be read is not saved"
            await pilot.press("backspace", "backspace", "backspace", "h")
            await settle(app, pilot)
            assert shown(app, "#when-error") == ""
            assert stored(demo_workspace, THI_TRAN_2023).end_time == "11:00", "“11h” reads as the store reads it"
            await pilot.press("3", "0")
            await settle(app, pilot)
            assert shown(app, "#when-error") == ""
            assert stored(demo_workspace, THI_TRAN_2023).end_time == "11:30"
            assert "Đã lưu" in shown(app, "SaveStatus")

            await retype(app, pilot, "#visit_date", "32/10/2023")
            assert "Ngày 32/10/2023 không có: tháng 10 năm 2023 có 31 ngày." in shown(app, "#when-error")
            await retype(app, pilot, "#visit_date", "17/10/2023")
            await retype(app, pilot, "#place", "Hội trường Công an thị trấn")
            await retype(app, pilot, "#minutes_number", "15/BB-ĐKT")
            assert "Số: 15/BB-ĐKT" in shown(app, "#number-preview")

            await pilot.press("ctrl+r")  # one more representative of the unit
            await settle(app, pilot)
            await pilot.press(*"Lò Thị Mai", "tab", *"Chủ tịch UBMTTQ thị trấn")
            await settle(app, pilot)

            await pilot.press("escape")
            await settle(app, pilot)
            assert type(app.screen).__name__ == "SummaryScreen"
            line = shown(app, "#visit-line")
            assert "07:30–11:30" in line and "Hội trường Công an thị trấn" in line and "Số: 15/BB-ĐKT" in line
            assert "17/10/2023" in shown(app, "#status-line")

    scenario()
    after = stored(demo_workspace, THI_TRAN_2023)
    assert after.visit_date == dt.date(2023, 10, 17)
    assert (after.start_time, after.end_time) == ("07:30", "11:30")
    assert after.place == "Hội trường Công an thị trấn"
    assert after.minutes_number == "15"
    assert [(m.name, m.position) for m in after.representatives][-1] == ("Lò Thị Mai", "Chủ tịch UBMTTQ thị trấn")
    assert len(after.representatives) == len(before.representatives) + 1
    assert [m.name for m in after.team] == [m.name for m in before.team]


def test_a_finalized_inspection_s_details_are_read_only(demo_workspace: Path):
    before = stored(demo_workspace, PHIENG_BAN_2023)

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_info(app, pilot, PHIENG_BAN_2023)
            assert "chỉ xem" in shown(app, ".readonly-banner")
            assert app.screen.query_one("#end_time").disabled
            await pilot.press("tab", *"1234", "ctrl+r")
            await settle(app, pilot)
            assert not app.screen.query_one("#place").value.endswith("1234")

    scenario()
    after = stored(demo_workspace, PHIENG_BAN_2023)
    assert (after.place, after.end_time, after.representatives) == (
        before.place, before.end_time, before.representatives)
