"""Every paper also as a Word file (.docx) the office can edit: read back with python-docx, it has the
NĐ 30/2020 layout (A4, margins, Times New Roman, Quốc hiệu and Tiêu ngữ, page numbers from page 2), the
same content as the PDF, the criteria table's header row repeating and its rows kept whole; a workspace
template wins; a finalized inspection's Word file is recorded like its PDF."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_helpers import run, run_json
from demo_fixture import PHIENG_BAN_2023, THI_TRAN_2023, demo_template, demo_workspace
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from antq_tui.minutes.context import build_context
from antq_tui.services import Context
from antq_tui.workspace import Workspace

A4 = (210, 297)
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


def export_docx(config: Path, inspection_id: str, *args: str) -> dict:
    return run_json(config, "export", inspection_id, "--docx", *args)


def context_of(config: Path, inspection_id: str) -> dict:
    ws = Workspace.open(config, entry_points=False)
    with Context.open(ws) as ctx:
        return build_context(ctx.store.get_inspection(inspection_id), ws.config)


def mm(length) -> int:
    """A length of the file in whole mm (Word stores twentieths of a point)."""
    return round(length / 36000)


def paragraph_with(doc, text: str):
    """The first paragraph, in the body or in a table cell, whose text is ``text``."""
    for p in doc.paragraphs:
        if p.text.strip() == text:
            return p
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    if p.text.strip() == text:
                        return p
    raise AssertionError(f"no paragraph “{text}”")


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        parts += [c.text for row in t.rows for c in row.cells]
    return "\n".join(parts)


def header_text(header) -> str:
    return "".join(header._element.itertext())


def criteria_table(doc):
    return next(t for t in doc.tables if t.rows[0].cells[0].text.strip() == "TT")


def has(row, flag: str) -> bool:
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(qn(f"w:{flag}")) is not None


@pytest.fixture
def final_docx(demo_workspace: Path) -> tuple[Path, Path]:
    out = export_docx(demo_workspace, PHIENG_BAN_2023)
    return demo_workspace, Path(out["path"])


def test_the_letterhead_has_the_quoc_hieu_and_tieu_ngu_in_bold_and_the_place_and_date_in_italics(final_docx):
    config, path = final_docx
    doc = Document(str(path))
    qh = paragraph_with(doc, QUOC_HIEU)
    assert all(r.bold for r in qh.runs if r.text.strip())
    assert qh.runs[0].font.size in (Pt(12), Pt(13))
    tn = paragraph_with(doc, TIEU_NGU)
    assert all(r.bold and r.underline for r in tn.runs if r.text.strip())  # the line under it
    assert tn.runs[0].font.size in (Pt(13), Pt(14))
    place = paragraph_with(doc, context_of(config, PHIENG_BAN_2023)["place_date"])
    assert place.text.strip() == "Phiêng Ban, ngày 12 tháng 10 năm 2023"
    assert all(r.italic for r in place.runs if r.text.strip())


def test_can_cu_lists_what_the_pdf_lists_and_names_the_criteria_set_once(final_docx):
    config, path = final_docx
    basis = context_of(config, PHIENG_BAN_2023)["basis"]
    paragraphs = [p.text.strip() for p in Document(str(path)).paragraphs]
    start = paragraphs.index("1. Căn cứ")
    assert paragraphs[start + 1:start + 1 + len(basis)] == [
        f"- {line}{'.' if n == len(basis) - 1 else ';'}" for n, line in enumerate(basis)]
    assert not any(p.startswith("- Bộ tiêu chí") for p in paragraphs)  # the set is named in the decision's line


def test_the_page_is_a4_with_the_decrees_margins_in_times_new_roman_and_a_justified_indented_body(final_docx):
    _, path = final_docx
    doc = Document(str(path))
    (section,) = doc.sections
    assert (mm(section.page_width), mm(section.page_height)) == A4
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [mm(m) for m in margins] == [20, 20, 30, 15]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(13)
    assert normal.paragraph_format.alignment == 3  # justified
    assert normal.paragraph_format.first_line_indent > 0
    opening = next(p for p in doc.paragraphs if p.text.startswith("Hôm nay, vào hồi"))
    assert opening.style.name == "Normal"


def test_page_numbers_start_on_page_two(final_docx):
    _, path = final_docx
    (section,) = Document(str(path)).sections
    assert section.different_first_page_header_footer
    page_field = " PAGE "
    assert page_field in header_text(section.header)
    assert page_field not in header_text(section.first_page_header)


def test_every_criterion_is_a_row_whose_header_repeats_and_rows_are_kept_whole_as_in_the_pdf(final_docx):
    config, path = final_docx
    table = criteria_table(Document(str(path)))
    assert has(table.rows[0], "tblHeader")
    ctx = context_of(config, PHIENG_BAN_2023)
    expected = {str(r["number"]): r for g in ctx["groups"] for r in g["rows"]}
    assert len(expected) == 34
    rows = {row.cells[0].text.strip(): row for row in table.rows[1:] if row.cells[0].text.strip().isdigit()}
    assert set(rows) == set(expected)
    for number, row in rows.items():
        # a row of a few lines never breaks across pages; a taller one may, as in the PDF
        assert has(row, "cantSplit") == expected[number]["keep"], number
        assert row.cells[1].paragraphs[0].text == expected[number]["text"]
        assert row.cells[4].text.strip() == expected[number]["verdict"]
    assert any(r["keep"] for r in expected.values())
    groups = [row for row in table.rows[1:] if not row.cells[0].text.strip().isdigit()]
    assert [row.cells[0].text.strip() for row in groups] == [f"{g['numeral']}. {g['title']}" for g in ctx["groups"]]
    assert all(has(row, "cantSplit") for row in groups)


def test_the_records_seen_and_the_remarks_are_in_the_table(final_docx):
    config, path = final_docx
    ctx = context_of(config, PHIENG_BAN_2023)
    text = all_text(Document(str(path)))
    for g in ctx["groups"]:
        for r in g["rows"]:
            for e in r["evidence_seen"]:
                assert f"- {e}" in text
            for line in r["remark"]:
                assert line in text
    assert ctx["decision"] in text and ctx["closing"] in text


def test_the_signature_blocks_are_a_borderless_table_with_the_names(final_docx):
    config, path = final_docx
    doc = Document(str(path))
    signatures = doc.tables[-1]
    ctx = context_of(config, PHIENG_BAN_2023)
    titles = [c.paragraphs[0].text for c in signatures.rows[0].cells]
    assert titles == [s["title"] for s in ctx["signatures"]]
    # no-break spaces keep "XÃ PHIÊNG BAN" on one line
    assert [t.replace("\u00a0", " ") for t in titles] == ["ĐẠI DIỆN XÃ PHIÊNG BAN", "THƯ KÝ", "TRƯỞNG ĐOÀN"]
    names = [c.text for c in signatures.rows[1].cells]
    for s, cell in zip(ctx["signatures"], names, strict=True):
        assert s["person"] and s["person"] in cell
    borders = signatures._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_a_final_is_recorded_with_its_sha256_and_never_overwritten(final_docx):
    config, path = final_docx
    first = path.read_bytes()
    assert path.name == "BB_xa-phieng-ban_2023-10-12.docx"
    again = export_docx(config, PHIENG_BAN_2023)
    assert again["recorded"] and again["format"] == "docx"
    assert Path(again["path"]).name == "BB_xa-phieng-ban_2023-10-12_2.docx"
    assert again["sha256"] == hashlib.sha256(Path(again["path"]).read_bytes()).hexdigest()
    assert path.read_bytes() == first
    refused = run(config, "export", PHIENG_BAN_2023, "--docx", "--out", str(path), expect=None)
    assert refused.exit_code != 0
    assert "không ghi đè" in refused.output + refused.stderr
    assert path.read_bytes() == first
    assert run(config, "verify").exit_code == 0  # the recorded files are what the log says


def test_a_draft_says_du_thao_in_its_header_and_a_final_does_not(demo_workspace: Path, final_docx):
    out = export_docx(demo_workspace, THI_TRAN_2023)
    assert out["draft"] and not out["recorded"]
    assert Path(out["path"]).name.endswith("_du-thao.docx")
    (section,) = Document(out["path"]).sections
    assert "DỰ THẢO" in header_text(section.first_page_header)
    assert "DỰ THẢO" in header_text(section.header)
    (final,) = Document(str(final_docx[1])).sections
    assert "DỰ THẢO" not in header_text(final.header) + header_text(final.first_page_header)


def test_a_template_in_the_workspace_wins_over_antqs(demo_workspace: Path):
    from antq_tui.minutes.docx import TEMPLATE_NAME
    from antq_tui.minutes.render import BUILTIN_TEMPLATES

    ws = Workspace.open(demo_workspace, entry_points=False)
    ws.templates_dir.mkdir(parents=True, exist_ok=True)
    doc = Document(str(BUILTIN_TEMPLATES / TEMPLATE_NAME))  # what a province does in Word
    title = next(p for p in doc.paragraphs if p.text == "{{ title }}")
    title.runs[0].text = "BIÊN BẢN CỦA TỈNH {{ unit.name|upper }}"
    doc.save(str(ws.templates_dir / TEMPLATE_NAME))
    out = export_docx(demo_workspace, THI_TRAN_2023)
    assert "BIÊN BẢN CỦA TỈNH THỊ TRẤN BẮC YÊN" in all_text(Document(out["path"]))


def test_a_broken_template_gets_a_clear_message_and_no_file(demo_workspace: Path):
    from antq_tui.minutes.docx import TEMPLATE_NAME
    from antq_tui.minutes.render import BUILTIN_TEMPLATES

    ws = Workspace.open(demo_workspace, entry_points=False)
    ws.templates_dir.mkdir(parents=True, exist_ok=True)
    doc = Document(str(BUILTIN_TEMPLATES / TEMPLATE_NAME))
    doc.add_paragraph("{{ unit.name ")
    doc.save(str(ws.templates_dir / TEMPLATE_NAME))
    result = run(demo_workspace, "export", THI_TRAN_2023, "--docx", expect=None)
    assert result.exit_code != 0
    assert "Mẫu" in result.stderr and "sai cú pháp" in result.stderr and "Traceback" not in result.output
    (ws.templates_dir / TEMPLATE_NAME).write_text("không phải tệp Word", encoding="utf-8")
    result = run(demo_workspace, "export", THI_TRAN_2023, "--docx", expect=None)
    assert result.exit_code != 0 and "không đọc được như một tệp Word" in result.stderr
    assert not list((ws.data_dir / "bien_ban").glob("*.docx"))


def test_html_and_docx_together_are_refused(demo_workspace: Path):
    result = run(demo_workspace, "export", THI_TRAN_2023, "--docx", "--html", expect=None)
    assert result.exit_code != 0 and "Chỉ chọn một" in result.stderr


# -- the office's papers -----------------------------------------------------------------------------


def test_report_totrinh_and_statistics_as_word_files(demo_workspace: Path):
    report = run(demo_workspace, "report", "--docx").output
    totrinh = run(demo_workspace, "totrinh", "--docx").output
    stats = run(demo_workspace, "stats", "--docx").output
    written = [next(line for line in out.splitlines() if line.startswith("Đã xuất")) for out in (report, totrinh, stats)]
    paths = [Path(line.rsplit(": ", 1)[1].strip()) for line in written]  # the notes ("Lưu ý: …") aside
    # the tờ trình is named after the authority it goes to (one per authority)
    assert [p.name for p in paths] == ["BaoCao_2023.docx", "ToTrinh_2023_ubnd_huyen.docx", "BieuThongKe_2023.docx"]
    docs = [Document(str(p)) for p in paths]
    for doc in docs:
        assert all(r.bold for r in paragraph_with(doc, QUOC_HIEU).runs if r.text.strip())
        assert paragraph_with(doc, TIEU_NGU)
        assert all(has(t.rows[0], "tblHeader") for t in doc.tables if t._tbl.tblPr.find(qn("w:tblBorders"))[0].get(
            qn("w:val")) != "nil")
    report_text, totrinh_text, stats_text = (all_text(d) for d in docs)
    # the school fails criterion 6: its line says so, with the figures and the team's remark
    (line,) = [p.text for p in docs[0].paragraphs if p.text.startswith("- Tiêu chí 6 (Thường xuyên củng cố")]
    assert "): Không đạt. 2/3 người" in line and "Nhận xét: Mới có 2/3 người" in line
    assert "giảm 7,1% (42 → 39 vụ)" in report_text and "Tiêu chí đạt" not in report_text
    assert "IV. NHẬN XÉT, ĐÁNH GIÁ" in report_text and "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in report_text
    assert "Xã Phiêng Ban" in totrinh_text and "Kính trình" in totrinh_text
    assert "Kính gửi: Ủy ban nhân dân huyện Bắc Yên." in totrinh_text and "trước ngày 01/10/2023" in totrinh_text
    assert "KT. TRƯỞNG CÔNG AN HUYỆN" in totrinh_text and "PHÓ TRƯỞNG CÔNG AN HUYỆN" in totrinh_text
    assert "Trường PTDT nội trú THCS & THPT huyện Bắc Yên" in stats_text
    (section,) = docs[2].sections
    assert section.page_width > section.page_height  # the Biểu thống kê is A4 landscape
    (section,) = docs[0].sections
    assert (mm(section.page_width), mm(section.page_height)) == A4


def test_no_totrinh_without_a_recommended_unit(demo_workspace: Path):
    result = run(demo_workspace, "totrinh", "--docx", "--year", "2022", expect=None)
    assert result.exit_code == 1 and "không lập tờ trình" in result.stderr


# -- LibreOffice opens it (and so does Word) ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_minutes_and_prints_them_like_the_pdf(final_docx, tmp_path: Path):
    from pypdf import PdfReader

    _, path = final_docx
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    reader = PdfReader(str(tmp_path / path.with_suffix(".pdf").name))
    assert len(reader.pages) > 2
    first = reader.pages[0].extract_text()
    assert QUOC_HIEU in first and "BIÊN BẢN" in first
    assert reader.pages[1].extract_text().lstrip().startswith("2")  # the page number, from page 2
    assert not first.lstrip().startswith("1")
    assert "Hà Văn Quyết" in reader.pages[-1].extract_text()
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
