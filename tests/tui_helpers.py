"""Helpers for the TUI tests: a workspace with an extra test plugin, and a way to drive the app."""

from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import write_workspace

#: A province-style plugin: adds a criterion with figures and a check to the commune set, and an
#: eligibility condition. Generic over whatever the official set contains.
TEST_PLUGIN = '''
from antq_tui import hookimpl, AddCriterion, Criterion, Field, Suggestion, EligibilityCheck, Deadline

def _check(inputs):
    before, after = inputs["vu_truoc"], inputs["vu_nay"]
    if after < before:
        return Suggestion.dat(f"giảm ({before} → {after} vụ)")
    return Suggestion.khong_dat(f"không giảm ({before} → {after} vụ)")

def _elig(inputs):
    return Suggestion.dat("xếp loại Khá") if inputs["loai"] in ("Khá", "Tốt") else Suggestion.khong_dat("dưới Khá")

@hookimpl
def antq_amendments():
    return [AddCriterion(set_id="xa", note="QĐ thử của tỉnh", criterion=Criterion(
        number=900, group="antt", text="Số vụ phạm pháp hình sự giảm so với năm trước.",
        evidence=("Báo cáo thống kê tội phạm", "Sổ theo dõi"),
        fields=(Field("vu_truoc", "Số vụ năm trước", unit="vụ"), Field("vu_nay", "Số vụ năm nay", unit="vụ")),
        check=_check))]

@hookimpl
def antq_eligibility_checks():
    return [EligibilityCheck(id="xep_loai", title="Xếp loại phong trào năm trước", text="Đạt loại Khá trở lên.",
                             set_ids=("xa",), fields=(Field("loai", "Xếp loại", type="choice",
                             choices=("Tốt", "Khá", "Trung bình", "Yếu")),), check=_elig)]

@hookimpl
def antq_calendar():
    return [Deadline(id="xet", title="Cấp huyện xét, công nhận", month=10, day=15)]
'''


def make_workspace(root: Path) -> Path:
    extra = root / "plugins_extra"
    extra.mkdir(parents=True, exist_ok=True)
    (extra / "tinh_thu.py").write_text(textwrap.dedent(TEST_PLUGIN), encoding="utf-8")
    return write_workspace(root, plugin_folders=[str(extra)])


# -- an in-memory stand-in for the store (until the storage layer lands) ----------------------------
import copy as _copy
import datetime as _dt
import uuid as _uuid
from dataclasses import dataclass as _dataclass

from antq_tui.folding import fold as _fold
from antq_tui.inspection import STATUS_DRAFT, STATUS_FINALIZED, STATUS_LABELS, Inspection, summarize
from antq_tui.screens.data import Data

_DBS: dict[str, dict[str, Inspection]] = {}


@_dataclass
class Row:
    id: str
    unit_name: str
    kind_label: str
    year: int
    status: str
    status_label: str
    assessed: int
    total: int


class MemoryData(Data):
    def __init__(self, db_path):
        super().__init__(None)
        self.db = _DBS.setdefault(str(db_path), {})

    def list_inspections(self, query="", year=None, status=None):
        rows = []
        for i in sorted(self.db.values(), key=lambda i: i.created_at, reverse=True):
            if query and _fold(query) not in _fold(i.unit.name):
                continue
            if year and i.year != year or status and i.status != status:
                continue
            s = summarize(i)
            rows.append(Row(i.id, i.unit.name, i.unit.kind_label, i.year, i.status, STATUS_LABELS[i.status],
                            s.assessed, s.total))
        return rows

    def years(self):
        return sorted({i.year for i in self.db.values()})

    def units(self):
        return list({i.unit.id: i.unit for i in self.db.values()}.values())

    def get_inspection(self, inspection_id):
        return _copy.deepcopy(self.db[inspection_id])

    def previous_inspection(self, inspection):
        earlier = [i for i in self.db.values() if i.unit.id == inspection.unit.id and i.year < inspection.year]
        return _copy.deepcopy(max(earlier, key=lambda i: i.year)) if earlier else None

    def create_inspection(self, *, unit, criteria, eligibility_checks, year, visit_date, start_time, place, team,
                          representatives, user):
        from antq_tui.criteria import CriteriaSet, EligibilityCheck

        i = Inspection(id=str(_uuid.uuid4()), unit=unit, year=year,
                       criteria=CriteriaSet.from_snapshot(criteria.to_data()),
                       eligibility_checks=[EligibilityCheck.from_snapshot(e.to_data()) for e in eligibility_checks],
                       visit_date=visit_date, start_time=start_time, place=place, team=team,
                       representatives=representatives, created_at=_dt.datetime.now())
        self.db[i.id] = i
        return _copy.deepcopy(i)

    def _check_open(self, inspection_id):
        if self.db[inspection_id].status == STATUS_FINALIZED:
            raise RuntimeError("đã hoàn thành")

    def save_answer(self, inspection_id, answer, user):
        self._check_open(inspection_id)
        self.db[inspection_id].answers[answer.number] = _copy.deepcopy(answer)

    def save_eligibility(self, inspection_id, answer, user):
        self._check_open(inspection_id)
        self.db[inspection_id].eligibility[answer.check_id] = _copy.deepcopy(answer)

    def save_texts(self, inspection_id, values, user):
        self._check_open(inspection_id)
        for k, v in values.items():
            setattr(self.db[inspection_id], k, v)

    def finalize(self, inspection_id, user):
        i = self.db[inspection_id]
        if summarize(i).unassessed:
            raise RuntimeError("còn tiêu chí chưa đánh giá")
        i.status = STATUS_FINALIZED
        i.finalized_at = _dt.datetime.now()
        return _copy.deepcopy(i)

    def reopen(self, inspection_id, reason, user):
        i = self.db[inspection_id]
        i.status = STATUS_DRAFT
        i.finalized_at = None
        return _copy.deepcopy(i)


def open_data(db_path):
    return MemoryData(db_path)


def run_async(test):
    """Run an ``async def`` test with asyncio (the suite has no async pytest plugin)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle(app, pilot) -> None:
    """Wait until plugins are loaded, every worker but the saver is done and every save was written."""
    await app.registry()
    await pilot.pause()
    others = [w for w in app.workers if w.name != "saver"]
    if others:  # an empty list would mean "all", the saver included, which never ends
        await app.workers.wait_for_complete(others)
    await app.wait_saved()
    await pilot.pause()
