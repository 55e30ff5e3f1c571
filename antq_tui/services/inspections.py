"""Inspections: create one, record what was found (answers, eligibility, visit details, texts),
finalize (only when every criterion is assessed) and reopen (with a reason).

Every function takes a :class:`~.context.Context` and returns what the store returns (the time of the
save, or the inspection read back); a refused rule raises :class:`~.context.ServiceError` or the
storage's :class:`~antq_tui.storage.StorageError` (both carry a Vietnamese message).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..inspection import Inspection, Summary, Unit, summarize
from ..storage import (
    UNSET,  # "keep as it is" for set_evidence's and set_eligibility's keywords
)
from .context import Context, ServiceError

if TYPE_CHECKING:
    from ..config import Member
    from ..criteria import CriteriaSet, EligibilityCheck, Verdict
    from ..storage.records import BackupResult


def _suggestions(ctx: Context, method: Any) -> dict[str, Any]:
    """The keyword giving ``method`` of the store what it needs to compute suggestions.

    The store takes an ``evaluator`` (one :class:`~antq_tui.evaluation.Evaluator`); a store of the
    time before that took the plugin ``registry`` instead.
    """
    if "evaluator" in inspect.signature(method).parameters:
        return {"evaluator": ctx.evaluator}
    return {"registry": ctx.registry}


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


def changed_criteria(ctx: Context, inspection: Inspection | str) -> list[int]:
    """Criterion numbers the loaded plugins changed since the inspection started."""
    return ctx.store.changed_criteria(inspection, **_suggestions(ctx, ctx.store.changed_criteria))


# -- create ----------------------------------------------------------------------------------------


def create(
    ctx: Context,
    unit: Unit,
    year: int,
    criteria: CriteriaSet | str,
    *,
    eligibility_checks: Sequence[EligibilityCheck] | None = None,
    visit_date: dt.date | str | None = None,
    place: str = "",
    start_time: str = "",
    end_time: str = "",
    team: Sequence[Member] = (),
    representatives: Sequence[Member] = (),
    minutes_number: str = "",
) -> Inspection:
    """Start an inspection of ``unit`` for ``year`` with ``criteria`` (a loaded set or its id).

    The set must suit the unit's kind; the eligibility conditions default to the plugins' for the set.
    """
    registry = ctx.registry
    if isinstance(criteria, str):
        cset = registry.sets.get(criteria)
        if cset is None:
            known = ", ".join(sorted(registry.sets)) or "không có"
            raise ServiceError(f"Không có bộ tiêu chí “{criteria}” (các bộ đang có: {known}). Xem: antq criteria")
    else:
        cset = criteria
    if cset.unit_kinds and unit.kind not in cset.unit_kinds:
        raise ServiceError(f"Bộ tiêu chí “{cset.id}” không dùng cho loại đơn vị “{unit.kind_label}”.")
    if eligibility_checks is None:
        eligibility_checks = registry.eligibility_for(cset.id)
    return ctx.store.create_inspection(
        unit, year, cset, list(eligibility_checks), registry=registry, visit_date=visit_date, place=place,
        start_time=start_time, end_time=end_time, team=list(team), representatives=list(representatives),
        minutes_number=minutes_number, user=ctx.acting_user)


# -- answers ---------------------------------------------------------------------------------------


def set_verdict(ctx: Context, inspection_id: str, number: int, verdict: Verdict | str | None) -> dt.datetime:
    """The team's Đạt / Không đạt on criterion ``number`` (None clears it)."""
    return ctx.store.set_verdict(inspection_id, number, verdict, user=ctx.acting_user)


def set_self_assessment(ctx: Context, inspection_id: str, number: int, verdict: Verdict | str | None) -> dt.datetime:
    """The unit's own assessment of criterion ``number`` (None clears it)."""
    return ctx.store.set_self_assessment(inspection_id, number, verdict, user=ctx.acting_user)


def set_remark(ctx: Context, inspection_id: str, number: int, remark: str) -> dt.datetime:
    return ctx.store.set_remark(inspection_id, number, remark, user=ctx.acting_user)


def set_inputs(ctx: Context, inspection_id: str, number: int, inputs: Mapping[str, Any]) -> dt.datetime:
    """Figures for criterion ``number`` (field id → text as typed or a parsed value) and the suggestion."""
    store = ctx.store
    return store.set_inputs(inspection_id, number, inputs, **_suggestions(ctx, store.set_inputs),
                            user=ctx.acting_user)


def set_evidence(ctx: Context, inspection_id: str, number: int, index: int, *, seen: bool = UNSET,
                 doc_number: str = UNSET, date: dt.date | str | None = UNSET, note: str = UNSET) -> dt.datetime:
    """What the team saw of evidence item ``index`` (0-based); only the given keywords change."""
    return ctx.store.set_evidence(inspection_id, number, index, seen=seen, doc_number=doc_number, date=date,
                                  note=note, user=ctx.acting_user)


def set_eligibility(ctx: Context, inspection_id: str, check_id: str, *, inputs: Mapping[str, Any] = UNSET,
                    decision: Verdict | str | None = UNSET, remark: str = UNSET) -> dt.datetime:
    """An eligibility condition's figures, the team's decision (None: follow the suggestion), remark."""
    store = ctx.store
    return store.set_eligibility(inspection_id, check_id, inputs=inputs, decision=decision, remark=remark,
                                 **_suggestions(ctx, store.set_eligibility), user=ctx.acting_user)


# -- visit details and texts -------------------------------------------------------------------------


def update_details(ctx: Context, inspection_id: str, **fields: Any) -> dt.datetime:
    """Visit details (date, times, place, team, representatives, minutes number) or the summary texts
    (strengths, shortcomings, recommendations, conclusion): keys of ``storage.INSPECTION_FIELDS``."""
    return ctx.store.update_inspection(inspection_id, user=ctx.acting_user, **fields)


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
    ctx.store.finalize(inspection_id, user=ctx.acting_user)  # the store backs the database up after it
    return ctx.store.get_inspection(inspection_id)


def reopen(ctx: Context, inspection_id: str, reason: str) -> Inspection:
    """Make a finalized inspection editable again; the reason is required and logged."""
    ctx.store.reopen(inspection_id, reason, user=ctx.acting_user)
    return ctx.store.get_inspection(inspection_id)


def summary(inspection: Inspection) -> Summary:
    """Counts, eligibility and the suggested conclusion (the one place they are decided)."""
    return summarize(inspection)


def daily_backup(ctx: Context) -> BackupResult:
    """Today's copy of the database unless taken already; a warning in the result, never an error."""
    return ctx.store.daily_backup()
