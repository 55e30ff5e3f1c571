"""Tables written as CSV (UTF-8 with a BOM, so Excel opens Vietnamese right) and XLSX (openpyxl).

A :class:`Table` is a title, a header and rows of cells; a cell is text or a number, and a number stays
a number in the XLSX (sums and filters work) and is written plainly in the CSV. Files are written via
a temporary file and a rename, so a power cut never leaves half a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import files
from ..text import escape_controls

Cell = str | int | float | None

#: widest column in the XLSX, in characters; longer text wraps
MAX_WIDTH = 60


@dataclass
class Table:
    title: str  # shown above the table in the CSV, and as the sheet name (shortened) in the XLSX
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    sheet: str = ""  # the sheet name; default: the title
    #: columns holding percentages 0–100 (formatted with one decimal)
    percent_columns: tuple[int, ...] = ()


#: what makes a spreadsheet read a text cell as a formula (OWASP's CSV injection list, with tab and CR)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """A text cell as a spreadsheet will show it, never run it: text that starts like a formula
    ("=HYPERLINK(…)" as an imported unit name) gets a leading apostrophe, and a control character
    stored before antq refused them (ESC, a bidi override…) is written as ``\u001b`` (openpyxl
    refuses most of them, a terminal or Excel would act on the others). Numbers are not text and
    are never changed."""
    text = unicodedata.normalize("NFC", text)
    if not all(line.isprintable() for line in text.split("\n")):  # printable: no Cc, no Cf (checked in C)
        text = escape_controls(text, multiline=True)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return f"{cell:.1f}" if not cell.is_integer() else str(int(cell))
    if isinstance(cell, int):
        return str(cell)
    return safe_text(str(cell))


def csv_bytes(tables: Sequence[Table], *, titles: bool = True) -> bytes:
    """The tables one after another (title line, header, rows, an empty line), UTF-8 with a BOM.

    Numbers are written plainly ("12", "28.6"): a spreadsheet reads them as numbers whatever its
    locale's decimal sign, which the comma of Vietnamese writing would break.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for i, table in enumerate(tables):
        if i:
            writer.writerow([])
        if titles:
            writer.writerow([table.title])
        writer.writerow(table.header)
        for row in table.rows:
            writer.writerow([_text(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub("-", escape_controls(unicodedata.normalize("NFC", name))).strip("'") or "Bảng"
    base = base[:31]
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _width(cell: Cell) -> int:
    text = cell if isinstance(cell, str) else _text(cell)  # text: already made safe (:func:`safe_text`)
    return max((len(line) for line in text.splitlines()), default=0) if "\n" in text else len(text)


def _named_styles() -> list:
    """The workbook's styles, made once and named (a new border and alignment per cell cost a third of
    a 5,000-inspection spreadsheet): the header, text, wrapped text, numbers, percentages."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    def style(name: str, alignment: Alignment, **kw) -> NamedStyle:
        return NamedStyle(name=name, border=border, alignment=alignment, **kw)

    return [
        style(_HEADER, Alignment(horizontal="center", vertical="center", wrap_text=True), font=Font(bold=True),
              fill=PatternFill("solid", fgColor="DDDDDD")),
        style(_TEXT, Alignment(vertical="top", wrap_text=False)),
        style(_WRAPPED, Alignment(vertical="top", wrap_text=True)),
        style(_NUMBER, Alignment(horizontal="right", vertical="top")),
        style(_PERCENT, Alignment(horizontal="right", vertical="top"), number_format="0.0"),
    ]


_HEADER, _TEXT, _WRAPPED, _NUMBER, _PERCENT = "antq tiêu đề", "antq chữ", "antq chữ xuống dòng", "antq số", "antq tỷ lệ"


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """One sheet per table: the header in bold and frozen, numbers as numbers, columns as wide as
    their contents (up to :data:`MAX_WIDTH`, longer text wraps), set to print landscape on A4.

    Each cell is made with its named style's array (looked up once), as ``ws.append`` makes a plain
    one: no border, alignment or style lookup per cell. (openpyxl's write-only mode is slower here:
    it re-binds every styled cell it is given.)
    """
    from openpyxl import Workbook
    from openpyxl.cell import Cell as XlCell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    wb.remove(wb.active)
    for named in _named_styles():
        wb.add_named_style(named)
    arrays: dict[str, object] = {}  # a named style's array, looked up once

    def styled(ws, value: Cell, name: str) -> XlCell:
        found = arrays.get(name)
        if found is None:
            probe = XlCell(ws)
            probe.style = name
            found = arrays[name] = probe._style
        cell = XlCell(ws, value=value)
        cell._style = found  # shared, not copied: nothing changes a cell's style once made
        return cell

    used: set[str] = set()
    if not tables:  # a workbook needs one visible sheet; say why it is empty
        wb.create_sheet("Không có dữ liệu").append(["Không có cuộc kiểm tra nào phù hợp."])
    for table in tables:
        ws = wb.create_sheet(_sheet_name(table.sheet or table.title, used))
        header = [safe_text(h) for h in table.header]
        rows = [[safe_text(c) if isinstance(c, str) else c for c in row] for row in table.rows]
        # per column: its width and its two styles (numbers; text, wrapped when the column is too wide)
        styles: list[tuple[str, str]] = []
        for col, title in enumerate(header, 1):
            width = max(_width(title) if len(title) <= 14 else 14,
                        max((_width(r[col - 1]) for r in rows if col - 1 < len(r)), default=0)) + 2
            ws.column_dimensions[get_column_letter(col)].width = min(max(width, 6), MAX_WIDTH)
            styles.append((_PERCENT if col - 1 in table.percent_columns else _NUMBER,
                           _WRAPPED if width > MAX_WIDTH else _TEXT))
        ws.freeze_panes = "A2"
        if rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
        ws.append([styled(ws, h, _HEADER) for h in header])
        width = len(header)
        for row in rows:
            cells = []
            for i, value in enumerate(row[:width]):
                number, text = styles[i]
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    name = number
                elif isinstance(value, str) and "\n" in value:  # Excel shows the second line only wrapped
                    name = _WRAPPED
                else:
                    name = text
                cells.append(styled(ws, value, name))
            cells += [styled(ws, None, styles[i][1]) for i in range(len(cells), width)]
            ws.append(cells + row[width:])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_csv(path: Path, tables: Sequence[Table]) -> Path:
    return files.write_atomic(path, csv_bytes(tables))


def write_xlsx(path: Path, tables: Sequence[Table]) -> Path:
    return files.write_atomic(path, xlsx_bytes(tables))
