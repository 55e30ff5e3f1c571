"""Small modal dialogs: a message, a yes/no question, a one-line prompt; and the startup error screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input

from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static


class MessageDialog(ModalScreen[None]):
    """A message (an error shown in red) that Enter or Esc closes."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape,enter", "dismiss", "Đóng", id="close")]

    def __init__(self, title: str, message: str, *, error: bool = False) -> None:
        super().__init__(classes="-error" if error else "")
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.message, markup=False)
            yield AntqFooter()

    def action_dismiss(self, result=None) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question: y (or Enter on the button) answers yes, n or Esc answers no."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y,c", "answer(True)", "Đồng ý", id="yes"),
        Binding("n,k,escape", "answer(False)", "Không", id="no"),
    ]

    def __init__(self, question: str, *, yes: str = "Đồng ý", no: str = "Không", title: str = "Xác nhận") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.question, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class PromptDialog(ModalScreen[str | None]):
    """One line of text. ``check(text)`` returns an error message (shown inline) or "" when fine."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Hủy", id="cancel")]

    def __init__(self, title: str, label: str, *, placeholder: str = "", value: str = "",
                 check: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.label = label
        self.placeholder = placeholder
        self.value = value
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.label)
            yield Input(self.value, placeholder=self.placeholder, id="prompt")
            yield Static("", id="prompt-error", classes="dialog-error")
            yield Static("Enter: đồng ý · Esc: hủy", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.check(event.value) if self.check else ""
        if error:
            self.query_one("#prompt-error", Static).update(f"⚠ {error}")
            return
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StartupErrorScreen(Screen):
    """Shown instead of a traceback when the workspace cannot be opened."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("q,escape", "app.exit", "Thoát", id="quit")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="startup-error"):
            yield Label(f"⚠ {self.title_text}", classes="dialog-title")
            yield Static(self.message, markup=False, id="startup-message")
            yield Static("Sửa lỗi trên rồi mở lại antq. Không có dữ liệu nào bị thay đổi.", classes="dialog-hint")
        yield AntqFooter()
