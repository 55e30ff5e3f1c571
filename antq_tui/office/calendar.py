"""The movement's calendar: which deadline comes next, how many days are left, and who still has
the work it gates to do.

The deadlines come from plugins (the ``antq_calendar`` hook). Most are a day and a month that recur
every year ("Cấp huyện xét, công nhận trước 15/10"): after it has passed this year, its next date is
next year's. A one-off deadline has a full date ("Hoàn thành kiểm tra trước ngày 17/10/2023") and,
once passed, is no longer upcoming.

A deadline may gate a kind of work (``Deadline.gates``); :func:`pending_work` says, for the year the
deadline falls in, which units have not done it yet, from plain facts about each unit
(:class:`UnitYear`) that :mod:`antq_tui.services.calendar` gathers from the database:

- ``register``: the minimum selections of that year not met yet (count targets with
  ``counts="registered"``); no unit is listed, since a unit need not register;
- ``inspect``: units registered that year with no inspection of that year;
- ``finalize``: units registered or inspected that year with no finalized inspection of that year;
- ``recognise``: units whose finalized inspection of that year proposes recognition and that are not
  recognised yet;
- ``report``: nothing per unit (the report itself is due).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..criteria import Deadline
from ..folding import fold
from ..inspection import Unit
from ..vnformat import format_date


@dataclass(frozen=True)
class Upcoming:
    """A deadline's next date seen from ``today``."""

    deadline: Deadline
    date: dt.date
    days_left: int  # 0: today

    def __iter__(self):  # so that ``deadline, date, days = next_deadline(...)`` reads naturally
        return iter((self.deadline, self.date, self.days_left))

    @property
    def days_label(self) -> str:
        """ "còn 12 ngày", "còn 1 ngày", "hôm nay" """
        return "hôm nay" if self.days_left == 0 else f"còn {self.days_left} ngày"

    @property
    def label(self) -> str:
        """ "Cấp huyện xét, công nhận trước 15/10: 15/10/2024 (còn 12 ngày)" """
        return f"{self.deadline.title}: {format_date(self.date)} ({self.days_label})"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.deadline.id,
            "title": self.deadline.title,
            "date": self.date.isoformat(),
            "days_left": self.days_left,
            "source": self.deadline.source,
            "one_off": self.deadline.one_off,
            "gates": self.deadline.gates,
            "unit_kinds": list(self.deadline.unit_kinds),
        }


def occurrence(deadline: Deadline, year: int) -> dt.date:
    """The deadline's date in ``year`` (a one-off deadline's own date); 29/02 falls on 28/02 in a
    common year."""
    try:
        return deadline.date_in(year)
    except ValueError:
        if (deadline.month, deadline.day) == (2, 29):
            return dt.date(year, 2, 28)
        raise


def next_occurrence(deadline: Deadline, today: dt.date) -> dt.date | None:
    """The first date on or after ``today`` on which the deadline falls; None for a one-off deadline
    already passed."""
    if deadline.one_off:
        day = occurrence(deadline, today.year)
        return day if day >= today else None
    this_year = occurrence(deadline, today.year)
    return this_year if this_year >= today else occurrence(deadline, today.year + 1)


def _deadlines(source: Any) -> list[Deadline]:
    return list(getattr(source, "deadlines", source) or [])


def upcoming(source: Iterable[Deadline] | Any, today: dt.date | None = None) -> list[Upcoming]:
    """Every deadline with its next date, soonest first.

    :param source: a :class:`~antq_tui.registry.Registry` (its ``deadlines``) or a list of deadlines.
    """
    today = today or dt.date.today()
    items = [Upcoming(d, day, (day - today).days) for d in _deadlines(source) for day in [next_occurrence(d, today)]
             if day is not None]
    return sorted(items, key=lambda u: (u.date, u.deadline.title))


def next_deadline(source: Iterable[Deadline] | Any, today: dt.date | None = None) -> Upcoming | None:
    """The next deadline (``(deadline, date, days_left)``), or None when no plugin declares any."""
    items = upcoming(source, today)
    return items[0] if items else None


# --------------------------------------------------------------------------------------------------
# the work a deadline gates

GATE_LABELS = {
    "register": "đăng ký",
    "inspect": "kiểm tra",
    "finalize": "hoàn thành biên bản",
    "recognise": "xét, công nhận",
    "report": "báo cáo",
}
#: how a pending unit's state reads
STATE_LABELS = {
    "not_inspected": "chưa kiểm tra",
    "draft": "đang kiểm tra",
    "proposed": "đã đề nghị công nhận, chưa có quyết định",
}


