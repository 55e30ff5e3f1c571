"""The unit's papers of the recognition dossier that antq prints prefilled: the **Biên bản họp xét, đề
nghị công nhận** (the unit's own meeting, PDF and Word) and the **Danh sách** annex (the cases listed
under the eligibility conditions, PDF).

Both are the unit's papers, not the police's: the letterhead names the UBND of the commune (under the
district's UBND) or the agency itself. They are rendered with the office's machinery (the same template
lookup, fonts, letterhead and HTML fallback as :mod:`antq_tui.office.reports`); a province overrides
``bien_ban_hop_xet.html``, ``danh_sach.html`` or ``bien_ban_hop_xet.docx`` in the workspace's
``templates/``. What is for the meeting to decide (who attended, the vote, the discussion) is left
as dotted blanks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..files import export_target, write_atomic
from ..labels import UNIT_KINDS
from ..vnformat import format_date
from .reports import DOTS, OFFICE_TEMPLATES, REPORTS_SUBDIR, DocumentResult, pct

if TYPE_CHECKING:
    from ..workspace import Workspace

MEETING = "bien_ban_hop_xet"
ANNEX = "danh_sach"
TEMPLATES = {MEETING: "bien_ban_hop_xet.html", ANNEX: "danh_sach.html"}
NAMES = {MEETING: "biên bản họp xét, đề nghị công nhận", ANNEX: "danh sách kèm theo hồ sơ"}
FILE_STEMS = {MEETING: "BienBanHopXet", ANNEX: "DanhSach"}
COMMUNE_KINDS = ("xa", "phuong", "thi_tran")
#: the longest line of the letterhead's left column, in characters (bold capitals, 12.5 pt, 42 % of A4)
LETTERHEAD_CHARS = 30
#: blank rows of the attendance table
ATTENDEE_ROWS = 8


def _short_name(name: str, kind: str) -> str:
    """"Xã Phiêng Ban" → "Phiêng Ban" (the place line of the commune's papers)."""
    label = UNIT_KINDS.get(kind, "")
    return name[len(label):].strip() if label and name.lower().startswith(label.lower() + " ") else name


def _lines(name: str) -> list[str]:
    """The issuing body's name in lines that fit the letterhead's left column (bold capitals, 12.5 pt)."""
    import textwrap

    return textwrap.wrap(name, LETTERHEAD_CHARS) or [name]


#: what :func:`paper_context` gives the dossier's templates (docs/plugins.md is generated from it)
DOSSIER_CONTEXT_DOCS: dict[str, str] = {
    "antq_version": "Phiên bản antq.",
    "document_kind": "Luôn `\"ho_so_cong_nhan\"` (giấy tờ của đơn vị trong hồ sơ đề nghị công nhận).",
    "draft": "Luôn `false`.",
    "draft_mark": "Luôn rỗng.",
    "year": "Năm xét công nhận.",
    "unit": "Đơn vị (`name`, `kind`, `district`, `province`).",
    "commune": "`true` khi đơn vị là xã, phường, thị trấn (giấy tờ do UBND cấp xã ban hành).",
    "issuing_parent": "Dòng trên của tiêu đề: “UBND huyện …” (với xã), rỗng với cơ quan, doanh nghiệp, trường.",
    "issuing_body": "Tên cơ quan ban hành, chia dòng cho vừa cột trái của tiêu đề (danh sách).",
    "number_line": "“Số: ……/{kind}-UBND”: mẫu thay `{kind}` bằng ký hiệu giấy tờ (BB, DS).",
    "place_date": "“Phiêng Ban, ngày …… tháng …… năm 2023” (để trống ngày cho cuộc họp điền).",
    "convener": "Cơ quan triệu tập cuộc họp, viết giữa câu (“Ủy ban nhân dân xã Phiêng Ban”).",
    "recipient": "Nơi nhận hồ sơ: “Ủy ban nhân dân huyện …”.",
    "police": "“Công an huyện …” (đoàn kiểm tra, thẩm định).",
    "inspection": "Cuộc kiểm tra của năm (đã hoàn thành): `unit`, `year`, `criteria`, `answers`…",
    "summary": "Kết quả: `total`, `dat`, `khong_dat`, `failed`, `groups`, `eligible`, `recommend`.",
    "visit_date": "Ngày kiểm tra (dd/mm/yyyy).",
    "minutes_number": "Số biên bản kiểm tra, thẩm định (hoặc dòng chấm).",
    "failed": "Các tiêu chí không đạt: `number`, `text`, `remark`.",
    "dossier": "Hồ sơ của đơn vị năm đó: `items` (mỗi mục `title`, `number`, `date`, `file_name`, `complete`), "
               "`complete`, `missing`.",
    "to_trinh": "Mục “Tờ trình/đề xuất” của hồ sơ (như một phần tử của `dossier.items`).",
    "bao_cao": "Mục “Báo cáo kết quả xây dựng” của hồ sơ.",
    "lists": "Các danh sách theo điều kiện: mỗi phần tử có tên điều kiện, số lượng và các trường hợp "
             "(`name`, `form`, `date`, `status`).",
    "case_total": "Tổng số trường hợp trong các danh sách.",
    "attendee_rows": "Số dòng trống của bảng thành phần dự họp (1 … 8).",
    "dots": "Dòng chấm ngắn “……”.",
    "dots_line": "Dòng chấm dài để viết tay.",
    "today": "Ngày in (dd/mm/yyyy).",
    "fonts_url": "Địa chỉ thư mục phông chữ (chỉ mẫu HTML).",
}


def paper_context(workspace: Workspace, data: dict[str, Any], *, today: dt.date | None = None) -> dict[str, Any]:
    """What both templates (and the Word file) see: the unit, the year, the inspection's result, the
    dossier, the cases by condition."""
    config = workspace.config
    inspection = data["inspection"]
    summary = data["summary"]
    unit = inspection.unit
    commune = unit.kind in COMMUNE_KINDS
    district = unit.district or config.district
    district_kind = config.district_kind or "huyện"
    district_ubnd = f"Ủy ban nhân dân {district_kind} {district}" if district else f"Ủy ban nhân dân {district_kind}"
    police = f"Công an {district_kind} {district}" if district else f"Công an {district_kind}"
    if commune:
        parent = f"UBND {district_kind} {district}" if district else ""
        body = _lines(f"Ủy ban nhân dân {unit.name}") if len(unit.name) <= 14 else ["Ủy ban nhân dân", unit.name]
        convener = f"Ủy ban nhân dân {unit.name[:1].lower()}{unit.name[1:]}"  # "… xã Phiêng Ban" mid-sentence
        place = _short_name(unit.name, unit.kind)
    else:
        parent, body = "", _lines(unit.name)
        convener = unit.name
        place = district or DOTS
    failed = [{"number": n, "text": inspection.criteria.criterion(n).text, "remark": inspection.answer(n).remark}
              for n in summary.failed]
    dossier = data["dossier"]
    return {
        "antq_version": __version__,
        "document_kind": "ho_so_cong_nhan",
        "draft": False,
        "draft_mark": "",
        "year": inspection.year,
        "unit": unit,
        "commune": commune,
        "issuing_parent": parent,
        "issuing_body": body,
        "number_line": f"Số: {DOTS}/{{kind}}-{'UBND' if commune else DOTS}",
        "place_date": f"{place}, ngày {DOTS} tháng {DOTS} năm {inspection.year}",
        "convener": convener,
        "recipient": district_ubnd,
        "police": police,
        "inspection": inspection,
        "summary": summary,
        "visit_date": format_date(inspection.visit_date) if inspection.visit_date else f"{DOTS}/{DOTS}/{inspection.year}",
        "minutes_number": inspection.minutes_number or DOTS,
        "failed": failed,
        "dossier": dossier,
        "to_trinh": dossier.items[0],
        "bao_cao": dossier.items[1],
        "lists": data["lists"],
        "case_total": len(data["cases"]),
        "attendee_rows": list(range(1, ATTENDEE_ROWS + 1)),
        "dots": DOTS,
        "dots_line": "…" * 60,
        "today": format_date(today or dt.date.today()),
    }


def _render(workspace: Workspace, kind: str, context: dict[str, Any]) -> tuple[str, Path]:
    from ..minutes.render import FONTS_DIR, make_environment, template_search_path

    env = make_environment([*template_search_path(workspace), OFFICE_TEMPLATES])
    env.filters["pct"] = pct
    template = env.get_template(TEMPLATES[kind])
    html = template.render(context | {"fonts_url": FONTS_DIR.as_uri() + "/"})
    return html, Path(template.filename).parent if template.filename else OFFICE_TEMPLATES


def default_path(workspace: Workspace, data: dict[str, Any], kind: str, fmt: str) -> Path:
    from ..minutes.render import slug

    inspection = data["inspection"]
    return (workspace.data_dir / REPORTS_SUBDIR
            / f"{FILE_STEMS[kind]}_{slug(inspection.unit.name)}_{inspection.year}.{fmt}")


def _target(workspace: Workspace, data: dict[str, Any], kind: str, out: Path | None, fmt: str) -> Path:
    if out is not None and Path(out).suffix.lower() == ".docx":  # the PDF beside the Word file asked for
        out = Path(out).with_suffix(f".{fmt}")
    return export_target(workspace, out, default_path(workspace, data, kind, fmt), f".{fmt}")


def export_paper(workspace: Workspace, data: dict[str, Any], kind: str, *, out: Path | None = None,
                 html: bool = False, today: dt.date | None = None) -> DocumentResult:
    """Render ``kind`` (:data:`MEETING`, :data:`ANNEX`) to PDF (or HTML) and write it atomically."""
    from ..minutes.render import WeasyPrintUnavailable, html_to_pdf

    context = paper_context(workspace, data, today=today)
    context["number_line"] = context["number_line"].replace("{kind}", "BB" if kind == MEETING else "DS")
    text, base = _render(workspace, kind, context)
    reason = ""
    if not html:
        try:
            pdf = html_to_pdf(text, base)
        except WeasyPrintUnavailable as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        else:
            path = write_atomic(_target(workspace, data, kind, out, "pdf"), pdf)
            return DocumentResult(path, "pdf", f"Đã xuất {NAMES[kind]} ra tệp PDF: {path}")
    path = write_atomic(_target(workspace, data, kind, out, "html"), text.encode("utf-8"))
    if html:
        return DocumentResult(path, "html", f"Đã xuất {NAMES[kind]} ra tệp HTML: {path}")
    return DocumentResult(path, "html", f"Không tạo được tệp PDF vì máy thiếu thư viện hệ thống của WeasyPrint "
                                        f"(Pango) — {reason}. Đã xuất {NAMES[kind]} ra tệp HTML để in: {path}.",
                          fallback=True)


def export_meeting_minutes_docx(workspace: Workspace, data: dict[str, Any], *, out: Path | None = None,
                                today: dt.date | None = None) -> DocumentResult:
    """The Biên bản họp xét as a Word file (``bien_ban_hop_xet.docx``), for the unit to complete."""
    from ..minutes.docx import find_template, render_docx
    from ..minutes.render import template_search_path

    template = find_template([*template_search_path(workspace), OFFICE_TEMPLATES], "bien_ban_hop_xet.docx")
    context = paper_context(workspace, data, today=today)
    context["number_line"] = context["number_line"].replace("{kind}", "BB")
    context["dots_line"] = "…" * 44  # one line of Word's 13 pt text across the page
    inspection = data["inspection"]
    docx = render_docx(template, context, title=f"Biên bản họp xét {inspection.unit.name} năm {inspection.year}",
                       filters={"pct": pct})
    path = write_atomic(_target(workspace, data, MEETING, out, "docx"), docx)
    return DocumentResult(path, "docx", f"Đã xuất {NAMES[MEETING]} ra tệp Word: {path}")


def export_meeting_minutes(workspace: Workspace, data: dict[str, Any], *, out: Path | None = None,
                           html: bool = False, docx: bool = True, today: dt.date | None = None) -> list[DocumentResult]:
    """The Biên bản họp xét as PDF (or HTML) and, when ``docx``, as Word beside it."""
    results = [export_paper(workspace, data, MEETING, out=out, html=html, today=today)]
    if docx and (OFFICE_TEMPLATES / "bien_ban_hop_xet.docx").is_file():
        results.append(export_meeting_minutes_docx(workspace, data, out=out, today=today))
    return results


def export_annex(workspace: Workspace, data: dict[str, Any], *, out: Path | None = None, html: bool = False,
                 today: dt.date | None = None) -> DocumentResult:
    """The Danh sách annex (PDF, or HTML)."""
    return export_paper(workspace, data, ANNEX, out=out, html=html, today=today)


__all__ = ["ANNEX", "MEETING", "export_annex", "export_meeting_minutes", "paper_context"]
