"""Home over many inspections: the count of all of them, a page in the table, more as the user scrolls,
and a search that finds an inspection not yet shown."""

from __future__ import annotations

from pathlib import Path

from demo_fixture import demo_template, demo_workspace
from tui_helpers import run_async, settle

from antq_tui.inspection import Unit
from antq_tui.registry import load_registry
from antq_tui.storage import Store
from antq_tui.tui.app import AntqApp
from antq_tui.tui.screens.home import HomeScreen
from antq_tui.tui.widgets.plain import DataTable, Static

SIZE = (80, 24)
EXTRA = 140


def add_inspections(config: Path, n: int) -> int:
    """``n`` more inspections of new communes, the first one made first (so listed last); the total."""
    from conftest import REPO

    reg = load_registry([REPO / "plugins"], entry_points=False)
    cset = reg.sets["xa"]
    with Store.open(config.parent / "inspections" / "antq.db") as store:
        for i in range(n):
            unit = Unit(id=f"page-unit-{i}", name=f"Xã Thử Nghiệm {i:03d}", kind="xa", district="Bắc Yên",
                        province="Sơn La")
            store.create_inspection(unit, 2025, cset, registry=reg)
        return store.count_inspections()


def test_home_counts_every_inspection_shows_a_page_and_brings_more_as_the_cursor_goes_down(demo_workspace):
    total = add_inspections(demo_workspace, EXTRA)

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            home = app.screen
            assert isinstance(home, HomeScreen)
            table = home.query_one("#inspections", DataTable)
            assert f"{total} cuộc kiểm tra" in str(home.query_one("#filters", Static).render())
            first = table.row_count
            assert 0 < first < total  # one page, not every row
            for _ in range(total // 10):
                await pilot.press("pagedown")
            await pilot.pause()
            assert table.row_count == total  # scrolling down brought every row, each once
            assert len({r.id for r in home.rows}) == total
            await pilot.press("end")
            await pilot.pause()
            last = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            assert last == home.rows[-1].id

    scenario()


def test_a_search_finds_an_inspection_beyond_the_first_page(demo_workspace):
    add_inspections(demo_workspace, EXTRA)

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            home = app.screen
            table = home.query_one("#inspections", DataTable)
            assert not any(r.unit_name == "Xã Thử Nghiệm 000" for r in home.rows)  # the oldest: not on page one
            await pilot.press("slash", *"thu nghiem 000")
            await pilot.pause()
            assert [r.unit_name for r in home.rows] == ["Xã Thử Nghiệm 000"]
            assert table.row_count == 1
            assert "1 cuộc kiểm tra" in str(home.query_one("#filters", Static).render())

    scenario()
