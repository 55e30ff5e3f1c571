"""Opening the SQLite file: pragmas chosen for a laptop whose battery may die, and error translation.

One :class:`sqlite3.Connection` per thread: the connection is opened with ``check_same_thread=True``
(the default), so using it from another thread raises at once instead of corrupting a transaction.
The driver runs in autocommit mode (``isolation_level=None``); every write is an explicit
``BEGIN IMMEDIATE … COMMIT`` (see :meth:`antq_tui.storage.store.Store._write`), so nothing waits in
an open transaction, and ``synchronous=FULL`` makes a reported commit survive a power cut.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import atomic_path
from .errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    FinalizedError,
    StorageError,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

#: How long a write waits for another connection's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 5000

#: The messages the database triggers raise (see migrations 0001), mapped to errors.
TRIGGER_FINALIZED = "antq_finalized"
TRIGGER_APPEND_ONLY = "antq_append_only"
TRIGGER_RECORDED = "antq_recorded"  # migration 0006: the exports table


class ReopenGuard:
    """The ``antq_reopening(id)`` SQL function of one connection (see migration 0005).

    Answers 1 only for an inspection id inside :meth:`allow`; the trigger that keeps a finalized
    inspection finalized lets exactly that reopening through. The state lives in this Python object,
    so only code holding the connection's store can set it, and only for the transaction it runs.
    """

    def __init__(self) -> None:
        self._ids: set[str] = set()

    def __call__(self, inspection_id: str) -> int:
        return 1 if inspection_id in self._ids else 0

    @contextlib.contextmanager
    def allow(self, inspection_id: str) -> Iterator[None]:
        self._ids.add(inspection_id)
        try:
            yield
        finally:
            self._ids.discard(inspection_id)


class Connection(sqlite3.Connection):
    """An antq connection: sqlite3's own, which carries the :class:`ReopenGuard` registered on it."""

    reopen_guard: ReopenGuard


