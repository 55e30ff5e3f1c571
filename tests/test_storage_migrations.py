"""Opening a database: an older one is upgraded after a copy is set aside; a newer, foreign, locked or
corrupt one is refused with a Vietnamese message and left as it was."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from storage_fixtures import PLUGIN, new_inspection, open_store, sample_set

from antq_tui.storage import (
    DatabaseCorruptError,
    DatabaseLockedError,
    FinalizedError,
    NewerDatabaseError,
    StorageError,
    Store,
    audit,
)
from antq_tui.storage.codec import dumps as _dumps
from antq_tui.storage.codec import snapshot_hash
from antq_tui.storage.db import connect, database
from antq_tui.storage.migrations import applied, backup_path, known_names, sqlite_migrations


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused_untouched(path: Path, error: type[Exception]) -> str:
    """Opening ``path`` raises ``error`` and leaves the file byte for byte as it was; the message."""
    before = file_hash(path)
    with pytest.raises(error) as info:
        open_store(path)
    assert file_hash(path) == before
    return str(info.value)


def make_first_version_database(path: Path) -> str:
    """A database as the first schema version (0001 only) held it: a finalized inspection with an
    answer, written the way that version wrote them (rows plus their audit chain)."""
    db = database(connect(path))
    sqlite_migrations().apply(db, stop_before="0002_origin")
    conn = db.conn
    at = "2024-10-12T09:30:00.000+07:00"
    cset = sample_set()
    criteria = _dumps(cset.to_data())
    eligibility, plugins = "[]", _dumps({PLUGIN: "1.0"})
    fingerprints = _dumps({str(c.number): c.fingerprint() for c in cset.criteria})
    digest = snapshot_hash(criteria, eligibility, plugins, fingerprints)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO snapshots VALUES (?, ?, ?, ?, ?, ?)",
                 [digest, criteria, eligibility, plugins, fingerprints, at])
    conn.execute("INSERT INTO units VALUES ('u1', 'Xã Phiêng Ban', 'xa', 'Bắc Yên', 'Sơn La', 'xa phieng ban',"
                 " 'xa phieng ban xa bac yen son la', ?, ?)", [at, at])
    conn.execute(
        "INSERT INTO inspections (id, unit_id, unit_name, unit_kind, unit_district, unit_province, year, set_id,"
        " set_version, snapshot_sha256, status, criteria_total, assessed, search_folded, created_at, updated_at,"
        " finalized_at) VALUES ('i1', 'u1', 'Xã Phiêng Ban', 'xa', 'Bắc Yên', 'Sơn La', 2024, 'xa_test', '1.0', ?,"
        " 'draft', 34, 1, 'xa phieng ban xa bac yen son la 2024 xa_test', ?, ?, NULL)", [digest, at, at])
    evidence = _dumps([{"item": "Hồ sơ của tiêu chí 1", "seen": False, "number": "", "date": None, "note": ""}])
    conn.execute("INSERT INTO answers (inspection_id, number, verdict, evidence, updated_at, updated_by)"
                 " VALUES ('i1', 1, 'dat', ?, ?, 'Cầm Thị Hoa')", [evidence, at])
    conn.execute("UPDATE inspections SET status = 'finalized', finalized_at = ? WHERE id = 'i1'", [at])
    fields = {"visit_date": None, "place": "", "start_time": "", "end_time": "", "team": [], "representatives": [],
              "minutes_number": ""}
    for action, target, old, new in [
        ("unit.create", "u1", None, {"name": "Xã Phiêng Ban", "kind": "xa", "district": "Bắc Yên", "province": "Sơn La"}),
        ("inspection.create", "", None, {"unit_id": "u1", "year": 2024, "set": "xa_test", "snapshot_sha256": digest,
                                         "fields": fields}),
        ("answer.verdict", "1", None, "dat"),
        ("inspection.finalize", "status", "draft", "finalized"),
    ]:
        audit.append(conn, at=at, who="Cầm Thị Hoa", inspection_id=None if action == "unit.create" else "i1",
                     action=action, target=target, old=old, new=new)
    conn.execute("COMMIT")
    db.close()
    return "i1"


def test_a_first_version_database_is_upgraded_after_a_copy_is_set_aside(tmp_path: Path):
    path = tmp_path / "antq.db"
    iid = make_first_version_database(path)
    store = open_store(path)
    try:
        assert applied(store.conn) == known_names()
        copy = backup_path(path, "0002_origin")
        assert copy.name == "antq.db.before-0002_origin.bak"
        old = sqlite3.connect(copy)
        assert [r[0] for r in old.execute("SELECT name FROM _sqlite_migrations")] == ["0001_initial"]
        assert "origin" not in [r[1] for r in old.execute("PRAGMA table_info(inspections)")]
        old.close()

        got = store.get_inspection(iid)
        assert got.finalized and got.answers[1].verdict.value == "dat"
        assert got.origin == store.database_id != ""  # created here, before origins were recorded
        with pytest.raises(FinalizedError):  # the upgrade kept the read-only guard
            store.set_verdict(iid, 1, "không đạt")
        assert store.verify() == []
        # new inspections record this database as their origin too
        assert new_inspection(store).origin == store.database_id
    finally:
        store.close()
    # opening again applies nothing and copies nothing more
    open_store(path).close()
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == ["antq.db.before-0002_origin.bak"]


def test_a_database_from_a_newer_antq_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "antq.db"
    with open_store(path) as store:
        new_inspection(store)
        store.conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                           " VALUES ('antq', '0099_from_the_future', '2030-01-01')")
    message = refused_untouched(path, NewerDatabaseError)
    assert "phiên bản antq mới hơn" in message and "0099_from_the_future" in message
    assert not list(tmp_path.glob("*.bak"))


def test_a_sqlite_file_that_is_not_antqs_is_refused(tmp_path: Path):
    path = tmp_path / "antq.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE khach_hang (ten TEXT)")
    other.commit()
    other.close()
    assert "không phải của antq" in refused_untouched(path, StorageError)


def test_a_file_that_is_not_a_database_gives_a_clear_message(tmp_path: Path):
    path = tmp_path / "antq.db"
    path.write_bytes(b"day khong phai co so du lieu " * 200)
    message = refused_untouched(path, DatabaseCorruptError)
    assert "không phải cơ sở dữ liệu antq hoặc đã bị hỏng" in message and "backups" in message


def test_damaged_pages_are_reported_by_verify(tmp_path: Path):
    path = tmp_path / "antq.db"
    with open_store(path) as store:
        for year in range(2000, 2040):
            new_inspection(store, year=year)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(3 * page, len(data) - page, 5 * page):  # scribble over some pages, keep the header
        data[offset: offset + 400] = b"\x13" * 400  # from the page header: damage whatever the page holds
    path.write_bytes(bytes(data))
    try:
        store = open_store(path)
    except DatabaseCorruptError:
        return  # refused at once: also a clear message
    with store:
        try:
            problems = store.verify()
        except DatabaseCorruptError as exc:
            assert "đã bị hỏng" in str(exc)
            return
    assert problems and problems[0].kind == "integrity"


def test_a_write_while_another_program_holds_the_lock_says_so_and_is_not_lost_later(tmp_path: Path):
    path = tmp_path / "antq.db"
    store = open_store(path, busy_timeout_ms=100)
    iid = new_inspection(store).id
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError) as info:
            store.set_verdict(iid, 1, "đạt")
        assert "đang bị một chương trình khác khóa" in str(info.value) and "CHƯA được lưu" in str(info.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.set_verdict(iid, 1, "đạt")  # the same write goes through once the lock is gone
    assert store.get_inspection(iid).answers[1].verdict.value == "dat"
    assert store.verify() == []
    store.close()


def test_pragmas_make_each_commit_durable(tmp_path: Path):
    with open_store(tmp_path / "antq.db") as store:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        # the shipped migrations in order; each later one (0009 …) is appended after them, numbered in order
        names = json.loads(json.dumps(known_names()))
        assert names[:7] == ["0001_initial", "0002_origin", "0003_bundles", "0004_unit_registry",
                             "0005_reopen_guard", "0006_guards_old_rows", "0008_attachment_evidence"]
        assert names == sorted(names) and {"0009_recognitions", "0015_unit_declarations"} <= set(names)
        # recursive_triggers as sqlite-utils set it on the connections it wrapped (REPLACE fires delete triggers)
        assert conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 1


def test_the_applied_migrations_are_read_as_sqlite_utils_records_them(tmp_path: Path):
    """antq reads sqlite-utils' own record of the applied migrations by plain SQL (no sqlite-utils on
    a read): the same table, set and order as :class:`~sqlite_utils.migrations.Migrations` uses."""
    from sqlite_utils.migrations import Migrations

    from antq_tui.storage import migrations as m

    assert Migrations.migrations_table == m.MIGRATIONS_TABLE
    assert [x.name for x in m.sqlite_migrations()._migrations] == known_names()
    path = tmp_path / "antq.db"
    db = database(connect(path))
    sqlite_migrations().apply(db, stop_before="0004_unit_registry")
    assert applied(db.conn) == [x.name for x in sqlite_migrations().applied(db)] == known_names()[:3]
    assert m.pending(db.conn) == [x.name for x in sqlite_migrations().pending(db)] == known_names()[3:]
    db.close()
    with open_store(path) as store:
        assert applied(store.conn) == [x.name for x in sqlite_migrations().applied(store.db)] == known_names()


def test_two_programs_opening_an_old_database_at_once_upgrade_it_once(tmp_path: Path, monkeypatch):
    """Two programs open the same old database together and both find migrations pending: one
    upgrades, the other waits for it and applies nothing (before: "table meta already exists")."""
    import threading
    import time

    from antq_tui.storage import db as db_module
    from antq_tui.storage import migrations as migrations_module

    path = tmp_path / "antq.db"
    iid = make_first_version_database(path)
    real_pending = migrations_module.pending

    def slow_pending(conn):  # a slow disk: time passes between deciding and doing
        found = real_pending(conn)
        time.sleep(0.3)
        return found

    monkeypatch.setattr(migrations_module, "pending", slow_pending)
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def open_and_upgrade() -> None:
        db = db_module.connect(path)
        try:
            start.wait()
            migrations_module.upgrade(db, path)
        except BaseException as exc:
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=open_and_upgrade) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    monkeypatch.undo()
    assert errors == []
    with open_store(path) as store:
        assert applied(store.conn) == known_names()
        assert store.get_inspection(iid).status == "finalized"
        assert store.verify() == []
    assert backup_path(path, "0002_origin").exists()


def test_frozen_migration_sql_is_literal_and_matches_the_schema_description(tmp_path) -> None:
    """Migration SQL is literal text (its trigger messages are those db.py translates), and the
    tables it makes are exactly those storage/schema.py describes."""
    from antq_tui.storage import frozen_sql
    from antq_tui.storage.db import TRIGGER_APPEND_ONLY, TRIGGER_FINALIZED, TRIGGER_RECORDED
    from antq_tui.storage.schema import TABLES, check_schema

    text = "\n".join(frozen_sql.M0001_INITIAL) + frozen_sql.M0005_REOPEN_GUARD + "\n".join(
        frozen_sql.M0006_GUARDS_OLD_ROWS)
    assert f"'{TRIGGER_FINALIZED}'" in text and f"'{TRIGGER_APPEND_ONLY}'" in text
    assert f"'{TRIGGER_RECORDED}'" in text
    assert "{table}" not in text and "{_name}" not in text  # no template left unfilled
    with Store.open(tmp_path / "antq.db") as store:
        check_schema(store.conn, store.path)
        assert set(TABLES) <= set(store.db.table_names())


def test_0009_keeps_every_unit_and_inspection_of_a_database_made_before_it(tmp_path: Path):
    """A database of 0008 upgraded to 0009 keeps its units (now managed at the default level) and can
    record a recognition at once."""
    from sqlite_utils import Database

    from antq_tui.inspection import Unit
    from antq_tui.storage import migrations as m

    path = tmp_path / "antq.db"
    with open_store(path) as store:
        store.upsert_unit(Unit("u1", "Xã Phiêng Ban", "xa", "Bắc Yên", "Sơn La"))
    db = Database(path)
    # wind the file back to 0008: drop what 0009 made, as an older antq would have left it
    db.execute("DROP TABLE recognitions")
    db.execute("DROP TABLE award_proposals")
    db.execute("ALTER TABLE units DROP COLUMN management_level")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '0009_recognitions'")
    db.conn.commit()
    db.close()
    with sqlite3.connect(path) as conn:
        assert "0009_recognitions" in m.pending(conn)
    assert "0009_recognitions" in [x.name for x in m.sqlite_migrations().pending(Database(path))]  # sqlite-utils agrees
    with open_store(path) as store:
        assert store.get_unit("u1").name == "Xã Phiêng Ban"
        assert store.management_levels() == {}
        store.set_management_level("u1", "tinh")
        assert store.management_levels() == {"u1": "tinh"}
