"""The calendar with its work: each upcoming deadline and the units still to register, inspect,
finalize or be recognised before it (``antq calendar``, the home screen's "Sắp đến hạn" line).

The rules of what is pending are :func:`antq_tui.office.calendar.pending_units`; this module gathers
the facts about each unit of a year from the database.
"""

from __future__ import annotations

import datetime as dt

from ..inspection import STATUS_FINALIZED, Unit, summarize
from ..office.calendar import DeadlineWork, UnitYear, pending_work, upcoming
from .context import Context
from .registration import unmet_selection


def recognised_unit_ids(ctx: Context, year: int) -> set[str]:
    """The units recognised in ``year`` (a decision of the competent authority recorded in antq).

    SEAM: the recognition records (table ``recognitions``, ``Store.recognised_units(year)`` → unit id
    → its decision) come with the recognition work, not in this branch. Until that method is on the
    store, no unit counts as recognised, so every unit whose finalized inspection of the year proposes
    recognition is still pending at a ``recognise`` deadline.
    """
    reader = getattr(ctx.store, "recognised_units", None)
    return set(reader(year)) if callable(reader) else set()


def units_of_year(ctx: Context, year: int, *, proposals: bool = True) -> list[UnitYear]:
    """Every unit registered or inspected in ``year``, with what it has done that year.

    :param proposals: also read whether each unit's latest finalized inspection of the year proposes
        recognition (it reads those inspections; only a ``recognise`` deadline needs it).
    """
    units: dict[str, Unit] = {}
    registered = set()
    for r in ctx.store.registrations(year):
        units[r.unit.id] = r.unit
        registered.add(r.unit.id)
    inspected, finalized = set(), set()
    latest: dict[str, tuple[str, str]] = {}  # unit → (finalized at, inspection id) of its latest finalized one
    for row in ctx.store.list_inspections(year=year):
        units.setdefault(row.unit_id, Unit(id=row.unit_id, name=row.unit_name, kind=row.unit_kind,
                                           district=row.district, province=row.province))
        inspected.add(row.unit_id)
        if row.status == STATUS_FINALIZED:
            finalized.add(row.unit_id)
            key = (row.finalized_at.isoformat() if row.finalized_at else "", row.id)
            if key > latest.get(row.unit_id, ("", "")):
                latest[row.unit_id] = key
    proposed = set()
    if proposals:
        proposed = {uid for uid, (_, iid) in latest.items() if summarize(ctx.store.get_inspection(iid)).recommend}
    recognised = recognised_unit_ids(ctx, year)
    return [UnitYear(unit, registered=uid in registered, inspected=uid in inspected, finalized=uid in finalized,
                     proposed=uid in proposed, recognised=uid in recognised) for uid, unit in units.items()]


def agenda(ctx: Context, today: dt.date | None = None) -> list[DeadlineWork]:
    """Every upcoming deadline, soonest first, with the units still to do the work it gates."""
    today = today or dt.date.today()
    items = upcoming(ctx.registry, today)
    recognising = {u.date.year for u in items if u.deadline.gates == "recognise"}
    return pending_work(items, lambda year: units_of_year(ctx, year, proposals=year in recognising),
                        lambda year: unmet_selection(ctx, year))


def next_with_work(ctx: Context, today: dt.date | None = None) -> DeadlineWork | None:
    """What the home screen shows: the soonest deadline with work still pending, else the soonest one."""
    items = agenda(ctx, today)
    return next((w for w in items if w.has_work), items[0] if items else None)
