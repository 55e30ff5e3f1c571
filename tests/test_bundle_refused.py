"""Damaged, foreign and newer bundles, a full disk and a killed import: refused, the database as it was."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from bundle_fixtures import REG, dump_hash, laptop, populated, work
from storage_fixtures import new_inspection

from antq_tui.exchange import bundle as bundle_module
from antq_tui.exchange import merge
from antq_tui.exchange.bundle import BundleError, read_bundle
from antq_tui.exchange.export import export_bundle
from antq_tui.exchange.merge import import_bundle
from antq_tui.keys import WorkspaceKey, load_key
from antq_tui.storage import StorageError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def setup(tmp_path: Path):
    """A bundle from laptop A, and laptop B with work of its own (so "as it was" is not just "empty")."""
    a, _ = populated(tmp_path, "a")
    out = tmp_path / "a.antq"
    export_bundle(a, out)
    a.close()
    b = laptop(tmp_path, "b")
    work(b, new_inspection(b, reg=REG, year=2023).id)
    yield b, out
    b.close()


def refused(b, bundle: Path, *match: str) -> str:
    before = dump_hash(b.path)
    files = sorted(p for p in b.data_dir.rglob("*") if "backups" not in p.parts)
    with pytest.raises(StorageError) as info:
        import_bundle(b, bundle)
    message = str(info.value)
    for m in match:
        assert m in message, message
    assert "Chưa nhập gì" in message
    assert dump_hash(b.path) == before
    assert b.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(p for p in b.data_dir.rglob("*") if "backups" not in p.parts) == files
    return message


@pytest.mark.parametrize("where", [0.01, 0.3, 0.5, 0.7, 0.999])
def test_one_flipped_byte_anywhere_is_refused(setup, tmp_path: Path, where: float):
    b, out = setup
    data = bytearray(out.read_bytes())
    data[int(len(data) * where)] ^= 0x01
    bad = tmp_path / "flipped.antq"
    bad.write_bytes(bytes(data))
    refused(b, bad, "flipped.antq")


def test_a_bundle_cut_in_half_is_refused(setup, tmp_path: Path):
    b, out = setup
    cut = tmp_path / "cut.antq"
    cut.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    refused(b, cut, "không trọn vẹn")


def test_a_file_that_is_not_a_bundle_is_refused(setup, tmp_path: Path):
    b, _ = setup
    for name, content in (("notes.antq", "Biên bản kiểm tra".encode()), ("empty.antq", b"")):
        (tmp_path / name).write_bytes(content)
        refused(b, tmp_path / name, "không phải gói dữ liệu antq")
    other = tmp_path / "other.antq"  # a zip, even one with a valid trailer, but not ours
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("readme.txt", "xin chào")
    refused(b, other, "không phải gói dữ liệu antq")
    refused(b, b.path, "không phải gói dữ liệu antq")  # the database itself, picked by mistake
    with pytest.raises(BundleError, match="Không tìm thấy"):
        import_bundle(b, tmp_path / "missing.antq")


def sender_key(folder: Path, manifest: dict) -> WorkspaceKey:
    """The key of the laptop under ``folder`` that the manifest says made the bundle."""
    keys = [load_key(f.parent) for f in folder.glob("**/inspections/antq.key")]
    return next(k for k in keys if k is not None and k.database_id == manifest["database_id"])


def _rewrite(out: Path, dest: Path, change, key: WorkspaceKey | None = None) -> Path:
    """A bundle rewritten with ``change(manifest, tables)`` applied, with consistent checksums
    (as a newer antq, or a careful forger, would write it)."""
    bundle = read_bundle(out)
    manifest = dict(bundle.manifest)
    tables = bundle.tables
    change(manifest, tables)
    with zipfile.ZipFile(out) as zf:
        extract = dest.parent / "extract"
        zf.extractall(extract)
    files = [(m, extract / m) for m in manifest["parts"] if m.startswith("files/")]
    real_known = bundle_module.known_names
    schema = manifest.pop("schema")
    for name in ("format", "format_version", "antq_version", "parts"):
        manifest.pop(name)
    bundle_module.known_names = lambda: schema
    try:
        bundle_module.write_bundle(dest, manifest, tables, files, key or sender_key(dest.parent, manifest))
    finally:
        bundle_module.known_names = real_known
    return dest


def test_a_bundle_from_a_newer_antq_is_refused(setup, tmp_path: Path):
    b, out = setup
    newer = _rewrite(out, tmp_path / "newer.antq",
                     lambda m, t: m.__setitem__("schema", m["schema"] + ["0099_something_new"]))
    refused(b, newer, "mới hơn", "0099_something_new", "cài phiên bản antq mới hơn")


def test_rows_changed_with_the_checksums_redone_are_still_refused(setup, tmp_path: Path):
    b, out = setup

    def change(manifest, tables):
        row = next(r for r in tables["audit"] if r["action"] == "answer.verdict")
        row["new"] = json.dumps("khong_dat")

    forged = _rewrite(out, tmp_path / "forged.antq", change)
    refused(b, forged, "không khớp mã băm")


def test_a_disk_without_room_is_refused_before_anything(setup, monkeypatch):
    b, out = setup
    monkeypatch.setattr(bundle_module, "free_space", lambda path: 1000)
    refused(b, out, "không đủ chỗ")


def test_a_disk_that_fills_while_copying_files_is_refused(setup, monkeypatch):
    b, out = setup
    real = bundle_module.Bundle.copy_member
    calls = []

    def copy_then_full(self, member, dest):
        if calls:
            raise OSError(errno.ENOSPC, "No space left on device")
        calls.append(member)
        real(self, member, dest)

    monkeypatch.setattr(bundle_module.Bundle, "copy_member", copy_then_full)
    refused(b, out, "đã đầy")
    assert calls  # one file was written, then removed again


def test_a_database_that_fills_mid_transaction_is_refused(setup):
    b, out = setup
    pages = b.conn.execute("PRAGMA page_count").fetchone()[0]
    b.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # SQLite's own "disk full", for this connection
    message = refused(b, out, "đầy")
    assert "a.antq" in message


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_import_killed_mid_transaction_leaves_the_database_as_it_was(setup, tmp_path: Path):
    b, out = setup
    path = b.path
    b.close()
    before = dump_hash(path)
    marker = tmp_path / "inside-transaction"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # the child pauses inside the import's transaction (the merge module's test hook) and says so
    code = ("import os, sys, time\nfrom pathlib import Path\nfrom antq_tui.storage import Store\n"
            "from antq_tui.exchange import merge\n"
            "merge.before_commit = lambda: (Path(sys.argv[3]).write_text(str(os.getpid())), time.sleep(60))\n"
            "merge.import_bundle(Store.open(sys.argv[1], user='x'), sys.argv[2])\n")
    child = subprocess.Popen([sys.executable, "-c", code, str(path), str(out), str(marker)], env=env,
                             cwd=tmp_path, stderr=subprocess.PIPE)
    try:
        for _ in range(600):  # the child says when it is inside the transaction, every row written
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.05)
        assert marker.exists(), child.stderr.read() if child.poll() is not None else "child never got there"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    after = laptop(tmp_path, "b")
    try:
        assert after.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert dump_hash(path) == before
        assert after.verify() == []
        # and the same bundle imports cleanly afterwards
        result = import_bundle(after, out)
        assert {o.action for o in result.inspections} == {"new"}
        assert after.verify() == []
    finally:
        after.close()


def _retarget(tables, old: str, new: str) -> None:
    """Give inspection ``old`` the id ``new`` everywhere a forger would (hashes stay consistent)."""
    for row in tables["inspections"]:
        if row["id"] == old:
            row["id"] = new
    for table in ("answers", "eligibility_answers", "attachments", "exports", "audit"):
        for row in tables[table]:
            if row["inspection_id"] == old:
                row["inspection_id"] = new


@pytest.mark.parametrize("evil", ["../../../../escaped", "/tmp/antq-escaped-{n}", "..", "a/b"])
def test_an_id_that_is_a_path_is_refused_and_nothing_is_written_outside(setup, tmp_path: Path, evil: str):
    b, out = setup
    evil = evil.format(n=os.getpid())
    victim = read_bundle(out).tables["attachments"][0]["inspection_id"]
    forged = _rewrite(out, tmp_path / "forged.antq", lambda m, t: _retarget(t, victim, evil))
    everything = sorted(p for p in tmp_path.rglob("*") if "backups" not in p.parts)
    refused(b, forged, "không hợp lệ")
    assert not Path("/tmp", f"antq-escaped-{os.getpid()}").exists()
    assert sorted(p for p in tmp_path.rglob("*") if "backups" not in p.parts) == everything


def test_an_attachment_recorded_outside_the_data_folder_is_refused(setup, tmp_path: Path):
    b, out = setup

    def change(manifest, tables):
        tables["attachments"][0]["path"] = "../../../etc/passwd"

    refused(b, _rewrite(out, tmp_path / "forged.antq", change), "đường dẫn tệp")


def test_a_folder_that_leads_out_of_the_data_folder_is_refused(setup, tmp_path: Path):
    """A symbolic link where the attachments of the incoming inspection would go: not followed out."""
    b, out = setup
    iid = read_bundle(out).tables["attachments"][0]["inspection_id"]
    outside = tmp_path / "outside"
    outside.mkdir()
    (b.data_dir / "attachments").mkdir(exist_ok=True)
    (b.data_dir / "attachments" / iid).symlink_to(outside, target_is_directory=True)
    refused(b, out, "ra ngoài thư mục dữ liệu")
    assert list(outside.iterdir()) == []


def test_adding_an_attachment_never_writes_outside_the_data_folder(tmp_path: Path):
    store = laptop(tmp_path, "c")
    iid = new_inspection(store, reg=REG).id
    outside = tmp_path / "outside"
    outside.mkdir()
    (store.data_dir / "attachments").mkdir()
    (store.data_dir / "attachments" / iid).symlink_to(outside, target_is_directory=True)
    photo = tmp_path / "anh.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    with pytest.raises(StorageError, match="ra ngoài thư mục dữ liệu"):
        store.add_attachment(iid, photo)
    assert list(outside.iterdir()) == []
    assert store.attachments(iid) == []
    store.close()


def _first(table, key=None, value=None):
    def change(manifest, tables):
        row = tables[table][0]
        if value is _DROP:
            del row[key]
        else:
            row[key] = value
    return change


_DROP = object()
_BAD_ROWS = {
    "no unit name": _first("inspections", "unit_name", _DROP),
    "no status": _first("inspections", "status", _DROP),
    "year is text": _first("inspections", "year", "abc"),
    "unknown status": _first("inspections", "status", "weird"),
    "unknown unit kind": _first("units", "kind", "hacker"),
    "visit date not a date": _first("inspections", "visit_date", "32/13/2023"),
    "team not JSON": _first("inspections", "team", "{not json"),
    "inputs not JSON": _first("answers", "inputs", "{not json"),
    "unknown verdict": _first("answers", "verdict", "maybe"),
    "suggestion not a suggestion": _first("answers", "suggestion", '{"verdict": "perhaps"}'),
    "assessed count forged": _first("inspections", "assessed", 999),
    "answer twice": lambda m, t: t["answers"].append(dict(t["answers"][0])),
    "table not a list": lambda m, t: t.__setitem__("units", {"a": 1}),
    "row not a record": lambda m, t: t.__setitem__("units", [1]),
    "snapshot that does not rebuild": lambda m, t: _resnapshot(t, lambda c: c.pop("groups")),
}


def _resnapshot(tables, change) -> None:
    """Change a snapshot's criteria and redo its hash and every reference to it (a careful forger)."""
    from antq_tui.storage.codec import snapshot_hash

    snap = tables["snapshots"][0]
    criteria = json.loads(snap["criteria"])
    change(criteria)
    snap["criteria"] = json.dumps(criteria)
    old, snap["sha256"] = snap["sha256"], snapshot_hash(snap["criteria"], snap["eligibility"], snap["plugins"],
                                                        snap["fingerprints"])
    for row in tables["inspections"]:
        if row["snapshot_sha256"] == old:
            row["snapshot_sha256"] = snap["sha256"]


