"""Export: the chosen inspections of a database, with everything that belongs to them, into a bundle.

What goes in: the inspections (all, one year, or named ones), their units and criteria snapshots,
answers, eligibility answers, attachments and exported minutes (records and files), and their audit
rows, plus the units' own audit rows. Each audit row travels with where it was first written (the
database id, its id and hashes there), so a row that reached this database from another laptop
keeps its origin when it goes on to the province.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import atomic_path
from ..keys import KeysError, PublicKey, load_or_create_key, seal_file
from ..storage import Store
from ..storage.files import sha256_file
from .bundle import BundleError, attachment_member, export_member, write_bundle


@dataclass
class ExportResult:
    path: Path
    sha256: str
    size: int
    counts: dict[str, int]
    #: the fingerprint of the key that signed it, and of the office it is encrypted to (None: plain)
    signer: str = ""
    encrypted_to: str | None = None
    #: Vietnamese lines about files that could not be carried (missing or changed since recorded)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "sha256": self.sha256, "size": self.size, "counts": self.counts,
                "signer": self.signer, "encrypted_to": self.encrypted_to, "warnings": self.warnings}


def select_inspections(store: Store, inspection_ids: Sequence[str] = (), year: int | None = None) -> list[str]:
    """The ids to export: the named ones (a unique beginning of an id is enough, as ``antq list`` shows
    eight characters), or one year's, or all."""
    if inspection_ids:
        chosen: list[str] = []
        for wanted in inspection_ids:
            found = store.inspection_ids(starting_with=wanted.strip())
            exact = [i for i in found if i == wanted]
            if exact or len(found) == 1:
                chosen.append((exact or found)[0])
            elif not found:
                raise BundleError(f"Không tìm thấy cuộc kiểm tra “{wanted}”.")
            else:
                raise BundleError(f"Có {len(found)} cuộc kiểm tra có mã bắt đầu bằng “{wanted}”; hãy ghi dài hơn.")
        return list(dict.fromkeys(chosen))
    if year is not None:
        return store.inspection_ids(year=year)
    return store.inspection_ids()


def collect(store: Store, ids: Sequence[str]) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[str, Path]],
                                                          list[str]]:
    """The rows of every table for the inspections ``ids``, the files to carry, and warnings."""
    tables = store.bundle_rows(ids)
    tables["audit"] = [_audit_row(store, r) for r in tables["audit"]]
    files: list[tuple[str, Path]] = []
    warnings: list[str] = []
    for table, member, what in (("attachments", attachment_member, "Tệp đính kèm"),
                                ("exports", export_member, "Tệp biên bản đã xuất")):
        for row in tables[table]:
            path = store.data_dir / row["path"]
            row["file"] = None
            if not path.is_file():
                warnings.append(f"{what} {path} không còn; chỉ chuyển bản ghi, không có tệp.")
            elif sha256_file(path) != (row["sha256"], row["size"]):
                warnings.append(f"{what} {path} đã bị thay đổi sau khi ghi nhận; chỉ chuyển bản ghi, không có tệp.")
            else:
                row["file"] = member(row["id"])
                files.append((row["file"], path))
    return tables, files, warnings


def _audit_row(store: Store, r: dict[str, Any]) -> dict[str, Any]:
    """An audit row as a bundle carries it: its content, and its place in the chain it was first written in."""
    native = r["origin"] is None
    return {
        "inspection_id": r["inspection_id"], "at": r["at"], "who": r["who"], "action": r["action"],
        "target": r["target"], "old": r["old"], "new": r["new"],
        "origin": store.database_id if native else r["origin"],
        "origin_id": r["id"] if native else r["origin_id"],
        "origin_inspection_id": r["inspection_id"] if native else r["origin_inspection_id"],
        "prev_hash": r["prev_hash"] if native else r["origin_prev_hash"],
        "hash": r["hash"] if native else r["origin_hash"],
    }


def export_bundle(store: Store, out: Path | str, *, inspection_ids: Sequence[str] = (),
                  year: int | None = None, to: PublicKey | None = None) -> ExportResult:
    """Write the chosen inspections (see :func:`select_inspections`) to the bundle ``out``, signed by
    the workspace's key; with ``to``, encrypted to that office's key (only its workspace can open it)."""
    ids = select_inspections(store, inspection_ids, year)
    if not ids:
        raise BundleError("Không có cuộc kiểm tra nào để xuất" + (f" trong năm {year}." if year else "."))
    tables, files, warnings = collect(store, ids)
    counts = {t: len(rows) for t, rows in tables.items()}
    manifest = {
        "database_id": store.database_id,
        "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "created_by": store.user,
        "selection": {"inspections": list(inspection_ids) or None, "year": year},
        "counts": counts,
    }
    out = Path(out)
    try:
        key = load_or_create_key(store.data_dir, store.database_id, store.user)
    except KeysError as exc:
        raise BundleError(str(exc)) from None
    if to is None:
        digest = write_bundle(out, manifest, tables, files, key)
    else:
        # the plain bundle only ever exists in the temporary folder of this computer, never on the stick
        with tempfile.TemporaryDirectory(prefix="antq-bundle-") as tmp:
            plain = Path(tmp) / out.name
            digest = write_bundle(plain, manifest, tables, files, key)
            try:
                with atomic_path(out) as sealed, open(sealed, "wb") as fh:
                    seal_file(plain, fh, to)
            except OSError as exc:
                raise BundleError(f"Không ghi được gói {out}: {exc.strerror or exc}. Không có gói nào được tạo.") from None
    return ExportResult(path=out, sha256=digest, size=out.stat().st_size, counts=counts, warnings=warnings,
                        signer=key.fingerprint, encrypted_to=to.fingerprint if to else None)
