"""Import: merge a checked bundle into a database in one transaction, overwriting nothing.

How an incoming inspection is compared with what is here: by its **history**, the audit rows that
made it, each known by where it was first written (the database's id and the row's id there; see
``audit_origin``). Rows that only record moving or printing it (``bundle.*``, ``export.*``) are not
part of its content. With I the incoming content and C the content of a local candidate (the
inspection with the same id, the one it is a conflict copy of, and their conflict copies):

1. I ⊆ C — nothing new: **unchanged** (minutes exported there since are added: **exports**).
2. C ⊂ I and C is a draft (the same inspection, or a conflict copy made here) — nothing was changed
   here since the common point: C is brought forward to I (**updated**), finalized if I is. A draft
   here therefore yields to the finalized one only when it has no change of its own.
3. the inspection is not here at all: **new**, with its own id (a conflict copy made elsewhere stays
   a copy of the same original).
4. otherwise both sides changed it, or it is finalized here and different there: **conflict**. The
   local inspection is left exactly as it is; the incoming one is stored beside it as a new
   inspection with a new id, recorded in ``inspection_copies`` as a copy of it, with its whole
   history, its answers, files and status. Nothing is overwritten; the team compares and decides.

Units are matched by id, then by an id another database gave the same unit before
(``unit_aliases``), then by folded name + kind + district + province when exactly one unit here has
them (two laptops that each created "Xã Phiêng Ban" of Bắc Yên, Sơn La); otherwise the unit is
added with its id. A local unit is never renamed by an import; the inspections keep the name they
were inspected under.

The audit rows of another database are appended to this database's chain (so ``antq verify`` checks
them as part of it) and keep, in ``audit_origin``, their id, inspection and hashes there (so verify
also checks them against their own chain). The import itself is logged: one ``bundle.import`` row
for the file and one per inspection it added or changed. Importing the same bundle again writes
nothing. Files are written into the data folder before the commit and removed again if it fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import logging
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from ..files import make_durable
from ..folding import fold
from ..inspection import STATUS_DRAFT, STATUS_FINALIZED, Unit
from ..keys import (
    REVOKED,
    TRUSTED,
    UNKNOWN,
    KeysError,
    PublicKey,
    TrustStore,
    WorkspaceKey,
    is_sealed,
    load_key,
    open_sealed,
)
from ..storage import StorageError, Store, search
from ..storage.attachments import disk_name
from ..storage.audit import dumps as audit_dumps
from ..storage.files import free_name, is_inside, safe_name
from ..storage.unit_keys import unit_key
from .bundle import Bundle, BundleError, check_space, disk_message, read_bundle
from .outcomes import (
    ACTION_LABELS,
    CONFLICT,
    EXPORTS,
    NEW,
    UNCHANGED,
    UPDATED,
    ImportResult,
    InspectionOutcome,
    UnitOutcome,
)

log = logging.getLogger(__name__)

#: Test hook, never set by antq itself: called inside the import's write transaction, every row
#: written, just before COMMIT. The kill test sets it in a child process (to pause there and be
#: killed); nothing reads it from the environment.
before_commit: Callable[[], None] | None = None

#: an audit row's identity everywhere: (the database that first wrote it, its id there)
Key = tuple[str, int]

#: audit actions that record moving or printing an inspection, not changing it
_NOT_CONTENT = ("bundle.", "export.")

class UnknownSignerError(BundleError):
    """The bundle is signed by a key this workspace has not trusted; ``key`` is that key."""

    def __init__(self, message: str, key: PublicKey):
        super().__init__(message)
        self.key = key


def import_bundle(store: Store, path: Path | str, *, dry_run: bool = False, trust: TrustStore | None = None,
                  key: WorkspaceKey | None = None, trust_signer: bool = False, backup: bool = True) -> ImportResult:
    """Check the bundle at ``path`` completely, then merge it into ``store`` in one transaction.

    With ``dry_run`` the same decisions are made and reported, and nothing is written.

    :param trust: the keys this workspace trusts (default: those beside ``store``'s database).
    :param key: this workspace's key, which opens a bundle encrypted to it.
    :param trust_signer: import (and then trust) a bundle whose signer is not trusted yet; without it
        such a bundle is refused (:class:`UnknownSignerError`, with the signer's key), a dry run says so.
    :param backup: take the copy of the database an import that brings a finalized inspection takes
        (:func:`backup_after`); False for a caller that takes it itself, beside other work.

    :raises BundleError: the bundle is damaged, foreign, from a newer antq, or the disk is too full;
        the database is exactly as it was.
    :raises StorageError: the database refused (locked, disk full…); rolled back, nothing written.
    """
    path = original = Path(path)
    if key is None:
        try:
            key = load_key(store.data_dir)
        except KeysError as exc:
            raise BundleError(str(exc)) from None
    if trust is None:
        trust = TrustStore(store.data_dir, key.public if key else None)
    with contextlib.ExitStack() as stack:
        stack.enter_context(_collector_paused())
        encrypted = is_sealed(path)
        if encrypted:
            path = _decrypted(path, key, stack)
        statuses: list[str] = []
        bundle = read_bundle(path, on_signer=lambda signer, manifest: statuses.append(_check_signer(
            signer, manifest, path.name, trust, dry_run=dry_run, trust_signer=trust_signer)))
        stack.callback(bundle.close)
        status = statuses[0]
        manifest = bundle.manifest
        result = ImportResult(bundle=original, sha256=bundle.sha256, source=bundle.database_id,
                              created_at=manifest.get("created_at", ""), created_by=manifest.get("created_by", ""),
                              dry_run=dry_run, signer=bundle.signer.fingerprint if bundle.signer else "",
                              signer_status=status, encrypted=encrypted)
        _merge(store, bundle, result, dry_run, backup)
        if status == UNKNOWN and trust_signer and not dry_run and bundle.signer is not None:
            try:
                trust.trust(bundle.signer)
                result.signer_status = "trusted_now"
            except (OSError, KeysError) as exc:
                result.warnings.append(f"Đã nhập xong nhưng không ghi được khóa tin cậy: {exc}.")
    return result


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a bundle is read and merged: a province's bundle is a million
    rows held from start to end, which hold no cycles, and each pass of the collector walks them all
    again (a tenth of the import). Reference counting still frees everything as usual; the collector
    runs again after."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _decrypted(path: Path, key: WorkspaceKey | None, stack: contextlib.ExitStack) -> Path:
    """The plain bundle inside an encrypted one, in a temporary folder that lasts the import."""
    if key is None:
        raise BundleError(f"Gói “{path.name}” được mã hóa nhưng máy này chưa có khóa (chưa tạo khóa nào, nên không "
                          "thể là người nhận). Chưa nhập gì.")
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="antq-import-")))
    plain = folder / path.name
    try:
        with open(plain, "xb") as out:
            open_sealed(path, out, key)
    except KeysError as exc:
        raise BundleError(f"Gói “{path.name}”: {exc} Chưa nhập gì.") from None
    except OSError as exc:
        raise BundleError(f"Không giải mã được gói “{path.name}”: {exc.strerror or exc}. Chưa nhập gì.") from None
    return plain


def _check_signer(signer: PublicKey, manifest: dict[str, Any], name: str, trust: TrustStore, *, dry_run: bool,
                  trust_signer: bool) -> str:
    """Whether the bundle's signer may speak for the database it claims; its trust status."""
    database_id = str(manifest.get("database_id", ""))
    status = trust.status(signer)
    if status == REVOKED:
        raise BundleError(f"Gói “{name}” được ký bởi khóa {signer.fingerprint}, khóa này đã bị thu hồi. Chưa nhập gì.")
    if status == TRUSTED:
        record = trust.record(signer)
        if record is not None and record.database_id and record.database_id != database_id:
            raise BundleError(
                f"Gói “{name}” ghi là từ máy {database_id[:8]}, nhưng khóa ký {signer.fingerprint} được tin cậy "
                f"cho máy {record.database_id[:8]}: một máy chỉ gửi được dữ liệu của chính nó. Chưa nhập gì.")
    if status == UNKNOWN:
        others = [k for k, s in trust.listing() if s == TRUSTED and k.database_id == database_id]
        if others or (trust.own is not None and trust.own.database_id == database_id):
            raise BundleError(
                f"Gói “{name}” ghi là từ máy {database_id[:8]} nhưng được ký bởi khóa lạ {signer.fingerprint}, "
                "không phải khóa đã tin cậy của máy đó (gói giả mạo?). Chưa nhập gì.")
        if not trust_signer and not dry_run:
            trust.remember_seen(signer)
            raise UnknownSignerError(
                f"Gói “{name}” được ký bởi khóa chưa được tin cậy: dấu vân tay {signer.fingerprint} (máy "
                f"{database_id[:8]}, {manifest.get('created_by') or '?'}). Chưa nhập gì. Hãy gọi điện "
                "hỏi người gửi dấu vân tay khóa của họ (antq keys show); nếu đúng, nhập lại với --trust "
                f"hoặc chạy antq keys trust \"{signer.fingerprint}\".", signer)
    return status


def _merge(store: Store, bundle: Bundle, result: ImportResult, dry_run: bool, backup: bool = True) -> None:
    if not dry_run:
        check_space(store.data_dir, bundle)
    merger = _Merger(store, bundle, result, dry_run)
    try:
        with store.merging(dry_run=dry_run, before_commit=before_commit):
            merger.run()
    except BaseException as exc:
        merger.remove_written_files()
        if isinstance(exc, OSError):
            raise BundleError(disk_message(store.data_dir, exc)) from None
        if isinstance(exc, StorageError) and not isinstance(exc, BundleError):
            raise type(exc)(f"{exc} Chưa nhập gì từ gói {bundle.path.name}.") from exc
        if isinstance(exc, Exception) and not isinstance(exc, StorageError):
            # a row the checks let through and the merge could not handle: rolled back, never a traceback
            log.exception("import of %s failed", bundle.path)
            raise BundleError(
                f"Không nhập được gói {bundle.path.name}: dữ liệu trong gói không dùng được ({type(exc).__name__}). "
                "Chưa nhập gì; cơ sở dữ liệu giữ nguyên. Chi tiết đã được ghi vào nhật ký chương trình.") from exc
        raise
    if backup:
        backup_after(store, result)


def backup_after(store: Store, result: ImportResult) -> None:
    """After an import that brought a finalized inspection, as after finalizing here: a copy of the
    database (``result.backup``); a copy that fails is a warning of the result, the import stands."""
    if result.dry_run or not result.finalized_changed:
        return
    try:
        result.backup = store.backup("import")
    except (OSError, StorageError) as exc:
        backup_failed(store, result, exc)


def backup_failed(store: Store, result: ImportResult, exc: BaseException) -> None:
    """What the result says when the copy after an import could not be taken."""
    log.error("backup after importing %s failed: %s", result.bundle, exc)
    result.warnings.append(f"Đã nhập xong nhưng không sao lưu được cơ sở dữ liệu vào {store.backups_dir}: "
                           f"{getattr(exc, 'strerror', None) or exc}.")


def plan_import(store: Store, path: Path | str) -> ImportResult:
    """What :func:`import_bundle` would do, without writing anything (``--dry-run``)."""
    return import_bundle(store, path, dry_run=True)


class _Merger:
    """The decisions and the writes of one import, inside the caller's transaction."""

    def __init__(self, store: Store, bundle: Bundle, result: ImportResult, dry_run: bool):
        self.store = store
        self.bundle = bundle
        self.result = result
        self.dry_run = dry_run
        self.me = store.database_id
        self.at = dt.datetime.now().astimezone().isoformat(timespec="milliseconds")
        self.written_files: list[Path] = []
        self.made_folders: list[Path] = []
        #: audit rows to append, in order: written in one go before the log is next read, and at the end
        self.pending_audit: list[dict[str, Any]] = []
        self.unit_map: dict[str, str] = {}
        self.local_units: defaultdict[tuple[str, str, str], list[str]] | None = None
        t = bundle.tables
        self.rows_by_inspection: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.unit_rows: list[dict[str, Any]] = []
        for row in t["audit"]:
            if row["inspection_id"] is None:
                self.unit_rows.append(row)
            else:
                self.rows_by_inspection[row["inspection_id"]].append(row)
        self.children: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        for table in ("answers", "eligibility_answers", "attachments", "exports", "eligibility_cases"):
            for row in t[table]:
                self.children[row["inspection_id"]][table].append(row)

    # ----------------------------------------------------------------------------------------------

    def run(self) -> None:
        units = {u["id"]: u for u in self.bundle.tables["units"]}
        for unit in units.values():
            self._unit(unit)
        snapshots = {s["sha256"]: s for s in self.bundle.tables["snapshots"]}
        # originals before the conflict copies made of them elsewhere
        incoming = sorted(self.bundle.tables["inspections"], key=lambda r: (r.get("copy_of") is not None, r["id"]))
        for row in incoming:
            self._snapshot(snapshots[row["snapshot_sha256"]])
            self._inspection(row)
        self._unit_audit()
        from .recognitions import merge_recognitions  # the decisions and award proposals that followed the visit
        merge_recognitions(self)
        if not self.dry_run:
            make_durable(self.written_files, self.made_folders)  # once, before the commit
        if self.result.changed and not self.dry_run:
            summary = {a: self.result.count(a) for a in ACTION_LABELS}
            self._log(None, "bundle.import", self.bundle.path.name, {
                "sha256": self.bundle.sha256, "from": self.bundle.database_id,
                "created_at": self.result.created_at, "created_by": self.result.created_by,
                "inspections": summary, "added": dict(self.result.added)})
        self._flush_audit()

    def remove_written_files(self) -> None:
        """Undo the files written so far, and the folders made for them (a failed import leaves nothing)."""
        for path in reversed(self.written_files):
            path.unlink(missing_ok=True)
        for folder in reversed(self.made_folders):
            try:
                folder.rmdir()
            except OSError:
                pass

    def _make_folder(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for f in reversed(missing):
            f.mkdir()
            self.made_folders.append(f)

    # ----------------------------------------------------------------------------------------------
    # units and snapshots

    def _unit(self, unit: dict[str, Any]) -> None:
        uid = unit["id"]
        name = unit["name"]
        if self._exists("units", "id", uid):
            self.unit_map[uid] = uid
            self.result.units.append(UnitOutcome(uid, uid, name, "same"))
            return
        alias = self.store.unit_alias(uid)
        if alias:
            self.unit_map[uid] = alias
            self.result.units.append(UnitOutcome(uid, alias, name, "alias"))
            return
        incoming = Unit(id=uid, name=name, kind=unit["kind"], district=unit.get("district", ""),
                        province=unit.get("province", ""))
        same = self._units_like(incoming)
        if len(same) == 1:
            self.unit_map[uid] = same[0]
            self.result.units.append(UnitOutcome(uid, same[0], name, "matched"))
            self._insert("unit_aliases", {"alias": uid, "unit_id": same[0], "created_at": self.at}, "unit_aliases")
            self._log(None, "bundle.unit", same[0], {"alias": uid, "name": name, "from": self.bundle.database_id})
            return
        self.unit_map[uid] = uid
        self.result.units.append(UnitOutcome(uid, uid, name, "new"))
        # a later unit of the bundle may match this one, as it would in the database: in a dry run too, which
        # must count the units the import will add
        self._units_like(incoming).append(uid)
        # the search columns are derived here, never taken from the file
        folded = {"name_folded": fold(name), "search_folded": search.unit_text(
            name, unit["kind"], unit.get("district", ""), unit.get("province", ""))}
        self._insert("units", {**unit, **folded}, "units")

    def _units_like(self, unit: Unit) -> list[str]:
        """The ids of the units here that :func:`~antq_tui.storage.unit_keys.same_unit` says name ``unit`` (the list itself, kept
        by :func:`unit_key`: the units are read once per import, not once per incoming unit)."""
        if self.local_units is None:
            self.local_units = defaultdict(list)
            for u in self.store.find_units():
                self.local_units[unit_key(u)].append(u.id)
        return self.local_units[unit_key(unit)]

    def _snapshot(self, snap: dict[str, Any]) -> None:
        if not self._exists("snapshots", "sha256", snap["sha256"]):
            self._insert("snapshots", snap, "snapshots")

    # ----------------------------------------------------------------------------------------------
    # inspections

    def _inspection(self, row: dict[str, Any]) -> None:
        iid = row["id"]
        rows = self.rows_by_inspection.get(iid, [])
        content = {_key(r) for r in rows if _is_content(r["action"])}
        root = row.get("copy_of") or iid
        candidates = [c for c in dict.fromkeys([iid, root, *self._copies_of(iid), *self._copies_of(root)])
                      if self._exists("inspections", "id", c)]
        local = {c: self._history(c) for c in candidates}
        outcome = InspectionOutcome(iid, iid, row["unit_name"], row["year"], row["status"], NEW,
                                    copy_of=row.get("copy_of"), reason=row.get("copy_reason") or "")
        for c, (keys, c_content, _status) in local.items():
            if content <= c_content:
                missing = [r for r in rows if _key(r) not in keys]
                outcome.local_id, outcome.copy_of, outcome.reason = c, None, ""
                outcome.action = EXPORTS if any(r["action"].startswith("export.") for r in missing) else UNCHANGED
                self.result.inspections.append(outcome)
                if outcome.action == EXPORTS:
                    self._add_files(row, c, keys, attachments=False)
                    self._append_audit(missing, c)
                    self._log(c, "bundle.import", EXPORTS, self._note(row))
                return
        for c, (keys, c_content, status) in local.items():
            if c_content < content and status == STATUS_DRAFT and (c == iid or self._is_local_copy(c)):
                outcome.local_id, outcome.copy_of, outcome.reason, outcome.action = c, None, "", UPDATED
                self.result.inspections.append(outcome)
                self._bring_forward(row, c, keys, rows)
                return
        if iid in local:
            outcome.action = CONFLICT
            outcome.local_id = str(uuid.uuid4())
            outcome.copy_of = iid
            outcome.reason = "finalized_differs" if local[iid][2] == STATUS_FINALIZED else "both_changed"
        self.result.inspections.append(outcome)
        self._add(row, outcome, rows)

    def _history(self, iid: str) -> tuple[set[Key], set[Key], str]:
        """(every row's key, the content rows' keys, status) of a local inspection."""
        keys: set[Key] = set()
        content: set[Key] = set()
        self._flush_audit()
        for r in self.store.audit_keys(iid):
            key = (r["origin"], r["origin_id"]) if r["origin"] is not None else (self.me, r["id"])
            keys.add(key)
            if _is_content(r["action"]):
                content.add(key)
        return keys, content, self.store.inspection_status(iid)

    def _copies_of(self, iid: str) -> list[str]:
        return self.store.conflict_copies_of(iid)

    def _is_local_copy(self, iid: str) -> bool:
        return self._exists("inspection_copies", "id", iid)

    def _add(self, row: dict[str, Any], outcome: InspectionOutcome, rows: list[dict[str, Any]]) -> None:
        """A new inspection here: the incoming one with its id, or a conflict copy with a new id."""
        target = outcome.local_id
        values = {**row, "id": target, "unit_id": self.unit_map[row["unit_id"]], "status": STATUS_DRAFT,
                  "finalized_at": None, "search_folded": _search_text(row)}
        self._insert("inspections", values, "inspections")
        self._add_children(row["id"], target)
        self._add_files(row, target, set(), attachments=True)
        self._finalize_like(row, target)
        if outcome.copy_of:
            self._insert("inspection_copies", {"id": target, "copy_of": outcome.copy_of,
                                              "reason": outcome.reason or "both_changed", "created_at": self.at},
                        "inspection_copies")
        self._append_audit(rows, target)
        self._log(target, "bundle.import", outcome.action, self._note(row, outcome.copy_of))

    def _bring_forward(self, row: dict[str, Any], target: str, keys: set[Key], rows: list[dict[str, Any]]) -> None:
        """A local draft with nothing of its own since the common point takes the incoming state.

        Only the signer's own changes may bring a draft forward: a bundle signed by laptop B never
        rewrites a draft with changes it says laptop A made."""
        foreign = sorted({r["origin"] for r in rows if _key(r) not in keys and _is_content(r["action"])
                          and r["origin"] != self.bundle.database_id})
        if foreign:
            raise BundleError(
                f"Gói “{self.bundle.path.name}” do máy {self.bundle.database_id[:8]} ký nhưng muốn sửa bản nháp "
                f"{row['unit_name']} năm {row['year']} bằng thay đổi ghi là của máy {', '.join(f[:8] for f in foreign)}: "
                "chỉ chính máy đó gửi được thay đổi của nó. Chưa nhập gì.")
        if not self.dry_run:
            self.store.clear_answers(target)
        self._add_children(row["id"], target)
        self._add_files(row, target, keys, attachments=True)
        values = {k: v for k, v in row.items() if k != "id"}
        values["unit_id"] = self.unit_map[row["unit_id"]]
        values["search_folded"] = _search_text(row)
        if not self.dry_run:
            self.store.replace_inspection_row(target, values)
        self._append_audit([r for r in rows if _key(r) not in keys], target)
        self._log(target, "bundle.import", UPDATED, self._note(row))

    def _finalize_like(self, row: dict[str, Any], target: str) -> None:
        """Finalize after the answers and attachments are in (the database refuses them afterwards)."""
        if row["status"] == STATUS_FINALIZED and not self.dry_run:
            self.store.mark_imported_finalized(target, row["finalized_at"])

    def _add_children(self, source_id: str, target: str) -> None:
        for table in ("answers", "eligibility_answers", "eligibility_cases"):
            self._insert_many(table, [{**child, "inspection_id": target} for child in self.children[source_id][table]])

    def _add_files(self, row: dict[str, Any], target: str, keys: set[Key], *, attachments: bool) -> None:
        """Attachments and exports not yet here (known by the audit row that recorded each), with their files."""
        recorded = self._recorded_by(row["id"])
        for table, folder in (("attachments", "attachments"), ("exports", "exports")):
            if table == "attachments" and not attachments:
                continue
            for child in self.children[row["id"]][table]:
                key = recorded.get((table, child["id"]))
                if key in keys:
                    continue
                values = {**child, "inspection_id": target}
                if self._exists(table, "id", child["id"]):
                    values["id"] = str(uuid.uuid4())  # a conflict copy's own record of the same file
                name = child["name"] if table == "attachments" else PurePosixPath(child["path"]).name
                if child.get("file"):
                    dest = free_name(self.store.data_dir / folder / target,
                                     disk_name(name) if table == "attachments" else safe_name(name))
                    if not is_inside(dest, self.store.data_dir):  # ids are checked; this is the last guard
                        raise BundleError(
                            f"Gói “{self.bundle.path.name}” muốn ghi tệp ra ngoài thư mục dữ liệu ({dest}). "
                            "Chưa nhập gì.")
                    values["path"] = dest.relative_to(self.store.data_dir).as_posix()
                    if not self.dry_run:
                        self._make_folder(dest.parent)
                        self.written_files.append(dest)
                        self.bundle.copy_member(child["file"], dest)
                self._insert(table, values, table)

    def _recorded_by(self, iid: str) -> dict[tuple[str, str], Key]:
        """(table, id) → the key of the incoming audit row that recorded that attachment or export."""
        found: dict[tuple[str, str], Key] = {}
        for r in self.rows_by_inspection.get(iid, []):
            if r["action"] == "attachment.add" and r["new"]:
                found[("attachments", json.loads(r["new"]).get("id", ""))] = _key(r)
            elif r["action"] == "export.record":
                found[("exports", r["target"])] = _key(r)
        return found

    def _unit_audit(self) -> None:
        """The units' own audit rows, unless they are here already."""
        missing = [r for r in self.unit_rows if not self._key_here(_key(r))]
        self._append_audit(missing, None)

    def _key_here(self, key: Key) -> bool:
        self._flush_audit()
        return self.store.has_audit_key(*key)

    # ----------------------------------------------------------------------------------------------
    # writing

    def _exists(self, table: str, column: str, value: Any) -> bool:
        return self.store.has_row(table, column, value)

    def _insert(self, table: str, values: dict[str, Any], counter: str) -> None:
        self.result.added[counter] += 1
        if self.dry_run:
            return
        self.store.insert_row(table, values)

    def _insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        self.result.added[table] += len(rows)
        if not self.dry_run and rows:
            self.store.insert_rows(table, rows)

    def _append_audit(self, rows: Iterable[dict[str, Any]], target: str | None) -> None:
        """Another database's audit rows, now of ``target`` here (appended with :meth:`_flush_audit`)."""
        rows = list(rows)
        self.result.added["audit"] += len(rows)
        if not self.dry_run:
            self.pending_audit += [{**r, "inspection_id": target} for r in rows]

    def _log(self, iid: str | None, action: str, target: str, new: Any) -> None:
        """An audit row of the import itself (appended with :meth:`_flush_audit`)."""
        if not self.dry_run:
            self.pending_audit.append({"at": self.at, "who": self.store.user, "inspection_id": iid, "action": action,
                                       "target": target, "old": None, "new": audit_dumps(new), "origin": None})

    def _flush_audit(self) -> None:
        """Append the audit rows held so far, in their order, in one statement (a few per import instead
        of three per inspection): the chain is the same as if each had been appended when it was made."""
        if self.pending_audit:
            rows, self.pending_audit = self.pending_audit, []
            self.store.append_import_audit(rows)

    def _note(self, row: dict[str, Any], copy_of: str | None = None) -> dict[str, Any]:
        note = {"bundle": self.bundle.path.name, "sha256": self.bundle.sha256, "from": self.bundle.database_id,
                "incoming_id": row["id"], "status": row["status"]}
        if copy_of:
            note["copy_of"] = copy_of
        return note


def _search_text(row: dict[str, Any]) -> str:
    return search.inspection_text(row["unit_name"], row["unit_kind"], row.get("unit_district", ""),
                                  row.get("unit_province", ""), row["year"], row["set_id"])


def _key(row: dict[str, Any]) -> Key:
    return (row["origin"], int(row["origin_id"]))


def _is_content(action: str) -> bool:
    return not action.startswith(_NOT_CONTENT)
