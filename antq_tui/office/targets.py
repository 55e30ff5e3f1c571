"""Progress against a province's targets (the ``antq_targets`` hook), e.g. Tuyên Quang's for 2025.

**Recognised** here means: the unit has a recorded recognition decision (``antq recognition add``) of
that year or an earlier one. Where none is recorded for a unit, antq falls back to what the team
verified: the unit's latest finalized inspection of that year or before has the suggested conclusion
"đề nghị công nhận" (eligible, and every criterion đạt; see :func:`antq_tui.inspection.summarize`),
and the paper says so ("đủ điều kiện đề nghị, chưa ghi quyết định"); a unit whose latest finalized
inspection no longer qualifies does not count that way, even if an earlier one did.

The **denominator** is the registry of units (``antq units import``): the registered units of the
target's kinds (of one district when asked), or, for a target over a named list of units, those of
the list found in the registry; a target with ``unit_attribute`` counts only the registry's units
with that attribute (the communes recognised as nông thôn mới). A recognised unit is matched to the
registry by its id, else by its name, kind and district (ignoring case and diacritics).

A **count target** ("ít nhất 01 xã … mỗi huyện", "mỗi khối … có 02 đơn vị trở lên") asks for a least
number of units rather than a share: recognised units of its kinds (on the registry or not, since a
count needs no denominator), or, with ``counts="registered"``, the units on the year's registration
list (the minimum selection). ``per="district"`` asks it of each district (those of the registry and
of the units counted), ``per="kind"`` of each of its kinds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
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
    decision: str = ""  # the recorded decision's label; empty: counted as "đủ điều kiện đề nghị" only


@dataclass(frozen=True)
class GroupCount:
    """A count target's figure in one district or one kind ("Huyện Bắc Yên: 1/1")."""

    label: str  # "Huyện Bắc Yên", "Cơ quan"
    count: int
    required: int
    units: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        return self.count >= self.required

    @property
    def missing(self) -> int:
        return max(0, self.required - self.count)

    @property
    def text(self) -> str:
        return f"{self.label} ({self.count}/{self.required})"

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "count": self.count, "required": self.required, "met": self.met,
                "units": list(self.units)}


