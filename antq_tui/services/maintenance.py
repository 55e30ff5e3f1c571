"""Keeping a workspace's database good: the daily backup, the list of backups, restoring one, verifying.

Restoring and listing take the :class:`~antq_tui.workspace.Workspace`, not a context: the database
may be too damaged to open, and restoring needs nobody to have it open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..storage import backup as backups
from ..storage.db import corrupt_message
from ..storage.records import Problem

if TYPE_CHECKING:
    from ..storage import Store
    from ..storage.store import BackupResult
    from ..workspace import Workspace
    from .context import Context


def daily_backup(ctx: Context) -> BackupResult:
    """Check the database, then today's copy unless taken already; a warning in the result, never an error."""
    return ctx.store.daily_backup()


def damage(store: Store) -> str:
    """"" when the database passes ``PRAGMA quick_check``; else what to tell the user (which file, the
    newest good backup). About 0.4 s on a 330 MB database of 5,000 inspections, so a file unchanged
    since it last passed is not read again (:func:`antq_tui.storage.backup.check_remembered`)."""
    problems = backups.check_remembered(store.conn, store.path)
    return corrupt_message(store.path, "; ".join(problems[:2])) if problems else ""


def list_backups(workspace: Workspace) -> list[backups.BackupInfo]:
    """The workspace's backups, newest first, each checked (``good``)."""
    return backups.describe_backups(backups.backups_folder(workspace.db_path))


def restore(workspace: Workspace, name: str | Path | None = None) -> backups.RestoreResult:
    """Put the newest good backup (or ``name``) in place of the database; the current files are kept aside.

    :raises StorageError: (Vietnamese) no good backup, the chosen one is damaged, or antq has the
        database open elsewhere; nothing changed then.
    """
    return backups.restore(workspace.db_path, name)


@dataclass(frozen=True)
class VerifyReport:
    problems: list[Problem]
    audit_entries: int
    orphan_files: list[Path]


def verify(store: Store) -> VerifyReport:
    """Every check of ``antq verify`` (:mod:`antq_tui.storage.verify`) over one read transaction."""
    problems = store.verify()
    return VerifyReport(problems, store.audit_count() if not problems or problems[0].kind != "integrity" else 0,
                        store.orphan_files() if not problems or problems[0].kind != "integrity" else [])
