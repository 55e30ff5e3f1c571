"""After the visit: who recognises each unit, the recognition decisions, and award proposals.

The rules, each said once:

- **what can be recognised** (:func:`recognisable`): a finalized inspection whose suggested
  conclusion is "đề nghị công nhận" (eligible, every criterion đạt); one active decision per unit
  and year;
- **who recognises** (:func:`routing`, :func:`authority_for`): config.toml's ``[[authorities]]``,
  then the plugins' ``antq_authorities``, then QĐ 9745's defaults (see
  :mod:`antq_tui.criteria.authorities`), by the unit's management level and kind;
- **awards** (:func:`propose_award`): only a recognised unit is proposed for a Bằng khen, and a
  collective already proposed that year is not proposed again (Bắc Kạn's directive: "Các tập thể đã
  được đề nghị Chủ tịch UBND tỉnh tặng Bằng khen … của năm đó sẽ không đề nghị khen thưởng").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..criteria.authorities import (
    DEFAULT_LEVEL,
    Authority,
    Routing,
    authority_from_data,
    default_signer,
    level_label,
    parse_level,
)
from ..criteria.validation import PluginDataError
from ..inspection import STATUS_FINALIZED, Inspection, summarize
from ..vnformat import format_date
from .context import Context, ServiceError

#: what a Bằng khen proposal is, unless said otherwise
DEFAULT_AWARD = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


# --------------------------------------------------------------------------------------------------
# who recognises


def configured_authorities(ctx: Context) -> list[Authority]:
    """``[[authorities]]`` of config.toml; a wrong one is refused naming the file and the key."""
    raw = ctx.config.raw.get("authorities", [])
    items = raw if isinstance(raw, list) else [raw]
    out = []
    for item in items:
        try:
            out.append(authority_from_data(item, source="config.toml"))
        except PluginDataError as exc:
            raise ServiceError(f"Tệp cấu hình {ctx.config.path}, bảng [[authorities]]: {exc}. Hãy sửa rồi làm lại.") from None
    return out


def routing(ctx: Context) -> Routing:
    """Every authority in the order a unit is matched against them, filled from config.toml."""
    config = ctx.config
    values = {"district": config.district or "……", "district_kind": config.district_kind or "huyện",
              "province": config.province or "……"}
    return Routing.build(configured_authorities(ctx), ctx.registry.authorities, values=values)


def unit_level(ctx: Context, unit_id: str, levels: dict[str, str] | None = None) -> str:
    """The unit's management level as recorded, else the default (the district)."""
    levels = ctx.store.management_levels() if levels is None else levels
    return levels.get(unit_id) or DEFAULT_LEVEL


def authority_for(ctx: Context, kind: str, level: str, *, route: Routing | None = None) -> Authority:
    return (route or routing(ctx)).for_unit(kind, level)


def signer(ctx: Context, authority: Authority) -> dict[str, Any]:
    """The signature block of a tờ trình to ``authority``: title lines and name."""
    team = ctx.config.team
    head = next((m for m in team if m.role == "truong_doan"), team[0] if team else None)
    lines = authority.signer or default_signer(head.position if head else "", ctx.config.district_kind)
    name = authority.signer_name or (" ".join(x for x in (head.rank, head.name) if x) if head else "")
    return {"title": lines[0], "lines": list(lines), "name": name}


def set_level(ctx: Context, target: str, level_text: str) -> tuple[Any, str, Authority]:
    """Record who manages a unit, given an inspection id (or its first characters) or a unit id.

    :returns: the unit, the level's label and the authority that now recognises it.
    :raises ServiceError: unknown id or level.
    """
    from ..storage import NotFoundError

    try:
        level = "" if level_text.strip() in ("", "mac-dinh", "mặc định") else parse_level(level_text)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    try:
        unit = ctx.store.get_unit(target.strip())
    except NotFoundError:
        from .inspections import resolve_id

        unit = ctx.store.get_inspection(resolve_id(ctx, target)).unit
    ctx.store.set_management_level(unit.id, level, user=ctx.acting_user)
    return unit, level_label(level), authority_for(ctx, unit.kind, level or DEFAULT_LEVEL)


# --------------------------------------------------------------------------------------------------
# recognition decisions


def recognisable(inspection: Inspection) -> str | None:
    """Why ``inspection`` cannot be recognised (Vietnamese), or None when it can."""
    if inspection.status != STATUS_FINALIZED:
        return (f"Cuộc kiểm tra {inspection.unit.name} năm {inspection.year} chưa hoàn thành; chỉ ghi quyết định "
                "công nhận cho cuộc kiểm tra đã hoàn thành.")
    if not summarize(inspection).recommend:
        return (f"Cuộc kiểm tra {inspection.unit.name} năm {inspection.year} có kết luận gợi ý “chưa đề nghị công "
                "nhận” (chưa đủ điều kiện hoặc có tiêu chí không đạt); không ghi quyết định công nhận.")
    return None


