"""What a bundle export reads and what a bundle import writes (see :mod:`antq_tui.exchange`).

The exchange package decides (which inspection is new, unchanged, a conflict); every statement it
needs is here, so the exchange code never holds SQL. Rows are read and written as stored: the
import brings rows another antq wrote, encoded already, and inserts them with the columns
:mod:`..schema` describes (anything else a bundle row carries is left out).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..inspection import STATUS_FINALIZED
from . import audit
from .core import StoreCore
from .db import translate_errors
from .errors import NotFoundError
from .schema import TABLES

#: the tables a bundle carries rows of, and how each is ordered in it
_CHILD_ORDER = (("answers", "inspection_id, number"), ("eligibility_answers", "inspection_id, check_id"),
                ("attachments", "inspection_id, added_at, rowid"), ("exports", "inspection_id, created_at, rowid"),
                ("eligibility_cases", "inspection_id, added_at, rowid"))
_WITHIN = "IN (SELECT value FROM json_each(?))"


class BundlesRepository(StoreCore):
    # -- export ----------------------------------------------------------------------------------
    def inspection_ids(self, *, year: int | None = None, starting_with: str | None = None) -> list[str]:
        """Ids of every inspection (of one year; whose id begins with ``starting_with``), sorted."""
        conds: list[str] = []
        params: list[Any] = []
        if year is not None:
            conds.append("year = ?")
            params.append(year)
        if starting_with is not None:
            conds.append("substr(id, 1, length(?)) = ?")
            params += [starting_with, starting_with]
        where = f" WHERE {' AND '.join(conds)}" if conds else ""
        return [r["id"] for r in self._query(f"SELECT id FROM inspections{where} ORDER BY id", params)]

    def bundle_rows(self, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Every stored row that belongs to the inspections ``ids``, read in one consistent snapshot.

        ``inspections`` rows carry ``copy_of`` and ``copy_reason`` (a conflict copy's), ``audit`` rows
        their ``origin*`` columns (None for rows written here); the units' own audit rows come too.
        """
        chosen = json.dumps(list(ids))
        tables: dict[str, list[dict[str, Any]]] = {}
        with self._reading():
            tables["inspections"] = self._query(
                "SELECT i.*, c.copy_of, c.reason AS copy_reason FROM inspections i LEFT JOIN inspection_copies c"
                f" ON c.id = i.id WHERE i.id {_WITHIN} ORDER BY i.id", [chosen])
            units = json.dumps(sorted({r["unit_id"] for r in tables["inspections"]}))
            tables["units"] = self._query(f"SELECT * FROM units WHERE id {_WITHIN} ORDER BY id", [units])
            snapshots = json.dumps(sorted({r["snapshot_sha256"] for r in tables["inspections"]}))
            tables["snapshots"] = self._query(f"SELECT * FROM snapshots WHERE sha256 {_WITHIN}", [snapshots])
            for table, order in _CHILD_ORDER:
                tables[table] = self._query(
                    f"SELECT * FROM {table} WHERE inspection_id {_WITHIN} ORDER BY {order}", [chosen])
            tables["audit"] = self._query(
                "SELECT a.*, o.origin, o.origin_id, o.origin_inspection_id, o.origin_prev_hash, o.origin_hash"
                f" FROM audit a LEFT JOIN audit_origin o ON o.audit_id = a.id WHERE a.inspection_id {_WITHIN}"
                f" OR (a.inspection_id IS NULL AND a.action LIKE 'unit.%' AND a.target {_WITHIN}) ORDER BY a.id",
                [chosen, units])
            for table in ("recognitions", "award_proposals"):  # what followed the visit (see recognitions.py)
                tables[table] = self._query(f"SELECT * FROM {table} WHERE inspection_id {_WITHIN} ORDER BY id", [chosen])
        return tables

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """One read transaction: what the block reads is one state, even while someone keeps typing."""
        with translate_errors(self.path):
            self.conn.execute("BEGIN")
            try:
                yield
            finally:
                self.conn.execute("COMMIT")

    # -- import: the transaction -------------------------------------------------------------------
    @contextlib.contextmanager
    def merging(self, *, dry_run: bool, before_commit: Callable[[], None] | None = None) -> Iterator[None]:
        """The import's one transaction: committed at the end (after ``before_commit``), or always
        rolled back with ``dry_run`` (the same decisions, nothing written), or on any error."""
        conn = self.conn
        with translate_errors(self.path):
            conn.execute("BEGIN" if dry_run else "BEGIN IMMEDIATE")
            try:
                yield
                if dry_run:
                    conn.execute("ROLLBACK")
                else:
                    if before_commit is not None:
                        before_commit()
                    conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    # -- import: what is here already ----------------------------------------------------------------
    def has_row(self, table: str, column: str, value: Any) -> bool:
        """Whether ``table`` has a row whose ``column`` (one of :mod:`..schema`'s) equals ``value``."""
        if column not in TABLES[table].names:
            raise KeyError(f"{table}.{column}")
        return self._one(f"SELECT 1 AS x FROM {table} WHERE {column} = ?", [value]) is not None

    def unit_alias(self, alias: str) -> str | None:
        """The local unit another database's unit id ``alias`` was matched to, if any."""
        row = self._one("SELECT unit_id FROM unit_aliases WHERE alias = ?", [alias])
        return row["unit_id"] if row else None

    def audit_keys(self, inspection_id: str) -> list[dict[str, Any]]:
        """The inspection's audit rows: ``id``, ``action``, and ``origin``/``origin_id`` (None when written here)."""
        return self._query(
            "SELECT a.id, a.action, o.origin, o.origin_id FROM audit a LEFT JOIN audit_origin o ON o.audit_id = a.id"
            " WHERE a.inspection_id = ?", [inspection_id])

    def inspection_status(self, inspection_id: str) -> str:
        return str(self._inspection_row(inspection_id)["status"])

    def conflict_copies_of(self, inspection_id: str) -> list[str]:
        """The conflict copies kept beside the inspection, by id."""
        return [r["id"] for r in self._query("SELECT id FROM inspection_copies WHERE copy_of = ? ORDER BY id",
                                             [inspection_id])]

    def conflict_copy_ids(self) -> set[str]:
        """Every inspection that is a conflict copy kept beside another (see :mod:`antq_tui.office.stats`)."""
        return {r["id"] for r in self._query("SELECT id FROM inspection_copies")}

    def has_audit_key(self, origin: str, origin_id: int) -> bool:
        """Whether the audit row first written as ``origin_id`` in database ``origin`` is here."""
        if origin == self.database_id and self._one("SELECT 1 AS x FROM audit WHERE id = ?", [origin_id]):
            return True
        return self._one("SELECT 1 AS x FROM audit_origin WHERE origin = ? AND origin_id = ?",
                         [origin, origin_id]) is not None

    # -- import: writes (inside :meth:`merging`) -----------------------------------------------------
    def insert_row(self, table: str, values: Mapping[str, Any]) -> None:
        """Insert a stored row as it is, keeping only the columns the table has."""
        self.insert_rows(table, [values])

    def insert_rows(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """:meth:`insert_row` for many rows: one prepared statement per set of columns."""
        columns = TABLES[table].names
        batches: dict[tuple[str, ...], list[list[Any]]] = {}
        for values in rows:
            keys = tuple(k for k in values if k in columns)
            batches.setdefault(keys, []).append([values[k] for k in keys])
        with translate_errors(self.path):
            for keys, params in batches.items():
                self.conn.executemany(f"INSERT INTO {table} ({', '.join(keys)}) VALUES "
                                      f"({', '.join('?' * len(keys))})", params)

    def clear_answers(self, inspection_id: str) -> None:
        """Delete a draft's answers, eligibility answers and listed cases (an import brings the newer ones)."""
        for table in ("answers", "eligibility_answers", "eligibility_cases"):
            self.db.table(table).delete_where("inspection_id = ?", [inspection_id])

    def replace_inspection_row(self, inspection_id: str, values: Mapping[str, Any]) -> None:
        """Overwrite a draft inspection's columns with ``values`` (those the table has)."""
        columns = TABLES["inspections"].names
        self.db.table("inspections").update(inspection_id, {k: v for k, v in values.items() if k in columns and k != "id"})

    def mark_imported_finalized(self, inspection_id: str, finalized_at: str) -> None:
        """Finalize an imported inspection once its answers and attachments are in (one statement: the
        table helper's update looked the row and the table's keys up first, every time)."""
        with translate_errors(self.path):
            changed = self.conn.execute("UPDATE inspections SET status = ?, finalized_at = ? WHERE id = ?",
                                        [STATUS_FINALIZED, finalized_at, inspection_id]).rowcount
        if changed != 1:
            raise NotFoundError(f"Không tìm thấy cuộc kiểm tra “{inspection_id}”.")

    def append_import_audit(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Append an import's audit rows to this chain in order (inside :meth:`merging`), each with
        ``at``, ``who``, ``inspection_id`` (here), ``action``, ``target``, ``old`` and ``new`` as
        canonical JSON text: another database's with where it was first written (``origin``,
        ``origin_id``, ``origin_inspection_id``, ``prev_hash``, ``hash``), the import's own with
        ``origin`` None."""
        ids = audit.append_encoded_many(self.conn, rows)
        with translate_errors(self.path):
            self.conn.executemany(
                "INSERT INTO audit_origin (audit_id, origin, origin_id, origin_inspection_id, origin_prev_hash,"
                " origin_hash) VALUES (?, ?, ?, ?, ?, ?)",
                [(audit_id, r["origin"], r["origin_id"], r["origin_inspection_id"], r["prev_hash"], r["hash"])
                 for audit_id, r in zip(ids, rows, strict=True) if r["origin"] is not None])
