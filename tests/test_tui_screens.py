"""Settings, plugins, startup errors and the help screen, as a user meets them."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from demo_fixture import demo_template, demo_workspace
from textual.command import CommandPalette
from tui_helpers import make_workspace, run_async, settle

from antq_tui.tui.app import AntqApp

SIZE = (80, 24)


@run_async
async def test_settings_write_config_toml_and_keep_the_other_keys(tmp_path: Path):
    config = make_workspace(tmp_path)
    text = config.read_text(encoding="utf-8") + '\n[office]\nreport_to = "Công an tỉnh Sơn La"\n'
    config.write_text(text, encoding="utf-8")
    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "SettingsScreen"
        await pilot.press("ctrl+t")  # a new member row, focused on its name
        await pilot.pause()
        await pilot.press(*"Hà Văn Nam", "tab", *"Đại úy")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = tomllib.loads(config.read_text(encoding="utf-8"))
    assert saved["office"] == {"report_to": "Công an tỉnh Sơn La"}
    assert [m["name"] for m in saved["team"]] == ["Lò Văn Thành", "Cầm Thị Hoa", "Hà Văn Nam"]
    assert saved["team"][2]["rank"] == "Đại úy"
    assert saved["minutes"]["issuing_parent"] == "CÔNG AN HUYỆN BẮC YÊN"
    assert (tmp_path / "config.toml.bak").exists()


@run_async
async def test_a_broken_config_shows_a_vietnamese_message_not_a_traceback(tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text("[district\nname = 1\n", encoding="utf-8")
    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "StartupErrorScreen"
        message = str(app.screen.message)
        assert "config.toml" in message and "dòng 1" in message
        await pilot.press("q")
    assert app.return_code in (0, None)


@run_async
async def test_an_unreadable_database_shows_a_clear_message(tmp_path: Path):
    config = make_workspace(tmp_path)
    db = tmp_path / "inspections" / "antq.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database at all" * 100)
    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "StartupErrorScreen"
        assert "antq.db" in app.screen.message
        assert "Traceback" not in app.screen.message


@run_async
async def test_a_broken_plugin_is_listed_with_its_reason_and_the_app_still_works(tmp_path: Path):
    extra = tmp_path / "broken"
    extra.mkdir()
    (extra / "hong.py").write_text("raise RuntimeError('thiếu tệp dữ liệu')\n", encoding="utf-8")
    from conftest import write_workspace

    config = write_workspace(tmp_path, plugin_folders=[str(extra)])
    app = AntqApp(config, entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        await settle(app, pilot)
        problems = str(app.screen.query_one("#problems").render())
        assert "hong" in problems and "thiếu tệp dữ liệu" in problems
        await pilot.press("escape", "n")
        await pilot.pause()
        assert type(app.screen).__name__ == "NewInspectionScreen"


@run_async
async def test_f1_and_question_mark_show_the_keys_of_the_current_screen(tmp_path: Path):
    app = AntqApp(make_workspace(tmp_path), entry_points=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert type(help_screen).__name__ == "HelpScreen"
        descriptions = [row[1] for row in help_screen.rows]
        assert "Mới" in descriptions and "Xuất BB" in descriptions and "Thống kê" in descriptions
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


def test_t_on_home_opens_the_statistics_and_the_day_s_backup_is_taken(demo_workspace: Path):
    backups = demo_workspace.parent / "inspections" / "backups"
    shutil.rmtree(backups)  # as on the first start of a new day

    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("t")
            await pilot.pause()
            assert type(app.screen).__name__ == "StatsScreen"
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"

    scenario()
    assert [p.name for p in backups.glob("*daily*")], "the first use of the day copies the database to backups/"


def test_the_sample_workspace_says_so_on_home_and_a_real_one_does_not(demo_workspace: Path, tmp_path: Path):
    @run_async
    async def scenario(config: Path) -> str:
        app = AntqApp(config, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            banners = app.screen.query("#demo-banner")
            return str(banners.first().render()) if banners else ""

    banner = scenario(demo_workspace)
    assert banner.startswith("DỮ LIỆU MẪU — ") and "dữ liệu mẫu" in banner
    assert "\n" not in banner.strip()
    assert scenario(make_workspace(tmp_path / "real")) == ""


def test_the_command_palette_opens_on_home_and_lists_the_screen_s_keys(demo_workspace: Path):
    @run_async
    async def scenario():
        app = AntqApp(demo_workspace, entry_points=False)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+p")
            await pilot.pause()
            assert isinstance(app.screen, CommandPalette)
            await pilot.press(*"tim")
            await pilot.pause(0.3)
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running
            await pilot.press("ctrl+p")
            await pilot.pause()
            palette = app.screen
            assert "Tìm lệnh" in str(palette.query_one("CommandInput").placeholder)
            await pilot.press(*"thoat")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await pilot.pause(0.5)
        assert not app.is_running  # "Thoát" from the palette quits

    scenario()
