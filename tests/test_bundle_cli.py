"""``antq bundle export`` and ``antq bundle import`` between two workspaces using the official plugins."""

from __future__ import annotations

from pathlib import Path

from bundle_fixtures import dump_hash, minutes
from cli_helpers import run, run_json
from conftest import write_workspace
from storage_fixtures import DONG_THO, PHIENG_BAN

from antq_tui.storage import Store
from antq_tui.workspace import Workspace


def workspace(root: Path, *, init: bool = True) -> Path:
    root.mkdir(parents=True)
    return write_workspace(root, init=init)


def fill(config: Path) -> list[str]:
    ws = Workspace.open(config, entry_points=False)
    reg = ws.registry
    with Store.for_workspace(ws) as store:
        a = store.create_inspection(PHIENG_BAN, 2024, reg.sets["xa"], registry=reg).id
        store.set_verdict(a, 1, "đạt")
        store.set_remark(a, 1, "Nghị quyết chuyên đề số 05-NQ/ĐU")
        photo = config.parent / "anh.jpg"
        photo.write_bytes(b"\xff\xd8" + b"x" * 5000)
        store.add_attachment(a, photo, number=1)
        store.finalize(a)
        minutes(store, a)
        b = store.create_inspection(DONG_THO, 2025, reg.sets["xa"], registry=reg).id
        store.set_verdict(b, 2, "không đạt")
        return [a, b]


def test_export_then_import_then_again_through_the_command_line(tmp_path: Path):
    laptop, office = workspace(tmp_path / "laptop"), workspace(tmp_path / "office", init=False)
    ids = fill(laptop)
    out = tmp_path / "usb" / "bac-yen-2024"
    text = run(laptop, "bundle", "export", "--year", "2024", "--out", str(out)).stdout
    assert "Đã xuất 1 cuộc kiểm tra" in text and "1 tệp đính kèm" in text and "1 biên bản đã xuất" in text
    bundle = out.with_name("bac-yen-2024.antq")
    assert bundle.is_file()

    dry = run_json(office, "bundle", "import", str(bundle), "--dry-run")
    assert dry["dry_run"] and dry["summary"]["new"] == 1
    assert not (office.parent / "inspections" / "antq.db").exists()
    refused = run(office, "bundle", "import", str(bundle), expect=2)  # no database: antq init first
    assert "antq init" in refused.stderr
    assert not (office.parent / "inspections").exists()  # a refused import leaves no file
    run(office, "init")

    fingerprint = run_json(laptop, "keys", "show")["fingerprint"]
    refused = run(office, "bundle", "import", str(bundle), expect=2)
    assert "chưa được tin cậy" in refused.stderr and fingerprint in refused.stderr and "--trust" in refused.stderr
    text = run(office, "bundle", "import", str(bundle), "--trust").stdout
    assert "Đã nhập" in text and "thêm mới" in text and "Xã Phiêng Ban năm 2024" in text
    assert f"khóa {fingerprint}" in text and "không mã hóa" in text
    assert [r["id"] for r in run_json(office, "list")] == [ids[0]]
    assert run(office, "verify").exit_code == 0

    db = office.parent / "inspections" / "antq.db"
    before = dump_hash(db)
    again = run_json(office, "bundle", "import", str(bundle))
    assert again["ok"] and not again["changed"] and again["summary"]["unchanged"] == 1
    assert dump_hash(db) == before

    everything = tmp_path / "all.antq"
    assert run_json(laptop, "bundle", "export", "--out", str(everything))["counts"]["inspections"] == 2
    assert run_json(office, "bundle", "import", str(everything))["summary"] == {
        "new": 1, "unchanged": 1, "updated": 0, "exports": 0, "conflict": 0}


