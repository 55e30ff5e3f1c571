"""The Textual application. Screens live in :mod:`antq_tui.screens`; this module only starts them."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from .config import ConfigError
from .workspace import Workspace


class AntqApp(App):
    """antq's TUI (the home screen grows with the TUI issue)."""

    TITLE = "antq — kiểm tra điển hình phong trào toàn dân bảo vệ ANTQ"
    BINDINGS = [("q", "quit", "Thoát")]

    def __init__(self, config_path: Path):
        super().__init__()
        self.config_path = config_path
        self.workspace: Workspace | None = None
        self.startup_error: str | None = None
        try:
            self.workspace = Workspace.open(config_path)
        except ConfigError as exc:
            self.startup_error = str(exc)

    def compose(self) -> ComposeResult:
        yield Header()
        if self.startup_error:
            yield Static(f"[b]Không mở được không gian làm việc[/b]\n\n{self.startup_error}", id="startup-error")
        else:
            assert self.workspace is not None
            yield Static(f"Không gian làm việc: {self.workspace.root}", id="home")
        yield Footer()


def run_app(config_path: Path) -> None:
    AntqApp(config_path).run()
