"""Progress against a province's targets (the ``antq_targets`` hook), e.g. Tuyên Quang's for 2025.

**Recognised** here means: the unit's latest finalized inspection of that year or an earlier one has
the suggested conclusion "đề nghị công nhận" (eligible, and every criterion đạt; see
:func:`antq_tui.inspection.summarize`). antq records the team's verification, not the People's
Committee's decision that follows it, so this is the best the database knows; a unit whose latest
finalized inspection no longer qualifies does not count, even if an earlier one did.

The **denominator** is the registry of units (``antq units import``): the registered units of the
target's kinds (of one district when asked), or, for a target over a named list of units, those of
the list found in the registry. A recognised unit is matched to the registry by its id, else by its
name, kind and district (ignoring case and diacritics).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..criteria import Target, unit_kind_label
from ..folding import fold
from ..inspection import STATUS_FINALIZED, Inspection, Unit, summarize
from ..storage.unit_keys import district_key, name_key, unit_key
from ..vnformat import format_number, format_percent
from .tables import Table

if TYPE_CHECKING:
    from ..storage import Store

_NAME_RE = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<district>[^()]*)\))?\s*$")


def parse_listed_name(text: str) -> tuple[str, str]:
    """A name in a target's list: "Xã Tân Thành (huyện Hàm Yên)" → ("tan thanh", "ham yen")."""
    match = _NAME_RE.match(text.strip())
    if not match:
        return name_key(text), ""
    return name_key(match.group("name")), district_key(match.group("district") or "")


@dataclass(frozen=True)
class Recognition:
    """A unit's latest finalized inspection up to a year, and whether it suggests recognition."""

    unit: Unit
    year: int
    inspection_id: str
    recommend: bool


@dataclass
class TargetProgress:
    target: Target
    denominator: int  # registry units the target counts
    recognised: list[str] = field(default_factory=list)  # names of the recognised ones among them
    not_in_registry: list[str] = field(default_factory=list)  # listed names missing from the registry
    outside_registry: int = 0  # recognised units of the kinds that are not on the registry

    @property
    def count(self) -> int:
        return len(self.recognised)

    @property
    def percent(self) -> float | None:
        return self.count * 100.0 / self.denominator if self.denominator else None

    @property
    def required(self) -> int | None:
        """How many recognised units the target asks for (rounded up)."""
        if not self.denominator:
            return None
        return math.ceil(self.target.percent * self.denominator / 100 - 1e-9)

    @property
    def met(self) -> bool | None:
        return None if self.required is None else self.count >= self.required

    @property
    def missing(self) -> int | None:
        return None if self.required is None else max(0, self.required - self.count)

    @property
    def scope_label(self) -> str:
        if self.target.unit_names:
            return f"{len(self.target.unit_names)} đơn vị có tên trong danh sách"
        return ", ".join(unit_kind_label(k).lower() for k in self.target.unit_kinds)

    @property
    def status_label(self) -> str:
        """ "2/7 (28,6%) — chỉ tiêu 30% (cần 3): còn thiếu 1" """
        goal = f"chỉ tiêu {format_percent(self.target.percent)} đến năm {self.target.year}"
        if not self.denominator:
            return f"chưa có đơn vị nào trong danh sách đơn vị để tính — {goal}"
        done = f"{self.count}/{self.denominator} ({format_percent(self.percent or 0.0)})"
        if self.met:
            return f"{done} — {goal}: đã đạt"
        return f"{done} — {goal} (cần {format_number(self.required or 0)}): còn thiếu {self.missing}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.target.id,
            "title": self.target.title,
            "year": self.target.year,
            "percent_required": self.target.percent,
            "unit_kinds": list(self.target.unit_kinds),
            "unit_names": list(self.target.unit_names),
            "source": self.target.source,
            "denominator": self.denominator,
            "recognised": self.count,
            "recognised_units": list(self.recognised),
            "percent": self.percent,
            "required": self.required,
            "met": self.met,
            "missing": self.missing,
            "not_in_registry": list(self.not_in_registry),
            "outside_registry": self.outside_registry,
        }


