"""What the office's counts read: inspections with their verdicts and eligibility only, in three queries.

The statistics, the targets and the reports' tables count đạt / không đạt per inspection; reading each
inspection whole (:meth:`~.inspections.InspectionsRepository.get_inspection`: four queries, every
answer's figures and evidence decoded) cost 11 s for a province of 5,000. Here one query reads the
inspection rows, one the judged verdicts (per inspection the numbers đạt and không đạt, by
``group_concat``; one row per verdict with the suggestion's reason when the key figures are asked for) and one the eligibility decisions and suggested verdicts (``json_extract``
of the suggestion); each inspection shares its set's snapshot. Stored values are canonical, so they
are looked up in a dict, never parsed again, and no per-answer object is made: what comes back is a
:class:`~antq_tui.inspection.CountedInspection` holding, per criterion, its verdict (and label and key
figure), so :func:`antq_tui.inspection.summarize` stays the one place that counts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from ..criteria import Verdict
from ..inspection import VERDICT_LABEL, CountedInspection, Unit, condition_met
from .codec import parse_ts
from .core import StoreCore
from .db import translate_errors

_COLUMNS = ("id, unit_id, unit_name, unit_kind, unit_district, unit_province, year, set_id, status, visit_date,"
            " created_at, updated_at, finalized_at, origin, snapshot_sha256")
#: a stored verdict ("dat") → Verdict, without parsing what is canonical already
_VERDICTS: dict[str, Verdict] = {v.value: v for v in Verdict}


def _verdict(value: str | None) -> Verdict | None:
    """A stored verdict: canonical values through the dict, anything older through :meth:`Verdict.parse`."""
    if value is None:
        return None
    found = _VERDICTS.get(value)
    return found if found is not None else Verdict.parse(value)


class StatisticsRepository(StoreCore):

    def counting_inspections(self, *, year: int | None = None, max_year: int | None = None,
                             status: str | None = None, ids: Iterable[str] | None = None,
                             figures: bool = False) -> list[CountedInspection]:
        """The inspections (of ``year``, or up to ``max_year``, of ``status``, or these ``ids``) with only
        what counting needs: see the module docstring. Ordered by id.

        :param figures: each judged verdict's key figure too (the suggestion's reason, for the unit ×
            criterion table); reading them costs most of the query, so only when asked.
        """
        where: list[str] = ["1"]
        params: list[Any] = []
        if year is not None:
            where.append("i.year = ?")
            params.append(int(year))
        if max_year is not None:
            where.append("i.year <= ?")
            params.append(int(max_year))
        if status:
            where.append("i.status = ?")
            params.append(status)
        if ids is not None:
            where.append("i.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(set(ids))))
        cond = " AND ".join(where)
        with translate_errors(self.path):
            rows = self.conn.execute(f"SELECT {_COLUMNS} FROM inspections i WHERE {cond} ORDER BY i.id",
                                     params).fetchall()
            verdicts: dict[str, dict[int, Verdict | None]] = {r[0]: {} for r in rows}
            results: dict[str, dict[int, tuple[str, str]]] = {r[0]: {} for r in rows}
            met: dict[str, dict[str, bool | None]] = {r[0]: {} for r in rows}
            judged = "a.verdict IN ('dat', 'khong_dat')"
            if figures:
                dat, khong_dat = VERDICT_LABEL[Verdict.DAT], VERDICT_LABEL[Verdict.KHONG_DAT]
                for iid, number, verdict, reason in self.conn.execute(
                        "SELECT a.inspection_id, a.number, a.verdict, CASE WHEN json_extract(a.suggestion, '$.verdict')"
                        " IN ('dat', 'khong_dat') THEN json_extract(a.suggestion, '$.reason') END FROM answers a"
                        f" JOIN inspections i ON i.id = a.inspection_id WHERE {cond} AND {judged}", params):
                    is_dat = verdict == "dat"
                    verdicts[iid][number] = Verdict.DAT if is_dat else Verdict.KHONG_DAT
                    results[iid][number] = (dat if is_dat else khong_dat, reason or "")
            else:  # per inspection, the numbers judged đạt and those judged không đạt, listed by SQL
                for iid, dat_numbers, failed_numbers in self.conn.execute(
                        "SELECT a.inspection_id, group_concat(CASE WHEN a.verdict = 'dat' THEN a.number END),"
                        " group_concat(CASE WHEN a.verdict = 'khong_dat' THEN a.number END) FROM answers a"
                        f" JOIN inspections i ON i.id = a.inspection_id WHERE {cond} AND {judged}"
                        " GROUP BY a.inspection_id", params):
                    mine = verdicts[iid]
                    if dat_numbers:
                        mine.update(dict.fromkeys(map(int, dat_numbers.split(",")), Verdict.DAT))
                    if failed_numbers:
                        mine.update(dict.fromkeys(map(int, failed_numbers.split(",")), Verdict.KHONG_DAT))
            for iid, check_id, decision, suggested in self.conn.execute(
                    "SELECT e.inspection_id, e.check_id, e.decision, json_extract(e.suggestion, '$.verdict')"
                    f" FROM eligibility_answers e JOIN inspections i ON i.id = e.inspection_id WHERE {cond}", params):
                met[iid][check_id] = condition_met(_verdict(decision), _verdict(suggested))
        return [self._counting(r, verdicts[r[0]], met[r[0]], results[r[0]]) for r in rows]

    def _counting(self, r: Any, verdicts: dict[int, Verdict | None], met: dict[str, bool | None],
                  results: dict[int, tuple[str, str]]) -> CountedInspection:
        snap = self._snapshot_by_sha(r[14], r[0])
        return CountedInspection(
            id=r[0], unit=Unit(id=r[1], name=r[2], kind=r[3], district=r[4], province=r[5]), year=r[6],
            criteria=snap.criteria, eligibility_checks=list(snap.eligibility), status=r[8],
            visit_date=dt.date.fromisoformat(r[9]) if r[9] else None,
            created_at=parse_ts(r[10]), updated_at=parse_ts(r[11]), finalized_at=parse_ts(r[12]),
            plugins=dict(snap.plugins), origin=r[13] or "", verdict_of=verdicts, met_of=met, results_of=results)

    def _snapshot_by_sha(self, sha: str, inspection_id: str) -> Any:
        cached = self._snapshots.get(sha)
        return cached if cached is not None else self._snapshot(inspection_id)
