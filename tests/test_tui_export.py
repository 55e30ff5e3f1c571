"""The TUI exports the minutes through the service: a finalized-then-reopened inspection's recorded file
is never overwritten, and ``antq verify`` stays clean."""

from __future__ import annotations

import re
from pathlib import Path

from cli_helpers import run
from demo_fixture import PHIENG_BAN_2023, demo_template, demo_workspace
from tui_helpers import run_async, settle

from antq_tui.tui.app import AntqApp


async def export_and_close_the_dialog(app, pilot) -> str:
    await pilot.press("e", "p")  # e asks PDF (p) or Word (w)
    await settle(app, pilot)
    dialog = app.screen
    assert type(dialog).__name__ == "MessageDialog", dialog
    text = str(dialog.message)
    await pilot.press("escape")
    await pilot.pause()
    return text


def test_export_finalize_reopen_finalize_export_keeps_the_recorded_file_and_verify_passes(demo_workspace: Path):
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
            first = await export_and_close_the_dialog(app, pilot)
            await pilot.press("o", *"Sửa số biên bản", "enter")
            await settle(app, pilot)
            assert not app.session.get_inspection(PHIENG_BAN_2023).finalized
            await pilot.press("f", "y")
            await settle(app, pilot)
            assert app.session.get_inspection(PHIENG_BAN_2023).finalized
            second = await export_and_close_the_dialog(app, pilot)
        return first, second

    first, second = scenario()
    names = [re.findall(r"BB_\S+\.pdf", text) for text in (first, second)]
    assert names[0] and names[1] and names[0] != names[1], (first, second)  # the second took a new name
    assert run(demo_workspace, "verify").exit_code == 0
