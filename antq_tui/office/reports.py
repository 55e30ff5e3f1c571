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
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..files import output_path, write_atomic
from ..inspection import Inspection
from ..vnformat import format_date, format_long_date, roman
from .charts import group_bars, target_bars
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
             district: str | None = None, finalized_only: bool = False, whole: bool = True) -> OfficeData:
        """``whole``: the inspections read whole (the report cites their figures and remarks); else with
        what counting needs (the statistics)."""
        inspections = load_inspections(store, year, set_id=set_id, district=district, finalized_only=finalized_only,
                                       whole=whole)
        stats = statistics_from(inspections, year, set_id=set_id, district=district, finalized_only=finalized_only)
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


@dataclass(frozen=True)
class DocumentResult:
    path: Path
    format: str  # "pdf" or "html"
    message: str  # Vietnamese, for the user
    fallback: bool = False  # a PDF was wanted but WeasyPrint could not run


def _scope_slug(data: OfficeData) -> str:
    from ..minutes.render import slug

    parts = [str(data.year)]
    if data.stats.set_id:
        parts.append(data.stats.set_id)
    if data.stats.district:
        parts.append(slug(data.stats.district))
    return "_".join(parts)


def default_path(workspace: Workspace, data: OfficeData, kind: str, fmt: str) -> Path:
    return workspace.data_dir / REPORTS_SUBDIR / f"{DOCUMENTS[kind][1]}_{_scope_slug(data)}.{fmt}"


def _target(workspace: Workspace, data: OfficeData, kind: str, out: Path | None, fmt: str) -> Path:
    if out is None:
        return default_path(workspace, data, kind, fmt)
    out = Path(out)
    if out.is_dir():
        return out / default_path(workspace, data, kind, fmt).name
    return output_path(workspace, out, f".{fmt}")


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


def _unit_results(data: OfficeData) -> list[dict[str, Any]]:
    """Per section, per unit: every criterion number in đạt / không đạt / chưa đánh giá, by group, with
    the team's remark on each one not đạt — the "result of each specific criterion" that
    the district plan of Bắc Yên, Sơn La (Kế hoạch của Công an huyện Bắc Yên) asks for."""
    by_id = {i.id: i for i in data.inspections}
    sections = []
    for section in data.stats.sections:
        units = []
        for u in section.units:
            insp = by_id[u.inspection_id]
            groups = []
            for i, (gid, title) in enumerate(section.groups, 1):
                crits = insp.criteria.criteria_in(gid)
                if not crits:
                    continue
                failed = set(u.failed)
                dat = [c.number for c in crits if c.number not in failed and insp.answer(c.number).assessed]
                groups.append({
                    "numeral": roman(i), "title": title, "total": len(crits), "dat": dat,
                    "khong_dat": [{"number": c.number, "text": c.text, "remark": insp.answer(c.number).remark}
                                  for c in crits if c.number in failed],
                    "unassessed": [c.number for c in crits if not insp.answer(c.number).assessed],
                })
            units.append({"line": u, "inspection": insp, "groups": groups,
                          "date": format_date(u.visit_date) or DOTS})
        sections.append({"section": section, "units": units})
    return sections


def document_context(workspace: Workspace, data: OfficeData, kind: str, *, today: dt.date | None = None) -> dict[str, Any]:
    """What the template of ``kind`` sees, HTML or Word alike: one place decides what a paper says."""
    today = today or dt.date.today()
    issuer = _issuer(workspace)
    stats = data.stats
    # one line per unit: a unit inspected twice in the year is proposed once, on its latest visit
    latest: dict[str, Any] = {}
    for u in (u for s in stats.sections for u in s.units if u.finalized):
        if u.unit_id not in latest or (u.visit_date or dt.date.min) >= (latest[u.unit_id].visit_date or dt.date.min):
            latest[u.unit_id] = u
    recommended = [u for u in latest.values() if u.recommend]
    subjects = [s.subject for s in stats.sections]
    legal = []
    for insp in data.inspections:
        for line in insp.criteria.legal_basis:
            if line not in legal:
                legal.append(line)
    return issuer | {
        "antq_version": __version__,
        "draft": False,
        "draft_mark": "",
        "year": data.year,
        "stats": stats,
        "sections": stats.sections,
        "targets": data.targets,
        "charts": {"groups": group_bars(stats), "targets": target_bars(data.targets)},  # the SVG of statistics.html
        "unit_results": _unit_results(data),
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
    }


def pct(value: float | None) -> str:
    """The templates' ``pct`` filter: ``12.5 → "12,5"``, no value → "—"."""
    return "—" if value is None else f"{value:.1f}".replace(".", ",")


def render_html(workspace: Workspace, data: OfficeData, kind: str, *, today: dt.date | None = None) -> tuple[str, Path]:
    """A document as HTML, and the folder its relative links resolve from."""
    from ..minutes.render import FONTS_DIR, make_environment, template_search_path

    env = make_environment([*template_search_path(workspace), OFFICE_TEMPLATES])
    env.filters["pct"] = pct
    template = env.get_template(DOCUMENTS[kind][0])
    context = document_context(workspace, data, kind, today=today) | {"fonts_url": FONTS_DIR.as_uri() + "/"}
    html = template.render(context)
    base = Path(template.filename).parent if template.filename else OFFICE_TEMPLATES
    return html, base


def export_document(workspace: Workspace, data: OfficeData, kind: str, out: Path | None = None, *,
                    html: bool = False, today: dt.date | None = None) -> DocumentResult:
    """Render ``kind`` ("thong_ke", "bao_cao", "to_trinh") to PDF (or HTML) and write it atomically."""
    from ..minutes.render import WeasyPrintUnavailable, html_to_pdf

    names = DOCUMENT_NAMES
    text, base = render_html(workspace, data, kind, today=today)
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
