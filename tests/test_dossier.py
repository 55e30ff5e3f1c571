"""The recognition dossier (antq dossier), the eligibility lists (antq eligibility --case), the QĐ 510
scope warning (antq new) and the dossier's papers, on the demo workspace."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023, TRUONG_DTNT_2023, demo_template, demo_workspace

from antq_tui.services import Context, ServiceError, dossier
from antq_tui.workspace import Workspace


def _file(tmp_path: Path, name: str, data: bytes = b"%PDF-1.4 ban quet") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_checklist_shows_the_three_papers_and_fills_them_one_by_one(demo_workspace: Path, tmp_path: Path):
    shown = run(demo_workspace, "dossier", PHIENG_BAN_2023[:8]).stdout
    assert "Xã Phiêng Ban năm 2023 (0/3" in shown
    assert "Tờ trình hoặc đề xuất của Ủy ban nhân dân xã, phường, thị trấn" in shown
    assert "Báo cáo kết quả xây dựng" in shown and "Biên bản họp xét, đề nghị công nhận" in shown
    assert "Hồ sơ chưa đủ." in shown

    scan = _file(tmp_path, "tờ trình.pdf")
    run(demo_workspace, "dossier", "set", PHIENG_BAN_2023, "to_trinh", "--number", "12/TTr-UBND",
        "--date", "02/10/2023", "--file", str(scan))
    run(demo_workspace, "dossier", "set", PHIENG_BAN_2023, "bao cao", "--number", "45/BC-UBND", "--date", "01/10/2023",
        "--file", str(_file(tmp_path, "bao_cao.pdf")))
    data = run_json(demo_workspace, "dossier", "Xã Phiêng Ban", "--year", "2023")
    first = data["items"][0]
    assert (first["number"], first["date"], first["file"], first["complete"]) == ("12/TTr-UBND", "02/10/2023",
                                                                                  "tờ trình.pdf", True)
    copy = Path(first["path"])
    assert copy.is_file() and copy != scan
    assert first["sha256"] == hashlib.sha256(scan.read_bytes()).hexdigest()
    assert data["items"][2]["missing"] == ["số", "ngày", "tệp"] and data["complete"] is False

    run(demo_workspace, "dossier", "set", "Xã Phiêng Ban", "3", "--year", "2023", "--number", "03/BB-UBND",
        "--date", "30/09/2023", "--file", str(_file(tmp_path, "bb.pdf")))
    assert run_json(demo_workspace, "dossier", PHIENG_BAN_2023)["complete"] is True
    assert "(3/3" in run(demo_workspace, "dossier", PHIENG_BAN_2023).stdout
    # the 2022 dossier of the same unit is its own
    assert run_json(demo_workspace, "dossier", "Xã Phiêng Ban", "--year", "2022")["complete"] is False
    # files and rows still pass antq verify
    run(demo_workspace, "verify")


def test_bad_input_to_the_dossier_is_a_vietnamese_message_and_records_nothing(demo_workspace: Path, tmp_path: Path):
    result = run(demo_workspace, "dossier", "set", PHIENG_BAN_2023, "to_trinh", "--number", "12/TTr",
                 "--date", "31/02/2023", expect=2)
    assert "Ngày 31/02/2023 không có" in result.stderr
    result = run(demo_workspace, "dossier", "set", PHIENG_BAN_2023, "to_trinh", "--file", str(tmp_path / "no.pdf"),
                 expect=2)
    assert "Không tìm thấy tệp" in result.stderr
    assert "Không có mục hồ sơ “quyết định”" in run(demo_workspace, "dossier", "set", PHIENG_BAN_2023, "quyết định",
                                                    "--number", "1", expect=2).stderr
    assert "Không tìm thấy cuộc kiểm tra hay đơn vị" in run(demo_workspace, "dossier", "Xã Không Có", expect=2).stderr
    assert run_json(demo_workspace, "dossier", PHIENG_BAN_2023)["items"][0]["number"] == ""
    assert "Traceback" not in result.output


def test_the_to_trinh_warns_while_a_proposed_units_dossier_is_incomplete(demo_workspace: Path, tmp_path: Path):
    out = run(demo_workspace, "totrinh", "--year", "2023").stdout
    assert "Lưu ý: Hồ sơ đề nghị công nhận của Xã Phiêng Ban năm 2023 chưa đủ" in out
    for n, item in enumerate(dossier.ITEMS, 1):
        run(demo_workspace, "dossier", "set", PHIENG_BAN_2023, item, "--number", f"{n}/UBND", "--date", "01/10/2023",
            "--file", str(_file(tmp_path, f"{item}.pdf")))
    out = run(demo_workspace, "totrinh", "--year", "2023").stdout
    assert "Đã xuất tờ trình" in out and "Lưu ý" not in out


def test_cases_listed_under_a_condition_decide_its_count(demo_workspace: Path):
    data = run_json(demo_workspace, "eligibility", THI_TRAN_2023, "xa_ky_luat",
                    "--case", "Nguyễn Văn A|Cảnh cáo|12/05/2023|Đã xử lý",
                    "--case", "Chi bộ bản Mới|Cảnh cáo|01/03/2023|Đã xử lý")
    assert [c["name"] for c in data["cases"]] == ["Nguyễn Văn A", "Chi bộ bản Mới"]
    assert [c["no"] for c in data["cases"]] == [1, 2]
    shown = run(demo_workspace, "eligibility", THI_TRAN_2023, "xa_ky_luat").stdout
    assert "bị kỷ luật từ Cảnh cáo trở lên: 2 trường hợp" in shown
    assert "1. Nguyễn Văn A · Cảnh cáo · 12/05/2023 · Đã xử lý" in shown

    refused = run(demo_workspace, "eligibility", THI_TRAN_2023, "xa_ky_luat", "--input", "disciplined_count=0", expect=2)
    assert "đã liệt kê 2 trường hợp nên giá trị là 2 trường hợp" in refused.stderr
    # the other count of the same condition has its own list
    shown = run(demo_workspace, "eligibility", THI_TRAN_2023, "xa_ky_luat", "--case", "Lò Văn C|Đang đề nghị||",
                "--field", "pending_discipline_count", "--remove-case", "1").stdout
    assert "bị kỷ luật từ Cảnh cáo trở lên: 1 trường hợp" in shown
    assert "đang đề nghị xử lý kỷ luật: 1 trường hợp" in shown and "Nguyễn Văn A" not in shown
    # a yes/no condition: listing a case of disunity makes it "có"
    shown = run(demo_workspace, "eligibility", THI_TRAN_2023, "xa_doan_ket", "--case", "Ban công tác mặt trận bản X|"
                "Mất đoàn kết|02/02/2023|Đang hòa giải").stdout
    assert "Nội bộ mất đoàn kết: Có" in shown


def test_a_case_that_cannot_be_read_or_belongs_nowhere_is_refused(demo_workspace: Path):
    assert "dd/mm/yyyy" in run(demo_workspace, "eligibility", THI_TRAN_2023, "xa_ky_luat", "--case", "A|B|hôm qua",
                               expect=2).stderr
    assert "tên|hình thức|dd/mm/yyyy|tình trạng" in run(
        demo_workspace, "eligibility", THI_TRAN_2023, "xa_ky_luat", "--case", "|Cảnh cáo", expect=2).stderr
    assert "không phải số trường hợp" in run(demo_workspace, "eligibility", THI_TRAN_2023, "xa_phan_loai_phong_trao",
                                             "--case", "A", expect=2).stderr
    assert "không có mục đếm “x”" in run(demo_workspace, "eligibility", THI_TRAN_2023, "xa_ky_luat", "--case", "A",
                                         "--field", "x", expect=2).stderr
    # a finalized inspection keeps its list as it was
    assert "đã hoàn thành" in run(demo_workspace, "eligibility", PHIENG_BAN_2023, "xa_ky_luat", "--case", "A",
                                  expect=2).stderr
    with Context.open(Workspace.open(demo_workspace, entry_points=False)) as ctx:
        assert ctx.store.eligibility_cases(THI_TRAN_2023) == []


def test_the_database_refuses_a_case_on_a_finalized_inspection_whoever_writes(demo_workspace: Path):
    db = demo_workspace.parent / "inspections" / "antq.db"
    run(demo_workspace, "dossier", "set", PHIENG_BAN_2023, "1", "--number", "1")  # a write: the upgrade runs
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError, match="antq_finalized"):
        conn.execute("INSERT INTO eligibility_cases (id, inspection_id, check_id, name, added_at)"
                     " VALUES ('c1', ?, 'xa_ky_luat', 'A', '2023-10-12T08:00:00+07:00')", [PHIENG_BAN_2023])
    conn.close()


def test_units_outside_the_scope_of_qd_510_are_warned_when_created(demo_workspace: Path):
    result = run(demo_workspace, "new", "--unit", "Trường Mầm non Hoa Ban", "--kind", "co_so_giao_duc", "--year", "2023")
    assert "không thuộc đối tượng đánh giá, phân loại phong trào" in result.stderr
    assert "Quyết định số 510/QĐ-BCA-V05" in result.stderr
    result = run(demo_workspace, "new", "--unit", "Công ty TNHH Hoa Ban", "--kind", "doanh_nghiep", "--subtype", "dn_nho")
    assert "Doanh nghiệp nhỏ, siêu nhỏ không thuộc đối tượng" in result.stderr
    assert "510" not in run(demo_workspace, "new", "--unit", "Công ty Điện lực", "--kind", "doanh_nghiep").stderr
    before = len(run_json(demo_workspace, "list"))
    refused = run(demo_workspace, "new", "--unit", "Xã Mới", "--kind", "xa", "--subtype", "dn_nho", expect=2)
    assert "không dùng cho đơn vị loại này" in refused.stderr
    assert len(run_json(demo_workspace, "list")) == before, "a wrong --subtype creates nothing"


def test_the_scope_rule_reads_a_schools_name():
    assert dossier.scope_warning("co_so_giao_duc", "Trường Tiểu học Song Pe")
    assert dossier.scope_warning("co_so_giao_duc", "Trường Mẫu giáo Hoa Sen")
    assert not dossier.scope_warning("co_so_giao_duc", "Trường PTDT nội trú THCS & THPT huyện Bắc Yên")
    assert not dossier.scope_warning("xa", "Xã Tiểu Học")
    with pytest.raises(ServiceError):
        dossier.scope_warning("xa", "Xã Phiêng Ban", "tieu_hoc")


def test_the_meeting_minutes_are_prefilled_with_the_unit_year_and_result(demo_workspace: Path, tmp_path: Path):
    run(demo_workspace, "dossier", "set", PHIENG_BAN_2023, "to_trinh", "--number", "12/TTr-UBND", "--date", "02/10/2023")
    out = run(demo_workspace, "dossier", "paper", PHIENG_BAN_2023, "--html", "--no-docx", "--out", str(tmp_path)).stdout
    path = Path(out.split(": ", 1)[1].strip())
    html = path.read_text(encoding="utf-8")
    assert "Họp xét, đề nghị công nhận Xã Phiêng Ban đạt điển hình" in html and "năm 2023" in html
    assert "Ủy ban nhân dân Xã Phiêng Ban" in html and "UBND huyện Bắc Yên" in html  # the letterhead
    assert "Ủy ban nhân dân xã Phiêng Ban tổ chức họp xét" in html
    assert "đạt 34/34" in html and "Ngày 12/10/2023" in html
    assert "số 12/TTr-UBND ngày 02/10/2023" in html, "the dossier's own numbers are cited"
    assert "Họ và tên" in html and "KẾT QUẢ BIỂU QUYẾT" in html and "số tán thành: ……" in html


def test_the_meeting_minutes_pdf_and_word_are_written(demo_workspace: Path, tmp_path: Path):
    out = run(demo_workspace, "dossier", "paper", PHIENG_BAN_2023, "--out", str(tmp_path)).stdout
    written = [Path(line.split(": ", 1)[1].strip()) for line in out.splitlines() if ": /" in line]
    assert written and written[0].suffix in (".pdf", ".html")
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)


def test_the_annex_lists_each_case_under_its_condition(demo_workspace: Path, tmp_path: Path):
    run(demo_workspace, "eligibility", THI_TRAN_2023, "xa_vi_pham_phap_luat", "--case",
        "Hà Văn D|Phạt tiền 2.000.000 đồng|05/06/2023|Đã chấp hành")
    out = run(demo_workspace, "dossier", "annex", THI_TRAN_2023, "--html", "--out", str(tmp_path / "ds.html")).stdout
    html = (tmp_path / "ds.html").read_text(encoding="utf-8")
    assert "ds.html" in out
    assert "DANH SÁCH" in html and "Thị trấn Bắc Yên" in html
    assert "Hà Văn D" in html and "Phạt tiền 2.000.000 đồng" in html and "05/06/2023" in html
    assert "Vi phạm pháp luật trong năm" in html
    # each other count says so: kỷ luật (two counts), đơn thư, đoàn kết
    assert html.count("Không có trường hợp nào được liệt kê.") == 4


def test_an_agency_dossier_names_the_head_of_the_agency(demo_workspace: Path):
    shown = json.loads(run(demo_workspace, "dossier", TRUONG_DTNT_2023, "--json").stdout)
    assert shown["items"][0]["label"] == "Tờ trình hoặc đề xuất của thủ trưởng cơ quan, doanh nghiệp, cơ sở giáo dục"


def test_verify_notices_a_dossier_file_changed_or_gone(demo_workspace: Path, tmp_path: Path):
    run(demo_workspace, "dossier", "set", PHIENG_BAN_2023, "to_trinh", "--file", str(_file(tmp_path, "tt.pdf")))
    copy = Path(run_json(demo_workspace, "dossier", PHIENG_BAN_2023)["items"][0]["path"])
    run(demo_workspace, "verify")
    copy.write_bytes(b"%PDF-1.4 sua lai")
    result = run(demo_workspace, "verify", expect=None)
    assert result.exit_code != 0 and "Hồ sơ Xã Phiêng Ban năm 2023" in result.output + result.stderr
    assert "mã sha256 không khớp" in result.output + result.stderr
    copy.unlink()
    assert "không còn" in (lambda r: r.output + r.stderr)(run(demo_workspace, "verify", expect=None))


def test_listed_cases_travel_in_a_bundle_and_an_update_replaces_them(tmp_path: Path):
    from conftest import write_workspace

    (tmp_path / "laptop").mkdir()
    (tmp_path / "office").mkdir()
    laptop = write_workspace(tmp_path / "laptop", init=True)
    office = write_workspace(tmp_path / "office", init=True)
    iid = run_json(laptop, "new", "--unit", "Xã Đông Thọ", "--kind", "xa", "--year", "2024")["id"]
    run(laptop, "eligibility", iid, "xa_vi_pham_phap_luat", "--case", "Hà Văn D|Phạt tiền|05/06/2024|Đã chấp hành")
    bundle = tmp_path / "b.antq"
    run(laptop, "bundle", "export", "--out", str(bundle))
    run(office, "bundle", "import", str(bundle), "--trust")
    got = run_json(office, "eligibility", iid, "xa_vi_pham_phap_luat")
    assert [c["name"] for c in got["cases"]] == ["Hà Văn D"]
    assert got["inputs"]["law_violation_count"] == 1

    # the laptop takes the case off and lists another: the office's draft follows
    run(laptop, "eligibility", iid, "xa_vi_pham_phap_luat", "--remove-case", "1", "--case", "Lò Văn E|Cảnh cáo||")
    run(laptop, "bundle", "export", "--out", str(tmp_path / "b2.antq"))
    run(office, "bundle", "import", str(tmp_path / "b2.antq"), "--trust")
    got = run_json(office, "eligibility", iid, "xa_vi_pham_phap_luat")
    assert [c["name"] for c in got["cases"]] == ["Lò Văn E"]
