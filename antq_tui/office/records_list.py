"""Before the visit: the list of records a unit must prepare, criterion by criterion, to send with
the inspection notice (``ho_so_chuan_bi.html``).

It is read from a criteria set as it stands (the loaded plugins, the province's amendments applied)
or from an inspection's snapshot (what that inspection will check), so the unit prepares exactly
the records the team will ask to see and the figures its checks need. Rendered like the office's
other papers (:mod:`.reports`): same template lookup, letterhead, fonts, HTML fallback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..criteria import CriteriaSet
from ..criteria.changes import CHANGE_LABELS
from ..files import export_target, write_atomic
from ..labels import unit_kind_label
from ..vnformat import format_long_date, roman
from .reports import DOTS, OFFICE_TEMPLATES, REPORTS_SUBDIR, DocumentResult, _head, _issuer

if TYPE_CHECKING:
    from ..workspace import Workspace

TEMPLATE = "ho_so_chuan_bi.html"


@dataclass(frozen=True)
class RecordsFor:
    """Whom the list is for: a unit (empty: every unit the set applies to) and the year."""

    year: int
    unit_name: str = ""
    unit_kind: str = ""


def context(workspace: Workspace, criteria: CriteriaSet, who: RecordsFor, *, today: dt.date | None = None) -> dict[str, Any]:
    """What the template sees."""
    today = today or dt.date.today()
    groups = []
    amended = False
    for i, g in enumerate(criteria.groups, 1):
        rows = []
        for c in criteria.criteria_in(g.id):
            mark = CHANGE_LABELS.get(c.change_kind, "")
            amended = amended or bool(mark)
            figures = [f.label + (f" ({f.unit})" if f.unit else "") + ("" if f.required else " — nếu có")
                       for f in c.fields]
            rows.append({"number": c.number, "text": c.text, "evidence": list(c.evidence), "figures": figures,
                         "mark": mark})
        if rows:
            groups.append({"numeral": roman(i), "title": g.title, "criteria": rows})
    return _issuer(workspace) | {
        "document_kind": "ho_so_chuan_bi",
        "antq_version": __version__,
        "draft": False,
        "draft_mark": "",
        "year": who.year,
        "unit_name": who.unit_name,
        "unit_kind_label": unit_kind_label(who.unit_kind) if who.unit_kind else "",
        "subject": criteria.subject or "đơn vị",
        "set_title": criteria.title,
        "groups": groups,
        "amended": amended,
        "amended_by": "tỉnh",
        "dots": DOTS,
        "number_line": f"Số: {DOTS}/ĐKT",
        "place_date": f"{workspace.config.district or DOTS}, {format_long_date(today)}",
        "signer": _head(workspace),
    }


#: every variable ``ho_so_chuan_bi.html`` receives besides the letterhead's (``_issuer``: see
#: :data:`.reports.DOCUMENT_CONTEXT_DOCS`); docs/plugins.md prints it, tests/test_docs.py keeps it in step
RECORDS_CONTEXT_DOCS: dict[str, str] = {
    "document_kind": "Luôn `\"ho_so_chuan_bi\"`.",
    "antq_version": "Phiên bản antq.",
    "draft": "Luôn `false`.",
    "draft_mark": "Luôn rỗng.",
    "year": "Năm xét.",
    "unit_name": "Tên đơn vị (rỗng: danh mục chung cho mọi đơn vị của bộ).",
    "unit_kind_label": "Loại đơn vị (“Xã”…), có thể rỗng.",
    "subject": "Các loại đơn vị của bộ tiêu chí.",
    "set_title": "Tên bộ tiêu chí.",
    "groups": "Các nhóm: `numeral`, `title`, `criteria` (mỗi tiêu chí: `number`, `text`, `evidence`, `figures`, "
              "`mark` — “thêm”, “sửa đổi” hoặc rỗng).",
    "amended": "`true` khi có tiêu chí được thêm hay sửa đổi.",
    "amended_by": "Ai thêm, sửa đổi (“tỉnh”), cho dòng chú thích.",
    "dots": "“……”, chỗ điền tay.",
    "number_line": "“Số: ……/ĐKT”.",
    "place_date": "Địa danh và ngày in.",
    "signer": "Người ký: `title`, `name`.",
    "fonts_url": "Địa chỉ thư mục phông chữ.",
}


def render_html(workspace: Workspace, criteria: CriteriaSet, who: RecordsFor, *,
                today: dt.date | None = None) -> tuple[str, Path]:
    from ..minutes.render import FONTS_DIR, make_environment, template_search_path

    env = make_environment([*template_search_path(workspace), OFFICE_TEMPLATES])
    template = env.get_template(TEMPLATE)
    html = template.render(context(workspace, criteria, who, today=today) | {"fonts_url": FONTS_DIR.as_uri() + "/"})
    return html, Path(template.filename).parent if template.filename else OFFICE_TEMPLATES


def default_path(workspace: Workspace, criteria: CriteriaSet, who: RecordsFor, fmt: str) -> Path:
    from ..minutes.render import slug

    name = slug(who.unit_name) if who.unit_name else criteria.id
    return workspace.data_dir / REPORTS_SUBDIR / f"HoSoChuanBi_{name}_{who.year}.{fmt}"


def export(workspace: Workspace, criteria: CriteriaSet, who: RecordsFor, out: Path | None = None, *,
           html: bool = False, today: dt.date | None = None) -> DocumentResult:
    """Write the list as PDF (or HTML when asked, or when WeasyPrint cannot run)."""
    from ..minutes.render import WeasyPrintUnavailable, html_to_pdf

    text, base = render_html(workspace, criteria, who, today=today)
    what = "danh mục hồ sơ cần chuẩn bị"
    pdf: bytes | None = None
    reason = ""
    if not html:
        try:
            pdf = html_to_pdf(text, base)
        except WeasyPrintUnavailable as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    fmt = "pdf" if pdf is not None else "html"
    target = export_target(workspace, out, default_path(workspace, criteria, who, fmt), f".{fmt}")
    path = write_atomic(target, pdf if pdf is not None else text.encode("utf-8"))
    if pdf is not None:
        return DocumentResult(path, "pdf", f"Đã xuất {what} ra tệp PDF: {path}")
    if html:
        return DocumentResult(path, "html", f"Đã xuất {what} ra tệp HTML: {path}")
    return DocumentResult(path, "html", f"Không tạo được tệp PDF ({reason}). Đã xuất {what} ra tệp HTML để in: "
                          f"{path}.", fallback=True)


__all__ = ["RecordsFor", "context", "export", "render_html"]
