"""``antq verify``: is the database whole, the audit log unbroken, and every file what was recorded?"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import audit
from .db import translate_errors
from .files import sha256_file
from .records import ANSWER_COLUMNS, ELIGIBILITY_COLUMNS, Problem

if TYPE_CHECKING:
    from .store import Store

_JSON = {"inputs", "suggestion", "evidence", "team", "representatives"}


def verify_store(store: Store) -> list[Problem]:
    """Every check, in order; see :meth:`antq_tui.storage.store.Store.verify`."""
    with translate_errors(store.path):
        problems = _integrity(store)
        if problems:  # the rest would read damaged pages
            return problems
        problems += [Problem("audit", m) for m in audit.check_chain(store.conn)]
        problems += [Problem("audit", m) for m in audit.check_origins(store.conn)]
        problems += _snapshots(store)
        problems += _state(store)
        problems += _lifecycle(store)
        problems += _files(store)
        from ..signatures import verify_signatures  # finalize and export signatures (antq_tui.keys)

        problems += verify_signatures(store)
    return problems


def _integrity(store: Store) -> list[Problem]:
    rows = [r[0] for r in store.conn.execute("PRAGMA integrity_check").fetchall()]
    if rows == ["ok"]:
        return []
    return [Problem("integrity", f"Tệp cơ sở dữ liệu bị hỏng (integrity_check): {line}") for line in rows[:20]]


def _label(store: Store, inspection_id: str | None) -> str:
    if not inspection_id:
        return ""
    row = store.query_one("SELECT unit_name, year FROM inspections WHERE id = ?", [inspection_id])
    return f"{row['unit_name']} năm {row['year']}" if row else f"cuộc kiểm tra {inspection_id}"


def _snapshots(store: Store) -> list[Problem]:
    from .codec import snapshot_hash

    problems = []
    damaged = set()
    for row in store.query("SELECT * FROM snapshots"):
        if snapshot_hash(row["criteria"], row["eligibility"], row["plugins"], row["fingerprints"]) != row["sha256"]:
            damaged.add(row["sha256"])
    created = {e.inspection_id: e.new for e in store.audit_entries(action="inspection.create")}
    for row in store.query("SELECT id, snapshot_sha256 FROM inspections"):
        iid, key = row["id"], row["snapshot_sha256"]
        logged = (created.get(iid) or {}).get("snapshot_sha256")
        if key in damaged or (logged is not None and logged != key):
            problems.append(Problem(
                "snapshot",
                f"{_label(store, iid)}: bộ tiêu chí đã chụp khi bắt đầu kiểm tra bị sửa ngoài antq "
                "(không khớp mã băm).", iid))
        elif logged is None:
            problems.append(Problem("snapshot", f"{_label(store, iid)}: nhật ký không có dòng tạo cuộc kiểm tra.", iid))
    return problems


def _last_logged(store: Store, prefix: str) -> dict[tuple[str, str, str], Any]:
    """(inspection id, target, column) → the value the log last recorded for it."""
    last: dict[tuple[str, str, str], Any] = {}
    for row in store.conn.execute(
        "SELECT inspection_id, target, action, new FROM audit WHERE action LIKE ? ORDER BY id", [prefix + "%"]
    ):
        iid, target, action, new = row
        last[(iid, target, action[len(prefix):])] = json.loads(new) if new is not None else None
    return last


def _decoded(row: dict[str, Any], columns: Iterable[str]) -> dict[str, Any]:
    return {c: (json.loads(row[c]) if c in _JSON and row[c] is not None else row[c]) for c in columns}


def _state(store: Store) -> list[Problem]:
    """Stored values against the log: a value nobody logged was written behind antq's back."""
    from .codec import default_answer

    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()

    def mismatch(iid: str, what: str) -> None:
        problems.append(Problem(
            "state", f"{_label(store, iid)}: {what} khác với giá trị cuối cùng trong nhật ký — đã bị sửa ngoài antq.",
            iid))

    logged = _last_logged(store, "answer.")
    for row in store.query("SELECT * FROM answers"):
        iid, number = row["inspection_id"], row["number"]
        try:
            criterion = store.snapshot_criteria(iid).criterion(number)
            default = default_answer(criterion)
        except KeyError:
            problems.append(Problem("state", f"{_label(store, iid)}: có câu trả lời cho tiêu chí {number} không có "
                                             "trong bộ tiêu chí.", iid))
            continue
        values = _decoded(row, ANSWER_COLUMNS)
        for column in ANSWER_COLUMNS:
            key = (iid, str(number), column)
            seen.add(key)
            expected = logged.get(key, default[column])
            if values[column] != expected:
                mismatch(iid, f"tiêu chí {number} ({column})")
    for key in logged.keys() - seen:
        exists = store.query_one("SELECT 1 AS x FROM inspections WHERE id = ?", [key[0]])
        if exists and logged[key] != _default_value(store, key):
            mismatch(key[0], f"tiêu chí {key[1]} ({key[2]}) không còn trong cơ sở dữ liệu, ")

    logged = _last_logged(store, "eligibility.")
    for row in store.query("SELECT * FROM eligibility_answers"):
        iid, check_id = row["inspection_id"], row["check_id"]
        values = _decoded(row, ELIGIBILITY_COLUMNS)
        default = {"inputs": {}, "suggestion": None, "decision": None, "remark": ""}
        for column in ELIGIBILITY_COLUMNS:
            if values[column] != logged.get((iid, check_id, column), default[column]):
                mismatch(iid, f"điều kiện “{check_id}” ({column})")

    # inspection fields: as logged at creation, then by each update
    expected_fields: dict[str | None, dict[str, Any]] = {
        e.inspection_id: dict(e.new.get("fields", {})) for e in store.audit_entries(action="inspection.create")
    }
    for e in store.audit_entries(action="inspection.update"):
        expected_fields.setdefault(e.inspection_id, {})[e.target] = e.new
    for row in store.query("SELECT * FROM inspections"):
        iid = row["id"]
        fields = expected_fields.get(iid, {})
        for column, value in _decoded(row, fields).items():
            if value != fields[column]:
                mismatch(iid, f"trường “{column}”")
    return problems