@pytest.mark.parametrize("case", list(_BAD_ROWS))
def test_rows_the_store_could_not_have_written_are_refused_before_the_database(setup, tmp_path: Path, case: str):
    b, out = setup
    forged = _rewrite(out, tmp_path / "forged.antq", _BAD_ROWS[case])
    message = refused(b, forged, "không hợp lệ")
    assert "Traceback" not in message and "Error(" not in message
    assert b.list_inspections()  # the list still reads


def test_an_unexpected_failure_inside_the_merge_is_a_clear_refusal(setup, monkeypatch):
    b, out = setup

    def broken(self, row):
        raise KeyError("unit_name")

    monkeypatch.setattr(merge._Merger, "_inspection", broken)
    refused(b, out, "Không nhập được gói a.antq", "cơ sở dữ liệu giữ nguyên")


@pytest.mark.parametrize("beside", ["answers", "fails", "answers for other rows"])
def test_the_log_rows_hashed_by_a_second_process_find_the_same_row(setup, tmp_path: Path, monkeypatch, beside):
    """A province's log is hashed row by row by a second process (bundle.LOG_BESIDE_BYTES); the row it
    finds is the one this process finds, and whatever it says that does not fit, this process hashes."""
    from antq_tui import beside as beside_module

    b, out = setup
    rows: list[str] = []

    def change(manifest, tables):
        row = [r for r in tables["audit"] if r["action"] == "answer.verdict"][-1]
        row["new"] = json.dumps("dat" if json.loads(row["new"]) == "khong_dat" else "khong_dat")
        rows.append(f"dòng nhật ký {row['origin_id']} ({row['action']}) không khớp mã băm")

    forged = _rewrite(out, tmp_path / "forged.antq", change)
    monkeypatch.setattr(bundle_module, "LOG_BESIDE_BYTES", 0)
    started: list[object] = []
    real = beside_module.start
    boot = {"answers": None, "fails": "import sys; sys.exit(3)",
            "answers for other rows": "print('{\"rows\": 1, \"first\": null}')"}[beside]

    def start(module, args, **kw):
        started.append(module)
        return real(module, args, **({**kw, "boot": boot} if boot else kw))

    monkeypatch.setattr(beside_module, "start", start)
    refused(b, forged, rows[0])
    assert started == ["antq_tui.exchange.bundle"]
    assert read_bundle(out).tables["audit"]  # a whole bundle still reads, its log hashed beside
