"""Plugins: what loaded (name, where from, version, hooks) and what failed, with the reason."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header

from ..widgets.footer import AntqFooter
from ..widgets.plain import DataTable, Static
from .base import AntqScreen

#: what each hook gives, as the table says it ("Cung cấp")
HOOK_LABELS = {
    "antq_criteria_sets": "bộ tiêu chí",
    "antq_amendments": "sửa đổi tiêu chí",
    "antq_display_name": "tên trên giấy tờ",
    "antq_eligibility_checks": "điều kiện xét",
    "antq_template_dirs": "mẫu biên bản",
    "antq_targets": "chỉ tiêu",
    "antq_calendar": "mốc thời gian",
}


class PluginsScreen(AntqScreen):
    CSS_PATH = "plugins.tcss"
    TITLE_VI = "Plugin"
    HELP = ("Các plugin đã nạp (bộ tiêu chí, điều kiện, mẫu biên bản), lỗi khi nạp kèm lý do, và hàm kiểm tra "
            "lỗi khi chạy (ghi vào plugin-errors.log trong thư mục dữ liệu).")
    BINDINGS = [Binding("escape", "app.pop_screen", "Về", id="plugins.back", tooltip="Quay lại")]

    registry: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="plugins-body"):
            yield Static("Đang nạp plugin…", id="plugins-status")
            yield DataTable(id="loaded", cursor_type="row", zebra_stripes=True)
            yield Static("", id="problems-title", classes="section-title")
            yield Static("", id="problems")
            yield Static("", id="run-errors-title", classes="section-title")
            yield Static("", id="run-errors")
        yield AntqFooter()

    async def on_mount(self) -> None:
        self.title = "Plugin"
        registry = self.registry = await self.antq.registry()
        table = self.query_one("#loaded", DataTable)
        table.add_columns("Plugin", "Tên trên giấy tờ", "Nguồn", "Phiên bản", "Cung cấp")
        for p in registry.plugins:
            table.add_row(p.name, registry.display_name(p.name) or "—", p.origin, p.version or "—",
                          ", ".join(HOOK_LABELS.get(h, h.removeprefix("antq_")) for h in p.hooks))
        sets = ", ".join(f"{s.title} ({len(s.criteria)} tiêu chí)" for s in registry.sets.values()) or "không có"
        self.query_one("#plugins-status", Static).update(
            f"{len(registry.plugins)} plugin đã nạp · bộ tiêu chí: {sets}")
        problems = registry.problems
        self.query_one("#problems-title", Static).update(
            f"Lỗi khi nạp ({len(problems)})" if problems else "Không có plugin nào lỗi khi nạp.")
        text = Text()
        for p in problems:
            text.append(f"• {p.name}", style="bold red")
            where = f"{p.location}:{p.line}" if p.line else p.location
            text.append(f" ({where})\n  {p.reason}\n")
        self.query_one("#problems", Static).update(text)
        self.show_run_errors()
        table.focus()

    def on_screen_resume(self) -> None:
        self.show_run_errors()  # a check may have failed on another screen since

    def show_run_errors(self) -> None:
        """The checks that raised while antq ran them in this session ("lỗi khi chạy"), and the log."""
        registry = self.registry
        if registry is None:  # still loading: on_mount shows them
            return
        errors = registry.check_errors.errors
        log = registry.check_errors.log_path
        title = f"Lỗi khi chạy ({len(errors)})" if errors else "Không có hàm kiểm tra nào lỗi khi chạy."
        earlier = registry.check_errors.history() if not errors else []
        if earlier:
            title = (f"Không có hàm kiểm tra nào lỗi khi chạy lần này; {len(earlier)} lỗi đã ghi trước đó "
                     f"(mới nhất {earlier[0][0]}) trong {log}.")
        self.query_one("#run-errors-title", Static).update(title)
        text = Text()
        for e in errors:
            text.append(f"• {e.plugin}", style="bold red")
            times = f", {e.count} lần" if e.count > 1 else ""
            text.append(f" — {e.owner} ({e.place}{times}, lần đầu {e.when})\n  {e.error}\n")
        if errors and log is not None:
            text.append(f"Chi tiết (traceback): {log}\n", style="dim")
        self.query_one("#run-errors", Static).update(text)