def _default_value(store: Store, key: tuple[str, str, str]) -> Any:
    from .codec import default_answer

    iid, number, column = key
    try:
        return default_answer(store.snapshot_criteria(iid).criterion(int(number)))[column]
    except (KeyError, ValueError):
        return None


def _files(store: Store) -> list[Problem]:
    problems = []
    for table, what in (("attachments", "Tệp đính kèm"), ("exports", "Tệp đã xuất")):
        for row in store.query(f"SELECT * FROM {table}"):
            path = store.absolute_path(row["path"])
            iid = row["inspection_id"]
            where = f"{_label(store, iid)}: {what} {path}"
            kind = "attachment" if table == "attachments" else "export"
            if not path.is_file():
                problems.append(Problem(kind, f"{where} không còn (đã bị xóa hoặc chuyển đi).", iid))
                continue
            digest, size = sha256_file(path)
            if digest != row["sha256"] or size != row["size"]:
                problems.append(Problem(kind, f"{where} đã bị thay đổi sau khi ghi nhận (mã sha256 không khớp).", iid))
    return problems


_COLUMN_LABELS = {
    "status": "trạng thái", "finalized_at": "thời điểm hoàn thành", "unit_id": "mã đơn vị",
    "unit_name": "tên đơn vị", "unit_kind": "loại đơn vị", "unit_district": "huyện của đơn vị",
    "unit_province": "tỉnh của đơn vị", "year": "năm", "set_id": "bộ tiêu chí", "set_version": "phiên bản bộ tiêu chí",
    "snapshot_sha256": "ảnh chụp bộ tiêu chí", "criteria_total": "số tiêu chí", "assessed": "số tiêu chí đã đánh giá",
}


def _lifecycle(store: Store) -> list[Problem]:
    """Status, finalization and the columns the store keeps itself, replayed from the log.

    ``inspection.create`` / ``finalize`` / ``reopen`` give the status and when it was finalized; the
    create entry gives the unit and the set; ``criteria_total`` is the snapshot's size and
    ``assessed`` the answers with a verdict; and a finalize entry (since it records them) gives the
    unit as inspected and the counts a finalized inspection must keep.
    """
    from .codec import FINALIZED_COLUMNS

    problems: list[Problem] = []
    aliases = {r["alias"]: r["unit_id"] for r in store.query("SELECT alias, unit_id FROM unit_aliases")}
    replay: dict[str, dict[str, Any]] = {}
    for e in store.query("SELECT inspection_id, action, at, new FROM audit WHERE action IN"
                         " ('inspection.create', 'inspection.finalize', 'inspection.reopen') ORDER BY id"):
        new = json.loads(e["new"]) if e["new"] is not None else None
        state = replay.setdefault(e["inspection_id"], {})
        if e["action"] == "inspection.create":
            state.update(status="draft", finalized_at=None, recorded=None, unit_id=(new or {}).get("unit_id"),
                         set_id=(new or {}).get("set"))
        elif e["action"] == "inspection.finalize":
            # older entries record only the status
            state.update(status="finalized", finalized_at=e["at"], recorded=new if isinstance(new, dict) else None)
        else:
            state.update(status="draft", finalized_at=None, recorded=None)
    assessed = {r["inspection_id"]: r["n"] for r in store.query(
        "SELECT inspection_id, count(*) AS n FROM answers WHERE verdict IS NOT NULL GROUP BY inspection_id")}

    for row in store.query("SELECT * FROM inspections"):
        iid = row["id"]
        found = replay.get(iid)
        if not found or "status" not in found:
            continue  # no creation entry: reported with the snapshots
        state = found
        wrong = []
        if row["status"] != state["status"]:
            wrong.append("status")
        if row["finalized_at"] != state["finalized_at"]:
            wrong.append("finalized_at")
        if state.get("unit_id") is not None and row["unit_id"] not in (state["unit_id"], aliases.get(state["unit_id"])):
            wrong.append("unit_id")
        if state.get("set_id") is not None and row["set_id"] != state["set_id"]:
            wrong.append("set_id")
        try:
            if row["criteria_total"] != len(store.snapshot_criteria(iid).criteria):
                wrong.append("criteria_total")
        except Exception:
            pass
        if row["assessed"] != assessed.get(iid, 0):
            wrong.append("assessed")
        recorded = state.get("recorded")
        if row["status"] == "finalized" and recorded:
            wrong += [c for c in FINALIZED_COLUMNS if c in recorded and c not in wrong and row[c] != recorded[c]
                      and not (c == "unit_id" and row[c] == aliases.get(recorded[c]))]
        if wrong:
            what = ", ".join(f"“{_COLUMN_LABELS.get(c, c)}”" for c in dict.fromkeys(wrong))
            problems.append(Problem(
                "state", f"{_label(store, iid)}: {what} khác với những gì nhật ký ghi (hoàn thành, mở lại, tạo) — "
                         "đã bị sửa ngoài antq.", iid))
    return problems
