"""The command palette offers what the current screen can do: every shown binding is a command.

So the footer, the help screen (F1 / ?) and the palette (Ctrl+P) always agree: they all read the
same ``BINDINGS``.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.markup import escape

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
