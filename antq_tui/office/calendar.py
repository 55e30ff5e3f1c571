"""The movement's yearly calendar: which deadline comes next, and how many days are left.

The deadlines come from plugins (the ``antq_calendar`` hook): each is a day and a month that recur
every year ("Cấp huyện xét, công nhận trước 15/10"). After a deadline has passed this year, its next
date is next year's. The home screen calls :func:`next_deadline`; ``antq calendar`` lists them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..criteria import Deadline
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
        }


def occurrence(deadline: Deadline, year: int) -> dt.date:
    """The deadline's date in ``year``; 29/02 falls on 28/02 in a common year."""
    try:
        return deadline.date_in(year)
    except ValueError:
        if (deadline.month, deadline.day) == (2, 29):
            return dt.date(year, 2, 28)
        raise


def next_occurrence(deadline: Deadline, today: dt.date) -> dt.date:
    """The first date on or after ``today`` on which the deadline falls."""
    this_year = occurrence(deadline, today.year)
    return this_year if this_year >= today else occurrence(deadline, today.year + 1)


def _deadlines(source: Any) -> list[Deadline]:
    return list(getattr(source, "deadlines", source) or [])


def upcoming(source: Iterable[Deadline] | Any, today: dt.date | None = None) -> list[Upcoming]:
    """Every deadline with its next date, soonest first.

    :param source: a :class:`~antq_tui.registry.Registry` (its ``deadlines``) or a list of deadlines.
    """
    today = today or dt.date.today()
    items = [Upcoming(d, day, (day - today).days) for d in _deadlines(source) for day in [next_occurrence(d, today)]]
    return sorted(items, key=lambda u: (u.date, u.deadline.title))


def next_deadline(source: Iterable[Deadline] | Any, today: dt.date | None = None) -> Upcoming | None:
    """The next deadline (``(deadline, date, days_left)``), or None when no plugin declares any."""
    items = upcoming(source, today)
    return items[0] if items else None
