"""Compare with the last visit: the same unit's latest earlier inspection, criterion by criterion,
verdicts and inputs side by side ("42 → 39 vụ"), and the criteria whose text changed between the two
snapshots."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from ...inspection import Inspection
from ...labels import VERDICT_LABELS
from ..widgets.footer import AntqFooter
from ..widgets.plain import DataTable, Static
from .base import AntqScreen

SHORT = {None: "—", "dat": VERDICT_LABELS["dat"], "khong_dat": "K.đạt"}


def open_compare(app, inspection: Inspection) -> None:
    try:
        previous = app.session.previous_inspection(inspection)
    except Exception as exc:
        app.show_error("Không so sánh được", str(exc))
        return
    if previous is None:
        app.notify(f"{inspection.unit.name} chưa có lần kiểm tra nào trước năm {inspection.year}.",
                   title="Không có lần trước", severity="warning")
        return
    app.push_screen(CompareScreen(previous, inspection))


def _verdict(inspection: Inspection, number: int) -> str | None:
    a = inspection.answers.get(number)
    return a.verdict.value if a and a.assessed else None


def compare_rows(before: Inspection, after: Inspection) -> list[tuple[str, str, str, str]]:
    """(number, verdicts "Đạt → K.đạt", inputs "label: 42 → 39 vụ" one field a line, text changed mark) per
    criterion of ``after``."""
    old = {c.number: c for c in before.criteria.criteria}
    rows = []
    for c in after.criteria.criteria:
        prev = old.get(c.number)
        verdicts = f"{SHORT[_verdict(before, c.number)] if prev else 'mới'} → {SHORT[_verdict(after, c.number)]}"
        inputs = []
        a_now = after.answers.get(c.number)
        a_then = before.answers.get(c.number)
        for f in c.fields:
            now = a_now.inputs.get(f.id) if a_now else None
            then = a_then.inputs.get(f.id) if a_then else None
            if now is None and then is None:
                continue
            then_text = f.display(then).removesuffix(f" {f.unit}") if (then is not None and f.unit) else (
                f.display(then) if then is not None else "—")
            inputs.append(f"{f.label}: {then_text} → {f.display(now) if now is not None else '—'}")
        changed = ""
        if prev is None:
            changed = "tiêu chí mới"
        elif prev.text != c.text or prev.evidence != c.evidence or prev.fields != c.fields:
            changed = "nội dung đổi"
        rows.append((str(c.number), verdicts, "\n".join(inputs), changed))
    return rows


class CompareScreen(AntqScreen):
    CSS_PATH = "compare.tcss"
    TITLE_VI = "So sánh với lần kiểm tra trước"
    HELP = "Kết luận và số liệu của lần trước → lần này, theo từng tiêu chí; tiêu chí đổi nội dung được đánh dấu."
    BINDINGS = [Binding("escape", "app.pop_screen", "Về", id="compare.back", tooltip="Quay lại")]

    def __init__(self, before: Inspection, after: Inspection) -> None:
        super().__init__()
        self.before = before
        self.after = after

    def compose(self) -> ComposeResult:
        yield Header()
        rows = compare_rows(self.before, self.after)
        changed = [r[0] for r in rows if r[3]]
        removed = sorted({c.number for c in self.before.criteria.criteria} - {c.number for c in self.after.criteria.criteria})
        head = Text.assemble((f"{self.after.unit.name}", "bold"), f": năm {self.before.year} → năm {self.after.year}")
        if changed:
            head.append(f"\nNội dung tiêu chí thay đổi giữa hai lần: {', '.join(changed)}", style="yellow")
        if removed:
            head.append(f"\nTiêu chí chỉ có ở lần trước: {', '.join(map(str, removed))}", style="yellow")
        yield Static(head, id="compare-head")
        table: DataTable[Any] = DataTable(cursor_type="row", zebra_stripes=True, id="compare")
        table.add_column("TC", key="n")
        table.add_column(f"{self.before.year} → {self.after.year}", key="verdicts")
        # the inputs wrap in what the other columns leave (at 80 columns: ~40), a field a line
        fixed = 3 + 13 + 12 + 4 * 2 + 2  # TC, verdicts, note, cell padding, scrollbar
        table.add_column("Số liệu", key="inputs", width=max(24, self.app.size.width - fixed))
        table.add_column("Ghi chú", key="note")
        for number, verdicts, inputs, note in rows:
            table.add_row(number, verdicts, Text(inputs), note, height=None)
        yield table
        yield AntqFooter()

    def on_mount(self) -> None:
        self.title = self.after.unit.name
        self.sub_title = "So sánh với lần trước"
