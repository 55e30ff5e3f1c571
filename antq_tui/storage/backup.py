"""Backups: consistent copies of the database in ``inspections/backups/``, only good ones, newest kept.

Taken with SQLite's online backup API (:func:`antq_tui.storage.db.copy_database`), so a copy made while
the app writes is still a whole, consistent database. Names sort by time:
``antq-20240512-101500-finalize.db``. Only files antq named this way are ever pruned.

What makes a backup good (issue: a corrupt database was copied daily until no good copy was left):

- the database is checked (``PRAGMA quick_check``) before it is copied, and the copy again before it
  gets its name: a damaged database raises :class:`DatabaseCorruptError` and no backup is written;
- pruning keeps the ``keep`` newest and, beyond them, the newest backup that still passes the check;
- the temporary files of a copy that was killed half-way (``.antq-….db.part``, its ``-journal``) are
  removed once they are older than :data:`STRAY_AGE_S` (a younger one may be another program's copy
  under way);
- :func:`restore` puts the newest good backup (or a chosen one) in place of the database, keeping the
  current file aside, and refuses while another program (the TUI) has the database open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..files import atomic_path, fsync_dir
from .db import copy_database, corrupt_message
from .errors import DatabaseCorruptError, DatabaseLockedError, NotFoundError, StorageError

_NAME_RE = re.compile(r"^antq-(\d{8})-(\d{6})(?:-([a-z]+))?(?:-(\d+))?\.db$")
#: what a killed copy leaves: atomic_path's temporary name (and SQLite's journal of it), older ``.db.tmp``
_STRAY_RE = re.compile(r"^(\.antq-.*\.part|antq-.*\.db\.tmp)(-journal|-wal|-shm)?$")
#: a temporary file younger than this may belong to a copy another program is making right now
STRAY_AGE_S = 600


def backup_file_name(when: dt.datetime, reason: str = "") -> str:
    suffix = f"-{reason}" if reason else ""
    return f"antq-{when:%Y%m%d-%H%M%S}{suffix}.db"


def list_backups(folder: Path) -> list[Path]:
    """antq's backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and _NAME_RE.match(p.name)]
    return sorted(found, key=_order, reverse=True)


def _order(path: Path) -> tuple[str, str, int]:
    day, time_, _reason, counter = _NAME_RE.match(path.name).groups()  # type: ignore[union-attr]
    return day, time_, int(counter or 1)


def backup_day(path: Path) -> dt.date | None:
    match = _NAME_RE.match(path.name)
    return dt.datetime.strptime(match.group(1), "%Y%m%d").date() if match else None


def backup_time(path: Path) -> dt.datetime | None:
    match = _NAME_RE.match(path.name)
    return dt.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S") if match else None


# -- checking ----------------------------------------------------------------------------------------


