#!/usr/bin/env python3
"""Keys per criterion in a full walk at 80×24, before and after the walk's shortcuts (issue 15).

    .venv/bin/python scripts/bench_keys.py [--unit thi_tran|new] [--style before|after]

Drives the TUI with Textual's Pilot on a fresh demo workspace, twice per unit and once per key
sequence:

- **Thị trấn Bắc Yên** (the demo's draft): every criterion not yet judged, from where the walk opens;
- **a new commune** created by keys: all of its criteria.

For each criterion: type each empty figure, tick each record not yet seen, judge Đạt, go on. Typed
characters are not counted; every other key is.

- *before* is the key sequence of main at 0995e06 (it still works): ``Enter`` into the detail, each
  figure then ``Tab``, ``Space`` on each record then ``Tab`` × 3 to the next one, ``Esc``, ``d``, ``n``;
- *after*: a figure is typed straight from the list (it goes into the first field), ``Enter`` goes on
  to the next field or record, ``Space`` ticks, ``d`` judges from where the focus is, ``n`` goes on.

Both runs are checked against the database (every criterion Đạt, figures stored, records seen), so a
count is only printed for a walk that did its work. Prints keys per criterion for each, and for the
criteria with one figure and one record.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from antq_tui.criteria import Verdict
from antq_tui.demo import build_demo, demo_id
from antq_tui.tui.app import AntqApp

SIZE = (80, 24)
THI_TRAN = demo_id("inspection", "thi_tran_2023")


def typed_value(field) -> str:
    return {"integer": "12", "yesno": "có", "date": "12/10/2023"}.get(
        field.type, field.choices[0] if field.choices else "ghi chú")


class Counter:
    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.keys = 0

    async def press(self, *keys: str) -> None:
        self.keys += len(keys)
        await self.pilot.press(*keys)

    async def type(self, text: str) -> None:
        await self.pilot.press(*text)


async def settle(app, pilot) -> None:
    await app.data_ready.wait()
    await app.registry()
    await pilot.pause()
    others = [w for w in app.workers if w.name != "saver"]
    if others:
        await app.workers.wait_for_complete(others)
    await app.wait_saved()
    await pilot.pause()


async def walk_criterion(walk, keys: Counter, number: int, style: str) -> None:
    criterion = walk.criteria[number]
    answer = walk.inspection.answer(number)
    figures = [(f, not answer.inputs.get(f.id) and answer.inputs.get(f.id) != 0) for f in criterion.fields]
    records = len(answer.evidence)
    unseen = [not e.seen for e in answer.evidence]
    if style == "before":
        await keys.press("enter")
        for field, empty in figures:
            if empty:
                await keys.type(typed_value(field))
            await keys.press("tab")
        for i in range(records):
            if unseen[i]:
                await keys.press("space")
            if i < records - 1:
                await keys.press("tab", "tab", "tab")
        await keys.press("escape", "d", "n")
        return
    if figures:
        first, empty = figures[0]
        if empty and first.type == "integer":
            await keys.type(typed_value(first))  # from the list: into the first field
        else:
            await keys.press("enter")
            if empty:
                await keys.type(typed_value(first))
        await keys.press("enter")
        for field, empty in figures[1:]:
            if empty:
                await keys.type(typed_value(field))
            await keys.press("enter")
    elif records:
        await keys.press("enter")
    for i in range(records):
        if unseen[i]:
            await keys.press("space")
        if i < records - 1:
            await keys.press("tab", "tab", "tab")
    await keys.press("d", "n")


async def one_walk(config: Path, unit: str, style: str) -> tuple[int, int, list[int]]:
    """(keys, criteria walked, keys of each criterion with one figure and one record)."""
    from antq_tui.tui.screens.walk import open_inspection

    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        keys = Counter(pilot)
        await settle(app, pilot)
        if unit == "thi_tran":
            open_inspection(app, THI_TRAN)
        else:
            await pilot.press("n", *"Xã Mường Khoa", "ctrl+s")
            await settle(app, pilot)
            await pilot.press(*"kha", "escape")
        await settle(app, pilot)
        walk = app.screen
        todo = [n for n in walk.order if not walk.inspection.answer(n).assessed]
        # the walk opens where the team stopped: go to the first criterion to walk with n, uncounted
        if walk.current != todo[0]:
            walk.select(todo[0])
            walk.query_one("#criteria").focus()
            await settle(app, pilot)
        simple: list[int] = []
        walked = 0
        for number in todo:
            assert walk.current == number, (style, walk.current, number)
            before = keys.keys
            await walk_criterion(walk, keys, number, style)
            await settle(app, pilot)
            walked += 1
            criterion = walk.criteria[number]
            if len(criterion.fields) == 1 and len(walk.inspection.answer(number).evidence) == 1:
                simple.append(keys.keys - before)
        inspection_id = walk.inspection.id
        await settle(app, pilot)
        context = app.session.thread_context()
        try:
            stored = context.store.get_inspection(inspection_id)
        finally:
            context.close()
        for number in todo:
            answer = stored.answer(number)
            assert answer.verdict == Verdict.DAT, (style, unit, number)
            assert all(e.seen for e in answer.evidence), (style, unit, number, "records")
            assert all(answer.inputs.get(f.id) not in (None, "") for f in walk.criteria[number].fields), (
                style, unit, number, "figures")
        return keys.keys, walked, simple


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", choices=("thi_tran", "new"), help="only this unit")
    parser.add_argument("--style", choices=("before", "after"), help="only this key sequence")
    args = parser.parse_args()
    started = dt.datetime.now()
    root = Path(tempfile.mkdtemp(prefix="antq-bench-keys-"))
    try:
        template = build_demo(root / "template")
        print("Số phím mỗi tiêu chí (không tính chữ, số gõ vào), 80×24:")
        for unit, label in (("thi_tran", "Thị trấn Bắc Yên (demo)"), ("new", "Xã mới")):
            if args.unit and unit != args.unit:
                continue
            for style in ("before", "after"):
                if args.style and style != args.style:
                    continue
                copy = root / f"{unit}-{style}"
                shutil.copytree(template.parent, copy)
                total, walked, simple = asyncio.run(one_walk(copy / "config.toml", unit, style))
                one = f"; 1 số liệu + 1 hồ sơ: {max(simple)} phím ({len(simple)} tiêu chí)" if simple else ""
                print(f"  {label:<26} {style:<6}: {total:>4} phím / {walked} tiêu chí = "
                      f"{total / walked:.2f} phím/tiêu chí{one}", flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"({(dt.datetime.now() - started).total_seconds():.0f} s)")


if __name__ == "__main__":
    main()
