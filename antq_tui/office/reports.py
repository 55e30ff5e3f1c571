"""The office's documents: the Biểu thống kê (CSV, XLSX, PDF in A4 landscape), the Báo cáo kết quả kiểm
tra, thẩm định and the Tờ trình đề nghị công nhận (PDF), in the minutes' style.

They are rendered with the minutes' machinery (:mod:`antq_tui.minutes.render`): the same template
lookup (the workspace's ``templates/`` folder, then plugins' template folders, then antq's own), the
same shipped fonts and letterhead (``minutes_letterhead.html``, ``minutes.css``), and the same HTML
fallback when WeasyPrint's system libraries are missing. A province overrides ``statistics.html``,
``bao_cao.html``, ``to_trinh.html`` or ``office.css`` by putting a file of that name in ``templates/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..files import export_target, output_path, write_atomic
from ..inspection import Inspection
from ..vnformat import format_date, format_long_date, roman
from .stats import Statistics, load_inspections, percent, statistics_from, statistics_tables
from .tables import Table, csv_bytes, xlsx_bytes
from .targets import TargetProgress, target_progress, targets_table

if TYPE_CHECKING:
    from ..storage import Store
    from ..workspace import Workspace

OFFICE_TEMPLATES = Path(__file__).resolve().parent / "templates"
#: the subfolder of the data folder the office's documents go to
REPORTS_SUBDIR = "bao_cao"
DOTS = "……"

DOCUMENTS = {
    "thong_ke": ("statistics.html", "BieuThongKe"),
    "bao_cao": ("bao_cao.html", "BaoCao"),
    "to_trinh": ("to_trinh.html", "ToTrinh"),
}
#: what the messages call each document
DOCUMENT_NAMES = {"thong_ke": "biểu thống kê", "bao_cao": "báo cáo kết quả kiểm tra, thẩm định",
                  "to_trinh": "tờ trình đề nghị công nhận"}


@dataclass
class OfficeData:
    """What every office view needs for one year: the inspections, their statistics, target progress."""

    year: int
    inspections: list[Inspection]
    stats: Statistics
    targets: list[TargetProgress] = field(default_factory=list)

    @classmethod
    def load(cls, workspace: Workspace, store: Store, year: int, *, set_id: str | None = None,
             district: str | None = None, finalized_only: bool = False, whole: bool = True,
             figures: bool = True) -> OfficeData:
        """``whole``: the inspections read whole (the report cites their figures and remarks); else with
        what counting needs (the statistics), and ``figures`` the key figure of each verdict (XLSX, CSV)."""
        inspections = load_inspections(store, year, set_id=set_id, district=district, finalized_only=finalized_only,
                                       whole=whole, figures=figures)
        stats = statistics_from(inspections, year, set_id=set_id, district=district, finalized_only=finalized_only)
        decided = store.recognised_units(year)  # the recorded decisions: marked on the inspection they name
        for line in (u for s in stats.sections for u in s.units if u.unit_id in decided):
            if decided[line.unit_id].inspection_id == line.inspection_id:
                line.recognition = decided[line.unit_id].label
        targets = target_progress(store, workspace.registry.targets, year, district=district,
                                  loaded={i.id: i for i in inspections})
        return cls(year, inspections, stats, targets)

    def tables(self) -> list[Table]:
        out = statistics_tables(self.stats)
        if self.targets:
            out.append(targets_table(self.targets, self.year))
        return out

    def csv_bytes(self) -> bytes:
        return csv_bytes(self.tables())

    def xlsx_bytes(self) -> bytes:
        return xlsx_bytes(self.tables())

    def to_json(self) -> dict[str, Any]:
        return self.stats.to_json() | {"targets": [p.to_json() for p in self.targets]}

    def slug_parts(self) -> list[str]:
        """What the file names add after the year (the report's period, :mod:`.report_paper`)."""
        return []


@dataclass(frozen=True)
class DocumentResult:
    path: Path
    format: str  # "pdf" or "html"
    message: str  # Vietnamese, for the user
    fallback: bool = False  # a PDF was wanted but WeasyPrint could not run
    paths: tuple[Path, ...] = ()  # every file written, when one command wrote several (a tờ trình per authority)


def _scope_slug(data: OfficeData) -> str:
    from ..minutes.render import slug

    parts = [str(data.year), *data.slug_parts()]
    if data.stats.set_id:
        parts.append(data.stats.set_id)
    if data.stats.district:
        parts.append(slug(data.stats.district))
    return "_".join(parts)


def default_path(workspace: Workspace, data: OfficeData, kind: str, fmt: str) -> Path:
    return workspace.data_dir / REPORTS_SUBDIR / f"{DOCUMENTS[kind][1]}_{_scope_slug(data)}.{fmt}"


def _target(workspace: Workspace, data: OfficeData, kind: str, out: Path | None, fmt: str) -> Path:
    return export_target(workspace, out, default_path(workspace, data, kind, fmt), f".{fmt}")


def write_statistics(workspace: Workspace, data: OfficeData, *, csv: Path | None = None, xlsx: Path | None = None,
                     pdf: Path | None = None, html: bool = False, docx: Path | None = None) -> str:
    """Write the Biểu thống kê to the files asked for; returns the Vietnamese message to show."""
    messages = []
    if csv is not None:
        csv = output_path(workspace, csv, ".csv")
        messages.append(f"Đã xuất biểu thống kê ra tệp CSV: {write_atomic(csv, data.csv_bytes())}")
    if xlsx is not None:
        xlsx = output_path(workspace, xlsx, ".xlsx")
        messages.append(f"Đã xuất biểu thống kê ra tệp Excel: {write_atomic(xlsx, data.xlsx_bytes())}")
    if pdf is not None:
        messages.append(export_document(workspace, data, "thong_ke", pdf, html=html).message)
    if docx is not None:
        from .docx_reports import export_document_docx

        messages.append(export_document_docx(workspace, data, "thong_ke", docx).message)
    return "\n".join(messages)


# --------------------------------------------------------------------------------------------------
# rendering


def _issuer(workspace: Workspace) -> dict[str, Any]:
    config = workspace.config
    body = config.issuing_parent or (f"Công an {config.district_kind} {config.district}" if config.district else "")
    return {
        "issuing_parent": f"Công an tỉnh {config.province}" if config.province else "",
        "issuing_body": [body or "CÔNG AN HUYỆN"],
        "issuer": f"Công an {config.district_kind} {config.district}" if config.district else (body or "Công an huyện"),
        "district": config.district,
        "district_kind": config.district_kind,
        "province": config.province,
        "recipient": (f"Ủy ban nhân dân {config.district_kind} {config.district}" if config.district
                      else "Ủy ban nhân dân huyện"),
    }


def _head(workspace: Workspace) -> dict[str, str]:
    """Who signs: the team's trưởng đoàn from config.toml."""
    team = workspace.config.team
    head = next((m for m in team if m.role == "truong_doan"), team[0] if team else None)
    if head is None:
        return {"title": "TRƯỞNG ĐOÀN KIỂM TRA", "name": ""}
    return {"title": "TRƯỞNG ĐOÀN KIỂM TRA", "name": " ".join(x for x in (head.rank, head.name) if x)}


def recommended_lines(stats: Statistics) -> list[Any]:
    """The units a tờ trình proposes: one line per unit (a unit inspected twice in the year is
    proposed once, on its latest visit), finalized, suggesting "đề nghị công nhận"."""
    latest: dict[str, Any] = {}
    for u in (u for s in stats.sections for u in s.units if u.finalized):
        if u.unit_id not in latest or (u.visit_date or dt.date.min) >= (latest[u.unit_id].visit_date or dt.date.min):
            latest[u.unit_id] = u
    return [u for u in latest.values() if u.recommend]


def document_context(workspace: Workspace, data: OfficeData, kind: str, *, today: dt.date | None = None) -> dict[str, Any]:
    """What the template of ``kind`` sees, HTML or Word alike: one place decides what a paper says."""
    from . import charts  # the papers' bars only: antq stats prints none

    today = today or dt.date.today()
    issuer = _issuer(workspace)
    stats = data.stats
    recommended = recommended_lines(stats)
    subjects = [s.subject for s in stats.sections]
    legal = []
    for insp in data.inspections:
        for line in insp.criteria.legal_basis:
            if line not in legal:
                legal.append(line)
    return issuer | {
        "document_kind": kind,  # "thong_ke", "bao_cao" or "to_trinh" ("bien_ban": the minutes)
        "antq_version": __version__,
        "draft": False,
        "draft_mark": "",
        "year": data.year,
        "stats": stats,
        "sections": stats.sections,
        "targets": data.targets,
        "charts": {"groups": charts.group_bars(stats), "targets": charts.target_bars(data.targets)},  # the SVG of statistics.html
        "recommended": recommended,
        "legal_basis": legal,
        "subject": ", ".join(subjects) if subjects else "xã, phường, thị trấn, cơ quan, doanh nghiệp, cơ sở giáo dục",
        "today": format_date(today),
        "place_date": f"{workspace.config.district or DOTS}, {format_long_date(today)}",
        "number_line": f"Số: {DOTS}/{ {'thong_ke': 'BTK', 'bao_cao': 'BC', 'to_trinh': 'TTr'}[kind] }",
        "signer": _head(workspace),
        "percent": percent,
        "roman": roman,
        "district_plan": workspace.config.district_plan,
    } | (_report_context(workspace, data) if kind == "bao_cao" else {})


def _report_context(workspace: Workspace, data: OfficeData) -> dict[str, Any]:
    from .report_paper import report_context

    return report_context(workspace, data)


#: every variable the office's templates (bao_cao.html, to_trinh.html, statistics.html, office.css,
#: office_closing.html, the shared minutes_letterhead.html and their .docx) receive: docs/plugins.md prints it,
#: tests/test_docs.py fails when document_context gives a key not documented here
DOCUMENT_CONTEXT_DOCS: dict[str, str] = {
    "document_kind": "Loại giấy tờ: `\"bao_cao\"`, `\"to_trinh\"` hoặc `\"thong_ke\"` (biên bản: `\"bien_ban\"`, danh mục hồ sơ: `\"ho_so_chuan_bi\"`).",
    "issuing_parent": "Ở báo cáo, tờ trình, biểu thống kê: “Công an tỉnh …” (từ `[district] province`), có thể rỗng "
                      "(ở biên bản là `[minutes] issuing_parent`).",
    "issuing_body": "Ở báo cáo, tờ trình, biểu thống kê: `[minutes] issuing_parent` hoặc “Công an huyện …” — tức Công "
                    "an huyện là cơ quan ban hành (ở biên bản là “ĐOÀN KIỂM TRA”).",
    "issuer": "Cơ quan ban hành trong câu: “Công an huyện Bắc Yên”.",
    "district": "Tên huyện.",
    "district_kind": "“huyện”, “thị xã”, “thành phố”…",
    "province": "Tên tỉnh.",
    "recipient": "Nơi nhận tờ trình: “Ủy ban nhân dân huyện …”.",
    "antq_version": "Phiên bản antq.",
    "draft": "Luôn `false` (giấy tờ của văn phòng không có bản dự thảo).",
    "draft_mark": "Luôn rỗng.",
    "year": "Năm thống kê.",
    "stats": "Toàn bộ số liệu thống kê (`sections`, tổng số…).",
    "sections": "Các phần của biểu thống kê, mỗi phần theo một bộ tiêu chí (`subject`, `units`, `groups`…).",
    "targets": "Tiến độ từng chỉ tiêu (`antq_targets`): `target` (có `source`), số đạt, số cần đạt.",
    "unit_results": "Theo từng phần, từng đơn vị: các tiêu chí đạt / không đạt (kèm nhận xét) / chưa đánh giá.",
    "recommended": "Các đơn vị được đề nghị công nhận (mỗi đơn vị một lần, lần kiểm tra gần nhất).",
    "legal_basis": "Căn cứ của các bộ tiêu chí đã dùng, mỗi văn bản một lần.",
    "subject": "Các loại đơn vị: “xã, phường, thị trấn, cơ quan…”.",
    "today": "Ngày in (dd/mm/yyyy).",
    "place_date": "“Bắc Yên, ngày … tháng … năm …”.",
    "number_line": "“Số: ……/BC” (BTK, BC, TTr theo loại).",
    "signer": "Người ký: `title` (“TRƯỞNG ĐOÀN KIỂM TRA”), `name`.",
    "percent": "Hàm `percent(a, b)`: tỉ lệ phần trăm (số thực hoặc `none`).",
    "roman": "Hàm `roman(n)`: số La Mã.",
    "district_plan": "Kế hoạch của huyện (`[minutes] district_plan`).",
    "charts": "Biểu thống kê: các thanh của biểu đồ (`groups`: mỗi nhóm tiêu chí `title`, `dat`, `khong_dat`, "
              "`total`, `percent`; `targets`: mỗi chỉ tiêu `title`, `share`, `goal`, `count`, `denominator`, "
              "`required`), do `antq_tui/office/charts.py` tính.",
    # the tờ trình only: one paper per authority (office.to_trinh, services.recognition)
    "authority": "Tờ trình: cơ quan xét, công nhận của tờ trình này (`id`, `name`, `address`, `deadline`, `signer`…).",
    "authority_name": "Tờ trình: tên cơ quan công nhận (“Ủy ban nhân dân huyện Bắc Yên”).",
    "via": "Tờ trình: `true` khi tờ trình gửi qua một cơ quan tham mưu (Kính gửi khác cơ quan công nhận, ví dụ "
           "Công an tỉnh trình UBND tỉnh).",
    "deadline_label": "Tờ trình: hạn xét, công nhận của cơ quan đó (“trước ngày 01/10/2023”), có thể rỗng.",
    # the báo cáo only (office.report_paper)
    "period": "Báo cáo: kỳ báo cáo (`key` “nam”/“6thang”, `kind` “tổng kết”/“sơ kết”, `label`, `title`, `span` "
              "(từ ngày … đến ngày …), `half`: kỳ 6 tháng).",
    "period_title": "Báo cáo: “năm 2023” hoặc “6 tháng đầu năm 2023”.",
    "document_title": "Báo cáo: tên đầy đủ (“Báo cáo tổng kết kết quả kiểm tra, thẩm định năm 2023”).",
    "numerals": "Báo cáo: số La Mã của từng phần, theo khóa phần (`numerals.nhan_xet` → “IV”).",
    "dots_line": "Báo cáo: dòng chấm in cho phần để trống (để viết tay).",
    "narrative": "Báo cáo: các phần lời văn (`tuyen_truyen`, `uu_diem`, `ton_tai`, `bai_hoc`, `kien_nghi`, "
                 "`phuong_huong`), mỗi phần có `title` và `paragraphs` (danh sách đoạn).",
    "fonts_url": "Địa chỉ thư mục phông chữ (chỉ mẫu HTML).",
}


def pct(value: float | None) -> str:
    """The templates' ``pct`` filter: ``12.5 → "12,5"``, no value → "—"."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def render_html(workspace: Workspace, data: OfficeData, kind: str, *, today: dt.date | None = None,
                extra: Mapping[str, Any] | None = None) -> tuple[str, Path]:
    """A document as HTML, and the folder its relative links resolve from (``extra`` over the context)."""
    from ..minutes.render import FONTS_DIR, make_environment, template_search_path

    env = make_environment([*template_search_path(workspace), OFFICE_TEMPLATES])
    env.filters["pct"] = pct
    template = env.get_template(DOCUMENTS[kind][0])
    context = document_context(workspace, data, kind, today=today) | dict(extra or {}) | {
        "fonts_url": FONTS_DIR.as_uri() + "/"}
    html = template.render(context)
    base = Path(template.filename).parent if template.filename else OFFICE_TEMPLATES
    return html, base


def export_document(workspace: Workspace, data: OfficeData, kind: str, out: Path | None = None, *,
                    html: bool = False, today: dt.date | None = None,
                    extra: Mapping[str, Any] | None = None) -> DocumentResult:
    """Render ``kind`` ("thong_ke", "bao_cao", "to_trinh") to PDF (or HTML) and write it atomically."""
    from ..minutes.render import WeasyPrintUnavailable, html_to_pdf

    names = DOCUMENT_NAMES
    text, base = render_html(workspace, data, kind, today=today, extra=extra)
    reason = ""
    pdf: bytes | None = None
    if not html:
        try:
            pdf = html_to_pdf(text, base)
        except WeasyPrintUnavailable as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if pdf is not None:
        path = write_atomic(_target(workspace, data, kind, out, "pdf"), pdf)
        return DocumentResult(path, "pdf", f"Đã xuất {names[kind]} ra tệp PDF: {path}")
    path = write_atomic(_target(workspace, data, kind, out, "html"), text.encode("utf-8"))
    if html:
        return DocumentResult(path, "html", f"Đã xuất {names[kind]} ra tệp HTML: {path}")
    return DocumentResult(
        path, "html",
        f"Không tạo được tệp PDF vì máy thiếu thư viện hệ thống của WeasyPrint (Pango) — {reason}. Đã xuất "
        f"{names[kind]} ra tệp HTML để in: {path}. Mở bằng trình duyệt và in (Ctrl+P).",
        fallback=True,
    )


__all__ = ["DOCUMENTS", "DocumentResult", "OfficeData", "export_document", "render_html", "write_statistics"]
