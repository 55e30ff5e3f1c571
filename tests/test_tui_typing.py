"""Typing integrity in the walk, whatever the pace: bursts of keys, keys typed while a criterion opens,
and the walk's navigation (resume, filter, search, Ctrl+Z, multi-line remarks).

A *burst* hands every key to the app at once, as a terminal does when its user types faster than the
screen follows (or holds Backspace): no pause between them. What the field and the database hold after
it must be what a plain Textual Input / TextArea holds after the same keys pressed one by one.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from demo_fixture import THI_TRAN_2023, demo_template, demo_workspace
from textual import events
from textual.app import App, _character_to_key
from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key
from textual.widgets import Input, TextArea
from tui_helpers import run_async, settle

from antq_tui.tui.app import AntqApp
from antq_tui.tui.screens.walk import open_inspection
from antq_tui.tui.widgets.status import SaveStatus

SIZE = (80, 24)
REMARK_BURST = [*"Số liệu 31/02", *["backspace"] * 13, *"Đã đối chiếu"]
DATE_BURST = [*"31/02/2026", *["backspace"] * 10, *"28/02/2026"]


def burst(app: App, *keys: str) -> None:
    """Give the app every key at once, as the terminal's driver does with what it read in one go."""
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def bare_result(keys: list[str], *, area: bool = False, start: str = "") -> str:
    """What a plain Input (or TextArea) in an app of its own holds after ``keys`` pressed one by one."""

    class Bare(App):
        def compose(self):
            if area:
                yield TextArea(start, soft_wrap=True, tab_behavior="focus", compact=True)
            else:
                yield Input(start, compact=True, select_on_focus=False)

    app = Bare()
    async with app.run_test() as pilot:
        widget = app.query_one(TextArea if area else Input)
        widget.focus()
        if area:
            widget.move_cursor(widget.document.end)
        await pilot.press(*keys)
        return widget.text if area else widget.value


def stored(app):
    data = app.session.thread_context().store
    try:
        return data.get_inspection(THI_TRAN_2023)
    finally:
        data.close()


async def open_walk(app, pilot, number: int | None = None):
    await settle(app, pilot)
    open_inspection(app, THI_TRAN_2023)
    await settle(app, pilot)
    if number is not None:
        await pilot.press("g", *str(number), "enter")
        await settle(app, pilot)
    return app.screen


