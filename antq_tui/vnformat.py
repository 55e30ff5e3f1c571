"""Vietnamese formatting of numbers, percentages and dates, for the app, the minutes and plugin checks.

Numbers use a decimal comma and a dot between thousands ("1.234,5"); dates read dd/mm/yyyy.
Written by hand rather than pulling in Babel: the two rules above are all antq needs, and a check
must stay a pure, dependency-free function a province author can read.
"""

from __future__ import annotations

import datetime as dt
import re


def format_number(value: float | int, decimals: int = 1) -> str:
    """``7.1428 → "7,1"``, ``5.0 → "5"``, ``1234 → "1.234"`` (trailing ",0" dropped)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_percent(value: float, decimals: int = 1) -> str:
    """``7.1428 → "7,1%"``."""
    return f"{format_number(round(value, decimals), decimals)}%"


def percent_change(before: int | float, after: int | float) -> float | None:
    """Change from ``before`` to ``after`` in percent of ``before`` (negative = a fall); None if before is 0."""
    if before == 0:
        return None
    return (after - before) * 100.0 / before


def format_date(value: dt.date | str | None) -> str:
    """``date(2023, 10, 12) → "12/10/2023"``; an ISO string is accepted too; None gives ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime("%d/%m/%Y")


def format_long_date(value: dt.date) -> str:
    """``"ngày 12 tháng 10 năm 2023"``, as administrative documents write it."""
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


_DATE_RE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def parse_date(text: str) -> dt.date:
    """Read dd/mm/yyyy (also d/m/yyyy, dd.mm.yyyy, dd-mm-yyyy) or ISO yyyy-mm-dd. Raises ValueError."""
    text = text.strip()
    match = _DATE_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)
