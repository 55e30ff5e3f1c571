"""Inspections: create one, record what was found (answers, eligibility, visit details, texts),
finalize (only when every criterion is assessed) and reopen (with a reason).

Every function takes a :class:`~.context.Context` and returns what the store returns (the time of the
save, or the inspection read back); a refused rule raises :class:`~.context.ServiceError` or the
storage's :class:`~antq_tui.storage.StorageError` (both carry a Vietnamese message).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..criteria import CriteriaSet, Criterion, unit_kind_label
from ..folding import fold
from ..inspection import Answer, Inspection, Summary, Unit, summarize
from ..storage import (
    UNSET,  # "keep as it is" for set_evidence's and set_eligibility's keywords
)
from .context import Context, ServiceError

if TYPE_CHECKING:
    from ..config import Member
    from ..criteria import EligibilityCheck, Verdict


# -- finding ---------------------------------------------------------------------------------------


def resolve_id(ctx: Context, text: str) -> str:
    """A whole inspection id, or its first characters as ``antq list`` shows them (4 at least)."""
    from ..storage import NotFoundError

    text = text.strip()
    try:
        return ctx.store.get_inspection(text).id
    except NotFoundError:
        pass
    matches = [r for r in ctx.store.list_inspections() if r.id.startswith(text)] if len(text) >= 4 else []
    if len(matches) == 1:
        return matches[0].id
    if not matches:
        raise ServiceError(f"Không có cuộc kiểm tra mã “{text}”. Xem mã bằng lệnh: antq list")
    names = "; ".join(f"{r.id[:12]} {r.unit_name} {r.year}" for r in matches[:5])
    raise ServiceError(f"Mã “{text}” khớp {len(matches)} cuộc kiểm tra ({names}). Gõ thêm ký tự của mã.")


def get(ctx: Context, inspection_id: str) -> Inspection:
    return ctx.store.get_inspection(inspection_id)


def find(ctx: Context, query: str = "", *, year: int | None = None, status: str | None = None,
         limit: int | None = None, offset: int = 0) -> list[Any]:
    """The inspections matching ``query`` (unit, district, province, year; marks ignored), newest first
    (at most ``limit`` of them from ``offset``: a page)."""
    return ctx.store.list_inspections(query, year=year, status=status, limit=limit, offset=offset)


def count(ctx: Context, query: str = "", *, year: int | None = None, status: str | None = None) -> int:
    """How many inspections :func:`find` would return without a limit."""
    return ctx.store.count_inspections(query, year=year, status=status)


def years(ctx: Context) -> list[int]:
    """The years that have inspections, in order."""
    return sorted({row.year for row in ctx.store.list_inspections()})


def known_units(ctx: Context) -> list[Unit]:
    """Every unit inspected or registered, for the new-inspection form's suggestions."""
    return ctx.store.find_units()


def previous(ctx: Context, inspection: Inspection | str) -> Inspection | None:
    """The same unit's inspection before this one (the compare screen), if any."""
    row = ctx.store.previous_inspection(inspection if isinstance(inspection, str) else inspection.id)
    return ctx.store.get_inspection(row.id) if row else None


def changed_criteria(ctx: Context, inspection: Inspection | str) -> list[int]:
    """Criterion numbers the loaded plugins changed since the inspection started."""
    return ctx.store.changed_criteria(inspection, evaluator=ctx.evaluator)


def live_criteria(ctx: Context, inspection: Inspection) -> tuple[dict[int, Criterion], list[int]]:
    """The snapshot's criteria, each with the plugin's check unless the plugin changed it since, and
    the numbers it changed: what a screen suggests with as the user types (the evaluator's rule).

    A snapshot keeps no functions; the live suggestion needs the check. A criterion the plugin changed
    since the inspection started keeps no check: its stored suggestion is shown as it was, and the
    store does not recompute it either.
    """
    snapshot = inspection.criteria
    try:
        evaluator = ctx.evaluator
        fingerprints = ctx.store.fingerprints(inspection.id)
        changed = evaluator.changed_criteria(snapshot, fingerprints)
    except Exception:  # the set cannot be compared: every criterion keeps its stored suggestion
        return {c.number: c for c in snapshot.criteria}, [c.number for c in snapshot.criteria]
    return evaluator.live_criteria(snapshot, fingerprints), changed


# -- create ----------------------------------------------------------------------------------------

YEARS = range(2000, 2101)


def unit_for(ctx: Context, name: str, kind: str) -> Unit:
    """The known unit of this name and kind (names compared as typed, NFC, spaces squeezed), else a
    new unit of the workspace's district and province."""
    from ..criteria import UNIT_KINDS
    from ..storage.codec import text_value  # the text rule, refused before anything is looked up

    name = " ".join(text_value(name, "Tên đơn vị", field_id="name").split())
    if not name:
        raise ServiceError("Cần tên đơn vị.")
    if kind not in UNIT_KINDS:
        raise ServiceError(f"Loại đơn vị không hợp lệ: “{kind}” (một trong: {', '.join(UNIT_KINDS)}).")
    key = fold(name)
    for unit in ctx.store.find_units(name, kind=kind):
        if fold(unit.name) == key:
            return unit
    return Unit(id=str(uuid.uuid4()), name=name, kind=kind, district=ctx.config.district,
                province=ctx.config.province)


