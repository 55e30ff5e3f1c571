"""Thông tin cuộc kiểm tra: the visit's details after creation, as the minutes print them.

Date, start and end time ("kết thúc vào hồi …"), place, the minutes number, the team of this
inspection and the unit's representatives. Each change is saved at once through the saver; a date
or a time that cannot be read gets an inline message and is not saved. Read-only when finalized.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, Select

from ...config import Member
from ...folding import nfc
from ...inspection import Inspection
from ...vnformat import format_date, parse_date, parse_time
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static
from ..widgets.status import SaveStatus
from .base import AntqScreen
from .new_inspection import MemberRow

#: the times of the visit: the inspection's attribute (and the input's id) → its label
TIME_FIELDS = {"start_time": "Giờ bắt đầu", "end_time": "Giờ kết thúc"}


def minutes_number(text: str, suffix: str) -> str:
    """What the store keeps of "15/BB-ĐKT": "15" (the suffix comes from config.toml)."""
    value = nfc(text.strip())
    if suffix and value.endswith(f"/{suffix}"):
        value = value[: -len(suffix) - 1].strip()
    return value


def visit_line(inspection: Inspection, suffix: str) -> Text:
    """One line for the summary: times, place, minutes number (the date is on the line above)."""
    i = inspection
    text = Text(f"Giờ {i.start_time or '…'}–{i.end_time or '…'} · {i.place or 'địa điểm chưa ghi'} · "
                f"Số: {i.minutes_number or '…'}/{suffix}")
    if not i.finalized:
        missing = "giờ kết thúc" if not i.end_time else "số biên bản" if not i.minutes_number else ""
        text.append(f"  (i: ghi {missing})" if missing else "  (i: sửa)", style="yellow" if missing else "dim")
    return text


def _people(members: list[Member], team: bool) -> list[tuple[str, ...]]:
    """What a member row shows of each person (a representative has no rank or role)."""
    return [(m.name, m.rank, m.position, m.role) if team else (m.name, m.position) for m in members]


class VisitInfoScreen(AntqScreen):
    CSS_PATH = "visit.tcss"
    TITLE_VI = "Thông tin cuộc kiểm tra"
    HELP = ("Ngày, giờ bắt đầu và kết thúc, địa điểm, số biên bản, đoàn kiểm tra và đại diện đơn vị, như in "
            "trên biên bản. Sửa là lưu ngay; ngày dạng dd/mm/yyyy, giờ dạng HH:MM. Đã hoàn thành thì chỉ xem.")
    BINDINGS = [
        Binding("ctrl+t", "add_member", "Thêm t.viên", id="visit.add_member", tooltip="Thêm một thành viên đoàn"),
        Binding("ctrl+r", "add_rep", "Thêm đại diện", id="visit.add_rep", tooltip="Thêm một người đại diện đơn vị"),
        Binding("escape", "back", "Về", id="visit.back", tooltip="Quay lại (mọi thay đổi đã được lưu)"),
    ]

    def __init__(self, inspection: Inspection) -> None:
        super().__init__()
        self.inspection = inspection

    @property
    def suffix(self) -> str:
        return self.antq.workspace.config.minutes_number_suffix

    def compose(self) -> ComposeResult:
        i = self.inspection
        readonly = i.finalized
        yield Header()
        if readonly:
            yield Static("Cuộc kiểm tra đã hoàn thành: chỉ xem. Mở lại ở màn hình Tổng hợp (o).",
                         classes="readonly-banner")
        with VerticalScroll(id="visit"):
            with Horizontal(classes="row"):
                yield Label("Ngày", classes="label")
                yield Input(format_date(i.visit_date), placeholder="dd/mm/yyyy", id="visit_date", compact=True,
                            classes="date", disabled=readonly)
                yield Label("Từ", classes="label-short")
                yield Input(i.start_time, placeholder="HH:MM", id="start_time", compact=True, classes="time",
                            disabled=readonly)
                yield Label("đến", classes="label-short")
                yield Input(i.end_time, placeholder="HH:MM", id="end_time", compact=True, classes="time",
                            disabled=readonly)
            yield Static("", id="when-error", classes="field-error")
            with Horizontal(classes="row"):
                yield Label("Địa điểm", classes="label")
                yield Input(i.place, placeholder="Hội trường UBND xã …", id="place", compact=True, disabled=readonly)
            with Horizontal(classes="row"):
                yield Label("Số biên bản", classes="label")
                yield Input(i.minutes_number, placeholder="ví dụ 15", id="minutes_number", compact=True,
                            classes="number", disabled=readonly)
                yield Static("", id="number-preview", classes="preview")
            yield Static("Đoàn kiểm tra (xóa tên để bỏ người; Ctrl+T thêm người)", classes="section-title",
                         id="team-title")
            for m in i.team or [None]:
                yield MemberRow(m, team=True, disabled=readonly)
            yield Static("Đại diện đơn vị (Ctrl+R thêm người)", classes="section-title", id="reps-title")
            for m in i.representatives or [None]:
                yield MemberRow(m, team=False, disabled=readonly)
            yield Static("", id="visit-end")
        yield SaveStatus("Mọi thay đổi được lưu ngay." if not readonly else "Chỉ xem.")
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = self.inspection.unit.name
        self.sub_title = f"Năm {self.inspection.year} · Thông tin cuộc kiểm tra"
        self._show_number()
        if self.inspection.finalized:
            self.query_one(SaveStatus).add_class("-readonly")
            self.query_one("#visit").focus()
        else:
            self.query_one("#visit_date").focus()

    # -- checking and saving ------------------------------------------------------------------------

    def _save(self, values: dict) -> None:
        if self.inspection.finalized:
            return
        for key, value in values.items():
            setattr(self.inspection, key, value)  # the walk and the summary hold the same object
        self.session.update_visit(tuple(sorted(values)), self.inspection.id, values)

    def _when_error(self) -> None:
        """The date and times typed, checked; the message (or nothing) under them."""
        errors = []
        text = self.query_one("#visit_date", Input).value.strip()
        if text:
            try:
                parse_date(text)
            except ValueError as exc:
                errors.append(str(exc))
        times = {}
        for key, label in TIME_FIELDS.items():
            raw = self.query_one(f"#{key}", Input).value.strip()
            try:
                times[key] = parse_time(raw)
            except ValueError:
                errors.append(f"{label} cần dạng HH:MM (ví dụ 08:00), không phải “{raw}”.")
        if not errors and times.get("start_time") and times.get("end_time") and times["end_time"] < times["start_time"]:
            errors.append("Giờ kết thúc sớm hơn giờ bắt đầu: xem lại.")
        self.query_one("#when-error", Static).update("\n".join(f"⚠ {e}" for e in errors))
        self.query_one("#when-error").display = bool(errors)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.inspection.finalized:
            return
        field = event.input.id
        value = event.value.strip()
        if isinstance(event.input.parent, MemberRow):
            self._members_changed(event.input.parent.team)
            return
        if field == "visit_date":
            self._when_error()
            try:
                date = parse_date(value) if value else None
            except ValueError:
                return
            if date != self.inspection.visit_date:
                self._save({"visit_date": date})
        elif field in TIME_FIELDS:
            self._when_error()
            try:
                clock = parse_time(value)
            except ValueError:
                return
            if clock != getattr(self.inspection, field):
                self._save({field: clock})
        elif field == "place":
            if nfc(value) != self.inspection.place:
                self._save({"place": nfc(value)})
        elif field == "minutes_number":
            number = minutes_number(value, self.suffix)
            self._show_number()
            if number != self.inspection.minutes_number:
                self._save({"minutes_number": number})

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.select.parent, MemberRow) and not self.inspection.finalized:
            self._members_changed(event.select.parent.team)

    def _members_changed(self, team: bool) -> None:
        members: list[Member] = [m for r in self.query(MemberRow) if r.team == team and (m := r.value())]
        key = "team" if team else "representatives"
        if _people(members, team) != _people(getattr(self.inspection, key), team):
            self._save({key: members})

    def _show_number(self) -> None:
        number = minutes_number(self.query_one("#minutes_number", Input).value, self.suffix)
        self.query_one("#number-preview", Static).update(
            f"In trên biên bản: Số: {number or '…'}/{self.suffix}")

    # -- actions ----------------------------------------------------------------------------------

    def _add_row(self, team: bool) -> None:
        if self.inspection.finalized:
            self.notify("Cuộc kiểm tra đã hoàn thành nên chỉ xem được.", severity="warning")
            return
        row = MemberRow(None, team=team)
        self.query_one("#visit").mount(row, before="#reps-title" if team else "#visit-end")
        row.call_after_refresh(lambda: row.query_one(".m-name").focus())

    def action_add_member(self) -> None:
        self._add_row(True)

    def action_add_rep(self) -> None:
        self._add_row(False)

    def action_back(self) -> None:
        self.app.pop_screen()
