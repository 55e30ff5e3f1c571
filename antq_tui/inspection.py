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
        return condition_met(self.decision, self.suggestion.verdict if self.suggestion else None)


def condition_met(decision: Verdict | None, suggested: Verdict | None) -> bool | None:
    """Whether an eligibility condition is met: the team's decision, else the suggestion; None: not known."""
    verdict = decision or suggested
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

    def verdicts(self) -> dict[int, Verdict | None]:
        """The team's verdict per criterion recorded (what :func:`summarize` counts)."""
        return {n: a.verdict for n, a in self.answers.items()}

    def conditions_met(self) -> dict[str, bool | None]:
        """Per eligibility condition answered: met, not met, or not known yet (None)."""
        return {check_id: a.met for check_id, a in self.eligibility.items()}

    def key_results(self) -> dict[int, tuple[str, str]]:
        """Per criterion judged (đạt / không đạt): its verdict's label and the key figure, the one line the
        check made of its inputs ("giảm 7,1 % (42 → 39 vụ)…"; empty when it had too few)."""
        return {n: (VERDICT_LABEL[a.verdict], key_figure(a.suggestion)) for n, a in self.answers.items()
                if a.verdict in ASSESSED}


#: a verdict's label, looked up once (the statistics read tens of thousands)
VERDICT_LABEL: dict[Verdict | None, str] = {v: v.label for v in Verdict}
#: the verdicts that count as judged
ASSESSED = (Verdict.DAT, Verdict.KHONG_DAT)


def key_figure(suggestion: Suggestion | None) -> str:
    """The key figure of a judged criterion: the suggestion's reason when it could judge, else ""."""
    return suggestion.reason if suggestion is not None and suggestion.verdict in ASSESSED else ""


@dataclass
class CountedInspection(Inspection):
    """An inspection as the office counts it (:meth:`antq_tui.storage.Store.counting_inspections`): its
    rows, its snapshot, and per criterion only the verdict (and the key figure when read), no answers,
    evidence or texts. :func:`summarize` and :meth:`key_results` say of it what they say of it whole."""

    verdict_of: dict[int, Verdict | None] = field(default_factory=dict)
    met_of: dict[str, bool | None] = field(default_factory=dict)
    results_of: dict[int, tuple[str, str]] = field(default_factory=dict)

    def verdicts(self) -> dict[int, Verdict | None]:
        return self.verdict_of

    def conditions_met(self) -> dict[str, bool | None]:
        return self.met_of

    def key_results(self) -> dict[int, tuple[str, str]]:
        return self.results_of


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
    return summarize_verdicts(inspection.criteria, inspection.eligibility_checks, inspection.verdicts(),
                              inspection.conditions_met())


def _layout(cset: CriteriaSet) -> list[tuple[str, str, list[int]]]:
    """(group id, title, its criterion numbers) of a set, computed once per snapshot object."""
    cached = _LAYOUTS.get(id(cset))
    if cached is None or cached[0] is not cset:
        if len(_LAYOUTS) > 256:
            _LAYOUTS.clear()
        cached = _LAYOUTS[id(cset)] = (cset, [(g.id, g.title, [c.number for c in cset.criteria_in(g.id)])
                                              for g in cset.groups])
    return cached[1]


_LAYOUTS: dict[int, tuple[CriteriaSet, list[tuple[str, str, list[int]]]]] = {}


def summarize_verdicts(cset: CriteriaSet, checks: list[EligibilityCheck], verdicts: dict[int, Verdict | None],
                       met: dict[str, bool | None]) -> Summary:
    """:func:`summarize` of the team's verdicts (criterion number → verdict) and of each eligibility
    condition's state (check id → met): the one rule that counts."""
    groups = []
    unassessed: list[int] = []
    failed: list[int] = []
    dat = khong_dat = 0
    get, yes, no = verdicts.get, Verdict.DAT, Verdict.KHONG_DAT  # looked up once: thousands of summaries
    for gid, title, numbers in _layout(cset):
        g_dat = g_failed = 0
        for n in numbers:
            v = get(n)
            if v == yes:
                g_dat += 1
            elif v == no:
                g_failed += 1
                failed.append(n)
            else:
                unassessed.append(n)
        groups.append(GroupCount(gid, title, len(numbers), g_dat, g_failed))
        dat += g_dat
        khong_dat += g_failed
    states = [met.get(check.id) for check in checks]
    not_met = [check.title for check, state in zip(checks, states, strict=True) if state is False]
    if not_met:
        eligible: bool | None = False
    elif any(m is None for m in states):
        eligible = None
    else:
        eligible = True
    total = len(cset.criteria)
    return Summary(
        groups=groups,
        total=total,
        dat=dat,
        khong_dat=khong_dat,
        unassessed=sorted(unassessed),
        failed=sorted(failed),
        eligible=eligible,
        not_met=not_met,
        recommend=eligible is True and dat == total and total > 0,
    )