def test_a_burst_in_a_remark_ends_as_in_a_plain_text_area_on_screen_and_on_disk(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_walk(app, pilot, 18)
            start = walk.box.remark_widget.text
            keys = [*REMARK_BURST, "enter", *"dòng hai", "left", "left", "backspace", "X", "end", "!"]
            burst(app, "r", *keys)
            await settle(app, pilot)
            expected = await bare_result(keys, area=True, start=start)
            assert expected.endswith("Đã đối chiếu\ndòng Xai!")
            assert walk.box.remark_widget.text == expected
            assert stored(app).answers[18].remark == expected

    scenario()


def test_a_burst_in_figures_with_cursor_moves_and_tab_lands_in_each_field_as_typed(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_walk(app, pilot, 20)
            fields = [w for w in walk.box.query(Input) if (w.id or "").startswith("in-")]
            starts = [w.value for w in fields[:2]]
            first = ["end", *["backspace"] * 6, *"1234", "left", "left", "backspace", "9", "home", "delete", "end", "7"]
            second = ["end", *["backspace"] * 6, *"56", "backspace", "8"]
            burst(app, "enter", *first, "tab", *second)
            await settle(app, pilot)
            want = [await bare_result(first, start=starts[0]), await bare_result(second, start=starts[1])]
            assert want == ["9347", "58"]
            assert [w.value for w in fields[:2]] == want
            inputs = stored(app).answers[20].inputs
            assert [inputs[w.id[3:]] for w in fields[:2]] == [int(v) for v in want]

    scenario()


def test_a_burst_in_an_evidence_number_and_date_ends_as_typed(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_walk(app, pilot, 20)
            number = walk.box.query(".ev-number").first(Input)
            date = walk.box.query(".ev-date").first(Input)
            number.focus()
            await pilot.pause()
            number_keys = [*"15-NQ/ĐU", *["backspace"] * 5, *"BC/CA"]
            burst(app, *number_keys, "tab", *DATE_BURST)
            await settle(app, pilot)
            assert number.value == await bare_result(number_keys) == "15-BC/CA"
            assert date.value == await bare_result(DATE_BURST) == "28/02/2026"
            seen = stored(app).answers[20].evidence[0]
            assert (seen.number, seen.date, seen.seen) == ("15-BC/CA", dt.date(2026, 2, 28), True)

    scenario()


def test_keys_typed_while_the_next_criterion_opens_go_where_the_focus_lands(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_walk(app, pilot, 1)
            burst(app, "n", "enter", "0")
            await settle(app, pilot)
            number = walk.current
            assert number != 1 and walk.criteria[number].fields
            focused = app.focused
            assert isinstance(focused, Input) and focused.id == f"in-{walk.criteria[number].fields[0].id}"
            assert focused.value.endswith("0")
            field = walk.criteria[number].fields[0]
            assert stored(app).answers[number].inputs[field.id] == field.parse(focused.value)

    scenario()


def test_reopening_an_inspection_resumes_at_the_criterion_touched_last(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_walk(app, pilot, 25)
            await pilot.press("d")
            await settle(app, pilot)
            await pilot.press("escape")
            await settle(app, pilot)
            walk = await open_walk(app, pilot)
            assert walk.current == 25
            assert "Tiêu chí 25" in str(walk.box.query_one(".c-head").render())

    scenario()


def test_the_list_filters_by_state_and_searches_without_diacritics(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_walk(app, pilot, 1)
            criteria = walk.query_one("#criteria")
            inspection = walk.inspection
            await pilot.press("f")  # chưa đánh giá
            assert criteria.shown == [n for n in walk.order if not inspection.answer(n).assessed]
            assert "Chưa đánh giá" in walk.sub_title
            await pilot.press("f")  # không đạt
            assert criteria.shown == [17]
            await pilot.press("f", "f")  # plugin sửa đổi, then everything again
            assert criteria.shown == walk.order
            word = walk.criteria[12].text.split()[-1].rstrip(".;,")
            plain = unicodedata.normalize("NFD", word.upper())
            await pilot.press("slash", *plain, "enter")
            await settle(app, pilot)
            assert 12 in criteria.shown and len(criteria.shown) < len(walk.order)
            assert walk.current in criteria.shown
            await pilot.press("slash", *["backspace"] * 40, "enter")
            await settle(app, pilot)
            assert criteria.shown == walk.order

    scenario()


def test_the_search_finds_a_remark(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_walk(app, pilot, 9)
            await pilot.press("r", *"Sổ ghi chép thiếu trang", "escape")
            await settle(app, pilot)
            await pilot.press("slash", *"so ghi chep thieu", "enter")
            await settle(app, pilot)
            assert walk.query_one("#criteria").shown == [9]

    scenario()


def test_ctrl_z_undoes_the_last_change_as_a_new_logged_change(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            walk = await open_walk(app, pilot, 25)
            before = stored(app).answer(25)
            await pilot.press("d", "t", "r", *"ghi tạm", "escape")
            await settle(app, pilot)
            assert stored(app).answer(25).remark == before.remark + "ghi tạm"
            data = app.session.thread_context().store
            try:
                log_before = len(data.audit_entries(THI_TRAN_2023))
            finally:
                data.close()
            await pilot.press("ctrl+z")  # the remark, typed as one change
            await settle(app, pilot)
            assert walk.box.remark_widget.text == before.remark
            assert stored(app).answer(25).remark == before.remark
            await pilot.press("ctrl+z", "ctrl+z")  # the self-assessment, then the verdict
            await settle(app, pilot)
            after = stored(app).answer(25)
            assert (after.verdict, after.self_assessment) == (before.verdict, before.self_assessment)
            assert walk.inspection.answer(25).verdict == before.verdict
            data = app.session.thread_context().store
            try:
                log = data.audit_entries(THI_TRAN_2023)
            finally:
                data.close()
            assert len(log) >= log_before + 3, "each undo is a new row of the log; none is deleted"

    scenario()


def test_a_finalized_inspection_says_it_is_read_only_and_offers_no_writing(demo_workspace: Path):
    from demo_fixture import PHIENG_BAN_2023

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            open_inspection(app, PHIENG_BAN_2023)
            await settle(app, pilot)
            await pilot.press("s")
            await settle(app, pilot)
            summary = app.screen
            shown = {key for key, b in summary.active_bindings.items() if b.binding.show}
            status = str(summary.query_one("SaveStatus").render())
            assert "w" not in shown
            assert "lưu ngay" not in status and "Chỉ xem" in status

    scenario()


async def _long_remark(pilot) -> None:
    app = pilot.app
    await open_walk(app, pilot, 18)
    remark = ("Đã đối chiếu sổ theo dõi với báo cáo thống kê của Công an xã: khớp số vụ năm trước và năm nay.\n"
              "Còn thiếu biên bản họp tổ an ninh tháng 3 và tháng 7; đơn vị hứa bổ sung trước ngày 15/10/2023.\n"
              "Đề nghị lưu hồ sơ theo từng quý, có chữ ký của trưởng thôn.")
    burst(app, "r", *[c if c != "\n" else "enter" for c in remark])
    await settle(app, pilot)
    assert app.screen.box.remark_widget.text == remark
    await pilot.pause(0.3)
    await pilot.press("escape")  # done: back to the list (a blinking cursor would differ from run to run)
    await settle(app, pilot)
    app.screen.query_one(SaveStatus).saved(dt.datetime(2023, 9, 1, 9, 30))  # the time of day, fixed
    await pilot.pause()


def test_walk_with_a_long_multiline_remark(snap_compare, demo_workspace):
    from test_tui_snapshots import make_app

    assert snap_compare(make_app(demo_workspace), terminal_size=SIZE, run_before=_long_remark)
