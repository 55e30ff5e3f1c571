"""The Biểu thống kê: a year's inspections, one row per inspected unit and one row per criterion.

The district plan of Bắc Yên, Sơn La (Kế hoạch của Công an huyện Bắc Yên) asks the district to report
"the result of each specific criterion, never in general", with a statistics table. Everything here is derived from :func:`antq_tui.inspection.summarize` (the one place
that counts đạt / không đạt and decides the suggested conclusion) applied to each stored inspection, so
the statistics say exactly what each inspection's summary and minutes say.

Criteria sets differ in their criteria and groups, so the statistics have one section per set; inside
a section the groups and criterion numbers are those of the inspections' snapshots (not of today's
plugins): the union of the snapshots' criteria, each named by its text in the newest snapshot.

Nothing here imports Textual; the screen, the command line and the reports all call
:func:`compute_statistics`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..criteria import UNIT_KINDS, unit_kind_label
from ..criteria.changes import CHANGE_LABELS
from ..folding import fold
from ..inspection import STATUS_DRAFT, STATUS_FINALIZED, Inspection, Summary, summarize
from ..labels import CONCLUSION_LABELS, ELIGIBLE_LABELS, STATUS_LABELS
from ..vnformat import format_date, roman
from .tables import Table

if TYPE_CHECKING:
    from ..storage import Store

_KIND_ORDER = {kind: i for i, kind in enumerate(UNIT_KINDS)}


@dataclass(frozen=True)
class GroupResult:
    """One group of one inspection: đạt out of the group's criteria."""

    group_id: str
    dat: int
    total: int
    khong_dat: int = 0


@dataclass
class UnitLine:
    """One inspected unit (one inspection) of the Biểu thống kê."""

    no: int  # STT in its section, from 1
    inspection_id: str
    unit_id: str
    unit: str
    kind: str
    district: str
    province: str
    set_id: str
    visit_date: dt.date | None
    status: str
    total: int
    dat: int
    khong_dat: int
    unassessed: int
    groups: dict[str, GroupResult]
    eligible: bool | None
    not_met: list[str]
    failed: list[int]  # criterion numbers judged không đạt
    recommend: bool
    recognition: str = ""  # the recorded decision on this inspection ("Công nhận mới — Quyết định số …")
    #: per criterion judged: (verdict label, the key figure: what the plugin's check said of the inputs)
    results: dict[int, tuple[str, str]] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return unit_kind_label(self.kind)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def finalized(self) -> bool:
        return self.status == STATUS_FINALIZED

    @property
    def eligible_label(self) -> str:
        return ELIGIBLE_LABELS[self.eligible]

    @property
    def conclusion_label(self) -> str:
        return CONCLUSION_LABELS[self.recommend]

    @property
    def visit_date_label(self) -> str:
        return format_date(self.visit_date)

    def to_json(self) -> dict[str, Any]:
        return {
            "no": self.no,
            "inspection_id": self.inspection_id,
            "unit_id": self.unit_id,
            "unit": self.unit,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "district": self.district,
            "province": self.province,
            "set": self.set_id,
            "visit_date": self.visit_date.isoformat() if self.visit_date else None,
            "status": self.status,
            "status_label": self.status_label,
            "total": self.total,
            "dat": self.dat,
            "khong_dat": self.khong_dat,
            "unassessed": self.unassessed,
            "groups": {g.group_id: {"dat": g.dat, "total": g.total} for g in self.groups.values()},
            "eligible": self.eligible,
            "eligible_label": self.eligible_label,
            "not_met": list(self.not_met),
            "failed": list(self.failed),
            "recommend": self.recommend,
            "conclusion_label": self.conclusion_label,
            "recognition": self.recognition,
        }


@dataclass
class CriterionLine:
    """One criterion of a set across the section's inspections."""

    number: int
    group_id: str
    text: str
    inspected: int = 0  # inspections whose snapshot has this criterion
    dat: int = 0
    khong_dat: int = 0
    unassessed: int = 0
    failed_units: list[tuple[int, str]] = field(default_factory=list)  # (STT, unit name)
    change: str = ""  # "thêm" (a plugin added it), "sửa đổi" (a plugin amended it) or ""

    @property
    def failed_numbers(self) -> str:
        """ "3, 7, 12": the STT of the units that failed it, as the printed table shows them."""
        return ", ".join(str(no) for no, _ in self.failed_units)

    @property
    def failed_names(self) -> str:
        return "; ".join(name for _, name in self.failed_units)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "group": self.group_id,
            "text": self.text,
            "inspected": self.inspected,
            "dat": self.dat,
            "khong_dat": self.khong_dat,
            "unassessed": self.unassessed,
            "failed_units": [{"no": no, "unit": name} for no, name in self.failed_units],
            "change": self.change,
        }


