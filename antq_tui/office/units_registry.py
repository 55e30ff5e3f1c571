"""The registry of units: the district's full list of xã, phường, thị trấn, cơ quan, doanh nghiệp and cơ sở
giáo dục, imported from a CSV or XLSX file so that the statistics have a denominator.

The file has a header row; the columns are recognised by name, ignoring case and diacritics:

- ``Tên`` (or "Tên đơn vị", "Đơn vị") — required;
- ``Loại`` (or "Loại đơn vị") — required: xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục;
- ``Huyện`` (or "Quận/huyện", "Huyện/thành phố") and ``Tỉnh`` — optional; empty cells take the
  district and province of ``config.toml``;
- ``Thuộc diện`` — optional: what else the unit is, separated by ";" ("Nông thôn mới; Nông thôn mới
  nâng cao"), which a province's targets may count over. When the column is there, it replaces the
  units' attributes; when it is not, they are kept.

Other columns (STT, ghi chú…) are ignored and named in the report. Every row is read before anything
is written: when any row cannot be read, the report lists each such row with its number as the
spreadsheet shows it, and **nothing** is imported. A unit already in the database (same name, kind
and district, ignoring case and diacritics) keeps its id, so its inspections stay linked to it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..criteria import parse_unit_kind, unit_kind_label
from ..folding import fold, nfc
from ..inspection import Unit
from ..storage.unit_keys import unit_key
from .targets import attribute_id

if TYPE_CHECKING:
    from ..storage import Store

COLUMNS = {
    "name": ("ten", "ten don vi", "don vi", "name"),
    "kind": ("loai", "loai don vi", "kind"),
    "district": ("huyen", "quan huyen", "quan/huyen", "huyen/thanh pho", "huyen/thi xa/thanh pho", "district"),
    "province": ("tinh", "tinh/thanh pho", "province"),
    "attributes": ("thuoc dien", "attributes"),
}
REQUIRED = ("name", "kind")
COLUMN_LABELS = {"name": "Tên", "kind": "Loại", "district": "Huyện", "province": "Tỉnh", "attributes": "Thuộc diện"}


class RegistryFileError(ValueError):
    """The file cannot be read at all (not CSV/XLSX, no header, wrong encoding). Vietnamese message."""


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it (the header is row 1 when it is the first line)
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}: {self.message}"


@dataclass
class ImportReport:
    path: Path
    units: list[Unit] = field(default_factory=list)  # the rows read, as units
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    new: int = 0  # units not in the database before
    imported: bool = False
    attributes: list[tuple[str, ...]] | None = None  # per unit, in order; None: the file has no such column

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        """The report, in Vietnamese, one line each."""
        out = []
        if self.errors:
            out.append(f"Không nhập được tệp {self.path.name}: {len(self.errors)} dòng có lỗi; chưa nhập đơn vị nào. "
                       "Sửa các dòng dưới đây rồi nhập lại:")
            out += [f"  {e}" for e in self.errors]
        elif self.imported:
            out.append(f"Đã nhập {len(self.units)} đơn vị từ {self.path.name} ({self.new} đơn vị mới, "
                       f"{len(self.units) - self.new} đơn vị đã có).")
        if self.ignored_columns:
            out.append("Bỏ qua các cột: " + ", ".join(f"“{c}”" for c in self.ignored_columns) + ".")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "imported": self.imported,
            "units": len(self.units) if self.imported else 0,
            "new": self.new if self.imported else 0,
            "errors": [{"row": e.row, "message": e.message} for e in self.errors],
            "ignored_columns": list(self.ignored_columns),
        }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(nfc(str(value)).split())


def read_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The non-empty rows of a CSV or XLSX file, each with its row number, cells as text."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise RegistryFileError(f"Không tìm thấy tệp “{path}”.")
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise RegistryFileError(f"Không đọc được tệp Excel “{path.name}”: {exc}.") from None
        try:
            sheet = wb.worksheets[0]
            rows = [(i, [_cell(v) for v in row]) for i, row in enumerate(sheet.iter_rows(values_only=True), 1)]
        finally:
            wb.close()
    elif suffix in (".csv", ".txt"):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RegistryFileError(
                f"Tệp “{path.name}” không phải văn bản UTF-8. Trong Excel chọn Lưu thành → “CSV UTF-8 "
                "(Comma delimited)”, hoặc nhập thẳng tệp .xlsx."
            ) from None
        first = text.split("\n", 1)[0]
        delimiter = max(",;\t", key=first.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = [(reader.line_num, [_cell(v) for v in row]) for row in reader]
    else:
        raise RegistryFileError(f"Chỉ nhập được tệp .csv hoặc .xlsx, không phải “{path.name}”.")
    return [(i, cells) for i, cells in rows if any(cells)]


def _columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    found: dict[str, int] = {}
    ignored = []
    for i, title in enumerate(header):
        key = fold(title).replace("_", " ").strip(" :*")
        for column, names in COLUMNS.items():
            if key in names and column not in found:
                found[column] = i
                break
        else:
            if title:
                ignored.append(title)
    return found, ignored


def read_registry_file(path: Path | str, *, district: str = "", province: str = "") -> ImportReport:
    """Read every row into units (not yet saved); errors are collected row by row.

    :param district: / :param province: the values for empty Huyện / Tỉnh cells.
    :raises RegistryFileError: when the file as a whole cannot be read.
    """
    path = Path(path)
    rows = read_rows(path)
    report = ImportReport(path=path)
    if not rows:
        raise RegistryFileError(f"Tệp “{path.name}” không có dòng nào.")
    header_row, header = rows[0]
    columns, report.ignored_columns = _columns(header)
    if "attributes" in columns:
        report.attributes = []
    missing = [COLUMN_LABELS[c] for c in REQUIRED if c not in columns]
    if missing:
        raise RegistryFileError(
            f"Dòng tiêu đề (dòng {header_row}) của “{path.name}” thiếu cột " + ", ".join(f"“{m}”" for m in missing)
            + ". Cần các cột: Tên, Loại (xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục); "
            "có thể thêm Huyện, Tỉnh."
        )
    seen: dict[tuple[str, str, str], int] = {}
    for number, cells in rows[1:]:
        def get(column: str, cells: list[str] = cells) -> str:
            i = columns.get(column)
            return cells[i] if i is not None and i < len(cells) else ""

        problems = []
        name, kind_text = get("name"), get("kind")
        if not name:
            problems.append("thiếu tên đơn vị")
        kind = ""
        if not kind_text:
            problems.append("thiếu loại đơn vị")
        else:
            try:
                kind = parse_unit_kind(kind_text)
            except ValueError:
                problems.append(f"loại “{kind_text}” không hợp lệ (xã, phường, thị trấn, cơ quan, doanh nghiệp, "
                                "cơ sở giáo dục)")
        if problems:
            report.errors.append(RowError(number, "; ".join(problems) + "."))
            continue
        unit = Unit(id="", name=name, kind=kind, district=get("district") or district, province=get("province") or province)
        key = unit_key(unit)
        if key in seen:
            report.errors.append(RowError(number, f"trùng với dòng {seen[key]} ({unit_kind_label(kind).lower()} "
                                                  f"{name}{', ' + unit.district if unit.district else ''})."))
            continue
        seen[key] = number
        report.units.append(unit)
        if report.attributes is not None:
            report.attributes.append(tuple(sorted({attribute_id(a) for a in get("attributes").replace(",", ";").split(";")
                                                   if a.strip()})))
    if not report.units and not report.errors:
        raise RegistryFileError(f"Tệp “{path.name}” chỉ có dòng tiêu đề, không có đơn vị nào.")
    return report


def import_registry(store: Store, path: Path | str, *, district: str = "", province: str = "",
                    replace: bool = False) -> ImportReport:
    """Read the file and, when every row is readable, put all its units on the registry at once.

    :param replace: the registry becomes exactly the file's list (units not in it leave the list).
    :raises RegistryFileError: when the file as a whole cannot be read (nothing imported).
    """
    from ..storage import new_id

    report = read_registry_file(path, district=district, province=province)
    if report.errors:
        return report
    existing = {unit_key(u): u for u in store.find_units()}
    units = []
    for unit in report.units:
        known = existing.get(unit_key(unit))
        if known is None:
            report.new += 1
        # a unit already known keeps its id and how it is written ("Xã Thượng Nông, Huyện Na Hang"
        # stays so when the file says "Thượng Nông, Na Hang"); the file only fills what is empty
        if known is None:
            units.append(Unit(id=new_id(), name=unit.name, kind=unit.kind, district=unit.district,
                              province=unit.province))
        else:
            units.append(Unit(id=known.id, name=known.name, kind=known.kind, district=known.district or unit.district,
                              province=known.province or unit.province))
    report.units = units
    store.register_units(units, source=report.path.name, replace=replace)
    if report.attributes is not None:
        store.set_unit_attributes({u.id: attrs for u, attrs in zip(units, report.attributes, strict=True)})
    report.imported = True
    return report
