"""The append-only audit log: every change, who made it, when, old → new, in a hash chain.

Each row's ``hash`` is ``sha256(prev_hash + "\\n" + content)`` where ``content`` is the canonical JSON
of the row's id, time, author, inspection, action, target, old and new values, and ``prev_hash`` is
the previous row's hash ("" for the first row). Editing, deleting or reordering a row breaks the
chain from that row on; :func:`check_chain` names the first broken row. Triggers refuse UPDATE and
DELETE on the table, so only someone bypassing antq can break it, and ``antq verify`` will say so.

What the chain cannot show on its own: rows cut off at the end (there is no later row to miss them).
``antq verify`` also compares the latest logged value of every answer with the stored answer, which
catches changes written behind antq's back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .codec import dumps_with

GENESIS = ""


@dataclass(frozen=True)
class AuditEntry:
    """One change, as the log holds it (old and new are the JSON values, already decoded)."""

    id: int
    at: dt.datetime
    who: str
    inspection_id: str | None
    action: str  # "answer.verdict", "inspection.update", "inspection.finalize", …
    target: str  # the criterion number, field name or check id the action is about
    old: Any
    new: Any
    prev_hash: str
    hash: str


#: json.dumps(…, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str), made once
#: (json.dumps with any argument makes a new encoder on every call)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def dumps(value: Any) -> str | None:
    """The canonical JSON the log stores and hashes (None stays SQL NULL)."""
    if value is None:
        return None
    return _CANONICAL.encode(value)


#: json.dumps(…, ensure_ascii=False, separators=(",", ":")), made once: every row of every check hashes
_ROW_JSON = dumps_with(separators=(",", ":"))


def _row_digest(prev_hash: str, columns: Sequence[Any]) -> str:
    """The chain's rule: sha256 of the previous row's hash, a newline and the row's columns from its id
    to ``new`` as compact JSON."""
    return hashlib.sha256(f"{prev_hash}\n{_ROW_JSON(columns)}".encode()).hexdigest()


def row_hash(prev_hash: str, row_id: int, at: str, who: str, inspection_id: str | None, action: str,
             target: str, old: str | None, new: str | None) -> str:
    return _row_digest(prev_hash, [row_id, at, who, inspection_id, action, target, old, new])


def append(conn: sqlite3.Connection, *, at: str, who: str, inspection_id: str | None, action: str,
           target: str = "", old: Any = None, new: Any = None) -> int:
    """Add one row; call inside the write transaction that makes the change it records."""
    return append_encoded(conn, at=at, who=who, inspection_id=inspection_id, action=action, target=target,
                          old=dumps(old), new=dumps(new))


def append_encoded(conn: sqlite3.Connection, *, at: str, who: str, inspection_id: str | None, action: str,
                   target: str, old: str | None, new: str | None) -> int:
    """:func:`append` with old and new already canonical JSON text (a row copied from another
    database keeps its exact text, so its hash there can still be checked here)."""
    return append_encoded_many(conn, [{"at": at, "who": who, "inspection_id": inspection_id, "action": action,
                                       "target": target, "old": old, "new": new}])[0]


def append_encoded_many(conn: sqlite3.Connection, rows: Iterable[Mapping[str, Any]]) -> list[int]:
    """:func:`append_encoded` for many rows (``at``, ``who``, ``inspection_id``, ``action``, ``target``,
    ``old``, ``new``) in order: the chain's head is read once and the rows go in one statement. Their ids."""
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev_hash = last[1] if last else GENESIS
    # AUTOINCREMENT never reuses an id; sqlite_sequence knows the next one even after a failed insert
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    row_id = max(seq[0] if seq else 0, last[0] if last else 0)
    values = []
    for r in rows:
        row_id += 1
        digest = row_hash(prev_hash, row_id, r["at"], r["who"], r["inspection_id"], r["action"], r["target"],
                          r["old"], r["new"])
        values.append([row_id, r["at"], r["who"], r["inspection_id"], r["action"], r["target"], r["old"], r["new"],
                       prev_hash, digest])
        prev_hash = digest
    conn.executemany(
        "INSERT INTO audit (id, at, who, inspection_id, action, target, old, new, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
    return [v[0] for v in values]


def check_chain(conn: sqlite3.Connection, up_to: int | None = None) -> list[str]:
    """Walk the whole log (or its rows up to id ``up_to``); a Vietnamese line for each row whose hash or
    link does not hold."""
    problems: list[str] = []
    prev_hash = GENESIS
    prev_id = 0
    columns = "SELECT id, at, who, inspection_id, action, target, old, new, prev_hash, hash FROM audit"
    for row in (conn.execute(f"{columns} ORDER BY id") if up_to is None else
                conn.execute(f"{columns} WHERE id <= ? ORDER BY id", [up_to])):
        row_id, at, _who, _iid, action, target, _old, _new, stored_prev, stored_hash = row
        if stored_prev != prev_hash:
            gap = f" (sau dòng {prev_id})" if prev_id else ""
            problems.append(
                f"Nhật ký thay đổi, dòng {row_id}{gap}: không nối tiếp dòng trước — có dòng đã bị xóa, chèn "
                "hoặc sửa."
            )
        expected = _row_digest(stored_prev, row[:8])  # the columns up to new are the row's content
        if expected != stored_hash:
            problems.append(
                f"Nhật ký thay đổi, dòng {row_id} ({action} {target}, {at}): nội dung không khớp mã băm — "
                "dòng này đã bị sửa ngoài antq."
            )
        prev_hash = stored_hash
        prev_id = row_id
    return problems


def check_origins(conn: sqlite3.Connection) -> list[str]:
    """Check the rows imported from other databases against their own chains (see ``audit_origin``).

    Each imported row must hash, with its id, inspection and prev_hash there, to the hash it had
    there; and where two consecutive rows of the same database are both here, the later must link to
    the earlier. (A bundle carries the rows of the inspections it holds, so a foreign chain is seen
    in stretches; the local chain, which these rows are also part of, is checked whole.)
    """
    problems: list[str] = []
    previous: tuple[str, int, str] | None = None
    for row in conn.execute(
        "SELECT a.id, a.at, a.who, a.action, a.target, a.old, a.new, o.origin, o.origin_id, o.origin_inspection_id,"
        " o.origin_prev_hash, o.origin_hash FROM audit_origin o JOIN audit a ON a.id = o.audit_id"
        " ORDER BY o.origin, o.origin_id"
    ):
        row_id, at, who, action, target, old, new, origin, origin_id, origin_iid, prev_hash, digest = row
        if row_hash(prev_hash, origin_id, at, who, origin_iid, action, target, old, new) != digest:
            problems.append(
                f"Nhật ký thay đổi, dòng {row_id} ({action} {target}, {at}, nhận từ máy {origin[:8]}, dòng "
                f"{origin_id} ở đó): nội dung không khớp mã băm của máy gốc — dòng này đã bị sửa."
            )
        if previous and previous[0] == origin and previous[1] == origin_id - 1 and previous[2] != prev_hash:
            problems.append(
                f"Nhật ký thay đổi, dòng {row_id} (nhận từ máy {origin[:8]}, dòng {origin_id} ở đó): không nối "
                "tiếp dòng trước của máy gốc."
            )
        previous = (origin, origin_id, digest)
    return problems


def entry_from_row(row: sqlite3.Row | tuple) -> AuditEntry:
    row_id, at, who, inspection_id, action, target, old, new, prev_hash, digest = row
    return AuditEntry(
        id=row_id,
        at=dt.datetime.fromisoformat(at),
        who=who,
        inspection_id=inspection_id,
        action=action,
        target=target,
        old=json.loads(old) if old is not None else None,
        new=json.loads(new) if new is not None else None,
        prev_hash=prev_hash,
        hash=digest,
    )
