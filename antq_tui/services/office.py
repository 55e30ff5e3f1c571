"""At the office: the year's statistics, the report (báo cáo) and the tờ trình, with their rules.

The year defaults to the latest year with inspections (not after this year when one is), else this
year — the same in the TUI's statistics screen and in ``antq stats``; the report and the tờ trình count finalized inspections only; no tờ
trình is made when no finalized inspection recommends recognition (đề nghị công nhận).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from ..workspace import is_placeholder, unset_roles
from .context import Context, ServiceError

if TYPE_CHECKING:
    from ..office.reports import DocumentResult, OfficeData

#: the documents :func:`document` makes (kind → what the messages call it)
REPORT = "bao_cao"
TO_TRINH = "to_trinh"
STATISTICS = "thong_ke"


def default_year(ctx: Context, year: int | None = None, *, today: dt.date | None = None) -> int:
    """``year``; else the latest year with inspections, not after today's year if any is; else today's."""
    if year:
        return year
    today = today or dt.date.today()
    years = {row.year for row in ctx.store.list_inspections()}
    past = [y for y in years if y <= today.year]
    return max(past or years or [today.year])


def statistics(ctx: Context, year: int | None = None, *, set_id: str | None = None, district: str | None = None,
               include_drafts: bool = False, whole: bool = False) -> OfficeData:
    """The year's inspections, their statistics and the province's target progress.

    :param include_drafts: count the inspections not finalized too (a draft can still change, so by
        default they are left out, and the papers say how many).
    :param whole: read each inspection whole (the report and the tờ trình cite figures and remarks);
        the statistics count from the verdicts alone.
    """
    from ..office.reports import OfficeData

    return OfficeData.load(ctx.workspace, ctx.store, default_year(ctx, year), set_id=set_id, district=district,
                           finalized_only=not include_drafts, whole=whole)


def has_recommended_unit(data: OfficeData) -> bool:
    """Whether some unit of ``data`` has the suggested conclusion "đề nghị công nhận"."""
    return any(u.recommend for s in data.stats.sections for u in s.units)


def document(ctx: Context, kind: str, year: int | None = None, *, set_id: str | None = None,
             district: str | None = None, include_drafts: bool = False, out: Path | None = None,
             html: bool = False, today: dt.date | None = None, docx: bool = False) -> DocumentResult:
    """Write the report (``REPORT``), the tờ trình (``TO_TRINH``) or the statistics (``STATISTICS``)
    as PDF (or HTML, or a Word file with ``docx``). The report and the tờ trình count finalized
    inspections only; the statistics too unless ``include_drafts``.

    :raises ServiceError: a tờ trình with no recommended unit; a report or tờ trình whose signer (the
        trưởng đoàn of config.toml) or district plan is still a placeholder.
    """
    from ..office.reports import export_document

    if kind != STATISTICS:
        require_filled(ctx, kind)

    year = default_year(ctx, year, today=today)
    data = statistics(ctx, year, set_id=set_id, district=district, include_drafts=include_drafts and kind == STATISTICS,
                      whole=kind != STATISTICS)
    if kind == TO_TRINH and not has_recommended_unit(data):
        raise ServiceError(f"Năm {year} không có cuộc kiểm tra đã hoàn thành nào có kết luận gợi ý "
                           "“đề nghị công nhận”; không lập tờ trình.")
    if docx:
        from ..office.docx_reports import export_document_docx

        return export_document_docx(ctx.workspace, data, kind, out, today=today)
    return export_document(ctx.workspace, data, kind, out, html=html, today=today)


def unfilled(ctx: Context) -> list[str]:
    """What the report and the tờ trình would print empty or as a placeholder (Vietnamese): the
    trưởng đoàn who signs them, the district plan they cite."""
    config = ctx.config
    gaps = [f"tên {label} (người ký)" for label in unset_roles(config.team) if label == "trưởng đoàn"]
    if config.district_plan and is_placeholder(config.district_plan):
        gaps.append("số, ngày kế hoạch của huyện")
    return gaps


def require_filled(ctx: Context, kind: str) -> None:
    """Refuse, naming each field, a report or tờ trình that would print a placeholder."""
    gaps = unfilled(ctx)
    if gaps:
        what = "tờ trình" if kind == TO_TRINH else "báo cáo"
        raise ServiceError(f"Không lập {what} vì còn thiếu " + "; ".join(gaps)
                           + ". Hãy điền ở Cài đặt (phím c ở màn hình chính) hoặc config.toml, rồi làm lại.")


def report(ctx: Context, year: int | None = None, **kwargs: object) -> DocumentResult:
    """The báo cáo kết quả kiểm tra, thẩm định (see :func:`document`)."""
    return document(ctx, REPORT, year, **kwargs)  # type: ignore[arg-type]


def to_trinh(ctx: Context, year: int | None = None, **kwargs: object) -> DocumentResult:
    """The tờ trình đề nghị công nhận (see :func:`document`)."""
    return document(ctx, TO_TRINH, year, **kwargs)  # type: ignore[arg-type]


def statistics_path(ctx: Context, data: OfficeData, fmt: str) -> Path:
    """Where the statistics of ``data`` go by default, as ``fmt`` ("csv", "xlsx", "pdf", "docx")."""
    from ..office.reports import default_path

    return default_path(ctx.workspace, data, STATISTICS, fmt)


def write_statistics(ctx: Context, data: OfficeData, *, csv: Path | None = None, xlsx: Path | None = None,
                     pdf: Path | None = None, html: bool = False, docx: Path | None = None) -> str:
    """Write the statistics as CSV, Excel, PDF or Word; returns the Vietnamese message."""
    from ..office.reports import write_statistics as write

    return write(ctx.workspace, data, csv=csv, xlsx=xlsx, pdf=pdf, html=html, docx=docx)
