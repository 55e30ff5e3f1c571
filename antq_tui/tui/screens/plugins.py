"""Plugins: what loaded (name, where from, version, hooks) and what failed, with the reason."""

from __future__ import annotations

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
    HELP = "Các plugin đã nạp (bộ tiêu chí, điều kiện, mẫu biên bản) và plugin bị lỗi kèm lý do."
    BINDINGS = [Binding("escape", "app.pop_screen", "Về", id="plugins.back", tooltip="Quay lại")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="plugins-body"):
            yield Static("Đang nạp plugin…", id="plugins-status")
            yield DataTable(id="loaded", cursor_type="row", zebra_stripes=True)
            yield Static("", id="problems-title", classes="section-title")
            yield Static("", id="problems")
        yield AntqFooter()

    async def on_mount(self) -> None:
        self.title = "Plugin"
        registry = await self.antq.registry()
        table = self.query_one("#loaded", DataTable)
        table.add_columns("Plugin", "Nguồn", "Phiên bản", "Cung cấp")
        for p in registry.plugins:
            table.add_row(p.name, p.origin, p.version or "—", ", ".join(HOOK_LABELS.get(h, h.removeprefix("antq_")) for h in p.hooks))
        sets = ", ".join(f"{s.title} ({len(s.criteria)} tiêu chí)" for s in registry.sets.values()) or "không có"
        self.query_one("#plugins-status", Static).update(
            f"{len(registry.plugins)} plugin đã nạp · bộ tiêu chí: {sets}")
        problems = registry.problems
        self.query_one("#problems-title", Static).update(
            f"Plugin lỗi ({len(problems)})" if problems else "Không có plugin nào lỗi.")
        text = Text()
        for p in problems:
            text.append(f"• {p.name}", style="bold red")
            text.append(f" ({p.location})\n  {p.reason}\n")
        self.query_one("#problems", Static).update(text)
        table.focus()
