"""The unit's recognition dossier of the year (from the summary, ``d``): the tờ trình or đề xuất, the
báo cáo kết quả xây dựng and the biên bản họp xét, each with its số, ngày and a file. The số and ngày
are saved as typed (a date once it reads as dd/mm/yyyy); a file path is copied in on Enter. ``p``
writes the Biên bản họp xét to fill in at the unit's meeting, ``l`` the Danh sách annex."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Input

from ...inspection import Inspection
from ...vnformat import parse_date
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static
from ..widgets.status import SaveStatus
from .base import AntqScreen

#: an example number of each paper, in the placeholder
EXAMPLES = {"to_trinh": "12/TTr-UBND", "bao_cao": "45/BC-UBND", "bien_ban": "03/BB-UBND"}


class ItemBlock(Vertical):
    """One paper of the dossier: its name, số, ngày, file."""

    def __init__(self, item: Any) -> None:
        super().__init__(classes="item", id=f"item-{item.item}")
        self.item = item

    def compose(self) -> ComposeResult:
        yield Static("", classes="item-title")
        with Horizontal(classes="item-row"):
            yield Label("Số:")
            yield Input(self.item.number, placeholder=f"số, ký hiệu (ví dụ {EXAMPLES.get(self.item.item, '12')})",
                        compact=True,
                        select_on_focus=False, classes="item-number")
            yield Label(" Ngày:")
            yield Input(self.item.date_label, placeholder="dd/mm/yyyy", compact=True, select_on_focus=False,
                        classes="item-date")
        with Horizontal(classes="item-row"):
            yield Label("Tệp:")
            yield Input("", placeholder="đường dẫn tệp, Enter để chép vào", compact=True, select_on_focus=False,
                        classes="item-file")
        yield Static("", classes="item-file-line")
        yield Static("", classes="item-error")

    def on_mount(self) -> None:
        self.show(self.item)
        self.set_error("")

    def set_error(self, text: str) -> None:
        """A Vietnamese reason under the paper (nothing typed is cleared), or none."""
        line = self.query_one(".item-error", Static)
        line.update(f"⚠ {text}" if text else "")
        line.display = bool(text)

    def show(self, item: Any) -> None:
        self.item = item
        mark = ("✓ ", "bold green") if item.complete else ("○ ", "yellow")
        title = Text.assemble(mark, (item.label, "bold"))
        if not item.complete:
            title.append(f" — thiếu {', '.join(item.missing)}", style="yellow")
        self.query_one(".item-title", Static).update(title)
        from ...vnformat import human_size

        self.query_one(".item-file-line", Static).update(
            f"Tệp đã kèm: {item.file_name} ({human_size(item.file_size)})" if item.file_name else "Chưa kèm tệp.")


class DossierScreen(AntqScreen):
    CSS_PATH = "dossier.tcss"
    TITLE_VI = "Hồ sơ đề nghị công nhận"
    HELP = ("Hồ sơ đơn vị gửi để được xét, công nhận: tờ trình hoặc đề xuất, báo cáo kết quả xây dựng, biên bản "
            "họp xét; mỗi mục cần số, ngày và tệp. Số và ngày được lưu ngay khi gõ; gõ đường dẫn tệp rồi Enter để "
            "chép tệp vào. p: xuất mẫu biên bản họp xét; l: xuất danh sách kèm theo.")
    BINDINGS = [
        Binding("p", "paper", "BB họp xét", id="dossier.paper", tooltip="Xuất mẫu Biên bản họp xét (PDF, Word)"),
        Binding("l", "annex", "Danh sách", id="dossier.annex",
                tooltip="Xuất danh sách kỷ luật, vi phạm, đơn thư, mất đoàn kết (PDF)"),
        Binding("escape", "back", "Về", id="dossier.back", tooltip="Về màn hình tổng hợp"),
    ]

    def __init__(self, inspection: Inspection) -> None:
        super().__init__()
        self.inspection = inspection
        self.unit = inspection.unit
        self.year = inspection.year

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dossier"):
            yield Static("", id="dossier-status")
            for item in self.session.dossier(self.unit, self.year).items:
                yield ItemBlock(item)
        yield SaveStatus("Số, ngày được lưu ngay khi gõ.")
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = self.unit.name
        self.sub_title = f"Năm {self.year} · Hồ sơ đề nghị công nhận"
        self._status()
        self.query_one("#dossier").focus()

    def _status(self, found: Any = None) -> None:
        found = found or self.session.dossier(self.unit, self.year)
        style = "bold green" if found.complete else "bold yellow"
        self.query_one("#dossier-status", Static).update(Text.assemble(
            (f"{self.unit.name}", "bold"), f" · năm {self.year} · ",
            (f"{found.done}/{len(found.items)} mục đủ số, ngày, tệp", style)))

    def on_input_changed(self, event: Input.Changed) -> None:
        block = event.input.query_ancestor(ItemBlock)
        error = block.set_error
        if event.input.has_class("item-number"):
            if event.value != block.item.number:
                self.session.save_dossier_item(self.unit, self.year, block.item.item, "number", event.value)
        elif event.input.has_class("item-date"):
            text = event.value.strip()
            if text:
                try:
                    day = parse_date(text)
                except ValueError as exc:
                    error(str(exc))
                    return
                if day == block.item.date:
                    error("")
                    return
            elif block.item.date is None:
                error("")
                return
            error("")
            self.session.save_dossier_item(self.unit, self.year, block.item.item, "date", text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.input.has_class("item-file"):
            self.focus_next()
            return
        block = event.input.query_ancestor(ItemBlock)
        path = event.value.strip()
        if not path:
            return
        self.run_worker(self._attach_file(block, event.input, path), exclusive=True, group="dossier-file",
                        exit_on_error=False)

    async def _attach_file(self, block: ItemBlock, field: Input, path: str) -> None:
        error = block.set_error
        if not await self.antq.wait_saved():  # the số and ngày typed before go first
            error("Còn thay đổi chưa lưu được; Ctrl+S để thử lại.")
            return
        try:
            item = self.session.set_dossier_item(self.unit, self.year, block.item.item, file=path)
        except Exception as exc:  # the reason in Vietnamese; the typed path stays in the field
            error(str(exc))
            return
        error("")
        field.value = ""
        block.show(item)
        self._status()
        self.notify(f"Đã kèm tệp {item.file_name}.", title="Hồ sơ")

    def on_screen_resume(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        found = self.session.dossier(self.unit, self.year)
        for block in self.query(ItemBlock):
            block.show(found.item(block.item.item))
        self._status(found)

    def on_descendant_blur(self, event: Any) -> None:
        if isinstance(event.widget, Input) and not event.widget.has_class("item-file"):
            self.run_worker(self._saved_then_refresh(), group="dossier-refresh", exclusive=True, exit_on_error=False)

    async def _saved_then_refresh(self) -> None:
        if await self.antq.wait_saved():
            self._refresh()

    # -- actions ----------------------------------------------------------------------------------

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#dossier").focus()
            return
        self.app.pop_screen()

    def action_paper(self) -> None:
        self._write("Biên bản họp xét", "paper")

    def action_annex(self) -> None:
        self._write("Danh sách kèm theo", "annex")

    def _write(self, what: str, kind: str) -> None:
        from .dialogs import MessageDialog

        app = self.antq
        inspection_id = self.inspection.id
        app.notify(f"Đang xuất {what.lower()}…", timeout=3)

        def done(messages: list[str]) -> None:
            app.push_screen(MessageDialog(f"Đã xuất {what.lower()}", "\n".join(messages)))

        def work() -> None:
            try:
                messages = app.session.write_dossier_paper(inspection_id, kind)
            except Exception as exc:  # shown in a dialog, never a traceback
                app.call_from_thread(app.show_error, f"Không xuất được {what.lower()}", str(exc))
                return
            app.call_from_thread(done, messages)

        self.run_worker(work, name="dossier-paper", group="dossier-paper", thread=True, exclusive=True,
                        exit_on_error=False)