def set_for_kind(ctx: Context, kind: str, set_id: str | None = None) -> CriteriaSet:
    """The criteria set for a unit of ``kind``: ``set_id`` if given (it must suit the kind), else the
    only loaded set for the kind."""
    registry = ctx.registry
    if set_id:
        cset = registry.sets.get(set_id)
        if cset is None:
            known = ", ".join(sorted(registry.sets)) or "chưa có bộ nào được nạp"
            raise ServiceError(f"Không có bộ tiêu chí “{set_id}” (các bộ đã nạp: {known}). Xem: antq criteria")
        if cset.unit_kinds and kind not in cset.unit_kinds:
            raise ServiceError(f"Bộ tiêu chí “{cset.id}” không dùng cho loại đơn vị “{unit_kind_label(kind)}”.")
        return cset
    sets = registry.sets_for_kind(kind)
    if not sets:
        raise ServiceError(f"Không có bộ tiêu chí nào cho loại đơn vị “{unit_kind_label(kind)}”. Xem: antq criteria")
    if len(sets) > 1:
        raise ServiceError(f"Có {len(sets)} bộ tiêu chí cho loại đơn vị “{unit_kind_label(kind)}” ("
                           + ", ".join(s.id for s in sets) + "): chọn một bộ.")
    return sets[0]


def create(
    ctx: Context,
    unit: Unit,
    year: int,
    criteria: CriteriaSet | str | None = None,
    *,
    eligibility_checks: Sequence[EligibilityCheck] | None = None,
    visit_date: dt.date | str | None = None,
    place: str = "",
    start_time: str = "",
    end_time: str = "",
    team: Sequence[Member] | None = None,
    representatives: Sequence[Member] = (),
    minutes_number: str = "",
    inspection_id: str | None = None,
) -> Inspection:
    """Start an inspection of ``unit`` for ``year``.

    :param criteria: the set (loaded, or its id); default the only set for the unit's kind.
    :param eligibility_checks: default the plugins' conditions for the set.
    :param team: default the team of config.toml; it may not be empty.
    :param inspection_id: a UUID chosen by the caller (the demo's are fixed); default a new one.
    :raises ServiceError: no such set, a set for another kind, a year out of range, no team.
    """
    cset = criteria if isinstance(criteria, CriteriaSet) else set_for_kind(ctx, unit.kind, criteria)
    if cset.unit_kinds and unit.kind not in cset.unit_kinds:
        raise ServiceError(f"Bộ tiêu chí “{cset.id}” không dùng cho loại đơn vị “{unit.kind_label}”.")
    if not isinstance(year, int) or year not in YEARS:
        raise ServiceError(f"Năm xét cần là số năm (ví dụ {dt.date.today().year}), không phải “{year}”.")
    members = list(ctx.config.team if team is None else team)
    if not members:
        raise ServiceError("Đoàn kiểm tra cần ít nhất một người.")
    if eligibility_checks is None:
        eligibility_checks = ctx.registry.eligibility_for(cset.id)
    return ctx.store.create_inspection(
        unit, year, cset, list(eligibility_checks), registry=ctx.registry, visit_date=visit_date, place=place,
        start_time=start_time, end_time=end_time, team=members, representatives=list(representatives),
        minutes_number=minutes_number, user=ctx.user_for_team(members), inspection_id=inspection_id)


# -- answers ---------------------------------------------------------------------------------------


def set_verdict(ctx: Context, inspection_id: str, number: int, verdict: Verdict | str | None) -> dt.datetime:
    """The team's Đạt / Không đạt on criterion ``number`` (None clears it)."""
    return ctx.store.set_verdict(inspection_id, number, verdict, user=ctx.user_for(inspection_id))


def set_self_assessment(ctx: Context, inspection_id: str, number: int, verdict: Verdict | str | None) -> dt.datetime:
    """The unit's own assessment of criterion ``number`` (None clears it)."""
    return ctx.store.set_self_assessment(inspection_id, number, verdict, user=ctx.user_for(inspection_id))


def set_remark(ctx: Context, inspection_id: str, number: int, remark: str) -> dt.datetime:
    return ctx.store.set_remark(inspection_id, number, remark, user=ctx.user_for(inspection_id))


def set_inputs(ctx: Context, inspection_id: str, number: int, inputs: Mapping[str, Any]) -> dt.datetime:
    """Figures for criterion ``number`` (field id → text as typed or a parsed value) and the suggestion."""
    return ctx.store.set_inputs(inspection_id, number, inputs, evaluator=ctx.evaluator, user=ctx.user_for(inspection_id))


