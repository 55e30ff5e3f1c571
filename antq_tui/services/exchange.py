"""Carrying inspections between laptops as a ``.antq`` bundle: export, import, dry run."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .context import Context, ServiceError

if TYPE_CHECKING:
    from ..storage import Store
    from ..workspace import Workspace

SUFFIX = ".antq"


def bundle_path(out: Path) -> Path:
    """``out`` with the ``.antq`` suffix added when it has none."""
    out = Path(out)
    return out if out.suffix.lower() == SUFFIX else out.with_name(out.name + SUFFIX)


def export_bundle(ctx: Context, out: Path, *, inspection_ids: Sequence[str] = (), year: int | None = None) -> Any:
    """Write the inspections (all, one year's, or the given ones) to a bundle; returns its summary."""
    from ..exchange.export import export_bundle as write

    if inspection_ids and year is not None:
        raise ServiceError("Chọn --inspection hoặc --year, không dùng cả hai.")
    return write(ctx.store, bundle_path(out), inspection_ids=list(inspection_ids), year=year)


def import_bundle(ctx: Context, path: Path) -> Any:
    """Merge a bundle into the context's database in one write (after checking every part)."""
    from ..exchange.merge import import_bundle as merge

    return merge(ctx.store, path, dry_run=False)


def plan_import(workspace: Workspace, path: Path) -> Any:
    """What importing ``path`` would do, leaving the workspace's database byte for byte as it was."""
    from ..exchange.merge import import_bundle as merge

    with dry_run_store(workspace) as store:
        return merge(store, path, dry_run=True)


@contextlib.contextmanager
def dry_run_store(workspace: Workspace) -> Iterator[Store]:
    """The store a dry run plans against: the database opened read-only; an empty one when there is
    none yet; an upgraded copy in a temporary folder when it needs an upgrade first."""
    from ..storage import OlderDatabaseError, Store
    from ..storage.db import copy_database_file

    if workspace.db_path.exists():
        try:
            store = Store.for_workspace(workspace, read_only=True)
        except OlderDatabaseError:
            pass
        else:
            with store:
                yield store
            return
    with tempfile.TemporaryDirectory(prefix="antq-dry-run-") as tmp:
        folder = Path(tmp)
        if workspace.db_path.exists():
            copy_database_file(workspace.db_path, folder / "antq.db")
        with Store.open(folder / "antq.db", user=workspace.config.current_user) as store:
            yield store
