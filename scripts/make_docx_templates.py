#!/usr/bin/env python
"""Build antq's default Word templates (docxtpl), laid out per Nghị định 30/2020/NĐ-CP, with python-docx.

    .venv/bin/python scripts/make_docx_templates.py      # rewrites the .docx files below

writes ``antq_tui/minutes/templates/minutes.docx`` and ``antq_tui/office/templates/{bao_cao,to_trinh,
statistics,bien_ban_hop_xet}.docx``, which are committed as package data and filled in by :mod:`antq_tui.minutes.docx`.
Run it again after changing a layout here, and look at the result in Word or LibreOffice. A province
does not need this script: it copies a .docx into its workspace's ``templates/`` folder and edits it in
Word itself (the tags are Jinja: ``{{ name }}``, ``{%p if … %}``, ``{%tr for … %}``; the names are those
of the HTML templates, see antq_tui/minutes/context.py and antq_tui/office/reports.py).

The layout is plain python-docx:
A4, margins top 20 / bottom 20 / left 30 / right 15 mm, Times New Roman named in the file (no font is
shipped: Word and LibreOffice use the office's own, or a metric-compatible one), body 13 pt justified
with a first-line indent, tables whose header row repeats on each page and whose rows are not split.

The Jinja tags a template holds are written as text here (``{{ … }}``, ``{%p … %}``, ``{%tr … %}``),
each in a run of its own, so Word keeps them whole when a province edits the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from antq_tui.minutes.context import COLUMNS_MM

ROOT = Path(__file__).resolve().parents[1]
MINUTES_DIR = ROOT / "antq_tui" / "minutes" / "templates"
OFFICE_DIR = ROOT / "antq_tui" / "office" / "templates"

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
INDENT_MM = 10

# paragraph styles a province can restyle in Word (Home → Styles)
BODY = "Normal"
FLUSH = "antq Flush"  # body text without the first-line indent
HEADING = "antq Heading"  # "I. THÀNH PHẦN"
SUBHEADING = "antq Subheading"  # "1. Đoàn kiểm tra …"
DASH = "antq Dash"  # "- Đồng chí …"
CENTER = "antq Center"  # letterhead, titles, signatures
CELL = "antq Table"  # text in a table cell
CELL_HEAD = "antq Table Header"

JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
CENTERED = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def _fonts(rpr_parent: Any) -> None:
    """Times New Roman for every script (Latin, complex, East Asian), no theme font."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.insert(0, rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def new_document(*, landscape: bool = False, margins_mm: tuple[int, int, int, int] = (20, 20, 30, 15)) -> Any:
    """An empty A4 document with antq's styles; ``margins_mm`` is (top, bottom, left, right)."""
    doc = Document()
    styles = doc.styles
    # document defaults: Times New Roman, Vietnamese, no theme fonts
    rpr_default = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _fonts(rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("val", "eastAsia", "bidi"):
        lang.set(qn(f"w:{attr}"), "vi-VN")

    normal = styles["Normal"]
    normal.font.name = FONT
    _fonts(normal.element)
    normal.font.size = Pt(BODY_PT)
    pf = normal.paragraph_format
    pf.alignment = JUSTIFY
    pf.first_line_indent = Mm(INDENT_MM)
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.0
    pf.widow_control = True

    def add(name: str, *, base: str = "Normal", bold: bool | None = None, italic: bool | None = None,
            size: float | None = None, align: Any = None, indent: float | None = None, after: float | None = None,
            before: float | None = None, keep_next: bool = False) -> None:
        style = styles.add_style(name, 1)  # WD_STYLE_TYPE.PARAGRAPH
        style.base_style = styles[base]
        style.quick_style = True
        if bold is not None:
            style.font.bold = bold
        if italic is not None:
            style.font.italic = italic
        if size is not None:
            style.font.size = Pt(size)
        f = style.paragraph_format
        if align is not None:
            f.alignment = align
        if indent is not None:
            f.first_line_indent = Mm(indent)
        if after is not None:
            f.space_after = Pt(after)
        if before is not None:
            f.space_before = Pt(before)
        if keep_next:
            f.keep_with_next = True

    add(FLUSH, indent=0)
    add(HEADING, bold=True, before=8, after=3, keep_next=True)
    add(SUBHEADING, bold=True, italic=True, before=4, after=2, keep_next=True)
    add(DASH, after=4)
    add(CENTER, align=CENTERED, indent=0, after=0)
    add(CELL, size=TABLE_PT, align=LEFT, indent=0, after=1.5)
    add(CELL_HEAD, base=CELL, bold=True, size=10.5, align=CENTERED, after=0)

    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    return doc


def text_width_mm(doc: Any) -> float:
    s = doc.sections[0]
    return (s.page_width - s.left_margin - s.right_margin) / 36000


# --------------------------------------------------------------------------------------------------
# paragraphs and runs

Run = tuple[str, dict[str, Any]]


def run(paragraph: Any, text: str, *, bold: bool | None = None, italic: bool | None = None,
        underline: bool | None = None, size: float | None = None, caps: bool | None = None,
        color: str | None = None) -> Any:
    r = paragraph.add_run(text)
    if bold is not None:
        r.bold = bold
    if italic is not None:
        r.italic = italic
    if underline is not None:
        r.underline = underline
    if size is not None:
        r.font.size = Pt(size)
    if caps is not None:
        r.font.all_caps = caps
    if color is not None:
        r.font.color.rgb = RGBColor.from_string(color)
    return r


def para(container: Any, text: str = "", style: str = BODY, *, runs: Sequence[Run] = (), align: Any = None,
         keep_next: bool = False, before: float | None = None, after: float | None = None, **fmt: Any) -> Any:
    """A paragraph of ``style``: ``text`` in one run formatted by ``fmt`` (bold, italic, size…), then
    ``runs`` ((text, format) pairs)."""
    p = container.add_paragraph(style=style)
    if text:
        run(p, text, **fmt)
    for t, f in runs:
        run(p, t, **f)
    pf = p.paragraph_format
    if align is not None:
        pf.alignment = align
    if keep_next:
        pf.keep_with_next = True
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    return p


def tag(container: Any, statement: str) -> Any:
    """A paragraph that holds one docxtpl paragraph tag (``{%p if x %}``); docxtpl removes it."""
    return container.add_paragraph(f"{{%p {statement} %}}", style=FLUSH)


def border(p: Any, side: str, *, size_eighths: int = 5, space: int = 1) -> None:
    """A solid line on one side (``top``, ``bottom``…) of a paragraph."""
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), str(space))
    line.set(qn("w:color"), "000000")
    borders.append(line)


