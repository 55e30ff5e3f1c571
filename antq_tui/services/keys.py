"""The workspace's signing key and the keys it trusts: show, export, trust, list, revoke; signing of record.

The key logic is in :mod:`antq_tui.keys` (files, signatures, encryption) and
:mod:`antq_tui.signatures` (what finalize and export sign, and what ``antq verify`` checks); this
module is the use cases the CLI and the TUI call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import signatures
from ..files import write_atomic
from ..inspection import STATUS_FINALIZED
from ..keys import (
    STATUS_LABELS,
    KeysError,
    PublicKey,
    TrustStore,
    WorkspaceKey,
    key_path,
    load_or_create_key,
)
from .context import Context, ServiceError

log = logging.getLogger(__name__)


def workspace_key(ctx: Context) -> WorkspaceKey:
    """This workspace's key, made on first use (owner-only file beside the database)."""
    try:
        return load_or_create_key(ctx.workspace.data_dir, ctx.store.database_id, ctx.workspace.config.current_user)
    except KeysError as exc:
        raise ServiceError(str(exc)) from None


def trust_store(ctx: Context) -> TrustStore:
    return TrustStore(ctx.workspace.data_dir, workspace_key(ctx).public)


@dataclass
class KeyInfo:
    fingerprint: str
    database_id: str
    name: str
    status: str
    path: Path | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def to_json(self) -> dict[str, Any]:
        return {"fingerprint": self.fingerprint, "database_id": self.database_id, "name": self.name,
                "status": self.status, "label": self.label, "path": str(self.path) if self.path else None}


def show(ctx: Context) -> KeyInfo:
    key = workspace_key(ctx)
    return KeyInfo(key.fingerprint, key.database_id, key.name, "own", key_path(ctx.workspace.data_dir))


def fingerprint_line(ctx: Context) -> str:
    """The one line the Settings screen shows."""
    try:
        return f"Khóa ký của máy này: {workspace_key(ctx).fingerprint}"
    except ServiceError as exc:
        return str(exc)


def export_public(ctx: Context, out: Path) -> Path:
    """Write this workspace's public key (what an office trusts, and encrypts bundles to)."""
    out = Path(out)
    if out.is_dir():
        out = out / f"antq-{workspace_key(ctx).public.file_stem[:8].lower()}.pub"
    try:
        return write_atomic(out, workspace_key(ctx).public.to_text().encode())
    except OSError as exc:
        raise ServiceError(f"Không ghi được {out}: {exc.strerror or exc}.") from None


def read_public(ctx: Context, file_or_fingerprint: str) -> PublicKey:
    """A public key from a file (``antq keys export``), or one seen or trusted here by fingerprint."""
    path = Path(file_or_fingerprint)
    try:
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ServiceError(f"Không đọc được {path}: {exc}.") from None
            return PublicKey.from_text(text, f"tệp “{path}”")
        if str(file_or_fingerprint) == workspace_key(ctx).fingerprint.replace(" ", "") or \
                file_or_fingerprint.replace(" ", "").upper() == workspace_key(ctx).public.file_stem:
            return workspace_key(ctx).public
        return trust_store(ctx).find(file_or_fingerprint)
    except KeysError as exc:
        raise ServiceError(str(exc)) from None


def trust(ctx: Context, file_or_fingerprint: str) -> KeyInfo:
    key = read_public(ctx, file_or_fingerprint)
    try:
        path = trust_store(ctx).trust(key)
    except KeysError as exc:
        raise ServiceError(str(exc)) from None
    except OSError as exc:
        raise ServiceError(f"Không ghi được khóa tin cậy: {exc.strerror or exc}.") from None
    return KeyInfo(key.fingerprint, key.database_id, key.name, "trusted", path)


def revoke(ctx: Context, fingerprint: str) -> KeyInfo:
    key = read_public(ctx, fingerprint)
    store = trust_store(ctx)
    try:
        path = store.revoke(store.record(key) or key)
    except (KeysError, OSError) as exc:
        raise ServiceError(str(exc)) from None
    return KeyInfo(key.fingerprint, key.database_id, key.name, "revoked", path)


def list_keys(ctx: Context) -> list[KeyInfo]:
    own = show(ctx)
    return [own] + [KeyInfo(k.fingerprint, k.database_id, k.name, s) for k, s in trust_store(ctx).listing()]


# --------------------------------------------------------------------------------------------------
# signing of record (finalize, export); a failed signature never undoes what was done


def sign_finalized(ctx: Context, inspection_id: str) -> Path | None:
    try:
        return signatures.sign_finalized(ctx.store, workspace_key(ctx), inspection_id)
    except (ServiceError, OSError) as exc:
        log.error("could not sign the finalized inspection %s: %s", inspection_id, exc)
        return None


def sign_export(ctx: Context, record: Any) -> Path | None:
    try:
        return signatures.sign_export(ctx.store, workspace_key(ctx), record.id, record.inspection_id,
                                      record.sha256, record.size)
    except (ServiceError, OSError) as exc:
        log.error("could not sign the export %s: %s", record.id, exc)
        return None


def sign_imported(ctx: Context, outcomes: list[Any]) -> None:
    """After an import: sign the finalized inspections it added or brought forward, and the exports it
    added to a signed inspection. An inspection that was here already keeps its own signature (or its
    lack of one): an import never signs over what it did not bring. All are written at once
    (:func:`antq_tui.signatures.sign_many`); a failed write is logged and undoes nothing of the import."""
    from ..exchange.outcomes import CONFLICT, EXPORTS, NEW, UPDATED

    store, data_dir = ctx.store, ctx.workspace.data_dir
    finalized: list[str] = []
    exports: list[tuple[str, str, str, int]] = []
    for outcome in outcomes:
        if outcome.action not in (NEW, UPDATED, CONFLICT, EXPORTS):
            continue
        iid = outcome.local_id
        if store.inspection_status(iid) != STATUS_FINALIZED:  # its status alone, not the whole inspection
            continue
        if outcome.action != EXPORTS:  # its state came, checked, in a signed bundle (a stale one is replaced)
            finalized.append(iid)
        elif not signatures.finalize_path(data_dir, iid).exists():
            continue
        exports += [(r.id, iid, r.sha256, r.size) for r in store.exports(iid)
                    if not signatures.export_path(data_dir, r.id).exists()]
    if not finalized and not exports:
        return
    try:
        signatures.sign_many(store, workspace_key(ctx), finalized, exports)
    except (ServiceError, OSError) as exc:
        log.error("could not sign the %d inspections and %d exports an import brought: %s", len(finalized),
                  len(exports), exc)
