"""The district report (báo cáo) beyond the statistics: its period, one line per criterion of each unit,
and the narrative sections the district plan asks for.

The Bắc Yên plan (Kế hoạch của UBND huyện Bắc Yên, 10/2023) wants "kết quả đạt được của từng tiêu chí cụ
thể …, không báo cáo chung chung, tóm tắt hoặc theo nhóm tiêu chí", and the assessment around it: tuyên
truyền, ưu điểm, tồn tại và nguyên nhân, bài học kinh nghiệm, kiến nghị, phương hướng.

- **Per criterion**: each criterion's line is built by the minutes' own
  :func:`antq_tui.minutes.context.criterion_row` (the check's finding as the minutes print it, the
  inputs no text states, the records seen with số/ngày, the team's remark), with the figures kept
  compact ("giảm 7,1% (42 → 39 vụ)"). No second formatter.
- **Sections**: prefilled from the minutes' ưu điểm / tồn tại / kiến nghị (:func:`prefilled_sections`);
  the office edits them and saves a draft per year and period (``report_sections`` in the store); the
  paper prints the draft where one is saved.
- **Periods**: the year (tổng kết) and its first six months (sơ kết, visits dated 01/01–30/06).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..folding import fold
from ..inspection import Inspection
from ..minutes.context import criterion_row, paragraphs, unit_in_text
from ..vnformat import format_date, roman
from .reports import DOTS, OfficeData
from .stats import statistics_from

if TYPE_CHECKING:
    from ..workspace import Workspace


@dataclass(frozen=True)
class Period:
    """The span of a report: ``key`` is what the CLI and the draft use ("nam", "6thang")."""

    key: str
    kind: str  # "tổng kết", "sơ kết"
    label: str  # "năm", "6 tháng đầu năm"
    end: tuple[int, int]  # (day, month) of its last day; it starts on 01/01

    def first_day(self, year: int) -> dt.date:
        return dt.date(year, 1, 1)

    def last_day(self, year: int) -> dt.date:
        return dt.date(year, self.end[1], self.end[0])

    def contains(self, year: int, day: dt.date | None) -> bool:
        """Whether a visit on ``day`` falls in this period of ``year``; a visit with no date counts in
        the whole year only."""
        if day is None:
            return self.key == YEAR
        return self.first_day(year) <= day <= self.last_day(year)

    def title(self, year: int) -> str:
        """"năm 2023", "6 tháng đầu năm 2023"."""
        return f"{self.label} {year}"

    def span(self, year: int) -> str:
        """"(Từ ngày 01/01/2023 đến ngày 30/6/2023)" as the paper prints it."""
        return f"Từ ngày {format_date(self.first_day(year))} đến ngày {format_date(self.last_day(year))}"


YEAR = "nam"
HALF = "6thang"
PERIODS: dict[str, Period] = {
    YEAR: Period(YEAR, "tổng kết", "năm", (31, 12)),
    HALF: Period(HALF, "sơ kết", "6 tháng đầu năm", (30, 6)),
}
#: what the user may type for a period (folded, without spaces or dashes)
_PERIOD_WORDS = {"nam": YEAR, "canam": YEAR, "tongket": YEAR, "12thang": YEAR,
                 "6thang": HALF, "6thangdaunam": HALF, "soket": HALF, "6": HALF}


class PeriodError(ValueError):
    """A period antq does not know; the message is Vietnamese."""


def parse_period(text: str | None) -> Period:
    """``"6thang"``, ``"sơ kết"``, ``"6 tháng"`` → the half year; ``None``, ``"nam"``, ``"tổng kết"`` → the year."""
    if text is None or not text.strip():
        return PERIODS[YEAR]
    key = re.sub(r"[\s_\-]+", "", fold(text))
    if key in _PERIOD_WORDS:
        return PERIODS[_PERIOD_WORDS[key]]
    raise PeriodError(f"Không hiểu kỳ báo cáo “{text}”. Chọn “nam” (tổng kết năm) hoặc “6thang” (sơ kết 6 tháng "
                      "đầu năm).")


#: the narrative sections, in the paper's order: key → heading
SECTIONS: dict[str, str] = {
    "tuyen_truyen": "Kết quả công tác tuyên truyền",
    "uu_diem": "Ưu điểm",
    "ton_tai": "Tồn tại, hạn chế và nguyên nhân",
    "bai_hoc": "Bài học kinh nghiệm",
    "kien_nghi": "Kiến nghị, đề xuất",
    "phuong_huong": "Phương hướng, nhiệm vụ thời gian tới",
}


@dataclass
class ReportData(OfficeData):
    """The office's data of one period, with the narrative sections the report prints."""

    period: Period = PERIODS[YEAR]
    sections: dict[str, str] = field(default_factory=dict)
    #: the sections come from a draft the office saved (else prefilled from the minutes)
    saved_at: dt.datetime | None = None
    #: antq's own text of each section, from the minutes (what "soạn lại" goes back to)
    prefilled: dict[str, str] = field(default_factory=dict)

    def slug_parts(self) -> list[str]:
        return [] if self.period.key == YEAR else [self.period.key]

    def empty_sections(self) -> list[str]:
        """The headings of the sections the paper would print as dotted lines."""
        return [SECTIONS[k] for k in SECTIONS if not self.sections.get(k, "").strip()]


