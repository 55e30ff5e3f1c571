"""Search that ignores case, diacritics (đ/Đ → d) and Unicode normalization form.

Both sides go through :func:`antq_tui.folding.fold`: the store keeps a folded copy of what can be
searched (``search_folded`` on units and inspections) and the query is folded the same way, then
split into words; a row matches when every word occurs in its folded text ("phieng ban 2024").
A substring scan of one short column: over 10,000 inspections it takes a few milliseconds (see
``scripts/bench_storage.py``), fast enough for every keystroke without a full-text index to keep in step.
"""

from __future__ import annotations

from typing import Any

from ..criteria import unit_kind_label
from ..folding import fold


def terms(query: str | None) -> list[str]:
    """The folded words of a query; empty for a blank query (which matches everything)."""
    return fold(query or "").split()


def where(column: str, query: str | None) -> tuple[str, list[Any]]:
    """An SQL condition (and its parameters) requiring every word of ``query`` in ``column``."""
    words = terms(query)
    if not words:
        return "1", []
    return " AND ".join(f"instr({column}, ?) > 0" for _ in words), words


def unit_text(name: str, kind: str, district: str, province: str) -> str:
    """The folded text a unit is found by: its name, kind, district and province."""
    return fold(" ".join([name, unit_kind_label(kind), district, province]))


def inspection_text(name: str, kind: str, district: str, province: str, year: int, set_id: str) -> str:
    """The folded text an inspection is found by: its unit's, plus the year and the criteria set."""
    return fold(" ".join([name, unit_kind_label(kind), district, province, str(year), set_id]))
