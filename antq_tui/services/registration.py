"""Registration and minimum selection: the units registered each year to build the model, before the
province's registration deadline (a deadline of the ``antq_calendar`` hook that gates ``register``,
e.g. "trước ngày 30/3"), and how the year's list stands against the selection targets (count targets
with ``counts="registered"``: "ít nhất 01 xã/phường/thị trấn và 01 cơ quan/doanh nghiệp/cơ sở giáo
dục mỗi huyện").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..criteria import Deadline, unit_kind_label
from ..folding import fold
from ..inspection import Unit
from ..storage import NotFoundError, StorageError
from ..storage.registrations import Registration
from ..vnformat import format_date
from .context import Context, ServiceError


@dataclass(frozen=True)
class Entry:
    """One line of the registration list: the registration and whether it came after the deadline."""

    registration: Registration
    late: bool = False

    def to_json(self) -> dict[str, Any]:
        r = self.registration
        return {"unit_id": r.unit.id, "name": r.unit.name, "kind": r.unit.kind, "district": r.unit.district,
                "registered_on": r.registered_on.isoformat(), "note": r.note, "late": self.late}


@dataclass
class RegistrationList:
    year: int
    entries: list[Entry] = field(default_factory=list)
    deadline: Deadline | None = None
    deadline_date: dt.date | None = None
    unmet: list[str] = field(default_factory=list)  # the selection targets not met yet, worded

    @property
    def deadline_label(self) -> str:
        if self.deadline is None or self.deadline_date is None:
            return "Chưa có plugin nào khai báo hạn đăng ký (mốc có gates=\"register\")."
        return f"Hạn đăng ký: {format_date(self.deadline_date)} ({self.deadline.title})"

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "deadline": None if self.deadline is None else {
                "id": self.deadline.id, "title": self.deadline.title,
                "date": self.deadline_date.isoformat() if self.deadline_date else None},
            "registrations": [e.to_json() for e in self.entries],
            "unmet_selection": list(self.unmet),
        }


@dataclass(frozen=True)
class Registered:
    """What :func:`register` did, and what to tell the user (Vietnamese)."""

    registration: Registration
    new: bool
    late: bool
    message: str


def registration_deadline(ctx: Context, year: int) -> tuple[Deadline, dt.date] | None:
    """The registration deadline of ``year`` (the earliest deadline gating ``register`` that falls in it)."""
    from ..office.calendar import occurrence

    found = []
    for d in ctx.registry.deadlines:
        if d.gates != "register" or (d.one_off and d.year != year):
            continue
        found.append((occurrence(d, year), d))
    if not found:
        return None
    day, deadline = min(found, key=lambda x: x[0])
    return deadline, day


def find_unit(ctx: Context, text: str, *, kind: str | None = None) -> Unit:
    """The unit ``text`` names: its id, its exact name (ignoring case and diacritics), or the only unit
    whose name contains every word typed. With ``kind`` and no such unit, a new unit of the district.

    :raises ServiceError: none found (and no ``kind``) or several found (they are named).
    """
    text = " ".join((text or "").split())
    if not text:
        raise ServiceError("Cần tên (hoặc mã) đơn vị.")
    try:
        return ctx.store.get_unit(text)
    except (NotFoundError, StorageError):
        pass
    found = ctx.store.find_units(text, kind=kind)
    exact = [u for u in found if fold(u.name) == fold(text)]
    if len(exact) == 1 or (len(found) == 1 and not exact):
        return (exact or found)[0]
    if len(found) > 1:
        names = "; ".join(f"{u.name} ({unit_kind_label(u.kind).lower()}{', ' + u.district if u.district else ''})"
                          for u in found[:8])
        raise ServiceError(f"Có {len(found)} đơn vị khớp “{text}”: {names}. Gõ tên đầy đủ hơn, hoặc mã đơn vị.")
    if kind:
        from .inspections import unit_for

        return unit_for(ctx, text, kind)
    raise ServiceError(f"Không tìm thấy đơn vị “{text}” (trong danh sách đơn vị và các cuộc kiểm tra). "
                       "Nhập danh sách đơn vị (antq units import), hoặc thêm --kind để tạo đơn vị mới.")


def register(ctx: Context, unit_text: str, *, year: int | None = None, date: dt.date | None = None,
             note: str = "", kind: str | None = None, today: dt.date | None = None,
             update: bool = False) -> Registered:
    """Put a unit on the year's registration list, on ``date`` (default today). A registration after
    the deadline is kept (it is a fact) and said to be late. A unit already on the list is refused
    (its date is not overwritten by mistake) unless ``update``, which changes its date and note.
    """
    today = today or dt.date.today()
    date = date or today
    year = year or date.year
    unit = find_unit(ctx, unit_text, kind=kind)
    if not update:
        already = next((r for r in ctx.store.registrations(year) if r.unit.id == unit.id), None)
        if already is not None:
            raise ServiceError(f"{unit.name} đã đăng ký năm {year} ngày {format_date(already.registered_on)}; "
                               "muốn sửa ngày hoặc ghi chú thì dùng --update (hoặc bỏ rồi ghi lại).")
    if date.year not in (year, year - 1):
        raise ServiceError(f"Ngày đăng ký {format_date(date)} không thuộc năm {year} (hoặc cuối năm trước).")
    if date > today:
        raise ServiceError(f"Ngày đăng ký {format_date(date)} chưa tới (hôm nay {format_date(today)}).")
    try:
        if kind and not _known(ctx, unit):
            ctx.store.upsert_unit(unit, user=ctx.acting_user)
        registration, new = ctx.store.register(unit.id, year, date, note=note, user=ctx.acting_user)
    except StorageError as exc:
        raise ServiceError(str(exc)) from None
    found = registration_deadline(ctx, year)
    late = bool(found and date > found[1])
    what = "Đã đăng ký" if new else "Đã sửa đăng ký"
    message = f"{what} {unit.name} năm {year}, ngày {format_date(date)}."
    if late and found:
        message += f" Lưu ý: sau hạn đăng ký {format_date(found[1])} ({found[0].title})."
    return Registered(registration, new, late, message)


def _known(ctx: Context, unit: Unit) -> bool:
    try:
        ctx.store.get_unit(unit.id)
        return True
    except NotFoundError:
        return False


def unregister(ctx: Context, unit_text: str, *, year: int) -> str:
    """Take a unit off the year's list; the Vietnamese line to show."""
    unit = find_unit(ctx, unit_text)
    try:
        removed = ctx.store.unregister(unit.id, year, user=ctx.acting_user)
    except StorageError as exc:
        raise ServiceError(str(exc)) from None
    if not removed:
        raise ServiceError(f"{unit.name} chưa đăng ký năm {year}.")
    return f"Đã bỏ {unit.name} khỏi danh sách đăng ký năm {year}."


def unmet_selection(ctx: Context, year: int) -> list[str]:
    """The selection targets (count targets of registrations) that the year's list does not meet yet."""
    from ..office.targets import progress, targets_for_year

    targets = [t for t in targets_for_year(ctx.registry.targets, year) if t.counts == "registered"]
    if not targets:
        return []
    district = ctx.config.district or None
    items = progress(targets, ctx.store.registered_units(), [], district=district, year=year,
                     registered=lambda when: [r.unit for r in ctx.store.registrations(when)],
                     attributes=ctx.store.unit_attributes())
    return [f"{p.target.title}: {p.status_label}" for p in items if not p.met]


def listing(ctx: Context, year: int | None = None, *, today: dt.date | None = None) -> RegistrationList:
    """The year's registration list (default: this year) with its deadline and the selection not met yet."""
    year = year or (today or dt.date.today()).year
    found = registration_deadline(ctx, year)
    out = RegistrationList(year, deadline=found[0] if found else None, deadline_date=found[1] if found else None)
    for r in ctx.store.registrations(year):
        out.entries.append(Entry(r, late=bool(found and r.registered_on > found[1])))
    out.unmet = unmet_selection(ctx, year)
    return out