@dataclass
class Section:
    """The statistics of one criteria set."""

    set_id: str
    title: str
    subject: str  # "xã, phường, thị trấn"
    groups: list[tuple[str, str]]  # (id, title), in the newest snapshot's order
    units: list[UnitLine]
    criteria: list[CriterionLine]

    @property
    def finalized(self) -> int:
        return sum(u.finalized for u in self.units)

    @property
    def recommended(self) -> int:
        return sum(u.recommend for u in self.units)

    def group_title(self, group_id: str) -> str:
        return dict(self.groups).get(group_id, group_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "set": self.set_id,
            "title": self.title,
            "subject": self.subject,
            "groups": [{"id": gid, "title": title} for gid, title in self.groups],
            "inspections": len(self.units),
            "finalized": self.finalized,
            "recommended": self.recommended,
            "units": [u.to_json() for u in self.units],
            "criteria": [c.to_json() for c in self.criteria],
        }


@dataclass
class Statistics:
    """The Biểu thống kê of a year (optionally one set, one district)."""

    year: int
    set_id: str | None
    district: str | None
    finalized_only: bool
    sections: list[Section]
    #: conflict copies of the year left out of the counts (see :func:`conflict_copy_ids`)
    conflict_copies: int = 0
    #: drafts (not finalized) of the year left out because ``finalized_only``
    drafts_left_out: int = 0

    @property
    def conflict_note(self) -> str:
        """ "2 bản sao xung đột chưa xử lý (không tính vào thống kê)", or "" when there is none."""
        if not self.conflict_copies:
            return ""
        return f"{self.conflict_copies} bản sao xung đột chưa xử lý (không tính vào thống kê)"

    @property
    def drafts_note(self) -> str:
        """What the counts leave out or take in: every paper and screen says it (a draft can still change)."""
        if not self.finalized_only:
            return "có tính cả các cuộc kiểm tra chưa hoàn thành (bản nháp)"
        left = f" (không tính {self.drafts_left_out} bản nháp)" if self.drafts_left_out else ""
        return "chỉ các cuộc kiểm tra đã hoàn thành" + left

    @property
    def inspections(self) -> int:
        return sum(len(s.units) for s in self.sections)

    @property
    def finalized(self) -> int:
        return sum(s.finalized for s in self.sections)

    @property
    def recommended(self) -> int:
        return sum(s.recommended for s in self.sections)

    @property
    def scope_label(self) -> str:
        """ "năm 2024, huyện Bắc Yên" """
        parts = [f"năm {self.year}"]
        if self.district:
            parts.append(self.district)
        parts.append(self.drafts_note)
        if self.conflict_note:  # on every view of the statistics, so the office resolves them first
            parts.append(self.conflict_note)
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "set": self.set_id,
            "district": self.district,
            "finalized_only": self.finalized_only,
            "inspections": self.inspections,
            "finalized": self.finalized,
            "recommended": self.recommended,
            "conflict_copies": self.conflict_copies,
            "include_drafts": not self.finalized_only,
            "drafts_left_out": self.drafts_left_out,
            "sections": [s.to_json() for s in self.sections],
        }


class LoadedInspections(list):
    """The inspections :func:`load_inspections` counts, and how many conflict copies and drafts it left out."""

    conflict_copies: int = 0
    drafts_left_out: int = 0


def conflict_copy_ids(store: Store) -> set[str]:
    """The inspections kept beside another by a bundle import because both sides changed it.

    The one rule every office view follows: a conflict copy is not a second inspection of its unit
    but an unresolved disagreement about the same one, so it is never counted (the statistics, the
    report and the tờ trình all load through :func:`load_inspections`); it is reported as a number
    to resolve instead (:attr:`Statistics.conflict_copies`).
    """
    return store.conflict_copy_ids()


def load_inspections(store: Store, year: int, *, set_id: str | None = None, district: str | None = None,
                     finalized_only: bool = False, whole: bool = True, figures: bool = True) -> LoadedInspections:
    """The year's inspections (of one set, one district: compared ignoring case and diacritics),
    conflict copies left out (see :func:`conflict_copy_ids`) and counted.

    :param whole: each inspection read whole (the report cites figures and remarks); else with what
        counting needs only (:meth:`~antq_tui.storage.Store.counting_inspections`: three queries in all).
    :param figures: (not ``whole``) with each verdict's key figure, for the unit × criterion table.
    """
    rows = store.counting_inspections(year=year, status=STATUS_FINALIZED if finalized_only else None,
                                      figures=figures)
    wanted = fold(district) if district else None

    def chosen(set_of: str, district_of: str) -> bool:
        return (set_id is None or set_of == set_id) and (wanted is None or fold(district_of) == wanted)

    copies = conflict_copy_ids(store)
    rows = [r for r in rows if chosen(r.criteria.id, r.unit.district)]
    out = LoadedInspections(store.get_inspection(r.id) if whole else r for r in rows if r.id not in copies)
    out.conflict_copies = sum(1 for r in rows if r.id in copies)
    if finalized_only:  # said on every paper: how many drafts the counts leave out
        out.drafts_left_out = sum(1 for r in store.list_inspections(year=year, status=STATUS_DRAFT)
                                  if r.id not in copies and chosen(r.set_id, r.district))
    return out