def recognitions(store: Store, year: int, *, loaded: Mapping[str, Inspection] | None = None) -> list[Recognition]:
    """Each unit's latest finalized inspection of ``year`` or before, with its suggested conclusion.

    :param loaded: inspections already read (id → inspection), not read again.
    """
    latest: dict[str, Any] = {}
    for row in store.list_inspections(status=STATUS_FINALIZED):
        if row.year > year:
            continue
        key = (row.year, row.finalized_at.isoformat() if row.finalized_at else "", row.id)
        best = latest.get(row.unit_id)
        if best is None or key > best[0]:
            latest[row.unit_id] = (key, row.id)
    out = []
    loaded = dict(loaded or {})
    unread = [iid for _, iid in latest.values() if iid not in loaded]
    if unread:  # the verdicts alone, in three queries (not each inspection whole)
        loaded |= {i.id: i for i in store.counting_inspections(max_year=year, status=STATUS_FINALIZED, ids=unread)}
    for _, inspection_id in latest.values():
        insp = loaded[inspection_id]
        out.append(Recognition(insp.unit, insp.year, insp.id, summarize(insp).recommend))
    return sorted(out, key=lambda r: fold(r.unit.name))


def progress(targets: Iterable[Target], registry_units: list[Unit], recognised: Iterable[Recognition], *,
             district: str | None = None) -> list[TargetProgress]:
    """Progress against each target (see the module docstring)."""
    if district:
        wanted = district_key(district)
        registry_units = [u for u in registry_units if district_key(u.district) == wanted]
    yes = [r.unit for r in recognised if r.recommend]
    if district:
        yes = [u for u in yes if district_key(u.district) == district_key(district)]
    yes_ids = {u.id for u in yes}
    yes_keys = {unit_key(u) for u in yes}

    def is_recognised(u: Unit) -> bool:
        return u.id in yes_ids or unit_key(u) in yes_keys

    registry_ids = {u.id for u in registry_units}
    registry_keys = {unit_key(u) for u in registry_units}
    out = []
    for target in targets:
        if target.unit_names:
            members, missing = [], []
            for listed in target.unit_names:
                name, dist = parse_listed_name(listed)
                found = [u for u in registry_units if name_key(u.name) == name
                         and (not dist or district_key(u.district) == dist)
                         and (not target.unit_kinds or u.kind in target.unit_kinds)]
                if found:
                    members.extend(found)
                elif not district or not dist or dist == district_key(district):
                    missing.append(listed)
            out.append(TargetProgress(target, len(members), [u.name for u in members if is_recognised(u)],
                                      not_in_registry=missing))
            continue
        members = [u for u in registry_units if u.kind in target.unit_kinds]
        outside = [u for u in yes if u.kind in target.unit_kinds
                   and u.id not in registry_ids and unit_key(u) not in registry_keys]
        out.append(TargetProgress(target, len(members), [u.name for u in members if is_recognised(u)],
                                  outside_registry=len(outside)))
    return out


def target_progress(store: Store, targets: Iterable[Target], year: int, *, district: str | None = None,
                    loaded: Mapping[str, Inspection] | None = None) -> list[TargetProgress]:
    """Progress against ``targets`` as of ``year`` from the workspace's registry and inspections."""
    targets = list(targets)
    if not targets:
        return []
    return progress(targets, store.registered_units(), recognitions(store, year, loaded=loaded), district=district)


def targets_table(items: list[TargetProgress], year: int) -> Table:
    header = ["Chỉ tiêu", "Đến năm", "Áp dụng cho", "Tỷ lệ yêu cầu (%)", "Số đơn vị (mẫu số)", "Số đơn vị đạt",
              "Tỷ lệ đạt (%)", "Số đơn vị cần đạt", "Còn thiếu", "Đơn vị đã đạt", "Ghi chú", "Nguồn"]
    rows: list[list[str | int | float | None]] = []
    for p in items:
        notes = []
        if p.not_in_registry:
            notes.append("Chưa có trong danh sách đơn vị: " + "; ".join(p.not_in_registry))
        if p.outside_registry:
            notes.append(f"{p.outside_registry} đơn vị đạt nhưng không có trong danh sách đơn vị")
        if not p.denominator:
            notes.append("Chưa có đơn vị nào trong danh sách đơn vị để tính (antq units import)")
        rows.append([p.target.title, p.target.year, p.scope_label, p.target.percent, p.denominator, p.count,
                     round(p.percent, 1) if p.percent is not None else None, p.required, p.missing,
                     "; ".join(p.recognised), ". ".join(notes), p.target.source])
    return Table(f"Tiến độ thực hiện chỉ tiêu (tính đến năm {year})", header, rows, sheet="Chỉ tiêu",
                 percent_columns=(3, 6))
