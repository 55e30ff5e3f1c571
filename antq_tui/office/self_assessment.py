"""The unit's self-assessment form (XLSX): written by antq, filled by the unit, read back before the visit.

The form has three sheets the unit fills (yellow cells; everything else is locked without a password,
so a slip of the mouse cannot change a criterion's number), after a sheet of instructions:

- **Tự đánh giá**: one row per criterion: the unit's Đạt / Không đạt and its explanation;
- **Số liệu**: one row per figure a criterion's check needs (the field's label and unit);
- **Hồ sơ**: one row per record to show: its số, ký hiệu and ngày ban hành.

A hidden sheet ``antq`` names the criteria set (and the inspection, when the form was made for one),
so that a form for another set or another inspection is refused. :func:`read_form` reads every cell
with the inspection's snapshot fields (the same parsers as the walk) and refuses the whole file on
the first twenty problems, each with its sheet, row and column: nothing is imported from a file that
has one.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from ..criteria import CriteriaSet, Criterion, Verdict
from ..criteria.fields import FIELD_TYPES, FieldValueError
from ..labels import unit_kind_label
from ..text import text_problem
from ..vnformat import format_date, parse_date
from .tables import safe_text

MARKER = "antq-tu-danh-gia"
FORMAT_VERSION = "1"
#: a filled form is a few hundred rows: anything much larger is not one
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_PROBLEMS = 20

SHEET_HELP = "Hướng dẫn"
SHEET_VERDICTS = "Tự đánh giá"
SHEET_FIGURES = "Số liệu"
SHEET_RECORDS = "Hồ sơ"
SHEET_MARKER = "antq"

VERDICT_HEADER = ["Tiêu chí số", "Nhóm", "Nội dung tiêu chí", "Đơn vị tự đánh giá (Đạt / Không đạt)",
                  "Giải trình của đơn vị"]
FIGURE_HEADER = ["Tiêu chí số", "Mã số liệu", "Số liệu", "Kiểu, đơn vị tính", "Giá trị đơn vị khai"]
RECORD_HEADER = ["Tiêu chí số", "STT hồ sơ", "Hồ sơ, tài liệu", "Số, ký hiệu", "Ngày ban hành (dd/mm/yyyy)"]


class FormError(ValueError):
    """The file is not a form antq can import; ``problems`` name the sheet, row and column of each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = "" if len(problems) < MAX_PROBLEMS else f"\n(chỉ nêu {MAX_PROBLEMS} lỗi đầu)"
        super().__init__("Không nhập tệp tự đánh giá:\n" + "\n".join(f"- {p}" for p in problems) + more)


@dataclass(frozen=True)
class FormFor:
    """Who the form is for: the unit and year shown on it, and the inspection it belongs to (if any)."""

    unit_name: str
    unit_kind: str
    year: int
    inspection_id: str = ""


@dataclass(frozen=True)
class DeclaredRow:
    """One criterion as the unit filled it, values already parsed with the snapshot's fields."""

    number: int
    self_assessment: Verdict | None
    remark: str
    inputs: dict[str, Any]
    #: (0-based record index, số, ngày)
    records: tuple[tuple[int, str, dt.date | None], ...]


# --------------------------------------------------------------------------------------------------
# writing