def box(p: Any) -> None:
    for side in ("top", "left", "bottom", "right"):
        border(p, side, space=4)


def indents(p: Any, *, left_mm: float = 0, right_mm: float = 0) -> None:
    p.paragraph_format.left_indent = Mm(left_mm)
    p.paragraph_format.right_indent = Mm(right_mm)


def field(paragraph: Any, instruction: str, placeholder: str = "2", **fmt: Any) -> None:
    """A Word field (``PAGE``) in ``paragraph``: begin, instruction, separate, cached result, end."""

    def fld(kind: str) -> Any:
        r = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._r.append(el)
        return r

    fld("begin")
    r = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    r._r.append(instr)
    fld("separate")
    run(paragraph, placeholder, **fmt)
    fld("end")


# --------------------------------------------------------------------------------------------------
# tables


def _set(parent: Any, tag_name: str, **attrs: str) -> Any:
    el = parent.find(qn(tag_name))
    if el is None:
        el = OxmlElement(tag_name)
        parent.append(el)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))


def table(container: Any, widths_mm: Sequence[float], rows: int, *, borders: bool = True,
          indent_mm: float = 0, cell_margin_mm: float = 0.9) -> Any:
    """A fixed-layout table of ``rows`` rows and columns of ``widths_mm``; ``borders`` False makes it
    borderless (the letterhead, the signatures)."""
    t = container.add_table(rows=rows, cols=len(widths_mm))
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    tblpr = t._tbl.tblPr
    style = tblpr.find(qn("w:tblStyle"))
    if style is not None:
        tblpr.remove(style)
    _set(tblpr, "w:tblW", w=_twips(sum(widths_mm)), type="dxa")
    if indent_mm:
        _set(tblpr, "w:tblInd", w=_twips(indent_mm), type="dxa")
    edges = _set(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if borders:
            _set(edges, f"w:{side}", val="single", sz="4", space="0", color="000000")
        else:
            _set(edges, f"w:{side}", val="nil")
    _set(tblpr, "w:tblLayout", type="fixed")
    margins = _set(tblpr, "w:tblCellMar")
    for side in ("left", "right"):
        _set(margins, f"w:{side}", w=_twips(cell_margin_mm), type="dxa")
    for side in ("top", "bottom"):
        _set(margins, f"w:{side}", w=_twips(0.5 if borders else 0), type="dxa")
    for col, w in zip(t.columns, widths_mm, strict=True):
        col.width = Mm(w)
    for r in t.rows:
        for cell, w in zip(r.cells, widths_mm, strict=True):
            cell.width = Mm(w)
    return t


def row_flags(row: Any, *, header: bool = False, cant_split: bool = True) -> None:
    """Mark a row to repeat at the top of each page (``w:tblHeader``) and not to break across pages
    (``w:cantSplit``)."""
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        _set(trpr, "w:cantSplit")
    if header:
        _set(trpr, "w:tblHeader")


def shade(cell: Any, fill: str = "F0F0F0") -> None:
    _set(cell._tc.get_or_add_tcPr(), "w:shd", val="clear", color="auto", fill=fill)


def valign_center(cell: Any) -> None:
    _set(cell._tc.get_or_add_tcPr(), "w:vAlign", val="center")


def cell_text(cell: Any, text: str = "", style: str = CELL, **kw: Any) -> Any:
    """The cell's first paragraph, set to ``text`` in ``style``."""
    p = cell.paragraphs[0]
    p.style = style
    if text:
        run(p, text, **{k: v for k, v in kw.items() if k in ("bold", "italic", "underline", "size", "caps", "color")})
    if "align" in kw:
        p.paragraph_format.alignment = kw["align"]
    return p


def tag_row(t: Any, statement: str) -> None:
    """Append a row holding one docxtpl row tag (``{%tr for r in rows %}``); docxtpl removes the row."""
    row = t.add_row()
    cell_text(row.cells[0], f"{{%tr {statement} %}}")


def header_row(t: Any, labels: Iterable[str], index: int = 0) -> None:
    row = t.rows[index]
    row_flags(row, header=True)
    for cell, label in zip(row.cells, labels, strict=True):
        cell_text(cell, label, CELL_HEAD)
        valign_center(cell)


# --------------------------------------------------------------------------------------------------
# the parts every paper shares


def page_header(doc: Any, *, draft_tag: str = "{% if draft %}{{ draft_mark }}{% endif %}") -> None:
    """Page numbers from page 2 (a different first page), centred at the top; a draft's mark on the
    right of every page's header, the first one's included."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    width = text_width_mm(doc)
    p = section.header.paragraphs[0]
    p.style = CENTER
    p.paragraph_format.alignment = LEFT
    stops = p.paragraph_format.tab_stops
    stops.add_tab_stop(Mm(width / 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
    run(p, "\t")
    field(p, "PAGE", size=BODY_PT)
    run(p, "\t")
    run(p, draft_tag, bold=True, size=11, color="B00000")
    first = section.first_page_header.paragraphs[0]
    first.style = CENTER
    first.paragraph_format.alignment = RIGHT
    run(first, draft_tag, bold=True, size=11, color="B00000")


def letterhead(doc: Any, *, left_mm: float = 68, right_mm: float = 105, indent_mm: float = -8) -> None:
    """The header of an administrative paper (NĐ 30/2020, Phụ lục I): the issuing body on the left with
    a short line under it and the number below; Quốc hiệu and Tiêu ngữ (with its line) on the right,
    the place and date in italics below."""
    t = table(doc, (left_mm, right_mm), 2, borders=False, indent_mm=indent_mm, cell_margin_mm=0)
    left, right = t.rows[0].cells
    p = cell_text(left, style=CENTER)
    p.text = ""
    tag(left, "if issuing_parent")
    para(left, "{{ issuing_parent|upper }}", CENTER, size=12.5)
    tag(left, "endif")
    tag(left, "for line in issuing_body")
    para(left, "{{ line|upper }}", CENTER, bold=True, size=12.5)
    tag(left, "endfor")
    rule = para(left, "", CENTER, size=4)
    border(rule, "top", size_eighths=5, space=0)
    indents(rule, left_mm=left_mm * 0.3, right_mm=left_mm * 0.3)
    left._tc.remove(left.paragraphs[0]._p)  # the empty first paragraph

    cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", CENTER, bold=True, size=12)
    para(right, "Độc lập - Tự do - Hạnh phúc", CENTER, bold=True, underline=True, size=13)

    number, place = t.rows[1].cells
    cell_text(number, "{{ number_line }}", CENTER, size=13).paragraph_format.space_before = Pt(6)
    cell_text(place, "{{ place_date }}", CENTER, italic=True, size=13).paragraph_format.space_before = Pt(6)
    for r in t.rows:
        row_flags(r)


def title(doc: Any, title_text: str, subject: str) -> None:
    para(doc, title_text, CENTER, bold=True, size=14, before=20, keep_next=True)
    p = para(doc, subject, CENTER, bold=True, size=14, after=12, keep_next=True)
    indents(p, left_mm=8, right_mm=8)


def dash_list(container: Any, loop: str, item: str, *, style: str = DASH, empty: str | None = None) -> None:
    """``- item`` once per element of ``loop`` (``"m in team"``); ``empty`` (a tagged text) when none."""
    tag(container, f"for {loop}")
    para(container, f"- {item}", style)
    if empty is not None:
        tag(container, "else")
        para(container, empty, style, italic=True)
    tag(container, "endfor")


def lines(container: Any, name: str, *, empty: str = "{{ dots_line }}") -> None:
    """One body paragraph per line of the list ``name``; ``empty`` when it has none."""
    tag(container, f"for line in {name}")
    para(container, "{{ line }}")
    tag(container, "else")
    para(container, empty)
    tag(container, "endfor")


# --------------------------------------------------------------------------------------------------
# the minutes (biên bản)


def criterion_row(t: Any, *, cant_split: bool) -> None:
    """One criterion's row of the minutes' table: number, text, records seen, the two verdicts, remark."""
    row = t.add_row()
    row_flags(row, cant_split=cant_split)
    num, text, evidence, self_, verdict, remark = row.cells
    cell_text(num, "{{ r.number }}", align=CENTERED)
    cell_text(text, "{{ r.text }}", align=JUSTIFY)
    tag(text, "for a in r.amendments")
    para(text, "{{ a }}", CELL, italic=True, size=10)
    tag(text, "endfor")
    first = cell_text(evidence, "")
    tag(evidence, "for e in r.evidence_seen")
    dash = para(evidence, "- {{ e }}", CELL)
    dash.paragraph_format.left_indent = Mm(2.2)
    dash.paragraph_format.first_line_indent = Mm(-2.2)
    tag(evidence, "endfor")
    tag(evidence, "if r.evidence_missing")
    missing = para(evidence, "- ", CELL, runs=[("Chưa xuất trình:", {"italic": True}),
                                                 (" {{ r.evidence_missing|join('; ') }}", {})])
    missing.paragraph_format.left_indent = Mm(2.2)
    missing.paragraph_format.first_line_indent = Mm(-2.2)
    tag(evidence, "endif")
    tag(evidence, "if r.attached")  # "Kèm theo: anh.jpg (hồ sơ 1)." — the files attached, as in the PDF
    attached = para(evidence, "- {{ r.attached }}", CELL)
    attached.paragraph_format.left_indent = Mm(2.2)
    attached.paragraph_format.first_line_indent = Mm(-2.2)
    tag(evidence, "endif")
    evidence._tc.remove(first._p)
    cell_text(self_, "{{ r.self_assessment }}", align=CENTERED, size=10.5)
    v = cell_text(verdict, "", align=CENTERED)
    # "Không đạt" in bold, as in the PDF
    run(v, "{% if r.verdict_class == 'khong_dat' %}{{ r.verdict }}{% endif %}", bold=True, size=10.5)
    run(v, "{% if r.verdict_class != 'khong_dat' %}{{ r.verdict }}{% endif %}", size=10.5)
    first = cell_text(remark, "")
    tag(remark, "for line in r.remark")
    para(remark, "{{ line }}", CELL)
    tag(remark, "endfor")
    tag(remark, "if r.reason")
    para(remark, "", CELL, runs=[("Đối chiếu số liệu:", {"italic": True}), (" {{ r.reason }}", {})])
    tag(remark, "endif")
    tag(remark, "if r.inputs")
    para(remark, "", CELL, runs=[("Số liệu:", {"italic": True}), (" {{ r.inputs }}", {})])
    tag(remark, "endif")
    remark._tc.remove(first._p)


def minutes_criteria_table(doc: Any) -> None:
    cols = [COLUMNS_MM[c] for c in ("num", "text", "evidence", "self", "verdict", "remark")]
    t = table(doc, cols, 1)
    header_row(t, ("TT", "Nội dung tiêu chí", "Hồ sơ, tài liệu kiểm chứng", "Tự đánh giá", "Đoàn đánh giá", "Ghi chú"))
    tag_row(t, "for g in groups")
    group = t.add_row()
    row_flags(group)
    merged = group.cells[0].merge(group.cells[-1])
    p = cell_text(merged, "{{ g.numeral }}. {{ g.title }}", bold=True)
    p.paragraph_format.keep_with_next = True
    shade(merged)
    tag_row(t, "for r in g.rows")
    # a row of a few lines is kept whole on one page; a taller one may continue on the next page (the
    # header row repeats above the rest), so no page is left half empty: r.keep, as in the PDF. The two
    # rows are the same but for that; a province changing one changes both.
    tag_row(t, "if r.keep")
    criterion_row(t, cant_split=True)
    tag_row(t, "else")
    criterion_row(t, cant_split=False)
    tag_row(t, "endif")
    tag_row(t, "endfor")
    tag_row(t, "endfor")


def minutes_counts_table(doc: Any) -> None:
    t = table(doc, (85, 20, 20, 20, 20), 1)
    header_row(t, ("Nhóm tiêu chí", "Số tiêu chí", "Đạt", "Không đạt", "Chưa đánh giá"))
    tag_row(t, "for g in groups")
    row = t.add_row()
    row_flags(row)
    cells = row.cells
    cell_text(cells[0], "{{ g.numeral }}. {{ g.title }}")
    for cell, name in zip(cells[1:], ("total", "dat", "khong_dat", "unassessed"), strict=True):
        cell_text(cell, f"{{{{ g.count.{name} }}}}", align=CENTERED)
    tag_row(t, "endfor")
    total = t.add_row()
    row_flags(total)
    cells = total.cells
    cell_text(cells[0], "Tổng cộng", bold=True)
    for cell, expr in zip(cells[1:], ("summary.total", "summary.dat", "summary.khong_dat", "summary.unassessed|length"),
                          strict=True):
        cell_text(cell, f"{{{{ {expr} }}}}", bold=True, align=CENTERED)


def minutes_signatures(doc: Any, width: float) -> None:
    t = table(doc, (width / 3,) * 3, 2, borders=False)
    for i, cell in enumerate(t.rows[0].cells):
        cell_text(cell, f"{{{{ signatures[{i}].title }}}}", CENTER, bold=True).paragraph_format.keep_with_next = True
        para(cell, "(Ký, ghi rõ họ tên)", CENTER, italic=True, keep_next=True)
    for i, cell in enumerate(t.rows[1].cells):
        p = cell_text(cell, f"{{{{ signatures[{i}].rank }}}}", CENTER)
        p.paragraph_format.space_before = Pt(60)  # room to sign
        para(cell, f"{{{{ signatures[{i}].person }}}}", CENTER, bold=True)
    for r in t.rows:
        row_flags(r)


def build_minutes() -> Any:
    doc = new_document()
    page_header(doc)
    letterhead(doc)
    title(doc, "{{ title }}", "{{ subject }}")
    para(doc, "{{ opening }}")

    para(doc, "I. THÀNH PHẦN", HEADING)
    para(doc, "1. {{ team_name }}", SUBHEADING)
    dash_list(doc, "m in team", "Đồng chí {{ m }}{{ '.' if loop.last else ';' }}",
              empty="(Chưa nhập thành viên đoàn kiểm tra.)")
    para(doc, "2. Đại diện {{ unit.in_text }}", SUBHEADING)
    dash_list(doc, "m in representatives", "Đồng chí {{ m }}{{ '.' if loop.last else ';' }}",
              empty="(Chưa nhập đại diện đơn vị.)")

    para(doc, "II. CĂN CỨ VÀ PHƯƠNG PHÁP KIỂM TRA, THẨM ĐỊNH", HEADING)
    para(doc, "1. Căn cứ", SUBHEADING)
    # the same list as the PDF (minutes.context.basis_lines): the criteria set named once, then the plan
    dash_list(doc, "line in basis", "{{ line }}{{ '.' if loop.last else ';' }}")
    para(doc, "2. Phương pháp", SUBHEADING)
    dash_list(doc, "line in method", "{{ line }}")

    para(doc, "III. ĐIỀU KIỆN XÉT CÔNG NHẬN", HEADING)
    tag(doc, "if eligibility")
    tag(doc, "for e in eligibility")
    para(doc, "- ", DASH, runs=[
        ("{{ e.title }}:", {"bold": True}),
        (" {{ e.result }}.{% if e.inputs %} {{ e.inputs }}.{% endif %}{% if e.reason %} "
         "{{ e.reason|capitalize_first }}.{% endif %}{% if e.remark %} {{ e.remark }}{% endif %}", {}),
    ])
    tag(doc, "endfor")
    tag(doc, "if eligible is false")
    box(para(doc, "Lưu ý: {{ unit.in_text }} chưa đáp ứng điều kiện xét công nhận ({{ not_met|join('; ') }}), "
             "nên chưa đủ điều kiện để đề nghị công nhận năm {{ year }}.", FLUSH, bold=True))
    tag(doc, "elif eligible is none")
    box(para(doc, "Lưu ý: chưa xác định đủ các điều kiện xét công nhận của {{ unit.in_text }}.", FLUSH, bold=True))
    tag(doc, "endif")
    tag(doc, "else")
    para(doc, "Bộ tiêu chí không quy định điều kiện xét công nhận riêng.")
    tag(doc, "endif")

    para(doc, "IV. KẾT QUẢ KIỂM TRA, THẨM ĐỊNH TỪNG TIÊU CHÍ", HEADING)
    minutes_criteria_table(doc)
    para(doc, "Tổng hợp kết quả", SUBHEADING, before=8)
    minutes_counts_table(doc)
    para(doc, "{{ unit.name }} đạt {{ summary.dat }}/{{ summary.total }} tiêu chí"
              "{% if summary.failed %}; không đạt {{ summary.khong_dat }} tiêu chí (tiêu chí "
              "{{ summary.failed|join(', ') }}){% endif %}{% if summary.unassessed %}; còn "
              "{{ summary.unassessed|length }} tiêu chí chưa đánh giá (tiêu chí {{ summary.unassessed|join(', ') }})"
              "{% endif %}.", before=6)

    para(doc, "V. NHẬN XÉT, ĐÁNH GIÁ", HEADING)
    para(doc, "1. Ưu điểm", SUBHEADING)
    lines(doc, "strengths")
    para(doc, "2. Tồn tại, hạn chế", SUBHEADING)
    lines(doc, "shortcomings")
    para(doc, "3. Kiến nghị", SUBHEADING)
    lines(doc, "recommendations")

    para(doc, "VI. KẾT LUẬN", HEADING)
    tag(doc, "for line in conclusion")
    para(doc, "{{ line }}")
    tag(doc, "endfor")
    para(doc, "", runs=[("{{ decision }}", {"bold": True}),
                        ("{% if decision_reasons %} (Lý do: {{ decision_reasons|join('; ') }}.){% endif %}", {})])
    para(doc, "{{ closing }}", keep_next=True)
    minutes_signatures(doc, text_width_mm(doc))
    return doc


# --------------------------------------------------------------------------------------------------
# the office's papers: báo cáo, tờ trình, biểu thống kê


def office_closing(doc: Any, width: float, *, signer_lines: bool = False) -> None:
    """"Nơi nhận" on the left, the signature on the right (NĐ 30/2020, Phụ lục I). With ``signer_lines``
    (the tờ trình) the signature title takes two lines when a deputy signs ("KT. …" over his own title)."""
    t = table(doc, (width * 0.45, width * 0.55), 1, borders=False)
    row_flags(t.rows[0])
    left, right = t.rows[0].cells
    cell_text(left, "Nơi nhận:", FLUSH, bold=True, italic=True, size=12).paragraph_format.space_after = Pt(0)
    for line in ("- Như trên;", "- Lưu: VT."):
        para(left, line, FLUSH, size=11, after=0)
    if signer_lines:
        cell_text(right, "{{ (signer.lines or [signer.title])[0] }}", CENTER, bold=True)
        para(right, "{{ signer.lines[1] if signer.lines and signer.lines|length > 1 else '' }}", CENTER, bold=True)
    else:
        cell_text(right, "{{ signer.title }}", CENTER, bold=True)
    p = para(right, "{{ signer.name }}", CENTER, bold=True)
    p.paragraph_format.space_before = Pt(48 if signer_lines else 60)


def recipient(doc: Any) -> None:
    para(doc, "Kính gửi: {{ recipient }}.", CENTER, after=10)


def narrative(doc: Any, key: str) -> None:
    """A narrative section of the report (``narrative[key]``): one paragraph per line, dots when empty."""
    lines(doc, f"narrative.{key}.paragraphs")


def build_bao_cao() -> Any:
    doc = new_document()
    page_header(doc)
    letterhead(doc)
    title(doc, "BÁO CÁO", "{{ period.kind|capitalize }} kết quả kiểm tra, thẩm định xây dựng {{ subject }} điển hình về "
                          "phong trào toàn dân bảo vệ an ninh Tổ quốc {{ period.title }}")
    doc.paragraphs[-1].paragraph_format.space_after = Pt(2)
    para(doc, "({{ period.span }})", CENTER, italic=True, after=6)
    recipient(doc)
    tag(doc, "if legal_basis or district_plan")
    para(doc, "Thực hiện {% for line in legal_basis %}{{ line }}{{ '; ' if not loop.last }}{% endfor %}"
              "{% if district_plan %}{% if legal_basis %}; {% endif %}{{ district_plan }}{% endif %}, {{ issuer }} báo "
              "cáo {{ period.kind }} kết quả kiểm tra, thẩm định {{ period.title }} như sau:")
    tag(doc, "else")
    para(doc, "{{ issuer }} báo cáo {{ period.kind }} kết quả kiểm tra, thẩm định {{ period.title }} như sau:")
    tag(doc, "endif")

    para(doc, "{{ numerals.general }}. KẾT QUẢ CHUNG", HEADING)
    para(doc, "Trong {{ period.title }}, Đoàn kiểm tra đã kiểm tra, thẩm định {{ stats.inspections }} đơn vị"
              "{% for s in sections %}{{ ':' if loop.first }} {{ s.units|length }} đơn vị theo {{ s.title|lower }}"
              "{{ ';' if not loop.last else '.' }}{% endfor %}{% if not sections %}.{% endif %} Số đơn vị đạt đủ điều "
              "kiện và tất cả các tiêu chí, đề nghị công nhận: {{ recommended|length }}.")
    para(doc, "{{ narrative.tuyen_truyen.title }}", SUBHEADING)
    narrative(doc, "tuyen_truyen")

    para(doc, "{{ numerals.criteria }}. KẾT QUẢ TỪNG TIÊU CHÍ CỦA TỪNG ĐƠN VỊ", HEADING)
    tag(doc, "for block in unit_results")
    tag(doc, "set outer = loop.index")
    para(doc, "{{ outer }}. {{ block.section.title }}", SUBHEADING)
    tag(doc, "for item in block.units")
    para(doc, "", FLUSH, keep_next=True, before=6, runs=[
        ("{{ outer }}.{{ loop.index }}. {{ item.line.unit }}", {"bold": True}),
        (" (kiểm tra ngày {{ item.date }}): đạt {{ item.line.dat }}/{{ item.line.total }} tiêu chí"
         "{% if item.line.khong_dat %}, không đạt {{ item.line.khong_dat }}{% endif %}{% if item.line.unassessed %}, "
         "chưa đánh giá {{ item.line.unassessed }}{% endif %}; điều kiện xét công nhận: "
         "{{ item.line.eligible_label|lower }}{% if item.line.not_met %} ({{ item.line.not_met|join('; ') }}){% endif %}. "
         "Kết luận: {{ item.line.conclusion_label|lower }}.", {}),
    ])
    tag(doc, "for g in item.groups")
    para(doc, "{{ g.numeral }}. {{ g.title }}", FLUSH, bold=True, italic=True, keep_next=True, before=3, after=2)
    tag(doc, "for c in g.criteria")
    para(doc, "", BODY, after=3, runs=[
        ("- ", {"size": 12}), ("Tiêu chí {{ c.number }}", {"bold": True, "size": 12}),
        (" (", {"size": 12}), ("{{ c.head }}", {"italic": True, "size": 12}), ("): ", {"size": 12}),
        ("{{ c.verdict }}", {"bold": True, "size": 12}), (".{% if c.support %} {{ c.support_text }}{% endif %}", {"size": 12}),
    ])
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "else")
    para(doc, "Không có cuộc kiểm tra nào đã hoàn thành trong {{ period.title }}.")
    tag(doc, "endfor")

    para(doc, "{{ numerals.summary }}. TỔNG HỢP THEO TIÊU CHÍ", HEADING)
    tag(doc, "for s in sections")
    para(doc, "{{ loop.index }}. {{ s.title }}", SUBHEADING)
    t = table(doc, (17, 25, 15, 17, 20, 71), 1)
    header_row(t, ("Tiêu chí", "Số đơn vị được kiểm tra", "Đạt", "Không đạt", "Chưa đánh giá", "Đơn vị không đạt"))
    tag_row(t, "for c in s.criteria")
    row = t.add_row()
    row_flags(row)
    for cell, expr in zip(row.cells[:5], ("number", "inspected", "dat", "khong_dat", "unassessed"), strict=True):
        cell_text(cell, f"{{{{ c.{expr} }}}}", align=CENTERED)
    cell_text(row.cells[5], "{{ c.failed_names or '—' }}")
    tag_row(t, "endfor")
    para(doc, "", FLUSH, after=2)
    tag(doc, "else")
    para(doc, "Không có số liệu trong {{ period.title }}.")
    tag(doc, "endfor")

    tag(doc, "if targets")
    para(doc, "{{ numerals.targets }}. TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU", HEADING)
    tag(doc, "for p in targets")
    para(doc, "- {{ p.target.title }}: {{ p.status_label }}.")
    tag(doc, "endfor")
    tag(doc, "endif")

    para(doc, "{{ numerals.assessment }}. NHẬN XÉT, ĐÁNH GIÁ", HEADING)
    for i, key in enumerate(("uu_diem", "ton_tai", "bai_hoc"), 1):
        para(doc, f"{i}. {{{{ narrative.{key}.title }}}}", SUBHEADING)
        narrative(doc, key)

    para(doc, "{{ numerals.proposals }}. KIẾN NGHỊ, ĐỀ XUẤT", HEADING)
    tag(doc, "if recommended")
    para(doc, "Đề nghị {{ recipient }} xét, công nhận {{ recommended|length }} đơn vị điển hình về phong trào toàn dân "
              "bảo vệ an ninh Tổ quốc năm {{ year }}: {% for u in recommended %}{{ u.unit }}"
              "{{ ', ' if not loop.last }}{% endfor %} (có Tờ trình kèm theo).")
    tag(doc, "else")
    para(doc, "{{ period.title|capitalize }} chưa có đơn vị đạt đủ điều kiện và tất cả các tiêu chí để đề nghị công nhận.")
    tag(doc, "endif")
    tag(doc, "for line in narrative.kien_nghi.paragraphs")
    para(doc, "{{ line }}")
    tag(doc, "endfor")

    para(doc, "{{ numerals.direction }}. {{ narrative.phuong_huong.title|upper }}", HEADING)
    narrative(doc, "phuong_huong")
    office_closing(doc, text_width_mm(doc))
    return doc


def build_to_trinh() -> Any:
    doc = new_document()
    page_header(doc)
    letterhead(doc)
    title(doc, "TỜ TRÌNH", "Về việc đề nghị xét, công nhận {{ subject }} điển hình về phong trào toàn dân bảo vệ an "
                           "ninh Tổ quốc năm {{ year }}")
    recipient(doc)
    tag(doc, "for line in legal_basis")
    para(doc, "Căn cứ {{ line }};")
    tag(doc, "endfor")
    tag(doc, "if district_plan")
    para(doc, "Căn cứ {{ district_plan }};")
    tag(doc, "endif")
    para(doc, "Căn cứ kết quả kiểm tra, thẩm định của Đoàn kiểm tra năm {{ year }},")
    tag(doc, "if recommended")
    para(doc, "{{ issuer }} kính đề nghị {{ recipient }} {% if via %}xem xét, trình {{ authority_name }} công nhận"
              "{% else %}xét, công nhận{% endif %} {{ recommended|length }} đơn vị sau đây đạt "
              "điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ year }}:")
    t = table(doc, (12, 55, 25, 28, 45), 1)
    header_row(t, ("STT", "Đơn vị", "Loại", "Ngày kiểm tra, thẩm định", "Kết quả"))
    tag_row(t, "for u in recommended")
    row = t.add_row()
    row_flags(row)
    c = row.cells
    cell_text(c[0], "{{ loop.index }}", align=CENTERED)
    cell_text(c[1], "{{ u.unit }}")
    cell_text(c[2], "{{ u.kind_label }}")
    cell_text(c[3], "{{ u.visit_date_label or '—' }}", align=CENTERED)
    cell_text(c[4], "Đạt {{ u.dat }}/{{ u.total }} tiêu chí; đủ điều kiện xét công nhận")
    tag_row(t, "endfor")
    tag(doc, "else")
    para(doc, "Năm {{ year }} chưa có đơn vị đạt đủ điều kiện và tất cả các tiêu chí để đề nghị công nhận.")
    tag(doc, "endif")
    para(doc, "(Kèm theo: Báo cáo kết quả kiểm tra, thẩm định và biên bản kiểm tra, thẩm định của từng đơn vị.)",
         before=6)
    para(doc, "Kính trình {{ recipient }} xem xét, quyết định{% if deadline_label %} (thời hạn xét, công nhận: "
              "{{ deadline_label }}){% endif %}./.")
    office_closing(doc, text_width_mm(doc), signer_lines=True)
    return doc


def build_statistics() -> Any:
    doc = new_document(landscape=True, margins_mm=(15, 15, 20, 15))
    page_header(doc)
    letterhead(doc, left_mm=95, right_mm=120, indent_mm=0)
    title(doc, "BIỂU THỐNG KÊ", "Kết quả kiểm tra, thẩm định xây dựng {{ subject }} điển hình về phong trào toàn dân "
                                "bảo vệ an ninh Tổ quốc {{ stats.scope_label }}")
    tag(doc, "if not sections")
    para(doc, "Không có cuộc kiểm tra nào.", FLUSH)
    tag(doc, "endif")
    tag(doc, "for section in sections")
    tag(doc, "set outer = loop.index")
    para(doc, "{{ roman(outer) }}. {{ section.title }}: {{ section.units|length }} đơn vị được kiểm tra, "
              "{{ section.finalized }} đã hoàn thành, {{ section.recommended }} đề nghị công nhận", FLUSH, bold=True,
         keep_next=True)
    para(doc, "{{ outer }}.1. Kết quả từng đơn vị", FLUSH, bold=True, keep_next=True)
    widths = (11, 50, 22, 22, 25, 18, 35, 25, 27, 27)
    t = table(doc, widths, 1)
    header_row(t, ("STT", "Đơn vị", "Loại", "Ngày kiểm tra", "Trạng thái", "Số tiêu chí đạt", "Đạt theo nhóm",
                   "Tiêu chí không đạt", "Điều kiện", "Kết luận gợi ý"))
    tag_row(t, "for u in section.units")
    row = t.add_row()
    row_flags(row)
    c = row.cells
    cell_text(c[0], "{{ u.no }}", align=CENTERED)
    cell_text(c[1], "{{ u.unit }}")
    cell_text(c[2], "{{ u.kind_label }}")
    cell_text(c[3], "{{ u.visit_date_label or '—' }}", align=CENTERED)
    cell_text(c[4], "{{ u.status_label }}")
    cell_text(c[5], "{{ u.dat }}/{{ u.total }}", align=CENTERED)
    # one cell for the groups (a Word table cannot grow a column per group), "I: 3/4; II: 5/5"
    cell_text(c[6], "{% for gid, _ in section.groups %}{{ roman(loop.index) }}: {% if gid in u.groups %}"
                    "{{ u.groups[gid].dat }}/{{ u.groups[gid].total }}{% else %}—{% endif %}"
                    "{{ '; ' if not loop.last }}{% endfor %}")
    cell_text(c[7], "{{ u.failed|join(', ') or '—' }}")
    cell_text(c[8], "{{ u.eligible_label }}{% if u.not_met %} ({{ u.not_met|join('; ') }}){% endif %}")
    cell_text(c[9], "{{ u.conclusion_label }}")
    tag_row(t, "endfor")
    para(doc, "Nhóm: {% for _, title in section.groups %}{{ roman(loop.index) }}. {{ title }}"
              "{{ '.' if loop.last else '; ' }}{% endfor %}", FLUSH, italic=True, size=11, before=2)
    para(doc, "{{ outer }}.2. Kết quả từng tiêu chí", FLUSH, bold=True, keep_next=True)
    t = table(doc, (20, 30, 20, 20, 25, 25, 122), 1)
    header_row(t, ("Tiêu chí", "Số đơn vị được kiểm tra", "Đạt", "Không đạt", "Chưa đánh giá", "Tỷ lệ đạt (%)",
                   "Đơn vị không đạt (STT ở bảng trên)"))
    tag_row(t, "for c in section.criteria")
    row = t.add_row()
    row_flags(row)
    for cell, expr in zip(row.cells[:6], ("c.number", "c.inspected", "c.dat", "c.khong_dat", "c.unassessed",
                                          "percent(c.dat, c.inspected)|pct"), strict=True):
        cell_text(cell, f"{{{{ {expr} }}}}", align=CENTERED)
    cell_text(row.cells[6], "{{ c.failed_numbers or '—' }}")
    tag_row(t, "endfor")
    para(doc, "", FLUSH, after=2)
    tag(doc, "endfor")

    tag(doc, "if targets")
    para(doc, "{{ roman(sections|length + 1) }}. Tiến độ thực hiện chỉ tiêu (tính đến năm {{ year }})", FLUSH,
         bold=True, keep_next=True)
    t = table(doc, (70, 18, 22, 20, 18, 20, 20, 74), 1)
    header_row(t, ("Chỉ tiêu", "Đến năm", "Yêu cầu", "Số đơn vị", "Đã đạt", "Tỷ lệ (%)", "Còn thiếu",
                   "Đơn vị đã đạt"))
    tag_row(t, "for p in targets")
    row = t.add_row()
    row_flags(row)
    c = row.cells
    cell_text(c[0], "{{ p.target.title }}")
    tag(c[0], "if p.not_in_registry")
    para(c[0], "Chưa có trong danh sách đơn vị: {{ p.not_in_registry|join('; ') }}", CELL, italic=True)
    tag(c[0], "endif")
    tag(c[0], "if p.is_count")
    para(c[0], "{{ p.status_label }}", CELL, italic=True)
    tag(c[0], "endif")
    for cell, expr in zip(c[1:7], ("p.year_label", "p.requirement_label", "p.denominator", "p.count",
                                   "p.percent|pct", "'—' if p.missing is none else p.missing"), strict=True):
        cell_text(cell, f"{{{{ {expr} }}}}", align=CENTERED)
    cell_text(c[7], "{{ p.recognised|join('; ') or '—' }}")
    tag_row(t, "endfor")
    tag(doc, "endif")
    office_closing(doc, text_width_mm(doc))
    return doc


def build_bien_ban_hop_xet() -> Any:
    """The unit's own meeting that proposes it for recognition (the dossier's biên bản họp xét): the
    same names as ``bien_ban_hop_xet.html`` (antq_tui/office/dossier_papers.py)."""
    doc = new_document()
    page_header(doc)
    letterhead(doc)
    title(doc, "BIÊN BẢN", "Họp xét, đề nghị công nhận {{ unit.name }} đạt điển hình về phong trào toàn dân bảo vệ an "
                           "ninh Tổ quốc năm {{ year }}")
    para(doc, "Hôm nay, hồi {{ dots }} giờ {{ dots }} ngày {{ dots }} tháng {{ dots }} năm {{ year }}, tại {{ dots }}"
              "{{ dots }}, {{ convener }} tổ chức họp xét, đề nghị công nhận {{ unit.name }} đạt điển hình về phong "
              "trào toàn dân bảo vệ an ninh Tổ quốc năm {{ year }}.")
    para(doc, "I. THÀNH PHẦN", HEADING)
    para(doc, "- Chủ trì: {{ dots }}{{ dots }}{{ dots }}, chức vụ: {{ dots }}{{ dots }}{{ dots }};", DASH)
    para(doc, "- Thư ký: {{ dots }}{{ dots }}{{ dots }}, chức vụ: {{ dots }}{{ dots }}{{ dots }};", DASH)
    para(doc, "- Thành viên dự họp:", DASH)
    t = table(doc, (12, 55, 60, 38), 1)
    header_row(t, ("STT", "Họ và tên", "Chức vụ, đơn vị", "Ký tên"))
    tag_row(t, "for n in attendee_rows")
    row = t.add_row()
    row_flags(row)
    cell_text(row.cells[0], "{{ n }}", align=CENTERED)
    tag_row(t, "endfor")
    para(doc, "Tổng số thành viên được triệu tập: {{ dots }}; có mặt: {{ dots }}; vắng mặt: {{ dots }} (lý do: "
              "{{ dots }}{{ dots }}).", before=6)
    para(doc, "II. NỘI DUNG", HEADING)
    para(doc, "1. Kết quả kiểm tra, thẩm định của Đoàn kiểm tra {{ police }}", SUBHEADING)
    para(doc, "Ngày {{ visit_date }}, Đoàn kiểm tra {{ police }} kiểm tra, thẩm định tại {{ unit.name }} (Biên bản kiểm "
              "tra, thẩm định số {{ minutes_number }}/BB-ĐKT): đánh giá {{ summary.total }} tiêu chí, đạt "
              "{{ summary.dat }}/{{ summary.total }}, không đạt {{ summary.khong_dat }}{% if summary.unassessed %}, chưa "
              "đánh giá {{ summary.unassessed|length }}{% endif %}.")
    t = table(doc, (95, 25, 20, 25), 1)
    header_row(t, ("Nhóm tiêu chí", "Số tiêu chí", "Đạt", "Không đạt"))
    tag_row(t, "for g in summary.groups")
    row = t.add_row()
    row_flags(row)
    c = row.cells
    cell_text(c[0], "{{ g.title }}")
    for cell, expr in zip(c[1:], ("g.total", "g.dat", "g.khong_dat"), strict=True):
        cell_text(cell, f"{{{{ {expr} }}}}", align=CENTERED)
    tag_row(t, "endfor")
    tag(doc, "for f in failed")
    para(doc, "- Tiêu chí {{ f.number }} chưa đạt: {{ f.text }}{% if f.remark %} ({{ f.remark }}){% endif %};", DASH)
    tag(doc, "endfor")
    para(doc, "Điều kiện để được xét: {% if summary.eligible is none %}chưa đánh giá đủ{% elif summary.eligible %}đủ "
              "điều kiện{% else %}chưa đủ ({{ summary.not_met|join('; ') }}){% endif %}. Kết luận của Đoàn kiểm tra: "
              "{{ summary.conclusion_label }}.", before=6)
    para(doc, "2. Hồ sơ đề nghị xét, công nhận", SUBHEADING)
    para(doc, "- {{ to_trinh.label }}: {{ to_trinh.reference or ('số ' ~ dots ~ ', ngày ' ~ dots) }};", DASH)
    para(doc, "- {{ bao_cao.label }}: {{ bao_cao.reference or ('số ' ~ dots ~ ', ngày ' ~ dots) }};", DASH)
    para(doc, "- Danh sách tập thể, cá nhân bị xử lý kỷ luật, vi phạm pháp luật, có đơn thư, khiếu kiện, nội bộ mất đoàn "
              "kết trong năm {{ year }} (kèm theo): {% if case_total %}{{ case_total }} trường hợp{% else %}không có "
              "trường hợp nào{% endif %}.", DASH)
    para(doc, "3. Ý kiến thảo luận của các thành viên dự họp", SUBHEADING)
    for _ in range(5):
        para(doc, "{{ dots_line }}", FLUSH)
    para(doc, "III. KẾT QUẢ BIỂU QUYẾT", HEADING)
    para(doc, "Tổng số thành viên dự họp: {{ dots }}; số tán thành: {{ dots }}, đạt {{ dots }}%; số không tán thành: "
              "{{ dots }}, chiếm {{ dots }}%.")
    para(doc, "IV. KẾT LUẬN", HEADING)
    para(doc, "Hội nghị thống nhất đề nghị {{ recipient }} (qua {{ police }}) xét, công nhận {{ unit.name }} đạt điển "
              "hình về phong trào toàn dân bảo vệ an ninh Tổ quốc năm {{ year }}.")
    para(doc, "Biên bản kết thúc hồi {{ dots }} giờ {{ dots }} cùng ngày, đã đọc lại cho các thành viên dự họp cùng "
              "nghe và nhất trí thông qua./.")
    width = text_width_mm(doc)
    t = table(doc, (width / 2, width / 2), 1, borders=False)
    row_flags(t.rows[0])
    for cell, who, hint in zip(t.rows[0].cells, ("THƯ KÝ", "CHỦ TRÌ"),
                               ("(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên{% if commune %}, đóng dấu{% endif %})"),
                               strict=True):
        cell_text(cell, who, CENTER, bold=True).paragraph_format.keep_with_next = True
        para(cell, hint, CENTER, italic=True)
    return doc


TEMPLATES = {
    MINUTES_DIR / "minutes.docx": build_minutes,
    OFFICE_DIR / "bao_cao.docx": build_bao_cao,
    OFFICE_DIR / "to_trinh.docx": build_to_trinh,
    OFFICE_DIR / "statistics.docx": build_statistics,
    OFFICE_DIR / "bien_ban_hop_xet.docx": build_bien_ban_hop_xet,
}


def _stable(doc: Any, title_text: str) -> None:
    """The same file from the same script: fixed core properties (no build time in the template)."""
    import datetime as dt

    props = doc.core_properties
    props.author = "antq"
    props.last_modified_by = "antq"
    props.title = title_text
    props.comments = "Mẫu Word của antq (docxtpl). Sửa trong Word, giữ nguyên các thẻ Jinja (dấu ngoặc nhọn)."
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.revision = 1


def main() -> None:
    for path, build in TEMPLATES.items():
        doc = build()
        _stable(doc, path.stem)
        doc.save(str(path))
        print(f"{path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
