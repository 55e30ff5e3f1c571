"""An input field of a criterion or an eligibility condition, validated as the thư ký types."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Input

from ...criteria import Field, FieldValueError
from .plain import Label, Static


def raw_text(field: Field, value: Any) -> str:
    """What to put back in the input for a stored value (so "1.234" is not typed back as "1.234 vụ")."""
    if value is None or value == "":
        return ""
    if field.type == "integer":
        return str(value)
    return field.display(value)


class FieldInput(Vertical):
    """Label, a one-line input and, under it, the Vietnamese message when the value cannot be read."""

    DEFAULT_CSS = """
    FieldInput { height: auto; margin: 0 0 0 0; }
    FieldInput > Horizontal { height: 1; }
    FieldInput Label.field-label { width: 1fr; }
    FieldInput > Horizontal { padding-left: 2; }
    FieldInput Input { width: 1fr; max-width: 24; background: $boost; }
    FieldInput .field-unit { width: auto; padding: 0 1; color: $text-muted; }
    FieldInput .field-error { color: $error; text-style: bold; height: auto; display: none; }
    FieldInput.-invalid .field-error { display: block; }
    FieldInput .field-help { color: $text-muted; height: auto; padding-left: 2; }
    FieldInput .field-choices { color: $text-muted; height: auto; padding-left: 2; display: none; }
    FieldInput:focus-within { height: auto; }  /* so that Textual restyles the hint below on focus */
    FieldInput:focus-within .field-choices, FieldInput.-invalid .field-choices { display: block; }
    """

    class Parsed(Message):
        """A field now holds a value that could be read (None when emptied)."""

        def __init__(self, field_input: FieldInput, value: Any) -> None:
            super().__init__()
            self.field_input = field_input
            self.value = value

        @property
        def control(self) -> FieldInput:
            return self.field_input

    def __init__(self, field: Field, value: Any = None, *, disabled: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, disabled=disabled)
        self.field = field
        self.value = value
        self.error = ""
        self._initial = raw_text(field, value)

    def compose(self) -> ComposeResult:
        f = self.field
        placeholder = {"integer": "số", "date": "dd/mm/yyyy", "yesno": "có / không", "choice": "gõ vài chữ…"}
        suggester = SuggestFromList(list(f.choices) or ["Có", "Không"], case_sensitive=False) if f.type in (
            "choice", "yesno") else None
        yield Label(f.label + ("" if f.required else " (không bắt buộc)"), classes="field-label")
        with Horizontal():
            yield Input(self._initial, placeholder=placeholder.get(f.type, ""), compact=True, suggester=suggester,
                        select_on_focus=False, id=f"in-{f.id}")
            if f.unit:
                yield Static(f.unit, classes="field-unit")
        if f.type == "choice":  # whole and wrapped under the input, while it is being filled
            yield Static("Chọn: " + " / ".join(f.choices), classes="field-choices")
        if f.help:
            yield Static(f.help, classes="field-help")
        yield Static("", classes="field-error")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            value = self.field.parse(event.value)
        except FieldValueError as exc:
            self.error = str(exc)
            kept = f" Đang lưu giá trị trước: {self.field.display(self.value)}." if self.value is not None else ""
            self.query_one(".field-error", Static).update(f"⚠ {exc}{kept}")
            self.add_class("-invalid")
            return
        self.error = ""
        self.remove_class("-invalid")
        self.query_one(".field-error", Static).update("")
        if value != self.value:
            self.value = value
            self.post_message(self.Parsed(self, value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()