def for_period(data: OfficeData, period: Period) -> ReportData:
    """``data`` narrowed to the visits of ``period`` (its statistics counted again)."""
    kept = [i for i in data.inspections if period.contains(data.year, i.visit_date)]
    s = data.stats
    stats = statistics_from(kept, data.year, set_id=s.set_id, district=s.district, finalized_only=s.finalized_only)
    stats.conflict_copies = s.conflict_copies
    return ReportData(data.year, kept, stats, data.targets, period=period)


# --------------------------------------------------------------------------------------------------
# the narrative sections, prefilled from the minutes


def _finalized_in_order(data: OfficeData) -> list[Inspection]:
    by_id = {i.id: i for i in data.inspections}
    return [by_id[u.inspection_id] for s in data.stats.sections for u in s.units if u.finalized]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.;])\s+", text) if s.strip()]


def _by_unit(items: list[tuple[Inspection, str]]) -> str:
    """One line per unit: "Xã Phiêng Ban: …"."""
    return "\n".join(f"- {insp.unit.name}: {text.strip().rstrip(';')}" for insp, text in items if text.strip())


def prefilled_sections(data: OfficeData) -> dict[str, str]:
    """The sections as antq drafts them from the finalized minutes of ``data``: the units' ưu điểm, tồn
    tại and kiến nghị one line per unit; tuyên truyền from what the minutes say about it; the way ahead
    from each unit's conclusion. Bài học kinh nghiệm is the office's own and starts empty."""
    inspections = _finalized_in_order(data)
    joined = {key: [(i, " ".join(paragraphs(getattr(i, attr)))) for i in inspections]
              for key, attr in (("uu_diem", "strengths"), ("ton_tai", "shortcomings"), ("kien_nghi", "recommendations"))}
    propaganda = []
    for insp in inspections:
        said = [s for attr in ("strengths", "shortcomings") for s in _sentences(getattr(insp, attr))
                if "tuyen truyen" in fold(s)]
        said += [a.remark.strip() for c in insp.criteria.criteria if "tuyen truyen" in fold(c.text)
                 for a in [insp.answer(c.number)] if a.remark.strip() and "tuyen truyen" in fold(a.remark)]
        said = [x.strip().rstrip(" .;") for x in dict.fromkeys(said) if x.strip().rstrip(" .;")]
        propaganda.append((insp, "; ".join(x[:1].lower() + x[1:] if i else x for i, x in enumerate(said))
                           + ("." if said else "")))
    ahead = []
    recommended = [i for i in inspections if _line(data, i).recommend]
    for insp in inspections:
        line = _line(data, insp)
        if not line.recommend and line.failed:
            ahead.append(f"- Hướng dẫn, đôn đốc {unit_in_text(insp.unit.name, insp.unit.kind)} khắc phục "
                         f"{len(line.failed)} tiêu chí chưa đạt, phấn đấu đủ điều kiện đề nghị công nhận.")
    if recommended:
        names = ", ".join(unit_in_text(i.unit.name, i.unit.kind) for i in recommended)
        ahead.append(f"- Tham mưu cấp có thẩm quyền xét, công nhận và hướng dẫn {names} tiếp tục duy trì, nâng "
                     "cao chất lượng phong trào toàn dân bảo vệ an ninh Tổ quốc.")
    return {
        "tuyen_truyen": _by_unit(propaganda),
        "uu_diem": _by_unit(joined["uu_diem"]),
        "ton_tai": _by_unit(joined["ton_tai"]),
        "bai_hoc": "",
        "kien_nghi": _by_unit(joined["kien_nghi"]),
        "phuong_huong": "\n".join(ahead),
    }