def compute_statistics(store: Store, year: int, *, set_id: str | None = None, district: str | None = None,
                       finalized_only: bool = False) -> Statistics:
    """The Biểu thống kê of ``year`` from the stored inspections. See the module docstring."""
    inspections = load_inspections(store, year, set_id=set_id, district=district, finalized_only=finalized_only)
    return statistics_from(inspections, year, set_id=set_id, district=district, finalized_only=finalized_only)


def _unit_order(items: list[Inspection]) -> list[Inspection]:
    """By kind, district, name (ignoring case and diacritics), visit date; each name folded once."""
    folded: dict[str, str] = {}

    def key(insp: Inspection) -> tuple[Any, ...]:
        unit = insp.unit
        district = folded.get(unit.district)
        if district is None:
            district = folded[unit.district] = fold(unit.district)
        name = folded.get(unit.name)
        if name is None:
            name = folded[unit.name] = fold(unit.name)
        return (_KIND_ORDER.get(unit.kind, len(_KIND_ORDER)), district, name, insp.visit_date or dt.date.max, insp.id)

    return sorted(items, key=key)


def _newest_first(insp: Inspection) -> tuple[Any, ...]:
    return (insp.created_at.isoformat() if insp.created_at else "", insp.id)


def statistics_from(inspections: Iterable[Inspection], year: int, *, set_id: str | None = None,
                    district: str | None = None, finalized_only: bool = False) -> Statistics:
    """The statistics of inspections already loaded (the reports reuse them)."""
    by_set: dict[str, list[Inspection]] = {}
    for insp in inspections:
        by_set.setdefault(insp.criteria.id, []).append(insp)
    sections = [_section(items) for _, items in sorted(by_set.items())]
    return Statistics(year=year, set_id=set_id, district=district, finalized_only=finalized_only, sections=sections,
                      conflict_copies=getattr(inspections, "conflict_copies", 0),
                      drafts_left_out=getattr(inspections, "drafts_left_out", 0))


def _section(items: list[Inspection]) -> Section:
    newest = sorted(items, key=_newest_first, reverse=True)
    # groups and criteria: the union of the snapshots', named as the newest snapshot names them
    groups: dict[str, str] = {}
    criteria: dict[int, CriterionLine] = {}
    for insp in newest:
        for g in insp.criteria.groups:
            groups.setdefault(g.id, g.title)
        for c in insp.criteria.criteria:
            if c.number not in criteria:
                criteria[c.number] = CriterionLine(number=c.number, group_id=c.group, text=c.text,
                                                   change=CHANGE_LABELS.get(c.change_kind, ""))
    units: list[UnitLine] = []
    inspected: Counter[int] = Counter()
    unassessed_in: Counter[int] = Counter()
    failed_in: dict[int, list[tuple[int, str]]] = {}
    for no, insp in enumerate(_unit_order(items), 1):
        s: Summary = summarize(insp)
        unit = insp.unit
        units.append(
            UnitLine(
                no=no,
                inspection_id=insp.id,
                unit_id=unit.id,
                unit=unit.name,
                kind=unit.kind,
                district=unit.district,
                province=unit.province,
                set_id=insp.criteria.id,
                visit_date=insp.visit_date,
                status=insp.status,
                total=s.total,
                dat=s.dat,
                khong_dat=s.khong_dat,
                unassessed=len(s.unassessed),
                groups={g.group_id: GroupResult(g.group_id, g.dat, g.total, g.khong_dat) for g in s.groups},
                eligible=s.eligible,
                not_met=list(s.not_met),
                failed=list(s.failed),
                recommend=s.recommend,
                results=insp.key_results(),
            )
        )
        # each criterion: inspected by every inspection whose snapshot has it, then không đạt, chưa đánh
        # giá or đạt (the rest), counted from the summary's lists
        inspected.update(_numbers(insp.criteria))
        unassessed_in.update(s.unassessed)
        for n in s.failed:
            failed_in.setdefault(n, []).append((no, unit.name))
    for number, line in criteria.items():
        line.inspected = inspected[number]
        line.failed_units = failed_in.get(number, [])
        line.khong_dat = len(line.failed_units)
        line.unassessed = unassessed_in[number]
        line.dat = line.inspected - line.khong_dat - line.unassessed
    top = newest[0].criteria
    return Section(
        set_id=top.id,
        title=top.title,
        subject=top.subject,
        groups=list(groups.items()),
        units=units,
        criteria=[criteria[n] for n in sorted(criteria)],
    )


