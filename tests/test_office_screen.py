"""The StatsScreen in a tiny host App (the TUI's app wires a key to it): it shows the year's units and
criteria, the targets and the next deadline, changes year and set, and exports."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil

import pytest
from conftest import REPO, write_workspace
from office_fixtures import generate
from textual.app import App
from textual.widgets import DataTable, Static

from antq_tui.storage import Store
from antq_tui.tui.screens.stats import StatsScreen
from antq_tui.workspace import Workspace


@pytest.fixture
def workspace(tmp_path):
    extra = tmp_path / "extra"
    for name in ("tinh_tuyen_quang", "tinh_bac_kan"):
        shutil.copytree(REPO / "docs" / "examples" / name, extra / name)
    ws = Workspace.open(write_workspace(tmp_path, plugin_folders=[extra]), entry_points=False)
    with Store.for_workspace(ws) as store:
        written, _ = generate(store, 40, seed=3)
    return ws, written


class Host(App):
    def __init__(self, screen):
        super().__init__()
        self._stats = screen

    def on_mount(self) -> None:
        self.push_screen(self._stats)


async def _settle(pilot):
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def test_the_screen_shows_units_criteria_targets_and_the_next_deadline(workspace):
    asyncio.run(_shows_everything(*workspace))


async def _shows_everything(ws, written):
    screen = StatsScreen(ws, year=2024, today=dt.date(2024, 10, 2))
    async with Host(screen).run_test(size=(160, 50)) as pilot:
        await _settle(pilot)
        units = screen.query_one("#stats-units", DataTable)
        assert units.row_count == sum(w.year == 2024 and w.finalized for w in written)  # drafts left out
        assert "chỉ cuộc kiểm tra đã hoàn thành" in _text(screen, "#stats-title")
        await pilot.press("f")  # … until asked for, and the title says so
        await _settle(pilot)
        assert units.row_count == sum(w.year == 2024 for w in written)
        assert "có tính bản nháp" in _text(screen, "#stats-title")
        criteria = screen.query_one("#stats-criteria", DataTable)
        assert criteria.row_count == 12 + 6
        assert "Mốc tiếp theo: Cấp huyện đánh giá" in _text(screen, "#stats-deadline")
        assert "(còn 13 ngày)" in _text(screen, "#stats-deadline")
        assert "30% số phường đạt điển hình" in _text(screen, "#stats-targets")
        chart = _text(screen, "#stats-chart")  # a bar per group of each set, and per target
        assert "I.1 Tiêu chí chung" in chart and "II.3 Bảo đảm an ninh" in chart
        with_units = [p for p in screen.data.targets if p.denominator]  # a goal mark each, and one in the legend
        assert "Tiến độ chỉ tiêu" in chart and chart.count("│") == 1 + len(with_units)
        assert "BIỂU THỐNG KÊ — năm 2024" in _text(screen, "#stats-title")

        await pilot.press("left_square_bracket")
        await _settle(pilot)
        assert screen.year == 2023 and units.row_count == sum(w.year == 2023 for w in written)

        await pilot.press("s")
        await _settle(pilot)
        assert screen.set_id == "cq_t"
        assert units.row_count == sum(w.year == 2023 and w.set_id == "cq_t" for w in written)

        await pilot.press("x")
        await _settle(pilot)
        assert (ws.data_dir / "bao_cao" / "BieuThongKe_2023_cq_t.xlsx").is_file()

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, StatsScreen)


def test_an_empty_year_says_so(workspace):
    asyncio.run(_empty_year(workspace[0]))


async def _empty_year(ws):
    screen = StatsScreen(ws, year=2031)
    async with Host(screen).run_test() as pilot:
        await _settle(pilot)
        assert "Không có cuộc kiểm tra nào trong năm 2031." in _text(screen, "#stats-summary")


def test_without_a_year_the_screen_opens_on_the_latest_year_with_inspections(workspace):
    asyncio.run(_latest_year(*workspace))


async def _latest_year(ws, written):
    today = dt.date(2031, 1, 5)
    screen = StatsScreen(ws, today=today)
    async with Host(screen).run_test() as pilot:
        await _settle(pilot)
        latest = max(w.year for w in written)
        assert screen.year == latest
        assert f"BIỂU THỐNG KÊ — năm {latest}" in _text(screen, "#stats-title")
        assert "Không có cuộc kiểm tra nào" not in _text(screen, "#stats-summary")


def test_t_without_a_recommended_unit_makes_no_to_trinh_as_the_command_line(workspace):
    asyncio.run(_no_to_trinh(workspace[0]))


async def _no_to_trinh(ws):
    screen = StatsScreen(ws, year=2031)
    async with Host(screen).run_test() as pilot:
        await _settle(pilot)
        await pilot.press("t")
        await _settle(pilot)
        shown = [n.message for n in pilot.app._notifications]
        assert any("không lập tờ trình" in m for m in shown), shown
        folder = ws.data_dir / "bao_cao"
        assert not folder.exists() or not any(folder.iterdir()), "no tờ trình written"


def test_a_long_year_shows_a_page_of_units_and_the_rest_as_the_cursor_goes_down(workspace, monkeypatch):
    from antq_tui.tui.widgets import paged_table

    monkeypatch.setattr(paged_table, "PAGE", 4)  # the fixture's year holds more units than that
    monkeypatch.setattr(paged_table, "AHEAD", 1)
    asyncio.run(_paged(*workspace))


async def _paged(ws, written):
    screen = StatsScreen(ws, year=2024, today=dt.date(2024, 10, 2))
    async with Host(screen).run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        await pilot.press("f")  # drafts too: every unit of the year
        await _settle(pilot)
        units = screen.query_one("#stats-units", DataTable)
        everyone = [u.inspection_id for s in screen.data.stats.sections for u in s.units]
        assert len(everyone) == sum(w.year == 2024 for w in written) > 4
        assert units.row_count == 4  # one page at once, the rest held
        units.focus()
        for _ in range(len(everyone)):
            await pilot.press("down")
        await pilot.pause()
        shown = [units.coordinate_to_cell_key((i, 0)).row_key.value for i in range(units.row_count)]
        assert shown == everyone  # every unit, once each, in the screen's order
        await pilot.press("f")  # back to finalized only: the table starts again from its first page
        await _settle(pilot)
        assert units.row_count == min(4, sum(w.year == 2024 and w.finalized for w in written))
