"""The schema, changed only through numbered migrations recorded in the database.

sqlite-utils' :class:`~sqlite_utils.migrations.Migrations` (:func:`sqlite_migrations`) applies them,
each in a transaction together with its record in ``_sqlite_migrations``. Which are applied is read
from that table by plain SQL (:func:`applied`): opening a database that needs no migration, as
nearly every command does, never imports sqlite-utils (~25 ms; issue 19). The DDL is
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
import functools
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import frozen_sql
from .db import copy_database_file, database, translate_errors, use_wal
from .errors import NewerDatabaseError, OlderDatabaseError, StorageError
from .schema import check_schema

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

#: the name of antq's set of migrations in sqlite-utils' table
MIGRATION_SET = "antq"
#: sqlite-utils' record of the migrations applied: one row (migration_set, name, applied_at) per
#: migration, in the order applied (``Migrations.migrations_table``; a test keeps them equal)
MIGRATIONS_TABLE = "_sqlite_migrations"

#: every migration, in order, as :func:`migration` registers them: (name, function)
_STEPS: list[tuple[str, Callable[[Database], None]]] = []


def migration(name: str) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
    """Register the decorated function as the migration ``name`` (after those registered before it)."""
    def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
        if any(n == name for n, _ in _STEPS):
            raise ValueError(f"migration {name} registered twice")
        _STEPS.append((name, fn))
        return fn
    return register


@functools.cache
def sqlite_migrations() -> Migrations:
    """The migrations as sqlite-utils' :class:`~sqlite_utils.migrations.Migrations` (which applies them)."""
    from sqlite_utils.migrations import Migrations

    found = Migrations(MIGRATION_SET)
    for name, fn in _STEPS:
        found(name=name)(fn)
    return found


@migration("0001_initial")
def m0001_initial(db: Database) -> None:
    """Units, inspections with their criteria snapshot, answers, attachments, exports, the audit log."""
    for sql in frozen_sql.M0001_INITIAL:
        db.execute(sql)


@migration("0002_origin")
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


@migration("0003_bundles")
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


@migration("0004_unit_registry")
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


@migration("0005_reopen_guard")
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
    return [name for name, _ in _STEPS]


def applied(conn: sqlite3.Connection) -> list[str]:
    """The names of the migrations applied to the file, in the order applied (read only)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]).fetchone() is None:
        return []
    return [row[0] for row in conn.execute(
        f"SELECT name FROM [{MIGRATIONS_TABLE}] WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET])]


def pending(conn: sqlite3.Connection) -> list[str]:
    """The names of the migrations not applied to the file yet, in order (read only)."""
    done = set(applied(conn))
    return [name for name in known_names() if name not in done]


def backup_path(path: Path, before: str) -> Path:
    """Where the copy taken before upgrading lands: ``antq.db.before-0002_origin.bak``."""
    return path.with_name(f"{path.name}.before-{before}.bak")


def upgrade(conn: sqlite3.Connection, path: Path) -> list[str]:
    """Bring the database at ``path`` to the current schema; returns the names applied.

    A new, empty file gets every migration. An existing antq database gets the pending ones after a
    consistent copy of it is written next to it (:func:`backup_path`). A database that records a
    migration this antq does not know was made by a newer antq: :class:`NewerDatabaseError`, and
    nothing is written. A file with tables but no migration record is not antq's: refused too.
    """
    with translate_errors(path):
        _check_known(conn, path)
        use_wal(conn, path)  # only now that the file is known to be antq's (it writes the header)
        if not pending(conn):
            check_schema(conn, path)
            return []
        # Another process may be upgrading the same file right now: take the write lock first (it
        # waits up to the busy timeout), then decide again what is pending, so only one applies them.
        conn.execute("BEGIN IMMEDIATE")
        try:
            done = _check_known(conn, path)
            names = pending(conn)
            if names and done:
                dest = backup_path(path, names[0])
                if not dest.exists():  # a copy from an earlier, interrupted attempt is the original
                    copy_database_file(path, dest)  # our own connection holds the write lock
            sqlite_migrations().apply(database(conn))  # each migration a savepoint inside this one transaction
            check_schema(conn, path)  # the migrations made exactly the tables storage/schema.py describes
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return names


def check_current(conn: sqlite3.Connection, path: Path) -> None:
    """For opening read-only: the database must be antq's and need no upgrade; nothing is written.

    :raises OlderDatabaseError: it needs migrations (an older antq made it).
    :raises NewerDatabaseError: a newer antq made it. :raises StorageError: not antq's, or empty.
    """
    with translate_errors(path):
        done = _check_known(conn, path)
        if not done:
            raise StorageError(f"Tệp {path} chưa phải cơ sở dữ liệu antq (trống). antq không ghi gì vào tệp.")
        names = pending(conn)
        if not names:
            check_schema(conn, path)
    if names:
        raise OlderDatabaseError(
            f"Cơ sở dữ liệu {path} do một phiên bản antq cũ hơn tạo và cần được nâng cấp trước khi xem "
            f"(thay đổi cấu trúc “{', '.join(names)}”). Lệnh này chỉ đọc nên không nâng cấp; "
            "tệp giữ nguyên. Hãy mở antq (giao diện) một lần: antq chép một bản sao rồi tự nâng cấp."
        )


def _check_known(conn: sqlite3.Connection, path: Path) -> list[str]:
    """The migrations applied to the file; refuses a newer antq's database and a foreign one."""
    tables = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone() is not None
    done = applied(conn)
    unknown = [name for name in done if name not in known_names()]
    if unknown:
        raise NewerDatabaseError(
            f"Cơ sở dữ liệu {path} được tạo hoặc nâng cấp bởi một phiên bản antq mới hơn "
            f"(có thay đổi cấu trúc “{', '.join(unknown)}” mà phiên bản này không biết). antq không ghi "
            "gì vào tệp. Hãy cài phiên bản antq mới hơn để mở."
        )
    if tables and not done:
        raise StorageError(
            f"Tệp {path} là một cơ sở dữ liệu SQLite nhưng không phải của antq. antq không ghi gì vào tệp; "
            "hãy kiểm tra lại thư mục dữ liệu trong config.toml."
        )
    return done