def merged_sections(prefilled: Mapping[str, str], saved: Mapping[str, str]) -> dict[str, str]:
    """Every section: the saved text where the office saved one (even empty), else antq's."""
    return {k: saved[k] if k in saved else prefilled.get(k, "") for k in SECTIONS}


# --------------------------------------------------------------------------------------------------
# the sections as a TOML file the office edits (antq report --write-sections / --sections)


class SectionsFileError(ValueError):
    """A sections file antq cannot use; the message is Vietnamese and names the line or key at fault."""


def sections_to_toml(sections: Mapping[str, str], year: int, period: Period) -> str:
    """The sections as a TOML file: the year and period it is for, then one multi-line string per
    section under a comment naming its heading."""
    import tomli_w

    out = [
        f"# Nội dung báo cáo {period.kind} {period.title(year)} (antq). Sửa văn bản giữa các dấu \"\"\" … \"\"\";",
        "# mỗi dòng là một đoạn; để trống một phần thì báo cáo in dòng chấm để viết tay.",
        f"# In báo cáo với nội dung này: antq report --year {year} --period {period.key} --sections TỆP",
        "",
        tomli_w.dumps({"nam": year, "ky": period.key}).strip(),
    ]
    for key, title in SECTIONS.items():
        text = sections.get(key, "").strip()
        body = (tomli_w.dumps({key: text + "\n"}, multiline_strings=True).strip() if text
                else f'{key} = """\n"""')  # open, to type into
        out += ["", f"# {title}", body]
    return "\n".join(out) + "\n"


def sections_from_toml(text: str, year: int, period: Period) -> dict[str, str]:
    """The sections a file gives (only those it names), checked: TOML, for this year and period, known
    keys, text values.

    :raises SectionsFileError: in Vietnamese, naming the line, the key or the year at fault.
    """
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SectionsFileError(f"Tệp nội dung báo cáo không đúng cú pháp TOML ({_toml_where(exc)}). Hãy sửa lại "
                                "tệp; giữ nguyên ba dấu nháy \"\"\" ở đầu và cuối mỗi phần.") from None
    found_year, found_period = data.pop("nam", year), data.pop("ky", period.key)
    if found_year != year or str(found_period) != period.key:
        raise SectionsFileError(
            f"Tệp nội dung là của báo cáo {_period_words(found_year, found_period)}, không phải của báo cáo "
            f"{period.kind} {period.title(year)}. Hãy chọn đúng tệp, hoặc sửa “nam”, “ky” ở đầu tệp.")
    unknown = [k for k in data if k not in SECTIONS]
    if unknown:
        raise SectionsFileError(
            "Tệp nội dung có phần antq không biết: " + ", ".join(f"“{k}”" for k in unknown)
            + ". Các phần là: " + ", ".join(SECTIONS) + ".")
    wrong = [k for k, v in data.items() if not isinstance(v, str)]
    if wrong:
        raise SectionsFileError("Phần " + ", ".join(f"“{k}”" for k in wrong) + " phải là văn bản trong dấu nháy "
                                "(\"\"\" … \"\"\").")
    return {k: v.strip() for k, v in data.items()}


def _toml_where(exc: Exception) -> str:
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    if line:
        return f"dòng {line}" + (f", cột {col}" if col else "")
    match = re.search(r"line (\d+), column (\d+)", str(exc))
    if match:
        return f"dòng {match.group(1)}, cột {match.group(2)}"
    return "ở cuối tệp: có dấu nháy mở mà chưa đóng" if "end of document" in str(exc) else "không rõ dòng"


def _period_words(year: object, key: object) -> str:
    period = PERIODS.get(str(key))
    return f"{period.kind} {period.title(year)}" if period and isinstance(year, int) else f"năm {year}, kỳ “{key}”"


def _line(data: OfficeData, insp: Inspection) -> Any:
    return next(u for s in data.stats.sections for u in s.units if u.inspection_id == insp.id)


# --------------------------------------------------------------------------------------------------
# one line per criterion


#: the words of a criterion's text the report quotes to name it (its full text is in the minutes)
HEAD_WORDS = 16


