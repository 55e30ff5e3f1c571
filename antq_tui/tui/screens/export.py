"""Exporting the minutes, from home or the summary: ``e`` asks PDF or Word (:class:`ChoiceDialog`),
then the export runs in a thread worker (WeasyPrint or docxtpl is imported only then), through the
service :func:`antq_tui.services.minutes.export` with this thread's own context (a finalized
inspection's recorded file is never overwritten: a new export takes the next free name); the result
(where the file went) or the failure is shown in a dialog."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button

from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static

#: the formats of the minutes: (key, label, value)
MINUTES_FORMATS = (("p", "PDF để in", "pdf"), ("w", "Word (.docx) để sửa", "docx"))
#: the office's papers as Word files, from the statistics screen (the kind its export takes)
OFFICE_WORD_CHOICES = (("p", "Biểu thống kê", "pdf"), ("b", "Báo cáo", "bao_cao"), ("t", "Tờ trình", "to_trinh"))


class ChoiceDialog(ModalScreen[str | None]):
    """One of a few choices, each with its key (``p`` PDF, ``w`` Word…); Enter takes the focused button,
    Esc cancels."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CSS = "ChoiceDialog { align: center middle; background: $background 60%; }"
    BINDINGS = [Binding("escape", "cancel", "Hủy", id="cancel")]

    def __init__(self, title: str, question: str, choices: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.question, markup=False)
            with Horizontal(classes="dialog-buttons"):
                for i, (key, label, value) in enumerate(self.choices):
                    yield Button(f"{label} ({key})", variant="primary" if i == 0 else "default", id=f"choice-{value}")
            yield AntqFooter()

    def on_key(self, event: events.Key) -> None:
        for key, _label, value in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)


def path_on_its_own_lines(message: str, path: Path | str) -> str:
    """``message`` with ``path`` moved to lines of its own: the file name whole on one line, its folder
    on the next, so a narrow dialog or toast never breaks the name mid-word (``.pd`` / ``f``)."""
    path = Path(path)
    block = f"\n{path.name}\n(thư mục {path.parent})\n"
    out = re.sub(r"[ \t]*" + re.escape(str(path)) + r"\.?[ \t]*", lambda _m: block, message)
    return out.strip()


def _exporter():
    """The minutes export of the services, or None when this build does not have the renderer."""
    try:
        from ...minutes.render import export_minutes  # noqa: F401  (Jinja2/WeasyPrint present?)
        from ...services import minutes
    except ImportError:
        return None
    return minutes.export


def start_export(screen, inspection_id: str, fmt: str | None = None) -> None:
    """Export the minutes of ``inspection_id`` as ``fmt`` ("pdf", "docx"); asks which when None."""
    app = screen.app
    if fmt is None:
        def chosen(value: str | None) -> None:
            if value:
                start_export(screen, inspection_id, value)

        app.push_screen(ChoiceDialog("Xuất biên bản", "Xuất biên bản ra tệp nào?", MINUTES_FORMATS), chosen)
        return
    if _exporter() is None:
        app.show_error("Chưa có chức năng xuất biên bản",
                       "Bản antq này chưa có phần xuất biên bản (PDF). Dữ liệu đã được lưu đầy đủ; "
                       "khi cập nhật antq có phần này, bấm e để xuất.")
        return
    app.notify("Đang xuất biên bản…", timeout=3)

    def done(result: Any) -> None:
        from .dialogs import MessageDialog

        path = getattr(result, "path", result)
        message = getattr(result, "message", "")
        app.push_screen(MessageDialog("Đã xuất biên bản", path_on_its_own_lines(message or f"Tệp: {path}", path)))

    def failed(message: str) -> None:
        app.show_error("Không xuất được biên bản", message)

    def work() -> None:
        try:
            # the service records a finalized inspection's file and never overwrites a recorded one
            with app.session.thread_context() as ctx:
                result = _exporter()(ctx, inspection_id, docx=fmt == "docx")
        except Exception as exc:  # shown in a dialog, never a traceback
            app.call_from_thread(failed, str(exc) or type(exc).__name__)
            return
        app.call_from_thread(done, result)

    screen.run_worker(work, name="export", group="export", thread=True, exclusive=True, exit_on_error=False)
