"""The pictures of the Biểu thống kê: đạt / không đạt per group of criteria and progress toward each target.

One description of the bars, drawn twice: as text bars by the statistics screen (80 columns) and as an
SVG by the statistics paper's template (``templates/statistics.html``, plain SVG that WeasyPrint draws).
Nothing here draws; it only says what each bar holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..vnformat import roman

if TYPE_CHECKING:
    from .stats import Statistics
    from .targets import TargetProgress


@dataclass(frozen=True)
class GroupBar:
    """One group of one set over the year's units: how many of its criteria were judged đạt, không đạt."""

    label: str  # "I.1": the set's numeral (as the screen's STT), the group's number
    title: str
    dat: int
    khong_dat: int
    total: int  # criteria × units

    @property
    def unassessed(self) -> int:
        return self.total - self.dat - self.khong_dat

    @property
    def percent(self) -> float:
        return self.dat * 100.0 / self.total if self.total else 0.0


@dataclass(frozen=True)
class TargetBar:
    """One target: the share of its units recognised, and where the target stands."""

    title: str
    count: int
    denominator: int
    required: int | None  # units the target asks for; None when there are no units to count

    @property
    def share(self) -> float:
        return min(1.0, self.count / self.denominator) if self.denominator else 0.0

    @property
    def goal(self) -> float | None:
        return min(1.0, self.required / self.denominator) if self.denominator and self.required is not None else None

    @property
    def met(self) -> bool:
        return self.required is not None and self.count >= self.required


def group_bars(stats: Statistics) -> list[GroupBar]:
    """Per set, per group (in the set's order): the criteria judged đạt / không đạt over every unit."""
    out = []
    for si, section in enumerate(stats.sections, 1):
        for gi, (gid, title) in enumerate(section.groups, 1):
            results = [u.groups[gid] for u in section.units if gid in u.groups]
            out.append(GroupBar(f"{roman(si)}.{gi}", title, sum(r.dat for r in results),
                                sum(r.khong_dat for r in results), sum(r.total for r in results)))
    return out


def target_bars(targets: list[TargetProgress]) -> list[TargetBar]:
    return [TargetBar(p.target.title, p.count, p.denominator, p.required) for p in targets]


def bar_cells(parts: list[float], width: int) -> list[int]:
    """How many of ``width`` cells each part (a share, the shares summing to 1 or 0) takes: by largest
    remainder, so the parts fill the bar exactly; an empty bar (shares 0) takes none."""
    raw = [max(0.0, f) * width for f in parts]
    if sum(raw) <= 0:
        return [0] * len(parts)
    cells = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - cells[i], reverse=True)[: max(0, width - sum(cells))]:
        cells[i] += 1
    return cells


__all__ = ["GroupBar", "TargetBar", "bar_cells", "group_bars", "target_bars"]
