"""Building blocks for checks: the few questions criteria keep asking of their figures.

A check (``Criterion.check``) is a pure function ``check(inputs) -> Suggestion``. Most criteria ask
the same things of their inputs: a count that must be zero, a count with a minimum, a share that
must reach 100%, a date inside a quarter, a rating at or above a level, a list of things that must
all have been done. Each helper below answers one such question as a :class:`Part` (met or not, and
a short Vietnamese phrase that shows the figures), and :func:`suggest` joins a criterion's parts
into one :class:`~antq_tui.criteria.Suggestion`::

    from antq_tui import checks

    def check_hotspots(v):
        return checks.suggest(checks.zero(v["hotspots"], "tụ điểm phức tạp"))

The phrases (``what``) are the plugin's; nothing here knows any criterion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .criteria import Suggestion, Verdict
from .vnformat import format_date, format_number, format_percent, roman


@dataclass(frozen=True)
class Part:
    """One condition of a criterion: ``ok`` is True (met), False (not met) or None (the figures
    contradict each other, e.g. more records than units); ``text`` shows the figures."""

    ok: bool | None
    text: str


def suggest(*parts: Part, judgement: bool = False) -> Suggestion:
    """Đạt when every part is met (all phrases), không đạt listing the parts not met, and chưa đủ
    dữ liệu when some figures contradict each other."""
    wrong = [p.text for p in parts if p.ok is None]
    if wrong:
        return Suggestion.chua_du("; ".join(wrong))
    failed = [p.text for p in parts if not p.ok]
    if failed:
        return Suggestion.khong_dat("; ".join(failed), judgement=judgement)
    return Suggestion.dat("; ".join(p.text for p in parts), judgement=judgement)


def to_weigh(*parts: Part, note: str = "đoàn xem xét") -> Suggestion:
    """Like :func:`suggest`, for figures where the rules ask to list the cases rather than set a bar
    (people disciplined, pending complaints): a part not met suggests không đạt *for the team to
    weigh* (``judgement=True``), with ``note`` after the figures."""
    result = suggest(*parts)
    if result.verdict is Verdict.KHONG_DAT:
        return Suggestion.khong_dat(f"{result.reason} — {note}", judgement=True)
    return result


def zero(count: int, what: str) -> Part:
    """A count that must be zero: ``zero(2, "tụ điểm phức tạp")`` → "có 2 tụ điểm phức tạp"."""
    if count == 0:
        return Part(True, f"không có {what}")
    return Part(False, f"có {format_number(count)} {what}")


def at_least(count: int, minimum: int, what: str) -> Part:
    """A count with a minimum, written as the decisions write it ("ít nhất 01")."""
    text = f"{format_number(count)} {what}"
    if count >= minimum:
        return Part(True, f"{text} (ít nhất {minimum:02d})")
    return Part(False, f"{text}, chưa đạt ít nhất {minimum:02d}")


def all_of(done: int, total: int, what: str, *, none: str = "") -> Part:
    """``done`` of ``total`` must be every one (100%): "9/10 thôn được kiểm tra (90%), chưa đạt 100%".

    :param none: the phrase when ``total`` is 0 (nothing to cover counts as met).
    """
    if done > total:
        return Part(None, f"{format_number(done)}/{format_number(total)} {what}: {format_number(done)} lớn hơn "
                          f"tổng số {format_number(total)}, cần kiểm tra lại số liệu")
    if total == 0:
        return Part(True, none or f"0/0 {what}")
    text = f"{format_number(done)}/{format_number(total)} {what} ({percent_text(done, total, threshold=100)})"
    return Part(True, text) if done == total else Part(False, f"{text}, chưa đạt 100%")


def is_true(value: bool, yes: str, no: str) -> Part:
    """A yes/no fact that must be yes, with the phrase for each answer."""
    return Part(True, yes) if value else Part(False, no)


def all_true(items: Iterable[tuple[str, bool]], what: str) -> Part:
    """Things that must all have been done: "thiếu 2/7 hoạt động: A; B"."""
    items = list(items)
    missing = [name for name, done in items if not done]
    if not missing:
        return Part(True, f"đủ {len(items)}/{len(items)} {what}")
    return Part(False, f"thiếu {len(missing)}/{len(items)} {what}: " + "; ".join(missing))


def in_quarter(day: dt.date, quarter: int, what: str, year: int | None = None) -> Part:
    """A date that must fall in a quarter of the inspected year: "nghị quyết ngày 15/02/2024 (quý I)".

    ``year`` is the inspection's year (checks receive it as their ``year`` keyword); without it only
    the quarter is checked and the reason says the year was not compared.
    """
    name = f"quý {roman(quarter)}"
    text = f"{what} ngày {format_date(day)}"
    if year is not None and day.year != year:
        return Part(False, f"{text}, không thuộc {name} năm {year}")
    if (day.month - 1) // 3 + 1 == quarter:
        return Part(True, f"{text} ({name})" if year is not None else f"{text} ({name}; chưa đối chiếu năm)")
    return Part(False, f"{text}, ngoài {name}")


def rank_at_least(value: str, scale: Sequence[str], minimum: str, what: str) -> Part:
    """A rating at or above ``minimum`` on ``scale`` (best first): "xếp loại “Khá”, dưới mức “Xuất sắc”"."""
    if value not in scale:
        return Part(None, f"{what} “{value}” không có trong thang: " + ", ".join(scale))
    if scale.index(value) > scale.index(minimum):
        below = "chưa đạt" if minimum == scale[0] else "dưới mức"
        return Part(False, f"{what} “{value}”, {below} “{minimum}”")
    if minimum == scale[0]:
        return Part(True, f"{what} “{value}”")
    return Part(True, f"{what} “{value}” (từ “{minimum}” trở lên)")


def percent_text(numerator: int, denominator: int, *, threshold: float | None = None) -> str:
    """``numerator/denominator`` as a Vietnamese percentage ("7,1%").

    One decimal, or more where one decimal would round onto ``threshold`` a value that is not
    exactly the threshold: 99/2000 falls 4,95%, which must not read "5%" beside "≥ 5%".
    """
    from fractions import Fraction  # when a check runs: loading the plugins needs no fractions (~1.5 ms)

    exact = Fraction(numerator * 100, denominator)
    text = format_percent(float(exact))
    if threshold is None or exact == Fraction(threshold):
        return text
    for decimals in range(1, 6):
        text = format_percent(float(exact), decimals)
        if text != format_percent(threshold, decimals):
            break
    return text
