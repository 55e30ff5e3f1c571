"""Registration: the year's list of units registered to build the model, its deadline, the minimum
selection still missing; add a unit (name, date, note) or take one off."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Input

from ...vnformat import format_date, parse_date
from ..widgets.footer import AntqFooter
from ..widgets.plain import DataTable, Label, Static
from .base import AntqScreen


class RegistrationScreen(AntqScreen):
    CSS_PATH = "registration.tcss"
    AUTO_FOCUS = "#reg-list"
    TITLE_VI = "Đăng ký xây dựng điển hình"
    HELP = ("Danh sách đơn vị đăng ký xây dựng điển hình của năm, hạn đăng ký (do plugin khai báo) và chỉ tiêu "
            "lựa chọn còn thiếu. n để gõ tên đơn vị, ngày đăng ký, ghi chú, rồi Ctrl+S để ghi; Delete bỏ đơn vị "
            "đang chọn; [ ] đổi năm.")
    BINDINGS = [
        Binding("n", "add", "Thêm", id="registration.add", tooltip="Gõ tên đơn vị cần ghi vào danh sách"),
        Binding("ctrl+s", "save", "Ghi", id="registration.save", tooltip="Ghi đơn vị vào danh sách đăng ký"),
        Binding("delete", "remove", "Bỏ", id="registration.remove", tooltip="Bỏ đơn vị đang chọn khỏi danh sách"),
        Binding("left_square_bracket", "year(-1)", "Năm trước", id="registration.prev_year", tooltip="Năm trước"),
        Binding("right_square_bracket", "year(1)", "Năm sau", id="registration.next_year", tooltip="Năm sau"),
        Binding("escape", "back", "Về", id="registration.back", tooltip="Quay lại"),
    ]

    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year
        self.entries: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="reg-deadline")
        table: DataTable[Any] = DataTable(id="reg-list", cursor_type="row", zebra_stripes=True)
        table.add_column("Đơn vị", key="unit", width=30)
        table.add_column("Loại", key="kind", width=14)
        table.add_column("Ngày ĐK", key="date", width=10)
        table.add_column("Ghi chú", key="note", width=14)
        yield table
        yield Static("", id="reg-unmet")
        with Horizontal(classes="row"):
            yield Label("Đơn vị", classes="label")
            yield Input(placeholder="tên đơn vị (không cần dấu)", id="reg-unit", compact=True)
        with Horizontal(classes="row"):
            yield Label("Ngày ĐK", classes="label")
            yield Input(self._default_date(), placeholder="dd/mm/yyyy", id="reg-date", compact=True, classes="date")
            yield Label("Ghi chú", classes="label-short")
            yield Input(placeholder="số văn bản đăng ký…", id="reg-note", compact=True)
        yield AntqFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.sub_title = f"Năm {self.year}"
        self.title = "Đăng ký xây dựng điển hình"
        table = self.query_one("#reg-list", DataTable)
        table.clear()
        if self.session is None:
            return
        try:
            data = self.session.registrations(self.year, self.antq.today())
        except Exception as exc:
            self.antq.show_error("Không đọc được danh sách đăng ký", str(exc))
            return
        self.entries = data.entries
        for e in data.entries:
            r = e.registration
            table.add_row(r.unit.name, r.unit.kind_label, format_date(r.registered_on) + (" *" if e.late else ""),
                          r.note or "—", key=r.unit.id)
        count = f"Năm {self.year}: {len(data.entries)} đơn vị đăng ký · {data.deadline_label}"
        if any(e.late for e in data.entries):
            count += " (* sau hạn)"
        self.query_one("#reg-deadline", Static).update(count)
        self.query_one("#reg-unmet", Static).update(
            "\n".join(f"Chưa đạt: {line}" for line in data.unmet) if data.unmet else "")

    def action_back(self) -> None:
        self.dismiss(None)  # home then reads its "Sắp đến hạn" line again

    def action_add(self) -> None:
        self.query_one("#reg-unit", Input).focus()

    def _default_date(self) -> str:
        """Today in this year's list; a past year's list waits for the date typed."""
        today = self.antq.today()
        return format_date(today) if today.year == self.year else ""

    def action_year(self, step: int) -> None:
        self.year += step
        self.query_one("#reg-date", Input).value = self._default_date()
        self.reload()

    def action_save(self) -> None:
        from ...services import ServiceError

        unit = self.query_one("#reg-unit", Input)
        date_input = self.query_one("#reg-date", Input)
        note = self.query_one("#reg-note", Input)
        if not date_input.value.strip():
            self.notify("Gõ ngày đơn vị đăng ký (dd/mm/yyyy).", severity="error")
            date_input.focus()
            return
        try:
            date = parse_date(date_input.value)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            date_input.focus()
            return
        try:
            done = self.session.register(unit.value, self.year, date, note.value, self.antq.today())
        except ServiceError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            unit.focus()
            return
        unit.value = ""
        note.value = ""  # the date stays: several units are often typed from one day's letters
        self.notify(done.message, severity="warning" if done.late else "information")
        self.reload()
        unit.focus()

    def action_remove(self) -> None:
        from ...services import ServiceError

        table = self.query_one("#reg-list", DataTable)
        if not table.row_count:
            self.notify("Chưa có đơn vị nào trong danh sách.", severity="warning")
            return
        unit_id = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        try:
            self.notify(self.session.unregister(str(unit_id), self.year))
        except ServiceError as exc:
            self.notify(str(exc), severity="error")
        self.reload()
