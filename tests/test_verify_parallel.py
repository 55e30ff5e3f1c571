"""``antq verify`` with SQLite's integrity check and the audit chain in a second process
(:mod:`antq_tui.storage.parallel_checks`): the same problems, in the same order, as when verify does them
itself; and verify does them itself whenever that process cannot help."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from storage_fixtures import new_inspection
from test_storage_audit import filled, tamper

from antq_tui.storage import DatabaseCorruptError, Store, audit, parallel_checks
from antq_tui.storage.records import Problem
from antq_tui.storage.verify import verify_store

__all__ = ["filled"]


def verified(db: Path, *, second_process: bool, monkeypatch, extra=()) -> list[Problem]:
    """verify_store of ``db``, its two checks in a second process or not; asserts which was used."""
    started: list[parallel_checks.SecondProcess | None] = []
    start = parallel_checks._start

    def spy(path, last):
        started.append(start(path, last))
        return started[-1]

    with monkeypatch.context() as m:
        m.setattr(parallel_checks, "MIN_LOG_ROWS", 0 if second_process else 10**9)
        m.setattr(parallel_checks, "_start", spy)
        with Store.open(db, read_only=True) as store:
            problems = verify_store(store, extra)
    assert (len(started) == 1 and started[0] is not None) if second_process else not started
    return problems


def both_ways(db: Path, monkeypatch) -> list[Problem]:
    here = verified(db, second_process=False, monkeypatch=monkeypatch)
    assert verified(db, second_process=True, monkeypatch=monkeypatch) == here
    return here


TAMPERINGS = {
    "nothing": (),
    "an edited log row": ("UPDATE audit SET who = 'người khác' WHERE id = 4",),
    "a log row deleted in the middle": ("DELETE FROM audit WHERE id = 3",),
    "the last log row deleted": ("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)",),
    "an answer changed": ("UPDATE answers SET verdict = 'dat' WHERE number = 2",),
    "two log rows edited and an answer": ("UPDATE audit SET target = '9' WHERE id IN (2, 5)",
                                          "UPDATE answers SET remark = 'khác' WHERE number = 2"),
}


@pytest.mark.parametrize("statements", TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_the_second_process_finds_what_verify_finds_itself(filled, monkeypatch, statements):
    monkeypatch.setattr(sys, "path", [*sys.path, Path("/không/có")])  # a tool put a Path there
    if statements:
        tamper(filled["db"], *statements)
    problems = both_ways(filled["db"], monkeypatch)
    assert bool(problems) == bool(statements)


def test_an_index_that_disagrees_with_its_table_is_said_the_same_way(tmp_path: Path, monkeypatch):
    """The file reads, but PRAGMA integrity_check finds rows missing from an index: that alone is said."""
    path = tmp_path / "antq.db"
    with Store.open(path) as store:
        for year in (2023, 2024):
            store.set_verdict(new_inspection(store, year=year).id, 1, "đạt")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX audit_inspection ON audit(action, id)'"
                 " WHERE name = 'audit_inspection'")
    conn.close()
    problems = both_ways(path, monkeypatch)
    assert problems and {p.kind for p in problems} == {"integrity"}
    assert "missing from index audit_inspection" in problems[0].message


def test_a_damaged_file_is_said_the_same_way(tmp_path: Path, monkeypatch):
    """Pages scribbled over (integrity_check itself fails, or the file does not open): the same error."""
    path = tmp_path / "antq.db"
    with Store.open(path) as store:
        for year in range(2000, 2040):
            new_inspection(store, year=year)
    data = bytearray(path.read_bytes())
    for offset in range(3 * 4096, len(data) - 4096, 5 * 4096):  # as test_damaged_pages_are_reported_by_verify
        data[offset: offset + 400] = b"\x13" * 400
    path.write_bytes(bytes(data))

    def outcome(second_process: bool) -> object:
        with monkeypatch.context() as m:
            m.setattr(parallel_checks, "MIN_LOG_ROWS", 0 if second_process else 10**9)
            try:
                with Store.open(path, read_only=True) as store:
                    return verify_store(store)
            except Exception as exc:
                return (type(exc), str(exc))

    assert outcome(True) == outcome(False)


def test_the_chain_is_checked_up_to_the_last_row_the_transaction_sees(filled):
    with sqlite3.connect(filled["db"]) as conn:
        last = conn.execute("SELECT max(id) FROM audit").fetchone()[0]
    tamper(filled["db"], "INSERT INTO audit (at, who, action, target, prev_hash, hash)"
                         " VALUES ('2024-10-13T08:00:00.000+07:00', 'x', 'unit.create', '', 'sai', 'sai')")
    assert parallel_checks.check(filled["db"], last) == parallel_checks.Found(["ok"], [])
    with sqlite3.connect(filled["db"]) as conn:
        assert parallel_checks.check(filled["db"], last + 1).chain == audit.check_chain(conn)
    assert len(parallel_checks.check(filled["db"], last + 1).chain) == 2  # its link and its hash


FAILURES = {
    "it ends with an error": "import sys; sys.exit(3)",
    "it says something else": "print('không phải JSON')",
    "it says JSON of another shape": "print('{\"integrity\": \"ok\", \"chain\": []}')",
    "it says no integrity line": "print('{\"integrity\": [], \"chain\": []}')",
}


@pytest.mark.parametrize("boot", FAILURES.values(), ids=FAILURES.keys())
def test_verify_checks_itself_when_the_second_process_fails(filled, monkeypatch, boot):
    tamper(filled["db"], "UPDATE audit SET who = 'người khác' WHERE id = 4")
    here = verified(filled["db"], second_process=False, monkeypatch=monkeypatch)
    assert any(p.kind == "audit" for p in here)
    monkeypatch.setattr(parallel_checks, "_BOOT", boot)
    assert verified(filled["db"], second_process=True, monkeypatch=monkeypatch) == here


def test_verify_checks_itself_when_no_process_can_start(filled, monkeypatch):
    tamper(filled["db"], "DELETE FROM audit WHERE id = 3")
    here = verified(filled["db"], second_process=False, monkeypatch=monkeypatch)

    def refused(*args, **kwargs):
        raise PermissionError("không được chạy chương trình")

    monkeypatch.setattr(subprocess, "Popen", refused)
    monkeypatch.setattr(parallel_checks, "MIN_LOG_ROWS", 0)
    with Store.open(filled["db"], read_only=True) as store:
        assert verify_store(store) == here


class Told:
    """A second process that has found ``integrity`` (no chain problem), and knows if it was stopped."""

    def __init__(self, integrity: list[str]) -> None:
        self.integrity = integrity
        self.stopped = False

    def result(self) -> parallel_checks.Found:
        return parallel_checks.Found(self.integrity, [])

    def stop(self) -> None:
        self.stopped = True


def failing(r) -> list[Problem]:
    raise sqlite3.DatabaseError("database disk image is malformed")


def test_a_check_that_fails_on_a_damaged_file_gives_way_to_the_integrity_check(filled, monkeypatch):
    told = Told(["*** in database main ***", "Page 7: btreeInitPage() returns error code 11"])
    monkeypatch.setattr(parallel_checks, "MIN_LOG_ROWS", 0)
    monkeypatch.setattr(parallel_checks, "_start", lambda path, last: told)
    with Store.open(filled["db"], read_only=True) as store:
        problems = verify_store(store, [failing])
    assert [p.kind for p in problems] == ["integrity", "integrity"]
    assert "Page 7" in problems[1].message
    assert told.stopped


def test_a_check_that_fails_on_a_whole_file_fails_verify_as_before(filled, monkeypatch):
    told = Told(["ok"])
    monkeypatch.setattr(parallel_checks, "MIN_LOG_ROWS", 0)
    monkeypatch.setattr(parallel_checks, "_start", lambda path, last: told)
    with Store.open(filled["db"], read_only=True) as store, pytest.raises(DatabaseCorruptError, match="đã bị hỏng"):
        verify_store(store, [failing])
    assert told.stopped


def test_ctrl_c_leaves_no_second_process_behind(filled, monkeypatch):
    processes: list[subprocess.Popen] = []
    popen = subprocess.Popen

    def kept(*args, **kwargs):
        processes.append(popen(*args, **kwargs))
        return processes[-1]

    def interrupted(r) -> list[Problem]:
        raise KeyboardInterrupt

    monkeypatch.setattr(subprocess, "Popen", kept)
    monkeypatch.setattr(parallel_checks, "MIN_LOG_ROWS", 0)
    monkeypatch.setattr(parallel_checks, "_BOOT", "import time; time.sleep(60)")
    with Store.open(filled["db"], read_only=True) as store, pytest.raises(KeyboardInterrupt):
        verify_store(store, [interrupted])
    assert len(processes) == 1 and processes[0].returncode is not None  # ended and reaped
