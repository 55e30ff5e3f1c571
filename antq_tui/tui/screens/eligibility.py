"""Eligibility, shown before the criteria: each condition's inputs, the check's suggestion and the
team's decision. An ineligible unit can still be inspected; the warning carries into the minutes."""

from __future__ import annotations

import copy
import dataclasses

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Input, Select

from ...criteria import EligibilityCheck, Verdict
from ...inspection import EligibilityAnswer, Inspection, summarize
from ...labels import MET_LABELS, VERDICT_LABELS
from ..widgets.fields import FieldInput
from ..widgets.footer import AntqFooter
from ..widgets.plain import Static
from ..widgets.status import SaveStatus
from .base import AntqScreen

DECISIONS = [("Theo gợi ý", "auto"), *((VERDICT_LABELS[v], v.value) for v in (Verdict.DAT, Verdict.KHONG_DAT))]


def live_checks(snapshot: list[EligibilityCheck], registry) -> list[EligibilityCheck]:
    """The snapshot's conditions, with the plugin's check function when the plugin words it the same."""
    live = {e.id: e for e in (registry.eligibility if registry is not None else [])}
    out = []
    for e in snapshot:
        now = live.get(e.id)
        if now is not None and now.check is not None and (now.text, now.fields) == (e.text, e.fields):
            e = dataclasses.replace(e, check=now.check)
        out.append(e)
    return out


class CheckBlock(Vertical):
    """One condition: title, text, inputs, suggestion, decision."""

    def __init__(self, check: EligibilityCheck, answer: EligibilityAnswer, readonly: bool) -> None:
        super().__init__(classes="check", id=f"check-{check.id}")
        self.check = check
        self.answer = answer
        self.readonly = readonly

    def compose(self) -> ComposeResult:
        yield Static(Text(self.check.title, style="bold"), classes="check-title")
        yield Static(self.check.text, markup=False, classes="check-text")
        for f in self.check.fields:
            yield FieldInput(f, self.answer.inputs.get(f.id), disabled=self.readonly)
        yield Static("", classes="check-suggest")
        value = self.answer.decision.value if self.answer.decision else "auto"
        yield Select(DECISIONS, value=value, allow_blank=False, compact=True, prompt="Quyết định của đoàn",
                     disabled=self.readonly, classes="check-decision")
        yield Input(self.answer.remark, placeholder="Ghi chú…", compact=True, classes="check-remark",
                    disabled=self.readonly, select_on_focus=False)

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        s = self.answer.suggestion
        if s is None:
            text = Text("Gợi ý: không có — đoàn quyết định.", style="dim")
        else:
            style = {Verdict.DAT: "bold green", Verdict.KHONG_DAT: "bold red"}.get(s.verdict, "bold yellow")
            text = Text.assemble("Gợi ý: ", (s.verdict.label, style), f" — {s.reason}")
        met = self.answer.met
        text.append("\nKết quả: ")
        text.append(MET_LABELS[met].lower() if met is None else MET_LABELS[met].upper(),
                    style={True: "bold green", False: "bold red", None: "yellow"}[met])
        self.query_one(".check-suggest", Static).update(text)


class EligibilityScreen(AntqScreen):
    CSS_PATH = "eligibility.tcss"
    TITLE_VI = "Điều kiện công nhận"
    HELP = ("Các điều kiện đơn vị phải có trước khi xét tiêu chí. Nhập số liệu, xem gợi ý, chọn quyết định "
            "của đoàn. Đơn vị chưa đủ điều kiện vẫn được kiểm tra; biên bản ghi rõ cảnh báo.")
    BINDINGS = [
        Binding("escape", "done", "Xong", id="eligibility.done", tooltip="Sang đánh giá từng tiêu chí"),
        Binding("ctrl+s", "done", "Xong", id="eligibility.done2", show=False, tooltip="Sang đánh giá tiêu chí"),
    ]

    def __init__(self, inspection: Inspection) -> None:
        super().__init__()
        self.inspection = inspection

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="verdict-banner")
        with VerticalScroll(id="checks"):
            if not self.inspection.eligibility_checks:
                yield Static("Bộ tiêu chí này không có điều kiện riêng. Bấm Esc để sang đánh giá tiêu chí.")
            for check in self.inspection.eligibility_checks:
                answer = copy.deepcopy(self.inspection.eligibility.get(check.id) or EligibilityAnswer(check.id))
                yield CheckBlock(check, answer, self.inspection.finalized)
        yield SaveStatus("Mọi thay đổi được lưu ngay.")
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = self.inspection.unit.name
        self.sub_title = f"Năm {self.inspection.year} · Điều kiện công nhận"
        self._banner()
        self.run_worker(self._live_checks(), exit_on_error=False)
        self.call_after_refresh(self._focus_first)

    def _focus_first(self) -> None:
        for widget in self.query("Input, Select"):
            if widget.focusable:
                widget.focus()
                return

    async def _live_checks(self) -> None:
        registry = await self.antq.registry()
        checks = {c.id: c for c in live_checks(self.inspection.eligibility_checks, registry)}
        for block in self.query(CheckBlock):
            block.check = checks.get(block.check.id, block.check)
            if block.check.check is not None and not self.inspection.finalized:
                block.answer.suggestion = block.check.suggest(block.answer.inputs, year=self.inspection.year)
            block.show()

    def _banner(self) -> None:
        s = summarize(self.inspection)
        banner = self.query_one("#verdict-banner", Static)
        banner.set_class(s.eligible is False, "warning-banner")
        if s.eligible is False:
            banner.update("⚠ ĐƠN VỊ CHƯA ĐỦ ĐIỀU KIỆN: " + "; ".join(s.not_met)
                          + ". Vẫn kiểm tra được; cảnh báo sẽ ghi vào biên bản.")
        elif s.eligible is True:
            banner.update(Text("Đơn vị đủ điều kiện để xét công nhận.", style="bold green"))
        else:
            banner.update(Text("Chưa xác định đủ điều kiện: còn điều kiện chưa có kết quả.", style="yellow"))

    def _changed(self, block: CheckBlock, what: str) -> None:
        if self.inspection.finalized:
            return
        answer = block.answer
        if what == "inputs" and block.check.check is not None:
            answer.suggestion = block.check.suggest(answer.inputs, year=self.inspection.year)
        self.inspection.eligibility[answer.check_id] = copy.deepcopy(answer)
        if what == "inputs":
            value: object = {f.id: answer.inputs.get(f.id) for f in block.check.fields}
        elif what == "decision":
            value = answer.decision
        else:
            value = answer.remark
        self.session.set_eligibility(self.inspection.id, answer.check_id, what, value)
        block.show()
        self._banner()

    def on_field_input_parsed(self, event: FieldInput.Parsed) -> None:
        block = event.field_input.query_ancestor(CheckBlock)
        block.answer.inputs[event.field_input.field.id] = event.value
        self._changed(block, "inputs")

    def on_select_changed(self, event: Select.Changed) -> None:
        block = event.select.query_ancestor(CheckBlock)
        decision = None if event.value == "auto" else Verdict(event.value)
        if decision != block.answer.decision:
            block.answer.decision = decision
            self._changed(block, "decision")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.has_class("check-remark"):
            block = event.input.query_ancestor(CheckBlock)
            if event.value != block.answer.remark:
                block.answer.remark = event.value
                self._changed(block, "remark")

    def action_done(self) -> None:
        self.app.pop_screen()
