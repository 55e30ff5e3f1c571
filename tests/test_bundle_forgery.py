"""Forged and hostile bundles, as an attacker with the bundle format (and perhaps a key) would make them:
each refused with a Vietnamese message, no traceback, and the office's database byte for byte as it was."""

from __future__ import annotations

import hashlib
import json
import tracemalloc
import uuid
import zipfile
from pathlib import Path

import nacl.signing
import pytest
from bundle_fixtures import REG, laptop, populated, portrait, work
from storage_fixtures import DONG_THO, new_inspection

from antq_tui.criteria import Verdict
from antq_tui.exchange import bundle as bundle_module
from antq_tui.exchange.bundle import TRAILER_PREFIX, BundleError, Limits, read_bundle
from antq_tui.exchange.export import export_bundle
from antq_tui.exchange.merge import NEW, UPDATED, UnknownSignerError, import_bundle
from antq_tui.keys import TrustStore, WorkspaceKey, canonical, load_key, sign_statement


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(store, bundle: Path, *words: str, error: type[Exception] = BundleError) -> str:
    before = file_hash(store.path)
    with pytest.raises(error) as caught:
        import_bundle(store, bundle)
    message = str(caught.value)
    for word in words:
        assert word in message, message
    assert "Chưa nhập gì" in message
    assert file_hash(store.path) == before, "the database file is byte for byte as it was"
    return message


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def rezip(dest: Path, content: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    """A zip of ``content`` in order, with a correct trailer (what anyone with Python can write)."""
    items = list(content.items()) if isinstance(content, dict) else content
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            stored = name == "mimetype" or name.startswith("files/")
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        zf.comment = TRAILER_PREFIX + b"0" * 64
    seal_trailer(dest)
    return dest


def seal_trailer(dest: Path) -> None:
    with open(dest, "rb+") as fh:
        digest = bundle_module._hash_stream(fh, dest.stat().st_size - 64)
        fh.seek(-64, 2)
        fh.write(digest.encode())


def forge(src: Path, dest: Path, *, tables=None, files: dict[str, bytes] | None = None,
          manifest_change=None, key: WorkspaceKey | None = None) -> Path:
    """``src`` with its tables changed by ``tables(tables)`` and ``files`` added, the manifest's sha256s
    redone, signed by ``key`` (None: the original signature is kept, as a forger without the key must)."""
    content = members(src)
    manifest = json.loads(content["manifest.json"])
    data = {t: json.loads(content[f"data/{t}.json"]) for t in bundle_module.TABLES}
    if tables:
        tables(data)
    for t, rows in data.items():
        raw = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode()
        content[f"data/{t}.json"] = raw
        manifest["parts"][f"data/{t}.json"] = {"sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)}
    for name, raw in (files or {}).items():
        content[name] = raw
        manifest["parts"][name] = {"sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)}
    if manifest_change:
        manifest_change(manifest)
    content["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    if key is not None:
        content["signature.json"] = canonical(sign_statement(key, {
            "kind": "bundle", "manifest_sha256": hashlib.sha256(content["manifest.json"]).hexdigest(),
            "database_id": manifest["database_id"], "name": manifest.get("created_by", "")}))
    order = ["mimetype"] + [n for n in content if n not in ("mimetype", "manifest.json", "signature.json")]
    return rezip(dest, [(n, content[n]) for n in order + ["manifest.json", "signature.json"]])


def stranger(database_id: str) -> WorkspaceKey:
    return WorkspaceKey(nacl.signing.SigningKey.generate(), database_id, "Kẻ giả mạo")


@pytest.fixture
def office(tmp_path: Path):
    """Team laptop A (a finalized inspection with minutes, a draft) and the office, trusting each other;
    the office has imported A's bundle once, so it holds A's draft."""
    a, ids = populated(tmp_path, "a")
    first = tmp_path / "a1.antq"
    export_bundle(a, first)
    office = laptop(tmp_path, "office")
    work(office, new_inspection(office, DONG_THO, reg=REG, year=2023).id)
    import_bundle(office, first)
    yield a, office, ids, first
    a.close()
    office.close()


def fake_finalized(data: dict) -> None:
    """A made-up finalized "Xã Phiêng Ban 2024" with every criterion đạt, copied from a real one."""
    real = next(r for r in data["inspections"] if r["status"] == "finalized")
    new_id = str(uuid.uuid4())
    data["inspections"].append({**real, "id": new_id, "unit_name": "Xã Phiêng Ban 2024"})
    data["answers"] += [{**r, "inspection_id": new_id, "verdict": "dat"} for r in data["answers"]
                        if r["inspection_id"] == real["id"]]


def test_a_made_up_finalized_inspection_without_the_senders_key_is_refused(office, tmp_path):
    _a, b, _ids, first = office
    forged = forge(first, tmp_path / "forged.antq", tables=fake_finalized)  # the signature kept
    refused(b, forged, "chữ ký không khớp danh mục")


def test_a_bundle_re_signed_by_another_key_is_refused_as_an_unknown_signer(office, tmp_path):
    a, b, _ids, first = office
    # claiming to be laptop A, whose key the office knows: refused outright
    as_a = forge(first, tmp_path / "as-a.antq", tables=fake_finalized, key=stranger(a.database_id))
    refused(b, as_a, "khóa lạ", "không phải khóa đã tin cậy của máy đó")
    # claiming to be a new laptop: an unknown signer, its fingerprint shown; needs --trust
    new_db = str(uuid.uuid4())
    key = stranger(new_db)
    as_new = forge(first, tmp_path / "as-new.antq", tables=fake_finalized, key=key,
                   manifest_change=lambda m: m.__setitem__("database_id", new_db))
    message = refused(b, as_new, "chưa được tin cậy", key.fingerprint, "--trust", error=UnknownSignerError)
    assert "Xã Phiêng Ban 2024" not in message
    # and the key waits among the seen ones, so `antq keys trust FINGERPRINT` could trust it
    assert TrustStore(b.data_dir).find(key.fingerprint).raw == key.public.raw


def test_minutes_injected_into_a_finalized_inspection_are_refused(office, tmp_path):
    a, b, ids, first = office
    export_id = str(uuid.uuid4())
    pdf = b"%PDF-1.7\nbien ban gia mao"

    def inject(data):
        data["exports"].append({"id": export_id, "inspection_id": ids[0], "path": "exports/gia-mao.pdf",
                                "sha256": hashlib.sha256(pdf).hexdigest(), "size": len(pdf), "status": "finalized",
                                "created_at": "2024-11-15T09:00:00+07:00", "created_by": "Kẻ giả mạo",
                                "file": f"files/exports/{export_id}"})

    kept = forge(first, tmp_path / "kept.antq", tables=inject, files={f"files/exports/{export_id}": pdf})
    refused(b, kept, "chữ ký không khớp danh mục")
    # signed by the laptop's own key, the tables and the log still disagree: no export.record row
    resigned = forge(first, tmp_path / "resigned.antq", tables=inject, files={f"files/exports/{export_id}": pdf},
                     key=load_key(a.data_dir))
    refused(b, resigned, "biên bản đã xuất", "không có trong nhật ký")


def test_a_trusted_team_cannot_overwrite_another_laptops_draft(office, tmp_path):
    a, b, ids, _first = office
    team_b = laptop(tmp_path, "teamb")  # a second team, trusted by the office
    a.set_verdict(ids[1], 1, Verdict.KHONG_DAT)  # laptop A changes its draft
    second = tmp_path / "a2.antq"
    export_bundle(a, second, inspection_ids=[ids[1]])
    b_key = load_key(team_b.data_dir)
    # team B re-signs A's change as its own bundle: the rows say they were made on A
    as_b = forge(second, tmp_path / "as-b.antq", key=b_key,
                 manifest_change=lambda m: m.__setitem__("database_id", team_b.database_id))
    refused(b, as_b, "chỉ chính máy đó gửi được thay đổi của nó")
    # team B signs a bundle claiming to be A: its key speaks only for B
    claims_a = forge(second, tmp_path / "claims-a.antq", key=WorkspaceKey(b_key.signing, a.database_id))
    refused(b, claims_a, "được tin cậy cho máy")
    # A's own bundle brings the draft forward
    result = import_bundle(b, second)
    assert [o.action for o in result.inspections] == [UPDATED]
    team_b.close()


def test_tables_that_disagree_with_the_bundles_own_log_are_refused(office, tmp_path):
    a, b, ids, first = office

    def flip(data):
        row = next(r for r in data["answers"] if r["inspection_id"] == ids[1] and r["verdict"] == "khong_dat")
        row["verdict"] = "dat"

    forged = forge(first, tmp_path / "flip.antq", tables=flip, key=load_key(a.data_dir))
    refused(b, forged, "không khớp nhật ký của chính gói", "Phường Đông Thọ năm 2024")

    def unlogged_finalize(data):
        row = next(r for r in data["inspections"] if r["id"] == ids[1])
        row["status"], row["finalized_at"] = "finalized", "2024-11-15T09:00:00+07:00"

    forged = forge(first, tmp_path / "finalized.antq", tables=unlogged_finalize, key=load_key(a.data_dir))
    refused(b, forged, "nhật ký không ghi việc hoàn thành")


def test_an_unsigned_bundle_is_refused(office, tmp_path):
    _a, b, _ids, first = office
    content = members(first)
    del content["signature.json"]
    refused(b, rezip(tmp_path / "unsigned.antq", content), "không có chữ ký")


# --------------------------------------------------------------------------------------------------
# bombs: refused from the zip's headers, within a memory bound


def peak_while(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_deep_nesting_is_refused_without_recursion(office, tmp_path):
    a, b, _ids, first = office
    content = members(first)
    content["manifest.json"] = b'{"format":"antq-bundle","x":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    refused(b, rezip(tmp_path / "deep-manifest.antq", content), "lồng nhau quá sâu")

    content = members(first)
    raw = b"[" * 100_000 + b"]" * 100_000
    manifest = json.loads(content["manifest.json"])
    manifest["parts"]["data/units.json"] = {"sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)}
    content["data/units.json"] = raw
    deep = forge_raw(content, manifest, load_key(a.data_dir), tmp_path / "deep-table.antq")
    refused(b, deep, "lồng nhau quá sâu")


def test_a_row_holding_more_than_single_values_is_refused(office, tmp_path):
    """A row is flat (a JSON column travels as its text): a list or an object in one, at any depth, is not antq's."""
    a, b, _ids, first = office

    def nested(data):
        data["units"][0]["name"] = [[["Xã Phiêng Ban"]]]

    def extra(data):
        data["audit"][-1]["note"] = {"x": [1]}

    for i, change in enumerate((nested, extra)):
        refused(b, forge(first, tmp_path / f"nested-{i}.antq", tables=change, key=load_key(a.data_dir)),
                "lồng nhau quá sâu")


def test_deep_nesting_inside_a_json_column_is_refused(office, tmp_path):
    a, b, _ids, first = office

    def deep(data):
        data["answers"][0]["inputs"] = "[" * 100_000 + "]" * 100_000

    refused(b, forge(first, tmp_path / "deep-column.antq", tables=deep, key=load_key(a.data_dir)),
            "inputs", "lồng nhau quá sâu")


def forge_raw(content: dict[str, bytes], manifest: dict, key: WorkspaceKey, dest: Path) -> Path:
    content["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    content["signature.json"] = canonical(sign_statement(key, {
        "kind": "bundle", "manifest_sha256": hashlib.sha256(content["manifest.json"]).hexdigest(),
        "database_id": manifest["database_id"], "name": ""}))
    return rezip(dest, content)


def test_duplicate_entry_names_are_refused(office, tmp_path):
    _a, b, _ids, first = office
    content = list(members(first).items())
    content.insert(1, ("data/inspections.json", b"[]"))
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate name it is asked to write
        dup = rezip(tmp_path / "dup.antq", content)
    refused(b, dup, "hai phần cùng tên", "data/inspections.json")


def test_a_compression_bomb_is_refused_from_the_headers_within_a_memory_bound(office, tmp_path):
    _a, b, _ids, first = office
    bomb = tmp_path / "bomb.antq"
    content = members(first)
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in content.items():
            zf.writestr(name, data)
        info = zipfile.ZipInfo("files/attachments/bomb")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            zero = bytes(1 << 20)
            for _ in range(300):  # 300 MB of zeros, ~300 kB in the file
                fh.write(zero)
        zf.comment = TRAILER_PREFIX + b"0" * 64
    seal_trailer(bomb)
    assert bomb.stat().st_size < 5 << 20
    peak = peak_while(lambda: refused(b, bomb, "nén quá mức"))
    assert peak < 32 << 20, f"{peak} bytes held while refusing a 300 MB member"


def test_a_member_larger_than_allowed_is_refused_before_it_is_read(office, tmp_path, monkeypatch):
    a, b, _ids, first = office
    monkeypatch.setattr(bundle_module, "LIMITS", Limits(json_member=4 << 20))
    content = members(first)
    big = json.dumps([hashlib.sha256(str(i).encode()).hexdigest() for i in range(200_000)]).encode()  # ~13 MB
    manifest = json.loads(content["manifest.json"])
    manifest["parts"]["data/audit.json"] = {"sha256": hashlib.sha256(big).hexdigest(), "size": len(big)}
    content["data/audit.json"] = big
    huge = forge_raw(content, manifest, load_key(a.data_dir), tmp_path / "huge.antq")
    peak = peak_while(lambda: refused(b, huge, "quá lớn", "data/audit.json"))
    assert peak < len(big), "the member was never read whole"


def _with_audit_parts(first: Path, numbers: list[int]) -> tuple[dict[str, bytes], dict]:
    """The bundle's members with its log rows cut into parts numbered ``numbers`` (1 is data/audit.json)."""
    content = members(first)
    manifest = json.loads(content["manifest.json"])
    rows = json.loads(content.pop("data/audit.json"))
    del manifest["parts"]["data/audit.json"]
    size = -(-len(rows) // len(numbers))
    for number, start in zip(numbers, range(0, len(rows), size), strict=True):
        name = "data/audit.json" if number == 1 else f"data/audit.{number}.json"
        content[name] = json.dumps(rows[start:start + size]).encode()
        manifest["parts"][name] = {"sha256": hashlib.sha256(content[name]).hexdigest(), "size": len(content[name])}
    manifest["format_version"] = 2
    return content, manifest


def test_a_tables_parts_must_follow_one_another(office, tmp_path):
    a, b, _ids, first = office
    content, manifest = _with_audit_parts(first, [1, 2])
    whole = forge_raw(content, manifest, load_key(a.data_dir), tmp_path / "parts.antq")
    assert read_bundle(whole).tables["audit"] == json.loads(members(first)["data/audit.json"])  # signed, in order: read
    content, manifest = _with_audit_parts(first, [1, 3])  # the second part taken out, and the manifest re-signed
    gap = forge_raw(content, manifest, load_key(a.data_dir), tmp_path / "gap.antq")
    refused(b, gap, "data/audit.3.json", "không nối tiếp")


def test_tables_larger_together_than_allowed_are_refused_before_they_are_read(office, tmp_path, monkeypatch):
    a, b, _ids, first = office
    content, manifest = _with_audit_parts(first, [1, 2, 3])
    many = forge_raw(content, manifest, load_key(a.data_dir), tmp_path / "many.antq")
    monkeypatch.setattr(bundle_module, "LIMITS", Limits(json_total=sum(map(len, content.values())) // 4))
    read: list[str] = []
    monkeypatch.setattr(bundle_module, "_read_member",
                        lambda zf, member, *args: read.append(member) or zf.read(member))
    refused(b, many, "quá nhiều dữ liệu")
    assert not [m for m in read if m.startswith("data/")]


# --------------------------------------------------------------------------------------------------
# encrypted bundles


def test_an_encrypted_bundle_round_trips_and_reveals_nothing(office, tmp_path):
    a, b, _ids, _first = office
    fresh = new_inspection(a, DONG_THO, reg=REG, year=2025).id
    work(a, fresh, tag="mã hóa")
    sealed = tmp_path / "usb" / "sealed.antq"
    result = export_bundle(a, sealed, inspection_ids=[fresh], to=load_key(b.data_dir).public)
    assert result.encrypted_to == load_key(b.data_dir).fingerprint
    raw = sealed.read_bytes()
    assert not raw.startswith(b"PK") and "Phường Đông Thọ".encode() not in raw and b"manifest" not in raw
    assert list(sealed.parent.iterdir()) == [sealed], "no plain copy is left beside it"

    third = laptop(tmp_path, "third")
    refused(third, sealed, "được mã hóa cho khóa", load_key(b.data_dir).fingerprint)
    third.close()

    imported = import_bundle(b, sealed)
    assert imported.encrypted and [o.action for o in imported.inspections] == [NEW]
    assert portrait(b, fresh)["answers"] == portrait(a, fresh)["answers"]

    cut = tmp_path / "cut.antq"
    cut.write_bytes(raw[: len(raw) - 100])
    refused(b, cut, "cắt cụt")


def test_a_revoked_key_is_refused(office, tmp_path):
    a, b, _ids, first = office
    a_key = load_key(a.data_dir)
    TrustStore(b.data_dir, load_key(b.data_dir).public).revoke(a_key.public)
    refused(b, first, "đã bị thu hồi", a_key.fingerprint)
    assert [k.raw for k, s in TrustStore(b.data_dir).listing() if s == "revoked"] == [a_key.public.raw]


def test_read_bundle_says_who_signed(office):
    a, _b, _ids, first = office
    assert read_bundle(first).signer.fingerprint == load_key(a.data_dir).fingerprint
