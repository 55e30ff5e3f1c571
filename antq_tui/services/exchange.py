"""Carrying inspections between laptops as a ``.antq`` bundle: export, import, dry run."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..keys import KeysError
from .context import Context, ServiceError

if TYPE_CHECKING:
    from ..storage import Store
    from ..workspace import Workspace

SUFFIX = ".antq"


def bundle_path(out: Path) -> Path:
    """``out`` with the ``.antq`` suffix added when it has none."""
    out = Path(out)
    return out if out.suffix.lower() == SUFFIX else out.with_name(out.name + SUFFIX)


def export_bundle(ctx: Context, out: Path, *, inspection_ids: Sequence[str] = (), year: int | None = None,
                  to: str | None = None) -> Any:
    """Write the inspections (all, one year's, or the given ones) to a bundle signed by this workspace;
    ``to`` (an office's public key file or a trusted fingerprint) encrypts it to that office."""
    from ..exchange.export import export_bundle as write
    from .keys import read_public, workspace_key

    if inspection_ids and year is not None:
        raise ServiceError("Chọn --inspection hoặc --year, không dùng cả hai.")
    recipient = read_public(ctx, to) if to else None
    workspace_key(ctx)  # made here on first use, with this workspace's database id
    return write(ctx.store, bundle_path(out), inspection_ids=list(inspection_ids), year=year, to=recipient)


def import_bundle(ctx: Context, path: Path, *, trust_signer: bool = False) -> Any:
    """Merge a bundle into the context's database in one write (after checking every part and its
    signature); ``trust_signer`` imports from, and then trusts, a signer not trusted yet. The finalized
    inspections it brings are signed here too, so ``antq verify`` keeps watching them."""
    import threading

    from ..exchange.merge import backup_after, backup_failed
    from ..exchange.merge import import_bundle as merge
    from ..storage import StorageError
    from .keys import sign_imported, trust_store, workspace_key

    result = merge(ctx.store, path, dry_run=False, trust=trust_store(ctx), key=workspace_key(ctx),
                   trust_signer=trust_signer, backup=False)

    def copy() -> None:  # its own connection, in its thread; SQLite copies and checks without the GIL
        try:
            with ctx.store.for_thread() as store:
                backup_after(store, result)
        except (OSError, StorageError) as exc:  # no connection for the thread (the file locked meanwhile)
            backup_failed(ctx.store, result, exc)

    # the copy of the database (seconds for a province: two checks and a copy, in SQLite) is taken while
    # the signatures are made (Python): the one waits on the disk, the other on the processor
    copying = threading.Thread(target=copy, name="antq-import-backup")
    copying.start()
    try:
        sign_imported(ctx, result.inspections)
    finally:
        copying.join()
    return result


def plan_import(workspace: Workspace, path: Path) -> Any:
    """What importing ``path`` would do, leaving the workspace's database byte for byte as it was."""
    from ..exchange.merge import import_bundle as merge
    from ..keys import TrustStore, load_key

    try:
        key = load_key(workspace.data_dir)
    except KeysError as exc:
        raise ServiceError(str(exc)) from None
    trust = TrustStore(workspace.data_dir, key.public if key else None)
    with dry_run_store(workspace) as store:
        return merge(store, path, dry_run=True, trust=trust, key=key)


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
