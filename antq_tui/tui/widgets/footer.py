"""The footer every screen shows: compact, so that a screen's keys fit in 80 columns."""

from __future__ import annotations

from textual.widgets import Footer


class AntqFooter(Footer):
    def __init__(self) -> None:
        # the palette (Ctrl+P) is named in the help screen (F1 / ?) instead: 80 columns are precious
        super().__init__(compact=True, show_command_palette=False)
