"""Eligibility, shown before the criteria: each condition's inputs, the check's suggestion and the
team's decision. An ineligible unit can still be inspected; the warning carries into the minutes."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Input, Select

from ...criteria import EligibilityCheck, Field, Verdict
from ...inspection import EligibilityAnswer, Inspection, summarize
from ...labels import MET_LABELS, VERDICT_LABELS
from ..widgets.fields import FieldInput, raw_text
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

    def __init__(self, check: EligibilityCheck, answer: EligibilityAnswer, readonly: bool,
                 listed: Sequence[Field] = (), cases: Sequence[Any] = ()) -> None:
        super().__init__(classes="check", id=f"check-{check.id}")
        self.check = check
        self.answer = answer
        self.readonly = readonly
        self.listed = list(listed)  # the fields a list of cases decides
        self.cases = list(cases)

    def compose(self) -> ComposeResult:
        yield Static(Text(self.check.title, style="bold"), classes="check-title")
        yield Static(self.check.text, markup=False, classes="check-text")
        for f in self.check.fields:
            yield FieldInput(f, self.answer.inputs.get(f.id), disabled=self.readonly)
        for f in self.listed:  # the list of cases, named one by one (tên|hình thức|ngày|tình trạng)
            yield Static("", id=f"cases-{f.id}", classes="check-cases")
            yield Input("", placeholder="Thêm: tên|hình thức|dd/mm/yyyy|tình trạng · Bỏ: -STT", compact=True,
                        id=f"case-{f.id}", classes="case-input", disabled=self.readonly, select_on_focus=False)
        yield Static("", classes="check-suggest")
        value = self.answer.decision.value if self.answer.decision else "auto"
        yield Select(DECISIONS, value=value, allow_blank=False, compact=True, prompt="Quyết định của đoàn",
                     disabled=self.readonly, classes="check-decision")
        yield Input(self.answer.remark, placeholder="Ghi chú…", compact=True, classes="check-remark",
                    disabled=self.readonly, select_on_focus=False)

    def on_mount(self) -> None:
        self.show()
        self.show_cases()

    def show_cases(self, error: dict[str, str] | None = None) -> None:
        """Each listed field's cases; a field with cases takes its value from the list only."""
        for f in self.listed:
            mine = [c for c in self.cases if c.field_id == f.id]
            text = Text(f"Danh sách — {f.label}: ", style="bold")
            text.append("chưa liệt kê" if not mine else f"{len(mine)} trường hợp", style="" if mine else "dim")
            for c in mine:
                text.append(f"\n  {c.no}. {c.line()}")
            if error and error.get(f.id):
                text.append(f"\n⚠ {error[f.id]}", style="bold red")
            self.query_one(f"#cases-{f.id}", Static).update(text)
            for fi in self.query(FieldInput):
                if fi.field.id == f.id:
                    fi.disabled = self.readonly or bool(mine)
                    value = self.answer.inputs.get(f.id)
                    if mine and fi.value != value:
                        fi.value = value
                        fi.input.value = raw_text(fi.field, value)

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
                yield CheckBlock(check, answer, self.inspection.finalized, self.session.listed_fields(check),
                                 self.session.eligibility_cases(self.inspection, check.id))
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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.input.has_class("case-input") or self.inspection.finalized:
            return
        event.stop()
        text = event.value.strip()
        if text:
            block = event.input.query_ancestor(CheckBlock)
            field_id = (event.input.id or "").removeprefix("case-")
            self.run_worker(self._case(block, event.input, field_id, text), group="eligibility-case",
                            exclusive=True, exit_on_error=False)

    async def _case(self, block: CheckBlock, field: Input, field_id: str, text: str) -> None:
        """Add (or, for "-STT", take off) a case; the count follows the list. A refused case stays typed."""
        if not await self.antq.wait_saved():  # what was typed before goes first
            block.show_cases({field_id: "Còn thay đổi chưa lưu được; Ctrl+S để thử lại."})
            return
        try:
            if text.startswith("-"):
                self.session.remove_case(self.inspection.id, block.check.id, text[1:].strip())
            else:
                self.session.add_case(self.inspection.id, block.check.id, text, field_id)
        except Exception as exc:  # the Vietnamese reason, under the list
            block.show_cases({field_id: str(exc)})
            return
        field.value = ""
        updated = self.session.get_inspection(self.inspection.id)
        answer = updated.eligibility.get(block.check.id) or EligibilityAnswer(block.check.id)
        self.inspection.eligibility[block.check.id] = copy.deepcopy(answer)
        block.answer = copy.deepcopy(answer)
        if block.check.check is not None:
            block.answer.suggestion = block.check.suggest(block.answer.inputs, year=self.inspection.year)
        block.cases = self.session.eligibility_cases(updated, block.check.id)
        block.show_cases()
        block.show()
        self._banner()

    def action_done(self) -> None:
        self.app.pop_screen()