def _date(text: str | dt.date) -> dt.date:
    if isinstance(text, dt.date):
        return text
    from ..vnformat import parse_date

    try:
        return parse_date(text)
    except ValueError:
        raise ServiceError(f"Ngày “{text}” không hợp lệ; gõ theo dạng dd/mm/yyyy (ví dụ 05/10/2023).") from None


def add(ctx: Context, inspection_id: str, *, decision: str, date: str | dt.date, by: str,
        maintained: bool = False, level: str = "", note: str = "") -> Any:
    """Record the decision that recognises the unit of ``inspection_id`` (new, or ``maintained``).

    ``level`` (the decision's cấp) defaults to that of the authority that recognises the unit.
    :raises ServiceError: the inspection cannot be recognised (:func:`recognisable`), the unit already
        has a decision that year, or a value is missing or wrong.
    """
    from ..storage import InvalidValueError
    from .inspections import resolve_id

    iid = resolve_id(ctx, inspection_id)
    inspection = ctx.store.get_inspection(iid)
    reason = recognisable(inspection)
    if reason:
        raise ServiceError(reason)
    day = _date(date)
    if day.year < inspection.year:
        raise ServiceError(f"Ngày quyết định {format_date(day)} trước năm kiểm tra {inspection.year}.")
    earlier = ctx.store.list_recognitions(year=inspection.year, unit_id=inspection.unit.id)
    if earlier:
        raise ServiceError(f"{inspection.unit.name} đã được ghi công nhận năm {inspection.year}: {earlier[0].label}. "
                           "Muốn sửa, gỡ quyết định đó trước (antq recognition remove).")
    if not level:
        level = authority_for(ctx, inspection.unit.kind, unit_level(ctx, inspection.unit.id)).level
    try:
        return ctx.store.add_recognition(iid, kind="duy_tri" if maintained else "moi", decision_number=decision,
                                         decision_date=day, issued_by=by, level=level, note=note,
                                         user=ctx.acting_user)
    except InvalidValueError as exc:
        raise ServiceError(str(exc)) from None


def listing(ctx: Context, year: int | None = None, *, include_removed: bool = False) -> list[Any]:
    """The recorded decisions (of one year), newest first."""
    return ctx.store.list_recognitions(year=year, include_removed=include_removed)


def resolve_recognition(ctx: Context, text: str) -> str:
    """A recognition's id from its first characters (4 at least), or the inspection it is recorded on."""
    text = text.strip()
    ids = ctx.store.find_recognition_ids(text) if len(text) >= 4 else []
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise ServiceError(f"Mã “{text}” khớp {len(ids)} quyết định công nhận; gõ thêm ký tự của mã.")
    from .inspections import resolve_id

    try:
        iid = resolve_id(ctx, text)
    except ServiceError:
        raise ServiceError(f"Không có quyết định công nhận mã “{text}”. Xem mã bằng lệnh: antq recognition list") from None
    active = ctx.store.list_recognitions(inspection_id=iid)
    if not active:
        raise ServiceError("Cuộc kiểm tra này chưa có quyết định công nhận nào.")
    return active[0].id


def remove(ctx: Context, recognition_id: str, reason: str) -> Any:
    """Withdraw a decision recorded by mistake: kept and marked removed, with the reason; logged."""
    from ..storage import InvalidValueError

    rid = resolve_recognition(ctx, recognition_id)
    try:
        return ctx.store.remove_recognition(rid, reason, user=ctx.acting_user)
    except InvalidValueError as exc:
        raise ServiceError(str(exc)) from None


def recognised_inspections(ctx: Context) -> dict[str, Any]:
    """Inspection id → its active decision (the home list's mark)."""
    return ctx.store.recognised_inspections()


# --------------------------------------------------------------------------------------------------
# award proposals


