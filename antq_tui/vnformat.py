"""Vietnamese formatting and reading of numbers, percentages, dates, times and roman numerals, for the
app, the command line, the documents and plugin checks: one copy of each rule.

Numbers use a decimal comma and a dot between thousands ("1.234,5"); dates read dd/mm/yyyy; times
read HH:MM and may be typed "8h30" or "8 giờ 30"; groups are numbered I, II, III.
Written by hand rather than pulling in Babel: the two rules above are all antq needs, and a check
must stay a pure, dependency-free function a province author can read.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata


def format_number(value: float, decimals: int = 1, *, fixed: bool = False) -> str:
    """``7.1428 → "7,1"``, ``5.0 → "5"``, ``1234 → "1.234"`` (trailing ",0" dropped).

    With ``fixed=True`` a float keeps all its ``decimals`` (``50.0 → "50,0"``), as tables of
    percentages print them so that the column lines up.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    text = f"{value:,.{decimals}f}"
    if "." in text and not fixed:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_percent(value: float, decimals: int = 1) -> str:
    """``7.1428 → "7,1%"``."""
    return f"{format_number(round(value, decimals), decimals)}%"


def percent_change(before: float, after: float) -> float | None:
    """Change from ``before`` to ``after`` in percent of ``before`` (negative = a fall); None if before is 0."""
    if before == 0:
        return None
    return (after - before) * 100.0 / before


def human_size(size: int) -> str:
    """``1234567 → "1,2 MB"``, ``35000 → "35 kB"``."""
    if size >= 1_000_000:
        return f"{format_number(size / 1e6, 1)} MB"
    if size >= 1000:
        return f"{format_number(size / 1e3, 0)} kB"
    return f"{size} byte"


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


_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_date(text: str) -> dt.date:
    """Read dd/mm/yyyy (also d/m/yyyy, dd.mm.yyyy, dd-mm-yyyy) or ISO yyyy-mm-dd.

    Raises ValueError with a Vietnamese message that says what is wrong, for the TUI and the CLI
    alike: the form ("Ngày cần dạng dd/mm/yyyy …") or, when the form is right, the day that does not
    exist ("Ngày 31/02/2026 không có: tháng 2 năm 2026 có 28 ngày.").
    """
    text = unicodedata.normalize("NFC", text or "").strip()
    match = _DATE_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    elif iso := _ISO_RE.match(text):
        year, month, day = (int(g) for g in iso.groups())
    else:
        raise ValueError(f"Ngày cần dạng dd/mm/yyyy (ví dụ 14/11/2024), không phải “{text}”.")
    shown = f"{day:02d}/{month:02d}/{year:04d}"
    if not 1 <= month <= 12:
        raise ValueError(f"Ngày {shown} không có: tháng chỉ từ 1 đến 12.")
    if year < dt.MINYEAR:
        raise ValueError(f"Ngày {shown} không có: năm {year} không hợp lệ.")
    import calendar  # only when a date is read (~2 ms of every command otherwise)

    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"Ngày {shown} không có: tháng {month} năm {year} có {days} ngày.")
    return dt.date(year, month, day)


_TIME_RE = re.compile(r"^\s*(\d{1,2})\s*(?::|h|g|giờ|\.)\s*(\d{1,2})?\s*(?:phút|p)?\s*$", re.IGNORECASE)


def parse_time(text: str | None) -> str:
    """Read a time of day as people type it: ``"8:00"``, ``"8h"``, ``"08h30"``, ``"8.30"``,
    ``"8 giờ 30"``, ``"8g30p"`` → ``"08:00"``, ``"08:00"``, ``"08:30"``, ``"08:30"``, ``"08:30"``,
    ``"08:30"``. Empty (or None) gives ``""``.

    Raises ValueError with a Vietnamese message for anything else (a bare number, 24:00, 8:60).
    """
    text = unicodedata.normalize("NFC", text or "").strip()
    if not text:
        return ""
    match = _TIME_RE.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise ValueError(f"Giờ không hợp lệ: “{text}” (viết dạng 08:00 hoặc 8h30).")


_ROMAN_NUMERALS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                   (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """``1 → "I"``, ``4 → "IV"``, ``14 → "XIV"``: how decisions and minutes number groups and parts.

    Zero, negative numbers and numbers from 4000 on have no roman form and are written in digits.
    """
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN_NUMERALS:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