@dataclass
class TargetProgress:
    target: Target
    denominator: int  # registry units the target counts
    recognised: list[str] = field(default_factory=list)  # names of the recognised ones among them
    not_in_registry: list[str] = field(default_factory=list)  # listed names missing from the registry
    outside_registry: int = 0  # recognised units of the kinds that are not on the registry
    eligible_only: list[str] = field(default_factory=list)  # of ``recognised``: no decision recorded yet
    groups: list[GroupCount] = field(default_factory=list)  # a count target "per" district or kind
    year: int | None = None  # the year measured (a target of every year: the year asked)

    @property
    def count(self) -> int:
        return len(self.recognised)

    @property
    def percent(self) -> float | None:
        return self.count * 100.0 / self.denominator if self.denominator else None

    @property
    def is_count(self) -> bool:
        return self.target.count is not None

    @property
    def required(self) -> int | None:
        """How many recognised units the target asks for (rounded up; a count target: its count, in
        each of its groups)."""
        if self.target.count is not None:
            return self.target.count * len(self.groups) if self.target.per else self.target.count
        if not self.denominator:
            return None
        return math.ceil((self.target.percent or 0) * self.denominator / 100 - 1e-9)

    @property
    def met(self) -> bool | None:
        if self.target.count is not None and self.target.per:
            return all(g.met for g in self.groups) if self.groups else None
        return None if self.required is None else self.count >= self.required

    @property
    def missing(self) -> int | None:
        if self.target.count is not None and self.target.per:
            return sum(g.missing for g in self.groups) if self.groups else None
        return None if self.required is None else max(0, self.required - self.count)

    @property
    def year_label(self) -> str:
        return str(self.target.year) if self.target.year is not None else f"hằng năm ({self.year})"

    @property
    def requirement_label(self) -> str:
        """ "30%", "ít nhất 01 mỗi huyện", "ít nhất 02 mỗi khối" """
        if self.target.count is None:
            return format_percent(self.target.percent or 0)
        per = {"district": " mỗi huyện", "kind": " mỗi khối"}.get(self.target.per, "")
        return f"ít nhất {self.target.count:02d}{per}"

    @property
    def unmet_groups(self) -> list[GroupCount]:
        return [g for g in self.groups if not g.met]

    @property
    def scope_label(self) -> str:
        if self.target.unit_names:
            return f"{len(self.target.unit_names)} đơn vị có tên trong danh sách"
        kinds = ", ".join(unit_kind_label(k).lower() for k in self.target.unit_kinds) or "mọi loại đơn vị"
        if self.target.unit_attribute:
            kinds += f" thuộc diện “{attribute_label(self.target.unit_attribute)}”"
        return kinds

    @property
    def status_label(self) -> str:
        """ "2/7 (28,6%) — chỉ tiêu 30% (cần 3): còn thiếu 1" """
        if self.target.count is not None:
            return self._count_status()
        goal = f"chỉ tiêu {format_percent(self.target.percent or 0)} đến năm {self.target.year}"
        if not self.denominator:
            return f"chưa có đơn vị nào trong danh sách đơn vị để tính — {goal}"
        done = f"{self.count}/{self.denominator} ({format_percent(self.percent or 0.0)})"
        if self.eligible_only:
            done += (f", trong đó {len(self.eligible_only)} đơn vị mới đủ điều kiện đề nghị, chưa ghi quyết "
                     "định công nhận")
        if self.met:
            return f"{done} — {goal}: đã đạt"
        return f"{done} — {goal} (cần {format_number(self.required or 0)}): còn thiếu {self.missing}"

    def _count_status(self) -> str:
        """ "1 đơn vị — chỉ tiêu ít nhất 01 mỗi huyện (năm 2024): còn thiếu ở Huyện Mai Sơn (0/1)" """
        doing = "đăng ký" if self.target.counts == "registered" else "đạt"
        when = f"năm {self.year}" if self.target.year is None else f"đến năm {self.target.year}"
        goal = f"chỉ tiêu {self.requirement_label} ({when})"
        if self.target.per:
            if not self.groups:
                return f"chưa có {'huyện' if self.target.per == 'district' else 'khối'} nào để tính — {goal}"
            done = f"{len(self.groups) - len(self.unmet_groups)}/{len(self.groups)} " + (
                "huyện" if self.target.per == "district" else "khối") + " đủ"
            if self.met:
                return f"{done} — {goal}: đã đạt"
            return f"{done} — {goal}: còn thiếu ở " + "; ".join(g.text for g in self.unmet_groups)
        done = f"{self.count} đơn vị {doing}"
        if self.met:
            return f"{done} — {goal}: đã đạt"
        return f"{done} — {goal}: còn thiếu {self.missing}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.target.id,
            "title": self.target.title,
            "year": self.target.year,
            "year_measured": self.year,
            "percent_required": self.target.percent,
            "count_required": self.target.count,
            "per": self.target.per,
            "counts": self.target.counts,
            "unit_attribute": self.target.unit_attribute,
            "groups": [g.to_json() for g in self.groups],
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
            "eligible_only": list(self.eligible_only),
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
    decided = store.recognised_units(year, up_to=True)
    out = []
    loaded = dict(loaded or {})
    wanted = [decided[u].inspection_id if u in decided else iid for u, (_, iid) in latest.items()]
    unread = [iid for iid in wanted if iid not in loaded]
    if unread:  # the verdicts alone, in three queries (not each inspection whole)
        loaded |= {i.id: i for i in store.counting_inspections(max_year=year, status=STATUS_FINALIZED, ids=unread)}
    for unit_id, (_, inspection_id) in latest.items():
        record = decided.get(unit_id)
        if record is not None:
            inspection_id = record.inspection_id
        insp = loaded.get(inspection_id) or store.get_inspection(inspection_id)
        if record is not None:
            out.append(Recognition(insp.unit, record.year, insp.id, True, decision=record.label))
        else:
            out.append(Recognition(insp.unit, insp.year, insp.id, summarize(insp).recommend))
    return sorted(out, key=lambda r: fold(r.unit.name))


