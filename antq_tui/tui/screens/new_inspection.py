"""New inspection: the unit (known or new, with its kind), the criteria set its kind decides, the year,
date, time and place of the visit, the team (prefilled from config.toml) and the unit's representatives."""

from __future__ import annotations

import datetime as dt
import uuid

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Header, Input, Select

from ...config import Member
from ...criteria import UNIT_KINDS
from ...folding import fold, nfc
from ...inspection import Unit
from ...labels import ROLES
from ...vnformat import format_date, parse_date, parse_time
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static
from . import eligibility
from .base import AntqScreen


class MemberRow(Horizontal):
    """One person: name, rank, position and (for the team) role."""

    def __init__(self, member: Member | None, *, team: bool, disabled: bool = False) -> None:
        super().__init__(classes="member-row team" if team else "member-row rep", disabled=disabled)
        self.member = member or Member(name="", role="thanh_vien")
        self.team = team

    def compose(self) -> ComposeResult:
        m = self.member
        yield Input(m.name, placeholder="Họ và tên", compact=True, classes="m-name")
        if self.team:
            yield Input(m.rank, placeholder="Cấp bậc", compact=True, classes="m-rank")
        yield Input(m.position, placeholder="Chức vụ", compact=True, classes="m-position")
        if self.team:
            yield Select([(label, key) for key, label in ROLES.items()], value=m.role, allow_blank=False,
                         compact=True, classes="m-role")

    def value(self) -> Member | None:
        name = nfc(self.query_one(".m-name", Input).value.strip())
        if not name:
            return None
        rank = nfc(self.query_one(".m-rank", Input).value.strip()) if self.team else ""
        position = nfc(self.query_one(".m-position", Input).value.strip())
        role = str(self.query_one(".m-role", Select).value) if self.team else ""
        return Member(name=name, rank=rank, position=position, role=role)


