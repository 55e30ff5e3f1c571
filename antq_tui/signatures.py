"""Signatures of record: a finalized inspection's state and log head, and every recorded export.

They are files, no table (no schema change): ``signatures/<inspection id>.finalize.json`` and
``signatures/exports/<export id>.json`` in the data folder, each a statement signed by the
workspace key (:func:`antq_tui.keys.sign_statement`). :func:`verify_signatures` is what ``antq
verify`` adds: a finalized inspection whose state or log no longer match what was signed, an
export record or file that differs from its signature, an export of a signed inspection that has
none, or a signature by a key this workspace neither owns nor trusts.

The state is what the minutes say (the visit, every answer, the eligibility answers and the attached
files by sha256), without local ids, so the same inspection imported elsewhere hashes the same.
Only reads through :class:`antq_tui.storage.Store` methods; no SQL here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files import write_atomic, write_atomic_many
from .keys import OWN, REVOKED, TRUSTED, KeysError, TrustStore, WorkspaceKey, load_key, sign_statement, verify_statement
from .storage.ids import is_sha256
from .storage.signed import STATE_DUMPS, attachment_state

if TYPE_CHECKING:
    from collections.abc import Callable

    from .storage import Store
    from .storage.records import Problem

log = logging.getLogger(__name__)

SIGNATURES_DIR = "signatures"
#: log rows that may follow a finalized inspection's signed head: moving it and printing it
_AFTER_HEAD = ("export.", "bundle.")
_SKIP = {"updated_at", "updated_by"}


def _plain(value: Any) -> Any:
    cls = type(value)
    if cls in _AS_IS:  # the most common first
        return value
    convert = _CONVERT.get(cls)
    if convert is None:
        convert = _CONVERT[cls] = _converter(cls)
    return convert(value)


_AS_IS = frozenset({type(None), bool, int, float, str})
#: how :func:`_plain` turns a value of each class into plain data, chosen once per class (which of the
#: branches below a value takes depends on its class alone)
_CONVERT: dict[type, Callable[[Any], Any]] = {}


def _converter(cls: type) -> Callable[[Any], Any]:
    if issubclass(cls, bool | int | float | str):
        return lambda value: value
    if issubclass(cls, dict):
        return lambda value: {str(k): _plain(v) for k, v in value.items()}
    if issubclass(cls, list | tuple):
        return lambda value: [_plain(v) for v in value]
    names = _field_names(cls)
    if names is not None:
        return lambda value: {name: _plain(getattr(value, name)) for name in names}
    if issubclass(cls, dt.date | dt.datetime):
        return lambda value: value.isoformat()
    return lambda value: str(getattr(value, "value", value))


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The fields :func:`_plain` keeps of a dataclass, or None for any other class (once per class)."""
    if cls not in _FIELDS:
        _FIELDS[cls] = (tuple(f.name for f in dataclasses.fields(cls) if f.name not in _SKIP)
                        if dataclasses.is_dataclass(cls) else None)
    return _FIELDS[cls]


def inspection_state(store: Store, inspection_id: str) -> str:
    """sha256 of what a finalized inspection holds (see the module's docstring)."""
    i = store.get_inspection(inspection_id)
    state = {
        "unit": {"name": i.unit.name, "kind": i.unit.kind, "district": i.unit.district, "province": i.unit.province},
        "year": i.year, "set": [i.criteria.id, i.criteria.version], "status": i.status,
        "finalized_at": _plain(i.finalized_at),
        "visit": _plain({k: getattr(i, k) for k in ("visit_date", "place", "start_time", "end_time", "team",
                                                    "representatives", "strengths", "shortcomings",
                                                    "recommendations", "conclusion", "minutes_number")}),
        "answers": _plain(i.answers), "eligibility": _plain(i.eligibility),
        "attachments": attachment_state((a.sha256, a.name, a.number) for a in store.attachments(inspection_id)),
    }
    return hashlib.sha256(STATE_DUMPS(state).encode()).hexdigest()


def log_head(store: Store, inspection_id: str) -> str:
    last = store.audit_entries(inspection_id, limit=1, newest_first=True)
    return last[0].hash if last else ""


def finalize_path(data_dir: Path, inspection_id: str) -> Path:
    return Path(data_dir) / SIGNATURES_DIR / f"{inspection_id}.finalize.json"


def export_path(data_dir: Path, export_id: str) -> Path:
    return Path(data_dir) / SIGNATURES_DIR / "exports" / f"{export_id}.json"


def _encoded(signed: dict[str, Any]) -> bytes:
    return json.dumps(signed, ensure_ascii=False, indent=1).encode("utf-8")