def write_form(criteria: CriteriaSet, who: FormFor) -> bytes:
    """The blank form for ``criteria`` (amendments included, as the set or the inspection's snapshot has them)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    head = NamedStyle("antq_head", font=Font(bold=True), alignment=Alignment(wrap_text=True, vertical="top"))
    fixed = NamedStyle("antq_fixed", alignment=Alignment(wrap_text=True, vertical="top"))
    fill = NamedStyle("antq_fill", alignment=Alignment(wrap_text=True, vertical="top"),
                      fill=PatternFill("solid", fgColor="FFF2CC"), protection=Protection(locked=False))
    for style in (head, fixed, fill):
        wb.add_named_style(style)

    help_ws = wb.active
    help_ws.title = SHEET_HELP
    lines = [
        "MẪU ĐƠN VỊ TỰ ĐÁNH GIÁ",
        f"Đơn vị: {who.unit_name} ({unit_kind_label(who.unit_kind)}) — năm {who.year}",
        f"Bộ tiêu chí: {criteria.title} (phiên bản {criteria.version})",
        "",
        "Cách điền:",
        "1. Trang “Tự đánh giá”: ghi “Đạt” hoặc “Không đạt” cho từng tiêu chí, giải trình nếu cần.",
        "2. Trang “Số liệu”: ghi các số liệu của đơn vị (số nguyên; ngày dd/mm/yyyy; có/không).",
        "3. Trang “Hồ sơ”: ghi số, ký hiệu và ngày ban hành của từng hồ sơ, tài liệu sẽ xuất trình.",
        "Chỉ điền các ô màu vàng; không sửa, không xóa, không thêm dòng. Ô để trống là chưa khai.",
        "Gửi lại tệp này cho Đoàn kiểm tra. Đoàn sẽ đối chiếu từng nội dung khi kiểm tra tại đơn vị.",
    ]
    for i, line in enumerate(lines, 1):
        help_ws.cell(i, 1, safe_text(line)).style = "antq_head" if i == 1 else "antq_fixed"
    help_ws.column_dimensions["A"].width = 110

    def sheet(title: str, header: list[str], widths: tuple[int, ...]) -> Any:
        ws = wb.create_sheet(title)
        for col, (text, width) in enumerate(zip(header, widths, strict=True), 1):
            ws.cell(1, col, text).style = "antq_head"
            ws.column_dimensions[chr(64 + col)].width = width
        ws.freeze_panes = "A2"
        ws.protection.sheet = True  # no password: a guard against slips, not against the unit
        ws.protection.formatColumns = False
        return ws

    groups = {g.id: g.title for g in criteria.groups}
    verdicts = sheet(SHEET_VERDICTS, VERDICT_HEADER, (10, 28, 70, 22, 45))
    choice = DataValidation(type="list", formula1='"Đạt,Không đạt"', allow_blank=True,
                            error="Chỉ ghi “Đạt” hoặc “Không đạt”.", errorTitle="Giá trị không hợp lệ")
    verdicts.add_data_validation(choice)
    figures = sheet(SHEET_FIGURES, FIGURE_HEADER, (10, 22, 60, 22, 22))
    records = sheet(SHEET_RECORDS, RECORD_HEADER, (10, 10, 70, 26, 24))
    for c in criteria.criteria:
        row = verdicts.max_row + 1
        for col, value in enumerate((c.number, groups.get(c.group, c.group), safe_text(c.text)), 1):
            verdicts.cell(row, col, value).style = "antq_fixed"
        for col in (4, 5):
            verdicts.cell(row, col).style = "antq_fill"
        choice.add(verdicts.cell(row, 4))
        for f in c.fields:
            row = figures.max_row + 1
            kind = FIELD_TYPES.get(f.type, f.type)
            if f.type == "choice":
                kind += ": " + "; ".join(f.choices)
            elif f.unit:
                kind += f" ({f.unit})"
            for col, value in enumerate((c.number, f.id, safe_text(f.label + ("" if f.required else " (nếu có)")),
                                         safe_text(kind)), 1):
                figures.cell(row, col, value).style = "antq_fixed"
            figures.cell(row, 5).style = "antq_fill"
            figures.cell(row, 5).number_format = "@" if f.type in ("text", "date", "choice") else "General"
        for i, item in enumerate(c.evidence, 1):
            row = records.max_row + 1
            for col, value in enumerate((c.number, i, safe_text(item)), 1):
                records.cell(row, col, value).style = "antq_fixed"
            records.cell(row, 4).style = "antq_fill"
            records.cell(row, 5).style = "antq_fill"
            records.cell(row, 4).number_format = "@"
            records.cell(row, 5).number_format = "@"

    marker = wb.create_sheet(SHEET_MARKER)
    for i, (key, value) in enumerate((("marker", MARKER), ("version", FORMAT_VERSION), ("set_id", criteria.id),
                                      ("set_version", criteria.version), ("inspection_id", who.inspection_id),
                                      ("unit", who.unit_name), ("year", str(who.year))), 1):
        marker.cell(i, 1, key)
        marker.cell(i, 2, safe_text(value))
    marker.sheet_state = "hidden"
    marker.protection.sheet = True

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# reading


def read_form(data: bytes, criteria: CriteriaSet, *, inspection_id: str, name: str = "tệp") -> list[DeclaredRow]:
    """The unit's answers in a filled form, for the inspection ``inspection_id`` whose snapshot is ``criteria``.

    :raises FormError: not an XLSX, not antq's form, another set or inspection, or cells that do not
        read (each named by sheet, row and column). Nothing is returned partly.
    """
    if len(data) > MAX_BYTES:
        raise FormError([f"{name} lớn {len(data) // 1024 // 1024} MB, không phải mẫu tự đánh giá (tối đa 5 MB)."])
    try:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise FormError([f"{name} không phải tệp Excel (.xlsx) đọc được ({type(exc).__name__})."]) from None
    try:
        return _read(wb, criteria, inspection_id)
    finally:
        wb.close()


def _read(wb: Any, criteria: CriteriaSet, inspection_id: str) -> list[DeclaredRow]:
    if SHEET_MARKER not in wb.sheetnames:
        raise FormError(["Tệp không phải mẫu tự đánh giá do antq lập (thiếu trang ẩn “antq”). "
                         "Lập mẫu bằng: antq self-assessment form MÃ_CUỘC_KIỂM_TRA."])
    meta = {str(r[0]): ("" if r[1] is None else str(r[1])) for r in wb[SHEET_MARKER].iter_rows(
        min_row=1, max_row=20, max_col=2, values_only=True) if r and r[0] is not None}
    if meta.get("marker") != MARKER:
        raise FormError(["Tệp không phải mẫu tự đánh giá do antq lập."])
    if meta.get("version") != FORMAT_VERSION:
        raise FormError([f"Mẫu tự đánh giá phiên bản {meta.get('version')!r}: antq này đọc phiên bản {FORMAT_VERSION}."])
    if meta.get("set_id") != criteria.id:
        raise FormError([f"Tệp là mẫu của bộ tiêu chí “{meta.get('set_id')}”, cuộc kiểm tra này dùng bộ “{criteria.id}”."])
    if meta.get("inspection_id") and meta["inspection_id"] != inspection_id:
        raise FormError([f"Tệp là mẫu lập cho cuộc kiểm tra khác ({meta.get('unit')}, năm {meta.get('year')}, mã "
                         f"{meta['inspection_id'][:8]}); lập mẫu mới cho cuộc kiểm tra này."])
    for sheet in (SHEET_VERDICTS, SHEET_FIGURES, SHEET_RECORDS):
        if sheet not in wb.sheetnames:
            raise FormError([f"Tệp thiếu trang “{sheet}”."])

    problems: list[str] = []
    by_number = {c.number: c for c in criteria.criteria}
    verdicts: dict[int, tuple[Verdict | None, str]] = {}
    inputs: dict[int, dict[str, Any]] = {}
    records: dict[int, list[tuple[int, str, dt.date | None]]] = {}

    def problem(sheet: str, row: int, col: int, text: str) -> None:
        if len(problems) < MAX_PROBLEMS:
            problems.append(f"Trang “{sheet}”, dòng {row}, cột {chr(64 + col)}: {text}")

    def rows(sheet: str, header: list[str]) -> Any:
        ws = wb[sheet]
        first = next(ws.iter_rows(min_row=1, max_row=1, max_col=len(header), values_only=True), ())
        if [str(x or "").strip() for x in first] != header:
            problems.append(f"Trang “{sheet}”, dòng 1: tiêu đề cột đã bị sửa (cần: {'; '.join(header)}).")
            return
        for n, values in enumerate(ws.iter_rows(min_row=2, max_col=len(header), values_only=True), 2):
            if n > MAX_ROWS + 1:
                problems.append(f"Trang “{sheet}” có hơn {MAX_ROWS} dòng: không phải mẫu antq lập.")
                return
            values = tuple(values) + (None,) * (len(header) - len(values))
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            yield n, values

    def criterion_at(sheet: str, n: int, value: Any) -> Criterion | None:
        number = _integer(value)
        if number is None or number not in by_number:
            problem(sheet, n, 1, f"“{_shown(value)}” không phải số thứ tự một tiêu chí của bộ “{criteria.id}”.")
            return None
        return by_number[number]

    def text_at(sheet: str, n: int, col: int, value: Any, *, multiline: bool = False) -> str:
        text = "" if value is None else str(value).strip()
        bad = text_problem(text, multiline=multiline)
        if bad:
            problem(sheet, n, col, bad)
            return ""
        return text

    for n, (number, _group, _text, verdict, remark) in rows(SHEET_VERDICTS, VERDICT_HEADER):
        c = criterion_at(SHEET_VERDICTS, n, number)
        if c is None:
            continue
        if c.number in verdicts:
            problem(SHEET_VERDICTS, n, 1, f"tiêu chí {c.number} có hai dòng.")
            continue
        parsed: Verdict | None = None
        if verdict is not None and str(verdict).strip():
            try:
                parsed = Verdict.parse(str(verdict).strip())
            except ValueError:
                parsed = Verdict.CHUA_DU
            if parsed == Verdict.CHUA_DU:
                problem(SHEET_VERDICTS, n, 4, f"“{_shown(verdict)}”: chỉ ghi “Đạt” hoặc “Không đạt” (hoặc để trống).")
                parsed = None
        verdicts[c.number] = (parsed, text_at(SHEET_VERDICTS, n, 5, remark, multiline=True))

    for n, (number, field_id, _label, _kind, value) in rows(SHEET_FIGURES, FIGURE_HEADER):
        c = criterion_at(SHEET_FIGURES, n, number)
        if c is None:
            continue
        f = next((f for f in c.fields if f.id == str(field_id or "").strip()), None)
        if f is None:
            problem(SHEET_FIGURES, n, 2, f"tiêu chí {c.number} không có số liệu mã “{_shown(field_id)}”.")
            continue
        if value is None or str(value).strip() == "":
            continue
        try:
            parsed_value = f.parse(_cell_value(value))
        except FieldValueError as exc:
            problem(SHEET_FIGURES, n, 5, str(exc))
            continue
        if parsed_value is not None:
            inputs.setdefault(c.number, {})[f.id] = f.to_json(parsed_value)

    for n, (number, index, _item, doc_number, date) in rows(SHEET_RECORDS, RECORD_HEADER):
        c = criterion_at(SHEET_RECORDS, n, number)
        if c is None:
            continue
        i = _integer(index)
        if i is None or not 1 <= i <= len(c.evidence):
            problem(SHEET_RECORDS, n, 2, f"tiêu chí {c.number} có {len(c.evidence)} hồ sơ; không có hồ sơ “{_shown(index)}”.")
            continue
        text = text_at(SHEET_RECORDS, n, 4, _cell_value(doc_number) if doc_number is not None else None)
        when: dt.date | None = None
        if date is not None and str(date).strip():
            value = _cell_value(date)
            if isinstance(value, dt.date):
                when = value
            else:
                try:
                    when = parse_date(str(value).strip())
                except ValueError as exc:
                    problem(SHEET_RECORDS, n, 5, str(exc))
        if text or when:
            records.setdefault(c.number, []).append((i - 1, text, when))

    if problems:
        raise FormError(problems)
    out = []
    for c in criteria.criteria:
        verdict, remark = verdicts.get(c.number, (None, ""))
        out.append(DeclaredRow(c.number, verdict, remark, inputs.get(c.number, {}), tuple(records.get(c.number, ()))))
    return out


def _cell_value(value: Any) -> Any:
    """A cell as a field reads it: a date for an Excel date, an int for a whole float."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return value


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _shown(value: Any) -> str:
    text = "" if value is None else (format_date(value) if isinstance(value, dt.date) else str(value))
    return safe_text(text[:60])


def form_filename(who: FormFor) -> str:
    from ..minutes.render import slug

    return f"TuDanhGia_{slug(who.unit_name)}_{who.year}.xlsx"


__all__ = ["DeclaredRow", "FormError", "FormFor", "form_filename", "read_form", "write_form"]
