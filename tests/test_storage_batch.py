"""Store.batch (what scripts/make_province.py fills a province with) and the counting read of the statistics."""

from __future__ import annotations

from pathlib import Path

import pytest
from storage_fixtures import new_inspection

from antq_tui.criteria import Verdict
from antq_tui.inspection import summarize
from antq_tui.storage import StorageError, Store


def test_a_batch_commits_its_writes_together_and_a_refused_write_inside_is_undone_alone(tmp_path: Path):
    path = tmp_path / "antq.db"
    with Store.open(path) as store:
        with store.batch():
            iid = new_inspection(store).id
            store.set_verdict(iid, 1, "đạt")
            with pytest.raises(StorageError):
                store.set_verdict(iid, 99, "đạt")  # no criterion 99: refused, the rest goes on
            store.set_verdict(iid, 2, "không đạt")
            store.finalize(iid)
            assert store.backups() == []  # finalize's backup waits for the commit
        assert len(store.backups()) == 1
    with Store.open(path) as again:  # on disk, as a second laptop reads it
        insp = again.get_inspection(iid)
        assert insp.finalized
        assert {n: a.verdict for n, a in insp.answers.items()} == {1: Verdict.DAT, 2: Verdict.KHONG_DAT}
        assert [e.action for e in again.audit_entries(iid)].count("answer.verdict") == 2


def test_a_failing_batch_leaves_nothing(tmp_path: Path):
    with Store.open(tmp_path / "antq.db") as store:
        with pytest.raises(RuntimeError), store.batch():
            new_inspection(store)
            raise RuntimeError("cut")
        assert store.list_inspections() == []


def test_the_counting_read_counts_as_the_whole_inspection_does(tmp_path: Path):
    with Store.open(tmp_path / "antq.db") as store:
        iid = new_inspection(store).id
        for number in range(1, 35):
            store.set_verdict(iid, number, "đạt" if number % 5 else "không đạt")
        store.set_remark(iid, 5, "Chưa đạt vì thiếu hồ sơ.")
        whole = store.get_inspection(iid)
        (light,) = store.counting_inspections(year=2024)
        assert summarize(light) == summarize(whole)
        assert light.verdicts()[5] is Verdict.KHONG_DAT and light.verdicts()[4] is Verdict.DAT
        assert light.answers == {}  # counting reads the verdicts only: no remark, figures or evidence
        assert store.counting_inspections(year=2023) == []
