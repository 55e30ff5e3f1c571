"""The store: every read and write of inspections goes through :class:`Store`.

Usage::

    store = Store.for_workspace(workspace)          # or Store.open(path, user="Cầm Thị Hoa")
    inspection = store.create_inspection(unit, 2024, registry.get_set("xa"), registry=registry)
    saved_at = store.set_verdict(inspection.id, 3, Verdict.DAT)   # committed: show "Đã lưu HH:MM:SS"

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
- The records returned are those of :mod:`antq_tui.inspection`; the criteria of an inspection are
  the snapshot taken when it started (:meth:`CriteriaSet.from_snapshot`), not the current plugin's.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from ..config import Member
from ..criteria import (
    UNIT_KINDS,
    CriteriaSet,
    Criterion,
    EligibilityCheck,
    Field,
    FieldValueError,
    Suggestion,
    Verdict,
    eligibility_fingerprint,
)
from ..folding import fold, nfc
from ..inspection import (
    STATUS_DRAFT,
    STATUS_FINALIZED,
    Answer,
    EligibilityAnswer,
    EvidenceSeen,
    Inspection,
    Unit,
)
from ..vnformat import parse_date
from . import audit, backup, search
from .search import where as search_where
from .audit import AuditEntry
from .db import BUSY_TIMEOUT_MS, connect, translate_errors
from .errors import FinalizedError, InvalidValueError, NotFoundError, StorageError
from .files import create_free, is_inside, sha256_file
from .ids import is_unit_id, is_uuid
from .migrations import check_current, upgrade
from .records import ANSWER_COLUMNS, Attachment, ExportRecord, InspectionRow, Problem

if TYPE_CHECKING:
    from ..registry import Registry
    from ..workspace import Workspace

log = logging.getLogger(__name__)


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: "leave as it is" for keyword arguments where None means "clear"
UNSET: Any = _Unset()

#: the inspection fields :meth:`Store.update_inspection` accepts
INSPECTION_FIELDS = (
    "year",
    "visit_date",
    "place",
    "start_time",
    "end_time",
    "team",
    "representatives",
    "strengths",
    "shortcomings",
    "recommendations",
    "conclusion",
    "minutes_number",
)

#: the columns of an inspection recorded in its ``inspection.finalize`` log entry (checked by verify)
FINALIZED_COLUMNS = ("unit_id", "unit_name", "unit_kind", "unit_district", "unit_province", "year", "set_id",
                     "set_version", "snapshot_sha256", "criteria_total", "assessed")

_ANSWER_JSON = {"inputs", "suggestion", "evidence"}
_ELIGIBILITY_JSON = {"inputs", "suggestion"}
_INSPECTION_JSON = {"team", "representatives"}

_STALE_REASON = (
    "tiêu chí trong plugin đã thay đổi từ khi bắt đầu kiểm tra nên không tính lại gợi ý; đoàn tự đánh giá"
)
_NO_PLUGIN_REASON = "không có plugin để tính gợi ý; đoàn tự đánh giá"


def now() -> dt.datetime:
    """The local time, with its UTC offset, to the millisecond: what every saved row records."""
    t = dt.datetime.now().astimezone()
    return t.replace(microsecond=t.microsecond // 1000 * 1000)


def _ts(value: dt.datetime) -> str:
    return value.isoformat(timespec="milliseconds")


def _parse_ts(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def new_id() -> str:
    """A new UUID for a unit or an inspection."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class _Snapshot:
    criteria: CriteriaSet
    eligibility: tuple[EligibilityCheck, ...]
    plugins: dict[str, str]
    fingerprints: dict[int, str]
    eligibility_fingerprints: dict[str, str]
    sha256: str

    def criterion(self, number: int) -> Criterion:
        try:
            return self.criteria.criterion(number)
        except KeyError:
            raise NotFoundError(f"Bộ tiêu chí của cuộc kiểm tra này không có tiêu chí {number}.") from None

    def check(self, check_id: str) -> EligibilityCheck:
        for c in self.eligibility:
            if c.id == check_id:
                return c
        raise NotFoundError(f"Cuộc kiểm tra này không có điều kiện “{check_id}”.")


def snapshot_hash(criteria: str, eligibility: str, plugins: str, fingerprints: str) -> str:
    """The key of a snapshot: sha256 over its four JSON texts, joined by newlines."""
    return hashlib.sha256("\n".join([criteria, eligibility, plugins, fingerprints]).encode()).hexdigest()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _member_json(m: Member | Mapping[str, Any]) -> dict[str, str]:
    if isinstance(m, Member):
        data = dataclasses.asdict(m)
    elif isinstance(m, Mapping):
        data = {k: m.get(k, "") for k in ("name", "rank", "position", "role")}
        data["role"] = data["role"] or "thanh_vien"
    else:
        raise InvalidValueError(f"Thành viên không hợp lệ: {m!r}")
    return {k: nfc(str(v)) for k, v in data.items()}


def _members(data: Any) -> list[Member]:
    return [Member(**m) for m in (data or [])]


def _evidence_json(e: EvidenceSeen) -> dict[str, Any]:
    return {"item": e.item, "seen": e.seen, "number": e.number, "date": e.date.isoformat() if e.date else None,
            "note": e.note}


def _evidence_from_json(data: Mapping[str, Any]) -> EvidenceSeen:
    return EvidenceSeen(
        item=data.get("item", ""),
        seen=bool(data.get("seen")),
        number=data.get("number", "") or "",
        date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
        note=data.get("note", "") or "",
    )


def _inputs_json(fields: Iterable[Field], values: Mapping[str, Any]) -> dict[str, Any]:
    by_id = {f.id: f for f in fields}
    return {k: (by_id[k].to_json(v) if k in by_id else v) for k, v in sorted(values.items()) if v is not None}


def _inputs_from_json(fields: Iterable[Field], data: Mapping[str, Any]) -> dict[str, Any]:
    by_id = {f.id: f for f in fields}
    return {k: (by_id[k].from_json(v) if k in by_id else v) for k, v in data.items()}


def _verdict_value(value: Verdict | str | None, what: str) -> str | None:
    try:
        verdict = Verdict.parse(value)
    except ValueError as exc:
        raise InvalidValueError(str(exc)) from None
    if verdict == Verdict.CHUA_DU:
        raise InvalidValueError(f"{what} chỉ là “Đạt” hoặc “Không đạt”.")
    return verdict.value if verdict else None


_TIME_RE = re.compile(r"^\s*(\d{1,2})\s*(?::|h|g|giờ|\.)\s*(\d{1,2})?\s*(?:phút|p)?\s*$", re.IGNORECASE)


def parse_time(text: str) -> str:
    """"8:00", "8h", "08h30", "8 giờ 30" → "08:00", "08:00", "08:30", "08:30"; "" stays "".

    Raises :class:`InvalidValueError` for anything else.
    """
    text = nfc(text or "").strip()
    if not text:
        return ""
    match = _TIME_RE.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise InvalidValueError(f"Giờ không hợp lệ: “{text}” (viết dạng 08:00 hoặc 8h30).")


