"""What the minutes template sees: plain dicts and strings built from an Inspection and the Config.

All wording that depends on the data (dates, counts, the conclusion sentence) is decided here, so a
province that overrides the template only arranges what it is given and never recounts anything.
Counts and the suggested conclusion come from :func:`antq_tui.inspection.summarize`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..config import Config, Member
from ..criteria import UNIT_KINDS, CriteriaSet, Criterion, EligibilityCheck, Field, Verdict
from ..folding import fold
from ..inspection import Answer, EligibilityAnswer, EvidenceSeen, Inspection, summarize
from ..labels import MET_LABELS, ROLES
from ..vnformat import format_date, format_long_date, roman

DOTS = "……"
DRAFT_MARK = "DỰ THẢO"

#: The method, as the district's plan words it: the district plan of Bắc Yên, Sơn La (Kế hoạch của Công an huyện Bắc Yên), part III.4.
METHOD = (
    "Kiểm chứng các hồ sơ, tài liệu có liên quan đến nội dung kiểm tra, thẩm định, đánh giá "
    "được lưu giữ tại đơn vị.",
    "Trao đổi, thống nhất trực tiếp với đơn vị được kiểm tra, thẩm định, đánh giá và ghi nhận kết quả "
    "kiểm tra, thẩm định đối với từng tiêu chí.",
)

_COMMUNE_KINDS = ("xa", "phuong", "thi_tran")


def paragraphs(text: str) -> list[str]:
    """Free text typed by the thư ký, as paragraphs (one per non-empty line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def verdict_label(verdict: Verdict | None) -> str:
    """"Đạt", "Không đạt" (never broken across the narrow column's lines)."""
    return keep_together(verdict.label) if verdict is not None else ""


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
    """A record seen, as an administrative text cites one: "Nghị quyết … (số 05-NQ/ĐU ngày 10/02/2023)",
    then the team's note after a dash (items often hold semicolons of their own), unless the note
    only repeats the item."""
    ref = " ".join(x for x in (f"số {e.number}" if e.number else "", f"ngày {format_date(e.date)}" if e.date else "") if x)
    line = e.item + (f" ({ref})" if ref else "")
    note = e.note.strip().rstrip(";")
    if note and fold(note).rstrip(". ") not in fold(e.item):
        line += f" – {note}"
    return line


# -- The "Ghi chú" column ---------------------------------------------------------------------------
#
# The team's remark comes first and always. The check's reason (the figures it read and the threshold
# it applied) follows only where it tells the reader something the row does not already say: when the
# team's verdict differs from it or is not given yet, when the team wrote no remark, or when it holds a
# figure (a percentage, a count, a date) found neither in the remark, nor in the records seen, nor in
# the criterion's own text. The inputs are listed, on one line, only where no reason states them: when
# the criterion has no check or its check had too little data, or for an input whose value the printed
# text does not show. Yes/no answers and zero counts are stated in words by every reason ("không có …",
# "đã niêm yết …"), so they are not repeated beside one.

_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:,\d+)?")


def figures(text: str) -> set[str]:
    """The figures a text states, normalized so "03" and "3", "6/3/2023" and "06/03/2023" match.
    Dates are figures of their own (their day and month are not counts)."""
    found = {f"{int(d)}/{int(m)}/{y}" for d, m, y in _DATE.findall(text)}
    for token in _NUMBER.findall(_DATE.sub(" ", text)):
        if "," in token:
            whole, frac = token.split(",", 1)
            found.add(f"{int(whole)},{frac}")
        else:
            found.add(str(int(token.replace(".", ""))))
    return found


def _value_figures(f: Field, value: Any) -> set[str]:
    """What shows an input's value in a text: its number or date, or (choices, text) the value itself.
    Empty for yes/no answers and zero counts, which reasons state in words."""
    if value is None or value == "" or f.type == "yesno" or (f.type == "integer" and value == 0):
        return set()
    if f.type in ("integer", "date"):
        return figures(f.display(value))
    return {fold(str(value))}


def _shows(figs: set[str], text: str) -> bool:
    folded = fold(text)
    numbers = figures(text)
    return all(x in numbers or (not x[:1].isdigit() and x in folded) for x in figs)


