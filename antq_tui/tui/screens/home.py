"""Home: every inspection, newest first; search as you type, filters, and the next deadline.

The list is read a page at a time (:data:`PAGE` rows, in SQL with a LIMIT, beside a count): a search
over a province's 10,000 inspections puts one page in the table, and the next page comes when the
cursor or the view nears the end of what is shown (:class:`~antq_tui.tui.widgets.paged_table.PagedTable`
says when)."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input
from textual.widgets.data_table import ColumnKey

from ...inspection import STATUS_DRAFT, STATUS_FINALIZED
from ...labels import STATUS_LABELS
from ...office.calendar import next_deadline
from ..widgets.footer import AntqFooter
from ..widgets.paged_table import PagedTable
from ..widgets.plain import DataTable, Static
from .base import AntqScreen

STATUS_CYCLE = [None, STATUS_DRAFT, STATUS_FINALIZED]
#: rows read at a time: more than a screen shows (a taller terminal reads more), few enough to paint at once
PAGE = 50


def demo_note(workspace) -> str:
    """The note of a sample workspace (``antq demo`` writes it into config.toml), or ""."""
    demo = workspace.config.raw.get("demo") if workspace is not None else None
    note = demo.get("note") if isinstance(demo, dict) else None
    return " ".join(str(note).split()) if note else ""


class HomeScreen(AntqScreen):
    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#inspections"  # focused before the first frame: the footer is drawn once, not twice
    TITLE_VI = "Danh sách cuộc kiểm tra"
    HELP = ("Mọi cuộc kiểm tra, mới nhất trước. Gõ để tìm (không cần dấu), Enter để mở, n để tạo cuộc "
            "kiểm tra mới.")
    BINDINGS = [
        Binding("n", "new", "Mới", id="home.new", tooltip="Tạo cuộc kiểm tra mới"),
        Binding("enter", "open", "Mở", id="home.open", tooltip="Mở cuộc kiểm tra đang chọn", show=False),
        Binding("e", "export", "Xuất BB", id="home.export", tooltip="Xuất biên bản của cuộc kiểm tra đang chọn"),
        Binding("t", "statistics", "Thống kê", id="home.stats", tooltip="Biểu thống kê các đơn vị"),
        Binding("g", "registration", "Đăng ký", id="home.registration",
                tooltip="Danh sách đơn vị đăng ký xây dựng điển hình của năm, hạn đăng ký"),
        Binding("b", "bundle", "Gói", id="home.bundle",
                tooltip="Xuất/nhập gói .antq để chuyển cuộc kiểm tra sang máy khác (USB)"),
        Binding("slash", "search", "Tìm", id="home.search", tooltip="Tìm theo tên đơn vị (không cần dấu)", show=False),
        Binding("y", "year", "Năm", id="home.year", tooltip="Lọc theo năm (bấm lại để đổi)"),
        Binding("s", "status", "Trạng thái", id="home.status", tooltip="Lọc theo trạng thái (bấm lại để đổi)"),
        Binding("c", "settings", "Cài đặt", id="home.settings", tooltip="Đoàn kiểm tra, cơ quan ban hành"),
        Binding("p", "plugins", "Plugin", id="home.plugins", tooltip="Plugin đã nạp và plugin lỗi", show=False),
        Binding("r", "recognition", "Công nhận", id="home.recognition", show=False,  # the footer is full at 80
                tooltip="Quyết định công nhận, cấp quản lý, Bằng khen của đơn vị đang chọn"),
        Binding("q", "app.quit", "Thoát", id="home.quit", tooltip="Thoát antq"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year: int | None = None
        self.status: str | None = None
        self.rows: list = []
        self.total = 0  # how many match; self.rows holds the first pages of them
        self.deadline_text = ""

    def compose(self) -> ComposeResult:
        yield Header()
        note = demo_note(self.antq.workspace)
        if note:
            banner = Static(f"DỮ LIỆU MẪU — {note}", markup=False, id="demo-banner")
            banner.tooltip = note
            yield banner
        yield Input(placeholder="Tìm đơn vị… (gõ “phieng ban” cũng được; / để tìm)", compact=True, id="search")
        yield Static("", id="filters")
        # the next page is read when the table says the cursor or the view came near its last row
        table = PagedTable(cursor_type="row", zebra_stripes=True, id="inspections")
        table.add_column("Đơn vị", key="unit", width=24)
        table.add_column("Loại", key="kind", width=14)
        table.add_column("Năm", key="year", width=4)
        table.add_column("Trạng thái", key="status", width=13)
        table.add_column("Đã đánh giá", key="progress", width=11)
        yield Static("", id="empty")
        yield table
        yield AntqFooter()

    def on_mount(self) -> None:
        self.sub_title = "Danh sách cuộc kiểm tra"
        self.reload()
        self.run_worker(self._show_deadline(), name="deadline", exit_on_error=False)

    def on_screen_resume(self) -> None:
        if self.session is not None:
            self.reload()

    async def _show_deadline(self) -> None:
        registry = await self.antq.registry()
        today = self.antq.today()
        work = None
        if self.session is not None:
            try:  # the soonest deadline with units still to do its work, read off the UI thread
                work = await asyncio.to_thread(self.session.next_deadline_work, today)
            except Exception:
                work = None
        found = next_deadline(registry, today)
        if work is not None:
            text, width = f"Sắp đến hạn {work.short_label}", 2 * max(20, (self.size.width or 80) - 2) - 12
            self.deadline_text = text if len(text) <= width else text[: width - 1] + "…"
        elif found:
            self.deadline_text = f"Hạn tiếp theo: {found.label}"
        self._show_filters()

    def _show_filters(self) -> None:
        year = str(self.year) if self.year else "tất cả"
        status = STATUS_LABELS.get(self.status, "tất cả") if self.status else "tất cả"
        text = f"Năm: {year} · Trạng thái: {status} · {self.total} cuộc kiểm tra"
        if self.deadline_text:
            text += f"\n{self.deadline_text}"
        self.query_one("#filters", Static).update(text)

    def on_data_ready(self, message) -> None:
        self.reload()
        self.run_worker(self._show_deadline(), name="deadline", exit_on_error=False)

    def reload(self) -> None:
        if self.session is None:  # the database opens just after the first paint
            self.query_one("#empty", Static).update("Đang mở cơ sở dữ liệu…")
            return
        query = self.query_one("#search", Input).value
        table = self.query_one("#inspections", DataTable)
        selected = self.selected_id()
        try:
            self.total = self.session.count_inspections(query, year=self.year, status=self.status)
            self.rows = self.session.list_inspections(query, year=self.year, status=self.status,
                                                      limit=self._page())
        except Exception as exc:
            self.rows, self.total = [], 0
            self.antq.show_error("Không đọc được danh sách", str(exc))
        table.clear()
        table.columns[ColumnKey("unit")].width = self._unit_width()
        self._add_rows(table, self.rows)
        if selected and any(r.id == selected for r in self.rows):
            table.move_cursor(row=table.get_row_index(selected))
        empty = self.query_one("#empty", Static)
        if self.rows:
            empty.display = False
        else:
            empty.display = True
            empty.update("Chưa có cuộc kiểm tra nào khớp." if query or self.year or self.status
                         else "Chưa có cuộc kiểm tra nào. Bấm n để tạo cuộc kiểm tra mới.")
        self._show_filters()

    def _add_rows(self, table: DataTable[Any], rows: list) -> None:
        width = table.columns[ColumnKey("unit")].width
        try:
            recognised = self.session.recognised_inspections()  # "Đã công nhận": a decision is recorded
        except Exception:
            recognised = {}
        for row in rows:
            table.add_row(*self._cells(row, width, recognised), key=row.id)

    def _cells(self, row: Any, width: int, recognised: Any = ()) -> tuple[str, ...]:
        """One inspection's cells, in the order of the columns."""
        name = row.unit_name if len(row.unit_name) <= width else row.unit_name[: width - 1] + "…"
        status = "Đã công nhận" if row.id in recognised else row.status_label
        return (name, row.kind_label, str(row.year), status, f"{row.assessed}/{row.total}")

    def _more(self) -> None:
        """The next page, when there is one (the cursor came near the end of what is shown)."""
        if self.session is None or len(self.rows) >= self.total:
            return
        query = self.query_one("#search", Input).value
        try:
            page = self.session.list_inspections(query, year=self.year, status=self.status, limit=self._page(),
                                                 offset=len(self.rows))
        except Exception as exc:
            self.antq.show_error("Không đọc được danh sách", str(exc))
            return
        known = {r.id for r in self.rows}
        page = [r for r in page if r.id not in known]  # a save in between moves a row to the top
        if not page:
            self.total = len(self.rows)
            return
        self.rows += page
        self._add_rows(self.query_one("#inspections", DataTable), page)

    def _page(self) -> int:
        return max(PAGE, 2 * (self.size.height or 24))

    def on_paged_table_near_end(self, event: PagedTable.NearEnd) -> None:
        self._more()

    def _unit_width(self) -> int:
        """The unit column takes what the other columns leave (80 columns: 24; full screen: more)."""
        return max(16, (self.size.width or 80) - 14 - 4 - 13 - 11 - 5 * 2 - 4)

    def on_resize(self) -> None:
        if self.is_mounted and self.query_one("#inspections", DataTable).columns[ColumnKey("unit")].width != self._unit_width():
            self.reload()

    def selected_id(self) -> str | None:
        table = self.query_one("#inspections", DataTable)
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:
            return None

    # -- events -----------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.query_one("#inspections").focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def on_key(self, event) -> None:
        search = self.query_one("#search", Input)
        if self.focused is search and event.key in ("down", "escape"):
            if event.key == "escape" and search.value:
                search.value = ""
            self.query_one("#inspections").focus()
            event.stop()

    # -- actions ----------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#search").focus()

    def action_year(self) -> None:
        try:
            years = [None] + sorted(self.session.years(), reverse=True)
        except Exception:
            years = [None]
        i = years.index(self.year) if self.year in years else 0
        self.year = years[(i + 1) % len(years)]
        self.reload()

    def action_status(self) -> None:
        i = STATUS_CYCLE.index(self.status)
        self.status = STATUS_CYCLE[(i + 1) % len(STATUS_CYCLE)]
        self.reload()

    def action_new(self) -> None:
        from .new_inspection import NewInspectionScreen

        self.app.push_screen(NewInspectionScreen())

    def action_open(self) -> None:
        inspection_id = self.selected_id()
        if not inspection_id:
            self.notify("Chưa chọn cuộc kiểm tra nào.", severity="warning")
            return
        from .walk import open_inspection

        open_inspection(self.antq, inspection_id)

    def action_export(self) -> None:
        inspection_id = self.selected_id()
        if not inspection_id:
            self.notify("Chưa chọn cuộc kiểm tra nào.", severity="warning")
            return
        from .export import start_export

        start_export(self, inspection_id)

    def action_statistics(self) -> None:
        from .stats import StatsScreen

        self.app.push_screen(StatsScreen(self.antq.workspace, today=self.antq.today()))

    def action_bundle(self) -> None:
        from .bundle import BundleScreen, Selected

        selected = None
        inspection_id = self.selected_id()
        row = next((r for r in self.rows if r.id == inspection_id), None)
        if row is not None:
            selected = Selected(row.id, row.unit_name, row.year)
        try:
            years = self.session.years() if self.session is not None else []
        except Exception:
            years = []
        self.app.push_screen(BundleScreen(selected, years=years, year=self.year))

    def action_registration(self) -> None:
        from .registration import RegistrationScreen

        self.app.push_screen(RegistrationScreen(self.year or self.antq.today().year), self._after_registration)

    def _after_registration(self, _result: object) -> None:
        self.run_worker(self._show_deadline(), name="deadline", exit_on_error=False)

    def action_settings(self) -> None:
        from .settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_plugins(self) -> None:
        from .plugins import PluginsScreen

        self.app.push_screen(PluginsScreen())

    def action_recognition(self) -> None:
        inspection_id = self.selected_id()
        if not inspection_id:
            self.notify("Chưa chọn cuộc kiểm tra nào.", severity="warning")
            return
        from .recognition import RecognitionScreen

        self.app.push_screen(RecognitionScreen(inspection_id))