def _numbers(cset: Any) -> tuple[int, ...]:
    """The criterion numbers of a snapshot, once per snapshot object."""
    cached = _NUMBERS.get(id(cset))
    if cached is None or cached[0] is not cset:
        cached = _NUMBERS[id(cset)] = (cset, tuple(c.number for c in cset.criteria))
    return cached[1]


_NUMBERS: dict[int, tuple[Any, tuple[int, ...]]] = {}


# --------------------------------------------------------------------------------------------------
# as tables (CSV, XLSX; the PDF template builds its own from the same records)

def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent, one decimal; None when ``whole`` is 0."""
    return round(part * 100.0 / whole, 1) if whole else None


def unit_table(section: Section, year: int) -> Table:
    groups = [f"Nhóm {roman(i)} đạt ({title})" for i, (_, title) in enumerate(section.groups, 1)]
    header = ["STT", "Đơn vị", "Loại", "Huyện", "Ngày kiểm tra", "Trạng thái", "Số tiêu chí đạt", "Số tiêu chí không đạt",
              "Số tiêu chí chưa đánh giá", "Tổng số tiêu chí", *groups, "Tiêu chí không đạt", "Điều kiện",
              "Kết luận gợi ý", "Quyết định công nhận"]
    rows: list[list[str | int | float | None]] = []
    for u in section.units:
        per_group = [u.groups[gid].dat if gid in u.groups else None for gid, _ in section.groups]
        eligible = u.eligible_label + (f" ({'; '.join(u.not_met)})" if u.not_met else "")
        rows.append([u.no, u.unit, u.kind_label, u.district, u.visit_date_label, u.status_label, u.dat, u.khong_dat,
                     u.unassessed, u.total, *per_group, ", ".join(map(str, u.failed)), eligible, u.conclusion_label,
                     u.recognition])
    return Table(f"Biểu thống kê kết quả kiểm tra, thẩm định năm {year} — {section.subject}: kết quả từng đơn vị",
                 header, rows, sheet=f"Đơn vị - {section.set_id}")


def criteria_table(section: Section, year: int) -> Table:
    titles = {gid: f"{roman(i)}. {title}" for i, (gid, title) in enumerate(section.groups, 1)}
    header = ["Tiêu chí", "Nhóm", "Nội dung tiêu chí", "Số đơn vị được kiểm tra", "Số đơn vị đạt", "Số đơn vị không đạt",
              "Số đơn vị chưa đánh giá", "Tỷ lệ đạt (%)", "STT đơn vị không đạt", "Đơn vị không đạt",
              "Plugin thêm / sửa đổi"]
    rows = [[c.number, titles.get(c.group_id, c.group_id), c.text, c.inspected, c.dat, c.khong_dat, c.unassessed,
             percent(c.dat, c.inspected), c.failed_numbers, c.failed_names, c.change] for c in section.criteria]
    return Table(f"Biểu thống kê kết quả kiểm tra, thẩm định năm {year} — {section.subject}: kết quả từng tiêu chí",
                 header, rows, sheet=f"Tiêu chí - {section.set_id}", percent_columns=(7,))


def matrix_table(section: Section, year: int) -> Table:
    """Unit × criterion: a row per unit, a column per criterion, each cell Đạt / Không đạt and under it
    the key figure (the district report asks for "kết quả đạt được của từng tiêu chí cụ thể")."""
    header = ["STT", "Đơn vị", "Huyện", *[f"Tiêu chí {c.number}" for c in section.criteria]]
    rows: list[list[str | int | float | None]] = []
    for u in section.units:
        cells: list[str | int | float | None] = [u.no, u.unit, u.district]
        for c in section.criteria:
            verdict, figure = u.results.get(c.number, ("", ""))
            cells.append(f"{verdict}\n{figure}" if figure else (verdict or "—"))
        rows.append(cells)
    return Table(f"Biểu thống kê kết quả kiểm tra, thẩm định năm {year} — {section.subject}: từng đơn vị, từng tiêu chí",
                 header, rows, sheet=f"Đơn vị × tiêu chí - {section.set_id}")


def statistics_tables(stats: Statistics) -> list[Table]:
    """Per set: the units table, the criteria table, then unit × criterion."""
    out: list[Table] = []
    for section in stats.sections:
        out += [unit_table(section, stats.year), criteria_table(section, stats.year),
                matrix_table(section, stats.year)]
    return out
