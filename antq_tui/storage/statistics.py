"""What the office's counts read: inspections with their verdicts and eligibility only, in three queries.

The statistics, the targets and the reports' tables count đạt / không đạt per inspection; reading each
inspection whole (:meth:`~.inspections.InspectionsRepository.get_inspection`: four queries, every
answer's figures and evidence decoded) cost 11 s for a province of 5,000. Here one query reads the
inspection rows, one the verdicts (``answers.verdict`` and the suggestion's verdict and reason) and one the eligibility decisions and the
suggested verdicts (``json_extract`` of the suggestion), and each inspection shares its set's snapshot.
What comes back is an :class:`~antq_tui.inspection.Inspection` with what counting needs (unit, year,
set, status, dates, criteria, verdicts with the suggestion each one had, eligibility), so :func:`antq_tui.inspection.summarize` stays
the one place that counts; its inputs, evidence, remarks, team and texts are left empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..criteria import Suggestion, Verdict
from ..inspection import Answer, EligibilityAnswer, Inspection, Unit
from .codec import parse_ts
from .core import StoreCore
from .db import translate_errors

_COLUMNS = ("id, unit_id, unit_name, unit_kind, unit_district, unit_province, year, set_id, status, visit_date,"
            " created_at, updated_at, finalized_at, origin, snapshot_sha256")
_CHUNK = 500  # ids per IN (…) list, under SQLite's variable limit


class StatisticsRepository(StoreCore):

    def counting_inspections(self, *, year: int | None = None, max_year: int | None = None,
                             status: str | None = None, ids: Iterable[str] | None = None) -> list[Inspection]:
        """The inspections (of ``year``, or up to ``max_year``, of ``status``, or these ``ids``) with only
        what counting needs: see the module docstring. Ordered by id."""
        where: list[str] = ["1"]
        params: list[Any] = []
        if year is not None:
            where.append("year = ?")
            params.append(int(year))
        if max_year is not None:
            where.append("year <= ?")
            params.append(int(max_year))
        if status:
            where.append("status = ?")
            params.append(status)
        wanted = None if ids is None else set(ids)
        cond = " AND ".join(where)
        with translate_errors(self.path):
            rows = self.conn.execute(f"SELECT {_COLUMNS} FROM inspections WHERE {cond} ORDER BY id", params).fetchall()
            if wanted is not None:
                rows = [r for r in rows if r[0] in wanted]
            chosen = {r[0] for r in rows}
            verdicts: dict[str, dict[int, Answer]] = {iid: {} for iid in chosen}
            eligibility: dict[str, dict[str, EligibilityAnswer]] = {iid: {} for iid in chosen}
            for sql, fill in ((f"SELECT a.inspection_id, a.number, a.verdict, json_extract(a.suggestion, '$.verdict'),"
                               f" json_extract(a.suggestion, '$.reason') FROM answers a JOIN inspections i ON"
                               f" i.id = a.inspection_id WHERE {_prefixed(cond)} AND a.verdict IS NOT NULL",
                               self._add_verdict),
                              (f"SELECT e.inspection_id, e.check_id, e.decision, json_extract(e.suggestion, '$.verdict')"
                               f" FROM eligibility_answers e JOIN inspections i ON i.id = e.inspection_id"
                               f" WHERE {_prefixed(cond)}", self._add_eligibility)):
                for r in self.conn.execute(sql, params):
                    if r[0] in chosen:
                        fill(verdicts, eligibility, r)
        return [self._counting(r, verdicts[r[0]], eligibility[r[0]]) for r in rows]

    @staticmethod
    def _add_verdict(verdicts: dict[str, dict[int, Answer]], _: Any, r: Any) -> None:
        suggested = Suggestion(Verdict(r[3]), r[4] or "") if r[3] else None  # its reason: the key figure
        verdicts[r[0]][r[1]] = Answer(number=r[1], verdict=Verdict.parse(r[2]), suggestion=suggested)

    @staticmethod
    def _add_eligibility(_: Any, eligibility: dict[str, dict[str, EligibilityAnswer]], r: Any) -> None:
        suggested = Verdict.parse(r[3]) if r[3] else None
        eligibility[r[0]][r[1]] = EligibilityAnswer(
            check_id=r[1], decision=Verdict.parse(r[2]),
            suggestion=Suggestion(suggested, "") if suggested is not None else None)

    def _counting(self, r: Any, answers: dict[int, Answer], eligibility: dict[str, EligibilityAnswer]) -> Inspection:
        snap = self._snapshot_by_sha(r[14], r[0])
        return Inspection(
            id=r[0], unit=Unit(id=r[1], name=r[2], kind=r[3], district=r[4], province=r[5]), year=r[6],
            criteria=snap.criteria, eligibility_checks=list(snap.eligibility), status=r[8],
            visit_date=dt.date.fromisoformat(r[9]) if r[9] else None, answers=answers, eligibility=eligibility,
            created_at=parse_ts(r[10]), updated_at=parse_ts(r[11]), finalized_at=parse_ts(r[12]),
            plugins=dict(snap.plugins), origin=r[13] or "")

    def _snapshot_by_sha(self, sha: str, inspection_id: str) -> Any:
        cached = self._snapshots.get(sha)
        return cached if cached is not None else self._snapshot(inspection_id)


def _prefixed(cond: str) -> str:
    """The inspections' conditions on the joined table's alias ``i``."""
    for column in ("year", "status"):
        cond = cond.replace(f"{column} ", f"i.{column} ")
    return cond