def connect(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Connection:
    """Open (creating if needed) the database at ``path`` with antq's connection pragmas.

    ``synchronous=FULL`` (a commit is on disk before it is reported), foreign keys enforced, a busy
    timeout, and ``recursive_triggers`` on (as sqlite-utils sets it on every connection it wraps, so
    the triggers behave the same whether or not :func:`database` wraps this one). These change
    nothing in the file; :func:`use_wal` (which does) is called only once the file is known to be
    antq's. A plain sqlite3 connection: reading needs no sqlite-utils (``import sqlite_utils`` is
    ~25 ms of every command; issue 19); :func:`database` wraps it for the writes that use its helpers.
    """
    with translate_errors(path):
        conn = sqlite3.connect(
            str(path), timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=True,
            factory=Connection,
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # not a database: fails here
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA recursive_triggers = ON")
            conn.reopen_guard = ReopenGuard()
            conn.create_function("antq_reopening", 1, conn.reopen_guard, deterministic=False)
        except BaseException:
            conn.close()
            raise
    return conn


def database(conn: sqlite3.Connection) -> Database:
    """``conn`` wrapped in a sqlite-utils :class:`~sqlite_utils.Database` (its migrations, table helpers).

    sqlite-utils plugins are not run on the connection (``execute_plugins=False``), as datasette does
    for its internal database; :func:`connect` has set ``recursive_triggers`` already.
    """
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False, recursive_triggers=False)


def dict_rows(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """The rows of an executed query as dicts, as sqlite-utils' ``Database.query`` makes them (a name
    given twice, by a join's ``*``, gets ``_2``).

    :raises ValueError: the statement returns no rows (it was not a query).
    """
    if cursor.description is None:
        raise ValueError("only a query that returns rows can be read as rows")
    keys = [d[0] for d in cursor.description]
    if len(set(keys)) != len(keys):
        from sqlite_utils.utils import dedupe_keys

        keys = dedupe_keys(keys)
    return [dict(zip(keys, row, strict=True)) for row in cursor]


def use_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Switch the file to WAL (readers never block the writer; stays set in the file)."""
    with translate_errors(path):
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # e.g. a file system without shared memory
        log.warning("journal_mode is %s, not WAL, for %s", mode, path)


def describe(exc: sqlite3.Error, path: Path) -> StorageError:
    """A Vietnamese :class:`StorageError` for an sqlite3 error about the database at ``path``."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if TRIGGER_FINALIZED in text:
        return FinalizedError(
            "Cuộc kiểm tra này đã hoàn thành nên chỉ được xem; muốn sửa phải mở lại (ghi rõ lý do)."
        )
    if TRIGGER_RECORDED in text:
        return StorageError("Bản ghi tệp đã xuất không được sửa; bản ghi biên bản chính thức (đã hoàn thành) "
                            "không được xóa.")
    if TRIGGER_APPEND_ONLY in text:
        return StorageError("Nhật ký thay đổi và ảnh chụp bộ tiêu chí chỉ được ghi thêm, không được sửa hay xóa.")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return DatabaseLockedError(
            f"Cơ sở dữ liệu {path} đang bị một chương trình khác khóa (có thể antq đang mở ở một cửa sổ "
            "khác, hoặc một công cụ đang sao chép tệp). Thay đổi vừa rồi CHƯA được lưu. Hãy đóng chương "
            "trình kia rồi thử lại."
        )
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in text or "malformed" in text:
        return DatabaseCorruptError(corrupt_message(path))
    if name.startswith("SQLITE_FULL"):
        return StorageError(f"Ổ đĩa chứa {path} đã đầy: thay đổi vừa rồi CHƯA được lưu. Hãy giải phóng dung lượng.")
    if name.startswith("SQLITE_READONLY"):
        return StorageError(f"Không ghi được vào {path}: tệp hoặc thư mục chỉ cho đọc. Thay đổi CHƯA được lưu.")
    if name.startswith("SQLITE_CANTOPEN"):
        return StorageError(f"Không mở được {path}: thư mục không tồn tại hoặc không có quyền truy cập.")
    if name.startswith("SQLITE_IOERR"):
        return StorageError(f"Lỗi đọc/ghi đĩa với {path} (ổ đĩa bị rút ra hoặc hỏng?). Thay đổi CHƯA được lưu.")
    return StorageError(f"Lỗi cơ sở dữ liệu {path}: {text}")


def corrupt_message(path: Path, detail: str = "") -> str:
    """What to tell the user about a damaged database: which file, and the newest backup that is good."""
    from .backup import restore_advice  # backup imports this module

    what = f" ({detail})" if detail else ""
    return (f"Tệp {path} không phải cơ sở dữ liệu antq hoặc đã bị hỏng{what}. antq không sửa gì trên tệp này "
            f"và không sao lưu đè nó lên các bản sao lưu tốt. {restore_advice(path)}")


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn sqlite3 errors raised inside the block into Vietnamese :class:`StorageError` subclasses."""
    try:
        yield
    except sqlite3.Error as exc:
        raise describe(exc, path) from exc


def copy_database(conn: sqlite3.Connection, dest: Path, *, check: Callable[[Path], None] | None = None) -> Path:
    """A consistent copy of the open database into ``dest`` (SQLite's online backup API), fsynced.

    Written to a temporary name first and renamed, so a half-written copy never looks like a backup.
    ``check`` is called on the temporary copy before the rename; if it raises, nothing is renamed.
    """
    with atomic_path(dest) as tmp:  # a half-written copy is never left behind
        target = sqlite3.connect(str(tmp))
        try:
            conn.backup(target)
        finally:
            target.close()
        if check is not None:
            check(tmp)
    return dest


def copy_database_file(path: Path, dest: Path) -> Path:
    """:func:`copy_database` through a new read-only connection to the file at ``path``.

    For a caller that holds the write lock on its own connection (SQLite's backup cannot read from
    a connection in a write transaction): the copy shows the last committed state, which nobody
    else can change while the lock is held.
    """
    source = sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True)
    try:
        return copy_database(source, dest)
    finally:
        source.close()
