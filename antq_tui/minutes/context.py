"""What the minutes template sees: plain dicts and strings built from an Inspection and the Config.

All wording that depends on the data (dates, counts, the conclusion sentence) is decided here, so a
province that overrides the template only arranges what it is given and never recounts anything.
Counts and the suggested conclusion come from :func:`antq_tui.inspection.summarize`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..config import ROLES, Config, Member
from ..criteria import UNIT_KINDS, Criterion, Field, Verdict
from ..folding import fold
from ..inspection import Answer, EvidenceSeen, Inspection, summarize
from ..vnformat import format_date, format_long_date

DOTS = "……"
DRAFT_MARK = "DỰ THẢO"

#: The method, as the district's plan words it (seed 002, III.4).
METHOD = (
    "Kiểm chứng các hồ sơ, tài liệu có liên quan đến nội dung kiểm tra, thẩm định, đánh giá "
    "được lưu giữ tại đơn vị.",
    "Trao đổi, thống nhất trực tiếp với đơn vị được kiểm tra, thẩm định, đánh giá và ghi nhận kết quả "
    "kiểm tra, thẩm định đối với từng tiêu chí.",
)

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
_COMMUNE_KINDS = ("xa", "phuong", "thi_tran")


def roman(n: int) -> str:
    return _ROMAN[n - 1] if 0 < n <= len(_ROMAN) else str(n)


def paragraphs(text: str) -> list[str]:
    """Free text typed by the thư ký, as paragraphs (one per non-empty line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def verdict_label(verdict: Verdict | None) -> str:
    return verdict.label if verdict is not None else ""


def time_words(value: str) -> str:
    """``"08:00" → "08 giờ 00 phút"``; empty gives dotted blanks to fill in by hand."""
    match = re.fullmatch(r"\s*(\d{1,2})\s*[:hg.]\s*(\d{1,2})?\s*", value or "")
    if not match:
        return f"{DOTS} giờ {DOTS} phút"
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    return f"{hours:02d} giờ {minutes:02d} phút"


def _split_kind(name: str, kind: str) -> tuple[str, str]:
    """``("Xã Phiêng Ban", "xa") → ("Xã", "Phiêng Ban")``; ``("", name)`` when the name has no prefix."""
    label = UNIT_KINDS.get(kind, "")
    words = name.split()
    n = len(label.split())
    if label and len(words) > n and fold(" ".join(words[:n])) == fold(label):
        return " ".join(words[:n]), " ".join(words[n:])
    return "", name


def unit_in_text(name: str, kind: str) -> str:
    """The unit's name inside a sentence: "Xã Phiêng Ban" → "xã Phiêng Ban" (a proper name such as
    "Trường PTDT nội trú …" is left alone)."""
    prefix, rest = _split_kind(name, kind)
    return f"{prefix.lower()} {rest}" if prefix else name


def place_name(inspection: Inspection, config: Config) -> str:
    """The địa danh before the date: the commune's own name ("Xã Phiêng Ban" → "Phiêng Ban"),
    otherwise the district's."""
    unit = inspection.unit
    if unit.kind in _COMMUNE_KINDS:
        return _split_kind(unit.name, unit.kind)[1]
    return unit.district or config.district or DOTS


def long_date_line(place: str, date: dt.date | None) -> str:
    if date is None:
        return f"{place}, ngày {DOTS} tháng {DOTS} năm {DOTS}"
    return f"{place}, {format_long_date(date)}"


def member_line(m: Member, *, team: bool) -> str:
    """"Thượng tá Lò Văn Thành, Phó Trưởng Công an huyện – Trưởng đoàn"."""
    who = " ".join(x for x in (m.rank, m.name) if x)
    parts = [who] + ([m.position] if m.position else [])
    line = ", ".join(parts)
    if team and m.role in ROLES:
        line += f" – {m.role_label}"
    return line


def _ordered_team(members: list[Member]) -> list[Member]:
    order = list(ROLES)
    return sorted(members, key=lambda m: order.index(m.role) if m.role in order else len(order))


def _first(members: list[Member], role: str) -> Member | None:
    return next((m for m in members if m.role == role), None)


def _signed_name(m: Member | None) -> str:
    """Under a police officer's signature: rank and name ("Thượng tá Lò Văn Thành")."""
    return " ".join(x for x in (m.rank, m.name) if x) if m else ""


def _evidence_line(e: EvidenceSeen) -> str:
    details = []
    if e.number:
        details.append(f"số {e.number}")
    if e.date:
        details.append(f"ngày {format_date(e.date)}")
    line = e.item + (f" ({', '.join(details)})" if details else "")
    if e.note:
        line += f"; {e.note}"
    return line


def _inputs_line(criterion_fields: tuple[Field, ...], inputs: dict[str, Any]) -> str:
    shown = []
    for f in criterion_fields:
        text = f.display(inputs.get(f.id))
        if text:
            shown.append(f"{f.label}: {text}")
    return "; ".join(shown)


def _amendment_lines(c: Criterion) -> list[str]:
    if c.amendments:
        return [f"(sửa đổi bởi {a.rstrip('. ')})" for a in c.amendments]
    if c.amended_by:
        return [f"(sửa đổi bởi {', '.join(c.amended_by)})"]
    return []


def criterion_row(c: Criterion, answer: Answer) -> dict[str, Any]:
    seen = [e for e in answer.evidence if e.seen]
    missing = [e.item for e in answer.evidence if not e.seen]
    suggestion = answer.suggestion
    return {
        "number": c.number,
        "text": c.text,
        "amendments": _amendment_lines(c),
        "evidence_seen": [_evidence_line(e) for e in seen],
        "evidence_missing": missing,
        "self_assessment": verdict_label(answer.self_assessment),
        "verdict": verdict_label(answer.verdict),
        "verdict_class": answer.verdict.value if answer.verdict else "none",
        "remark": paragraphs(answer.remark),
        "inputs": _inputs_line(c.fields, answer.inputs),
        # "chưa đủ dữ liệu" helps during the visit; in the signed minutes it would only be noise
        "suggestion": (
            f"{suggestion.verdict.label} — {suggestion.reason}" + (" (cần đoàn đánh giá)" if suggestion.judgement else "")
            if suggestion is not None and suggestion.verdict != Verdict.CHUA_DU
            else ""
        ),
    }


def unit_kind_phrase(inspection: Inspection) -> str:
    """How the title names the kind of unit being built into a model ("xã", "cơ sở giáo dục")."""
    return inspection.unit.kind_label.lower()


def build_context(inspection: Inspection, config: Config) -> dict[str, Any]:
    """The whole template context. ``draft`` is true until the inspection is finalized."""
    summary = summarize(inspection)
    cset = inspection.criteria
    unit = inspection.unit
    draft = not inspection.finalized

    groups = []
    counts = {g.group_id: g for g in summary.groups}
    for i, g in enumerate(cset.groups, start=1):
        rows = [criterion_row(c, inspection.answer(c.number)) for c in cset.criteria_in(g.id)]
        if rows:
            groups.append({"numeral": roman(i), "title": g.title, "rows": rows, "count": counts[g.id]})

    eligibility = []
    for check in inspection.eligibility_checks:
        ans = inspection.eligibility.get(check.id)
        met = ans.met if ans else None
        eligibility.append(
            {
                "title": check.title,
                "text": check.text,
                "met": met,
                "result": {True: "Đạt", False: "Không đạt", None: "Chưa xác định"}[met],
                "inputs": _inputs_line(check.fields, ans.inputs) if ans else "",
                "reason": ans.suggestion.reason if ans and ans.suggestion else "",
                "remark": ans.remark if ans else "",
            }
        )

    team = _ordered_team(inspection.team or config.team)
    reps = list(inspection.representatives)
    head = _first(team, "truong_doan")
    secretary = _first(team, "thu_ky")
    rep = reps[0] if reps else None

    unit_text = unit_in_text(unit.name, unit.kind)
    team_name = "Đoàn kiểm tra" + (f" Công an {config.district_kind} {config.district}" if config.district else "")
    date_text = format_date(inspection.visit_date) if inspection.visit_date else f"{DOTS}/{DOTS}/{DOTS}"
    place = inspection.place or unit.name
    year = inspection.year
    kind = unit_kind_phrase(inspection)
    movement = f"{kind} điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}"
    copies = max(int(config.copies or 1), 1)
    if copies >= 2:
        copies_text = (
            f"được lập thành {copies:02d} bản có giá trị như nhau, {unit_text} giữ 01 bản, "
            f"Đoàn kiểm tra giữ {copies - 1:02d} bản."
        )
    else:
        copies_text = "được lập thành 01 bản."
    end_time = time_words(inspection.end_time)

    if summary.recommend:
        decision = f"Đề nghị cấp có thẩm quyền xét, công nhận {unit_text} là {movement}."
    else:
        decision = f"Chưa đề nghị công nhận {unit_text} là {movement}."
    if summary.eligible is False:
        why = "đơn vị chưa đáp ứng điều kiện xét công nhận (" + "; ".join(summary.not_met) + ")"
    elif summary.eligible is None and inspection.eligibility_checks:
        why = "chưa xác định đủ điều kiện xét công nhận"
    else:
        why = ""
    reasons = [r for r in (why,) if r]
    if summary.failed:
        reasons.append("tiêu chí không đạt: " + ", ".join(str(n) for n in summary.failed))
    if summary.unassessed:
        reasons.append("tiêu chí chưa đánh giá: " + ", ".join(str(n) for n in summary.unassessed))

    number = inspection.minutes_number.strip() or DOTS
    return {
        "draft": draft,
        "draft_mark": DRAFT_MARK,
        "document_title": f"Biên bản kiểm tra, thẩm định {unit.name} năm {year}",
        "issuing_parent": config.issuing_parent,
        "issuing_body": [b for b in config.issuing_body if b] or ["ĐOÀN KIỂM TRA"],
        "number_line": f"Số: {number}/{config.minutes_number_suffix}",
        "place_date": long_date_line(place_name(inspection, config), inspection.visit_date),
        "title": "BIÊN BẢN",
        "subject": f"Kiểm tra, thẩm định kết quả xây dựng {movement}",
        "unit": {"name": unit.name, "in_text": unit_text, "kind": unit.kind_label, "district": unit.district, "province": unit.province},
        "year": year,
        "opening": (
            f"Hôm nay, vào hồi {time_words(inspection.start_time)}, ngày {date_text}, tại {place}, "
            f"{team_name} tiến hành kiểm tra, thẩm định kết quả xây dựng {movement} đối với {unit_text}."
        ),
        "team_name": team_name,
        "team": [member_line(m, team=True) for m in team],
        "representatives": [member_line(m, team=False) for m in reps],
        "criteria_set": {"title": cset.title, "version": cset.version, "plugin": cset.plugin},
        "legal_basis": list(cset.legal_basis),
        "district_plan": config.district_plan,
        "method": list(METHOD),
        "eligibility": eligibility,
        "eligible": summary.eligible,
        "not_met": summary.not_met,
        "groups": groups,
        "summary": summary,
        "strengths": paragraphs(inspection.strengths),
        "shortcomings": paragraphs(inspection.shortcomings),
        "recommendations": paragraphs(inspection.recommendations),
        "recommend": summary.recommend,
        "conclusion_label": summary.conclusion_label,
        "decision": decision,
        "decision_reasons": reasons,
        "conclusion": paragraphs(inspection.conclusion),
        "closing": (
            f"Biên bản kết thúc vào hồi {end_time} cùng ngày, đã đọc lại cho các thành viên cùng nghe, "
            f"thống nhất ký tên; {copies_text}"
        ),
        "signatures": [
            {"title": f"ĐẠI DIỆN {unit.name.upper()}", "position": rep.position if rep else "", "name": rep.name if rep else ""},
            {"title": "THƯ KÝ", "position": "", "name": _signed_name(secretary)},
            {"title": "TRƯỞNG ĐOÀN", "position": "", "name": _signed_name(head)},
        ],
    }
