"""Settings: the team, the issuing body, the district plan and the copies of the minutes, written back to
config.toml (every other key is kept). Esc asks before dropping changes only when something changed."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, TextArea

from ...config import Config, ConfigError, save_config
from ...folding import nfc
from ...vnformat import format_date, parse_date
from ...workspace import DistrictPlan, default_plan_subject, join_plan, split_plan
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static
from .base import AntqScreen
from .new_inspection import MemberRow


class FormError(ValueError):
    """A field of the form cannot be saved: the message (Vietnamese) and the id of the field to focus."""

    def __init__(self, message: str, widget_id: str) -> None:
        super().__init__(message)
        self.widget_id = widget_id


def plan_rows(config: Config, *, subject: bool = True) -> ComposeResult:
    """The district plan as the minutes cite it ("Kế hoạch số … ngày … của … về …"): its number, its
    date and (in Settings) its subject; read back with :func:`read_plan`."""
    plan = split_plan(config.district_plan)
    with Horizontal(classes="row"):
        yield Label("Kế hoạch số", classes="label")
        yield Input(plan.number, placeholder="ví dụ 312/KH-CAH", id="plan-number", compact=True, classes="plan-number")
        yield Label("ngày", classes="label-short")
        yield Input(plan.date, placeholder="dd/mm/yyyy", id="plan-date", compact=True, classes="plan-date")
    if subject:
        with Horizontal(classes="row"):
            yield Label("Trích yếu KH", classes="label")
            yield Input(plan.subject or default_plan_subject(config), id="plan-subject", compact=True)


def read_plan(screen, config: Config) -> str:
    """The plan sentence typed in :func:`plan_rows`' fields; "" when no number or date is given.

    :raises FormError: only one of number and date, or a date that does not exist.
    """
    number = nfc(screen.query_one("#plan-number", Input).value.strip())
    date_text = screen.query_one("#plan-date", Input).value.strip()
    subjects = screen.query("#plan-subject")
    subject = (nfc(subjects.first(Input).value.strip()) if subjects else split_plan(config.district_plan).subject)
    if bool(number) != bool(date_text):
        missing = ("plan-date", "ngày") if number else ("plan-number", "số")
        raise FormError(f"Kế hoạch của huyện cần cả số và ngày (còn thiếu {missing[1]}); "
                        "để trống cả hai nếu không in căn cứ này.", missing[0])
    date = ""
    if date_text:
        try:
            date = format_date(parse_date(date_text))
        except ValueError:
            raise FormError(f"Ngày kế hoạch “{date_text}” không phải một ngày có thật (dạng dd/mm/yyyy).",
                            "plan-date") from None
    return join_plan(DistrictPlan(number, date, subject or default_plan_subject(config)))


class SettingsScreen(AntqScreen):
    CSS_PATH = "settings.tcss"
    TITLE_VI = "Cài đặt"
    HELP = ("Huyện, cơ quan ban hành biên bản, kế hoạch của huyện (số, ngày), số bản biên bản và đoàn kiểm "
            "tra; Ctrl+S ghi vào config.toml (bản cũ lưu thành config.toml.bak; các khóa khác giữ nguyên).")
    BINDINGS = [
        Binding("ctrl+s", "save", "Lưu", id="settings.save", tooltip="Ghi vào config.toml"),
        Binding("ctrl+t", "add_member", "Thêm t.viên", id="settings.add_member", tooltip="Thêm thành viên đoàn"),
        Binding("escape", "back", "Về", id="settings.back", tooltip="Quay lại (hỏi nếu chưa lưu)"),
    ]

    def compose(self) -> ComposeResult:
        c = self.antq.workspace.config
        yield Header()
        with VerticalScroll(id="settings"):
            yield Static(f"Tệp: {c.path}", classes="muted", markup=False)
            if self.antq.session is not None:  # none yet over the first-run setup
                from ...services.keys import fingerprint_line  # this workspace's signing key (antq keys show)
                yield Static(fingerprint_line(self.antq.session.context), classes="muted", markup=False)
            for key, label, value in (
                ("district", "Huyện", c.district),
                ("province", "Tỉnh", c.province),
                ("issuing_parent", "Cơ quan chủ quản", c.issuing_parent),
                ("number_suffix", "Ký hiệu số BB", c.minutes_number_suffix),
            ):
                with Horizontal(classes="row"):
                    yield Label(label, classes="label")
                    yield Input(value, id=key, compact=True)
            yield Label("Cơ quan lập biên bản (mỗi dòng một dòng in ở góc trái)", classes="section-title")
            yield TextArea("\n".join(c.issuing_body), id="issuing_body", compact=True, tab_behavior="focus")
            yield from plan_rows(c)
            with Horizontal(classes="row"):
                yield Label("Số bản biên bản", classes="label")
                yield Input(str(c.copies), id="copies", type="integer", compact=True, classes="copies")
                yield Static("(đơn vị giữ 01 bản, đoàn giữ số còn lại)", classes="hint")
            yield Static("Đoàn kiểm tra (xóa tên để bỏ người; Ctrl+T thêm người)", classes="section-title",
                         id="team-title")
            for m in c.team:
                yield MemberRow(dataclasses.replace(m), team=True)
            if not c.team:
                yield MemberRow(None, team=True)
            yield Static("", id="settings-error")
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = "Cài đặt"
        self.query_one("#district").focus()

    @property
    def dirty(self) -> bool:
        """Whether the form says something config.toml does not (what Esc asks about)."""
        try:
            return self._form_config() != self._owned(self.antq.workspace.config)
        except FormError:
            return True  # something typed that cannot be saved yet is a change too

    @staticmethod
    def _owned(config: Config) -> Config:
        """``config`` as this form shows it: the raw table aside, the plan as its fields rebuild it (a
        plan left with its blanks, "Kế hoạch số …", reads back as no plan)."""
        plan = split_plan(config.district_plan)
        try:
            plan = dataclasses.replace(plan, date=format_date(parse_date(plan.date))) if plan.date else plan
        except ValueError:
            pass
        return dataclasses.replace(config, raw={}, district_plan=join_plan(plan))

    def _form_config(self) -> Config:
        """The config the form would save. :raises FormError: a field cannot be saved as typed."""
        ws = self.antq.workspace
        team = [m for r in self.query(MemberRow) if (m := r.value())]
        body = [nfc(line.strip()) for line in self.query_one("#issuing_body", TextArea).text.splitlines() if line.strip()]
        value = lambda key: nfc(self.query_one(f"#{key}", Input).value.strip())  # noqa: E731
        copies_text = value("copies")
        if not (copies_text.isdigit() and 1 <= int(copies_text) <= 20):
            raise FormError(f"Số bản biên bản cần là số từ 1 đến 20, không phải “{copies_text}”.", "copies")
        return dataclasses.replace(
            self._owned(ws.config), district=value("district"), province=value("province"),
            issuing_parent=value("issuing_parent"), minutes_number_suffix=value("number_suffix") or "BB-ĐKT",
            issuing_body=body, team=team, district_plan=read_plan(self, ws.config), copies=int(copies_text))

    def _fail(self, message: str, widget_id: str | None = None) -> None:
        self.query_one("#settings-error", Static).update(f"⚠ {message}")
        self.antq.show_error("Chưa lưu được cài đặt", message)
        if widget_id:
            self.query_one(f"#{widget_id}").focus()

    def action_add_member(self) -> None:
        row = MemberRow(None, team=True)
        self.query_one("#settings").mount(row, before="#settings-error")
        row.call_after_refresh(lambda: row.query_one(".m-name").focus())

    def action_save(self) -> None:
        ws = self.antq.workspace
        try:
            form = self._form_config()
        except FormError as exc:
            return self._fail(str(exc), exc.widget_id)
        config = dataclasses.replace(form, raw=ws.config.raw)
        try:
            ws.config = save_config(config)
        except (ConfigError, OSError) as exc:
            message = str(exc) if isinstance(exc, ConfigError) else f"Không ghi được {config.path}: {exc.strerror or exc}"
            return self._fail(message)
        self.query_one("#settings-error", Static).update("")
        self.notify(f"Đã lưu vào {config.path.name}.", title="Đã lưu")

    def action_back(self) -> None:
        if not self.dirty:
            self.app.pop_screen()
            return
        from .dialogs import ConfirmDialog

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        self.app.push_screen(ConfirmDialog("Cài đặt đã sửa nhưng chưa lưu (Ctrl+S). Bỏ các thay đổi?",
                                           yes="Bỏ", no="Ở lại"), answered)
