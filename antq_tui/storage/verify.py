"""``antq verify``: is the database whole, the audit log unbroken, and every file what was recorded?

Every check is a small function ``check(reading) -> list[Problem]`` in :data:`CHECKS`, run in order
over **one read transaction** (:func:`verify_store`): with WAL, every check sees the same committed
state even while another program saves, so a save between two reads is never mistaken for
tampering. The first check is SQLite's own (a damaged file stops the rest, which would read damaged
pages). A check added later (the signatures of finalized inspections) is one more entry in
:data:`CHECKS` (or passed as ``extra``). On a large database SQLite's check and the audit chain run in a
second process meanwhile, the chain up to the last row this transaction sees (:mod:`.parallel_checks`):
the log is append-only, so that process reads the rows this transaction reads.

What the checks together cover, for a change made behind antq's back (the sqlite3 shell):

- the database's guards (triggers) are all there, and its tables declared, as the migrations made them
  (:func:`_guards`, :func:`_tables`);
- the audit log's hash chain, the chains of rows imported from other databases, and rows cut off
  at its end (:func:`_chain`, :func:`_origins`, :func:`_log_tail`);
- a change logged for an inspection while it was finalized (:func:`_log_order`);
- snapshots, answers, eligibility answers, inspection fields and the lifecycle against the log;
- every attachment and export row against the log row that recorded it (moved to another
  inspection, deleted, its sha256 rewritten, or never logged), and every file against its row.

A history rewritten whole, with the app's own hash function, passes these; the signatures catch it.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..inspection import STATUS_FINALIZED
from . import audit, parallel_checks
from .codec import JsonCache, loads
from .codec import dumps as codec_dumps
from .db import translate_errors
from .dossier import check_dossier_files
from .files import sha256_file
from .records import ANSWER_COLUMNS, ELIGIBILITY_COLUMNS, Problem
from .signed import (
    ANSWER_STATE_COLUMNS,
    ATTACHMENT_COLUMNS,
    ATTACHMENT_ORDER,
    ELIGIBILITY_STATE_COLUMNS,
    StateTexts,
    by_inspection,
    encode_text,
)

if TYPE_CHECKING:
    from .store import Store

_JSON = {"inputs", "suggestion", "evidence", "team", "representatives"}


@dataclass
class Reading:
    """What the checks share: the store, inside the one read transaction, and what they read twice."""

    store: Store
    _labels: dict[str, str] = field(default_factory=dict)
    #: the sha256 of each finalized inspection's state (antq_tui.signatures), written by :func:`_state` from
    #: the rows it reads anyway; "" where a row was out of the ordinary
    states: dict[str, str] = field(default_factory=dict)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def label(self, inspection_id: str | None) -> str:
        if not inspection_id:
            return ""
        if inspection_id not in self._labels:
            self._labels[inspection_id] = _label(self.store, inspection_id)
        return self._labels[inspection_id]

    def rows(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows of a query one at a time, as dicts: a check never holds a whole table."""
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for values in cursor:
            yield dict(zip(names, values, strict=True))

    def logged(self, *actions: str) -> Iterator[tuple[Any, ...]]:
        """(id, inspection_id, action, target, at, new) of the log rows of ``actions`` (of :data:`_FEW_ACTIONS`),
        in order: the checks that ask for these few actions share one scan of the log."""
        return (row for row in self._few_rows if row[2] in actions)

    @functools.cached_property
    def _few_rows(self) -> list[tuple[Any, ...]]:
        placeholders = ", ".join("?" for _ in _FEW_ACTIONS)
        return self.conn.execute("SELECT id, inspection_id, action, target, at, new FROM audit"
                                 f" WHERE action IN ({placeholders}) ORDER BY id", _FEW_ACTIONS).fetchall()

    @functools.cached_property
    def inspection_ids(self) -> set[str]:
        return {r["id"] for r in self.store.query("SELECT id FROM inspections")}

    def is_imported(self, audit_id: int) -> bool:
        """Whether the audit row came from another database (``audit_origin``)."""
        return self.conn.execute("SELECT 1 FROM audit_origin WHERE audit_id = ?", [audit_id]).fetchone() is not None


log = logging.getLogger(__name__)

Check = Callable[[Reading], list[Problem]]

