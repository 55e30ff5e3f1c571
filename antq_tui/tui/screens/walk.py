"""The criterion walk: the heart of the visit.

Left, the criteria grouped by group with their state; right, the selected criterion in full: text,
input fields validated as typed with the check's live suggestion, the records to tick as seen, the
unit's self-assessment, the team's verdict and a remark. Every change is queued for saving at once.

The two columns are widgets (:mod:`..widgets.criteria_list`, :mod:`..widgets.criterion_detail`); this
screen holds the inspection, its keys, and turns changes into the session's writes.
"""

from __future__ import annotations

import copy

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, OptionList, TextArea

from ...criteria import Criterion, Verdict
from ...inspection import Answer, Inspection, summarize
from ...text import REMARK_MAX_CHARS
from ..widgets.criteria_list import FILTERS, CriteriaList
from ..widgets.criterion_detail import CriterionDetail
from ..widgets.evidence import EvidenceRow
from ..widgets.fields import FieldInput
from ..widgets.footer import AntqFooter
from ..widgets.plain import Static
from ..widgets.status import SaveStatus
from .base import AntqScreen


def open_inspection(app, inspection_id: str) -> None:
    """Load an inspection and show its walk (or a clear message when it cannot be read)."""
    try:
        inspection = app.session.get_inspection(inspection_id)
    except Exception as exc:
        app.show_error("Không mở được cuộc kiểm tra", str(exc))
        return
    app.push_screen(WalkScreen(inspection))