def _inputs_line(criterion_fields: tuple[Field, ...], inputs: dict[str, Any], *, skip: str | None = None) -> str:
    """The inputs as one line ("Label: value; …"). With ``skip``, only those whose value that text
    does not already show."""
    shown = []
    for f in criterion_fields:
        value = inputs.get(f.id)
        text = f.display(value)
        if not text:
            continue
        if skip is not None and _shows(_value_figures(f, value), skip):
            continue
        shown.append(f"{f.label}: {text}")
    return "; ".join(shown)


def clauses(reason: str) -> list[str]:
    """A check's reason split into its conditions: "giảm 7,1% (42 → 39 vụ); không có vụ …" → two.
    A semicolon inside brackets does not split."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(reason):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == ";" and depth <= 0:
            parts.append(reason[start:i])
            start = i + 1
    parts.append(reason[start:])
    return [p.strip() for p in parts if p.strip()]


#: what separates a check's finding from its hint to the team ("có 1 trường hợp … — đoàn xem xét trước khi
#: đề nghị công nhận", :func:`antq_tui.checks.to_weigh`): the hint is for the screen, never the minutes
HINT_SEPARATOR = " — "
_AT_LEAST = re.compile(r"\s*\(ít nhất [\d.,]+\)")
_THRESHOLD = re.compile(r"([≥≤])\s*([\d.,]+\s*%?(?:\s+(?:người|vụ|lần|trường hợp))?)")
#: a bar met, restated after the figures ("…: đạt mức giảm ≥ 5%"): the criterion's text states the bar
_MET_BAR = re.compile(r":\s*đạt mức[^;]*")
_ARROW = re.compile(r"\(([\d.,]+)\s*→\s*([\d.,]+)(\s+[^()]*?)?\)")


def _number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def _arrow_words(match: re.Match[str]) -> str:
    before, after, unit = match.group(1), match.group(2), (match.group(3) or "").strip()
    unit = f" {unit}" if unit else ""
    a, b = _number(before), _number(after)
    if a == b:
        return f"(vẫn {after}{unit})"
    return f"(từ {before}{unit} {'xuống' if b < a else 'lên'} {after}{unit})"


def prose(reason: str, *, arrows: bool = False) -> str:
    """A check's reason as the minutes print it: the finding only, in words.

    The hint to the team after " — " goes (it is for the screen), and so does a bar met, "(ít nhất
    01)", ": đạt mức giảm ≥ 5%" (the criterion's own text states it); a bar not met stays, "≥ 5%" reads "từ 5% trở lên", "≤ 3" "không quá 3",
    "(42 → 39 vụ)" "(từ 42 vụ xuống 39 vụ)" (kept as it is with ``arrows``: the district report's
    one line per criterion).
    """
    text = reason.split(HINT_SEPARATOR, 1)[0].strip()
    text = _AT_LEAST.sub("", _MET_BAR.sub("", text))
    text = _THRESHOLD.sub(lambda m: f"từ {m.group(2)} trở lên" if m.group(1) == "≥" else f"không quá {m.group(2)}",
                          text)
    if not arrows:
        text = _ARROW.sub(_arrow_words, text)
    return " ".join(text.split()).rstrip(" .;:")


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def remark_column(c: Criterion, answer: Answer, evidence_text: str, *, arrows: bool = False) -> dict[str, Any]:
    """The "Ghi chú" of a criterion: the team's remark, the check's reason where it adds something,
    the inputs no printed text states (see the comment above)."""
    remark = paragraphs(answer.remark)
    suggestion = answer.suggestion
    usable = suggestion is not None and suggestion.verdict != Verdict.CHUA_DU and bool(suggestion.reason.strip())
    if suggestion is None or not usable:
        # "chưa đủ dữ liệu" helps during the visit; in the signed minutes it would only be noise
        return {"remark": remark, "reason": "", "inputs": _inputs_line(c.fields, answer.inputs)}
    reason = prose(suggestion.reason, arrows=arrows)
    said = " ".join(remark) + " " + evidence_text
    unsaid_inputs = set().union(*(_value_figures(f, answer.inputs.get(f.id)) for f in c.fields))
    unsaid_inputs = {x for x in unsaid_inputs if not _shows({x}, said)}
    if answer.verdict != suggestion.verdict:
        # the team decided otherwise, or has not decided yet: say all the check found
        printed = f"{suggestion.verdict.label} — {reason}"
        if suggestion.judgement and answer.verdict is None:
            printed += " (cần đoàn đánh giá)"
    elif not remark:
        printed = reason  # the only explanation of the verdict
    else:
        # the team agrees and has said why: only the conditions that state a figure said nowhere
        # else in the row (the criterion's own text holds the thresholds)
        printed = "; ".join(
            cl
            for cl in clauses(reason)
            if not _shows(figures(cl) - figures(c.text), said) or any(_shows({x}, cl) for x in unsaid_inputs)
        )
    return {
        "remark": remark,
        "reason": printed,
        "inputs": _inputs_line(c.fields, answer.inputs, skip=f"{said} {printed}"),
    }


def _amendment_lines(c: Criterion) -> list[str]:
    """"(tiêu chí do Công an tỉnh … thêm. …)", "(Công an tỉnh … sửa đổi nội dung. …)": plugins are named
    by their display name, never by their Python id (:meth:`CriterionChange.paper_line`)."""
    return [a.paper_line() for a in c.amendments]


#: The widths of the criteria table's columns in mm (A4 less the 30 + 15 mm margins: 165 mm), given to
#: minutes.css so the estimate below and the layout agree. The records seen are the longest text of a
#: row, then the criterion's own; the verdicts are one or two short words.
#: The verdicts' columns hold "Không đạt" on one line in 10 pt (15,5 mm, 16,0 mm in bold, plus the padding).
COLUMNS_MM = {"num": 6, "text": 44, "evidence": 55, "self": 16, "verdict": 17, "remark": 27}
#: characters of 11 pt serif per mm of a cell's line (measured on the demo's minutes)
CHARS_PER_MM = 0.55
#: dash and hanging indent of the records' list, mm
LIST_INDENT_MM = 2.2
#: rows up to this many lines are kept whole on one page; a taller row may continue on the next page
#: rather than leave the foot of this one empty (the header row repeats above the rest of it)
KEEP_LINES = 10


def estimated_lines(cells: dict[str, list[str]]) -> int:
    """The height of a row in lines, from its tallest cell (an estimate, not a layout)."""

    def per_line(col: str) -> int:
        usable = COLUMNS_MM[col] - 2 - (LIST_INDENT_MM if col == "evidence" else 0)
        return max(int(usable * CHARS_PER_MM), 1)

    return max((sum(-(-len(p) // per_line(col)) for p in paras) for col, paras in cells.items()), default=1)


def criterion_row(c: Criterion, answer: Answer, attached: str = "", *, arrows: bool = False) -> dict[str, Any]:
    seen = [e for e in answer.evidence if e.seen]
    missing = [e.item for e in answer.evidence if not e.seen]
    evidence_text = " ".join(
        " ".join(x for x in (format_date(e.date) if e.date else "", e.note) if x) for e in seen
    )
    suggestion = answer.suggestion
    row = {
        # the check's whole suggestion, whatever the team decided (templates written before the
        # Ghi chú was de-duplicated print it; antq's own prints "reason")
        "suggestion": (
            f"{suggestion.verdict.label} — {prose(suggestion.reason, arrows=arrows)}" + (" (cần đoàn đánh giá)" if suggestion.judgement else "")
            if suggestion is not None and suggestion.verdict != Verdict.CHUA_DU
            else ""
        ),
        "number": c.number,
        "text": c.text,
        "amendments": _amendment_lines(c),
        "change": c.change_kind,  # "them" (a plugin added it), "sua" (a plugin amended it) or ""
        "evidence_seen": [_evidence_line(e) for e in seen],
        "evidence_missing": missing,
        "attached": attached,  # "Kèm theo: anh.jpg (hồ sơ 1)." or ""
        "self_assessment": verdict_label(answer.self_assessment),
        "verdict": verdict_label(answer.verdict),
        "verdict_class": answer.verdict.value if answer.verdict else "none",
        **remark_column(c, answer, evidence_text, arrows=arrows),
    }
    notes = row["remark"] + [f"Đối chiếu số liệu: {row['reason']}" if row["reason"] else "", f"Số liệu: {row['inputs']}" if row["inputs"] else ""]
    row["lines"] = estimated_lines(
        {
            "text": [c.text, *row["amendments"]],
            "evidence": row["evidence_seen"] + (["Chưa xuất trình: " + "; ".join(missing)] if missing else [])
            + ([attached] if attached else []),
            "remark": [n for n in notes if n],
        }
    )
    row["keep"] = row["lines"] <= KEEP_LINES
    return row


def eligibility_row(check: EligibilityCheck, ans: EligibilityAnswer | None) -> dict[str, Any]:
    """One condition as the minutes state it, each fact once: "<title>: <result>." then the check's
    finding unless it only repeats the title ("năm trước đạt “An toàn về an ninh, trật tự”" under "Đạt
    tiêu chuẩn “An toàn về an ninh, trật tự” năm trước: Đạt"), then the figures no sentence states yet."""
    met = ans.met if ans else None
    reason = prose(ans.suggestion.reason) if ans and ans.suggestion and ans.suggestion.verdict != Verdict.CHUA_DU else ""
    agrees = ans is not None and ans.suggestion is not None and met == (ans.suggestion.verdict == Verdict.DAT)
    said = reason
    if reason and agrees and _words(reason) <= _words(check.title):
        reason = ""  # the title and the result say it already
    return {
        "title": check.title,
        "text": check.text,
        "met": met,
        "result": MET_LABELS[met],
        "inputs": (_inputs_line(check.fields, ans.inputs, skip=f"{said} {check.title}" if said else None)
                   if ans else ""),
        "reason": reason,
        "remark": ans.remark if ans else "",
    }


def basis_lines(cset: CriteriaSet, district_plan: str) -> list[str]:
    """The "Căn cứ" list: the legal basis, the criteria set unless a line of the basis names it already
    (the ministry's decision "ban hành Bộ tiêu chí tạm thời …"), the lines amendments add (``basis=``,
    each once, in the criteria's order), the district's plan."""
    lines = [line.strip().rstrip(";.") for line in cset.legal_basis if line.strip()]
    head = " ".join(fold(cset.title).split()[:4])
    if not any(head and head in fold(line) for line in lines):
        lines.append(cset.title)
    for c in cset.criteria:
        for line in c.basis_lines():
            line = line.strip().rstrip(";.")
            if line and fold(line) not in {fold(x) for x in lines}:
                lines.append(line)
    if district_plan.strip():
        lines.append(district_plan.strip().rstrip(";."))
    return lines


#: no-break space: words that must stay on one line ("Không đạt", a short unit name in a signature title)
NBSP = "\u00a0"
#: a signature title of up to this many characters fits its column (a third of 165 mm at 12.5 pt bold)
SIGN_TITLE_CHARS = 17


def keep_together(text: str) -> str:
    return NBSP.join(text.split())


def signature_title(unit_name: str) -> str:
    """"ĐẠI DIỆN" and the unit's name, each unbroken when the name fits a line ("ĐẠI DIỆN / XÃ PHIÊNG BAN",
    never "XÃ PHIÊNG / BAN"); a long name wraps, with its last two words kept together."""
    name = unit_name.upper().split()
    if len(" ".join(name)) <= SIGN_TITLE_CHARS:
        tail = keep_together(" ".join(name))
    else:
        tail = " ".join(name[:-2] + [keep_together(" ".join(name[-2:]))])
    return f"{keep_together('ĐẠI DIỆN')} {tail}"


def unit_kind_phrase(inspection: Inspection) -> str:
    """How the title names the kind of unit being built into a model ("xã", "cơ sở giáo dục")."""
    return inspection.unit.kind_label.lower()


def build_context(inspection: Inspection, config: Config, *, attached: Mapping[int, str] | None = None) -> dict[str, Any]:
    """The whole template context. ``draft`` is true until the inspection is finalized.

    :param attached: per criterion number, its "Kèm theo: …" line (the files attached to it).
    """
    attached = attached or {}
    summary = summarize(inspection)
    cset = inspection.criteria
    unit = inspection.unit
    draft = not inspection.finalized

    groups = []
    counts = {g.group_id: g for g in summary.groups}
    for i, g in enumerate(cset.groups, start=1):
        rows = [criterion_row(c, inspection.answer(c.number), attached.get(c.number, "")) for c in cset.criteria_in(g.id)]
        if rows:
            groups.append({"numeral": roman(i), "title": g.title, "rows": rows, "count": counts[g.id]})

    eligibility = [eligibility_row(check, inspection.eligibility.get(check.id)) for check in inspection.eligibility_checks]

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
        "document_kind": "bien_ban",
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
        # what "Căn cứ" lists, the set named once (templates written before it print legal_basis)
        "basis": basis_lines(cset, config.district_plan),
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
        # "name" is what is printed under a signature (rank and name); "rank" and "person" are its
        # two parts, so a template can set the rank on a line of its own
        "signatures": [
            {"title": signature_title(unit.name), "position": rep.position if rep else "", "name": rep.name if rep else "",
             "rank": "", "person": rep.name if rep else ""},
            {"title": "THƯ KÝ", "position": "", "name": _signed_name(secretary),
             "rank": secretary.rank if secretary else "", "person": secretary.name if secretary else ""},
            {"title": "TRƯỞNG ĐOÀN", "position": "", "name": _signed_name(head),
             "rank": head.rank if head else "", "person": head.name if head else ""},
        ],
    }


