"""A whole visit by key presses, as the thư ký does it, checked against what was stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from demo_fixture import demo_template, demo_workspace
from tui_helpers import make_workspace, run_async, sample, settle

from antq_tui.criteria import Verdict
from antq_tui.inspection import summarize
from antq_tui.tui.app import AntqApp

SIZE = (80, 24)


class Keys:
    """Presses keys and counts them, so the test can report what a full walk costs.

    ``typed`` counts the characters of names, figures and texts; ``count`` every key.
    """

    def __init__(self, pilot):
        self.pilot = pilot
        self.count = 0
        self.typed = 0

    async def __call__(self, *keys: str, typing: bool = False) -> None:
        self.count += len(keys)
        if typing:
            self.typed += len(keys)
        await self.pilot.press(*keys)


def new_app(config: Path) -> AntqApp:
    return AntqApp(config, entry_points=False)


async def create_commune(app, keys) -> None:
    await keys("n")
    await keys(*"Xã Phiêng Ban", typing=True)
    await settle(app, keys.pilot)
    await keys("ctrl+s")
    await settle(app, keys.pilot)


def stored(app):
    data = app.session.thread_context().store
    try:
        row = data.list_inspections()[0]
        return data.get_inspection(row.id)
    finally:
        data.close()


async def start_walk(app, keys):
    """Create the commune's inspection by keys and fill in its eligibility step; the walk screen."""
    await create_commune(app, keys)
    assert type(app.screen).__name__ == "EligibilityScreen"
    await keys(*"kha", typing=True)  # the condition's only field: xếp loại
    await keys("escape")
    walk = app.screen
    assert type(walk).__name__ == "WalkScreen"
    return walk


async def walk_by_keys(walk, keys, numbers) -> None:
    """Type each criterion's figures and press Đạt, going on with n."""
    for number in numbers:
        criterion = walk.criteria[number]
        if criterion.fields:  # figures first: Enter goes to the first input, Tab to the next
            await keys("enter")
            for i, field in enumerate(criterion.fields):
                await keys(*sample(field, i)[0], typing=True)
                await keys("tab")
            await keys("escape")
        await keys("d")
        if number != walk.order[-1]:
            await keys("n")


WALK_PARTS = 3  # the whole walk by keys, in parts that run on different workers


