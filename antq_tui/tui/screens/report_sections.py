"""The district report's narrative sections before export: one text box per section, prefilled from
the minutes (or the office's saved draft), Ctrl+S to save, Ctrl+R / Ctrl+O to print the report as PDF or
Word with them, Ctrl+T to switch between the year (tổng kết) and the first six months (sơ kết).

The sections are drawn from every finalized inspection of the period, read whole (a province's year:
seconds), so they are read in a thread worker; until they are in, the boxes take no typing and
nothing is saved, so no text can be typed into a box that the loaded text would then replace."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, TextArea

from ...office.report_paper import HALF, PERIODS, SECTIONS, YEAR
from ...vnformat import format_date
from ..widgets.footer import AntqFooter
from ..widgets.plain import Label, Static
from .base import AntqScreen


class ReportSectionsScreen(AntqScreen):
    CSS_PATH = "report_sections.tcss"
    TITLE_VI = "Nội dung báo cáo"
    HELP = ("Các phần nhận xét của báo cáo (tuyên truyền, ưu điểm, tồn tại và nguyên nhân, bài học kinh nghiệm, "
            "kiến nghị, phương hướng), soạn sẵn từ biên bản các cuộc kiểm tra đã hoàn thành. Sửa rồi Ctrl+S để lưu "
            "bản nháp; Ctrl+N soạn lại phần đang sửa từ biên bản; Ctrl+R xuất báo cáo PDF, Ctrl+O ra Word; "
            "Ctrl+T đổi kỳ: cả năm hoặc 6 tháng đầu năm.")
    BINDINGS = [
        Binding("ctrl+s", "save", "Lưu", id="report_sections.save", tooltip="Lưu bản nháp nội dung báo cáo"),
        Binding("ctrl+r", "export(False)", "PDF", id="report_sections.pdf",
                tooltip="Lưu rồi xuất báo cáo ra PDF với nội dung này"),
        Binding("ctrl+o", "export(True)", "Word", id="report_sections.word",
                tooltip="Lưu rồi xuất báo cáo ra tệp Word (.docx) với nội dung này"),
        Binding("ctrl+n", "refill", "Soạn lại", id="report_sections.refill",
                tooltip="Thay phần đang sửa bằng nội dung soạn sẵn từ biên bản (Ctrl+Z để lấy lại)"),
        Binding("ctrl+t", "period", "Kỳ", id="report_sections.period",
                tooltip="Đổi kỳ báo cáo: tổng kết năm / sơ kết 6 tháng đầu năm (lưu trước khi đổi)"),
        Binding("escape", "back", "Về", id="report_sections.back", tooltip="Lưu (nếu có sửa) và quay lại thống kê"),
    ]

    def __init__(self, year: int, period: str = YEAR) -> None:
        super().__init__()
        self.year = year
        self.period = period
        #: the text as last loaded or saved: what "unsaved" is measured against
        self._stored: dict[str, str] = {}
        self._saved_at: dt.datetime | None = None
        self._prefilled: dict[str, str] = {}
        #: the (year, period) being read in the worker; None once its text is in the boxes
        self._loading: tuple[int, str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sections"):
            yield Static("", id="report-status")
            for key, title in SECTIONS.items():
                yield Label(title, classes="section-title")
                yield TextArea("", id=key, soft_wrap=True, tab_behavior="focus", compact=True)
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = "Nội dung báo cáo"
        self._load()

    # -- state ------------------------------------------------------------------------------------

    def _texts(self) -> dict[str, str]:
        return {key: self.query_one(f"#{key}", TextArea).text for key in SECTIONS}

    def _dirty(self) -> bool:
        """Typed since loaded or saved (never while loading: the boxes take no typing then)."""
        return self._loading is None and self._texts() != self._stored

    def _load(self) -> None:
        """Read the period's sections in a worker; the boxes wait, read-only, until they are in."""
        self._loading = (self.year, self.period)
        for key in SECTIONS:
            self.query_one(f"#{key}", TextArea).read_only = True
        period = PERIODS[self.period]
        self.sub_title = f"Báo cáo {period.kind} {period.title(self.year)}"
        self.query_one("#report-status", Static).update(Text(
            f"Đang soạn nội dung từ biên bản các cuộc kiểm tra đã hoàn thành ({period.span(self.year)})…",
            style="bold"))
        self._read(self.year, self.period)

    @work(thread=True, exclusive=True, exit_on_error=False, group="report-load")
    def _read(self, year: int, period: str) -> None:
        from ...services import office

        try:
            ctx: Any = self.session.thread_context()  # this thread's own store
            with ctx:
                data = office.report_data(ctx, year, period)
        except Exception as exc:  # a locked or damaged database: said, the boxes stay read-only
            self.app.call_from_thread(self._failed, (year, period), str(exc))
            return
        self.app.call_from_thread(self._loaded, (year, period), data)

    def _failed(self, which: tuple[int, str], message: str) -> None:
        if which == self._loading and self.is_attached:
            self.query_one("#report-status", Static).update(
                Text(f"Không soạn được nội dung báo cáo: {message}", style="bold red"))

    def _loaded(self, which: tuple[int, str], data: Any) -> None:
        if which != self._loading or not self.is_attached:  # switched meanwhile (its own read follows), or left
            return
        self._loading = None
        self._stored = {k: data.sections.get(k, "") for k in SECTIONS}
        self._saved_at = data.saved_at
        self._prefilled = dict(data.prefilled)
        for key, text in self._stored.items():
            area = self.query_one(f"#{key}", TextArea)
            area.load_text(text)
            area.read_only = False
        self._show_status(units=sum(1 for s in data.stats.sections for u in s.units if u.finalized))
        if not isinstance(self.focused, TextArea):
            self.query_one("#tuyen_truyen", TextArea).focus()

    def _still_loading(self) -> bool:
        """Whether the sections are still being read (and the user is told to wait)."""
        if self._loading is None:
            return False
        self.notify("Đang soạn nội dung từ biên bản, xin chờ giây lát.", timeout=3)
        return True

    def _show_status(self, units: int | None = None) -> None:
        period = PERIODS[self.period]
        self.sub_title = f"Báo cáo {period.kind} {period.title(self.year)}"
        if units is not None:
            self._units = units
        origin = (f"bản nháp đã lưu lúc {self._saved_at.astimezone():%H:%M} ngày {format_date(self._saved_at.astimezone().date())}"
                  if self._saved_at else "soạn sẵn từ biên bản, chưa lưu")
        self.query_one("#report-status", Static).update(Text.assemble(
            (f"Báo cáo {period.kind} {period.title(self.year)}", "bold"),
            f" ({period.span(self.year)}) · {getattr(self, '_units', 0)} đơn vị đã hoàn thành kiểm tra · {origin}.\n",
            ("Mỗi dòng là một đoạn; để trống thì báo cáo in dòng chấm để viết tay.", "dim")))

    def _save(self) -> bool:
        """Save what is typed; False (and an error shown) if it could not be saved."""
        try:
            self._saved_at = self.session.save_report_sections(self.year, self.period, self._texts())
        except Exception as exc:
            self.antq.show_error("Không lưu được nội dung báo cáo", str(exc))
            return False
        self._stored = self._texts()
        self._show_status()
        return True

    # -- actions ----------------------------------------------------------------------------------

    def action_save(self) -> None:
        if self._still_loading():
            return
        if self._save():
            self.notify("Đã lưu nội dung báo cáo.", title="Đã lưu")

    def action_refill(self) -> None:
        if self._still_loading():
            return
        area = self.focused
        if not isinstance(area, TextArea) or area.id not in SECTIONS:
            self.notify("Chọn (Tab) phần muốn soạn lại trước.")
            return
        # an edit, not a reload: Ctrl+Z brings the office's text back
        area.replace(self._prefilled.get(area.id, ""), area.document.start, area.document.end,
                     maintain_selection_offset=False)
        area.move_cursor((0, 0))  # where the undo finds it valid whatever the text's length (Textual)
        self.notify(f"Đã soạn lại “{SECTIONS[area.id]}” từ biên bản; Ctrl+S để lưu, Ctrl+Z để lấy lại.")

    def action_period(self) -> None:
        if self._dirty() and not self._save():
            return
        self.period = HALF if self.period == YEAR else YEAR
        self._load()

    def action_back(self) -> None:
        if self._dirty() and not self._save():
            return  # stay: what was typed must not be lost
        self.app.pop_screen()

    def action_export(self, docx: bool) -> None:
        if self._still_loading():
            return
        if self._dirty() and not self._save():
            return
        self.notify("Đang xuất báo cáo…", timeout=3)
        self._export(self.year, self.period, docx)

    @work(thread=True, exit_on_error=False, group="report-export")
    def _export(self, year: int, period: str, docx: bool) -> None:
        from ...services import ServiceError, office
        from .export import path_on_its_own_lines

        try:
            ctx: Any = self.session.thread_context()
            with ctx:
                result = office.report(ctx, year, period=period, docx=docx)
            message = path_on_its_own_lines(result.message, result.path)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Không xuất được", severity="warning")
            return
        except Exception as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Không xuất được", severity="error")
            return
        self.app.call_from_thread(self.notify, message, title="Đã xuất", timeout=10)


__all__ = ["ReportSectionsScreen"]
