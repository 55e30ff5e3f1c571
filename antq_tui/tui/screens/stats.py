"""The Biểu thống kê screen: a year's inspections per unit and per criterion, progress against the
province's targets and the next deadline; exports the XLSX, the PDF, the report and the tờ trình.

Self-contained: ``StatsScreen(workspace)`` needs only the workspace, opens its own Store in a thread
worker (one connection per thread) and computes everything with :mod:`antq_tui.office`, exactly as
``antq stats`` does.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen

from ...office.calendar import next_deadline
from ...office.reports import OfficeData
from ...vnformat import roman
from ..widgets.footer import AntqFooter
from ..widgets.paged_table import PagedTable, Row
from ..widgets.plain import DataTable, Static

if TYPE_CHECKING:
    from ...workspace import Workspace


class StatsScreen(Screen):
    """Biểu thống kê of one year; ``[`` / ``]`` change the year, ``s`` the criteria set."""

    CSS_PATH = "stats.tcss"
    BINDINGS = [
        # the footer has room for 80 columns: Esc is in the help (F1), the two year keys share one entry
        Binding("escape", "close", "Về", id="stats.back", tooltip="Quay lại màn hình trước", show=False),
        Binding("left_square_bracket", "year(-1)", "Năm", id="stats.year_prev", key_display="[ ]",
                tooltip="Thống kê năm trước ([) hoặc năm sau (])"),
        Binding("right_square_bracket", "year(1)", "Năm sau", id="stats.year_next", tooltip="Thống kê năm sau",
                show=False),
        Binding("s", "next_set", "Bộ TC", id="stats.set", tooltip="Lần lượt từng bộ tiêu chí, rồi tất cả"),
        Binding("f", "toggle_drafts", "Bản nháp", id="stats.finalized",
                tooltip="Tính cả các cuộc kiểm tra chưa hoàn thành (bản nháp) / chỉ các cuộc đã hoàn thành"),
        Binding("x", "export('xlsx')", "Excel", id="stats.xlsx", tooltip="Xuất biểu thống kê ra tệp .xlsx"),
        Binding("p", "export('pdf')", "PDF", id="stats.pdf", tooltip="Xuất biểu thống kê ra PDF khổ A4 ngang"),
        Binding("b", "report", "Báo cáo", id="stats.report",
                tooltip="Báo cáo kết quả kiểm tra, thẩm định: sửa các phần nhận xét rồi xuất PDF hoặc Word"),
        Binding("t", "export('to_trinh')", "Tờ trình", id="stats.totrinh",
                tooltip="Tờ trình đề nghị công nhận (PDF)"),
        Binding("w", "export_word", "Word", id="stats.word",
                tooltip="Biểu thống kê, báo cáo hoặc tờ trình ra tệp Word (.docx) để sửa"),
    ]

    def __init__(self, workspace: Workspace, *, year: int | None = None, today: dt.date | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.today = today or dt.date.today()
        # None until the first load picks the latest year with inspections (else the current year)
        self.year: int | None = year
        self.set_id: str | None = None
        #: drafts counted too (off by default: a draft can still change; the title and papers say which)
        self.include_drafts = False
        self.data: OfficeData | None = None
        self._sets: list[str] = []
        self._set_titles: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="stats-title")
        yield Static("", id="stats-deadline")
        with VerticalScroll(id="stats-body"):
            yield Static("Đang tính…", id="stats-summary")
            yield Static("", id="stats-chart")
            # a province's year holds thousands of units: a page at a time, more as the cursor goes down
            yield PagedTable(id="stats-units", zebra_stripes=True, cursor_type="row")
            yield Static("", id="stats-legend")
            yield DataTable(id="stats-criteria", zebra_stripes=True, cursor_type="row")
            yield Static("", id="stats-targets")
        yield AntqFooter()

    def on_mount(self) -> None:
        self._show_deadline()
        self.reload()

    # ------------------------------------------------------------------------------------------
    # loading

    def _show_deadline(self) -> None:
        upcoming = next_deadline(self.workspace.registry, self.today)
        line = self.query_one("#stats-deadline", Static)
        # no deadline declared: the line would only take a row at 80×24
        line.display = upcoming is not None
        line.update(f"Mốc tiếp theo: {upcoming.label}" if upcoming else "")

    def reload(self) -> None:
        self._show_title()
        self._load(self.year, self.set_id, self.include_drafts)

    def _show_title(self) -> None:
        scope = (f"năm {self.year}" if self.year is not None else "…") + (
            f", {self._set_titles.get(self.set_id, self.set_id)}" if self.set_id else "") + (
            ", có tính bản nháp" if self.include_drafts else ", chỉ cuộc kiểm tra đã hoàn thành")
        self.query_one("#stats-title", Static).update(Text(f"BIỂU THỐNG KÊ — {scope}", style="bold"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="stats-load")
    def _load(self, year: int | None, set_id: str | None, include_drafts: bool) -> None:
        from ...services import Context, office

        try:
            with Context.open(self.workspace) as ctx:  # this thread's own store
                if year is None:
                    year = office.default_year(ctx, today=self.today)
                data = office.statistics(ctx, year, set_id=set_id, include_drafts=include_drafts, figures=False)
        except Exception as exc:  # StorageError and the like: shown, never a traceback
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._show, data)

    def _failed(self, message: str) -> None:
        self.query_one("#stats-summary", Static).update(Text(f"Không tính được thống kê: {message}", style="bold red"))

    def _show(self, data: OfficeData) -> None:
        self.data = data
        if self.year is None:  # the first load chose the year
            self.year = data.year
            self._show_title()
        stats = data.stats
        if self.set_id is None:
            self._sets = [s.set_id for s in stats.sections]
        self._set_titles.update((s.set_id, s.title) for s in stats.sections)
        summary = self.query_one("#stats-summary", Static)
        units = self.query_one("#stats-units", PagedTable)
        criteria = self.query_one("#stats-criteria", DataTable)
        units.clear(columns=True)
        criteria.clear(columns=True)
        if not stats.sections:
            summary.update(f"Không có cuộc kiểm tra nào trong năm {stats.year}.")
        else:
            summary.update(
                f"{stats.inspections} đơn vị được kiểm tra, {stats.finalized} đã hoàn thành, "
                f"{stats.recommended} có kết luận gợi ý đề nghị công nhận; " + (
                    "có tính cả bản nháp (f: bỏ ra)." if not stats.finalized_only else
                    f"không tính {stats.drafts_left_out} bản nháp (f: tính cả)." if stats.drafts_left_out else
                    "không có bản nháp."))
        max_groups = max((len(s.groups) for s in stats.sections), default=0)
        # the columns a reader needs first come first, whole within 80 columns; the details (conditions,
        # each group, the kind) follow, a scroll to the right away. STT "II.2": the second unit of the
        # second criteria set, named in the legend below (a set's id means nothing to a reader).
        units.add_column("STT", key="no")
        units.add_column("Đơn vị", key="unit", width=self._unit_width())
        units.add_columns("Ngày", "Đạt", "Không đạt", "Kết luận gợi ý", "Trạng thái", "Điều kiện",
                          *[f"N{i}" for i in range(1, max_groups + 1)], "Loại")
        criteria.add_columns("Tiêu chí", "Đạt", "Không đạt", "Chưa ĐG", "Đơn vị không đạt (STT)")
        legend = []
        rows: list[Row] = []
        for si, s in enumerate(stats.sections, 1):
            mark = roman(si)
            for u in s.units:
                groups = [f"{u.groups[g].dat}/{u.groups[g].total}" if g in u.groups else "—" for g, _ in s.groups]
                groups += [""] * (max_groups - len(groups))
                conclusion = Text(u.conclusion_label, style="bold green" if u.recommend else "")
                rows.append(Row((f"{mark}.{u.no}", u.unit, u.visit_date_label or "—", f"{u.dat}/{u.total}",
                                 ", ".join(map(str, u.failed)) or "—", conclusion, u.status_label, u.eligible_label,
                                 *groups, u.kind_label), key=u.inspection_id, height=None))
            for c in s.criteria:
                failed = ", ".join(f"{mark}.{n}" for n in c.failed_numbers.split(", ")) if c.failed_numbers else "—"
                criteria.add_row(f"{mark}.{c.number}", str(c.dat), str(c.khong_dat), str(c.unassessed), failed,
                                 key=f"{s.set_id}:{c.number}")
            legend.append(f"{mark}. {s.title}: " + "; ".join(f"N{i} {t}" for i, (_, t) in enumerate(s.groups, 1)))
        units.show_rows(rows)
        self.query_one("#stats-legend", Static).update("\n".join(legend))
        self._show_chart()
        targets = self.query_one("#stats-targets", Static)
        if data.targets:
            targets.update("Tiến độ chỉ tiêu:\n" + "\n".join(f"• {p.target.title}: {p.status_label}" for p in data.targets))
        else:
            targets.update("Chưa có plugin nào khai báo chỉ tiêu.")

    # ------------------------------------------------------------------------------------------
    # the chart: hand-laid bars of text (see office/charts.py), whole at 80 columns, readable without colour

    #: what each part of a bar is drawn with (its character carries the meaning when colour is off)
    BAR_PARTS = (("█", "green"), ("▒", "red"), ("·", "dim"))
    LABEL_WIDTH = 24

    def _show_chart(self) -> None:
        from ...office.charts import group_bars, target_bars

        chart = self.query_one("#stats-chart", Static)
        data = self.data
        groups = group_bars(data.stats) if data else []
        targets = target_bars(data.targets) if data else []
        chart.display = bool(groups or targets)
        if not chart.display:
            return
        width = max(10, (self.size.width or 80) - 2 - self.LABEL_WIDTH - 1 - 16)
        text = Text()
        if groups:
            text.append("Đạt / không đạt theo nhóm tiêu chí  ", style="bold")
            for (mark, style), name in zip(self.BAR_PARTS, ("đạt", "không đạt", "chưa đánh giá"), strict=True):
                text.append(f"{mark} {name}  ", style=style)
            for bar in groups:
                text.append("\n" + self._label(f"{bar.label} {bar.title}"))
                self._bar(text, [bar.dat, bar.khong_dat, bar.unassessed], bar.total, width)
                text.append(f" {bar.percent:5.1f}% đạt".replace(".", ","))
        if targets:
            if groups:
                text.append("\n")
            text.append("\nTiến độ chỉ tiêu  ", style="bold")
            text.append("█ đã đạt  ", style="green")
            text.append("│ mức chỉ tiêu")
            for t in targets:
                text.append("\n" + self._label(t.title))
                self._target_bar(text, t, width)
                need = f", cần {t.required}" if t.required is not None else ""
                done = f" {t.count}/{t.denominator}{need}" if t.denominator else " chưa có danh sách"
                text.append(done, style="bold green" if t.met else "")
        chart.update(text)

    def _label(self, label: str) -> str:
        n = self.LABEL_WIDTH
        return (label if len(label) <= n else label[: n - 1] + "…").ljust(n) + " "

    def _bar(self, text: Text, counts: list[int], total: int, width: int) -> None:
        from ...office.charts import bar_cells

        cells = bar_cells([c / total if total else 0.0 for c in counts], width)
        for n, (mark, style) in zip(cells, self.BAR_PARTS, strict=True):
            text.append(mark * n, style=style)
        text.append(" " * (width - sum(cells)))

    def _target_bar(self, text: Text, target, width: int) -> None:
        done = round(target.share * width)
        goal = None if target.goal is None else min(width - 1, round(target.goal * width))
        for i in range(width):
            if i == goal:
                text.append("│", style="bold")
            elif i < done:
                text.append("█", style="green")
            else:
                text.append("░", style="dim")

    def on_resize(self) -> None:
        if self.data is not None:
            self._show_chart()

    def _unit_width(self) -> int:
        """The unit's name wraps in what the first columns (STT, Ngày, Đạt, Không đạt, Kết luận gợi ý) leave
        of the screen: 15 at 80 columns, so that those are whole."""
        return max(15, min(40, (self.size.width or 80) - 65))

    # ------------------------------------------------------------------------------------------
    # actions

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_year(self, step: int) -> None:
        if self.year is None:  # still choosing the year
            return
        self.year += step
        self.reload()

    def action_next_set(self) -> None:
        sets = self._sets
        if not sets:
            return
        self.set_id = sets[0] if self.set_id is None else (
            sets[sets.index(self.set_id) + 1] if self.set_id in sets[:-1] else None)
        self.reload()

    def action_toggle_drafts(self) -> None:
        self.include_drafts = not self.include_drafts
        self.reload()

    def action_export(self, kind: str) -> None:
        if self.year is None:
            return
        self._export(kind, self.year, self.set_id, self.include_drafts)

    def action_report(self) -> None:
        from .report_sections import ReportSectionsScreen

        if self.year is not None:
            self.app.push_screen(ReportSectionsScreen(self.year))

    def action_export_word(self) -> None:
        from .export import OFFICE_WORD_CHOICES, ChoiceDialog

        if self.year is None:
            return
        year, set_id, include_drafts = self.year, self.set_id, self.include_drafts

        def chosen(kind: str | None) -> None:
            if kind:
                self._export(kind, year, set_id, include_drafts, docx=True)

        self.app.push_screen(ChoiceDialog("Xuất Word", "Xuất tệp Word (.docx) nào?", OFFICE_WORD_CHOICES), chosen)

    @work(thread=True, exit_on_error=False, group="stats-export")
    def _export(self, kind: str, year: int, set_id: str | None, include_drafts: bool, docx: bool = False) -> None:
        from ...services import Context, ServiceError, office
        from .export import path_on_its_own_lines

        try:
            with Context.open(self.workspace) as ctx:  # this thread's own store
                if kind == "xlsx":
                    data = office.statistics(ctx, year, set_id=set_id, include_drafts=include_drafts)
                    path = office.statistics_path(ctx, data, "xlsx")
                    message = office.write_statistics(ctx, data, xlsx=path)
                else:
                    result = office.document(ctx, office.STATISTICS if kind == "pdf" else kind, year, set_id=set_id,
                                             include_drafts=include_drafts, docx=docx)
                    path, message = result.path, result.message
            message = path_on_its_own_lines(message, path)
        except ServiceError as exc:  # a tờ trình with no recommended unit
            self.app.call_from_thread(self.notify, str(exc), title="Tờ trình" if kind == "to_trinh" else "Không xuất được",
                                      severity="warning")
            return
        except Exception as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Không xuất được", severity="error")
            return
        self.app.call_from_thread(self.notify, message, title="Đã xuất", timeout=10)


__all__ = ["StatsScreen"]
