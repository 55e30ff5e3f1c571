"""The store: every read and write of inspections goes through :class:`Store`.

Usage::

    store = Store.for_workspace(workspace)          # or Store.open(path, user="Cầm Thị Hoa")
    inspection = store.create_inspection(unit, 2024, registry.get_set("xa"), registry=registry)
    saved_at = store.set_verdict(inspection.id, 3, Verdict.DAT)   # committed: show "Đã lưu HH:MM:SS"
    store.set_inputs(inspection.id, 3, {"before": "42"}, Evaluator(registry))

Guarantees:

- **Every write commits at once** in its own transaction (``BEGIN IMMEDIATE … COMMIT``) together
  with its audit-log row; with ``synchronous=FULL`` a write that returned survives a power cut.
  Each write returns the time it was saved. A write that changes nothing writes nothing (and no
  audit row) and returns the time of the answer's last save.
- **One connection per thread.** A Store must be used only by the thread that opened it (sqlite3
  raises ``ProgrammingError`` otherwise). The TUI saves from a Textual thread worker: open a Store
  inside the worker (``Store.open(path)`` or ``store.for_thread()`` called in the worker thread).
  Several Stores on one file, in threads or processes, are fine: WAL lets readers go on while one
  writes, and writers wait up to the busy timeout for each other.
- **A finalized inspection is read-only**: every write to it raises :class:`FinalizedError`
  (checked here, and again by triggers in the database). :meth:`Store.reopen` with a reason undoes
  that, logged.
- **Errors are Vietnamese** :class:`StorageError` subclasses (locked, corrupt, newer database…),
  never a raw sqlite3 traceback; values that cannot be read raise :class:`InvalidValueError`.
- **Storage is the only door to SQL.** The SQL of each family of tables lives in one repository
  (:mod:`.units`, :mod:`.inspections`, :mod:`.answers`, :mod:`.eligibility`,
  :mod:`.attachments`, :mod:`.bundles`); :class:`Store` joins them and adds opening, the audit
  log, verification and backups. Suggestions come from an :class:`~antq_tui.evaluation.Evaluator`
  passed in: the store never decides whether a plugin's check still applies.
- The records returned are those of :mod:`antq_tui.inspection`; the criteria of an inspection are
  the snapshot taken when it started (:meth:`CriteriaSet.from_snapshot`), not the current plugin's.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from . import audit, backup
from .answers import AnswersRepository
from .attachments import AttachmentsRepository
from .audit import AuditEntry
from .bundles import BundlesRepository
from .codec import INSPECTION_FIELDS, UNSET, new_id, now
from .db import BUSY_TIMEOUT_MS, connect, corrupt_message, translate_errors
from .declarations import DeclarationsRepository
from .dossier import DossierRepository
from .eligibility import EligibilityRepository
from .errors import DatabaseCorruptError, NotFoundError, StorageError
from .inspections import InspectionsRepository
from .migrations import check_current, upgrade
from .recognitions import RecognitionsRepository
from .records import Problem
from .registrations import RegistrationsRepository
from .reporting import ReportingRepository
from .signed import SignedReadsRepository
from .statistics import StatisticsRepository

if TYPE_CHECKING:
    from ..workspace import Workspace

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupResult:
    """What :meth:`Store.daily_backup` did: the new file, or nothing, or a Vietnamese warning."""

    path: Path | None = None
    warning: str = ""
    #: the database failed ``PRAGMA quick_check``: ``warning`` names the file and the good backup
    corrupt: bool = False


class Store(InspectionsRepository, DeclarationsRepository, AnswersRepository, EligibilityRepository, AttachmentsRepository,
            BundlesRepository, ReportingRepository, RecognitionsRepository, RegistrationsRepository,
            DossierRepository, StatisticsRepository, SignedReadsRepository):
    """The database of one workspace. See the module docstring for the guarantees.

    Open with :meth:`open` or :meth:`for_workspace`; close with :meth:`close` (or use ``with``).
    """



    # ----------------------------------------------------------------------------------------------
    # opening and closing

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        user: str | None = None,
        backups_keep: int = 10,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> Store:
        """Open the database at ``path``, creating it (and its folder) or upgrading it as needed.

        :param user: who is typing, recorded with every change (default: the OS user).
        :param backups_keep: how many backups :meth:`backup` keeps.
        :param busy_timeout_ms: how long a write waits for another program's lock.
        :param read_only: for commands that only read (``antq list``, ``antq verify``, a dry run):
            never create, upgrade or write the file (SQLite's ``query_only``); a database that needs
            an upgrade raises :class:`OlderDatabaseError` and stays as it is.
        :raises StorageError: (a subclass) when the file is locked, corrupt, not antq's, or newer.
        """
        path = Path(path).absolute()
        if read_only:
            return cls._open_read_only(path, user=user, backups_keep=backups_keep, busy_timeout_ms=busy_timeout_ms)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"Không tạo được thư mục dữ liệu {path.parent}: {exc.strerror}.") from None
        conn = connect(path, busy_timeout_ms=busy_timeout_ms)
        try:
            upgrade(conn, path)
            return cls(conn, path, user=user or os.environ.get("USER") or os.environ.get("USERNAME") or "antq",
                       backups_keep=backups_keep, busy_timeout_ms=busy_timeout_ms)
        except BaseException:
            conn.close()
            raise

    @classmethod
    def _open_read_only(cls, path: Path, *, user: str | None, backups_keep: int, busy_timeout_ms: int) -> Store:
        if not path.is_file():
            raise NotFoundError(f"Chưa có cơ sở dữ liệu {path}.")
        conn = connect(path, busy_timeout_ms=busy_timeout_ms)
        try:
            check_current(conn, path)
            conn.execute("PRAGMA query_only = ON")
            return cls(conn, path, user=user or os.environ.get("USER") or os.environ.get("USERNAME") or "antq",
                       backups_keep=backups_keep, busy_timeout_ms=busy_timeout_ms, read_only=True)
        except BaseException:
            conn.close()
            raise

    @classmethod
    def for_workspace(cls, workspace: Workspace, **kwargs: Any) -> Store:
        """Open the workspace's database (``inspections/antq.db``) as its configured user."""
        config = workspace.config
        kwargs.setdefault("user", config.current_user)
        kwargs.setdefault("backups_keep", config.backups_keep)
        return cls.open(workspace.db_path, **kwargs)

    def for_thread(self) -> Store:
        """A new Store on the same file, as the same user: call it in the thread that will use it."""
        return Store.open(self.path, user=self.user, backups_keep=self.backups_keep,
                          busy_timeout_ms=self.busy_timeout_ms, read_only=self.read_only)

    def close(self) -> None:
        """Close the connection. Everything was committed already; nothing is lost by not calling it."""
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------------------------------------
    # audit log

    def audit_entries(self, inspection_id: str | None = None, *, action: str | None = None,
                      limit: int | None = None, newest_first: bool = False) -> list[AuditEntry]:
        """Entries of the audit log: all, or those of one inspection / one action ("answer.verdict")."""
        conds, params = [], []
        if inspection_id is not None:
            conds.append("inspection_id = ?")
            params.append(inspection_id)
        if action is not None:
            conds.append("action = ?")
            params.append(action)
        sql = "SELECT id, at, who, inspection_id, action, target, old, new, prev_hash, hash FROM audit"
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        sql += " ORDER BY id DESC" if newest_first else " ORDER BY id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        with translate_errors(self.path):
            return [audit.entry_from_row(r) for r in self.conn.execute(sql, params).fetchall()]

    def signed_head_followed(self, inspection_id: str, head: Any, allowed: tuple[str, ...]) -> bool | None:
        """What the inspection's log says of ``head``, a row hash its finalize signature names: None when no
        row of it has that hash; else whether a row follows the first that has it whose action starts with
        none of ``allowed``. Asked of the database: no row of the log is read out."""
        if not isinstance(head, str):
            return None
        with translate_errors(self.path):
            first = self.conn.execute("SELECT min(id) FROM audit WHERE inspection_id = ? AND hash = ?",
                                      [inspection_id, head]).fetchone()[0]
            if first is None:
                return None
            starts = " OR ".join("substr(action, 1, ?) = ?" for _ in allowed) or "0"
            return bool(self.conn.execute(
                f"SELECT EXISTS (SELECT 1 FROM audit WHERE inspection_id = ? AND id > ? AND NOT ({starts}))",
                [inspection_id, first, *(v for prefix in allowed for v in (len(prefix), prefix))]).fetchone()[0])

    def audit_count(self) -> int:
        """How many entries the audit log holds."""
        with translate_errors(self.path):
            return int(self.conn.execute("SELECT count(*) FROM audit").fetchone()[0])

    # ----------------------------------------------------------------------------------------------
    # verification

    def verify(self) -> list[Problem]:
        """Check the database and the files it points to; an empty list means all is well.

        - SQLite's ``integrity_check``;
        - the audit log's hash chain;
        - every snapshot against its hash, as recorded in the log when the inspection started;
        - every answer, eligibility answer and inspection field against the last value the log
          recorded for it (a change written behind antq's back);
        - every attachment and export file: present, same size and sha256.
        """
        from .verify import verify_store

        return verify_store(self)

    # ----------------------------------------------------------------------------------------------
    # backups

    def daily_backup(self) -> BackupResult:
        """Check the database (``PRAGMA quick_check``), then take today's backup unless one exists
        already; never raises. A damaged database is never copied: ``.corrupt`` is set and
        ``.warning`` names the file and the newest good backup (commands stop on it).

        Call it once when the app starts being used: the TUI at start-up, every command that
        writes (:func:`antq_tui.cli.main.open_store_for_writing`). Returns the new file in
        ``.path``, or ``.path`` None when today's backup exists, the database holds no inspection,
        or the copy failed; then ``.warning`` says so in Vietnamese for the UI to show (the error
        is logged). A failed backup never stops the work.
        """
        problems = backup.check_remembered(self.conn, self.path)  # a damaged file must not go unseen
        if problems:
            log.error("database %s fails quick_check: %s", self.path, problems)
            return BackupResult(warning=corrupt_message(self.path, "; ".join(problems[:2])), corrupt=True)
        try:
            today = now().date()
            if any(backup.backup_day(p) == today for p in self.backups()):
                return BackupResult()
            if self._one("SELECT 1 AS x FROM inspections LIMIT 1") is None:
                return BackupResult()
            return BackupResult(self.backup("daily"))
        except DatabaseCorruptError as exc:  # never "work goes on as usual": say which file and what to do
            log.error("daily backup of %s refused: %s", self.path, exc)
            return BackupResult(warning=str(exc), corrupt=True)
        except (OSError, StorageError) as exc:
            log.error("daily backup of %s failed: %s", self.path, exc)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return BackupResult(warning=f"Không sao lưu được cơ sở dữ liệu hôm nay vào {self.backups_dir}: {reason}. "
                                        "Công việc vẫn được lưu bình thường; hãy kiểm tra ổ đĩa.")

    def backups(self) -> list[Path]:
        """The backups in ``backups/``, newest first."""
        return backup.list_backups(self.backups_dir)


__all__ = ["INSPECTION_FIELDS", "UNSET", "BackupResult", "Store", "new_id", "now"]
