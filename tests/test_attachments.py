"""Evidence files through the service and the command line: copied with their sha256, refused with a
Vietnamese reason, carried by bundles, listed in the minutes under "Kèm theo", kept by the upgrade."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pypdf
import pytest
from cli_helpers import run, run_json
from conftest import write_workspace
from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023, demo_template, demo_workspace

from antq_tui.services import Context, ServiceError, exchange, minutes
from antq_tui.services import attachments as service
from antq_tui.storage import StorageError, Store
from antq_tui.workspace import Workspace

PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40
#: brackets (Rich markup), an escape sequence, a right-to-left override and a slash-looking name
NASTY = "[bold]biên bản[red]\x1b[31m\u202egpj.exe.jpg"


def context(config: Path) -> Context:
    return Context.open(Workspace.open(config, entry_points=False))


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "ảnh hồ sơ.jpg"
    path.write_bytes(PHOTO)
    return path


def test_a_file_is_copied_into_the_workspace_with_its_sha256_and_its_record(demo_workspace: Path, photo: Path):
    with context(demo_workspace) as ctx:
        added = service.attach(ctx, THI_TRAN_2023, 20, photo, evidence_index=1)
        (listed,) = service.listing(ctx, THI_TRAN_2023, 20)
        assert service.listing(ctx, THI_TRAN_2023, 19) == []
    assert listed == added
    assert (listed.number, listed.evidence_index, listed.name, listed.size) == (20, 1, "ảnh hồ sơ.jpg", len(PHOTO))
    assert listed.sha256 == hashlib.sha256(PHOTO).hexdigest() == hashlib.sha256(listed.path.read_bytes()).hexdigest()
    assert listed.path.is_relative_to(Workspace.open(demo_workspace).data_dir / "attachments")
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", listed.date) and listed.record_label == "hồ sơ 2"


def test_a_name_full_of_brackets_and_control_characters_is_stored_safely_and_shown_literally(
        demo_workspace: Path, tmp_path: Path):
    source = tmp_path / NASTY
    source.write_bytes(PHOTO)
    with context(demo_workspace) as ctx:
        added = service.attach(ctx, THI_TRAN_2023, 20, source)
    assert added.name == "[bold]biên bản[red]\\u001b[31m\\u202egpj.exe.jpg"  # every character there, none acting
    assert added.path.name == "bold_biên bản_red___31m_gpj_exe.jpg"
    assert not any(ch in added.path.name for ch in "[]/\x1b\u202e")
    listing = run(demo_workspace, "attachments", THI_TRAN_2023[:8]).stdout
    assert "[bold]biên bản[red]\\u001b[31m" in listing and "\x1b" not in listing


def test_refusals_say_why_in_vietnamese_and_attach_nothing(demo_workspace: Path, tmp_path: Path, photo: Path,
                                                            monkeypatch):
    big = tmp_path / "quet.pdf"
    big.write_bytes(b"%PDF" + b"0" * 19996)
    empty = tmp_path / "rong.jpg"
    empty.write_bytes(b"")
    monkeypatch.setattr(service, "MAX_SIZE", 15000)
    with context(demo_workspace) as ctx:
        cases = [
            (THI_TRAN_2023, 20, tmp_path / "khong_co.jpg", None, "Không tìm thấy tệp"),
            (THI_TRAN_2023, 20, "", None, "Chưa gõ đường dẫn tệp"),
            (THI_TRAN_2023, 20, tmp_path, None, "là một thư mục"),
            (THI_TRAN_2023, 20, empty, None, "rỗng (0 byte)"),
            (THI_TRAN_2023, 20, big, None, "nặng 20 kB, quá giới hạn 15 kB"),
            (THI_TRAN_2023, 20, photo, 7, "không có hồ sơ số 8"),
            (PHIENG_BAN_2023, 3, photo, None, "đã hoàn thành nên chỉ được xem"),
        ]
        for iid, number, path, index, message in cases:
            with pytest.raises((ServiceError, StorageError)) as caught:
                service.attach(ctx, iid, number, path, evidence_index=index)
            assert message in str(caught.value), (path, str(caught.value))
        assert service.listing(ctx, THI_TRAN_2023) == service.listing(ctx, PHIENG_BAN_2023) == []
    assert not (Workspace.open(demo_workspace).data_dir / "attachments" / THI_TRAN_2023).exists() or not any(
        (Workspace.open(demo_workspace).data_dir / "attachments" / THI_TRAN_2023).iterdir())


def test_the_limit_is_50_mb():
    assert service.MAX_SIZE == 50_000_000


def test_a_bundle_round_trip_keeps_the_file_its_hash_and_its_record(demo_workspace: Path, tmp_path: Path,
                                                                    photo: Path):
    nasty = tmp_path / NASTY
    nasty.write_bytes(PHOTO[::-1])
    with context(demo_workspace) as ctx:
        service.attach(ctx, THI_TRAN_2023, 20, photo, evidence_index=0)
        service.attach(ctx, THI_TRAN_2023, 18, nasty)
        sent = service.listing(ctx, THI_TRAN_2023)
        out = tmp_path / "goi.antq"
        exchange.export_bundle(ctx, out, inspection_ids=[THI_TRAN_2023])
    (tmp_path / "may2").mkdir()
    other = write_workspace(tmp_path / "may2")
    with context(other) as ctx:
        exchange.import_bundle(ctx, out, trust_signer=True)  # the receiving office checked the fingerprint
        received = service.listing(ctx, THI_TRAN_2023)
        data_dir = ctx.store.data_dir
    assert [(f.number, f.evidence_index, f.name, f.sha256, f.size) for f in received] == \
        [(f.number, f.evidence_index, f.name, f.sha256, f.size) for f in sent]
    for f in received:
        assert f.path.is_relative_to(data_dir) and hashlib.sha256(f.path.read_bytes()).hexdigest() == f.sha256
        assert not any(ch in f.path.name for ch in "[]\x1b\u202e")


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(path).pages).split())


def test_the_minutes_list_the_files_under_kem_theo_on_their_criterion(demo_workspace: Path, tmp_path: Path,
                                                                       photo: Path):
    scan = tmp_path / "bao_cao.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    with context(demo_workspace) as ctx:
        service.attach(ctx, THI_TRAN_2023, 20, photo, evidence_index=0)
        service.attach(ctx, THI_TRAN_2023, 20, scan)
        result = minutes.export(ctx, THI_TRAN_2023, tmp_path / "bb.pdf")
    if result.format != "pdf":
        pytest.skip("WeasyPrint cannot run here")
    text = _pdf_text(result.path)
    assert "Kèm theo: ảnh hồ sơ.jpg (hồ sơ 1); bao_cao.pdf." in text
    assert text.count("Kèm theo:") == 1  # only criterion 20 has files


def test_the_word_minutes_list_the_same_files(demo_workspace: Path, tmp_path: Path, photo: Path):
    import docx

    with context(demo_workspace) as ctx:
        service.attach(ctx, THI_TRAN_2023, 20, photo, evidence_index=0)
        result = minutes.export(ctx, THI_TRAN_2023, tmp_path / "bb.docx", docx=True)
    cells = [cell.text for table in docx.Document(str(result.path)).tables for row in table.rows for cell in row.cells]
    assert [c for c in cells if "Kèm theo:" in c] and all("ảnh hồ sơ.jpg (hồ sơ 1)" in c for c in cells
                                                           if "Kèm theo:" in c)


def test_open_hands_the_copy_to_the_viewer_or_says_there_is_none(demo_workspace: Path, photo: Path, monkeypatch):
    launched: list[list[str]] = []
    monkeypatch.setattr(service, "launch", launched.append)
    with context(demo_workspace) as ctx:
        added = service.attach(ctx, THI_TRAN_2023, 20, photo)
        monkeypatch.setattr(service.sys, "platform", "linux")
        monkeypatch.setenv("DISPLAY", ":0")
        monkeypatch.setattr(service.shutil, "which", lambda name: f"/usr/bin/{name}")
        assert "Đang mở “ảnh hồ sơ.jpg”" in service.open_file(ctx, added)
        assert launched == [["/usr/bin/xdg-open", str(added.path)]]
        monkeypatch.delenv("DISPLAY")
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        with pytest.raises(ServiceError, match=r"Máy này không có chương trình xem tệp.*Tệp nằm ở: "):
            service.open_file(ctx, added)
        added.path.unlink()
        with pytest.raises(ServiceError, match="không còn trong thư mục dữ liệu"):
            service.open_file(ctx, added)
    assert len(launched) == 1


def test_the_command_line_attaches_and_lists_through_the_same_service(demo_workspace: Path, photo: Path):
    out = run(demo_workspace, "attach", THI_TRAN_2023[:8], "20", str(photo), "--evidence", "2").stdout
    assert "Đã đính kèm vào tiêu chí 20: ảnh hồ sơ.jpg" in out and "hồ sơ 2" in out
    assert f"SHA-256: {hashlib.sha256(PHOTO).hexdigest()}" in out
    (row,) = run_json(demo_workspace, "attachments", THI_TRAN_2023[:8])
    assert (row["number"], row["evidence"], row["name"], row["size"]) == (20, 2, "ảnh hồ sơ.jpg", len(PHOTO))
    assert "1. Tiêu chí 20: ảnh hồ sơ.jpg" in run(demo_workspace, "attachments", THI_TRAN_2023[:8], "20").stdout
    assert "Tiêu chí 19 chưa có tệp đính kèm." in run(demo_workspace, "attachments", THI_TRAN_2023[:8], "19").stdout
    refused = run(demo_workspace, "attach", PHIENG_BAN_2023[:8], "3", str(photo), expect=2)
    assert "đã hoàn thành nên chỉ được xem" in refused.output and "Traceback" not in refused.output
    missing = run(demo_workspace, "attach", THI_TRAN_2023[:8], "20", "/khong/co.jpg", expect=2)
    assert "Không tìm thấy tệp “/khong/co.jpg”" in missing.output


def test_a_database_from_before_0008_is_upgraded_and_keeps_its_attachments(tmp_path: Path, photo: Path):
    from storage_fixtures import new_inspection

    path = tmp_path / "inspections" / "antq.db"
    with Store.open(path) as store:
        iid = new_inspection(store).id
        store.add_attachment(iid, photo, number=3)
    with sqlite3.connect(path) as conn:  # as antq before 0008 left it
        conn.execute("ALTER TABLE attachments DROP COLUMN evidence_index")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_attachment_evidence'")
    with Store.open(path) as store:
        (kept,) = store.attachments(iid)
        assert (kept.number, kept.evidence_index, kept.name) == (3, None, photo.name)
        store.add_attachment(iid, photo, number=3, evidence_index=0)
        assert [a.evidence_index for a in store.attachments(iid, 3)] == [None, 0]
    assert (path.parent / "antq.db.before-0008_attachment_evidence.bak").exists()