# -- What each variable means, for template authors (docs/plugins.md prints these tables; tests/test_docs.py
# fails when build_context gives a key not documented here, or a template uses a name documented nowhere)

#: every variable the minutes' templates (minutes.html, minutes_letterhead.html, minutes_signatures.html,
#: minutes.css, minutes.docx) receive, and what it holds
CONTEXT_DOCS: dict[str, str] = {
    "document_kind": "Loại giấy tờ: luôn là `\"bien_ban\"` ở biên bản (báo cáo: `\"bao_cao\"`, tờ trình: `\"to_trinh\"`, "
                     "biểu thống kê: `\"thong_ke\"`, danh mục hồ sơ: `\"ho_so_chuan_bi\"`). Dùng trong `minutes_letterhead.html`, mẫu dùng chung.",
    "draft": "`true` khi cuộc kiểm tra chưa hoàn thành (bản dự thảo).",
    "draft_mark": "Chữ in chìm của bản dự thảo: “DỰ THẢO”.",
    "document_title": "Tiêu đề tệp (thuộc tính PDF/Word): “Biên bản kiểm tra, thẩm định Xã … năm …”.",
    "issuing_parent": "Dòng trên của cơ quan ban hành, lấy từ `[minutes] issuing_parent` trong config.toml "
                      "(ví dụ “CÔNG AN HUYỆN BẮC YÊN”); có thể rỗng.",
    "issuing_body": "Các dòng tên cơ quan ban hành (in đậm), từ `[minutes] issuing_body`; mặc định `[\"ĐOÀN KIỂM TRA\"]`.",
    "number_line": "“Số: …/BB-…” (số biên bản và hậu tố `minutes_number_suffix`).",
    "place_date": "Địa danh và ngày: “Phiêng Ban, ngày 12 tháng 10 năm 2023”.",
    "title": "“BIÊN BẢN”.",
    "subject": "Trích yếu dưới tiêu đề: “Kiểm tra, thẩm định kết quả xây dựng xã điển hình …”.",
    "unit": "Đơn vị được kiểm tra: `name` (“Xã Phiêng Ban”), `in_text` (“xã Phiêng Ban”, dùng giữa câu), `kind` "
            "(“Xã”), `district`, `province`.",
    "year": "Năm xét (số nguyên).",
    "opening": "Câu mở đầu “Hôm nay, vào hồi … tại …, Đoàn kiểm tra … tiến hành …”.",
    "team_name": "“Đoàn kiểm tra Công an huyện …”.",
    "team": "Các dòng thành viên đoàn: “Thượng tá Lò Văn Thành, Phó Trưởng Công an huyện – Trưởng đoàn”.",
    "representatives": "Các dòng đại diện đơn vị (cấp bậc, họ tên, chức vụ).",
    "criteria_set": "Bộ tiêu chí: `title`, `version`, `plugin` (id của plugin cung cấp bộ).",
    "legal_basis": "Căn cứ pháp lý của bộ tiêu chí, mỗi văn bản một dòng (mẫu cũ in biến này; mẫu của antq in `basis`).",
    "basis": "Danh sách “Căn cứ” đã ghép: căn cứ của bộ, tên bộ (nếu chưa có), các dòng `basis=` của sửa đổi, "
             "kế hoạch của huyện. In đúng biến này để không sót căn cứ do plugin thêm.",
    "district_plan": "Kế hoạch của huyện (`[minutes] district_plan`), có thể rỗng.",
    "method": "Các dòng “Phương pháp” kiểm tra, thẩm định.",
    "eligibility": "Các điều kiện xét công nhận; mỗi mục: `title`, `text`, `met` (`true`/`false`/`none`), `result` "
                   "(“Đáp ứng”…), `inputs`, `reason`, `remark`.",
    "eligible": "`true`/`false`, hoặc `none` khi còn điều kiện chưa trả lời.",
    "not_met": "Tên các điều kiện chưa đáp ứng.",
    "groups": "Các nhóm tiêu chí; mỗi nhóm: `numeral` (I, II…), `title`, `count` (`total`, `dat`, `khong_dat`, "
              "`unassessed`) và `rows` (xem bảng “Mỗi dòng tiêu chí”).",
    "summary": "Tổng hợp: `total`, `dat`, `khong_dat`, `failed` (số các tiêu chí không đạt), `unassessed`, "
               "`eligible`, `recommend`, `conclusion_label`.",
    "strengths": "Ưu điểm, mỗi đoạn một phần tử.",
    "shortcomings": "Tồn tại, hạn chế, mỗi đoạn một phần tử.",
    "recommendations": "Kiến nghị, mỗi đoạn một phần tử.",
    "recommend": "`true` khi gợi ý đề nghị công nhận.",
    "conclusion_label": "“Đề nghị công nhận” / “Chưa đề nghị công nhận”.",
    "decision": "Câu kết luận in đậm: “Đề nghị cấp có thẩm quyền xét, công nhận …”.",
    "decision_reasons": "Lý do khi chưa đề nghị (điều kiện chưa đáp ứng, tiêu chí không đạt, chưa đánh giá).",
    "conclusion": "Kết luận của đoàn, mỗi đoạn một phần tử.",
    "closing": "Câu kết thúc “Biên bản kết thúc vào hồi … được lập thành … bản …”.",
    "signatures": "Ba khối chữ ký (đại diện đơn vị, thư ký, trưởng đoàn); mỗi khối: `title`, `position`, `name` "
                  "(cấp bậc và họ tên), `rank`, `person`.",
}

