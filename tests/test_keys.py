"""`antq keys` and the signatures of record: the workspace key, trust and revoke, finalize and export
signed, and `antq verify` naming what no longer matches its signature."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

from cli_helpers import run, run_json
from conftest import write_workspace
from demo_fixture import (
    PHIENG_BAN_2022,
    PHIENG_BAN_2023,
    THI_TRAN_2023,
    TRUONG_DTNT_2023,
    demo_template,
    demo_workspace,
)

from antq_tui.keys import KEY_FILE
from antq_tui.services import Context
from antq_tui.services import keys as keys_service
from antq_tui.signatures import export_path, finalize_path
from antq_tui.workspace import Workspace


def data_dir(config: Path) -> Path:
    return config.parent / "inspections"


def err(result) -> str:
    return result.stderr


def test_the_key_is_made_once_owner_only_and_shown(tmp_path: Path):
    root = tmp_path / "ws"
    root.mkdir()
    config = write_workspace(root)
    shown = run_json(config, "keys", "show")
    key_file = data_dir(config) / KEY_FILE
    assert key_file.is_file() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert run_json(config, "keys", "show")["fingerprint"] == shown["fingerprint"], "made once, then kept"
    text = run(config, "keys", "show").stdout
    assert f"Khóa ký của máy này: {shown['fingerprint']}" in text and "đừng chép cho ai" in text
    with Context.open(Workspace.open(config, entry_points=False)) as ctx:
        assert keys_service.fingerprint_line(ctx) == f"Khóa ký của máy này: {shown['fingerprint']}"
    key_file.chmod(0o644)  # copied by hand with loose permissions: made owner-only again on use
    run(config, "keys", "show")
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_trust_by_file_list_and_revoke(tmp_path: Path):
    team, office = tmp_path / "team", tmp_path / "office"
    team.mkdir(), office.mkdir()
    team_config, office_config = write_workspace(team), write_workspace(office)
    fingerprint = run_json(team_config, "keys", "show")["fingerprint"]
    pub = tmp_path / "usb" / "doi.pub"
    assert fingerprint in run(team_config, "keys", "export", "--out", str(pub)).stdout
    assert "PRIVATE" not in pub.read_text() and "seed" not in pub.read_text()

    trusted = run_json(office_config, "keys", "trust", str(pub))
    assert trusted["fingerprint"] == fingerprint and trusted["status"] == "trusted"
    listed = {k["fingerprint"]: k["label"] for k in run_json(office_config, "keys", "list")}
    assert listed[fingerprint] == "tin cậy" and len(listed) == 2  # its own key is listed first

    assert "Đã thu hồi" in run(office_config, "keys", "revoke", fingerprint[:9]).stdout
    listed = {k["fingerprint"]: k["label"] for k in run_json(office_config, "keys", "list")}
    assert listed[fingerprint] == "đã thu hồi"
    assert "Không có khóa nào" in err(run(office_config, "keys", "trust", "ABCD EF01 2345", expect=2))
    bad = tmp_path / "bad.pub"
    bad.write_text("xin chào")
    assert "không phải khóa công khai antq" in err(run(office_config, "keys", "trust", str(bad), expect=2))


def test_a_refused_signer_can_be_trusted_by_its_fingerprint(demo_workspace, tmp_path: Path):
    office = tmp_path / "office"
    office.mkdir()
    office_config = write_workspace(office)
    bundle = tmp_path / "b.antq"
    run(demo_workspace, "bundle", "export", "-i", PHIENG_BAN_2023, "--out", str(bundle))
    fingerprint = run_json(demo_workspace, "keys", "show")["fingerprint"]
    refused = run_json(office_config, "bundle", "import", str(bundle), expect=2)
    assert refused["signer"] == fingerprint and "--trust" in refused["error"]
    run(office_config, "keys", "trust", fingerprint)
    assert run_json(office_config, "bundle", "import", str(bundle))["signer_status"] == "trusted"
    assert run(office_config, "verify").exit_code == 0, "the imported finalized inspection is signed here"


def test_an_encrypted_export_through_the_command_line(demo_workspace, tmp_path: Path):
    office = tmp_path / "office"
    office.mkdir()
    office_config = write_workspace(office)
    pub = tmp_path / "office.pub"
    run(office_config, "keys", "export", "--out", str(pub))
    sealed = tmp_path / "sealed.antq"
    text = run(demo_workspace, "bundle", "export", "-i", PHIENG_BAN_2023, "--out", str(sealed), "--to", str(pub)).stdout
    assert "được mã hóa cho khóa" in text
    plain = run(demo_workspace, "bundle", "export", "-i", PHIENG_BAN_2023, "--out", str(tmp_path / "p.antq")).stdout
    assert "KHÔNG mã hóa" in plain
    done = run_json(office_config, "bundle", "import", str(sealed), "--trust")
    assert done["encrypted"] and done["summary"]["new"] == 1


def finalize_thi_tran(config: Path) -> str:
    iid = THI_TRAN_2023
    for number in range(18, 35):
        run(config, "answer", iid[:8], str(number), "--verdict", "dat")
    run(config, "finalize", iid[:8])
    return iid


def raw(config: Path, *statements: str) -> None:
    """What anyone with sqlite3 can do: drop the guards and write."""
    conn = sqlite3.connect(data_dir(config) / "antq.db")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_finalize_and_export_are_signed_and_verify_names_what_changed_after(demo_workspace):
    iid = finalize_thi_tran(demo_workspace)
    assert finalize_path(data_dir(demo_workspace), iid).is_file()
    run(demo_workspace, "export", iid[:8], "--html")
    signed_exports = list((data_dir(demo_workspace) / "signatures" / "exports").glob("*.json"))
    assert len(signed_exports) == 1
    assert run(demo_workspace, "verify").exit_code == 0

    # a finalized verdict edited behind antq's back (its log row re-made would not help: the state is signed)
    raw(demo_workspace, f"UPDATE answers SET remark = 'sửa lén' WHERE inspection_id = '{iid}' AND number = 18")
    out = run(demo_workspace, "verify", expect=None)
    assert out.exit_code != 0 and "không còn khớp chữ ký lúc hoàn thành" in out.output


def test_a_deleted_finalize_signature_is_reported_but_an_older_inspection_needs_none(demo_workspace):
    iid = finalize_thi_tran(demo_workspace)
    assert run(demo_workspace, "verify").exit_code == 0  # the demo's older finalized inspections carry none
    finalize_path(data_dir(demo_workspace), iid).unlink()  # hiding a rewritten history by removing its signature
    out = run(demo_workspace, "verify", expect=None)
    assert out.exit_code != 0 and "không có chữ ký hoàn thành" in out.output
    assert out.output.count("không có chữ ký hoàn thành") == 1


def test_verify_names_an_export_injected_or_swapped_with_its_sha256(demo_workspace):
    iid = finalize_thi_tran(demo_workspace)
    run(demo_workspace, "export", iid[:8], "--html")
    [sig] = list((data_dir(demo_workspace) / "signatures" / "exports").glob("*.json"))
    raw(demo_workspace, f"UPDATE exports SET sha256 = '{'0' * 64}' WHERE id = '{sig.stem}'")
    out = run(demo_workspace, "verify", expect=None)
    assert out.exit_code != 0 and "khác với chữ ký lúc xuất" in out.output

    raw(demo_workspace, "INSERT INTO exports (id, inspection_id, path, sha256, size, status, created_at, created_by)"
                        f" SELECT 'f0000000-0000-4000-8000-000000000000', inspection_id, path, sha256, size, status,"
                        f" created_at, created_by FROM exports WHERE id = '{sig.stem}'")
    out = run(demo_workspace, "verify", expect=None)
    assert "không có chữ ký" in out.output
    assert export_path(data_dir(demo_workspace), sig.stem).is_file()


def test_a_signature_re_made_with_a_strangers_key_is_named(demo_workspace):
    import nacl.signing

    from antq_tui.keys import WorkspaceKey
    from antq_tui.signatures import sign_finalized
    from antq_tui.storage import Store

    iid = finalize_thi_tran(demo_workspace)
    raw(demo_workspace, f"UPDATE answers SET remark = 'sửa lén' WHERE inspection_id = '{iid}' AND number = 18")
    ws = Workspace.open(demo_workspace, entry_points=False)
    with Store.for_workspace(ws) as store:  # the forger signs the tampered state with a key of their own
        stranger = WorkspaceKey(nacl.signing.SigningKey.generate(), store.database_id)
        sign_finalized(store, stranger, iid)
    out = run(demo_workspace, "verify", expect=None)
    assert out.exit_code != 0 and f"ký bởi khóa {stranger.fingerprint}" in out.output
    assert "chưa được tin cậy" in out.output


def test_an_inspection_finalized_just_before_the_key_was_made_in_the_same_second_needs_no_signature():
    """The first signing command makes the key; what was finalized a moment before it (same second) was
    never signed, and verify must not call its signature deleted."""
    import datetime as dt
    from types import SimpleNamespace

    from antq_tui.signatures import _finalized_since

    tz = dt.timezone(dt.timedelta(hours=7))
    key = SimpleNamespace(created_at=dt.datetime(2024, 10, 12, 11, 0, 0, 950_000, tzinfo=tz))
    assert not _finalized_since(dt.datetime(2024, 10, 12, 11, 0, 0, 900_000, tzinfo=tz), key)
    assert _finalized_since(dt.datetime(2024, 10, 12, 11, 0, 0, 960_000, tzinfo=tz), key)
    # a key made by an older antq kept whole seconds: its own second may hold either
    old = SimpleNamespace(created_at=dt.datetime(2024, 10, 12, 11, 0, 0, tzinfo=tz))
    assert not _finalized_since(dt.datetime(2024, 10, 12, 11, 0, 0, 900_000, tzinfo=tz), old)
    assert _finalized_since(dt.datetime(2024, 10, 12, 11, 0, 1, 0, tzinfo=tz), old)


def test_a_finalize_signature_is_on_the_disk_before_finalize_returns(demo_workspace, monkeypatch):
    """A power cut just after finalize must not leave an empty signature (verify would call it deleted)."""
    from antq_tui import files

    flushed: list[Path] = []
    fsync = files.fsync_file
    monkeypatch.setattr(files, "fsync_file", lambda path: (flushed.append(Path(path)), fsync(path))[1])
    iid = finalize_thi_tran(demo_workspace)
    signature = finalize_path(data_dir(demo_workspace), iid)
    assert any(p.parent == signature.parent for p in flushed), flushed  # its temporary file, then renamed
    assert json.loads(signature.read_text(encoding="utf-8"))["inspection_id"] == iid
    assert list(signature.parent.glob("*.tmp")) == [] and list(signature.parent.glob("*.part")) == []


def test_an_import_signs_what_it_brought_with_the_office_key_all_at_once(demo_workspace, tmp_path: Path):
    from antq_tui.keys import load_key, verify_statement
    from antq_tui.signatures import inspection_state

    run(demo_workspace, "export", PHIENG_BAN_2023[:8], "--html")  # an export record of a finalized inspection
    bundle = tmp_path / "b.antq"
    run(demo_workspace, "bundle", "export", "-i", PHIENG_BAN_2022, "-i", PHIENG_BAN_2023, "-i", TRUONG_DTNT_2023,
        "--out", str(bundle))
    office = tmp_path / "office"
    office.mkdir()
    office_config = write_workspace(office)
    assert run_json(office_config, "bundle", "import", str(bundle), "--trust")["summary"]["new"] == 3

    folder = data_dir(office_config)
    own = load_key(folder)
    with Context.open(Workspace.open(office_config)) as ctx:
        for iid in (PHIENG_BAN_2022, PHIENG_BAN_2023, TRUONG_DTNT_2023):
            signed = json.loads(finalize_path(folder, iid).read_text(encoding="utf-8"))
            assert verify_statement(signed).fingerprint == own.public.fingerprint
            assert signed["state_sha256"] == inspection_state(ctx.store, iid)
        exported = ctx.store.exports(PHIENG_BAN_2023)
    assert exported and all(export_path(folder, r.id).is_file() for r in exported)
    assert not [p for p in folder.rglob("*") if p.name.endswith(".part")]
    assert run(office_config, "verify").exit_code == 0

    raw(office_config, f"UPDATE answers SET remark = 'sửa lén' WHERE inspection_id = '{PHIENG_BAN_2022}'"
                       " AND number = 18")
    out = run(office_config, "verify", expect=None)
    assert out.exit_code != 0 and "không còn khớp chữ ký lúc hoàn thành" in out.output


def test_an_import_of_finalized_work_keeps_a_copy_of_the_database_beside_the_signing(demo_workspace, tmp_path,
                                                                                       monkeypatch):
    from antq_tui.storage import StorageError, Store
    from antq_tui.storage.backup import list_backups

    bundle = tmp_path / "b.antq"
    run(demo_workspace, "bundle", "export", "-i", PHIENG_BAN_2023, "--out", str(bundle))
    office = tmp_path / "office"
    office.mkdir()
    office_config = write_workspace(office)
    done = run_json(office_config, "bundle", "import", str(bundle), "--trust")
    copies = list_backups(data_dir(office_config) / "backups")
    assert [p.name for p in copies if "import" in p.name] and done["backup"] == str(copies[0])
    with sqlite3.connect(copies[0]) as conn:  # the copy holds what was imported
        assert conn.execute("SELECT count(*) FROM inspections WHERE id = ?", [PHIENG_BAN_2023]).fetchone() == (1,)

    # a copy that cannot be taken (no connection for it) is a warning; the import and its signature stand
    second = tmp_path / "office2"
    second.mkdir()
    second_config = write_workspace(second)

    def locked(self):
        raise StorageError("Cơ sở dữ liệu đang bị khóa.")

    monkeypatch.setattr(Store, "for_thread", locked)
    done = run_json(second_config, "bundle", "import", str(bundle), "--trust")
    assert done["summary"]["new"] == 1 and done["backup"] is None
    assert any("không sao lưu được" in w and "đang bị khóa" in w for w in done["warnings"])
    assert finalize_path(data_dir(second_config), PHIENG_BAN_2023).is_file()