def check_connection(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA quick_check`` of an open database: [] when it is whole, else SQLite's lines (at most 5)."""
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


#: a file written less than this long ago is checked every time: its time is the file system's clock
#: tick, so a second write in the same tick would leave the same time (git's "racy" rule)
SETTLED_NS = 2_000_000_000


def _identity(db: Path) -> str:
    """The database file and its write-ahead log as the file system sees them (inode, size, time to the
    nanosecond): any write by SQLite changes one of them. "" when a file cannot be read or was written
    in the last :data:`SETTLED_NS`."""
    parts = []
    now = time.time_ns()
    for f in (db, db.with_name(db.name + "-wal")):
        try:
            st = f.stat()
        except FileNotFoundError:
            parts.append("-")
            continue
        except OSError:
            return ""
        if f is not db and st.st_size == 0:  # an empty log (a reader opens one): nothing in it to change
            parts.append("-")
            continue
        if now - st.st_mtime_ns < SETTLED_NS:
            return ""
        parts.append(f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}")
    return " ".join(parts)


def check_remembered(conn: sqlite3.Connection, db: Path) -> list[str]:
    """:func:`check_connection`, unless the file has not changed since it last passed.

    ``PRAGMA quick_check`` reads every page: 0.4 s on a province's 330 MB, paid by every command and
    every start (issue 19). A file that passed and has not been written since (same inode, size and
    time, its ``-wal`` too) is the file that passed; any write, a restore, a copy put in its place
    changes that, and the check runs again. ``antq verify`` always checks in full. The note is kept
    in antq's cache folder (:mod:`antq_tui.cache`), never in the data folder.
    """
    from .. import cache

    note = f"checked-{cache.key_for(db)}.json"
    before = _identity(Path(db))
    if before and cache.read(note) == before:
        return []
    problems = check_connection(conn)
    if problems:
        cache.forget(note)
    elif before and _identity(Path(db)) == before:  # nobody wrote while it was checked
        cache.write(note, before)
    return problems


def check_file(path: Path) -> list[str]:
    """:func:`check_connection` of the file at ``path``, opened read-only and immutable (nothing is
    written beside it, not even a ``-wal``); a file that is not an SQLite database is not whole either."""
    try:
        conn = sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return check_connection(conn)
    finally:
        conn.close()


def is_good(path: Path) -> bool:
    return not check_file(path)


@dataclass(frozen=True)
class BackupInfo:
    """One backup as ``antq backup list`` shows it."""

    path: Path
    taken_at: dt.datetime | None
    size: int
    problems: tuple[str, ...]

    @property
    def good(self) -> bool:
        return not self.problems


def describe_backups(folder: Path) -> list[BackupInfo]:
    """Every backup in ``folder``, newest first, each checked."""
    return [BackupInfo(p, backup_time(p), p.stat().st_size, tuple(check_file(p))) for p in list_backups(folder)]


def newest_good(folder: Path) -> Path | None:
    """The newest backup in ``folder`` that passes the check (checked newest first, so usually one)."""
    return next((p for p in list_backups(folder) if is_good(p)), None)


def backups_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def restore_advice(db_path: Path) -> str:
    """The sentence that tells a user what to do with a damaged database: the newest *good* backup."""
    folder = backups_folder(db_path)
    good = newest_good(folder)
    if good is None:
        return (f"Không có bản sao lưu nào còn tốt trong {folder}. Hãy giữ nguyên tệp hỏng và nhờ cán bộ "
                "kỹ thuật giúp (có thể dùng một gói .antq đã gửi đi để nhập lại).")
    return (f"Bản sao lưu tốt gần nhất là {good}. Để khôi phục, thoát antq rồi chạy “antq backup restore” "
            "(tệp hiện tại được giữ lại bên cạnh, không bị xóa).")


# -- making and pruning -------------------------------------------------------------------------------


def make_backup(conn: sqlite3.Connection, folder: Path, when: dt.datetime, reason: str = "", *,
                source: Path | None = None) -> Path:
    """Copy the open database into ``folder``; a second copy in the same second gets its own name.

    :raises DatabaseCorruptError: the database (``source``, for the message) fails the check; nothing
        is written, so a damaged file never takes a good backup's place.
    """
    where = Path(source) if source else folder.parent / "antq.db"
    problems = check_connection(conn)
    if problems:
        raise DatabaseCorruptError(corrupt_message(where, "kiểm tra trước khi sao lưu: " + "; ".join(problems[:2])))
    clean_stray(folder)
    reason = re.sub(r"[^a-z]", "", reason.lower())
    stamp = (f"{when:%Y%m%d}", f"{when:%H%M%S}")
    same_second = [_order(p)[2] for p in list_backups(folder) if _order(p)[:2] == stamp]
    # numbered after every copy of that same second still here, so the names keep their order
    n = max(same_second) + 1 if same_second else 1
    dest = folder / backup_file_name(when, reason if n == 1 else f"{reason}-{n}".lstrip("-"))

    def check_copy(tmp: Path) -> None:
        found = check_file(tmp)
        if found:
            raise DatabaseCorruptError(corrupt_message(where, "bản sao vừa chép không đọc lại được: " + found[0]))

    return copy_database(conn, dest, check=check_copy)


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups, never the newest good one; returns what was deleted."""
    clean_stray(folder)
    found = list_backups(folder)
    kept = found[:max(keep, 1)]
    if not any(is_good(p) for p in kept):
        good = next((p for p in found[len(kept):] if is_good(p)), None)
        if good is not None:
            kept.append(good)
    removed = []
    for old in found:
        if old not in kept:
            old.unlink(missing_ok=True)
            removed.append(old)
    return removed


def clean_stray(folder: Path, *, older_than_s: float = STRAY_AGE_S) -> list[Path]:
    """Remove what killed copies left in ``folder`` (see :data:`_STRAY_RE`) once old enough."""
    if not folder.is_dir():
        return []
    limit = time.time() - older_than_s
    removed = []
    for p in folder.iterdir():
        if _STRAY_RE.match(p.name) and p.is_file():
            with contextlib.suppress(OSError):
                if p.stat().st_mtime < limit:
                    p.unlink()
                    removed.append(p)
    return removed


# -- restoring ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    database: Path
    #: the files of the database as it was, kept beside it (the main file, its -wal and -shm)
    set_aside: tuple[Path, ...]


def in_use(db_path: Path) -> bool:
    """Whether another connection (the TUI, another command) has the database open right now.

    Asks SQLite for an exclusive lock without waiting: an open WAL connection holds a shared lock, so
    the request fails. A file SQLite cannot even read is not open in antq either.
    """
    if not Path(db_path).exists():
        return False
    try:
        conn = sqlite3.connect(str(db_path), timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc) or "busy" in str(exc)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def resolve_backup(db_path: Path, name: str | Path | None) -> Path:
    """The backup to restore: the newest good one, or ``name`` (a path, or a file name in backups/)."""
    folder = backups_folder(db_path)
    if name is None:
        good = newest_good(folder)
        if good is None:
            raise NotFoundError(f"Không có bản sao lưu nào còn tốt trong {folder}: không khôi phục được. "
                                "Tệp cơ sở dữ liệu giữ nguyên.")
        return good
    path = Path(name)
    if not path.is_file() and (folder / path.name).is_file():
        path = folder / path.name
    if not path.is_file():
        raise NotFoundError(f"Không tìm thấy bản sao lưu “{name}” (xem danh sách: antq backup list).")
    return path.absolute()


def restore(db_path: Path, name: str | Path | None = None, *, when: dt.datetime | None = None) -> RestoreResult:
    """Put a good backup in place of the database at ``db_path``; the current files are kept aside.

    :raises DatabaseLockedError: the database is open in another program (the TUI): nothing changed.
    :raises DatabaseCorruptError: the chosen backup fails the check, or is not an antq database.
    """
    db_path = Path(db_path).absolute()
    source = resolve_backup(db_path, name)
    problems = check_file(source)
    if problems:
        raise DatabaseCorruptError(f"Bản sao lưu {source} cũng bị hỏng ({problems[0]}); không khôi phục từ nó. "
                                   + restore_advice(db_path))
    if not _is_antq_database(source):
        raise DatabaseCorruptError(f"Tệp {source} không phải bản sao lưu cơ sở dữ liệu antq; không khôi phục từ nó.")
    if in_use(db_path):
        raise DatabaseLockedError(
            f"Cơ sở dữ liệu {db_path} đang được mở (antq đang chạy ở một cửa sổ khác?). Hãy thoát antq ở mọi "
            "cửa sổ rồi chạy lại lệnh khôi phục. Chưa thay đổi gì.")
    stamp = f"{(when or dt.datetime.now()):%Y%m%d-%H%M%S}"
    aside_main = db_path.with_name(f"{db_path.name}.before-restore-{stamp}.bak")
    set_aside: list[Path] = []
    try:
        import shutil  # restoring only

        with atomic_path(db_path) as tmp:
            shutil.copyfile(source, tmp)
            if check_file(tmp):
                raise StorageError(f"Chép {source} vào {db_path.parent} không thành công (bản chép đọc lại bị "
                                   "lỗi; ổ đĩa?). Chưa thay đổi gì.")
            # the current files go aside together: a -wal holds committed changes of its main file
            for suffix in ("", "-wal", "-shm"):
                current = Path(f"{db_path}{suffix}")
                if current.exists():
                    aside = Path(f"{aside_main}{suffix}")
                    os.replace(current, aside)
                    set_aside.append(aside)
    except OSError as exc:
        raise StorageError(f"Không khôi phục được {db_path} từ {source}: {exc.strerror or exc}. "
                           + (f"Tệp cũ đã được để riêng: {set_aside[0]}." if set_aside else "Chưa thay đổi gì.")
                           ) from None
    fsync_dir(db_path.parent)
    return RestoreResult(source, db_path, tuple(set_aside))


def _is_antq_database(path: Path) -> bool:
    try:
        conn = sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return False
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone()[0] == 1
    except sqlite3.Error:
        return False
    finally:
        conn.close()
