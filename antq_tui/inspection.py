"""An inspection as the app, the minutes and the statistics see it: plain records, no database, no Textual.

The storage layer (:mod:`antq_tui.storage`) reads and writes these; the TUI, the minutes and the
statistics only read them. :func:`summarize` is the one place that counts đạt / không đạt and decides
the suggested conclusion, so every view says the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .config import Member
from .criteria import (
    CriteriaSet,
    EligibilityCheck,
    Suggestion,
    Verdict,
    unit_kind_label,
)
from .labels import CONCLUSION_LABELS

STATUS_DRAFT = "draft"
STATUS_FINALIZED = "finalized"


@dataclass
class Unit:
    """A commune or an agency/enterprise/school."""

    id: str  # a UUID, the same on every laptop
    name: str  # "Xã Phiêng Ban"
    kind: str  # a key of antq_tui.criteria.UNIT_KINDS
    district: str = ""
    province: str = ""

    @property
    def kind_label(self) -> str:
        return unit_kind_label(self.kind)


@dataclass
class EvidenceSeen:
    """One record the team saw (or not yet), with its number and date as written on it."""

    item: str  # the evidence text from the snapshot
    seen: bool = False
    number: str = ""  # số, ký hiệu ("15-NQ/ĐU")
    date: dt.date | None = None
    note: str = ""


@dataclass
class Answer:
    """What was found for one criterion."""

    number: int
    self_assessment: Verdict | None = None  # the unit's own assessment (đạt / không đạt)
    verdict: Verdict | None = None  # the team's decision (đạt / không đạt)
    inputs: dict[str, Any] = field(default_factory=dict)  # field id → parsed value
    suggestion: Suggestion | None = None  # the check's suggestion for these inputs
    evidence: list[EvidenceSeen] = field(default_factory=list)
    remark: str = ""
    updated_at: dt.datetime | None = None
    updated_by: str = ""

    @property
    def assessed(self) -> bool:
        return self.verdict in (Verdict.DAT, Verdict.KHONG_DAT)


@dataclass
class EligibilityAnswer:
    """The answer to one eligibility condition."""

    check_id: str
    inputs: dict[str, Any] = field(default_factory=dict)
    suggestion: Suggestion | None = None
    decision: Verdict | None = None  # the team's: đạt / không đạt; None = follow the suggestion
    remark: str = ""

    @property
    def met(self) -> bool | None:
        verdict = self.decision or (self.suggestion.verdict if self.suggestion else None)
        if verdict == Verdict.DAT:
            return True
        if verdict == Verdict.KHONG_DAT:
            return False
        return None


@dataclass
class Inspection:
    id: str  # a UUID, globally unique (bundles merge on it)
    unit: Unit
    year: int
    criteria: CriteriaSet  # the snapshot taken when the inspection started
    eligibility_checks: list[EligibilityCheck] = field(default_factory=list)  # snapshot too
    status: str = STATUS_DRAFT
    visit_date: dt.date | None = None
    place: str = ""
    start_time: str = ""  # "08:00"
    end_time: str = ""
    team: list[Member] = field(default_factory=list)
    representatives: list[Member] = field(default_factory=list)  # the unit's people (name, position)
    answers: dict[int, Answer] = field(default_factory=dict)
    eligibility: dict[str, EligibilityAnswer] = field(default_factory=dict)
    strengths: str = ""  # ưu điểm
    shortcomings: str = ""  # tồn tại, hạn chế
    recommendations: str = ""  # kiến nghị
    conclusion: str = ""  # kết luận (free text; the suggested conclusion is computed)
    minutes_number: str = ""  # "15" → "Số: 15/BB-ĐKT"
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    finalized_at: dt.datetime | None = None
    #: the plugins the snapshot came from, name → version (for the minutes and for support)
    plugins: dict[str, str] = field(default_factory=dict)
    #: the id of the database that created this inspection (bundles tell local from imported work)
    origin: str = ""

    @property
    def finalized(self) -> bool:
        return self.status == STATUS_FINALIZED

    def answer(self, number: int) -> Answer:
        """The answer for a criterion; an empty one when nothing was recorded yet."""
        found = self.answers.get(number)
        if found is None:
            criterion = self.criteria.criterion(number)
            found = Answer(number=number, evidence=[EvidenceSeen(item=e) for e in criterion.evidence])
        return found


@dataclass
class GroupCount:
    group_id: str
    title: str
    total: int
    dat: int
    khong_dat: int

    @property
    def unassessed(self) -> int:
        return self.total - self.dat - self.khong_dat


@dataclass
class Summary:
    groups: list[GroupCount]
    total: int
    dat: int
    khong_dat: int
    unassessed: list[int]  # criterion numbers with no team verdict yet
    failed: list[int]  # criterion numbers judged không đạt
    eligible: bool | None  # None: some condition has no answer yet
    not_met: list[str]  # titles of eligibility conditions not met
    recommend: bool  # the suggested conclusion: đề nghị công nhận

    @property
    def assessed(self) -> int:
        return self.dat + self.khong_dat

    @property
    def progress_label(self) -> str:
        return f"{self.assessed}/{self.total} đã đánh giá"

    @property
    def conclusion_label(self) -> str:
        return CONCLUSION_LABELS[self.recommend]


def summarize(inspection: Inspection) -> Summary:
    """Counts per group and overall, eligibility, and the suggested conclusion.

    The conclusion is "đề nghị công nhận" only when the unit is eligible and every criterion is đạt.
    """
    cset = inspection.criteria
    groups = []
    unassessed: list[int] = []
    failed: list[int] = []
    for g in cset.groups:
        numbers = [c.number for c in cset.criteria_in(g.id)]
        verdicts = [inspection.answers[n].verdict if n in inspection.answers else None for n in numbers]
        groups.append(
            GroupCount(
                g.id,
                g.title,
                len(numbers),
                sum(v == Verdict.DAT for v in verdicts),
                sum(v == Verdict.KHONG_DAT for v in verdicts),
            )
        )
        unassessed += [n for n, v in zip(numbers, verdicts, strict=True) if v not in (Verdict.DAT, Verdict.KHONG_DAT)]
        failed += [n for n, v in zip(numbers, verdicts, strict=True) if v == Verdict.KHONG_DAT]
    met = []
    not_met = []
    for check in inspection.eligibility_checks:
        ans = inspection.eligibility.get(check.id)
        state = ans.met if ans else None
        met.append(state)
        if state is False:
            not_met.append(check.title)
    if not_met:
        eligible: bool | None = False
    elif any(m is None for m in met):
        eligible = None
    else:
        eligible = True
    total = len(cset.criteria)
    dat = sum(g.dat for g in groups)
    return Summary(
        groups=groups,
        total=total,
        dat=dat,
        khong_dat=sum(g.khong_dat for g in groups),
        unassessed=sorted(unassessed),
        failed=sorted(failed),
        eligible=eligible,
        not_met=not_met,
        recommend=eligible is True and dat == total and total > 0,
    )
