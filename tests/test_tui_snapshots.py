"""What the thư ký sees at 80×24: home, the criterion walk and the summary of the demo workspace.

Update after a deliberate change with ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import datetime as dt

from demo_fixture import THI_TRAN_2023, demo_template, demo_workspace
from tui_helpers import settle

from antq_tui.tui.app import AntqApp

SIZE = (80, 24)


class FixedDayApp(AntqApp):
    """The app as the CLI builds it, on a fixed day (the deadline line counts days)."""

    def today(self) -> dt.date:
        return dt.date(2023, 9, 1)


def make_app(config) -> AntqApp:
    return FixedDayApp(config, entry_points=False)


async def _settled(pilot) -> None:
    await settle(pilot.app, pilot)


def test_home(snap_compare, demo_workspace):
    assert snap_compare(make_app(demo_workspace), terminal_size=SIZE, run_before=_settled)


async def _open_walk(pilot) -> None:
    from antq_tui.tui.screens.walk import open_inspection

    await _settled(pilot)
    open_inspection(pilot.app, THI_TRAN_2023)
    await _settled(pilot)
    await pilot.press("g", "1", "8", "enter")  # figures typed, no verdict yet
    await _settled(pilot)


def test_criterion_walk(snap_compare, demo_workspace):
    assert snap_compare(make_app(demo_workspace), terminal_size=SIZE, run_before=_open_walk)


async def _open_summary(pilot) -> None:
    await _open_walk(pilot)
    await pilot.press("s")
    await _settled(pilot)


def test_summary(snap_compare, demo_workspace):
    assert snap_compare(make_app(demo_workspace), terminal_size=SIZE, run_before=_open_summary)


async def _open_statistics(pilot) -> None:
    await _settled(pilot)
    await pilot.press("t")
    await _settled(pilot)
    await pilot.pause(0.3)


def test_statistics(snap_compare, demo_workspace):
    """The columns a reader needs first are whole at 80 columns (no "13/10/202"), the footer fits."""
    assert snap_compare(make_app(demo_workspace), terminal_size=SIZE, run_before=_open_statistics)


async def _open_report_sections(pilot) -> None:
    await _open_statistics(pilot)
    await pilot.press("b")
    await _settled(pilot)
    from textual.widgets import TextArea

    for area in pilot.app.screen.query(TextArea):  # a blinking cursor would make the picture depend on the clock
        area.cursor_blink = False
    await pilot.pause()


def test_report_sections(snap_compare, demo_workspace):
    """The report's sections prefilled from the minutes, the period and where the text comes from on top."""
    assert snap_compare(make_app(demo_workspace), terminal_size=SIZE, run_before=_open_report_sections)