class WalkScreen(AntqScreen):
    CSS_PATH = "walk.tcss"
    TITLE_VI = "Đánh giá từng tiêu chí"
    HELP = ("Chọn tiêu chí ở cột trái (↑ ↓), xem nội dung ở cột phải. Gõ số ngay ở danh sách để nhập số liệu "
            "đầu tiên; Enter hoặc Tab để sang ô sau (hồ sơ: Space là đã xem), Esc để quay về danh sách. "
            "f lọc danh sách, / tìm (không dấu cũng được), Ctrl+Z hoàn tác thay đổi vừa rồi. "
            "Khi đang kiểm tra, mọi thay đổi được lưu ngay.")
    BINDINGS = [
        Binding("d", "verdict('dat')", "Đạt", id="walk.dat", tooltip="Đoàn kết luận: Đạt"),
        Binding("k", "verdict('khong_dat')", "Không đạt", id="walk.khong_dat", tooltip="Đoàn kết luận: Không đạt"),
        Binding("n", "next_unassessed", "Chưa ĐG", id="walk.next_unassessed",
                tooltip="Đến tiêu chí tiếp theo chưa đánh giá"),
        Binding("g", "jump", "Đến số", id="walk.jump", tooltip="Đến tiêu chí theo số"),
        Binding("t", "self_assessment", "ĐV tự ĐG", id="walk.self",
                tooltip="Đổi kết quả đơn vị tự đánh giá (chưa / Đạt / Không đạt)"),
        Binding("r", "remark", "Nhận xét", id="walk.remark", tooltip="Viết nhận xét cho tiêu chí này"),
        Binding("s", "summary", "Tổng hợp", id="walk.summary", tooltip="Tổng hợp, kết luận, hoàn thành"),
        Binding("f", "cycle_filter", "Lọc", id="walk.filter", show=False,
                tooltip="Lọc danh sách: chưa đánh giá / không đạt / plugin thêm, sửa đổi / tất cả"),
        Binding("slash", "search", "Tìm", id="walk.search", show=False, tooltip="Tìm theo nội dung tiêu chí và nhận xét"),
        Binding("ctrl+z", "undo", "Hoàn tác", id="walk.undo", priority=True, show=False,
                tooltip="Hoàn tác thay đổi vừa rồi (kết luận, tự đánh giá, số liệu, hồ sơ, nhận xét)"),
        Binding("x", "clear_verdict", "Xóa KL", id="walk.clear", tooltip="Xóa kết luận của đoàn", show=False),
        Binding("v", "eligibility", "Điều kiện", id="walk.eligibility", tooltip="Điều kiện công nhận",
                show=False),
        Binding("c", "compare", "So sánh", id="walk.compare", tooltip="So sánh với lần kiểm tra trước",
                show=False),
        Binding("i", "visit_info", "Thông tin", id="walk.visit", show=False,
                tooltip="Ngày, giờ bắt đầu và kết thúc, địa điểm, đoàn, đại diện đơn vị, số biên bản"),
        Binding("pagedown", "step(1)", "Tiêu chí sau", id="walk.next", priority=True, show=False,
                tooltip="Tiêu chí sau (cả khi đang gõ)"),
        Binding("pageup", "step(-1)", "Tiêu chí trước", id="walk.prev", priority=True, show=False,
                tooltip="Tiêu chí trước (cả khi đang gõ)"),
        Binding("a", "attach", "Tệp", id="walk.attach", show=False,
                tooltip="Tệp đính kèm (ảnh, bản quét, PDF) của tiêu chí này"),
        Binding("escape", "back", "Về", id="walk.back", show=False, tooltip="Về danh sách tiêu chí; lần nữa: về màn hình chính"),
    ]

    def __init__(self, inspection: Inspection) -> None:
        super().__init__()
        self.inspection = inspection
        self.criteria: dict[int, Criterion] = {c.number: c for c in inspection.criteria.criteria}
        self.order = [c.number for c in inspection.criteria.criteria]
        self.current: int | None = self.order[0] if self.order else None
        self.answer: Answer | None = None
        self.box: CriterionDetail | None = None  # the shown criterion's widgets
        self.changed: list[int] = []  # criteria the plugin changed since the inspection started
        self._stale_view = False  # set when another screen may change the inspection
        # Ctrl+Z: (number, part, record index, the answer before the change), newest last
        self.undo_stack: list[tuple[int, str, int | None, Answer]] = []

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        banner = Static("Cuộc kiểm tra đã hoàn thành: chỉ xem. Mở lại ở màn hình Tổng hợp (s).",
                        classes="readonly-banner")
        banner.display = self.inspection.finalized
        yield banner
        warning = self._eligibility_warning()
        if warning:
            yield Static(warning, classes="warning-banner", id="ineligible")
        with Horizontal(id="walk"):
            yield CriteriaList(self.inspection, id="criteria")
            yield VerticalScroll(id="detail")
        yield SaveStatus("", id="save-status")
        yield AntqFooter()

    def _eligibility_warning(self) -> str:
        s = summarize(self.inspection)
        if s.eligible is False:
            return "⚠ ĐƠN VỊ CHƯA ĐỦ ĐIỀU KIỆN: " + "; ".join(s.not_met) + " (ghi vào biên bản)."
        return ""

    def on_mount(self) -> None:
        resume = self.session.resume_at(self.inspection)
        if resume in self.criteria:
            self.current = resume
        self._update_titles()
        if self.current is not None:
            self.select(self.current)
        self.query_one("#criteria").focus()
        self._show_mode()
        if not self.antq.plugins_loaded:
            self.run_worker(self._attach_checks(), exit_on_error=False)
        else:
            self._attach_now()

    async def _attach_checks(self) -> None:
        await self.antq.registry()
        self._attach_now()
        if self.current is not None:
            self._show_suggestion()

    def _attach_now(self) -> None:
        self.criteria, self.changed = self.session.live_criteria(self.inspection)
        self.query_one(CriteriaList).changed = set(self.changed)

    def _show_mode(self) -> None:
        """The status line and the footer follow finalized / open (the summary may change it)."""
        finalized = self.inspection.finalized
        self.query_one(".readonly-banner").display = finalized
        self.query_one(SaveStatus).mode(finalized)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a finalized inspection is only viewed: its editing keys leave the footer (and do nothing)
        return not (action in EDIT_ACTIONS and self.inspection.finalized)

    def _update_titles(self) -> None:
        s = summarize(self.inspection)
        self.title = self.inspection.unit.name
        narrowed = self.query_one(CriteriaList).title
        self.sub_title = f"Năm {self.inspection.year} · {s.progress_label}" + (f" · {narrowed}" if narrowed else "")

    # -- selecting a criterion ----------------------------------------------------------------------

    def select(self, number: int) -> None:
        if not self.query_one(CriteriaList).highlight_criterion(number):  # else the Highlighted event shows it
            self.show(number)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id.startswith("c-"):
            number = int(event.option.id[2:])
            if number != self.current or self.answer is None:
                self.show(number)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter on a criterion: go to its first input
        self.focus_detail()

    def focus_detail(self) -> None:
        if self.box is None:
            return
        for widget in self.box.query("Input, Checkbox"):
            if widget.focusable:
                widget.focus()
                return

    def show(self, number: int) -> None:
        self.current = number
        criterion = self.criteria[number]
        self.answer = copy.deepcopy(self.inspection.answer(number))
        detail = self.query_one("#detail", VerticalScroll)
        old = self.box
        self.box = CriterionDetail(
            criterion, self.answer, group_title=self.inspection.criteria.group(criterion.group).title,
            changed=number in self.changed and self.antq.plugins_loaded, readonly=self.inspection.finalized)
        if old is not None:
            old.remove()
        detail.mount(self.box)
        detail.scroll_home(animate=False, immediate=True)
        detail.call_after_refresh(detail.scroll_home, animate=False)
        self._show_suggestion()
        self._show_verdict()

    @property
    def suggest_widget(self) -> Static:
        assert self.box is not None
        return self.box.suggest_widget

    def _show_suggestion(self) -> None:
        if self.current is None or self.answer is None or self.box is None:
            return
        self.box.criterion = self.criteria[self.current]  # the live check may have come since it was shown
        self.box.show_suggestion(self.answer, self.inspection.year)

    def _show_verdict(self) -> None:
        if self.answer is not None and self.box is not None:
            self.box.show_verdict(self.answer)

    # -- changes ----------------------------------------------------------------------------------

    def _editable(self) -> bool:
        if self.inspection.finalized:
            self.notify("Cuộc kiểm tra đã hoàn thành nên chỉ xem được. Mở lại ở màn hình Tổng hợp (s).",
                        severity="warning")
            return False
        return self.current is not None and self.answer is not None

    def _changed(self, what: str, extra: tuple = ()) -> None:
        """Keep the answer in the inspection, refresh what depends on it, and queue the save of ``what``."""
        answer = self.answer
        if answer is None or self.current is None:
            return
        number = self.current
        self._remember(number, what, extra[0] if extra else None)
        criterion = self.criteria[number]
        if what == "inputs" and criterion.check is not None:
            answer.suggestion = criterion.suggest(answer.inputs, year=self.inspection.year)
        answer.updated_by = self.user
        self.inspection.answers[number] = copy.deepcopy(answer)
        iid, session = self.inspection.id, self.session
        if what == "verdict":
            session.set_verdict(iid, number, answer.verdict)
        elif what == "self":
            session.set_self_assessment(iid, number, answer.self_assessment)
        elif what == "remark":
            session.set_remark(iid, number, answer.remark)
        elif what == "inputs":
            session.set_inputs(iid, number, {f.id: answer.inputs.get(f.id) for f in criterion.fields})
        else:  # evidence
            (index,) = extra
            session.set_evidence(iid, number, index, copy.deepcopy(answer.evidence[index]))
        self.query_one(CriteriaList).refresh_criterion(number)
        self._update_titles()

    def _remember(self, number: int, part: str, index: int | None) -> None:
        """Keep the answer as it was before this change, for Ctrl+Z. A run of typing in one field is one
        change (its first keystroke is remembered); each verdict or tick is a change of its own."""
        before = self.inspection.answer(number)
        top = self.undo_stack[-1] if self.undo_stack else None
        typing = part in ("inputs", "remark") or (part == "evidence" and not self._toggled)
        if typing and top is not None and top[:3] == (number, part, index):
            return
        self.undo_stack.append((number, part, index, copy.deepcopy(before)))
        del self.undo_stack[:-200]

    _toggled = False  # the evidence change being recorded is a tick, not typing

    def action_undo(self) -> None:
        if not self.undo_stack or self.inspection.finalized:
            self.notify("Không còn thay đổi nào để hoàn tác.")
            return
        number, part, index, before = self.undo_stack.pop()
        answer = self.inspection.answer(number)
        if part == "verdict":
            answer.verdict = before.verdict
        elif part == "self":
            answer.self_assessment = before.self_assessment
        elif part == "inputs":
            answer.inputs = copy.deepcopy(before.inputs)
            answer.suggestion = before.suggestion
        elif part == "remark":
            answer.remark = before.remark
        elif index is not None:
            answer.evidence[index] = copy.deepcopy(before.evidence[index])
        self.inspection.answers[number] = answer
        self.session.undo(self.inspection.id, number, part, before, index)
        self.query_one(CriteriaList).refresh_criterion(number)
        self._update_titles()
        self.select(number)
        self.show(number)  # the restored values, in fresh widgets
        self.query_one("#criteria").focus()
        label = {"verdict": "kết luận", "self": "tự đánh giá", "inputs": "số liệu", "remark": "nhận xét",
                 "evidence": "hồ sơ"}[part]
        self.notify(f"Đã hoàn tác {label} của tiêu chí {number} (ghi vào nhật ký như một thay đổi mới).")

    def _stale(self, widget) -> bool:
        return getattr(widget, "number", None) != self.current

    def on_field_input_parsed(self, event: FieldInput.Parsed) -> None:
        if self._stale(event.field_input) or not self._editable():
            return
        self.answer.inputs[event.field_input.field.id] = event.value
        self._changed("inputs")
        self._show_suggestion()

    def on_evidence_row_changed(self, event: EvidenceRow.Changed) -> None:
        if self._stale(event.row) or not self._editable():
            return
        self.answer.evidence[event.row.index] = copy.deepcopy(event.row.seen)
        self._toggled = event.row.toggled
        self._changed("evidence", (event.row.index,))
        self._toggled = False

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        # the widget holds the truth while it is typed in: it is read here, never written back
        area = event.text_area
        if not area.has_class("remark") or self._stale(area) or self.answer is None or self.box is None:
            return
        text = area.text
        self.box.show_remark_count(text)
        self._show_remark_count()
        if text == self.answer.remark or len(text) > REMARK_MAX_CHARS or not self._editable():
            return
        self.answer.remark = text
        self._changed("remark")

    def on_key(self, event: events.Key) -> None:
        # a figure typed straight from the list goes into the criterion's first field
        criteria = self.query_one(CriteriaList)
        if (self.focused is criteria and event.character and event.character.isdigit() and self.box is not None
                and not self.inspection.finalized):
            inputs = [w for w in self.box.query(Input) if w.focusable]
            if inputs:
                event.stop()
                event.prevent_default()
                inputs[0].focus()
                inputs[0].insert_text_at_cursor(event.character)

    def action_verdict(self, value: str) -> None:
        if not self._editable():
            return
        self.answer.verdict = Verdict(value)
        self._changed("verdict")
        self._show_verdict()

    def action_clear_verdict(self) -> None:
        if not self._editable():
            return
        self.answer.verdict = None
        self._changed("verdict")
        self._show_verdict()

    def action_self_assessment(self) -> None:
        if not self._editable():
            return
        cycle = [None, Verdict.DAT, Verdict.KHONG_DAT]
        current = self.answer.self_assessment if self.answer.self_assessment in cycle else None
        self.answer.self_assessment = cycle[(cycle.index(current) + 1) % 3]
        self._changed("self")
        self._show_verdict()

    # -- moving -----------------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        if self.current is None:
            return
        i = self.order.index(self.current) + delta
        if 0 <= i < len(self.order):
            self.select(self.order[i])
            self.query_one("#criteria").focus()

    def action_next_unassessed(self) -> None:
        if self.current is None:
            return
        start = self.order.index(self.current)
        for number in self.order[start + 1:] + self.order[: start + 1]:
            answer = self.inspection.answers.get(number)
            if not (answer and answer.assessed) and number != self.current:
                self.select(number)
                self.query_one("#criteria").focus()
                return
        self.notify("Đã đánh giá hết các tiêu chí. Bấm s để sang Tổng hợp.")

    def action_jump(self) -> None:
        from .dialogs import PromptDialog

        def check(text: str) -> str:
            if not text.strip().isdigit() or int(text) not in self.criteria:
                return f"Không có tiêu chí số “{text.strip()}” (có {self.order[0]}–{self.order[-1]})."
            return ""

        def done(text: str | None) -> None:
            if text:
                self.select(int(text))
                self.query_one("#criteria").focus()

        self.app.push_screen(PromptDialog("Đến tiêu chí", "Số tiêu chí:", placeholder="ví dụ 12", check=check), done)

    def action_cycle_filter(self) -> None:
        keys = list(FILTERS)
        criteria = self.query_one(CriteriaList)
        self._narrow(filter=keys[(keys.index(criteria.state_filter) + 1) % len(keys)])

    def action_search(self) -> None:
        from .dialogs import PromptDialog

        def done(text: str | None) -> None:
            if text is not None:
                self._narrow(query=text.strip())

        self.app.push_screen(PromptDialog("Tìm tiêu chí", "Chữ có trong nội dung hoặc nhận xét (để trống: bỏ tìm):",
                                          placeholder="ví dụ: ma tuy", value=self.query_one(CriteriaList).search),
                             done)

    def _narrow(self, filter: str | None = None, query: str | None = None) -> None:
        criteria = self.query_one(CriteriaList)
        shown = criteria.narrow(filter, query)
        self._update_titles()
        if not shown:
            self.notify(f"Không có tiêu chí nào: {criteria.title}. Bấm f (lọc) hoặc / (tìm) để đổi.",
                        severity="warning")
        elif self.current not in shown:
            self.select(shown[0])
        criteria.focus()

    def _show_remark_count(self) -> None:
        """Scroll the detail column to the remark's counter once the layout has room for the line just
        typed (measured before it, the counter ended a line short of the view, now and then)."""
        count = self.box.remark_count if self.box is not None else None
        if count is not None:
            count.call_after_refresh(count.scroll_visible, animate=False)

    def action_remark(self) -> None:
        if self.box is not None and not self.inspection.finalized:
            self.box.remark_widget.focus(scroll_visible=False)
            self._show_remark_count()  # the whole remark and its counter

    def action_back(self) -> None:
        criteria = self.query_one("#criteria")
        if self.focused is not criteria:
            criteria.focus()
            return
        self.app.pop_screen()

    def action_summary(self) -> None:
        from .summary import SummaryScreen

        self._stale_view = True
        self.app.push_screen(SummaryScreen(self.inspection))

    def action_eligibility(self) -> None:
        from .eligibility import EligibilityScreen

        self._stale_view = True
        self.app.push_screen(EligibilityScreen(self.inspection))

    def action_compare(self) -> None:
        from .compare import open_compare

        open_compare(self.antq, self.inspection)

    def action_attach(self) -> None:
        """The criterion's files; a file added there shows in the detail (of the record focused here)."""
        from .attach import AttachScreen

        if self.current is None:
            return
        number = self.current
        row = next((w for w in (self.focused.ancestors_with_self if self.focused else ()) if isinstance(w, EvidenceRow)), None)

        def done(attached: bool | None) -> None:
            if attached and self.current == number:
                self.show(number)
                self.query_one("#criteria").focus()

        self.app.push_screen(AttachScreen(self.inspection, number, row.index if row is not None else None), done)

    def action_visit_info(self) -> None:
        from .visit import VisitInfoScreen

        self.app.push_screen(VisitInfoScreen(self.inspection))

    def on_screen_resume(self) -> None:
        # back from the summary (finalized? reopened?) or the eligibility step; not after a dialog
        if self._stale_view:
            self._stale_view = False
            self.refresh_all()

    def refresh_all(self) -> None:
        options = self.query_one(CriteriaList)
        for number in self.order:
            options.refresh_criterion(number)
        self._update_titles()
        self._show_mode()
        warning = self._eligibility_warning()
        banners = self.query("#ineligible")
        if warning and not banners:
            self.mount(Static(warning, classes="warning-banner", id="ineligible"), before="#walk")
        elif banners:
            if warning:
                banners.first(Static).update(warning)
            else:
                banners.remove()
        if self.current is not None:
            self.show(self.current)


EDIT_ACTIONS = frozenset({"verdict", "clear_verdict", "self_assessment", "remark", "undo"})

