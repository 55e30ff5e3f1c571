"""The command palette offers what the current screen can do: every shown binding is a command.

So the footer, the help screen (F1 / ?) and the palette (Ctrl+P) always agree: they all read the
same ``BINDINGS``.
"""

from __future__ import annotations

from functools import partial

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.markup import escape
from textual.widgets.option_list import Option

from ..folding import fold


class ScreenCommands(Provider):
    """Commands for the screen the palette was opened from."""

    def _commands(self) -> list[tuple[str, str, DOMNode, str, str]]:
        seen: set[str] = set()
        found: list[tuple[str, str, DOMNode, str, str]] = []
        for _key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            if binding.action in ("command_palette",):
                continue
            if type(active.node).__module__.startswith("textual."):
                # a Textual widget's own keys (cursor up, page down…): in the help screen, not commands
                continue
            seen.add(binding.action)
            shown = self.app.get_key_display(binding)
            found.append((binding.description, binding.tooltip or binding.description, active.node, binding.action,
                          shown))
        return found

    async def discover(self) -> Hits:
        for title, help_text, node, action, key in self._commands():
            yield DiscoveryHit(escape(f"{title}  [{key}]"), partial(self.app.run_action, action, node), help=help_text)

    async def search(self, query: str) -> Hits:
        # folded, so that "khong dat" finds "Không đạt"
        matcher = self.matcher(fold(query))
        for title, help_text, node, action, key in self._commands():
            score = matcher.match(fold(f"{title} {help_text}"))
            if score > 0:
                yield Hit(score, escape(f"{title}  [{key}]"), partial(self.app.run_action, action, node), help=help_text)


class AntqCommandPalette(CommandPalette):
    """The palette with a Vietnamese prompt and a Vietnamese "no match"."""

    def __init__(self) -> None:
        super().__init__(id="--command-palette", placeholder="Tìm lệnh… (gõ không dấu cũng được)")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own adds an English "No matches found"; same timing, Vietnamese text
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text("Không có lệnh nào khớp", style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
