"""The office commands as a user types them: antq stats, units, targets, calendar, report, totrinh."""

from __future__ import annotations

import csv
import io
import json
import shutil

import openpyxl
import pypdf
import pytest
from cli_helpers import run, run_json
from conftest import REPO, write_workspace
from demo_fixture import demo_template, demo_workspace
from office_fixtures import generate

from antq_tui.storage import Store
from antq_tui.workspace import Workspace


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(REPO / "docs" / "examples" / "tinh_tuyen_quang", root / "extra" / "tinh_tuyen_quang")
    shutil.copytree(REPO / "docs" / "examples" / "tinh_bac_kan", root / "extra" / "tinh_bac_kan")
    config = write_workspace(root, plugin_folders=[root / "extra"])
    ws = Workspace.open(config, entry_points=False)
    with Store.for_workspace(ws) as store:
        written, _ = generate(store, 80, seed=7)
    return config, written


def test_stats_json_and_text(office):
    config, written = office
    data = run_json(config, "stats", "--year", "2024")  # drafts left out unless asked for, and said so
    assert data["inspections"] == sum(w.year == 2024 and w.finalized for w in written)
    assert data["drafts_left_out"] == sum(w.year == 2024 and not w.finalized for w in written) > 0
    every = run_json(config, "stats", "--year", "2024", "--include-drafts")
    assert every["inspections"] == sum(w.year == 2024 for w in written) and every["include_drafts"]
    assert {s["set"] for s in data["sections"]} == {"xa_t", "cq_t"}
    assert [t["id"] for t in data["targets"]] == ["tq_2024_phuong", "tq_2024_thi_tran", "tq_2024_khoi", "tq_2025_khoi",
                                                 "tq_2025_nong_thon_moi", "tq_2025_dvm", "tq_2025_phuong",
                                                 "tq_2025_thi_tran", "tq_2025_co_quan", "bk_chon_xa", "bk_chon_co_quan"]
    one = run_json(config, "stats", "--year", "2024", "--set", "xa_t", "--district", "Bắc Yên", "--finalized")
    assert all(u["district"] == "Bắc Yên" and u["status"] == "finalized" for s in one["sections"] for u in s["units"])
    text = run(config, "stats", "--year", "2024").output
    assert "BIỂU THỐNG KÊ KẾT QUẢ KIỂM TRA, THẨM ĐỊNH — năm 2024" in text and "TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU" in text
    assert f"chỉ các cuộc kiểm tra đã hoàn thành (không tính {data['drafts_left_out']} bản nháp)" in text
    drafts = run(config, "stats", "--year", "2024", "--include-drafts").output
    assert "có tính cả các cuộc kiểm tra chưa hoàn thành (bản nháp)" in drafts