def part_of(order: list[int], part: int) -> list[int]:
    size = -(-len(order) // WALK_PARTS)
    return order[part * size:(part + 1) * size]


@pytest.mark.parametrize("part", range(WALK_PARTS))
@run_async
async def test_a_commune_visit_by_keys_records_each_part_of_the_walk(tmp_path: Path, part: int):
    app = new_app(make_workspace(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        walk = await start_walk(app, keys)
        numbers = part_of(list(walk.order), part)
        if part:  # go to the part's first criterion by its number; n goes on from there
            await keys("g", *str(numbers[0]), "enter")
        await walk_by_keys(walk, keys, numbers)
        await settle(app, pilot)
        assert not app.session.pending
        print(f"\nkeys for part {part + 1}/{WALK_PARTS} of the walk ({len(numbers)} of {len(walk.order)} criteria): "
              f"{keys.count}, of which {keys.typed} typed characters (names, figures, texts)")

    inspection = stored(app)
    assert inspection.unit.name == "Xã Phiêng Ban" and inspection.unit.kind == "xa"
    assert inspection.eligibility["xep_loai"].inputs == {"loai": "Khá"}
    assert [m.name for m in inspection.team] == ["Lò Văn Thành", "Cầm Thị Hoa"]
    assert all(inspection.answers[n].verdict == Verdict.DAT for n in numbers)
    with_fields = [c for c in inspection.criteria.criteria if c.fields and c.number in numbers]
    for c in with_fields:
        assert inspection.answers[c.number].inputs == {f.id: sample(f, i)[1] for i, f in enumerate(c.fields)}
        assert inspection.answers[c.number].suggestion is not None


@run_async
async def test_a_commune_visit_by_keys_is_finalized_once_every_criterion_is_assessed(tmp_path: Path):
    app = new_app(make_workspace(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        walk = await start_walk(app, keys)
        # Đạt on every criterion as the walk records it (by keys: the test above, in parts)
        for number in walk.order:
            walk.show(number)
            walk.action_verdict("dat")
        await settle(app, pilot)
        walk.refresh_all()
        assert "đã đánh giá" in walk.sub_title and summarize(walk.inspection).unassessed == []
        await keys("s")
        await keys("w")
        await keys(*"Tốt", typing=True)
        await keys("escape")
        await keys("f")
        await keys("y")
        await settle(app, pilot)
        assert not app.session.pending

    inspection = stored(app)
    assert inspection.finalized
    assert inspection.unit.name == "Xã Phiêng Ban" and inspection.unit.kind == "xa"
    assert all(inspection.answers[n].verdict == Verdict.DAT for n in walk.order)
    assert inspection.eligibility["xep_loai"].inputs == {"loai": "Khá"}
    assert inspection.strengths == "Tốt"
    assert [m.name for m in inspection.team] == ["Lò Văn Thành", "Cầm Thị Hoa"]


@run_async
async def test_finalize_refuses_while_criteria_are_unassessed_and_names_them(tmp_path: Path):
    app = new_app(make_workspace(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        await create_commune(app, keys)
        await keys("escape")
        order = list(app.screen.order)
        await keys("d")  # only the first one
        await keys("s", "f")
        dialog = app.screen
        assert type(dialog).__name__ == "MessageDialog"
        text = str(dialog.message)
        assert "chưa đánh giá" in text and ", ".join(map(str, order[1:])) in text
        await keys("escape")
    assert not stored(app).finalized


@run_async
async def test_kill_and_reopen_mid_walk_finds_everything_typed(tmp_path: Path):
    config = make_workspace(tmp_path)
    app = new_app(config)
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        await create_commune(app, keys)
        await keys("escape")
        walk = app.screen
        first = walk.order[0]
        await keys("k")
        await keys("t")  # the unit said đạt
        await keys("r", *"Thiếu sổ", "escape")  # Enter is a new line in a remark; Esc leaves it
        await keys("g", *"900", "enter")  # the test plugin's criterion: two counts
        await keys("enter", "4", "2", "tab", "3", "9", "tab", "space")  # … and its first record, seen
        await app.wait_saved()
    # no quit action: the app is simply gone, as when the power fails

    app2 = new_app(config)
    async with app2.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        walk = app2.screen
        assert type(walk).__name__ == "WalkScreen"
        answer = walk.inspection.answers[first]
        assert answer.verdict == Verdict.KHONG_DAT
        assert answer.self_assessment == Verdict.DAT
        assert answer.remark == "Thiếu sổ"
        figures = walk.inspection.answers[900]
        assert figures.inputs == {"vu_truoc": 42, "vu_nay": 39}
        assert figures.evidence[0].seen and not figures.evidence[1].seen
        walk.select(900)
        await pilot.pause()
        assert "giảm (42 → 39 vụ)" in str(walk.suggest_widget.render())


@run_async
async def test_a_letter_in_a_number_field_shows_an_inline_message_and_nothing_crashes(tmp_path: Path):
    app = new_app(make_workspace(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        await create_commune(app, keys)
        await keys("escape")
        walk = app.screen
        walk.select(900)
        await pilot.pause()
        await keys("enter", "4", "2", "a")
        field_input = app.focused.parent.parent
        assert field_input.has_class("-invalid")
        message = str(field_input.query_one(".field-error").render())
        assert "cần một số nguyên" in message and "42a" in message
        await keys("backspace")
        assert not field_input.has_class("-invalid")
        await app.wait_saved()
        assert app.screen is walk
    assert stored(app).answers[900].inputs["vu_truoc"] == 42


def test_an_evidence_row_reads_as_a_box_with_its_text_beside_it_and_space_ticks_it(demo_workspace: Path):
    from demo_fixture import THI_TRAN_2023

    from antq_tui.tui.screens.walk import open_inspection

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            open_inspection(app, THI_TRAN_2023)
            await settle(app, pilot)
            await pilot.press("g", "2", "0", "enter")  # nothing seen yet
            await settle(app, pilot)
            box = app.screen.query_one("#ev-seen-0")
            item = str(box.parent.query_one(".ev-text").render())
            assert str(box.render()) == "[ ]" and box.size.width == 3
            assert item and "…" not in item, "the record's text is whole, wrapping beside the box"
            box.focus()
            await pilot.press("space")
            await settle(app, pilot)
            assert str(box.render()) == "[x]"
            data = app.session.thread_context().store
            try:
                assert data.get_inspection(THI_TRAN_2023).answers[20].evidence[0].seen
            finally:
                data.close()

    scenario()


def test_a_finalized_inspection_hides_its_editing_keys_until_it_is_reopened(demo_workspace: Path):
    from demo_fixture import PHIENG_BAN_2023

    from antq_tui.tui.screens.walk import open_inspection

    def shown_keys(screen) -> set[str]:
        return {key for key, b in screen.active_bindings.items() if b.binding.show}

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            open_inspection(app, PHIENG_BAN_2023)
            await settle(app, pilot)
            walk = app.screen
            assert walk.inspection.finalized
            assert not {"d", "k", "t", "r"} & shown_keys(walk)
            assert "Chỉ xem (đã hoàn thành)" in str(walk.query_one("#save-status").render())
            await pilot.press("s")
            await settle(app, pilot)
            summary = app.screen
            assert "f" not in shown_keys(summary) and "o" in shown_keys(summary)
            await pilot.press("o", *"Sai số liệu", "enter")
            await settle(app, pilot)
            assert not summary.inspection.finalized
            assert "f" in shown_keys(summary) and "o" not in shown_keys(summary)
            await pilot.press("escape")
            await settle(app, pilot)
            assert app.screen is walk and {"d", "k", "t"} <= shown_keys(walk)
            assert "Chỉ xem" not in str(walk.query_one("#save-status").render())

    scenario()


def test_the_verdicts_show_in_one_line_under_the_criterion_title(demo_workspace: Path):
    from demo_fixture import THI_TRAN_2023

    from antq_tui.tui.screens.walk import open_inspection

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            open_inspection(app, THI_TRAN_2023)
            await settle(app, pilot)
            walk = app.screen
            await pilot.press("n")
            await settle(app, pilot)
            line = walk.query_one(".c-state")
            assert str(line.render()).endswith("Đoàn: —")
            assert line.region.y < SIZE[1] - 2, "visible without scrolling"
            await pilot.press("d")
            assert str(line.render()).endswith("Đoàn: Đạt")
            before = str(line.render())
            await pilot.press("t")
            assert str(line.render()) != before and str(line.render()).startswith("Đơn vị tự ĐG: ")
            await pilot.press("x")
            assert str(line.render()).endswith("Đoàn: —")

    scenario()


def test_compare_shows_each_field_on_its_own_line_wrapped_in_the_column(demo_workspace: Path):
    from demo_fixture import PHIENG_BAN_2023

    from antq_tui.tui.screens.walk import open_inspection

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            open_inspection(app, PHIENG_BAN_2023)
            await settle(app, pilot)
            await pilot.press("c")
            await settle(app, pilot)
            table = app.screen.query_one("#compare")
            assert sum(c.get_render_width(table) for c in table.columns.values()) <= SIZE[0]
            cells = [str(table.get_cell(key, "inputs")) for key in table.rows]
            many = [cell for cell in cells if cell.count("→") > 1]
            assert many and all(cell.count("\n") == cell.count("→") - 1 for cell in many)

    scenario()
