""""Xuất Word" in the TUI: ``e`` on the summary asks PDF or Word, ``w`` writes the .docx through the
service (a final's file is recorded); ``w`` on the statistics screen writes the report as Word."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run
from demo_fixture import PHIENG_BAN_2023, demo_template, demo_workspace
from docx import Document
from tui_helpers import run_async, settle

from antq_tui.tui.app import AntqApp


def test_e_then_w_exports_the_minutes_as_a_recorded_word_file(demo_workspace: Path):
    from antq_tui.tui.screens.walk import open_inspection

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(app, pilot)
            open_inspection(app, PHIENG_BAN_2023)
            await settle(app, pilot)
            await pilot.press("s")
            await settle(app, pilot)
            await pilot.press("e")
            await settle(app, pilot)
            asked = type(app.screen).__name__
            await pilot.press("w")
            await settle(app, pilot)
            dialog = app.screen
            return asked, type(dialog).__name__, str(getattr(dialog, "message", ""))

    asked, shown, message = scenario()
    assert asked == "ChoiceDialog"
    assert shown == "MessageDialog", message
    assert "BB_xa-phieng-ban_2023-10-12.docx" in message and "SHA-256" in message
    path = demo_workspace.parent / "inspections" / "bien_ban" / "BB_xa-phieng-ban_2023-10-12.docx"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(c.text for t in Document(str(path)).tables
                                                             for row in t.rows for c in row.cells)
    assert run(demo_workspace, "verify").exit_code == 0


def test_escape_at_the_choice_exports_nothing(demo_workspace: Path):
    from antq_tui.tui.screens.walk import open_inspection

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(app, pilot)
            open_inspection(app, PHIENG_BAN_2023)
            await settle(app, pilot)
            await pilot.press("s")
            await settle(app, pilot)
            await pilot.press("e", "escape")
            await settle(app, pilot)
            return type(app.screen).__name__

    assert scenario() != "MessageDialog"
    assert not list((demo_workspace.parent / "inspections" / "bien_ban").glob("*.docx"))


def test_w_on_the_statistics_screen_writes_the_report_as_word(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("t")  # home → statistics
            await settle(app, pilot)
            await pilot.press("w", "b")
            await settle(app, pilot)

    scenario()
    path = demo_workspace.parent / "inspections" / "bao_cao" / "BaoCao_2023.docx"
    assert path.exists()
    assert any(p.text == "BÁO CÁO" for p in Document(str(path)).paragraphs)
