#!/usr/bin/env python
"""Write the generated part of docs/plugins.md: every template and every variable each receives.

    .venv/bin/python scripts/make_plugin_docs.py      # rewrites the block between the markers

The variables come from the code: :data:`antq_tui.minutes.context.CONTEXT_DOCS` (and ``RENDER_DOCS``,
``ROW_DOCS``) beside the minutes' context builder, :data:`antq_tui.office.reports.DOCUMENT_CONTEXT_DOCS`
beside the office's. tests/test_docs.py fails when the block differs from what this script writes, when
a context builder gives a key these dicts do not document, or when a template uses a name they lack.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "plugins.md"
BEGIN = "<!-- BEGIN: sinh bởi scripts/make_plugin_docs.py, đừng sửa tay -->"
END = "<!-- END: sinh bởi scripts/make_plugin_docs.py -->"

MINUTES = "bien_ban"
OFFICE = "van_phong"
RECORDS = "ho_so"
DOSSIER = "ho_so_cong_nhan"
#: what every office paper gets from ``office.reports._issuer`` (documented in DOCUMENT_CONTEXT_DOCS)
ISSUER = ("issuing_parent", "issuing_body", "issuer", "district", "district_kind", "province", "recipient")
#: each template antq ships, the papers that use it, and what it is
TEMPLATE_DOCS: dict[str, tuple[tuple[str, ...], str]] = {
    "minutes.html": ((MINUTES,), "Biên bản kiểm tra, thẩm định (PDF). Có các block để ghi đè từng phần."),
    "minutes_letterhead.html": ((MINUTES, OFFICE, RECORDS, DOSSIER), "Tiêu đề (cơ quan ban hành, Quốc hiệu, số, địa danh và ngày), "
                                                   "**dùng chung** cho biên bản, báo cáo, tờ trình và biểu thống kê: "
                                                   "phân biệt bằng `document_kind`."),
    "minutes_signatures.html": ((MINUTES,), "Các khối chữ ký của biên bản."),
    "minutes.css": ((MINUTES, OFFICE, RECORDS, DOSSIER), "Kiểu trình bày chung (phông chữ, khổ giấy, bảng); `office.css` cũng chèn tệp này."),
    "minutes.docx": ((MINUTES,), "Biên bản dạng Word (docxtpl: thẻ Jinja trong tệp Word)."),
    "bao_cao.html": ((OFFICE,), "Báo cáo kết quả kiểm tra, thẩm định (PDF)."),
    "to_trinh.html": ((OFFICE,), "Tờ trình đề nghị công nhận (PDF)."),
    "statistics.html": ((OFFICE,), "Biểu thống kê (PDF, A4 ngang)."),
    "ho_so_chuan_bi.html": ((RECORDS,), "Danh mục hồ sơ, tài liệu đơn vị cần chuẩn bị (gửi kèm thông báo kiểm tra)."),
    "office_closing.html": ((OFFICE, RECORDS), "Phần “Nơi nhận” và chữ ký của báo cáo, tờ trình, biểu thống kê."),
    "office.css": ((OFFICE, RECORDS, DOSSIER), "Kiểu trình bày của giấy tờ văn phòng."),
    "bao_cao.docx": ((OFFICE,), "Báo cáo dạng Word."),
    "to_trinh.docx": ((OFFICE,), "Tờ trình dạng Word."),
    "statistics.docx": ((OFFICE,), "Biểu thống kê dạng Word."),
    "bien_ban_hop_xet.html": ((DOSSIER,), "Biên bản họp xét, đề nghị công nhận của đơn vị (PDF), điền sẵn kết quả "
                                          "kiểm tra; để trống thành phần dự họp, biểu quyết."),
    "bien_ban_hop_xet.docx": ((DOSSIER,), "Biên bản họp xét dạng Word."),
    "danh_sach.html": ((DOSSIER,), "Danh sách kèm theo hồ sơ (các trường hợp kỷ luật, vi phạm… theo điều kiện)."),
    "dossier.css": ((DOSSIER,), "Kiểu trình bày thêm của hai giấy tờ trên."),
}
#: variables a template receives from the template that includes it (``{% with %}``), not from antq
LOCAL_DOCS: dict[str, dict[str, str]] = {
    "office.css": {"page_size": "Khổ giấy, do mẫu chèn đặt (`{% with page_size = \"A4 portrait\" %}`).",
                   "page_margin": "Lề giấy, do mẫu chèn đặt."},
}


def _docs() -> dict[str, dict[str, str]]:
    sys.path.insert(0, str(REPO))
    from antq_tui.minutes.context import CONTEXT_DOCS, RENDER_DOCS
    from antq_tui.office.dossier_papers import DOSSIER_CONTEXT_DOCS
    from antq_tui.office.records_list import RECORDS_CONTEXT_DOCS
    from antq_tui.office.reports import DOCUMENT_CONTEXT_DOCS

    html_globals = {k: v for k, v in RENDER_DOCS.items() if k in ("columns", "list_indent")}
    return {MINUTES: CONTEXT_DOCS | RENDER_DOCS, OFFICE: DOCUMENT_CONTEXT_DOCS | html_globals,
            RECORDS: RECORDS_CONTEXT_DOCS | {k: DOCUMENT_CONTEXT_DOCS[k] for k in ISSUER} | html_globals,
            DOSSIER: DOSSIER_CONTEXT_DOCS | html_globals}


def documented_for(template: str) -> set[str]:
    """The names ``template`` may use: what every paper it serves is given (a shared template only what
    all of them are given), and what its including template sets."""
    docs = _docs()
    papers = TEMPLATE_DOCS[template][0]
    names = set.intersection(*(set(docs[p]) for p in papers))
    return names | set(LOCAL_DOCS.get(template, {}))


def _table(rows: dict[str, str]) -> list[str]:
    out = ["| Biến | Ý nghĩa |", "| --- | --- |"]
    out += [f"| `{name}` | {text} |" for name, text in rows.items()]
    return out


def generated_block() -> str:
    from antq_tui.minutes.context import CONTEXT_DOCS, RENDER_DOCS, ROW_DOCS
    from antq_tui.office.dossier_papers import DOSSIER_CONTEXT_DOCS
    from antq_tui.office.records_list import RECORDS_CONTEXT_DOCS
    from antq_tui.office.reports import DOCUMENT_CONTEXT_DOCS

    papers = {MINUTES: "biên bản", OFFICE: "giấy tờ văn phòng", RECORDS: "danh mục hồ sơ",
              DOSSIER: "hồ sơ đề nghị công nhận"}
    lines = [BEGIN, "", "### Các mẫu antq có sẵn", "", "| Mẫu | Dùng cho | Nội dung |", "| --- | --- | --- |"]
    for name, (used, text) in TEMPLATE_DOCS.items():
        lines.append(f"| `{name}` | {', '.join(papers[p] for p in used)} | {text} |")
    lines += ["", "### Biến của biên bản", "",
              "`minutes.html`, `minutes_letterhead.html`, `minutes_signatures.html`, `minutes.css` và `minutes.docx` "
              "nhận các biến sau (tạo trong `antq_tui/minutes/context.py`, `build_context`):", ""]
    lines += _table(CONTEXT_DOCS)
    lines += ["", "Thêm khi in (`antq_tui/minutes/render.py`, `docx.py`):", ""]
    lines += _table(RENDER_DOCS)
    lines += ["", "#### Mỗi dòng tiêu chí (`groups[].rows[]`)", ""]
    lines += _table(ROW_DOCS)
    lines += ["", "### Biến của báo cáo, tờ trình, biểu thống kê", "",
              "`bao_cao.html`, `to_trinh.html`, `statistics.html`, `office_closing.html`, `office.css`, các tệp "
              "`.docx` tương ứng và `minutes_letterhead.html` khi in các giấy tờ này nhận các biến sau (tạo trong "
              "`antq_tui/office/reports.py`, `document_context`); các mẫu HTML có thêm `columns`, `list_indent` và "
              "bộ lọc `pct` (số phần trăm kiểu Việt: `12,5`):", ""]
    lines += _table(DOCUMENT_CONTEXT_DOCS)
    lines += ["", "### Biến của danh mục hồ sơ cần chuẩn bị", "",
              "`ho_so_chuan_bi.html` (và `minutes_letterhead.html`, `office_closing.html` khi in nó) nhận các biến của "
              "cơ quan ban hành như báo cáo (" + ", ".join(f"`{k}`" for k in ISSUER) + ") và (tạo trong "
              "`antq_tui/office/records_list.py`, `context`):", ""]
    lines += _table(RECORDS_CONTEXT_DOCS)
    lines += ["", "### Biến của giấy tờ trong hồ sơ đề nghị công nhận", "",
              "`bien_ban_hop_xet.html`, `bien_ban_hop_xet.docx`, `danh_sach.html` (và `minutes_letterhead.html` khi in "
              "chúng) nhận các biến sau (tạo trong `antq_tui/office/dossier_papers.py`, `paper_context`):", ""]
    lines += _table(DOSSIER_CONTEXT_DOCS)
    for template, local in LOCAL_DOCS.items():
        lines += ["", f"`{template}` còn nhận từ mẫu chèn nó:", ""]
        lines += _table(local)
    shared = sorted(documented_for("minutes_letterhead.html"))
    lines += ["", "Mẫu dùng chung `minutes_letterhead.html` chỉ nên dùng các biến mọi loại giấy tờ đều có: "
              + ", ".join(f"`{n}`" for n in shared) + ".", "", END]
    return "\n".join(lines)


def rewrite(text: str) -> str:
    """``text`` (the guide) with its generated block replaced by :func:`generated_block`."""
    head, sep, rest = text.partition(BEGIN)
    if not sep:
        raise SystemExit(f"docs/plugins.md thiếu dòng đánh dấu {BEGIN}")
    _, sep, tail = rest.partition(END)
    if not sep:
        raise SystemExit(f"docs/plugins.md thiếu dòng đánh dấu {END}")
    return head + generated_block() + tail


def main() -> None:
    GUIDE.write_text(rewrite(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Đã viết lại phần sinh tự động của {GUIDE}")


if __name__ == "__main__":
    main()