def _write(path: Path, signed: dict[str, Any]) -> Path:
    """On the disk before it is reported written (a power cut right after finalize must not leave an
    empty signature, which verify would read as one deleted): the one atomic writer, fsynced."""
    return write_atomic(path, _encoded(signed))


def finalize_statement(store: Store, key: WorkspaceKey, inspection_id: str, state: str | None = None) -> dict[str, Any]:
    """The signed statement of a finalized inspection: its state (``state``, when the caller hashed it
    already with :func:`inspection_state`) and its log head, now."""
    return sign_statement(key, {
        "kind": "finalize", "inspection_id": inspection_id, "database_id": key.database_id,
        "state_sha256": state or inspection_state(store, inspection_id), "log_head": log_head(store, inspection_id),
        "signed_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")})


#: from this many inspections on, :func:`inspection_states` hashes half of them in a second process (whose
#: start, ~0.2 s, costs as much as hashing 200 here)
STATES_BESIDE = 400


def inspection_states(store: Store, inspection_ids: Sequence[str]) -> dict[str, str]:
    """:func:`inspection_state` of each inspection, half of them by a second process for many
    (:mod:`antq_tui.beside`: the laptop's other core, while this one does the other half). The second
    process runs the same function on the same committed database; what it cannot say is hashed here."""
    from . import beside

    ids = list(dict.fromkeys(inspection_ids))
    theirs = ids[len(ids) // 2:] if len(ids) >= STATES_BESIDE else []
    second = beside.start(__name__, [str(store.path)], given=json.dumps(theirs).encode()) if theirs else None
    try:
        found = {iid: inspection_state(store, iid) for iid in (ids[:len(ids) // 2] if second else ids)}
        told = _states_told(second.answer("states"), theirs) if second is not None else None
    finally:
        if second is not None:
            second.stop()
    for iid in ids:
        if iid not in found:
            found[iid] = told[iid] if told is not None else inspection_state(store, iid)
    return found


def _states_told(out: bytes | None, ids: Sequence[str]) -> dict[str, str] | None:
    """The second process's states, if they are exactly one sha256 for each of ``ids``; else None."""
    try:
        told = json.loads(out.decode("utf-8")) if out is not None else None
    except ValueError:
        return None
    if (type(told) is not dict or set(told) != set(ids)
            or not all(map(is_sha256, told.values()))):
        return None
    return told


def main(argv: list[str]) -> None:
    """The second process of :func:`inspection_states`: ``DATABASE``, the ids as JSON on standard input;
    their states as JSON on standard output. It opens the database read-only and writes nothing."""
    from .storage import Store

    ids = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    with Store.open(Path(argv[0]), read_only=True) as store:
        states = {iid: inspection_state(store, iid) for iid in ids}
    sys.stdout.buffer.write(json.dumps(states).encode("utf-8"))
    sys.stdout.buffer.flush()


def export_statement(key: WorkspaceKey, export_id: str, inspection_id: str, sha256: str, size: int) -> dict[str, Any]:
    """The signed statement of a recorded export: its file's sha256 and size."""
    return sign_statement(key, {
        "kind": "export", "export_id": export_id, "inspection_id": inspection_id, "database_id": key.database_id,
        "sha256": sha256, "size": size, "signed_at": dt.datetime.now().astimezone().isoformat(timespec="seconds")})


def sign_finalized(store: Store, key: WorkspaceKey, inspection_id: str) -> Path:
    return _write(finalize_path(store.data_dir, inspection_id), finalize_statement(store, key, inspection_id))


def sign_export(store: Store, key: WorkspaceKey, export_id: str, inspection_id: str, sha256: str,
                size: int) -> Path:
    return _write(export_path(store.data_dir, export_id), export_statement(key, export_id, inspection_id, sha256, size))


def sign_many(store: Store, key: WorkspaceKey, finalized: Sequence[str],
              exports: Sequence[tuple[str, str, str, int]]) -> list[Path]:
    """Sign many finalized inspections and exports (``(export id, inspection id, sha256, size)``) at once,
    as an import does: each file written as :func:`sign_finalized` and :func:`sign_export` write theirs,
    all made durable by one flush of the disk (:func:`antq_tui.files.write_atomic_many`) instead of two
    per file (hundreds of signatures: seconds of waiting on the disk)."""
    data_dir = store.data_dir
    states = inspection_states(store, finalized)
    items = [(finalize_path(data_dir, iid), _encoded(finalize_statement(store, key, iid, states[iid])))
             for iid in finalized]
    items += [(export_path(data_dir, eid), _encoded(export_statement(key, eid, iid, sha, size)))
              for eid, iid, sha, size in exports]
    return write_atomic_many(items)


def _read(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _finalized_since(finalized_at: dt.datetime | None, own: WorkspaceKey | None) -> bool:
    """Was the inspection finalized here after the key existed (so it must carry a signature)?"""
    if finalized_at is None or own is None or own.created_at is None:
        return False
    at = finalized_at if finalized_at.tzinfo else finalized_at.astimezone()
    if own.created_at.microsecond == 0:  # a key made before keys kept their microseconds: whole seconds, so
        # an inspection finalized in the second the key was made may have been finalized just before it
        return at.replace(microsecond=0) > own.created_at
    return at >= own.created_at


def verify_signatures(store: Store, states: Mapping[str, str] | None = None) -> list[Problem]:
    """What the signatures of record say is wrong; empty when every signature holds (see the module).

    ``states``: the sha256 of finalized inspections' states as verify hashed them from the rows it read
    (:meth:`Store.finalized_for_signatures` reads them otherwise); one that is not what was signed, or
    missing, is asked of :func:`inspection_state` before it is reported."""
    from .storage.records import Problem

    data_dir = store.data_dir
    try:
        own = load_key(data_dir)
    except KeysError as exc:
        return [Problem("signature", str(exc))]
    trust = TrustStore(data_dir, own.public if own else None)
    problems: list[Problem] = []

    def signer(signed: dict[str, Any] | None, where: str, iid: str) -> bool:
        try:
            key = verify_statement(signed)
        except KeysError as exc:
            problems.append(Problem("signature", f"{where}: {exc}", iid))
            return False
        status = trust.status(key)
        if status not in (OWN, TRUSTED):
            what = "đã bị thu hồi" if status == REVOKED else "không phải của máy này và chưa được tin cậy"
            problems.append(Problem("signature", f"{where}: ký bởi khóa {key.fingerprint} {what}.", iid))
            return False
        return True

    # the rows of every finalized inspection, read side by side in a few queries (Store.finalized_for_signatures):
    # its state is hashed from them, and read whole (inspection_state) only when that hash is not the signed one
    for record in store.finalized_for_signatures(states):
        row = record.row
        iid = row.id
        label = f"{row.unit_name} năm {row.year}"
        signed = _read(finalize_path(data_dir, iid))
        if signed is None:
            if row.origin in ("", store.database_id) and _finalized_since(row.finalized_at, own):
                # finalize signs before it returns: a missing file of work done here was deleted (to hide a
                # rewrite); work imported from another laptop is checked by that laptop's bundle signature
                problems.append(Problem("signature", f"{label}: hoàn thành khi máy đã có khóa ký nhưng không có "
                                                     "chữ ký hoàn thành (tệp chữ ký đã bị xóa?).", iid))
            continue  # otherwise finalized before this workspace had a key; the log checks still apply
        if not signer(signed, f"{label}: chữ ký hoàn thành", iid):
            continue
        claimed = signed.get("state_sha256")
        if signed.get("inspection_id") != iid or not (
                (record.state_sha256 and claimed == record.state_sha256) or claimed == inspection_state(store, iid)):
            problems.append(Problem("signature", f"{label}: nội dung không còn khớp chữ ký lúc hoàn thành "
                                                 "(đã bị sửa sau khi hoàn thành).", iid))
        followed = store.signed_head_followed(iid, signed.get("log_head"), _AFTER_HEAD)
        if followed is None:
            problems.append(Problem("signature", f"{label}: nhật ký không còn dòng đã ký lúc hoàn thành "
                                                 "(lịch sử đã bị viết lại).", iid))
        elif followed:
            problems.append(Problem("signature", f"{label}: nhật ký có thay đổi được thêm sau khi hoàn thành "
                                                 "và ký.", iid))
        for export in record.exports:
            where = f"{label}: biên bản đã xuất {export.path.name}"
            export_signed = _read(export_path(data_dir, export.id))
            if export_signed is None:
                problems.append(Problem("signature", f"{where} không có chữ ký (không do antq ghi nhận).", iid))
            elif signer(export_signed, where, iid) and (
                    export_signed.get("sha256"), export_signed.get("size"), export_signed.get("inspection_id")) != (
                    export.sha256, export.size, iid):
                problems.append(Problem("signature", f"{where}: mã sha256 ghi nhận khác với chữ ký lúc xuất "
                                                     "(bản ghi hoặc tệp đã bị thay).", iid))
    return problems
