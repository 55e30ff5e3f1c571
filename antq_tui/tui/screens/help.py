"""F1 or ?: the keys of the screen underneath, read from its bindings (the same list the footer shows)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen

from ..widgets.plain import DataTable, Label, Static

#: what each screen is for, shown above its keys
SCREEN_HELP_ATTR = "HELP"


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Đóng", id="close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under
        rows: dict[tuple[str, str], list] = {}
        for key, active in under.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            ident = (binding.action, binding.description)
            if ident in rows:  # several keys for one action: list them together
                rows[ident][0] += ", " + _key_label(key)
            else:
                rows[ident] = [_key_label(key), binding.description, binding.tooltip]
        self.rows = [tuple(r) for r in rows.values()]

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Label(f"Phím — {getattr(self.under, 'TITLE_VI', '') or 'màn hình này'}", id="help-title")
            text = getattr(self.under, SCREEN_HELP_ATTR, "")
            if text:
                yield Static(text, id="help-text")
            table: DataTable[Any] = DataTable(cursor_type="row", zebra_stripes=True, id="help-keys")
            table.add_columns("Phím", "Việc", "Ghi chú")
            for row in self.rows:
                table.add_row(*row)
            yield table
            yield Static("Ctrl+P: tìm lệnh theo tên · Esc: đóng", id="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)


_NAMES = {
    "question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space", "pagedown": "PgDn",
    "pageup": "PgUp", "tab": "Tab", "slash": "/", "delete": "Del", "up": "↑", "down": "↓",
    "left": "←", "right": "→", "plus": "+", "minus": "-", "full_stop": ".", "comma": ",",
    "left_square_bracket": "[", "right_square_bracket": "]", "home": "Home", "end": "End", "backspace": "Backspace",
}


def _key_label(key: str) -> str:
    parts = key.split("+")
    out = []
    for p in parts:
        if p in _NAMES:
            out.append(_NAMES[p])
        elif p.startswith("f") and p[1:].isdigit():
            out.append(p.upper())
        elif p in ("ctrl", "shift", "alt"):
            out.append(p.capitalize())
        else:
            out.append(p)
    return "+".join(out)
