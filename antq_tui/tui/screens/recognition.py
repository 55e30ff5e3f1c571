"""Công nhận: after the visit, the decision that recognises the unit, who recognises it, the award.

Opened from home (on the selected inspection) and from the summary. Shows whether the inspection can
be recognised (finalized, suggesting "đề nghị công nhận"), the unit's management level and the
authority that follows from it (with its deadline), every decision recorded for the unit that year
(removed ones too) and the award proposals. The form records a decision: số, ngày (dd/mm/yyyy), cơ
quan ban hành (filled with the authority's name), mới or duy trì. Every rule is the service's; a
refusal is shown as its Vietnamese message, and nothing typed is cleared by it.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input

from ...vnformat import format_date
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static
from .base import AntqScreen


class RecognitionScreen(AntqScreen):
    CSS_PATH = "recognition.tcss"
    TITLE_VI = "Công nhận"
    HELP = ("Ghi quyết định công nhận đơn vị điển hình (số, ngày, cơ quan ban hành; mới hoặc duy trì), cấp "
            "quản lý của đơn vị (quyết định cơ quan nào công nhận và tờ trình gửi đâu), và đề nghị tặng Bằng "
            "khen. Chỉ ghi được cho cuộc kiểm tra đã hoàn thành có kết luận gợi ý “đề nghị công nhận”.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Ghi QĐ", id="recognition.save", tooltip="Ghi quyết định công nhận"),
        Binding("ctrl+t", "maintained", "Mới/Duy trì", id="recognition.kind",
                tooltip="Đổi hình thức: công nhận mới hoặc duy trì"),
        Binding("ctrl+l", "level", "Cấp QL", id="recognition.level",
                tooltip="Đổi cấp quản lý của đơn vị: xã, huyện, tỉnh"),
        Binding("ctrl+b", "award", "Bằng khen", id="recognition.award", tooltip="Ghi đề nghị tặng Bằng khen"),
        Binding("ctrl+g", "remove", "Gỡ QĐ", id="recognition.remove",
                tooltip="Gỡ quyết định ghi nhầm (giữ lại, ghi lý do)"),
        Binding("escape", "back", "Về", id="recognition.back", tooltip="Quay lại"),
    ]

    def __init__(self, inspection_id: str) -> None:
        super().__init__()
        self.inspection_id = inspection_id
        self.maintained = False
        self.state: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="recognition"):
            yield Static("", id="rec-unit")
            yield Static("", id="rec-route")
            yield Static("", id="rec-records")
            yield Static("", id="rec-refused")
            with Horizontal(classes="row"):
                yield Label("Số quyết định", classes="label")
                yield Input(placeholder="125/QĐ-UBND", id="rec-number")
            with Horizontal(classes="row"):
                yield Label("Ngày", classes="label")
                yield Input(placeholder="dd/mm/yyyy", id="rec-date", classes="date")
                yield Static("", id="rec-kind", classes="preview")
            with Horizontal(classes="row"):
                yield Label("Cơ quan", classes="label")
                yield Input(id="rec-by")
            yield Static("", id="rec-error")
        yield AntqFooter()

    def on_mount(self) -> None:
        self.sub_title = "Công nhận"
        self.refresh_state()
        if self.state is not None:
            self.query_one("#rec-by", Input).value = self.state.authority.name
        self.query_one("#rec-number", Input).focus()

    def refresh_state(self) -> None:
        try:
            self.state = self.session.recognition_state(self.inspection_id)
        except Exception as exc:
            self.antq.show_error("Không đọc được", str(exc))
            return
        st = self.state
        self.query_one("#rec-unit", Static).update(f"{st.unit_name} — năm {st.year}")
        deadline = st.authority.deadline_label(st.year)
        self.query_one("#rec-route", Static).update(
            f"Đơn vị {st.level_label} (ctrl+l: đổi). Cơ quan xét, công nhận: {st.authority.name}"
            + (f", {deadline}" if deadline else "") + ".")
        lines = []
        for r in st.records:
            lines.append(("• " if r.active else "✗ ") + r.label
                         + ("" if r.active else f" — đã gỡ ngày {format_date(r.removed_at.date())}: {r.removed_reason}"))
        for a in st.awards:
            lines.append(f"• Đề nghị khen thưởng: {a.label}")
        self.query_one("#rec-records", Static).update("\n".join(lines) or "Chưa ghi quyết định công nhận nào.")
        refused = self.query_one("#rec-refused", Static)
        refused.update(st.refused or "")
        refused.display = bool(st.refused)
        self._show_kind()

    def _show_kind(self) -> None:
        self.query_one("#rec-kind", Static).update(
            ("Duy trì" if self.maintained else "Công nhận mới") + " (ctrl+t: đổi)")

    def _error(self, message: str) -> None:
        error = self.query_one("#rec-error", Static)
        error.update(message)
        error.display = bool(message)

    def action_maintained(self) -> None:
        self.maintained = not self.maintained
        self._show_kind()

    def action_save(self) -> None:
        values = {"decision": self.query_one("#rec-number", Input).value,
                  "date": self.query_one("#rec-date", Input).value,
                  "by": self.query_one("#rec-by", Input).value, "maintained": self.maintained}
        try:
            record = self.session.add_recognition(self.inspection_id, **values)
        except Exception as exc:  # a refused rule or a wrong value: said, and what was typed stays
            self._error(str(exc))
            return
        self._error("")
        self.refresh_state()
        self.notify(f"Đã ghi: {record.label}.")

    def action_level(self) -> None:
        from ...services.recognition import next_level

        if self.state is None:
            return
        try:
            _, label, authority = self.session.set_management_level(self.state.unit_id, next_level(self.state.level))
        except Exception as exc:
            self._error(str(exc))
            return
        by = self.query_one("#rec-by", Input)
        if by.value == self.state.authority.name:  # still the suggestion: follow the new authority
            by.value = authority.name
        self.refresh_state()
        self.notify(f"Đơn vị {label}; cơ quan công nhận: {authority.name}.")

    def action_award(self) -> None:
        try:
            proposal = self.session.propose_award(self.inspection_id, by=self.antq.workspace.config.issuing_parent)
        except Exception as exc:
            self._error(str(exc))
            return
        self._error("")
        self.refresh_state()
        self.notify(f"Đã ghi đề nghị khen thưởng: {proposal.label}.")

    def action_remove(self) -> None:
        active = self.state.active if self.state is not None else None
        if active is None:
            self.notify("Không có quyết định nào để gỡ.", severity="warning")
            return
        from .dialogs import PromptDialog

        def check(text: str) -> str:
            return "" if len(text.strip()) >= 3 else "Cần ghi lý do gỡ (ít nhất vài chữ)."

        def done(reason: str | None) -> None:
            if not reason:
                return
            try:
                self.session.remove_recognition(active.id, reason.strip())
            except Exception as exc:
                self._error(str(exc))
                return
            self.refresh_state()
            self.notify("Đã gỡ quyết định; quyết định vẫn được lưu, đánh dấu đã gỡ.")

        self.app.push_screen(PromptDialog("Gỡ quyết định công nhận", "Lý do gỡ (ghi vào nhật ký):", check=check), done)

    def action_back(self) -> None:
        self.app.pop_screen()