@migration("0006_guards_old_rows")
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


@migration("0008_attachment_evidence")
def m0008_attachment_evidence(db: Database) -> None:
    """Link an attached file to one evidence record of its criterion (``attachments.evidence_index``).

    The team photographs "hồ sơ 1" of a criterion, not the criterion in general; the walk lists the
    file under that record and the minutes say which record it documents. ``ADD COLUMN`` keeps every
    row (NULL: the criterion as a whole) and touches no trigger, so the guards of finalized
    inspections on ``attachments`` (0001, and any added later) keep working unchanged.
    """
    for sql in frozen_sql.M0008_ATTACHMENT_EVIDENCE:
        db.execute(sql)


@migration("0009_recognitions")
def m0009_recognitions(db: Database) -> None:
    """Record what happens after the visit: the recognition decision and the award proposals.

    ``recognitions``: the decision (số, ngày, the body that issued it, its level) that recognises a
    unit on one finalized inspection, new ("công nhận mới") or maintained ("duy trì"); it is never
    deleted, only marked removed with who, when and why. ``award_proposals``: a Bằng khen proposed
    for a recognised unit (one per unit and year). ``units.management_level``: who manages the unit
    (cấp xã, huyện, tỉnh; empty: by its kind), which decides who recognises it.
    """
    for sql in frozen_sql.M0009_RECOGNITIONS:
        db.execute(sql)


@migration("0010_dossier")
def m0010_dossier(db: Database) -> None:
    """The recognition dossier and the eligibility lists (``dossier_items``, ``eligibility_cases``).

    The provinces' plans list the dossier a unit sends to be recognised: the tờ trình or đề xuất of the
    UBND xã or the head of the agency, the báo cáo kết quả xây dựng and the biên bản họp xét; each is
    kept per unit and year with its số, ngày and a copy of the file. The district plans ask the units to
    list ("danh sách") the people disciplined, the law violations, the pending complaints: one row per
    case under its eligibility condition. New tables only; no existing row or trigger changes.
    """
    for sql in frozen_sql.M0010_DOSSIER:
        db.execute(sql)


@migration("0011_registrations")
def m0011_registrations(db: Database) -> None:
    """The registration list of each year, and attributes of the units on the registry.

    Provinces ask units to register to build the model in the first quarter ("trước ngày 30/3") and
    each district to select at least one commune and one agency a year; the list, with the date each
    unit registered, is what the calendar and the selection targets count. It belongs to the
    office's database (no bundle carries it, no finalized-inspection guard concerns it).

    Some targets count over a kind of commune another programme decides (Tuyên Quang: the communes
    recognised as nông thôn mới), so a unit on the registry carries attributes (a JSON list of ids,
    from the registry file's "Thuộc diện" column). ``ADD COLUMN`` with a default keeps every row.
    """
    for sql in frozen_sql.M0011_REGISTRATIONS:
        db.execute(sql)


@migration("0012_report_sections")
def m0012_report_sections(db: Database) -> None:
    """The office's draft of the district report's narrative sections (tuyên truyền, ưu điểm, tồn tại
    và nguyên nhân, bài học kinh nghiệm, kiến nghị, phương hướng), one per year and period.

    antq prefills them from the minutes; the office rewrites them before the report is signed, and
    what it typed must survive closing antq. They belong to this office's database, not to an
    inspection, so no bundle carries them and no finalized-inspection guard concerns them.
    """
    db.execute(frozen_sql.M0012_REPORT_SECTIONS)


@migration("0015_unit_declarations")
def m0015_unit_declarations(db: Database) -> None:
    """What the unit declared in its self-assessment form before the visit (``unit_declarations``).

    One row per criterion: the unit's Đạt/Không đạt, its figures and the số/ngày of its records, as the
    unit wrote them. They are kept apart from the team's ``answers`` so that an import never overwrites
    what the team recorded, and so the walk can show "đơn vị khai" until the team has verified each.
    Guarded like the answers once the inspection is finalized.
    """
    for sql in frozen_sql.M0015_UNIT_DECLARATIONS:
        db.execute(sql)
