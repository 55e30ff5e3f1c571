"""Storage: the SQLite database of a workspace (sqlite-utils), its migrations, audit log and search.

Everything outside this package reads and writes inspections through :class:`Store`, the only door
to SQL: one repository module per family of tables (:mod:`.units`, :mod:`.inspections`,
:mod:`.answers`, :mod:`.eligibility`, :mod:`.attachments`, :mod:`.bundles`) over :mod:`.core`, one
description of the tables (:mod:`.schema`), the row codec (:mod:`.codec`), literal migration SQL
(:mod:`.frozen_sql`); see
:mod:`antq_tui.storage.store` for the guarantees (every write committed at once, one connection per
thread, finalized inspections read-only, Vietnamese errors). Nothing here imports Textual.
"""

from .audit import AuditEntry
from .errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    FinalizedError,
    InvalidValueError,
    NewerDatabaseError,
    NotFoundError,
    OlderDatabaseError,
    StorageError,
)
from .records import Attachment, ExportRecord, InspectionRow, Problem
from .store import INSPECTION_FIELDS, UNSET, Store, new_id

__all__ = [
    "INSPECTION_FIELDS",
    "UNSET",
    "Attachment",
    "AuditEntry",
    "DatabaseCorruptError",
    "DatabaseLockedError",
    "ExportRecord",
    "FinalizedError",
    "InspectionRow",
    "InvalidValueError",
    "NewerDatabaseError",
    "NotFoundError",
    "OlderDatabaseError",
    "Problem",
    "StorageError",
    "Store",
    "new_id",
]
