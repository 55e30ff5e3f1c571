"""One record the unit shows: ticked as seen, with its number (số, ký hiệu) and date."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Checkbox, Input

from ...inspection import EvidenceSeen
from ...vnformat import format_date, parse_date
from .plain import Label, Static


class SeenBox(Checkbox):
    """A checkbox drawn as ``[x]`` / ``[ ]`` in three columns, whatever the terminal's font.

    Textual's compact checkbox pads an empty label, so at three columns it showed ``▐X…``. Space,
    Enter and a click toggle it; it posts :class:`Checkbox.Changed` like any checkbox.
    """

    DEFAULT_CSS = """
    SeenBox, SeenBox:focus, SeenBox.-textual-compact:focus {
        width: 3; height: 1; border: none; padding: 0; background: transparent; background-tint: transparent;
    }
    """

    def render(self) -> Text:
        mark = Text("x", style="bold green") if self.value else Text(" ")
        box = Text.assemble("[", mark, "]")
        if self.has_focus:
            box.stylize("reverse")
        return box

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return 3


class EvidenceRow(Vertical):
    """``[x]`` with the record's text wrapping beside it, then "Số:" and "Ngày:" on one line.

    Typing a number or a date ticks the record as seen: nobody writes down the number of a record
    they did not see.
    """

    DEFAULT_CSS = """
    EvidenceRow { height: auto; }
    EvidenceRow SeenBox { margin-right: 1; }
    EvidenceRow .ev-item { height: auto; }
    EvidenceRow .ev-text { width: 1fr; height: auto; }
    EvidenceRow .ev-fields { height: 1; padding-left: 4; }
    EvidenceRow Input { background: $boost; }
    EvidenceRow Label { width: auto; padding-right: 1; color: $text-muted; }
    EvidenceRow Input.ev-number { width: 1fr; max-width: 24; }
    EvidenceRow Input.ev-date { width: 13; }
    EvidenceRow .ev-error { color: $error; text-style: bold; padding-left: 4; height: auto; display: none; }
    EvidenceRow.-invalid .ev-error { display: block; }
    """

    class Changed(Message):
        def __init__(self, row: EvidenceRow) -> None:
            super().__init__()
            self.row = row

        @property
        def control(self) -> EvidenceRow:
            return self.row

    def __init__(self, index: int, seen: EvidenceSeen, *, disabled: bool = False) -> None:
        super().__init__(disabled=disabled)
        self.index = index
        self.seen = replace(seen)
        self.toggled = False  # the last change was a tick of the box (not typing in số / ngày)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="ev-item"):
            yield SeenBox("", self.seen.seen, compact=True, id=f"ev-seen-{self.index}")
            yield Static(self.seen.item, markup=False, classes="ev-text")
        with Horizontal(classes="ev-fields"):
            yield Label("Số:")
            yield Input(self.seen.number, placeholder="số, ký hiệu", compact=True, classes="ev-number",
                        select_on_focus=False)
            yield Label(" Ngày:")
            yield Input(format_date(self.seen.date), placeholder="dd/mm/yyyy", compact=True, classes="ev-date",
                        select_on_focus=False)
        yield Static("", classes="ev-error")

    def _changed(self, toggled: bool = False) -> None:
        self.toggled = toggled
        self.post_message(self.Changed(self))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value != self.seen.seen:
            self.seen.seen = event.value
            self._changed(toggled=True)

    def _tick(self) -> None:
        if not self.seen.seen:
            self.seen.seen = True
            with self.prevent(Checkbox.Changed):
                self.query_one(Checkbox).value = True

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.has_class("ev-number"):
            if event.value.strip() != self.seen.number:
                self.seen.number = event.value.strip()
                if self.seen.number:
                    self._tick()
                self._changed()
            return
        text = event.value.strip()
        error = ""
        date: dt.date | None = None
        if text:
            try:
                date = parse_date(text)
            except ValueError as exc:
                error = f"⚠ {exc}"
        self.query_one(".ev-error", Static).update(error)
        self.set_class(bool(error), "-invalid")
        if not error and date != self.seen.date:
            self.seen.date = date
            if date:
                self._tick()
            self._changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()
