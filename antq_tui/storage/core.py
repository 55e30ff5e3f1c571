"""What every repository of the store shares: the connection, write transactions, the audit log,
reading an inspection's row and its criteria snapshot, paths inside the data folder.

:class:`StoreCore` holds the state of one open database; the repositories are mixins over it,
one module per family of tables (units, inspections, answers, eligibility, attachments, bundles), and :class:`~antq_tui.storage.store.Store` joins them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..criteria import CriteriaSet, EligibilityCheck
from ..inspection import STATUS_FINALIZED
from . import audit, backup
from .codec import Snapshot, now, ts
from .db import BUSY_TIMEOUT_MS, Connection, database, dict_rows, translate_errors
from .errors import FinalizedError, NotFoundError, StorageError

if TYPE_CHECKING:
    from sqlite_utils import Database


class StoreCore:
    """The open database of one workspace, as every repository sees it."""

    def __init__(self, conn: Connection, path: Path, *, user: str, backups_keep: int = 10,
                 busy_timeout_ms: int = BUSY_TIMEOUT_MS, read_only: bool = False):
        #: the connection every read and write goes through (:func:`~.db.connect`)
        self.conn = conn
        self.path = path
        self.user = user
        self.read_only = read_only
        self.backups_keep = backups_keep
        self.busy_timeout_ms = busy_timeout_ms
        self._snapshots: dict[str, Snapshot] = {}
        self._batch_due: list[str] | None = None  # inside batch(): the backups asked for, taken after it
        self.database_id: str = self._meta("database_id") or ""

    @functools.cached_property
    def db(self) -> Database:
        """The connection wrapped by sqlite-utils, made the first time a write needs its table helpers
        (a bundle import): reading never imports sqlite-utils."""
        return database(self.conn)

    @property
    def data_dir(self) -> Path:
        """The folder holding the database, attachments and exports."""
        return self.path.parent

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    # ----------------------------------------------------------------------------------------------
    # internals

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Many writes as one transaction (a generator filling a workspace, scripts/make_province.py):
        each write inside keeps its checks and its audit row and is undone alone when it fails (a
        savepoint), but all commit, and reach the disk, once at the end; a backup asked for inside
        (finalize's) is taken once, after the commit."""
        if self._batch_due is not None:
            yield  # already inside a batch
            return
        self._batch_due = []
        try:
            with self._write():
                yield
        finally:
            due, self._batch_due = self._batch_due, None
        if due:
            self.backup(due[-1])

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed at the end of the block (or rolled back on error)."""
        conn = self.conn
        if self._batch_due is not None and conn.in_transaction:
            with translate_errors(self.path):
                conn.execute("SAVEPOINT batch_write")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK TO batch_write")
                    conn.execute("RELEASE batch_write")
                    raise
                conn.execute("RELEASE batch_write")
            return
        with translate_errors(self.path):
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        with translate_errors(self.path):
            return dict_rows(self.conn.execute(sql, dict(params) if isinstance(params, Mapping) else params))

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only SQL query as dicts (for ``antq verify``, bundles and reports that read
        tables directly); errors are Vietnamese :class:`StorageError`. Never use it to write."""
        return self._query(sql, params)

    def query_one(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> dict[str, Any] | None:
        """The first row of :meth:`query`, or None."""
        return self._one(sql, params)  # type: ignore[arg-type]

    def snapshot_criteria(self, inspection_id: str) -> CriteriaSet:
        """The criteria set as the inspection's snapshot holds it (not the current plugin's)."""
        return self._snapshot(inspection_id).criteria

    def fingerprints(self, inspection_id: str) -> dict[int, str]:
        """The fingerprint of each criterion (by number) as the inspection's snapshot recorded it, which
        :class:`~antq_tui.evaluation.Evaluator` compares with the loaded plugin's."""
        return dict(self._snapshot(inspection_id).fingerprints)

    def absolute_path(self, stored: str) -> Path:
        """A path as stored in the attachments and exports tables (relative to the data folder) made absolute."""
        return self._absolute(stored)

    def _meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", [key])
        return row["value"] if row else None

    def _log(self, at: dt.datetime, user: str | None, inspection_id: str | None, action: str, target: str = "",
             old: Any = None, new: Any = None) -> None:
        audit.append(self.conn, at=ts(at), who=user or self.user, inspection_id=inspection_id, action=action,
                     target=target, old=old, new=new)

    def _inspection_row(self, inspection_id: str) -> dict[str, Any]:
        row = self._one("SELECT * FROM inspections WHERE id = ?", [inspection_id])
        if row is None:
            raise NotFoundError(f"Không tìm thấy cuộc kiểm tra “{inspection_id}”.")
        return row

    def _require_draft(self, inspection_id: str) -> dict[str, Any]:
        row = self._inspection_row(inspection_id)
        if row["status"] == STATUS_FINALIZED:
            raise FinalizedError(
                f"Cuộc kiểm tra {row['unit_name']} năm {row['year']} đã hoàn thành nên chỉ được xem; muốn sửa "
                "phải mở lại (ghi rõ lý do)."
            )
        return row

    def _touch(self, inspection_id: str, at: dt.datetime) -> None:
        self.conn.execute("UPDATE inspections SET updated_at = ? WHERE id = ?", [ts(at), inspection_id])

    def _year(self, inspection_id: str) -> int:
        """The inspection's year, which checks of a period ("Quý I hằng năm") compare dates with."""
        return int(self._inspection_row(inspection_id)["year"])

    def _snapshot(self, inspection_id: str) -> Snapshot:
        row = self._one("SELECT snapshot_sha256 FROM inspections WHERE id = ?", [inspection_id])
        if row is None:
            raise NotFoundError(f"Không tìm thấy cuộc kiểm tra “{inspection_id}”.")
        return self.snapshot_by_key(row["snapshot_sha256"], inspection_id)

    def snapshot_by_key(self, key: str, inspection_id: str) -> Snapshot:
        """The snapshot ``key`` (the inspection's ``snapshot_sha256``), read once per store."""
        cached = self._snapshots.get(key)
        if cached is not None:
            return cached
        row = self._one("SELECT * FROM snapshots WHERE sha256 = ?", [key])
        if row is None:
            raise StorageError(f"Cuộc kiểm tra “{inspection_id}” thiếu ảnh chụp bộ tiêu chí (dữ liệu hỏng).")
        eligibility = json.loads(row["eligibility"])
        snap = Snapshot(
            criteria=CriteriaSet.from_snapshot(json.loads(row["criteria"])),
            eligibility=tuple(EligibilityCheck.from_snapshot(e) for e in eligibility),
            plugins=json.loads(row["plugins"]),
            fingerprints={int(k): v for k, v in json.loads(row["fingerprints"]).items()},
            eligibility_fingerprints={e["id"]: e.get("fingerprint", "") for e in eligibility},
            sha256=key,
        )
        self._snapshots[key] = snap
        return snap


    def _relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return str(path)

    def _absolute(self, stored: str) -> Path:
        p = Path(stored)
        return p if p.is_absolute() else self.data_dir / p

    def backup(self, reason: str = "manual") -> Path:
        """A consistent copy of the database into ``backups/``, then prune to ``backups_keep``; inside
        :meth:`batch`, after its commit (the path returned is then the database's own)."""
        if self._batch_due is not None:
            self._batch_due.append(reason)
            return self.path
        at = now()
        with translate_errors(self.path):
            dest = backup.make_backup(self.conn, self.backups_dir, at, reason, source=self.path)
        backup.prune(self.backups_dir, self.backups_keep)
        return dest
