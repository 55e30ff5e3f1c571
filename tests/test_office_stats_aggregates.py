"""The statistics count from the verdicts alone (``Store.counting_inspections``: no answer read whole):
every figure they give must be the one a straightforward count over each inspection read whole
(``Store.get_inspection``) gives, on the demo with edits a real year has: drafts, criteria not assessed
yet, a reopened inspection, eligibility decided against its suggestion."""

from __future__ import annotations

from collections import Counter

from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023, demo_template, demo_workspace

from antq_tui.criteria import Verdict
from antq_tui.office.targets import recognitions
from antq_tui.services import Context, inspections, office
from antq_tui.workspace import Workspace


def _edit(ctx: Context) -> None:
    """Drafts with criteria left unassessed or changed, a finalized inspection reopened and changed."""
    if inspections.get(ctx, PHIENG_BAN_2023).finalized:
        inspections.reopen(ctx, PHIENG_BAN_2023, "Kiểm tra lại hồ sơ tiêu chí 3")
    inspections.set_verdict(ctx, PHIENG_BAN_2023, 3, Verdict.KHONG_DAT)
    inspections.set_verdict(ctx, PHIENG_BAN_2023, 4, None)
    draft = inspections.get(ctx, THI_TRAN_2023)
    if draft.finalized:
        inspections.reopen(ctx, THI_TRAN_2023, "Bổ sung")
    numbers = [c.number for c in draft.criteria.criteria]
    inspections.set_verdict(ctx, THI_TRAN_2023, numbers[0], Verdict.DAT)
    inspections.set_verdict(ctx, THI_TRAN_2023, numbers[1], Verdict.KHONG_DAT)
    inspections.set_verdict(ctx, THI_TRAN_2023, numbers[-1], None)
    check = draft.eligibility_checks[0].id
    inspections.set_eligibility(ctx, THI_TRAN_2023, check, decision=Verdict.KHONG_DAT)


def _reference(ctx: Context, year: int, *, drafts: bool) -> dict:
    """Each unit's and each criterion's figures, counted here from every inspection read whole."""
    units, criteria = {}, {}
    copies = ctx.store.conflict_copy_ids()
    for row in ctx.store.list_inspections(year=year):
        if row.id in copies or (not drafts and row.status != "finalized"):
            continue
        insp = ctx.store.get_inspection(row.id)
        numbers = [c.number for c in insp.criteria.criteria]
        verdict = {n: insp.answers[n].verdict if n in insp.answers else None for n in numbers}
        failed = sorted(n for n in numbers if verdict[n] == Verdict.KHONG_DAT)
        open_ = [n for n in numbers if verdict[n] not in (Verdict.DAT, Verdict.KHONG_DAT)]
        met = []
        for check in insp.eligibility_checks:
            ans = insp.eligibility.get(check.id)
            decided = ans.decision or (ans.suggestion.verdict if ans.suggestion else None) if ans else None
            met.append({Verdict.DAT: True, Verdict.KHONG_DAT: False}.get(decided))
        eligible = False if False in met else (None if None in met else True)
        dat = sum(v == Verdict.DAT for v in verdict.values())
        units[insp.id] = {
            "dat": dat, "khong_dat": len(failed), "unassessed": len(open_), "total": len(numbers),
            "failed": failed, "eligible": eligible,
            "recommend": eligible is True and dat == len(numbers) > 0,
            "groups": {g.id: sum(verdict[c.number] == Verdict.DAT for c in insp.criteria.criteria_in(g.id))
                       for g in insp.criteria.groups},
            "results": {n: (a.verdict.label, a.suggestion.reason if a.suggestion and a.suggestion.verdict in
                            (Verdict.DAT, Verdict.KHONG_DAT) else "")
                        for n, a in insp.answers.items() if a.verdict in (Verdict.DAT, Verdict.KHONG_DAT)},
        }
        for n in numbers:
            c = criteria.setdefault((insp.criteria.id, n), Counter())
            c["inspected"] += 1
            c["dat" if verdict[n] == Verdict.DAT else "khong_dat" if verdict[n] == Verdict.KHONG_DAT
              else "unassessed"] += 1
    return {"units": units, "criteria": criteria}


def _counted(data) -> dict:
    units = {u.inspection_id: {
        "dat": u.dat, "khong_dat": u.khong_dat, "unassessed": u.unassessed, "total": u.total, "failed": u.failed,
        "eligible": u.eligible, "recommend": u.recommend, "groups": {g: r.dat for g, r in u.groups.items()},
        "results": u.results} for s in data.stats.sections for u in s.units}
    criteria = {(s.set_id, c.number): Counter({k: v for k, v in (("inspected", c.inspected), ("dat", c.dat),
                                                                 ("khong_dat", c.khong_dat),
                                                                 ("unassessed", c.unassessed)) if v})
                for s in data.stats.sections for c in s.criteria}
    return {"units": units, "criteria": criteria}


def test_counted_statistics_say_what_each_inspection_read_whole_says(demo_workspace):
    ws = Workspace.open(demo_workspace)
    with Context.open(ws) as ctx:
        _edit(ctx)
        years = inspections.years(ctx)
        assert years
        seen_drafts = seen_open = seen_failed = 0
        for year in years:
            for drafts in (False, True):
                fast = office.statistics(ctx, year, include_drafts=drafts)  # verdicts only, with key figures
                reference = _reference(ctx, year, drafts=drafts)
                assert _counted(fast) == reference
                bare = _counted(office.statistics(ctx, year, include_drafts=drafts, figures=False))
                for unit in [*bare["units"].values(), *reference["units"].values()]:
                    unit.pop("results")  # without key figures: the verdicts' counts alone
                assert bare == reference
                whole = office.statistics(ctx, year, include_drafts=drafts, whole=True)
                assert fast.to_json() == whole.to_json()
                assert _counted(fast) == _counted(whole)
                lines = [u for s in fast.stats.sections for u in s.units]
                seen_drafts += sum(not u.finalized for u in lines)
                seen_open += sum(u.unassessed for u in lines)
                seen_failed += sum(u.khong_dat for u in lines)
            # the targets' rule (each unit's latest finalized inspection) reads the same either way
            whole_by_id = {i: ctx.store.get_inspection(i) for i in
                           (r.id for r in ctx.store.list_inspections(status="finalized"))}
            assert recognitions(ctx.store, year) == recognitions(ctx.store, year, loaded=whole_by_id)
        assert seen_drafts and seen_open and seen_failed  # the edits above are in what was compared