def attribute_id(text: str) -> str:
    """An attribute as stored: "Nông thôn mới" → "nong_thon_moi"."""
    return "_".join(fold(text).replace("-", " ").replace("_", " ").split())


def attribute_label(attribute: str) -> str:
    """How an attribute reads: "nong_thon_moi" → "nông thôn mới" (known ones keep their diacritics)."""
    return ATTRIBUTE_LABELS.get(attribute, attribute.replace("_", " "))


#: the attributes antq knows by name (any other is shown as its id with spaces)
ATTRIBUTE_LABELS = {
    "nong_thon_moi": "nông thôn mới",
    "nong_thon_moi_nang_cao": "nông thôn mới nâng cao",
    "nong_thon_moi_kieu_mau": "nông thôn mới kiểu mẫu",
}


def targets_for_year(targets: Iterable[Target], year: int) -> list[Target]:
    """The targets measured in ``year``: those of every year and those due then or later; after the
    last year a plan names, that year's (a plan's final targets stay in view once it has ended)."""
    targets = list(targets)
    last = max((t.year for t in targets if t.year is not None), default=year)
    return [t for t in targets if t.year is None or t.year >= min(year, last)]


def _count_progress(target: Target, year: int, units: list[Unit], registry_units: list[Unit], *,
                    district: str | None) -> TargetProgress:
    """A count target over ``units`` (the recognised or registered units of its scope)."""
    names = [u.name for u in units]
    result = TargetProgress(target, len(registry_units), names, year=year)
    if target.per == "district":
        labels: dict[str, str] = {}
        for u in registry_units + units:
            if u.district and district_key(u.district) not in labels:
                labels[district_key(u.district)] = u.district
        if district and district_key(district) not in labels:
            labels[district_key(district)] = district
        for key, label in sorted(labels.items(), key=lambda kv: kv[0]):
            mine = [u.name for u in units if district_key(u.district) == key]
            shown = label if fold(label).startswith(("huyen", "quan", "thi xa", "thanh pho")) else f"Huyện {label}"
            result.groups.append(GroupCount(shown, len(mine), target.count or 0, tuple(mine)))
    elif target.per == "kind":
        for kind in target.unit_kinds:
            mine = [u.name for u in units if u.kind == kind]
            result.groups.append(GroupCount(unit_kind_label(kind), len(mine), target.count or 0, tuple(mine)))
    return result


