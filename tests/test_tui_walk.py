"""A whole visit by key presses, as the thư ký does it, checked against what was stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from antq_tui.app import AntqApp
from antq_tui.criteria import Verdict
from antq_tui.inspection import summarize
from tui_helpers import make_workspace, open_data, run_async, settle

SIZE = (80, 24)


class Keys:
    """Presses keys and counts them, so the test can report what a full walk costs."""

    def __init__(self, pilot):
        self.pilot = pilot
        self.count = 0

    async def __call__(self, *keys: str) -> None:
        self.count += len(keys)
        await self.pilot.press(*keys)
        await self.pilot.pause()


def new_app(config: Path) -> AntqApp:
    return AntqApp(config, entry_points=False, open_store=open_data)


async def create_commune(app, keys) -> None:
    await keys("n")
    await keys(*"Xã Phiêng Ban")
    await settle(app, keys.pilot)
    await keys("ctrl+s")
    await settle(app, keys.pilot)


def stored(app):
    data = app.open_store()
    try:
        row = data.list_inspections()[0]
        return data.get_inspection(row.id)
    finally:
        data.close()


@run_async
async def test_a_whole_commune_visit_from_creation_to_finalize_by_keys(tmp_path: Path):
    app = new_app(make_workspace(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        await create_commune(app, keys)
        assert type(app.screen).__name__ == "EligibilityScreen"
        await keys(*"kha")  # the condition's only field: xếp loại
        await keys("escape")
        walk = app.screen
        assert type(walk).__name__ == "WalkScreen"
        for number in list(walk.order):
            criterion = walk.criteria[number]
            if criterion.fields:  # figures first: Enter goes to the first input, Tab to the next
                await keys("enter")
                for i, _field in enumerate(criterion.fields):
                    await keys(*str(42 - 3 * i), "tab")
                await keys("escape")
            await keys("d")
            if number != walk.order[-1]:
                await keys("n")
        assert "đã đánh giá" in walk.sub_title and summarize(walk.inspection).unassessed == []
        await keys("s")
        await keys("w", *"Tốt", "escape")
        await keys("f")
        await keys("y")
        await settle(app, pilot)
        assert not app.saver.pending
        print(f"\nkeys for the whole walk: {keys.count} ({len(walk.order)} criteria)")

    inspection = stored(app)
    assert inspection.finalized
    assert inspection.unit.name == "Xã Phiêng Ban" and inspection.unit.kind == "xa"
    assert all(inspection.answers[n].verdict == Verdict.DAT for n in walk.order)
    assert inspection.eligibility["xep_loai"].inputs == {"loai": "Khá"}
    assert inspection.strengths == "Tốt"
    with_fields = [c for c in inspection.criteria.criteria if c.fields]
    for c in with_fields:
        assert inspection.answers[c.number].inputs == {f.id: 42 - 3 * i for i, f in enumerate(c.fields)}
        assert inspection.answers[c.number].suggestion is not None
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
        await keys("r", *"Thiếu sổ", "enter")
        with_fields = [n for n in walk.order if walk.criteria[n].fields]
        await keys("g")
        await keys(*str(with_fields[0]), "enter")
        await keys("enter", "4", "2", "tab", "3", "9")
        await keys("escape", "tab")  # to the first record of the criterion
        # move to the first evidence checkbox and tick it
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
        inputs = walk.inspection.answers[with_fields[0]].inputs
        assert list(inputs.values()) == [42, 39]
        walk.select(with_fields[0])
        await pilot.pause()
        assert "Đạt" in str(walk.suggest_widget.render()) or walk.inspection.answers[with_fields[0]].suggestion


@run_async
async def test_a_letter_in_a_number_field_shows_an_inline_message_and_nothing_crashes(tmp_path: Path):
    app = new_app(make_workspace(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        keys = Keys(pilot)
        await create_commune(app, keys)
        await keys("escape")
        walk = app.screen
        with_fields = [n for n in walk.order if walk.criteria[n].fields]
        walk.select(with_fields[0])
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
    assert stored(app).answers[with_fields[0]].inputs[walk.criteria[with_fields[0]].fields[0].id] == 42
