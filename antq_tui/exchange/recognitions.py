"""Importing what followed the visit: recognition decisions and award proposals travel with the
inspection they were recorded on.

A row comes in only when its inspection is here after the import (new, unchanged, brought forward,
or kept as a conflict copy: the row follows it to its local id), and never overwrites a row of the
same id. The one change that travels is a removal: a decision removed on the other side (logged
there, with its reason) is marked removed here too; a removal is never undone by an import.
"""

from __future__ import annotations

from typing import Any

#: the tables this module merges, in order
TABLES = ("recognitions", "award_proposals")


def merge_recognitions(merger: Any) -> None:
    """Insert the bundle's recognitions and award proposals (inside the import's transaction)."""
    store = merger.store
    local_of = {o.incoming_id: o.local_id for o in merger.result.inspections}
    for table in TABLES:
        for row in merger.bundle.tables.get(table, []):
            target = local_of.get(row["inspection_id"])
            if target is None:
                continue
            if store.has_row(table, "id", row["id"]):
                if table == "recognitions" and row.get("removed_at") and _active_here(store, row["id"]):
                    merger.result.added["recognitions_removed"] += 1
                    if not merger.dry_run:
                        store.mark_recognition_removed(row["id"], row["removed_at"], row.get("removed_by", ""),
                                                       row.get("removed_reason", ""))
                        merger._log(None, "bundle.recognition_removed", row["id"],
                                    {"from": merger.bundle.database_id})
                continue
            merger._insert(table, {**row, "inspection_id": target}, table)
            merger._log(None, f"bundle.{table}", row["id"], {"inspection_id": target, "from": merger.bundle.database_id})


def _active_here(store: Any, recognition_id: str) -> bool:
    return store.get_recognition(recognition_id).active
