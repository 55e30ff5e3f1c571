"""The Textual application: opens the workspace and the session (reads, the save queue), then shows home.

Screens live in :mod:`antq_tui.tui.screens` (one module and one stylesheet each), shared widgets in
:mod:`antq_tui.tui.widgets`. Plugins load in a thread worker after the first paint, so the home screen
appears before any plugin is imported.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.message import Message

from ..config import ConfigError
from ..workspace import Workspace
from .commands import ScreenCommands
from .save_queue import SaveDone

if TYPE_CHECKING:
    from .session import Session


class DataReady(Message):
    """The database is open: screens that show stored data may read it now."""


class AntqApp(App):
    """antq's TUI."""

    TITLE = "antq"
    SUB_TITLE = "Kiểm tra điển hình phong trào toàn dân bảo vệ ANTQ"
    CSS_PATH = Path(__file__).parent / "screens" / "app.tcss"  # absolute: subclasses live elsewhere
    COMMANDS = App.COMMANDS | {ScreenCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1,question_mark", "help", "Phím", id="help", tooltip="Các phím của màn hình này"),
        Binding("ctrl+q", "quit", "Thoát", id="quit", tooltip="Lưu nốt rồi thoát", show=False, priority=True),
        Binding("ctrl+p", "command_palette", "Tìm lệnh", id="palette", show=False, priority=True,
                tooltip="Tìm lệnh theo tên (gõ không dấu cũng được)"),
        Binding("ctrl+s", "retry_saves", "Lưu lại", id="retry", show=False, tooltip="Thử lưu lại khi lưu lỗi"),
    ]

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """A notification shown as text (a unit name such as "Công ty [/] TNHH" in a message is not
        markup), its control characters escaped."""
        from .widgets.plain import plain_str

        super().notify(plain_str(str(message)), title=plain_str(str(title)), severity=severity, timeout=timeout,
                       markup=False)

    def format_title(self, title: str, sub_title: str):
        """The header's title (a unit's name on the walk), its control characters escaped."""
        from .widgets.plain import plain_str

        return super().format_title(plain_str(title), plain_str(sub_title))

    def get_system_commands(self, screen):
        """The palette's own entries, in Vietnamese (Textual's are English: Keys, Quit, Theme…)."""
        from textual.system_commands import SystemCommand

        yield SystemCommand("Phím", "Các phím của màn hình này (F1)", self.action_help)
        yield SystemCommand("Thoát", "Lưu nốt rồi thoát antq (Ctrl+Q)", self.action_quit)

    def action_command_palette(self) -> None:
        """The command palette, with a Vietnamese prompt."""
        from textual.command import CommandPalette

        from .commands import AntqCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(AntqCommandPalette())

    def __init__(self, config_path: Path, *, entry_points: bool = True) -> None:
        from .vietnamese import translate_textual

        translate_textual()  # before any widget copies its class's bindings
        super().__init__()
        self.config_path = Path(config_path)
        self.entry_points = entry_points
        self.workspace: Workspace | None = None
        self.session: Session | None = None  # opened just after the first paint
        self.startup_error: tuple[str, str] | None = None
        self._plugins_ready = asyncio.Event()
        self.data_ready = asyncio.Event()
        self.plugin_error = ""
        try:
            self.workspace = Workspace.open(self.config_path, entry_points=entry_points)
        except ConfigError as exc:
            self.startup_error = ("Tệp cấu hình config.toml bị lỗi", str(exc))

    async def on_event(self, event) -> None:
        """Keys go one at a time, each to its end, so a burst is neither reordered nor lost (.key_order)."""
        from .key_order import KeyOrder

        if self.__dict__.get("key_order") is None:
            self.key_order = KeyOrder(self)
        if not self.key_order.take(event):
            await super().on_event(event)

    # -- start ------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.startup_error is not None:
            from .screens.dialogs import StartupErrorScreen

            self.push_screen(StartupErrorScreen(*self.startup_error))
            return
        from .screens.setup import SetupScreen, first_run_needed

        if first_run_needed(self.workspace):  # no real team or no database yet: the setup, before anything
            self.push_screen(SetupScreen())  # it calls open_home() once config.toml and the data folder are made
            return
        self.open_home()

    def open_home(self) -> None:
        from .screens.home import HomeScreen

        # paint the home screen first; the storage layer (sqlite-utils) is imported in a thread
        # meanwhile, and the database opens as soon as it is there
        if len(self.screen_stack) > 1:
            self.switch_screen(HomeScreen())
        else:
            self.push_screen(HomeScreen())
        self.call_after_refresh(self._import_storage)

    def _import_storage(self) -> None:
        self.run_worker(self._import_storage_work, name="import-storage", group="import-storage", thread=True,
                        exclusive=True, exit_on_error=False)

    def _import_storage_work(self) -> None:
        try:
            from .. import services, storage  # noqa: F401
        except Exception:  # _open_data imports it again and shows what is wrong
            pass
        try:
            self.call_from_thread(self._open_data)
        except RuntimeError:  # the app has already closed
            pass

    def _open_data(self) -> None:
        from .session import Session, describe_store_error

        try:
            session = Session(self, self.workspace, on_queued=self._saving)
        except Exception as exc:
            from .screens.dialogs import StartupErrorScreen

            self.startup_error = ("Không mở được cơ sở dữ liệu", describe_store_error(exc, self.workspace.db_path))
            self.switch_screen(StartupErrorScreen(*self.startup_error))
            return
        self.session = session
        session.start()
        self.data_ready.set()
        self.screen.post_message(DataReady())
        # after the screen has shown what DataReady brings (its queue runs in order), not competing with it
        self.screen.call_after_refresh(self._start_plugins)

    def _start_plugins(self) -> None:
        self.run_worker(self._load_plugins, name="plugins", group="plugins", thread=True,
                        exclusive=True, exit_on_error=False)
        self.run_worker(self._daily_backup, name="backup", group="backup", thread=True,
                        exclusive=True, exit_on_error=False)

    def _daily_backup(self) -> None:
        """Once a day the app is used, a consistent copy of the database goes to inspections/backups/."""
        try:
            from ..services import maintenance

            with self.session.thread_context() as ctx:  # this thread's own connection
                warning = maintenance.daily_backup(ctx).warning  # never raises: a full disk is a warning
        except Exception as exc:  # the database went away under us; the home screen says so
            warning = f"Không sao lưu được cơ sở dữ liệu hôm nay: {exc}"
        if warning:
            self.call_from_thread(self.notify, warning, title="Sao lưu", severity="warning", timeout=10)

    def _load_plugins(self) -> None:
        for warning in self.workspace.config.warnings:  # a typo in config.toml: said, never fatal
            self.call_from_thread(self.notify, warning, title="config.toml", severity="warning", timeout=15)
        self.workspace.on_slow_plugin = lambda line: self.call_from_thread(
            self.notify, line, title="Đang nạp plugin", timeout=10)
        try:
            registry = self.workspace.registry
            problems = len(registry.problems)
        except Exception as exc:  # the loader reports plugins one by one; this is a last resort
            self.plugin_error = f"{type(exc).__name__}: {exc}"
            problems = -1
        self.call_from_thread(self._plugins_loaded, problems)

    def _plugins_loaded(self, problems: int) -> None:
        self._plugins_ready.set()
        if problems < 0:
            self.notify(f"Không nạp được plugin: {self.plugin_error}", title="Lỗi plugin", severity="error",
                        timeout=15)
        elif problems:
            self.notify(f"{problems} plugin (hoặc phần plugin) bị lỗi, đã bỏ qua. Bấm p ở màn hình chính để xem.",
                        title="Plugin lỗi", severity="warning", timeout=10)

    async def registry(self):
        """The plugins' registry, once loaded (waits for the loading worker)."""
        await self._plugins_ready.wait()
        return self.workspace.registry

    def today(self) -> dt.date:
        """Today's date (one place, so that tests can fix it)."""
        return dt.date.today()

    @property
    def plugins_loaded(self) -> bool:
        return self._plugins_ready.is_set()

    # -- saving -----------------------------------------------------------------------------------

    def _saving(self) -> None:
        """A write was queued: the current screen's status line says so (and again when it is written)."""
        status = self._status()
        if status is not None:
            status.saving()

    def _status(self):
        from .widgets.status import SaveStatus

        try:
            return self.screen.query_one(SaveStatus)
        except Exception:
            return None

    def on_save_done(self, message: SaveDone) -> None:
        status = self._status()
        if message.result.ok:
            if status is not None and not self.session.failed:
                status.saved(message.result.when)
        else:
            if status is not None:
                status.failed(message.result.error)
            self.notify(f"Chưa lưu được: {message.result.error}\nDữ liệu vẫn còn trên màn hình.",
                        title="LỖI LƯU", severity="error", timeout=10)

    async def wait_saved(self, timeout: float = 10.0) -> bool:
        """Wait until every queued save was tried; True when nothing is pending."""
        if self.session is None:
            return True
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while self.session.pending and loop.time() < end:
            await asyncio.sleep(0.02)
        return not self.session.pending

    def action_retry_saves(self) -> None:
        if self.session is not None and self.session.retry():
            self.notify("Đang thử lưu lại…")
        else:
            self.notify("Mọi thay đổi đã được lưu.")

    async def action_quit(self) -> None:
        await self.wait_saved(5.0)
        if self.session is not None and (self.session.failed or self.session.pending):
            from .screens.dialogs import ConfirmDialog

            def answered(leave: bool | None) -> None:
                if leave:
                    self.exit()

            self.push_screen(ConfirmDialog("Còn thay đổi CHƯA LƯU ĐƯỢC vào cơ sở dữ liệu. Vẫn thoát và bỏ chúng?",
                                           yes="Thoát", no="Ở lại"), answered)
            return
        self.exit()

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()

    # -- one-line inputs ---------------------------------------------------------------------------

    def on_input_blurred(self, event) -> None:
        """A one-line field left shows its text from the start ("Phó Trưởng Công an huyện", not "…Trưởng
        Công an huyện"): only the view scrolls, the cursor stays where the typing left it."""
        event.input.scroll_to(x=0, animate=False, immediate=True)

    # -- help -------------------------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def show_error(self, title: str, message: str) -> None:
        from .screens.dialogs import MessageDialog

        self.push_screen(MessageDialog(title, message, error=True))


def run_app(config_path: Path) -> None:
    AntqApp(config_path).run()
