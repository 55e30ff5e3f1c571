"""What a province's plan sets for the year, beside its criteria: targets and deadlines.

Part of the plugin contract (``antq_targets``, ``antq_calendar`` in :mod:`antq_tui.hookspecs`); a plugin
builds these or returns dicts with the same keys, which :mod:`antq_tui.criteria.validation` checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: what kind of count a target asks for: units recognised (the default) or units registered that year
TARGET_COUNTS = ("recognised", "registered")
#: how a count target is split: over the whole scope, per district ("mỗi huyện"), per kind ("mỗi khối")
TARGET_PER = ("", "district", "kind")


@dataclass(frozen=True)
class Target:
    """A province's target: a share (30% of phường recognised by 2025) or a count ("ít nhất 01 xã …
    mỗi huyện", "mỗi khối … có 02 đơn vị trở lên").

    :param id: stable id.
    :param title: how the statistics name it ("30% số phường đạt điển hình").
    :param year: the year by which it must be met; None for a target of every year ("mỗi năm lựa
        chọn ít nhất 01 …"), which is measured in the year asked.
    :param percent: the share required, 0–100 (a share target).
    :param count: instead of a share, the least number of units (a count target).
    :param unit_kinds: which kinds of unit count (denominator: the registry's units of these kinds).
    :param unit_names: instead of kinds, a named list of units (e.g. communes once affected by an
        illegal organisation); the percent then applies to that list.
    :param unit_attribute: only the registry's units with this attribute count (e.g. ``nong_thon_moi``
        for the communes recognised as nông thôn mới: the "Thuộc diện" column of ``antq units import``).
    :param per: ``""`` (the whole scope), ``"district"`` (the count in each district) or ``"kind"``
        (the count for each of ``unit_kinds``: "mỗi khối").
    :param counts: ``"recognised"`` (units recognised) or ``"registered"`` (units registered that
        year to build the model: the minimum selection).
    :param source: filled in by antq: the plugin that provided it (shown in the targets' table).
    """

    id: str
    title: str
    year: int | None = None
    percent: float | None = None
    unit_kinds: tuple[str, ...] = ()
    unit_names: tuple[str, ...] = ()
    source: str = ""
    count: int | None = None
    unit_attribute: str = ""
    per: str = ""
    counts: str = "recognised"

    def problem(self) -> str | None:
        """What is wrong with the target (Vietnamese, naming its id), or None."""
        where = f"chỉ tiêu “{self.id}”"
        if (self.percent is None) == (self.count is None):
            return f"{where}: cần đúng một trong hai: “percent” (tỷ lệ %) hoặc “count” (số đơn vị tối thiểu)"
        if self.count is not None and (isinstance(self.count, bool) or not isinstance(self.count, int)
                                       or self.count < 1):
            return f"{where}: “count” phải là một số nguyên từ 1 trở lên, không phải {self.count!r}"
        if self.per not in TARGET_PER:
            return f"{where}: “per” phải là “district” (mỗi huyện), “kind” (mỗi khối) hoặc để trống, không phải “{self.per}”"
        if self.counts not in TARGET_COUNTS:
            return f"{where}: “counts” phải là “recognised” (công nhận) hoặc “registered” (đăng ký), không phải “{self.counts}”"
        if self.percent is not None and self.per:
            return f"{where}: “per” chỉ dùng cho chỉ tiêu theo số đơn vị (“count”)"
        if self.year is None and self.counts == "recognised" and self.percent is not None:
            return f"{where}: chỉ tiêu tỷ lệ cần “year” (đến năm nào)"
        return None


#: the work a deadline gates: what must be done for each unit before it
DEADLINE_GATES = ("register", "inspect", "finalize", "recognise", "report")


@dataclass(frozen=True)
class Deadline:
    """A date in the movement's cycle: every year on dd/mm ("Cấp huyện xét, công nhận trước 15/10"),
    or once, on a full date ("Hoàn thành kiểm tra trước ngày 17/10/2023").

    :param month: / :param day: the date of a deadline that recurs every year.
    :param year: the year of a one-off deadline (it falls on ``day``/``month`` of that year only).
    :param date: the same as text, instead of ``day``, ``month`` (and ``year``): "30/3" recurs,
        "17/10/2023" is once.
    :param gates: the work due by then for each unit: ``register``, ``inspect``, ``finalize``,
        ``recognise`` or ``report`` (empty: a date to remember, with no work counted).
    :param unit_kinds: whose work it gates (empty: every kind).
        antq counts down to that very day: "trước 30/3" → ``month=3, day=30``; it shows "hôm nay" on
        it, and the next day a yearly deadline is next year's.
    :param source: filled in by antq: the plugin that provided it.
    """

    id: str
    title: str
    month: int = 0
    day: int = 0
    source: str = ""
    year: int | None = None
    date: str = ""
    gates: str = ""
    unit_kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.date and not (self.month or self.day):
            parts = str(self.date).strip().replace(".", "/").replace("-", "/").split("/")
            if len(parts) in (2, 3) and all(p.strip().isdigit() for p in parts):
                object.__setattr__(self, "day", int(parts[0]))
                object.__setattr__(self, "month", int(parts[1]))
                if len(parts) == 3:
                    object.__setattr__(self, "year", int(parts[2]))

    @property
    def one_off(self) -> bool:
        return self.year is not None

    def date_in(self, year: int) -> dt.date:
        """The date in ``year``; a one-off deadline's own date whatever the year."""
        return dt.date(self.year if self.year is not None else year, self.month, self.day)

    def problem(self) -> str | None:
        """What is wrong with the deadline (Vietnamese, naming its id), or None."""
        where = f"mốc “{self.id}”"
        if self.date and not (1 <= self.month <= 12 and self.day >= 1):
            return f"{where}: ngày “{self.date}” cần dạng dd/mm (hằng năm) hoặc dd/mm/yyyy (một lần)"
        if self.gates and self.gates not in DEADLINE_GATES:
            return (f"{where}: “gates” phải là một trong: register (đăng ký), inspect (kiểm tra), finalize "
                    f"(hoàn thành biên bản), recognise (công nhận), report (báo cáo); không phải “{self.gates}”")
        if self.year is not None and (isinstance(self.year, bool) or not isinstance(self.year, int)
                                      or not 2000 <= self.year <= 2100):
            return f"{where}: năm {self.year!r} không hợp lệ"
        shown = f"{self.day:02d}/{self.month:02d}" + (f"/{self.year}" if self.year is not None else "")
        if not 1 <= self.month <= 12:
            return f"{where}: ngày {shown} không có (tháng chỉ từ 1 đến 12)"
        try:
            self.date_in(2024)  # 29/02 is fine in a leap year for a recurring date; 31/04 never is
        except ValueError:
            return f"{where}: ngày {shown} không có" + ("" if self.year is None else f" trong năm {self.year}")
        return None