def _date_value(value: dt.date | str | None, what: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(str(value))
    except ValueError:
        raise InvalidValueError(f"{what} không hợp lệ: “{value}” (viết dạng dd/mm/yyyy).") from None


@dataclass(frozen=True)
class BackupResult:
    """What :meth:`Store.daily_backup` did: the new file, or nothing, or a Vietnamese warning."""

    path: Path | None = None
    warning: str = ""


class Store:
    """The database of one workspace. See the module docstring for the guarantees.

    Open with :meth:`open` or :meth:`for_workspace`; close with :meth:`close` (or use ``with``).
    """

    def __init__(self, db: Database, path: Path, *, user: str, backups_keep: int = 10,
                 busy_timeout_ms: int = BUSY_TIMEOUT_MS, read_only: bool = False):
        self.db = db
        self.path = path
        self.user = user
        self.read_only = read_only
        self.backups_keep = backups_keep
        self.busy_timeout_ms = busy_timeout_ms
        self._snapshots: dict[str, _Snapshot] = {}
        self.database_id: str = self._meta("database_id") or ""

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
    ) -> "Store":
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
        db = connect(path, busy_timeout_ms=busy_timeout_ms)
        try:
            upgrade(db, path)
            return cls(db, path, user=user or os.environ.get("USER") or os.environ.get("USERNAME") or "antq",
                       backups_keep=backups_keep, busy_timeout_ms=busy_timeout_ms)
        except BaseException:
            db.close()
            raise

    @classmethod
    def _open_read_only(cls, path: Path, *, user: str | None, backups_keep: int, busy_timeout_ms: int) -> "Store":
        if not path.is_file():
            raise NotFoundError(f"Chưa có cơ sở dữ liệu {path}.")
        db = connect(path, busy_timeout_ms=busy_timeout_ms)
        try:
            check_current(db, path)
            db.conn.execute("PRAGMA query_only = ON")
            return cls(db, path, user=user or os.environ.get("USER") or os.environ.get("USERNAME") or "antq",
                       backups_keep=backups_keep, busy_timeout_ms=busy_timeout_ms, read_only=True)
        except BaseException:
            db.close()
            raise

    @classmethod
    def for_workspace(cls, workspace: "Workspace", **kwargs: Any) -> "Store":
        """Open the workspace's database (``inspections/antq.db``) as its configured user."""
        config = workspace.config
        kwargs.setdefault("user", config.current_user)
        kwargs.setdefault("backups_keep", config.backups_keep)
        return cls.open(workspace.db_path, **kwargs)

    def for_thread(self) -> "Store":
        """A new Store on the same file, as the same user: call it in the thread that will use it."""
        return Store.open(self.path, user=self.user, backups_keep=self.backups_keep,
                          busy_timeout_ms=self.busy_timeout_ms, read_only=self.read_only)

    def close(self) -> None:
        """Close the connection. Everything was committed already; nothing is lost by not calling it."""
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

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
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed at the end of the block (or rolled back on error)."""
        conn = self.conn
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
            cursor = self.conn.execute(sql, params)
            keys = [d[0] for d in cursor.description]
            return [dict(zip(keys, row)) for row in cursor.fetchall()]

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

    def absolute_path(self, stored: str) -> Path:
        """A path as stored in the attachments and exports tables (relative to the data folder) made absolute."""
        return self._absolute(stored)

    def _meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", [key])
        return row["value"] if row else None

    def _log(self, at: dt.datetime, user: str | None, inspection_id: str | None, action: str, target: str = "",
             old: Any = None, new: Any = None) -> None:
        audit.append(self.conn, at=_ts(at), who=user or self.user, inspection_id=inspection_id, action=action,
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
        self.conn.execute("UPDATE inspections SET updated_at = ? WHERE id = ?", [_ts(at), inspection_id])

    def _year(self, inspection_id: str) -> int | None:
        """The inspection's year, which checks of a period ("Quý I hằng năm") compare dates with."""
        row = self._one("SELECT year FROM inspections WHERE id = ?", [inspection_id])
        return int(row["year"]) if row and row["year"] is not None else None

    def _snapshot(self, inspection_id: str) -> _Snapshot:
        row = self._one("SELECT snapshot_sha256 FROM inspections WHERE id = ?", [inspection_id])
        if row is None:
            raise NotFoundError(f"Không tìm thấy cuộc kiểm tra “{inspection_id}”.")
        key = row["snapshot_sha256"]
        cached = self._snapshots.get(key)
        if cached is not None:
            return cached
        row = self._one("SELECT * FROM snapshots WHERE sha256 = ?", [key])
        if row is None:
            raise StorageError(f"Cuộc kiểm tra “{inspection_id}” thiếu ảnh chụp bộ tiêu chí (dữ liệu hỏng).")
        eligibility = json.loads(row["eligibility"])
        snap = _Snapshot(
            criteria=CriteriaSet.from_snapshot(json.loads(row["criteria"])),
            eligibility=tuple(EligibilityCheck.from_snapshot(e) for e in eligibility),
            plugins=json.loads(row["plugins"]),
            fingerprints={int(k): v for k, v in json.loads(row["fingerprints"]).items()},
            eligibility_fingerprints={e["id"]: e.get("fingerprint", "") for e in eligibility},
            sha256=key,
        )
        self._snapshots[key] = snap
        return snap

    # ----------------------------------------------------------------------------------------------
    # units

    def upsert_unit(self, unit: Unit, *, user: str | None = None) -> dt.datetime:
        """Add a unit, or update its name, kind, district or province (matched on ``unit.id``).

        Draft inspections of the unit follow the new name; finalized ones keep the name they were
        inspected under (the 2024 minutes of a commune merged in 2025 keep the old name).
        Returns the time saved.
        """
        at = now()
        with self._write():
            self._upsert_unit(unit, at, user)
        return at

    def _upsert_unit(self, unit: Unit, at: dt.datetime, user: str | None) -> None:
        if not is_unit_id(unit.id):
            raise InvalidValueError(f"Mã đơn vị không hợp lệ: “{unit.id}” (chỉ gồm chữ, số, “.”, “_”, “-”).", "id")
        if unit.kind not in UNIT_KINDS:
            raise InvalidValueError(
                f"Loại đơn vị không hợp lệ: “{unit.kind}”. Chọn một trong: " + ", ".join(UNIT_KINDS), "kind"
            )
        name = nfc(unit.name).strip()
        if not name:
            raise InvalidValueError("Tên đơn vị không được để trống.", "name")
        values = {"name": name, "kind": unit.kind, "district": nfc(unit.district).strip(),
                  "province": nfc(unit.province).strip()}
        old = self._one("SELECT name, kind, district, province FROM units WHERE id = ?", [unit.id])
        if old == values:
            return
        folded = {"name_folded": fold(values["name"]),
                  "search_folded": search.unit_text(values["name"], values["kind"], values["district"],
                                                    values["province"])}
        if old is None:
            self.conn.execute(
                "INSERT INTO units (id, name, kind, district, province, name_folded, search_folded, created_at,"
                " updated_at) VALUES (:id, :name, :kind, :district, :province, :name_folded, :search_folded,"
                " :at, :at)",
                {"id": unit.id, **values, **folded, "at": _ts(at)},
            )
            self._log(at, user, None, "unit.create", unit.id, None, values)
            return
        self.conn.execute(
            "UPDATE units SET name = :name, kind = :kind, district = :district, province = :province,"
            " name_folded = :name_folded, search_folded = :search_folded, updated_at = :at WHERE id = :id",
            {"id": unit.id, **values, **folded, "at": _ts(at)},
        )
        for row in self._query("SELECT id, year, set_id FROM inspections WHERE unit_id = ? AND status = ?",
                               [unit.id, STATUS_DRAFT]):
            self.conn.execute(
                "UPDATE inspections SET unit_name = ?, unit_kind = ?, unit_district = ?, unit_province = ?,"
                " search_folded = ? WHERE id = ?",
                [values["name"], values["kind"], values["district"], values["province"],
                 search.inspection_text(values["name"], values["kind"], values["district"], values["province"],
                                        row["year"], row["set_id"]), row["id"]],
            )
        self._log(at, user, None, "unit.update", unit.id, old, values)

    def get_unit(self, unit_id: str) -> Unit:
        """The unit with this id; :class:`NotFoundError` if none."""
        row = self._one("SELECT * FROM units WHERE id = ?", [unit_id])
        if row is None:
            raise NotFoundError(f"Không tìm thấy đơn vị “{unit_id}”.")
        return _unit(row)

    def find_units(self, query: str = "", *, kind: str | None = None, limit: int | None = None) -> list[Unit]:
        """Units whose name, kind, district or province contain every word of ``query``.

        Case, diacritics (đ → d) and Unicode form are ignored: "phieng ban" finds "Xã Phiêng Ban".
        Sorted by name. An empty query lists every unit.
        """
        cond, params = search.where("search_folded", query)
        sql = f"SELECT * FROM units WHERE {cond}"
        if kind:
            sql += " AND kind = ?"
            params.append(kind)
        sql += " ORDER BY name_folded, name"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_unit(r) for r in self._query(sql, params)]

    # ----------------------------------------------------------------------------------------------
    # the registry of units (the district's full list: the denominator of the statistics)

    def register_units(self, units: Sequence[Unit], *, source: str = "", replace: bool = False,
                       user: str | None = None) -> dt.datetime:
        """Put ``units`` on the registry, adding or updating each unit, all in one transaction.

        Either every unit is saved or none is (an invalid unit raises :class:`InvalidValueError`
        and nothing is written). With ``replace`` the registry becomes exactly ``units``: units not
        among them leave the list (the units themselves and their inspections stay). Logged.
        """
        at = now()
        with self._write() as conn:
            wanted = set()
            for unit in units:
                self._upsert_unit(unit, at, user)
                wanted.add(unit.id)
                if conn.execute("SELECT 1 FROM unit_registry WHERE unit_id = ?", [unit.id]).fetchone() is None:
                    conn.execute("INSERT INTO unit_registry (unit_id, source, added_at, added_by) VALUES (?, ?, ?, ?)",
                                 [unit.id, nfc(source), _ts(at), user or self.user])
                    self._log(at, user, None, "registry.add", unit.id, None, {"source": nfc(source)})
            if replace:
                for (unit_id,) in conn.execute("SELECT unit_id FROM unit_registry").fetchall():
                    if unit_id not in wanted:
                        conn.execute("DELETE FROM unit_registry WHERE unit_id = ?", [unit_id])
                        self._log(at, user, None, "registry.remove", unit_id, None, None)
        return at

    def registered_units(self, *, district: str | None = None) -> list[Unit]:
        """The units on the registry (of one district, compared ignoring case and diacritics), by name."""
        units = [_unit(r) for r in self._query(
            "SELECT units.* FROM units JOIN unit_registry ON unit_registry.unit_id = units.id"
            " ORDER BY units.name_folded, units.name")]
        if district:
            units = [u for u in units if fold(u.district) == fold(district)]
        return units

    # ----------------------------------------------------------------------------------------------
    # inspections

    def create_inspection(
        self,
        unit: Unit,
        year: int,
        criteria_set: CriteriaSet,
        eligibility_checks: Sequence[EligibilityCheck] | None = None,
        *,
        registry: "Registry | None" = None,
        visit_date: dt.date | str | None = None,
        place: str = "",
        start_time: str = "",
        end_time: str = "",
        team: Sequence[Member] = (),
        representatives: Sequence[Member] = (),
        minutes_number: str = "",
        user: str | None = None,
        inspection_id: str | None = None,
    ) -> Inspection:
        """Start an inspection of ``unit`` for ``year`` with a snapshot of ``criteria_set``.

        The snapshot keeps the set as it is now (text, evidence, fields, amendments, each criterion's
        fingerprint) and the eligibility conditions; the inspection shows and the minutes print these
        whatever later versions of the plugins say. The unit is added (or updated) too.

        :param eligibility_checks: the conditions to record; default: the registry's for this set.
        :param registry: the loaded plugins, for their versions (recorded in the snapshot).
        :returns: the new inspection, as :meth:`get_inspection` reads it back.
        """
        year = _year(year)
        if eligibility_checks is None:
            eligibility_checks = registry.eligibility_for(criteria_set.id) if registry is not None else []
        # every field :meth:`update_inspection` may change, as it starts (verify replays from here)
        fields = self._inspection_values(
            {key: "" for key in INSPECTION_FIELDS}
            | {"year": year, "visit_date": visit_date, "place": place, "start_time": start_time, "end_time": end_time,
               "team": team, "representatives": representatives, "minutes_number": minutes_number}
        )
        criteria_json = _dumps(criteria_set.to_data())
        eligibility_json = _dumps([c.to_data() | {"fingerprint": eligibility_fingerprint(c)} for c in eligibility_checks])
        plugins_json = _dumps(_plugin_versions(criteria_set, eligibility_checks, registry))
        fingerprints_json = _dumps({str(c.number): c.fingerprint() for c in criteria_set.criteria})
        digest = snapshot_hash(criteria_json, eligibility_json, plugins_json, fingerprints_json)
        inspection_id = inspection_id or new_id()
        if not is_uuid(inspection_id):
            raise InvalidValueError(f"Mã cuộc kiểm tra không hợp lệ: “{inspection_id}” (phải là một UUID).")
        at = now()
        with self._write() as conn:
            self._upsert_unit(unit, at, user)
            stored = self.get_unit(unit.id)
            conn.execute(
                "INSERT OR IGNORE INTO snapshots (sha256, criteria, eligibility, plugins, fingerprints, taken_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [digest, criteria_json, eligibility_json, plugins_json, fingerprints_json, _ts(at)],
            )
            conn.execute(
                "INSERT INTO inspections (id, unit_id, unit_name, unit_kind, unit_district, unit_province, year,"
                " set_id, set_version, snapshot_sha256, status, visit_date, place, start_time, end_time, team, representatives,"
                " minutes_number, criteria_total, assessed, search_folded, created_at, created_by, updated_at,"
                " origin) VALUES (:id, :unit_id, :unit_name, :unit_kind, :unit_district, :unit_province, :year,"
                " :set_id, :set_version, :snapshot, 'draft', :visit_date, :place, :start_time, :end_time, :team,"
                " :representatives, :minutes_number, :total, 0, :search, :at, :by, :at, :origin)",
                {
                    "id": inspection_id, "unit_id": stored.id, "unit_name": stored.name, "unit_kind": stored.kind,
                    "unit_district": stored.district, "unit_province": stored.province, "year": year,
                    "set_id": criteria_set.id, "set_version": criteria_set.version, "snapshot": digest,
                    **{k: (_dumps(v) if k in _INSPECTION_JSON else v) for k, v in fields.items() if k != "year"},
                    "total": len(criteria_set.criteria),
                    "search": search.inspection_text(stored.name, stored.kind, stored.district, stored.province,
                                                     year, criteria_set.id),
                    "at": _ts(at), "by": user or self.user, "origin": self.database_id,
                },
            )
            self._log(at, user, inspection_id, "inspection.create", "", None, {
                "unit_id": stored.id, "unit": stored.name, "year": year, "set": criteria_set.id,
                "set_version": criteria_set.version, "snapshot_sha256": digest, "fields": fields,
            })
        return self.get_inspection(inspection_id)

    def get_inspection(self, inspection_id: str) -> Inspection:
        """The whole inspection: unit (as inspected), snapshot, answers, eligibility, texts, status.

        ``answers`` holds the criteria that have been touched; ``inspection.answer(n)`` gives an
        empty answer for the others. Raises :class:`NotFoundError` for an unknown id.
        """
        row = self._inspection_row(inspection_id)
        snap = self._snapshot(inspection_id)
        answers = {}
        for a in self._query("SELECT * FROM answers WHERE inspection_id = ? ORDER BY number", [inspection_id]):
            try:
                criterion = snap.criteria.criterion(a["number"])
                fields: tuple[Field, ...] = criterion.fields
            except KeyError:
                fields = ()
            answers[a["number"]] = _answer(a, fields)
        eligibility = {}
        checks = {c.id: c for c in snap.eligibility}
        for e in self._query("SELECT * FROM eligibility_answers WHERE inspection_id = ?", [inspection_id]):
            check = checks.get(e["check_id"])
            eligibility[e["check_id"]] = EligibilityAnswer(
                check_id=e["check_id"],
                inputs=_inputs_from_json(check.fields if check else (), json.loads(e["inputs"])),
                suggestion=Suggestion.from_json(json.loads(e["suggestion"])) if e["suggestion"] else None,
                decision=Verdict.parse(e["decision"]),
                remark=e["remark"],
            )
        return Inspection(
            id=row["id"],
            unit=Unit(id=row["unit_id"], name=row["unit_name"], kind=row["unit_kind"], district=row["unit_district"],
                      province=row["unit_province"]),
            year=row["year"],
            criteria=snap.criteria,
            eligibility_checks=list(snap.eligibility),
            status=row["status"],
            visit_date=dt.date.fromisoformat(row["visit_date"]) if row["visit_date"] else None,
            place=row["place"],
            start_time=row["start_time"],
            end_time=row["end_time"],
            team=_members(json.loads(row["team"])),
            representatives=_members(json.loads(row["representatives"])),
            answers=answers,
            eligibility=eligibility,
            strengths=row["strengths"],
            shortcomings=row["shortcomings"],
            recommendations=row["recommendations"],
            conclusion=row["conclusion"],
            minutes_number=row["minutes_number"],
            created_at=_parse_ts(row["created_at"]),
            updated_at=_parse_ts(row["updated_at"]),
            finalized_at=_parse_ts(row["finalized_at"]),
            plugins=dict(snap.plugins),
            origin=row.get("origin", ""),
        )

    def list_inspections(
        self,
        search: str = "",
        *,
        year: int | None = None,
        status: str | None = None,
        unit_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[InspectionRow]:
        """The home screen's list, most recently changed first.

        :param search: words that must all occur in the unit's name, kind, district, province, the
            year or the set id; case, diacritics (đ → d) and Unicode form are ignored.
        :param year: only this year. :param status: ``"draft"`` or ``"finalized"``.
        :param unit_id: only this unit's inspections (e.g. to compare with last year's).
        :param limit: at most this many rows (from ``offset``). Searching 10,000 inspections takes a
            few milliseconds; turning 10,000 matches into rows takes ~50 ms, so a list refreshed on
            every keystroke should ask for the rows it shows (and :meth:`count_inspections`).
        """
        where, params = self._list_where(search, year, status, unit_id)
        sql = f"SELECT {_ROW_COLUMNS} FROM inspections WHERE {where} ORDER BY updated_at DESC, id"
        if limit:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        with translate_errors(self.path):
            return [_row(r) for r in self.conn.execute(sql, params).fetchall()]

    def count_inspections(self, search: str = "", *, year: int | None = None, status: str | None = None,
                          unit_id: str | None = None) -> int:
        """How many inspections :meth:`list_inspections` would return without a limit."""
        where, params = self._list_where(search, year, status, unit_id)
        with translate_errors(self.path):
            return self.conn.execute(f"SELECT count(*) FROM inspections WHERE {where}", params).fetchone()[0]

    def _list_where(self, search: str, year: int | None, status: str | None,
                    unit_id: str | None) -> tuple[str, list[Any]]:
        cond, params = search_where("search_folded", search)
        sql = [cond]
        if year is not None:
            sql.append("year = ?")
            params.append(int(year))
        if status:
            if status not in (STATUS_DRAFT, STATUS_FINALIZED):
                raise InvalidValueError(f"Trạng thái không hợp lệ: “{status}” (draft hoặc finalized).")
            sql.append("status = ?")
            params.append(status)
        if unit_id:
            sql.append("unit_id = ?")
            params.append(unit_id)
        return " AND ".join(sql), params

    def previous_inspection(self, inspection_id: str) -> InspectionRow | None:
        """The same unit's latest inspection of an earlier year (to compare with last year's visit)."""
        row = self._inspection_row(inspection_id)
        with translate_errors(self.path):
            found = self.conn.execute(
                f"SELECT {_ROW_COLUMNS} FROM inspections WHERE unit_id = ? AND year < ?"
                " ORDER BY year DESC, updated_at DESC LIMIT 1",
                [row["unit_id"], row["year"]],
            ).fetchone()
        return _row(found) if found else None

    def update_inspection(self, inspection_id: str, *, user: str | None = None, **fields: Any) -> dt.datetime:
        """Change visit details or summary texts; keys are :data:`INSPECTION_FIELDS`.

        ``visit_date`` takes a date or "dd/mm/yyyy"; times take "08:00", "8h30"; ``team`` and
        ``representatives`` take lists of :class:`~antq_tui.config.Member`. Each changed field is one
        audit entry. Raises :class:`FinalizedError` on a finalized inspection and
        :class:`InvalidValueError` for an unknown field or a value that cannot be read.
        """
        unknown = [k for k in fields if k not in INSPECTION_FIELDS]
        if unknown:
            raise InvalidValueError(f"Không có trường “{unknown[0]}” để sửa.", unknown[0])
        values = self._inspection_values(fields)
        at = now()
        with self._write() as conn:
            row = self._require_draft(inspection_id)
            changed = False
            for key, value in values.items():
                old = json.loads(row[key]) if key in _INSPECTION_JSON else row[key]
                if old == value:
                    continue
                changed = True
                conn.execute(f"UPDATE inspections SET {key} = ? WHERE id = ?",
                             [_dumps(value) if key in _INSPECTION_JSON else value, inspection_id])
                if key == "year":
                    conn.execute("UPDATE inspections SET search_folded = ? WHERE id = ?", [
                        search.inspection_text(row["unit_name"], row["unit_kind"], row["unit_district"],
                                               row["unit_province"], value, row["set_id"]), inspection_id])
                self._log(at, user, inspection_id, "inspection.update", key, old, value)
            if not changed:
                return _parse_ts(row["updated_at"]) or at
            self._touch(inspection_id, at)
        return at

    def _inspection_values(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Database values (JSON-able) for inspection fields, validated and NFC-normalized."""
        out: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "year":
                out[key] = _year(value)
            elif key == "visit_date":
                date = _date_value(value, "Ngày kiểm tra")
                out[key] = date.isoformat() if date else None
            elif key in ("start_time", "end_time"):
                out[key] = parse_time(value or "")
            elif key in _INSPECTION_JSON:
                out[key] = [_member_json(m) for m in (value or [])]
            else:
                out[key] = nfc(str(value or ""))
        return out

    def delete_inspection(self, inspection_id: str, *, user: str | None = None) -> dt.datetime:
        """Delete a draft inspection created by mistake (finalized ones cannot be deleted). Logged."""
        at = now()
        with self._write() as conn:
            row = self._require_draft(inspection_id)
            answered = conn.execute("SELECT count(*) FROM answers WHERE inspection_id = ?", [inspection_id]).fetchone()[0]
            conn.execute("DELETE FROM inspections WHERE id = ?", [inspection_id])
            self._log(at, user, inspection_id, "inspection.delete", "", {
                "unit": row["unit_name"], "year": row["year"], "set": row["set_id"], "answers": answered}, None)
        # the rows are gone (committed): now their copies of the attached files
        folder = self.attachments_dir / inspection_id
        if folder.is_dir() and is_inside(folder, self.attachments_dir) and folder.resolve() != self.attachments_dir.resolve():
            shutil.rmtree(folder, ignore_errors=True)
        return at

    def finalize(self, inspection_id: str, *, user: str | None = None) -> dt.datetime:
        """Mark the inspection finalized (read-only from now on), then take a backup of the database.

        A failed backup does not undo the finalization; it is logged (see :meth:`backup`).
        """
        at = now()
        with self._write() as conn:
            row = self._require_draft(inspection_id)
            conn.execute("UPDATE inspections SET status = ?, finalized_at = ?, updated_at = ? WHERE id = ?",
                         [STATUS_FINALIZED, _ts(at), _ts(at), inspection_id])
            # what a finalized inspection must keep: antq verify compares the row with this
            self._log(at, user, inspection_id, "inspection.finalize", "status", row["status"], {
                "status": STATUS_FINALIZED, **{k: row[k] for k in FINALIZED_COLUMNS}})
        try:
            self.backup("finalize")
        except (OSError, StorageError) as exc:
            log.error("backup after finalizing %s failed: %s", inspection_id, exc)
        return at

    def reopen(self, inspection_id: str, reason: str, *, user: str | None = None) -> dt.datetime:
        """Make a finalized inspection editable again; ``reason`` is required and logged."""
        reason = nfc(reason or "").strip()
        if not reason:
            raise InvalidValueError("Cần ghi rõ lý do mở lại cuộc kiểm tra đã hoàn thành.", "reason")
        at = now()
        with self._write() as conn:
            row = self._inspection_row(inspection_id)
            if row["status"] != STATUS_FINALIZED:
                raise InvalidValueError("Cuộc kiểm tra này chưa hoàn thành nên không cần mở lại.")
            with self.db.reopen_guard.allow(inspection_id):  # the trigger of migration 0005 asks
                conn.execute("UPDATE inspections SET status = ?, finalized_at = NULL, updated_at = ? WHERE id = ?",
                             [STATUS_DRAFT, _ts(at), inspection_id])
            self._log(at, user, inspection_id, "inspection.reopen", "status", STATUS_FINALIZED,
                      {"status": STATUS_DRAFT, "reason": reason})
        return at

    # ----------------------------------------------------------------------------------------------
    # answers

    def _save_answer(self, inspection_id: str, number: int, user: str | None,
                     change: Callable[[dict[str, Any], Criterion], dict[str, Any]]) -> dt.datetime:
        """Apply ``change(current answer row with JSON decoded, snapshot criterion) -> new values``."""
        at = now()
        with self._write() as conn:
            self._require_draft(inspection_id)
            criterion = self._snapshot(inspection_id).criterion(number)
            stored = self._one("SELECT * FROM answers WHERE inspection_id = ? AND number = ?", [inspection_id, number])
            current = _decode(stored, _ANSWER_JSON) if stored else _default_answer(criterion)
            new = change(current, criterion)
            changed = {k: v for k, v in new.items() if current.get(k) != v}
            if not changed:
                return _parse_ts(stored["updated_at"]) if stored else at
            values = {**current, **changed}
            encoded = {k: (_dumps(v) if k in _ANSWER_JSON and v is not None else v) for k, v in values.items()
                       if k in _ANSWER_COLUMNS}
            conn.execute(
                "INSERT INTO answers (inspection_id, number, self_assessment, verdict, inputs, suggestion, evidence,"
                " remark, updated_at, updated_by) VALUES (:inspection_id, :number, :self_assessment, :verdict,"
                " :inputs, :suggestion, :evidence, :remark, :at, :by) ON CONFLICT (inspection_id, number) DO UPDATE"
                " SET self_assessment = excluded.self_assessment, verdict = excluded.verdict, inputs = excluded.inputs,"
                " suggestion = excluded.suggestion, evidence = excluded.evidence, remark = excluded.remark,"
                " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                {**encoded, "inspection_id": inspection_id, "number": number, "at": _ts(at), "by": user or self.user},
            )
            if "verdict" in changed:
                conn.execute(
                    "UPDATE inspections SET assessed = (SELECT count(*) FROM answers WHERE inspection_id = :id AND"
                    " verdict IS NOT NULL) WHERE id = :id", {"id": inspection_id})
            self._touch(inspection_id, at)
            for key, value in changed.items():
                self._log(at, user, inspection_id, f"answer.{key}", str(number), current.get(key), value)
        return at

    def set_verdict(self, inspection_id: str, number: int, verdict: Verdict | str | None, *,
                    user: str | None = None) -> dt.datetime:
        """The team's decision on criterion ``number``: Đạt, Không đạt, or None to clear it."""
        value = _verdict_value(verdict, "Kết luận của đoàn")
        return self._save_answer(inspection_id, number, user, lambda cur, c: {"verdict": value})

    def set_self_assessment(self, inspection_id: str, number: int, verdict: Verdict | str | None, *,
                            user: str | None = None) -> dt.datetime:
        """The unit's own assessment of criterion ``number``: Đạt, Không đạt, or None to clear it."""
        value = _verdict_value(verdict, "Đơn vị tự đánh giá")
        return self._save_answer(inspection_id, number, user, lambda cur, c: {"self_assessment": value})

    def set_remark(self, inspection_id: str, number: int, remark: str, *, user: str | None = None) -> dt.datetime:
        """The team's remark on criterion ``number`` (free text, saved as typed, NFC)."""
        value = nfc(remark or "")
        return self._save_answer(inspection_id, number, user, lambda cur, c: {"remark": value})

    def set_inputs(self, inspection_id: str, number: int, inputs: Mapping[str, Any],
                   registry: "Registry | None" = None, *, user: str | None = None) -> dt.datetime:
        """Save figures typed for criterion ``number`` and the suggestion computed from them.

        ``inputs`` maps field ids to raw text as typed ("42", "có", "12/10/2023") or parsed values;
        only the given fields change, an empty value clears one. Values are read with the snapshot's
        fields. The suggestion is recomputed with the current plugin's check when that criterion's
        fingerprint still equals the snapshot's; otherwise (the plugin changed it since the inspection
        started, or no ``registry``) the check is not run: the stored suggestion stays while the inputs
        are unchanged, and becomes "chưa đủ dữ liệu" with the reason once they change.

        :raises InvalidValueError: naming the field, when a value cannot be read.
        """
        snap = self._snapshot(inspection_id)

        def change(cur: dict[str, Any], criterion: Criterion) -> dict[str, Any]:
            try:
                parsed = criterion.parse_inputs(inputs)
            except FieldValueError as exc:
                raise InvalidValueError(str(exc), _field_at_fault(criterion.fields, inputs, str(exc))) from None
            except KeyError as exc:
                raise InvalidValueError(str(exc.args[0])) from None
            values = _inputs_from_json(criterion.fields, cur["inputs"])
            values.update(parsed)
            values = {k: v for k, v in values.items() if v is not None}
            new_inputs = _inputs_json(criterion.fields, values)
            current = _current_criterion(registry, snap.criteria.id, number)
            if current is not None and current.fingerprint() == snap.fingerprints.get(number):
                suggestion = current.suggest(values, year=self._year(inspection_id))
            elif new_inputs == cur["inputs"]:
                return {}
            elif not criterion.has_check:
                suggestion = None
            else:
                suggestion = Suggestion.chua_du(_STALE_REASON if registry is not None else _NO_PLUGIN_REASON)
            return {"inputs": new_inputs, "suggestion": suggestion.to_json() if suggestion else None}

        return self._save_answer(inspection_id, number, user, change)

    def set_evidence(
        self,
        inspection_id: str,
        number: int,
        index: int,
        *,
        seen: bool = UNSET,
        doc_number: str = UNSET,
        date: dt.date | str | None = UNSET,
        note: str = UNSET,
        user: str | None = None,
    ) -> dt.datetime:
        """Record what the team saw of evidence item ``index`` (0-based) of criterion ``number``.

        Only the given keywords change: ``seen`` (ticked), ``doc_number`` (số, ký hiệu as written on
        the record: :attr:`EvidenceSeen.number`), ``date`` (a date or "dd/mm/yyyy"; None clears it),
        ``note``.
        """
        def change(cur: dict[str, Any], criterion: Criterion) -> dict[str, Any]:
            evidence = [dict(e) for e in cur["evidence"]]
            if not 0 <= index < len(evidence):
                raise InvalidValueError(
                    f"Tiêu chí {number} có {len(evidence)} hồ sơ kiểm chứng; không có mục thứ {index + 1}.")
            item = evidence[index]
            if seen is not UNSET:
                item["seen"] = bool(seen)
            if doc_number is not UNSET:
                item["number"] = nfc(doc_number or "")
            if date is not UNSET:
                value = _date_value(date, "Ngày của hồ sơ")
                item["date"] = value.isoformat() if value else None
            if note is not UNSET:
                item["note"] = nfc(note or "")
            return {"evidence": evidence}

        return self._save_answer(inspection_id, number, user, change)

    def changed_criteria(self, inspection: Inspection | str, registry: "Registry") -> list[int]:
        """Criterion numbers whose current plugin version differs from the inspection's snapshot.

        Includes criteria the current set no longer has or has newly added; every number when the set
        is not loaded at all. Empty when the set is unchanged. The app shows these as "bộ tiêu chí đã
        thay đổi từ khi bắt đầu kiểm tra"; their suggestions are not recomputed.
        """
        inspection_id = inspection if isinstance(inspection, str) else inspection.id
        snap = self._snapshot(inspection_id)
        current = registry.sets.get(snap.criteria.id)
        if current is None:
            return sorted(snap.fingerprints)
        now_fps = {c.number: c.fingerprint() for c in current.criteria}
        numbers = set(snap.fingerprints) | set(now_fps)
        return sorted(n for n in numbers if snap.fingerprints.get(n) != now_fps.get(n))

    def snapshot_sha256(self, inspection_id: str) -> str:
        """The hash of the inspection's criteria snapshot (as recorded when it started)."""
        return self._snapshot(inspection_id).sha256

    # ----------------------------------------------------------------------------------------------
    # eligibility

    def set_eligibility(
        self,
        inspection_id: str,
        check_id: str,
        *,
        inputs: Mapping[str, Any] = UNSET,
        decision: Verdict | str | None = UNSET,
        remark: str = UNSET,
        registry: "Registry | None" = None,
        user: str | None = None,
    ) -> dt.datetime:
        """Save the answer to an eligibility condition; only the given keywords change.

        ``inputs`` works as in :meth:`set_inputs` (and recomputes the suggestion the same way);
        ``decision`` is the team's Đạt / Không đạt, or None to follow the suggestion.
        """
        decision_value = UNSET if decision is UNSET else _verdict_value(decision, "Kết luận về điều kiện")
        at = now()
        with self._write() as conn:
            self._require_draft(inspection_id)
            snap = self._snapshot(inspection_id)
            check = snap.check(check_id)
            stored = self._one("SELECT * FROM eligibility_answers WHERE inspection_id = ? AND check_id = ?",
                               [inspection_id, check_id])
            current = (_decode(stored, _ELIGIBILITY_JSON) if stored else
                       {"inputs": {}, "suggestion": None, "decision": None, "remark": ""})
            new: dict[str, Any] = {}
            if decision_value is not UNSET:
                new["decision"] = decision_value
            if remark is not UNSET:
                new["remark"] = nfc(remark or "")
            if inputs is not UNSET:
                try:
                    parsed = check.parse_inputs(inputs)
                except FieldValueError as exc:
                    raise InvalidValueError(str(exc), _field_at_fault(check.fields, inputs, str(exc))) from None
                except KeyError as exc:
                    raise InvalidValueError(str(exc.args[0])) from None
                values = _inputs_from_json(check.fields, current["inputs"])
                values.update(parsed)
                values = {k: v for k, v in values.items() if v is not None}
                new_inputs = _inputs_json(check.fields, values)
                live = _current_check(registry, check_id)
                if live is not None and eligibility_fingerprint(live) == snap.eligibility_fingerprints.get(check_id):
                    suggestion = live.suggest(values, year=self._year(inspection_id))
                    new.update(inputs=new_inputs, suggestion=suggestion.to_json() if suggestion else None)
                elif new_inputs != current["inputs"]:
                    reason = _STALE_REASON if registry is not None else _NO_PLUGIN_REASON
                    new.update(inputs=new_inputs, suggestion=Suggestion.chua_du(reason).to_json())
            changed = {k: v for k, v in new.items() if current.get(k) != v}
            if not changed:
                return _parse_ts(stored["updated_at"]) if stored else at
            values = {**current, **changed}
            conn.execute(
                "INSERT INTO eligibility_answers (inspection_id, check_id, inputs, suggestion, decision, remark,"
                " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, check_id)"
                " DO UPDATE SET inputs = excluded.inputs, suggestion = excluded.suggestion,"
                " decision = excluded.decision, remark = excluded.remark, updated_at = excluded.updated_at,"
                " updated_by = excluded.updated_by",
                [inspection_id, check_id, _dumps(values["inputs"]),
                 _dumps(values["suggestion"]) if values["suggestion"] is not None else None,
                 values["decision"], values["remark"], _ts(at), user or self.user],
            )
            self._touch(inspection_id, at)
            for key, value in changed.items():
                self._log(at, user, inspection_id, f"eligibility.{key}", check_id, current.get(key), value)
        return at

    # ----------------------------------------------------------------------------------------------
    # attachments and exports

    def add_attachment(self, inspection_id: str, source: Path | str, *, number: int | None = None, note: str = "",
                       user: str | None = None) -> Attachment:
        """Copy ``source`` into the data folder (``attachments/<inspection id>/``) and record it.

        The copy is fsynced before it is recorded; its sha256 and size are stored for ``antq verify``.
        """
        source = Path(source)
        if not source.is_file():
            raise InvalidValueError(f"Không tìm thấy tệp “{source}”.")
        self._require_draft(inspection_id)
        if number is not None:
            self._snapshot(inspection_id).criterion(number)
        folder = self.attachments_dir / inspection_id
        if not is_inside(folder / "x", self.data_dir):
            raise StorageError(f"Không chép tệp “{source.name}” ra ngoài thư mục dữ liệu {self.data_dir} "
                               f"(mã cuộc kiểm tra “{inspection_id}” không hợp lệ).")
        dest: Path | None = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # exclusive creation: two programs adding "anh.jpg" at once each get their own file
            dest, out = create_free(folder, nfc(source.name))
            with out, open(source, "rb") as src:
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            if dest is not None:
                dest.unlink(missing_ok=True)
            raise StorageError(f"Không chép được tệp “{source.name}” vào {folder}: {exc.strerror or exc}.") from None
        digest, size = sha256_file(dest)
        at = now()
        record = Attachment(id=new_id(), inspection_id=inspection_id, number=number, name=nfc(source.name),
                            path=dest, sha256=digest, size=size, note=nfc(note or ""), added_at=at,
                            added_by=user or self.user)
        try:
            with self._write() as conn:
                self._require_draft(inspection_id)
                conn.execute(
                    "INSERT INTO attachments (id, inspection_id, number, name, path, sha256, size, note, added_at,"
                    " added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [record.id, inspection_id, number, record.name, self._relative(dest), digest, size, record.note,
                     _ts(at), record.added_by],
                )
                self._touch(inspection_id, at)
                self._log(at, user, inspection_id, "attachment.add", str(number or ""), None, {
                    "id": record.id, "name": record.name, "path": self._relative(dest), "sha256": digest,
                    "size": size})
        except BaseException:
            dest.unlink(missing_ok=True)
            raise
        return record

    def attachments(self, inspection_id: str) -> list[Attachment]:
        """The inspection's attachments, oldest first."""
        return [
            Attachment(id=r["id"], inspection_id=r["inspection_id"], number=r["number"], name=r["name"],
                       path=self._absolute(r["path"]), sha256=r["sha256"], size=r["size"], note=r["note"],
                       added_at=dt.datetime.fromisoformat(r["added_at"]), added_by=r["added_by"])
            for r in self._query("SELECT * FROM attachments WHERE inspection_id = ? ORDER BY added_at, rowid",
                                 [inspection_id])
        ]

    def record_export(self, inspection_id: str, path: Path | str, *, user: str | None = None) -> ExportRecord:
        """Record a file exported from the inspection (the minutes): its path, sha256, size, and the
        inspection's status at that moment. Allowed on finalized inspections (that is when minutes are
        exported); the file must exist already."""
        path = Path(path).absolute()
        if not path.is_file():
            raise InvalidValueError(f"Không tìm thấy tệp đã xuất “{path}”.")
        digest, size = sha256_file(path)
        at = now()
        with self._write() as conn:
            row = self._inspection_row(inspection_id)
            record = ExportRecord(id=new_id(), inspection_id=inspection_id, path=path, sha256=digest, size=size,
                                  status=row["status"], created_at=at, created_by=user or self.user)
            conn.execute(
                "INSERT INTO exports (id, inspection_id, path, sha256, size, status, created_at, created_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [record.id, inspection_id, self._relative(path), digest, size, record.status, _ts(at), record.created_by],
            )
            self._log(at, user, inspection_id, "export.record", record.id, None, {
                "path": self._relative(path), "sha256": digest, "size": size, "status": record.status})
        return record

    def exports(self, inspection_id: str | None = None) -> list[ExportRecord]:
        """Recorded exports (of one inspection, or all), oldest first."""
        where, params = ("WHERE inspection_id = ?", [inspection_id]) if inspection_id else ("", [])
        return [
            ExportRecord(id=r["id"], inspection_id=r["inspection_id"], path=self._absolute(r["path"]),
                         sha256=r["sha256"], size=r["size"], status=r["status"],
                         created_at=dt.datetime.fromisoformat(r["created_at"]), created_by=r["created_by"])
            for r in self._query(f"SELECT * FROM exports {where} ORDER BY created_at, rowid", params)
        ]

    def _relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return str(path)

    def _absolute(self, stored: str) -> Path:
        p = Path(stored)
        return p if p.is_absolute() else self.data_dir / p

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

    def backup(self, reason: str = "manual") -> Path:
        """A consistent copy of the database into ``backups/``, then prune to ``backups_keep``."""
        at = now()
        with translate_errors(self.path):
            dest = backup.make_backup(self.conn, self.backups_dir, at, reason)
        backup.prune(self.backups_dir, self.backups_keep)
        return dest

    def daily_backup(self) -> "BackupResult":
        """Take today's backup unless one exists already; never raises.

        Call it once when the app starts being used: the TUI at start-up, every command that
        writes (:func:`antq_tui.cli.main.open_store_for_writing`). Returns the new file in
        ``.path``, or ``.path`` None when today's backup exists, the database holds no inspection,
        or the copy failed; then ``.warning`` says so in Vietnamese for the UI to show (the error
        is logged). A failed backup never stops the work.
        """
        try:
            today = now().date()
            if any(backup.backup_day(p) == today for p in self.backups()):
                return BackupResult()
            if self._one("SELECT 1 AS x FROM inspections LIMIT 1") is None:
                return BackupResult()
            return BackupResult(self.backup("daily"))
        except (OSError, StorageError) as exc:
            log.error("daily backup of %s failed: %s", self.path, exc)
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return BackupResult(warning=f"Không sao lưu được cơ sở dữ liệu hôm nay vào {self.backups_dir}: {reason}. "
                                        "Công việc vẫn được lưu bình thường; hãy kiểm tra ổ đĩa.")

    def orphan_files(self) -> list[Path]:
        """Files in ``attachments/`` that no attachment record points to (e.g. a copy left by a
        program killed between copying a file and recording it). Informational: nothing is lost,
        ``antq verify`` lists them for someone to look at; antq never deletes them itself."""
        if not self.attachments_dir.is_dir():
            return []
        recorded = {self._absolute(r["path"]).resolve() for r in self._query("SELECT path FROM attachments")}
        return sorted(p for p in self.attachments_dir.rglob("*") if p.is_file() and p.resolve() not in recorded)

    def backups(self) -> list[Path]:
        """The backups in ``backups/``, newest first."""
        return backup.list_backups(self.backups_dir)


_ANSWER_COLUMNS = set(ANSWER_COLUMNS)


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise InvalidValueError(f"Năm không hợp lệ: “{value}”.", "year") from None
    if not 2000 <= year <= 2100:
        raise InvalidValueError(f"Năm không hợp lệ: {year}.", "year")
    return year


def _unit(row: Mapping[str, Any]) -> Unit:
    return Unit(id=row["id"], name=row["name"], kind=row["kind"], district=row["district"], province=row["province"])


_ROW_COLUMNS = ("id, unit_id, unit_name, unit_kind, unit_district, unit_province, year, set_id, status, visit_date,"
                " assessed, criteria_total, minutes_number, origin, created_at, updated_at, finalized_at")


def _row(r: Sequence[Any]) -> InspectionRow:
    """An :class:`InspectionRow` from a tuple of :data:`_ROW_COLUMNS`."""
    visit_date, finalized_at = r[9], r[16]
    return InspectionRow(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
        dt.date.fromisoformat(visit_date) if visit_date else None,
        r[10], r[11], r[12], r[13], dt.datetime.fromisoformat(r[14]), dt.datetime.fromisoformat(r[15]),
        dt.datetime.fromisoformat(finalized_at) if finalized_at else None,
    )


def _decode(row: Mapping[str, Any], json_keys: set[str]) -> dict[str, Any]:
    return {k: (json.loads(v) if k in json_keys and v is not None else v) for k, v in row.items()}


def default_answer(criterion: Criterion) -> dict[str, Any]:
    """An answer row before anything was recorded (decoded form)."""
    return {
        "self_assessment": None,
        "verdict": None,
        "inputs": {},
        "suggestion": None,
        "evidence": [_evidence_json(EvidenceSeen(item=e)) for e in criterion.evidence],
        "remark": "",
    }


_default_answer = default_answer


def _answer(row: Mapping[str, Any], fields: tuple[Field, ...]) -> Answer:
    return Answer(
        number=row["number"],
        self_assessment=Verdict.parse(row["self_assessment"]),
        verdict=Verdict.parse(row["verdict"]),
        inputs=_inputs_from_json(fields, json.loads(row["inputs"])),
        suggestion=Suggestion.from_json(json.loads(row["suggestion"])) if row["suggestion"] else None,
        evidence=[_evidence_from_json(e) for e in json.loads(row["evidence"])],
        remark=row["remark"],
        updated_at=_parse_ts(row["updated_at"]),
        updated_by=row["updated_by"],
    )


def _current_criterion(registry: "Registry | None", set_id: str, number: int) -> Criterion | None:
    if registry is None or set_id not in registry.sets:
        return None
    try:
        return registry.sets[set_id].criterion(number)
    except KeyError:
        return None


def _current_check(registry: "Registry | None", check_id: str) -> EligibilityCheck | None:
    if registry is None:
        return None
    for c in registry.eligibility:
        if c.id == check_id:
            return c
    return None


def _plugin_versions(cset: CriteriaSet, checks: Iterable[EligibilityCheck], registry: "Registry | None") -> dict[str, str]:
    names = {cset.plugin} | {c.source for c in cset.criteria} | {p for c in cset.criteria for p in c.amended_by}
    names |= {c.source for c in checks}
    names.discard("")
    versions = {p.name: p.version for p in registry.plugins} if registry is not None else {}
    return {name: versions.get(name, "") for name in sorted(names)}


def _field_at_fault(fields: Iterable[Field], raw: Mapping[str, Any], message: str) -> str:
    for f in fields:
        if f.id in raw and f"“{f.label}”" in message:
            return f.id
    return ""


__all__ = ["INSPECTION_FIELDS", "UNSET", "Store", "new_id", "now",
           "parse_time"]
