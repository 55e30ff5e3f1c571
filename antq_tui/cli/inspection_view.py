"""How ``antq answer``, ``eligibility``, ``new`` … show an inspection: JSON for scripts, text for people."""

from __future__ import annotations

from typing import Any

import click

from ..criteria import Criterion, EligibilityCheck, Field
from ..inspection import Inspection, summarize
from ..labels import STATUS_LABELS
from ..vnformat import format_date


def _inputs(fields: tuple[Field, ...], values: dict[str, Any]) -> dict[str, Any]:
    return {f.id: f.to_json(values[f.id]) for f in fields if values.get(f.id) is not None}


def inspection_json(insp: Inspection) -> dict[str, Any]:
    s = summarize(insp)
    return {
        "id": insp.id, "unit": {"id": insp.unit.id, "name": insp.unit.name, "kind": insp.unit.kind,
                                "district": insp.unit.district, "province": insp.unit.province},
        "year": insp.year, "set": insp.criteria.id, "set_version": insp.criteria.version, "status": insp.status,
        "visit_date": insp.visit_date.isoformat() if insp.visit_date else None, "place": insp.place,
        "start_time": insp.start_time, "end_time": insp.end_time, "minutes_number": insp.minutes_number,
        "team": [{"name": m.name, "rank": m.rank, "position": m.position, "role": m.role} for m in insp.team],
        "representatives": [{"name": m.name, "position": m.position} for m in insp.representatives],
        "criteria_total": s.total, "assessed": s.assessed, "unassessed": s.unassessed,
        "eligibility_checks": [c.id for c in insp.eligibility_checks],
        "eligible": s.eligible, "recommend": s.recommend,
    }


def answer_json(insp: Inspection, criterion: Criterion) -> dict[str, Any]:
    a = insp.answer(criterion.number)
    return {
        "inspection_id": insp.id, "number": criterion.number,
        "self_assessment": a.self_assessment.value if a.self_assessment else None,
        "verdict": a.verdict.value if a.verdict else None,
        "inputs": _inputs(criterion.fields, a.inputs),
        "suggestion": a.suggestion.to_json() if a.suggestion else None,
        "evidence": [{"index": i + 1, "item": e.item, "seen": e.seen, "number": e.number,
                      "date": e.date.isoformat() if e.date else None, "note": e.note}
                     for i, e in enumerate(a.evidence)],
        "remark": a.remark,
    }


def eligibility_json(insp: Inspection, check: EligibilityCheck) -> dict[str, Any]:
    a = insp.eligibility.get(check.id)
    return {
        "inspection_id": insp.id, "check": check.id, "title": check.title,
        "inputs": _inputs(check.fields, a.inputs) if a else {},
        "suggestion": a.suggestion.to_json() if a and a.suggestion else None,
        "decision": a.decision.value if a and a.decision else None,
        "met": a.met if a else None, "remark": a.remark if a else "",
    }


def _label(verdict: Any) -> str:
    return verdict.label if verdict else "chưa có"


def print_answer(insp: Inspection, criterion: Criterion) -> None:
    a = insp.answer(criterion.number)
    click.echo(f"{insp.unit.name} năm {insp.year} ({STATUS_LABELS.get(insp.status, insp.status).lower()}) — "
               f"tiêu chí {criterion.number}")
    click.echo(f"  Đơn vị tự đánh giá: {_label(a.self_assessment)}; kết luận của đoàn: {_label(a.verdict)}")
    for f in criterion.fields:
        if a.inputs.get(f.id) is not None:
            click.echo(f"  {f.label}: {f.display(a.inputs[f.id])}")
    if a.suggestion:
        click.echo(f"  Gợi ý: {a.suggestion.verdict.label} — {a.suggestion.reason}")
    for i, e in enumerate(a.evidence, 1):
        mark = "x" if e.seen else " "
        extra = ", ".join(p for p in (e.number, format_date(e.date) if e.date else "") if p)
        click.echo(f"  [{mark}] {i}. {e.item}" + (f" ({extra})" if extra else ""))
    if a.remark:
        click.echo(f"  Nhận xét: {a.remark}")


def print_eligibility(insp: Inspection, check: EligibilityCheck) -> None:
    a = insp.eligibility.get(check.id)
    click.echo(f"{insp.unit.name} năm {insp.year} — điều kiện “{check.title}” ({check.id})")
    if a is None:
        click.echo("  Chưa ghi.")
        return
    for f in check.fields:
        if a.inputs.get(f.id) is not None:
            click.echo(f"  {f.label}: {f.display(a.inputs[f.id])}")
    if a.suggestion:
        click.echo(f"  Gợi ý: {a.suggestion.verdict.label} — {a.suggestion.reason}")
    click.echo(f"  Kết luận của đoàn: {a.decision.label if a.decision else 'theo gợi ý'}; "
               f"đáp ứng: {'có' if a.met else 'không' if a.met is False else 'chưa rõ'}")
    if a.remark:
        click.echo(f"  Ghi chú: {a.remark}")