def progress(targets: Iterable[Target], registry_units: list[Unit], recognised: Iterable[Recognition], *,
             district: str | None = None, year: int | None = None,
             registered: Callable[[int], list[Unit]] | None = None,
             attributes: Mapping[str, Iterable[str]] | None = None) -> list[TargetProgress]:
    """Progress against each target (see the module docstring).

    :param year: the year asked (a target of every year is measured in it; default: each target's own).
    :param registered: ``year → the units registered that year`` (for ``counts="registered"``).
    :param attributes: unit id → its attributes on the registry (for ``unit_attribute``).
    """
    recognised = list(recognised)
    attributes = attributes or {}
    if district:
        wanted = district_key(district)
        registry_units = [u for u in registry_units if district_key(u.district) == wanted]
    recognised = list(recognised)
    pending = {r.unit.id for r in recognised if r.recommend and not r.decision}
    yes = [r.unit for r in recognised if r.recommend]
    if district:
        yes = [u for u in yes if district_key(u.district) == district_key(district)]
    yes_ids = {u.id for u in yes}
    yes_keys = {unit_key(u) for u in yes}

    def is_recognised(u: Unit) -> bool:
        return u.id in yes_ids or unit_key(u) in yes_keys

    pending_keys = {unit_key(u) for u in yes if u.id in pending}

    def _pending(members: list[Unit]) -> list[str]:
        return [u.name for u in members if is_recognised(u) and (u.id in pending or unit_key(u) in pending_keys)
                and u.id not in decided_ids]

    decided_ids = {r.unit.id for r in recognised if r.decision}
    registry_ids = {u.id for u in registry_units}
    registry_keys = {unit_key(u) for u in registry_units}
    out = []
    for target in targets:
        scope = registry_units
        if target.unit_attribute:
            scope = [u for u in registry_units if target.unit_attribute in attributes.get(u.id, ())]
        if target.count is not None:
            measured = target.year if target.year is not None else (year or 0)
            if target.counts == "registered":
                pool = registered(measured) if registered is not None else []
                if district:
                    pool = [u for u in pool if district_key(u.district) == district_key(district)]
            else:
                pool = yes
            counted = [u for u in pool if (not target.unit_kinds or u.kind in target.unit_kinds)
                       and (not target.unit_attribute or target.unit_attribute in attributes.get(u.id, ()))]
            if target.unit_names:
                named = [parse_listed_name(n) for n in target.unit_names]
                counted = [u for u in counted if any(name_key(u.name) == n and (not d or district_key(u.district) == d)
                                                     for n, d in named)]
            members = [u for u in scope if not target.unit_kinds or u.kind in target.unit_kinds]
            out.append(_count_progress(target, measured, counted, members, district=district))
            continue
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
                                      not_in_registry=missing, eligible_only=_pending(members)))
            continue
        members = [u for u in scope if u.kind in target.unit_kinds]
        outside = [u for u in yes if u.kind in target.unit_kinds and not target.unit_attribute
                   and u.id not in registry_ids and unit_key(u) not in registry_keys]
        out.append(TargetProgress(target, len(members), [u.name for u in members if is_recognised(u)],
                                  outside_registry=len(outside), eligible_only=_pending(members)))
    return out


def target_progress(store: Store, targets: Iterable[Target], year: int, *, district: str | None = None,
                    loaded: Mapping[str, Inspection] | None = None) -> list[TargetProgress]:
    """Progress against ``targets`` as of ``year`` from the workspace's registry and inspections."""
    targets = targets_for_year(targets, year)
    if not targets:
        return []

    def registered(when: int) -> list[Unit]:
        return [r.unit for r in store.registrations(when)]

    return progress(targets, store.registered_units(), recognitions(store, year, loaded=loaded), district=district,
                    year=year, registered=registered, attributes=store.unit_attributes())


def targets_table(items: list[TargetProgress], year: int) -> Table:
    header = ["Chỉ tiêu", "Đến năm", "Áp dụng cho", "Tỷ lệ yêu cầu (%)", "Số đơn vị (mẫu số)", "Số đơn vị đạt",
              "Tỷ lệ đạt (%)", "Số đơn vị cần đạt", "Còn thiếu", "Đơn vị đã đạt", "Ghi chú", "Nguồn",
              "Số đơn vị tối thiểu"]
    rows: list[list[str | int | float | None]] = []
    for p in items:
        notes = []
        if p.not_in_registry:
            notes.append("Chưa có trong danh sách đơn vị: " + "; ".join(p.not_in_registry))
        if p.outside_registry:
            notes.append(f"{p.outside_registry} đơn vị đạt nhưng không có trong danh sách đơn vị")
        if p.is_count:
            notes.append(p.status_label)
        elif not p.denominator:
            notes.append("Chưa có đơn vị nào trong danh sách đơn vị để tính (antq units import)")
        if p.eligible_only:
            notes.append("Mới đủ điều kiện đề nghị, chưa ghi quyết định công nhận: " + "; ".join(p.eligible_only))
        rows.append([p.target.title, p.target.year if p.target.year is not None else p.year_label, p.scope_label,
                     p.target.percent, p.denominator, p.count,
                     round(p.percent, 1) if p.percent is not None else None, p.required, p.missing,
                     "; ".join(p.recognised), ". ".join(notes), p.target.source,
                     p.requirement_label if p.is_count else None])
    return Table(f"Tiến độ thực hiện chỉ tiêu (tính đến năm {year})", header, rows, sheet="Chỉ tiêu",
                 percent_columns=(3, 6))
