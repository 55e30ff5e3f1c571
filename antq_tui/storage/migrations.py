"""The schema, changed only through numbered migrations recorded in the database.

sqlite-utils' :class:`~sqlite_utils.migrations.Migrations` records each applied migration in
``_sqlite_migrations`` and runs each one in a transaction together with that record. The DDL is
written out as SQL rather than built with ``table.create()``: a migration is frozen history, and its
exact text (constraints, triggers) must not change when the library does.

Rules for adding one: never edit a migration that has shipped; add ``000N_what_and_why`` at the end;
keep it transactional; if it changes a table a trigger guards, drop and recreate the trigger inside it.
:func:`upgrade` copies the file aside before applying anything to an existing database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .db import TRIGGER_APPEND_ONLY, TRIGGER_FINALIZED, copy_database_file, translate_errors, use_wal
from .errors import NewerDatabaseError, OlderDatabaseError, StorageError

migrations = Migrations("antq")

_INITIAL = [
    """
    CREATE TABLE units (
        id TEXT PRIMARY KEY,                -- a UUID, the same on every laptop
        name TEXT NOT NULL,                 -- NFC, as typed: "Xã Phiêng Ban"
        kind TEXT NOT NULL,                 -- a key of antq_tui.criteria.UNIT_KINDS
        district TEXT NOT NULL DEFAULT '',
        province TEXT NOT NULL DEFAULT '',
        name_folded TEXT NOT NULL,          -- antq_tui.folding.fold(name)
        search_folded TEXT NOT NULL,        -- fold(name, kind label, district, province)
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX units_name_folded ON units(name_folded)",
    """
    CREATE TABLE snapshots (
        -- a criteria set as an inspection started with it; identical snapshots are stored once
        sha256 TEXT PRIMARY KEY,            -- over the four JSON texts below, joined by newlines
        criteria TEXT NOT NULL,             -- JSON: CriteriaSet.to_data() after amendments
        eligibility TEXT NOT NULL DEFAULT '[]',  -- JSON: [EligibilityCheck.to_data() + fingerprint]
        plugins TEXT NOT NULL DEFAULT '{}',  -- JSON: plugin name -> version
        fingerprints TEXT NOT NULL DEFAULT '{}',  -- JSON: criterion number -> Criterion.fingerprint()
        taken_at TEXT NOT NULL              -- when it was first taken
    )
    """,
    """
    CREATE TABLE inspections (
        id TEXT PRIMARY KEY,                -- a UUID, globally unique (bundles merge on it)
        unit_id TEXT NOT NULL REFERENCES units(id),
        -- the unit as it was named when inspected: a finalized inspection keeps these after a merger
        unit_name TEXT NOT NULL,
        unit_kind TEXT NOT NULL,
        unit_district TEXT NOT NULL DEFAULT '',
        unit_province TEXT NOT NULL DEFAULT '',
        year INTEGER NOT NULL,
        set_id TEXT NOT NULL,
        set_version TEXT NOT NULL,
        snapshot_sha256 TEXT NOT NULL REFERENCES snapshots(sha256),
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'finalized')),
        visit_date TEXT,                    -- ISO yyyy-mm-dd
        place TEXT NOT NULL DEFAULT '',
        start_time TEXT NOT NULL DEFAULT '',  -- "08:00"
        end_time TEXT NOT NULL DEFAULT '',
        team TEXT NOT NULL DEFAULT '[]',    -- JSON list of Member
        representatives TEXT NOT NULL DEFAULT '[]',
        strengths TEXT NOT NULL DEFAULT '',
        shortcomings TEXT NOT NULL DEFAULT '',
        recommendations TEXT NOT NULL DEFAULT '',
        conclusion TEXT NOT NULL DEFAULT '',
        minutes_number TEXT NOT NULL DEFAULT '',
        criteria_total INTEGER NOT NULL,    -- criteria in the snapshot
        assessed INTEGER NOT NULL DEFAULT 0,  -- answers with a team verdict (kept by the store)
        search_folded TEXT NOT NULL,        -- fold(unit name, kind label, district, province, year, set)
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        finalized_at TEXT
    )
    """,
    "CREATE INDEX inspections_unit_year ON inspections(unit_id, year)",
    "CREATE INDEX inspections_year ON inspections(year)",
    "CREATE INDEX inspections_updated ON inspections(updated_at)",
    """
    CREATE TABLE answers (
        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        self_assessment TEXT CHECK (self_assessment IN ('dat', 'khong_dat')),
        verdict TEXT CHECK (verdict IN ('dat', 'khong_dat')),
        inputs TEXT NOT NULL DEFAULT '{}',  -- JSON: field id -> Field.to_json(value)
        suggestion TEXT,                    -- JSON: Suggestion.to_json()
        evidence TEXT NOT NULL DEFAULT '[]',  -- JSON: [{item, seen, number, date, note}]
        remark TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (inspection_id, number)
    )
    """,
    """
    CREATE TABLE eligibility_answers (
        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        check_id TEXT NOT NULL,
        inputs TEXT NOT NULL DEFAULT '{}',
        suggestion TEXT,
        decision TEXT CHECK (decision IN ('dat', 'khong_dat')),
        remark TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (inspection_id, check_id)
    )
    """,
    """
    CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        number INTEGER,                     -- the criterion it documents, if any
        name TEXT NOT NULL,                 -- the original file name
        path TEXT NOT NULL,                 -- relative to the data folder
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX attachments_inspection ON attachments(inspection_id)",
    """
    CREATE TABLE exports (
        id TEXT PRIMARY KEY,
        inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        path TEXT NOT NULL,                 -- relative to the data folder when inside it
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        status TEXT NOT NULL,               -- the inspection's status when exported
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX exports_inspection ON exports(inspection_id)",
    """
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        inspection_id TEXT,                 -- no foreign key: the log outlives a deleted draft
        action TEXT NOT NULL,               -- "answer.verdict", "inspection.finalize", …
        target TEXT NOT NULL DEFAULT '',    -- criterion number, field name, check id, …
        old TEXT,                           -- JSON
        new TEXT,                           -- JSON
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL                  -- sha256(prev_hash + this row's content)
    )
    """,
    "CREATE INDEX audit_inspection ON audit(inspection_id, id)",
]

# A finalized inspection is read-only in the database itself, whatever code writes to it.
_FINALIZED_GUARDS = {
    "inspections_finalized_update": f"""
    CREATE TRIGGER inspections_finalized_update BEFORE UPDATE ON inspections
    WHEN OLD.status = 'finalized' AND NEW.status = 'finalized'
    BEGIN SELECT RAISE(ABORT, '{TRIGGER_FINALIZED}'); END
    """,
    "inspections_finalized_delete": f"""
    CREATE TRIGGER inspections_finalized_delete BEFORE DELETE ON inspections
    WHEN OLD.status = 'finalized'
    BEGIN SELECT RAISE(ABORT, '{TRIGGER_FINALIZED}'); END
    """,
}
for _table, _key in (("answers", "number"), ("eligibility_answers", "check_id"), ("attachments", "id")):
    for _event, _row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        _name = f"{_table}_finalized_{_event.lower()}"
        _FINALIZED_GUARDS[_name] = f"""
        CREATE TRIGGER {_name} BEFORE {_event} ON {_table}
        WHEN (SELECT status FROM inspections WHERE id = {_row}.inspection_id) = 'finalized'
        BEGIN SELECT RAISE(ABORT, '{TRIGGER_FINALIZED}'); END
        """

_APPEND_ONLY = [
    f"""
    CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}
    BEGIN SELECT RAISE(ABORT, '{TRIGGER_APPEND_ONLY}'); END
    """
    for table in ("audit", "snapshots")
    for event in ("UPDATE", "DELETE")
]


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    """Units, inspections with their criteria snapshot, answers, attachments, exports, the audit log."""
    for sql in _INITIAL + list(_FINALIZED_GUARDS.values()) + _APPEND_ONLY:
        db.execute(sql)


@migrations(name="0002_origin")
def m0002_origin(db: Database) -> None:
    """Record which database each inspection was created in.

    Bundles move inspections between laptops and up to the district and the province; the merge
    must tell "created here" from "imported from laptop X". Each database gets a random id in the
    new ``meta`` table, and every inspection an ``origin`` (the id of the database that created it;
    the ones already here were created here).
    """
    database_id = str(uuid.uuid4())
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta (key, value) VALUES ('database_id', ?)", [database_id])
    db.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", [dt.datetime.now().astimezone().isoformat()])
    db.execute("ALTER TABLE inspections ADD COLUMN origin TEXT NOT NULL DEFAULT ''")
    # finalized rows are guarded; lift the guard for this one backfill, inside the same transaction
    db.execute("DROP TRIGGER inspections_finalized_update")
    db.execute("UPDATE inspections SET origin = ?", [database_id])
    db.execute(_FINALIZED_GUARDS["inspections_finalized_update"])


@migrations(name="0003_bundles")
def m0003_bundles(db: Database) -> None:
    """What merging bundles from other databases needs to remember (see :mod:`antq_tui.exchange`).

    - ``audit_origin``: an audit row imported from another database is appended to this database's
      chain like any other, and keeps here where it came from and its link in its own chain there
      (its id, inspection, prev_hash and hash), so ``antq verify`` checks both chains and a row
      imported again (directly, or through the district) is recognised. Append-only, like the log.
    - ``inspection_copies``: an inspection kept beside another because both sides changed it (a
      conflict), never overwriting it.
    - ``unit_aliases``: the id another database gave a unit matched here by name, kind and place.
    """
    db.execute(
        """
        CREATE TABLE audit_origin (
            audit_id INTEGER PRIMARY KEY REFERENCES audit(id),
            origin TEXT NOT NULL,               -- database_id of the database that wrote the row
            origin_id INTEGER NOT NULL,         -- the row's id there
            origin_inspection_id TEXT,          -- its inspection there (a conflict copy has its own here)
            origin_prev_hash TEXT NOT NULL,
            origin_hash TEXT NOT NULL
        )
        """
    )
    # not unique: a conflict copy holds again the history it shares with the inspection it sits beside
    db.execute("CREATE INDEX audit_origin_key ON audit_origin(origin, origin_id)")
    for event in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER audit_origin_no_{event.lower()} BEFORE {event} ON audit_origin"
            f" BEGIN SELECT RAISE(ABORT, '{TRIGGER_APPEND_ONLY}'); END"
        )
    db.execute(
        """
        CREATE TABLE inspection_copies (
            id TEXT PRIMARY KEY REFERENCES inspections(id) ON DELETE CASCADE,  -- the copy
            copy_of TEXT NOT NULL,              -- the inspection it was kept beside
            reason TEXT NOT NULL,               -- "both_changed", "finalized_differs"
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX inspection_copies_copy_of ON inspection_copies(copy_of)")
    db.execute(
        """
        CREATE TABLE unit_aliases (
            alias TEXT PRIMARY KEY,             -- a unit id given by another database
            unit_id TEXT NOT NULL REFERENCES units(id),
            created_at TEXT NOT NULL
        )
        """
    )


@migrations(name="0004_unit_registry")
def m0004_unit_registry(db: Database) -> None:
    """The district's registry of units: which units are on the office's full list.

    The statistics need a denominator ("3 of the district's 12 phường are recognised"); the ``units``
    table alone holds only the units someone has inspected. A row here marks a unit as being on the
    list, with the file it was imported from. Leaving the list deletes the row, never the unit.
    """
    db.execute(
        """
        CREATE TABLE unit_registry (
            unit_id TEXT PRIMARY KEY REFERENCES units(id),
            source TEXT NOT NULL DEFAULT '',    -- the file the unit was imported from, if any
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL DEFAULT ''
        )
        """
    )


@migrations(name="0005_reopen_guard")
def m0005_reopen_guard(db: Database) -> None:
    """A finalized inspection goes back to draft only through :meth:`Store.reopen`.

    ``inspections_finalized_update`` (0001) refuses changes while a row stays finalized, but let
    ``UPDATE inspections SET status = 'draft'`` through, after which anything could be changed. This
    trigger refuses leaving ``finalized`` unless the connection's ``antq_reopening(id)`` function
    says the store is reopening that very inspection: :class:`~antq_tui.storage.db.ReopenGuard`,
    which every antq connection registers (answering 0) and which ``Store.reopen`` sets for one id
    inside its own write transaction. Another program (the sqlite3 shell) has no such function, so
    its change of status fails. ``UPDATE OF status``: other updates never run this trigger.
    """
    db.execute(
        f"""
        CREATE TRIGGER inspections_finalized_reopen BEFORE UPDATE OF status ON inspections
        WHEN OLD.status = 'finalized' AND NEW.status IS NOT 'finalized' AND antq_reopening(OLD.id) IS NOT 1
        BEGIN SELECT RAISE(ABORT, '{TRIGGER_FINALIZED}'); END
        """
    )


def known_names() -> list[str]:
    """The names of every migration this antq knows, in order."""
    return [m.name for m in migrations._migrations]


def backup_path(path: Path, before: str) -> Path:
    """Where the copy taken before upgrading lands: ``antq.db.before-0002_origin.bak``."""
    return path.with_name(f"{path.name}.before-{before}.bak")


def upgrade(db: Database, path: Path) -> list[str]:
    """Bring the database at ``path`` to the current schema; returns the names applied.

    A new, empty file gets every migration. An existing antq database gets the pending ones after a
    consistent copy of it is written next to it (:func:`backup_path`). A database that records a
    migration this antq does not know was made by a newer antq: :class:`NewerDatabaseError`, and
    nothing is written. A file with tables but no migration record is not antq's: refused too.
    """
    with translate_errors(path):
        _check_known(db, path)
        use_wal(db, path)  # only now that the file is known to be antq's (it writes the header)
        if not migrations.pending(db):
            return []
        # Another process may be upgrading the same file right now: take the write lock first (it
        # waits up to the busy timeout), then decide again what is pending, so only one applies them.
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            applied = _check_known(db, path)
            pending = migrations.pending(db)
            if pending and applied:
                dest = backup_path(path, pending[0].name)
                if not dest.exists():  # a copy from an earlier, interrupted attempt is the original
                    copy_database_file(path, dest)  # our own connection holds the write lock
            migrations.apply(db)  # each migration a savepoint inside this one transaction
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        return [m.name for m in pending]


def check_current(db: Database, path: Path) -> None:
    """For opening read-only: the database must be antq's and need no upgrade; nothing is written.

    :raises OlderDatabaseError: it needs migrations (an older antq made it).
    :raises NewerDatabaseError: a newer antq made it. :raises StorageError: not antq's, or empty.
    """
    with translate_errors(path):
        applied = _check_known(db, path)
        if not applied:
            raise StorageError(f"Tệp {path} chưa phải cơ sở dữ liệu antq (trống). antq không ghi gì vào tệp.")
        pending = migrations.pending(db)
    if pending:
        raise OlderDatabaseError(
            f"Cơ sở dữ liệu {path} do một phiên bản antq cũ hơn tạo và cần được nâng cấp trước khi xem "
            f"(thay đổi cấu trúc “{', '.join(m.name for m in pending)}”). Lệnh này chỉ đọc nên không nâng cấp; "
            "tệp giữ nguyên. Hãy mở antq (giao diện) một lần: antq chép một bản sao rồi tự nâng cấp."
        )


def _check_known(db: Database, path: Path) -> list[str]:
    """The migrations applied to the file; refuses a newer antq's database and a foreign one."""
    tables = set(db.table_names())
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise NewerDatabaseError(
            f"Cơ sở dữ liệu {path} được tạo hoặc nâng cấp bởi một phiên bản antq mới hơn "
            f"(có thay đổi cấu trúc “{', '.join(unknown)}” mà phiên bản này không biết). antq không ghi "
            "gì vào tệp. Hãy cài phiên bản antq mới hơn để mở."
        )
    if tables and not applied:
        raise StorageError(
            f"Tệp {path} là một cơ sở dữ liệu SQLite nhưng không phải của antq. antq không ghi gì vào tệp; "
            "hãy kiểm tra lại thư mục dữ liệu trong config.toml."
        )
    return applied
