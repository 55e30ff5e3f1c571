"""What every antq screen shares: access to the app's workspace, data and saver, and the help key."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from ..app import AntqApp


class AntqScreen(Screen):
    """A full screen of antq. ``TITLE_VI`` names it in the help screen, ``HELP`` says what it is for."""

    TITLE_VI = ""
    HELP = ""

    @property
    def antq(self) -> "AntqApp":
        return self.app  # type: ignore[return-value]

    @property
    def data(self) -> Any:
        return self.antq.store

    @property
    def user(self) -> str:
        return self.antq.workspace.config.current_user
