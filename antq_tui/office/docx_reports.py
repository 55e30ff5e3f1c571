"""The office's papers as Word files: the Báo cáo, the Tờ trình and the Biểu thống kê (.docx).

The same context as their HTML templates (:func:`antq_tui.office.reports.document_context`), filled in
with docxtpl by :mod:`antq_tui.minutes.docx`. The templates (``bao_cao.docx``, ``to_trinh.docx``,
``statistics.docx``) are found like the HTML ones: the workspace's ``templates/`` folder first, then
plugins' template folders, then antq's own (built by ``scripts/make_docx_templates.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import write_atomic
from .reports import (
    DOCUMENT_NAMES,
    DOCUMENTS,
    OFFICE_TEMPLATES,
    DocumentResult,
    OfficeData,
    _target,
    document_context,
    pct,
)

if TYPE_CHECKING:
    from ..workspace import Workspace

FORMAT_DOCX = "docx"
TITLES = {"thong_ke": "Biểu thống kê kết quả kiểm tra, thẩm định năm {year}",
          "bao_cao": "Báo cáo kết quả kiểm tra, thẩm định năm {year}",
          "to_trinh": "Tờ trình đề nghị công nhận năm {year}"}


def template_name(kind: str) -> str:
    """``"bao_cao" → "bao_cao.docx"``: the Word template beside the HTML one of the same name."""
    return Path(DOCUMENTS[kind][0]).with_suffix(".docx").name


def export_document_docx(workspace: Workspace, data: OfficeData, kind: str, out: Path | None = None, *,
                         today: dt.date | None = None, extra: Mapping[str, Any] | None = None) -> DocumentResult:
    """Write ``kind`` ("thong_ke", "bao_cao", "to_trinh") as a Word file, atomically."""
    from ..minutes.docx import find_template, render_docx
    from ..minutes.render import template_search_path

    template = find_template([*template_search_path(workspace), OFFICE_TEMPLATES], template_name(kind))
    context = document_context(workspace, data, kind, today=today) | dict(extra or {})
    title = context.get("document_title") or TITLES[kind].format(year=data.year)
    docx = render_docx(template, context, title=title, filters={"pct": pct})
    path = write_atomic(_target(workspace, data, kind, out, FORMAT_DOCX), docx)
    return DocumentResult(path, FORMAT_DOCX, f"Đã xuất {DOCUMENT_NAMES[kind]} ra tệp Word: {path}")


__all__ = ["export_document_docx", "template_name"]