@dataclass(frozen=True)
class UnitYear:
    """What the database knows of one unit in one year (gathered by the services)."""

    unit: Unit
    registered: bool = False
    inspected: bool = False  # an inspection of that year, draft or finalized
    finalized: bool = False  # a finalized inspection of that year
    proposed: bool = False  # its latest finalized inspection of that year proposes recognition
    recognised: bool = False  # recognised that year (the recognition records)


@dataclass(frozen=True)
class Pending:
    unit: Unit
    state: str  # a key of STATE_LABELS

    @property
    def label(self) -> str:
        return f"{self.unit.name} ({STATE_LABELS[self.state]})"

    def to_json(self) -> dict[str, Any]:
        return {"unit_id": self.unit.id, "name": self.unit.name, "kind": self.unit.kind, "state": self.state,
                "state_label": STATE_LABELS[self.state]}


@dataclass
class DeadlineWork:
    """A deadline's next date, the year of work it falls in, and what is still to do by then."""

    upcoming: Upcoming
    pending: list[Pending] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. the minimum selections not met yet

    @property
    def deadline(self) -> Deadline:
        return self.upcoming.deadline

    @property
    def year(self) -> int:
        return self.upcoming.date.year

    @property
    def has_work(self) -> bool:
        return bool(self.pending or self.notes)

    @property
    def gate_label(self) -> str:
        return GATE_LABELS.get(self.deadline.gates, "")

    @property
    def pending_label(self) -> str:
        """ "còn 2 đơn vị chưa hoàn thành biên bản: Thị trấn Bắc Yên (đang kiểm tra), …" """
        parts = []
        if self.pending:
            parts.append(f"còn {len(self.pending)} đơn vị chưa {self.gate_label}: "
                         + ", ".join(p.label for p in self.pending))
        parts += self.notes
        if not parts and self.deadline.gates in ("inspect", "finalize", "recognise"):
            parts.append(f"không còn đơn vị nào phải {self.gate_label}")
        return "; ".join(parts)

    @property
    def short_label(self) -> str:
        """The home screen's line, the units first (the title may be cut at the screen's edge):
        "17/10/2023 (còn 16 ngày): 1 đơn vị chưa hoàn thành biên bản (Thị trấn Bắc Yên) — Đoàn kiểm tra…" """
        text = f"{format_date(self.upcoming.date)} ({self.upcoming.days_label})"
        if self.pending:
            names = ", ".join(p.unit.name for p in self.pending)
            text += f": {len(self.pending)} đơn vị chưa {self.gate_label} ({names})"
        elif self.notes:
            text += f": {len(self.notes)} chỉ tiêu lựa chọn chưa đạt (antq registrations)"
        return f"{text} — {self.deadline.title}"

    def to_json(self) -> dict[str, Any]:
        return self.upcoming.to_json() | {
            "year": self.year,
            "pending": [p.to_json() for p in self.pending],
            "notes": list(self.notes),
        }


def _applies(deadline: Deadline, unit: Unit) -> bool:
    return not deadline.unit_kinds or unit.kind in deadline.unit_kinds


def pending_units(deadline: Deadline, units: Iterable[UnitYear]) -> list[Pending]:
    """The units that have not done the work ``deadline`` gates (see the module docstring), by name."""
    gate = deadline.gates
    out = []
    for u in units:
        if not _applies(deadline, u.unit):
            continue
        state = None
        if gate == "inspect" and u.registered and not u.inspected:
            state = "not_inspected"
        elif gate == "finalize" and (u.registered or u.inspected) and not u.finalized:
            state = "draft" if u.inspected else "not_inspected"
        elif gate == "recognise" and u.proposed and not u.recognised:
            state = "proposed"
        if state:
            out.append(Pending(u.unit, state))
    return sorted(out, key=lambda p: fold(p.unit.name))


def pending_work(items: Iterable[Upcoming], units_of_year: Any, unmet_selection: Any = None) -> list[DeadlineWork]:
    """Each upcoming deadline with the units still to do its work in the year it falls in.

    :param units_of_year: ``year → [UnitYear]`` (a callable, asked once per year needed).
    :param unmet_selection: ``year → [str]``, the minimum selections not met yet (for ``register``).
    """
    cache: dict[int, list[UnitYear]] = {}
    unmet_cache: dict[int, list[str]] = {}
    out = []
    for item in items:
        work = DeadlineWork(item)
        gate = item.deadline.gates
        if gate in ("inspect", "finalize", "recognise"):
            if work.year not in cache:
                cache[work.year] = list(units_of_year(work.year))
            work.pending = pending_units(item.deadline, cache[work.year])
        elif gate == "register" and unmet_selection is not None:
            if work.year not in unmet_cache:
                unmet_cache[work.year] = list(unmet_selection(work.year))
            work.notes = list(unmet_cache[work.year])
        out.append(work)
    return out
