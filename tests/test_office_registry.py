"""The registry of units: imported from CSV or XLSX; a broken file is reported row by row and imports nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from antq_tui.inspection import Unit
from antq_tui.office.units_registry import RegistryFileError, import_registry
from antq_tui.storage import InvalidValueError, Store


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "antq.db", user="Cầm Thị Hoa") as s:
        yield s


def write_csv(path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_a_bom_and_semicolons_imports_every_unit(store, tmp_path):
    path = write_csv(tmp_path / "ds.csv", "STT;Tên đơn vị;Loại;Huyện;Tỉnh\n1;Xã Phiêng Ban;xã;Bắc Yên;Sơn La\n"
                                          "2;Thị trấn Bắc Yên;thi tran;;\n\n3;Trường THCS Chiềng Sại;Cơ sở giáo dục;Bắc Yên;\n")
    report = import_registry(store, path, district="Bắc Yên", province="Sơn La")
    assert report.ok and report.imported and report.new == 3
    assert report.ignored_columns == ["STT"]
    units = store.registered_units()
    assert [(u.name, u.kind, u.district, u.province) for u in units] == [
        ("Thị trấn Bắc Yên", "thi_tran", "Bắc Yên", "Sơn La"),
        ("Trường THCS Chiềng Sại", "co_so_giao_duc", "Bắc Yên", "Sơn La"),
        ("Xã Phiêng Ban", "xa", "Bắc Yên", "Sơn La"),
    ]
    again = import_registry(store, path, district="Bắc Yên", province="Sơn La")
    assert again.new == 0 and len(store.registered_units()) == 3


def test_a_broken_file_is_reported_row_by_row_and_nothing_is_imported(store, tmp_path):
    import_registry(store, write_csv(tmp_path / "a.csv", "Tên,Loại\nXã Tạ Khoa,xã\n"))
    before = store.registered_units()
    path = write_csv(tmp_path / "b.csv", "Tên,Loại,Huyện\nXã Hua Nhàn,xã,Bắc Yên\n,phường,Bắc Yên\n"
                                         "Xã Song Pe,huyện,Bắc Yên\nXã Làng Chếu,,Bắc Yên\nxa hua nhan,Xã,bac yen\n"
                                         "Xã Hồng Ngài,xã,Bắc Yên\n")
    report = import_registry(store, path)
    assert not report.ok and not report.imported
    assert [(e.row, e.message) for e in report.errors] == [
        (3, "thiếu tên đơn vị."),
        (4, "loại “huyện” không hợp lệ (xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục)."),
        (5, "thiếu loại đơn vị."),
        (6, "trùng với dòng 2 (xã xa hua nhan, bac yen)."),
    ]
    assert report.lines()[0].startswith("Không nhập được tệp b.csv: 4 dòng có lỗi; chưa nhập đơn vị nào.")
    assert report.lines()[1] == "  Dòng 3: thiếu tên đơn vị."
    assert store.registered_units() == before
    assert [u.name for u in store.find_units()] == ["Xã Tạ Khoa"]  # not even the good rows' units


def test_xlsx_import_and_a_unit_already_inspected_keeps_its_id(store, tmp_path):
    store.upsert_unit(Unit(id="u-1", name="Xã Phiêng Ban", kind="xa", district="Huyện Bắc Yên", province="Sơn La"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Tên", "Loại", "Huyện"])
    ws.append(["Phiêng Ban", "Xã", "Bắc Yên"])
    ws.append(["Phường Chiềng Lề", "Phường", "Thành phố Sơn La"])
    wb.save(tmp_path / "ds.xlsx")
    report = import_registry(store, tmp_path / "ds.xlsx")
    assert report.ok and report.new == 1
    units = {u.name: u for u in store.registered_units()}
    assert units["Xã Phiêng Ban"].id == "u-1" and units["Xã Phiêng Ban"].district == "Huyện Bắc Yên"
    assert "Phường Chiềng Lề" in units


def test_replace_makes_the_registry_exactly_the_file(store, tmp_path):
    import_registry(store, write_csv(tmp_path / "a.csv", "Tên,Loại\nXã A,xã\nXã B,xã\n"))
    import_registry(store, write_csv(tmp_path / "b.csv", "Tên,Loại\nXã B,xã\nXã C,xã\n"), replace=True)
    assert [u.name for u in store.registered_units()] == ["Xã B", "Xã C"]
    assert len(store.find_units()) == 3  # leaving the list never deletes a unit
    assert [e.action for e in store.audit_entries(action="registry.remove")] == ["registry.remove"]


@pytest.mark.parametrize("name, content, message", [
    ("x.csv", "Tên đơn vị,Huyện\nXã A,Bắc Yên\n", "thiếu cột “Loại”"),
    ("x.csv", "", "không có dòng nào"),
    ("x.pdf", "Tên,Loại\n", "Chỉ nhập được tệp .csv hoặc .xlsx"),
    ("x.xlsx", "not a zip", "Không đọc được tệp Excel"),
])
def test_a_file_that_cannot_be_read_at_all_says_why(store, tmp_path, name, content, message):
    with pytest.raises(RegistryFileError, match=message):
        import_registry(store, write_csv(tmp_path / name, content, "utf-8"))
    assert store.registered_units() == []


def test_a_csv_not_in_utf8_asks_for_csv_utf8(store, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("Tên,Loại\nXã Tạ Khoa,xã\n".encode("utf-16"))
    with pytest.raises(RegistryFileError, match="CSV UTF-8"):
        import_registry(store, path)


def test_register_units_is_all_or_nothing_in_the_store(store):
    good = Unit(id="u-a", name="Xã A", kind="xa")
    with pytest.raises(InvalidValueError):
        store.register_units([good, Unit(id="u-b", name="Xã B", kind="huyen")])
    assert store.registered_units() == [] and store.find_units() == []
    assert store.verify() == []
