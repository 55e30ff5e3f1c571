"""The first run: before anything else, when config.toml has no real team yet (the default file's "Họ tên
thư ký" …) or the workspace has no database, a short form asks for the issuing body, the four roles of
the team and the district plan, writes config.toml (tomli-w, every other key kept) and creates the data
folder through :func:`antq_tui.services.setup.initialize`; then home opens."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input

from ...config import ConfigError, Member, save_config
from ...folding import nfc
from ...labels import ROLES
from ...workspace import is_placeholder, setup_needed
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static
from .base import AntqScreen
from .settings import FormError, plan_rows, read_plan


def first_run_needed(workspace) -> bool:
    """Whether antq opens on this screen: no database yet, or a team or plan still placeholders."""
    return not workspace.db_path.is_file() or bool(setup_needed(workspace.config))


class RoleRow(Horizontal):
    """One role of the team, fixed: its label, then name, rank and position."""

    def __init__(self, role: str, member: Member | None) -> None:
        super().__init__(classes="role-row")
        self.role = role
        self.member = member or Member(name="", role=role)

    def compose(self) -> ComposeResult:
        m, label = self.member, ROLES[self.role]
        yield Label(label, classes="role-label")
        yield Input("" if is_placeholder(m.name) else m.name, placeholder=f"Họ tên {label.lower()}", compact=True,
                    id=f"name-{self.role}", classes="m-name")
        yield Input(m.rank, placeholder="Cấp bậc", compact=True, classes="m-rank")
        yield Input(m.position, placeholder="Chức vụ", compact=True, classes="m-position")

    def value(self) -> Member | None:
        name = nfc(" ".join(self.query_one(".m-name", Input).value.split()))
        if not name:
            return None
        rank = nfc(self.query_one(".m-rank", Input).value.strip())
        position = nfc(self.query_one(".m-position", Input).value.strip())
        return Member(name=name, rank=rank, position=position, role=self.role)


class SetupScreen(AntqScreen):
    CSS_PATH = "setup.tcss"
    TITLE_VI = "Cài đặt lần đầu"
    HELP = ("Điền một lần trước khi dùng: cơ quan ban hành biên bản, đoàn kiểm tra (trưởng đoàn và thư ký "
            "bắt buộc) và kế hoạch của huyện. Ctrl+S ghi vào config.toml và tạo thư mục dữ liệu; sửa lại "
            "sau ở Cài đặt (phím c).")
    BINDINGS = [
        Binding("ctrl+s", "save", "Lưu và bắt đầu", id="setup.save", tooltip="Ghi config.toml, tạo thư mục dữ liệu"),
        Binding("escape", "leave", "Thoát", id="setup.leave", tooltip="Thoát antq, chưa ghi gì"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.extras: list[Member] = []

    def compose(self) -> ComposeResult:
        ws = self.antq.workspace
        c = ws.config
        by_role = {role: next((m for m in c.team if m.role == role), None) for role in ROLES}
        #: members beyond the first of each role (a second thành viên): kept as they are
        self.extras = [m for m in c.team if by_role.get(m.role) is not m and not is_placeholder(m.name)]
        yield Header()
        with VerticalScroll(id="setup"):
            yield Static(f"Lần đầu dùng antq ở đây: điền đoàn kiểm tra để in biên bản có tên thật. Ghi vào "
                         f"{c.path}; dữ liệu ở {ws.data_dir}.", id="setup-intro", markup=False)
            with Horizontal(classes="row"):
                yield Label("Cơ quan chủ quản", classes="label")
                yield Input(c.issuing_parent, placeholder="CÔNG AN HUYỆN BẮC YÊN", id="issuing_parent", compact=True)
            with Horizontal(classes="row"):
                yield Label("Cơ quan lập BB", classes="label")
                yield Input(" / ".join(c.issuing_body), placeholder="ĐOÀN KIỂM TRA", id="issuing_body", compact=True)
            with Horizontal(classes="row"):
                yield Label("Huyện", classes="label")
                yield Input(c.district, placeholder="Bắc Yên", id="district", compact=True)
                yield Label("Tỉnh", classes="label-short")
                yield Input(c.province, placeholder="Sơn La", id="province", compact=True)
            yield Static("Đoàn kiểm tra: họ tên, cấp bậc, chức vụ (để trống tên để bỏ vai trò)", classes="section-title")
            for role in ROLES:
                yield RoleRow(role, by_role[role])
            yield Static("Kế hoạch của huyện (in ở phần Căn cứ; để trống nếu chưa có)", classes="section-title")
            yield from plan_rows(c, subject=False)
            yield Static("", id="setup-error")
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = "Cài đặt lần đầu"
        self.sub_title = ""
        empty = next((i for i in self.query(Input) if not i.value), None)
        (empty or self.query_one("#issuing_parent")).focus()

    def _fail(self, message: str, widget_id: str | None = None) -> None:
        self.query_one("#setup-error", Static).update(f"⚠ {message}")
        self.notify(message, severity="error")
        if widget_id:
            self.query_one(f"#{widget_id}").focus()

    def _form_config(self):
        ws = self.antq.workspace
        value = lambda key: nfc(" ".join(self.query_one(f"#{key}", Input).value.split()))  # noqa: E731
        if not value("issuing_parent"):
            raise FormError("Cần tên cơ quan chủ quản (in ở góc trái biên bản), ví dụ CÔNG AN HUYỆN BẮC YÊN.",
                            "issuing_parent")
        team = [m for r in self.query(RoleRow) if (m := r.value())] + self.extras
        body = [b.strip() for b in value("issuing_body").split("/") if b.strip()] or ["ĐOÀN KIỂM TRA"]
        config = dataclasses.replace(ws.config, issuing_parent=value("issuing_parent"), issuing_body=body,
                                     district=value("district"), province=value("province"), team=team,
                                     district_plan=read_plan(self, ws.config))
        missing = setup_needed(config)
        if missing:  # the one rule of what a real team is (antq_tui.workspace)
            role = next((r for r in ROLES if ROLES[r].lower() in missing[0]), "truong_doan")
            raise FormError("Còn " + "; ".join(missing) + ".", f"name-{role}")
        return config

    def action_save(self) -> None:
        from ...services import ServiceError
        from ...services.setup import initialize

        ws = self.antq.workspace
        try:
            config = self._form_config()
            ws.config = save_config(config)
            initialize(ws)
        except FormError as exc:
            return self._fail(str(exc), exc.widget_id)
        except (ConfigError, ServiceError) as exc:
            return self._fail(str(exc))
        except OSError as exc:
            return self._fail(f"Không ghi được {ws.config.path}: {exc.strerror or exc}")
        self.notify(f"Đã lưu vào {ws.config.path.name}; cơ sở dữ liệu ở {ws.db_path}.", title="Đã cài đặt")
        self.antq.open_home()

    def action_leave(self) -> None:
        self.app.exit()
