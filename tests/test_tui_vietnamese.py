"""Everything on screen is Vietnamese: Textual's own keys in the help screen, the footer and the palette."""

from __future__ import annotations

import html
import re
from pathlib import Path

from demo_fixture import THI_TRAN_2023, demo_template, demo_workspace
from tui_helpers import run_async, settle

from antq_tui.tui.app import AntqApp
from antq_tui.tui.vietnamese import DESCRIPTIONS, textual_binding_classes

SIZE = (80, 24)
#: key names, shown as keys (not words of a description)
KEY_NAMES = {"home", "end", "tab", "enter", "esc", "ctrl", "shift", "space", "del", "pgup", "pgdn"}
#: every word of Textual's English descriptions, tooltips and palette texts
ENGLISH = ({w.lower() for text in DESCRIPTIONS for w in re.findall(r"[A-Za-z]{3,}", text)}
           | {"dismiss", "menu", "search", "commands", "matches", "palette", "found"}) - KEY_NAMES


def screen_text(app) -> str:
    """What the terminal shows, as text."""
    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<>]*)</text>", svg))).replace("\xa0", " ")


def english_in(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)} & ENGLISH


def test_every_textual_binding_has_a_vietnamese_description():
    # making the app translates them (a new Textual description missing from the table shows here)
    AntqApp(Path("/nonexistent/config.toml"), entry_points=False)
    still = set()
    for cls in textual_binding_classes():
        for _key, bindings in cls._merged_bindings.key_to_bindings.items():
            for b in bindings:
                if english_in(b.description) or english_in(b.tooltip):
                    still.add(f"{cls.__name__}: {b.description}")
    assert not still


async def _help_rows(app, pilot) -> list[str]:
    await pilot.press("f1")
    await pilot.pause()
    assert type(app.screen).__name__ == "HelpScreen"
    rows = [" ".join(str(c) for c in row) for row in app.screen.rows]
    shown = screen_text(app)
    await pilot.press("escape")
    await pilot.pause()
    return [*rows, shown]


def test_help_and_palette_on_home_and_walk_are_vietnamese(demo_workspace: Path):
    from antq_tui.tui.screens.walk import open_inspection

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            seen = {"home": await _help_rows(app, pilot)}
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            seen["home palette"] = [screen_text(app)]
            await pilot.press(*"zzzq")
            await pilot.pause(1.5)
            seen["palette, no match"] = [screen_text(app)]
            await pilot.press("escape")
            await pilot.pause()
            open_inspection(app, THI_TRAN_2023)
            await settle(app, pilot)
            seen["walk"] = await _help_rows(app, pilot)
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            seen["walk palette"] = [screen_text(app)]
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("g", "1", "8", "enter")
            await settle(app, pilot)
            await pilot.press("tab")
            seen["walk, a field focused"] = await _help_rows(app, pilot)
            return seen

    seen = scenario()
    assert "Không có lệnh nào khớp" in seen["palette, no match"][0]
    # the palette lists what the screen does, not a table's cursor keys (those are in F1)
    assert "Mới" in seen["home palette"][0] and "Xuống một trang" not in seen["home palette"][0]
    assert any("Xuống một trang" in row for row in seen["home"])
    for where, texts in seen.items():
        for text in texts:
            assert not english_in(text), (where, english_in(text), text)


def test_a_textual_widget_first_loaded_after_start_is_vietnamese_too():
    # a fresh interpreter, so that the widget is surely loaded after the translation (as a screen
    # imported on first use loads its widgets)
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from antq_tui.tui.vietnamese import translate_textual\n"
        "translate_textual()\n"
        "assert 'textual.widgets._tree' not in sys.modules\n"
        "from textual.widgets import Tree\n"
        "print('|'.join(b.description for bs in Tree._merged_bindings.key_to_bindings.values() for b in bs))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "Chọn" in out and not english_in(out), out
