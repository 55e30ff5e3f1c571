"""Names typed by a user or arrived in a bundle are shown as text: never markup, never a terminal escape.

"Công ty [/] TNHH" used to crash the TUI at every start (MarkupError), "Trường THCS [cơ sở 2] Bắc Yên"
lost its brackets, and an OSC sequence in a name retitled the terminal window.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from test_tui_vietnamese import screen_text
from tui_helpers import make_workspace, run_async, settle

from antq_tui.inspection import Unit
from antq_tui.tui.app import AntqApp

WIDE = (160, 40)  # the names whole in the home list's unit column
CLOSING = "Công ty [/] TNHH"
BRACKETS = "Trường THCS [cơ sở 2] Bắc Yên"
OSC = "Xã Ba\x1b]0;pwned\x07 [b]Lạ"  # ESC ] 0 ; … BEL: "set the window title"


def _workspace(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Three drafts named as above (the control characters put straight into the database, as an old
    bundle or another program could have: the store refuses them at input)."""
    from antq_tui.services import Context, inspections
    from antq_tui.workspace import Workspace

    config = make_workspace(tmp_path)
    ids = {}
    with Context.open(Workspace.open(config, entry_points=False)) as ctx:
        for name, kind in ((CLOSING, "doanh_nghiep"), (BRACKETS, "co_so_giao_duc"), ("Xã Ba Lạ", "xa")):
            unit = Unit(id=str(uuid.uuid4()), name=name, kind=kind)
            ids[name] = inspections.create(ctx, unit, 2024, visit_date="13/10/2024").id
        db = ctx.workspace.db_path
    ids[OSC] = ids.pop("Xã Ba Lạ")
    with sqlite3.connect(db) as con:
        con.execute("UPDATE inspections SET unit_name = ? WHERE id = ?", (OSC, ids[OSC]))
        con.execute("UPDATE units SET name = ? WHERE name = 'Xã Ba Lạ'", (OSC,))
    return config, ids


def test_bracketed_and_escaped_names_show_literally_on_home_walk_and_statistics(tmp_path: Path):
    from antq_tui.tui.screens.walk import open_inspection

    config, ids = _workspace(tmp_path)

    @run_async
    async def scenario() -> dict[str, str]:
        app = AntqApp(config, entry_points=False)
        shown = {}
        async with app.run_test(size=WIDE, notifications=True) as pilot:
            await settle(app, pilot)
            assert type(app.screen).__name__ == "HomeScreen"
            shown["home"] = screen_text(app)
            open_inspection(app, ids[OSC])
            await settle(app, pilot)
            assert type(app.screen).__name__ == "WalkScreen"
            shown["walk"] = screen_text(app)
            app.notify(f"Đã lưu {CLOSING} và {OSC}", timeout=30)
            await pilot.pause(0.5)
            shown["notification"] = screen_text(app)
            await pilot.press("escape")
            await settle(app, pilot)
            await pilot.press("t")
            await settle(app, pilot)
            assert type(app.screen).__name__ == "StatsScreen"
            await pilot.press("f")  # these are drafts: counted when asked for
            await settle(app, pilot)
            shown["stats"] = screen_text(app)
        return shown

    shown = scenario()
    escaped = "Xã Ba\\u001b]0;pwned\\u0007 [b]Lạ"
    for where in ("home", "stats"):
        assert CLOSING in shown[where] and BRACKETS in shown[where] and escaped in shown[where], where
    assert escaped in shown["walk"]
    assert CLOSING in shown["notification"] and escaped in shown["notification"]
    for where, text in shown.items():
        assert "\x1b" not in text and "\x07" not in text, where
