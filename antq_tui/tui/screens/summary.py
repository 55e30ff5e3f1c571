"""Summary: counts per group and overall, eligibility, the suggested conclusion, the team's texts;
finalize (refused while criteria are unassessed) and reopen (with a reason)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, TextArea

from ...inspection import Inspection, summarize
from ...vnformat import format_date, roman
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static
from ..widgets.status import SaveStatus
from .base import AntqScreen

TEXT_FIELDS = [
    ("strengths", "Ưu điểm"),
    ("shortcomings", "Tồn tại, hạn chế"),
    ("recommendations", "Kiến nghị"),
    ("conclusion", "Kết luận của đoàn"),
]


def eligibility_line(inspection: Inspection) -> Text:
    s = summarize(inspection)
    if not inspection.eligibility_checks:
        return Text("Điều kiện công nhận: (bộ tiêu chí không có điều kiện riêng)", style="dim")
    if s.eligible is True:
        return Text.assemble("Điều kiện công nhận: ", ("ĐỦ ĐIỀU KIỆN", "bold green"))
    if s.eligible is False:
        return Text.assemble("Điều kiện công nhận: ", ("CHƯA ĐỦ ĐIỀU KIỆN", "bold red"),
                             " — không đạt: " + "; ".join(s.not_met))
    return Text.assemble("Điều kiện công nhận: ", ("chưa xác định", "bold yellow"),
                         " (còn điều kiện chưa trả lời; bấm v)")


class SummaryScreen(AntqScreen):
    CSS_PATH = "summary.tcss"
    TITLE_VI = "Tổng hợp kết quả"
    HELP = ("Số tiêu chí đạt theo từng nhóm, điều kiện công nhận, kết luận đề xuất; ghi ưu điểm, tồn tại, "
            "kiến nghị, kết luận. Hoàn thành (f) khi đã đánh giá hết; sau đó chỉ xem được cho đến khi mở lại (o).")
    BINDINGS = [
        Binding("f", "finalize", "Hoàn thành", id="summary.finalize",
                tooltip="Khóa cuộc kiểm tra (cần đánh giá hết tiêu chí)"),
        Binding("o", "reopen", "Mở lại", id="summary.reopen", tooltip="Mở lại cuộc kiểm tra đã hoàn thành (ghi lý do)"),
        Binding("e", "export", "Xuất BB", id="summary.export", tooltip="Xuất biên bản"),
        Binding("c", "compare", "So sánh", id="summary.compare", tooltip="So sánh với lần kiểm tra trước"),
        Binding("v", "eligibility", "Điều kiện", id="summary.eligibility", tooltip="Điều kiện công nhận",
                show=False),
        Binding("w", "text", "Ghi", id="summary.text", tooltip="Ghi ưu điểm, tồn tại, kiến nghị, kết luận"),
        Binding("i", "visit_info", "Thông tin", id="summary.visit",
                tooltip="Ngày, giờ bắt đầu và kết thúc, địa điểm, đoàn, đại diện đơn vị, số biên bản"),
        Binding("g", "recognition", "Công nhận", id="summary.recognition",
                tooltip="Quyết định công nhận, cấp quản lý, Bằng khen"),
        Binding("d", "dossier", "Hồ sơ", id="summary.dossier",
                tooltip="Hồ sơ đề nghị công nhận: tờ trình, báo cáo, biên bản họp xét"),
        Binding("escape", "back", "Về", id="summary.back", tooltip="Về đánh giá tiêu chí"),
    ]

    def __init__(self, inspection: Inspection) -> None:
        super().__init__()
        self.inspection = inspection

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="summary"):
            yield Static("", id="status-line")
            yield Static("", id="visit-line")
            yield Static("", id="counts")
            yield Static("", id="eligibility")
            yield Static("", id="suggested")
            yield Static("", id="unassessed")
            for key, label in TEXT_FIELDS:
                yield Label(label, classes="section-title")
                yield TextArea(getattr(self.inspection, key), id=key, soft_wrap=True, tab_behavior="focus",
                               compact=True, read_only=self.inspection.finalized)
        yield SaveStatus("")
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = self.inspection.unit.name
        self.refresh_summary()
        self.query_one("#summary").focus()

    def refresh_summary(self) -> None:
        i = self.inspection
        s = summarize(i)
        self.sub_title = f"Năm {i.year} · Tổng hợp · {s.progress_label}"
        status = Text.assemble(
            (f"{i.unit.name}", "bold"), f" ({i.unit.kind_label}) · năm {i.year}",
            f" · ngày {format_date(i.visit_date)}" if i.visit_date else "",
            " · ", ("ĐÃ HOÀN THÀNH (chỉ xem)", "bold yellow") if i.finalized else ("đang kiểm tra", ""),
        )
        self.query_one("#status-line", Static).update(status)
        from .visit import visit_line

        self.query_one("#visit-line", Static).update(
            visit_line(i, self.antq.workspace.config.minutes_number_suffix))
        lines = Text()
        width = max(24, (self.size.width or 80) - 44)  # the counts take ~40 columns
        for n, g in enumerate(s.groups, 1):
            title = f"{roman(n)}. {g.title}"
            if len(title) > width:
                title = title[: width - 1] + "…"
            lines.append(f"{title:<{width}} ")
            lines.append(f"{g.dat:>2}/{g.total} đạt", style="green")
            if g.khong_dat:
                lines.append(f" · {g.khong_dat} không đạt", style="bold red")
            if g.unassessed:
                lines.append(f" · {g.unassessed} chưa", style="yellow")
            lines.append("\n")
        lines.append(f"{'Tổng cộng':<{width}} ", style="bold")
        lines.append(f"{s.dat:>2}/{s.total} đạt", style="bold green")
        lines.append(f" · {s.khong_dat} không đạt · {len(s.unassessed)} chưa đánh giá", style="bold")
        self.query_one("#counts", Static).update(lines)
        self.query_one("#eligibility", Static).update(eligibility_line(i))
        style = "bold green" if s.recommend else "bold red"
        self.query_one("#suggested", Static).update(
            Text.assemble("Kết luận đề xuất: ", (s.conclusion_label.upper(), style)))
        if s.unassessed:
            todo = Text("Chưa đánh giá: tiêu chí " + ", ".join(map(str, s.unassessed)), style="yellow")
        else:
            todo = Text("Đã đánh giá đủ các tiêu chí.", style="green")
        if s.failed:
            todo.append("\nKhông đạt: tiêu chí " + ", ".join(map(str, s.failed)), style="red")
        self.query_one("#unassessed", Static).update(todo)
        for key, _ in TEXT_FIELDS:
            self.query_one(f"#{key}", TextArea).read_only = i.finalized
        self.query_one(SaveStatus).mode(i.finalized)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hoàn thành only while open, Mở lại only once finalized: the other one leaves the footer
        if action in ("finalize", "text"):  # a finalized inspection's texts are only read
            return not self.inspection.finalized
        if action == "reopen":
            return self.inspection.finalized
        return True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        key = event.text_area.id
        if key not in dict(TEXT_FIELDS) or self.inspection.finalized:
            return
        value = event.text_area.text
        if value == getattr(self.inspection, key):
            return
        setattr(self.inspection, key, value)
        self.session.save_text(self.inspection.id, key, value)

    # -- actions ----------------------------------------------------------------------------------

    def action_text(self) -> None:
        self.query_one("#strengths", TextArea).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, TextArea):
            self.query_one("#summary").focus()
            return
        self.app.pop_screen()

    def action_recognition(self) -> None:
        from .recognition import RecognitionScreen

        self.app.push_screen(RecognitionScreen(self.inspection.id))

    def action_finalize(self) -> None:
        if self.inspection.finalized:
            self.notify("Cuộc kiểm tra đã hoàn thành rồi.")
            return
        s = summarize(self.inspection)
        if s.unassessed:
            self.antq.show_error(
                "Chưa thể hoàn thành",
                f"Còn {len(s.unassessed)} tiêu chí chưa đánh giá: " + ", ".join(map(str, s.unassessed))
                + ".\nĐánh giá hết (Đạt hoặc Không đạt) rồi hoàn thành.")
            return
        from .dialogs import ConfirmDialog

        question = (f"Hoàn thành cuộc kiểm tra {self.inspection.unit.name} năm {self.inspection.year}?\n"
                    f"Kết luận đề xuất: {s.conclusion_label}. Sau khi hoàn thành, chỉ xem được; "
                    "muốn sửa phải mở lại và ghi lý do.")
        self.app.push_screen(ConfirmDialog(question, yes="Hoàn thành", no="Chưa"), self._finalize)

    def _finalize(self, yes: bool | None) -> None:
        if yes:
            self.run_worker(self._finalize_work(), exclusive=True, group="finalize", exit_on_error=False)

    async def _finalize_work(self) -> None:
        if not await self.antq.wait_saved():
            self.antq.show_error("Chưa thể hoàn thành", "Còn thay đổi chưa lưu được. Ctrl+S để thử lại trước.")
            return
        try:
            updated = self.session.finalize(self.inspection.id)
        except Exception as exc:
            self.antq.show_error("Không hoàn thành được", str(exc))
            return
        self._replace(updated)
        self.notify("Đã hoàn thành. Bấm e để xuất biên bản.", title="Hoàn thành")

    def action_reopen(self) -> None:
        if not self.inspection.finalized:
            self.notify("Cuộc kiểm tra đang mở, không cần mở lại.")
            return
        from .dialogs import PromptDialog

        def check(text: str) -> str:
            return "" if len(text.strip()) >= 3 else "Cần ghi lý do mở lại (ít nhất vài chữ)."

        self.app.push_screen(PromptDialog("Mở lại cuộc kiểm tra", "Lý do mở lại (ghi vào nhật ký):", check=check),
                             self._reopen)

    def _reopen(self, reason: str | None) -> None:
        if not reason:
            return
        try:
            updated = self.session.reopen(self.inspection.id, reason.strip())
        except Exception as exc:
            self.antq.show_error("Không mở lại được", str(exc))
            return
        self._replace(updated)
        self.notify("Đã mở lại; có thể sửa tiếp.")

    def _replace(self, updated: Inspection) -> None:
        """Take the stored state, keeping the same object the walk screen holds."""
        for f in ("status", "finalized_at", "updated_at"):
            setattr(self.inspection, f, getattr(updated, f))
        self.refresh_summary()

    def action_export(self) -> None:
        from .export import start_export

        start_export(self, self.inspection.id)

    def action_compare(self) -> None:
        from .compare import open_compare

        open_compare(self.antq, self.inspection)

    def action_visit_info(self) -> None:
        from .visit import VisitInfoScreen

        self.app.push_screen(VisitInfoScreen(self.inspection))

    def action_eligibility(self) -> None:
        from .eligibility import EligibilityScreen

        self.app.push_screen(EligibilityScreen(self.inspection))

    def action_dossier(self) -> None:
        from .dossier import DossierScreen

        self.app.push_screen(DossierScreen(self.inspection))

    def on_screen_resume(self) -> None:
        self.refresh_summary()