class NewInspectionScreen(AntqScreen):
    CSS_PATH = "new_inspection.tcss"
    TITLE_VI = "Tạo cuộc kiểm tra mới"
    HELP = ("Gõ tên đơn vị (đơn vị đã có sẽ được gợi ý; → để nhận gợi ý), chọn loại đơn vị: loại quyết "
            "định bộ tiêu chí. Đoàn kiểm tra lấy từ config.toml, sửa được. Ctrl+S để tạo.")
    BINDINGS = [
        Binding("ctrl+s", "create", "Tạo", id="new.create", tooltip="Tạo cuộc kiểm tra và bắt đầu"),
        Binding("ctrl+t", "add_member", "Thêm t.viên", id="new.add_member", tooltip="Thêm một thành viên đoàn"),
        Binding("ctrl+r", "add_rep", "Thêm đại diện", id="new.add_rep", tooltip="Thêm một người đại diện đơn vị"),
        Binding("escape", "cancel", "Hủy", id="new.cancel", tooltip="Bỏ, về màn hình chính"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.known: list[Unit] = []
        self.sets: list = []

    def compose(self) -> ComposeResult:
        today = dt.date.today()
        try:
            self.known = self.session.units()
        except Exception:
            self.known = []
        config = self.antq.workspace.config
        yield Header()
        with VerticalScroll(id="form"):
            with Horizontal(classes="row"):
                yield Label("Đơn vị", classes="label")
                yield Input(placeholder="Tên đơn vị, ví dụ: Xã Phiêng Ban", id="unit-name", compact=True,
                            suggester=SuggestFromList([u.name for u in self.known], case_sensitive=False))
            yield Static("", id="unit-note", classes="note")
            with Horizontal(classes="row"):
                yield Label("Loại đơn vị", classes="label")
                yield Select([(label, key) for key, label in UNIT_KINDS.items()], prompt="Chọn loại đơn vị",
                             id="kind", compact=True)
            with Horizontal(classes="row", id="subtype-row"):  # only for kinds QĐ 510 leaves some out of
                yield Label("Loại hình", classes="label")
                yield Select([], prompt="Loại khác", id="subtype", compact=True)
            yield Static("", id="scope-note", classes="note")
            with Horizontal(classes="row"):
                yield Label("Bộ tiêu chí", classes="label")
                yield Select([], prompt="(chọn loại đơn vị trước)", id="set", compact=True)
            with Horizontal(classes="row"):
                yield Label("Năm xét", classes="label")
                yield Input(str(today.year), id="year", compact=True, classes="short")
                yield Label("Ngày", classes="label-short")
                yield Input(format_date(today), placeholder="dd/mm/yyyy", id="date", compact=True, classes="short")
                yield Label("Giờ", classes="label-short")
                yield Input("08:00", placeholder="08:00", id="time", compact=True, classes="tiny")
            with Horizontal(classes="row"):
                yield Label("Địa điểm", classes="label")
                yield Input(placeholder="Hội trường UBND xã …", id="place", compact=True)
            yield Static("Đoàn kiểm tra (xóa tên để bỏ; Ctrl+T thêm người)", classes="section-title")
            for member in config.team:
                yield MemberRow(Member(member.name, member.rank, member.position, member.role), team=True)
            if not config.team:
                yield MemberRow(None, team=True)
            yield Static("Đại diện đơn vị (Ctrl+R thêm người)", classes="section-title", id="reps-title")
            for _ in range(2):
                yield MemberRow(None, team=False)
            yield Static("", id="form-error")
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = "Cuộc kiểm tra mới"
        self.sub_title = ""
        self.query_one("#subtype-row").display = False
        self.query_one("#unit-name").focus()

    def _scope_warning(self) -> str:
        """The QĐ 510 scope warning for the unit as typed and chosen so far (the services' one rule)."""
        kind = self.query_one("#kind", Select).value
        if kind is Select.NULL:
            return ""
        subtype = self.query_one("#subtype", Select).value
        return self.session.scope_warning(str(kind), nfc(self.query_one("#unit-name", Input).value),
                                          "" if subtype is Select.NULL else str(subtype))

    def _show_scope(self) -> None:
        self.query_one("#scope-note", Static).update(self._scope_warning())

    # -- unit and kind ----------------------------------------------------------------------------

    def _known_unit(self) -> Unit | None:
        key = fold(self.query_one("#unit-name", Input).value)
        return next((u for u in self.known if fold(u.name) == key), None) if key else None

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "unit-name":
            return
        unit = self._known_unit()
        note = self.query_one("#unit-note", Static)
        kind = self.query_one("#kind", Select)
        if unit:
            note.update(f"Đơn vị đã có ({unit.kind_label}); lần kiểm tra này sẽ so sánh được với lần trước.")
            kind.value = unit.kind
        else:
            guess = _guess_kind(event.value)
            note.update("Đơn vị mới." if event.value.strip() else "")
            if guess and kind.is_blank():
                kind.value = guess
        self._show_scope()

    async def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "subtype":
            self._show_scope()
        if event.select.id != "kind" or event.value is Select.NULL:
            return
        choices = self.session.subtype_choices(str(event.value))
        subtype = self.query_one("#subtype", Select)
        subtype.set_options([(label, key) for label, key in choices if key])
        self.query_one("#subtype-row").display = bool(choices)
        self._show_scope()
        registry = await self.antq.registry()
        self.sets = registry.sets_for_kind(str(event.value))
        sets = self.query_one("#set", Select)
        if self.sets:
            sets.set_options([(s.title, s.id) for s in self.sets])
            sets.value = self.sets[0].id
        else:
            sets.set_options([])
            self.query_one("#form-error", Static).update(
                "⚠ Không có bộ tiêu chí nào cho loại đơn vị này (xem plugin: p ở màn hình chính).")

    # -- members ----------------------------------------------------------------------------------

    def action_add_member(self) -> None:
        row = MemberRow(None, team=True)
        self.query_one("#form").mount(row, before="#reps-title")
        row.call_after_refresh(lambda: row.query_one(".m-name").focus())

    def action_add_rep(self) -> None:
        row = MemberRow(None, team=False)
        self.query_one("#form").mount(row, before="#form-error")
        row.call_after_refresh(lambda: row.query_one(".m-name").focus())

    def action_cancel(self) -> None:
        self.app.pop_screen()

    # -- create -----------------------------------------------------------------------------------

    def _fail(self, message: str, widget_id: str | None = None) -> None:
        self.query_one("#form-error", Static).update(f"⚠ {message}")
        self.notify(message, severity="error")
        if widget_id:
            self.query_one(f"#{widget_id}").focus()

    async def action_create(self) -> None:
        name = nfc(" ".join(self.query_one("#unit-name", Input).value.split()))
        if not name:
            return self._fail("Cần tên đơn vị.", "unit-name")
        kind = self.query_one("#kind", Select).value
        if kind is Select.NULL:
            return self._fail("Cần chọn loại đơn vị.", "kind")
        registry = await self.antq.registry()
        set_id = self.query_one("#set", Select).value
        if set_id is Select.NULL or set_id not in registry.sets:
            return self._fail("Không có bộ tiêu chí cho loại đơn vị này.", "kind")
        cset = registry.sets[str(set_id)]
        year_text = self.query_one("#year", Input).value.strip()
        if not (year_text.isdigit() and 2000 <= int(year_text) <= 2100):
            return self._fail(f"Năm xét cần là số năm (ví dụ {dt.date.today().year}), không phải “{year_text}”.",
                              "year")
        date_text = self.query_one("#date", Input).value.strip()
        visit_date = None
        if date_text:
            try:
                visit_date = parse_date(date_text)
            except ValueError as exc:
                return self._fail(str(exc), "date")
        time_text = self.query_one("#time", Input).value.strip()
        try:
            start_time = parse_time(time_text)
        except ValueError:
            return self._fail(f"Giờ cần dạng HH:MM (ví dụ 08:00), không phải “{time_text}”.", "time")
        team = [m for r in self.query(MemberRow) if r.team and (m := r.value())]
        reps = [m for r in self.query(MemberRow) if not r.team and (m := r.value())]
        if not team:
            return self._fail("Đoàn kiểm tra cần ít nhất một người.")
        config = self.antq.workspace.config
        unit = self._known_unit()
        if unit is None or unit.kind != kind:
            unit = Unit(id=str(uuid.uuid4()), name=name, kind=str(kind), district=config.district,
                        province=config.province)
        try:
            inspection = self.session.create_inspection(
                unit=unit, criteria=cset, eligibility_checks=registry.eligibility_for(cset.id), year=int(year_text),
                visit_date=visit_date, start_time=start_time, place=nfc(self.query_one("#place", Input).value.strip()),
                team=team, representatives=reps)
        except Exception as exc:
            return self._fail(f"Không tạo được cuộc kiểm tra: {exc}")
        if warning := self._scope_warning():
            self.notify(warning, title="Phạm vi Quyết định 510", severity="warning", timeout=15)
        if inspection.eligibility_checks:  # the eligibility step comes first, then it opens the walk
            await self.app.switch_screen(EligibilityScreen(inspection))
        else:
            from .walk import WalkScreen

            await self.app.switch_screen(WalkScreen(inspection))


class EligibilityScreen(eligibility.EligibilityScreen):  # the same screen to the user, and by name
    """The eligibility step of a new inspection: drawn straight after Ctrl+S, with no walk beneath it
    (which would show for a moment first); when done (Esc), the walk opens in its place."""

    async def action_done(self) -> None:
        from .walk import WalkScreen

        await self.app.switch_screen(WalkScreen(self.inspection))


def _guess_kind(name: str) -> str | None:
    """"Xã Phiêng Ban" → xa, "Trường …" → co_so_giao_duc: a first guess the user can change."""
    key = fold(name)
    for prefix, kind in (("xa ", "xa"), ("phuong ", "phuong"), ("thi tran ", "thi_tran"), ("truong ", "co_so_giao_duc"),
                         ("cong ty ", "doanh_nghiep"), ("doanh nghiep ", "doanh_nghiep")):
        if key.startswith(prefix):
            return kind
    return None
