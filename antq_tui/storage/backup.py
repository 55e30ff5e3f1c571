"""Backups: consistent copies of the database in ``inspections/backups/``, newest kept.

Taken with SQLite's online backup API (:func:`antq_tui.storage.db.copy_database`), so a copy made while
the app writes is still a whole, consistent database. Names sort by time:
``antq-20240512-101500-finalize.db``. Only files antq named this way are ever pruned.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from .db import copy_database

_NAME_RE = re.compile(r"^antq-(\d{8})-(\d{6})(?:-([a-z]+))?(?:-(\d+))?\.db$")


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
    day, time, _reason, counter = _NAME_RE.match(path.name).groups()  # type: ignore[union-attr]
    return day, time, int(counter or 1)


def backup_day(path: Path) -> dt.date | None:
    match = _NAME_RE.match(path.name)
    return dt.datetime.strptime(match.group(1), "%Y%m%d").date() if match else None


def make_backup(conn: sqlite3.Connection, folder: Path, when: dt.datetime, reason: str = "") -> Path:
    """Copy the open database into ``folder``; a second copy in the same second gets its own name."""
    reason = re.sub(r"[^a-z]", "", reason.lower())
    stamp = (f"{when:%Y%m%d}", f"{when:%H%M%S}")
    same_second = [_order(p)[2] for p in list_backups(folder) if _order(p)[:2] == stamp]
    # numbered after every copy of that same second still here, so the names keep their order
    n = max(same_second) + 1 if same_second else 1
    dest = folder / backup_file_name(when, reason if n == 1 else f"{reason}-{n}".lstrip("-"))
    return copy_database(conn, dest)


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups; returns what was deleted."""
    removed = []
    for old in list_backups(folder)[max(keep, 1):]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return removed
