"""The schema, changed only through numbered migrations recorded in the database.

sqlite-utils' :class:`~sqlite_utils.migrations.Migrations` records each applied migration in
``_sqlite_migrations`` and runs each one in a transaction together with that record. The DDL is
written out as literal SQL in :mod:`.frozen_sql` rather than built with ``table.create()`` or from
loops and constants: a migration is frozen history, and its exact text (constraints, triggers) must
not change when the library or another module does. :func:`~.schema.check_schema` then checks the
result against the one description of the tables (:mod:`.schema`) after every upgrade and open.

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

from . import frozen_sql
from .db import copy_database_file, translate_errors, use_wal
from .errors import NewerDatabaseError, OlderDatabaseError, StorageError
from .schema import check_schema

migrations = Migrations("antq")

@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    """Units, inspections with their criteria snapshot, answers, attachments, exports, the audit log."""
    for sql in frozen_sql.M0001_INITIAL:
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
    db.execute(frozen_sql.M0002_FINALIZED_UPDATE_GUARD)


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
    for sql in frozen_sql.M0003_AUDIT_ORIGIN_APPEND_ONLY:
        db.execute(sql)
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
    db.execute(frozen_sql.M0005_REOPEN_GUARD)


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
            check_schema(db, path)
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
            check_schema(db, path)  # the migrations made exactly the tables storage/schema.py describes
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
        if not pending:
            check_schema(db, path)
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


@migrations(name="0006_guards_old_rows")
def m0006_guards_old_rows(db: Database) -> None:
    """Guards that look at the row before the change too, and guards on ``exports``.

    The update triggers of 0001 asked only whether the NEW row's inspection was finalized, so
    ``UPDATE attachments SET inspection_id = '<draft>' WHERE inspection_id = '<finalized>'`` moved a
    finalized inspection's files (or answers) out of it. They are dropped and created again checking
    OLD and NEW. ``exports`` had no guard at all: a recorded export is never edited (its sha256 is
    what ``antq verify`` compares the file with), and the record of official minutes (exported while
    finalized, or of an inspection finalized now) is never deleted. A draft's exports still go with
    the draft when it is deleted.
    """
    for sql in frozen_sql.M0006_GUARDS_OLD_ROWS:
        db.execute(sql)


@migrations(name="0008_attachment_evidence")
def m0008_attachment_evidence(db: Database) -> None:
    """Link an attached file to one evidence record of its criterion (``attachments.evidence_index``).

    The team photographs "hồ sơ 1" of a criterion, not the criterion in general; the walk lists the
    file under that record and the minutes say which record it documents. ``ADD COLUMN`` keeps every
    row (NULL: the criterion as a whole) and touches no trigger, so the guards of finalized
    inspections on ``attachments`` (0001, and any added later) keep working unchanged.
    """
    for sql in frozen_sql.M0008_ATTACHMENT_EVIDENCE:
        db.execute(sql)


@migrations(name="0015_unit_declarations")
def m0015_unit_declarations(db: Database) -> None:
    """What the unit declared in its self-assessment form before the visit (``unit_declarations``).

    One row per criterion: the unit's Đạt/Không đạt, its figures and the số/ngày of its records, as the
    unit wrote them. They are kept apart from the team's ``answers`` so that an import never overwrites
    what the team recorded, and so the walk can show "đơn vị khai" until the team has verified each.
    Guarded like the answers once the inspection is finalized.
    """
    for sql in frozen_sql.M0015_UNIT_DECLARATIONS:
        db.execute(sql)