def test_a_damaged_bundle_is_refused_with_a_message_and_exit_code_2(tmp_path: Path):
    laptop, office = workspace(tmp_path / "laptop"), workspace(tmp_path / "office")
    fill(laptop)
    bundle = tmp_path / "b.antq"
    run(laptop, "bundle", "export", "--out", str(bundle))
    data = bytearray(bundle.read_bytes())
    data[len(data) // 3] ^= 0x20
    bundle.write_bytes(bytes(data))
    result = run(office, "bundle", "import", str(bundle), expect=2)
    assert "Lỗi: Gói “b.antq” đã bị hỏng hoặc bị sửa" in result.stderr
    assert run_json(office, "bundle", "import", str(bundle), expect=2)["ok"] is False


def test_export_options(tmp_path: Path):
    laptop = workspace(tmp_path / "laptop")
    ids = fill(laptop)
    got = run_json(laptop, "bundle", "export", "--inspection", ids[1][:8], "--out", str(tmp_path / "x.antq"))
    assert got["counts"]["inspections"] == 1
    assert "không dùng cả hai" in run(laptop, "bundle", "export", "-i", ids[0], "-y", "2024", "-o",
                                       str(tmp_path / "y.antq"), expect=2).stderr
    assert "Không tìm thấy cuộc kiểm tra" in run(laptop, "bundle", "export", "-i", "zzz", "-o",
                                                  str(tmp_path / "z.antq"), expect=2).stderr


def _file_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the sha256 of its bytes."""
    import hashlib

    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_dry_run_and_the_reading_commands_leave_the_database_file_byte_for_byte(tmp_path: Path):
    laptop, office = workspace(tmp_path / "laptop"), workspace(tmp_path / "office")
    fill(laptop)
    bundle = tmp_path / "b.antq"
    run(laptop, "bundle", "export", "--out", str(bundle))
    fill(office)
    data = office.parent / "inspections"
    before = _file_state(data)
    assert run_json(office, "bundle", "import", str(bundle), "--dry-run")["dry_run"]
    run(office, "list")
    run(office, "verify")
    assert _file_state(data) == before


def test_an_older_database_is_not_upgraded_by_a_dry_run_list_or_verify(tmp_path: Path):
    from test_storage_migrations import make_first_version_database

    laptop, office = workspace(tmp_path / "laptop"), workspace(tmp_path / "office", init=False)
    fill(laptop)
    bundle = tmp_path / "b.antq"
    run(laptop, "bundle", "export", "--out", str(bundle))
    data = office.parent / "inspections"
    data.mkdir()
    make_first_version_database(data / "antq.db")
    before = _file_state(data)
    dry = run(office, "bundle", "import", str(bundle), "--dry-run").stdout
    assert "Nhập thử (chưa ghi gì)" in dry and "thêm mới" in dry
    for command in ("list", "verify"):
        result = run(office, command, expect=2)
        assert "cần được nâng cấp" in result.stderr and "tệp giữ nguyên" in result.stderr
    assert _file_state(data) == before  # no upgrade, no copy set aside


def test_a_bundle_the_receiver_would_refuse_as_too_large_is_not_written(tmp_path: Path, monkeypatch):
    from antq_tui.exchange import bundle as bundle_module

    laptop = workspace(tmp_path / "laptop")
    fill(laptop)
    out = tmp_path / "nam.antq"
    # a few kB over this limit, as a province's ten years of log rows would be over the real one
    monkeypatch.setattr(bundle_module, "LIMITS", bundle_module.Limits(json_total=2000))
    err = run(laptop, "bundle", "export", "--out", str(out), expect=2).stderr
    assert "Không tạo gói: 2 cuộc kiểm tra là quá nhiều cho một gói (" in err and "MB dữ liệu đến phần data/" in err
    assert "theo từng năm (--year) hoặc từng nhóm cuộc kiểm tra (-i)" in err
    assert not out.exists() and list(tmp_path.glob("*.part")) == []  # nothing half-written left behind
    monkeypatch.setattr(bundle_module, "LIMITS", bundle_module.Limits())
    run(laptop, "bundle", "export", "--out", str(out))
    assert out.is_file()


def test_a_table_too_large_for_one_member_goes_on_in_further_members_and_imports_whole(tmp_path: Path, monkeypatch):
    """A province's year of log rows (250 MB of JSON) is over what one member may hold (128 MB): the rows
    continue in data/audit.2.json, … (here past 2 kB instead of 64 MB) and the receiver reads them back in order."""
    import json
    import zipfile

    from antq_tui.exchange import bundle as bundle_module

    laptop = workspace(tmp_path / "laptop")
    fill(laptop)
    whole = tmp_path / "whole.antq"
    run(laptop, "bundle", "export", "--out", str(whole))
    monkeypatch.setattr(bundle_module, "LIMITS", bundle_module.Limits(json_part=2000))
    split = tmp_path / "split.antq"
    run(laptop, "bundle", "export", "--out", str(split))

    with zipfile.ZipFile(split) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        assert all(zf.getinfo(n).file_size <= 2000 for n in names if n.startswith("data/audit"))
    audit_parts = [n for n in names if n.startswith("data/audit")]
    assert audit_parts[:3] == ["data/audit.json", "data/audit.2.json", "data/audit.3.json"]
    assert manifest["format_version"] == 2
    with zipfile.ZipFile(whole) as zf:
        assert json.loads(zf.read("manifest.json"))["format_version"] == 1  # an older antq still reads it
        rows = json.loads(zf.read("data/audit.json"))
    read = bundle_module.read_bundle(split)
    assert read.tables["audit"] == rows  # every row, in order

    office = workspace(tmp_path / "office")
    done = json.loads(run(office, "bundle", "import", str(split), "--trust", "--json").stdout)
    assert done["summary"]["new"] == 2
    assert run(office, "verify").exit_code == 0