#: the actions some checks replay, a few rows per inspection (see Reading.logged)
_FEW_ACTIONS = ("inspection.create", "inspection.finalize", "inspection.reopen", "attachment.add", "export.record")


@contextlib.contextmanager
def read_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction: every SELECT inside sees the same snapshot of the database (WAL)."""
    conn.execute("BEGIN")
    try:
        yield
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")  # nothing was written; ending a read


def verify_store(store: Store, extra: Sequence[Check] = ()) -> list[Problem]:
    """Every check of :data:`CHECKS` (then ``extra``), in order, in one read transaction.

    SQLite's integrity check and the audit chain of a large database run in a second process meanwhile
    (:mod:`.parallel_checks`); what it finds takes their place, so the problems and their order are those
    of the checks run here one after the other."""
    checks = (*CHECKS, _signatures, *extra)
    with translate_errors(store.path), read_transaction(store.conn):
        reading = Reading(store)
        try:  # the first read: it fixes what the transaction sees
            last = reading.conn.execute("SELECT max(id) FROM audit").fetchone()[0] or 0
        except sqlite3.DatabaseError:
            last = 0  # a damaged file: the integrity check, in-process, says so first
        with parallel_checks.started(store.path, last) if _chain in checks else _nothing() as second:
            if second is None:
                return _in_order(reading, checks)
            return _beside(reading, checks, second)


@contextlib.contextmanager
def _nothing() -> Iterator[None]:
    yield None


def _in_order(r: Reading, checks: Sequence[Check]) -> list[Problem]:
    problems = _integrity(r)
    if problems:  # the rest would read damaged pages
        return problems
    for check in checks:
        problems += _run(check, r)
    return problems


def _run(check: Check, r: Reading) -> list[Problem]:
    """What ``check`` finds; a value it cannot read (a log text that is not JSON, a number where a text
    was, written behind antq's back) is itself what it finds, not a traceback: the other checks still run
    and say what else was changed. A damaged file (sqlite3's errors) still ends verify, as before."""
    try:
        return check(r)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        log.debug("verify: %s could not read a value", getattr(check, "__name__", check), exc_info=True)
        what = _CHECK_LABELS.get(getattr(check, "__name__", ""), "một phần kiểm tra")
        return [Problem("damaged", f"Cơ sở dữ liệu có giá trị không đọc được (đã bị sửa ngoài antq?) nên {what} "
                                   "không chạy hết; các kiểm tra khác vẫn chạy.")]


#: what each check looks at, for a message that names it
_CHECK_LABELS = {
    "_guards": "việc kiểm tra các chốt bảo vệ", "_tables": "việc kiểm tra cấu trúc bảng",
    "_chain": "việc kiểm tra chuỗi mã băm của nhật ký", "_origins": "việc kiểm tra nguồn của nhật ký",
    "_log_tail": "việc kiểm tra cuối nhật ký", "_log_order": "việc kiểm tra thứ tự nhật ký",
    "_snapshots": "việc kiểm tra ảnh chụp bộ tiêu chí",
    "_state": "việc đối chiếu giá trị đã lưu với nhật ký", "_lifecycle": "việc kiểm tra trạng thái cuộc kiểm tra",
    "_attachments": "việc kiểm tra tệp đính kèm", "_exports": "việc kiểm tra biên bản đã xuất",
    "_files": "việc kiểm tra các tệp", "_signatures": "việc kiểm tra chữ ký",
}


def _beside(r: Reading, checks: Sequence[Check], second: parallel_checks.SecondProcess) -> list[Problem]:
    """:func:`_in_order` with the integrity check and the chain found by ``second``, which runs meanwhile
    (or, if it fails, done here after the others). A check here that raises ends the others, as in order;
    its exception is raised where its turn comes, unless the file is damaged (then only that is said)."""
    found: dict[int, list[Problem]] = {}
    failed: tuple[int, Exception] | None = None
    for i, check in enumerate(checks):
        if check is _chain:
            continue
        try:
            found[i] = _run(check, r)
        except Exception as exc:  # perhaps a damaged page, which the integrity check names
            failed = (i, exc)
            break
    told = second.result()
    problems = _integrity_problems(r, told.integrity) if told is not None else _integrity(r)
    if problems:
        return problems
    for i, check in enumerate(checks):
        if failed is not None and i == failed[0]:
            raise failed[1]
        if check is _chain:
            problems += [Problem("audit", m) for m in told.chain] if told is not None else _chain(r)
        else:
            problems += found[i]
    return problems


def _signatures(r: Reading) -> list[Problem]:
    """The finalize and export signatures (antq_tui.signatures), read in the same transaction."""
    from ..signatures import verify_signatures

    return verify_signatures(r.store, r.states)


def _integrity(r: Reading) -> list[Problem]:
    return _integrity_problems(r, [row[0] for row in r.conn.execute("PRAGMA integrity_check").fetchall()])


def _integrity_problems(r: Reading, rows: list[str]) -> list[Problem]:
    if rows == ["ok"]:
        return []
    return [Problem("integrity", f"Tệp cơ sở dữ liệu {r.store.path} bị hỏng (integrity_check): {line}")
            for line in rows[:20]]


@functools.cache
def _expected_schema() -> dict[str, dict[str, str]]:
    """The triggers and tables the migrations make, by type then name, as their SQL text (made once, in memory)."""
    from sqlite_utils import Database

    from .migrations import sqlite_migrations

    db = Database(memory=True)
    sqlite_migrations().apply(db)
    found: dict[str, dict[str, str]] = {"trigger": {}, "table": {}}
    for kind, name, sql in db.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'table')"):
        found[kind][name] = sql
    db.close()
    return found


def _same_sql(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _guards(r: Reading) -> list[Problem]:
    """The database's guards are those the migrations made: none dropped, changed or added."""
    expected = _expected_schema()["trigger"]
    found = {name: sql for name, sql in r.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    missing = sorted(expected.keys() - found.keys())
    changed = sorted(n for n in expected.keys() & found.keys() if not _same_sql(expected[n], found[n]))
    extra = sorted(found.keys() - expected.keys())
    problems = []
    if missing:
        problems.append(Problem("guard", f"{len(missing)} chốt bảo vệ của cơ sở dữ liệu đã bị xóa ngoài antq "
                                         f"({_names(missing)}): dữ liệu lẽ ra bị từ chối có thể đã bị sửa."))
    if changed:
        problems.append(Problem("guard", f"Chốt bảo vệ của cơ sở dữ liệu đã bị sửa ngoài antq: {_names(changed)}."))
    if extra:
        problems.append(Problem("guard", f"Cơ sở dữ liệu có chốt (trigger) lạ không do antq tạo: {_names(extra)}."))
    return problems


def _tables(r: Reading) -> list[Problem]:
    """Each table is declared as the migrations made it. PRAGMA table_info (the schema check on open) does not
    show a column's collation or its CHECK: a table made again with ``inspection_id ... COLLATE NOCASE`` makes
    a row of 'ABC…' one of inspection 'abc…' to every read by id, while verify's bulk reads (and the
    guards, which compare with inspections.id's collation) do not see it there."""
    expected = _expected_schema()["table"]
    found = {name: sql for name, sql in r.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
    changed = sorted(n for n, sql in expected.items() if not n.startswith("_") and n in found
                     and not _same_sql(sql, found[n] or ""))
    if not changed:
        return []
    return [Problem("guard", f"{len(changed)} bảng của cơ sở dữ liệu đã bị tạo lại ngoài antq với cấu trúc khác "
                             f"({_names(changed)}): dữ liệu trong đó có thể đã bị sửa mà các kiểm tra không thấy.")]


def _names(names: list[str]) -> str:
    shown = ", ".join(f"“{n}”" for n in names[:4])
    return shown + (f" và {len(names) - 4} chốt khác" if len(names) > 4 else "")


def _chain(r: Reading) -> list[Problem]:
    return [Problem("audit", m) for m in audit.check_chain(r.conn)]


def _origins(r: Reading) -> list[Problem]:
    return [Problem("audit", m) for m in audit.check_origins(r.conn)]


def _log_tail(r: Reading) -> list[Problem]:
    """Rows cut off the end of the log, which the chain alone cannot show: AUTOINCREMENT remembers
    the highest id ever given (``sqlite_sequence``), and a committed row is never rolled back."""
    seq = r.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    last = r.conn.execute("SELECT max(id) FROM audit").fetchone()[0] or 0
    if seq and seq[0] > last:
        return [Problem("audit", f"Nhật ký thay đổi: {seq[0] - last} dòng cuối (sau dòng {last}) đã bị xóa ngoài antq.")]
    return []


#: the actions that change an inspection's content, which a finalized inspection never logs
_CONTENT_ACTIONS = ("answer.", "eligibility.", "inspection.update", "attachment.add", "declaration.")


def _log_order(r: Reading) -> list[Problem]:
    """A change logged for an inspection while it was finalized (between finalize and reopen): a row
    appended behind antq's back, since antq refuses such a change before it logs it."""
    status: dict[str, str] = {}
    flagged: set[str] = set()
    problems = []
    for row_id, iid, action, target in _after_finalize(r):
        if action == "inspection.create" or action == "inspection.reopen":
            status[iid] = "draft"
        elif action == "inspection.finalize":
            status[iid] = "finalized"
        elif (status.get(iid) == "finalized" and action.startswith(_CONTENT_ACTIONS)
              and iid not in flagged and not r.is_imported(row_id)):
            flagged.add(iid)
            problems.append(Problem(
                "audit", f"{r.label(iid)}: nhật ký dòng {row_id} ghi một thay đổi ({action} {target}) khi cuộc kiểm "
                         "tra đã hoàn thành — antq không bao giờ ghi như vậy, dòng này được thêm ngoài antq.", iid))
    return problems


def _after_finalize(r: Reading) -> list[tuple[Any, ...]]:
    """(id, inspection_id, action, target) of the log rows of inspections, in order, that can matter to
    :func:`_log_order`: the create, finalize and reopen rows, and every row after an inspection's first
    finalize (a change before it was never logged while finalized), read through the log's index, one
    finalized inspection at a time, rather than the whole log."""
    lifecycle = [(row_id, iid, action, target) for row_id, iid, action, target, _at, _new
                 in r.logged("inspection.create", "inspection.finalize", "inspection.reopen") if iid is not None]
    first: dict[str, int] = {}
    for row_id, iid, action, _target in lifecycle:
        if action == "inspection.finalize":
            first.setdefault(iid, row_id)
    later = [row for iid, row_id in first.items() for row in r.conn.execute(
        "SELECT id, inspection_id, action, target FROM audit WHERE inspection_id = ? AND id > ?", [iid, row_id])]
    return sorted({row[0]: row for row in (*lifecycle, *later)}.values())


def _recorded_files(r: Reading, table: str) -> list[Problem]:
    """Each attachment / export row against the log row that recorded it, and each logged one that
    should still be here. Matched by inspection, sha256 and size (a conflict copy's record gets a new
    id and path when imported); a row whose inspection, sha256 or size was changed matches nothing."""
    if table == "attachments":
        action, what = "attachment.add", "Tệp đính kèm"
    else:
        action, what = "export.record", "Tệp đã xuất"
    kind = "attachment" if table == "attachments" else "export"
    logged: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row_id, iid, _action, target, _at, new in r.logged(action):
        entry = json.loads(new) if new else {}
        if isinstance(entry, dict):
            entry["_audit"], entry["_target"] = row_id, target
            logged[iid].append(entry)
    problems = []
    for row in r.rows(f"SELECT * FROM {table} ORDER BY rowid"):
        iid = row["inspection_id"]
        row_key = row["id"]
        candidates = logged.get(iid, [])
        id_key = "id" if table == "attachments" else "_target"  # an export's id is its log row's target
        match = next((e for e in candidates if e.get(id_key) == row_key), None)
        if match is None or match.get("sha256") != row["sha256"] or match.get("size") != row["size"]:
            match = next((e for e in candidates if e.get("sha256") == row["sha256"] and e.get("size") == row["size"]),
                         None)
        if match is None:
            problems.append(Problem(kind, f"{r.label(iid)}: {what} {row['path']} không khớp dòng nào của nhật ký "
                                          "(thêm, chuyển từ cuộc kiểm tra khác hoặc đổi mã sha256 ngoài antq).", iid))
            continue
        candidates.remove(match)
    for iid, entries in logged.items():
        if iid not in r.inspection_ids:
            continue  # the draft was deleted, logged: its rows went with it
        for e in entries:
            problems.append(Problem(kind, f"{r.label(iid)}: {what} {e.get('path', '')} ghi trong nhật ký (dòng "
                                          f"{e['_audit']}) không còn trong cơ sở dữ liệu — đã bị xóa hoặc chuyển "
                                          "ngoài antq.", iid))
    return problems


def _attachments(r: Reading) -> list[Problem]:
    return _recorded_files(r, "attachments")


def _exports(r: Reading) -> list[Problem]:
    return _recorded_files(r, "exports")


def _label(store: Store, inspection_id: str | None) -> str:
    if not inspection_id:
        return ""
    row = store.query_one("SELECT unit_name, year FROM inspections WHERE id = ?", [inspection_id])
    return f"{row['unit_name']} năm {row['year']}" if row else f"cuộc kiểm tra {inspection_id}"


def _snapshots(r: Reading) -> list[Problem]:
    from .codec import snapshot_hash

    problems = []
    damaged = set()
    for row in r.rows("SELECT * FROM snapshots"):
        if snapshot_hash(row["criteria"], row["eligibility"], row["plugins"], row["fingerprints"]) != row["sha256"]:
            damaged.add(row["sha256"])
    created: dict[str, str | None] = {}
    for _row_id, iid, _action, _target, _at, new in r.logged("inspection.create"):
        value = json.loads(new) if new is not None else None
        created[iid] = value.get("snapshot_sha256") if isinstance(value, dict) else None
    for iid, key in r.conn.execute("SELECT id, snapshot_sha256 FROM inspections"):
        logged = created.get(iid)
        if key in damaged or (logged is not None and logged != key):
            problems.append(Problem(
                "snapshot",
                f"{r.label(iid)}: bộ tiêu chí đã chụp khi bắt đầu kiểm tra bị sửa ngoài antq "
                "(không khớp mã băm).", iid))
        elif logged is None:
            problems.append(Problem("snapshot", f"{r.label(iid)}: nhật ký không có dòng tạo cuộc kiểm tra.", iid))
    return problems


#: the log rows :func:`_state` replays, read for every inspection in one query, by inspection
_STATE_LOG = ("SELECT inspection_id, action, target, new FROM audit WHERE inspection_id IS NOT NULL AND"
              " (action LIKE 'answer.%' OR action LIKE 'eligibility.%' OR action IN ('inspection.create',"
              " 'inspection.update')) ORDER BY inspection_id, id")
#: (inspection_id, number, *ANSWER_COLUMNS, updated_at)
_STATE_ANSWERS = f"SELECT {ANSWER_STATE_COLUMNS} FROM answers ORDER BY inspection_id, number"
#: (inspection_id, check_id, *ELIGIBILITY_COLUMNS)
_STATE_ELIGIBILITY = f"SELECT {ELIGIBILITY_STATE_COLUMNS} FROM eligibility_answers ORDER BY inspection_id, check_id"


def _decoded(row: dict[str, Any], columns: Iterable[str]) -> dict[str, Any]:
    return {c: (loads(row[c]) if c in _JSON and row[c] is not None else row[c]) for c in columns}


def _replayed(action: str) -> tuple[str, str]:
    """What a row of _STATE_LOG sets: an answer's or an eligibility answer's column, the fields at
    creation, or (any other) a field update."""
    if action.startswith("answer."):
        return ("answer", action[7:])
    if action.startswith("eligibility."):
        return ("eligibility", action[12:])
    return ("create", "") if action == "inspection.create" else ("update", "")


#: a column with no log row: it must hold its default value
_UNLOGGED: Any = object()


class _Same:
    """Whether a stored column holds the value its last log row (or its default) gives it, as :func:`_state`
    compares them: the decoded values, equal (``==``: json reads every NaN as one float object, equal to itself
    in a list or a dict and to nothing alone). Where the texts settle it the
    values are not decoded: a text column equals a logged JSON string that is exactly its text as json's
    encoder writes it; a JSON column and a logged text are decoded once per pair of texts (a province holds
    thousands of answers with one text). A text that does not decode raises, as decoding it always did."""

    LIMIT = 50_000

    def __init__(self) -> None:
        #: (stored text, logged text) → whether they hold one value
        self.pairs: dict[tuple[str, str], bool] = {}

    def json(self, stored: Any, logged: Any) -> bool:
        """A JSON column against a logged JSON text (None: NULL, no value)."""
        if type(stored) is str and type(logged) is str:
            key = (stored, logged)
            found = self.pairs.get(key)
            if found is None:
                if len(self.pairs) >= self.LIMIT:
                    self.pairs.clear()
                found = self.pairs[key] = loads(stored) == loads(logged)
            return found
        return (loads(stored) if stored is not None else None) == (loads(logged) if logged is not None else None)

    @staticmethod
    def text(stored: Any, logged: Any) -> bool:
        """A text column against a logged JSON text (None: NULL)."""
        if logged is None:
            return stored is None
        if type(stored) is str and type(logged) is str and encode_text(stored) == logged:
            return True
        return bool(stored == loads(logged))


def _expected_texts(default: dict[str, Any]) -> dict[str, Any]:
    """For each JSON column, the text (as the store writes it) that reads back as its default value, which
    :meth:`_Same.json` compares like a logged text; :data:`_UNLOGGED` where the default does not read back
    as itself (compared as a value then); and the text columns' defaults as they are."""
    out = {}
    for column, value in default.items():
        if column in _JSON and value is not None:
            text = codec_dumps(value)
            out[column] = text if loads(text) == value else _UNLOGGED
        else:
            out[column] = value
    return out


def _state(r: Reading) -> list[Problem]:
    """Stored values against the log: a value nobody logged was written behind antq's back.

    Three queries over every inspection (its log rows, answers and eligibility answers, each ordered by
    inspection) read side by side: one inspection's rows are held at a time, so what is held never grows
    with the database. A log row's value stays text until it is compared (:class:`_Same`)."""
    store = r.store
    from .codec import default_answer

    problems: list[Problem] = []

    def mismatch(iid: str, what: str) -> None:
        problems.append(_mismatch(r, iid, what))

    #: by snapshot and criterion (a few hundred): its default answer, and the texts of its JSON columns
    defaults: dict[tuple[str, int], tuple[dict[str, Any], dict[str, Any]]] = {}

    def default_of(iid: str, snapshot: str, number: int) -> tuple[dict[str, Any], dict[str, Any]]:
        if (snapshot, number) not in defaults:
            default = default_answer(store.snapshot_criteria(iid).criterion(number))
            defaults[(snapshot, number)] = (default, _expected_texts(default))
        return defaults[(snapshot, number)]

    same = _Same()
    same_json, same_text, pairs = same.json, same.text, same.pairs
    texts = StateTexts(store, JsonCache().loads)
    logs = by_inspection(r.conn.execute(_STATE_LOG))
    answer_rows = by_inspection(r.conn.execute(_STATE_ANSWERS))
    eligibility_rows = by_inspection(r.conn.execute(_STATE_ELIGIBILITY))
    attachment_rows = by_inspection(r.conn.execute(f"SELECT {ATTACHMENT_COLUMNS} FROM attachments"
                                                   f" ORDER BY inspection_id, {ATTACHMENT_ORDER}"))
    unset = _expected_texts({"inputs": {}, "suggestion": None, "decision": None, "remark": ""})
    for row in r.rows("SELECT * FROM inspections ORDER BY id"):
        iid = row["id"]
        rows = logs.take(iid)
        # the last logged text of each (action, target), by its first row
        last = {(action, target): new for _iid, action, target, new in rows}
        if len(last) < len(rows):  # a column logged twice: the texts replaced are read all the same, as before
            for _iid, action, target, new in rows:
                if new is not None and last[(action, target)] is not new:
                    loads(new)
        matched = 0  # the keys of ``last`` compared with a stored column
        twice = False  # whether one was compared twice: two stored rows of one criterion or check, which the
        # tables' keys (checked on opening) forbid; if ever, the count says nothing and the keys are collected
        seen: set[str] = set()  # the criteria whose every column was compared
        its_answers, its_eligibility = answer_rows.take(iid), eligibility_rows.take(iid)
        for answer in its_answers:
            number = answer[1]
            try:
                default, expected = default_of(iid, row["snapshot_sha256"], number)
            except KeyError:
                problems.append(Problem("state", f"{r.label(iid)}: có câu trả lời cho tiêu chí {number} không có "
                                                 "trong bộ tiêu chí.", iid))
                continue
            target = str(number)
            twice = twice or target in seen
            seen.add(target)
            for index, column, is_json, action in _ANSWER_SPEC:
                stored = answer[index]
                logged = last.get((action, target), _UNLOGGED)
                if logged is not _UNLOGGED:
                    matched += 1
                else:
                    logged = expected[column]
                    if logged is _UNLOGGED:  # a default that no text reads back as: its value
                        if (loads(stored) if stored is not None else None) != default[column]:
                            mismatch(iid, f"tiêu chí {number} ({column})")
                        continue
                    if not is_json:
                        if stored != logged:
                            mismatch(iid, f"tiêu chí {number} ({column})")
                        continue
                # _Same's answer, its first questions asked here (hundreds of thousands of columns)
                if type(stored) is str and type(logged) is str:
                    if is_json:
                        if pairs.get((stored, logged)) or same_json(stored, logged):
                            continue
                    elif encode_text(stored) == logged or same_text(stored, logged):
                        continue
                elif (same_json(stored, logged) if is_json else same_text(stored, logged)):
                    continue
                mismatch(iid, f"tiêu chí {number} ({column})")
        answered = len(problems)
        checked: set[Any] = set()
        for answer in its_eligibility:
            check_id = answer[1]
            twice = twice or check_id in checked
            checked.add(check_id)
            for index, column, is_json, action in _ELIGIBILITY_SPEC:
                stored = answer[index]
                logged = last.get((action, check_id), _UNLOGGED)
                if logged is not _UNLOGGED:
                    matched += 1
                else:
                    logged = unset[column]
                    if not is_json:
                        if stored != logged:
                            mismatch(iid, f"điều kiện “{check_id}” ({column})")
                        continue
                if not (same_json(stored, logged) if is_json else same_text(stored, logged)):
                    mismatch(iid, f"điều kiện “{check_id}” ({column})")
        if len(last) == len(rows) and not twice and matched + (_CREATE in last) == len(last):
            # the usual: one row of each, the creation besides
            created = last.get(_CREATE)
            value = loads(created) if created is not None else None
            fields = dict(value.get("fields", {})) if isinstance(value, dict) else {}
        else:
            looked = {(action, target) for target in seen for _i, _c, _j, action in _ANSWER_SPEC} | {
                (action, answer[1]) for answer in its_eligibility for _i, _c, _j, action in _ELIGIBILITY_SPEC}
            fields, gone = _replay_rest(rows, last, last.keys() - looked)
            # an answer logged that is no longer stored: said after the answers, before the eligibility answers
            problems[answered:answered] = [
                _mismatch(r, iid, f"tiêu chí {key[0]} ({key[1]}) không còn trong cơ sở dữ liệu, ") for key, new in gone
                if (loads(new) if new is not None else None) != _default_value(store, (iid, *key))]
        # inspection fields: as logged at creation, then by each update
        for column, value in _decoded(row, fields).items():
            if value != fields[column]:
                mismatch(iid, f"trường “{column}”")
        its_attachments = attachment_rows.take(iid)
        if row["status"] == STATUS_FINALIZED:
            r.states[iid] = texts.sha256(row, its_answers, its_eligibility, its_attachments)
    return problems


_CREATE = ("inspection.create", "")
_CREATED = frozenset({_CREATE})


def _mismatch(r: Reading, iid: str, what: str) -> Problem:
    return Problem("state", f"{r.label(iid)}: {what} khác với giá trị cuối cùng trong nhật ký — đã bị sửa ngoài antq.",
                   iid)


def _replay_rest(rows: Sequence[Sequence[Any]], last: dict[tuple[str, str], Any],
                 rest: set[tuple[str, str]]) -> tuple[dict[str, Any], list[tuple[tuple[str, str], Any]]]:
    """What the log rows of an inspection say besides the stored columns they were compared with (``rest``,
    keys of ``last``): the fields (as created, then each update, in the log's order, every one read), and
    the answers' columns logged but compared with no stored answer ((target, column), last text), in the
    order first logged; an eligibility answer's column logged for no stored one is only read."""
    fields: dict[str, Any] = {}
    updates: dict[str, Any] = {}
    for _iid, action, target, new in rows:
        kind = _replayed(action)
        if kind[0] == "create" or kind[0] == "update":
            value = loads(new) if new is not None else None
            if kind[0] == "create":
                fields = dict(value.get("fields", {})) if isinstance(value, dict) else {}
            else:
                updates[target] = value
    fields.update(updates)
    gone = []
    for key, new in last.items():
        if key in rest:
            kind = _replayed(key[0])
            if kind[0] == "answer":
                gone.append(((key[1], kind[1]), new))
            elif kind[0] == "eligibility" and new is not None:
                loads(new)
    return fields, gone


#: (index in a row of _STATE_ANSWERS / _STATE_ELIGIBILITY, column, whether it holds JSON, its log action)
_ANSWER_SPEC = tuple((2 + i, c, c in _JSON, f"answer.{c}") for i, c in enumerate(ANSWER_COLUMNS))
_ELIGIBILITY_SPEC = tuple((2 + i, c, c in _JSON, f"eligibility.{c}") for i, c in enumerate(ELIGIBILITY_COLUMNS))
_ANSWER_COLUMN_SET = frozenset(ANSWER_COLUMNS)
_ELIGIBILITY_COLUMN_SET = frozenset(ELIGIBILITY_COLUMNS)


def _default_value(store: Store, key: tuple[str, str, str]) -> Any:
    from .codec import default_answer

    iid, number, column = key
    try:
        return default_answer(store.snapshot_criteria(iid).criterion(int(number)))[column]
    except (KeyError, ValueError):
        return None


def _files(r: Reading) -> list[Problem]:
    store = r.store
    problems = []
    for table, what in (("attachments", "Tệp đính kèm"), ("exports", "Tệp đã xuất")):
        for row in r.rows(f"SELECT inspection_id, path, sha256, size FROM {table}"):
            path = store.absolute_path(row["path"])
            iid = row["inspection_id"]
            where = f"{r.label(iid)}: {what} {path}"
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


def _lifecycle(r: Reading) -> list[Problem]:
    """Status, finalization and the columns the store keeps itself, replayed from the log.

    ``inspection.create`` / ``finalize`` / ``reopen`` give the status and when it was finalized; the
    create entry gives the unit and the set; ``criteria_total`` is the snapshot's size and
    ``assessed`` the answers with a verdict; and a finalize entry (since it records them) gives the
    unit as inspected and the counts a finalized inspection must keep.
    """
    store = r.store
    from .codec import FINALIZED_COLUMNS

    problems: list[Problem] = []
    aliases = {r["alias"]: r["unit_id"] for r in store.query("SELECT alias, unit_id FROM unit_aliases")}
    replay: dict[str, dict[str, Any]] = {}
    for _row_id, iid, action, _target, at, logged in r.logged("inspection.create", "inspection.finalize",
                                                              "inspection.reopen"):
        new = json.loads(logged) if logged is not None else None
        state = replay.setdefault(iid, {})
        if action == "inspection.create":
            state.update(status="draft", finalized_at=None, recorded=None, unit_id=(new or {}).get("unit_id"),
                         set_id=(new or {}).get("set"))
        elif action == "inspection.finalize":
            # older entries record only the status
            state.update(status="finalized", finalized_at=at, recorded=new if isinstance(new, dict) else None)
        else:
            state.update(status="draft", finalized_at=None, recorded=None)
    assessed = {r["inspection_id"]: r["n"] for r in store.query(
        "SELECT inspection_id, count(*) AS n FROM answers WHERE verdict IS NOT NULL GROUP BY inspection_id")}

    for row in r.rows("SELECT * FROM inspections"):
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
            # the snapshot the row names, as snapshot_criteria(iid) reads it, without asking the row again
            if row["criteria_total"] != len(store.snapshot_by_key(row["snapshot_sha256"], iid).criteria.criteria):
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
                "state", f"{r.label(iid)}: {what} khác với những gì nhật ký ghi (hoàn thành, mở lại, tạo) — "
                         "đã bị sửa ngoài antq.", iid))
    return problems


#: the checks after SQLite's integrity check, in order (see the module docstring)
CHECKS: tuple[Check, ...] = (
    _guards, _tables, _chain, _origins, _log_tail, _log_order, _snapshots, _state, _lifecycle, _attachments, _exports,
    _files,
    check_dossier_files,
)