def set_evidence(ctx: Context, inspection_id: str, number: int, index: int, *, seen: bool = UNSET,
                 doc_number: str = UNSET, date: dt.date | str | None = UNSET, note: str = UNSET) -> dt.datetime:
    """What the team saw of evidence item ``index`` (0-based); only the given keywords change."""
    return ctx.store.set_evidence(inspection_id, number, index, seen=seen, doc_number=doc_number, date=date,
                                  note=note, user=ctx.user_for(inspection_id))


def undo(ctx: Context, inspection_id: str, number: int, part: str, before: Answer,
         index: int | None = None) -> dt.datetime:
    """Ctrl+Z: put ``part`` of criterion ``number`` back as it was in ``before``.

    ``part`` is ``verdict``, ``self``, ``inputs``, ``remark`` or ``evidence`` (record ``index``). The
    undo is a new change, saved and logged like any other: nothing is ever deleted from the log."""
    if part == "verdict":
        return set_verdict(ctx, inspection_id, number, before.verdict)
    if part == "self":
        return set_self_assessment(ctx, inspection_id, number, before.self_assessment)
    if part == "inputs":
        return set_inputs(ctx, inspection_id, number, before.inputs)
    if part == "remark":
        return set_remark(ctx, inspection_id, number, before.remark)
    if part == "evidence" and index is not None:
        seen = before.evidence[index]
        return set_evidence(ctx, inspection_id, number, index, seen=seen.seen, doc_number=seen.number,
                            date=seen.date, note=seen.note)
    raise ServiceError(f"Không hoàn tác được thay đổi “{part}”.")


def resume_at(inspection: Inspection) -> int | None:
    """The criterion the team touched last (the walk reopens there), or None when nothing was recorded."""
    touched = [a for a in inspection.answers.values() if a.updated_at is not None and (
        a.verdict is not None or a.self_assessment is not None or a.remark or any(
            v not in (None, "") for v in a.inputs.values()) or any(e.seen or e.number or e.date for e in a.evidence))]
    if not touched:
        return None
    return max(touched, key=lambda a: (a.updated_at, a.number)).number


def set_eligibility(ctx: Context, inspection_id: str, check_id: str, *, inputs: Mapping[str, Any] = UNSET,
                    decision: Verdict | str | None = UNSET, remark: str = UNSET) -> dt.datetime:
    """An eligibility condition's figures, the team's decision (None: follow the suggestion), remark.
    A figure its listed cases decide must agree with them (:func:`antq_tui.services.dossier.check_inputs_agree`)."""
    if inputs is not UNSET:
        from .dossier import check_inputs_agree

        check_inputs_agree(ctx, inspection_id, check_id, inputs)
    return ctx.store.set_eligibility(inspection_id, check_id, inputs=inputs, decision=decision, remark=remark,
                                     evaluator=ctx.evaluator, user=ctx.user_for(inspection_id))


# -- visit details and texts -------------------------------------------------------------------------


def update_details(ctx: Context, inspection_id: str, **fields: Any) -> dt.datetime:
    """Visit details (date, times, place, team, representatives, minutes number) or the summary texts
    (strengths, shortcomings, recommendations, conclusion): keys of ``storage.INSPECTION_FIELDS``."""
    return ctx.store.update_inspection(inspection_id, user=ctx.user_for(inspection_id), **fields)


# -- finalize and reopen ---------------------------------------------------------------------------


def finalize(ctx: Context, inspection_id: str) -> Inspection:
    """Finalize (read-only from now on) once every criterion has the team's verdict; a backup follows.

    :raises ServiceError: naming the criteria still unassessed.
    """
    inspection = ctx.store.get_inspection(inspection_id)
    if inspection.finalized:
        raise ServiceError("Cuộc kiểm tra đã hoàn thành rồi.")
    summary = summarize(inspection)
    if summary.unassessed:
        raise ServiceError(
            f"Còn {len(summary.unassessed)} tiêu chí chưa đánh giá: " + ", ".join(map(str, summary.unassessed))
            + ". Đánh giá hết (Đạt hoặc Không đạt) rồi hoàn thành.")
    ctx.store.finalize(inspection_id, user=ctx.user_for(inspection_id))  # the store backs the database up after it
    from .keys import sign_finalized  # the state and log head, signed by this workspace's key

    sign_finalized(ctx, inspection_id)
    return ctx.store.get_inspection(inspection_id)


def reopen(ctx: Context, inspection_id: str, reason: str) -> Inspection:
    """Make a finalized inspection editable again; the reason is required and logged."""
    ctx.store.reopen(inspection_id, reason, user=ctx.user_for(inspection_id))
    return ctx.store.get_inspection(inspection_id)


def summary(inspection: Inspection) -> Summary:
    """Counts, eligibility and the suggested conclusion (the one place they are decided)."""
    return summarize(inspection)
