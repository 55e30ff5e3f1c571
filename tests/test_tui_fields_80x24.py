"""One-line fields at 80×24: a field left shows its text from the start; a choice's hint is whole."""

from __future__ import annotations

from pathlib import Path

from demo_fixture import THI_TRAN_2023, demo_template, demo_workspace
from test_tui_visit import open_info
from tui_helpers import run_async, settle

from antq_tui.tui.app import AntqApp

SIZE = (80, 24)


def test_a_long_value_shows_from_its_start_once_the_field_is_left(demo_workspace: Path):
    from textual.widgets import Input

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_info(app, pilot, THI_TRAN_2023)
            field = app.screen.query_one("#place", Input)
            field.focus()
            field.clear()
            text = "Hội trường Ủy ban nhân dân thị trấn Bắc Yên, tầng hai, phòng họp lớn"
            await pilot.press(*text)
            await settle(app, pilot)
            assert len(text) > field.content_size.width and field.scroll_offset.x > 0  # scrolled while typing
            await pilot.press("tab")
            await settle(app, pilot)
            assert field.scroll_offset.x == 0
            assert str(field.render_line(0).text).startswith("Hội trường Ủy ban")
            assert field.value == text and field.cursor_position == len(text), "only the view moved"

    scenario()


def test_a_choice_field_lists_its_choices_whole_while_it_is_filled(demo_workspace: Path):
    from antq_tui.tui.screens.walk import open_inspection
    from antq_tui.tui.widgets.fields import FieldInput

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            open_inspection(app, THI_TRAN_2023)
            await settle(app, pilot)
            await pilot.press("g", "1", "5", "enter")  # the movement's rating: Xuất sắc / Khá / Trung bình / Yếu
            await settle(app, pilot)
            field = next(f for f in app.screen.query(FieldInput) if f.field.type == "choice")
            hint = field.query_one(".field-choices")
            assert not hint.display, "hidden while another field has the focus: 80×24 rows are few"
            field.input.focus()
            await pilot.pause()
            assert hint.display
            assert str(hint.render()) == "Chọn: " + " / ".join(field.field.choices)
            assert hint.size.height >= 1 and all(c in str(hint.render()) for c in field.field.choices)
            field.input.clear()
            await pilot.press(*"tốt")
            await settle(app, pilot)
            assert "chỉ nhận: Xuất sắc, Khá, Trung bình, Yếu" in str(field.query_one(".field-error").render())

    scenario()
