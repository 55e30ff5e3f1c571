"""Settings: the team and the issuing body, written back to config.toml (every other key is kept)."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, TextArea

from ...config import ConfigError, save_config
from ...folding import nfc
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static
from .base import AntqScreen
from .new_inspection import MemberRow


class SettingsScreen(AntqScreen):
    CSS_PATH = "settings.tcss"
    TITLE_VI = "Cài đặt"
    HELP = ("Huyện, cơ quan ban hành biên bản và đoàn kiểm tra; Ctrl+S ghi vào config.toml (bản cũ lưu thành "
            "config.toml.bak; các khóa khác giữ nguyên).")
    BINDINGS = [
        Binding("ctrl+s", "save", "Lưu", id="settings.save", tooltip="Ghi vào config.toml"),
        Binding("ctrl+t", "add_member", "Thêm t.viên", id="settings.add_member", tooltip="Thêm thành viên đoàn"),
        Binding("escape", "back", "Về", id="settings.back", tooltip="Quay lại (hỏi nếu chưa lưu)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.dirty = False

    def compose(self) -> ComposeResult:
        c = self.antq.workspace.config
        yield Header()
        with VerticalScroll(id="settings"):
            yield Static(f"Tệp: {c.path}", classes="muted")
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

    def on_input_changed(self, event: Input.Changed) -> None:
        self.dirty = True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.dirty = True

    def action_add_member(self) -> None:
        row = MemberRow(None, team=True)
        self.query_one("#settings").mount(row, before="#settings-error")
        row.call_after_refresh(lambda: row.query_one(".m-name").focus())

    def action_save(self) -> None:
        ws = self.antq.workspace
        team = [m for r in self.query(MemberRow) if (m := r.value())]
        body = [nfc(line.strip()) for line in self.query_one("#issuing_body", TextArea).text.splitlines() if line.strip()]
        value = lambda key: nfc(self.query_one(f"#{key}", Input).value.strip())  # noqa: E731
        config = dataclasses.replace(
            ws.config, district=value("district"), province=value("province"),
            issuing_parent=value("issuing_parent"), minutes_number_suffix=value("number_suffix") or "BB-ĐKT",
            issuing_body=body, team=team)
        try:
            ws.config = save_config(config)
        except (ConfigError, OSError) as exc:
            message = str(exc) if isinstance(exc, ConfigError) else f"Không ghi được {config.path}: {exc.strerror or exc}"
            self.query_one("#settings-error", Static).update(f"⚠ {message}")
            self.antq.show_error("Chưa lưu được cài đặt", message)
            return
        self.dirty = False
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