def propose_award(ctx: Context, inspection_id: str, *, number: str = "", date: str | dt.date | None = None,
                  by: str = "", award: str = DEFAULT_AWARD) -> Any:
    """Record that the recognised unit of ``inspection_id`` is proposed for a Bằng khen.

    :raises ServiceError: the unit has no decision that year, or was already proposed that year (the
        message names the earlier proposal).
    """
    from ..storage import InvalidValueError
    from .inspections import resolve_id

    iid = resolve_id(ctx, inspection_id)
    inspection = ctx.store.get_inspection(iid)
    unit, year = inspection.unit, inspection.year
    if not ctx.store.list_recognitions(year=year, unit_id=unit.id):
        raise ServiceError(f"{unit.name} chưa có quyết định công nhận năm {year}; chỉ đề nghị khen thưởng đơn vị "
                           "đã được công nhận điển hình (ghi quyết định trước: antq recognition add).")
    earlier = ctx.store.list_award_proposals(year=year, unit_id=unit.id)
    if earlier:
        raise ServiceError(f"{unit.name} đã được đề nghị khen thưởng năm {year}: {earlier[0].label}. Tập thể đã được "
                           "đề nghị tặng Bằng khen trong năm thì không đề nghị lại.")
    try:
        return ctx.store.add_award_proposal(iid, year=year, award=award, number=number,
                                            proposal_date=_date(date) if date else None, proposed_by=by,
                                            user=ctx.acting_user)
    except InvalidValueError as exc:
        raise ServiceError(str(exc)) from None


def awards(ctx: Context, year: int | None = None) -> list[Any]:
    return ctx.store.list_award_proposals(year=year)


__all__ = [
    "DEFAULT_AWARD",
    "add",
    "authority_for",
    "awards",
    "configured_authorities",
    "listing",
    "propose_award",
    "recognisable",
    "recognised_inspections",
    "remove",
    "routing",
    "set_level",
    "signer",
    "to_trinh_papers",
    "unit_level",
    "write_to_trinh",
]


# --------------------------------------------------------------------------------------------------
# the tờ trình, one per authority


def to_trinh_papers(ctx: Context, data: Any, *, today: dt.date | None = None) -> list[tuple[Any, dict[str, Any]]]:
    """The tờ trình of ``data``'s recommended units, one per authority, with what each paper says.

    :raises ServiceError: an authority's text or the paper's place would print a placeholder
        (the district or province of config.toml is empty).
    """
    from ..office.to_trinh import papers

    today = today or dt.date.today()
    route = routing(ctx)
    levels = ctx.store.management_levels()
    config = ctx.config
    place = config.district or config.province
    if not place:
        raise ServiceError("Không lập tờ trình vì config.toml chưa có tên huyện (hoặc tỉnh) để ghi địa danh, ngày "
                           "tháng. Hãy điền ở Cài đặt (phím c ở màn hình chính) hoặc config.toml, rồi làm lại.")
    out = []
    for paper in papers(data, lambda line: route.for_unit(line.kind, unit_level(ctx, line.unit_id, levels))):
        a = paper.authority
        if "……" in a.address or "……" in a.name:
            raise ServiceError(f"Không lập tờ trình gửi “{a.address}” vì config.toml chưa có tên huyện hoặc tỉnh "
                               "([district] name, province). Hãy điền ở Cài đặt (phím c ở màn hình chính) hoặc "
                               "config.toml, rồi làm lại.")
        out.append((paper, paper.context(year=data.year, signer=signer(ctx, a), place=place, today=today)))
    return out


def write_to_trinh(ctx: Context, data: Any, *, out: Any = None, html: bool = False, docx: bool = False,
                   today: dt.date | None = None) -> Any:
    """Write the tờ trình, one file per authority (see :func:`to_trinh_papers`)."""
    from ..office.to_trinh import write_papers

    return write_papers(ctx.workspace, data, to_trinh_papers(ctx, data, today=today), out=out, html=html,
                        docx=docx, today=today)


# --------------------------------------------------------------------------------------------------
# what the Công nhận screen shows


@dataclass(frozen=True)
class RecognitionState:
    """One inspection's unit after the visit: can it be recognised, by whom, and what is recorded."""

    inspection_id: str
    unit_id: str
    unit_name: str
    year: int
    refused: str | None  # why it cannot be recognised (:func:`recognisable`), None when it can
    level: str
    level_label: str
    authority: Authority
    records: list[Any]  # every decision of the unit that year, removed ones too
    awards: list[Any]

    @property
    def active(self) -> Any:
        return next((r for r in self.records if r.active), None)


def state(ctx: Context, inspection_id: str) -> RecognitionState:
    inspection = ctx.store.get_inspection(inspection_id)
    unit = inspection.unit
    level = unit_level(ctx, unit.id)
    return RecognitionState(
        inspection.id, unit.id, unit.name, inspection.year, recognisable(inspection), level, level_label(level),
        authority_for(ctx, unit.kind, level),
        ctx.store.list_recognitions(year=inspection.year, unit_id=unit.id, include_removed=True),
        ctx.store.list_award_proposals(year=inspection.year, unit_id=unit.id))


def next_level(level: str) -> str:
    """The level after ``level`` when cycling on the screen: xã → huyện → tỉnh → xã."""
    from ..criteria.authorities import LEVELS

    return LEVELS[(LEVELS.index(level or DEFAULT_LEVEL) + 1) % len(LEVELS)]