def text_head(text: str, words: int = HEAD_WORDS) -> str:
    """What names a criterion in the report: its text up to the first ";", ":" or "(", and at most
    ``words`` words, "…" where cut ("Thường xuyên củng cố, kiện toàn lực lượng Bảo vệ cơ quan, …")."""
    text = " ".join(text.split()).rstrip(" .;:")
    head = re.split(r"\s*[;:(]|\.\s", text, maxsplit=1)[0].rstrip(" ,")
    cut = head.split()
    if len(cut) > words:
        head = " ".join(cut[:words]).rstrip(" ,")
    return head if head == text else f"{head}…"


def criterion_line(insp: Inspection, number: int) -> dict[str, Any]:
    """What the report says of one criterion: its number and text, the team's verdict, and what
    supports it — the figures, the records seen (số, ngày), the remark — as the minutes render them."""
    c = insp.criteria.criterion(number)
    answer = insp.answer(number)
    row = criterion_row(c, answer, arrows=True)
    support = []
    suggested = answer.suggestion.verdict if answer.suggestion is not None else None
    if row["reason"] and suggested is not None and answer.verdict != suggested:
        # the team decided otherwise (or not yet): the check's finding is a comparison, as in the minutes
        support.append(f"Đối chiếu số liệu: {row['reason']}")
    elif row["reason"]:
        support.append(row["reason"][:1].upper() + row["reason"][1:])
    if row["inputs"]:
        support.append(f"Số liệu: {row['inputs']}")
    if row["evidence_seen"]:
        support.append("Hồ sơ kiểm chứng: " + "; ".join(row["evidence_seen"]))
    if row["evidence_missing"]:
        support.append("Chưa xuất trình: " + "; ".join(row["evidence_missing"]))
    if row["remark"]:
        support.append("Nhận xét: " + " ".join(row["remark"]))
    support = [s.rstrip(" .;") + "." for s in support]
    return {
        "number": c.number,
        "text": c.text.strip().rstrip(" .;:"),
        "head": text_head(c.text),
        "verdict": answer.verdict.label if answer.verdict is not None else "Chưa đánh giá",
        "verdict_class": row["verdict_class"],
        "support": support,
        "support_text": " ".join(support),
    }


def unit_results(data: OfficeData) -> list[dict[str, Any]]:
    """Per section, per unit: its groups, each with one line per criterion (:func:`criterion_line`)."""
    by_id = {i.id: i for i in data.inspections}
    out = []
    for section in data.stats.sections:
        units = []
        for u in section.units:
            insp = by_id[u.inspection_id]
            groups = []
            for i, g in enumerate(insp.criteria.groups, 1):
                crits = insp.criteria.criteria_in(g.id)
                if crits:
                    groups.append({"numeral": roman(i), "title": g.title,
                                   "criteria": [criterion_line(insp, c.number) for c in crits]})
            units.append({"line": u, "inspection": insp, "groups": groups,
                          "date": format_date(u.visit_date) or DOTS})
        out.append({"section": section, "units": units})
    return out


def report_context(workspace: Workspace, data: OfficeData) -> dict[str, Any]:
    """What the report's templates see on top of :func:`antq_tui.office.reports.document_context`."""
    period = data.period if isinstance(data, ReportData) else PERIODS[YEAR]
    sections = data.sections if isinstance(data, ReportData) and data.sections else prefilled_sections(data)
    parts = ["general", "criteria", "summary"] + (["targets"] if data.targets else []) + [
        "assessment", "proposals", "direction"]
    return {
        "period": {"key": period.key, "kind": period.kind, "label": period.label, "title": period.title(data.year),
                   "span": period.span(data.year), "half": period.key != YEAR},
        "period_title": period.title(data.year),
        "document_title": f"Báo cáo {period.kind} kết quả kiểm tra, thẩm định {period.title(data.year)}",
        "numerals": {p: roman(i) for i, p in enumerate(parts, 1)},
        "dots_line": "…" * 32,  # an empty section, to fill in by hand
        "unit_results": unit_results(data),
        "narrative": {k: {"title": SECTIONS[k], "paragraphs": paragraphs(sections.get(k, ""))} for k in SECTIONS},
    }


__all__ = ["HALF", "PERIODS", "SECTIONS", "YEAR", "Period", "PeriodError", "ReportData", "SectionsFileError",
           "criterion_line", "for_period", "merged_sections", "parse_period", "prefilled_sections", "report_context",
           "sections_from_toml", "sections_to_toml", "unit_results"]
