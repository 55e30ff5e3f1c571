"""The walk's right column: one criterion in full.

Its text and notes, the input fields (validated as typed) with the check's live suggestion, the records
to tick as seen, the unit's self-assessment, the team's verdict and a remark. Every child carries the
criterion's ``number`` so that an event from a criterion no longer shown is ignored.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import TextArea

from ...criteria import Criterion, Verdict
from ...inspection import Answer
from ...labels import UNASSESSED_LABEL, VERDICT_LABELS
from ...text import REMARK_MAX_CHARS
from .evidence import EvidenceRow
from .fields import FieldInput
from .plain import Static

STATE_LABELS: dict[Verdict | None, str] = {None: UNASSESSED_LABEL.lower(), Verdict.DAT: VERDICT_LABELS[Verdict.DAT],
                                           Verdict.KHONG_DAT: VERDICT_LABELS[Verdict.KHONG_DAT]}
CHANGED_NOTE = ("⚠ Plugin đã đổi tiêu chí này từ khi bắt đầu kiểm tra: nội dung theo bản lúc bắt đầu, "
                "gợi ý không tính lại; đoàn tự đánh giá.")


class CriterionDetail(Vertical):
    """The widgets of criterion ``criterion`` with the ``answer`` being edited.

    :param group_title: the title of the criterion's group, shown beside its number.
    :param changed: the plugin changed the criterion since the inspection started (a note says so).
    :param readonly: a finalized inspection: nothing can be typed.
    """

    def __init__(self, criterion: Criterion, answer: Answer, *, group_title: str, changed: bool,
                 readonly: bool) -> None:
        number = criterion.number
        self.criterion = criterion
        widgets: list = [
            Static(Text.assemble((f"Tiêu chí {number}", "bold"), f"  ·  {group_title}"), classes="c-head"),
        ]
        # the verdicts in one line at the top: the full block below is off screen at 80×24
        self.state_widget = Static("", classes="c-state")
        widgets += [
            self.state_widget,
            Static(criterion.text, classes="c-text", markup=False),
        ]
        notes = []
        if criterion.note:
            notes.append(criterion.note)
        notes += [f"* Sửa đổi — {a}" for a in criterion.amendments]
        if changed:
            notes.append(CHANGED_NOTE)
        if notes:
            widgets.append(Static("\n".join(notes), classes="c-note", markup=False))
        # what the unit declared in its self-assessment form, until the team has verified it (on mount)
        self.declared_widget = Static("", classes="c-declared", markup=False)
        self.declared_widget.display = False
        widgets.append(self.declared_widget)
        if criterion.fields:
            widgets.append(Static("Số liệu", classes="section-title"))
            widgets += [FieldInput(f, answer.inputs.get(f.id), disabled=readonly) for f in criterion.fields]
        self.suggest_widget = Static("", classes="c-suggest")
        widgets.append(self.suggest_widget)
        widgets.append(Static("Hồ sơ kiểm chứng (Space: đã xem · a: tệp)", classes="section-title"))
        widgets += [EvidenceRow(i, e, disabled=readonly) for i, e in enumerate(answer.evidence)]
        self.files_widget = Static("", classes="c-files", markup=False)  # the attached files, filled on mount
        self.files_widget.display = False
        widgets.append(self.files_widget)
        self.verdict_widget = Static("", classes="c-verdict")
        widgets.append(self.verdict_widget)
        widgets.append(Static("Nhận xét (Enter: dòng mới · Esc: xong)", classes="section-title"))
        self.remark_widget = TextArea(answer.remark, placeholder="Nhận xét của đoàn…", classes="remark",
                                      compact=True, soft_wrap=True, tab_behavior="focus", read_only=readonly,
                                      show_cursor=not readonly)
        self.remark_count = Static("", classes="remark-count")
        widgets += [self.remark_widget, self.remark_count]
        for w in widgets:
            w.number = number  # events from a criterion no longer shown are ignored
        super().__init__(*widgets, classes="criterion")
        self.show_remark_count(answer.remark)

    def show_remark_count(self, remark: str) -> None:
        """"n/2000" under the remark, red with a warning once it is too long to be saved."""
        count = len(remark)
        if count > REMARK_MAX_CHARS:
            self.remark_count.update(Text(
                f"{count}/{REMARK_MAX_CHARS} — quá dài, chưa lưu: bớt {count - REMARK_MAX_CHARS} ký tự",
                style="bold red"))
        else:
            self.remark_count.update(Text(f"{count}/{REMARK_MAX_CHARS}", style="dim"))

    def on_mount(self) -> None:
        inspection, session = getattr(self.screen, "inspection", None), getattr(self.app, "session", None)
        try:
            files = session.attachments(inspection.id, self.criterion.number) if inspection and session else []
        except Exception:  # the list is a convenience: a database error is reported where files are added
            files = []
        self.files_widget.display = bool(files)
        self.files_widget.styles.padding = (1, 0, 0, 0)
        self.files_widget.update("Tệp đính kèm (a):\n" + "\n".join(f"• {f.line()}" for f in files))
        self.show_declared()

    def show_declared(self) -> None:
        """The unit's declaration (its self-assessment form) for this criterion, while not verified."""
        inspection, session = getattr(self.screen, "inspection", None), getattr(self.app, "session", None)
        try:
            lines = session.declared(inspection, self.criterion.number) if inspection and session else []
        except Exception:  # a convenience, like the files: never in the way of the visit
            lines = []
        self.declared_widget.display = bool(lines)
        self.declared_widget.update("Đơn vị khai trước (chưa đối chiếu):\n" + "\n".join(f"• {x}" for x in lines))

    def show_suggestion(self, answer: Answer, year: int) -> None:
        """The check's suggestion for what is typed (live), else the stored one, else "none"."""
        criterion = self.criterion
        suggestion = criterion.suggest(answer.inputs, year=year) if criterion.check else answer.suggestion
        target = self.suggest_widget
        if suggestion is None:
            target.update(Text("Gợi ý: không có (tiêu chí này do đoàn đánh giá)", style="dim"))
            target.display = bool(criterion.fields)
            return
        target.display = True
        style = {Verdict.DAT: "bold green", Verdict.KHONG_DAT: "bold red"}.get(suggestion.verdict, "bold yellow")
        text = Text.assemble("Gợi ý: ", (suggestion.verdict.label, style), f" — {suggestion.reason}")
        if suggestion.judgement:
            text.append(" (cần đoàn đánh giá)", style="italic")
        target.update(text)

    def show_verdict(self, answer: Answer) -> None:
        """The unit's own assessment and the team's verdict, in the block and in the line at the top."""
        own = STATE_LABELS[answer.self_assessment if answer.self_assessment in STATE_LABELS else None]
        team = answer.verdict if answer.assessed else None
        style = {Verdict.DAT: "bold green", Verdict.KHONG_DAT: "bold red"}.get(team, "bold yellow")
        text = Text.assemble(
            "Đơn vị tự đánh giá: ", (own, "bold"), "  (t)\n",
            "Kết luận của đoàn:  ", (STATE_LABELS[team].upper() if team is None else STATE_LABELS[team], style),
            "  (d / k)",
        )
        self.verdict_widget.update(text)
        own_short = STATE_LABELS[answer.self_assessment] if answer.self_assessment in STATE_LABELS and \
            answer.self_assessment is not None else "—"
        self.state_widget.update(Text.assemble(
            "Đơn vị tự ĐG: ", (own_short, "bold"), " · Đoàn: ", (STATE_LABELS[team] if team else "—", style)))