#: what the renderer adds to :data:`CONTEXT_DOCS` (minutes/render.py and minutes/docx.py)
RENDER_DOCS: dict[str, str] = {
    "antq_version": "Phiên bản antq đã in giấy tờ.",
    "dots_line": "Một dòng chấm “……” để viết tay khi mục bỏ trống.",
    "fonts_url": "Địa chỉ thư mục phông chữ đi kèm antq (chỉ mẫu HTML; dùng trong `@font-face` của CSS).",
    "columns": "Độ rộng (mm) các cột của bảng tiêu chí: `num`, `text`, `evidence`, `self`, `verdict`, `remark` "
               "(chỉ mẫu HTML).",
    "list_indent": "Thụt lề (mm) của danh sách hồ sơ trong bảng (chỉ mẫu HTML).",
}

#: the keys of each row of ``groups[].rows`` (one criterion)
ROW_DOCS: dict[str, str] = {
    "number": "Số tiêu chí.",
    "text": "Nội dung tiêu chí.",
    "amendments": "Các dòng ghi chú thêm/sửa đổi của plugin, dùng tên hiển thị (`antq_display_name`), không bao "
                  "giờ in id Python: “(tiêu chí do Công an tỉnh … thêm. …)”, “(Công an tỉnh … sửa đổi nội dung. …)”.",
    "change": "`\"them\"` (plugin thêm tiêu chí này), `\"sua\"` (plugin sửa đổi) hoặc `\"\"`.",
    "evidence_seen": "Các hồ sơ đã xem, mỗi dòng kèm số, ngày.",
    "evidence_missing": "Các hồ sơ chưa xuất trình.",
    "attached": "“Kèm theo: …” (tệp đính kèm) hoặc rỗng.",
    "self_assessment": "Đơn vị tự đánh giá: “Đạt”, “Không đạt” hoặc rỗng.",
    "verdict": "Đoàn đánh giá: “Đạt”, “Không đạt” hoặc rỗng.",
    "verdict_class": "`dat`, `khong_dat` hoặc `none` (tên lớp CSS).",
    "suggestion": "Toàn bộ gợi ý của hàm kiểm tra (“Đạt — …”), cho mẫu cũ; mẫu của antq in `reason`.",
    "remark": "Nhận xét của đoàn, mỗi đoạn một phần tử.",
    "reason": "Phần “Đối chiếu số liệu” (lý do của hàm kiểm tra khi nó nói thêm điều gì), có thể rỗng.",
    "inputs": "Các số liệu chưa câu nào nêu, trên một dòng, có thể rỗng.",
    "lines": "Ước lượng số dòng của hàng (để ngắt trang).",
    "keep": "`true` khi hàng đủ ngắn để giữ trọn một trang.",
}