def test_stats_csv_to_stdout_and_xlsx_file(office, tmp_path):
    config, written = office
    raw = run(config, "stats", "--year", "2024", "--set", "xa_t", "--csv").stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[1][:4] == ["STT", "Đơn vị", "Loại", "Huyện"]
    units = sum(w.year == 2024 and w.set_id == "xa_t" and w.finalized for w in written)
    assert rows[2 + units - 1][0] == str(units) and rows[2 + units] == []
    out = tmp_path / "bieu.xlsx"
    assert "Đã xuất biểu thống kê ra tệp Excel" in run(config, "stats", "--year", "2024", "--xlsx", str(out)).output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Đơn vị - cq_t", "Tiêu chí - cq_t", "Đơn vị × tiêu chí - cq_t", "Đơn vị - xa_t",
                             "Tiêu chí - xa_t", "Đơn vị × tiêu chí - xa_t", "Chỉ tiêu"]
    ws = wb["Tiêu chí - xa_t"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Tiêu chí", "Nhóm", "Nội dung tiêu chí"]
    assert all(isinstance(ws.cell(row=r, column=5).value, int) for r in range(2, ws.max_row + 1))
    # unit × criterion: each unit's verdict on each criterion, as generated
    grid = wb["Đơn vị × tiêu chí - xa_t"]
    assert [c.value for c in grid[1]] == ["STT", "Đơn vị", "Huyện", *[f"Tiêu chí {n}" for n in range(1, 13)]]
    labels = {"dat": "Đạt", "khong_dat": "Không đạt"}
    expected = sorted([w.unit.name, *(labels.get(w.verdicts.get(n, ""), "—") for n in range(1, 13))] for w in written
                      if w.year == 2024 and w.set_id == "xa_t" and w.finalized)
    shown = sorted([r[1], *(cell.split("\n")[0] for cell in r[3:])] for r in grid.iter_rows(min_row=2, values_only=True))
    assert shown == expected


def test_stats_pdf_is_a4_landscape(office, tmp_path):
    config, _ = office
    out = tmp_path / "bieu.pdf"
    result = run(config, "stats", "--year", "2024", "--pdf", str(out))
    if out.with_suffix(".html").exists():
        pytest.skip("WeasyPrint cannot run here; the HTML fallback was written")
    assert "ra tệp PDF" in result.output
    box = pypdf.PdfReader(out).pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595


def test_report_and_totrinh(office, tmp_path):
    config, _written = office
    result = run(config, "report", "--year", "2024", "--out", str(tmp_path), "--html")
    path = tmp_path / "BaoCao_2024.html"
    assert str(path) in result.output
    html = path.read_text(encoding="utf-8")
    assert "BÁO CÁO" in html and "KẾT QUẢ TỪNG TIÊU CHÍ CỦA TỪNG ĐƠN VỊ" in html
    run(config, "totrinh", "--year", "2024", "--out", str(tmp_path / "tt.html"), "--html")
    tt = (tmp_path / "tt.html").read_text(encoding="utf-8")
    assert "TỜ TRÌNH" in tt and "kính đề nghị" in tt
    failed = run(config, "totrinh", "--year", "2031", expect=1)
    assert "không lập tờ trình" in failed.stderr


def test_units_import_broken_then_good_and_targets(office, tmp_path):
    config, _ = office
    bad = tmp_path / "bad.csv"
    bad.write_text("Tên,Loại,Huyện\nXã Thượng Nông,xã,Na Hang\nPhường Tân Quang,quận,Tuyên Quang\n", encoding="utf-8")
    result = run(config, "units", "import", str(bad), expect=1)
    assert "Dòng 3: loại “quận” không hợp lệ" in result.stderr
    assert run_json(config, "units", "list") == []
    good = tmp_path / "good.csv"
    good.write_text("Tên,Loại,Huyện\nXã Thượng Nông,xã,Na Hang\nPhường Tân Quang,phường,Tuyên Quang\n", encoding="utf-8")
    assert json.loads(run(config, "units", "import", str(good), "--json").stdout)["units"] == 2
    assert [u["name"] for u in run_json(config, "units", "list")] == ["Phường Tân Quang", "Xã Thượng Nông"]
    data = run_json(config, "targets", "--year", "2025")
    by_id = {t["id"]: t for t in data["targets"]}
    dvm = by_id["tq_2025_dvm"]
    assert dvm["denominator"] == 1 and len(dvm["not_in_registry"]) == 9
    assert by_id["tq_2025_phuong"]["denominator"] == 1 and by_id["tq_2025_phuong"]["required"] == 1
    assert "tq_2024_khoi" not in by_id  # a target of 2024 is not measured in 2025


def test_calendar(office):
    config, _ = office
    data = run_json(config, "calendar", "--today", "20/12/2024")
    first = data["deadlines"][0]
    assert (first["id"], first["date"], first["days_left"]) == ("bk_dang_ky", "2025-03-31", 101)
    assert "Mốc gần nhất: Đăng ký xây dựng điển hình (quý I): 31/03/2025 (còn 101 ngày)" in run(
        config, "calendar", "--today", "20/12/2024").output


def test_stats_of_a_year_with_no_inspection_still_writes_an_xlsx_that_says_so(demo_workspace, tmp_path):
    import openpyxl

    out = tmp_path / "trong.xlsx"
    result = run(demo_workspace, "stats", "--year", "2019", "--xlsx", str(out))
    assert "Traceback" not in result.output
    book = openpyxl.load_workbook(out)
    texts = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert texts, "an empty year gives a readable workbook, not a crash"


def test_the_statistics_paper_draws_a_bar_per_group_and_per_target(office, tmp_path):
    config, _ = office
    out = tmp_path / "bieu.html"
    run(config, "stats", "--year", "2024", "--pdf", str(out), "--html")
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    svg = html[html.index("<svg"):html.index("</svg>")]
    data = run_json(config, "stats", "--year", "2024")
    groups = sum(len(s["groups"]) for s in data["sections"])
    assert svg.count('fill="#2e7d32"/>') == groups + 1  # one per group, one in the legend
    assert data["targets"] and svg.count('fill="#1565c0"/>') == len(data["targets"]) + 1  # one per target, one in the legend
    first = data["sections"][0]
    dat = sum(u["groups"][first["groups"][0]["id"]]["dat"] for u in first["units"])
    total = sum(u["groups"][first["groups"][0]["id"]]["total"] for u in first["units"])
    assert f"({dat}/{total})" in svg
